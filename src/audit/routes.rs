//! The audit log, for admins: a page and the API.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::access::{policy, Actor};
use crate::audit::{self, AuditEntryView};
use crate::error::{AppError, ErrorEnvelope};
use crate::pagination::{Paged, Pagination};
use crate::web::PageActor;
use crate::web::{page, OrPage, PageError};
use crate::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/audit", web::get().to(list_entries))
        .route("/admin/audit", web::get().to(audit_page));
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
    fn pagination(&self) -> Result<Pagination, AppError> {
        Pagination::parse(&crate::pagination::PageQuery {
            page: self.page.clone(),
            per_page: self.per_page.clone(),
        })
    }

    fn record(&self) -> Option<String> {
        self.record
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string)
    }
}

/// Who read or changed personal records, newest first (admins only).
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = inline(Paged<AuditEntryView>)), (status = 403, body = ErrorEnvelope)), security(("bearer" = [])))]
pub async fn list_entries(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<AuditQuery>,
) -> Result<web::Json<Paged<AuditEntryView>>, AppError> {
    policy::may_read_audit_log(&actor)?;
    let at = query.pagination()?;
    let record = query.record();
    let (rows, total) = state
        .db
        .run(move |conn| audit::list(conn, record.as_deref(), at))
        .await?;
    Ok(web::Json(Paged::new(rows, at, total)))
}

pub async fn audit_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, PageError> {
    policy::may_read_audit_log(&actor).or_page(&req)?;
    let at = query.pagination().or_page(&req)?;
    let record = query.record();
    let filter = record.clone();
    let (rows, total) = state
        .db
        .run(move |conn| audit::list(conn, filter.as_deref(), at))
        .await
        .or_page(&req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("entries", &Paged::new(rows, at, total));
    ctx.insert("record", &record);
    Ok(page(&req, Some(&actor), "admin/audit.html", ctx))
}
