//! A CSV file's columns: what each holds (the one list the header check, the page's table
//! and the template are all made from), where each is, from the header row, and one row's
//! columns read into the same input the API takes, each fault named by its column.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::COLUMNS;
use crate::error::AppError;
use crate::outcomes::Contract;
use crate::types::{Field, Pence, WeeklyHours};
use crate::vacancies::domain::{Pattern, PayPer, Sector, Status};
use crate::vacancies::input::VacancyInput;

/// One column of the file: its name in the header row, whether a row must fill it, what
/// to put in it, and the template's example.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    pub format: &'static str,
    /// The template's example value (`closes_on`'s is made from today, so it stays ahead).
    pub example: &'static str,
    codes: Codes,
}

/// The controlled list a column's value comes from, if any.
#[derive(Debug, Clone, Copy)]
enum Codes {
    None,
    Sector,
    PayPer,
    Contract,
    Patterns,
    Status,
}

impl Column {
    const fn new(
        name: &'static str,
        required: bool,
        format: &'static str,
        example: &'static str,
    ) -> Column {
        Column {
            name,
            required,
            format,
            example,
            codes: Codes::None,
        }
    }

    const fn codes(self, codes: Codes) -> Column {
        Column { codes, ..self }
    }

    /// The codes the column takes, listed for people.
    pub fn allowed(&self) -> Option<String> {
        match self.codes {
            Codes::None => None,
            Codes::Sector => Some(Sector::codes()),
            Codes::PayPer => Some(PayPer::codes()),
            Codes::Contract => Some(Contract::codes()),
            Codes::Patterns => Some(Pattern::codes()),
            Codes::Status => Some(Status::codes()),
        }
    }
}

/// What each column holds, in the documented order (a file may put them in any order, but
/// its header row must name every one).
pub const SPEC: [Column; 18] = [
    Column::new("ref", false, "Your own reference for the vacancy, up to 64 characters. A row with the same ref as one already uploaded updates that vacancy.", "KA-12"),
    Column::new("employer", false, "Agencies: the client employer's name, as recorded in your clients. Employers: leave blank.", ""),
    Column::new("title", true, "The job title, up to 120 characters.", "Kitchen assistant"),
    Column::new("sector", true, "One code from the list.", "hospitality").codes(Codes::Sector),
    Column::new("postcode", false, "Where the work is: a full UK postcode, like SW9 8QE. Leave blank for a remote job.", "SE15 4ST"),
    Column::new("latitude", false, "Only if the postcode is not enough: a number, like 51.4741.", ""),
    Column::new("longitude", false, "With latitude: a number, like -0.0687.", ""),
    Column::new("pay", true, "In pounds, with a full stop for pence: 13.85 an hour, or 26500 a year.", "13.85"),
    Column::new("pay_per", false, "What the pay is for; blank means hour.", "hour").codes(Codes::PayPer),
    Column::new("fte_hours", false, "For year_fte pay only: the full-time hours a week the salary is for; blank means 37.5.", ""),
    Column::new("hours_min", true, "The fewest hours a week, like 16 or 22.5.", "16"),
    Column::new("hours_max", true, "The most hours a week, at least hours_min.", "24"),
    Column::new("contract", true, "One code from the list.", "permanent").codes(Codes::Contract),
    Column::new("patterns", false, "Working patterns, separated by ; (like part_time;weekends).", "part_time;weekends").codes(Codes::Patterns),
    Column::new("open_to_flexibility", false, "yes or no; blank means no.", "yes"),
    Column::new("closes_on", false, "The closing date, like 31/12/2026 (or 2026-12-31). Blank for no closing date.", ""),
    Column::new("description", false, "The job in your own words, up to 5,000 characters. Put the text in double quotes if it has commas or line breaks.", "Preparing food and keeping the kitchen clean, in a busy cafe."),
    Column::new("status", false, "Blank means open.", "open").codes(Codes::Status),
];

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
    WeeklyHours::parse(raw, Field::new(column, column))
        .map_err(|e| (column.to_string(), e.to_string()))
}

