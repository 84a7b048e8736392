//! The better-off check: would this job leave the household better off after income tax,
//! National Insurance, Universal Credit, childcare and travel, and by how much a week?

pub mod chart;
pub mod domain;
mod form;
pub mod routes;
pub mod scenario;
#[cfg(test)]
mod tests;

use crate::error::AppError;
use crate::rates::{LivingWageArea, Rates};

pub use domain::{BetterOff, Breakdown};
pub use scenario::{Scenario, ScenarioInput};

/// Checks a scenario against the rates as at its date; a fault names the field.
pub fn check(rates: &Rates, input: ScenarioInput) -> Result<BetterOff, AppError> {
    let scenario = Scenario::try_from(input)?;
    check_scenario(rates, &scenario)
}

/// The same, for a scenario already validated.
pub fn check_scenario(rates: &Rates, scenario: &Scenario) -> Result<BetterOff, AppError> {
    let year = rates
        .tax_benefit
        .as_at(scenario.date)
        .map_err(|message| AppError::invalid("date", format!("date: {message}.")))?;
    let llw = rates
        .living_wage
        .as_at(LivingWageArea::London, scenario.date)
        .map_err(|message| AppError::invalid("date", format!("date: {message}.")))?;
    Ok(domain::compare(scenario, &year, llw.pence_per_hour))
}
