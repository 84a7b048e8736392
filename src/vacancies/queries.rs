//! diesel queries for vacancies.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConn;
use crate::error::AppError;
use crate::pagination::Pagination;
use crate::schema::{organisations, vacancies};
use crate::types::OrganisationId;

/// A vacancy as stored. Hours are hundredths of an hour a week.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = vacancies)]
#[diesel(treat_none_as_null = true)]
pub struct VacancyRow {
    pub id: String,
    pub reference: String,
    pub employer_id: OrganisationId,
    pub submitted_by: OrganisationId,
    pub source_ref: Option<String>,
    pub title: String,
    pub description: String,
    pub sector: String,
    pub remote: bool,
    pub postcode: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub location_precision: Option<String>,
    pub in_greater_london: bool,
    pub pay_pence: i64,
    pub pay_per: String,
    pub fte_hours: i32,
    pub hourly_pay_pence: i64,
    pub hours_min: i32,
    pub hours_max: i32,
    pub contract: String,
    pub patterns: String,
    pub open_to_flexibility: bool,
    pub closes_on: Option<NaiveDate>,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

fn not_found() -> AppError {
    AppError::NotFound {
        code: "vacancy_not_found",
        what: "Vacancy",
    }
}

pub fn insert(conn: &mut DbConn, row: &VacancyRow) -> Result<(), AppError> {
    diesel::insert_into(vacancies::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn update(conn: &mut DbConn, row: &VacancyRow) -> Result<(), AppError> {
    diesel::update(vacancies::table.find(&row.id))
        .set(row)
        .execute(conn)?;
    Ok(())
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

/// A public reference or, for its poster, their own reference.
pub fn find(
    conn: &mut DbConn,
    reference: &str,
    poster: Option<&OrganisationId>,
) -> Result<VacancyRow, AppError> {
    if let Some(row) = by_reference(conn, reference)? {
        return Ok(row);
    }
    match poster {
        Some(org) => by_source_ref(conn, org, reference)?.ok_or_else(not_found),
        None => Err(not_found()),
    }
}

/// Whose vacancies a list shows.
pub enum Owner<'a> {
    Employer(&'a OrganisationId),
    SubmittedBy(&'a OrganisationId),
    Everyone,
}

/// An organisation's vacancies, newest first, optionally of one status as everyone sees
/// it on `today` (an open vacancy past its closing date counts as closed).
pub fn list(
    conn: &mut DbConn,
    owner: Owner<'_>,
    status: Option<&str>,
    today: NaiveDate,
    at: Pagination,
) -> Result<(Vec<VacancyRow>, i64), AppError> {
    let filtered = || {
        let mut query = vacancies::table.into_boxed();
        match owner {
            Owner::Employer(org) => query = query.filter(vacancies::employer_id.eq(org.clone())),
            Owner::SubmittedBy(org) => {
                query = query.filter(vacancies::submitted_by.eq(org.clone()))
            }
            Owner::Everyone => {}
        }
        let still_open = vacancies::closes_on
            .is_null()
            .or(vacancies::closes_on.ge(today));
        match status {
            Some("open") => {
                query = query
                    .filter(vacancies::status.eq("open"))
                    .filter(still_open)
            }
            Some("closed") => {
                query = query.filter(
                    vacancies::status.eq("closed").or(vacancies::status
                        .eq("open")
                        .and(vacancies::closes_on.lt(today))),
                )
            }
            Some(other) => query = query.filter(vacancies::status.eq(other.to_string())),
            None => {}
        }
        query
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((vacancies::created_at.desc(), vacancies::id.desc()))
        .limit(at.per_page)
        .offset(at.offset())
        .select(VacancyRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// What the public jobs page can ask the database for; distance is applied afterwards.
#[derive(Debug, Default, Clone)]
pub struct OpenFilter {
    pub text: Option<String>,
    pub sector: Option<String>,
    pub min_hourly_pence: Option<i64>,
    /// Vacancies offering at least this many hours (hundredths) at most.
    pub min_hours: Option<i32>,
    /// Vacancies asking at most this many hours (hundredths) at least.
    pub max_hours: Option<i32>,
    pub pattern: Option<String>,
    pub living_wage_employers: bool,
    /// (south, north, west, east) bounds; remote vacancies are always included.
    pub bounds: Option<(f64, f64, f64, f64)>,
}

/// Open vacancies not past their closing date, newest first, with the employer's name and
/// Living Wage accreditation. At most `limit` rows.
pub fn open_vacancies(
    conn: &mut DbConn,
    filter: &OpenFilter,
    today: NaiveDate,
    limit: i64,
) -> Result<Vec<(VacancyRow, String, bool)>, AppError> {
    let mut query = vacancies::table
        .inner_join(organisations::table.on(organisations::id.eq(vacancies::employer_id)))
        .filter(vacancies::status.eq("open"))
        .filter(
            vacancies::closes_on
                .is_null()
                .or(vacancies::closes_on.ge(today)),
        )
        .into_boxed();
    if let Some(text) = &filter.text {
        let pattern = format!("%{}%", text.replace(['%', '_'], ""));
        query = query.filter(vacancies::title.like(pattern));
    }
    if let Some(sector) = &filter.sector {
        query = query.filter(vacancies::sector.eq(sector.clone()));
    }
    if let Some(pay) = filter.min_hourly_pence {
        query = query.filter(vacancies::hourly_pay_pence.ge(pay));
    }
    if let Some(hours) = filter.min_hours {
        query = query.filter(vacancies::hours_max.ge(hours));
    }
    if let Some(hours) = filter.max_hours {
        query = query.filter(vacancies::hours_min.le(hours));
    }
    if let Some(pattern) = &filter.pattern {
        query = query.filter(
            vacancies::patterns
                .eq(pattern.clone())
                .or(vacancies::patterns.like(format!("{pattern};%")))
                .or(vacancies::patterns.like(format!("%;{pattern}")))
                .or(vacancies::patterns.like(format!("%;{pattern};%"))),
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
    Ok(query
        .order((vacancies::created_at.desc(), vacancies::id.desc()))
        .limit(limit)
        .select((
            VacancyRow::as_select(),
            organisations::name,
            organisations::living_wage_accredited,
        ))
        .load(conn)?)
}

/// The names of organisations by id, for showing who posted what.
pub fn organisation_name(conn: &mut DbConn, id: &OrganisationId) -> Result<String, AppError> {
    Ok(organisations::table
        .find(id)
        .select(organisations::name)
        .first(conn)?)
}
