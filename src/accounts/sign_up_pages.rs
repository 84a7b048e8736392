//! The public sign-up page for employers and agencies.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use serde::{Deserialize, Serialize};

use super::own_pages::{is_about_fields, with_session};
use crate::access::MIN_PASSWORD_LEN;
use crate::accounts::service::{self, SignUp};
use crate::web::actor::client_ip;
use crate::web::{page_with_status, see_other, CsrfForm, FormErrors, PageError};
use crate::AppState;

/// The sign-up form as sent; the password is never sent back to the page.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct SignUpForm {
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default, skip_serializing)]
    password: String,
}

fn sign_up_page_with(
    req: &HttpRequest,
    status: StatusCode,
    form: &SignUpForm,
    errors: &mut FormErrors,
) -> HttpResponse {
    // The summary's link goes to the first choice, as a group of radios has no input of
    // its own to focus.
    errors.anchor("kind", "kind-employer");
    let mut ctx = tera::Context::new();
    errors.add_to(&mut ctx);
    ctx.insert("form", form);
    ctx.insert("min_length", &MIN_PASSWORD_LEN);
    page_with_status(req, None, status, "accounts/sign_up.html", ctx)
}

pub async fn sign_up_page(req: HttpRequest) -> HttpResponse {
    let mut none = FormErrors::none();
    sign_up_page_with(&req, StatusCode::OK, &SignUpForm::default(), &mut none)
}

pub async fn sign_up_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    CsrfForm(form): CsrfForm<SignUpForm>,
) -> Result<HttpResponse, PageError> {
    let sign_up = SignUp {
        organisation: form.organisation.clone(),
        kind: form.kind.clone(),
        display_name: form.display_name.clone(),
        email: form.email.clone(),
        password: form.password.clone(),
    };
    match service::sign_up(&state, sign_up, client_ip(&req)).await {
        Ok(issued) => {
            let message = "You have signed up. An admin at Better Work will check your \
                           organisation soon: meanwhile you can prepare vacancies as drafts, \
                           and publish them once it is approved.";
            with_session(
                &req,
                &state,
                issued,
                see_other(&req, "/dashboard", Some(message)),
            )
        }
        Err(e) if is_about_fields(&e) => {
            let mut errors = FormErrors::of(&e);
            Ok(sign_up_page_with(&req, e.status_code(), &form, &mut errors))
        }
        Err(e) => Err(PageError::new(&req, e)),
    }
}
