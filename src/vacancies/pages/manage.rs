//! One vacancy as its poster manages it: what candidates' advisers see, its Living Wage
//! check, and the status moves open to it.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::form::VacancyForm;
use crate::error::AppError;
use crate::vacancies::domain::Status;
use crate::vacancies::service;
use crate::web::{page, see_other, CsrfForm, OrPage, PageActor, PageError};
use crate::AppState;

fn next_statuses(current: Status) -> Vec<(&'static str, &'static str)> {
    Status::ALL
        .iter()
        .filter(|s| current.may_become(**s))
        .map(|s| (s.code(), s.label()))
        .collect()
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
    ctx.insert("next_statuses", &next_statuses(vacancy.status));
    ctx.insert("pay", &vacancy.hourly_pay_pence.to_string());
    ctx.insert(
        "check",
        &vacancy.living_wage.as_ref().map(|c| {
            (
                c.living_wage_pence.to_string(),
                c.national_living_wage_pence.to_string(),
            )
        }),
    );
    ctx.insert("form", &VacancyForm::from_view(&vacancy));
    ctx.insert("vacancy", &vacancy);
    Ok(page(&req, Some(&actor), "vacancies/manage.html", ctx))
}

#[derive(Debug, Deserialize)]
pub struct StatusForm {
    status: String,
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
    let vacancy = service::change_status(&state, &actor, path.into_inner(), to)
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
