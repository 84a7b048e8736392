//! Organisation pages for admins and for an organisation's own people, and the JSON API.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::access::{policy, Actor};
use crate::accounts::service::{create_account, NewAccount};
use crate::audit::Who;
use crate::error::{AppError, ErrorEnvelope};
use crate::organisations::queries;
use crate::organisations::service::{
    self, MemberView, NewOrganisation, OrganisationChanges, OrganisationView,
};
use crate::pagination::PageQuery;
use crate::pagination::{Paged, Pagination};
use crate::types::{OrganisationId, OrganisationKind, Role};
use crate::web::PageActor;
use crate::web::{
    form_errors, page, page_with_status, see_other, ApiJson, CsrfForm, OrPage, PageError,
};
use crate::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/organisations", web::get().to(list_organisations))
        .route("/api/v1/organisations", web::post().to(create_organisation))
        .route(
            "/api/v1/organisations/{id}",
            web::get().to(get_organisation),
        )
        .route(
            "/api/v1/organisations/{id}",
            web::patch().to(change_organisation),
        )
        .route(
            "/api/v1/organisations/{id}/users",
            web::get().to(list_members),
        )
        .route(
            "/api/v1/organisations/{id}/users",
            web::post().to(create_member),
        )
        .route("/admin/organisations", web::get().to(organisations_page))
        .route(
            "/admin/organisations",
            web::post().to(create_organisation_form),
        )
        .route(
            "/admin/organisations/{id}",
            web::get().to(organisation_page),
        )
        .route(
            "/admin/organisations/{id}/users",
            web::post().to(create_member_form),
        )
        .route("/organisation", web::get().to(own_organisation_page))
        .route("/organisation", web::post().to(own_organisation_form));
}

fn views(rows: Vec<queries::OrganisationRow>) -> Result<Vec<OrganisationView>, AppError> {
    rows.into_iter().map(OrganisationView::from_row).collect()
}

