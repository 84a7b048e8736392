//! A CSV file's columns: where each is, from the header row, and one row's columns read
//! into the same input the API takes, each fault named by its column.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::COLUMNS;
use crate::error::AppError;
use crate::types::{Pence, WeeklyHours};
use crate::vacancies::input::VacancyInput;

/// The CSV column a field fault belongs to.
pub(super) fn column_for(field: &str) -> &str {
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

/// Where a column comes in the documented order, so a row's faults are listed left to right.
pub(super) fn column_position(column: &str) -> usize {
    COLUMNS
        .iter()
        .position(|c| *c == column)
        .unwrap_or(COLUMNS.len())
}

/// A fault of one column: (column, message).
pub(super) type Fault = (String, String);

/// What a column holds, or its fault noted and `stand_in` to go on checking the others.
fn or_note<T>(value: Result<T, Fault>, stand_in: T, faults: &mut Vec<Fault>) -> T {
    value.unwrap_or_else(|fault| {
        faults.push(fault);
        stand_in
    })
}

fn hours(raw: &str, column: &str) -> Result<WeeklyHours, Fault> {
    WeeklyHours::parse(raw, column).map_err(|_| {
        (
            column.to_string(),
            format!("{column}: {raw:?} is not a number of hours."),
        )
    })
}

/// Turns one CSV row into the same input the API takes, with the faults of the columns
/// that cannot be read. Each unreadable column gets a stand-in that no check of another
/// column can fault (the most pay, the fewest hours), so the rest of the row is still
/// checked and no fault is reported that the row does not have.
pub(super) fn input_from(
    record: &[String],
    at: &HashMap<&str, usize>,
) -> (VacancyInput, Vec<Fault>) {
    let get = |name: &str| {
        at.get(name)
            .and_then(|i| record.get(*i))
            .map_or("", |v| v.as_str())
            .trim()
    };
    let optional = |name: &str| Some(get(name).to_string()).filter(|v| !v.is_empty());
    let coordinate = |name: &str| -> Result<Option<f64>, Fault> {
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
    let mut faults = Vec::new();
    let pay = Pence::parse(get("pay"), "pay").map_err(|e| ("pay".to_string(), e.to_string()));
    let pay = or_note(pay, Pence::new(100_000_000), &mut faults);
    let flexible = match get("open_to_flexibility").to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "0" | "n" => Ok(false),
        "true" | "yes" | "1" | "y" => Ok(true),
        other => Err((
            "open_to_flexibility".into(),
            format!("open_to_flexibility: {other:?} is not yes or no."),
        )),
    };
    let flexible = or_note(flexible, false, &mut faults);
    let closes_on = match get("closes_on") {
        "" => Ok(None),
        raw => NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                (
                    "closes_on".to_string(),
                    format!("closes_on: {raw:?} is not a date like 2026-12-31."),
                )
            }),
    };
    let closes_on = or_note(closes_on, None, &mut faults);
    let quarter = WeeklyHours::from_hundredths(25).unwrap_or_default();
    let fte_hours = match get("fte_hours") {
        "" => Ok(None),
        raw => hours(raw, "fte_hours").map(Some),
    };
    let fte_hours = or_note(fte_hours, Some(quarter), &mut faults);
    let hours_min = or_note(
        hours(get("hours_min"), "hours_min"),
        WeeklyHours::default(),
        &mut faults,
    );
    let hours_max = or_note(
        hours(get("hours_max"), "hours_max"),
        hours_min.max(quarter),
        &mut faults,
    );
    let latitude = or_note(coordinate("latitude"), None, &mut faults);
    let longitude = or_note(coordinate("longitude"), None, &mut faults);
    let input = VacancyInput {
        source_ref: optional("ref"),
        employer: optional("employer"),
        title: get("title").to_string(),
        description: get("description").to_string(),
        sector: get("sector").to_string(),
        postcode: optional("postcode"),
        latitude,
        longitude,
        remote: get("postcode").is_empty(),
        pay_pence: pay,
        pay_per: optional("pay_per").unwrap_or_else(|| "hour".into()),
        fte_hours,
        hours_min,
        hours_max,
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
        apply_url: optional("apply_url"),
        apply_email: optional("apply_email"),
    };
    (input, faults)
}

/// Where each known column is, from the header row; a file whose header lacks a column or
/// names one twice is refused whole.
pub(super) fn columns_at(headers: &[String]) -> Result<HashMap<&'static str, usize>, AppError> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut twice: Vec<&str> = Vec::new();
    for name in headers.iter().map(|h| h.trim()).filter(|h| !h.is_empty()) {
        let count = seen.entry(name).or_default();
        *count += 1;
        if *count == 2 {
            twice.push(name);
        }
    }
    if !twice.is_empty() {
        return Err(AppError::invalid(
            "file",
            format!(
                "line 1: the header row names the column(s) {} more than once.",
                twice.join(", ")
            ),
        ));
    }
    let mut at: HashMap<&'static str, usize> = HashMap::new();
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
    Ok(at)
}
