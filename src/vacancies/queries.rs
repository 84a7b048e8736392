//! diesel queries for vacancies. Every query that reads vacancies for someone takes the
//! `VacancyScope` the access policy gave them.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::domain::{Pattern, Patterns, PayPer, Sector, Status};
use crate::access::policy::VacancyScope;
use crate::db::DbConn;
use crate::error::AppError;
use crate::geo::Precision;
use crate::organisations::queries::accepted_clients_of;
use crate::outcomes::Contract;
use crate::pagination::Pagination;
use crate::schema::{organisations, vacancies};
use crate::types::{OrganisationId, Pence, VacancyId, WeeklyHours};

/// A vacancy as stored.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = vacancies)]
#[diesel(treat_none_as_null = true)]
pub struct VacancyRow {
    pub id: VacancyId,
    pub reference: String,
    pub employer_id: OrganisationId,
    pub submitted_by: OrganisationId,
    pub source_ref: Option<String>,
    pub title: String,
    pub description: String,
    pub sector: Sector,
    pub remote: bool,
    pub postcode: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub location_precision: Option<Precision>,
    pub in_greater_london: bool,
    pub pay_pence: Pence,
    pub pay_per: PayPer,
    pub fte_hours: WeeklyHours,
    pub hourly_pay_pence: Pence,
    pub hours_min: WeeklyHours,
    pub hours_max: WeeklyHours,
    pub contract: Contract,
    pub pattern_set: Patterns,
    pub open_to_flexibility: bool,
    pub closes_on: Option<NaiveDate>,
    pub status: Status,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Bumped by every change; a change is written only over the version it read.
    pub version: i32,
    pub apply_url: Option<String>,
    pub apply_email: Option<String>,
}

/// The answer for a vacancy that does not exist or is not the asker's to see.
pub fn not_found() -> AppError {
    AppError::NotFound {
        code: "vacancy_not_found",
        what: "Vacancy",
    }
}

diesel::infix_operator!(BitAnd, " & ", diesel::sql_types::Integer);

diesel::define_sql_function!(fn lower(text: diesel::sql_types::Text) -> diesel::sql_types::Text);

