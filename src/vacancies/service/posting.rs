//! The step every way of posting shares (a single post, each row of an import): which
//! employer a vacancy is for, and storing it idempotently under the poster's own `ref`.

use chrono::{DateTime, Utc};
use diesel::Connection;

use super::{may_move, replace, stored_as, Posted};
use crate::access::policy::{self, Posting};
use crate::db::DbConn;
use crate::error::AppError;
use crate::organisations::queries as organisation_queries;
use crate::types::{OrganisationId, OrganisationKind, VacancyId};
use crate::vacancies::input::{NewVacancy, StoredAs};
use crate::vacancies::queries::{self, VacancyRow};

/// Which employer a vacancy is posted for: an employer's own; for an agency, the client
/// employer it names, which must have accepted the agency (a request waiting for an answer,
/// or declined, is not enough).
pub(in crate::vacancies) fn employer_for(
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
                    "{} is not recorded as a client of {}: you can post only for employers that have accepted you as their agency.",
                    name, agency.name
                ))),
            }
        }
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

/// Posts one vacancy for `employer`, submitted by the `posting` organisation, in its own
/// savepoint: the step that a single post and each row of an import share.
pub(in crate::vacancies) fn post_in(
    conn: &mut DbConn,
    new: &NewVacancy,
    employer: &OrganisationId,
    posting: &Posting,
    now: DateTime<Utc>,
) -> Result<(VacancyRow, Posted), AppError> {
    policy::may_give_status(posting.organisation(), new.status())?;
    let submitted_by = posting.poster();
    let once = |conn: &mut DbConn| post_once(conn, new, (employer, submitted_by), now);
    match once(conn) {
        // Someone else created the same `ref` at the same moment (two imports of one file,
        // say): its row is committed now, so this post is an update of it, not a failure.
        Err(AppError::Conflict { .. }) if new.source_ref().is_some() => once(conn),
        other => other,
    }
}

/// One try at `post_in`, for (employer, submitted by).
fn post_once(
    conn: &mut DbConn,
    new: &NewVacancy,
    (employer, submitted_by): (&OrganisationId, &OrganisationId),
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
                    version: old.version,
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
                    version: 0,
                });
                queries::insert(conn, &row)?;
                Ok((row, Posted::Created))
            }
        }
    })
}
