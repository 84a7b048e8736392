//! Money in integer pence and hours in exact hundredths, read from what people type.

use crate::error::AppError;

/// Pence as people read them: `£1,234.50`, `-£3.20`.
pub fn format_pence(pence: i64) -> String {
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
pub fn parse_pounds(raw: &str, field: &str) -> Result<i64, AppError> {
    let cleaned: String = raw
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    parse_fixed(&cleaned, 2).ok_or_else(|| {
        AppError::invalid(
            field,
            format!("{field}: enter an amount in pounds and pence, like 13.85 (not {raw:?})."),
        )
    })
}

/// Weekly hours with at most two decimal places (16.5, 22.25) as hundredths of an hour.
pub fn parse_hours(raw: &str, field: &str) -> Result<i64, AppError> {
    let hundredths = parse_fixed(raw, 2).ok_or_else(|| {
        AppError::invalid(
            field,
            format!("{field}: enter hours as a number with at most two decimal places, like 16.5."),
        )
    })?;
    if hundredths > 100 * 100 {
        return Err(AppError::invalid(
            field,
            format!("{field}: must be between 0 and 100."),
        ));
    }
    Ok(hundredths)
}

/// Hundredths of an hour as people read them: 1650 → "16.5".
pub fn format_hours(hundredths: i64) -> String {
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
        assert_eq!(parse_pounds("13.85", "pay").unwrap(), 1385);
        assert_eq!(parse_pounds("£26,500", "pay").unwrap(), 2_650_000);
        assert_eq!(parse_pounds("0.1", "pay").unwrap(), 10);
        assert_eq!(parse_pounds(".5", "pay").unwrap(), 50);
        for bad in ["", "abc", "1.234", "-5", "1.2.3", "12e3"] {
            assert_eq!(
                parse_pounds(bad, "pay").unwrap_err().field(),
                Some("pay"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn hours_are_exact_to_the_hundredth_and_at_most_100() {
        assert_eq!(parse_hours("16.5", "hours").unwrap(), 1650);
        assert_eq!(parse_hours("22.25", "hours").unwrap(), 2225);
        assert_eq!(parse_hours("100", "hours").unwrap(), 10000);
        assert!(parse_hours("100.01", "hours").is_err());
        assert!(parse_hours("16.333", "hours").is_err());
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

    proptest! {
        #[test]
        fn pence_round_trip_through_pounds(pence in 0i64..10_000_000_000) {
            let shown = format_pence(pence);
            prop_assert_eq!(parse_pounds(&shown, "x").unwrap(), pence);
        }
    }
}
