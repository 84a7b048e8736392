//! A vacancy as it arrives (JSON, a form or a CSV row) and as it is stored once every
//! field has been checked. Each fault names its field.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::domain::{hourly_pay_pence, Pattern, PayPer, Sector, Status};
use crate::error::AppError;
use crate::geo::{Gazetteer, Location, Precision};
use crate::outcomes::Contract;
use crate::rates::Rates;
use crate::types::{parse_hours, Postcode};

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
    pub pay_pence: i64,
    #[serde(default = "default_pay_per")]
    pub pay_per: String,
    #[serde(default)]
    #[schema(value_type = Option<f64>)]
    pub fte_hours: Option<serde_json::Number>,
    #[schema(value_type = f64)]
    pub hours_min: serde_json::Number,
    #[schema(value_type = f64)]
    pub hours_max: serde_json::Number,
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

/// A vacancy whose every field is valid.
#[derive(Debug, Clone, PartialEq)]
pub struct NewVacancy {
    pub source_ref: Option<String>,
    pub employer: Option<String>,
    pub title: String,
    pub description: String,
    pub sector: Sector,
    pub remote: bool,
    pub location: Option<Location>,
    pub pay_pence: i64,
    pub pay_per: PayPer,
    pub fte_hours: i64,
    pub hourly_pay_pence: i64,
    pub hours_min: i64,
    pub hours_max: i64,
    pub contract: Contract,
    pub patterns: Vec<Pattern>,
    pub open_to_flexibility: bool,
    pub closes_on: Option<NaiveDate>,
    pub status: Status,
}

