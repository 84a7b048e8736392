//! Demo data: a small London brokerage a newcomer can log in to and explore. Seeding twice
//! changes nothing.

use chrono::Utc;

use crate::accounts::queries::find_user_by_email;
use crate::accounts::service::{create_account, NewAccount};
use crate::audit::Who;
use crate::db::{Db, DbConn};
use crate::error::AppError;
use crate::geo::Gazetteer;
use crate::organisations::queries::{self, OrganisationRow};
use crate::organisations::service;
use crate::rates::Rates;
use crate::types::{OrganisationKind, Role};
use crate::vacancies::input::{NewVacancy, VacancyInput};

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

/// Seeds the demo organisations, accounts and vacancies that are not there yet.
pub fn seed(db: &Db, gazetteer: &Gazetteer, rates: &Rates) -> Result<SeedReport, AppError> {
    let who = Who::command_line();
    let mut report = SeedReport::default();
    db.run_blocking(|conn| {
        for demo in ORGANISATIONS {
            let (mut organisation, created) =
                service::ensure(conn, demo.name, demo.kind, &who, Utc::now())?;
            if created {
                report.organisations_created += 1;
                if demo.living_wage_accredited {
                    let changes = service::OrganisationChanges {
                        name: None,
                        living_wage_accredited: Some(true),
                    };
                    organisation =
                        service::change(conn, &organisation.id, changes, &who, Utc::now())?;
                }
            }
            for (email, name, role) in demo.people {
                if find_user_by_email(conn, email)?.is_some() {
                    continue;
                }
                let account = NewAccount {
                    email: email.to_string(),
                    display_name: name.to_string(),
                    role: *role,
                    password: Some(DEMO_PASSWORD.to_string()),
                };
                create_account(conn, &organisation, account, &who, Utc::now())?;
                report.users_created += 1;
            }
        }
        for (agency, employer) in AGENCY_CLIENTS {
            let agency = demo_organisation(conn, agency)?;
            let employer = demo_organisation(conn, employer)?;
            queries::add_agency_client(conn, &agency.id, &employer.id, Utc::now().naive_utc())?;
        }
        for (poster, employer, source_ref, fields) in VACANCIES {
            let poster = demo_organisation(conn, poster)?;
            if crate::vacancies::queries::by_source_ref(conn, &poster.id, source_ref)?.is_some() {
                continue;
            }
            let mut input: VacancyInput = serde_json::from_str(fields).map_err(|e| {
                AppError::internal(anyhow::anyhow!("demo vacancy {source_ref}: {e}"))
            })?;
            input.source_ref = Some(source_ref.to_string());
            let new = NewVacancy::parse(input, gazetteer, rates, Utc::now().date_naive())?;
            let employer = match employer {
                Some(name) => demo_organisation(conn, name)?.id,
                None => poster.id.clone(),
            };
            crate::vacancies::service::post(conn, &new, &employer, &poster.id, Utc::now())?;
            report.vacancies_created += 1;
        }
        Ok(())
    })?;
    Ok(report)
}

fn demo_organisation(conn: &mut DbConn, name: &str) -> Result<OrganisationRow, AppError> {
    queries::find_by_name(conn, name)?
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
            for (email, _, role) in demo.people {
                assert!(role.fits(demo.kind), "{email} as {role} in {}", demo.name);
            }
        }
    }

    #[test]
    fn the_demo_covers_every_role() {
        for role in Role::ALL {
            assert!(logins().any(|(_, _, r, _)| r == role), "no demo {role}");
        }
    }
}
