//! The use cases anyone may call: an open vacancy, and the search behind the public jobs
//! page.

use crate::error::AppError;
use crate::geo::{haversine_km, Point};
use crate::vacancies::domain::Status;
use crate::vacancies::queries::{self, OpenFilter};
use crate::vacancies::view::{view_of, Names, VacancyView};
use crate::AppState;

/// Most vacancies one search reads before distance and paging; newest first.
const SEARCH_LIMIT: i64 = 5000;

/// An open vacancy, which anyone may see (it is on the public jobs page); any other is
/// not found.
pub async fn public(state: &AppState, reference: String) -> Result<VacancyView, AppError> {
    let (today, rates) = (state.today(), state.rates.clone());
    let view = state
        .db
        .run(move |conn| {
            let row = queries::by_reference(conn, &reference)?.ok_or_else(queries::not_found)?;
            view_of(conn, row, &rates, today)
        })
        .await?;
    if view.status == Status::Open {
        Ok(view)
    } else {
        Err(queries::not_found())
    }
}

/// One page of a search: the vacancies shown, each with its distance in km, and how many
/// matched in all.
pub struct Found {
    pub shown: Vec<(VacancyView, Option<f64>)>,
    pub total: usize,
}

/// Open vacancies matching `filter`, newest first, each with its distance in km from the
/// point `near` asks about; none further than its limit. Remote vacancies have no distance.
/// Only the `per_page` vacancies of page `page` (from 1) are made into views.
pub async fn search(
    state: &AppState,
    filter: OpenFilter,
    near: Option<(Point, f64)>,
    page: usize,
    per_page: usize,
) -> Result<Found, AppError> {
    let (today, rates) = (state.today(), state.rates.clone());
    state
        .db
        .run(move |conn| {
            let rows = queries::open_vacancies(conn, &filter, today, SEARCH_LIMIT)?;
            let first = page.saturating_sub(1).saturating_mul(per_page);
            let mut found = Found {
                shown: Vec::new(),
                total: 0,
            };
            for (row, employer, employer_accredited) in rows {
                let distance = match (near, row.latitude, row.longitude) {
                    (Some((from, _)), Some(latitude), Some(longitude)) if !row.remote => {
                        Some(haversine_km(
                            from,
                            Point {
                                latitude,
                                longitude,
                            },
                        ))
                    }
                    _ => None,
                };
                if distance.is_some_and(|d| near.is_some_and(|(_, limit)| d > limit)) {
                    continue;
                }
                found.total += 1;
                if found.total <= first || found.shown.len() >= per_page {
                    continue;
                }
                let names = Names {
                    employer,
                    employer_accredited,
                    agency: None,
                };
                let view = VacancyView::new(row, names, &rates, today);
                found.shown.push((view, distance));
            }
            Ok(found)
        })
        .await
}
