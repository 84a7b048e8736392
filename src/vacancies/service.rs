//! The use cases for vacancies: post, read, list, count, edit, change status and import.
//! Each is the one way in for the API, the pages, the CSV import, the demo seed and the CLI:
//! it asks the access policy for the actor's scope, runs one transaction and writes the
//! audit entry, so no caller can forget a step.

use std::io::Read;

use chrono::{DateTime, Utc};
use diesel::Connection;

use super::domain::Status;
use super::import::{self, ImportContext, ImportReport};
use super::input::{input_of, NewVacancy, StoredAs, VacancyInput, VacancyPatch};
use super::queries::{self, OpenFilter, VacancyRow};
use super::view::{view_of, Names, VacancyView};
use crate::access::policy::{self, Posting};
use crate::access::Actor;
use crate::audit::{self, AuditAction, Record, Who};
use crate::db::DbConn;
use crate::error::AppError;
use crate::geo::{haversine_km, Point};
use crate::organisations::queries as organisation_queries;
use crate::pagination::{Paged, Pagination};
use crate::types::{OrganisationId, OrganisationKind, VacancyId};
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
        .run(move |conn| {
            conn.transaction(|conn| {
                let employer = employer_for(conn, &posting, new.employer())?;
                let (row, posted) = post_in(conn, &new, &employer, posting.poster(), now)?;
                if posted != Posted::Unchanged {
                    let action = AuditAction::Post;
                    audit::record(conn, &who, action, vacancy_record(&row), None, now)?;
                }
                Ok((view_of(conn, row, &rates, today)?, posted))
            })
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

/// A page of the actor's vacancies, newest first, optionally of one status.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    status: Option<Status>,
    at: Pagination,
) -> Result<Paged<VacancyView>, AppError> {
    let scope = policy::vacancy_scope(actor)?;
    let (today, rates) = (state.today(), state.rates.clone());
    state
        .db
        .run(move |conn| {
            let (rows, total) = queries::list(conn, &scope, status, today, at)?;
            let views = rows
                .into_iter()
                .map(|row| view_of(conn, row, &rates, today))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Paged::new(views, at, total))
        })
        .await
}

