//! The use cases for an agency's link to a client employer. The agency asks; the employer
//! (or an admin) accepts or declines; either side can end the link. Only an accepted link
//! lets the agency post for the employer and manage what it submitted for it.

use chrono::{DateTime, Utc};

use crate::access::{policy, Actor};
use crate::audit::{self, AuditAction, Record, Who};
use crate::db::DbConn;
use crate::error::AppError;
use crate::organisations::domain::{ClientStatus, Decision};
use crate::organisations::queries::{self, ClientLinkRow};
use crate::organisations::view::{ClientLinkView, OrganisationView};
use crate::types::{OrganisationId, OrganisationKind};
use crate::AppState;

fn link_not_found() -> AppError {
    AppError::NotFound {
        code: "client_link_not_found",
        what: "Agency link",
    }
}

fn organisation_record(id: &OrganisationId) -> Record<'_> {
    Record {
        kind: "organisation",
        id: &id.0,
    }
}

/// The actor's agency's links to employers, whatever their status, by employer name.
pub async fn client_links(
    state: &AppState,
    actor: &Actor,
) -> Result<Vec<ClientLinkView>, AppError> {
    let agency = policy::agency_clients_of(actor)?;
    let name = actor.organisation.name.clone();
    let links = state
        .db
        .run(move |conn| queries::links_of_agency(conn, &agency))
        .await?;
    Ok(links
        .into_iter()
        .map(|(row, employer)| ClientLinkView::new(row, name.clone(), employer))
        .collect())
}

/// The employers that accepted the actor's agency: those it may post for.
pub async fn clients(state: &AppState, actor: &Actor) -> Result<Vec<OrganisationView>, AppError> {
    let agency = policy::agency_clients_of(actor)?;
    let rows = state
        .db
        .run(move |conn| queries::agency_clients(conn, &agency))
        .await?;
    Ok(rows.into_iter().map(OrganisationView::from).collect())
}

/// The names of the employers that accepted the actor's agency; for anyone else, none.
pub async fn client_names(state: &AppState, actor: &Actor) -> Result<Vec<String>, AppError> {
    if policy::agency_clients_of(actor).is_err() {
        return Ok(vec![]);
    }
    Ok(clients(state, actor)
        .await?
        .into_iter()
        .map(|c| c.name)
        .collect())
}

/// The actor's agency asks the employer called `employer` to accept it as its agency.
/// Asking again after a decline asks anew; asking while waiting, or once accepted, changes
/// nothing. The link comes back, with whether this asked anything.
pub async fn ask_to_act_for(
    state: &AppState,
    actor: &Actor,
    employer: &str,
) -> Result<(ClientLinkView, bool), AppError> {
    let agency = policy::agency_clients_of(actor)?;
    crate::types::check_line(employer, "employer")?;
    let agency_name = actor.organisation.name.clone();
    let name = employer.trim().to_string();
    let (who, now) = (Who::of(actor), state.now());
    state
        .db
        .write(move |conn| {
            let employer = queries::find_by_name(conn, &name)?
                .filter(|o| o.kind == OrganisationKind::Employer)
                .ok_or_else(|| {
                    AppError::invalid(
                        "employer",
                        format!("No employer on Better Work is called {name:?}."),
                    )
                })?;
            let current = queries::find_link(conn, &agency, &employer.id)?;
            let asked = ClientStatus::after_asking(current.as_ref().map(|l| l.status));
            let link = match (asked, current) {
                (Some(status), _) => {
                    let link = ClientLinkRow {
                        agency_id: agency.clone(),
                        employer_id: employer.id.clone(),
                        created_at: now.naive_utc(),
                        status,
                        decided_by: None,
                        decided_at: None,
                    };
                    queries::save_link(conn, &link)?;
                    let record = organisation_record(&agency);
                    let detail = Some(employer.name.as_str());
                    audit::record(conn, &who, AuditAction::AskClient, record, detail, now)?;
                    link
                }
                (None, Some(current)) => current,
                // Asking always asks when there is no link yet.
                (None, None) => return Err(link_not_found()),
            };
            let view = ClientLinkView::new(link, agency_name, employer.name);
            Ok((view, asked.is_some()))
        })
        .await
}

