//! Pages for a person's own password: changing it while logged in, and setting a new one
//! with the reset link an admin gave them.

use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use serde::Deserialize;

use crate::access::tokens::IssuedToken;
use crate::access::{MIN_PASSWORD_LEN, SESSION_COOKIE};
use crate::accounts::service::{self, NewPassword};
use crate::error::AppError;
use crate::web::actor::client_ip;
use crate::web::{
    page_with_status, private_cookie, see_other, CsrfForm, FormErrors, OrPage, PageActor, PageError,
};
use crate::AppState;

/// Sends `to` somewhere with a new session cookie, as logging in does.
pub(super) fn with_session(
    req: &HttpRequest,
    state: &AppState,
    issued: IssuedToken,
    mut response: HttpResponse,
) -> Result<HttpResponse, PageError> {
    let mut cookie = private_cookie(req, SESSION_COOKIE, issued.token);
    cookie.set_max_age(CookieDuration::seconds(
        state.sessions.lifetime.num_seconds(),
    ));
    response
        .add_cookie(&cookie)
        .map_err(|e| PageError::new(req, AppError::internal(e)))?;
    Ok(response)
}

/// Whether an error is about the form's fields, to show beside them.
pub(super) fn is_about_fields(error: &AppError) -> bool {
    matches!(
        error,
        AppError::Invalid { .. } | AppError::Fields(_) | AppError::Conflict { .. }
    )
}

fn password_context(errors: &FormErrors) -> tera::Context {
    let mut ctx = tera::Context::new();
    errors.add_to(&mut ctx);
    ctx.insert("min_length", &MIN_PASSWORD_LEN);
    ctx
}

pub async fn change_password_page(req: HttpRequest, PageActor(actor): PageActor) -> HttpResponse {
    let ctx = password_context(&FormErrors::none());
    page_with_status(
        &req,
        Some(&actor),
        StatusCode::OK,
        "accounts/password.html",
        ctx,
    )
}

/// The change-your-password form as sent. Passwords are never sent back to the page.
#[derive(Debug, Deserialize)]
pub struct ChangePasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirmation: String,
}

pub async fn change_password_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<ChangePasswordForm>,
) -> Result<HttpResponse, PageError> {
    let new = NewPassword {
        password: form.password,
        confirmation: form.password_confirmation,
    };
    match service::change_password(&state, &actor, form.current_password, new).await {
        Ok(issued) => {
            let message = "Your password has been changed. You have been logged out \
                           everywhere else.";
            with_session(
                &req,
                &state,
                issued,
                see_other(&req, "/dashboard", Some(message)),
            )
        }
        Err(e) if is_about_fields(&e) => {
            let ctx = password_context(&FormErrors::of(&e));
            let template = "accounts/password.html";
            Ok(page_with_status(
                &req,
                Some(&actor),
                e.status_code(),
                template,
                ctx,
            ))
        }
        Err(e) => Err(PageError::new(&req, e)),
    }
}

/// The page of a reset link: the form to set a new password, or, when the link no longer
/// works, a page that says so and what to do.
fn reset_page(
    req: &HttpRequest,
    status: StatusCode,
    holder: Option<&service::ResetLinkHolder>,
    errors: &FormErrors,
) -> HttpResponse {
    let mut ctx = password_context(errors);
    ctx.insert("holder", &holder);
    ctx.insert("action", req.path());
    page_with_status(req, None, status, "accounts/reset.html", ctx)
}

pub async fn reset_link_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    match service::reset_link(&state, token.into_inner()).await {
        Ok(holder) => Ok(reset_page(
            &req,
            StatusCode::OK,
            Some(&holder),
            &FormErrors::none(),
        )),
        Err(e @ AppError::NotFound { .. }) => {
            Ok(reset_page(&req, e.status_code(), None, &FormErrors::none()))
        }
        Err(e) => Err(PageError::new(&req, e)),
    }
}

/// The new-password form of a reset link as sent.
#[derive(Debug, Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirmation: String,
}

pub async fn reset_link_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> Result<HttpResponse, PageError> {
    let token = token.into_inner();
    let new = NewPassword {
        password: form.password,
        confirmation: form.password_confirmation,
    };
    match service::reset_password(&state, token.clone(), new, client_ip(&req)).await {
        Ok(_) => Ok(see_other(
            &req,
            "/login",
            Some("Your new password is set. Log in with it now."),
        )),
        Err(e @ AppError::NotFound { .. }) => {
            Ok(reset_page(&req, e.status_code(), None, &FormErrors::none()))
        }
        Err(e) if is_about_fields(&e) => {
            let holder = service::reset_link(&state, token).await.or_page(&req)?;
            let errors = FormErrors::of(&e);
            Ok(reset_page(&req, e.status_code(), Some(&holder), &errors))
        }
        Err(e) => Err(PageError::new(&req, e)),
    }
}
