//! The better-off calculation: pure, no I/O, the date and the rates passed in.
//!
//! Rounding, step by step (all money in integer pence, rounded half away from zero):
//! - gross monthly = Σ hourly pence × hours (hundredths) × 52 / 1200, rounded once;
//! - income tax and NI on the annual amount (gross monthly × 12), rounded to the penny,
//!   then divided by 12 and rounded;
//! - Universal Credit from the monthly amounts: the childcare element (coverage × monthly
//!   costs) and the taper deduction (taper × excess earnings) are each rounded once;
//! - weekly costs × 52 / 12, rounded; better-off weekly = monthly × 12 / 52, rounded;
//!   rates in basis points rounded to the nearest whole number.

use chrono::NaiveDate;
use serde::Serialize;

use super::scenario::{is_dependent_child, Household, Scenario, Situation};
use crate::outcomes::{targets_met, Target, TargetBasis, WorkFacts};
use crate::rates::{div_round, TaxBenefitYear};
use crate::types::{Pence, WeeklyHours};

/// The first-child higher amount and the two-child limit turn on this date.
fn child_element_cutoff() -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, 4, 6).unwrap_or(NaiveDate::MIN)
}

/// One situation's monthly money, in pence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Breakdown {
    #[schema(value_type = i64)]
    pub gross_monthly_pence: Pence,
    #[schema(value_type = i64)]
    pub income_tax_monthly_pence: Pence,
    #[schema(value_type = i64)]
    pub national_insurance_monthly_pence: Pence,
    #[schema(value_type = i64)]
    pub universal_credit_monthly_pence: Pence,
    #[schema(value_type = i64)]
    pub childcare_monthly_pence: Pence,
    #[schema(value_type = i64)]
    pub travel_monthly_pence: Pence,
    #[schema(value_type = i64)]
    pub net_monthly_pence: Pence,
}

/// The comparison of the offer with the current situation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct BetterOff {
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    pub tax_year: String,
    pub current: Breakdown,
    pub offer: Breakdown,
    #[schema(value_type = i64)]
    pub better_off_monthly_pence: Pence,
    #[schema(value_type = i64)]
    pub better_off_weekly_pence: Pence,
    /// Share of the extra gross pay lost to tax, NI, UC and extra costs, in basis points;
    /// absent when gross pay does not change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_marginal_deduction_rate_bp: Option<i64>,
    /// Share of the extra gross pay lost to tax, NI and UC alone, in basis points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_benefit_deduction_rate_bp: Option<i64>,
    pub targets_met: Vec<Target>,
}

/// Weekly pence to monthly pence: × 52 / 12.
pub fn weekly_to_monthly(weekly: i64) -> i64 {
    div_round(i128::from(weekly) * 52, 12) as i64
}

/// Gross monthly earnings of a situation's jobs.
pub fn gross_monthly(situation: &Situation) -> i64 {
    let hundredths: i128 = situation
        .jobs
        .iter()
        .map(|j| i128::from(j.hourly_pay.get()) * i128::from(j.weekly_hours.hundredths()))
        .sum();
    div_round(hundredths * 52, 1200) as i64
}

fn apply_bp(amount: i128, bp: i64) -> i128 {
    amount * i128::from(bp)
}

/// Annual income tax on annual pay, in pence.
pub fn income_tax_annual(annual: i64, r: &TaxBenefitYear) -> i64 {
    let income = i128::from(annual.max(0));
    let mut allowance = i128::from(r.personal_allowance);
    let taper_from = i128::from(r.personal_allowance_taper_threshold);
    if income > taper_from {
        // £1 of allowance lost for every £2 above the threshold.
        let lost = (income - taper_from) * i128::from(r.personal_allowance_taper_rate_bp) / 10_000;
        allowance = (allowance - lost).max(0);
    }
    let taxable = (income - allowance).max(0);
    let basic_band = i128::from(r.higher_rate_threshold_above_allowance);
    let additional_from = i128::from(r.additional_rate_threshold_above_allowance);
    let basic = taxable.min(basic_band);
    let higher = (taxable.min(additional_from) - basic_band).max(0);
    let additional = (taxable - additional_from).max(0);
    let tax = apply_bp(basic, r.basic_rate_bp)
        + apply_bp(higher, r.higher_rate_bp)
        + apply_bp(additional, r.additional_rate_bp);
    div_round(tax, 10_000) as i64
}

