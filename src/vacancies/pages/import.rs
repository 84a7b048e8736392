//! Uploading a CSV of vacancies from the browser (up to 20 MB; the command line takes more),
//! and the template to start a file from.

use actix_multipart::Multipart;
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use serde::Serialize;

use crate::access::{policy, CSRF_FIELD};
use crate::error::AppError;
use crate::vacancies::import::{self, ImportReport, COLUMNS, SPEC};
use crate::vacancies::service;
use crate::web::{page, page_with_status, FormErrors, OrPage, PageActor, PageError};
use crate::AppState;

/// Largest CSV accepted through the page (the CLI has no limit).
const UPLOAD_LIMIT: usize = 20 * 1024 * 1024;
/// How much of a file over the limit is still read (and dropped) so the browser gets the
/// page saying it is too big, rather than a connection closed mid-upload.
const DRAIN_LIMIT: usize = 5 * UPLOAD_LIMIT;

/// One column as the page's table explains it.
#[derive(Serialize)]
struct ColumnGuide {
    name: &'static str,
    required: bool,
    format: &'static str,
    allowed: Option<String>,
}

/// What every state of the page shows: the columns, explained, and the report if any.
fn context(report: Option<&ImportReport>, errors: &FormErrors) -> tera::Context {
    let mut ctx = tera::Context::new();
    let guide: Vec<ColumnGuide> = SPEC
        .iter()
        .map(|c| ColumnGuide {
            name: c.name,
            required: c.required,
            format: c.format,
            allowed: c.allowed(),
        })
        .collect();
    ctx.insert("guide", &guide);
    ctx.insert("columns", &COLUMNS.join(","));
    ctx.insert("report", &report);
    ctx.insert("headline", &report.map(ImportReport::headline));
    ctx.insert(
        "unreported",
        &report.map_or(0, |r| {
            let shown: std::collections::HashSet<u64> = r.errors.iter().map(|e| e.line).collect();
            r.rejected.saturating_sub(shown.len() as u64)
        }),
    );
    errors.add_to(&mut ctx);
    ctx
}

pub async fn import_page(
    req: HttpRequest,
    PageActor(actor): PageActor,
) -> Result<HttpResponse, PageError> {
    policy::posting(&actor).or_page(&req)?;
    let ctx = context(None, &FormErrors::none());
    Ok(page(&req, Some(&actor), "vacancies/import.html", ctx))
}

/// The header row and one example row, made from the same column list the import checks
/// against, so the two cannot drift apart.
pub async fn template(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
) -> Result<HttpResponse, PageError> {
    policy::posting(&actor).or_page(&req)?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename("vacancies-template.csv".into())],
        })
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(import::template(state.today())))
}

/// The file field as it came.
enum Chosen {
    /// No file was chosen: the browser sends the field with no name and nothing in it.
    Nothing,
    /// A file over `UPLOAD_LIMIT`.
    TooBig,
    File {
        name: String,
        bytes: Vec<u8>,
    },
}

/// The upload's fields: the anti-forgery token, the file and whether to only check it.
struct Upload {
    csrf: String,
    file: Chosen,
    dry_run: bool,
}

async fn read_upload(mut body: Multipart) -> Result<Upload, AppError> {
    let unreadable = |e: actix_multipart::MultipartError| {
        AppError::Malformed(format!("The upload could not be read: {e}"))
    };
    let mut upload = Upload {
        csrf: String::new(),
        file: Chosen::Nothing,
        dry_run: false,
    };
    while let Some(field) = body.next().await {
        let mut field = field.map_err(unreadable)?;
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .unwrap_or_default()
            .to_string();
        let (mut bytes, mut read, mut too_big) = (Vec::new(), 0, false);
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(unreadable)?;
            read += chunk.len();
            if read > DRAIN_LIMIT {
                // Enough read: say it is too big, even if the browser is still sending.
                upload.file = Chosen::TooBig;
                return Ok(upload);
            }
            too_big |= read > UPLOAD_LIMIT;
            if too_big {
                bytes = Vec::new();
            } else {
                bytes.extend_from_slice(&chunk);
            }
        }
        match name.as_str() {
            n if n == CSRF_FIELD => upload.csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "file" if too_big => upload.file = Chosen::TooBig,
            "file" if file_name.is_empty() && bytes.is_empty() => upload.file = Chosen::Nothing,
            "file" => {
                upload.file = Chosen::File {
                    name: file_name,
                    bytes,
                }
            }
            "dry_run" => upload.dry_run = true,
            _ => {}
        }
    }
    Ok(upload)
}

/// The file's fault before it is read, if it has one: none chosen, too big, not a CSV by
/// its name, or empty. Said as GOV.UK's file upload pattern says it.
fn fault_of(file: &Chosen) -> Option<&'static str> {
    match file {
        Chosen::Nothing => Some("Select a CSV file"),
        Chosen::TooBig => Some("The selected file must be smaller than 20 MB"),
        Chosen::File { name, .. } if !looks_like_csv(name) => Some(
            "The selected file must be a CSV. In your spreadsheet, choose Save as, then CSV UTF-8",
        ),
        Chosen::File { bytes, .. } if bytes.is_empty() => Some("The selected file is empty"),
        Chosen::File { .. } => None,
    }
}

/// A name ending .csv or .txt, or with no ending at all (the contents are checked anyway).
fn looks_like_csv(name: &str) -> bool {
    match std::path::Path::new(name).extension() {
        None => true,
        Some(ext) => ["csv", "txt"].iter().any(|ok| ext.eq_ignore_ascii_case(ok)),
    }
}

pub async fn import_upload(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    body: Multipart,
) -> Result<HttpResponse, PageError> {
    policy::posting(&actor).or_page(&req)?;
    let upload = read_upload(body).await;
    // A form from elsewhere is refused before anything about it is said.
    let csrf = upload.as_ref().map(|u| u.csrf.as_str()).unwrap_or_default();
    let expected = crate::web::expected_csrf_token(&req);
    if !expected.is_some_and(|expected| crate::access::same_secret(&expected, csrf)) {
        return Err(PageError::new(&req, AppError::CsrfRejected));
    }
    let upload = upload.or_page(&req)?;
    let refused = |error: &AppError| {
        let errors = FormErrors::of_with(error, |_| "file".into());
        let ctx = context(None, &errors);
        Ok(page_with_status(
            &req,
            Some(&actor),
            StatusCode::UNPROCESSABLE_ENTITY,
            "vacancies/import.html",
            ctx,
        ))
    };
    if let Some(fault) = fault_of(&upload.file) {
        return refused(&AppError::invalid("file", fault));
    }
    let Chosen::File { bytes, .. } = upload.file else {
        return refused(&AppError::invalid("file", "Select a CSV file"));
    };
    let source = std::io::Cursor::new(bytes);
    match service::import(&state, &actor, source, upload.dry_run, |_| {}).await {
        Ok(report) => {
            let ctx = context(Some(&report), &FormErrors::none());
            Ok(page(&req, Some(&actor), "vacancies/import.html", ctx))
        }
        Err(e) if e.field().is_some() => refused(&e),
        Err(e) => Err(PageError::new(&req, e)),
    }
}
