//! The better-off check: would this job leave the household better off after income tax,
//! National Insurance, Universal Credit, childcare and travel, and by how much a week?

pub mod api;
pub mod chart;
pub mod domain;
mod form;
mod pages;
pub mod scenario;
pub mod service;
#[cfg(test)]
mod tests;

use crate::error::AppError;
use crate::rates::{LivingWageArea, Rates};

pub use domain::{BetterOff, Breakdown};

use utoipa::OpenApi;

use crate::access::{policy, Actor};
use crate::web::capability::{templates, Capability, NavLink};

pub const CAPABILITY: Capability = Capability {
    api: api::routes,
    pages: pages::routes,
    navigation,
    openapi: || Api::openapi(),
    templates: templates!["better_off/check.html"],
};

fn navigation(actor: Option<&Actor>) -> Vec<NavLink> {
    match actor {
        Some(actor) if policy::may_check_better_off(actor).is_ok() => {
            vec![NavLink::new(70, "/better-off", "Better-off check")]
        }
        _ => vec![],
    }
}

#[derive(OpenApi)]
#[openapi(paths(api::check_api))]
struct Api;
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
    Ok(domain::compare(scenario, &year, llw.pence_per_hour.get()))
}
