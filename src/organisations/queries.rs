//! diesel queries for organisations, their members and agencies' clients.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::accounts::queries::UserRow;
use crate::db::DbConn;
use crate::error::AppError;
use crate::pagination::Pagination;
use crate::schema::{agency_clients, organisations, users};
use crate::types::{name_key, OrganisationId, OrganisationKind, Role};

/// An organisation as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = organisations)]
pub struct OrganisationRow {
    pub id: OrganisationId,
    pub name: String,
    pub kind: OrganisationKind,
    pub living_wage_accredited: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
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
        ))
        .execute(conn)?;
    Ok(())
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

/// How many organisations there are of each kind.
pub fn count_by_kind(conn: &mut DbConn) -> Result<Vec<(OrganisationKind, i64)>, AppError> {
    Ok(organisations::table
        .group_by(organisations::kind)
        .select((organisations::kind, diesel::dsl::count_star()))
        .order(organisations::kind.asc())
        .load(conn)?)
}

pub fn count_users(conn: &mut DbConn) -> Result<i64, AppError> {
    Ok(users::table.count().get_result(conn)?)
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
        .count()
        .get_result(conn)?)
}

/// The people of an organisation, by name.
pub fn members(conn: &mut DbConn, organisation: &OrganisationId) -> Result<Vec<UserRow>, AppError> {
    Ok(users::table
        .filter(users::organisation_id.eq(organisation))
        .order(users::display_name.asc())
        .select(UserRow::as_select())
        .load(conn)?)
}

/// The employers an agency may submit vacancies for.
pub fn agency_clients(
    conn: &mut DbConn,
    agency: &OrganisationId,
) -> Result<Vec<OrganisationRow>, AppError> {
    Ok(agency_clients::table
        .inner_join(organisations::table.on(organisations::id.eq(agency_clients::employer_id)))
        .filter(agency_clients::agency_id.eq(agency))
        .order(organisations::name.asc())
        .select(OrganisationRow::as_select())
        .load(conn)?)
}

/// Records an employer as an agency's client; recording it twice changes nothing.
pub fn add_agency_client(
    conn: &mut DbConn,
    agency: &OrganisationId,
    employer: &OrganisationId,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let exists: i64 = agency_clients::table
        .filter(agency_clients::agency_id.eq(agency))
        .filter(agency_clients::employer_id.eq(employer))
        .count()
        .get_result(conn)?;
    if exists == 0 {
        diesel::insert_into(agency_clients::table)
            .values((
                agency_clients::agency_id.eq(agency),
                agency_clients::employer_id.eq(employer),
                agency_clients::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Stops recording an employer as an agency's client.
pub fn remove_agency_client(
    conn: &mut DbConn,
    agency: &OrganisationId,
    employer: &OrganisationId,
) -> Result<(), AppError> {
    diesel::delete(
        agency_clients::table
            .filter(agency_clients::agency_id.eq(agency))
            .filter(agency_clients::employer_id.eq(employer)),
    )
    .execute(conn)?;
    Ok(())
}
