//! An admin approves or rejects an organisation that signed itself up, on a page that says
//! what each answer does.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::access::policy;
use crate::organisations::service;
use crate::types::OrganisationId;
use crate::web::{page, see_other, CsrfForm, OrPage, PageActor, PageError};
use crate::AppState;

pub async fn approve_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    actor: PageActor,
    path: web::Path<OrganisationId>,
) -> Result<HttpResponse, PageError> {
    decision_page(&state, &req, actor, path.into_inner(), true).await
}

pub async fn reject_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    actor: PageActor,
    path: web::Path<OrganisationId>,
) -> Result<HttpResponse, PageError> {
    decision_page(&state, &req, actor, path.into_inner(), false).await
}

pub async fn approve_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    actor: PageActor,
    path: web::Path<OrganisationId>,
    _form: CsrfForm<ConfirmForm>,
) -> Result<HttpResponse, PageError> {
    decision_form(&state, &req, actor, path.into_inner(), true).await
}

pub async fn reject_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    actor: PageActor,
    path: web::Path<OrganisationId>,
    _form: CsrfForm<ConfirmForm>,
) -> Result<HttpResponse, PageError> {
    decision_form(&state, &req, actor, path.into_inner(), false).await
}

async fn decision_page(
    state: &AppState,
    req: &HttpRequest,
    PageActor(actor): PageActor,
    id: OrganisationId,
    approve: bool,
) -> Result<HttpResponse, PageError> {
    policy::may_decide_sign_ups(&actor).or_page(req)?;
    let (organisation, members) = service::members(state, &actor, id).await.or_page(req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("organisation", &organisation);
    ctx.insert("members", &members);
    ctx.insert("approve", &approve);
    Ok(page(req, Some(&actor), "admin/decide_sign_up.html", ctx))
}

/// Nothing but the anti-forgery token.
#[derive(Debug, Deserialize)]
pub struct ConfirmForm {}

async fn decision_form(
    state: &AppState,
    req: &HttpRequest,
    PageActor(actor): PageActor,
    id: OrganisationId,
    approve: bool,
) -> Result<HttpResponse, PageError> {
    let organisation = service::decide_sign_up(state, &actor, id, approve)
        .await
        .or_page(req)?;
    let message = if approve {
        format!(
            "{} is approved: its people can now publish vacancies.",
            organisation.name
        )
    } else {
        format!(
            "{} was rejected: its people can no longer log in.",
            organisation.name
        )
    };
    Ok(see_other(req, "/admin/organisations", Some(&message)))
}
