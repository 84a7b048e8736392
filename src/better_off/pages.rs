//! The better-off check as an adviser's page: the form, the answer in plain words, the
//! side-by-side breakdown and the chart of income against hours.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use super::chart::{income_by_hours_svg, Line, Mark};
use super::domain::{income_by_hours, BetterOff, Breakdown};
use super::form::{form_field_for, scenario_from_form, BetterOffForm};
use super::scenario::Scenario;
use super::service;
use crate::access::{policy, Actor};
use crate::error::AppError;
use crate::outcomes::{Contract, Target};
use crate::types::{Pence, WeeklyHours};
use crate::web::PageActor;
use crate::web::{page_with_status, CsrfForm, FormErrors, OrPage, PageError};
use crate::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/better-off", web::get().to(form_page))
        .route("/better-off", web::post().to(check_page));
}

/// One line of the side-by-side breakdown, in pounds.
#[derive(Serialize)]
struct Row {
    label: &'static str,
    current: String,
    offer: String,
    change: String,
    /// Money going out of the household, shown as a deduction.
    outgoing: bool,
}

fn rows(current: &Breakdown, offer: &Breakdown) -> Vec<Row> {
    let row = |label, outgoing, pick: fn(&Breakdown) -> Pence| Row {
        label,
        current: pick(current).to_string(),
        offer: pick(offer).to_string(),
        change: Pence::new(pick(offer).get() - pick(current).get()).to_string(),
        outgoing,
    };
    vec![
        row("Pay before tax", false, |b| b.gross_monthly_pence),
        row("Income tax", true, |b| b.income_tax_monthly_pence),
        row("National Insurance", true, |b| {
            b.national_insurance_monthly_pence
        }),
        row("Universal Credit", false, |b| {
            b.universal_credit_monthly_pence
        }),
        row("Childcare", true, |b| b.childcare_monthly_pence),
        row("Travel", true, |b| b.travel_monthly_pence),
        row("Money left each month", false, |b| b.net_monthly_pence),
    ]
}

#[derive(Serialize)]
struct TargetView {
    description: &'static str,
    met: bool,
}

/// The result as the page says it.
#[derive(Serialize)]
struct ResultView {
    headline: String,
    better: bool,
    weekly: String,
    monthly: String,
    keep_per_pound: Option<String>,
    rows: Vec<Row>,
    targets: Vec<TargetView>,
    tax_year: String,
    chart: String,
    /// The figures the chart draws, for its table.
    chart_rows: Vec<ChartRow>,
    current_label: String,
    offer_label: String,
}

/// Money left a month at one number of weekly hours, at each pay.
#[derive(Serialize)]
struct ChartRow {
    hours: i32,
    current: String,
    offer: String,
}

fn headline(result: &BetterOff) -> (String, bool) {
    let weekly = result.better_off_weekly_pence;
    match weekly.signum() {
        1 => (format!("You'd be {weekly} a week better off"), true),
        -1 => (format!("You'd be {} a week worse off", weekly.abs()), false),
        _ => ("You'd be no better or worse off".to_string(), false),
    }
}

/// "You keep 45p of each extra £1": what is left after tax, NI and Universal Credit.
fn keep_per_pound(result: &BetterOff) -> Option<String> {
    let lost_bp = result.tax_benefit_deduction_rate_bp?;
    let kept_pence = crate::rates::div_round(i128::from(10_000 - lost_bp), 100) as i64;
    let gained = result.offer.gross_monthly_pence > result.current.gross_monthly_pence;
    Some(if gained {
        format!("You keep {kept_pence}p of each extra £1 you earn, after tax, National Insurance and Universal Credit.")
    } else {
        format!("For each £1 less you earn, you lose {kept_pence}p, after tax, National Insurance and Universal Credit.")
    })
}

fn result_view(
    state: &AppState,
    scenario: &Scenario,
    result: &BetterOff,
) -> Result<ResultView, AppError> {
    let year = state
        .rates
        .tax_benefit
        .as_at(scenario.date)
        .map_err(|m| AppError::invalid("date", m))?;
    let pay_of = |s: &super::scenario::Situation| {
        let hours = s.weekly_hours();
        Pence::new(if hours == 0 {
            0
        } else {
            s.weekly_earnings_hundredths() / hours
        })
    };
    let current_pay = pay_of(&scenario.current);
    let offer_pay = pay_of(&scenario.offer);
    let current_curve = income_by_hours(
        &scenario.household,
        &scenario.current,
        current_pay,
        48,
        scenario.date,
        &year,
    );
    let offer_curve = income_by_hours(
        &scenario.household,
        &scenario.offer,
        offer_pay,
        48,
        scenario.date,
        &year,
    );
    let current_label = format!("Current pay, {current_pay} an hour");
    let offer_label = format!("Offered pay, {offer_pay} an hour");
    let current_line = Line {
        label: &current_label,
        points: &current_curve,
    };
    let offer_line = Line {
        label: &offer_label,
        points: &offer_curve,
    };
    let mark = |situation: &super::scenario::Situation, breakdown: &Breakdown| Mark {
        hours: WeeklyHours::from_hundredths(situation.weekly_hours()).unwrap_or_default(),
        net: breakdown.net_monthly_pence,
    };
    let chart = income_by_hours_svg(
        "income-chart",
        &current_line,
        &offer_line,
        mark(&scenario.current, &result.current),
        mark(&scenario.offer, &result.offer),
    );
    let chart_rows = current_curve
        .iter()
        .zip(&offer_curve)
        .map(|((hours, current), (_, offer))| ChartRow {
            hours: *hours,
            current: current.to_string(),
            offer: offer.to_string(),
        })
        .collect();
    let (headline, better) = headline(result);
    Ok(ResultView {
        headline,
        better,
        weekly: result.better_off_weekly_pence.to_string(),
        monthly: result.better_off_monthly_pence.to_string(),
        keep_per_pound: keep_per_pound(result),
        rows: rows(&result.current, &result.offer),
        targets: Target::ALL
            .iter()
            .map(|t| TargetView {
                description: t.label(),
                met: result.targets_met.contains(t),
            })
            .collect(),
        tax_year: result.tax_year.clone(),
        chart,
        chart_rows,
        current_label,
        offer_label,
    })
}

