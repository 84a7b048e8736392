//! The address itself, checked before any handler reads it: a path or query string with a
//! control character (`%00`, `%0A`…) is refused here with our error, so no handler can pass
//! it on to the database, where PostgreSQL would fail on a NUL.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::ResponseError;

use crate::error::AppError;
use crate::types::check_line;
use crate::web::PageError;

/// Bytes of a percent-encoded path, decoded.
fn percent_decoded(raw: &str) -> Vec<u8> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

/// What is wrong with a request's path and query string, if anything: a control character
/// in the path is a 400; in a query parameter, a 422 naming the parameter.
pub fn address_fault(path: &str, query: &str) -> Option<AppError> {
    let path = String::from_utf8_lossy(&percent_decoded(path)).into_owned();
    if path.chars().any(char::is_control) {
        return Some(AppError::Malformed(
            "The address has a control character in it: check the link.".into(),
        ));
    }
    url::form_urlencoded::parse(query.as_bytes()).find_map(|(name, value)| {
        if name.chars().any(char::is_control) {
            return Some(AppError::Malformed(
                "The query string has a control character in a parameter's name.".into(),
            ));
        }
        check_line(&value, &name).err()
    })
}

/// Middleware: answers a bad address at once, as JSON under `/api/` and as a page elsewhere.
pub async fn refuse_control_characters(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if let Some(error) = address_fault(req.path(), req.query_string()) {
        let response = if req.path().starts_with("/api/") {
            error.error_response()
        } else {
            PageError::new(req.request(), error).error_response()
        };
        return Ok(req.into_response(response).map_into_right_body());
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_control_character_in_the_path_or_a_parameter_is_refused() {
        assert!(address_fault("/jobs/BW123", "q=care+work&near=SW9%208QE").is_none());
        assert!(address_fault("/jobs/caf%C3%A9", "").is_none());
        let path = address_fault("/jobs/BW%00", "").unwrap();
        assert_eq!(path.code(), "malformed_request");
        let query = address_fault("/jobs", "q=care%00&sector=").unwrap();
        assert_eq!(query.field(), Some("q"));
        let newline = address_fault("/api/v1/vacancies", "status=open%0A").unwrap();
        assert_eq!(newline.field(), Some("status"));
    }
}
