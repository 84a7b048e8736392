//! `AppError`: what every handler and service returns, mapped once to an HTTP status and
//! the JSON envelope `{"error":{"code","message","field"}}`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

/// Something went wrong, said in terms a user or a client program can act on.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request could not be read at all (broken JSON, wrong content type).
    #[error("{0}")]
    Malformed(String),
    /// One field is missing or has a value we cannot accept.
    #[error("{message}")]
    Invalid { field: String, message: String },
    /// No valid session or token.
    #[error("Please log in to continue.")]
    Unauthenticated,
    /// The email and password do not match an account.
    #[error("That email and password do not match an account.")]
    BadCredentials,
    /// Logged in, but this role may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// The record does not exist or belongs to another organisation.
    #[error("{what} not found.")]
    NotFound {
        code: &'static str,
        what: &'static str,
    },
    /// The change clashes with a record that already exists.
    #[error("{message}")]
    Conflict { field: String, message: String },
    /// The address exists, but not for this method (`allowed` lists those it takes).
    #[error("This address does not take {method} requests; it takes {allowed}.")]
    MethodNotAllowed { method: String, allowed: String },
    /// Too many failed logins.
    #[error("Too many failed log-in attempts. Please wait 15 minutes and try again.")]
    TooManyAttempts,
    /// A form came without its anti-forgery token.
    #[error("This form has expired or did not come from Better Work. Please go back, reload the page and try again.")]
    CsrfRejected,
    /// Too busy to answer now (no database connection free, a query that ran too long):
    /// 503 with `Retry-After`; the request changed nothing.
    #[error("{0}")]
    Unavailable(String),
    /// A fault on our side; the cause is logged, never shown.
    #[error("Something went wrong on our side. Please try again; if it keeps happening, tell us the time it happened.")]
    Internal(anyhow::Error),
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Stable snake_case code, e.g. `invalid_field`.
    pub code: String,
    /// A sentence for people.
    pub message: String,
    /// The field at fault, dotted for nested fields (`pay.hourly`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// The error envelope every API error answers with.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

impl AppError {
    /// An internal fault with its cause kept for the log.
    pub fn internal(cause: impl Into<anyhow::Error>) -> AppError {
        AppError::Internal(cause.into())
    }

