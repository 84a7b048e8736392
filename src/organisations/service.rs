//! Use cases for organisations: create (idempotently from the CLI), rename, list members.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::Connection;
use serde::{Deserialize, Serialize};

use crate::accounts::queries::UserRow;
use crate::audit::{self, Who};
use crate::db::DbConn;
use crate::error::AppError;
use crate::organisations::queries::{self, OrganisationRow};
use crate::types::{parse_name, OrganisationId, OrganisationKind, Role};

/// Longest organisation name we accept.
const MAX_NAME: usize = 160;

/// An organisation as the API shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OrganisationView {
    #[schema(value_type = String)]
    pub id: OrganisationId,
    pub name: String,
    pub kind: OrganisationKind,
    pub living_wage_accredited: bool,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
}

impl OrganisationView {
    pub fn from_row(row: OrganisationRow) -> Result<OrganisationView, AppError> {
        Ok(OrganisationView {
            kind: row.kind()?,
            id: row.id,
            name: row.name,
            living_wage_accredited: row.living_wage_accredited,
            created_at: row.created_at,
        })
    }
}

/// A person in an organisation, as shown to those allowed to see the team.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MemberView {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub role_label: &'static str,
}

impl MemberView {
    pub fn from_row(row: UserRow) -> Result<MemberView, AppError> {
        let role: Role = row.role.parse().map_err(|_| {
            AppError::internal(anyhow::anyhow!("stored role {:?} is unknown", row.role))
        })?;
        Ok(MemberView {
            id: row.id.0,
            email: row.email,
            display_name: row.display_name,
            role,
            role_label: role.label(),
        })
    }
}

/// A new organisation as asked for.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrganisation {
    pub name: String,
    pub kind: OrganisationKind,
    #[serde(default)]
    pub living_wage_accredited: bool,
}

/// Changes to an organisation; absent fields stay as they are.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationChanges {
    pub name: Option<String>,
    pub living_wage_accredited: Option<bool>,
}

fn name_taken(name: &str) -> AppError {
    AppError::Conflict {
        field: "name".into(),
        message: format!("An organisation called {name} already exists."),
    }
}

/// Creates an organisation; a name already in use is a conflict.
pub fn create(
    conn: &mut DbConn,
    new: NewOrganisation,
    who: &Who,
    now: DateTime<Utc>,
) -> Result<OrganisationRow, AppError> {
    let name = parse_name(&new.name, "name", MAX_NAME)?;
    conn.transaction(|conn| {
        if queries::find_by_name(conn, &name)?.is_some() {
            return Err(name_taken(&name));
        }
        let row = OrganisationRow {
            id: OrganisationId::generate(),
            name,
            kind: new.kind.as_str().to_string(),
            living_wage_accredited: new.living_wage_accredited,
            created_at: now.naive_utc(),
            updated_at: now.naive_utc(),
        };
        queries::insert(conn, &row)?;
        audit::record(
            conn,
            who,
            "create",
            "organisation",
            &row.id.0,
            Some(&row.name),
        )?;
        Ok(row)
    })
}

/// Finds the organisation called `name`, creating it when there is none: running the same
/// command twice is harmless. The same name with another kind is refused.
pub fn ensure(
    conn: &mut DbConn,
    name: &str,
    kind: OrganisationKind,
    who: &Who,
    now: DateTime<Utc>,
) -> Result<(OrganisationRow, bool), AppError> {
    let clean = parse_name(name, "name", MAX_NAME)?;
    if let Some(existing) = queries::find_by_name(conn, &clean)? {
        let existing_kind = existing.kind()?;
        if existing_kind != kind {
            return Err(AppError::Conflict {
                field: "kind".into(),
                message: format!("{clean} already exists as {existing_kind}, not {kind}."),
            });
        }
        return Ok((existing, false));
    }
    let new = NewOrganisation {
        name: clean,
        kind,
        living_wage_accredited: false,
    };
    create(conn, new, who, now).map(|row| (row, true))
}

/// Applies changes to an organisation.
pub fn change(
    conn: &mut DbConn,
    id: &OrganisationId,
    changes: OrganisationChanges,
    who: &Who,
    now: DateTime<Utc>,
) -> Result<OrganisationRow, AppError> {
    conn.transaction(|conn| {
        let mut row = queries::find(conn, id)?;
        if let Some(name) = changes.name {
            let name = parse_name(&name, "name", MAX_NAME)?;
            if name != row.name && queries::find_by_name(conn, &name)?.is_some() {
                return Err(name_taken(&name));
            }
            row.name = name;
        }
        if let Some(accredited) = changes.living_wage_accredited {
            row.living_wage_accredited = accredited;
        }
        row.updated_at = now.naive_utc();
        queries::update(conn, &row)?;
        audit::record(conn, who, "change", "organisation", &row.id.0, None)?;
        Ok(row)
    })
}

/// The team of an organisation; reading it is recorded, as it lists people's details.
pub fn members(
    conn: &mut DbConn,
    id: &OrganisationId,
    who: &Who,
) -> Result<Vec<MemberView>, AppError> {
    let rows = queries::members(conn, id)?;
    audit::record(conn, who, "read", "organisation_members", &id.0, None)?;
    rows.into_iter().map(MemberView::from_row).collect()
}
