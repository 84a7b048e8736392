//! The one place that answers "may this actor read or change this record?", and that
//! gives each actor the scope (whose vacancies, for whom they post) that queries take.
//! Use cases ask here (a page may ask first to decide what to show); nothing else matches
//! on roles. Records of another organisation answer 404 rather than 403, so that their
//! existence does not leak across tenants.
//!
//! Kept in one file, past the usual size, on purpose: the whole policy is read in one
//! place, and its tests check each rule against every role.

use crate::access::{Actor, OrganisationSummary};
use crate::error::AppError;
use crate::types::{Approval, OrganisationId, Role, UserId};
use crate::vacancies::domain::Status;

fn forbidden(what: &str) -> AppError {
    AppError::Forbidden(format!("Your role may not {what}."))
}

fn organisation_not_found() -> AppError {
    AppError::NotFound {
        code: "organisation_not_found",
        what: "Organisation",
    }
}

/// Whether the actor runs the platform.
pub fn is_admin(actor: &Actor) -> bool {
    actor.role == Role::Admin
}

/// Listing every organisation on the platform is for admins.
pub fn may_list_organisations(actor: &Actor) -> Result<(), AppError> {
    if is_admin(actor) {
        Ok(())
    } else {
        Err(forbidden("list the organisations on Better Work"))
    }
}

/// Creating organisations and their accounts is for admins.
pub fn may_create_organisation(actor: &Actor) -> Result<(), AppError> {
    if is_admin(actor) {
        Ok(())
    } else {
        Err(forbidden("create organisations"))
    }
}

/// An organisation's own people may read it; admins may read any.
pub fn may_read_organisation(actor: &Actor, organisation: &OrganisationId) -> Result<(), AppError> {
    if is_admin(actor) || &actor.organisation.id == organisation {
        Ok(())
    } else {
        Err(organisation_not_found())
    }
}

/// Roles that run their organisation's account: its name, Living Wage status and team.
fn runs_own_organisation(role: Role) -> bool {
    matches!(role, Role::Employer | Role::Agency | Role::ProviderManager)
}

/// Changing an organisation's details: admins, or the people who run that organisation.
pub fn may_change_organisation(
    actor: &Actor,
    organisation: &OrganisationId,
) -> Result<(), AppError> {
    may_read_organisation(actor, organisation)?;
    if is_admin(actor) || runs_own_organisation(actor.role) {
        Ok(())
    } else {
        Err(forbidden("change your organisation's details"))
    }
}

/// Recording or withdrawing an employer's Living Wage accreditation is for admins, who
/// verify it first; job seekers filter on it.
pub fn may_verify_accreditation(actor: &Actor) -> Result<(), AppError> {
    if is_admin(actor) {
        Ok(())
    } else {
        Err(forbidden(
            "set Living Wage accreditation: Better Work's admins set it once they have verified it",
        ))
    }
}

/// Asking for Living Wage accreditation to be verified: an employer, for itself.
pub fn may_ask_for_accreditation(
    actor: &Actor,
    organisation: &OrganisationId,
) -> Result<(), AppError> {
    may_read_organisation(actor, organisation)?;
    if actor.role == Role::Employer {
        Ok(())
    } else {
        Err(forbidden("ask for Living Wage accreditation"))
    }
}

/// Seeing who works in an organisation (their names and emails are personal data).
pub fn may_list_members(actor: &Actor, organisation: &OrganisationId) -> Result<(), AppError> {
    may_read_organisation(actor, organisation)?;
    if is_admin(actor) || runs_own_organisation(actor.role) {
        Ok(())
    } else {
        Err(forbidden("see your organisation's team"))
    }
}

/// Creating accounts is for admins.
pub fn may_create_user(actor: &Actor, organisation: &OrganisationId) -> Result<(), AppError> {
    may_read_organisation(actor, organisation)?;
    if is_admin(actor) {
        Ok(())
    } else {
        Err(forbidden("create accounts"))
    }
}

/// Changing, removing and resetting the password of other people's accounts is for admins.
pub fn may_manage_accounts(actor: &Actor) -> Result<(), AppError> {
    if is_admin(actor) {
        Ok(())
    } else {
        Err(forbidden("change other people's accounts"))
    }
}

/// Removing an account: admins, and never their own, so that nobody locks themselves out
/// by mistake (the last admin is guarded in the use case, which can count them).
pub fn may_remove_account(actor: &Actor, person: &UserId) -> Result<(), AppError> {
    may_manage_accounts(actor)?;
    if &actor.user_id == person {
        Err(AppError::Forbidden(
            "You cannot remove your own account. Ask another admin to do it.".into(),
        ))
    } else {
        Ok(())
    }
}

/// Approving or rejecting organisations that signed themselves up is for admins.
pub fn may_decide_sign_ups(actor: &Actor) -> Result<(), AppError> {
    if is_admin(actor) {
        Ok(())
    } else {
        Err(forbidden("approve organisations"))
    }
}

