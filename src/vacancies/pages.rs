//! Employers' and agencies' pages: their vacancies, the posting and editing form with its
//! Living Wage check, status changes, CSV upload, and an agency's client list.

use std::collections::HashMap;

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use chrono::Utc;
use futures_util::StreamExt;
use serde::Serialize;

use super::domain::{hourly_pay_pence, living_wage_check, Pattern, PayPer, Sector, Status};
use super::import::{self, ImportContext};
use super::input::{NewVacancy, VacancyInput};
use super::queries::{self, Owner};
use super::service::{self, VacancyView};
use crate::access::{policy, Actor, CSRF_COOKIE, CSRF_FIELD};
use crate::error::AppError;
use crate::organisations::queries as organisation_queries;
use crate::outcomes::Contract;
use crate::pagination::{Paged, Pagination};
use crate::types::{
    format_hours, format_pence, parse_hours, parse_pounds, OrganisationKind, Postcode, Role,
};
use crate::web::PageActor;
use crate::web::{page, page_with_status, see_other, CsrfForm, OrPage, PageError};
use crate::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/vacancies", web::get().to(list_page))
        .route("/vacancies", web::post().to(create_form))
        .route("/vacancies/new", web::get().to(new_page))
        .route("/vacancies/import", web::get().to(import_page))
        .route("/vacancies/import", web::post().to(import_upload))
        .route("/vacancies/{ref}", web::get().to(manage_page))
        .route("/vacancies/{ref}", web::post().to(edit_form))
        .route("/vacancies/{ref}/edit", web::get().to(edit_page))
        .route("/vacancies/{ref}/status", web::post().to(status_form))
        .route("/agency/clients", web::get().to(clients_page))
        .route("/agency/clients", web::post().to(clients_form))
        .route("/api/v1/living-wage-check", web::get().to(living_wage_api));
}

/// The posting form's fields, as typed.
#[derive(Debug, Default, Clone, Serialize)]
pub struct VacancyForm {
    #[serde(rename = "ref")]
    pub source_ref: String,
    pub employer: String,
    pub title: String,
    pub description: String,
    pub sector: String,
    pub postcode: String,
    pub remote: bool,
    pub pay: String,
    pub pay_per: String,
    pub fte_hours: String,
    pub hours_min: String,
    pub hours_max: String,
    pub contract: String,
    pub patterns: Vec<String>,
    pub open_to_flexibility: bool,
    pub closes_on: String,
    pub action: String,
}

