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
    /// Several fields need fixing, each named, in the order the form or document lists
    /// them; made only by `AppError::all_of`, never empty. Reads as its first fault.
    #[error("{}", .0.first().map(|f| f.message.as_str()).unwrap_or_default())]
    Fields(Vec<FieldFault>),
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
    /// Too many of one kind of request from one address (sign-ups): 429, try in an hour.
    #[error("{0}")]
    TooManyRequests(String),
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

/// One field at fault and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldFault {
    /// The field's code (`hours_min`, `patterns[2]`).
    pub field: String,
    /// A sentence for people, naming the field by its label.
    pub message: String,
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
    /// Every field at fault, for a request with invalid fields (`field` and `message`
    /// are the first of them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldFault>,
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

    /// Every fault found checking a request, as one error: the single fault itself when
    /// there is one, all the field faults when there are several. A fault that is not about
    /// a field (the database was busy) wins, since fixing fields would not help.
    pub fn all_of(faults: Vec<AppError>) -> AppError {
        crate::types::Field::every_fault(faults)
    }

    /// Each field at fault, in order.
    pub fn field_faults(&self) -> Vec<FieldFault> {
        match self {
            AppError::Invalid { field, message } => vec![FieldFault {
                field: field.clone(),
                message: message.clone(),
            }],
            AppError::Fields(all) => all.clone(),
            _ => Vec::new(),
        }
    }

    /// The stable code clients can match on.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Malformed(_) => "malformed_request",
            AppError::Invalid { .. } | AppError::Fields(_) => "invalid_field",
            AppError::Unauthenticated => "unauthenticated",
            AppError::BadCredentials => "bad_credentials",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound { code, .. } => code,
            AppError::Conflict { .. } => "conflict",
            AppError::MethodNotAllowed { .. } => "method_not_allowed",
            AppError::TooManyAttempts => "too_many_attempts",
            AppError::TooManyRequests(_) => "too_many_requests",
            AppError::Unavailable(_) => "unavailable",
            AppError::CsrfRejected => "csrf_rejected",
            AppError::Internal(_) => "internal_error",
        }
    }

    /// How many seconds to wait before trying again, for answers that say so.
    pub fn retry_after(&self) -> Option<&'static str> {
        match self {
            AppError::TooManyAttempts => Some("900"),
            AppError::TooManyRequests(_) => Some("3600"),
            AppError::Unavailable(_) => Some("5"),
            _ => None,
        }
    }

    /// The field at fault, if one is.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid { field, .. } | AppError::Conflict { field, .. } => Some(field),
            AppError::Fields(all) => all.first().map(|f| f.field.as_str()),
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
                errors: self.field_faults(),
            },
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::Malformed(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid { .. } | AppError::Fields(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unauthenticated | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) | AppError::CsrfRejected => StatusCode::FORBIDDEN,
            AppError::NotFound { .. } => StatusCode::NOT_FOUND,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            AppError::TooManyAttempts | AppError::TooManyRequests(_) => {
                StatusCode::TOO_MANY_REQUESTS
            }
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
mod tests;