/// Whether `poster` may give a vacancy `status`. Until an admin approves an organisation
/// that signed itself up, its vacancies stay out of public view: it may prepare drafts (and
/// close them) but not open them, so nobody can publish jobs under a name they made up.
pub fn may_give_status(poster: &OrganisationSummary, status: Status) -> Result<(), AppError> {
    match (poster.approval, status) {
        (Approval::Approved, _) | (_, Status::Draft | Status::Closed) => Ok(()),
        _ => Err(awaiting_approval(poster)),
    }
}

fn awaiting_approval(organisation: &OrganisationSummary) -> AppError {
    AppError::Forbidden(format!(
        "{} is awaiting approval by Better Work. Until an admin approves it you can save \
         vacancies as drafts, but not publish them.",
        organisation.name
    ))
}

/// Issuing an API token for someone else's account (for their scripts) is for admins.
pub fn may_issue_tokens(actor: &Actor) -> Result<(), AppError> {
    if is_admin(actor) {
        Ok(())
    } else {
        Err(forbidden("issue tokens for other accounts"))
    }
}

/// The audit trail of personal data is for admins.
pub fn may_read_audit_log(actor: &Actor) -> Result<(), AppError> {
    if is_admin(actor) {
        Ok(())
    } else {
        Err(forbidden("read the audit log"))
    }
}

/// The better-off check works on a candidate's household finances: for the people who
/// advise candidates (and admins), not for employers or agencies.
pub fn may_check_better_off(actor: &Actor) -> Result<(), AppError> {
    match actor.role {
        Role::Adviser | Role::ProviderManager | Role::Admin => Ok(()),
        Role::Employer | Role::Agency => Err(forbidden("use the better-off check")),
    }
}

/// Whose vacancies an actor reaches. Vacancy queries take it as an argument, so a query
/// cannot forget whose rows it may return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VacancyScope {
    /// Every vacancy: admins.
    All,
    /// An employer's vacancies, whoever submitted them.
    Employer(OrganisationId),
    /// The vacancies an agency submitted, for the employers that still accept it as their
    /// agency: once a link ends, the employer keeps its vacancies and the agency loses
    /// them. `covers` cannot see links, so the queries add that condition in SQL.
    SubmittedBy(OrganisationId),
}

impl VacancyScope {
    /// Whether a vacancy of `employer`, submitted by `submitted_by`, is in scope.
    pub fn covers(&self, employer: &OrganisationId, submitted_by: &OrganisationId) -> bool {
        match self {
            VacancyScope::All => true,
            VacancyScope::Employer(org) => org == employer,
            VacancyScope::SubmittedBy(org) => org == submitted_by,
        }
    }

    /// The organisation whose own references (`ref`) name vacancies in this scope.
    pub fn poster(&self) -> Option<&OrganisationId> {
        match self {
            VacancyScope::All => None,
            VacancyScope::Employer(org) | VacancyScope::SubmittedBy(org) => Some(org),
        }
    }
}

/// The vacancies an actor may list and manage: employers and agencies their own, admins
/// all of them; other roles none.
pub fn vacancy_scope(actor: &Actor) -> Result<VacancyScope, AppError> {
    let org = actor.organisation.id.clone();
    match actor.role {
        Role::Admin => Ok(VacancyScope::All),
        Role::Employer => Ok(VacancyScope::Employer(org)),
        Role::Agency => Ok(VacancyScope::SubmittedBy(org)),
        Role::Adviser | Role::ProviderManager => Err(forbidden("list vacancies")),
    }
}

/// For whom an actor posts vacancies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posting {
    /// An employer, for itself.
    ForItself(OrganisationSummary),
    /// An agency, for the client employer each vacancy names.
    ForClients(OrganisationSummary),
}

impl Posting {
    /// The organisation that submits the vacancies.
    pub fn poster(&self) -> &OrganisationId {
        &self.organisation().id
    }

    /// The organisation that submits the vacancies, as the policy knows it.
    pub fn organisation(&self) -> &OrganisationSummary {
        match self {
            Posting::ForItself(org) | Posting::ForClients(org) => org,
        }
    }
}

/// Posting vacancies is for employers (their own) and agencies (their clients').
pub fn posting(actor: &Actor) -> Result<Posting, AppError> {
    let org = actor.organisation.clone();
    match actor.role {
        Role::Employer => Ok(Posting::ForItself(org)),
        Role::Agency => Ok(Posting::ForClients(org)),
        Role::Adviser | Role::ProviderManager | Role::Admin => Err(forbidden("post vacancies")),
    }
}

