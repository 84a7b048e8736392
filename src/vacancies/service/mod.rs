//! The use cases for vacancies: post, read, list, count, edit, change status and import.
//! Each is the one way in for the API, the pages, the CSV import, the demo seed and the CLI:
//! it asks the access policy for the actor's scope, runs one transaction and writes the
//! audit entry, so no caller can forget a step. `public.rs` holds what anyone may read,
//! `posting.rs` the posting step a single post and an import share.

mod posting;
mod public;

pub(super) use posting::{employer_for, post_in};
pub use public::{at_link, public, search, Public};

use std::io::Read;

use chrono::{DateTime, Utc};

use super::domain::Status;
use super::import::{self, ImportContext, ImportReport};
use super::input::{input_of, NewVacancy, StoredAs, VacancyInput, VacancyPatch};
use super::queries::{self, Cursor, VacancyRow};
use super::view::{view_of, NameBook, VacancyView};
use crate::access::policy;
use crate::access::Actor;
use crate::audit::{self, AuditAction, Record, Who};
use crate::db::DbConn;
use crate::error::AppError;
use crate::pagination::{Paged, Pagination};
use crate::AppState;

/// What posting did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Posted {
    Created,
    Updated,
    Unchanged,
}

/// A change to a stored vacancy.
#[derive(Debug)]
pub enum Edit {
    /// The whole vacancy as the posting form sends it; the stored employer and status stay.
    Whole(VacancyInput),
    /// Only the fields sent change (the API's PATCH).
    Patch(VacancyPatch),
}

fn vacancy_record(row: &VacancyRow) -> Record<'_> {
    Record {
        kind: "vacancy",
        id: &row.reference,
    }
}

/// Posts a vacancy for the actor's organisation or, for an agency, the client it names.
/// With the poster's own `ref` it is idempotent: the same `ref` updates the same vacancy.
pub async fn post(
    state: &AppState,
    actor: &Actor,
    input: VacancyInput,
) -> Result<(VacancyView, Posted), AppError> {
    let posting = policy::posting(actor)?;
    let (today, now) = (state.today(), state.now());
    let new = NewVacancy::parse(input, &state.gazetteer, &state.rates, today)?;
    let (who, rates) = (Who::of(actor), state.rates.clone());
    state
        .db
        .write(move |conn| {
            let employer = employer_for(conn, &posting, new.employer())?;
            let (row, posted) = post_in(conn, &new, &employer, &posting, now)?;
            if posted != Posted::Unchanged {
                let action = AuditAction::Post;
                audit::record(conn, &who, action, vacancy_record(&row), None, now)?;
            }
            Ok((view_of(conn, row, &rates, today)?, posted))
        })
        .await
}

/// One of the actor's vacancies, by its public reference or the poster's own.
pub async fn get(
    state: &AppState,
    actor: &Actor,
    reference: String,
) -> Result<VacancyView, AppError> {
    let scope = policy::vacancy_scope(actor)?;
    let (today, rates) = (state.today(), state.rates.clone());
    state
        .db
        .run(move |conn| {
            let row = queries::find(conn, &scope, &reference)?;
            view_of(conn, row, &rates, today)
        })
        .await
}

/// A page of the actor's vacancies, newest first, optionally of one status: the page `at`
/// names or, given `after` (a previous page's `next`), the page that follows it.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    status: Option<Status>,
    at: Pagination,
    after: Option<Cursor>,
) -> Result<Paged<VacancyView>, AppError> {
    let scope = policy::vacancy_scope(actor)?;
    let (today, rates) = (state.today(), state.rates.clone());
    state
        .db
        .run(move |conn| {
            let listed = queries::list(conn, &scope, status, today, at, after.as_ref())?;
            let next = listed.rows.last().map(|row| Cursor::after(row).to_string());
            let mut names = NameBook::default();
            let items = listed
                .rows
                .into_iter()
                .map(|row| names.view(conn, row, &rates, today))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Paged {
                items,
                page: at.page,
                per_page: at.per_page,
                total: listed.total,
                has_more: listed.has_more,
                next: next.filter(|_| listed.has_more),
            })
        })
        .await
}

/// How many vacancies the actor has.
pub async fn count(state: &AppState, actor: &Actor) -> Result<i64, AppError> {
    let one = Pagination {
        page: 1,
        per_page: 1,
    };
    Ok(list(state, actor, None, one, None).await?.total)
}

