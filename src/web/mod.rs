//! The web shell shared by every capability: reading the actor from a request, templates
//! and page rendering, flash messages, anti-forgery form handling, JSON bodies that fail
//! with our error envelope, navigation and the OpenAPI document assembled from what each
//! capability exports, and the pages that belong to no capability (home, about, health).

pub mod actor;
mod address;
pub mod capability;
mod extract;
pub mod form;
mod headers;
pub mod openapi;
mod shell;
mod templates;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};

pub use actor::{visitor, PageActor};
pub use address::refuse_control_characters;
pub use extract::{
    form_config, json_config, parse_json, path_config, query_config, ApiJson, CsrfForm,
};
pub use headers::cache_and_transport_headers;
pub use shell::{fallback, routes};

use crate::access::{random_token, Actor, CSRF_COOKIE, SESSION_COOKIE};
use crate::error::AppError;
use crate::AppState;
pub use form::FormErrors;

const FLASH_COOKIE: &str = "bw_flash";

/// What the navigation offers: each capability's links for this actor, in order, and the
/// shell's own. The server still checks every request.
fn navigation(actor: Option<&Actor>) -> Vec<capability::NavLink> {
    let mut links: Vec<capability::NavLink> = crate::CAPABILITIES
        .iter()
        .flat_map(|c| (c.navigation)(actor))
        .collect();
    links.push(capability::NavLink::new(90, "/about", "About"));
    links.sort_by_key(|l| l.order);
    links
}

/// Whether the portal is reached over HTTPS (or configured as if it were).
pub(crate) fn secure_cookies(req: &HttpRequest) -> bool {
    let configured = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.settings.cookie_secure);
    configured || req.connection_info().scheme() == "https"
}

/// A cookie only the server reads, sent back on same-site navigation.
pub fn private_cookie(req: &HttpRequest, name: &'static str, value: String) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure_cookies(req))
        .finish()
}

/// A cookie that tells the browser to forget `name`.
pub fn removal_cookie(req: &HttpRequest, name: &'static str) -> Cookie<'static> {
    let mut cookie = private_cookie(req, name, String::new());
    cookie.make_removal();
    cookie
}

fn is_csrf_seed(value: &str) -> bool {
    value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit())
}

/// What this request's form tokens are bound to: the session of someone logged in (read
/// from the signed cookie alone, so a form still works on the log-in page shown when the
/// session has been revoked), or a visitor's random cookie.
fn csrf_binding(req: &HttpRequest, state: &AppState, seed: Option<&str>) -> Option<String> {
    let session = req
        .cookie(SESSION_COOKIE)
        .and_then(|c| state.sessions.verify(c.value(), state.now()).ok());
    match (session, seed) {
        (Some(claims), _) => Some(format!("session:{}", claims.sid)),
        (None, Some(seed)) => Some(format!("visitor:{seed}")),
        (None, None) => None,
    }
}

/// The token a form from this request's session must carry; `None` when there can be none.
pub(crate) fn expected_csrf_token(req: &HttpRequest) -> Option<String> {
    let state = req.app_data::<web::Data<AppState>>()?;
    let cookie = req.cookie(CSRF_COOKIE);
    let seed = cookie
        .as_ref()
        .map(|c| c.value())
        .filter(|v| is_csrf_seed(v));
    csrf_binding(req, state, seed).map(|binding| state.sessions.form_token(&binding))
}

/// The anti-forgery token for the forms of a page, and the visitor's cookie to set when it
/// had none yet.
fn csrf_token(req: &HttpRequest) -> (String, Option<Cookie<'static>>) {
    let (seed, cookie) = match req.cookie(CSRF_COOKIE) {
        Some(c) if is_csrf_seed(c.value()) => (c.value().to_string(), None),
        _ => {
            let seed = random_token(32);
            let cookie = private_cookie(req, CSRF_COOKIE, seed.clone());
            (seed, Some(cookie))
        }
    };
    let token = req
        .app_data::<web::Data<AppState>>()
        .and_then(|state| {
            csrf_binding(req, state, Some(&seed)).map(|b| state.sessions.form_token(&b))
        })
        // Without the app's state no form can be checked either: a token that never matches.
        .unwrap_or_else(|| random_token(32));
    (token, cookie)
}

fn flash_message(req: &HttpRequest) -> Option<String> {
    let raw = req.cookie(FLASH_COOKIE)?;
    let decoded: String = url::form_urlencoded::parse(format!("m={}", raw.value()).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())?;
    (!decoded.is_empty()).then_some(decoded)
}

/// A rendered page with the cookies it needs, ready to become a response of any status.
struct RenderedPage {
    html: String,
    cookies: Vec<Cookie<'static>>,
    /// Whether the template failed and `html` is the plain fallback page.
    failed: bool,
}

fn render_page(
    req: &HttpRequest,
    actor: Option<&Actor>,
    template: &str,
    mut ctx: tera::Context,
) -> RenderedPage {
    let (token, csrf_cookie) = csrf_token(req);
    let mut cookies: Vec<Cookie<'static>> = csrf_cookie.into_iter().collect();
    let flash = flash_message(req);
    if flash.is_some() {
        cookies.push(removal_cookie(req, FLASH_COOKIE));
    }
    ctx.insert("csrf_token", &token);
    ctx.insert("csrf_field", crate::access::CSRF_FIELD);
    ctx.insert("flash", &flash);
    ctx.insert("nav", &navigation(actor));
    ctx.insert("actor", &actor);
    ctx.insert("role_label", &actor.map(|a| a.role.label()));
    ctx.insert("current_path", req.path());
    let (html, failed) = match templates::render(template, &ctx) {
        Ok(html) => (html, false),
        Err(e) => {
            tracing::error!(error = %format!("{e:#}"), template, "rendering a page");
            (templates::fallback_error_page(), true)
        }
    };
    RenderedPage {
        html,
        cookies,
        failed,
    }
}

