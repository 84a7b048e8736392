//! Pages that belong to no one capability: home, about, the dashboards, health, the
//! stylesheet, the OpenAPI document and the not-found answer.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::connection::SimpleConnection;
use serde::Serialize;
use utoipa::OpenApi;

use crate::access::Actor;
use crate::error::AppError;
use crate::organisations::{queries, service::OrganisationView};
use crate::types::Role;
use crate::web::actor::{visitor, PageActor};
use crate::web::{page, OrPage, PageError};
use crate::AppState;

const STYLESHEET: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/app.css"));
const VACANCY_FORM_SCRIPT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/static/vacancy-form.js"
));

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home))
        .route("/about", web::get().to(about))
        .route("/dashboard", web::get().to(dashboard))
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

/// Counts for the admin's dashboard.
#[derive(Serialize)]
struct PlatformCounts {
    organisations_by_kind: Vec<(String, i64)>,
    users: i64,
}

/// Each role's starting page: what they can do next, and empty states until there is data.
async fn dashboard(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
) -> Result<HttpResponse, PageError> {
    let mut ctx = tera::Context::new();
    let org = actor.organisation.id.clone();
    let template = match actor.role {
        Role::Admin => {
            let counts = state
                .db
                .run(|conn| {
                    Ok(PlatformCounts {
                        organisations_by_kind: queries::count_by_kind(conn)?,
                        users: queries::count_users(conn)?,
                    })
                })
                .await
                .or_page(&req)?;
            ctx.insert("counts", &counts);
            "dashboard/admin.html"
        }
        Role::Agency => {
            let clients = state
                .db
                .run(move |conn| queries::agency_clients(conn, &org))
                .await
                .or_page(&req)?;
            let clients: Vec<OrganisationView> = clients
                .into_iter()
                .map(OrganisationView::from_row)
                .collect::<Result<_, _>>()
                .or_page(&req)?;
            ctx.insert("clients", &clients);
            ctx.insert(
                "vacancy_count",
                &vacancy_count(&state, &actor).await.or_page(&req)?,
            );
            "dashboard/agency.html"
        }
        Role::Employer => {
            let row = state
                .db
                .run(move |conn| queries::find(conn, &org))
                .await
                .or_page(&req)?;
            ctx.insert(
                "organisation",
                &OrganisationView::from_row(row).or_page(&req)?,
            );
            ctx.insert(
                "vacancy_count",
                &vacancy_count(&state, &actor).await.or_page(&req)?,
            );
            "dashboard/employer.html"
        }
        Role::ProviderManager => {
            let advisers = state
                .db
                .run(move |conn| {
                    Ok(queries::members(conn, &org)?
                        .iter()
                        .filter(|m| m.role == Role::Adviser.as_str())
                        .count())
                })
                .await
                .or_page(&req)?;
            ctx.insert("adviser_count", &advisers);
            "dashboard/provider_manager.html"
        }
        Role::Adviser => "dashboard/adviser.html",
    };
    Ok(page(&req, Some(&actor), template, ctx))
}

/// How many vacancies an employer has, or an agency has submitted.
async fn vacancy_count(state: &AppState, actor: &Actor) -> Result<i64, AppError> {
    use crate::vacancies::queries::{list, Owner};
    let org = actor.organisation.id.clone();
    let agency = actor.role == Role::Agency;
    state
        .db
        .run(move |conn| {
            let owner = if agency {
                Owner::SubmittedBy(&org)
            } else {
                Owner::Employer(&org)
            };
            let one = crate::pagination::Pagination {
                page: 1,
                per_page: 1,
            };
            Ok(list(conn, owner, None, chrono::Utc::now().date_naive(), one)?.1)
        })
        .await
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    database: &'static str,
}

/// For load balancers and monitoring: 200 when the database answers, 503 when it does not.
async fn health(state: web::Data<AppState>) -> HttpResponse {
    let database = state
        .db
        .run(|conn| Ok(conn.batch_execute("SELECT 1")?))
        .await;
    match database {
        Ok(()) => HttpResponse::Ok().json(Health {
            status: "ok",
            database: "ok",
        }),
        Err(e) => {
            tracing::error!(error = %e, "health check: database not answering");
            HttpResponse::ServiceUnavailable().json(Health {
                status: "unavailable",
                database: "unavailable",
            })
        }
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
    HttpResponse::Ok().json(super::openapi::ApiDoc::openapi())
}
