//! Uploading a CSV of vacancies from the browser (up to 20 MB; the command line takes more).

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;

use crate::access::{policy, CSRF_FIELD};
use crate::error::AppError;
use crate::vacancies::import::{ImportReport, COLUMNS};
use crate::vacancies::service;
use crate::web::{page, page_with_status, OrPage, PageActor, PageError};
use crate::AppState;

/// Largest CSV accepted through the page (the CLI has no limit).
const UPLOAD_LIMIT: usize = 20 * 1024 * 1024;

pub async fn import_page(
    req: HttpRequest,
    PageActor(actor): PageActor,
) -> Result<HttpResponse, PageError> {
    policy::posting(&actor).or_page(&req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("report", &None::<ImportReport>);
    ctx.insert("columns", &COLUMNS.join(","));
    Ok(page(&req, Some(&actor), "vacancies/import.html", ctx))
}

/// The upload's fields: the anti-forgery token, the file and whether to only check it.
struct Upload {
    csrf: String,
    file: Vec<u8>,
    dry_run: bool,
}

async fn read_upload(mut body: Multipart) -> Result<Upload, AppError> {
    let unreadable = |e: actix_multipart::MultipartError| {
        AppError::Malformed(format!("The upload could not be read: {e}"))
    };
    let mut upload = Upload {
        csrf: String::new(),
        file: Vec::new(),
        dry_run: false,
    };
    while let Some(field) = body.next().await {
        let mut field = field.map_err(unreadable)?;
        let name = field.name().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(unreadable)?;
            if bytes.len() + chunk.len() > UPLOAD_LIMIT {
                return Err(AppError::invalid(
                    "file",
                    "The file is larger than 20 MB: use the command line import for big files.",
                ));
            }
            bytes.extend_from_slice(&chunk);
        }
        match name.as_str() {
            n if n == CSRF_FIELD => upload.csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "file" => upload.file = bytes,
            "dry_run" => upload.dry_run = true,
            _ => {}
        }
    }
    Ok(upload)
}

pub async fn import_upload(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    body: Multipart,
) -> Result<HttpResponse, PageError> {
    policy::posting(&actor).or_page(&req)?;
    let upload = read_upload(body).await.or_page(&req)?;
    let expected = crate::web::expected_csrf_token(&req);
    if !expected.is_some_and(|expected| crate::access::same_secret(&expected, &upload.csrf)) {
        return Err(PageError::new(&req, AppError::CsrfRejected));
    }
    let source = std::io::Cursor::new(upload.file);
    let report = service::import(&state, &actor, source, upload.dry_run, |_| {}).await;
    let mut ctx = tera::Context::new();
    ctx.insert("columns", &COLUMNS.join(","));
    match report {
        Ok(report) => {
            ctx.insert("report", &Some(report));
            Ok(page(&req, Some(&actor), "vacancies/import.html", ctx))
        }
        Err(e) if e.field().is_some() => {
            ctx.insert("report", &None::<ImportReport>);
            ctx.insert("file_error", &e.to_string());
            Ok(page_with_status(
                &req,
                Some(&actor),
                StatusCode::UNPROCESSABLE_ENTITY,
                "vacancies/import.html",
                ctx,
            ))
        }
        Err(e) => Err(PageError::new(&req, e)),
    }
}
