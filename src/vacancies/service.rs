//! Posting, changing and listing vacancies, and how a vacancy is shown.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::Connection;
use serde::Serialize;

use super::domain::{living_wage_check, LivingWageCheck, Pattern, Sector, Status};
use super::input::NewVacancy;
use super::queries::{self, VacancyRow};
use crate::access::Actor;
use crate::db::DbConn;
use crate::error::AppError;
use crate::geo::Precision;
use crate::organisations::queries as organisation_queries;
use crate::rates::Rates;
use crate::types::{format_hours, OrganisationId, OrganisationKind, Role};

/// Where the workplace is.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LocationView {
    pub postcode: String,
    pub latitude: f64,
    pub longitude: f64,
    pub precision: Precision,
    pub in_greater_london: bool,
}

/// A vacancy as the API and pages show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VacancyView {
    #[serde(rename = "ref")]
    pub reference: String,
    /// The poster's own reference, when they gave one.
    pub source_ref: Option<String>,
    pub employer: String,
    pub employer_living_wage_accredited: bool,
    /// The agency that submitted it, if any.
    pub agency: Option<String>,
    pub title: String,
    pub description: String,
    pub sector: Sector,
    pub sector_label: &'static str,
    pub postcode: Option<String>,
    pub remote: bool,
    pub location: Option<LocationView>,
    pub pay_pence: i64,
    pub pay_per: String,
    #[schema(value_type = f64)]
    pub fte_hours: serde_json::Number,
    pub hourly_pay_pence: i64,
    #[schema(value_type = f64)]
    pub hours_min: serde_json::Number,
    #[schema(value_type = f64)]
    pub hours_max: serde_json::Number,
    pub contract: String,
    pub patterns: Vec<Pattern>,
    pub open_to_flexibility: bool,
    #[schema(value_type = Option<String>, format = Date)]
    pub closes_on: Option<NaiveDate>,
    /// The status everyone sees (an open vacancy past its closing date is closed).
    pub status: Status,
    /// The Living Wage check as at today.
    pub living_wage: Option<LivingWageCheck>,
    /// The same check as at the closing date, when there is one.
    pub living_wage_at_closing: Option<LivingWageCheck>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: NaiveDateTime,
}

fn hours_number(hundredths: i32) -> serde_json::Number {
    format_hours(i64::from(hundredths))
        .parse()
        .unwrap_or_else(|_| serde_json::Number::from(0))
}

fn corrupt(what: &str, value: &str) -> AppError {
    AppError::internal(anyhow::anyhow!(
        "stored vacancy {what} {value:?} is unknown"
    ))
}

/// Splits stored `;`-separated pattern codes.
pub fn patterns_of(stored: &str) -> Result<Vec<Pattern>, AppError> {
    stored
        .split(';')
        .filter(|p| !p.is_empty())
        .map(|p| Pattern::from_code(p).ok_or_else(|| corrupt("pattern", p)))
        .collect()
}

