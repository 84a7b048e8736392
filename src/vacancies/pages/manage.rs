//! One vacancy as its poster manages it: what candidates' advisers see, its Living Wage
//! check, the status moves open to it (the final ones, close and mark filled, only after a
//! page that says what they do), and a preview of it as job seekers will see it.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::form::VacancyForm;
use crate::error::AppError;
use crate::vacancies::domain::Status;
use crate::vacancies::service;
use crate::vacancies::view::VacancyView;
use crate::web::{page, see_other, CsrfForm, OrPage, PageActor, PageError};
use crate::AppState;

fn next_statuses(current: Status) -> Vec<(&'static str, &'static str)> {
    Status::ALL
        .iter()
        .filter(|s| current.may_become(**s))
        .map(|s| (s.code(), s.label()))
        .collect()
}

/// A status no vacancy leaves (filled, closed): moving to it is asked twice.
fn is_final(status: Status) -> bool {
    !Status::ALL.iter().any(|s| status.may_become(*s))
}

/// The vacancy's pay an hour and its Living Wage figures, as the pages show them.
fn insert_pay(ctx: &mut tera::Context, vacancy: &VacancyView) {
    ctx.insert("pay", &vacancy.hourly_pay_pence.to_string());
    ctx.insert(
        "check",
        &vacancy.living_wage.as_ref().map(|c| {
            (
                c.living_wage_pence.to_string(),
                c.national_living_wage_pence.to_string(),
                c.living_wage_difference_pence.abs().to_string(),
            )
        }),
    );
}

pub async fn manage_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    reference: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let reference = reference.into_inner();
    let vacancy = service::get(&state, &actor, reference)
        .await
        .or_page(&req)?;
    let mut ctx = tera::Context::new();
    let (asked_twice, at_once): (Vec<_>, Vec<_>) = next_statuses(vacancy.status)
        .into_iter()
        .partition(|(code, _)| Status::from_code(code).is_some_and(is_final));
    ctx.insert("next_statuses", &at_once);
    ctx.insert("final_statuses", &asked_twice);
    insert_pay(&mut ctx, &vacancy);
    ctx.insert("form", &VacancyForm::from_view(&vacancy));
    ctx.insert("vacancy", &vacancy);
    Ok(page(&req, Some(&actor), "vacancies/manage.html", ctx))
}

/// The vacancy as job seekers will see it on the jobs page, with the way to publish it.
pub async fn preview_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    reference: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let vacancy = service::get(&state, &actor, reference.into_inner())
        .await
        .or_page(&req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("may_publish", &vacancy.status.may_become(Status::Open));
    insert_pay(&mut ctx, &vacancy);
    ctx.insert("pattern_labels", &vacancy.pattern_labels());
    ctx.insert("vacancy", &vacancy);
    Ok(page(&req, Some(&actor), "vacancies/preview.html", ctx))
}

#[derive(Debug, Deserialize)]
pub struct ConfirmQuery {
    to: String,
}

/// What closing a vacancy or marking it filled will do, asked before it is done.
pub async fn confirm_status_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    reference: web::Path<String>,
    query: web::Query<ConfirmQuery>,
) -> Result<HttpResponse, PageError> {
    let vacancy = service::get(&state, &actor, reference.into_inner())
        .await
        .or_page(&req)?;
    let to = Status::from_code(&query.to)
        .filter(|to| vacancy.status.may_become(*to))
        .ok_or_else(|| {
            AppError::invalid(
                "status",
                format!(
                    "A {} vacancy cannot become {}",
                    vacancy.status.label().to_lowercase(),
                    query.to
                ),
            )
        })
        .or_page(&req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("to", &to.code());
    ctx.insert("vacancy", &vacancy);
    Ok(page(
        &req,
        Some(&actor),
        "vacancies/confirm_status.html",
        ctx,
    ))
}

#[derive(Debug, Deserialize)]
pub struct StatusForm {
    status: String,
    /// Sent by the confirmation page: without it a final move only leads there.
    #[serde(default)]
    confirmed: Option<String>,
}

pub async fn status_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> Result<HttpResponse, PageError> {
    let to = Status::from_code(&form.status)
        .ok_or_else(|| AppError::invalid("status", "Choose a status."))
        .or_page(&req)?;
    let reference = path.into_inner();
    if is_final(to) && form.confirmed.as_deref() != Some("yes") {
        let vacancy = service::get(&state, &actor, reference)
            .await
            .or_page(&req)?;
        let confirm = format!("/vacancies/{}/status?to={}", vacancy.reference, to.code());
        return Ok(see_other(&req, &confirm, None));
    }
    let vacancy = service::change_status(&state, &actor, reference, to)
        .await
        .or_page(&req)?;
    Ok(see_other(
        &req,
        &format!("/vacancies/{}", vacancy.reference),
        Some(&format!(
            "The vacancy is now {}.",
            to.label().to_lowercase()
        )),
    ))
}
