//! The use cases for organisations and their people: list, create (idempotently from the
//! CLI), read, change, see the team, add a person; `links.rs` holds agencies' links to
//! their client employers. Each asks the access policy, runs one transaction and writes the
//! audit entry; the API, the pages, the demo seed and the CLI all come through here.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::access::{policy, Actor, OrganisationSummary};
use crate::accounts::service::{create_account_in, NewAccount};
use crate::audit::{self, AuditAction, Record, Who};
use crate::db::DbConn;
use crate::error::AppError;
use crate::organisations::queries::{self, OrganisationRow};
pub use crate::organisations::view::{
    AccreditationDecision, AccreditationRequest, ClientLinkView, ClientRequest, CreatedMember,
    MemberView, NewMember, NewOrganisation, OrganisationChanges, OrganisationView,
};
use crate::pagination::{Paged, Pagination};
use crate::types::{check_line, parse_name, Approval, OrganisationId, OrganisationKind, Role};
use crate::AppState;

mod accreditation;
mod approval;
mod links;

pub use accreditation::{accreditation_requests, ask_for_accreditation, verify_accreditation};
pub use approval::{awaiting_approval, decide_sign_up};
pub use links::{
    agency_links, answer_agency, ask_to_act_for, client_links, client_names, clients,
    remove_agency, stop_acting_for,
};

/// Longest organisation name we accept.
pub const MAX_NAME: usize = 160;

/// An organisation's own page: its details, its team and its client employers.
pub struct OwnOrganisation {
    pub organisation: OrganisationView,
    pub members: Vec<MemberView>,
    pub clients: Vec<OrganisationView>,
}

fn organisation_record(id: &OrganisationId) -> Record<'_> {
    Record {
        kind: "organisation",
        id: &id.0,
    }
}

/// `existing` is the name already stored that the new one looks like; `field` the field
/// that gave the new one.
fn name_taken(field: &str, existing: &str) -> AppError {
    AppError::Conflict {
        field: field.into(),
        message: format!(
            "An organisation called {existing} already exists. Names that differ only in capitals, spacing or invisible characters count as the same name."
        ),
    }
}

/// Every organisation on the platform, a page at a time.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    at: Pagination,
) -> Result<Paged<OrganisationView>, AppError> {
    policy::may_list_organisations(actor)?;
    let (rows, total) = state.db.run(move |conn| queries::list(conn, at)).await?;
    let views = rows.into_iter().map(OrganisationView::from).collect();
    Ok(Paged::new(views, at, total))
}

/// Creates an organisation; a name already in use is a conflict.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    new: NewOrganisation,
) -> Result<OrganisationView, AppError> {
    policy::may_create_organisation(actor)?;
    let (who, now) = (Who::of(actor), state.now());
    let row = state
        .db
        .write(move |conn| create_in(conn, new, &who, now))
        .await?;
    Ok(row.into())
}

fn create_in(
    conn: &mut DbConn,
    new: NewOrganisation,
    who: &Who,
    now: DateTime<Utc>,
) -> Result<OrganisationRow, AppError> {
    let name = parse_name(&new.name, "name", MAX_NAME)?;
    if new.living_wage_accredited {
        return Err(AppError::invalid(
            "living_wage_accredited",
            "living_wage_accredited: add the organisation first, then record its accreditation \
             with the date you verified it and a note.",
        ));
    }
    let row = insert_in(conn, name, new.kind, Approval::Approved, "name", now)?;
    let record = organisation_record(&row.id);
    audit::record(conn, who, AuditAction::Create, record, Some(&row.name), now)?;
    Ok(row)
}

/// Stores a new organisation called `name` (already checked), unless one with the same
/// name exists; `field` names the name's field for that conflict. Inside the caller's use
/// case, which writes the audit entry.
pub(crate) fn insert_in(
    conn: &mut DbConn,
    name: String,
    kind: OrganisationKind,
    approval: Approval,
    field: &str,
    now: DateTime<Utc>,
) -> Result<OrganisationRow, AppError> {
    if let Some(existing) = queries::find_by_name_key(conn, &name)? {
        return Err(name_taken(field, &existing.name));
    }
    let row = OrganisationRow {
        id: OrganisationId::generate(),
        name,
        kind,
        living_wage_accredited: false,
        created_at: now.naive_utc(),
        updated_at: now.naive_utc(),
        living_wage_verified_on: None,
        living_wage_note: None,
        living_wage_requested_at: None,
        living_wage_request_note: None,
        approval,
    };
    queries::insert(conn, &row)?;
    Ok(row)
}