impl VacancyForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> VacancyForm {
        let mut form = VacancyForm::default();
        for (key, value) in pairs {
            match key.as_str() {
                "ref" => form.source_ref = value,
                "employer" => form.employer = value,
                "title" => form.title = value,
                "description" => form.description = value,
                "sector" => form.sector = value,
                "postcode" => form.postcode = value,
                "remote" => form.remote = true,
                "pay" => form.pay = value,
                "pay_per" => form.pay_per = value,
                "fte_hours" => form.fte_hours = value,
                "hours_min" => form.hours_min = value,
                "hours_max" => form.hours_max = value,
                "contract" => form.contract = value,
                "patterns" => form.patterns.push(value),
                "open_to_flexibility" => form.open_to_flexibility = true,
                "closes_on" => form.closes_on = value,
                "action" => form.action = value,
                _ => {}
            }
        }
        form
    }

    fn from_view(v: &VacancyView) -> VacancyForm {
        VacancyForm {
            source_ref: v.source_ref.clone().unwrap_or_default(),
            employer: v.employer.clone(),
            title: v.title.clone(),
            description: v.description.clone(),
            sector: v.sector.code().into(),
            postcode: v.postcode.clone().unwrap_or_default(),
            remote: v.remote,
            pay: format!("{}.{:02}", v.pay_pence / 100, v.pay_pence % 100),
            pay_per: v.pay_per.clone(),
            fte_hours: v.fte_hours.to_string(),
            hours_min: v.hours_min.to_string(),
            hours_max: v.hours_max.to_string(),
            contract: v.contract.clone(),
            patterns: v.patterns.iter().map(|p| p.code().to_string()).collect(),
            open_to_flexibility: v.open_to_flexibility,
            closes_on: v.closes_on.map(|d| d.to_string()).unwrap_or_default(),
            action: String::new(),
        }
    }

    /// The form as the API's input; a fault names the form field.
    fn to_input(&self, status: Option<String>) -> Result<VacancyInput, AppError> {
        let pay_pence = parse_pounds(&self.pay, "pay")?;
        let hours = |raw: &str, field: &str| -> Result<serde_json::Number, AppError> {
            let h = parse_hours(if raw.trim().is_empty() { "0" } else { raw }, field)?;
            format_hours(h)
                .parse()
                .map_err(|_| AppError::invalid(field, "Enter hours like 16.5."))
        };
        Ok(VacancyInput {
            source_ref: Some(self.source_ref.clone()).filter(|r| !r.trim().is_empty()),
            employer: Some(self.employer.clone()).filter(|e| !e.trim().is_empty()),
            title: self.title.clone(),
            description: self.description.clone(),
            sector: self.sector.clone(),
            postcode: Some(self.postcode.clone()).filter(|p| !p.trim().is_empty()),
            latitude: None,
            longitude: None,
            remote: self.remote,
            pay_pence,
            pay_per: if self.pay_per.is_empty() {
                "hour".into()
            } else {
                self.pay_per.clone()
            },
            fte_hours: if self.fte_hours.trim().is_empty() {
                None
            } else {
                Some(hours(&self.fte_hours, "fte_hours")?)
            },
            hours_min: hours(&self.hours_min, "hours_min")?,
            hours_max: hours(&self.hours_max, "hours_max")?,
            contract: self.contract.clone(),
            patterns: self.patterns.clone(),
            open_to_flexibility: self.open_to_flexibility,
            closes_on: match self.closes_on.trim() {
                "" => None,
                raw => Some(
                    chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
                        AppError::invalid("closes_on", "Enter a date like 2026-12-31.")
                    })?,
                ),
            },
            status,
        })
    }
}

fn form_field(field: &str) -> String {
    match field.split('[').next().unwrap_or(field) {
        "pay_pence" => "pay".into(),
        other => other.into(),
    }
}

/// The Living Wage check for what the form says now, for showing beside the pay.
#[derive(Serialize)]
struct PayCheck {
    hourly: String,
    living_wage: String,
    area: &'static str,
    meets_living_wage: bool,
    national_living_wage: String,
    meets_national_living_wage: bool,
}

fn pay_check(state: &AppState, form: &VacancyForm) -> Option<PayCheck> {
    let pay = parse_pounds(&form.pay, "pay").ok()?;
    let per = PayPer::from_code(if form.pay_per.is_empty() {
        "hour"
    } else {
        &form.pay_per
    })?;
    let hours_max = parse_hours(&form.hours_max, "hours_max").unwrap_or(0);
    let fte = parse_hours(&form.fte_hours, "fte_hours").unwrap_or(3750);
    let hourly = hourly_pay_pence(pay, per, hours_max, if fte == 0 { 3750 } else { fte })?;
    let london = Postcode::parse(&form.postcode, "postcode")
        .ok()
        .and_then(|p| state.gazetteer.locate(&p, "postcode").ok())
        .is_some_and(|l| l.in_greater_london);
    let check = living_wage_check(&state.rates, hourly, london, Utc::now().date_naive()).ok()?;
    Some(PayCheck {
        hourly: format_pence(hourly),
        living_wage: format_pence(check.living_wage_pence),
        area: if london {
            "London Living Wage"
        } else {
            "UK Living Wage"
        },
        meets_living_wage: check.meets_living_wage,
        national_living_wage: format_pence(check.national_living_wage_pence),
        meets_national_living_wage: check.meets_national_living_wage,
    })
}

