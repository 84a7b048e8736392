//! An admin's answer to organisations that signed themselves up: approve them (their
//! vacancies may then go public) or reject them (their people can no longer log in).

use crate::access::{policy, Actor};
use crate::audit::{self, AuditAction, Who};
use crate::error::AppError;
use crate::organisations::queries;
use crate::organisations::view::OrganisationView;
use crate::types::{Approval, OrganisationId};
use crate::AppState;

use super::organisation_record;

/// Organisations waiting for an admin's answer, oldest first.
pub async fn awaiting_approval(
    state: &AppState,
    actor: &Actor,
) -> Result<Vec<OrganisationView>, AppError> {
    policy::may_decide_sign_ups(actor)?;
    let rows = state.db.run(queries::awaiting_approval).await?;
    Ok(rows.into_iter().map(OrganisationView::from).collect())
}

/// Approves or rejects an organisation that is awaiting approval. Only a pending one can be
/// decided: an organisation an admin added, or one already decided, is a conflict, so a
/// second click (or a second admin) changes nothing. Rejecting ends its people's sessions
/// at once, since each request reads the organisation afresh.
pub async fn decide_sign_up(
    state: &AppState,
    actor: &Actor,
    id: OrganisationId,
    approve: bool,
) -> Result<OrganisationView, AppError> {
    policy::may_decide_sign_ups(actor)?;
    let (who, now) = (Who::of(actor), state.now());
    let row = state
        .db
        .write(move |conn| {
            let mut row = queries::find(conn, &id)?;
            if row.approval != Approval::Pending {
                return Err(AppError::Conflict {
                    field: "approval".into(),
                    message: format!(
                        "{} is not awaiting approval: it is {}.",
                        row.name,
                        row.approval.label().to_lowercase()
                    ),
                });
            }
            let (approval, action) = if approve {
                (Approval::Approved, AuditAction::Approve)
            } else {
                (Approval::Rejected, AuditAction::Reject)
            };
            row.approval = approval;
            row.updated_at = now.naive_utc();
            queries::update(conn, &row)?;
            let record = organisation_record(&row.id);
            audit::record(conn, &who, action, record, None, now)?;
            Ok(row)
        })
        .await?;
    Ok(row.into())
}
