//! An organisation's own page: its details, its team, an agency's clients, and the box in
//! which an employer asks Better Work to verify its Living Wage accreditation.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::organisations::service::{self, AccreditationRequest};
use crate::web::{page, see_other, CsrfForm, OrPage, PageActor, PageError};
use crate::AppState;

pub async fn own_organisation_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
) -> Result<HttpResponse, PageError> {
    let own = service::own(&state, &actor).await.or_page(&req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("organisation", &own.organisation);
    ctx.insert("members", &own.members);
    ctx.insert("clients", &own.clients);
    Ok(page(&req, Some(&actor), "organisations/own.html", ctx))
}

/// The ask-for-accreditation box on an employer's own page.
#[derive(Debug, Deserialize)]
pub struct AccreditationForm {
    #[serde(default)]
    note: String,
}

/// An employer asks Better Work to verify its Living Wage accreditation.
pub async fn accreditation_request_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<AccreditationForm>,
) -> Result<HttpResponse, PageError> {
    let request = AccreditationRequest {
        note: Some(form.note),
    };
    let id = actor.organisation.id.clone();
    service::ask_for_accreditation(&state, &actor, id, request)
        .await
        .or_page(&req)?;
    let message = "Thank you: Better Work will check your accreditation with the Living Wage \
                   Foundation. Job seekers will see it once it is verified.";
    Ok(see_other(&req, "/organisation", Some(message)))
}