/// Renders `template` as a 200 page for `actor` (or a visitor).
pub fn page(
    req: &HttpRequest,
    actor: Option<&Actor>,
    template: &str,
    ctx: tera::Context,
) -> HttpResponse {
    page_with_status(req, actor, StatusCode::OK, template, ctx)
}

/// Renders `template` with the given status, e.g. a form sent back with its errors (422).
pub fn page_with_status(
    req: &HttpRequest,
    actor: Option<&Actor>,
    status: StatusCode,
    template: &str,
    ctx: tera::Context,
) -> HttpResponse {
    let rendered = render_page(req, actor, template, ctx);
    let status = if rendered.failed {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        status
    };
    let mut response = HttpResponse::build(status);
    response.content_type("text/html; charset=utf-8");
    for cookie in rendered.cookies {
        response.cookie(cookie);
    }
    response.body(rendered.html)
}

/// A redirect after a form, carrying a message for the next page.
pub fn see_other(req: &HttpRequest, location: &str, flash: Option<&str>) -> HttpResponse {
    let mut response = HttpResponse::SeeOther();
    response.insert_header((header::LOCATION, location.to_string()));
    if let Some(message) = flash {
        let encoded: String = url::form_urlencoded::byte_serialize(message.as_bytes()).collect();
        response.cookie(private_cookie(req, FLASH_COOKIE, encoded));
    }
    response.finish()
}

/// An error shown to a browser as a page: the log-in form for a visitor who must log in,
/// a plain explanation otherwise. Rendered when it is made, because rendering needs the request.
pub struct PageError {
    error: AppError,
    html: String,
    cookies: Vec<Cookie<'static>>,
}

impl PageError {
    pub fn new(req: &HttpRequest, error: AppError) -> PageError {
        let mut ctx = tera::Context::new();
        let rendered = match &error {
            AppError::Unauthenticated => {
                let next =
                    (req.method() == actix_web::http::Method::GET).then(|| req.uri().to_string());
                ctx.insert("next", &next);
                FormErrors::none().add_to(&mut ctx);
                ctx.insert("email", "");
                ctx.insert("message", &error.to_string());
                render_page(req, None, "accounts/login.html", ctx)
            }
            _ => {
                if let AppError::Internal(cause) = &error {
                    tracing::error!(error = ?cause, "internal error");
                }
                ctx.insert("status", &error.status_code().as_u16());
                ctx.insert("heading", error_heading(&error));
                ctx.insert("message", &error.to_string());
                // Who is asking is unknown here (the session may be the problem), so the
                // error page offers the visitor's navigation.
                render_page(req, None, "error.html", ctx)
            }
        };
        PageError {
            error,
            html: rendered.html,
            cookies: rendered.cookies,
        }
    }
}

fn error_heading(error: &AppError) -> &'static str {
    match error {
        AppError::Forbidden(_) | AppError::CsrfRejected => "You can't do that here",
        AppError::NotFound { .. } => "Page not found",
        AppError::TooManyAttempts | AppError::TooManyRequests(_) => "Too many attempts",
        AppError::MethodNotAllowed { .. } => "That can't be done at this address",
        AppError::Malformed(_) | AppError::Invalid { .. } | AppError::Fields(_) => {
            "Something in the form needs fixing"
        }
        AppError::Unavailable(_) => "Better Work is busy",
        AppError::Internal(_) => "Sorry, something went wrong",
        _ => "Something went wrong",
    }
}

/// The error alone: the request log records it, and the rendered page (a whole HTML
/// document, with the visitor's form token in it) has no place there.
impl std::fmt::Debug for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageError")
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        self.error.status_code()
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        response.content_type("text/html; charset=utf-8");
        if let Some(seconds) = self.error.retry_after() {
            response.insert_header((header::RETRY_AFTER, seconds));
        }
        if let Some(allowed) = self.error.allowed_methods() {
            response.insert_header((header::ALLOW, allowed));
        }
        for cookie in &self.cookies {
            response.cookie(cookie.clone());
        }
        response.body(self.html.clone())
    }
}

/// Lets page handlers use `?` on anything that returns `AppError`.
pub trait OrPage<T> {
    fn or_page(self, req: &HttpRequest) -> Result<T, PageError>;
}

impl<T> OrPage<T> for Result<T, AppError> {
    fn or_page(self, req: &HttpRequest) -> Result<T, PageError> {
        self.map_err(|e| PageError::new(req, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_error_logs_its_error_not_its_page() {
        let req = actix_web::test::TestRequest::default().to_http_request();
        let error = PageError::new(&req, AppError::Forbidden("Not yours.".into()));
        assert!(error.html.contains("<html"), "the page is rendered");
        let logged = format!("{error:?}");
        assert!(logged.contains("Not yours."), "{logged}");
        assert!(
            !logged.contains("<html") && !logged.contains("csrf"),
            "{logged}"
        );
    }
}
