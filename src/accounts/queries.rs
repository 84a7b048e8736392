//! diesel queries for users, sessions and log-in attempts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::access::{Actor, OrganisationSummary};
use crate::db::DbConn;
use crate::error::AppError;
use crate::schema::{login_attempts, organisations, revoked_sessions, users};
use crate::types::{OrganisationId, OrganisationKind, Role, UserId};

/// A user as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: UserId,
    pub organisation_id: OrganisationId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A user to store.
#[derive(Insertable)]
#[diesel(table_name = users)]
pub struct NewUserRow<'a> {
    pub id: &'a UserId,
    pub organisation_id: &'a OrganisationId,
    pub email: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn find_user_by_email(conn: &mut DbConn, email: &str) -> Result<Option<UserRow>, AppError> {
    Ok(users::table
        .filter(users::email.eq(email))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn insert_user(conn: &mut DbConn, user: &NewUserRow<'_>) -> Result<(), AppError> {
    diesel::insert_into(users::table)
        .values(user)
        .execute(conn)?;
    Ok(())
}

/// The actor behind a session: the user with their organisation.
pub fn find_actor(
    conn: &mut DbConn,
    user: &UserId,
    session_id: &str,
) -> Result<Option<Actor>, AppError> {
    let found: Option<(UserRow, (OrganisationId, String, OrganisationKind))> = users::table
        .inner_join(organisations::table)
        .filter(users::id.eq(user))
        .select((
            UserRow::as_select(),
            (organisations::id, organisations::name, organisations::kind),
        ))
        .first(conn)
        .optional()?;
    let Some((user, (org_id, org_name, org_kind))) = found else {
        return Ok(None);
    };
    Ok(Some(Actor {
        role: user.role,
        organisation: OrganisationSummary {
            id: org_id,
            name: org_name,
            kind: org_kind,
        },
        user_id: user.id,
        email: user.email,
        display_name: user.display_name,
        session_id: session_id.to_string(),
        ip: None,
    }))
}

pub fn is_session_revoked(conn: &mut DbConn, session_id: &str) -> Result<bool, AppError> {
    let count: i64 = revoked_sessions::table
        .filter(revoked_sessions::session_id.eq(session_id))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Ends a session for good; entries are kept only while the token could still be presented.
pub fn revoke_session(
    conn: &mut DbConn,
    session_id: &str,
    expires_at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    conn.transaction(|conn| {
        diesel::delete(revoked_sessions::table.filter(revoked_sessions::expires_at.lt(now)))
            .execute(conn)?;
        if !is_session_revoked(conn, session_id)? {
            diesel::insert_into(revoked_sessions::table)
                .values((
                    revoked_sessions::session_id.eq(session_id),
                    revoked_sessions::expires_at.eq(expires_at),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}

/// Failed log-ins since `since`, for this account and from this address.
pub fn recent_failures(
    conn: &mut DbConn,
    email: &str,
    ip: &str,
    since: NaiveDateTime,
) -> Result<(i64, i64), AppError> {
    let failed = login_attempts::table
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::attempted_at.ge(since));
    let by_account = failed
        .filter(login_attempts::email.eq(email))
        .count()
        .get_result(conn)?;
    let by_address = failed
        .filter(login_attempts::ip.eq(ip))
        .count()
        .get_result(conn)?;
    Ok((by_account, by_address))
}

/// Records a log-in attempt as failed until `mark_succeeded` says otherwise; its id.
pub fn record_attempt(
    conn: &mut DbConn,
    email: &str,
    ip: &str,
    at: NaiveDateTime,
) -> Result<String, AppError> {
    let id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(login_attempts::table)
        .values((
            login_attempts::id.eq(&id),
            login_attempts::email.eq(email),
            login_attempts::ip.eq(ip),
            login_attempts::succeeded.eq(false),
            login_attempts::attempted_at.eq(at),
        ))
        .execute(conn)?;
    Ok(id)
}

/// The attempt had the right password.
pub fn mark_succeeded(conn: &mut DbConn, attempt: &str) -> Result<(), AppError> {
    diesel::update(login_attempts::table.find(attempt))
        .set(login_attempts::succeeded.eq(true))
        .execute(conn)?;
    Ok(())
}

/// Makes attempts on one account, or from one address, take turns until the transaction
/// ends, so that counting recent failures and recording a new attempt is one step.
/// SQLite's write transactions already take turns; PostgreSQL needs a lock, and an advisory
/// lock on the email and the address is the one that needs no row to exist: written per
/// backend for that reason.
pub fn take_turns_for(conn: &mut DbConn, email: &str, ip: &str) -> Result<(), AppError> {
    if let DbConn::Postgres(pg) = conn {
        for key in [
            format!("login email {email}"),
            format!("login address {ip}"),
        ] {
            diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext($1))")
                .bind::<diesel::sql_types::Text, _>(key)
                .execute(pg)?;
        }
    }
    Ok(())
}
