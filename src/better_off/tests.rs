//! The calculation against PolicyEngine UK's figures, component by component at and across
//! each threshold, and its invariants.

use chrono::NaiveDate;
use proptest::prelude::*;
use serde::Deserialize;

use super::domain::*;
use super::scenario::{Household, Job, Scenario, ScenarioInput, Situation};
use crate::rates::{Rates, TaxBenefitYear};
use crate::types::{Pence, WeeklyHours};

const VECTORS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/better_off_vectors.csv"
));

fn rates() -> Rates {
    Rates::shipped().unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn year(d: NaiveDate) -> TaxBenefitYear {
    rates().tax_benefit.as_at(d).unwrap()
}

#[derive(Debug, Deserialize)]
struct Vector {
    id: String,
    scenario_json: String,
    current_gross_monthly_pence: i64,
    current_income_tax_monthly_pence: i64,
    current_national_insurance_monthly_pence: i64,
    current_universal_credit_monthly_pence: i64,
    current_net_monthly_pence: i64,
    offer_gross_monthly_pence: i64,
    offer_income_tax_monthly_pence: i64,
    offer_national_insurance_monthly_pence: i64,
    offer_universal_credit_monthly_pence: i64,
    offer_net_monthly_pence: i64,
    better_off_monthly_pence: i64,
    better_off_weekly_pence: i64,
    current_childcare_monthly_pence: i64,
    current_travel_monthly_pence: i64,
    offer_childcare_monthly_pence: i64,
    offer_travel_monthly_pence: i64,
    effective_marginal_deduction_rate_bp: Option<i64>,
    tax_benefit_deduction_rate_bp: Option<i64>,
    tags: String,
}

#[test]
fn every_policyengine_vector_matches_within_tolerance() {
    let rates = rates();
    let mut reader = csv::Reader::from_reader(VECTORS.as_bytes());
    let mut failures = Vec::new();
    let mut count = 0;
    for row in reader.deserialize::<Vector>() {
        let v = row.unwrap();
        count += 1;
        let input: ScenarioInput = serde_json::from_str(&v.scenario_json).unwrap();
        let r = super::check(&rates, input).unwrap_or_else(|e| panic!("{}: {e}", v.id));
        let money = [
            (
                "current.gross",
                r.current.gross_monthly_pence,
                v.current_gross_monthly_pence,
            ),
            (
                "current.income_tax",
                r.current.income_tax_monthly_pence,
                v.current_income_tax_monthly_pence,
            ),
            (
                "current.ni",
                r.current.national_insurance_monthly_pence,
                v.current_national_insurance_monthly_pence,
            ),
            (
                "current.uc",
                r.current.universal_credit_monthly_pence,
                v.current_universal_credit_monthly_pence,
            ),
            (
                "current.childcare",
                r.current.childcare_monthly_pence,
                v.current_childcare_monthly_pence,
            ),
            (
                "current.travel",
                r.current.travel_monthly_pence,
                v.current_travel_monthly_pence,
            ),
            (
                "current.net",
                r.current.net_monthly_pence,
                v.current_net_monthly_pence,
            ),
            (
                "offer.gross",
                r.offer.gross_monthly_pence,
                v.offer_gross_monthly_pence,
            ),
            (
                "offer.income_tax",
                r.offer.income_tax_monthly_pence,
                v.offer_income_tax_monthly_pence,
            ),
            (
                "offer.ni",
                r.offer.national_insurance_monthly_pence,
                v.offer_national_insurance_monthly_pence,
            ),
            (
                "offer.uc",
                r.offer.universal_credit_monthly_pence,
                v.offer_universal_credit_monthly_pence,
            ),
            (
                "offer.childcare",
                r.offer.childcare_monthly_pence,
                v.offer_childcare_monthly_pence,
            ),
            (
                "offer.travel",
                r.offer.travel_monthly_pence,
                v.offer_travel_monthly_pence,
            ),
            (
                "offer.net",
                r.offer.net_monthly_pence,
                v.offer_net_monthly_pence,
            ),
            (
                "better_off_monthly",
                r.better_off_monthly_pence,
                v.better_off_monthly_pence,
            ),
        ];
        for (name, ours, theirs) in money {
            if (ours.get() - theirs).abs() > 100 {
                failures.push(format!(
                    "{} {name}: ours {ours}, PolicyEngine {theirs} [{}]",
                    v.id, v.tags
                ));
            }
        }
        if (r.better_off_weekly_pence.get() - v.better_off_weekly_pence).abs() > 25 {
            failures.push(format!(
                "{} better_off_weekly: ours {}, theirs {}",
                v.id, r.better_off_weekly_pence, v.better_off_weekly_pence
            ));
        }
        let gained = (v.offer_gross_monthly_pence - v.current_gross_monthly_pence).abs();
        if gained >= 20_000 {
            for (name, ours, theirs) in [
                (
                    "emdr",
                    r.effective_marginal_deduction_rate_bp,
                    v.effective_marginal_deduction_rate_bp,
                ),
                (
                    "tbdr",
                    r.tax_benefit_deduction_rate_bp,
                    v.tax_benefit_deduction_rate_bp,
                ),
            ] {
                let (Some(ours), Some(theirs)) = (ours, theirs) else {
                    failures.push(format!("{} {name}: ours {ours:?}, theirs {theirs:?}", v.id));
                    continue;
                };
                if (ours - theirs).abs() > 100 {
                    failures.push(format!("{} {name}: ours {ours}, theirs {theirs}", v.id));
                }
            }
        }
    }
    assert_eq!(count, 260);
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn single(age: u32) -> Household {
    Household {
        candidate_age: age,
        partner: None,
        children: vec![],
        claims_universal_credit: true,
        eligible_housing_costs_monthly: Pence::ZERO,
        other_income_monthly: Pence::ZERO,
    }
}

fn job(pay: i64, hours: i32) -> Situation {
    Situation {
        jobs: vec![Job {
            hourly_pay: Pence::new(pay),
            weekly_hours: WeeklyHours::from_whole(hours),
        }],
        childcare_weekly: Pence::ZERO,
        travel_weekly: Pence::ZERO,
        contract: None,
    }
}

#[test]
fn no_income_tax_up_to_the_personal_allowance_then_twenty_percent() {
    let r = year(date(2026, 6, 1));
    assert_eq!(income_tax_annual(1_257_000, &r), 0);
    assert_eq!(income_tax_annual(1_257_100, &r), 20);
    assert_eq!(income_tax_annual(5_027_000, &r), 754_000);
    // Into the higher rate: 40p of the next pound.
    assert_eq!(income_tax_annual(5_027_100, &r), 754_040);
}

#[test]
fn the_personal_allowance_tapers_away_above_100000() {
    let r = year(date(2026, 6, 1));
    let at_threshold = income_tax_annual(10_000_000, &r);
    // £2 more income loses £1 of allowance: 40% on £2 plus 40% on £1 = £1.20.
    assert_eq!(income_tax_annual(10_000_200, &r) - at_threshold, 120);
    // Gone entirely at £125,140: all income taxable.
    let no_allowance = income_tax_annual(12_514_000, &r);
    assert_eq!(
        no_allowance,
        3_770_000 * 20 / 100 + (12_514_000 - 3_770_000) * 40 / 100
    );
}

#[test]
fn ni_starts_at_the_primary_threshold_and_drops_to_two_percent_above_the_upper_limit() {
    let r = year(date(2025, 6, 1));
    let primary = 24_173 * 52;
    assert_eq!(national_insurance_annual(primary, &r), 0);
    assert_eq!(national_insurance_annual(primary + 10_000, &r), 800);
    let upper = 96_673 * 52;
    let at_upper = national_insurance_annual(upper, &r);
    assert_eq!(
        national_insurance_annual(upper + 10_000, &r) - at_upper,
        200
    );
}

#[test]
fn the_work_allowance_is_lower_with_a_housing_element_and_absent_without_children() {
    let d = date(2026, 6, 1);
    let r = year(d);
    let mut household = single(30);
    let month = |net| UcMonth {
        household_net_earnings: net,
        candidate_works: true,
        childcare_monthly: 0,
    };
    // Without children, every pound of net earnings is tapered.
    let base = universal_credit(&household, d, &month(0), &r);
    assert_eq!(
        base - universal_credit(&household, d, &month(10_000), &r),
        5_500
    );
    household.children = vec![date(2020, 1, 1)];
    let with_child = universal_credit(&household, d, &month(0), &r);
    // Up to the higher work allowance (no housing) nothing is withdrawn.
    assert_eq!(
        universal_credit(&household, d, &month(71_000), &r),
        with_child
    );
    assert_eq!(
        with_child - universal_credit(&household, d, &month(71_100), &r),
        55
    );
    household.eligible_housing_costs_monthly = Pence::new(50_000);
    let with_housing = universal_credit(&household, d, &month(0), &r);
    assert_eq!(
        universal_credit(&household, d, &month(42_700), &r),
        with_housing
    );
    assert_eq!(
        with_housing - universal_credit(&household, d, &month(42_800), &r),
        55
    );
}

#[test]
fn the_childcare_element_is_85_percent_capped_by_the_number_of_children_and_needs_work() {
    let r = year(date(2026, 6, 1));
    assert_eq!(childcare_element(100_000, 1, true, &r), 85_000);
    assert_eq!(childcare_element(200_000, 1, true, &r), 107_109);
    assert_eq!(childcare_element(200_000, 2, true, &r), 170_000);
    assert_eq!(childcare_element(300_000, 3, true, &r), 183_616);
    assert_eq!(childcare_element(100_000, 1, false, &r), 0);
}

#[test]
fn the_two_child_limit_applies_before_6_april_2026_and_not_after() {
    let third_child = vec![date(2018, 1, 1), date(2019, 1, 1), date(2020, 1, 1)];
    let before = year(date(2026, 4, 5));
    let after = year(date(2026, 4, 6));
    assert_eq!(
        child_elements(&third_child, date(2026, 4, 5), &before),
        2 * before.uc_each_child
    );
    assert_eq!(
        child_elements(&third_child, date(2026, 4, 6), &after),
        3 * after.uc_each_child
    );
    // Children born before April 2017 always count, and the eldest gets the higher amount;
    // two of them already use up the limit for a younger child.
    let older = vec![date(2012, 1, 1), date(2015, 1, 1), date(2016, 1, 1)];
    assert_eq!(
        child_elements(&older, date(2025, 6, 1), &before),
        before.uc_first_child_before_2017 + 2 * before.uc_each_child
    );
    let two_older_one_younger = vec![date(2012, 1, 1), date(2015, 1, 1), date(2019, 1, 1)];
    assert_eq!(
        child_elements(&two_older_one_younger, date(2025, 6, 1), &before),
        before.uc_first_child_before_2017 + before.uc_each_child
    );
    // A child of 16 is no longer a dependant here.
    assert_eq!(
        child_elements(&[date(2009, 1, 1)], date(2025, 6, 1), &before),
        0
    );
}

#[test]
fn the_standard_allowance_changes_at_25() {
    let r = year(date(2026, 6, 1));
    assert_eq!(standard_allowance(&single(24), &r), r.uc_single_under_25);
    assert_eq!(standard_allowance(&single(25), &r), r.uc_single_25_or_over);
    let mut couple = single(24);
    couple.partner = Some((24, Pence::new(0)));
    assert_eq!(standard_allowance(&couple, &r), r.uc_couple_both_under_25);
    couple.partner = Some((25, Pence::new(0)));
    assert_eq!(standard_allowance(&couple, &r), r.uc_couple_one_25_or_over);
}

fn scenario(household: Household, current: Situation, offer: Situation) -> Scenario {
    Scenario {
        date: date(2026, 6, 1),
        household,
        current,
        offer,
        outcome_hours: Default::default(),
    }
}

proptest! {
    #[test]
    fn more_gross_pay_never_lowers_tax_and_ni(a in 0i64..20_000_000, extra in 0i64..1_000_000) {
        let r = year(date(2025, 6, 1));
        let before = income_tax_annual(a, &r) + national_insurance_annual(a, &r);
        let after = income_tax_annual(a + extra, &r) + national_insurance_annual(a + extra, &r);
        prop_assert!(after >= before);
    }

    #[test]
    fn universal_credit_is_never_negative(pay in 0i64..5000, hours in 0i32..=60, housing in 0i64..200_000, other in 0i64..500_000, children in 0usize..4, partner in proptest::option::of((18u32..70, 0i64..600_000))) {
        let d = date(2026, 6, 1);
        let r = year(d);
        let household = Household {
            candidate_age: 30,
            partner: partner.map(|(age, earnings)| (age, Pence::new(earnings))),
            children: (0..children).map(|i| date(2015 + i as i32, 3, 1)).collect(),
            claims_universal_credit: true,
            eligible_housing_costs_monthly: Pence::new(housing),
            other_income_monthly: Pence::new(other),
        };
        let b = breakdown(&household, &job(pay, hours), d, &r);
        prop_assert!(b.universal_credit_monthly_pence >= Pence::ZERO);
    }

    #[test]
    fn an_identical_offer_is_worth_nothing(pay in 0i64..3000, hours in 0i32..=48, childcare in 0i64..50_000) {
        let mut situation = job(pay, hours);
        situation.childcare_weekly = Pence::new(childcare);
        let mut household = single(30);
        household.children = vec![date(2021, 5, 1)];
        let s = scenario(household, situation.clone(), situation);
        let result = compare(&s, &year(s.date), 1480);
        prop_assert_eq!(result.better_off_monthly_pence, Pence::ZERO);
        prop_assert_eq!(result.effective_marginal_deduction_rate_bp, None);
    }
}

#[test]
fn the_income_curve_covers_0_to_48_hours_and_rises_without_costs() {
    let d = date(2026, 6, 1);
    let r = year(d);
    let curve = income_by_hours(&single(30), &job(1500, 0), Pence::new(1500), 48, d, &r);
    assert_eq!(curve.len(), 49);
    assert_eq!(curve[0].0, 0);
    assert!(curve.windows(2).all(|w| w[1].1 >= w[0].1));
}
