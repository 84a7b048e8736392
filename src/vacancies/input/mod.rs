//! A vacancy as it arrives (JSON, a form or a CSV row) and as it is stored once every
//! field has been checked. Each fault names its field. `patch.rs` holds a partial change
//! (the API's PATCH), `stored.rs` the step to and from a stored row.

mod patch;
mod stored;

pub use patch::VacancyPatch;
pub use stored::{input_of, StoredAs};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::domain::{hourly_pay_pence, Pattern, Patterns, PayPer, Sector, Status};
use crate::error::AppError;
use crate::geo::{Gazetteer, Location, Precision};
use crate::outcomes::Contract;
use crate::rates::Rates;
use crate::types::{check_line, clean_paragraphs, Pence, Postcode, WeeklyHours};

/// A vacancy as posted. `ref` is the poster's own reference: posting it again updates.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VacancyInput {
    #[serde(rename = "ref", default)]
    pub source_ref: Option<String>,
    /// For agencies: the client employer's name.
    #[serde(default)]
    pub employer: Option<String>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub sector: String,
    #[serde(default)]
    pub postcode: Option<String>,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
    #[serde(default)]
    pub remote: bool,
    #[schema(value_type = i64)]
    pub pay_pence: Pence,
    #[serde(default = "default_pay_per")]
    pub pay_per: String,
    #[serde(default)]
    #[schema(value_type = Option<f64>)]
    pub fte_hours: Option<WeeklyHours>,
    #[schema(value_type = f64)]
    pub hours_min: WeeklyHours,
    #[schema(value_type = f64)]
    pub hours_max: WeeklyHours,
    pub contract: String,
    #[serde(default)]
    pub patterns: Vec<String>,
    #[serde(default)]
    pub open_to_flexibility: bool,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub closes_on: Option<NaiveDate>,
    #[serde(default)]
    pub status: Option<String>,
}

fn default_pay_per() -> String {
    "hour".into()
}

/// A vacancy whose every field is valid: made only by `NewVacancy::parse`.
#[derive(Debug, Clone, PartialEq)]
pub struct NewVacancy {
    source_ref: Option<String>,
    employer: Option<String>,
    title: String,
    description: String,
    sector: Sector,
    remote: bool,
    location: Option<Location>,
    pay_pence: Pence,
    pay_per: PayPer,
    fte_hours: WeeklyHours,
    hourly_pay_pence: Pence,
    hours_min: WeeklyHours,
    hours_max: WeeklyHours,
    contract: Contract,
    patterns: Patterns,
    open_to_flexibility: bool,
    closes_on: Option<NaiveDate>,
    status: Status,
}

fn invalid(field: &str, message: impl std::fmt::Display) -> AppError {
    AppError::invalid(field, format!("{field}: {message}"))
}

/// A field of free text: a description, on as many lines as it needs.
fn paragraphs(raw: &str, field: &str, max: usize) -> Result<String, AppError> {
    text(&clean_paragraphs(raw, field)?, field, max, false)
}

/// A one-line field: a title, a reference or an employer's name.
fn line(raw: &str, field: &str, max: usize, required: bool) -> Result<String, AppError> {
    check_line(raw, field)?;
    text(raw, field, max, required)
}

fn text(raw: &str, field: &str, max: usize, required: bool) -> Result<String, AppError> {
    let clean = raw.trim().to_string();
    if required && clean.is_empty() {
        return Err(invalid(field, "is required."));
    }
    if clean.chars().count() > max {
        return Err(invalid(field, format!("is at most {max} characters.")));
    }
    Ok(clean)
}

/// The earliest closing date accepted: older ones are typing mistakes (1900, 0202).
const EARLIEST_CLOSING: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};
/// How far ahead a closing date may be: a vacancy open for longer is a typing mistake.
const MAX_YEARS_OPEN: u32 = 5;

fn closing_date(day: NaiveDate, today: NaiveDate) -> Result<NaiveDate, AppError> {
    let latest = today
        .checked_add_months(chrono::Months::new(12 * MAX_YEARS_OPEN))
        .unwrap_or(NaiveDate::MAX);
    if day < EARLIEST_CLOSING || day > latest {
        return Err(invalid(
            "closes_on",
            format!(
                "must be from {EARLIEST_CLOSING} to {latest} (at most {MAX_YEARS_OPEN} years ahead): {day} looks like a typing mistake."
            ),
        ));
    }
    Ok(day)
}