/// Finds the organisation called `name`, creating it when there is none: running the same
/// command twice is harmless. The same name with another kind is refused. Whether it was
/// created comes back too.
pub async fn ensure(
    state: &AppState,
    actor: &Actor,
    name: &str,
    kind: OrganisationKind,
) -> Result<(OrganisationView, bool), AppError> {
    policy::may_create_organisation(actor)?;
    let clean = parse_name(name, "name", MAX_NAME)?;
    let (who, now) = (Who::of(actor), state.now());
    let (row, created) = state
        .db
        .write(move |conn| {
            if let Some(existing) = queries::find_by_name_key(conn, &clean)? {
                if existing.kind != kind {
                    return Err(AppError::Conflict {
                        field: "kind".into(),
                        message: format!(
                            "{clean} already exists as {}, not {kind}.",
                            existing.kind
                        ),
                    });
                }
                return Ok((existing, false));
            }
            let new = NewOrganisation {
                name: clean,
                kind,
                living_wage_accredited: false,
            };
            create_in(conn, new, &who, now).map(|row| (row, true))
        })
        .await?;
    Ok((row.into(), created))
}

/// One organisation, for its own people or an admin.
pub async fn get(
    state: &AppState,
    actor: &Actor,
    id: OrganisationId,
) -> Result<OrganisationView, AppError> {
    policy::may_read_organisation(actor, &id)?;
    let row = state.db.run(move |conn| queries::find(conn, &id)).await?;
    Ok(row.into())
}

/// Renames an organisation. Living Wage accreditation is not changed here: employers ask
/// for it and admins record it once verified (`accreditation.rs`), so sending it is refused.
pub async fn change(
    state: &AppState,
    actor: &Actor,
    id: OrganisationId,
    changes: OrganisationChanges,
) -> Result<OrganisationView, AppError> {
    policy::may_change_organisation(actor, &id)?;
    if changes.living_wage_accredited.is_some() {
        return Err(match policy::may_verify_accreditation(actor) {
            Ok(()) => AppError::invalid(
                "living_wage_accredited",
                format!(
                    "living_wage_accredited: record accreditation with PUT \
                     /api/v1/organisations/{id}/accreditation, giving the date you verified it \
                     and a note."
                ),
            ),
            Err(_) => AppError::Forbidden(format!(
                "living_wage_accredited: only Better Work's admins set it, once they have \
                 verified it. Ask for it with POST /api/v1/organisations/{id}/accreditation-request."
            )),
        });
    }
    let (who, now) = (Who::of(actor), state.now());
    let row = state
        .db
        .write(move |conn| {
            let mut row = queries::find(conn, &id)?;
            if let Some(name) = changes.name {
                let name = parse_name(&name, "name", MAX_NAME)?;
                if let Some(other) = queries::find_by_name_key(conn, &name)? {
                    if other.id != row.id {
                        return Err(name_taken("name", &other.name));
                    }
                }
                row.name = name;
            }
            row.updated_at = now.naive_utc();
            queries::update(conn, &row)?;
            let record = organisation_record(&row.id);
            audit::record(conn, &who, AuditAction::Change, record, None, now)?;
            Ok(row)
        })
        .await?;
    Ok(row.into())
}

/// Reads the team of an organisation, recording that it was read: it lists people.
fn members_in(
    conn: &mut DbConn,
    id: &OrganisationId,
    who: &Who,
    now: DateTime<Utc>,
) -> Result<Vec<MemberView>, AppError> {
    queries::find(conn, id)?;
    let rows = queries::members(conn, id)?;
    let record = Record {
        kind: "organisation_members",
        id: &id.0,
    };
    audit::record(conn, who, AuditAction::Read, record, None, now)?;
    Ok(rows.into_iter().map(MemberView::from).collect())
}

