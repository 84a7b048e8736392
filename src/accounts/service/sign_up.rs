//! Employers and agencies signing themselves up. Their organisation waits for an admin's
//! approval; meanwhile they can log in and prepare drafts, but publish nothing
//! (`policy::may_give_status`).

use chrono::Duration;

use super::{insert_account, prepare_account, required, user_record, Faults, NewAccount, Whose};
use crate::access::tokens::IssuedToken;
use crate::accounts::queries;
use crate::audit::{self, AuditAction, Record, Who};
use crate::error::AppError;
use crate::organisations::service::{insert_in, MAX_NAME};
use crate::types::{parse_name, Approval, OrganisationKind, Role, UserId};
use crate::AppState;

/// Sign-ups accepted from one address in `SIGN_UP_WINDOW_MINUTES`. Each creates an
/// organisation an admin must look at, so a script must not be able to flood them.
pub const MAX_SIGN_UPS: i64 = 3;
pub const SIGN_UP_WINDOW_MINUTES: i64 = 60;

/// The sign-up form as sent.
#[derive(Debug, Clone, Default)]
pub struct SignUp {
    pub organisation: String,
    /// `employer` or `agency`.
    pub kind: String,
    pub display_name: String,
    pub email: String,
    pub password: String,
}

/// Creates a pending organisation and its first account, and logs that person in. Every
/// field's fault comes back at once; a name or email already in use is a conflict naming
/// its field.
pub async fn sign_up(state: &AppState, form: SignUp, ip: String) -> Result<IssuedToken, AppError> {
    let mut faults = Faults::default();
    let organisation = faults.check(
        required(
            &form.organisation,
            "organisation",
            "Enter your organisation's name",
        )
        .and_then(|()| parse_name(&form.organisation, "organisation", MAX_NAME)),
    );
    let kind = match OrganisationKind::from_code(&form.kind) {
        Some(kind @ (OrganisationKind::Employer | OrganisationKind::Agency)) => Some(kind),
        _ => {
            faults.add(AppError::invalid(
                "kind",
                "Select whether you are an employer or a recruitment agency",
            ));
            None
        }
    };
    let role = match kind {
        Some(OrganisationKind::Agency) => Role::Agency,
        _ => Role::Employer,
    };
    let account = NewAccount {
        email: form.email,
        display_name: form.display_name,
        role,
        password: Some(form.password),
    };
    let name = organisation.clone().unwrap_or_default();
    let prepared = match prepare_account(role.organisation_kind(), &name, account, Whose::Own) {
        Ok(prepared) => Some(prepared),
        Err(e) => {
            faults.add(e);
            None
        }
    };
    faults.finish()?;
    let (Some(organisation), Some(kind), Some(prepared)) = (organisation, kind, prepared) else {
        return Err(AppError::internal(anyhow::anyhow!(
            "a checked sign-up lost a field"
        )));
    };
    let (now, keys, id) = (state.now(), state.sessions.clone(), UserId::generate());
    let who = Who::user(&id, prepared.email.as_str(), Some(ip.clone()));
    state
        .db
        .write(move |conn| {
            queries::take_turns(conn, &[format!("sign up address {ip}")])?;
            let since = (now - Duration::minutes(SIGN_UP_WINDOW_MINUTES)).naive_utc();
            if audit::count_from_address(conn, AuditAction::SignUp, &ip, since)? >= MAX_SIGN_UPS {
                tracing::warn!(ip = %ip, "sign-up refused: too many from this address");
                return Err(AppError::TooManyRequests(
                    "Too many sign-ups have come from your network. Please try again in an hour."
                        .into(),
                ));
            }
            let row = insert_in(
                conn,
                organisation,
                kind,
                Approval::Pending,
                "organisation",
                now,
            )?;
            insert_account(conn, &row.id, &prepared, &id, now)?;
            let record = Record {
                kind: "organisation",
                id: &row.id.0,
            };
            audit::record(
                conn,
                &who,
                AuditAction::SignUp,
                record,
                Some(&row.name),
                now,
            )?;
            let detail = format!("role {} in {}", prepared.role, row.name);
            let record = user_record(&id);
            audit::record(conn, &who, AuditAction::Create, record, Some(&detail), now)?;
            keys.issue_at(&id, 0, now, keys.lifetime)
        })
        .await
}