fn quarter_hours(hours: WeeklyHours, field: &str) -> Result<WeeklyHours, AppError> {
    if hours.is_quarter_hours() {
        Ok(hours)
    } else {
        Err(invalid(
            field,
            "is in hours and quarter hours, like 16.25 or 22.5.",
        ))
    }
}

/// The faults found so far: each check runs whatever the others found, so a row of a file
/// can be reported whole.
#[derive(Default)]
struct Faults(Vec<AppError>);

impl Faults {
    /// The value, or `None` with its fault noted.
    fn check<T>(&mut self, result: Result<T, AppError>) -> Option<T> {
        result.map_err(|fault| self.0.push(fault)).ok()
    }
}

fn location_of(input: &VacancyInput, gazetteer: &Gazetteer) -> Result<Option<Location>, AppError> {
    let Some(raw) = input
        .postcode
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    else {
        return if input.remote {
            Ok(None)
        } else {
            Err(invalid(
                "postcode",
                "enter the workplace postcode, or mark the vacancy remote.",
            ))
        };
    };
    let postcode = Postcode::parse(raw, "postcode")?;
    let mut location = gazetteer.locate(&postcode, "postcode")?;
    match (input.latitude, input.longitude) {
        (Some(lat), Some(lon)) => {
            if !(49.0..=61.0).contains(&lat) || !(-9.0..=2.5).contains(&lon) {
                return Err(invalid(
                    "latitude",
                    "and longitude must be a point in Great Britain.",
                ));
            }
            location.latitude = lat;
            location.longitude = lon;
            location.precision = Precision::Unit;
        }
        (None, None) => {}
        _ => {
            return Err(invalid(
                "longitude",
                "give both latitude and longitude, or neither.",
            ))
        }
    }
    Ok(Some(location))
}

impl NewVacancy {
    /// Checks every field; `today` decides the National Living Wage floor and closing dates.
    /// On failure, every fault found as one error (`AppError::all_of`), the first in the
    /// order the fields are documented.
    pub fn parse(
        input: VacancyInput,
        gazetteer: &Gazetteer,
        rates: &Rates,
        today: NaiveDate,
    ) -> Result<NewVacancy, AppError> {
        NewVacancy::parse_all(input, gazetteer, rates, today).map_err(AppError::all_of)
    }

