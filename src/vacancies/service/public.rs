//! The use cases anyone may call: an open vacancy, and the search behind the public jobs
//! page.

use crate::error::AppError;
use crate::geo::{haversine_km, Point};
use crate::vacancies::domain::Status;
use crate::vacancies::queries::{self, JobOrder, OpenFilter, VacancyRow, Window};
use crate::vacancies::view::{view_of, Names, VacancyView};
use crate::AppState;

/// Most vacancies one search reads before distance and paging; newest first.
const SEARCH_LIMIT: i64 = 5000;

/// An open vacancy, which anyone may see (it is on the public jobs page); any other is
/// not found.
pub async fn public(state: &AppState, reference: String) -> Result<VacancyView, AppError> {
    match at_link(state, reference).await? {
        Public::Open(view) => Ok(view),
        Public::Ended(_) => Err(queries::not_found()),
    }
}

/// A vacancy as the public may see it at its link.
pub enum Public {
    /// On the jobs page now.
    Open(VacancyView),
    /// Closed or filled: its link still says what it was, so people who saved it learn it
    /// has gone rather than being told it never existed.
    Ended(VacancyView),
}

/// The vacancy at a public link: open, or ended (closed, filled, or past its closing date).
/// A draft or paused vacancy is not found: a draft was never public, and a paused one may
/// open again. A vacancy closed while still a draft counts as ended; its reference, random
/// and never shown outside its organisation, is all that reveals it.
pub async fn at_link(state: &AppState, reference: String) -> Result<Public, AppError> {
    let (today, rates) = (state.today(), state.rates.clone());
    let view = state
        .db
        .run(move |conn| {
            let row = queries::by_reference(conn, &reference)?.ok_or_else(queries::not_found)?;
            view_of(conn, row, &rates, today)
        })
        .await?;
    match view.status {
        Status::Open => Ok(Public::Open(view)),
        Status::Closed | Status::Filled => Ok(Public::Ended(view)),
        Status::Draft | Status::Paused => Err(queries::not_found()),
    }
}

/// One page of a search: the vacancies shown, each with its distance in km, and how many
/// matched in all.
pub struct Found {
    pub shown: Vec<(VacancyView, Option<f64>)>,
    pub total: usize,
}

type OpenRow = (VacancyRow, String, bool);

/// The exact distance of a workplace from `from`; none for a remote job or one not placed.
fn distance_of(row: &VacancyRow, from: Point) -> Option<f64> {
    match (row.latitude, row.longitude) {
        (Some(latitude), Some(longitude)) if !row.remote => Some(haversine_km(
            from,
            Point {
                latitude,
                longitude,
            },
        )),
        _ => None,
    }
}

/// Open vacancies matching `filter` in `order`, each with its distance in km from the
/// point `near` asks about; none further than its limit. Remote vacancies have no distance
/// and come last when sorted by distance. Ordering by distance without a point orders
/// newest first. Only the `per_page` vacancies of page `page` (from 1) are read into views.
pub async fn search(
    state: &AppState,
    filter: OpenFilter,
    near: Option<(Point, f64)>,
    order: JobOrder,
    page: usize,
    per_page: usize,
) -> Result<Found, AppError> {
    let (today, rates) = (state.today(), state.rates.clone());
    state
        .db
        .run(move |conn| {
            let first = page.saturating_sub(1).saturating_mul(per_page);
            let view = |(row, employer, employer_accredited): OpenRow| {
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
                    order,
                };
                let open = queries::open_vacancies(conn, &filter, today, window)?;
                return Ok(Found {
                    total: usize::try_from(open.total.unwrap_or(0)).unwrap_or(0),
                    shown: open.rows.into_iter().map(|r| (view(r), None)).collect(),
                });
            };
            // With one, the box around the point comes from the database (newest or best
            // paid first, at most SEARCH_LIMIT) and the exact distance decides.
            let window = Window {
                offset: 0,
                limit: SEARCH_LIMIT,
                count: false,
                order,
            };
            let mut within: Vec<(OpenRow, Option<f64>)> =
                queries::open_vacancies(conn, &filter, today, window)?
                    .rows
                    .into_iter()
                    .map(|found| {
                        let distance = distance_of(&found.0, from);
                        (found, distance)
                    })
                    .filter(|(_, distance)| distance.is_none_or(|d| d <= within_km))
                    .collect();
            if order == JobOrder::Distance {
                // Stable, so equally near jobs stay newest first.
                within.sort_by(|(_, a), (_, b)| match (a, b) {
                    (Some(a), Some(b)) => a.total_cmp(b),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                });
            }
            let total = within.len();
            let shown = within
                .into_iter()
                .skip(first)
                .take(per_page)
                .map(|(found, distance)| (view(found), distance))
                .collect();
            Ok(Found { shown, total })
        })
        .await
}
