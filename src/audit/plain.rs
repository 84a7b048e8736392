//! The audit trail in plain words for the admin's page: "Amara Okafor posted the vacancy
//! 'Kitchen assistant'", not a user id and `post`. The API keeps the stored entries as
//! they are; this only reads the names the entries point at.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::{AuditAction, AuditEntryView};
use crate::db::DbConn;
use crate::error::AppError;
use crate::schema::{organisations, users, vacancies};
use crate::vacancies::domain::Status;

/// One entry as a sentence.
#[derive(Debug, Serialize)]
pub struct AuditLine {
    #[serde(serialize_with = "crate::types::timestamp::utc")]
    pub at: NaiveDateTime,
    /// "Amara Okafor logged in".
    pub sentence: String,
    /// What the entry noted that the sentence does not already say (a note, the counts of
    /// an import).
    pub detail: Option<String>,
    pub ip: Option<String>,
    /// The record's id, to list every entry about it.
    pub record_id: String,
}

/// The names entries point at: people (removed ones too, so the trail still names them),
/// organisations and vacancies.
#[derive(Default)]
struct Names {
    people: HashMap<String, String>,
    organisations: HashMap<String, String>,
    vacancies: HashMap<String, String>,
}

impl Names {
    fn load(
        conn: &mut DbConn,
        entries: &[AuditEntryView],
        actors: &[Option<String>],
    ) -> Result<Names, AppError> {
        let mut people: HashSet<String> = actors.iter().flatten().cloned().collect();
        let (mut organisations, mut vacancies) = (HashSet::new(), HashSet::new());
        for entry in entries {
            let id = entry.record_id.clone();
            match entry.record_kind.as_str() {
                "user" => people.insert(id),
                "organisation" | "organisation_members" => organisations.insert(id),
                "vacancy" => vacancies.insert(id),
                _ => false,
            };
        }
        let pairs = |rows: Vec<(String, String)>| rows.into_iter().collect::<HashMap<_, _>>();
        Ok(Names {
            people: pairs(
                users::table
                    .filter(users::id.eq_any(people))
                    .select((users::id, users::display_name))
                    .load(conn)?,
            ),
            organisations: pairs(
                organisations::table
                    .filter(organisations::id.eq_any(organisations))
                    .select((organisations::id, organisations::name))
                    .load(conn)?,
            ),
            vacancies: pairs(
                vacancies::table
                    .filter(vacancies::reference.eq_any(vacancies))
                    .select((vacancies::reference, vacancies::title))
                    .load(conn)?,
            ),
        })
    }

    fn person(&self, id: &str) -> String {
        self.people
            .get(id)
            .cloned()
            .unwrap_or_else(|| "an account no longer on record".into())
    }

    fn organisation(&self, id: &str) -> String {
        self.organisations
            .get(id)
            .cloned()
            .unwrap_or_else(|| "an organisation no longer on record".into())
    }

    fn vacancy(&self, reference: &str) -> String {
        match self.vacancies.get(reference) {
            Some(title) => format!("the vacancy '{title}'"),
            None => format!("the vacancy {reference}"),
        }
    }

    fn record(&self, kind: &str, id: &str) -> String {
        match kind {
            "user" => self.person(id),
            "organisation" => self.organisation(id),
            "organisation_members" => format!("the people of {}", self.organisation(id)),
            "vacancy" => self.vacancy(id),
            other => format!("{other} {id}"),
        }
    }
}

/// Who did it: their name, or how the entry knows them.
fn who(entry: &AuditEntryView, actor: Option<&str>, names: &Names) -> String {
    match (actor, entry.actor_email.as_deref()) {
        (Some(id), _) if names.people.contains_key(id) => names.person(id),
        // The command line acts for an organisation without being anyone in it.
        (_, Some("command line")) => "Someone at the command line".into(),
        (_, Some(email)) => email.to_string(),
        _ => "Someone".into(),
    }
}