fn invalid(field: &str, message: impl std::fmt::Display) -> AppError {
    AppError::invalid(field, format!("{field}: {message}"))
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

fn weekly_hours(number: &serde_json::Number, field: &str) -> Result<i64, AppError> {
    let raw = number.to_string();
    if raw.starts_with('-') {
        return Err(invalid(field, "must be between 0 and 100."));
    }
    let hundredths = parse_hours(&raw, field)?;
    if hundredths % 25 != 0 {
        return Err(invalid(
            field,
            "is in hours and quarter hours, like 16.25 or 22.5.",
        ));
    }
    Ok(hundredths)
}

impl NewVacancy {
    /// Checks every field; `today` decides the National Living Wage floor and closing dates.
    pub fn parse(
        input: VacancyInput,
        gazetteer: &Gazetteer,
        rates: &Rates,
        today: NaiveDate,
    ) -> Result<NewVacancy, AppError> {
        let source_ref = match input.source_ref.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(r) if r.chars().count() > 64 || r.chars().any(|c| c.is_control()) => {
                return Err(invalid("ref", "is at most 64 characters, on one line."))
            }
            Some(r) => Some(r.to_string()),
        };
        let title = text(&input.title, "title", 120, true)?;
        let description = text(&input.description, "description", 5000, false)?;
        let sector = Sector::from_code(&input.sector)
            .ok_or_else(|| invalid("sector", format!("must be one of {}.", Sector::codes())))?;
        let location = match input
            .postcode
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            Some(raw) => {
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
                Some(location)
            }
            None if input.remote => None,
            None => {
                return Err(invalid(
                    "postcode",
                    "enter the workplace postcode, or mark the vacancy remote.",
                ))
            }
        };
        let pay_per = PayPer::from_code(&input.pay_per)
            .ok_or_else(|| invalid("pay_per", format!("must be one of {}.", PayPer::codes())))?;
        if input.pay_pence <= 0 || input.pay_pence > 100_000_000 {
            return Err(invalid(
                "pay_pence",
                "must be more than 0 and at most £1,000,000.",
            ));
        }
        let fte_hours = match &input.fte_hours {
            Some(n) => weekly_hours(n, "fte_hours")?,
            None => 3750,
        };
        if fte_hours == 0 {
            return Err(invalid("fte_hours", "must be more than 0."));
        }
        let hours_min = weekly_hours(&input.hours_min, "hours_min")?;
        let hours_max = weekly_hours(&input.hours_max, "hours_max")?;
        if hours_max == 0 {
            return Err(invalid("hours_max", "must be more than 0."));
        }
        if hours_min > hours_max {
            return Err(invalid("hours_min", "must not be more than hours_max."));
        }
        let contract = Contract::parse(input.contract.trim()).ok_or_else(|| {
            invalid(
                "contract",
                "must be one of permanent, fixed_term, temporary, zero_hours.",
            )
        })?;
        let mut patterns = Vec::new();
        for (i, raw) in input.patterns.iter().enumerate() {
            let pattern = Pattern::from_code(raw).ok_or_else(|| {
                invalid(
                    &format!("patterns[{i}]"),
                    format!("must be one of {}.", Pattern::codes()),
                )
            })?;
            if !patterns.contains(&pattern) {
                patterns.push(pattern);
            }
        }
        let status = match input.status.as_deref().map(str::trim) {
            None | Some("") => Status::Open,
            Some(code) => Status::from_code(code)
                .ok_or_else(|| invalid("status", format!("must be one of {}.", Status::codes())))?,
        };
        let hourly = hourly_pay_pence(input.pay_pence, pay_per, hours_max, fte_hours)
            .ok_or_else(|| invalid("hours_max", "must be more than 0."))?;
        let (national, from_age) = rates
            .minimum_wage
            .national_living_wage(today)
            .map_err(|m| invalid("pay_pence", m))?;
        if hourly < national {
            return Err(invalid(
                "pay_pence",
                format!(
                    "works out at {} an hour, below the National Living Wage of {} (for workers aged {from_age} and over) as at {today}.",
                    crate::types::format_pence(hourly),
                    crate::types::format_pence(national)
                ),
            ));
        }
        Ok(NewVacancy {
            source_ref,
            employer: input
                .employer
                .map(|e| e.trim().to_string())
                .filter(|e| !e.is_empty()),
            title,
            description,
            sector,
            remote: input.remote,
            location,
            pay_pence: input.pay_pence,
            pay_per,
            fte_hours,
            hourly_pay_pence: hourly,
            hours_min,
            hours_max,
            contract,
            patterns,
            open_to_flexibility: input.open_to_flexibility,
            closes_on: input.closes_on,
            status,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn input(changes: serde_json::Value) -> VacancyInput {
        let mut base = json!({
            "title": "Kitchen assistant", "sector": "hospitality", "postcode": "sw98qe",
            "pay_pence": 1480, "hours_min": 16, "hours_max": 22.5, "contract": "permanent",
            "patterns": ["part_time", "school_hours"], "open_to_flexibility": true
        });
        for (k, v) in changes.as_object().unwrap() {
            base[k] = v.clone();
        }
        serde_json::from_value(base).unwrap()
    }

    fn parse(changes: serde_json::Value) -> Result<NewVacancy, AppError> {
        let gazetteer = Gazetteer::load(None).unwrap();
        let rates = Rates::shipped().unwrap();
        NewVacancy::parse(
            input(changes),
            &gazetteer,
            &rates,
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        )
    }

    #[test]
    fn a_good_vacancy_is_located_and_priced_by_the_hour() {
        let v = parse(json!({})).unwrap();
        let location = v.location.unwrap();
        assert_eq!(location.postcode.as_str(), "SW9 8QE");
        assert!(location.in_greater_london);
        assert_eq!(
            (v.hours_min, v.hours_max, v.hourly_pay_pence),
            (1600, 2250, 1480)
        );
        assert_eq!(v.status, Status::Open);
    }

    #[test]
    fn each_bad_field_is_named() {
        let gazetteer_cases = [
            (json!({"title": " "}), "title"),
            (json!({"sector": "banking"}), "sector"),
            (json!({"postcode": "nonsense"}), "postcode"),
            (json!({"postcode": null}), "postcode"),
            (json!({"pay_pence": 0}), "pay_pence"),
            (json!({"pay_pence": 1100}), "pay_pence"),
            (json!({"pay_per": "week"}), "pay_per"),
            (json!({"hours_min": 30}), "hours_min"),
            (json!({"hours_max": 16.1}), "hours_max"),
            (json!({"hours_max": 101}), "hours_max"),
            (json!({"contract": "casual"}), "contract"),
            (json!({"patterns": ["part_time", "nights"]}), "patterns[1]"),
            (json!({"status": "archived"}), "status"),
        ];
        for (change, field) in gazetteer_cases {
            let err = parse(change.clone()).unwrap_err();
            assert_eq!(err.field(), Some(field), "{change}: {err}");
        }
    }

    #[test]
    fn a_remote_vacancy_needs_no_postcode() {
        let v = parse(json!({"postcode": null, "remote": true})).unwrap();
        assert!(v.location.is_none());
    }
}