/// A date as people in the UK write it (31/12/2026, 1/2/2027, as Excel saves it) or as
/// ISO 8601 (2026-12-31). A date that could be read two ways (12/31/2026, a two-digit
/// year) or that does not exist (31/02/2026) is refused, never guessed.
pub(super) fn date(raw: &str, column: &str) -> Result<NaiveDate, Fault> {
    let fault = |message: String| (column.to_string(), message);
    let numbers = |parts: Vec<&str>| -> Option<Vec<u32>> {
        parts
            .iter()
            .map(|p| {
                (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| p.parse().ok())
                    .flatten()
            })
            .collect()
    };
    let (day, month, year, year_digits) = if raw.contains('/') {
        let parts: Vec<&str> = raw.split('/').collect();
        match numbers(parts.clone()) {
            Some(n) if n.len() == 3 && parts[0].len() <= 2 && parts[1].len() <= 2 => {
                (n[0], n[1], n[2], parts[2].len())
            }
            _ => return Err(fault("Enter a date like 31/12/2026".into())),
        }
    } else {
        let parts: Vec<&str> = raw.split('-').collect();
        match numbers(parts.clone()) {
            Some(n)
                if n.len() == 3
                    && parts[0].len() == 4
                    && parts[1].len() <= 2
                    && parts[2].len() <= 2 =>
            {
                (n[2], n[1], n[0], 4)
            }
            _ => return Err(fault("Enter a date like 31/12/2026".into())),
        }
    };
    if year_digits != 4 {
        return Err(fault(format!(
            "{column} must have the year in full, like 31/12/2026: {raw} could be more than one year"
        )));
    }
    if raw.contains('/') && month > 12 && day <= 12 {
        return Err(fault(format!(
            "{column} must have the day before the month, like 31/12/2026: {raw} has no month {month}"
        )));
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .filter(|d| d.year() >= 1000)
        .ok_or_else(|| {
            fault(format!(
                "{column} must be a real date, like 31/12/2026: {raw} does not exist"
            ))
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
                    format!("{name} must be a number, like 51.4741"),
                )
            }),
        }
    };
    let mut faults = Vec::new();
    let pay = Pence::parse(get("pay"), Field::new("pay", "pay"))
        .map_err(|e| ("pay".to_string(), e.to_string()));
    let pay = or_note(pay, Pence::new(100_000_000), &mut faults);
    let flexible = match get("open_to_flexibility").to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "0" | "n" => Ok(false),
        "true" | "yes" | "1" | "y" => Ok(true),
        other => Err((
            "open_to_flexibility".into(),
            format!("open_to_flexibility must be yes or no, not {other}"),
        )),
    };
    let flexible = or_note(flexible, false, &mut faults);
    let closes_on = match get("closes_on") {
        "" => Ok(None),
        raw => date(raw, "closes_on").map(Some),
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
                "The header row (line 1) must name each column once: it names {} more than once",
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
                "The header row (line 1) must name every column: {} {} missing. The template has them all",
                missing.join(", "),
                if missing.len() == 1 { "is" } else { "are" }
            ),
        ));
    }
    Ok(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &str) -> Result<NaiveDate, String> {
        date(raw, "closes_on").map_err(|(column, message)| {
            assert_eq!(column, "closes_on");
            message
        })
    }

    #[test]
    fn dates_are_read_day_first_or_as_iso() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        assert_eq!(read("31/12/2026"), Ok(day));
        assert_eq!(read("2026-12-31"), Ok(day));
        let february = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
        assert_eq!(read("1/2/2027"), Ok(february));
        assert_eq!(read("01/02/2027"), Ok(february));
        assert_eq!(read("2027-2-1"), Ok(february));
    }

    #[test]
    fn a_date_that_could_be_two_days_or_none_is_refused_saying_why() {
        let refused = |raw: &str, says: &str| {
            let message = read(raw).expect_err(raw);
            assert!(message.contains(says), "{raw}: {message}");
        };
        refused("31/02/2026", "must be a real date");
        refused("29/02/2027", "must be a real date");
        refused("2026-13-01", "must be a real date");
        refused("12/31/2026", "day before the month");
        refused("31/12/26", "year in full");
        refused("31-12-2026", "Enter a date like 31/12/2026");
        refused("31/12/2026 09:00", "Enter a date like 31/12/2026");
        refused("next week", "Enter a date like 31/12/2026");
        refused("31//2026", "Enter a date like 31/12/2026");
        refused("+1/12/2026", "Enter a date like 31/12/2026");
    }
}
