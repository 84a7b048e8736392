//! The accounts API: exchange an email and password for a token, end it, and `/me`.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::access::Actor;
use crate::accounts::service;
use crate::error::{AppError, ErrorEnvelope};
use crate::types::{OrganisationKind, Role};
use crate::web::actor::client_ip;
use crate::web::ApiJson;
use crate::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/auth/token", web::post().to(issue_token))
        .route("/api/v1/auth/logout", web::post().to(revoke_token))
        .route("/api/v1/me", web::get().to(me));
}

/// Email and password.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

/// A session token for the `Authorization: Bearer` header.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TokenResponse {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// Exchanges an email and password for an API token.
#[utoipa::path(post, path = "/api/v1/auth/token", tag = "accounts", request_body = Credentials,
    responses((status = 200, body = TokenResponse), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope), (status = 429, body = ErrorEnvelope)))]
pub async fn issue_token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: ApiJson<Credentials>,
) -> Result<web::Json<TokenResponse>, AppError> {
    let Credentials { email, password } = body.into_inner();
    let issued = service::log_in(&state, &email, password, client_ip(&req)).await?;
    Ok(web::Json(TokenResponse {
        expires_at: issued.expires_at(),
        token: issued.token,
    }))
}

/// Ends the session of the token presented; it stops working at once.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "accounts",
    responses((status = 204), (status = 401, body = ErrorEnvelope)), security(("bearer" = [])))]
pub async fn revoke_token(
    state: web::Data<AppState>,
    actor: Actor,
) -> Result<HttpResponse, AppError> {
    service::log_out(&state, &actor).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The organisation part of `/me`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MeOrganisation {
    pub name: String,
    pub kind: OrganisationKind,
}

/// Who the token belongs to.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Me {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub organisation: MeOrganisation,
}

/// Who am I?
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, body = Me), (status = 401, body = ErrorEnvelope)), security(("bearer" = [])))]
pub async fn me(actor: Actor) -> web::Json<Me> {
    let Actor {
        email,
        display_name,
        role,
        organisation,
        ..
    } = actor;
    web::Json(Me {
        email,
        display_name,
        role,
        organisation: MeOrganisation {
            name: organisation.name,
            kind: organisation.kind,
        },
    })
}
