//! Bulk upload of vacancies from CSV: streamed, checked row by row, applied in batches of
//! transactions. Every fault of a bad row is reported with its line and column; good rows
//! are applied; a row is applied whole or not at all; importing the same file again changes
//! nothing. A header that names a column twice refuses the whole file. `rows.rs` reads the
//! file's rows and the lines they start on, `columns.rs` a row's columns.

mod columns;
mod rows;

use std::collections::HashMap;
use std::io::{BufReader, Read};
use std::time::Instant;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use self::columns::{column_for, column_position, columns_at, input_from, Fault};
use self::rows::{Row, Rows};
use super::input::NewVacancy;
use super::service::{self, Posted};
use crate::access::policy::Posting;
use crate::db::DbConn;
use crate::error::AppError;
use crate::geo::Gazetteer;
use crate::rates::Rates;
use crate::types::OrganisationId;

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

/// One fault of a rejected row (a row may have several).
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
    /// The first 10,000 faults of rejected rows, by line.
    pub errors: Vec<RowError>,
}

impl ImportReport {
    /// Rejects the row on `line` for each of its faults: (column, message).
    fn reject(&mut self, line: u64, faults: Vec<(String, String)>) {
        self.rejected += 1;
        for (column, message) in faults {
            if self.errors.len() < MAX_REPORTED_ERRORS {
                self.errors.push(RowError {
                    line,
                    column,
                    message,
                });
            }
        }
    }
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
    let mut rows = Rows::new(BufReader::new(source));
    let unreadable = |e: std::io::Error| {
        AppError::internal(anyhow::Error::new(e).context("reading the CSV file"))
    };
    let headers = match rows.next_row().map_err(unreadable)? {
        None => return Err(AppError::invalid("file", "the file is empty.")),
        Some(Row {
            fields: Err(fault), ..
        }) => {
            return Err(AppError::invalid(
                "file",
                format!("line 1: the header row cannot be read: {}", fault.message()),
            ))
        }
        Some(Row { fields: Ok(h), .. }) => h,
    };
    let at = columns_at(&headers)?;
    let mut employers: HashMap<Option<String>, Result<OrganisationId, AppError>> = HashMap::new();
    let mut batch: Vec<(u64, NewVacancy, OrganisationId)> = Vec::with_capacity(BATCH);
    while let Some(Row { line, fields }) = rows.next_row().map_err(unreadable)? {
        let record = match fields {
            Ok(record) if record.iter().all(|f| f.trim().is_empty()) => continue,
            Ok(record) => record,
            Err(fault) => {
                report.rows += 1;
                report.reject(line, vec![("row".into(), fault.message())]);
                continue;
            }
        };
        report.rows += 1;
        if record.len() != headers.len() {
            let message = format!(
                "the row has {} field(s) and the header row {}: is a comma missing, extra or not in quotes?",
                record.len(),
                headers.len()
            );
            report.reject(line, vec![("row".into(), message)]);
            continue;
        }
        let (input, mut faults) = input_from(&record, &at);
        let named = input.employer.clone();
        let parsed = NewVacancy::parse_all(input, ctx.gazetteer, ctx.rates, ctx.today);
        let employer = employers
            .entry(named.clone())
            .or_insert_with(|| service::employer_for(conn, ctx.posting, named.as_deref()));
        if let Err(e) = &employer {
            faults.push(("employer".into(), e.to_string()));
        }
        if let Err(found) = &parsed {
            // A column that could not be read has a stand-in: its faults are already noted.
            let unread = |column: &str| {
                faults.iter().any(|(c, _)| {
                    c == column
                        || (["latitude", "longitude"].contains(&c.as_str())
                            && ["latitude", "longitude"].contains(&column))
                })
            };
            let more: Vec<Fault> = found
                .iter()
                .map(|e| {
                    (
                        column_for(e.field().unwrap_or("row")).to_string(),
                        e.to_string(),
                    )
                })
                .filter(|(column, _)| !unread(column))
                .collect();
            faults.extend(more);
        }
        match (parsed, employer) {
            (Ok(new), Ok(id)) if faults.is_empty() => batch.push((line, new, id.clone())),
            _ => {
                faults.sort_by_key(|(column, _)| column_position(column));
                report.reject(line, faults);
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
    let poster = ctx.posting;
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
                report.reject(line, vec![(column, e.to_string())]);
            }
        }
    }
    batch.clear();
    Ok(())
}
