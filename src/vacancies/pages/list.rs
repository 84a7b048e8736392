//! "Your vacancies": the actor's vacancies, newest first, filtered by status, a page at a time.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::pagination::{PageQuery, Pagination};
use crate::vacancies::domain::Status;
use crate::vacancies::service;
use crate::web::{page, OrPage, PageActor, PageError};
use crate::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    page: Option<String>,
}

pub async fn list_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    let query = query.into_inner();
    let at = Pagination::parse(&PageQuery {
        page: query.page,
        per_page: None,
    })
    .or_page(&req)?;
    let status = query.status.as_deref().and_then(Status::from_code);
    let listed = service::list(&state, &actor, status, at, None)
        .await
        .or_page(&req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("vacancies", &listed);
    ctx.insert("status", &status.map(Status::code));
    ctx.insert("statuses", &Status::choices());
    Ok(page(&req, Some(&actor), "vacancies/list.html", ctx))
}
