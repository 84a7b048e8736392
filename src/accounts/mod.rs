//! Accounts: people who log in, their sessions, and the defence against password guessing.

pub mod api;
mod pages;
pub mod queries;
pub mod service;

use utoipa::OpenApi;

use crate::access::Actor;
use crate::web::capability::{templates, Capability, NavLink};

pub const CAPABILITY: Capability = Capability {
    api: api::routes,
    pages: pages::routes,
    navigation,
    openapi: || Api::openapi(),
    templates: templates!["accounts/login.html"],
};

fn navigation(actor: Option<&Actor>) -> Vec<NavLink> {
    match actor {
        Some(_) => vec![],
        None => vec![NavLink::new(100, "/login", "Log in")],
    }
}

#[derive(OpenApi)]
#[openapi(paths(api::issue_token, api::revoke_token, api::me))]
struct Api;