/// Annual employee Class 1 NI on annual pay, in pence, on annualised weekly thresholds.
pub fn national_insurance_annual(annual: i64, r: &TaxBenefitYear) -> i64 {
    let income = i128::from(annual.max(0));
    let primary = i128::from(r.ni_primary_threshold_weekly) * 52;
    let upper = i128::from(r.ni_upper_earnings_limit_weekly) * 52;
    let main = (income.min(upper) - primary).max(0);
    let above = (income - upper).max(0);
    div_round(
        apply_bp(main, r.ni_main_rate_bp) + apply_bp(above, r.ni_additional_rate_bp),
        10_000,
    ) as i64
}

/// Monthly income tax and NI on monthly gross pay: worked out on the year, then / 12.
pub fn tax_and_ni_monthly(gross_monthly: i64, r: &TaxBenefitYear) -> (i64, i64) {
    let annual = gross_monthly * 12;
    let monthly = |a: i64| div_round(i128::from(a), 12) as i64;
    (
        monthly(income_tax_annual(annual, r)),
        monthly(national_insurance_annual(annual, r)),
    )
}

/// The UC standard allowance for the household's make-up and ages.
pub fn standard_allowance(household: &Household, r: &TaxBenefitYear) -> i64 {
    match household.partner {
        None if household.candidate_age < 25 => r.uc_single_under_25,
        None => r.uc_single_25_or_over,
        Some((partner_age, _)) if household.candidate_age < 25 && partner_age < 25 => {
            r.uc_couple_both_under_25
        }
        Some(_) => r.uc_couple_one_25_or_over,
    }
}

/// The UC child elements: the eldest child born before 6 April 2017 gets the higher amount;
/// a child born on or after it gets an element only while fewer children than the limit
/// (when one is in force at the date) already do.
pub fn child_elements(children: &[NaiveDate], date: NaiveDate, r: &TaxBenefitYear) -> i64 {
    let mut dependants: Vec<NaiveDate> = children
        .iter()
        .copied()
        .filter(|b| is_dependent_child(*b, date))
        .collect();
    dependants.sort();
    let cutoff = child_element_cutoff();
    let mut receiving = 0i64;
    let mut total = 0;
    for (position, born) in dependants.iter().enumerate() {
        let before_cutoff = *born < cutoff;
        if !before_cutoff && r.uc_two_child_limit.is_some_and(|limit| receiving >= limit) {
            continue;
        }
        total += if position == 0 && before_cutoff {
            r.uc_first_child_before_2017
        } else {
            r.uc_each_child
        };
        receiving += 1;
    }
    total
}

/// The UC childcare element: a share of the costs, capped by the number of children, paid
/// only when every adult in the household works.
pub fn childcare_element(
    childcare_monthly: i64,
    children: usize,
    everyone_works: bool,
    r: &TaxBenefitYear,
) -> i64 {
    if !everyone_works || children == 0 || childcare_monthly <= 0 {
        return 0;
    }
    let cap = if children == 1 {
        r.uc_childcare_cap_one_child
    } else {
        r.uc_childcare_cap_two_or_more
    };
    (div_round(
        apply_bp(i128::from(childcare_monthly), r.uc_childcare_coverage_bp),
        10_000,
    ) as i64)
        .min(cap)
}

/// Inputs to one month's Universal Credit, all monthly pence.
pub struct UcMonth {
    pub household_net_earnings: i64,
    pub candidate_works: bool,
    pub childcare_monthly: i64,
}

/// The household's monthly Universal Credit award.
pub fn universal_credit(
    household: &Household,
    date: NaiveDate,
    month: &UcMonth,
    r: &TaxBenefitYear,
) -> i64 {
    if !household.claims_universal_credit {
        return 0;
    }
    let children = household
        .children
        .iter()
        .filter(|b| is_dependent_child(**b, date))
        .count();
    let housing = household.eligible_housing_costs_monthly.get();
    let partner_works = household
        .partner
        .is_none_or(|(_, earnings)| earnings > Pence::ZERO);
    let maximum = standard_allowance(household, r)
        + child_elements(&household.children, date, r)
        + housing
        + childcare_element(
            month.childcare_monthly,
            children,
            month.candidate_works && partner_works,
            r,
        );
    let work_allowance = match (children > 0, housing > 0) {
        (false, _) => 0,
        (true, true) => r.uc_work_allowance_with_housing,
        (true, false) => r.uc_work_allowance_without_housing,
    };
    let excess = (month.household_net_earnings - work_allowance).max(0);
    let deduction = div_round(apply_bp(i128::from(excess), r.uc_taper_bp), 10_000) as i64;
    (maximum - deduction - household.other_income_monthly.get()).max(0)
}

