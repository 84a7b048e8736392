//! The posting form, one page for a new vacancy and for editing one, with its Living Wage
//! check beside the pay ("Check pay" re-shows the form with the check, without saving).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use chrono::NaiveDate;
use serde::Serialize;

use crate::access::Actor;
use crate::error::AppError;
use crate::organisations::service as organisations;
use crate::outcomes::Contract;
use crate::types::{Field, Pence, WeeklyHours};
use crate::vacancies::domain::{Pattern, PayPer, Sector, Status};
use crate::vacancies::input::{fields, pay_to_confirm, NewVacancy, VacancyInput};
use crate::vacancies::pay_check::{pay_check, TypedPay};
use crate::vacancies::service::{self, Edit};
use crate::vacancies::view::VacancyView;
use crate::web::{page_with_status, see_other, CsrfForm, FormErrors, OrPage, PageActor, PageError};
use crate::AppState;

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
    pub apply_url: String,
    pub apply_email: String,
    /// The poster said pay that looked mistyped is right.
    pub confirm_pay: bool,
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
                "apply_url" => form.apply_url = value,
                "apply_email" => form.apply_email = value,
                "confirm_pay" => form.confirm_pay = true,
                "action" => form.action = value,
                _ => {}
            }
        }
        form
    }

    /// The form filled in with a stored vacancy, for editing it.
    pub fn from_view(v: &VacancyView) -> VacancyForm {
        VacancyForm {
            source_ref: v.source_ref.clone().unwrap_or_default(),
            employer: v.employer.clone(),
            title: v.title.clone(),
            description: v.description.clone(),
            sector: v.sector.code().into(),
            postcode: v.postcode.clone().unwrap_or_default(),
            remote: v.remote,
            pay: v.pay_pence.as_pounds_input(),
            pay_per: v.pay_per.code().into(),
            fte_hours: v.fte_hours.to_string(),
            hours_min: v.hours_min.to_string(),
            hours_max: v.hours_max.to_string(),
            contract: v.contract.code().into(),
            // The remote checkbox stands for the remote pattern.
            patterns: (v.patterns.iter())
                .filter(|p| **p != Pattern::Remote)
                .map(|p| p.code().to_string())
                .collect(),
            open_to_flexibility: v.open_to_flexibility,
            closes_on: v.closes_on.map(|d| d.to_string()).unwrap_or_default(),
            apply_url: v.apply_url.clone().unwrap_or_default(),
            apply_email: v.apply_email.clone().unwrap_or_default(),
            confirm_pay: false,
            action: String::new(),
        }
    }

    /// The form as the use case's input, pay and hours straight to their types. When
    /// something typed cannot be read, every fault of the form: those of the typing, and
    /// the domain's faults for the other fields (read with the unreadable ones left empty).
    /// Pay that looked mistyped counts as a fault until the poster confirms it, listed
    /// with the form's other faults.
    fn to_input(&self, state: &AppState) -> Result<VacancyInput, AppError> {
        let mut faults = Vec::new();
        let hours = |raw: &str, field: Field| {
            WeeklyHours::parse(if raw.trim().is_empty() { "0" } else { raw }, field)
        };
        let present = |value: &str| Some(value.to_string()).filter(|v| !v.trim().is_empty());
        let pay_pence = read(
            &mut faults,
            Pence::parse(&self.pay, Field::new("pay", "Pay")),
        );
        // Full-time hours count only for a full-time salary paid pro rata; the page hides
        // them otherwise, so whatever was left there is not held against the poster.
        let fte_hours = read(
            &mut faults,
            match present(&self.fte_hours).filter(|_| self.pay_per == "year_fte") {
                Some(raw) => hours(&raw, fields::FTE_HOURS).map(Some),
                None => Ok(None),
            },
        );
        let hours_min = read(&mut faults, hours(&self.hours_min, fields::HOURS_MIN));
        // The most hours are the job's hours: asked for, not assumed to be none.
        let hours_max = read(
            &mut faults,
            WeeklyHours::parse(&self.hours_max, fields::HOURS_MAX),
        );
        let closes_on = read(
            &mut faults,
            match self.closes_on.trim() {
                "" => Ok(None),
                raw => NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| {
                        fields::CLOSES_ON.fault("Closing date must be a real date, like 31 12 2026")
                    }),
            },
        );
        let input = VacancyInput {
            source_ref: present(&self.source_ref),
            employer: present(&self.employer),
            title: self.title.clone(),
            description: self.description.clone(),
            sector: self.sector.clone(),
            postcode: present(&self.postcode),
            latitude: None,
            longitude: None,
            remote: self.remote,
            pay_pence,
            pay_per: present(&self.pay_per).unwrap_or_else(|| "hour".into()),
            fte_hours,
            hours_min,
            hours_max,
            contract: self.contract.clone(),
            patterns: self.patterns.clone(),
            open_to_flexibility: self.open_to_flexibility,
            closes_on,
            status: (self.action == "draft").then(|| Status::Draft.code().into()),
            apply_url: present(&self.apply_url),
            apply_email: present(&self.apply_email),
        };
        if !self.confirm_pay && pay_pence > Pence::ZERO {
            if let Some(message) = pay_to_confirm(&input) {
                faults.push(AppError::invalid("confirm_pay", message));
            }
        }
        if faults.is_empty() {
            return Ok(input);
        }
        if let Err(more) =
            NewVacancy::parse_all(input, &state.gazetteer, &state.rates, state.today())
        {
            faults.extend(more);
        }
        Err(AppError::all_of(faults))
    }

    fn typed_pay(&self) -> TypedPay {
        TypedPay {
            pay: self.pay.clone(),
            pay_per: self.pay_per.clone(),
            hours_max: self.hours_max.clone(),
            fte_hours: self.fte_hours.clone(),
            postcode: self.postcode.clone(),
        }
    }
}

