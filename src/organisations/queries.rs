//! diesel queries for organisations, their members and agencies' clients.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::accounts::queries::UserRow;
use crate::db::DbConn;
use crate::error::AppError;
use crate::organisations::domain::ClientStatus;
use crate::pagination::Pagination;
use crate::schema::{agency_clients, organisations, users};
use crate::types::{name_key, Approval, OrganisationId, OrganisationKind, Role};

/// An organisation as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = organisations)]
pub struct OrganisationRow {
    pub id: OrganisationId,
    pub name: String,
    pub kind: OrganisationKind,
    /// Verified by an admin: only they set it, with the date and a note.
    pub living_wage_accredited: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub living_wage_verified_on: Option<NaiveDate>,
    /// How the admin verified (or why they withdrew) the accreditation.
    pub living_wage_note: Option<String>,
    /// When the employer asked for its accreditation to be verified, while that waits.
    pub living_wage_requested_at: Option<NaiveDateTime>,
    pub living_wage_request_note: Option<String>,
    /// Pending while an organisation that signed itself up waits for an admin.
    pub approval: Approval,
}

fn not_found() -> AppError {
    AppError::NotFound {
        code: "organisation_not_found",
        what: "Organisation",
    }
}

pub fn find(conn: &mut DbConn, id: &OrganisationId) -> Result<OrganisationRow, AppError> {
    organisations::table
        .find(id)
        .select(OrganisationRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(not_found)
}

pub fn find_by_name(conn: &mut DbConn, name: &str) -> Result<Option<OrganisationRow>, AppError> {
    Ok(organisations::table
        .filter(organisations::name.eq(name))
        .select(OrganisationRow::as_select())
        .first(conn)
        .optional()?)
}

/// The organisation whose name is the same as `name` once capitals, compatibility forms,
/// spacing and invisible characters are set aside (`types::name_key`).
pub fn find_by_name_key(
    conn: &mut DbConn,
    name: &str,
) -> Result<Option<OrganisationRow>, AppError> {
    Ok(organisations::table
        .filter(organisations::name_key.eq(name_key(name)))
        .select(OrganisationRow::as_select())
        .first(conn)
        .optional()?)
}

/// Gives every organisation stored before names had keys its key. A name that clashes
/// with another's key is left without one and logged, for an admin to rename.
pub fn fill_missing_name_keys(conn: &mut DbConn) -> Result<usize, AppError> {
    let missing: Vec<(OrganisationId, String)> = organisations::table
        .filter(organisations::name_key.is_null())
        .order((organisations::created_at.asc(), organisations::id.asc()))
        .select((organisations::id, organisations::name))
        .load(conn)?;
    let mut filled = 0;
    for (id, name) in missing {
        let key = name_key(&name);
        let taken: i64 = organisations::table
            .filter(organisations::name_key.eq(&key))
            .count()
            .get_result(conn)?;
        if taken > 0 {
            tracing::warn!(organisation = %id, name, "organisation name looks like another's: rename it");
            continue;
        }
        diesel::update(organisations::table.find(&id))
            .set(organisations::name_key.eq(&key))
            .execute(conn)?;
        filled += 1;
    }
    Ok(filled)
}

pub fn insert(conn: &mut DbConn, row: &OrganisationRow) -> Result<(), AppError> {
    diesel::insert_into(organisations::table)
        .values((
            organisations::id.eq(&row.id),
            organisations::name.eq(&row.name),
            organisations::name_key.eq(name_key(&row.name)),
            organisations::kind.eq(&row.kind),
            organisations::living_wage_accredited.eq(row.living_wage_accredited),
            organisations::created_at.eq(row.created_at),
            organisations::updated_at.eq(row.updated_at),
            organisations::living_wage_verified_on.eq(row.living_wage_verified_on),
            organisations::living_wage_note.eq(&row.living_wage_note),
            organisations::living_wage_requested_at.eq(row.living_wage_requested_at),
            organisations::living_wage_request_note.eq(&row.living_wage_request_note),
            organisations::approval.eq(row.approval),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn update(conn: &mut DbConn, row: &OrganisationRow) -> Result<(), AppError> {
    diesel::update(organisations::table.find(&row.id))
        .set((
            organisations::name.eq(&row.name),
            organisations::name_key.eq(name_key(&row.name)),
            organisations::living_wage_accredited.eq(row.living_wage_accredited),
            organisations::updated_at.eq(row.updated_at),
            organisations::living_wage_verified_on.eq(row.living_wage_verified_on),
            organisations::living_wage_note.eq(&row.living_wage_note),
            organisations::living_wage_requested_at.eq(row.living_wage_requested_at),
            organisations::living_wage_request_note.eq(&row.living_wage_request_note),
            organisations::approval.eq(row.approval),
        ))
        .execute(conn)?;
    Ok(())
}

/// Organisations waiting for an admin to approve their sign-up, oldest first.
pub fn awaiting_approval(conn: &mut DbConn) -> Result<Vec<OrganisationRow>, AppError> {
    let pending: Approval = Approval::Pending;
    Ok(organisations::table
        .filter(organisations::approval.eq(pending))
        .order((organisations::created_at.asc(), organisations::id.asc()))
        .select(OrganisationRow::as_select())
        .load(conn)?)
}

/// Organisations by name, a page at a time, with the total.
pub fn list(conn: &mut DbConn, at: Pagination) -> Result<(Vec<OrganisationRow>, i64), AppError> {
    let total = organisations::table.count().get_result(conn)?;
    let rows = organisations::table
        .order(organisations::name.asc())
        .limit(at.per_page)
        .offset(at.offset())
        .select(OrganisationRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// Organisations waiting for an admin to verify their accreditation, oldest request first.
pub fn accreditation_requests(conn: &mut DbConn) -> Result<Vec<OrganisationRow>, AppError> {
    Ok(organisations::table
        .filter(organisations::living_wage_requested_at.is_not_null())
        .order(organisations::living_wage_requested_at.asc())
        .select(OrganisationRow::as_select())
        .load(conn)?)
}

/// How many organisations there are of each kind.
pub fn count_by_kind(conn: &mut DbConn) -> Result<Vec<(OrganisationKind, i64)>, AppError> {
    Ok(organisations::table
        .group_by(organisations::kind)
        .select((organisations::kind, diesel::dsl::count_star()))
        .order(organisations::kind.asc())
        .load(conn)?)
}

pub fn count_users(conn: &mut DbConn) -> Result<i64, AppError> {
    Ok(users::table
        .filter(users::removed_at.is_null())
        .count()
        .get_result(conn)?)
}

/// How many people of an organisation have `role`.
pub fn count_members_in_role(
    conn: &mut DbConn,
    organisation: &OrganisationId,
    role: Role,
) -> Result<i64, AppError> {
    Ok(users::table
        .filter(users::organisation_id.eq(organisation))
        .filter(users::role.eq(role))
        .filter(users::removed_at.is_null())
        .count()
        .get_result(conn)?)
}

/// The people of an organisation, by name.
pub fn members(conn: &mut DbConn, organisation: &OrganisationId) -> Result<Vec<UserRow>, AppError> {
    Ok(users::table
        .filter(users::organisation_id.eq(organisation))
        .filter(users::removed_at.is_null())
        .order(users::display_name.asc())
        .select(UserRow::as_select())
        .load(conn)?)
}

/// An agency's link to an employer, as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = agency_clients)]
pub struct ClientLinkRow {
    pub agency_id: OrganisationId,
    pub employer_id: OrganisationId,
    pub created_at: NaiveDateTime,
    pub status: ClientStatus,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
}

/// The employers whose vacancies an agency may post and manage: those that accepted it.
#[diesel::dsl::auto_type]
pub fn accepted_clients_of(agency: OrganisationId) -> _ {
    let accepted: ClientStatus = ClientStatus::Accepted;
    agency_clients::table
        .filter(agency_clients::agency_id.eq(agency))
        .filter(agency_clients::status.eq(accepted))
        .select(agency_clients::employer_id)
}

/// The employers that accepted an agency as their agency, by name.
pub fn agency_clients(
    conn: &mut DbConn,
    agency: &OrganisationId,
) -> Result<Vec<OrganisationRow>, AppError> {
    Ok(organisations::table
        .filter(organisations::id.eq_any(accepted_clients_of(agency.clone())))
        .order(organisations::name.asc())
        .select(OrganisationRow::as_select())
        .load(conn)?)
}

/// Every link an agency has asked for, whatever its status, with the employer's name.
pub fn links_of_agency(
    conn: &mut DbConn,
    agency: &OrganisationId,
) -> Result<Vec<(ClientLinkRow, String)>, AppError> {
    Ok(agency_clients::table
        .inner_join(organisations::table.on(organisations::id.eq(agency_clients::employer_id)))
        .filter(agency_clients::agency_id.eq(agency))
        .order(organisations::name.asc())
        .select((ClientLinkRow::as_select(), organisations::name))
        .load(conn)?)
}

/// Every agency that asked to act for an employer, whatever the answer, with its name.
pub fn links_of_employer(
    conn: &mut DbConn,
    employer: &OrganisationId,
) -> Result<Vec<(ClientLinkRow, String)>, AppError> {
    Ok(agency_clients::table
        .inner_join(organisations::table.on(organisations::id.eq(agency_clients::agency_id)))
        .filter(agency_clients::employer_id.eq(employer))
        .order(organisations::name.asc())
        .select((ClientLinkRow::as_select(), organisations::name))
        .load(conn)?)
}

/// One agency's link to one employer, if there is one.
pub fn find_link(
    conn: &mut DbConn,
    agency: &OrganisationId,
    employer: &OrganisationId,
) -> Result<Option<ClientLinkRow>, AppError> {
    Ok(agency_clients::table
        .filter(agency_clients::agency_id.eq(agency))
        .filter(agency_clients::employer_id.eq(employer))
        .select(ClientLinkRow::as_select())
        .first(conn)
        .optional()?)
}

/// Stores a link as it now stands, adding it when it is new.
pub fn save_link(conn: &mut DbConn, link: &ClientLinkRow) -> Result<(), AppError> {
    let changed = diesel::update(
        agency_clients::table
            .filter(agency_clients::agency_id.eq(&link.agency_id))
            .filter(agency_clients::employer_id.eq(&link.employer_id)),
    )
    .set((
        agency_clients::created_at.eq(link.created_at),
        agency_clients::status.eq(link.status),
        agency_clients::decided_by.eq(&link.decided_by),
        agency_clients::decided_at.eq(link.decided_at),
    ))
    .execute(conn)?;
    if changed == 0 {
        diesel::insert_into(agency_clients::table)
            .values((
                agency_clients::agency_id.eq(&link.agency_id),
                agency_clients::employer_id.eq(&link.employer_id),
                agency_clients::created_at.eq(link.created_at),
                agency_clients::status.eq(link.status),
                agency_clients::decided_by.eq(&link.decided_by),
                agency_clients::decided_at.eq(link.decided_at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Ends an agency's link to an employer, whatever its status; whether there was one.
pub fn remove_link(
    conn: &mut DbConn,
    agency: &OrganisationId,
    employer: &OrganisationId,
) -> Result<bool, AppError> {
    let removed = diesel::delete(
        agency_clients::table
            .filter(agency_clients::agency_id.eq(agency))
            .filter(agency_clients::employer_id.eq(employer)),
    )
    .execute(conn)?;
    Ok(removed > 0)
}
