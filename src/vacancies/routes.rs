//! The vacancies API.

use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde::Deserialize;

use super::domain::Status;
use super::input::{NewVacancy, VacancyInput};
use super::queries::{self, Owner};
use super::service::{self, Posted, VacancyView};
use crate::access::{policy, Actor};
use crate::error::{AppError, ErrorEnvelope};
use crate::pagination::{Paged, Pagination};
use crate::types::Role;
use crate::web::{parse_json, ApiJson};
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
    super::jobs::routes(cfg);
    super::pages::routes(cfg);
}

/// Posts a vacancy (201), or with a `ref` already used by the poster updates it (200).
#[utoipa::path(post, path = "/api/v1/vacancies", tag = "vacancies", request_body = VacancyInput,
    responses((status = 201, body = VacancyView), (status = 200, body = VacancyView), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn post_vacancy(
    state: web::Data<AppState>,
    actor: Actor,
    body: ApiJson<VacancyInput>,
) -> Result<HttpResponse, AppError> {
    policy::may_post_vacancy(&actor)?;
    let today = Utc::now().date_naive();
    let new = NewVacancy::parse(body.into_inner(), &state.gazetteer, &state.rates, today)?;
    let st = state.clone();
    let (view, posted) = state
        .db
        .run(move |conn| {
            let employer = service::employer_for(conn, &actor, new.employer.as_deref())?;
            let (row, posted) =
                service::post(conn, &new, &employer, &actor.organisation.id, Utc::now())?;
            Ok((service::view_of(conn, row, &st.rates, today)?, posted))
        })
        .await?;
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
}

fn owner(actor: &Actor) -> Owner<'_> {
    match actor.role {
        Role::Agency => Owner::SubmittedBy(&actor.organisation.id),
        Role::Admin => Owner::Everyone,
        _ => Owner::Employer(&actor.organisation.id),
    }
}

/// The actor's own vacancies, newest first.
#[utoipa::path(get, path = "/api/v1/vacancies", tag = "vacancies", params(ListQuery),
    responses((status = 200, body = inline(Paged<VacancyView>)), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn list_vacancies(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Paged<VacancyView>>, AppError> {
    policy::may_list_vacancies(&actor)?;
    let at = Pagination::parse(&crate::pagination::PageQuery {
        page: query.page.clone(),
        per_page: query.per_page.clone(),
    })?;
    let status = match query.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(Status::from_code(s).ok_or_else(|| {
            AppError::invalid(
                "status",
                format!("status: must be one of {}.", Status::codes()),
            )
        })?),
        None => None,
    };
    let st = state.clone();
    let today = Utc::now().date_naive();
    let page = state
        .db
        .run(move |conn| {
            let (rows, total) =
                queries::list(conn, owner(&actor), status.map(Status::code), today, at)?;
            let views = rows
                .into_iter()
                .map(|row| service::view_of(conn, row, &st.rates, today))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Paged::new(views, at, total))
        })
        .await?;
    Ok(web::Json(page))
}

async fn load(
    state: &AppState,
    actor: Actor,
    reference: String,
) -> Result<(Actor, queries::VacancyRow), AppError> {
    state
        .db
        .run(move |conn| {
            let row = queries::find(conn, &reference, Some(&actor.organisation.id))?;
            policy::may_manage_vacancy(&actor, &row.employer_id, &row.submitted_by)?;
            Ok((actor, row))
        })
        .await
}

/// One of the actor's vacancies, by its public reference or the poster's own.
#[utoipa::path(get, path = "/api/v1/vacancies/{ref}", tag = "vacancies",
    responses((status = 200, body = VacancyView), (status = 404, body = ErrorEnvelope)), security(("bearer" = [])))]
pub async fn get_vacancy(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<String>,
) -> Result<web::Json<VacancyView>, AppError> {
    let (_, row) = load(&state, actor, path.into_inner()).await?;
    let st = state.clone();
    let today = Utc::now().date_naive();
    Ok(web::Json(
        state
            .db
            .run(move |conn| service::view_of(conn, row, &st.rates, today))
            .await?,
    ))
}

/// Changes some fields; the whole vacancy is checked again.
#[utoipa::path(patch, path = "/api/v1/vacancies/{ref}", tag = "vacancies", request_body = VacancyInput,
    responses((status = 200, body = VacancyView), (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)), security(("bearer" = [])))]
pub async fn change_vacancy(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<String>,
    body: ApiJson<serde_json::Value>,
) -> Result<web::Json<VacancyView>, AppError> {
    let changes = match body.into_inner() {
        serde_json::Value::Object(map) => map,
        _ => {
            return Err(AppError::Malformed(
                "Send the changes as a JSON object.".into(),
            ))
        }
    };
    for key in ["ref", "employer"] {
        if changes.contains_key(key) {
            return Err(AppError::invalid(
                key,
                format!("{key}: cannot be changed; post a new vacancy instead."),
            ));
        }
    }
    let (_, old) = load(&state, actor, path.into_inner()).await?;
    let mut merged = serde_json::to_value(service::input_of(&old)).map_err(AppError::internal)?;
    if let serde_json::Value::Object(target) = &mut merged {
        // A new postcode means a new place: old coordinates go unless new ones come too.
        if changes.contains_key("postcode") && !changes.contains_key("latitude") {
            target.insert("latitude".into(), serde_json::Value::Null);
            target.insert("longitude".into(), serde_json::Value::Null);
        }
        for (key, value) in changes {
            target.insert(key, value);
        }
    }
    let input: VacancyInput =
        parse_json(&serde_json::to_vec(&merged).map_err(AppError::internal)?)?;
    let today = Utc::now().date_naive();
    let new = NewVacancy::parse(input, &state.gazetteer, &state.rates, today)?;
    let st = state.clone();
    let view = state
        .db
        .run(move |conn| {
            let row = service::replace(conn, &old, &new, Utc::now())?;
            service::view_of(conn, row, &st.rates, today)
        })
        .await?;
    Ok(web::Json(view))
}

/// A new status.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub status: String,
}

/// Opens, pauses, closes or marks a vacancy filled; an impossible move is a 422.
#[utoipa::path(post, path = "/api/v1/vacancies/{ref}/status", tag = "vacancies", request_body = StatusChange,
    responses((status = 200, body = VacancyView), (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)), security(("bearer" = [])))]
pub async fn change_status(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<String>,
    body: ApiJson<StatusChange>,
) -> Result<web::Json<VacancyView>, AppError> {
    let to = Status::from_code(&body.0.status).ok_or_else(|| {
        AppError::invalid(
            "status",
            format!("status: must be one of {}.", Status::codes()),
        )
    })?;
    let (_, row) = load(&state, actor, path.into_inner()).await?;
    let st = state.clone();
    let today = Utc::now().date_naive();
    let view = state
        .db
        .run(move |conn| {
            let row = service::change_status(conn, row, to, Utc::now())?;
            service::view_of(conn, row, &st.rates, today)
        })
        .await?;
    Ok(web::Json(view))
}
