//! Organisations' pages, one file per job: the admin's organisation pages, an
//! organisation's own page, the agencies an employer answers, and an agency's clients.

mod admin;
mod agencies;
mod approval;
mod clients;
mod own;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/admin/organisations",
        web::get().to(admin::organisations_page),
    )
    .route(
        "/admin/organisations",
        web::post().to(admin::create_organisation_form),
    )
    .route(
        "/admin/organisations/{id}",
        web::get().to(admin::organisation_page),
    )
    .route(
        "/admin/organisations/{id}/users",
        web::post().to(admin::create_member_form),
    )
    .route("/organisation", web::get().to(own::own_organisation_page))
    .route(
        "/organisation/accreditation",
        web::post().to(own::accreditation_request_form),
    )
    .route(
        "/admin/organisations/{id}/accreditation",
        web::post().to(admin::accreditation_form),
    )
    .route(
        "/admin/organisations/{id}/agencies",
        web::post().to(agencies::admin_agencies_form),
    )
    .route(
        "/organisation/agencies",
        web::get().to(agencies::agencies_page),
    )
    .route(
        "/organisation/agencies",
        web::post().to(agencies::agencies_form),
    )
    .route(
        "/admin/organisations/{id}/approve",
        web::get().to(approval::approve_page),
    )
    .route(
        "/admin/organisations/{id}/approve",
        web::post().to(approval::approve_form),
    )
    .route(
        "/admin/organisations/{id}/reject",
        web::get().to(approval::reject_page),
    )
    .route(
        "/admin/organisations/{id}/reject",
        web::post().to(approval::reject_form),
    )
    .route("/agency/clients", web::get().to(clients::clients_page))
    .route("/agency/clients", web::post().to(clients::clients_form));
}