async fn client_names(state: &AppState, actor: &Actor) -> Result<Vec<String>, AppError> {
    if actor.role != Role::Agency {
        return Ok(vec![]);
    }
    let agency = actor.organisation.id.clone();
    let clients = state
        .db
        .run(move |conn| organisation_queries::agency_clients(conn, &agency))
        .await?;
    Ok(clients.into_iter().map(|c| c.name).collect())
}

/// The posting form as one page: new (`editing` is None) or editing a vacancy.
struct FormPage<'a> {
    state: &'a AppState,
    req: &'a HttpRequest,
    actor: &'a Actor,
    editing: Option<&'a str>,
}

impl FormPage<'_> {
    async fn show(
        &self,
        status: StatusCode,
        form: &VacancyForm,
        errors: HashMap<String, String>,
        checked: bool,
    ) -> Result<HttpResponse, PageError> {
        let mut ctx = tera::Context::new();
        ctx.insert("form", form);
        ctx.insert("errors", &errors);
        ctx.insert("editing", &self.editing);
        ctx.insert("checked", &checked);
        ctx.insert("pay_check", &pay_check(self.state, form));
        let clients = client_names(self.state, self.actor)
            .await
            .or_page(self.req)?;
        ctx.insert("clients", &clients);
        ctx.insert("sectors", &Sector::choices());
        ctx.insert("patterns", &Pattern::choices());
        ctx.insert("pay_pers", &PayPer::choices());
        ctx.insert("contracts", &Contract::choices());
        Ok(page_with_status(
            self.req,
            Some(self.actor),
            status,
            "vacancies/form.html",
            ctx,
        ))
    }

    /// The form back with the fault beside its field, or an error page when no field is at
    /// fault. A refusal to post for an employer shows beside the employer.
    async fn rejected(&self, form: &VacancyForm, e: AppError) -> Result<HttpResponse, PageError> {
        let mut errors = errors_of(&e);
        if let AppError::Forbidden(message) = &e {
            errors.insert("employer".into(), message.clone());
        }
        if errors.is_empty() {
            return Err(PageError::new(self.req, e));
        }
        self.show(e.status_code(), form, errors, false).await
    }

    /// "Check pay" re-shows the form with the check; otherwise the form must parse whole.
    async fn submitted(
        &self,
        form: &VacancyForm,
        stored_status: Option<String>,
    ) -> Result<Result<NewVacancy, HttpResponse>, PageError> {
        if form.action == "check" {
            return self
                .show(StatusCode::OK, form, HashMap::new(), true)
                .await
                .map(Err);
        }
        let today = Utc::now().date_naive();
        let editing = self.editing.is_some();
        let parsed = form
            .to_input(stored_status)
            .map(|mut input| {
                // An edit keeps the vacancy's employer.
                if editing {
                    input.employer = None;
                }
                input
            })
            .and_then(|input| {
                NewVacancy::parse(input, &self.state.gazetteer, &self.state.rates, today)
            });
        match parsed {
            Ok(new) => Ok(Ok(new)),
            Err(e) => self.rejected(form, e).await.map(Err),
        }
    }
}

async fn new_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
) -> Result<HttpResponse, PageError> {
    policy::may_post_vacancy(&actor).or_page(&req)?;
    let form = VacancyForm {
        pay_per: "hour".into(),
        contract: "permanent".into(),
        patterns: vec!["part_time".into()],
        ..VacancyForm::default()
    };
    let page = FormPage {
        state: &state,
        req: &req,
        actor: &actor,
        editing: None,
    };
    page.show(StatusCode::OK, &form, HashMap::new(), false)
        .await
}

fn errors_of(e: &AppError) -> HashMap<String, String> {
    e.field()
        .map(|f| (form_field(f), e.to_string()))
        .into_iter()
        .collect()
}

