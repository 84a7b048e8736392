//! The public jobs page: open vacancies, newest first, filtered by what people look for,
//! including distance from a postcode. No login needed.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::geo::Point;
use crate::types::{Pence, Postcode, WeeklyHours};
use crate::vacancies::domain::{Pattern, Sector};
use crate::vacancies::queries::OpenFilter;
use crate::vacancies::service;
use crate::vacancies::view::VacancyView;
use crate::web::{page_with_status, visitor, OrPage, PageError};
use crate::AppState;

const PER_PAGE: usize = 20;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/jobs", web::get().to(jobs_page))
        .route("/jobs/{ref}", web::get().to(job_page));
}

/// The filters, as they appear in a shareable URL.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct JobsQuery {
    pub q: String,
    pub sector: String,
    pub min_pay: String,
    pub min_hours: String,
    pub max_hours: String,
    pub pattern: String,
    pub lw: String,
    pub near: String,
    pub within_km: String,
    pub page: String,
}

#[derive(Serialize)]
struct JobCard {
    vacancy: VacancyView,
    pay: String,
    distance_km: Option<String>,
}

fn field_error(errors: &mut std::collections::HashMap<String, String>, e: AppError) {
    if let Some(field) = e.field() {
        errors.insert(field.to_string(), e.to_string());
    }
}

async fn jobs_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<JobsQuery>,
) -> Result<HttpResponse, PageError> {
    let query = query.into_inner();
    let mut errors = std::collections::HashMap::new();
    let mut filter = OpenFilter {
        text: Some(query.q.trim().to_string()).filter(|q| !q.is_empty()),
        sector: Sector::from_code(&query.sector),
        pattern: Pattern::from_code(&query.pattern),
        living_wage_employers: !query.lw.is_empty(),
        ..OpenFilter::default()
    };
    if !query.min_pay.trim().is_empty() {
        match Pence::parse(&query.min_pay, "min_pay") {
            Ok(pence) => filter.min_hourly = Some(pence),
            Err(e) => field_error(&mut errors, e),
        }
    }
    for (raw, field) in [
        (&query.min_hours, "min_hours"),
        (&query.max_hours, "max_hours"),
    ] {
        if raw.trim().is_empty() {
            continue;
        }
        match WeeklyHours::parse(raw, field) {
            Ok(h) if field == "min_hours" => filter.min_hours = Some(h),
            Ok(h) => filter.max_hours = Some(h),
            Err(e) => field_error(&mut errors, e),
        }
    }
    let within_km = match query.within_km.trim() {
        "" => 5.0,
        raw => match raw.parse::<f64>() {
            Ok(km) if (0.1..=500.0).contains(&km) => km,
            _ => {
                errors.insert(
                    "within_km".into(),
                    "Enter a distance from 0.1 to 500 km.".into(),
                );
                5.0
            }
        },
    };
    let mut origin: Option<Point> = None;
    if !query.near.trim().is_empty() {
        match Postcode::parse(&query.near, "near").and_then(|p| state.gazetteer.locate(&p, "near"))
        {
            Ok(location) => {
                let point = location.point();
                let dlat = within_km / 111.0;
                let dlon = within_km / (111.0 * point.latitude.to_radians().cos().max(0.01));
                filter.bounds = Some((
                    point.latitude - dlat,
                    point.latitude + dlat,
                    point.longitude - dlon,
                    point.longitude + dlon,
                ));
                origin = Some(point);
            }
            Err(e) => field_error(&mut errors, e),
        }
    }
    let page: usize = query
        .page
        .parse()
        .ok()
        .filter(|p| (1..=10_000).contains(p))
        .unwrap_or(1);
    let near = origin.map(|point| (point, within_km));
    let found = service::search(&state, filter, near, page, PER_PAGE)
        .await
        .or_page(&req)?;
    let total = found.total;
    let shown: Vec<JobCard> = found
        .shown
        .into_iter()
        .map(|(vacancy, distance)| JobCard {
            pay: vacancy.hourly_pay_pence.to_string(),
            distance_km: distance.map(|d| format!("{d:.1}")),
            vacancy,
        })
        .collect();
    let mut link = query.clone();
    link.page = String::new();
    let base = serde_urlencoded::to_string(&link).unwrap_or_default();
    let mut ctx = tera::Context::new();
    ctx.insert("jobs", &shown);
    ctx.insert("total", &total);
    ctx.insert("page", &page);
    ctx.insert("has_more", &(page * PER_PAGE < total));
    ctx.insert("query", &query);
    ctx.insert("query_string", &base);
    ctx.insert("errors", &errors);
    ctx.insert("sectors", &Sector::choices());
    ctx.insert("patterns", &Pattern::choices());
    ctx.insert("attribution", &crate::geo::ATTRIBUTION);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let actor = visitor(&state, &req).await;
    Ok(page_with_status(
        &req,
        actor.as_ref(),
        status,
        "jobs/list.html",
        ctx,
    ))
}

async fn job_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let vacancy = service::public(&state, path.into_inner())
        .await
        .or_page(&req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("pay", &vacancy.hourly_pay_pence.to_string());
    ctx.insert(
        "living_wage",
        &vacancy.living_wage.as_ref().map(|c| {
            (
                c.living_wage_pence.to_string(),
                Pence::new(c.living_wage_difference_pence.get().abs()).to_string(),
            )
        }),
    );
    ctx.insert("vacancy", &vacancy);
    let actor = visitor(&state, &req).await;
    Ok(page_with_status(
        &req,
        actor.as_ref(),
        StatusCode::OK,
        "jobs/show.html",
        ctx,
    ))
}
