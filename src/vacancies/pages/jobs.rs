//! The public jobs page: open vacancies filtered by what people look for, near a postcode
//! (nearest first, within a distance in miles), and each vacancy's own page, which says
//! when a job has closed. No login needed.

mod card;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::geo::Point;
use crate::types::{Field, Pence, Postcode, WeeklyHours};
use crate::vacancies::domain::{Pattern, Sector, Status};
use crate::vacancies::queries::{JobOrder, OpenFilter};
use crate::vacancies::service::{self, Public};
use crate::web::{page_with_status, visitor, FormErrors, OrPage, PageError};
use crate::AppState;

use card::{km_of_miles, JobCard};

const PER_PAGE: usize = 20;

/// The distances offered, in miles, and the one used when nobody chooses.
const DISTANCES: [u32; 5] = [1, 3, 5, 10, 20];
const DEFAULT_MILES: u32 = 5;

const KEYWORD: Field = Field::new("q", "Keyword");
const NEAR: Field = Field::new("near", "Postcode");
const MIN_PAY: Field = Field::new("min_pay", "Pay an hour, at least");
const MIN_HOURS: Field = Field::new("min_hours", "Hours a week, at least");
const MAX_HOURS: Field = Field::new("max_hours", "Hours a week, at most");

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/jobs", web::get().to(jobs_page))
        .route("/jobs/{ref}", web::get().to(job_page));
}

/// The filters, as they appear in a shareable URL.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct JobsQuery {
    pub q: String,
    pub near: String,
    /// Miles from `near`: one of `DISTANCES`.
    pub within: String,
    /// `distance`, `newest` or `pay`; nearest first when there is a postcode, else newest.
    pub sort: String,
    pub sector: String,
    pub min_pay: String,
    pub min_hours: String,
    pub max_hours: String,
    pub pattern: String,
    pub lw: String,
    pub page: String,
}

impl JobsQuery {
    /// How many of the filters behind the "Filter" toggle are in use.
    fn more_filters(&self) -> usize {
        [
            &self.sector,
            &self.min_pay,
            &self.min_hours,
            &self.max_hours,
            &self.pattern,
            &self.lw,
        ]
        .iter()
        .filter(|v| !v.trim().is_empty())
        .count()
    }
}

/// What the query asks the search for, once every filter has been read.
struct Search {
    filter: OpenFilter,
    /// The postcode as we read it ("SE5 9RS" for "se59rs").
    postcode: Option<String>,
    near: Option<(Point, f64)>,
    order: JobOrder,
    miles: u32,
    sort: &'static str,
}

/// Reads every filter, noting each fault (all of them, so one submit shows them all).
fn read_query(state: &AppState, query: &JobsQuery, errors: &mut FormErrors) -> Search {
    let mut faults: Vec<AppError> = Vec::new();
    let mut keep = |e: AppError| faults.push(e);
    let mut filter = OpenFilter {
        text: Some(query.q.trim().to_string()).filter(|q| !q.is_empty()),
        sector: Sector::from_code(&query.sector),
        pattern: Pattern::from_code(&query.pattern),
        living_wage_employers: !query.lw.is_empty(),
        ..OpenFilter::default()
    };
    if query.q.chars().count() > 100 {
        keep(KEYWORD.too_long(100));
    }
    let mut origin = None;
    let mut read_postcode = None;
    if !query.near.trim().is_empty() {
        match Postcode::parse(&query.near, NEAR) {
            Ok(postcode) => match state.gazetteer.locate(&postcode, NEAR.code) {
                Ok(location) => {
                    origin = Some(location.point());
                    read_postcode = Some(postcode.to_string());
                }
                // The gazetteer's own message names the field's code; people need words.
                Err(_) => keep(NEAR.fault(format!(
                    "We cannot find {postcode}. Enter a postcode in Great Britain, like SW9 8QE"
                ))),
            },
            Err(e) => keep(e),
        }
    }
    let miles = match query.within.trim() {
        "" => DEFAULT_MILES,
        raw => match raw.parse::<u32>() {
            Ok(miles) if DISTANCES.contains(&miles) => miles,
            _ => {
                keep(Field::new("within", "Distance").select());
                DEFAULT_MILES
            }
        },
    };
    let (order, sort) = match (query.sort.trim(), origin.is_some()) {
        ("" | "distance", true) => (JobOrder::Distance, "distance"),
        ("" | "distance" | "newest", _) => (JobOrder::Newest, "newest"),
        ("pay", _) => (JobOrder::Pay, "pay"),
        _ => {
            keep(Field::new("sort", "How to sort the jobs").select());
            (JobOrder::Newest, "newest")
        }
    };
    if !query.min_pay.trim().is_empty() {
        match Pence::parse(&query.min_pay, MIN_PAY) {
            Ok(pence) => filter.min_hourly = Some(pence),
            Err(e) => keep(e),
        }
    }
    for (raw, field) in [(&query.min_hours, MIN_HOURS), (&query.max_hours, MAX_HOURS)] {
        if raw.trim().is_empty() {
            continue;
        }
        match WeeklyHours::parse(raw, field) {
            Ok(h) if field == MIN_HOURS => filter.min_hours = Some(h),
            Ok(h) => filter.max_hours = Some(h),
            Err(e) => keep(e),
        }
    }
    if let (Some(least), Some(most)) = (filter.min_hours, filter.max_hours) {
        if least > most {
            keep(MIN_HOURS.fault(
                "'Hours a week, at least' must be the same as or less than 'hours a week, at most'",
            ));
        }
    }
    let within_km = km_of_miles(miles);
    if let Some(point) = origin {
        // A box a little larger than the circle; the exact distance decides afterwards.
        let dlat = within_km / 111.0;
        let dlon = within_km / (111.0 * point.latitude.to_radians().cos().max(0.01));
        filter.bounds = Some((
            point.latitude - dlat,
            point.latitude + dlat,
            point.longitude - dlon,
            point.longitude + dlon,
        ));
    }
    if !faults.is_empty() {
        *errors = FormErrors::of(&AppError::all_of(faults));
    }
    Search {
        filter,
        postcode: read_postcode,
        near: origin.map(|point| (point, within_km)),
        order,
        miles,
        sort,
    }
}

