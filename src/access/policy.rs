//! The one place that answers "may this actor read or change this record?".
//! Handlers ask here and nowhere else. Records of another organisation answer 404 rather
//! than 403, so that their existence does not leak across tenants.

use crate::access::Actor;
use crate::error::AppError;
use crate::types::{OrganisationId, Role};

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

/// Posting vacancies is for employers (their own) and agencies (their clients').
pub fn may_post_vacancy(actor: &Actor) -> Result<(), AppError> {
    match actor.role {
        Role::Employer | Role::Agency => Ok(()),
        _ => Err(forbidden("post vacancies")),
    }
}

/// An employer manages its own vacancies, an agency those it submitted, an admin any;
/// to everyone else another organisation's vacancy does not exist.
pub fn may_manage_vacancy(
    actor: &Actor,
    employer: &OrganisationId,
    submitted_by: &OrganisationId,
) -> Result<(), AppError> {
    let own = match actor.role {
        Role::Admin => true,
        Role::Employer => &actor.organisation.id == employer,
        Role::Agency => &actor.organisation.id == submitted_by,
        Role::Adviser | Role::ProviderManager => false,
    };
    if own {
        Ok(())
    } else {
        Err(AppError::NotFound {
            code: "vacancy_not_found",
            what: "Vacancy",
        })
    }
}

/// Listing vacancies: employers and agencies see their own, admins all of them.
pub fn may_list_vacancies(actor: &Actor) -> Result<(), AppError> {
    match actor.role {
        Role::Employer | Role::Agency | Role::Admin => Ok(()),
        _ => Err(forbidden("list vacancies")),
    }
}

/// An agency keeps its own list of client employers.
pub fn may_manage_agency_clients(actor: &Actor) -> Result<(), AppError> {
    if actor.role == Role::Agency {
        Ok(())
    } else {
        Err(forbidden("manage an agency's clients"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::OrganisationSummary;
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
            },
            session_id: "s".into(),
        }
    }

    #[test]
    fn only_admins_list_organisations_or_read_the_audit_log() {
        for role in Role::ALL {
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
        for role in Role::ALL {
            let a = actor(role, "o1");
            for check in [
                may_read_organisation,
                may_change_organisation,
                may_list_members,
                may_create_user,
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
        for role in Role::ALL {
            let allowed = matches!(role, Role::Adviser | Role::ProviderManager | Role::Admin);
            assert_eq!(
                may_check_better_off(&actor(role, "o1")).is_ok(),
                allowed,
                "{role}"
            );
        }
    }

    #[test]
    fn a_vacancy_is_managed_only_by_its_employer_its_agency_or_an_admin() {
        let (employer, agency, other) = (
            OrganisationId("e".into()),
            OrganisationId("a".into()),
            OrganisationId("x".into()),
        );
        assert!(may_manage_vacancy(&actor(Role::Employer, "e"), &employer, &agency).is_ok());
        assert!(may_manage_vacancy(&actor(Role::Agency, "a"), &employer, &agency).is_ok());
        assert!(may_manage_vacancy(&actor(Role::Admin, "p"), &employer, &agency).is_ok());
        for (role, org) in [
            (Role::Employer, "x"),
            (Role::Agency, "x"),
            (Role::Adviser, "e"),
        ] {
            let result = may_manage_vacancy(&actor(role, org), &employer, &agency);
            assert!(matches!(result, Err(AppError::NotFound { .. })), "{role}");
        }
        assert!(may_manage_vacancy(&actor(Role::Employer, "e"), &other, &other).is_err());
        assert!(may_post_vacancy(&actor(Role::Adviser, "p")).is_err());
    }

    #[test]
    fn vacancies_are_listed_by_their_posters_and_admins_only() {
        for role in Role::ALL {
            let allowed = matches!(role, Role::Employer | Role::Agency | Role::Admin);
            assert_eq!(
                may_list_vacancies(&actor(role, "o")).is_ok(),
                allowed,
                "{role}"
            );
        }
    }
}
