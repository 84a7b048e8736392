//! Organisations and their people as the API and pages show them, and what comes over the
//! wire to create or change them.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::accounts::queries::UserRow;
use crate::organisations::queries::OrganisationRow;
use crate::types::{OrganisationId, OrganisationKind, Role};

/// An organisation as the API shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OrganisationView {
    #[schema(value_type = String)]
    pub id: OrganisationId,
    pub name: String,
    pub kind: OrganisationKind,
    pub living_wage_accredited: bool,
    #[schema(value_type = String, format = DateTime)]
    #[serde(serialize_with = "crate::types::timestamp::utc")]
    pub created_at: NaiveDateTime,
}

impl From<OrganisationRow> for OrganisationView {
    fn from(row: OrganisationRow) -> OrganisationView {
        OrganisationView {
            kind: row.kind,
            id: row.id,
            name: row.name,
            living_wage_accredited: row.living_wage_accredited,
            created_at: row.created_at,
        }
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

impl From<UserRow> for MemberView {
    fn from(row: UserRow) -> MemberView {
        MemberView {
            id: row.id.0,
            email: row.email,
            display_name: row.display_name,
            role: row.role,
            role_label: row.role.label(),
        }
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