    /// Checks every field, and on failure gives every fault found, in the order of
    /// `parse`. A check that needs other fields (pay against the hours) runs when those
    /// are valid.
    pub fn parse_all(
        input: VacancyInput,
        gazetteer: &Gazetteer,
        rates: &Rates,
        today: NaiveDate,
    ) -> Result<NewVacancy, Vec<AppError>> {
        let mut faults = Faults::default();
        let source_ref = faults.check(match input.source_ref.as_deref() {
            None => Ok(None),
            Some(r) => line(r, "ref", 64, false).map(|r| Some(r).filter(|r| !r.is_empty())),
        });
        let employer = faults.check(match input.employer.as_deref() {
            None => Ok(None),
            Some(e) => line(e, "employer", 160, false).map(|e| Some(e).filter(|e| !e.is_empty())),
        });
        let title = faults.check(line(&input.title, "title", 120, true));
        let description = faults.check(paragraphs(&input.description, "description", 5000));
        let sector = faults.check(
            Sector::from_code(&input.sector)
                .ok_or_else(|| invalid("sector", format!("must be one of {}.", Sector::codes()))),
        );
        let location = faults.check(location_of(&input, gazetteer));
        let pay_per = faults.check(
            PayPer::from_code(&input.pay_per)
                .ok_or_else(|| invalid("pay_per", format!("must be one of {}.", PayPer::codes()))),
        );
        let pay = faults.check(
            if input.pay_pence <= Pence::ZERO || input.pay_pence > Pence::new(100_000_000) {
                Err(invalid(
                    "pay_pence",
                    "must be more than 0 and at most £1,000,000.",
                ))
            } else {
                Ok(input.pay_pence)
            },
        );
        let fte_hours = faults.check(match input.fte_hours {
            Some(hours) => quarter_hours(hours, "fte_hours").and_then(|h| {
                if h == WeeklyHours::default() {
                    Err(invalid("fte_hours", "must be more than 0."))
                } else {
                    Ok(h)
                }
            }),
            None => Ok(WeeklyHours::FULL_TIME),
        });
        let hours_min = faults.check(quarter_hours(input.hours_min, "hours_min"));
        let hours_max = faults.check(quarter_hours(input.hours_max, "hours_max").and_then(|h| {
            if h == WeeklyHours::default() {
                Err(invalid("hours_max", "must be more than 0."))
            } else {
                Ok(h)
            }
        }));
        if let (Some(min), Some(max)) = (hours_min, hours_max) {
            if min > max {
                faults.check::<()>(Err(invalid(
                    "hours_min",
                    "must not be more than hours_max.",
                )));
            }
        }
        let contract = faults.check(Contract::from_code(&input.contract).ok_or_else(|| {
            invalid(
                "contract",
                "must be one of permanent, fixed_term, temporary, zero_hours.",
            )
        }));
        let patterns: Vec<Option<Pattern>> = (input.patterns.iter().enumerate())
            .map(|(i, raw)| {
                faults.check(Pattern::from_code(raw).ok_or_else(|| {
                    invalid(
                        &format!("patterns[{i}]"),
                        format!("must be one of {}.", Pattern::codes()),
                    )
                }))
            })
            .collect();
        let patterns: Option<Patterns> = patterns.into_iter().collect();
        let status = faults.check(match input.status.as_deref().map(str::trim) {
            None | Some("") => Ok(Status::Open),
            Some(code) => Status::from_code(code)
                .ok_or_else(|| invalid("status", format!("must be one of {}.", Status::codes()))),
        });
        let closes_on = faults.check(match input.closes_on {
            Some(day) => closing_date(day, today).map(Some),
            None => Ok(None),
        });
        let hourly = match (pay, pay_per, hours_max, fte_hours) {
            (Some(pay), Some(per), Some(max), Some(fte)) => faults.check(
                hourly_pay_pence(pay, per, max, fte)
                    .ok_or_else(|| invalid("hours_max", "must be more than 0."))
                    .and_then(|hourly| at_least_the_national_living_wage(hourly, rates, today)),
            ),
            _ => None,
        };
        let (
            Some(source_ref),
            Some(employer),
            Some(title),
            Some(description),
            Some(sector),
            Some(location),
            Some(pay_per),
            Some(pay_pence),
            Some(fte_hours),
            Some(hours_min),
            Some(hours_max),
            Some(contract),
            Some(patterns),
            Some(status),
            Some(closes_on),
            Some(hourly),
        ) = (
            source_ref,
            employer,
            title,
            description,
            sector,
            location,
            pay_per,
            pay,
            fte_hours,
            hours_min,
            hours_max,
            contract,
            patterns,
            status,
            closes_on,
            hourly,
        )
        else {
            return Err(faults.0);
        };
        if !faults.0.is_empty() {
            return Err(faults.0);
        }
        Ok(NewVacancy {
            source_ref,
            employer,
            title,
            description,
            sector,
            remote: input.remote,
            location,
            pay_pence,
            pay_per,
            fte_hours,
            hourly_pay_pence: hourly,
            hours_min,
            hours_max,
            contract,
            patterns,
            open_to_flexibility: input.open_to_flexibility,
            closes_on,
            status,
        })
    }
}

/// `hourly`, when it is at least the National Living Wage as at `today`.
fn at_least_the_national_living_wage(
    hourly: Pence,
    rates: &Rates,
    today: NaiveDate,
) -> Result<Pence, AppError> {
    let (national, from_age) = rates
        .minimum_wage
        .national_living_wage(today)
        .map_err(|m| invalid("pay_pence", m))?;
    if hourly < national {
        return Err(invalid(
            "pay_pence",
            format!(
                "works out at {} an hour, below the National Living Wage of {} (for workers aged {from_age} and over) as at {today}.",
                hourly, national
            ),
        ));
    }
    Ok(hourly)
}

impl NewVacancy {
    /// The poster's own reference, when they gave one.
    pub fn source_ref(&self) -> Option<&str> {
        self.source_ref.as_deref()
    }

    /// The client employer an agency named, when it named one.
    pub fn employer(&self) -> Option<&str> {
        self.employer.as_deref()
    }

    /// The status it asks for.
    pub fn status(&self) -> Status {
        self.status
    }
}

#[cfg(test)]
mod tests;
