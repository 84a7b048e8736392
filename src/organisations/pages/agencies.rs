//! The agencies that ask to act for an employer: the employer's page to accept, decline
//! or remove them, and the same buttons on the admin's organisation page.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::access::{policy, Actor};
use crate::error::AppError;
use crate::organisations::domain::Decision;
use crate::organisations::service;
use crate::types::OrganisationId;
use crate::web::{page, see_other, CsrfForm, OrPage, PageActor, PageError};
use crate::AppState;

/// The employer's own page of agencies: requests waiting for an answer first.
pub async fn agencies_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
) -> Result<HttpResponse, PageError> {
    let employer = policy::own_agencies_of(&actor).or_page(&req)?;
    let links = service::agency_links(&state, &actor, employer)
        .await
        .or_page(&req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("links", &links);
    ctx.insert("answer_action", "/organisation/agencies");
    Ok(page(&req, Some(&actor), "organisations/agencies.html", ctx))
}

/// An answer to one agency: `accept`, `decline` or `remove`.
#[derive(Debug, Deserialize)]
pub struct AnswerForm {
    agency: OrganisationId,
    answer: String,
}

/// Carries out an answer for `employer`; what to tell the person comes back.
async fn answer(
    state: &AppState,
    actor: &Actor,
    employer: OrganisationId,
    form: AnswerForm,
) -> Result<String, AppError> {
    if form.answer == "remove" {
        let agency = service::remove_agency(state, actor, employer, form.agency).await?;
        return Ok(format!(
            "{agency} is no longer your agency: it cannot post for you or change your vacancies."
        ));
    }
    let decision = Decision::from_code(&form.answer)
        .ok_or_else(|| AppError::invalid("answer", "Choose accept, decline or remove."))?;
    let link = service::answer_agency(state, actor, employer, form.agency, decision).await?;
    Ok(match decision {
        Decision::Accept => format!(
            "{} can now post vacancies for {}.",
            link.agency, link.employer
        ),
        Decision::Decline => format!(
            "{} cannot post vacancies for {}.",
            link.agency, link.employer
        ),
    })
}

/// The employer answers an agency on its own page.
pub async fn agencies_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<HttpResponse, PageError> {
    let employer = policy::own_agencies_of(&actor).or_page(&req)?;
    let message = answer(&state, &actor, employer, form).await.or_page(&req)?;
    Ok(see_other(&req, "/organisation/agencies", Some(&message)))
}

/// An admin answers an agency for an employer, on the admin's organisation page.
pub async fn admin_agencies_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    path: web::Path<OrganisationId>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<HttpResponse, PageError> {
    let employer = path.into_inner();
    let back = format!("/admin/organisations/{employer}");
    let message = answer(&state, &actor, employer, form).await.or_page(&req)?;
    Ok(see_other(&req, &back, Some(&message)))
}
