//! Vacancies: what employers and agencies post, checked against the Living Wage, located by
//! postcode, and shown on the public jobs page.
//!
//! `domain.rs` holds the rules (pure), `input.rs` what comes over the wire and its parsing,
//! `queries.rs` the diesel queries (scoped), `service.rs` the use cases, `view.rs` how a
//! vacancy is shown, `import.rs` the CSV batch, `api.rs` and `pages/` the handlers.

pub mod api;
pub mod domain;
pub mod import;
pub mod input;
mod pages;
pub mod pay_check;
pub mod queries;
pub mod service;
pub mod view;

use actix_web::web;
use utoipa::OpenApi;

use crate::access::{policy, Actor};
use crate::web::capability::{templates, Capability, NavLink};

pub const CAPABILITY: Capability = Capability {
    api: api_routes,
    pages: pages::routes,
    navigation,
    openapi: || Api::openapi(),
    templates: templates![
        "jobs/list.html",
        "jobs/show.html",
        "jobs/closed.html",
        "vacancies/form.html",
        "vacancies/list.html",
        "vacancies/manage.html",
        "vacancies/import.html",
        "vacancies/preview.html",
        "vacancies/confirm_status.html",
    ],
};

fn api_routes(cfg: &mut web::ServiceConfig) {
    api::routes(cfg);
    pay_check::routes(cfg);
}

fn navigation(actor: Option<&Actor>) -> Vec<NavLink> {
    let mut links = vec![NavLink::new(80, "/jobs", "Jobs")];
    if actor.is_some_and(|a| policy::posting(a).is_ok()) {
        links.push(NavLink::new(40, "/vacancies", "Your vacancies"));
    }
    links
}

#[derive(OpenApi)]
#[openapi(paths(
    api::post_vacancy,
    api::list_vacancies,
    api::get_vacancy,
    api::change_vacancy,
    api::change_status,
    pay_check::living_wage_api,
))]
struct Api;
