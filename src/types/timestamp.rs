//! Times as the API sends them. The database keeps `Timestamp` columns without a zone, always
//! in UTC; on the wire they become RFC 3339 with a `Z`, so clients (and OpenAPI's
//! `date-time`) read them as the moments they are.

use chrono::{NaiveDateTime, SecondsFormat};
use serde::Serializer;

/// `serialize_with` for a stored UTC time: `2031-03-02T12:00:00.000000Z`. Microseconds,
/// because PostgreSQL keeps no more, so both databases send the same text.
pub fn utc<S: Serializer>(at: &NaiveDateTime, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&at.and_utc().to_rfc3339_opts(SecondsFormat::Micros, true))
}

/// `serialize_with` for a stored UTC time that may be absent: the same text, or `null`.
pub fn utc_or_null<S: Serializer>(
    at: &Option<NaiveDateTime>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => utc(at, serializer),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    #[test]
    fn a_stored_time_is_sent_as_rfc_3339_in_utc() {
        let at = NaiveDate::from_ymd_opt(2026, 11, 23)
            .and_then(|d| d.and_hms_nano_opt(5, 32, 46, 729_969_026))
            .expect("a valid time");
        let mut out = Vec::new();
        super::utc(&at, &mut serde_json::Serializer::new(&mut out)).expect("serialises");
        assert_eq!(out, br#""2026-11-23T05:32:46.729969Z""#);
        let mut absent = Vec::new();
        super::utc_or_null(&None, &mut serde_json::Serializer::new(&mut absent))
            .expect("serialises");
        assert_eq!(absent, b"null");
    }
}
