//! UK postcodes, parsed once: upper case, one space before the inward code.

use std::fmt;

use serde::{Serialize, Serializer};

use super::Field;
use crate::error::AppError;

/// A valid UK unit postcode such as `SW9 8QE`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Postcode(String);

fn outward_is_valid(outward: &[u8]) -> bool {
    let letter = |c: &u8| c.is_ascii_uppercase();
    let digit = |c: &u8| c.is_ascii_digit();
    match outward {
        // A9, A99, AA9, AA99, A9A, AA9A
        [a, b] => letter(a) && digit(b),
        [a, b, c] => {
            letter(a) && ((digit(b) && (digit(c) || letter(c))) || (letter(b) && digit(c)))
        }
        [a, b, c, d] => letter(a) && letter(b) && digit(c) && (digit(d) || letter(d)),
        _ => false,
    }
}

impl Postcode {
    /// Parses what someone typed (`sw98qe`, ` SW9  8QE `); `field` names the input.
    pub fn parse<'a>(raw: &str, field: impl Into<Field<'a>>) -> Result<Postcode, AppError> {
        let field = field.into();
        super::check_line(raw, field.code)?;
        let compact: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase();
        if compact.is_empty() {
            return Err(field.enter());
        }
        let bad = || field.fault("Enter a full UK postcode, like SW9 8QE");
        if !(5..=7).contains(&compact.len()) || !compact.is_ascii() {
            return Err(bad());
        }
        let (outward, inward) = compact.split_at(compact.len() - 3);
        let inward_ok = matches!(inward.as_bytes(), [d, x, y] if d.is_ascii_digit() && x.is_ascii_uppercase() && y.is_ascii_uppercase());
        if !(inward_ok && outward_is_valid(outward.as_bytes()) || compact == "GIR0AA") {
            return Err(bad());
        }
        Ok(Postcode(format!("{outward} {inward}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The outward code: `SW9`.
    pub fn district(&self) -> &str {
        self.0.split(' ').next().unwrap_or(&self.0)
    }

    /// The outward code and the inward digit: `SW9 8`.
    pub fn sector(&self) -> &str {
        &self.0[..self.0.len() - 2]
    }
}

impl fmt::Display for Postcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Postcode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn postcodes_are_normalised_whatever_the_spacing_and_case() {
        for (raw, expected) in [
            ("sw98qe", "SW9 8QE"),
            (" SW9  8QE ", "SW9 8QE"),
            ("ec1a1bb", "EC1A 1BB"),
            ("W1A 0AX", "W1A 0AX"),
            ("e16an", "E1 6AN"),
            ("m11ae", "M1 1AE"),
            ("CR2 6XH", "CR2 6XH"),
            ("DN55 1PT", "DN55 1PT"),
        ] {
            let postcode = Postcode::parse(raw, "postcode").unwrap();
            assert_eq!(postcode.as_str(), expected, "{raw}");
        }
        let p = Postcode::parse("EC1A 1BB", "postcode").unwrap();
        assert_eq!((p.district(), p.sector()), ("EC1A", "EC1A 1"));
    }

    #[test]
    fn malformed_postcodes_name_the_field() {
        for bad in [
            "",
            "SW9",
            "SW9 8Q",
            "9W9 8QE",
            "SW9 QQE",
            "SW98 8QEE",
            "SWW9 8QE",
            "SW9-8QE",
            "ÉC1 1AA",
        ] {
            assert_eq!(
                Postcode::parse(bad, "postcode").unwrap_err().field(),
                Some("postcode"),
                "{bad:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn parsing_twice_changes_nothing(area in "[A-Z]{1,2}", district in 1u32..99, sector in 0u32..10, unit in "[A-Z]{2}") {
            let once = Postcode::parse(&format!("{area}{district}{sector}{unit}"), "p").unwrap();
            let twice = Postcode::parse(once.as_str(), "p").unwrap();
            prop_assert_eq!(once, twice);
        }
    }
}