/// The agency whose client list an actor keeps: agencies only, their own.
pub fn agency_clients_of(actor: &Actor) -> Result<OrganisationId, AppError> {
    if actor.role == Role::Agency {
        Ok(actor.organisation.id.clone())
    } else {
        Err(forbidden("manage an agency's clients"))
    }
}

/// Answering agencies that ask to act for an employer (accept, decline, end the link):
/// the employer's own people, or an admin. Another organisation's links are not found.
pub fn may_answer_agencies(actor: &Actor, employer: &OrganisationId) -> Result<(), AppError> {
    may_read_organisation(actor, employer)?;
    if is_admin(actor) || actor.role == Role::Employer {
        Ok(())
    } else {
        Err(forbidden("answer agencies that ask to act for an employer"))
    }
}

/// Accepting an agency: as answering one, and the employer's own people only once their
/// organisation is approved, since an accepted agency publishes for it: an employer awaiting
/// approval would otherwise get its vacancies published through an agency.
pub fn may_accept_agency(actor: &Actor, employer: &OrganisationId) -> Result<(), AppError> {
    may_answer_agencies(actor, employer)?;
    match actor.organisation.approval {
        _ if is_admin(actor) => Ok(()),
        Approval::Approved => Ok(()),
        _ => Err(AppError::Forbidden(format!(
            "{} is awaiting approval by Better Work: you can accept agencies once an admin \
             has approved it.",
            actor.organisation.name
        ))),
    }
}

/// The employer whose agencies an actor answers on their own pages: employers only, their
/// own (admins answer on the organisation's admin page).
pub fn own_agencies_of(actor: &Actor) -> Result<OrganisationId, AppError> {
    if actor.role == Role::Employer {
        Ok(actor.organisation.id.clone())
    } else {
        Err(forbidden("answer agencies for your organisation"))
    }
}

/// Which starting page an actor gets: what they can do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Home {
    Platform,
    Employer,
    Agency,
    ProviderManager,
    Adviser,
}

