//! The use cases anyone may call: an open vacancy, and the search behind the public jobs
//! page.

use crate::error::AppError;
use crate::geo::{haversine_km, Point};
use crate::vacancies::domain::Status;
use crate::vacancies::queries::{self, OpenFilter, VacancyRow, Window};
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
/// Only the `per_page` vacancies of page `page` (from 1) are read into views.
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
            let first = page.saturating_sub(1).saturating_mul(per_page);
            let mut found = Found {
                shown: Vec::new(),
                total: 0,
            };
            let view = |(row, employer, employer_accredited): (VacancyRow, String, bool)| {
                let names = Names {
                    employer,
                    employer_accredited,
                    agency: None,
                };
                VacancyView::new(row, names, &rates, today)
            };
            let Some((from, within_km)) = near else {
                // Without a distance the database pages and counts the matches itself.
                let window = Window {
                    offset: i64::try_from(first).unwrap_or(i64::MAX),
                    limit: i64::try_from(per_page).unwrap_or(i64::MAX),
                    count: true,
                };
                let open = queries::open_vacancies(conn, &filter, today, window)?;
                found.total = usize::try_from(open.total.unwrap_or(0)).unwrap_or(0);
                found.shown = open.rows.into_iter().map(|r| (view(r), None)).collect();
                return Ok(found);
            };
            // With one, the box around the point comes from the database (newest first, at
            // most SEARCH_LIMIT) and the exact distance decides.
            let window = Window {
                offset: 0,
                limit: SEARCH_LIMIT,
                count: false,
            };
            for found_row in queries::open_vacancies(conn, &filter, today, window)?.rows {
                let row = &found_row.0;
                let distance = match (row.latitude, row.longitude) {
                    (Some(latitude), Some(longitude)) if !row.remote => Some(haversine_km(
                        from,
                        Point {
                            latitude,
                            longitude,
                        },
                    )),
                    _ => None,
                };
                if distance.is_some_and(|d| d > within_km) {
                    continue;
                }
                found.total += 1;
                if found.total <= first || found.shown.len() >= per_page {
                    continue;
                }
                found.shown.push((view(found_row), distance));
            }
            Ok(found)
        })
        .await
}
