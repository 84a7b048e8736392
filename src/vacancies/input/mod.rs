//! A vacancy as it arrives (JSON, a form or a CSV row) and as it is stored once every
//! field has been checked. Each fault names its field. `patch.rs` holds a partial change
//! (the API's PATCH), `stored.rs` the step to and from a stored row, `checks.rs` each
//! field's checks.

mod checks;
mod patch;
mod stored;

pub use checks::uk_date;
pub use patch::VacancyPatch;
pub use stored::{input_of, StoredAs};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::domain::{hourly_pay_pence, Pattern, Patterns, PayPer, Sector, Status};
use crate::error::AppError;
use crate::geo::{Gazetteer, Location};
use crate::outcomes::Contract;
use crate::rates::Rates;
use crate::types::{Email, Pence, WeeklyHours};

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
    /// Worked from home, with no workplace to travel to (then `postcode` may be left out).
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
    /// Working pattern codes. `remote` is still accepted, as older clients and CSV files
    /// send it, and means `"remote": true`; a remote vacancy lists it among its patterns.
    #[serde(default)]
    pub patterns: Vec<String>,
    #[serde(default)]
    pub open_to_flexibility: bool,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub closes_on: Option<NaiveDate>,
    #[serde(default)]
    pub status: Option<String>,
    /// Where to apply online: an `https://` address of at most 500 characters.
    #[serde(default)]
    pub apply_url: Option<String>,
    /// An email address to apply to.
    #[serde(default)]
    pub apply_email: Option<String>,
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
    apply_url: Option<String>,
    apply_email: Option<String>,
}

/// The vacancy's fields: the API's and the CSV's codes, and the posting form's labels,
/// which every message names.
pub mod fields {
    use crate::types::Field;

    pub const REF: Field = Field::new("ref", "Your reference");
    pub const EMPLOYER: Field = Field::new("employer", "Client employer");
    pub const TITLE: Field = Field::new("title", "Job title");
    pub const DESCRIPTION: Field = Field::new("description", "Description");
    pub const SECTOR: Field = Field::new("sector", "Sector");
    pub const POSTCODE: Field = Field::new("postcode", "Workplace postcode");
    pub const LATITUDE: Field = Field::new("latitude", "Latitude");
    pub const LONGITUDE: Field = Field::new("longitude", "Longitude");
    pub const PAY: Field = Field::new("pay_pence", "Pay");
    pub const PAY_PER: Field = Field::new("pay_per", "Pay per");
    pub const FTE_HOURS: Field = Field::new("fte_hours", "Full-time hours");
    pub const HOURS_MIN: Field = Field::new("hours_min", "Hours from");
    pub const HOURS_MAX: Field = Field::new("hours_max", "Hours up to");
    pub const CONTRACT: Field = Field::new("contract", "Contract");
    pub const STATUS: Field = Field::new("status", "Status");
    pub const CLOSES_ON: Field = Field::new("closes_on", "Closing date");
    pub const APPLY_URL: Field = Field::new("apply_url", "Web address to apply");
    pub const APPLY_EMAIL: Field = Field::new("apply_email", "Email address to apply");
}