async fn create_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    policy::may_post_vacancy(&actor).or_page(&req)?;
    let form = VacancyForm::from_pairs(pairs);
    let page = FormPage {
        state: &state,
        req: &req,
        actor: &actor,
        editing: None,
    };
    let new = match page.submitted(&form, None).await? {
        Ok(new) => new,
        Err(response) => return Ok(response),
    };
    let poster = actor.clone();
    let posted = state
        .db
        .run(move |conn| {
            let employer = service::employer_for(conn, &poster, new.employer.as_deref())?;
            service::post(conn, &new, &employer, &poster.organisation.id, Utc::now())
        })
        .await;
    match posted {
        Ok((row, _)) => Ok(see_other(
            &req,
            &format!("/vacancies/{}", row.reference),
            Some(&format!("{} is posted.", row.title)),
        )),
        Err(e) => page.rejected(&form, e).await,
    }
}

#[derive(Debug, Default, serde::Deserialize)]
struct ListQuery {
    status: Option<String>,
    page: Option<String>,
}

async fn list_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    policy::may_post_vacancy(&actor).or_page(&req)?;
    let at = Pagination::parse(&crate::pagination::PageQuery {
        page: query.page.clone(),
        per_page: None,
    })
    .or_page(&req)?;
    let status = query.status.as_deref().and_then(Status::from_code);
    let today = Utc::now().date_naive();
    let st = state.clone();
    let viewer = actor.clone();
    let listed = state
        .db
        .run(move |conn| {
            let owner = if viewer.role == Role::Agency {
                Owner::SubmittedBy(&viewer.organisation.id)
            } else {
                Owner::Employer(&viewer.organisation.id)
            };
            let (rows, total) = queries::list(conn, owner, status.map(Status::code), today, at)?;
            let views = rows
                .into_iter()
                .map(|r| service::view_of(conn, r, &st.rates, today))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Paged::new(views, at, total))
        })
        .await
        .or_page(&req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("vacancies", &listed);
    ctx.insert("status", &status.map(Status::code));
    ctx.insert("statuses", &Status::choices());
    Ok(page(&req, Some(&actor), "vacancies/list.html", ctx))
}

async fn load_own(
    state: &AppState,
    actor: &Actor,
    reference: String,
) -> Result<VacancyView, AppError> {
    let viewer = actor.clone();
    let rates = state.rates.clone();
    state
        .db
        .run(move |conn| {
            let row = queries::find(conn, &reference, Some(&viewer.organisation.id))?;
            policy::may_manage_vacancy(&viewer, &row.employer_id, &row.submitted_by)?;
            service::view_of(conn, row, &rates, Utc::now().date_naive())
        })
        .await
}

fn next_statuses(current: Status) -> Vec<(&'static str, &'static str)> {
    Status::ALL
        .iter()
        .filter(|s| current.may_become(**s))
        .map(|s| (s.code(), s.label()))
        .collect()
}

async fn manage_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let vacancy = load_own(&state, &actor, path.into_inner())
        .await
        .or_page(&req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("next_statuses", &next_statuses(vacancy.status));
    ctx.insert("pay", &format_pence(vacancy.hourly_pay_pence));
    ctx.insert(
        "check",
        &vacancy.living_wage.as_ref().map(|c| {
            (
                format_pence(c.living_wage_pence),
                format_pence(c.national_living_wage_pence),
            )
        }),
    );
    ctx.insert("form", &VacancyForm::from_view(&vacancy));
    ctx.insert("vacancy", &vacancy);
    Ok(page(&req, Some(&actor), "vacancies/manage.html", ctx))
}

async fn edit_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    let reference = path.into_inner();
    // The stored row, not its view: an open vacancy past its closing date shows as closed,
    // and saving it (say, with a later date) must keep it open.
    let owner = actor.clone();
    let (old, employer) = state
        .db
        .run(move |conn| {
            let row = queries::find(conn, &reference, Some(&owner.organisation.id))?;
            policy::may_manage_vacancy(&owner, &row.employer_id, &row.submitted_by)?;
            let employer = queries::organisation_name(conn, &row.employer_id)?;
            Ok((row, employer))
        })
        .await
        .or_page(&req)?;
    let mut form = VacancyForm::from_pairs(pairs);
    form.employer = employer;
    let reference = old.reference.clone();
    let page = FormPage {
        state: &state,
        req: &req,
        actor: &actor,
        editing: Some(&reference),
    };
    let new = match page.submitted(&form, Some(old.status.clone())).await? {
        Ok(new) => new,
        Err(response) => return Ok(response),
    };
    let location = format!("/vacancies/{reference}");
    let saved = state
        .db
        .run(move |conn| service::replace(conn, &old, &new, Utc::now()))
        .await;
    match saved {
        Ok(_) => Ok(see_other(&req, &location, Some("Your changes are saved."))),
        Err(e) => page.rejected(&form, e).await,
    }
}

