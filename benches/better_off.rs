//! One better-off calculation (current + offer) and the 0–48 hours income curve: every
//! match will carry one, so it must cost microseconds.

use betterwork::better_off::domain::{compare, income_by_hours};
use betterwork::better_off::{Scenario, ScenarioInput};
use betterwork::rates::Rates;
use criterion::{black_box, criterion_group, criterion_main, Criterion};

const SCENARIO: &str = r#"{
  "date": "2026-08-14",
  "household": {
    "adults": [{"age": 22}, {"age": 28, "monthly_earnings_pence": 60000}],
    "children": [{"born_on": "2015-05-06"}, {"born_on": "2025-05-06"}],
    "claims_universal_credit": true,
    "eligible_housing_costs_monthly_pence": 110000
  },
  "current": {"jobs": [{"hourly_pay_pence": 1414, "weekly_hours": 16}], "childcare_weekly_pence": 30000, "travel_weekly_pence": 2500},
  "offer": {"jobs": [{"hourly_pay_pence": 1664, "weekly_hours": 22.5}], "childcare_weekly_pence": 30000, "contract": "permanent"}
}"#;

fn better_off(c: &mut Criterion) {
    let rates = Rates::shipped().unwrap();
    let input: ScenarioInput = serde_json::from_str(SCENARIO).unwrap();
    let scenario = Scenario::try_from(input).unwrap();
    let year = rates.tax_benefit.as_at(scenario.date).unwrap();
    c.bench_function("better-off: one calculation (current + offer)", |b| {
        b.iter(|| compare(black_box(&scenario), &year, 1480))
    });
    c.bench_function("better-off: with the rates looked up as at the date", |b| {
        b.iter(|| betterwork::better_off::check_scenario(&rates, black_box(&scenario)).unwrap())
    });
    c.bench_function("better-off: income curve 0-48 hours", |b| {
        b.iter(|| {
            income_by_hours(
                &scenario.household,
                &scenario.offer,
                betterwork::types::Pence::new(1664),
                48,
                scenario.date,
                &year,
            )
        })
    });
}

criterion_group!(benches, better_off);
criterion_main!(benches);
