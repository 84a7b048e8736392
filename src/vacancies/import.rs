//! Bulk upload of vacancies from CSV: streamed, checked row by row, applied in batches of
//! transactions. Every bad row is reported with its line and column; good rows are applied;
//! a row is applied whole or not at all; importing the same file again changes nothing.

use std::collections::HashMap;
use std::io::Read;
use std::time::Instant;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::input::{NewVacancy, VacancyInput};
use super::service::{self, Posted};
use crate::access::policy::Posting;
use crate::db::DbConn;
use crate::error::AppError;
use crate::geo::Gazetteer;
use crate::rates::Rates;
use crate::types::{OrganisationId, Pence, WeeklyHours};

/// The columns, in the documented order (any order is accepted; all must be present).
pub const COLUMNS: [&str; 18] = [
    "ref",
    "employer",
    "title",
    "sector",
    "postcode",
    "latitude",
    "longitude",
    "pay",
    "pay_per",
    "fte_hours",
    "hours_min",
    "hours_max",
    "contract",
    "patterns",
    "open_to_flexibility",
    "closes_on",
    "description",
    "status",
];

/// Rows applied per transaction.
const BATCH: usize = 1000;
/// How many times a batch is tried while the database stays busy (each waits up to the
/// busy timeout, 5 s): about a minute in all before the import gives up and says so.
const BUSY_ATTEMPTS: u32 = 12;
/// Row errors kept for the report; the count goes on past it.
const MAX_REPORTED_ERRORS: usize = 10_000;

/// One rejected row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RowError {
    pub line: u64,
    pub column: String,
    pub message: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    pub rows: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub rejected: u64,
    pub dry_run: bool,
    pub seconds: f64,
    /// The first 10,000 rejected rows, by line.
    pub errors: Vec<RowError>,
}

impl ImportReport {
    fn reject(&mut self, line: u64, column: &str, message: String) {
        self.rejected += 1;
        if self.errors.len() < MAX_REPORTED_ERRORS {
            self.errors.push(RowError {
                line,
                column: column.to_string(),
                message,
            });
        }
    }
}

/// The CSV column a field fault belongs to.
fn column_for(field: &str) -> &str {
    let base = field.split('[').next().unwrap_or(field);
    match base {
        "pay_pence" => "pay",
        "ref"
        | "employer"
        | "title"
        | "sector"
        | "postcode"
        | "latitude"
        | "longitude"
        | "pay_per"
        | "fte_hours"
        | "hours_min"
        | "hours_max"
        | "contract"
        | "patterns"
        | "open_to_flexibility"
        | "closes_on"
        | "description"
        | "status" => base,
        _ => "row",
    }
}

fn hours(raw: &str, column: &str) -> Result<WeeklyHours, (String, String)> {
    WeeklyHours::parse(raw, column).map_err(|_| {
        (
            column.to_string(),
            format!("{column}: {raw:?} is not a number of hours."),
        )
    })
}

/// Turns one CSV record into the same input the API takes.
fn input_from(
    record: &csv::StringRecord,
    at: &HashMap<&str, usize>,
) -> Result<VacancyInput, (String, String)> {
    let get = |name: &str| {
        at.get(name)
            .and_then(|i| record.get(*i))
            .unwrap_or("")
            .trim()
    };
    let optional = |name: &str| Some(get(name).to_string()).filter(|v| !v.is_empty());
    let coordinate = |name: &str| -> Result<Option<f64>, (String, String)> {
        match get(name) {
            "" => Ok(None),
            raw => raw.parse::<f64>().map(Some).map_err(|_| {
                (
                    name.to_string(),
                    format!("{name}: {raw:?} is not a number."),
                )
            }),
        }
    };
    let pay = Pence::parse(get("pay"), "pay").map_err(|e| ("pay".to_string(), e.to_string()))?;
    let flexible = match get("open_to_flexibility").to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "0" | "n" => false,
        "true" | "yes" | "1" | "y" => true,
        other => {
            return Err((
                "open_to_flexibility".into(),
                format!("open_to_flexibility: {other:?} is not yes or no."),
            ))
        }
    };
    let closes_on = match get("closes_on") {
        "" => None,
        raw => Some(NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
            (
                "closes_on".to_string(),
                format!("closes_on: {raw:?} is not a date like 2026-12-31."),
            )
        })?),
    };
    Ok(VacancyInput {
        source_ref: optional("ref"),
        employer: optional("employer"),
        title: get("title").to_string(),
        description: get("description").to_string(),
        sector: get("sector").to_string(),
        postcode: optional("postcode"),
        latitude: coordinate("latitude")?,
        longitude: coordinate("longitude")?,
        remote: get("postcode").is_empty(),
        pay_pence: pay,
        pay_per: optional("pay_per").unwrap_or_else(|| "hour".into()),
        fte_hours: match get("fte_hours") {
            "" => None,
            raw => Some(hours(raw, "fte_hours")?),
        },
        hours_min: hours(get("hours_min"), "hours_min")?,
        hours_max: hours(get("hours_max"), "hours_max")?,
        contract: get("contract").to_string(),
        patterns: get("patterns")
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
        open_to_flexibility: flexible,
        closes_on,
        status: optional("status"),
    })
}

