//! Headers that depend on the answer or the connection: nothing is kept in caches unless
//! its handler says so, and browsers are told to use HTTPS only once they have.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;

/// A year: how long a browser keeps to HTTPS after seeing the portal over it.
const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000";

/// Middleware: `Cache-Control: no-store` on every answer whose handler set no caching of its
/// own (API answers, pages for people logged in, and pages carrying a visitor's anti-forgery
/// token or flash message: only the stylesheet and script are cached), and
/// `Strict-Transport-Security` when served over HTTPS or with secure cookies configured.
pub async fn cache_and_transport_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let https = super::secure_cookies(req.request());
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        );
    }
    Ok(response)
}
