//! Bulk upload of vacancies from CSV: streamed, checked row by row, applied in batches of
//! transactions. Every fault of a bad row is reported with its line and column; good rows
//! are applied; a row is applied whole or not at all; importing the same file again changes
//! nothing. A header that names a column twice refuses the whole file. `rows.rs` reads the
//! file's rows and the lines they start on, `columns.rs` a row's columns.

mod columns;
mod rows;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
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

pub use self::columns::{Column, SPEC};

/// The columns' names, in the documented order (any order is accepted; all must be present).
pub const COLUMNS: [&str; SPEC.len()] = {
    let mut names = [""; SPEC.len()];
    let mut i = 0;
    while i < SPEC.len() {
        names[i] = SPEC[i].name;
        i += 1;
    }
    names
};

/// The template to start a file from: the header row and one example row that imports as
/// it is (for an employer), closing about two months from `today`.
pub fn template(today: NaiveDate) -> String {
    let closes = today + chrono::Days::new(60);
    let example: Vec<String> = SPEC
        .iter()
        .map(|column| match column.name {
            "closes_on" => closes.format("%d/%m/%Y").to_string(),
            _ => quoted(column.example),
        })
        .collect();
    format!("{}\r\n{}\r\n", COLUMNS.join(","), example.join(","))
}

/// A value as a CSV field: in quotes when it holds a comma, a quote or a line break.
fn quoted(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// Rows applied per transaction.
const BATCH: usize = 1000;
/// How many times a batch is tried while the database stays busy (each waits up to the
/// busy timeout, 5 s): about a minute in all before the import gives up and says so.
const BUSY_ATTEMPTS: u32 = 12;
/// Row errors kept for the report; the count goes on past it.
const MAX_REPORTED_ERRORS: usize = 10_000;

/// One fault of a rejected row (a row may have several, each reported).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RowError {
    /// The line of the file the row starts on (the header row is line 1).
    pub line: u64,
    /// The row's `ref`, when it has one that could be read.
    #[serde(rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The row's `title`, when it has one that could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The row as people find it in their spreadsheet: "Line 7 (ref KA-12, 'Kitchen
    /// assistant')".
    pub row: String,
    /// The column at fault, or `row` for a fault of the whole row.
    pub column: String,
    pub message: String,
}

impl RowError {
    /// The fault in one line: "Line 7 (ref KA-12, 'Kitchen assistant'), pay: Enter pay".
    pub fn describe(&self) -> String {
        match self.column.as_str() {
            "row" => format!("{}: {}", self.row, self.message),
            column => format!("{}, {column}: {}", self.row, self.message),
        }
    }
}

/// Which row a fault is in, as its owner would look for it: the line, the ref, the title.
#[derive(Debug, Clone, Default)]
struct RowId {
    line: u64,
    reference: Option<String>,
    title: Option<String>,
}

/// Titles longer than this are cut short when naming a row.
const TITLE_SHOWN: usize = 40;

impl RowId {
    fn at(line: u64) -> RowId {
        RowId {
            line,
            ..RowId::default()
        }
    }

