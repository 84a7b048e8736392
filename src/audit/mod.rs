//! The audit trail of personal data: who read or changed which person's record, when, and
//! from where. Entries are written in the same transaction as the change they describe.

pub mod api;
mod pages;
pub mod plain;
pub mod service;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use crate::access::Actor;
use crate::db::DbConn;
use crate::error::AppError;
use crate::pagination::Pagination;
use crate::schema::audit_log;
use crate::types::{code_list, UserId};
use crate::web::capability::{templates, Capability, NavLink};

pub const CAPABILITY: Capability = Capability {
    api: api::routes,
    pages: pages::routes,
    navigation,
    openapi: || <Api as utoipa::OpenApi>::openapi(),
    templates: templates!["admin/audit.html"],
};

fn navigation(actor: Option<&Actor>) -> Vec<NavLink> {
    match actor {
        Some(actor) if crate::access::policy::may_read_audit_log(actor).is_ok() => {
            vec![NavLink::new(30, "/admin/audit", "Audit log")]
        }
        _ => vec![],
    }
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(api::list_entries))]
struct Api;

/// Who did something, and from which address.
#[derive(Debug, Clone)]
pub struct Who {
    pub user_id: Option<UserId>,
    pub email: Option<String>,
    pub ip: Option<String>,
}

code_list!(
    /// What was done to a record.
    AuditAction {
        Create => "create", "Created";
        Change => "change", "Changed";
        Read => "read", "Read";
        LogIn => "log_in", "Logged in";
        LogOut => "log_out", "Logged out";
        IssueToken => "issue_token", "Issued an API token for";
        Post => "post", "Posted";
        ChangeStatus => "change_status", "Changed the status of";
        Import => "import", "Imported";
        AskClient => "ask_client", "Asked to act for an employer";
        RemoveClient => "remove_client", "Removed a client";
        AcceptAgency => "accept_agency", "Accepted an agency";
        DeclineAgency => "decline_agency", "Declined an agency";
        RemoveAgency => "remove_agency", "Removed an agency";
        AskAccreditation => "ask_accreditation", "Asked for Living Wage accreditation";
        VerifyAccreditation => "verify_accreditation", "Verified Living Wage accreditation";
        WithdrawAccreditation => "withdraw_accreditation", "Withdrew Living Wage accreditation";
        Remove => "remove", "Removed";
        MakePasswordReset => "make_password_reset", "Made a password reset link for";
        ResetPassword => "reset_password", "Set a new password with a reset link";
        ChangePassword => "change_password", "Changed their password";
        SignUp => "sign_up", "Signed up";
        Approve => "approve", "Approved";
        Reject => "reject", "Rejected";
    }
);

impl Who {
    /// A logged-in person, from the address their request came from.
    pub fn of(actor: &Actor) -> Who {
        Who::user(&actor.user_id, &actor.email, actor.ip.clone())
    }

    pub fn user(id: &UserId, email: &str, ip: Option<String>) -> Who {
        Who {
            user_id: Some(id.clone()),
            email: Some(email.to_string()),
            ip,
        }
    }

    /// Someone at the server's command line.
    pub fn command_line() -> Who {
        Who {
            user_id: None,
            email: Some("command line".into()),
            ip: None,
        }
    }
}

/// What an audit entry is about: the kind of record and its id.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    pub kind: &'a str,
    pub id: &'a str,
}

/// Adds one entry to the audit trail, in the caller's transaction.
pub fn record(
    conn: &mut DbConn,
    who: &Who,
    action: AuditAction,
    record: Record<'_>,
    detail: Option<&str>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::id.eq(uuid::Uuid::new_v4().to_string()),
            audit_log::at.eq(at.naive_utc()),
            audit_log::actor_user_id.eq(who.user_id.as_ref().map(|id| id.0.as_str())),
            audit_log::actor_email.eq(who.email.as_deref()),
            audit_log::action.eq(action),
            audit_log::record_kind.eq(record.kind),
            audit_log::record_id.eq(record.id),
            audit_log::ip.eq(who.ip.as_deref()),
            audit_log::detail.eq(detail),
        ))
        .execute(conn)?;
    Ok(())
}

/// One entry as shown to an admin.
#[derive(Debug, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = audit_log)]
pub struct AuditEntryView {
    #[serde(skip)]
    pub id: String,
    #[schema(value_type = String, format = DateTime)]
    #[serde(serialize_with = "crate::types::timestamp::utc")]
    pub at: NaiveDateTime,
    pub actor_email: Option<String>,
    pub action: String,
    pub record_kind: String,
    pub record_id: String,
    pub ip: Option<String>,
    pub detail: Option<String>,
}

/// How many entries of `action` came from the address `ip` since `since`: for limits on
/// what one address may do, counted from the trail rather than kept twice.
pub fn count_from_address(
    conn: &mut DbConn,
    action: AuditAction,
    ip: &str,
    since: NaiveDateTime,
) -> Result<i64, AppError> {
    Ok(audit_log::table
        .filter(audit_log::action.eq(action))
        .filter(audit_log::ip.eq(ip))
        .filter(audit_log::at.ge(since))
        .count()
        .get_result(conn)?)
}

/// Entries, newest first, optionally for one record.
pub fn list(
    conn: &mut DbConn,
    record_id: Option<&str>,
    at: Pagination,
) -> Result<(Vec<AuditEntryView>, i64), AppError> {
    let (rows, total) = list_with_actors(conn, record_id, at)?;
    Ok((rows.into_iter().map(|(entry, _)| entry).collect(), total))
}

/// An entry with the user id of who acted, when a person did.
pub type EntryWithActor = (AuditEntryView, Option<String>);

/// Entries as `list` gives them, each with who acted; and the total.
pub fn list_with_actors(
    conn: &mut DbConn,
    record_id: Option<&str>,
    at: Pagination,
) -> Result<(Vec<EntryWithActor>, i64), AppError> {
    let mut query = audit_log::table.into_boxed();
    let mut count = audit_log::table.into_boxed();
    if let Some(id) = record_id {
        query = query.filter(audit_log::record_id.eq(id.to_string()));
        count = count.filter(audit_log::record_id.eq(id.to_string()));
    }
    let total = count.count().get_result(conn)?;
    let rows = query
        .order((audit_log::at.desc(), audit_log::id.desc()))
        .limit(at.per_page)
        .offset(at.offset())
        .select((AuditEntryView::as_select(), audit_log::actor_user_id))
        .load(conn)?;
    Ok((rows, total))
}
