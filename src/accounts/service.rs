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
use crate::organisations::queries::{self as organisation_queries, OrganisationRow};
use crate::types::{parse_name, Approval, Email, OrganisationId, OrganisationKind, Role, UserId};
use crate::AppState;

mod passwords;
mod people;
mod sign_up;

pub use passwords::{
    change_password, make_password_reset, reset_link, reset_password, NewPassword, PasswordReset,
    ResetLinkHolder, RESET_LINK_HOURS,
};
pub use people::{change_person, person, remove_person, PersonChanges, PersonView};
pub use sign_up::{sign_up, SignUp, MAX_SIGN_UPS, SIGN_UP_WINDOW_MINUTES};

/// Longest name we accept for a person.
const MAX_NAME: usize = 120;

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
            // Said only to someone who knows the password, so it reveals nothing to others.
            let organisation = organisation_queries::find(conn, &user.organisation_id)?;
            if organisation.approval == Approval::Rejected {
                return Err(AppError::Forbidden(format!(
                    "Better Work did not approve {}, so its accounts cannot log in.",
                    organisation.name
                )));
            }
            let issued = keys.issue_at(&user.id, user.session_generation, now, keys.lifetime)?;
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
            let issued = keys.issue_at(&user.id, user.session_generation, now, keys.lifetime)?;
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

/// Whose account a form asks about, which its messages say: "Enter your full name" to
/// someone signing up, "Enter their full name" to an admin.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Whose {
    Own,
    Theirs,
}

impl Whose {
    /// What to say when the name, or the email, is missing.
    fn missing(self) -> (&'static str, &'static str) {
        match self {
            Whose::Own => ("Enter your full name", "Enter your email address"),
            Whose::Theirs => ("Enter their full name", "Enter their email address"),
        }
    }
}

/// A new account checked and its password hashed, ready to store.
pub(crate) struct PreparedAccount {
    pub email: Email,
    pub display_name: String,
    pub role: Role,
    pub hash: String,
    /// The password we generated, to hand on once.
    pub generated: Option<String>,
}

/// Checks a new account for an organisation of `kind` called `organisation_name` (every
/// fault at once) and hashes its password: slow by design, so done before any transaction.
pub(crate) fn prepare_account(
    kind: OrganisationKind,
    organisation_name: &str,
    account: NewAccount,
    whose: Whose,
) -> Result<PreparedAccount, AppError> {
    let mut faults = Faults::default();
    let (no_name, no_email) = whose.missing();
    let display_name = faults.check(
        required(&account.display_name, "display_name", no_name)
            .and_then(|()| parse_name(&account.display_name, "display_name", MAX_NAME)),
    );
    let email = faults.check(
        required(&account.email, "email", no_email)
            .and_then(|()| Email::parse(&account.email, "email")),
    );
    if !account.role.fits(kind) {
        faults.add(AppError::invalid(
            "role",
            format!(
                "The role {} belongs to {} organisations, but {} is {}.",
                account.role,
                account.role.organisation_kind(),
                organisation_name,
                kind
            ),
        ));
    }
    let generating = account.password.is_none();
    let password = match account.password {
        Some(given) => faults.check(check_new_password(&given, "password").map(|()| given)),
        None => Some(generate_password()),
    };
    faults.finish()?;
    let (Some(email), Some(display_name), Some(password)) = (email, display_name, password) else {
        return Err(AppError::internal(anyhow::anyhow!(
            "a checked account lost a field"
        )));
    };
    Ok(PreparedAccount {
        hash: hash_password(&password)?,
        generated: generating.then_some(password),
        email,
        display_name,
        role: account.role,
    })
}

/// Stores a prepared account in `organisation`, inside the caller's transaction; an email
/// belongs to one account.
pub(crate) fn insert_account(
    conn: &mut DbConn,
    organisation: &OrganisationId,
    account: &PreparedAccount,
    id: &UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if queries::find_user_by_email(conn, account.email.as_str())?.is_some() {
        return Err(email_taken(&account.email));
    }
    let stamp = now.naive_utc();
    queries::insert_user(
        conn,
        &NewUserRow {
            id,
            organisation_id: organisation,
            email: account.email.as_str(),
            display_name: &account.display_name,
            role: account.role,
            password_hash: &account.hash,
            created_at: stamp,
            updated_at: stamp,
        },
    )
}

fn email_taken(email: &Email) -> AppError {
    AppError::Conflict {
        field: "email".into(),
        message: format!("An account with the email {email} already exists."),
    }
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
    let prepared = prepare_account(
        organisation.kind,
        &organisation.name,
        account,
        Whose::Theirs,
    )?;
    let id = UserId::generate();
    crate::db::write(conn, |conn| {
        insert_account(conn, &organisation.id, &prepared, &id, now)?;
        let detail = format!("role {} in {}", prepared.role, organisation.name);
        audit::record(
            conn,
            who,
            AuditAction::Create,
            user_record(&id),
            Some(&detail),
            now,
        )
    })?;
    let user = queries::find_user(conn, &id)?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("account vanished after creation")))?;
    Ok(CreatedAccount {
        user,
        generated_password: prepared.generated,
    })
}

fn user_record(id: &UserId) -> Record<'_> {
    Record {
        kind: "user",
        id: &id.0,
    }
}

/// Refuses an empty answer with a message that names what is missing ("Enter your full
/// name"), where the shared parsers can only say "Enter a name".
pub(crate) fn required(raw: &str, field: &str, message: &str) -> Result<(), AppError> {
    if raw.trim().is_empty() {
        Err(AppError::invalid(field, message))
    } else {
        Ok(())
    }
}

/// The faults found checking a form, so that a person sees every field to fix at once.
#[derive(Default)]
pub(crate) struct Faults(Vec<AppError>);

impl Faults {
    /// The value, or none with its fault noted.
    pub fn check<T>(&mut self, result: Result<T, AppError>) -> Option<T> {
        result.map_err(|e| self.0.push(e)).ok()
    }

    pub fn add(&mut self, fault: AppError) {
        self.0.push(fault);
    }

    /// Fine when nothing was found; otherwise the faults as one error.
    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::all_of(self.0))
        }
    }
}
