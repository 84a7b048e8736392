//! An organisation's own page: its details, its team, an agency's clients, and the box in
//! which employers record their Living Wage accreditation.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::organisations::service::{self, OrganisationChanges};
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

/// The Living Wage accreditation box on an organisation's own page.
#[derive(Debug, Deserialize)]
pub struct AccreditationForm {
    #[serde(default)]
    living_wage_accredited: Option<String>,
}

/// Employers record (or withdraw) their accreditation as Living Wage employers.
pub async fn own_organisation_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<AccreditationForm>,
) -> Result<HttpResponse, PageError> {
    let accredited = form.living_wage_accredited.is_some();
    let changes = OrganisationChanges {
        name: None,
        living_wage_accredited: Some(accredited),
    };
    let id = actor.organisation.id.clone();
    service::change(&state, &actor, id, changes)
        .await
        .or_page(&req)?;
    let message = if accredited {
        "Recorded: you are an accredited Living Wage employer. Job seekers can search for you."
    } else {
        "Recorded: you are not an accredited Living Wage employer."
    };
    Ok(see_other(&req, "/organisation", Some(message)))
}