async fn edit_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let vacancy = load_own(&state, &actor, path.into_inner())
        .await
        .or_page(&req)?;
    let form = VacancyForm::from_view(&vacancy);
    let page = FormPage {
        state: &state,
        req: &req,
        actor: &actor,
        editing: Some(&vacancy.reference),
    };
    page.show(StatusCode::OK, &form, HashMap::new(), false)
        .await
}

#[derive(Debug, serde::Deserialize)]
struct StatusForm {
    status: String,
}

async fn status_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> Result<HttpResponse, PageError> {
    let reference = path.into_inner();
    let to = Status::from_code(&form.status)
        .ok_or_else(|| AppError::invalid("status", "Choose a status."))
        .or_page(&req)?;
    let vacancy = load_own(&state, &actor, reference).await.or_page(&req)?;
    let r = vacancy.reference.clone();
    let owner = actor.clone();
    state
        .db
        .run(move |conn| {
            let row = queries::find(conn, &r, Some(&owner.organisation.id))?;
            service::change_status(conn, row, to, Utc::now())
        })
        .await
        .or_page(&req)?;
    Ok(see_other(
        &req,
        &format!("/vacancies/{}", vacancy.reference),
        Some(&format!(
            "The vacancy is now {}.",
            to.label().to_lowercase()
        )),
    ))
}