    /// A field that failed validation.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> AppError {
        AppError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The stable code clients can match on.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Malformed(_) => "malformed_request",
            AppError::Invalid { .. } => "invalid_field",
            AppError::Unauthenticated => "unauthenticated",
            AppError::BadCredentials => "bad_credentials",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound { code, .. } => code,
            AppError::Conflict { .. } => "conflict",
            AppError::MethodNotAllowed { .. } => "method_not_allowed",
            AppError::TooManyAttempts => "too_many_attempts",
            AppError::Unavailable(_) => "unavailable",
            AppError::CsrfRejected => "csrf_rejected",
            AppError::Internal(_) => "internal_error",
        }
    }

    /// How many seconds to wait before trying again, for answers that say so.
    pub fn retry_after(&self) -> Option<&'static str> {
        match self {
            AppError::TooManyAttempts => Some("900"),
            AppError::Unavailable(_) => Some("5"),
            _ => None,
        }
    }

    /// The field at fault, if one is.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid { field, .. } | AppError::Conflict { field, .. } => Some(field),
            _ => None,
        }
    }

    /// For a method the address does not take, the methods it does (the `Allow` header).
    pub fn allowed_methods(&self) -> Option<&str> {
        match self {
            AppError::MethodNotAllowed { allowed, .. } => Some(allowed),
            _ => None,
        }
    }

    /// The JSON body for this error.
    pub fn envelope(&self) -> ErrorEnvelope {
        ErrorEnvelope {
            error: ErrorBody {
                code: self.code().to_string(),
                message: self.to_string(),
                field: self.field().map(str::to_string),
            },
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::Malformed(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unauthenticated | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) | AppError::CsrfRejected => StatusCode::FORBIDDEN,
            AppError::NotFound { .. } => StatusCode::NOT_FOUND,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            AppError::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal(cause) = self {
            // The span carries the request id, so the log line can be found from a report.
            tracing::error!(error = ?cause, "internal error");
        }
        let mut response = HttpResponse::build(self.status_code());
        if let Some(seconds) = self.retry_after() {
            response.insert_header(("Retry-After", seconds));
        }
        if let Some(allowed) = self.allowed_methods() {
            response.insert_header((actix_web::http::header::ALLOW, allowed));
        }
        response.json(self.envelope())
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> AppError {
        match e {
            diesel::result::Error::NotFound => AppError::NotFound {
                code: "record_not_found",
                what: "Record",
            },
            // Two requests racing to create the same record: the loser is told to retry.
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => AppError::Conflict {
                field: "record".into(),
                message: "Someone saved the same record at the same moment. Please try again."
                    .into(),
            },
            // Another writer held the database past the busy timeout, or a statement ran
            // past its time limit: busy, not broken, and nothing was written.
            diesel::result::Error::DatabaseError(_, info) if is_busy_message(info.message()) => {
                tracing::warn!(error = info.message(), "database busy");
                AppError::Unavailable(
                    "Better Work is very busy just now. Please try again in a moment.".into(),
                )
            }
            other => AppError::internal(anyhow::Error::new(other).context("database query")),
        }
    }
}

/// Whether a database error says it was busy or out of time rather than wrong.
fn is_busy_message(message: &str) -> bool {
    message.contains("database is locked")
        || message.contains("database is busy")
        || message.contains("statement timeout")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_field_is_a_422_naming_the_field() {
        let e = AppError::invalid("email", "Enter an email address.");
        assert_eq!(e.status_code(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = serde_json::to_value(e.envelope()).unwrap();
        assert_eq!(body["error"]["code"], "invalid_field");
        assert_eq!(body["error"]["field"], "email");
    }

    #[test]
    fn an_internal_error_never_shows_its_cause() {
        let e = AppError::internal(anyhow::anyhow!("password column missing"));
        assert_eq!(e.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!e.to_string().contains("password column"));
        assert!(e.envelope().error.field.is_none());
    }

    /// A database error as the driver reports it.
    struct Reported(&'static str);

    impl diesel::result::DatabaseErrorInformation for Reported {
        fn message(&self) -> &str {
            self.0
        }
        fn details(&self) -> Option<&str> {
            None
        }
        fn hint(&self) -> Option<&str> {
            None
        }
        fn table_name(&self) -> Option<&str> {
            None
        }
        fn column_name(&self) -> Option<&str> {
            None
        }
        fn constraint_name(&self) -> Option<&str> {
            None
        }
        fn statement_position(&self) -> Option<i32> {
            None
        }
    }

    #[test]
    fn a_busy_or_slow_database_is_a_503_to_retry_not_a_500() {
        for message in [
            "database is locked",
            "canceling statement due to statement timeout",
        ] {
            let e = AppError::from(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::Unknown,
                Box::new(Reported(message)),
            ));
            assert_eq!(
                e.status_code(),
                StatusCode::SERVICE_UNAVAILABLE,
                "{message}"
            );
            assert_eq!(e.retry_after(), Some("5"));
        }
        let broken = AppError::from(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::Unknown,
            Box::new(Reported("no such column: title")),
        ));
        assert_eq!(broken.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn a_wrong_method_is_a_405_listing_the_allowed_ones() {
        let e = AppError::MethodNotAllowed {
            method: "DELETE".into(),
            allowed: "GET, POST".into(),
        };
        let response = e.error_response();
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(response.headers().get("allow").unwrap(), "GET, POST");
        assert_eq!(e.code(), "method_not_allowed");
    }

    #[test]
    fn a_missing_row_is_a_404() {
        let e = AppError::from(diesel::result::Error::NotFound);
        assert_eq!(e.status_code(), StatusCode::NOT_FOUND);
    }

    /// The variant names of `AppError`, read from this file's source.
    fn variant_names(source: &str) -> Vec<String> {
        let body = source
            .split("pub enum AppError {")
            .nth(1)
            .and_then(|rest| rest.split("\n}").next())
            .expect("the AppError enum in src/error.rs");
        body.lines()
            .filter_map(|line| line.strip_prefix("    "))
            .filter(|line| line.starts_with(|c: char| c.is_ascii_uppercase()))
            .map(|line| {
                let end = line
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(line.len());
                line[..end].to_string()
            })
            .collect()
    }

    /// `MultiWord` as `multi_word`, the name of a variant's constructor function.
    fn snake_case(name: &str) -> String {
        let mut out = String::new();
        for (i, c) in name.chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }

    /// The text after a balanced `(...)` or `{...}` at the start of `text` (if any) and
    /// any closing brackets and spaces, e.g. what follows `AppError::Forbidden(...)`.
    fn after_the_variant(text: &str) -> &str {
        let text = text.trim_start();
        let mut depth = 0;
        let mut in_string = false;
        let mut previous = ' ';
        let mut end = 0;
        for (i, c) in text.char_indices() {
            end = i;
            match c {
                '"' if previous != '\\' => in_string = !in_string,
                '(' | '{' if !in_string => depth += 1,
                ')' | '}' if !in_string && depth > 0 => depth -= 1,
                _ if depth == 0 && !in_string => break,
                _ => {}
            }
            previous = c;
            end = i + c.len_utf8();
        }
        text[end..].trim_start_matches(|c: char| c.is_whitespace() || c == ')')
    }

    /// Whether `code` builds `AppError::<variant>`, directly or through its snake_case
    /// constructor, somewhere other than in a pattern (a match arm, `if let`, `matches!`).
    fn constructs(code: &str, variant: &str) -> bool {
        let is_name_char = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let constructor = format!("AppError::{}", snake_case(variant));
        let written = format!("AppError::{variant}");
        let named = |at: usize, name: &str| !code[at + name.len()..].starts_with(is_name_char);
        code.match_indices(&constructor)
            .any(|(at, _)| named(at, &constructor))
            || code.match_indices(&written).any(|(at, _)| {
                if !named(at, &written) {
                    return false; // a longer name
                }
                let rest = &code[at + written.len()..];
                let line_start = code[..at].rfind('\n').map_or(0, |i| i + 1);
                let next = after_the_variant(rest);
                let is_pattern = next.starts_with("=>")
                    || (next.starts_with('|') && !next.starts_with("||"))
                    || (next.starts_with('=') && !next.starts_with("=="))
                    || next.starts_with("if ")
                    || code[line_start..at].contains("matches!(");
                !is_pattern
            })
    }

    /// Every `.rs` file below `dir`, without its `#[cfg(test)]` module.
    fn sources_below(dir: &std::path::Path, out: &mut Vec<(std::path::PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).expect("reading src/") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                sources_below(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("reading a source file");
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                out.push((path, code.to_string()));
            }
        }
    }

    #[test]
    fn telling_a_construction_from_a_pattern() {
        let build = "return Err(AppError::Forbidden(format!(\"no (really) {x}\")));";
        assert!(constructs(build, "Forbidden"));
        assert!(constructs("e.map_err(AppError::internal)?;", "Internal"));
        assert!(!constructs("AppError::internals()", "Internal"));
        assert!(constructs("Err(AppError::internal(e))", "Internal"));
        assert!(constructs(
            "_ => return Err(AppError::BadCredentials),",
            "BadCredentials"
        ));
        for pattern in [
            "AppError::Gone(_) => \"gone\",",
            "AppError::Gone(_)\n        | AppError::Internal(_) => 500,",
            "if let AppError::Gone(reason) = &error {",
            "Err(AppError::Gone { .. }) => None,",
            "matches!(self, AppError::Gone)",
            "AppError::GoneForGood(x)",
        ] {
            assert!(!constructs(pattern, "Gone"), "{pattern}");
        }
    }

    /// A variant nothing returns is a promise the API never keeps: delete it.
    #[test]
    fn every_variant_is_constructed_outside_this_file() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut sources = Vec::new();
        sources_below(&src, &mut sources);
        let this_file = src.join("error.rs");
        let own = std::fs::read_to_string(&this_file).expect("reading src/error.rs");
        let variants = variant_names(&own);
        assert!(variants.len() > 5, "{variants:?}");
        let unused: Vec<&String> = variants
            .iter()
            .filter(|variant| {
                !sources
                    .iter()
                    .any(|(path, code)| *path != this_file && constructs(code, variant))
            })
            .collect();
        assert!(
            unused.is_empty(),
            "AppError variants never constructed outside src/error.rs: {unused:?}"
        );
    }
}