use checks::*;
use fields::*;

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
        let source_ref = faults.check(optional(input.source_ref.as_deref(), |r| {
            line(r, REF, 64, false)
        }));
        let employer = faults.check(optional(input.employer.as_deref(), |e| {
            line(e, EMPLOYER, 160, false)
        }));
        let title = faults.check(line(&input.title, TITLE, 120, true));
        let description = faults.check(paragraphs(&input.description, DESCRIPTION, 5000));
        let sector = faults
            .check(Sector::from_code(&input.sector).ok_or_else(|| SECTOR.fault("Select a sector")));
        // One fact, two spellings: the `remote` pattern older clients and CSV files send
        // means the `remote` flag, and the flag is stored as the pattern too, so filtering
        // by the pattern finds every remote vacancy.
        let remote = input.remote || input.patterns.iter().any(|p| p.trim() == "remote");
        let location = faults.check(location_of(&input, remote, gazetteer));
        let pay_per = faults.check(PayPer::from_code(&input.pay_per).ok_or_else(|| {
            PAY_PER.fault("Select what the pay is for: an hour, a year, or a full-time year")
        }));
        let pay = faults.check(if input.pay_pence <= Pence::ZERO {
            Err(PAY.fault("Pay must be more than £0"))
        } else if input.pay_pence > Pence::new(100_000_000) {
            Err(PAY.fault("Pay must be £1,000,000 or less"))
        } else {
            Ok(input.pay_pence)
        });
        let fte_hours = faults.check(match input.fte_hours {
            Some(hours) => some_hours(hours, FTE_HOURS),
            None => Ok(WeeklyHours::FULL_TIME),
        });
        let hours_min = faults.check(quarter_hours(input.hours_min, HOURS_MIN));
        let hours_max = faults.check(some_hours(input.hours_max, HOURS_MAX));
        if let (Some(min), Some(max)) = (hours_min, hours_max) {
            if min > max {
                faults.check::<()>(Err(
                    HOURS_MIN.fault("'Hours from' must be the same as or less than 'hours up to'")
                ));
            }
        }
        let contract = faults.check(
            Contract::from_code(&input.contract).ok_or_else(|| CONTRACT.fault("Select a contract")),
        );
        let patterns: Vec<Option<Pattern>> = (input.patterns.iter().enumerate())
            .map(|(i, raw)| {
                faults.check(Pattern::from_code(raw.trim()).ok_or_else(|| {
                    AppError::invalid(
                        format!("patterns[{i}]"),
                        "Select working patterns from the list",
                    )
                }))
            })
            .collect();
        let patterns: Option<Patterns> = patterns
            .into_iter()
            .chain(remote.then_some(Some(Pattern::Remote)))
            .collect();
        let status = faults.check(match input.status.as_deref().map(str::trim) {
            None | Some("") => Ok(Status::Open),
            Some(code) => Status::from_code(code).ok_or_else(|| STATUS.fault("Select a status")),
        });
        let closes_on = faults.check(match input.closes_on {
            Some(day) => closing_date(day, today).map(Some),
            None => Ok(None),
        });
        let apply_url = faults.check(optional(input.apply_url.as_deref(), apply_url));
        let apply_email = faults.check(optional(input.apply_email.as_deref(), |raw| {
            Email::parse(raw, APPLY_EMAIL.code)
                .map(|e| e.to_string())
                .map_err(|_| {
                    APPLY_EMAIL.fault(
                        "Enter the email address to apply in the correct format, like jobs@example.org",
                    )
                })
        }));
        let hourly = match (pay, pay_per, hours_max, fte_hours) {
            (Some(pay), Some(per), Some(max), Some(fte)) => faults.check(
                hourly_pay_pence(pay, per, max, fte)
                    .ok_or_else(|| HOURS_MAX.fault("Hours up to must be more than 0"))
                    .and_then(|hourly| at_least_the_national_living_wage(hourly, rates, today)),
            ),
            _ => None,
        };
        let (Some(apply_url), Some(apply_email)) = (apply_url, apply_email) else {
            return Err(faults.0);
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
            remote,
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
            apply_url,
            apply_email,
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
        .map_err(|m| PAY.fault(m))?;
    if hourly < national {
        return Err(PAY.fault(format!(
            "Pay must be at least the National Living Wage, {national} an hour for workers aged {from_age} and over on {}: this pay works out at {hourly} an hour",
            uk_date(today)
        )));
    }
    Ok(hourly)
}

/// Pay more than this an hour is far more likely a slip of the decimal point than a job.
const MOST_LIKELY_HOURLY: Pence = Pence::new(10_000);
/// A year's pay less than this is far more likely pay for an hour or a week.
const LEAST_LIKELY_YEARLY: Pence = Pence::new(100_000);

/// Why pay as typed is worth a second look before it is posted (above £100 an hour, or
/// below £1,000 a year), or `None` when it looks like pay. The pages ask the poster to
/// confirm it; pay is legal either way, so the API takes it as sent.
pub fn pay_to_confirm(input: &VacancyInput) -> Option<String> {
    let per = PayPer::from_code(&input.pay_per)?;
    let pay = input.pay_pence;
    if per != PayPer::Hour && pay > Pence::ZERO && pay < LEAST_LIKELY_YEARLY {
        return Some(format!(
            "Check the pay: {pay} a year is less than {LEAST_LIKELY_YEARLY} a year. If it is right, select 'Yes, the pay is right'"
        ));
    }
    let fte = input.fte_hours.unwrap_or(WeeklyHours::FULL_TIME);
    let hourly = hourly_pay_pence(pay, per, input.hours_max, fte)?;
    (hourly > MOST_LIKELY_HOURLY).then(|| {
        format!(
            "Check the pay: it works out at {hourly} an hour, more than {MOST_LIKELY_HOURLY} an hour. If it is right, select 'Yes, the pay is right'"
        )
    })
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