pub fn insert(conn: &mut DbConn, row: &VacancyRow) -> Result<(), AppError> {
    diesel::insert_into(vacancies::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Stores `row` (whose `version` is one more than the version read) over the vacancy it
/// replaces, only if nobody changed that vacancy since it was read: one conditional
/// statement, so the check and the write cannot be split by another writer on either
/// database. Whether it did.
pub fn update_if_unchanged(conn: &mut DbConn, row: &VacancyRow) -> Result<bool, AppError> {
    let changed = diesel::update(
        vacancies::table
            .filter(vacancies::id.eq(&row.id))
            .filter(vacancies::version.eq(row.version - 1)),
    )
    .set(row)
    .execute(conn)?;
    Ok(changed == 1)
}

pub fn by_reference(conn: &mut DbConn, reference: &str) -> Result<Option<VacancyRow>, AppError> {
    Ok(vacancies::table
        .filter(vacancies::reference.eq(reference))
        .select(VacancyRow::as_select())
        .first(conn)
        .optional()?)
}

/// The vacancy an organisation posted under its own reference.
pub fn by_source_ref(
    conn: &mut DbConn,
    submitted_by: &OrganisationId,
    source_ref: &str,
) -> Result<Option<VacancyRow>, AppError> {
    Ok(vacancies::table
        .filter(vacancies::submitted_by.eq(submitted_by))
        .filter(vacancies::source_ref.eq(source_ref))
        .select(VacancyRow::as_select())
        .first(conn)
        .optional()?)
}

/// A vacancy in `scope`, by its public reference or by the poster's own reference; any
/// other is not found, so its existence does not leak across organisations.
pub fn find(
    conn: &mut DbConn,
    scope: &VacancyScope,
    reference: &str,
) -> Result<VacancyRow, AppError> {
    let found = match by_reference(conn, reference)? {
        Some(row) => Some(row),
        None => match scope.poster() {
            Some(org) => by_source_ref(conn, org, reference)?,
            None => None,
        },
    };
    let row = found
        .filter(|row| scope.covers(&row.employer_id, &row.submitted_by))
        .ok_or_else(not_found)?;
    if let VacancyScope::SubmittedBy(agency) = scope {
        // An agency reaches what it submitted only while the employer still accepts it.
        let kept: i64 = vacancies::table
            .filter(vacancies::id.eq(&row.id))
            .filter(vacancies::employer_id.eq_any(accepted_clients_of(agency.clone())))
            .count()
            .get_result(conn)?;
        if kept == 0 {
            return Err(not_found());
        }
    }
    Ok(row)
}

/// Where a page of a newest-first list ends: the last row's creation time and id. Written
/// as `NANOSECONDS_ID` for the API's `after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    created_at: NaiveDateTime,
    id: VacancyId,
}

impl Cursor {
    /// Where the list goes on after `row`.
    pub fn after(row: &VacancyRow) -> Cursor {
        Cursor {
            created_at: row.created_at,
            id: row.id.clone(),
        }
    }

    /// Reads a cursor given as `after`; `field` names it in the fault.
    pub fn parse(raw: &str, field: &str) -> Result<Cursor, AppError> {
        let bad = || {
            AppError::invalid(
                field,
                format!("{field}: use the `next` value of the previous page, unchanged."),
            )
        };
        let (nanos, id) = raw.trim().split_once('_').ok_or_else(bad)?;
        let nanos: i64 = nanos.parse().map_err(|_| bad())?;
        let uuid = uuid::Uuid::parse_str(id).map_err(|_| bad())?;
        Ok(Cursor {
            created_at: chrono::DateTime::from_timestamp_nanos(nanos).naive_utc(),
            id: VacancyId(uuid.to_string()),
        })
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let nanos = self.created_at.and_utc().timestamp_nanos_opt().unwrap_or(0);
        write!(f, "{nanos}_{}", self.id)
    }
}

/// The vacancies in `scope`, newest first, optionally of one status as everyone sees it
/// on `today` (an open vacancy past its closing date counts as closed): the page `at`
/// asks for or, given a cursor, the page after it (served from the index, however deep).
pub fn list(
    conn: &mut DbConn,
    scope: &VacancyScope,
    status: Option<Status>,
    today: NaiveDate,
    at: Pagination,
    after: Option<&Cursor>,
) -> Result<Listed, AppError> {
    let filtered = || {
        let mut query = vacancies::table.into_boxed();
        match scope {
            VacancyScope::Employer(org) => {
                query = query.filter(vacancies::employer_id.eq(org.clone()))
            }
            VacancyScope::SubmittedBy(org) => {
                query = query
                    .filter(vacancies::submitted_by.eq(org.clone()))
                    .filter(vacancies::employer_id.eq_any(accepted_clients_of(org.clone())))
            }
            VacancyScope::All => {}
        }
        let still_open = vacancies::closes_on
            .is_null()
            .or(vacancies::closes_on.ge(today));
        match status {
            Some(Status::Open) => {
                query = query
                    .filter(vacancies::status.eq(Status::Open))
                    .filter(still_open)
            }
            Some(Status::Closed) => {
                query = query.filter(
                    vacancies::status.eq(Status::Closed).or(vacancies::status
                        .eq(Status::Open)
                        .and(vacancies::closes_on.lt(today))),
                )
            }
            Some(other) => query = query.filter(vacancies::status.eq(other)),
            None => {}
        }
        query
    };
    let total = filtered().count().get_result(conn)?;
    let page = filtered().order((vacancies::created_at.desc(), vacancies::id.desc()));
    let page = match after {
        Some(cursor) => page.filter(
            vacancies::created_at
                .lt(cursor.created_at)
                .or(vacancies::created_at
                    .eq(cursor.created_at)
                    .and(vacancies::id.lt(cursor.id.clone()))),
        ),
        None => page.offset(at.offset()),
    };
    // One row more than the page shows tells whether another page follows.
    let mut rows = page
        .limit(at.per_page + 1)
        .select(VacancyRow::as_select())
        .load(conn)?;
    let has_more = rows.len() as i64 > at.per_page;
    rows.truncate(at.per_page as usize);
    Ok(Listed {
        rows,
        total,
        has_more,
    })
}

/// A page of a list.
pub struct Listed {
    pub rows: Vec<VacancyRow>,
    /// How many the whole list holds.
    pub total: i64,
    /// Whether another page follows this one.
    pub has_more: bool,
}

/// What the public jobs page can ask the database for; distance is applied afterwards.
#[derive(Debug, Default, Clone)]
pub struct OpenFilter {
    /// Words in the job title or description.
    pub text: Option<String>,
    pub sector: Option<Sector>,
    pub min_hourly: Option<Pence>,
    /// Vacancies offering at least this many hours at most.
    pub min_hours: Option<WeeklyHours>,
    /// Vacancies asking at most this many hours at least.
    pub max_hours: Option<WeeklyHours>,
    pub pattern: Option<Pattern>,
    pub living_wage_employers: bool,
    /// (south, north, west, east) bounds; remote vacancies are always included.
    pub bounds: Option<(f64, f64, f64, f64)>,
}

/// The order of a search's results. The database orders by date or pay; distance is
/// known only once the exact distances are worked out, so the database reads newest first
/// and the search sorts.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum JobOrder {
    #[default]
    Newest,
    /// Highest hourly pay first, newest first among equals.
    Pay,
    /// Nearest first; remote jobs, which have no distance, last.
    Distance,
}

