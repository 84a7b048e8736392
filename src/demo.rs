//! Demo data: a small London brokerage a newcomer can log in to and explore. Seeding twice
//! changes nothing.

use std::collections::HashMap;

use crate::access::{Actor, OrganisationSummary};
use crate::error::AppError;
use crate::organisations::domain::Decision;
use crate::organisations::service::{self as organisations, NewMember};
use crate::types::{OrganisationKind, Role};
use crate::vacancies::input::VacancyInput;
use crate::vacancies::service as vacancies;
use crate::AppState;

/// The password of every demo account (documented in the README; demo use only).
pub const DEMO_PASSWORD: &str = "better-work-demo";

/// A demo organisation and its people: (email, name, role).
struct DemoOrganisation {
    name: &'static str,
    kind: OrganisationKind,
    living_wage_accredited: bool,
    people: &'static [(&'static str, &'static str, Role)],
}

const ORGANISATIONS: &[DemoOrganisation] = &[
    DemoOrganisation {
        name: "Better Work",
        kind: OrganisationKind::Platform,
        living_wage_accredited: false,
        people: &[("admin@betterwork.example", "Priya Shah", Role::Admin)],
    },
    DemoOrganisation {
        name: "Brixton Works",
        kind: OrganisationKind::Provider,
        living_wage_accredited: false,
        people: &[
            (
                "grace.mensah@brixtonworks.example",
                "Grace Mensah",
                Role::ProviderManager,
            ),
            (
                "amara.okafor@brixtonworks.example",
                "Amara Okafor",
                Role::Adviser,
            ),
            ("tom.byrne@brixtonworks.example", "Tom Byrne", Role::Adviser),
        ],
    },
    DemoOrganisation {
        name: "Tower Hamlets Progress",
        kind: OrganisationKind::Provider,
        living_wage_accredited: false,
        people: &[
            (
                "david.clarke@thprogress.example",
                "David Clarke",
                Role::ProviderManager,
            ),
            (
                "rahim.uddin@thprogress.example",
                "Rahim Uddin",
                Role::Adviser,
            ),
            ("ewa.nowak@thprogress.example", "Ewa Nowak", Role::Adviser),
        ],
    },
    DemoOrganisation {
        name: "Clapham Bakehouse",
        kind: OrganisationKind::Employer,
        living_wage_accredited: true,
        people: &[(
            "sam.porter@claphambakehouse.example",
            "Sam Porter",
            Role::Employer,
        )],
    },
    DemoOrganisation {
        name: "Thameside Care Homes",
        kind: OrganisationKind::Employer,
        living_wage_accredited: false,
        people: &[("hr@thamesidecare.example", "Funmi Adeyemi", Role::Employer)],
    },
    DemoOrganisation {
        name: "Metro Retail Group",
        kind: OrganisationKind::Employer,
        living_wage_accredited: true,
        people: &[(
            "recruitment@metroretail.example",
            "Chris Walsh",
            Role::Employer,
        )],
    },
    DemoOrganisation {
        name: "Southbank Staffing",
        kind: OrganisationKind::Agency,
        living_wage_accredited: false,
        people: &[(
            "lucy.chen@southbankstaffing.example",
            "Lucy Chen",
            Role::Agency,
        )],
    },
];

/// (agency, client employer)
const AGENCY_CLIENTS: &[(&str, &str)] = &[
    ("Southbank Staffing", "Thameside Care Homes"),
    ("Southbank Staffing", "Metro Retail Group"),
];

/// Demo vacancies: (poster, employer for agencies, your ref, JSON fields).
const VACANCIES: &[(&str, Option<&str>, &str, &str)] = &[
    (
        "Clapham Bakehouse",
        None,
        "CB-1",
        r#"{"title": "Bakery assistant, school hours", "sector": "hospitality", "postcode": "SW4 7AA", "pay_pence": 1495, "hours_min": 15, "hours_max": 25, "contract": "permanent", "patterns": ["part_time", "school_hours"], "open_to_flexibility": true, "description": "Serve customers, prepare the counter and help with bakes. 9.15 to 2.45, Monday to Friday."}"#,
    ),
    (
        "Clapham Bakehouse",
        None,
        "CB-2",
        r#"{"title": "Weekend barista", "sector": "hospitality", "postcode": "SW4 0JQ", "pay_pence": 1480, "hours_min": 12, "hours_max": 16, "contract": "permanent", "patterns": ["weekends"], "description": "Coffee and customers on Saturdays and Sundays."}"#,
    ),
    (
        "Thameside Care Homes",
        None,
        "TC-1",
        r#"{"title": "Care assistant, job share", "sector": "care", "postcode": "SE1 7PB", "pay_pence": 1510, "hours_min": 18.75, "hours_max": 22.5, "contract": "permanent", "patterns": ["job_share", "flexible_start"], "open_to_flexibility": true, "description": "Support residents with daily living. Training to NVQ level 3."}"#,
    ),
    (
        "Metro Retail Group",
        None,
        "MR-1",
        r#"{"title": "Retail supervisor", "sector": "retail", "postcode": "E1 6AN", "pay_pence": 2750000, "pay_per": "year_fte", "hours_min": 24, "hours_max": 30, "contract": "permanent", "patterns": ["part_time"], "open_to_flexibility": true, "description": "Lead a small team in our Spitalfields store."}"#,
    ),
    (
        "Metro Retail Group",
        None,
        "MR-2",
        r#"{"title": "Stock replenishment, evenings", "sector": "warehousing", "postcode": "E14 5AB", "pay_pence": 1400, "hours_min": 16, "hours_max": 20, "contract": "temporary", "patterns": ["evenings"], "description": "Evening shifts over the winter."}"#,
    ),
    (
        "Southbank Staffing",
        Some("Thameside Care Homes"),
        "SS-101",
        r#"{"title": "Night care assistant", "sector": "care", "postcode": "SE11 5QY", "pay_pence": 1560, "hours_min": 20, "hours_max": 30, "contract": "permanent", "patterns": ["part_time"], "description": "Nights, three a week, in a friendly home."}"#,
    ),
    (
        "Southbank Staffing",
        Some("Metro Retail Group"),
        "SS-102",
        r#"{"title": "Customer service adviser", "sector": "customer_service", "remote": true, "pay_pence": 1420, "hours_min": 16, "hours_max": 24, "contract": "fixed_term", "patterns": ["remote", "flexible_start"], "description": "Answer customers by phone and chat from home."}"#,
    ),
];