async fn import_page(
    req: HttpRequest,
    PageActor(actor): PageActor,
) -> Result<HttpResponse, PageError> {
    policy::may_post_vacancy(&actor).or_page(&req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("report", &None::<import::ImportReport>);
    ctx.insert("columns", &import::COLUMNS.join(","));
    Ok(page(&req, Some(&actor), "vacancies/import.html", ctx))
}

/// Largest CSV accepted through the page (the CLI has no limit).
const UPLOAD_LIMIT: usize = 20 * 1024 * 1024;

async fn import_upload(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    mut body: Multipart,
) -> Result<HttpResponse, PageError> {
    policy::may_post_vacancy(&actor).or_page(&req)?;
    let mut csrf = String::new();
    let mut file: Vec<u8> = Vec::new();
    let mut dry_run = false;
    while let Some(field) = body.next().await {
        let mut field = field.map_err(|e| {
            PageError::new(
                &req,
                AppError::Malformed(format!("The upload could not be read: {e}")),
            )
        })?;
        let name = field.name().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| {
                PageError::new(
                    &req,
                    AppError::Malformed(format!("The upload could not be read: {e}")),
                )
            })?;
            if bytes.len() + chunk.len() > UPLOAD_LIMIT {
                return Err(PageError::new(
                    &req,
                    AppError::invalid(
                        "file",
                        "The file is larger than 20 MB: use the command line import for big files.",
                    ),
                ));
            }
            bytes.extend_from_slice(&chunk);
        }
        match name.as_str() {
            n if n == CSRF_FIELD => csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "file" => file = bytes,
            "dry_run" => dry_run = true,
            _ => {}
        }
    }
    let expected = req
        .cookie(CSRF_COOKIE)
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    if expected.is_empty() || !crate::access::same_secret(&expected, &csrf) {
        return Err(PageError::new(&req, AppError::CsrfRejected));
    }
    let st = state.clone();
    let poster = actor.clone();
    let report = state
        .db
        .run(move |conn| {
            let ctx = ImportContext {
                poster: &poster,
                gazetteer: &st.gazetteer,
                rates: &st.rates,
                today: Utc::now().date_naive(),
                dry_run,
            };
            import::import(conn, &ctx, file.as_slice(), |_| {})
        })
        .await;
    let mut ctx = tera::Context::new();
    ctx.insert("columns", &import::COLUMNS.join(","));
    match report {
        Ok(report) => {
            ctx.insert("report", &Some(report));
            Ok(page(&req, Some(&actor), "vacancies/import.html", ctx))
        }
        Err(e) if e.field().is_some() => {
            ctx.insert("report", &None::<import::ImportReport>);
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

async fn clients_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
) -> Result<HttpResponse, PageError> {
    policy::may_manage_agency_clients(&actor).or_page(&req)?;
    render_clients(&state, &req, &actor, StatusCode::OK, None).await
}

async fn render_clients(
    state: &AppState,
    req: &HttpRequest,
    actor: &Actor,
    status: StatusCode,
    error: Option<String>,
) -> Result<HttpResponse, PageError> {
    let names = client_names(state, actor).await.or_page(req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("clients", &names);
    ctx.insert("error", &error);
    Ok(page_with_status(
        req,
        Some(actor),
        status,
        "vacancies/clients.html",
        ctx,
    ))
}

#[derive(Debug, serde::Deserialize)]
struct ClientForm {
    #[serde(default)]
    employer: String,
    #[serde(default)]
    remove: Option<String>,
}

async fn clients_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<ClientForm>,
) -> Result<HttpResponse, PageError> {
    policy::may_manage_agency_clients(&actor).or_page(&req)?;
    let agency = actor.organisation.id.clone();
    let name = form.employer.trim().to_string();
    let removing = form.remove.is_some();
    let result = state
        .db
        .run(move |conn| {
            let employer = organisation_queries::find_by_name(conn, &name)?
                .filter(|o| o.kind().is_ok_and(|k| k == OrganisationKind::Employer))
                .ok_or_else(|| {
                    AppError::invalid(
                        "employer",
                        format!("No employer on Better Work is called {name:?}."),
                    )
                })?;
            if removing {
                organisation_queries::remove_agency_client(conn, &agency, &employer.id)?;
            } else {
                organisation_queries::add_agency_client(
                    conn,
                    &agency,
                    &employer.id,
                    Utc::now().naive_utc(),
                )?;
            }
            Ok(employer.name)
        })
        .await;
    match result {
        Ok(name) => Ok(see_other(
            &req,
            "/agency/clients",
            Some(&if removing {
                format!("{name} is no longer a client.")
            } else {
                format!("{name} is now a client: you can post its vacancies.")
            }),
        )),
        Err(e) if e.field().is_some() => {
            render_clients(&state, &req, &actor, e.status_code(), Some(e.to_string())).await
        }
        Err(e) => Err(PageError::new(&req, e)),
    }
}

#[derive(Debug, serde::Deserialize)]
struct CheckQuery {
    pay: String,
    #[serde(default)]
    pay_per: String,
    #[serde(default)]
    hours_max: String,
    #[serde(default)]
    fte_hours: String,
    #[serde(default)]
    postcode: String,
}

/// The Living Wage check for pay as typed in the posting form, for its live display.
async fn living_wage_api(
    state: web::Data<AppState>,
    query: web::Query<CheckQuery>,
) -> Result<HttpResponse, AppError> {
    let form = VacancyForm {
        pay: query.pay.clone(),
        pay_per: query.pay_per.clone(),
        hours_max: query.hours_max.clone(),
        fte_hours: query.fte_hours.clone(),
        postcode: query.postcode.clone(),
        ..VacancyForm::default()
    };
    parse_pounds(&form.pay, "pay")?;
    let check = pay_check(&state, &form).ok_or_else(|| {
        AppError::invalid("hours_max", "Enter the hours to work out the hourly pay.")
    })?;
    Ok(HttpResponse::Ok().json(check))
}
