//! The organisations API: each handler extracts, calls its use case in `service`, answers.

use actix_web::{web, HttpResponse};

use super::domain::Decision;
use super::service::{
    self, AccreditationDecision, AccreditationRequest, ClientLinkView, ClientRequest,
    CreatedMember, MemberView, NewMember, NewOrganisation, OrganisationChanges, OrganisationView,
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
        )
        .route(
            "/api/v1/organisations/{id}/agencies",
            web::get().to(list_agencies),
        )
        .route(
            "/api/v1/organisations/{id}/agencies/{agency}/accept",
            web::post().to(accept_agency),
        )
        .route(
            "/api/v1/organisations/{id}/agencies/{agency}/decline",
            web::post().to(decline_agency),
        )
        .route(
            "/api/v1/organisations/{id}/agencies/{agency}",
            web::delete().to(remove_agency),
        )
        .route(
            "/api/v1/organisations/{id}/accreditation",
            web::put().to(verify_accreditation),
        )
        .route(
            "/api/v1/organisations/{id}/accreditation-request",
            web::post().to(ask_for_accreditation),
        )
        .route("/api/v1/agency/clients", web::get().to(list_clients))
        .route("/api/v1/agency/clients", web::post().to(ask_client))
        .route(
            "/api/v1/agency/clients/{employer}",
            web::delete().to(remove_client),
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
    responses((status = 200, body = OrganisationView), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)), security(("bearer" = [])))]
pub async fn get_organisation(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<OrganisationId>,
) -> Result<web::Json<OrganisationView>, AppError> {
    Ok(web::Json(
        service::get(&state, &actor, path.into_inner()).await?,
    ))
}

/// Renames an organisation. Sending `living_wage_accredited` is refused: 403 for those
/// who may not set it, 422 pointing admins to the accreditation route.
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
    responses((status = 200, body = Vec<MemberView>), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)),
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

/// The agencies that asked to act for an employer, whatever the answer: the employer's own
/// people, or an admin.
#[utoipa::path(get, path = "/api/v1/organisations/{id}/agencies", tag = "organisations",
    params(("id" = String, Path, description = "The employer")),
    responses((status = 200, body = Vec<ClientLinkView>), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn list_agencies(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<OrganisationId>,
) -> Result<web::Json<Vec<ClientLinkView>>, AppError> {
    let links = service::agency_links(&state, &actor, path.into_inner()).await?;
    Ok(web::Json(links))
}

/// Accepts an agency: from now on it may post vacancies for the employer.
#[utoipa::path(post, path = "/api/v1/organisations/{id}/agencies/{agency}/accept", tag = "organisations",
    params(("id" = String, Path, description = "The employer"), ("agency" = String, Path, description = "The agency that asked")),
    responses((status = 200, body = ClientLinkView), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn accept_agency(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(OrganisationId, OrganisationId)>,
) -> Result<web::Json<ClientLinkView>, AppError> {
    let (employer, agency) = path.into_inner();
    let decision = Decision::Accept;
    let link = service::answer_agency(&state, &actor, employer, agency, decision).await?;
    Ok(web::Json(link))
}

/// Declines an agency: it may not post for the employer, nor manage what it posted before.
#[utoipa::path(post, path = "/api/v1/organisations/{id}/agencies/{agency}/decline", tag = "organisations",
    params(("id" = String, Path, description = "The employer"), ("agency" = String, Path, description = "The agency that asked")),
    responses((status = 200, body = ClientLinkView), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn decline_agency(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(OrganisationId, OrganisationId)>,
) -> Result<web::Json<ClientLinkView>, AppError> {
    let (employer, agency) = path.into_inner();
    let decision = Decision::Decline;
    let link = service::answer_agency(&state, &actor, employer, agency, decision).await?;
    Ok(web::Json(link))
}

/// Ends an agency's link to the employer; the employer keeps the vacancies it posted.
#[utoipa::path(delete, path = "/api/v1/organisations/{id}/agencies/{agency}", tag = "organisations",
    params(("id" = String, Path, description = "The employer"), ("agency" = String, Path, description = "The agency")),
    responses((status = 204), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn remove_agency(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(OrganisationId, OrganisationId)>,
) -> Result<HttpResponse, AppError> {
    let (employer, agency) = path.into_inner();
    service::remove_agency(&state, &actor, employer, agency).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The agency's links to employers: asked for, accepted or declined (agencies only).
#[utoipa::path(get, path = "/api/v1/agency/clients", tag = "organisations",
    responses((status = 200, body = Vec<ClientLinkView>), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn list_clients(
    state: web::Data<AppState>,
    actor: Actor,
) -> Result<web::Json<Vec<ClientLinkView>>, AppError> {
    Ok(web::Json(service::client_links(&state, &actor).await?))
}

/// Asks an employer, by its name, to accept the agency; 201 when this asked, 200 when the
/// request was already waiting or accepted.
#[utoipa::path(post, path = "/api/v1/agency/clients", tag = "organisations", request_body = ClientRequest,
    responses((status = 201, body = ClientLinkView), (status = 200, body = ClientLinkView), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn ask_client(
    state: web::Data<AppState>,
    actor: Actor,
    body: ApiJson<ClientRequest>,
) -> Result<HttpResponse, AppError> {
    let employer = body.into_inner().employer;
    let (link, asked) = service::ask_to_act_for(&state, &actor, &employer).await?;
    Ok(if asked {
        HttpResponse::Created().json(link)
    } else {
        HttpResponse::Ok().json(link)
    })
}

/// Ends the agency's link to an employer: it stops posting for it and no longer reaches
/// the vacancies it submitted for it.
#[utoipa::path(delete, path = "/api/v1/agency/clients/{employer}", tag = "organisations",
    params(("employer" = String, Path, description = "The employer's id")),
    responses((status = 204), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn remove_client(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<OrganisationId>,
) -> Result<HttpResponse, AppError> {
    service::stop_acting_for(&state, &actor, path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Records an employer's Living Wage accreditation as verified, with the date and how, or
/// withdraws it saying why (admins only).
#[utoipa::path(put, path = "/api/v1/organisations/{id}/accreditation", tag = "organisations", request_body = AccreditationDecision,
    params(("id" = String, Path, description = "The employer")),
    responses((status = 200, body = OrganisationView), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn verify_accreditation(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<OrganisationId>,
    body: ApiJson<AccreditationDecision>,
) -> Result<web::Json<OrganisationView>, AppError> {
    let (id, decision) = (path.into_inner(), body.into_inner());
    let organisation = service::verify_accreditation(&state, &actor, id, decision).await?;
    Ok(web::Json(organisation))
}

/// An employer asks Better Work to verify its Living Wage accreditation (employers, for
/// their own organisation).
#[utoipa::path(post, path = "/api/v1/organisations/{id}/accreditation-request", tag = "organisations", request_body = AccreditationRequest,
    params(("id" = String, Path, description = "The employer")),
    responses((status = 200, body = OrganisationView), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn ask_for_accreditation(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<OrganisationId>,
    body: ApiJson<AccreditationRequest>,
) -> Result<web::Json<OrganisationView>, AppError> {
    let (id, request) = (path.into_inner(), body.into_inner());
    let organisation = service::ask_for_accreditation(&state, &actor, id, request).await?;
    Ok(web::Json(organisation))
}
