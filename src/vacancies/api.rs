//! The vacancies API: each handler extracts, calls its use case in `service`, and answers.

use actix_web::{web, HttpResponse};
use serde::Deserialize;

use super::domain::Status;
use super::input::{VacancyInput, VacancyPatch};
use super::queries::Cursor;
use super::service::{self, Edit, Posted};
use super::view::VacancyView;
use crate::access::Actor;
use crate::error::{AppError, ErrorEnvelope};
use crate::pagination::{PageQuery, Paged, Pagination};
use crate::web::ApiJson;
use crate::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/vacancies", web::post().to(post_vacancy))
        .route("/api/v1/vacancies", web::get().to(list_vacancies))
        .route("/api/v1/vacancies/{ref}", web::get().to(get_vacancy))
        .route("/api/v1/vacancies/{ref}", web::patch().to(change_vacancy))
        .route(
            "/api/v1/vacancies/{ref}/status",
            web::post().to(change_status),
        );
}

/// Posts a vacancy (201), or with a `ref` already used by the poster updates it (200).
#[utoipa::path(post, path = "/api/v1/vacancies", tag = "vacancies", request_body = VacancyInput,
    responses((status = 201, body = VacancyView), (status = 200, body = VacancyView), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn post_vacancy(
    state: web::Data<AppState>,
    actor: Actor,
    body: ApiJson<VacancyInput>,
) -> Result<HttpResponse, AppError> {
    let (view, posted) = service::post(&state, &actor, body.into_inner()).await?;
    Ok(match posted {
        Posted::Created => HttpResponse::Created().json(view),
        Posted::Updated | Posted::Unchanged => HttpResponse::Ok().json(view),
    })
}

/// Which vacancies to list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    pub status: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
    /// The `next` of the previous page: the page after it, as fast however deep.
    pub after: Option<String>,
}

/// A status code from a query or body, refused naming `status`.
fn status_named(code: &str) -> Result<Status, AppError> {
    Status::from_code(code).ok_or_else(|| {
        AppError::invalid(
            "status",
            format!("status: must be one of {}.", Status::codes()),
        )
    })
}

/// The actor's own vacancies (all of them for an admin), newest first.
#[utoipa::path(get, path = "/api/v1/vacancies", tag = "vacancies", params(ListQuery),
    responses((status = 200, body = inline(Paged<VacancyView>)), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn list_vacancies(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Paged<VacancyView>>, AppError> {
    let query = query.into_inner();
    let at = Pagination::parse(&PageQuery {
        page: query.page,
        per_page: query.per_page,
    })?;
    let status = match query.status.as_deref().filter(|s| !s.is_empty()) {
        Some(code) => Some(status_named(code)?),
        None => None,
    };
    let after = match query.after.as_deref().filter(|a| !a.is_empty()) {
        Some(raw) => Some(Cursor::parse(raw, "after")?),
        None => None,
    };
    Ok(web::Json(
        service::list(&state, &actor, status, at, after).await?,
    ))
}

/// One of the actor's vacancies, by its public reference or the poster's own.
#[utoipa::path(get, path = "/api/v1/vacancies/{ref}", tag = "vacancies",
    responses((status = 200, body = VacancyView), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)), security(("bearer" = [])))]
pub async fn get_vacancy(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<String>,
) -> Result<web::Json<VacancyView>, AppError> {
    Ok(web::Json(
        service::get(&state, &actor, path.into_inner()).await?,
    ))
}

/// Changes some fields; the whole vacancy is checked again.
#[utoipa::path(patch, path = "/api/v1/vacancies/{ref}", tag = "vacancies", request_body = VacancyPatch,
    responses((status = 200, body = VacancyView), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)), security(("bearer" = [])))]
pub async fn change_vacancy(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<String>,
    body: ApiJson<VacancyPatch>,
) -> Result<web::Json<VacancyView>, AppError> {
    let edit = Edit::Patch(body.into_inner());
    Ok(web::Json(
        service::edit(&state, &actor, path.into_inner(), edit).await?,
    ))
}

/// A new status.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub status: String,
}

/// Opens, pauses, closes or marks a vacancy filled; an impossible move is a 422.
#[utoipa::path(post, path = "/api/v1/vacancies/{ref}/status", tag = "vacancies", request_body = StatusChange,
    responses((status = 200, body = VacancyView), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)), security(("bearer" = [])))]
pub async fn change_status(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<String>,
    body: ApiJson<StatusChange>,
) -> Result<web::Json<VacancyView>, AppError> {
    let to = status_named(&body.into_inner().status)?;
    Ok(web::Json(
        service::change_status(&state, &actor, path.into_inner(), to).await?,
    ))
}
