//! The admin's pages: every organisation with the form to add one, and one organisation
//! with its people and the form to add a person.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use serde::{Deserialize, Serialize};

use crate::access::{policy, Actor};
use crate::error::AppError;
use crate::organisations::service::{self, AccreditationDecision, NewMember, NewOrganisation};
use crate::pagination::{PageQuery, Pagination};
use crate::types::{OrganisationId, OrganisationKind, Role};
use crate::web::{page_with_status, see_other, CsrfForm, FormErrors, OrPage, PageActor, PageError};
use crate::AppState;

fn kinds() -> Vec<(&'static str, &'static str)> {
    OrganisationKind::choices()
}

fn roles_for(kind: OrganisationKind) -> Vec<(&'static str, &'static str)> {
    Role::ALL
        .iter()
        .filter(|r| r.fits(kind))
        .map(|r| (r.code(), r.label()))
        .collect()
}

/// The admin's list of organisations, with the form to add one.
pub async fn organisations_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, PageError> {
    let at = Pagination::parse(&query).or_page(&req)?;
    let page = OrganisationsPage {
        state: &state,
        req: &req,
        actor: &actor,
    };
    page.show(
        at,
        StatusCode::OK,
        FormErrors::none(),
        &OrganisationForm::default(),
    )
    .await
}

struct OrganisationsPage<'a> {
    state: &'a AppState,
    req: &'a HttpRequest,
    actor: &'a Actor,
}

impl OrganisationsPage<'_> {
    async fn show(
        &self,
        at: Pagination,
        status: StatusCode,
        errors: FormErrors,
        form: &OrganisationForm,
    ) -> Result<HttpResponse, PageError> {
        let listed = service::list(self.state, self.actor, at)
            .await
            .or_page(self.req)?;
        let pending = service::awaiting_approval(self.state, self.actor)
            .await
            .or_page(self.req)?;
        let mut ctx = tera::Context::new();
        ctx.insert("pending", &pending);
        ctx.insert("organisations", &listed);
        ctx.insert("kinds", &kinds());
        errors.add_to(&mut ctx);
        ctx.insert("form", form);
        Ok(page_with_status(
            self.req,
            Some(self.actor),
            status,
            "admin/organisations.html",
            ctx,
        ))
    }
}

/// The add-an-organisation form as submitted.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct OrganisationForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
}

pub async fn create_organisation_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<OrganisationForm>,
) -> Result<HttpResponse, PageError> {
    policy::may_create_organisation(&actor).or_page(&req)?;
    let created = match OrganisationKind::from_code(&form.kind) {
        Some(kind) => {
            let new = NewOrganisation {
                name: form.name.clone(),
                kind,
                living_wage_accredited: false,
            };
            service::create(&state, &actor, new).await
        }
        // The name's fault too, so an empty form lists both at once.
        None => Err(AppError::all_of(
            crate::types::parse_name(&form.name, "name", service::MAX_NAME)
                .err()
                .into_iter()
                .chain([AppError::invalid(
                    "kind",
                    "Select what kind of organisation this is",
                )])
                .collect(),
        )),
    };
    match created {
        Ok(organisation) => Ok(see_other(
            &req,
            &format!("/admin/organisations/{}", organisation.id),
            Some(&format!(
                "{} was added. Now add its people.",
                organisation.name
            )),
        )),
        Err(e) if e.field().is_some() => {
            let page = OrganisationsPage {
                state: &state,
                req: &req,
                actor: &actor,
            };
            let first = Pagination::parse(&PageQuery::default()).or_page(&req)?;
            page.show(first, e.status_code(), FormErrors::of(&e), &form)
                .await
        }
        Err(e) => Err(PageError::new(&req, e)),
    }
}

/// The add-a-person form as submitted.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct MemberForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    password: String,
}

/// One organisation as its admin page shows it, with the add-a-person form's state.
struct OrganisationPage<'a> {
    state: &'a AppState,
    req: &'a HttpRequest,
    actor: &'a Actor,
    id: OrganisationId,
}

/// What the add-a-person form shows: its fields, their faults, and a generated password
/// (shown once, on this page, never stored in clear).
#[derive(Default)]
struct MemberFormState {
    form: MemberForm,
    errors: FormErrors,
    generated: Option<(String, String)>,
    /// The accreditation form as sent, when it comes back with errors (in `errors` too:
    /// its fields are named apart from the add-a-person form's).
    accreditation: Option<AccreditationForm>,
}

