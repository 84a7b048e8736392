//! Logging in and out, and creating accounts.

use chrono::{DateTime, Duration, Utc};

use crate::access::tokens::{IssuedToken, SessionKeys};
use crate::access::{
    check_new_password, generate_password, hash_password, policy, verify_password, Actor,
};
use crate::accounts::queries::{self, NewUserRow, UserRow};
use crate::audit::{self, AuditAction, Record, Who};
use crate::db::DbConn;
use crate::error::AppError;
use crate::organisations::queries::OrganisationRow;
use crate::types::{parse_name, Email, Role, UserId};
use crate::AppState;

/// Failed log-ins allowed per account and per address before further attempts are refused.
pub const MAX_FAILURES: i64 = 5;
/// The window those failures are counted in, and how long the refusal lasts.
pub const FAILURE_WINDOW_MINUTES: i64 = 15;

/// Checks an email and password and opens a session. Refuses (429) while the account or the
/// address has had too many recent failures, even with the right password, so guessing
/// cannot continue under the limit.
pub async fn log_in(
    state: &AppState,
    email: &str,
    password: String,
    ip: String,
) -> Result<IssuedToken, AppError> {
    let email = Email::parse(email, "email");
    let no_password = password
        .is_empty()
        .then(|| AppError::invalid("password", "Enter your password"));
    let email = match (email, no_password) {
        (Ok(email), None) => email,
        (email, no_password) => {
            return Err(AppError::all_of(
                email.err().into_iter().chain(no_password).collect(),
            ))
        }
    };
    let keys: SessionKeys = state.sessions.clone();
    let now = state.now();
    state
        .db
        .run(move |conn| {
            let since = (now - Duration::minutes(FAILURE_WINDOW_MINUTES)).naive_utc();
            // Counting recent failures and recording this attempt (as failed, until the
            // password proves right) is one step, so parallel guesses cannot all slip
            // under the limit; the slow password check runs after, outside the lock.
            let attempt = crate::db::write(conn, |conn| {
                queries::take_turns_for(conn, email.as_str(), &ip)?;
                let (by_account, by_address) =
                    queries::recent_failures(conn, email.as_str(), &ip, since)?;
                if by_account >= MAX_FAILURES || by_address >= MAX_FAILURES {
                    tracing::warn!(ip = %ip, "log-in refused: too many recent failures");
                    return Err(AppError::TooManyAttempts);
                }
                queries::record_attempt(conn, email.as_str(), &ip, now.naive_utc())
            })?;
            let user = queries::find_user_by_email(conn, email.as_str())?;
            let matches =
                verify_password(&password, user.as_ref().map(|u| u.password_hash.as_str()));
            let user = match user {
                Some(user) if matches => user,
                _ => return Err(AppError::BadCredentials),
            };
            let issued = keys.issue(&user.id, now, keys.lifetime)?;
            let who = Who::user(&user.id, &user.email, Some(ip.clone()));
            let record = Record {
                kind: "user",
                id: &user.id.0,
            };
            crate::db::write(conn, |conn| {
                queries::mark_succeeded(conn, &attempt)?;
                audit::record(conn, &who, AuditAction::LogIn, record, None, now)
            })?;
            Ok(issued)
        })
        .await
}

/// Ends the actor's session: its token stops working at once.
pub async fn log_out(state: &AppState, actor: &Actor) -> Result<(), AppError> {
    let session_id = actor.session_id.clone();
    let lifetime = state.sessions.lifetime;
    let (who, user) = (Who::of(actor), actor.user_id.clone());
    let now = state.now();
    state
        .db
        .write(move |conn| {
            let expires = (now + lifetime).naive_utc();
            queries::revoke_session(conn, &session_id, expires, now.naive_utc())?;
            let record = Record {
                kind: "user",
                id: &user.0,
            };
            audit::record(conn, &who, AuditAction::LogOut, record, None, now)
        })
        .await
}

/// An API token for the account with `email`, for that person's scripts (issued from the
/// command line). It works until it expires or they log out.
pub async fn issue_token_for(
    state: &AppState,
    actor: &Actor,
    email: &str,
) -> Result<IssuedToken, AppError> {
    policy::may_issue_tokens(actor)?;
    let email = Email::parse(email, "email")?;
    let (who, now, keys) = (Who::of(actor), state.now(), state.sessions.clone());
    state
        .db
        .run(move |conn| {
            let user = queries::find_user_by_email(conn, email.as_str())?.ok_or_else(|| {
                AppError::invalid("email", format!("no account has the email {email}"))
            })?;
            let issued = keys.issue(&user.id, now, keys.lifetime)?;
            let record = Record {
                kind: "user",
                id: &user.id.0,
            };
            crate::db::write(conn, |conn| {
                audit::record(conn, &who, AuditAction::IssueToken, record, None, now)
            })?;
            Ok(issued)
        })
        .await
}

/// What an admin or the CLI asks for when creating an account.
pub struct NewAccount {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// None: generate a strong one and hand it back once.
    pub password: Option<String>,
}

/// A created account and, when we generated it, the password to pass on.
pub struct CreatedAccount {
    pub user: UserRow,
    pub generated_password: Option<String>,
}

/// Creates an account in `organisation`, in the caller's use case
/// (`organisations::service::create_member`). The role must fit the organisation's kind, and
/// an email belongs to one account.
pub(crate) fn create_account_in(
    conn: &mut DbConn,
    organisation: &OrganisationRow,
    account: NewAccount,
    who: &Who,
    now: DateTime<Utc>,
) -> Result<CreatedAccount, AppError> {
    let email = Email::parse(&account.email, "email")?;
    let display_name = parse_name(&account.display_name, "display_name", 120)?;
    let kind = organisation.kind;
    if !account.role.fits(kind) {
        return Err(AppError::invalid(
            "role",
            format!(
                "The role {} belongs to {} organisations, but {} is {}.",
                account.role,
                account.role.organisation_kind(),
                organisation.name,
                kind
            ),
        ));
    }
    let (password, generated) = match account.password {
        Some(given) => {
            check_new_password(&given, "password")?;
            (given, false)
        }
        None => (generate_password(), true),
    };
    let hash = hash_password(&password)?;
    let id = UserId::generate();
    let stamp = now.naive_utc();
    // The password is hashed (slow, by design) before the write lock is taken.
    crate::db::write(conn, |conn| {
        if queries::find_user_by_email(conn, email.as_str())?.is_some() {
            return Err(AppError::Conflict {
                field: "email".into(),
                message: format!("An account with the email {email} already exists."),
            });
        }
        queries::insert_user(
            conn,
            &NewUserRow {
                id: &id,
                organisation_id: &organisation.id,
                email: email.as_str(),
                display_name: &display_name,
                role: account.role,
                password_hash: &hash,
                created_at: stamp,
                updated_at: stamp,
            },
        )?;
        let detail = format!("role {} in {}", account.role, organisation.name);
        let record = Record {
            kind: "user",
            id: &id.0,
        };
        audit::record(conn, who, AuditAction::Create, record, Some(&detail), now)
    })?;
    let user = queries::find_user_by_email(conn, email.as_str())?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("account vanished after creation")))?;
    Ok(CreatedAccount {
        user,
        generated_password: generated.then_some(password),
    })
}
