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

/// Open vacancies matching `filter`, newest first, each with its distance in km from the
/// point `near` asks about; none further than its limit. Remote vacancies have no distance.
pub async fn search(
    state: &AppState,
    filter: OpenFilter,
    near: Option<(Point, f64)>,
) -> Result<Vec<(VacancyView, Option<f64>)>, AppError> {
    let (today, rates) = (state.today(), state.rates.clone());
    state
        .db
        .run(move |conn| {
            let rows = queries::open_vacancies(conn, &filter, today, SEARCH_LIMIT)?;
            let mut found = Vec::new();
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
                let names = Names {
                    employer,
                    employer_accredited,
                    agency: None,
                };
                found.push((VacancyView::new(row, names, &rates, today), distance));
            }
            Ok(found)
        })
        .await
}