    /// The row on `line` with the `ref` and `title` it holds, when it has them.
    fn of(line: u64, record: &[String], at: &HashMap<&str, usize>) -> RowId {
        let value = |name: &str| {
            at.get(name)
                .and_then(|i| record.get(*i))
                .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|v| !v.is_empty())
        };
        RowId {
            line,
            reference: value("ref"),
            title: value("title"),
        }
    }

    fn describe(&self) -> String {
        let title = self.title.as_ref().map(|t| {
            if t.chars().count() > TITLE_SHOWN {
                let cut: String = t.chars().take(TITLE_SHOWN - 1).collect();
                format!("'{}…'", cut.trim_end())
            } else {
                format!("'{t}'")
            }
        });
        let reference = self.reference.as_ref().map(|r| format!("ref {r}"));
        let known: Vec<String> = [reference, title].into_iter().flatten().collect();
        if known.is_empty() {
            format!("Line {}", self.line)
        } else {
            format!("Line {} ({})", self.line, known.join(", "))
        }
    }
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
    /// Rejects `row` for each of its faults: (column, message).
    fn reject(&mut self, row: &RowId, faults: Vec<(String, String)>) {
        self.rejected += 1;
        let described = row.describe();
        for (column, message) in faults {
            if self.errors.len() < MAX_REPORTED_ERRORS {
                self.errors.push(RowError {
                    line: row.line,
                    reference: row.reference.clone(),
                    title: row.title.clone(),
                    row: described.clone(),
                    column,
                    message,
                });
            }
        }
    }

    /// What happened, in a few words, for the page's heading and the command line's
    /// summary: "6 of 8 rows rejected", "All 8 rows imported", "8 rows imported: 6 new,
    /// 2 updated". A check (`dry_run`) says what would happen.
    pub fn headline(&self) -> String {
        let rows = |n: u64| if n == 1 { "row" } else { "rows" };
        let total = self.rows;
        if self.rejected > 0 {
            let would = if self.dry_run { "would be " } else { "" };
            return format!(
                "{} of {total} {} {would}rejected",
                self.rejected,
                rows(total)
            );
        }
        if self.dry_run {
            return if total == 1 {
                "The row can be imported".into()
            } else {
                format!("All {total} rows can be imported")
            };
        }
        if self.unchanged == total {
            return if total == 1 {
                "The row matches what is already posted: nothing changed".into()
            } else {
                format!("All {total} rows match what is already posted: nothing changed")
            };
        }
        let whole = if total == 1 {
            "1 row imported".to_string()
        } else {
            format!("All {total} rows imported")
        };
        if self.created == total {
            return whole;
        }
        let parts: Vec<String> = [
            (self.created, "new"),
            (self.updated, "updated"),
            (self.unchanged, "unchanged"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        format!("{whole}: {}", parts.join(", "))
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
    let mut source = BufReader::new(source);
    let unreadable = |e: std::io::Error| {
        AppError::internal(anyhow::Error::new(e).context("reading the CSV file"))
    };
    not_a_spreadsheet(source.fill_buf().map_err(unreadable)?)?;
    let mut rows = Rows::new(source);
    let headers = match rows.next_row().map_err(unreadable)? {
        None => return Err(AppError::invalid("file", "The selected file is empty")),
        Some(Row {
            fields: Err(fault), ..
        }) => {
            return Err(AppError::invalid(
                "file",
                format!(
                    "The header row (line 1) cannot be read: {}",
                    fault.message()
                ),
            ))
        }
        Some(Row { fields: Ok(h), .. }) => h,
    };
    let at = columns_at(&headers)?;
    let mut employers: HashMap<Option<String>, Result<OrganisationId, AppError>> = HashMap::new();
    let mut batch: Vec<(RowId, NewVacancy, OrganisationId)> = Vec::with_capacity(BATCH);
    while let Some(Row { line, fields }) = rows.next_row().map_err(unreadable)? {
        let record = match fields {
            Ok(record) if record.iter().all(|f| f.trim().is_empty()) => continue,
            Ok(record) => record,
            Err(fault) => {
                report.rows += 1;
                report.reject(&RowId::at(line), vec![("row".into(), fault.message())]);
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
            // Its columns are out of place, so its ref and title may not be where the
            // header says: name it by its line only, rather than by the wrong words.
            report.reject(&RowId::at(line), vec![("row".into(), message)]);
            continue;
        }
        let row = RowId::of(line, &record, &at);
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
            (Ok(new), Ok(id)) if faults.is_empty() => batch.push((row, new, id.clone())),
            _ => {
                faults.sort_by_key(|(column, _)| column_position(column));
                report.reject(&row, faults);
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
    if report.rows == 0 {
        return Err(AppError::invalid(
            "file",
            "The selected file has no vacancies: put one on each line under the header row",
        ));
    }
    report.errors.sort_by_key(|e| e.line);
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Refuses a spreadsheet or other file saved in a form that is not CSV text, by the way
/// such files start: Excel's .xlsx (a zip) and .xls, a PDF, or bytes no text has.
fn not_a_spreadsheet(start: &[u8]) -> Result<(), AppError> {
    let saved_as = if start.starts_with(b"PK\x03\x04") {
        Some("an Excel workbook or another zip file")
    } else if start.starts_with(b"\xD0\xCF\x11\xE0") {
        Some("an old Excel workbook (.xls)")
    } else if start.starts_with(b"%PDF") {
        Some("a PDF")
    } else if start.iter().take(8192).any(|b| *b == 0) {
        Some("not text")
    } else {
        None
    };
    match saved_as {
        Some(what) => Err(AppError::invalid(
            "file",
            format!("The selected file must be a CSV: it is {what}. In your spreadsheet, choose Save as, then CSV UTF-8"),
        )),
        None => Ok(()),
    }
}

/// Applies a batch in one transaction; each row in its own savepoint, so a row that fails
/// leaves nothing behind and the others still apply.
fn apply(
    conn: &mut DbConn,
    ctx: &ImportContext<'_>,
    batch: &mut Vec<(RowId, NewVacancy, OrganisationId)>,
    report: &mut ImportReport,
) -> Result<(), AppError> {
    if batch.is_empty() {
        return Ok(());
    }
    let poster = ctx.posting;
    let post_each = |conn: &mut DbConn| {
        let mut outcomes: Vec<(usize, Result<Posted, AppError>)> = Vec::with_capacity(batch.len());
        for (i, (_, new, employer)) in batch.iter().enumerate() {
            let posted = service::post_in(conn, new, employer, poster, ctx.now);
            outcomes.push((i, posted.map(|(_, posted)| posted)));
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
    for (i, outcome) in outcomes {
        match outcome {
            Ok(Posted::Created) => report.created += 1,
            Ok(Posted::Updated) => report.updated += 1,
            Ok(Posted::Unchanged) => report.unchanged += 1,
            Err(e) => {
                let column = column_for(e.field().unwrap_or("row")).to_string();
                report.reject(&batch[i].0, vec![(column, e.to_string())]);
            }
        }
    }
    batch.clear();
    Ok(())
}

#[cfg(test)]
mod tests;
