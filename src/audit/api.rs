//! The audit log API, for admins.

use actix_web::web;
use serde::Deserialize;

use super::service;
use super::AuditEntryView;
use crate::access::Actor;
use crate::error::{AppError, ErrorEnvelope};
use crate::pagination::{PageQuery, Paged, Pagination};
use crate::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/audit", web::get().to(list_entries));
}

/// Which entries to show.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct AuditQuery {
    /// Page number, from 1.
    pub page: Option<String>,
    /// Rows per page, 1 to 100.
    pub per_page: Option<String>,
    /// Only entries about this record id.
    pub record: Option<String>,
}

impl AuditQuery {
    pub(super) fn pagination(&self) -> Result<Pagination, AppError> {
        Pagination::parse(&PageQuery {
            page: self.page.clone(),
            per_page: self.per_page.clone(),
        })
    }

    pub(super) fn record(&self) -> Option<String> {
        self.record
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string)
    }
}

/// Who read or changed personal records, newest first (admins only).
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = inline(Paged<AuditEntryView>)), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)), security(("bearer" = [])))]
pub async fn list_entries(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<AuditQuery>,
) -> Result<web::Json<Paged<AuditEntryView>>, AppError> {
    let at = query.pagination()?;
    Ok(web::Json(
        service::entries(&state, &actor, query.record(), at).await?,
    ))
}