/// Every organisation on the platform (admins only).
#[utoipa::path(get, path = "/api/v1/organisations", tag = "organisations", params(PageQuery),
    responses((status = 200, body = inline(Paged<OrganisationView>)), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn list_organisations(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<PageQuery>,
) -> Result<web::Json<Paged<OrganisationView>>, AppError> {
    policy::may_list_organisations(&actor)?;
    let at = Pagination::parse(&query)?;
    let (rows, total) = state.db.run(move |conn| queries::list(conn, at)).await?;
    Ok(web::Json(Paged::new(views(rows)?, at, total)))
}

/// Creates an organisation (admins only).
#[utoipa::path(post, path = "/api/v1/organisations", tag = "organisations", request_body = NewOrganisation,
    responses((status = 201, body = OrganisationView), (status = 403, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn create_organisation(
    state: web::Data<AppState>,
    req: HttpRequest,
    actor: Actor,
    body: ApiJson<NewOrganisation>,
) -> Result<HttpResponse, AppError> {
    policy::may_create_organisation(&actor)?;
    let who = Who::actor(&actor, &req);
    let row = state
        .db
        .run(move |conn| service::create(conn, body.into_inner(), &who, Utc::now()))
        .await?;
    Ok(HttpResponse::Created().json(OrganisationView::from_row(row)?))
}

fn organisation_id(path: web::Path<String>) -> OrganisationId {
    OrganisationId(path.into_inner())
}

/// One organisation: its own people, or an admin.
#[utoipa::path(get, path = "/api/v1/organisations/{id}", tag = "organisations",
    responses((status = 200, body = OrganisationView), (status = 404, body = ErrorEnvelope)), security(("bearer" = [])))]
pub async fn get_organisation(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<String>,
) -> Result<web::Json<OrganisationView>, AppError> {
    let id = organisation_id(path);
    policy::may_read_organisation(&actor, &id)?;
    let row = state.db.run(move |conn| queries::find(conn, &id)).await?;
    Ok(web::Json(OrganisationView::from_row(row)?))
}

/// Renames an organisation or records its Living Wage accreditation.
#[utoipa::path(patch, path = "/api/v1/organisations/{id}", tag = "organisations", request_body = OrganisationChanges,
    responses((status = 200, body = OrganisationView), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn change_organisation(
    state: web::Data<AppState>,
    req: HttpRequest,
    actor: Actor,
    path: web::Path<String>,
    body: ApiJson<OrganisationChanges>,
) -> Result<web::Json<OrganisationView>, AppError> {
    let id = organisation_id(path);
    policy::may_change_organisation(&actor, &id)?;
    let who = Who::actor(&actor, &req);
    let row = state
        .db
        .run(move |conn| service::change(conn, &id, body.into_inner(), &who, Utc::now()))
        .await?;
    Ok(web::Json(OrganisationView::from_row(row)?))
}

/// The people of an organisation.
#[utoipa::path(get, path = "/api/v1/organisations/{id}/users", tag = "organisations",
    responses((status = 200, body = Vec<MemberView>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn list_members(
    state: web::Data<AppState>,
    req: HttpRequest,
    actor: Actor,
    path: web::Path<String>,
) -> Result<web::Json<Vec<MemberView>>, AppError> {
    let id = organisation_id(path);
    policy::may_list_members(&actor, &id)?;
    let who = Who::actor(&actor, &req);
    let members = state
        .db
        .run(move |conn| {
            queries::find(conn, &id)?;
            service::members(conn, &id, &who)
        })
        .await?;
    Ok(web::Json(members))
}

/// An account to create in an organisation.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// At least 12 characters; leave out to have a strong one generated and returned once.
    pub password: Option<String>,
}

/// A created account, with its generated password when one was generated.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CreatedMember {
    pub user: MemberView,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generated_password: Option<String>,
}

/// Creates an account in an organisation (admins only).
#[utoipa::path(post, path = "/api/v1/organisations/{id}/users", tag = "organisations", request_body = NewMember,
    responses((status = 201, body = CreatedMember), (status = 403, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn create_member(
    state: web::Data<AppState>,
    req: HttpRequest,
    actor: Actor,
    path: web::Path<String>,
    body: ApiJson<NewMember>,
) -> Result<HttpResponse, AppError> {
    let id = organisation_id(path);
    policy::may_create_user(&actor, &id)?;
    let who = Who::actor(&actor, &req);
    let new = body.into_inner();
    let created = state
        .db
        .run(move |conn| {
            let organisation = queries::find(conn, &id)?;
            let account = NewAccount {
                email: new.email,
                display_name: new.display_name,
                role: new.role,
                password: new.password,
            };
            create_account(conn, &organisation, account, &who, Utc::now())
        })
        .await?;
    Ok(HttpResponse::Created().json(CreatedMember {
        user: MemberView::from_row(created.user)?,
        generated_password: created.generated_password,
    }))
}

// ----- pages -----

fn kinds() -> Vec<(&'static str, &'static str)> {
    OrganisationKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.label()))
        .collect()
}

fn roles_for(kind: OrganisationKind) -> Vec<(&'static str, &'static str)> {
    Role::ALL
        .iter()
        .filter(|r| r.fits(kind))
        .map(|r| (r.as_str(), r.label()))
        .collect()
}

/// The admin's list of organisations, with the form to add one.
pub async fn organisations_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, PageError> {
    policy::may_list_organisations(&actor).or_page(&req)?;
    let at = Pagination::parse(&query).or_page(&req)?;
    render_organisations(
        &state,
        &req,
        &actor,
        at,
        StatusCode::OK,
        HashMap::new(),
        &OrganisationForm::default(),
    )
    .await
}

async fn render_organisations(
    state: &AppState,
    req: &HttpRequest,
    actor: &Actor,
    at: Pagination,
    status: StatusCode,
    errors: HashMap<String, String>,
    form: &OrganisationForm,
) -> Result<HttpResponse, PageError> {
    let (rows, total) = state
        .db
        .run(move |conn| queries::list(conn, at))
        .await
        .or_page(req)?;
    let listed = Paged::new(views(rows).or_page(req)?, at, total);
    let mut ctx = tera::Context::new();
    ctx.insert("organisations", &listed);
    ctx.insert("kinds", &kinds());
    ctx.insert("errors", &errors);
    ctx.insert("form", form);
    Ok(page_with_status(
        req,
        Some(actor),
        status,
        "admin/organisations.html",
        ctx,
    ))
}

/// The add-an-organisation form as submitted.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct OrganisationForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    living_wage_accredited: Option<String>,
}

pub async fn create_organisation_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<OrganisationForm>,
) -> Result<HttpResponse, PageError> {
    policy::may_create_organisation(&actor).or_page(&req)?;
    let who = Who::actor(&actor, &req);
    let parsed = form
        .kind
        .parse::<OrganisationKind>()
        .map_err(|_| AppError::invalid("kind", "Choose what kind of organisation this is."));
    let result = match parsed {
        Ok(kind) => {
            let new = NewOrganisation {
                name: form.name.clone(),
                kind,
                living_wage_accredited: form.living_wage_accredited.is_some(),
            };
            state
                .db
                .run(move |conn| service::create(conn, new, &who, Utc::now()))
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(row) => Ok(see_other(
            &req,
            &format!("/admin/organisations/{}", row.id),
            Some(&format!("{} was added. Now add its people.", row.name)),
        )),
        Err(e) if e.field().is_some() => {
            let at = Pagination {
                page: 1,
                per_page: crate::pagination::DEFAULT_PER_PAGE,
            };
            render_organisations(
                &state,
                &req,
                &actor,
                at,
                e.status_code(),
                form_errors(&e),
                &form,
            )
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

/// One organisation for an admin: its details, its people and the form to add one.
pub async fn organisation_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = organisation_id(path);
    policy::may_list_organisations(&actor).or_page(&req)?;
    render_organisation(
        &state,
        &req,
        &actor,
        id,
        StatusCode::OK,
        HashMap::new(),
        &MemberForm::default(),
        None,
    )
    .await
}

#[expect(clippy::too_many_arguments, reason = "one page with its form state")]
async fn render_organisation(
    state: &AppState,
    req: &HttpRequest,
    actor: &Actor,
    id: OrganisationId,
    status: StatusCode,
    errors: HashMap<String, String>,
    form: &MemberForm,
    generated: Option<(String, String)>,
) -> Result<HttpResponse, PageError> {
    let who = Who::actor(actor, req);
    let (row, members) = state
        .db
        .run(move |conn| {
            let row = queries::find(conn, &id)?;
            let members = service::members(conn, &id, &who)?;
            Ok((row, members))
        })
        .await
        .or_page(req)?;
    let kind = row.kind().or_page(req)?;
    let mut ctx = tera::Context::new();
    ctx.insert("roles", &roles_for(kind));
    ctx.insert(
        "organisation",
        &OrganisationView::from_row(row).or_page(req)?,
    );
    ctx.insert("kind_label", kind.label());
    ctx.insert("members", &members);
    ctx.insert("errors", &errors);
    ctx.insert("form", form);
    ctx.insert("generated", &generated);
    Ok(page_with_status(
        req,
        Some(actor),
        status,
        "admin/organisation.html",
        ctx,
    ))
}

pub async fn create_member_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<MemberForm>,
) -> Result<HttpResponse, PageError> {
    let id = organisation_id(path);
    policy::may_create_user(&actor, &id).or_page(&req)?;
    let who = Who::actor(&actor, &req);
    let role = form
        .role
        .parse::<Role>()
        .map_err(|_| AppError::invalid("role", "Choose the person's role."));
    let result = match role {
        Ok(role) => {
            let account = NewAccount {
                email: form.email.clone(),
                display_name: form.display_name.clone(),
                role,
                password: (!form.password.is_empty()).then(|| form.password.clone()),
            };
            let org = id.clone();
            state
                .db
                .run(move |conn| {
                    let organisation = queries::find(conn, &org)?;
                    create_account(conn, &organisation, account, &who, Utc::now())
                })
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(created) => {
            // A generated password is shown once, on this page, and never stored in clear.
            let generated = created
                .generated_password
                .map(|password| (created.user.email.clone(), password));
            match generated {
                Some(shown) => {
                    render_organisation(
                        &state,
                        &req,
                        &actor,
                        id,
                        StatusCode::OK,
                        HashMap::new(),
                        &MemberForm::default(),
                        Some(shown),
                    )
                    .await
                }
                None => Ok(see_other(
                    &req,
                    &format!("/admin/organisations/{id}"),
                    Some(&format!("{} can now log in.", created.user.email)),
                )),
            }
        }
        Err(e) if e.field().is_some() => {
            let form = MemberForm {
                password: String::new(),
                ..form
            };
            render_organisation(
                &state,
                &req,
                &actor,
                id,
                e.status_code(),
                form_errors(&e),
                &form,
                None,
            )
            .await
        }
        Err(e) => Err(PageError::new(&req, e)),
    }
}

/// An organisation's own page: its details, its team and, for agencies, their clients.
pub async fn own_organisation_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
) -> Result<HttpResponse, PageError> {
    let id = actor.organisation.id.clone();
    policy::may_list_members(&actor, &id).or_page(&req)?;
    let who = Who::actor(&actor, &req);
    let (row, members, clients) = state
        .db
        .run(move |conn| {
            let row = queries::find(conn, &id)?;
            let members = service::members(conn, &id, &who)?;
            let clients = queries::agency_clients(conn, &id)?;
            Ok((row, members, clients))
        })
        .await
        .or_page(&req)?;
    let mut ctx = tera::Context::new();
    ctx.insert(
        "organisation",
        &OrganisationView::from_row(row).or_page(&req)?,
    );
    ctx.insert("members", &members);
    ctx.insert("clients", &views(clients).or_page(&req)?);
    Ok(page(&req, Some(&actor), "organisations/own.html", ctx))
}

/// The Living Wage accreditation box on an organisation's own page.
#[derive(Debug, Deserialize)]
pub struct AccreditationForm {
    #[serde(default)]
    living_wage_accredited: Option<String>,
}

/// Employers record (or withdraw) their accreditation as Living Wage employers.
pub async fn own_organisation_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<AccreditationForm>,
) -> Result<HttpResponse, PageError> {
    let id = actor.organisation.id.clone();
    policy::may_change_organisation(&actor, &id).or_page(&req)?;
    let who = Who::actor(&actor, &req);
    let accredited = form.living_wage_accredited.is_some();
    let changes = OrganisationChanges {
        name: None,
        living_wage_accredited: Some(accredited),
    };
    state
        .db
        .run(move |conn| service::change(conn, &id, changes, &who, Utc::now()))
        .await
        .or_page(&req)?;
    let message = if accredited {
        "Recorded: you are an accredited Living Wage employer. Job seekers can search for you."
    } else {
        "Recorded: you are not an accredited Living Wage employer."
    };
    Ok(see_other(&req, "/organisation", Some(message)))
}
