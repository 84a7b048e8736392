//! diesel queries for users, sessions and log-in attempts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::access::{Actor, OrganisationSummary};
use crate::db::DbConn;
use crate::error::AppError;
use crate::schema::{login_attempts, organisations, password_resets, revoked_sessions, users};
use crate::types::{Approval, OrganisationId, OrganisationKind, Role, UserId};

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
    /// When an admin removed the account; removed accounts are kept for the audit trail.
    pub removed_at: Option<NaiveDateTime>,
    /// Sessions issued at an older generation no longer work.
    pub session_generation: i32,
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

/// The account with `email`, unless it was removed.
pub fn find_user_by_email(conn: &mut DbConn, email: &str) -> Result<Option<UserRow>, AppError> {
    Ok(users::table
        .filter(users::email.eq(email))
        .filter(users::removed_at.is_null())
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

/// The account with `id`, unless it was removed.
pub fn find_user(conn: &mut DbConn, id: &UserId) -> Result<Option<UserRow>, AppError> {
    Ok(users::table
        .find(id)
        .filter(users::removed_at.is_null())
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

/// The actor behind a session: the user with their organisation. None when the account was
/// removed, its sessions were ended after this one was issued (`generation`), or its
/// organisation's sign-up was rejected.
pub fn find_actor(
    conn: &mut DbConn,
    user: &UserId,
    session_id: &str,
    generation: i32,
) -> Result<Option<Actor>, AppError> {
    type Organisation = (OrganisationId, String, OrganisationKind, Approval);
    let found: Option<(UserRow, Organisation)> = users::table
        .inner_join(organisations::table)
        .filter(users::id.eq(user))
        .filter(users::removed_at.is_null())
        .select((
            UserRow::as_select(),
            (
                organisations::id,
                organisations::name,
                organisations::kind,
                organisations::approval,
            ),
        ))
        .first(conn)
        .optional()?;
    let Some((user, (org_id, org_name, org_kind, approval))) = found else {
        return Ok(None);
    };
    if user.session_generation != generation || approval == Approval::Rejected {
        return Ok(None);
    }
    Ok(Some(Actor {
        role: user.role,
        organisation: OrganisationSummary {
            id: org_id,
            name: org_name,
            kind: org_kind,
            approval,
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
    take_turns(
        conn,
        &[
            format!("login email {email}"),
            format!("login address {ip}"),
        ],
    )
}

/// Makes transactions that name the same `keys` take turns until they end (see
/// `take_turns_for`): for a count that must not change between reading it and acting on it.
pub fn take_turns(conn: &mut DbConn, keys: &[String]) -> Result<(), AppError> {
    if let DbConn::Postgres(pg) = conn {
        for key in keys {
            diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext($1))")
                .bind::<diesel::sql_types::Text, _>(key)
                .execute(pg)?;
        }
    }
    Ok(())
}

/// Forgets the failed log-ins of an account, once its password has been reset.
pub fn forget_failures(conn: &mut DbConn, email: &str) -> Result<(), AppError> {
    diesel::delete(
        login_attempts::table
            .filter(login_attempts::email.eq(email))
            .filter(login_attempts::succeeded.eq(false)),
    )
    .execute(conn)?;
    Ok(())
}

/// Saves an account's name, email and role.
pub fn update_details(
    conn: &mut DbConn,
    user: &UserRow,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::update(users::table.find(&user.id))
        .set((
            users::email.eq(&user.email),
            users::display_name.eq(&user.display_name),
            users::role.eq(user.role),
            users::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Gives an account a new password hash and ends every session issued until now; the new
/// session generation.
pub fn set_password(
    conn: &mut DbConn,
    user: &UserRow,
    hash: &str,
    now: NaiveDateTime,
) -> Result<i32, AppError> {
    // Raised in SQL, not from `user`, so two changes at once cannot both land on one value.
    diesel::update(users::table.find(&user.id))
        .set((
            users::password_hash.eq(hash),
            users::session_generation.eq(users::session_generation + 1),
            users::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(users::table
        .find(&user.id)
        .select(users::session_generation)
        .first(conn)?)
}

/// Removes an account: it can no longer log in and its sessions end. The row stays, with
/// its name, so the audit trail can still say who did what; the email is freed (the removal's
/// audit entry keeps it) so the person can be added again later.
pub fn remove(conn: &mut DbConn, user: &UserRow, now: NaiveDateTime) -> Result<(), AppError> {
    diesel::delete(password_resets::table.filter(password_resets::user_id.eq(&user.id)))
        .execute(conn)?;
    diesel::update(users::table.find(&user.id))
        .set((
            users::email.eq(format!("removed-{}@removed.invalid", user.id)),
            // Not a hash any password can match.
            users::password_hash.eq("removed"),
            users::session_generation.eq(users::session_generation + 1),
            users::removed_at.eq(now),
            users::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// How many accounts have `role` on the whole platform.
pub fn count_in_role(conn: &mut DbConn, role: Role) -> Result<i64, AppError> {
    Ok(users::table
        .filter(users::role.eq(role))
        .filter(users::removed_at.is_null())
        .count()
        .get_result(conn)?)
}

/// Stores a password reset link (by the hash of its token), replacing any earlier one for
/// the same account: only the newest link works.
pub fn replace_reset(
    conn: &mut DbConn,
    token_hash: &str,
    user: &UserId,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::delete(password_resets::table.filter(password_resets::user_id.eq(user)))
        .execute(conn)?;
    diesel::insert_into(password_resets::table)
        .values((
            password_resets::token_hash.eq(token_hash),
            password_resets::user_id.eq(user),
            password_resets::created_at.eq(now),
            password_resets::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// The account a reset link still works for: not expired, not used, account not removed.
pub fn reset_holder(
    conn: &mut DbConn,
    token_hash: &str,
    now: NaiveDateTime,
) -> Result<Option<UserRow>, AppError> {
    Ok(password_resets::table
        .inner_join(users::table)
        .filter(password_resets::token_hash.eq(token_hash))
        .filter(password_resets::expires_at.gt(now))
        .filter(users::removed_at.is_null())
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

/// Uses up a reset link; whether it was still there to use. Deleting it is the test, so two
/// submissions racing with one link cannot both set a password.
pub fn use_reset(conn: &mut DbConn, token_hash: &str) -> Result<bool, AppError> {
    let deleted =
        diesel::delete(password_resets::table.filter(password_resets::token_hash.eq(token_hash)))
            .execute(conn)?;
    Ok(deleted == 1)
}
