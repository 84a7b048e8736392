//! The vacancy pages, one file per job: the posting form, the list, the manage page with
//! status moves and CSV upload for employers and agencies, and the public jobs pages.

mod form;
mod import;
mod jobs;
mod list;
mod manage;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    jobs::routes(cfg);
    cfg.route("/vacancies", web::get().to(list::list_page))
        .route("/vacancies", web::post().to(form::create_form))
        .route("/vacancies/new", web::get().to(form::new_page))
        .route("/vacancies/import", web::get().to(import::import_page))
        .route("/vacancies/import", web::post().to(import::import_upload))
        .route(
            "/vacancies/import/template.csv",
            web::get().to(import::template),
        )
        .route("/vacancies/{ref}", web::get().to(manage::manage_page))
        .route("/vacancies/{ref}", web::post().to(form::edit_form))
        .route("/vacancies/{ref}/edit", web::get().to(form::edit_page))
        .route(
            "/vacancies/{ref}/preview",
            web::get().to(manage::preview_page),
        )
        .route(
            "/vacancies/{ref}/status",
            web::get().to(manage::confirm_status_page),
        )
        .route(
            "/vacancies/{ref}/status",
            web::post().to(manage::status_form),
        );
}
