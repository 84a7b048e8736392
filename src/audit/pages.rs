//! The audit log page, for admins.

use actix_web::{web, HttpRequest, HttpResponse};

use super::api::AuditQuery;
use super::service;
use crate::web::{page, OrPage, PageActor, PageError};
use crate::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/audit", web::get().to(audit_page));
}

pub async fn audit_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, PageError> {
    let at = query.pagination().or_page(&req)?;
    let record = query.record();
    let entries = service::plain_entries(&state, &actor, record.clone(), at)
        .await
        .or_page(&req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("entries", &entries);
    ctx.insert("record", &record);
    Ok(page(&req, Some(&actor), "admin/audit.html", ctx))
}
