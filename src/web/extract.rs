//! Request bodies read our way: JSON whose faults name the field, and forms that must carry
//! their anti-forgery token. actix's own extractors get error handlers that answer with our
//! envelope, so even a body they reject gets a clear 400.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError, UrlencodedError};
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use serde_json::error::Category;

use super::PageError;
use crate::access::{same_secret, CSRF_FIELD};
use crate::error::AppError;

/// Largest body the JSON API reads.
const JSON_LIMIT: usize = 1024 * 1024;

type ExtractFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, E>>>>;

/// A JSON body: broken JSON is a 400 saying where, a missing or wrong field a 422 naming it.
pub struct ApiJson<T>(pub T);

impl<T> ApiJson<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

fn is_content_type(req: &HttpRequest, expected: &str) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case(expected))
}

impl<T: DeserializeOwned + 'static> FromRequest for ApiJson<T> {
    type Error = AppError;
    type Future = ExtractFuture<ApiJson<T>, AppError>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = is_content_type(req, "application/json");
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(AppError::Malformed(
                    "Send the body as JSON with the header Content-Type: application/json.".into(),
                ));
            }
            let bytes = body
                .await
                .map_err(|e| AppError::Malformed(format!("The body could not be read: {e}")))?;
            if bytes.len() > JSON_LIMIT {
                return Err(AppError::Malformed("The body is larger than 1 MB.".into()));
            }
            parse_json(&bytes).map(ApiJson)
        })
    }
}

/// Reads `T` from JSON bytes, naming the field at fault.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        json_error(path, e.into_inner())
    })?;
    de.end().map_err(|e| json_error(".".into(), e))?;
    Ok(value)
}

fn json_error(path: String, error: serde_json::Error) -> AppError {
    let text = error.to_string();
    // serde_json appends " at line L column C"; the field name is what a caller can act on.
    let plain = text.split(" at line ").next().unwrap_or(&text).to_string();
    match error.classify() {
        Category::Syntax | Category::Eof | Category::Io => {
            AppError::Malformed(format!("The body is not valid JSON: {text}."))
        }
        Category::Data => {
            let named = backticked(&plain);
            let field = match (path.as_str(), named) {
                (".", Some(name)) => name,
                (_, Some(name)) if plain.starts_with("missing field") => format!("{path}.{name}"),
                (".", None) => "body".to_string(),
                _ => path,
            };
            let message = if plain.starts_with("missing field") {
                format!("{field} is required.")
            } else if plain.starts_with("unknown field") {
                format!("{field} is not a field we accept.")
            } else {
                format!("{field}: {plain}.")
            };
            AppError::invalid(field, message)
        }
    }
}

fn backticked(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string())
}

/// A form body from one of our pages. Without the anti-forgery token of the visitor's
/// session (`web::expected_csrf_token`) it is refused (403) before anything is read or changed.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = PageError;
    type Future = ExtractFuture<CsrfForm<T>, PageError>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_form = is_content_type(req, "application/x-www-form-urlencoded");
        let expected = super::expected_csrf_token(req);
        let body = web::Bytes::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let result = async {
                if !is_form {
                    return Err(AppError::Malformed("Send the form as a web form.".into()));
                }
                let bytes = body
                    .await
                    .map_err(|e| AppError::Malformed(format!("The form could not be read: {e}")))?;
                let submitted = url::form_urlencoded::parse(&bytes)
                    .find(|(k, _)| k == CSRF_FIELD)
                    .map(|(_, v)| v.into_owned());
                match (expected, submitted) {
                    (Some(expected), Some(given)) if same_secret(&expected, &given) => {}
                    _ => return Err(AppError::CsrfRejected),
                }
                serde_urlencoded::from_bytes::<T>(&bytes)
                    .map(CsrfForm)
                    .map_err(|e| AppError::Malformed(format!("The form could not be read: {e}")))
            }
            .await;
            result.map_err(|e| PageError::new(&req, e))
        })
    }
}

/// actix's `web::Json` faults, in our envelope.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(JSON_LIMIT)
        .error_handler(|err, _| {
            let message = match &err {
                JsonPayloadError::ContentType => {
                    "Send the body as JSON with the header Content-Type: application/json."
                        .to_string()
                }
                other => format!("The body is not valid JSON: {other}"),
            };
            AppError::Malformed(message).into()
        })
}

/// actix's `web::Form` faults, in our envelope.
pub fn form_config() -> web::FormConfig {
    web::FormConfig::default().error_handler(|err: UrlencodedError, _| {
        AppError::Malformed(format!("The form could not be read: {err}")).into()
    })
}

/// A query string we cannot read.
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err: QueryPayloadError, _| {
        AppError::Malformed(format!("The query string could not be read: {err}")).into()
    })
}

/// A path segment we cannot read.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err: PathError, _| {
        AppError::Malformed(format!("The address could not be read: {err}")).into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Login {
        #[expect(dead_code, reason = "only its presence is tested")]
        email: String,
        #[expect(dead_code, reason = "only its presence is tested")]
        attempts: u32,
    }

    #[test]
    fn broken_json_is_malformed_and_says_where() {
        let err = parse_json::<Login>(br#"{"email": "a@b.org", "#).unwrap_err();
        assert_eq!(err.code(), "malformed_request");
        assert!(err.to_string().contains("line 1"), "{err}");
    }

    #[test]
    fn a_missing_field_is_invalid_and_named() {
        let err = parse_json::<Login>(br#"{"email": "a@b.org"}"#).unwrap_err();
        assert_eq!(err.field(), Some("attempts"));
        assert_eq!(err.to_string(), "attempts is required.");
    }

    #[test]
    fn a_field_of_the_wrong_type_is_named() {
        let err = parse_json::<Login>(br#"{"email": 5, "attempts": 1}"#).unwrap_err();
        assert_eq!(err.field(), Some("email"));
    }

    #[test]
    fn an_unknown_field_is_named() {
        let err =
            parse_json::<Login>(br#"{"email": "x", "attempts": 1, "admin": true}"#).unwrap_err();
        assert_eq!(err.field(), Some("admin"));
    }

    #[test]
    fn trailing_garbage_is_malformed() {
        let err = parse_json::<Login>(br#"{"email": "x", "attempts": 1} {"#).unwrap_err();
        assert_eq!(err.code(), "malformed_request");
    }
}