/// Changes one of the actor's vacancies; the whole vacancy is checked again. A vacancy
/// changed by someone else meanwhile is a 409, so a status moved meanwhile (say, to
/// filled) is never silently undone.
pub async fn edit(
    state: &AppState,
    actor: &Actor,
    reference: String,
    edit: Edit,
) -> Result<VacancyView, AppError> {
    let scope = policy::vacancy_scope(actor)?;
    let organisation = actor.organisation.clone();
    let (today, now) = (state.today(), state.now());
    let (who, rates, gazetteer) = (Who::of(actor), state.rates.clone(), state.gazetteer.clone());
    state
        .db
        .write(move |conn| {
            let old = queries::find(conn, &scope, &reference)?;
            let input = match edit {
                Edit::Whole(input) => VacancyInput {
                    employer: None,
                    // The stored status, not the shown one: an open vacancy past its
                    // closing date shows as closed, and saving it with a later date
                    // must keep it open.
                    status: Some(old.status.code().into()),
                    ..input
                },
                Edit::Patch(patch) => patch.apply(input_of(&old))?,
            };
            let new = NewVacancy::parse(input, &gazetteer, &rates, today)?;
            may_move(old.status, new.status())?;
            policy::may_give_status(&organisation, new.status())?;
            let row = new.to_row(stored_as(&old, now));
            replace(conn, &old, &row)?;
            audit::record(
                conn,
                &who,
                AuditAction::Change,
                vacancy_record(&row),
                None,
                now,
            )?;
            view_of(conn, row, &rates, today)
        })
        .await
}

/// Opens, pauses, closes or marks filled one of the actor's vacancies, when that move is
/// allowed.
pub async fn change_status(
    state: &AppState,
    actor: &Actor,
    reference: String,
    to: Status,
) -> Result<VacancyView, AppError> {
    let scope = policy::vacancy_scope(actor)?;
    let organisation = actor.organisation.clone();
    let (today, now) = (state.today(), state.now());
    let (who, rates) = (Who::of(actor), state.rates.clone());
    state
        .db
        .write(move |conn| {
            let old = queries::find(conn, &scope, &reference)?;
            may_move(old.status, to)?;
            policy::may_give_status(&organisation, to)?;
            let row = VacancyRow {
                status: to,
                updated_at: now.naive_utc(),
                version: old.version + 1,
                ..old.clone()
            };
            replace(conn, &old, &row)?;
            let record = vacancy_record(&row);
            audit::record(
                conn,
                &who,
                AuditAction::ChangeStatus,
                record,
                Some(to.code()),
                now,
            )?;
            view_of(conn, row, &rates, today)
        })
        .await
}

/// Imports vacancies from CSV for the actor: every bad row reported by line and column,
/// good rows applied, each row whole or not at all. `progress` hears the rows read so far.
pub async fn import(
    state: &AppState,
    actor: &Actor,
    source: impl Read + Send + 'static,
    dry_run: bool,
    progress: impl FnMut(u64) + Send + 'static,
) -> Result<ImportReport, AppError> {
    let posting = policy::posting(actor)?;
    let (today, now) = (state.today(), state.now());
    let (who, rates, gazetteer) = (Who::of(actor), state.rates.clone(), state.gazetteer.clone());
    state
        .db
        .run(move |conn| {
            let ctx = ImportContext {
                posting: &posting,
                gazetteer: &gazetteer,
                rates: &rates,
                today,
                now,
                dry_run,
            };
            let report = import::import(conn, &ctx, source, progress)?;
            if !dry_run && report.created + report.updated > 0 {
                let detail = format!(
                    "{} rows: {} created, {} updated, {} unchanged, {} rejected",
                    report.rows, report.created, report.updated, report.unchanged, report.rejected
                );
                let record = Record {
                    kind: "organisation",
                    id: &posting.poster().0,
                };
                audit::record(conn, &who, AuditAction::Import, record, Some(&detail), now)?;
            }
            Ok(report)
        })
        .await
}

/// A status move, refused naming `status` when the rules do not allow it.
fn may_move(from: Status, to: Status) -> Result<(), AppError> {
    if from == to || from.may_become(to) {
        Ok(())
    } else {
        Err(AppError::invalid(
            "status",
            format!(
                "status: a {} vacancy cannot become {}.",
                from.code(),
                to.code()
            ),
        ))
    }
}

/// Stores `row` over `old`, unless someone changed `old` since it was read.
fn replace(conn: &mut DbConn, old: &VacancyRow, row: &VacancyRow) -> Result<(), AppError> {
    debug_assert_eq!(row.version, old.version + 1);
    if queries::update_if_unchanged(conn, row)? {
        Ok(())
    } else {
        Err(AppError::Conflict {
            field: "vacancy".into(),
            message: "The vacancy changed while you were editing it: reload it and try again."
                .into(),
        })
    }
}

fn stored_as(old: &VacancyRow, now: DateTime<Utc>) -> StoredAs {
    StoredAs {
        id: old.id.clone(),
        reference: old.reference.clone(),
        employer: old.employer_id.clone(),
        submitted_by: old.submitted_by.clone(),
        created_at: old.created_at,
        updated_at: now.naive_utc(),
        version: old.version + 1,
    }
}
