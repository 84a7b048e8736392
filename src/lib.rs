//! Better Work: a job brokerage and reverse-marketing portal for people in low-paid work
//! who want a better job. This crate builds the web app; `main.rs` is only the CLI around it,
//! and the integration tests start the same app.

pub mod access;
pub mod accounts;
pub mod audit;
pub mod better_off;
pub mod cli;
pub mod config;
pub mod dashboards;
pub mod db;
pub mod demo;
pub mod error;
pub mod geo;
pub mod organisations;
pub mod outcomes;
pub mod pagination;
pub mod rates;
pub mod schema;
pub mod state;
pub mod types;
pub mod vacancies;
pub mod web;

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::middleware::{from_fn, DefaultHeaders};
use actix_web::{web as aweb, App, HttpServer};
use tracing_actix_web::TracingLogger;

pub use state::AppState;

/// Content Security Policy: everything from our own origin, nothing inline, never framed.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; \
     script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Starts serving on an already-bound listener (tests bind port 0 and read the port back).
pub fn serve(listener: TcpListener, state: AppState) -> std::io::Result<Server> {
    let state = aweb::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .wrap(from_fn(web::refuse_control_characters))
            .wrap(from_fn(web::cache_and_transport_headers))
            .wrap(
                DefaultHeaders::new()
                    .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
                    .add(("X-Content-Type-Options", "nosniff"))
                    .add(("X-Frame-Options", "DENY"))
                    .add(("Referrer-Policy", "same-origin"))
                    .add((
                        "Permissions-Policy",
                        "geolocation=(), camera=(), microphone=()",
                    )),
            )
            .wrap(TracingLogger::default())
            .app_data(state.clone())
            .app_data(web::json_config())
            // Request bodies read as bytes (JSON, forms) may be up to 1 MB.
            .app_data(aweb::PayloadConfig::new(1024 * 1024))
            .app_data(web::form_config())
            .app_data(web::query_config())
            .app_data(web::path_config())
            .configure(routes)
    })
    .listen(listener)?
    .run();
    Ok(server)
}

/// The capabilities the portal is made of. Each brings its routes, navigation links,
/// OpenAPI paths and templates; adding one is a line here.
pub const CAPABILITIES: &[web::capability::Capability] = &[
    accounts::CAPABILITY,
    dashboards::CAPABILITY,
    organisations::CAPABILITY,
    audit::CAPABILITY,
    vacancies::CAPABILITY,
    better_off::CAPABILITY,
    geo::CAPABILITY,
];

/// Every route of the portal: pages and the JSON API.
pub fn routes(cfg: &mut aweb::ServiceConfig) {
    web::routes(cfg);
    for capability in CAPABILITIES {
        (capability.api)(cfg);
        (capability.pages)(cfg);
    }
    web::fallback(cfg);
}