/// The actor's agency ends its link to `employer` (asked for, accepted or declined): it
/// stops posting for the employer and no longer reaches the vacancies it submitted for
/// it, which stay with the employer. The employer's name comes back.
pub async fn stop_acting_for(
    state: &AppState,
    actor: &Actor,
    employer: OrganisationId,
) -> Result<String, AppError> {
    let agency = policy::agency_clients_of(actor)?;
    let removal = Removal {
        who: Who::of(actor),
        now: state.now(),
        action: AuditAction::RemoveClient,
        by_agency: true,
    };
    state
        .db
        .write(move |conn| removal.remove(conn, &agency, &employer))
        .await
}

/// Ending an agency's link to an employer, by either side, recorded against that side.
struct Removal {
    who: Who,
    now: DateTime<Utc>,
    action: AuditAction,
    /// Whether the agency removes it (else the employer, or an admin for it).
    by_agency: bool,
}

impl Removal {
    /// Removes the link; the other side's name comes back.
    fn remove(
        self,
        conn: &mut DbConn,
        agency: &OrganisationId,
        employer: &OrganisationId,
    ) -> Result<String, AppError> {
        if !queries::remove_link(conn, agency, employer)? {
            return Err(link_not_found());
        }
        let (remover, other) = if self.by_agency {
            (agency, employer)
        } else {
            (employer, agency)
        };
        let name = queries::find(conn, other)?.name;
        let record = organisation_record(remover);
        audit::record(conn, &self.who, self.action, record, Some(&name), self.now)?;
        Ok(name)
    }
}

/// The agencies that asked to act for `employer`, whatever the answer, by agency name.
pub async fn agency_links(
    state: &AppState,
    actor: &Actor,
    employer: OrganisationId,
) -> Result<Vec<ClientLinkView>, AppError> {
    policy::may_answer_agencies(actor, &employer)?;
    let (name, links) = state
        .db
        .run(move |conn| {
            let name = queries::find(conn, &employer)?.name;
            Ok((name, queries::links_of_employer(conn, &employer)?))
        })
        .await?;
    Ok(links
        .into_iter()
        .map(|(row, agency)| ClientLinkView::new(row, agency, name.clone()))
        .collect())
}

/// Accepts or declines `agency`'s request to act for `employer`, recording who answered
/// and when. An employer may change its mind: declining an accepted agency ends its
/// control of the vacancies it submitted, as removing it does.
pub async fn answer_agency(
    state: &AppState,
    actor: &Actor,
    employer: OrganisationId,
    agency: OrganisationId,
    decision: Decision,
) -> Result<ClientLinkView, AppError> {
    match decision {
        Decision::Accept => policy::may_accept_agency(actor, &employer)?,
        Decision::Decline => policy::may_answer_agencies(actor, &employer)?,
    }
    let (who, now) = (Who::of(actor), state.now());
    state
        .db
        .write(move |conn| {
            let mut link =
                queries::find_link(conn, &agency, &employer)?.ok_or_else(link_not_found)?;
            let (agency_name, employer_name) = (
                queries::find(conn, &agency)?.name,
                queries::find(conn, &employer)?.name,
            );
            if link.status != decision.status() {
                link.status = decision.status();
                link.decided_by = who.email.clone();
                link.decided_at = Some(now.naive_utc());
                queries::save_link(conn, &link)?;
                let action = match decision {
                    Decision::Accept => AuditAction::AcceptAgency,
                    Decision::Decline => AuditAction::DeclineAgency,
                };
                let record = organisation_record(&employer);
                audit::record(conn, &who, action, record, Some(&agency_name), now)?;
            }
            Ok(ClientLinkView::new(link, agency_name, employer_name))
        })
        .await
}

/// Ends `agency`'s link to `employer` from the employer's side (or an admin's): the
/// employer keeps and still manages every vacancy the agency submitted for it. The
/// agency's name comes back.
pub async fn remove_agency(
    state: &AppState,
    actor: &Actor,
    employer: OrganisationId,
    agency: OrganisationId,
) -> Result<String, AppError> {
    policy::may_answer_agencies(actor, &employer)?;
    let removal = Removal {
        who: Who::of(actor),
        now: state.now(),
        action: AuditAction::RemoveAgency,
        by_agency: false,
    };
    state
        .db
        .write(move |conn| removal.remove(conn, &agency, &employer))
        .await
}
