//! An admin's work on other people's accounts: see one, change their name, email and role
//! (within what their organisation's kind allows), remove them.

use serde::Serialize;

use super::{email_taken, required, user_record, Faults, Whose, MAX_NAME};
use crate::access::{policy, Actor};
use crate::accounts::queries::{self, UserRow};
use crate::audit::{self, AuditAction, Who};
use crate::db::DbConn;
use crate::error::AppError;
use crate::organisations::queries::{self as organisation_queries, OrganisationRow};
use crate::types::{parse_name, Email, OrganisationId, OrganisationKind, Role, UserId};
use crate::AppState;

/// A person as an admin sees them, with the roles their organisation's kind allows.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub role_label: &'static str,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub organisation_kind: OrganisationKind,
    /// (code, label) of each role the person may be given.
    pub roles: Vec<(&'static str, &'static str)>,
}

impl PersonView {
    fn new(user: UserRow, organisation: OrganisationRow) -> PersonView {
        PersonView {
            id: user.id,
            email: user.email,
            display_name: user.display_name,
            role: user.role,
            role_label: user.role.label(),
            roles: Role::ALL
                .iter()
                .filter(|r| r.fits(organisation.kind))
                .map(|r| (r.code(), r.label()))
                .collect(),
            organisation_id: organisation.id,
            organisation_name: organisation.name,
            organisation_kind: organisation.kind,
        }
    }
}

/// What an admin changes about a person, as the form sends it.
#[derive(Debug, Clone, Default)]
pub struct PersonChanges {
    pub display_name: String,
    pub email: String,
    /// A role's code.
    pub role: String,
}

fn person_not_found() -> AppError {
    AppError::NotFound {
        code: "person_not_found",
        what: "Person",
    }
}

/// A person who has not been removed, with their organisation.
fn find_person(conn: &mut DbConn, id: &UserId) -> Result<(UserRow, OrganisationRow), AppError> {
    let user = queries::find_user(conn, id)?.ok_or_else(person_not_found)?;
    let organisation = organisation_queries::find(conn, &user.organisation_id)?;
    Ok((user, organisation))
}

/// Refuses to leave the platform without an admin: someone must be able to approve
/// sign-ups and reset passwords. Admins take turns here, so two removing each other at
/// once cannot both succeed.
fn keep_an_admin(conn: &mut DbConn, user: &UserRow) -> Result<(), AppError> {
    if user.role != Role::Admin {
        return Ok(());
    }
    queries::take_turns(conn, &["the platform's admins".to_string()])?;
    if queries::count_in_role(conn, Role::Admin)? <= 1 {
        return Err(AppError::Forbidden(format!(
            "{} is the last admin of Better Work. Add another admin first.",
            user.display_name
        )));
    }
    Ok(())
}

/// One person, for an admin; reading it is recorded, as reading a team is.
pub async fn person(state: &AppState, actor: &Actor, id: UserId) -> Result<PersonView, AppError> {
    policy::may_manage_accounts(actor)?;
    let (who, now) = (Who::of(actor), state.now());
    state
        .db
        .write(move |conn| {
            let (user, organisation) = find_person(conn, &id)?;
            audit::record(conn, &who, AuditAction::Read, user_record(&id), None, now)?;
            Ok(PersonView::new(user, organisation))
        })
        .await
}

/// Changes a person's name, email and role. The role must fit their organisation; an email
/// belongs to one account. Their sessions carry on: who they are is read afresh on every
/// request, so a new role applies at once.
pub async fn change_person(
    state: &AppState,
    actor: &Actor,
    id: UserId,
    changes: PersonChanges,
) -> Result<PersonView, AppError> {
    policy::may_manage_accounts(actor)?;
    let (who, now) = (Who::of(actor), state.now());
    state
        .db
        .write(move |conn| {
            let (old, organisation) = find_person(conn, &id)?;
            let mut faults = Faults::default();
            let (no_name, no_email) = Whose::Theirs.missing();
            let name = faults.check(
                required(&changes.display_name, "display_name", no_name)
                    .and_then(|()| parse_name(&changes.display_name, "display_name", MAX_NAME)),
            );
            let email = faults.check(
                required(&changes.email, "email", no_email)
                    .and_then(|()| Email::parse(&changes.email, "email")),
            );
            let role = match Role::from_code(&changes.role) {
                Some(role) if role.fits(organisation.kind) => Some(role),
                _ => {
                    let roles: Vec<&str> = PersonView::new(old.clone(), organisation.clone())
                        .roles
                        .iter()
                        .map(|(_, label)| *label)
                        .collect();
                    faults.add(AppError::invalid(
                        "role",
                        format!(
                            "Select a role for someone at {}: {}",
                            organisation.name,
                            roles.join(" or ")
                        ),
                    ));
                    None
                }
            };
            if let Some(email) = &email {
                if let Some(other) = queries::find_user_by_email(conn, email.as_str())? {
                    if other.id != old.id {
                        faults.add(email_taken(email));
                    }
                }
            }
            faults.finish()?;
            let (Some(name), Some(email), Some(role)) = (name, email, role) else {
                return Err(AppError::internal(anyhow::anyhow!(
                    "checked changes lost a field"
                )));
            };
            if role != old.role {
                keep_an_admin(conn, &old)?;
            }
            let changed: Vec<&str> = [
                (name != old.display_name).then_some("name"),
                (email.as_str() != old.email).then_some("email"),
                (role != old.role).then_some("role"),
            ]
            .into_iter()
            .flatten()
            .collect();
            let user = UserRow {
                display_name: name,
                email: email.as_str().to_string(),
                role,
                ..old
            };
            if !changed.is_empty() {
                queries::update_details(conn, &user, now.naive_utc())?;
                let detail = changed.join(", ");
                let record = user_record(&user.id);
                audit::record(conn, &who, AuditAction::Change, record, Some(&detail), now)?;
            }
            Ok(PersonView::new(user, organisation))
        })
        .await
}

/// Removes a person: they can no longer log in, their sessions end and any password reset
/// link stops working. What they did stays in the audit trail under their name. Nobody
/// removes themselves, and the last admin stays.
pub async fn remove_person(
    state: &AppState,
    actor: &Actor,
    id: UserId,
) -> Result<PersonView, AppError> {
    policy::may_remove_account(actor, &id)?;
    let (who, now) = (Who::of(actor), state.now());
    state
        .db
        .write(move |conn| {
            let (user, organisation) = find_person(conn, &id)?;
            keep_an_admin(conn, &user)?;
            queries::remove(conn, &user, now.naive_utc())?;
            let detail = format!("{} <{}>", user.display_name, user.email);
            let record = user_record(&user.id);
            audit::record(conn, &who, AuditAction::Remove, record, Some(&detail), now)?;
            Ok(PersonView::new(user, organisation))
        })
        .await
}
