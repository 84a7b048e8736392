//! The use case of reading the audit trail.

use super::plain::{self, AuditLine};
use super::{list, list_with_actors, AuditEntryView};
use crate::access::{policy, Actor};
use crate::error::AppError;
use crate::pagination::{Paged, Pagination};
use crate::AppState;

/// Who read or changed which records, newest first, optionally about one record: for those
/// the policy lets read the audit log.
pub async fn entries(
    state: &AppState,
    actor: &Actor,
    record: Option<String>,
    at: Pagination,
) -> Result<Paged<AuditEntryView>, AppError> {
    policy::may_read_audit_log(actor)?;
    let (rows, total) = state
        .db
        .run(move |conn| list(conn, record.as_deref(), at))
        .await?;
    Ok(Paged::new(rows, at, total))
}

/// The same entries in plain words ("Amara Okafor logged in"), for the admin's page.
pub async fn plain_entries(
    state: &AppState,
    actor: &Actor,
    record: Option<String>,
    at: Pagination,
) -> Result<Paged<AuditLine>, AppError> {
    policy::may_read_audit_log(actor)?;
    let (lines, total) = state
        .db
        .run(move |conn| {
            let (rows, total) = list_with_actors(conn, record.as_deref(), at)?;
            let (entries, actors) = rows.into_iter().unzip();
            Ok((plain::lines(conn, entries, actors)?, total))
        })
        .await?;
    Ok(Paged::new(lines, at, total))
}