async fn jobs_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<JobsQuery>,
) -> Result<HttpResponse, PageError> {
    let query = query.into_inner();
    let mut errors = FormErrors::none();
    let search = read_query(&state, &query, &mut errors);
    let page: usize = query
        .page
        .parse()
        .ok()
        .filter(|p| (1..=10_000).contains(p))
        .unwrap_or(1);
    let mut ctx = tera::Context::new();
    // With a fault in the filters, any list would answer a question nobody asked: show
    // the faults and no jobs.
    if errors.is_empty() {
        let found = service::search(
            &state,
            search.filter,
            search.near,
            search.order,
            page,
            PER_PAGE,
        )
        .await
        .or_page(&req)?;
        let shown: Vec<JobCard> = found
            .shown
            .into_iter()
            .map(|(vacancy, distance)| JobCard::new(vacancy, distance))
            .collect();
        ctx.insert("jobs", &shown);
        ctx.insert("total", &found.total);
        ctx.insert("has_more", &(page * PER_PAGE < found.total));
    }
    let mut link = query.clone();
    link.page = String::new();
    let base = serde_urlencoded::to_string(&link).unwrap_or_default();
    let more_filters = query.more_filters();
    let filter_fault = ["min_pay", "min_hours", "max_hours"]
        .iter()
        .any(|f| errors.get(f).is_some());
    ctx.insert("page", &page);
    ctx.insert("query", &query);
    ctx.insert("query_string", &base);
    ctx.insert("near", &search.near.is_some());
    ctx.insert("postcode", &search.postcode);
    ctx.insert("miles", &search.miles);
    ctx.insert("distances", &DISTANCES);
    ctx.insert("sort", &search.sort);
    ctx.insert("more_filters", &more_filters);
    ctx.insert("filters_open", &(more_filters > 0 || filter_fault));
    ctx.insert("sectors", &Sector::choices());
    ctx.insert("patterns", &Pattern::choices());
    ctx.insert("attribution", &crate::geo::ATTRIBUTION);
    errors.add_to(&mut ctx);
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
    let found = service::at_link(&state, path.into_inner())
        .await
        .or_page(&req)?;
    let actor = visitor(&state, &req).await;
    let mut ctx = tera::Context::new();
    let (status, template, vacancy) = match found {
        Public::Open(vacancy) => (StatusCode::OK, "jobs/show.html", vacancy),
        // Gone for good: 410 tells people and search engines alike not to come back.
        Public::Ended(vacancy) => (StatusCode::GONE, "jobs/closed.html", vacancy),
    };
    ctx.insert("filled", &(vacancy.status == Status::Filled));
    ctx.insert("pattern_labels", &vacancy.pattern_labels());
    ctx.insert("vacancy", &vacancy);
    ctx.insert("job", &JobCard::new(vacancy, None));
    Ok(page_with_status(
        &req,
        actor.as_ref(),
        status,
        template,
        ctx,
    ))
}
