//! A better-off scenario as it arrives (JSON from the API, the CLI or the page) and as the
//! calculation takes it: every field checked once, each fault naming its field.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::outcomes::Contract;
use crate::types::{Pence, WeeklyHours};

/// The household, a date, and the two work situations to compare.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioInput {
    /// The date the check is made as at (`YYYY-MM-DD`): it picks the tax year and rates.
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    pub household: HouseholdInput,
    pub current: SituationInput,
    pub offer: SituationInput,
    /// Hours behind the weekly earnings target (default 36, and 16 for a lone parent).
    #[serde(default)]
    pub outcome_hours: Option<OutcomeHoursInput>,
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HouseholdInput {
    /// The candidate first; a second adult is their partner.
    pub adults: Vec<AdultInput>,
    #[serde(default)]
    pub children: Vec<ChildInput>,
    pub claims_universal_credit: bool,
    #[serde(default)]
    #[schema(value_type = i64)]
    pub eligible_housing_costs_monthly_pence: Pence,
    #[serde(default)]
    #[schema(value_type = i64)]
    pub other_income_monthly_pence: Pence,
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdultInput {
    /// Whole years at the date.
    pub age: i64,
    /// A partner's gross monthly earnings, unchanged by the move.
    #[serde(default)]
    #[schema(value_type = i64)]
    pub monthly_earnings_pence: Pence,
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChildInput {
    #[schema(value_type = String, format = Date)]
    pub born_on: NaiveDate,
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SituationInput {
    #[serde(default)]
    pub jobs: Vec<JobInput>,
    #[serde(default)]
    #[schema(value_type = i64)]
    pub childcare_weekly_pence: Pence,
    #[serde(default)]
    #[schema(value_type = i64)]
    pub travel_weekly_pence: Pence,
    /// The contract of the (main) job, for the secure-contract target; absent: none.
    #[serde(default)]
    pub contract: Option<Contract>,
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JobInput {
    #[schema(value_type = i64)]
    pub hourly_pay_pence: Pence,
    /// 0 to 100, at most two decimal places.
    #[schema(value_type = f64)]
    pub weekly_hours: WeeklyHours,
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeHoursInput {
    #[schema(value_type = f64)]
    pub standard: WeeklyHours,
    #[schema(value_type = f64)]
    pub lone_parent: WeeklyHours,
}

/// A validated scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    pub date: NaiveDate,
    pub household: Household,
    pub current: Situation,
    pub offer: Situation,
    pub outcome_hours: OutcomeHours,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Household {
    pub candidate_age: u32,
    /// The partner's age and gross monthly earnings, for a couple.
    pub partner: Option<(u32, Pence)>,
    /// Dependent children's dates of birth.
    pub children: Vec<NaiveDate>,
    pub claims_universal_credit: bool,
    pub eligible_housing_costs_monthly: Pence,
    pub other_income_monthly: Pence,
}

impl Household {
    /// One adult with at least one child.
    pub fn is_lone_parent(&self, date: NaiveDate) -> bool {
        self.partner.is_none()
            && self
                .children
                .iter()
                .any(|born| is_dependent_child(*born, date))
    }
}

/// Whether a child born on `born_on` is under 16 on `date` (a dependent child in this check).
pub fn is_dependent_child(born_on: NaiveDate, date: NaiveDate) -> bool {
    age_on(born_on, date) < 16
}

/// How far back a child's date of birth may be: no one counts as a dependent child past 20,
/// so an older date is a typing mistake (a year like 0000 or 1926).
pub const OLDEST_CHILD_YEARS: u32 = 30;

/// Why a child's date of birth makes no sense for a check made on `date`, if it does not.
pub fn child_birth_fault(born_on: NaiveDate, date: NaiveDate) -> Option<String> {
    if born_on > date {
        return Some(format!(
            "{born_on} is after the date of the check ({date}): a child must be born by then."
        ));
    }
    let earliest = date
        .checked_sub_months(chrono::Months::new(12 * OLDEST_CHILD_YEARS))
        .unwrap_or(NaiveDate::MIN);
    (born_on < earliest).then(|| {
        format!(
            "{born_on} is more than {OLDEST_CHILD_YEARS} years before the date of the check: only dependent children count, so check the year."
        )
    })
}

/// Whole years from `born_on` to `date`.
pub fn age_on(born_on: NaiveDate, date: NaiveDate) -> i32 {
    let mut years = date.year() - born_on.year();
    if (date.month(), date.day()) < (born_on.month(), born_on.day()) {
        years -= 1;
    }
    years
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub hourly_pay: Pence,
    pub weekly_hours: WeeklyHours,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Situation {
    pub jobs: Vec<Job>,
    pub childcare_weekly: Pence,
    pub travel_weekly: Pence,
    pub contract: Option<Contract>,
}

impl Situation {
    /// Total weekly hours, in hundredths.
    pub fn weekly_hours(&self) -> i64 {
        self.jobs.iter().map(|j| j.weekly_hours.hundredths()).sum()
    }

    /// Weekly earnings in hundredths of a penny (exact).
    pub fn weekly_earnings_hundredths(&self) -> i64 {
        self.jobs
            .iter()
            .map(|j| j.hourly_pay.get() * j.weekly_hours.hundredths())
            .sum()
    }
}

/// The hours behind the weekly earnings target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeHours {
    pub standard: WeeklyHours,
    pub lone_parent: WeeklyHours,
}

impl Default for OutcomeHours {
    fn default() -> Self {
        OutcomeHours {
            standard: WeeklyHours::from_whole(36),
            lone_parent: WeeklyHours::from_whole(16),
        }
    }
}

fn non_negative(value: Pence, field: &str) -> Result<Pence, AppError> {
    if value < Pence::ZERO {
        Err(AppError::invalid(
            field,
            format!("{field}: must not be negative."),
        ))
    } else if value > Pence::new(100_000_000) {
        Err(AppError::invalid(
            field,
            format!("{field}: is more than £1,000,000."),
        ))
    } else {
        Ok(value)
    }
}

fn situation(input: SituationInput, name: &str) -> Result<Situation, AppError> {
    let jobs = input
        .jobs
        .into_iter()
        .enumerate()
        .map(|(i, job)| {
            let prefix = format!("{name}.jobs[{i}]");
            Ok(Job {
                hourly_pay: non_negative(
                    job.hourly_pay_pence,
                    &format!("{prefix}.hourly_pay_pence"),
                )?,
                weekly_hours: job.weekly_hours,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let total: i64 = jobs.iter().map(|j| j.weekly_hours.hundredths()).sum();
    if total > 100 * 100 {
        return Err(AppError::invalid(
            format!("{name}.jobs"),
            format!("{name}.jobs: the hours add up to more than 100 a week."),
        ));
    }
    Ok(Situation {
        jobs,
        childcare_weekly: non_negative(
            input.childcare_weekly_pence,
            &format!("{name}.childcare_weekly_pence"),
        )?,
        travel_weekly: non_negative(
            input.travel_weekly_pence,
            &format!("{name}.travel_weekly_pence"),
        )?,
        contract: input.contract,
    })
}

fn adult_age(age: i64, field: &str) -> Result<u32, AppError> {
    if (16..=120).contains(&age) {
        Ok(age as u32)
    } else {
        Err(AppError::invalid(
            field,
            format!("{field}: an adult's age is 16 to 120."),
        ))
    }
}

impl TryFrom<ScenarioInput> for Scenario {
    type Error = AppError;

    fn try_from(input: ScenarioInput) -> Result<Scenario, AppError> {
        let date = input.date;
        let h = input.household;
        let candidate = h.adults.first().ok_or_else(|| {
            AppError::invalid(
                "household.adults",
                "household.adults: enter the candidate (and a partner, if any).",
            )
        })?;
        if h.adults.len() > 2 {
            return Err(AppError::invalid(
                "household.adults",
                "household.adults: a household has the candidate and at most one partner.",
            ));
        }
        let candidate_age = adult_age(candidate.age, "household.adults[0].age")?;
        let partner = match h.adults.get(1) {
            Some(p) => Some((
                adult_age(p.age, "household.adults[1].age")?,
                non_negative(
                    p.monthly_earnings_pence,
                    "household.adults[1].monthly_earnings_pence",
                )?,
            )),
            None => None,
        };
        if h.children.len() > 20 {
            return Err(AppError::invalid(
                "household.children",
                "household.children: at most 20 children.",
            ));
        }
        let children = h
            .children
            .iter()
            .enumerate()
            .map(|(i, child)| match child_birth_fault(child.born_on, date) {
                Some(fault) => {
                    let field = format!("household.children[{i}].born_on");
                    Err(AppError::invalid(
                        field.clone(),
                        format!("{field}: {fault}"),
                    ))
                }
                None => Ok(child.born_on),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let outcome_hours = match input.outcome_hours {
            Some(o) => OutcomeHours {
                standard: o.standard,
                lone_parent: o.lone_parent,
            },
            None => OutcomeHours::default(),
        };
        Ok(Scenario {
            date,
            household: Household {
                candidate_age,
                partner,
                children,
                claims_universal_credit: h.claims_universal_credit,
                eligible_housing_costs_monthly: non_negative(
                    h.eligible_housing_costs_monthly_pence,
                    "household.eligible_housing_costs_monthly_pence",
                )?,
                other_income_monthly: non_negative(
                    h.other_income_monthly_pence,
                    "household.other_income_monthly_pence",
                )?,
            },
            current: situation(input.current, "current")?,
            offer: situation(input.offer, "offer")?,
            outcome_hours,
        })
    }
}
