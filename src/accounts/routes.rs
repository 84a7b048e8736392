//! Log in and out, by page and by API, and `GET /api/v1/me`.

use std::collections::HashMap;

use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::access::{Actor, SESSION_COOKIE};
use crate::accounts::service;
use crate::audit::client_ip;
use crate::error::{AppError, ErrorEnvelope};
use crate::types::{OrganisationKind, Role};
use crate::web::PageActor;
use crate::web::{
    page_with_status, private_cookie, removal_cookie, see_other, ApiJson, CsrfForm, OrPage,
    PageError,
};
use crate::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/login", web::get().to(login_page))
        .route("/login", web::post().to(login_form))
        .route("/logout", web::post().to(logout_form))
        .route("/api/v1/auth/token", web::post().to(issue_token))
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
    web::Json(Me {
        email: actor.email,
        display_name: actor.display_name,
        role: actor.role,
        organisation: MeOrganisation {
            name: actor.organisation.name,
            kind: actor.organisation.kind,
        },
    })
}

/// Where to go after logging in: only a path on this site, never another site.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_string()
        }
        _ => "/dashboard".to_string(),
    }
}

#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
}

fn login_context(
    email: &str,
    next: Option<&str>,
    errors: HashMap<String, String>,
    message: Option<String>,
) -> tera::Context {
    let mut ctx = tera::Context::new();
    ctx.insert("email", email);
    ctx.insert("next", &next);
    ctx.insert("errors", &errors);
    ctx.insert("message", &message);
    ctx
}

pub async fn login_page(req: HttpRequest, query: web::Query<LoginQuery>) -> HttpResponse {
    let ctx = login_context("", query.next.as_deref(), HashMap::new(), None);
    page_with_status(&req, None, StatusCode::OK, "accounts/login.html", ctx)
}

/// The log-in form as submitted.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn login_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> HttpResponse {
    let next = form.next.clone().filter(|n| !n.is_empty());
    match service::log_in(&state, &form.email, form.password, client_ip(&req)).await {
        Ok(issued) => {
            let mut cookie = private_cookie(&req, SESSION_COOKIE, issued.token);
            cookie.set_max_age(CookieDuration::seconds(
                state.sessions.lifetime.num_seconds(),
            ));
            let mut response = see_other(&req, &safe_next(next.as_deref()), None);
            if let Err(e) = response.add_cookie(&cookie) {
                return PageError::new(&req, AppError::internal(e)).error_response();
            }
            response
        }
        Err(error) => {
            let (errors, message) = match &error {
                AppError::Invalid { .. } => (crate::web::form_errors(&error), None),
                AppError::Internal(_) => return PageError::new(&req, error).error_response(),
                other => (HashMap::new(), Some(other.to_string())),
            };
            let ctx = login_context(&form.email, next.as_deref(), errors, message);
            let mut response =
                page_with_status(&req, None, error.status_code(), "accounts/login.html", ctx);
            if matches!(error, AppError::TooManyAttempts) {
                response.headers_mut().insert(
                    actix_web::http::header::RETRY_AFTER,
                    actix_web::http::header::HeaderValue::from_static("900"),
                );
            }
            response
        }
    }
}

/// Nothing but the anti-forgery token.
#[derive(Debug, Deserialize)]
pub struct EmptyForm {}

pub async fn logout_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    _form: CsrfForm<EmptyForm>,
) -> Result<HttpResponse, PageError> {
    service::log_out(&state, &actor).await.or_page(&req)?;
    let mut response = see_other(&req, "/login", Some("You have logged out."));
    response
        .add_cookie(&removal_cookie(&req, SESSION_COOKIE))
        .map_err(|e| PageError::new(&req, AppError::internal(e)))?;
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_logging_in_only_a_local_path_is_followed() {
        assert_eq!(
            safe_next(Some("/admin/organisations")),
            "/admin/organisations"
        );
        assert_eq!(safe_next(Some("//evil.example")), "/dashboard");
        assert_eq!(safe_next(Some("https://evil.example")), "/dashboard");
        assert_eq!(safe_next(Some("/\\evil.example")), "/dashboard");
        assert_eq!(safe_next(None), "/dashboard");
    }
}
