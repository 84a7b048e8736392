//! The checks each field of a vacancy goes through, each fault in words that name the
//! field by its label (`super::fields`).

use chrono::NaiveDate;

use super::fields::*;
use super::VacancyInput;
use crate::error::AppError;
use crate::geo::{Gazetteer, Location, Precision};
use crate::types::{check_line, clean_paragraphs, is_bidi_control, Field, Postcode, WeeklyHours};

/// A date as people in the UK write it: 23 November 2026.
pub fn uk_date(day: NaiveDate) -> String {
    day.format("%-d %B %Y").to_string()
}

/// A field of free text: a description, on as many lines as it needs.
pub(super) fn paragraphs(raw: &str, field: Field, max: usize) -> Result<String, AppError> {
    text(&clean_paragraphs(raw, field.code)?, field, max, false)
}

/// A one-line field: a title, a reference or an employer's name.
pub(super) fn line(
    raw: &str,
    field: Field,
    max: usize,
    required: bool,
) -> Result<String, AppError> {
    // The shared rule, with this form's label in its message.
    if check_line(raw, field.code).is_err() && raw.chars().any(char::is_control) {
        return Err(field.fault(format!(
            "{} must be one line of text, without tabs, line breaks or other control characters",
            field.label
        )));
    }
    if raw.chars().any(is_bidi_control) {
        return Err(field.fault(format!(
            "{} must not contain characters that change the direction of text",
            field.label
        )));
    }
    text(raw, field, max, required)
}

pub(super) fn text(
    raw: &str,
    field: Field,
    max: usize,
    required: bool,
) -> Result<String, AppError> {
    let clean = raw.trim().to_string();
    if required && clean.is_empty() {
        return Err(field.fault(format!("Enter a {}", field.in_sentence())));
    }
    if clean.chars().count() > max {
        return Err(field.too_long(max));
    }
    Ok(clean)
}

/// An optional field: `None` when absent or blank.
pub(super) fn optional<T>(
    raw: Option<&str>,
    read: impl FnOnce(&str) -> Result<T, AppError>,
) -> Result<Option<T>, AppError> {
    match raw.map(str::trim).filter(|r| !r.is_empty()) {
        Some(raw) => read(raw).map(Some),
        None => Ok(None),
    }
}

/// Where to apply online: only `https://`, as a job seeker's details may go there.
pub(super) fn apply_url(raw: &str) -> Result<String, AppError> {
    let field = APPLY_URL;
    let clean = line(raw, field, 500, false)?;
    let parsed = url::Url::parse(&clean).ok();
    match parsed {
        Some(url) if url.scheme() == "https" && url.host_str().is_some_and(|h| h.contains('.')) => {
            Ok(clean)
        }
        _ => Err(field.fault(format!(
            "{} must start with https://, like https://example.org/jobs/apply",
            field.label
        ))),
    }
}

/// The earliest closing date accepted: older ones are typing mistakes (1900, 0202).
const EARLIEST_CLOSING: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};
/// How far ahead a closing date may be: a vacancy open for longer is a typing mistake.
const MAX_YEARS_OPEN: u32 = 5;

pub(super) fn closing_date(day: NaiveDate, today: NaiveDate) -> Result<NaiveDate, AppError> {
    let latest = today
        .checked_add_months(chrono::Months::new(12 * MAX_YEARS_OPEN))
        .unwrap_or(NaiveDate::MAX);
    if day < EARLIEST_CLOSING || day > latest {
        return Err(CLOSES_ON.fault(format!(
            "Closing date must be between {} and {} (no more than {MAX_YEARS_OPEN} years ahead)",
            uk_date(EARLIEST_CLOSING),
            uk_date(latest)
        )));
    }
    Ok(day)
}

pub(super) fn quarter_hours(hours: WeeklyHours, field: Field) -> Result<WeeklyHours, AppError> {
    if hours.is_quarter_hours() {
        Ok(hours)
    } else {
        Err(field.fault(format!(
            "{} must be in hours and quarter hours, like 16.25 or 22.5",
            field.label
        )))
    }
}

/// Hours that must be more than none.
pub(super) fn some_hours(hours: WeeklyHours, field: Field) -> Result<WeeklyHours, AppError> {
    let hours = quarter_hours(hours, field)?;
    if hours == WeeklyHours::default() {
        return Err(field.fault(format!("{} must be more than 0", field.label)));
    }
    Ok(hours)
}

/// The faults found so far: each check runs whatever the others found, so a row of a file
/// can be reported whole.
#[derive(Default)]
pub(super) struct Faults(pub(super) Vec<AppError>);

impl Faults {
    /// The value, or `None` with its fault noted.
    pub(super) fn check<T>(&mut self, result: Result<T, AppError>) -> Option<T> {
        result.map_err(|fault| self.0.push(fault)).ok()
    }
}

pub(super) fn location_of(
    input: &VacancyInput,
    remote: bool,
    gazetteer: &Gazetteer,
) -> Result<Option<Location>, AppError> {
    let Some(raw) = input
        .postcode
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    else {
        return if remote {
            Ok(None)
        } else {
            Err(POSTCODE.fault("Enter the workplace postcode, or choose Remote"))
        };
    };
    let postcode = Postcode::parse(raw, POSTCODE)?;
    let mut location = gazetteer.locate(&postcode, POSTCODE.code).map_err(|_| {
        POSTCODE.fault(format!(
            "We cannot find {postcode}: enter a full postcode in Great Britain, like SW9 8QE"
        ))
    })?;
    match (input.latitude, input.longitude) {
        (Some(lat), Some(lon)) => {
            if !(49.0..=61.0).contains(&lat) || !(-9.0..=2.5).contains(&lon) {
                return Err(
                    LATITUDE.fault("Latitude and longitude must be a point in Great Britain")
                );
            }
            location.latitude = lat;
            location.longitude = lon;
            location.precision = Precision::Unit;
        }
        (None, None) => {}
        _ => return Err(LONGITUDE.fault("Give both latitude and longitude, or neither")),
    }
    Ok(Some(location))
}