/// Which open vacancies to read: `limit` of them after skipping `offset`, in `order`, and
/// whether to count them all too.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub offset: i64,
    pub limit: i64,
    pub count: bool,
    pub order: JobOrder,
}

/// Open vacancies read through a `Window`, each with its employer's name and Living Wage
/// accreditation, and how many match in all when the window asked.
pub struct OpenVacancies {
    pub rows: Vec<(VacancyRow, String, bool)>,
    pub total: Option<i64>,
}

/// Open vacancies not past their closing date matching `filter`, newest first (served by
/// the status, newest-first index) or highest paid first.
pub fn open_vacancies(
    conn: &mut DbConn,
    filter: &OpenFilter,
    today: NaiveDate,
    window: Window,
) -> Result<OpenVacancies, AppError> {
    let filtered = || {
        let mut query = vacancies::table
            .inner_join(organisations::table.on(organisations::id.eq(vacancies::employer_id)))
            .filter(vacancies::status.eq(Status::Open))
            .filter(
                vacancies::closes_on
                    .is_null()
                    .or(vacancies::closes_on.ge(today)),
            )
            .into_boxed();
        if let Some(text) = &filter.text {
            // Lower-cased on both sides: PostgreSQL's LIKE minds case where SQLite's does not.
            let pattern = format!("%{}%", text.replace(['%', '_'], "").to_lowercase());
            query = query.filter(
                lower(vacancies::title)
                    .like(pattern.clone())
                    .or(lower(vacancies::description).like(pattern)),
            );
        }
        if let Some(sector) = filter.sector {
            query = query.filter(vacancies::sector.eq(sector));
        }
        if let Some(pay) = filter.min_hourly {
            query = query.filter(vacancies::hourly_pay_pence.ge(pay));
        }
        if let Some(hours) = filter.min_hours {
            query = query.filter(vacancies::hours_max.ge(hours));
        }
        if let Some(hours) = filter.max_hours {
            query = query.filter(vacancies::hours_min.le(hours));
        }
        if let Some(pattern) = filter.pattern {
            let bit = Patterns::of(pattern).bits();
            query = query.filter(
                BitAnd::new(
                    vacancies::pattern_set,
                    bit.into_sql::<diesel::sql_types::Integer>(),
                )
                .ne(0),
            );
        }
        if filter.living_wage_employers {
            query = query.filter(organisations::living_wage_accredited.eq(true));
        }
        if let Some((south, north, west, east)) = filter.bounds {
            query = query.filter(
                vacancies::remote.eq(true).or(vacancies::latitude
                    .between(south, north)
                    .and(vacancies::longitude.between(west, east))),
            );
        }
        query
    };
    let total = if window.count {
        Some(filtered().count().get_result(conn)?)
    } else {
        None
    };
    let ordered = match window.order {
        JobOrder::Pay => filtered().order((
            vacancies::hourly_pay_pence.desc(),
            vacancies::created_at.desc(),
            vacancies::id.desc(),
        )),
        JobOrder::Newest | JobOrder::Distance => {
            filtered().order((vacancies::created_at.desc(), vacancies::id.desc()))
        }
    };
    let rows = ordered
        .offset(window.offset)
        .limit(window.limit)
        .select((
            VacancyRow::as_select(),
            organisations::name,
            organisations::living_wage_accredited,
        ))
        .load(conn)?;
    Ok(OpenVacancies { rows, total })
}
