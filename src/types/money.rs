//! Money in integer pence and weekly hours in exact hundredths, read from what people type
//! and shown as they read them. Never a float for either.

use std::fmt;

use diesel_derive_newtype::DieselNewType;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Field;
use crate::error::AppError;

/// An amount of money in whole pence. Stored as a `BigInt`, sent over the wire as an integer
/// number of pence, shown as `£1,234.50`.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    DieselNewType,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(transparent)]
pub struct Pence(i64);

impl Pence {
    /// No money.
    pub const ZERO: Pence = Pence(0);

    /// `pence` pence.
    pub const fn new(pence: i64) -> Pence {
        Pence(pence)
    }

    /// The number of pence.
    pub const fn get(self) -> i64 {
        self.0
    }

    /// An amount typed in pounds (`13.85`, `£26,500`); `field` names the input at fault.
    /// A comma is only ever a thousands separator: "14,90" is refused, not read as £1,490.
    pub fn parse<'a>(raw: &str, field: impl Into<Field<'a>>) -> Result<Pence, AppError> {
        parse_pounds(raw, field.into()).map(Pence)
    }

    /// The amount as typed into a form: `1234.50`, no sign of currency or grouping.
    pub fn as_pounds_input(self) -> String {
        format!("{}.{:02}", self.0 / 100, (self.0 % 100).abs())
    }

    /// The amount without its sign: a shortfall of £1.20 is £1.20.
    pub fn abs(self) -> Pence {
        Pence(self.0.saturating_abs())
    }

    /// 1 for a gain, -1 for a loss, 0 for nothing.
    pub fn signum(self) -> i64 {
        self.0.signum()
    }
}

impl fmt::Display for Pence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_pence(self.0))
    }
}

/// Hours worked in a week, in exact hundredths of an hour (16.5 hours is 1650), from 0 to
/// 100. Stored as an `Integer`, sent over the wire as a number (`16.5`, `37`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, DieselNewType)]
pub struct WeeklyHours(i32);

impl WeeklyHours {
    /// The most hours a week we accept.
    pub const MAX: WeeklyHours = WeeklyHours(100 * 100);
    /// A full-time week, when the poster does not say.
    pub const FULL_TIME: WeeklyHours = WeeklyHours(3750);

    /// Whole hours.
    pub const fn from_whole(hours: i32) -> WeeklyHours {
        WeeklyHours(hours * 100)
    }

    /// Hundredths of an hour (1650 for 16.5 hours); `None` outside 0 to 100 hours.
    pub fn from_hundredths(hundredths: i64) -> Option<WeeklyHours> {
        (0..=i64::from(Self::MAX.0))
            .contains(&hundredths)
            .then_some(WeeklyHours(hundredths as i32))
    }

    /// The number of hundredths of an hour.
    pub const fn hundredths(self) -> i64 {
        self.0 as i64
    }

    /// Hours as typed (`16.5`); `field` names the input at fault.
    pub fn parse<'a>(raw: &str, field: impl Into<Field<'a>>) -> Result<WeeklyHours, AppError> {
        parse_hours(raw.trim(), field.into()).map(|h| WeeklyHours(h as i32))
    }

    /// Hours from a JSON number, read from its decimal text so that 16.1 stays 16.1.
    pub fn from_number(number: &serde_json::Number, field: &str) -> Result<WeeklyHours, AppError> {
        WeeklyHours::parse(&number.to_string(), field)
    }

    /// Whether the hours are whole quarter hours (16.25, 22.5), as contracts are written.
    pub fn is_quarter_hours(self) -> bool {
        self.0 % 25 == 0
    }

    /// The hours as a JSON number: a whole number when whole, as people write them.
    pub fn as_number(self) -> serde_json::Number {
        if self.0 % 100 == 0 {
            serde_json::Number::from(self.0 / 100)
        } else {
            serde_json::Number::from_f64(f64::from(self.0) / 100.0)
                .unwrap_or_else(|| serde_json::Number::from(0))
        }
    }
}

impl fmt::Display for WeeklyHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_hours(i64::from(self.0)))
    }
}

