//! Pages that belong to no one capability: home, about, health, the stylesheet and script,
//! the OpenAPI document and the not-found answer.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::db::Health as DatabaseHealth;
use crate::error::AppError;
use crate::web::actor::visitor;
use crate::web::{page, PageError};
use crate::AppState;

const STYLESHEET: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/app.css"));
const VACANCY_FORM_SCRIPT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/static/vacancy-form.js"
));

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home))
        .route("/about", web::get().to(about))
        .route("/health", web::get().to(health))
        .route("/static/app.css", web::get().to(stylesheet))
        .route(
            "/static/vacancy-form.js",
            web::get().to(vacancy_form_script),
        )
        .route("/api/v1/openapi.json", web::get().to(openapi));
}

/// Anything no route answers: JSON under the API, a page elsewhere.
pub fn fallback(cfg: &mut web::ServiceConfig) {
    cfg.default_service(web::to(not_found));
}

async fn not_found(req: HttpRequest) -> Result<HttpResponse, actix_web::Error> {
    let error = AppError::NotFound {
        code: "not_found",
        what: "Page",
    };
    if req.path().starts_with("/api/") {
        Err(error.into())
    } else {
        Err(PageError::new(&req, error).into())
    }
}

async fn home(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    let actor = visitor(&state, &req).await;
    page(&req, actor.as_ref(), "home.html", tera::Context::new())
}

async fn about(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    let actor = visitor(&state, &req).await;
    let mut ctx = tera::Context::new();
    ctx.insert("attribution", &crate::geo::ATTRIBUTION);
    page(&req, actor.as_ref(), "about.html", ctx)
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    database: &'static str,
}

/// For load balancers and monitoring: 200 "ok" when the database answers, 200 "degraded"
/// when every connection is busy (slow, but alive: restarting it would not help), 503 when
/// the database cannot be reached. It never waits for a connection.
async fn health(state: web::Data<AppState>) -> HttpResponse {
    // Asked right here rather than on the blocking pool: a free connection answers
    // `SELECT 1` in well under a millisecond and none free answers at once, so the check
    // never queues behind the work that made the portal busy.
    let found = state.db.health();
    let (status, database) = match found {
        DatabaseHealth::Ok => ("ok", "ok"),
        DatabaseHealth::Busy => ("degraded", "busy"),
        DatabaseHealth::Down => ("unavailable", "unavailable"),
    };
    let body = Health { status, database };
    if found == DatabaseHealth::Down {
        HttpResponse::ServiceUnavailable().json(body)
    } else {
        HttpResponse::Ok().json(body)
    }
}

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(STYLESHEET)
}

async fn vacancy_form_script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(VACANCY_FORM_SCRIPT)
}

async fn openapi() -> HttpResponse {
    HttpResponse::Ok().json(super::openapi::document())
}
