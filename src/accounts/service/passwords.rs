//! Passwords after the account exists: a person changes their own, and an admin gives
//! someone a single-use link to set a new one.
//!
//! Better Work sends no email yet, so a reset link is shown once to the admin who made
//! it, for them to pass on; only a hash of its token is stored.

use chrono::{DateTime, Duration, Utc};
use ring::digest;

use super::{user_record, Faults, FAILURE_WINDOW_MINUTES, MAX_FAILURES};
use crate::access::tokens::IssuedToken;
use crate::access::{
    check_new_password, hash_password, policy, random_token, verify_password, Actor,
};
use crate::accounts::queries;
use crate::audit::{self, AuditAction, Who};
use crate::error::AppError;
use crate::types::UserId;
use crate::AppState;

/// How long a reset link works.
pub const RESET_LINK_HOURS: i64 = 24;

/// A new password, typed twice.
#[derive(Debug, Clone, Default)]
pub struct NewPassword {
    pub password: String,
    pub confirmation: String,
}

impl NewPassword {
    /// Notes what is wrong with it: the same rules as any password we accept, and the two
    /// copies must match.
    fn check(&self, faults: &mut Faults) {
        faults.check(check_new_password(&self.password, "password"));
        if self.confirmation.is_empty() {
            faults.add(AppError::invalid(
                "password_confirmation",
                "Enter your new password again",
            ));
        } else if self.confirmation != self.password {
            faults.add(AppError::invalid(
                "password_confirmation",
                "The passwords do not match: enter the same new password twice",
            ));
        }
    }
}

/// A reset link just made: the token is in the link and nowhere else.
#[derive(Debug)]
pub struct PasswordReset {
    pub person: super::PersonView,
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// Whom a reset link is for, to greet them on its page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ResetLinkHolder {
    pub display_name: String,
    pub email: String,
}

/// The token as stored: SHA-256 is enough for a random 256-bit token (nothing to guess, so
/// no need for a slow hash), and a database leak yields no working link.
fn token_hash(token: &str) -> String {
    digest::digest(&digest::SHA256, token.as_bytes())
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn link_not_found() -> AppError {
    AppError::NotFound {
        code: "password_reset_link_not_found",
        what: "Password reset link",
    }
}

/// Makes a single-use link with which `id` sets a new password, valid for
/// `RESET_LINK_HOURS`; any earlier link for them stops working. Their password and
/// sessions are untouched until the link is used.
pub async fn make_password_reset(
    state: &AppState,
    actor: &Actor,
    id: UserId,
) -> Result<PasswordReset, AppError> {
    policy::may_manage_accounts(actor)?;
    let person = super::person(state, actor, id).await?;
    let token = random_token(32);
    let (hash, who, now) = (token_hash(&token), Who::of(actor), state.now());
    let expires_at = now + Duration::hours(RESET_LINK_HOURS);
    let user = person.id.clone();
    state
        .db
        .write(move |conn| {
            let stamp = now.naive_utc();
            queries::replace_reset(conn, &hash, &user, stamp, expires_at.naive_utc())?;
            let record = user_record(&user);
            audit::record(
                conn,
                &who,
                AuditAction::MakePasswordReset,
                record,
                None,
                now,
            )
        })
        .await?;
    Ok(PasswordReset {
        person,
        token,
        expires_at,
    })
}

/// Whom a reset link is for, while it still works. Anyone holding the link may ask: it is
/// the link that proves who they are.
pub async fn reset_link(state: &AppState, token: String) -> Result<ResetLinkHolder, AppError> {
    let (hash, now) = (token_hash(&token), state.now().naive_utc());
    let holder = state
        .db
        .run(move |conn| queries::reset_holder(conn, &hash, now))
        .await?
        .ok_or_else(link_not_found)?;
    Ok(ResetLinkHolder {
        display_name: holder.display_name,
        email: holder.email,
    })
}

/// Sets a new password with a reset link, which then stops working. Every session of the
/// account ends (someone else may have known the old password), and its failed log-ins are
/// forgotten so the person can log in straight away.
pub async fn reset_password(
    state: &AppState,
    token: String,
    new: NewPassword,
    ip: String,
) -> Result<ResetLinkHolder, AppError> {
    let holder = reset_link(state, token.clone()).await?;
    let mut faults = Faults::default();
    new.check(&mut faults);
    faults.finish()?;
    let hash = hash_password(&new.password)?;
    let (token_hash, now) = (token_hash(&token), state.now());
    state
        .db
        .write(move |conn| {
            let user = queries::reset_holder(conn, &token_hash, now.naive_utc())?
                .ok_or_else(link_not_found)?;
            if !queries::use_reset(conn, &token_hash)? {
                return Err(link_not_found());
            }
            queries::set_password(conn, &user, &hash, now.naive_utc())?;
            queries::forget_failures(conn, &user.email)?;
            let who = Who::user(&user.id, &user.email, Some(ip));
            let record = user_record(&user.id);
            audit::record(conn, &who, AuditAction::ResetPassword, record, None, now)
        })
        .await?;
    Ok(holder)
}

/// A person changes their own password, giving the current one. Their other sessions end;
/// the session they are using carries on with the token this returns. Wrong current
/// passwords count as failed log-ins, so a session left open cannot be used to guess it.
pub async fn change_password(
    state: &AppState,
    actor: &Actor,
    current: String,
    new: NewPassword,
) -> Result<IssuedToken, AppError> {
    let mut faults = Faults::default();
    if current.is_empty() {
        faults.add(AppError::invalid(
            "current_password",
            "Enter your current password",
        ));
    }
    new.check(&mut faults);
    faults.finish()?;
    let hash = hash_password(&new.password)?;
    let (user_id, email) = (actor.user_id.clone(), actor.email.clone());
    let ip = actor.ip.clone().unwrap_or_else(|| "unknown".into());
    let (who, now, keys) = (Who::of(actor), state.now(), state.sessions.clone());
    state
        .db
        .run(move |conn| {
            let since = (now - Duration::minutes(FAILURE_WINDOW_MINUTES)).naive_utc();
            let attempt = crate::db::write(conn, |conn| {
                queries::take_turns_for(conn, &email, &ip)?;
                let (by_account, by_address) = queries::recent_failures(conn, &email, &ip, since)?;
                if by_account >= MAX_FAILURES || by_address >= MAX_FAILURES {
                    return Err(AppError::TooManyAttempts);
                }
                queries::record_attempt(conn, &email, &ip, now.naive_utc())
            })?;
            let user = queries::find_user(conn, &user_id)?.ok_or(AppError::Unauthenticated)?;
            if !verify_password(&current, Some(&user.password_hash)) {
                return Err(AppError::invalid(
                    "current_password",
                    "Your current password is not right: check it and try again",
                ));
            }
            let generation = crate::db::write(conn, |conn| {
                queries::mark_succeeded(conn, &attempt)?;
                let generation = queries::set_password(conn, &user, &hash, now.naive_utc())?;
                let record = user_record(&user.id);
                audit::record(conn, &who, AuditAction::ChangePassword, record, None, now)?;
                Ok(generation)
            })?;
            keys.issue_at(&user.id, generation, now, keys.lifetime)
        })
        .await
}