/// Entries as sentences; `actors` holds each entry's actor's user id.
pub fn lines(
    conn: &mut DbConn,
    entries: Vec<AuditEntryView>,
    actors: Vec<Option<String>>,
) -> Result<Vec<AuditLine>, AppError> {
    let names = Names::load(conn, &entries, &actors)?;
    Ok(entries
        .into_iter()
        .zip(actors)
        .map(|(entry, actor)| {
            let who = who(&entry, actor.as_deref(), &names);
            let (what, detail) = said(&entry, &names);
            AuditLine {
                at: entry.at,
                sentence: format!("{who} {what}"),
                detail,
                ip: entry.ip,
                record_id: entry.record_id,
            }
        })
        .collect())
}

/// What was done, after the name of who did it, and whatever detail is left to show.
fn said(entry: &AuditEntryView, names: &Names) -> (String, Option<String>) {
    let (kind, id) = (entry.record_kind.as_str(), entry.record_id.as_str());
    let record = names.record(kind, id);
    let detail = entry.detail.clone();
    let other = detail
        .clone()
        .unwrap_or_else(|| "another organisation".into());
    let Some(action) = AuditAction::from_code(&entry.action) else {
        return (format!("did {} to {record}", entry.action), detail);
    };
    use AuditAction as A;
    let sentence = match (action, kind) {
        (A::LogIn, _) => "logged in".to_string(),
        (A::LogOut, _) => "logged out".to_string(),
        (A::IssueToken, _) => format!("issued an API token for {record}"),
        (A::Create, "user") => {
            return (format!("created an account for {record}"), detail);
        }
        (A::Create, "organisation") => format!("added the organisation {record}"),
        (A::Change, "user") => match &detail {
            Some(what) => format!("changed the {what} of {record}"),
            None => format!("changed the account of {record}"),
        },
        (A::Change, "organisation") => format!("changed the details of {record}"),
        (A::Change, _) => format!("changed {record}"),
        (A::Read, "user") => format!("looked at the account of {record}"),
        (A::Read, _) => format!("looked at {record}"),
        (A::Post, _) => format!("posted {record}"),
        (A::ChangeStatus, _) => {
            let status = detail
                .as_deref()
                .and_then(Status::from_code)
                .map_or("another status".to_string(), |s| s.label().to_lowercase());
            format!("changed {record} to {status}")
        }
        (A::Import, _) => return (format!("imported vacancies for {record}"), detail),
        (A::AskClient, _) => format!("asked {other} to accept {record} as its agency"),
        (A::RemoveClient, _) => format!("stopped {record} acting for {other}"),
        (A::AcceptAgency, _) => format!("accepted {other} as an agency for {record}"),
        (A::DeclineAgency, _) => format!("declined {other} as an agency for {record}"),
        (A::RemoveAgency, _) => format!("removed {other} as an agency for {record}"),
        (A::AskAccreditation, _) => {
            let asked =
                format!("asked for the Living Wage accreditation of {record} to be verified");
            return (asked, detail);
        }
        (A::VerifyAccreditation, _) => {
            let verified = format!("verified the Living Wage accreditation of {record}");
            return (verified, detail);
        }
        (A::WithdrawAccreditation, _) => {
            let withdrew = format!("withdrew the Living Wage accreditation of {record}");
            return (withdrew, detail);
        }
        (A::Remove, _) => format!("removed {record}"),
        (A::MakePasswordReset, _) => format!("made a password reset link for {record}"),
        (A::ResetPassword, _) => "set a new password with a reset link".to_string(),
        (A::ChangePassword, _) => "changed their password".to_string(),
        (A::SignUp, _) => format!("signed up {record}"),
        (A::Approve, _) => format!("approved {record}"),
        (A::Reject, _) => format!("rejected {record}"),
        (A::Create, _) => format!("created {record}"),
    };
    (sentence, None)
}
