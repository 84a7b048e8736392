//! Logging in and out by page.

use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use serde::Deserialize;

use crate::access::SESSION_COOKIE;
use crate::accounts::service;
use crate::error::AppError;
use crate::web::actor::client_ip;
use crate::web::{
    page_with_status, private_cookie, removal_cookie, see_other, CsrfForm, FormErrors, OrPage,
    PageActor, PageError,
};
use crate::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/login", web::get().to(login_page))
        .route("/login", web::post().to(login_form))
        .route("/logout", web::post().to(logout_form));
}

/// Where to go after logging in: only a path on this site, never another site. Browsers
/// drop tabs and newlines from addresses and read `\\` as `/`, so `/<tab>/evil.example`
/// would become `//evil.example`: a path with any control character, space or backslash
/// is not followed, nor one starting `//`.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path
                    .chars()
                    .any(|c| c.is_control() || c.is_whitespace() || c == '\\') =>
        {
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
    errors: FormErrors,
    message: Option<String>,
) -> tera::Context {
    let mut ctx = tera::Context::new();
    ctx.insert("email", email);
    ctx.insert("next", &next);
    errors.add_to(&mut ctx);
    ctx.insert("message", &message);
    ctx
}

pub async fn login_page(req: HttpRequest, query: web::Query<LoginQuery>) -> HttpResponse {
    let ctx = login_context("", query.next.as_deref(), FormErrors::none(), None);
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
                AppError::Invalid { .. } | AppError::Fields(_) => (FormErrors::of(&error), None),
                AppError::Internal(_) => return PageError::new(&req, error).error_response(),
                other => (FormErrors::none(), Some(other.to_string())),
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
        for bad in [
            "/\t/evil.example",
            "/\n",
            "/ /evil.example",
            "/\u{0}x",
            "/a\u{85}b",
        ] {
            assert_eq!(safe_next(Some(bad)), "/dashboard", "{bad:?}");
        }
        assert_eq!(
            safe_next(Some("/jobs?q=care%20work")),
            "/jobs?q=care%20work"
        );
    }
}
