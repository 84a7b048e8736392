//! Demo data: a small London brokerage a newcomer can log in to and explore. Seeding twice
//! changes nothing.

use chrono::Utc;

use crate::accounts::queries::find_user_by_email;
use crate::accounts::service::{create_account, NewAccount};
use crate::audit::Who;
use crate::db::{Db, DbConn};
use crate::error::AppError;
use crate::organisations::queries::{self, OrganisationRow};
use crate::organisations::service;
use crate::types::{OrganisationKind, Role};

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

/// What seeding did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub organisations_created: usize,
    pub users_created: usize,
}

/// Seeds the demo organisations and accounts that are not there yet.
pub fn seed(db: &Db) -> Result<SeedReport, AppError> {
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
