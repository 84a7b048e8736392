//! The use cases for Living Wage accreditation. An employer asks; an admin, having checked
//! it (say, on the Living Wage Foundation's list), records it with the date and a note, or
//! withdraws it. Only what an admin recorded shows on the jobs page and its filter.

use chrono::NaiveDate;

use crate::access::{policy, Actor};
use crate::audit::{self, AuditAction, Record, Who};
use crate::error::AppError;
use crate::organisations::queries;
use crate::organisations::view::{AccreditationDecision, AccreditationRequest, OrganisationView};
use crate::types::{parse_name, OrganisationId, OrganisationKind};
use crate::AppState;

/// Longest note we keep about accreditation.
const MAX_NOTE: usize = 500;

fn organisation_record(id: &OrganisationId) -> Record<'_> {
    Record {
        kind: "organisation",
        id: &id.0,
    }
}

/// An employer asks Better Work to verify its Living Wage accreditation; admins see the
/// request on their dashboard and the employer's page.
pub async fn ask_for_accreditation(
    state: &AppState,
    actor: &Actor,
    id: OrganisationId,
    request: AccreditationRequest,
) -> Result<OrganisationView, AppError> {
    policy::may_ask_for_accreditation(actor, &id)?;
    let note = match request.note.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(note) => Some(parse_name(note, "note", MAX_NOTE)?),
    };
    let (who, now) = (Who::of(actor), state.now());
    let row = state
        .db
        .write(move |conn| {
            let mut row = queries::find(conn, &id)?;
            if row.living_wage_accredited {
                return Err(AppError::Conflict {
                    field: "living_wage_accredited".into(),
                    message: format!(
                        "{} is already recorded as an accredited Living Wage employer.",
                        row.name
                    ),
                });
            }
            row.living_wage_requested_at = Some(now.naive_utc());
            row.living_wage_request_note = note;
            row.updated_at = now.naive_utc();
            queries::update(conn, &row)?;
            let detail = row.living_wage_request_note.as_deref();
            let (action, record) = (AuditAction::AskAccreditation, organisation_record(&id));
            audit::record(conn, &who, action, record, detail, now)?;
            Ok(row)
        })
        .await?;
    Ok(row.into())
}

/// The date an accreditation was verified: given, and not after `today`.
fn verified_on(given: Option<NaiveDate>, today: NaiveDate) -> Result<NaiveDate, AppError> {
    let date = given.ok_or_else(|| {
        AppError::invalid("verified_on", "verified_on: give the date you verified it.")
    })?;
    if date > today {
        return Err(AppError::invalid(
            "verified_on",
            "verified_on: the date you verified it cannot be in the future.",
        ));
    }
    Ok(date)
}

/// An admin records an employer's accreditation as verified (with the date and how), or
/// withdraws it (saying why); either answers any request waiting.
pub async fn verify_accreditation(
    state: &AppState,
    actor: &Actor,
    id: OrganisationId,
    decision: AccreditationDecision,
) -> Result<OrganisationView, AppError> {
    policy::may_verify_accreditation(actor)?;
    let (today, now) = (state.today(), state.now());
    let note = parse_name(&decision.note, "note", MAX_NOTE)?;
    let date = if decision.accredited {
        Some(verified_on(decision.verified_on, today)?)
    } else {
        None
    };
    let who = Who::of(actor);
    let row = state
        .db
        .write(move |conn| {
            let mut row = queries::find(conn, &id)?;
            if row.kind != OrganisationKind::Employer {
                return Err(AppError::invalid(
                    "living_wage_accredited",
                    format!(
                        "{} is not an employer: only employers are accredited.",
                        row.name
                    ),
                ));
            }
            row.living_wage_accredited = decision.accredited;
            row.living_wage_verified_on = date;
            row.living_wage_note = Some(note.clone());
            row.living_wage_requested_at = None;
            row.living_wage_request_note = None;
            row.updated_at = now.naive_utc();
            queries::update(conn, &row)?;
            let (action, detail) = match date {
                Some(date) => (AuditAction::VerifyAccreditation, format!("{date}: {note}")),
                None => (AuditAction::WithdrawAccreditation, note),
            };
            let record = organisation_record(&id);
            audit::record(conn, &who, action, record, Some(&detail), now)?;
            Ok(row)
        })
        .await?;
    Ok(row.into())
}

/// Employers waiting for an admin to verify their accreditation, oldest request first.
pub async fn accreditation_requests(
    state: &AppState,
    actor: &Actor,
) -> Result<Vec<OrganisationView>, AppError> {
    policy::may_verify_accreditation(actor)?;
    let rows = state.db.run(queries::accreditation_requests).await?;
    Ok(rows.into_iter().map(OrganisationView::from).collect())
}
