//! An admin's pages for one person: change their details, remove them (after a page that
//! says what will happen), and make a password reset link for them.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use serde::{Deserialize, Serialize};

use super::own_pages::is_about_fields;
use crate::access::policy;
use crate::accounts::service::{self, PersonChanges, PersonView, RESET_LINK_HOURS};
use crate::types::UserId;
use crate::web::{
    page, page_with_status, see_other, CsrfForm, FormErrors, OrPage, PageActor, PageError,
};
use crate::AppState;

/// The change-a-person form, as sent or as first filled in.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct PersonForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

fn person_page_with(
    req: &HttpRequest,
    actor: &crate::access::Actor,
    status: StatusCode,
    person: &PersonView,
    form: &PersonForm,
    errors: &FormErrors,
) -> HttpResponse {
    let mut ctx = tera::Context::new();
    errors.add_to(&mut ctx);
    ctx.insert("person", person);
    ctx.insert("form", form);
    ctx.insert("is_self", &(person.id == actor.user_id));
    ctx.insert("reset_hours", &RESET_LINK_HOURS);
    page_with_status(req, Some(actor), status, "admin/person.html", ctx)
}

pub async fn person_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    id: web::Path<UserId>,
) -> Result<HttpResponse, PageError> {
    let person = service::person(&state, &actor, id.into_inner())
        .await
        .or_page(&req)?;
    let form = PersonForm {
        display_name: person.display_name.clone(),
        email: person.email.clone(),
        role: person.role.code().to_string(),
    };
    let none = FormErrors::none();
    Ok(person_page_with(
        &req,
        &actor,
        StatusCode::OK,
        &person,
        &form,
        &none,
    ))
}

pub async fn person_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    id: web::Path<UserId>,
    CsrfForm(form): CsrfForm<PersonForm>,
) -> Result<HttpResponse, PageError> {
    policy::may_manage_accounts(&actor).or_page(&req)?;
    let id = id.into_inner();
    let changes = PersonChanges {
        display_name: form.display_name.clone(),
        email: form.email.clone(),
        role: form.role.clone(),
    };
    match service::change_person(&state, &actor, id.clone(), changes).await {
        Ok(person) => Ok(see_other(
            &req,
            &format!("/admin/organisations/{}", person.organisation_id),
            Some(&format!("Changes to {} were saved.", person.display_name)),
        )),
        Err(e) if is_about_fields(&e) => {
            let person = service::person(&state, &actor, id).await.or_page(&req)?;
            let errors = FormErrors::of(&e);
            let status = e.status_code();
            Ok(person_page_with(
                &req, &actor, status, &person, &form, &errors,
            ))
        }
        Err(e) => Err(PageError::new(&req, e)),
    }
}

/// The page that says what removing a person does, with the button that does it.
pub async fn remove_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    id: web::Path<UserId>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    policy::may_remove_account(&actor, &id).or_page(&req)?;
    let person = service::person(&state, &actor, id).await.or_page(&req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("person", &person);
    Ok(page(&req, Some(&actor), "admin/remove_person.html", ctx))
}

/// Nothing but the anti-forgery token.
#[derive(Debug, Deserialize)]
pub struct ConfirmForm {}

pub async fn remove_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    id: web::Path<UserId>,
    _form: CsrfForm<ConfirmForm>,
) -> Result<HttpResponse, PageError> {
    let person = service::remove_person(&state, &actor, id.into_inner())
        .await
        .or_page(&req)?;
    Ok(see_other(
        &req,
        &format!("/admin/organisations/{}", person.organisation_id),
        Some(&format!(
            "{} was removed and can no longer log in.",
            person.display_name
        )),
    ))
}

/// The origin people reach Better Work at, as this request reached it, for links shown to
/// pass on.
fn origin(req: &HttpRequest) -> String {
    let info = req.connection_info();
    format!("{}://{}", info.scheme(), info.host())
}

/// Makes a reset link and shows it, once: it is not stored anywhere it could be read again.
pub async fn reset_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    id: web::Path<UserId>,
    _form: CsrfForm<ConfirmForm>,
) -> Result<HttpResponse, PageError> {
    let reset = service::make_password_reset(&state, &actor, id.into_inner())
        .await
        .or_page(&req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("person", &reset.person);
    ctx.insert(
        "link",
        &format!("{}/password-reset/{}", origin(&req), reset.token),
    );
    ctx.insert(
        "expires_at",
        &reset
            .expires_at
            .format("%-d %B %Y at %H:%M UTC")
            .to_string(),
    );
    Ok(page(&req, Some(&actor), "admin/reset_link.html", ctx))
}
