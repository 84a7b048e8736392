//! The organisations API: each handler extracts, calls its use case in `service`, answers.

use actix_web::{web, HttpResponse};

use super::service::{
    self, CreatedMember, MemberView, NewMember, NewOrganisation, OrganisationChanges,
    OrganisationView,
};
use crate::access::Actor;
use crate::error::{AppError, ErrorEnvelope};
use crate::pagination::{PageQuery, Paged, Pagination};
use crate::types::OrganisationId;
use crate::web::ApiJson;
use crate::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/organisations", web::get().to(list_organisations))
        .route("/api/v1/organisations", web::post().to(create_organisation))
        .route(
            "/api/v1/organisations/{id}",
            web::get().to(get_organisation),
        )
        .route(
            "/api/v1/organisations/{id}",
            web::patch().to(change_organisation),
        )
        .route(
            "/api/v1/organisations/{id}/users",
            web::get().to(list_members),
        )
        .route(
            "/api/v1/organisations/{id}/users",
            web::post().to(create_member),
        );
}

/// Every organisation on the platform (admins only).
#[utoipa::path(get, path = "/api/v1/organisations", tag = "organisations", params(PageQuery),
    responses((status = 200, body = inline(Paged<OrganisationView>)), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn list_organisations(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<PageQuery>,
) -> Result<web::Json<Paged<OrganisationView>>, AppError> {
    let at = Pagination::parse(&query)?;
    Ok(web::Json(service::list(&state, &actor, at).await?))
}

/// Creates an organisation (admins only).
#[utoipa::path(post, path = "/api/v1/organisations", tag = "organisations", request_body = NewOrganisation,
    responses((status = 201, body = OrganisationView), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn create_organisation(
    state: web::Data<AppState>,
    actor: Actor,
    body: ApiJson<NewOrganisation>,
) -> Result<HttpResponse, AppError> {
    let created = service::create(&state, &actor, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(created))
}

/// One organisation: its own people, or an admin.
#[utoipa::path(get, path = "/api/v1/organisations/{id}", tag = "organisations", params(("id" = String, Path, description = "The organisation's id.")),
    responses((status = 200, body = OrganisationView), (status = 401, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)), security(("bearer" = [])))]
pub async fn get_organisation(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<OrganisationId>,
) -> Result<web::Json<OrganisationView>, AppError> {
    Ok(web::Json(
        service::get(&state, &actor, path.into_inner()).await?,
    ))
}

/// Renames an organisation or records its Living Wage accreditation.
#[utoipa::path(patch, path = "/api/v1/organisations/{id}", tag = "organisations", request_body = OrganisationChanges, params(("id" = String, Path, description = "The organisation's id.")),
    responses((status = 200, body = OrganisationView), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn change_organisation(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<OrganisationId>,
    body: ApiJson<OrganisationChanges>,
) -> Result<web::Json<OrganisationView>, AppError> {
    let changes = body.into_inner();
    Ok(web::Json(
        service::change(&state, &actor, path.into_inner(), changes).await?,
    ))
}

/// The people of an organisation.
#[utoipa::path(get, path = "/api/v1/organisations/{id}/users", tag = "organisations", params(("id" = String, Path, description = "The organisation's id.")),
    responses((status = 200, body = Vec<MemberView>), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn list_members(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<OrganisationId>,
) -> Result<web::Json<Vec<MemberView>>, AppError> {
    let (_, members) = service::members(&state, &actor, path.into_inner()).await?;
    Ok(web::Json(members))
}

/// Creates an account in an organisation (admins only).
#[utoipa::path(post, path = "/api/v1/organisations/{id}/users", tag = "organisations", request_body = NewMember, params(("id" = String, Path, description = "The organisation's id.")),
    responses((status = 201, body = CreatedMember), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn create_member(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<OrganisationId>,
    body: ApiJson<NewMember>,
) -> Result<HttpResponse, AppError> {
    let created =
        service::create_member(&state, &actor, path.into_inner(), body.into_inner()).await?;
    Ok(HttpResponse::Created().json(created))
}
