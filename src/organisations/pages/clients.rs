//! An agency's client employers: the links it asked for, whether each employer accepted,
//! the form to ask another employer and a button to end each link.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use serde::Deserialize;

use crate::access::{policy, Actor};
use crate::organisations::domain::ClientStatus;
use crate::organisations::service;
use crate::types::OrganisationId;
use crate::web::{page_with_status, see_other, CsrfForm, FormErrors, OrPage, PageActor, PageError};
use crate::AppState;

pub async fn clients_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
) -> Result<HttpResponse, PageError> {
    policy::agency_clients_of(&actor).or_page(&req)?;
    show(&state, &req, &actor, StatusCode::OK, FormErrors::none(), "").await
}

async fn show(
    state: &AppState,
    req: &HttpRequest,
    actor: &Actor,
    status: StatusCode,
    errors: FormErrors,
    employer: &str,
) -> Result<HttpResponse, PageError> {
    let links = service::client_links(state, actor).await.or_page(req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("links", &links);
    ctx.insert("employer", employer);
    errors.add_to(&mut ctx);
    Ok(page_with_status(
        req,
        Some(actor),
        status,
        "organisations/clients.html",
        ctx,
    ))
}

/// Either the ask-an-employer form (its name) or a remove button (the employer's id).
#[derive(Debug, Deserialize)]
pub struct ClientForm {
    #[serde(default)]
    employer: String,
    #[serde(default)]
    remove: Option<OrganisationId>,
}

pub async fn clients_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<ClientForm>,
) -> Result<HttpResponse, PageError> {
    policy::agency_clients_of(&actor).or_page(&req)?;
    if form.remove.is_none() && form.employer.trim().is_empty() {
        let mut errors = FormErrors::none();
        errors.add("employer", "Enter the employer's name on Better Work");
        return show(
            &state,
            &req,
            &actor,
            StatusCode::UNPROCESSABLE_ENTITY,
            errors,
            "",
        )
        .await;
    }
    let message = match form.remove {
        Some(employer) => service::stop_acting_for(&state, &actor, employer)
            .await
            .map(|name| format!("{name} is no longer a client: you no longer post for it.")),
        None => service::ask_to_act_for(&state, &actor, &form.employer)
            .await
            .map(|(link, _)| {
                if link.status == ClientStatus::Accepted {
                    format!("{} already accepts you as its agency.", link.employer)
                } else {
                    format!(
                        "You asked {} to accept you as its agency. You can post its vacancies once it does.",
                        link.employer
                    )
                }
            }),
    };
    match message {
        Ok(message) => Ok(see_other(&req, "/agency/clients", Some(&message))),
        Err(e) if e.field().is_some() => {
            // The only box is the employer's name; a fault removing one is shown there too.
            let errors = FormErrors::of_with(&e, |_| "employer".into());
            show(
                &state,
                &req,
                &actor,
                e.status_code(),
                errors,
                &form.employer,
            )
            .await
        }
        Err(e) => Err(PageError::new(&req, e)),
    }
}