/// The team of an organisation, with the organisation.
pub async fn members(
    state: &AppState,
    actor: &Actor,
    id: OrganisationId,
) -> Result<(OrganisationView, Vec<MemberView>), AppError> {
    policy::may_list_members(actor, &id)?;
    let (who, now) = (Who::of(actor), state.now());
    let (row, members) = state
        .db
        .write(move |conn| {
            let members = members_in(conn, &id, &who, now)?;
            Ok((queries::find(conn, &id)?, members))
        })
        .await?;
    Ok((row.into(), members))
}

/// The actor's own organisation with its team and its client employers.
pub async fn own(state: &AppState, actor: &Actor) -> Result<OwnOrganisation, AppError> {
    let id = actor.organisation.id.clone();
    let (organisation, members) = members(state, actor, id.clone()).await?;
    let clients = state
        .db
        .run(move |conn| queries::agency_clients(conn, &id))
        .await?;
    Ok(OwnOrganisation {
        organisation,
        members,
        clients: clients.into_iter().map(OrganisationView::from).collect(),
    })
}

/// Creates an account in an organisation; the role must fit its kind.
pub async fn create_member(
    state: &AppState,
    actor: &Actor,
    id: OrganisationId,
    new: NewMember,
) -> Result<CreatedMember, AppError> {
    policy::may_create_user(actor, &id)?;
    let (who, now) = (Who::of(actor), state.now());
    let account = NewAccount {
        email: new.email,
        display_name: new.display_name,
        role: new.role,
        password: new.password,
    };
    let created = state
        .db
        .run(move |conn| {
            let organisation = queries::find(conn, &id)?;
            create_account_in(conn, &organisation, account, &who, now)
        })
        .await?;
    Ok(CreatedMember {
        user: created.user.into(),
        generated_password: created.generated_password,
    })
}

/// How many organisations of each kind the platform has, and how many people.
#[derive(Debug, Serialize)]
pub struct PlatformCounts {
    pub organisations_by_kind: Vec<(OrganisationKind, i64)>,
    pub users: i64,
}

/// The platform's counts, for its admins.
pub async fn platform_counts(state: &AppState, actor: &Actor) -> Result<PlatformCounts, AppError> {
    policy::may_list_organisations(actor)?;
    state
        .db
        .run(|conn| {
            Ok(PlatformCounts {
                organisations_by_kind: queries::count_by_kind(conn)?,
                users: queries::count_users(conn)?,
            })
        })
        .await
}

/// How many advisers the actor's own organisation has.
pub async fn adviser_count(state: &AppState, actor: &Actor) -> Result<i64, AppError> {
    let id = actor.organisation.id.clone();
    policy::may_list_members(actor, &id)?;
    state
        .db
        .run(move |conn| queries::count_members_in_role(conn, &id, Role::Adviser))
        .await
}

/// The organisation called `name`, which the command line names.
pub async fn named(state: &AppState, name: &str) -> Result<OrganisationView, AppError> {
    check_line(name, "org")?;
    let name_asked = name.to_string();
    let name = name.trim().to_string();
    let row = state
        .db
        .run(move |conn| queries::find_by_name(conn, &name))
        .await?;
    row.map(OrganisationView::from).ok_or_else(|| {
        AppError::invalid(
            "org",
            format!(
                "no organisation is called {name:?}; create it with create-org",
                name = name_asked
            ),
        )
    })
}

/// Someone at the command line posting vacancies for `organisation`.
pub fn poster_for(organisation: &OrganisationView) -> Result<Actor, AppError> {
    let role = match organisation.kind {
        OrganisationKind::Employer => Role::Employer,
        OrganisationKind::Agency => Role::Agency,
        kind => {
            return Err(AppError::invalid(
                "org",
                format!(
                    "{} is {kind}: only employers and agencies post vacancies.",
                    organisation.name
                ),
            ))
        }
    };
    let summary = OrganisationSummary {
        id: organisation.id.clone(),
        name: organisation.name.clone(),
        kind: organisation.kind,
        approval: organisation.approval,
    };
    Ok(Actor::command_line_for(summary, role))
}