/// The form's fields as the page lists them, so the error summary reads top to bottom.
const FIELD_ORDER: [&str; 19] = [
    "employer",
    "title",
    "sector",
    "postcode",
    "remote",
    "pay",
    "pay_per",
    "fte_hours",
    "confirm_pay",
    "hours_min",
    "hours_max",
    "contract",
    "patterns",
    "open_to_flexibility",
    "closes_on",
    "description",
    "apply_url",
    "apply_email",
    "ref",
];

/// The value read, or its type's empty value with the fault noted.
fn read<T: Default>(faults: &mut Vec<AppError>, result: Result<T, AppError>) -> T {
    result.map_err(|e| faults.push(e)).unwrap_or_default()
}

/// The form field a fault belongs to: the API's `pay_pence` is the form's `pay`.
fn form_field(field: &str) -> String {
    match field.split('[').next().unwrap_or(field) {
        "pay_pence" => "pay".into(),
        other => other.into(),
    }
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
        errors: FormErrors,
        checked: bool,
    ) -> Result<HttpResponse, PageError> {
        let clients = organisations::client_names(self.state, self.actor)
            .await
            .or_page(self.req)?;
        let mut ctx = tera::Context::new();
        ctx.insert("form", form);
        errors.add_to(&mut ctx);
        ctx.insert("editing", &self.editing);
        ctx.insert("checked", &checked);
        ctx.insert("pay_check", &pay_check(self.state, &form.typed_pay()));
        ctx.insert("clients", &clients);
        ctx.insert("sectors", &Sector::choices());
        // One "Remote" on the form: the checkbox, not the pattern as well.
        let patterns: Vec<_> = (Pattern::choices().into_iter())
            .filter(|(code, _)| *code != Pattern::Remote.code())
            .collect();
        ctx.insert("patterns", &patterns);
        ctx.insert(
            "asked_to_confirm_pay",
            &(errors.get("confirm_pay").is_some() || form.confirm_pay),
        );
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
        let mut errors = FormErrors::of_with(&e, form_field);
        if let AppError::Forbidden(message) = &e {
            errors.add("employer", message.clone());
        }
        if let Some(first) = form.patterns.first() {
            errors.anchor("patterns", format!("pattern-{first}"));
        } else {
            errors.anchor("patterns", "pattern-part_time");
        }

        if errors.is_empty() {
            return Err(PageError::new(self.req, e));
        }
        errors.in_page_order(&FIELD_ORDER);
        self.show(e.status_code(), form, errors, false).await
    }
}

pub async fn new_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
) -> Result<HttpResponse, PageError> {
    crate::access::policy::posting(&actor).or_page(&req)?;
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
    page.show(StatusCode::OK, &form, FormErrors::none(), false)
        .await
}

pub async fn create_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    crate::access::policy::posting(&actor).or_page(&req)?;
    let form = VacancyForm::from_pairs(pairs);
    let page = FormPage {
        state: &state,
        req: &req,
        actor: &actor,
        editing: None,
    };
    if form.action == "check" {
        return page
            .show(StatusCode::OK, &form, FormErrors::none(), true)
            .await;
    }
    let posted = match form.to_input(&state) {
        Ok(input) => service::post(&state, &actor, input).await,
        Err(e) => Err(e),
    };
    match posted {
        Ok((vacancy, _)) if vacancy.status == Status::Draft => Ok(see_other(
            &req,
            &format!("/vacancies/{}/preview", vacancy.reference),
            Some("Your draft is saved. Check it as job seekers will see it, then publish it."),
        )),
        Ok((vacancy, _)) => Ok(see_other(
            &req,
            &format!("/vacancies/{}", vacancy.reference),
            Some(&format!("{} is posted.", vacancy.title)),
        )),
        Err(e) => page.rejected(&form, e).await,
    }
}

pub async fn edit_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let vacancy = service::get(&state, &actor, path.into_inner())
        .await
        .or_page(&req)?;
    let page = FormPage {
        state: &state,
        req: &req,
        actor: &actor,
        editing: Some(&vacancy.reference),
    };
    page.show(
        StatusCode::OK,
        &VacancyForm::from_view(&vacancy),
        FormErrors::none(),
        false,
    )
    .await
}

pub async fn edit_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    let vacancy = service::get(&state, &actor, path.into_inner())
        .await
        .or_page(&req)?;
    let form = VacancyForm {
        // An edit keeps the vacancy's employer.
        employer: vacancy.employer.clone(),
        ..VacancyForm::from_pairs(pairs)
    };
    let page = FormPage {
        state: &state,
        req: &req,
        actor: &actor,
        editing: Some(&vacancy.reference),
    };
    if form.action == "check" {
        return page
            .show(StatusCode::OK, &form, FormErrors::none(), true)
            .await;
    }
    let saved = match form.to_input(&state) {
        Ok(input) => {
            let edit = Edit::Whole(input);
            service::edit(&state, &actor, vacancy.reference.clone(), edit).await
        }
        Err(e) => Err(e),
    };
    match saved {
        Ok(saved) if saved.status == Status::Draft => Ok(see_other(
            &req,
            &format!("/vacancies/{}/preview", saved.reference),
            Some("Your changes are saved."),
        )),
        Ok(saved) => Ok(see_other(
            &req,
            &format!("/vacancies/{}", saved.reference),
            Some("Your changes are saved."),
        )),
        Err(e) => page.rejected(&form, e).await,
    }
}
