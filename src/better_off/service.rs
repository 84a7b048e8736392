//! The use case of the better-off check: for the people who advise candidates. The
//! calculation itself is pure (`domain.rs`); nothing is stored.

use super::scenario::{Scenario, ScenarioInput};
use super::BetterOff;
use crate::access::{policy, Actor};
use crate::error::AppError;
use crate::AppState;

/// Checks a scenario as it came over the wire; a fault names its field.
pub fn check(state: &AppState, actor: &Actor, input: ScenarioInput) -> Result<BetterOff, AppError> {
    policy::may_check_better_off(actor)?;
    super::check(&state.rates, input)
}

/// Checks a scenario already validated (the page keeps it to draw its chart).
pub fn check_scenario(
    state: &AppState,
    actor: &Actor,
    scenario: &Scenario,
) -> Result<BetterOff, AppError> {
    policy::may_check_better_off(actor)?;
    super::check_scenario(&state.rates, scenario)
}