impl OrganisationPage<'_> {
    async fn show(
        &self,
        status: StatusCode,
        shown: MemberFormState,
    ) -> Result<HttpResponse, PageError> {
        let (organisation, members) = service::members(self.state, self.actor, self.id.clone())
            .await
            .or_page(self.req)?;
        let agencies = if organisation.kind == OrganisationKind::Employer {
            service::agency_links(self.state, self.actor, self.id.clone())
                .await
                .or_page(self.req)?
        } else {
            vec![]
        };
        let mut ctx = tera::Context::new();
        ctx.insert("links", &agencies);
        ctx.insert(
            "answer_action",
            &format!("/admin/organisations/{}/agencies", self.id),
        );
        ctx.insert("roles", &roles_for(organisation.kind));
        ctx.insert("kind_label", organisation.kind.label());
        ctx.insert("organisation", &organisation);
        ctx.insert("members", &members);
        shown.errors.add_to(&mut ctx);
        ctx.insert("form", &shown.form);
        ctx.insert("generated", &shown.generated);
        let today = self.state.today().to_string();
        let accreditation = shown.accreditation.unwrap_or(AccreditationForm {
            accredited: String::new(),
            verified_on: today.clone(),
            note: String::new(),
        });
        ctx.insert("accreditation", &accreditation);
        ctx.insert("today", &today);
        Ok(page_with_status(
            self.req,
            Some(self.actor),
            status,
            "admin/organisation.html",
            ctx,
        ))
    }
}

/// One organisation for an admin: its details, its people and the form to add one.
pub async fn organisation_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    path: web::Path<OrganisationId>,
) -> Result<HttpResponse, PageError> {
    policy::may_list_organisations(&actor).or_page(&req)?;
    let page = OrganisationPage {
        state: &state,
        req: &req,
        actor: &actor,
        id: path.into_inner(),
    };
    page.show(StatusCode::OK, MemberFormState::default()).await
}

pub async fn create_member_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    path: web::Path<OrganisationId>,
    CsrfForm(form): CsrfForm<MemberForm>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    policy::may_create_user(&actor, &id).or_page(&req)?;
    let created = match Role::from_code(&form.role) {
        Some(role) => {
            let new = NewMember {
                email: form.email.clone(),
                display_name: form.display_name.clone(),
                role,
                password: (!form.password.is_empty()).then(|| form.password.clone()),
            };
            service::create_member(&state, &actor, id.clone(), new).await
        }
        None => Err(AppError::invalid("role", "Choose the person's role.")),
    };
    let page = OrganisationPage {
        state: &state,
        req: &req,
        actor: &actor,
        id: id.clone(),
    };
    match created {
        Ok(created) => match created.generated_password {
            Some(password) => {
                let shown = MemberFormState {
                    generated: Some((created.user.email, password)),
                    ..MemberFormState::default()
                };
                page.show(StatusCode::OK, shown).await
            }
            None => Ok(see_other(
                &req,
                &format!("/admin/organisations/{id}"),
                Some(&format!("{} can now log in.", created.user.email)),
            )),
        },
        Err(e) if e.field().is_some() => {
            let shown = MemberFormState {
                errors: FormErrors::of(&e),
                form: MemberForm {
                    password: String::new(),
                    ..form
                },
                ..MemberFormState::default()
            };
            page.show(e.status_code(), shown).await
        }
        Err(e) => Err(PageError::new(&req, e)),
    }
}

/// The accreditation form on an employer's admin page.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct AccreditationForm {
    /// "yes" to record verified accreditation, "no" to withdraw it.
    #[serde(default)]
    accredited: String,
    #[serde(default)]
    verified_on: String,
    #[serde(default)]
    note: String,
}

/// An admin records an employer's accreditation as verified, or withdraws it.
pub async fn accreditation_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    path: web::Path<OrganisationId>,
    CsrfForm(form): CsrfForm<AccreditationForm>,
) -> Result<HttpResponse, PageError> {
    policy::may_verify_accreditation(&actor).or_page(&req)?;
    let id = path.into_inner();
    let decided = match (form.accredited.as_str(), form.verified_on.trim()) {
        ("yes" | "no", "") => Ok(None),
        ("yes" | "no", date) => date.parse().map(Some).map_err(|_| {
            AppError::invalid(
                "verified_on",
                "Date you verified it must be a real date, like 2026-11-28",
            )
        }),
        _ => Err(AppError::invalid(
            "accredited",
            "Select whether the employer is accredited",
        )),
    };
    let saved = match decided {
        Ok(verified_on) => {
            let decision = AccreditationDecision {
                accredited: form.accredited == "yes",
                verified_on,
                note: form.note.clone(),
            };
            service::verify_accreditation(&state, &actor, id.clone(), decision).await
        }
        Err(e) => Err(e),
    };
    match saved {
        Ok(organisation) => Ok(see_other(
            &req,
            &format!("/admin/organisations/{id}"),
            Some(&if organisation.living_wage_accredited {
                format!(
                    "{} is recorded as an accredited Living Wage employer.",
                    organisation.name
                )
            } else {
                format!("{} is not recorded as accredited.", organisation.name)
            }),
        )),
        Err(e) if e.field().is_some() => {
            let page = OrganisationPage {
                state: &state,
                req: &req,
                actor: &actor,
                id,
            };
            let mut errors = FormErrors::of(&e);
            // The summary's link goes to the first of the two answers.
            errors.anchor("accredited", "accredited-yes");
            let shown = MemberFormState {
                errors,
                accreditation: Some(form),
                ..MemberFormState::default()
            };
            page.show(e.status_code(), shown).await
        }
        Err(e) => Err(PageError::new(&req, e)),
    }
}
