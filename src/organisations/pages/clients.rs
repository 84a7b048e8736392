//! An agency's client employers: the employers it may post vacancies for.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use serde::Deserialize;

use crate::access::{policy, Actor};
use crate::organisations::service;
use crate::web::{page_with_status, see_other, CsrfForm, OrPage, PageActor, PageError};
use crate::AppState;

pub async fn clients_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
) -> Result<HttpResponse, PageError> {
    policy::agency_clients_of(&actor).or_page(&req)?;
    show(&state, &req, &actor, StatusCode::OK, None).await
}

async fn show(
    state: &AppState,
    req: &HttpRequest,
    actor: &Actor,
    status: StatusCode,
    error: Option<String>,
) -> Result<HttpResponse, PageError> {
    let names = service::client_names(state, actor).await.or_page(req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("clients", &names);
    ctx.insert("error", &error);
    Ok(page_with_status(
        req,
        Some(actor),
        status,
        "organisations/clients.html",
        ctx,
    ))
}

#[derive(Debug, Deserialize)]
pub struct ClientForm {
    #[serde(default)]
    employer: String,
    #[serde(default)]
    remove: Option<String>,
}

pub async fn clients_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<ClientForm>,
) -> Result<HttpResponse, PageError> {
    let removing = form.remove.is_some();
    match service::set_client(&state, &actor, &form.employer, !removing).await {
        Ok(name) => Ok(see_other(
            &req,
            "/agency/clients",
            Some(&if removing {
                format!("{name} is no longer a client.")
            } else {
                format!("{name} is now a client: you can post its vacancies.")
            }),
        )),
        Err(e) if e.field().is_some() => {
            show(&state, &req, &actor, e.status_code(), Some(e.to_string())).await
        }
        Err(e) => Err(PageError::new(&req, e)),
    }
}