impl Serialize for WeeklyHours {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_number().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for WeeklyHours {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<WeeklyHours, D::Error> {
        let number = serde_json::Number::deserialize(deserializer)?;
        WeeklyHours::from_number(&number, "hours").map_err(|_| {
            serde::de::Error::custom(
                "hours are a number from 0 to 100 with at most two decimal places",
            )
        })
    }
}

/// Pence as people read them: `£1,234.50`, `-£3.20`.
fn format_pence(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let abs = pence.unsigned_abs();
    let pounds = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in pounds.chars().enumerate() {
        if i > 0 && (pounds.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}£{grouped}.{:02}", abs % 100)
}

/// Reads a decimal with at most `places` decimal places as a whole number of
/// 1/10^places units, without floating point: ("13.85", 2) → 1385.
fn parse_fixed(raw: &str, places: u32) -> Option<i64> {
    let text = raw.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    if !whole.chars().all(|c| c.is_ascii_digit()) || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if fraction.len() > places as usize || whole.len() > 12 {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut fraction_units: i64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().ok()?
    };
    for _ in fraction.len()..places as usize {
        fraction_units *= 10;
    }
    whole
        .checked_mul(10_i64.pow(places))?
        .checked_add(fraction_units)
}

/// An amount in pounds (`13.85`, `£26,500`, `26500.00`) as pence; `field` names the input.
fn parse_pounds(raw: &str, field: Field<'_>) -> Result<i64, AppError> {
    let text = raw.trim();
    let text = text.strip_prefix('£').unwrap_or(text).trim_start();
    if text.is_empty() {
        return Err(field.enter());
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = if whole.contains(',') {
        if comma_is_a_decimal_point(text) {
            return Err(field.fault(format!(
                "{} must use a full stop for pence, like {}, not a comma",
                field.label,
                text.replace(',', ".")
            )));
        }
        if !thousands_are_grouped(whole) {
            return Err(not_an_amount(field));
        }
        format!("{}.{fraction}", whole.replace(',', ""))
    } else {
        text.to_string()
    };
    parse_fixed(&digits, 2).ok_or_else(|| not_an_amount(field))
}

fn not_an_amount(field: Field<'_>) -> AppError {
    field.fault(format!(
        "{} must be an amount in pounds and pence, like 14.90",
        field.label
    ))
}

/// "14,90" or "1,5": one or two digits after the only comma, as a decimal comma is written
/// in much of Europe. Read as thousands, the amount would be 100 times too big.
fn comma_is_a_decimal_point(text: &str) -> bool {
    match text.split_once(',') {
        Some((whole, after)) => {
            !whole.is_empty()
                && whole.chars().all(|c| c.is_ascii_digit())
                && (1..=2).contains(&after.len())
                && after.chars().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// "26,500" or "1,234,567": groups of three after the first, which has one to three digits.
fn thousands_are_grouped(whole: &str) -> bool {
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// Weekly hours with at most two decimal places (16.5, 22.25) as hundredths of an hour.
fn parse_hours(raw: &str, field: Field<'_>) -> Result<i64, AppError> {
    if raw.is_empty() {
        return Err(field.enter());
    }
    if raw.contains(',') && comma_is_a_decimal_point(raw) {
        return Err(field.fault(format!(
            "{} must use a full stop for part of an hour, like {}, not a comma",
            field.label,
            raw.replace(',', ".")
        )));
    }
    let hundredths = parse_fixed(raw, 2).ok_or_else(|| {
        field.fault(format!(
            "{} must be a number of hours, like 16 or 22.5",
            field.label
        ))
    })?;
    if hundredths > 100 * 100 {
        return Err(field.fault(format!("{} must be 100 hours or fewer", field.label)));
    }
    Ok(hundredths)
}

/// Hundredths of an hour as people read them: 1650 → "16.5".
fn format_hours(hundredths: i64) -> String {
    let whole = hundredths / 100;
    match hundredths % 100 {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn pounds_are_read_without_floating_point() {
        let pay = Field::new("pay", "Pay");
        assert_eq!(parse_pounds("13.85", pay).unwrap(), 1385);
        assert_eq!(parse_pounds("£26,500", pay).unwrap(), 2_650_000);
        assert_eq!(parse_pounds("£ 1,234,567.5", pay).unwrap(), 123_456_750);
        assert_eq!(parse_pounds("0.1", pay).unwrap(), 10);
        assert_eq!(parse_pounds(".5", pay).unwrap(), 50);
        for bad in [
            "",
            "abc",
            "1.234",
            "-5",
            "1.2.3",
            "12e3",
            "1,2345",
            ",500",
            "12,34,567",
            "£",
        ] {
            assert_eq!(
                parse_pounds(bad, pay).unwrap_err().field(),
                Some("pay"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn a_comma_for_pence_is_refused_not_read_as_a_hundred_times_more() {
        let pay = Field::new("pay", "Pay");
        for typed in ["14,90", "14,9", "£14,90", "1,5"] {
            let e = parse_pounds(typed, pay).unwrap_err();
            assert!(
                e.to_string()
                    .starts_with("Pay must use a full stop for pence"),
                "{typed:?}: {e}"
            );
        }
        assert_eq!(
            parse_pounds("14,90", pay).unwrap_err().to_string(),
            "Pay must use a full stop for pence, like 14.90, not a comma"
        );
        assert_eq!(parse_pounds("14,900", pay).unwrap(), 1_490_000);
        assert_eq!(parse_pounds("", pay).unwrap_err().to_string(), "Enter pay");
        let hours = Field::new("hours", "Hours");
        assert!(parse_hours("16,5", hours)
            .unwrap_err()
            .to_string()
            .contains("full stop"));
    }

    #[test]
    fn hours_are_exact_to_the_hundredth_and_at_most_100() {
        let h = Field::from("hours");
        assert_eq!(parse_hours("16.5", h).unwrap(), 1650);
        assert_eq!(parse_hours("22.25", h).unwrap(), 2225);
        assert_eq!(parse_hours("100", h).unwrap(), 10000);
        assert!(parse_hours("100.01", h).is_err());
        assert!(parse_hours("16.333", h).is_err());
        assert_eq!(format_hours(1650), "16.5");
        assert_eq!(format_hours(2225), "22.25");
        assert_eq!(format_hours(3700), "37");
    }

    #[test]
    fn pence_are_shown_as_pounds() {
        assert_eq!(format_pence(123_450), "£1,234.50");
        assert_eq!(format_pence(-320), "-£3.20");
        assert_eq!(format_pence(5), "£0.05");
        assert_eq!(format_pence(100_000_000), "£1,000,000.00");
    }

    #[test]
    fn weekly_hours_are_exact_and_shown_as_people_write_them() {
        let h = WeeklyHours::parse("16.5", "hours").unwrap();
        assert_eq!(h.hundredths(), 1650);
        assert_eq!(h.to_string(), "16.5");
        assert_eq!(serde_json::to_string(&h).unwrap(), "16.5");
        assert_eq!(
            serde_json::to_string(&WeeklyHours::from_whole(37)).unwrap(),
            "37"
        );
        assert!(WeeklyHours::parse("-1", "hours").is_err());
        assert!(WeeklyHours::parse("100.25", "hours").is_err());
        assert!(!WeeklyHours::parse("16.1", "hours")
            .unwrap()
            .is_quarter_hours());
        assert!(WeeklyHours::parse("22.25", "hours")
            .unwrap()
            .is_quarter_hours());
        let back: WeeklyHours = serde_json::from_str("22.25").unwrap();
        assert_eq!(back.hundredths(), 2225);
    }

    #[test]
    fn pence_show_as_pounds_and_as_form_input() {
        assert_eq!(Pence::new(1480).to_string(), "£14.80");
        assert_eq!(Pence::new(1480).as_pounds_input(), "14.80");
        assert_eq!(
            Pence::parse("£1,234.5", "pay").unwrap(),
            Pence::new(123_450)
        );
        assert_eq!(serde_json::to_string(&Pence::new(1480)).unwrap(), "1480");
    }

    proptest! {
        #[test]
        fn weekly_hours_round_trip_through_text(hundredths in 0i64..=10_000) {
            let hours = WeeklyHours::from_hundredths(hundredths).unwrap();
            prop_assert_eq!(WeeklyHours::parse(&hours.to_string(), "h").unwrap(), hours);
            let json = serde_json::to_string(&hours).unwrap();
            prop_assert_eq!(serde_json::from_str::<WeeklyHours>(&json).unwrap(), hours);
        }

        #[test]
        fn pence_round_trip_through_pounds(pence in 0i64..10_000_000_000) {
            let shown = format_pence(pence);
            prop_assert_eq!(parse_pounds(&shown, Field::from("x")).unwrap(), pence);
        }
    }
}
