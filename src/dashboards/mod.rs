//! Each role's starting page: what they can do next, with counts, and empty states until
//! there is data. Everything shown comes from the capabilities' use cases.

use actix_web::{web, HttpRequest, HttpResponse};

use crate::access::policy::{self, Home};
use crate::access::Actor;
use crate::organisations::domain::ClientStatus;
use crate::organisations::service as organisations;
use crate::vacancies::service as vacancies;
use crate::web::capability::{no_api, no_routes, templates, Capability, NavLink};
use crate::web::{page, OrPage, PageActor, PageError};
use crate::AppState;

pub const CAPABILITY: Capability = Capability {
    api: no_routes,
    pages: routes,
    navigation,
    openapi: no_api,
    templates: templates![
        "dashboard/admin.html",
        "dashboard/adviser.html",
        "dashboard/agency.html",
        "dashboard/employer.html",
        "dashboard/provider_manager.html",
    ],
};

fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/dashboard", web::get().to(dashboard));
}

fn navigation(actor: Option<&Actor>) -> Vec<NavLink> {
    match actor {
        Some(_) => vec![NavLink::new(10, "/dashboard", "Dashboard")],
        None => vec![],
    }
}

async fn dashboard(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
) -> Result<HttpResponse, PageError> {
    let mut ctx = tera::Context::new();
    let template = match policy::home(&actor) {
        Home::Platform => {
            let counts = organisations::platform_counts(&state, &actor)
                .await
                .or_page(&req)?;
            ctx.insert("counts", &counts);
            let requests = organisations::accreditation_requests(&state, &actor)
                .await
                .or_page(&req)?;
            ctx.insert("accreditation_requests", &requests);
            "dashboard/admin.html"
        }
        Home::Agency => {
            let clients = organisations::clients(&state, &actor).await.or_page(&req)?;
            ctx.insert("clients", &clients);
            let count = vacancies::count(&state, &actor).await.or_page(&req)?;
            ctx.insert("vacancy_count", &count);
            "dashboard/agency.html"
        }
        Home::Employer => {
            let id = actor.organisation.id.clone();
            let organisation = organisations::get(&state, &actor, id.clone())
                .await
                .or_page(&req)?;
            ctx.insert("organisation", &organisation);
            let agencies = organisations::agency_links(&state, &actor, id)
                .await
                .or_page(&req)?;
            let waiting = agencies
                .iter()
                .filter(|link| link.status == ClientStatus::Requested)
                .count();
            ctx.insert("agencies_waiting", &waiting);
            let count = vacancies::count(&state, &actor).await.or_page(&req)?;
            ctx.insert("vacancy_count", &count);
            "dashboard/employer.html"
        }
        Home::ProviderManager => {
            let advisers = organisations::adviser_count(&state, &actor)
                .await
                .or_page(&req)?;
            ctx.insert("adviser_count", &advisers);
            "dashboard/provider_manager.html"
        }
        Home::Adviser => "dashboard/adviser.html",
    };
    Ok(page(&req, Some(&actor), template, ctx))
}