/// The starting page for the actor's role.
pub fn home(actor: &Actor) -> Home {
    match actor.role {
        Role::Admin => Home::Platform,
        Role::Employer => Home::Employer,
        Role::Agency => Home::Agency,
        Role::ProviderManager => Home::ProviderManager,
        Role::Adviser => Home::Adviser,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{OrganisationKind, UserId};

    fn actor(role: Role, org: &str) -> Actor {
        Actor {
            user_id: UserId("u".into()),
            email: "x@example.org".into(),
            display_name: "X".into(),
            role,
            organisation: OrganisationSummary {
                id: OrganisationId(org.into()),
                name: org.into(),
                kind: role.organisation_kind(),
                approval: Approval::Approved,
            },
            session_id: "s".into(),
            ip: None,
        }
    }

    fn pending(role: Role, org: &str) -> Actor {
        let mut a = actor(role, org);
        a.organisation.approval = Approval::Pending;
        a
    }

    #[test]
    fn only_admins_manage_other_accounts_and_never_remove_their_own() {
        for &role in Role::ALL {
            let a = actor(role, "o1");
            assert_eq!(
                may_manage_accounts(&a).is_ok(),
                role == Role::Admin,
                "{role}"
            );
            assert_eq!(
                may_decide_sign_ups(&a).is_ok(),
                role == Role::Admin,
                "{role}"
            );
            let someone_else = UserId("someone else".into());
            assert_eq!(
                may_remove_account(&a, &someone_else).is_ok(),
                role == Role::Admin,
                "{role}"
            );
            assert!(may_remove_account(&a, &a.user_id).is_err(), "{role}");
        }
    }

    #[test]
    fn an_organisation_awaiting_approval_prepares_drafts_but_publishes_nothing() {
        for &role in &[Role::Employer, Role::Agency] {
            let waiting = pending(role, "o1").organisation;
            assert!(may_give_status(&waiting, Status::Draft).is_ok());
            assert!(may_give_status(&waiting, Status::Closed).is_ok());
            for status in [Status::Open, Status::Paused, Status::Filled] {
                let refused = may_give_status(&waiting, status).unwrap_err();
                assert!(
                    matches!(refused, AppError::Forbidden(_)),
                    "{role} {status:?}"
                );
                assert!(
                    refused.to_string().contains("awaiting approval"),
                    "{refused}"
                );
            }
            let approved = actor(role, "o1").organisation;
            assert!(may_give_status(&approved, Status::Open).is_ok());
        }
        let own = OrganisationId("o1".into());
        assert!(may_answer_agencies(&pending(Role::Employer, "o1"), &own).is_ok());
        assert!(may_accept_agency(&pending(Role::Employer, "o1"), &own).is_err());
        assert!(may_accept_agency(&actor(Role::Employer, "o1"), &own).is_ok());
    }

    #[test]
    fn only_admins_list_organisations_or_read_the_audit_log() {
        for &role in Role::ALL {
            let a = actor(role, "o1");
            assert_eq!(
                may_list_organisations(&a).is_ok(),
                role == Role::Admin,
                "{role}"
            );
            assert_eq!(
                may_read_audit_log(&a).is_ok(),
                role == Role::Admin,
                "{role}"
            );
        }
    }

    #[test]
    fn no_role_but_admin_reaches_another_organisation_and_it_looks_absent() {
        let other = OrganisationId("o2".into());
        for &role in Role::ALL {
            let a = actor(role, "o1");
            for check in [
                may_read_organisation,
                may_change_organisation,
                may_list_members,
                may_create_user,
                may_answer_agencies,
            ] {
                let result = check(&a, &other);
                if role == Role::Admin {
                    assert!(result.is_ok());
                } else {
                    assert!(matches!(result, Err(AppError::NotFound { .. })), "{role}");
                }
            }
        }
    }

    #[test]
    fn advisers_read_but_do_not_run_their_provider() {
        let own = OrganisationId("o1".into());
        let adviser = actor(Role::Adviser, "o1");
        assert!(may_read_organisation(&adviser, &own).is_ok());
        assert!(matches!(
            may_change_organisation(&adviser, &own),
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            may_list_members(&adviser, &own),
            Err(AppError::Forbidden(_))
        ));
        let manager = actor(Role::ProviderManager, "o1");
        assert!(may_list_members(&manager, &own).is_ok());
        assert!(matches!(
            may_create_user(&manager, &own),
            Err(AppError::Forbidden(_))
        ));
        assert_eq!(manager.organisation.kind, OrganisationKind::Provider);
    }

    #[test]
    fn only_advisers_their_managers_and_admins_check_household_finances() {
        for &role in Role::ALL {
            let allowed = matches!(role, Role::Adviser | Role::ProviderManager | Role::Admin);
            assert_eq!(
                may_check_better_off(&actor(role, "o1")).is_ok(),
                allowed,
                "{role}"
            );
        }
    }

    #[test]
    fn a_vacancy_is_in_scope_only_for_its_employer_its_agency_or_an_admin() {
        let (employer, agency) = (OrganisationId("e".into()), OrganisationId("a".into()));
        let covers = |role, org| {
            vacancy_scope(&actor(role, org)).map(|scope| scope.covers(&employer, &agency))
        };
        assert_eq!(covers(Role::Employer, "e").ok(), Some(true));
        assert_eq!(covers(Role::Agency, "a").ok(), Some(true));
        assert_eq!(covers(Role::Admin, "p").ok(), Some(true));
        assert_eq!(covers(Role::Employer, "x").ok(), Some(false));
        assert_eq!(covers(Role::Agency, "x").ok(), Some(false));
        assert!(matches!(
            covers(Role::Adviser, "e"),
            Err(AppError::Forbidden(_))
        ));
        assert!(posting(&actor(Role::Adviser, "p")).is_err());
        assert_eq!(
            posting(&actor(Role::Agency, "a"))
                .map(|p| p.poster().clone())
                .ok(),
            Some(agency.clone())
        );
    }

    #[test]
    fn vacancies_are_listed_by_their_posters_and_admins_only() {
        for &role in Role::ALL {
            let allowed = matches!(role, Role::Employer | Role::Agency | Role::Admin);
            assert_eq!(vacancy_scope(&actor(role, "o")).is_ok(), allowed, "{role}");
            assert_eq!(
                agency_clients_of(&actor(role, "o")).is_ok(),
                role == Role::Agency,
                "{role}"
            );
            assert_eq!(
                own_agencies_of(&actor(role, "o")).is_ok(),
                role == Role::Employer,
                "{role}"
            );
        }
    }

    #[test]
    fn only_an_employer_or_an_admin_answers_an_employers_agencies() {
        let own = OrganisationId("o1".into());
        for &role in Role::ALL {
            let allowed = matches!(role, Role::Employer | Role::Admin);
            let result = may_answer_agencies(&actor(role, "o1"), &own);
            assert_eq!(result.is_ok(), allowed, "{role}");
            if !allowed {
                assert!(matches!(result, Err(AppError::Forbidden(_))), "{role}");
            }
        }
    }

    #[test]
    fn only_admins_set_accreditation_and_only_employers_ask_for_it() {
        let own = OrganisationId("o1".into());
        for &role in Role::ALL {
            let a = actor(role, "o1");
            assert_eq!(
                may_verify_accreditation(&a).is_ok(),
                role == Role::Admin,
                "{role}"
            );
            assert_eq!(
                may_ask_for_accreditation(&a, &own).is_ok(),
                role == Role::Employer,
                "{role}"
            );
            if role != Role::Admin {
                let other = OrganisationId("o2".into());
                let result = may_ask_for_accreditation(&a, &other);
                assert!(matches!(result, Err(AppError::NotFound { .. })), "{role}");
            }
        }
    }
}
