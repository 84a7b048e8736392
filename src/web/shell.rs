//! Pages that belong to no one capability: home, about, health, the stylesheet and script,
//! the OpenAPI document and the not-found answer.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::{from_fn, Next};
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use serde::Serialize;

use crate::db::Health as DatabaseHealth;
use crate::error::AppError;
use crate::web::actor::visitor;
use crate::web::{page, PageError};
use crate::AppState;

/// The files under `static/`, built into the binary: (address, content type, content).
const STATIC_FILES: &[(&str, &str, &str)] = &[
    (
        "/static/app.css",
        "text/css; charset=utf-8",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/app.css")),
    ),
    (
        "/static/app.js",
        "text/javascript; charset=utf-8",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/app.js")),
    ),
    (
        "/static/vacancy-form.js",
        "text/javascript; charset=utf-8",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/static/vacancy-form.js"
        )),
    ),
];

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home))
        .route("/about", web::get().to(about))
        .route("/health", web::get().to(health))
        .route("/api/v1/openapi.json", web::get().to(openapi));
    for &(path, content_type, body) in STATIC_FILES {
        cfg.route(
            path,
            web::get().to(move || async move {
                HttpResponse::Ok()
                    .content_type(content_type)
                    .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
                    .body(body)
            }),
        );
    }
}

/// Anything no route answers: JSON under the API, a page elsewhere. Registered after every
/// other route, it matches every path. It has no routes of its own, so actix answers 405
/// with an `Allow` header listing the methods of the routes whose path matched but whose
/// method did not (actix's method guards record them while routing), and a bare 405 when no
/// path matched; `explain` turns the first into our 405 and the second into our 404.
pub fn fallback(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/{anything:.*}").wrap(from_fn(explain)));
}

async fn explain(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let method = req.method().to_string();
    let response = next.call(req).await?;
    if response.status() != StatusCode::METHOD_NOT_ALLOWED {
        return Ok(response.map_into_left_body());
    }
    let mut allowed: Vec<String> = response
        .headers()
        .get(header::ALLOW)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(',').map(|m| m.trim().to_string()).collect())
        .unwrap_or_default();
    allowed.sort();
    allowed.dedup();
    let error = if allowed.is_empty() {
        AppError::NotFound {
            code: "not_found",
            what: "Page",
        }
    } else {
        AppError::MethodNotAllowed {
            method,
            allowed: allowed.join(", "),
        }
    };
    let (req, _) = response.into_parts();
    let answer = if req.path().starts_with("/api/") {
        error.error_response()
    } else {
        PageError::new(&req, error).error_response()
    };
    Ok(ServiceResponse::new(req, answer).map_into_right_body())
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

async fn openapi() -> HttpResponse {
    HttpResponse::Ok().json(super::openapi::document())
}