fn render(
    req: &HttpRequest,
    actor: &Actor,
    status: StatusCode,
    form: &BetterOffForm,
    errors: &FormErrors,
    result: Option<ResultView>,
) -> HttpResponse {
    let mut ctx = tera::Context::new();
    ctx.insert("form", form);
    ctx.insert("high_pay", &form.high_pay());
    errors.add_to(&mut ctx);
    ctx.insert("contracts", &Contract::choices());
    ctx.insert("result", &result);
    page_with_status(req, Some(actor), status, "better_off/check.html", ctx)
}

/// The empty form.
pub async fn form_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    query: web::Query<VacancyQuery>,
) -> Result<HttpResponse, PageError> {
    policy::may_check_better_off(&actor).or_page(&req)?;
    let mut form = BetterOffForm::blank(state.today());
    if let Some(reference) = query.vacancy.as_deref().filter(|r| !r.trim().is_empty()) {
        form.vacancy = reference.trim().to_string();
        fill_offer_from_vacancy(&state, &mut form)
            .await
            .or_page(&req)?;
    }
    Ok(render(
        &req,
        &actor,
        StatusCode::OK,
        &form,
        &FormErrors::none(),
        None,
    ))
}

/// `?vacancy=BW…`: start the check from a posted vacancy.
#[derive(Debug, Default, serde::Deserialize)]
pub struct VacancyQuery {
    vacancy: Option<String>,
}

/// Takes the offer's pay, hours and contract from an open vacancy. Any open vacancy is
/// public (it is on the jobs page), so any adviser may use it.
async fn fill_offer_from_vacancy(
    state: &AppState,
    form: &mut BetterOffForm,
) -> Result<(), AppError> {
    crate::types::check_line(&form.vacancy, "vacancy").map_err(|e| {
        // The check names the field by its code; the page names it by its label.
        let message = e.to_string();
        let rest = message.strip_prefix("vacancy ").unwrap_or(&message);
        AppError::invalid("vacancy", format!("Vacancy reference {rest}"))
    })?;
    let reference = form.vacancy.trim().to_string();
    let vacancy = crate::vacancies::service::public(state, reference)
        .await
        .map_err(|e| match e {
            AppError::NotFound { .. } => AppError::invalid(
                "vacancy",
                "No open vacancy has that reference: check it, or leave it empty",
            ),
            other => other,
        })?;
    form.offer_pay = vacancy.hourly_pay_pence.as_pounds_input();
    form.offer_hours = vacancy.hours_max.to_string();
    form.offer_contract = vacancy.contract.code().into();
    Ok(())
}

/// The form with its result, or with each fault beside its field.
pub async fn check_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<BetterOffForm>,
) -> Result<HttpResponse, PageError> {
    policy::may_check_better_off(&actor).or_page(&req)?;
    let mut form = form;
    let mut vacancy_fault = None;
    if !form.vacancy.trim().is_empty() {
        if let Err(e) = fill_offer_from_vacancy(&state, &mut form).await {
            if e.field_faults().is_empty() {
                return Err(PageError::new(&req, e));
            }
            vacancy_fault = Some(e);
        }
    }
    let invalid = |errors| {
        render(
            &req,
            &actor,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form,
            &errors,
            None,
        )
    };
    let input = match scenario_from_form(&form, vacancy_fault.as_ref()) {
        Ok(input) => input,
        Err(errors) => return Ok(invalid(errors)),
    };
    let outcome = Scenario::try_from(input).and_then(|scenario| {
        let result = service::check_scenario(&state, &actor, &scenario)?;
        let view = result_view(&state, &scenario, &result)?;
        Ok(view)
    });
    match outcome {
        Ok(view) => Ok(render(
            &req,
            &actor,
            StatusCode::OK,
            &form,
            &FormErrors::none(),
            Some(view),
        )),
        Err(error) => {
            let mut errors = FormErrors::none();
            for fault in error.field_faults() {
                errors.add(form_field_for(&fault.field), sentence(&fault.message));
            }
            if errors.is_empty() {
                Err(PageError::new(&req, error))
            } else {
                Ok(invalid(errors))
            }
        }
    }
}

/// A fault the calculation found, as the page says it: without the API's field code in
/// front, starting with a capital.
fn sentence(message: &str) -> String {
    let plain = match message.split_once(": ") {
        Some((code, rest)) if !code.contains(' ') => rest,
        _ => message,
    };
    let plain = plain.trim_end_matches('.');
    let mut letters = plain.chars();
    match letters.next() {
        Some(first) => first.to_uppercase().chain(letters).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_calculation_fault_reads_as_a_sentence() {
        assert_eq!(
            sentence("no tax and benefit rates cover 2040-01-01: they run from 2025-04-06 to 2027-04-05."),
            "No tax and benefit rates cover 2040-01-01: they run from 2025-04-06 to 2027-04-05"
        );
        assert_eq!(
            sentence("household.adults[0].age: an adult's age is 16 to 120."),
            "An adult's age is 16 to 120"
        );
    }
}