/// What seeding did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub organisations_created: usize,
    pub users_created: usize,
    pub vacancies_created: usize,
}

/// Seeds the demo organisations, accounts and vacancies that are not there yet, through the
/// same use cases as everyone else, acting from the command line.
pub async fn seed(state: &AppState) -> Result<SeedReport, AppError> {
    let operator = Actor::command_line();
    let mut report = SeedReport::default();
    let mut acting_for = HashMap::new();
    for demo in ORGANISATIONS {
        let (organisation, created) =
            organisations::ensure(state, &operator, demo.name, demo.kind).await?;
        if created {
            report.organisations_created += 1;
        }
        // The admin at the command line records the accreditation, as an admin would once
        // they had verified it.
        if demo.living_wage_accredited && !organisation.living_wage_accredited {
            let decision = organisations::AccreditationDecision {
                accredited: true,
                verified_on: Some(state.today()),
                note: "Demo data".into(),
            };
            let id = organisation.id.clone();
            organisations::verify_accreditation(state, &operator, id, decision).await?;
        }
        for (email, name, role) in demo.people {
            let member = NewMember {
                email: email.to_string(),
                display_name: name.to_string(),
                role: *role,
                password: Some(DEMO_PASSWORD.to_string()),
            };
            match organisations::create_member(state, &operator, organisation.id.clone(), member)
                .await
            {
                Ok(_) => report.users_created += 1,
                // Seeded before: the email already has its account.
                Err(AppError::Conflict { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        let summary = OrganisationSummary {
            id: organisation.id.clone(),
            name: organisation.name.clone(),
            kind: organisation.kind,
            approval: organisation.approval,
        };
        let role = demo
            .people
            .first()
            .map_or(Role::Admin, |(_, _, role)| *role);
        acting_for.insert(demo.name, Actor::command_line_for(summary, role));
    }
    // Each agency asks and each employer accepts, as they would on their pages; asking and
    // accepting again changes nothing.
    for (agency, employer) in AGENCY_CLIENTS {
        let agency = demo_actor(&acting_for, agency)?;
        let (link, _) = organisations::ask_to_act_for(state, agency, employer).await?;
        let employer = demo_actor(&acting_for, employer)?;
        let (employer_id, agency_id) = (link.employer_id, link.agency_id);
        organisations::answer_agency(state, employer, employer_id, agency_id, Decision::Accept)
            .await?;
    }
    for (poster, employer, source_ref, fields) in VACANCIES {
        let poster = demo_actor(&acting_for, poster)?;
        // Seeded before, and perhaps changed since by someone trying the demo: leave it be.
        match vacancies::get(state, poster, source_ref.to_string()).await {
            Ok(_) => continue,
            Err(AppError::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
        let mut input: VacancyInput = serde_json::from_str(fields)
            .map_err(|e| AppError::internal(anyhow::anyhow!("demo vacancy {source_ref}: {e}")))?;
        input.source_ref = Some(source_ref.to_string());
        input.employer = employer.map(str::to_string);
        vacancies::post(state, poster, input).await?;
        report.vacancies_created += 1;
    }
    Ok(report)
}

fn demo_actor<'a>(acting_for: &'a HashMap<&str, Actor>, name: &str) -> Result<&'a Actor, AppError> {
    acting_for
        .get(name)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("demo organisation {name} missing")))
}

/// The demo logins, for the README and the `seed-demo` summary.
pub fn logins() -> impl Iterator<Item = (&'static str, &'static str, Role, &'static str)> {
    ORGANISATIONS.iter().flat_map(|o| {
        o.people
            .iter()
            .map(move |(email, name, role)| (*email, *name, *role, o.name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_role_fits_its_organisation() {
        for demo in ORGANISATIONS {
            assert!(!demo.people.is_empty(), "{} has no people", demo.name);
            for (email, _, role) in demo.people {
                assert!(role.fits(demo.kind), "{email} as {role} in {}", demo.name);
            }
        }
    }

    #[test]
    fn the_demo_covers_every_role() {
        for &role in Role::ALL {
            assert!(logins().any(|(_, _, r, _)| r == role), "no demo {role}");
        }
    }
}