/// Everything an import needs besides the file.
pub(super) struct ImportContext<'a> {
    pub posting: &'a Posting,
    pub gazetteer: &'a Gazetteer,
    pub rates: &'a Rates,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
    pub dry_run: bool,
}

/// Imports vacancies from CSV in batches of transactions. `progress` is called after each
/// batch with the rows read. The use case around it is `service::import`.
pub(super) fn import(
    conn: &mut DbConn,
    ctx: &ImportContext<'_>,
    source: impl Read,
    mut progress: impl FnMut(u64),
) -> Result<ImportReport, AppError> {
    let started = Instant::now();
    let mut report = ImportReport {
        dry_run: ctx.dry_run,
        ..ImportReport::default()
    };
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(source);
    let headers = reader
        .headers()
        .map_err(|e| {
            AppError::invalid(
                "file",
                format!("line 1: the header row cannot be read: {e}"),
            )
        })?
        .clone();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (i, name) in headers.iter().enumerate() {
        if let Some(column) = COLUMNS.iter().find(|c| **c == name.trim()) {
            at.insert(column, i);
        }
    }
    let missing: Vec<&str> = COLUMNS
        .iter()
        .filter(|c| !at.contains_key(*c))
        .copied()
        .collect();
    if !missing.is_empty() {
        return Err(AppError::invalid(
            "file",
            format!(
                "line 1: the header row lacks the column(s) {}.",
                missing.join(", ")
            ),
        ));
    }
    let mut employers: HashMap<Option<String>, Result<OrganisationId, AppError>> = HashMap::new();
    let mut batch: Vec<(u64, NewVacancy, OrganisationId)> = Vec::with_capacity(BATCH);
    let mut record = csv::StringRecord::new();
    loop {
        let read = reader.read_record(&mut record);
        let line = record.position().map_or(report.rows + 2, |p| p.line());
        match read {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                report.rows += 1;
                report.reject(line, "row", format!("the row cannot be read: {e}"));
                continue;
            }
        }
        report.rows += 1;
        if record.iter().all(|f| f.trim().is_empty()) {
            report.rows -= 1;
            continue;
        }
        let parsed = input_from(&record, &at).and_then(|input| {
            NewVacancy::parse(input, ctx.gazetteer, ctx.rates, ctx.today).map_err(|e| {
                (
                    column_for(e.field().unwrap_or("row")).to_string(),
                    e.to_string(),
                )
            })
        });
        let new = match parsed {
            Ok(new) => new,
            Err((column, message)) => {
                report.reject(line, &column, message);
                continue;
            }
        };
        let employer = employers
            .entry(new.employer().map(str::to_string))
            .or_insert_with(|| service::employer_for(conn, ctx.posting, new.employer()));
        match employer {
            Ok(id) => batch.push((line, new, id.clone())),
            Err(e) => {
                let message = e.to_string();
                report.reject(line, "employer", message);
                continue;
            }
        }
        if batch.len() >= BATCH {
            apply(conn, ctx, &mut batch, &mut report)?;
            progress(report.rows);
        }
    }
    apply(conn, ctx, &mut batch, &mut report)?;
    progress(report.rows);
    report.errors.sort_by_key(|e| e.line);
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Applies a batch in one transaction; each row in its own savepoint, so a row that fails
/// leaves nothing behind and the others still apply.
fn apply(
    conn: &mut DbConn,
    ctx: &ImportContext<'_>,
    batch: &mut Vec<(u64, NewVacancy, OrganisationId)>,
    report: &mut ImportReport,
) -> Result<(), AppError> {
    if batch.is_empty() {
        return Ok(());
    }
    let poster = ctx.posting.poster();
    let post_each = |conn: &mut DbConn| {
        let mut outcomes: Vec<(u64, Result<Posted, AppError>)> = Vec::with_capacity(batch.len());
        for (line, new, employer) in batch.iter() {
            let posted = service::post_in(conn, new, employer, poster, ctx.now);
            outcomes.push((*line, posted.map(|(_, posted)| posted)));
        }
        Ok(outcomes)
    };
    // Another writer (the portal, another import) may hold the database longer than the
    // busy timeout: the batch was rolled back whole, so try it again rather than reject
    // good rows for someone else's work.
    let mut attempt = 1;
    let outcomes = loop {
        let tried = if ctx.dry_run {
            // Checked against the database (status moves, duplicates), then undone.
            crate::db::rehearse(conn, post_each)
        } else {
            crate::db::write(conn, post_each)
        };
        match tried {
            Err(AppError::Unavailable(_)) if attempt < BUSY_ATTEMPTS => {
                tracing::warn!(attempt, "the database is busy: trying the batch again");
                attempt += 1;
            }
            other => break other?,
        }
    };
    for (line, outcome) in outcomes {
        match outcome {
            Ok(Posted::Created) => report.created += 1,
            Ok(Posted::Updated) => report.updated += 1,
            Ok(Posted::Unchanged) => report.unchanged += 1,
            Err(e) => {
                let column = column_for(e.field().unwrap_or("row")).to_string();
                report.reject(line, &column, e.to_string());
            }
        }
    }
    batch.clear();
    Ok(())
}