/// Builds the view; `employer` and `agency` are names.
pub fn view(
    row: VacancyRow,
    employer: (String, bool),
    agency: Option<String>,
    rates: &Rates,
    today: NaiveDate,
) -> Result<VacancyView, AppError> {
    let sector = Sector::from_code(&row.sector).ok_or_else(|| corrupt("sector", &row.sector))?;
    let status = Status::from_code(&row.status).ok_or_else(|| corrupt("status", &row.status))?;
    let check =
        |date| living_wage_check(rates, row.hourly_pay_pence, row.in_greater_london, date).ok();
    let location = match (&row.postcode, row.latitude, row.longitude) {
        (Some(postcode), Some(latitude), Some(longitude)) => Some(LocationView {
            postcode: postcode.clone(),
            latitude,
            longitude,
            precision: match row.location_precision.as_deref() {
                Some("sector") => Precision::Sector,
                Some("district") => Precision::District,
                _ => Precision::Unit,
            },
            in_greater_london: row.in_greater_london,
        }),
        _ => None,
    };
    Ok(VacancyView {
        reference: row.reference,
        source_ref: row.source_ref,
        employer: employer.0,
        employer_living_wage_accredited: employer.1,
        agency,
        title: row.title,
        description: row.description,
        sector,
        sector_label: sector.label(),
        postcode: row.postcode,
        remote: row.remote,
        location,
        pay_pence: row.pay_pence,
        pay_per: row.pay_per,
        fte_hours: hours_number(row.fte_hours),
        hourly_pay_pence: row.hourly_pay_pence,
        hours_min: hours_number(row.hours_min),
        hours_max: hours_number(row.hours_max),
        contract: row.contract,
        patterns: patterns_of(&row.patterns)?,
        open_to_flexibility: row.open_to_flexibility,
        living_wage: check(today),
        living_wage_at_closing: row.closes_on.and_then(check),
        closes_on: row.closes_on,
        status: status.effective(row.closes_on, today),
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

/// The view of a stored row, looking up the names it needs.
pub fn view_of(
    conn: &mut DbConn,
    row: VacancyRow,
    rates: &Rates,
    today: NaiveDate,
) -> Result<VacancyView, AppError> {
    let employer = organisation_queries::find(conn, &row.employer_id)?;
    let agency = if row.submitted_by != row.employer_id {
        Some(queries::organisation_name(conn, &row.submitted_by)?)
    } else {
        None
    };
    view(
        row,
        (employer.name, employer.living_wage_accredited),
        agency,
        rates,
        today,
    )
}

/// Which employer a poster posts for: an employer for itself; an agency for a named client.
pub fn employer_for(
    conn: &mut DbConn,
    actor: &Actor,
    named: Option<&str>,
) -> Result<OrganisationId, AppError> {
    match actor.role {
        Role::Employer => match named {
            Some(name) if name != actor.organisation.name => Err(AppError::invalid(
                "employer",
                "employer: only agencies name the employer; yours is filled in for you.",
            )),
            _ => Ok(actor.organisation.id.clone()),
        },
        Role::Agency => {
            let name = named.ok_or_else(|| {
                AppError::invalid(
                    "employer",
                    "employer: name the client employer this vacancy is for.",
                )
            })?;
            let employer = organisation_queries::find_by_name(conn, name)?
                .filter(|o| o.kind().is_ok_and(|k| k == OrganisationKind::Employer));
            let clients = organisation_queries::agency_clients(conn, &actor.organisation.id)?;
            match employer {
                Some(e) if clients.iter().any(|c| c.id == e.id) => Ok(e.id),
                _ => Err(AppError::Forbidden(format!(
                    "{} is not recorded as a client of {}: you can post only for your client employers.",
                    name, actor.organisation.name
                ))),
            }
        }
        _ => Err(AppError::Forbidden(
            "Your role may not post vacancies.".into(),
        )),
    }
}

/// A public reference: "BW" and 9 characters without look-alikes (29^9 ≈ 1.5e13 codes, so
/// a clash is rare; `post` still checks and draws again).
fn new_reference() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"23456789BCDFGHJKLMNPQRSTVWXYZ";
    let mut rng = rand::thread_rng();
    let code: String = (0..9)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect();
    format!("BW{code}")
}

fn unused_reference(conn: &mut DbConn) -> Result<String, AppError> {
    for _ in 0..5 {
        let candidate = new_reference();
        if queries::by_reference(conn, &candidate)?.is_none() {
            return Ok(candidate);
        }
    }
    Err(AppError::internal(anyhow::anyhow!(
        "no unused vacancy reference after five draws"
    )))
}

fn row_from(
    new: &NewVacancy,
    id: String,
    reference: String,
    employer: &OrganisationId,
    submitted_by: &OrganisationId,
    created_at: NaiveDateTime,
    now: NaiveDateTime,
) -> VacancyRow {
    VacancyRow {
        id,
        reference,
        employer_id: employer.clone(),
        submitted_by: submitted_by.clone(),
        source_ref: new.source_ref.clone(),
        title: new.title.clone(),
        description: new.description.clone(),
        sector: new.sector.code().into(),
        remote: new.remote,
        postcode: new.location.as_ref().map(|l| l.postcode.to_string()),
        latitude: new.location.as_ref().map(|l| l.latitude),
        longitude: new.location.as_ref().map(|l| l.longitude),
        location_precision: new
            .location
            .as_ref()
            .map(|l| l.precision.as_str().to_string()),
        in_greater_london: new.location.as_ref().is_some_and(|l| l.in_greater_london),
        pay_pence: new.pay_pence,
        pay_per: new.pay_per.code().into(),
        fte_hours: new.fte_hours as i32,
        hourly_pay_pence: new.hourly_pay_pence,
        hours_min: new.hours_min as i32,
        hours_max: new.hours_max as i32,
        contract: new.contract.as_str().into(),
        patterns: new
            .patterns
            .iter()
            .map(|p| p.code())
            .collect::<Vec<_>>()
            .join(";"),
        open_to_flexibility: new.open_to_flexibility,
        closes_on: new.closes_on,
        status: new.status.code().into(),
        created_at,
        updated_at: now,
    }
}

/// What posting did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Posted {
    Created,
    Updated,
    Unchanged,
}

/// Posts a vacancy for `employer`, submitted by `submitted_by`. With the poster's own
/// reference it is idempotent: the same reference updates the same vacancy.
pub fn post(
    conn: &mut DbConn,
    new: &NewVacancy,
    employer: &OrganisationId,
    submitted_by: &OrganisationId,
    now: DateTime<Utc>,
) -> Result<(VacancyRow, Posted), AppError> {
    let stamp = now.naive_utc();
    conn.transaction(|conn| {
        let existing = match &new.source_ref {
            Some(r) => queries::by_source_ref(conn, submitted_by, r)?,
            None => None,
        };
        match existing {
            Some(old) => {
                if &old.employer_id != employer {
                    return Err(AppError::invalid(
                        "employer",
                        "employer: a vacancy keeps its employer; post it under a new ref instead.",
                    ));
                }
                let old_status =
                    Status::from_code(&old.status).ok_or_else(|| corrupt("status", &old.status))?;
                if old_status != new.status && !old_status.may_become(new.status) {
                    return Err(AppError::invalid(
                        "status",
                        format!(
                            "status: a {} vacancy cannot become {}.",
                            old_status.code(),
                            new.status.code()
                        ),
                    ));
                }
                let mut row = row_from(
                    new,
                    old.id.clone(),
                    old.reference.clone(),
                    employer,
                    submitted_by,
                    old.created_at,
                    old.updated_at,
                );
                if row == old {
                    return Ok((old, Posted::Unchanged));
                }
                row.updated_at = stamp;
                queries::update(conn, &row)?;
                Ok((row, Posted::Updated))
            }
            None => {
                let reference = unused_reference(conn)?;
                let row = row_from(
                    new,
                    uuid::Uuid::new_v4().to_string(),
                    reference,
                    employer,
                    submitted_by,
                    stamp,
                    stamp,
                );
                queries::insert(conn, &row)?;
                Ok((row, Posted::Created))
            }
        }
    })
}

/// Moves a vacancy to a new status, when that move is allowed.
pub fn change_status(
    conn: &mut DbConn,
    mut row: VacancyRow,
    to: Status,
    now: DateTime<Utc>,
) -> Result<VacancyRow, AppError> {
    let from = Status::from_code(&row.status).ok_or_else(|| corrupt("status", &row.status))?;
    if !from.may_become(to) {
        return Err(AppError::invalid(
            "status",
            format!(
                "status: a {} vacancy cannot become {}.",
                from.code(),
                to.code()
            ),
        ));
    }
    row.status = to.code().into();
    row.updated_at = now.naive_utc();
    queries::update(conn, &row)?;
    Ok(row)
}

/// A stored vacancy as the input that would post it, for applying a partial change.
pub fn input_of(row: &VacancyRow) -> super::input::VacancyInput {
    super::input::VacancyInput {
        source_ref: row.source_ref.clone(),
        employer: None,
        title: row.title.clone(),
        description: row.description.clone(),
        sector: row.sector.clone(),
        postcode: row.postcode.clone(),
        // Centroid positions came from the postcode and are looked up again; only an exact
        // position given by the poster is carried over.
        latitude: row
            .latitude
            .filter(|_| row.location_precision.as_deref() == Some("unit")),
        longitude: row
            .longitude
            .filter(|_| row.location_precision.as_deref() == Some("unit")),
        remote: row.remote,
        pay_pence: row.pay_pence,
        pay_per: row.pay_per.clone(),
        fte_hours: Some(hours_number(row.fte_hours)),
        hours_min: hours_number(row.hours_min),
        hours_max: hours_number(row.hours_max),
        contract: row.contract.clone(),
        patterns: row
            .patterns
            .split(';')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
        open_to_flexibility: row.open_to_flexibility,
        closes_on: row.closes_on,
        status: Some(row.status.clone()),
    }
}

/// Applies a validated whole vacancy over a stored one, keeping its identity.
pub fn replace(
    conn: &mut DbConn,
    old: &VacancyRow,
    new: &NewVacancy,
    now: DateTime<Utc>,
) -> Result<VacancyRow, AppError> {
    conn.transaction(|conn| replace_unchanged(conn, old, new, now))
}

/// Replaces `old` only if nobody changed it since it was read; otherwise a 409, so a
/// status moved meanwhile (say, to filled) is never silently undone.
fn replace_unchanged(
    conn: &mut DbConn,
    old: &VacancyRow,
    new: &NewVacancy,
    now: DateTime<Utc>,
) -> Result<VacancyRow, AppError> {
    let current = queries::by_reference(conn, &old.reference)?.ok_or(AppError::NotFound {
        code: "vacancy_not_found",
        what: "Vacancy",
    })?;
    if current.updated_at != old.updated_at || current.status != old.status {
        return Err(AppError::Conflict {
            field: "vacancy".into(),
            message: "The vacancy changed while you were editing it: reload it and try again."
                .into(),
        });
    }
    let old_status =
        Status::from_code(&old.status).ok_or_else(|| corrupt("status", &old.status))?;
    if old_status != new.status && !old_status.may_become(new.status) {
        return Err(AppError::invalid(
            "status",
            format!(
                "status: a {} vacancy cannot become {}.",
                old_status.code(),
                new.status.code()
            ),
        ));
    }
    let row = row_from(
        new,
        old.id.clone(),
        old.reference.clone(),
        &old.employer_id,
        &old.submitted_by,
        old.created_at,
        now.naive_utc(),
    );
    queries::update(conn, &row)?;
    Ok(row)
}
