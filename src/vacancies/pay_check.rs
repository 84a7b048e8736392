//! The Living Wage check for pay as typed into the posting form, for showing beside the pay
//! as the poster types (the form's script asks `/api/v1/living-wage-check`).

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::domain::{hourly_pay_pence, living_wage_check, PayPer};
use crate::error::{AppError, ErrorEnvelope};
use crate::types::{Pence, Postcode, WeeklyHours};
use crate::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/living-wage-check", web::get().to(living_wage_api));
}

/// Pay as typed: the form's fields of the same names.
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
pub struct TypedPay {
    /// The pay in pounds, e.g. `13.85` or `26500`.
    pub pay: String,
    /// What the pay is per: `hour` (the default), `year` or `year_fte`.
    #[serde(default)]
    pub pay_per: String,
    /// The most hours a week, to work out hourly pay from a salary.
    #[serde(default)]
    pub hours_max: String,
    /// Full-time hours a week for a full-time-equivalent salary (default 37.5).
    #[serde(default)]
    pub fte_hours: String,
    /// The workplace's postcode: London pays the London Living Wage.
    #[serde(default)]
    pub postcode: String,
}

/// What the check says, in pounds as people read them.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PayCheck {
    hourly: String,
    living_wage: String,
    area: &'static str,
    meets_living_wage: bool,
    national_living_wage: String,
    meets_national_living_wage: bool,
}

/// The check for typed pay as at today, or `None` while the pay cannot be worked out yet.
pub fn pay_check(state: &AppState, typed: &TypedPay) -> Option<PayCheck> {
    let pay = Pence::parse(&typed.pay, "pay").ok()?;
    let per = PayPer::from_code(if typed.pay_per.is_empty() {
        "hour"
    } else {
        &typed.pay_per
    })?;
    let hours_max = WeeklyHours::parse(&typed.hours_max, "hours_max").unwrap_or_default();
    let fte = WeeklyHours::parse(&typed.fte_hours, "fte_hours")
        .ok()
        .filter(|h| *h != WeeklyHours::default())
        .unwrap_or(WeeklyHours::FULL_TIME);
    let hourly = hourly_pay_pence(pay, per, hours_max, fte)?;
    let london = Postcode::parse(&typed.postcode, "postcode")
        .ok()
        .and_then(|p| state.gazetteer.locate(&p, "postcode").ok())
        .is_some_and(|l| l.in_greater_london);
    let check = living_wage_check(&state.rates, hourly, london, state.today()).ok()?;
    Some(PayCheck {
        hourly: hourly.to_string(),
        living_wage: check.living_wage_pence.to_string(),
        area: check.area.label(),
        meets_living_wage: check.meets_living_wage,
        national_living_wage: check.national_living_wage_pence.to_string(),
        meets_national_living_wage: check.meets_national_living_wage,
    })
}

/// The Living Wage check for pay as typed in the posting form, for its live display: 422
/// while the hourly pay cannot be worked out yet.
#[utoipa::path(get, path = "/api/v1/living-wage-check", tag = "vacancies", params(TypedPay),
    responses((status = 200, body = PayCheck), (status = 400, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn living_wage_api(
    state: web::Data<AppState>,
    query: web::Query<TypedPay>,
) -> Result<HttpResponse, AppError> {
    Pence::parse(&query.pay, "pay")?;
    let check = pay_check(&state, &query).ok_or_else(|| {
        AppError::invalid("hours_max", "Enter the hours to work out the hourly pay.")
    })?;
    Ok(HttpResponse::Ok().json(check))
}
