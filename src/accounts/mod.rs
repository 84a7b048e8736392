//! Accounts: people who log in, their sessions and passwords, the defence against password
//! guessing, an admin's work on other people's accounts, and signing up.

pub mod api;
mod own_pages;
mod pages;
mod people_pages;
pub mod queries;
pub mod service;
mod sign_up_pages;

use actix_web::web;
use utoipa::OpenApi;

use crate::access::Actor;
use crate::web::capability::{templates, Capability, NavLink};

pub const CAPABILITY: Capability = Capability {
    api: api::routes,
    pages: routes,
    navigation,
    openapi: || Api::openapi(),
    templates: templates![
        "accounts/login.html",
        "accounts/password.html",
        "accounts/reset.html",
        "accounts/sign_up.html",
        "admin/person.html",
        "admin/remove_person.html",
        "admin/reset_link.html",
    ],
};

fn routes(cfg: &mut web::ServiceConfig) {
    pages::routes(cfg);
    cfg.route("/sign-up", web::get().to(sign_up_pages::sign_up_page))
        .route("/sign-up", web::post().to(sign_up_pages::sign_up_form))
        .route(
            "/account/password",
            web::get().to(own_pages::change_password_page),
        )
        .route(
            "/account/password",
            web::post().to(own_pages::change_password_form),
        )
        .route(
            "/password-reset/{token}",
            web::get().to(own_pages::reset_link_page),
        )
        .route(
            "/password-reset/{token}",
            web::post().to(own_pages::reset_link_form),
        )
        .route(
            "/admin/users/{id}",
            web::get().to(people_pages::person_page),
        )
        .route(
            "/admin/users/{id}",
            web::post().to(people_pages::person_form),
        )
        .route(
            "/admin/users/{id}/remove",
            web::get().to(people_pages::remove_page),
        )
        .route(
            "/admin/users/{id}/remove",
            web::post().to(people_pages::remove_form),
        )
        .route(
            "/admin/users/{id}/password-reset",
            web::post().to(people_pages::reset_form),
        );
}

fn navigation(actor: Option<&Actor>) -> Vec<NavLink> {
    match actor {
        Some(_) => vec![NavLink::new(95, "/account/password", "Your password")],
        None => vec![
            NavLink::new(95, "/sign-up", "Sign up"),
            NavLink::new(100, "/login", "Log in"),
        ],
    }
}

#[derive(OpenApi)]
#[openapi(paths(api::issue_token, api::revoke_token, api::me))]
struct Api;