/// How many vacancies the actor has.
pub async fn count(state: &AppState, actor: &Actor) -> Result<i64, AppError> {
    let one = Pagination {
        page: 1,
        per_page: 1,
    };
    Ok(list(state, actor, None, one).await?.total)
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
    let (today, now) = (state.today(), state.now());
    let (who, rates, gazetteer) = (Who::of(actor), state.rates.clone(), state.gazetteer.clone());
    state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
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
    let (today, now) = (state.today(), state.now());
    let (who, rates) = (Who::of(actor), state.rates.clone());
    state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let old = queries::find(conn, &scope, &reference)?;
                may_move(old.status, to)?;
                let row = VacancyRow {
                    status: to,
                    updated_at: now.naive_utc(),
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

/// Most vacancies one search reads before distance and paging; newest first.
const SEARCH_LIMIT: i64 = 5000;

/// An open vacancy, which anyone may see (it is on the public jobs page); any other is
/// not found.
pub async fn public(state: &AppState, reference: String) -> Result<VacancyView, AppError> {
    let (today, rates) = (state.today(), state.rates.clone());
    let view = state
        .db
        .run(move |conn| {
            let row = queries::by_reference(conn, &reference)?.ok_or_else(queries::not_found)?;
            view_of(conn, row, &rates, today)
        })
        .await?;
    if view.status == Status::Open {
        Ok(view)
    } else {
        Err(queries::not_found())
    }
}

/// Open vacancies matching `filter`, newest first, each with its distance in km from the
/// point `near` asks about; none further than its limit. Remote vacancies have no distance.
pub async fn search(
    state: &AppState,
    filter: OpenFilter,
    near: Option<(Point, f64)>,
) -> Result<Vec<(VacancyView, Option<f64>)>, AppError> {
    let (today, rates) = (state.today(), state.rates.clone());
    state
        .db
        .run(move |conn| {
            let rows = queries::open_vacancies(conn, &filter, today, SEARCH_LIMIT)?;
            let mut found = Vec::new();
            for (row, employer, employer_accredited) in rows {
                let distance = match (near, row.latitude, row.longitude) {
                    (Some((from, _)), Some(latitude), Some(longitude)) if !row.remote => {
                        Some(haversine_km(
                            from,
                            Point {
                                latitude,
                                longitude,
                            },
                        ))
                    }
                    _ => None,
                };
                if distance.is_some_and(|d| near.is_some_and(|(_, limit)| d > limit)) {
                    continue;
                }
                let names = Names {
                    employer,
                    employer_accredited,
                    agency: None,
                };
                found.push((VacancyView::new(row, names, &rates, today), distance));
            }
            Ok(found)
        })
        .await
}

/// Which employer a vacancy is posted for: an employer's own; for an agency, the client
/// employer it names.
pub(super) fn employer_for(
    conn: &mut DbConn,
    posting: &Posting,
    named: Option<&str>,
) -> Result<OrganisationId, AppError> {
    match posting {
        Posting::ForItself(own) => match named {
            Some(name) if name != own.name => Err(AppError::invalid(
                "employer",
                "employer: only agencies name the employer; yours is filled in for you.",
            )),
            _ => Ok(own.id.clone()),
        },
        Posting::ForClients(agency) => {
            let name = named.ok_or_else(|| {
                AppError::invalid(
                    "employer",
                    "employer: name the client employer this vacancy is for.",
                )
            })?;
            let employer = organisation_queries::find_by_name(conn, name)?
                .filter(|o| o.kind == OrganisationKind::Employer);
            let clients = organisation_queries::agency_clients(conn, &agency.id)?;
            match employer {
                Some(e) if clients.iter().any(|c| c.id == e.id) => Ok(e.id),
                _ => Err(AppError::Forbidden(format!(
                    "{} is not recorded as a client of {}: you can post only for your client employers.",
                    name, agency.name
                ))),
            }
        }
    }
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
    if queries::update_if_unchanged(conn, row, old.status, old.updated_at)? {
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
    }
}

/// A public reference: "BW" and 9 characters without look-alikes (29^9 ≈ 1.5e13 codes, so
/// a clash is rare; `post_in` still checks and draws again).
fn new_reference() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"23456789BCDFGHJKLMNPQRSTVWXYZ";
    let mut rng = rand::thread_rng();
    let code: String = (0..9)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect();
    format!("BW{code}")
}

fn unused_reference(conn: &mut DbConn) -> Result<String, AppError> {
    for _ in 0..5 {
        let candidate = new_reference();
        if queries::by_reference(conn, &candidate)?.is_none() {
            return Ok(candidate);
        }
    }
    Err(AppError::internal(anyhow::anyhow!(
        "no unused vacancy reference after five draws"
    )))
}

/// Posts one vacancy for `employer`, submitted by `submitted_by`, in its own savepoint: the
/// step that a single post and each row of an import share.
pub(super) fn post_in(
    conn: &mut DbConn,
    new: &NewVacancy,
    employer: &OrganisationId,
    submitted_by: &OrganisationId,
    now: DateTime<Utc>,
) -> Result<(VacancyRow, Posted), AppError> {
    conn.transaction(|conn| {
        let existing = match new.source_ref() {
            Some(r) => queries::by_source_ref(conn, submitted_by, r)?,
            None => None,
        };
        match existing {
            Some(old) => {
                if &old.employer_id != employer {
                    return Err(AppError::invalid(
                        "employer",
                        "employer: a vacancy keeps its employer; post it under a new ref instead.",
                    ));
                }
                may_move(old.status, new.status())?;
                let unchanged = new.to_row(StoredAs {
                    updated_at: old.updated_at,
                    ..stored_as(&old, now)
                });
                if unchanged == old {
                    return Ok((old, Posted::Unchanged));
                }
                let row = new.to_row(stored_as(&old, now));
                replace(conn, &old, &row)?;
                Ok((row, Posted::Updated))
            }
            None => {
                let stamp = now.naive_utc();
                let row = new.to_row(StoredAs {
                    id: VacancyId::generate(),
                    reference: unused_reference(conn)?,
                    employer: employer.clone(),
                    submitted_by: submitted_by.clone(),
                    created_at: stamp,
                    updated_at: stamp,
                });
                queries::insert(conn, &row)?;
                Ok((row, Posted::Created))
            }
        }
    })
}
