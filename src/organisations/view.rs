//! Organisations and their people as the API and pages show them, and what comes over the
//! wire to create or change them.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::accounts::queries::UserRow;
use crate::organisations::domain::ClientStatus;
use crate::organisations::queries::{ClientLinkRow, OrganisationRow};
use crate::types::{Approval, OrganisationId, OrganisationKind, Role};

/// An organisation as the API shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OrganisationView {
    #[schema(value_type = String)]
    pub id: OrganisationId,
    pub name: String,
    pub kind: OrganisationKind,
    /// Set only by Better Work's admins, once they have verified it.
    pub living_wage_accredited: bool,
    #[schema(value_type = String, format = DateTime)]
    #[serde(serialize_with = "crate::types::timestamp::utc")]
    pub created_at: NaiveDateTime,
    /// The date an admin verified the accreditation.
    #[schema(value_type = Option<String>, format = Date)]
    pub living_wage_verified_on: Option<NaiveDate>,
    /// How the admin verified it, or why they withdrew it.
    pub living_wage_note: Option<String>,
    /// When the employer asked for its accreditation to be verified, while that waits.
    #[schema(value_type = Option<String>, format = DateTime)]
    #[serde(serialize_with = "crate::types::timestamp::utc_or_null")]
    pub living_wage_requested_at: Option<NaiveDateTime>,
    pub living_wage_request_note: Option<String>,
    /// `pending` while an organisation that signed itself up waits for an admin.
    pub approval: Approval,
}

impl From<OrganisationRow> for OrganisationView {
    fn from(row: OrganisationRow) -> OrganisationView {
        OrganisationView {
            kind: row.kind,
            id: row.id,
            name: row.name,
            living_wage_accredited: row.living_wage_accredited,
            created_at: row.created_at,
            living_wage_verified_on: row.living_wage_verified_on,
            living_wage_note: row.living_wage_note,
            living_wage_requested_at: row.living_wage_requested_at,
            living_wage_request_note: row.living_wage_request_note,
            approval: row.approval,
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
    /// Only `false`: accreditation is recorded afterwards, with the date it was verified
    /// and a note (`PUT /api/v1/organisations/{id}/accreditation`).
    #[serde(default)]
    pub living_wage_accredited: bool,
}

/// Changes to an organisation; absent fields stay as they are.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationChanges {
    pub name: Option<String>,
    /// Refused: employers ask for accreditation, admins record it once verified.
    pub living_wage_accredited: Option<bool>,
}

/// An admin's decision on an employer's Living Wage accreditation.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccreditationDecision {
    /// `true` to record it as verified, `false` to withdraw it (or turn a request down).
    pub accredited: bool,
    /// The date it was verified (no later than today); needed when `accredited`.
    #[schema(value_type = Option<String>, format = Date)]
    pub verified_on: Option<NaiveDate>,
    /// How it was verified, or why it was withdrawn.
    pub note: String,
}

/// An employer asking Better Work to verify its Living Wage accreditation.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccreditationRequest {
    /// Anything that helps the check, e.g. since when it has been accredited.
    #[serde(default)]
    pub note: Option<String>,
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

/// An agency's link to a client employer, as the agency, the employer and admins see it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ClientLinkView {
    #[schema(value_type = String)]
    pub agency_id: OrganisationId,
    pub agency: String,
    #[schema(value_type = String)]
    pub employer_id: OrganisationId,
    pub employer: String,
    pub status: ClientStatus,
    pub status_label: &'static str,
    /// When the agency asked (or last asked again).
    #[schema(value_type = String, format = DateTime)]
    #[serde(serialize_with = "crate::types::timestamp::utc")]
    pub requested_at: NaiveDateTime,
    /// Who accepted or declined: their email, or "command line".
    pub decided_by: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    #[serde(serialize_with = "crate::types::timestamp::utc_or_null")]
    pub decided_at: Option<NaiveDateTime>,
}

impl ClientLinkView {
    /// The view of a stored link, given both organisations' names.
    pub fn new(row: ClientLinkRow, agency: String, employer: String) -> ClientLinkView {
        ClientLinkView {
            agency_id: row.agency_id,
            agency,
            employer_id: row.employer_id,
            employer,
            status: row.status,
            status_label: row.status.label(),
            requested_at: row.created_at,
            decided_by: row.decided_by,
            decided_at: row.decided_at,
        }
    }
}

/// An agency asking to become an employer's agency.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientRequest {
    /// The employer's name on Better Work.
    pub employer: String,
}