/// One situation's monthly breakdown.
pub fn breakdown(
    household: &Household,
    situation: &Situation,
    date: NaiveDate,
    r: &TaxBenefitYear,
) -> Breakdown {
    let gross = gross_monthly(situation);
    let (tax, ni) = tax_and_ni_monthly(gross, r);
    let partner_net = household.partner.map_or(0, |(_, earnings)| {
        let (partner_tax, partner_ni) = tax_and_ni_monthly(earnings.get(), r);
        earnings.get() - partner_tax - partner_ni
    });
    let childcare = weekly_to_monthly(situation.childcare_weekly.get());
    let travel = weekly_to_monthly(situation.travel_weekly.get());
    let month = UcMonth {
        household_net_earnings: gross - tax - ni + partner_net,
        candidate_works: gross > 0,
        childcare_monthly: childcare,
    };
    let uc = universal_credit(household, date, &month, r);
    Breakdown {
        gross_monthly_pence: Pence::new(gross),
        income_tax_monthly_pence: Pence::new(tax),
        national_insurance_monthly_pence: Pence::new(ni),
        universal_credit_monthly_pence: Pence::new(uc),
        childcare_monthly_pence: Pence::new(childcare),
        travel_monthly_pence: Pence::new(travel),
        net_monthly_pence: Pence::new(
            gross - tax - ni + uc - childcare - travel + household.other_income_monthly.get(),
        ),
    }
}

fn rate_bp(lost: i64, gained: i64) -> i64 {
    div_round(i128::from(lost) * 10_000, i128::from(gained).abs()) as i64 * gained.signum()
}

fn work_facts(situation: &Situation) -> WorkFacts {
    WorkFacts {
        weekly_earnings_hundredths: situation.weekly_earnings_hundredths(),
        weekly_hours: situation.weekly_hours(),
        contract: situation.contract,
    }
}

/// Compares the offer with the current situation. `london_living_wage` is the rate as at
/// the scenario's date, for the outcome targets.
pub fn compare(scenario: &Scenario, r: &TaxBenefitYear, london_living_wage: i64) -> BetterOff {
    let current = breakdown(&scenario.household, &scenario.current, scenario.date, r);
    let offer = breakdown(&scenario.household, &scenario.offer, scenario.date, r);
    let change = |pick: fn(&Breakdown) -> Pence| pick(&offer).get() - pick(&current).get();
    let better_off = change(|b| b.net_monthly_pence);
    let gained = change(|b| b.gross_monthly_pence);
    let (emdr, tbdr) = if gained == 0 {
        (None, None)
    } else {
        let lost_to_tax_and_benefits = change(|b| b.income_tax_monthly_pence)
            + change(|b| b.national_insurance_monthly_pence)
            - change(|b| b.universal_credit_monthly_pence);
        (
            Some(rate_bp(gained - better_off, gained)),
            Some(rate_bp(lost_to_tax_and_benefits, gained)),
        )
    };
    let hours_target = if scenario.household.is_lone_parent(scenario.date) {
        scenario.outcome_hours.lone_parent
    } else {
        scenario.outcome_hours.standard
    };
    let basis = TargetBasis {
        london_living_wage,
        weekly_hours_target: hours_target.hundredths(),
    };
    BetterOff {
        date: scenario.date,
        tax_year: r.tax_year.to_string(),
        current,
        offer,
        better_off_monthly_pence: Pence::new(better_off),
        better_off_weekly_pence: Pence::new(div_round(i128::from(better_off) * 12, 52) as i64),
        effective_marginal_deduction_rate_bp: emdr,
        tax_benefit_deduction_rate_bp: tbdr,
        targets_met: targets_met(
            work_facts(&scenario.current),
            work_facts(&scenario.offer),
            basis,
        ),
    }
}

/// Net household income at each whole number of weekly hours from 0 to `max_hours`, at
/// `hourly_pay`, with the costs of `situation` (for the chart of income against hours).
pub fn income_by_hours(
    household: &Household,
    situation: &Situation,
    hourly_pay: Pence,
    max_hours: i32,
    date: NaiveDate,
    r: &TaxBenefitYear,
) -> Vec<(i32, Pence)> {
    (0..=max_hours.clamp(0, 100))
        .map(|hours| {
            let at = Situation {
                jobs: vec![super::scenario::Job {
                    hourly_pay,
                    weekly_hours: WeeklyHours::from_whole(hours),
                }],
                ..situation.clone()
            };
            (hours, breakdown(household, &at, date, r).net_monthly_pence)
        })
        .collect()
}
