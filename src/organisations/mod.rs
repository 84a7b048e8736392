//! Organisations (employers, agencies, providers and the platform), their people, and
//! agencies' client employers.

pub mod api;
pub mod domain;
mod pages;
pub mod queries;
pub mod service;
pub mod view;

use utoipa::OpenApi;

use crate::access::{policy, Actor};
use crate::web::capability::{templates, Capability, NavLink};

pub const CAPABILITY: Capability = Capability {
    api: api::routes,
    pages: pages::routes,
    navigation,
    openapi: || Api::openapi(),
    templates: templates![
        "admin/organisations.html",
        "admin/organisation.html",
        "organisations/own.html",
        "organisations/clients.html",
        "organisations/agencies.html",
        "organisations/agency_links.html",
        "admin/decide_sign_up.html",
    ],
};

fn navigation(actor: Option<&Actor>) -> Vec<NavLink> {
    let Some(actor) = actor else {
        return vec![];
    };
    let mut links = Vec::new();
    if policy::may_list_organisations(actor).is_ok() {
        links.push(NavLink::new(20, "/admin/organisations", "Organisations"));
    }
    if policy::agency_clients_of(actor).is_ok() {
        links.push(NavLink::new(50, "/agency/clients", "Clients"));
    }
    if policy::own_agencies_of(actor).is_ok() {
        links.push(NavLink::new(55, "/organisation/agencies", "Agencies"));
    }
    if policy::may_change_organisation(actor, &actor.organisation.id).is_ok()
        && policy::may_list_organisations(actor).is_err()
    {
        links.push(NavLink::new(60, "/organisation", "Your organisation"));
    }
    links
}

#[derive(OpenApi)]
#[openapi(paths(
    api::list_organisations,
    api::create_organisation,
    api::get_organisation,
    api::change_organisation,
    api::list_members,
    api::create_member,
    api::list_agencies,
    api::accept_agency,
    api::decline_agency,
    api::remove_agency,
    api::list_clients,
    api::ask_client,
    api::remove_client,
    api::verify_accreditation,
    api::ask_for_accreditation,
))]
struct Api;
