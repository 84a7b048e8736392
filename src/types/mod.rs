//! Values parsed once at the boundary: ids, email addresses, roles and organisation kinds.

use std::fmt;

use diesel_derive_newtype::DieselNewType;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

mod code_list;
mod field;
mod money;
mod postcode;
mod text;
pub mod timestamp;
pub(crate) use code_list::code_list;
pub use field::Field;
pub use money::{Pence, WeeklyHours};
pub use postcode::Postcode;
pub use text::{check_line, clean_paragraphs, is_bidi_control, is_invisible, name_key};

macro_rules! text_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, DieselNewType, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// A new random id.
            pub fn generate() -> Self {
                $name(uuid::Uuid::new_v4().to_string())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

text_id!(
    /// An organisation: employer, agency, provider or the platform itself.
    OrganisationId
);
text_id!(
    /// A person who logs in.
    UserId
);
text_id!(
    /// A vacancy, inside the database; people and the API use its public reference.
    VacancyId
);

code_list!(
    /// What kind of organisation this is; it decides which roles its people may have.
    #[derive(clap::ValueEnum)]
    OrganisationKind {
        Employer => "employer", "Employer";
        Agency => "agency", "Recruitment agency";
        Provider => "provider", "Employment-support provider";
        Platform => "platform", "Better Work platform";
    }
);

code_list!(
    /// Whether an organisation may act in public: one an admin added is approved; one that
    /// signed itself up waits for an admin, who approves or rejects it.
    Approval {
        Approved => "approved", "Approved";
        Pending => "pending", "Awaiting approval";
        Rejected => "rejected", "Not approved";
    }
);

code_list!(
    /// What a person may do.
    #[derive(clap::ValueEnum)]
    Role {
        Employer => "employer", "Employer";
        Agency => "agency", "Agency recruiter";
        Adviser => "adviser", "Adviser";
        ProviderManager => "provider_manager", "Provider manager";
        Admin => "admin", "Platform admin";
    }
);

impl Role {
    /// The one kind of organisation a person with this role belongs to.
    pub fn organisation_kind(self) -> OrganisationKind {
        match self {
            Role::Employer => OrganisationKind::Employer,
            Role::Agency => OrganisationKind::Agency,
            Role::Adviser | Role::ProviderManager => OrganisationKind::Provider,
            Role::Admin => OrganisationKind::Platform,
        }
    }

    /// Whether this role fits an organisation of `kind`.
    pub fn fits(self, kind: OrganisationKind) -> bool {
        self.organisation_kind() == kind
    }
}

/// An email address, trimmed and lower-cased so that one person has one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Parses an address; `field` names the input for the error.
    pub fn parse(raw: &str, field: &str) -> Result<Email, AppError> {
        check_line(raw, field)?;
        let email = raw.trim().to_lowercase();
        let bad = |msg: &str| Err(AppError::invalid(field, msg));
        if email.is_empty() {
            return bad("Enter an email address");
        }
        if email.len() > 254 {
            return bad("Email address must be 254 characters or fewer");
        }
        let Some((local, domain)) = email.split_once('@') else {
            return bad("Enter an email address in the correct format, like name@example.org");
        };
        if local.is_empty()
            || domain.len() < 3
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || domain.contains('@')
            || email.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return bad("Enter an email address in the correct format, like name@example.org");
        }
        Ok(Email(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A name for a person or organisation: trimmed, not empty, not absurdly long.
pub fn parse_name(raw: &str, field: &str, max: usize) -> Result<String, AppError> {
    check_line(raw, field)?;
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(AppError::invalid(field, "Enter a name"));
    }
    if name.chars().count() > max {
        return Err(AppError::invalid(
            field,
            format!("Name must be {max} characters or fewer"),
        ));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn each_role_fits_exactly_one_kind_of_organisation() {
        for &role in Role::ALL {
            let fitting: Vec<_> = OrganisationKind::ALL
                .iter()
                .copied()
                .filter(|k| role.fits(*k))
                .collect();
            assert_eq!(fitting.len(), 1, "{role}");
        }
        assert!(Role::Adviser.fits(OrganisationKind::Provider));
        assert!(!Role::Adviser.fits(OrganisationKind::Employer));
        assert!(!Role::Admin.fits(OrganisationKind::Provider));
    }

    #[test]
    fn roles_and_kinds_round_trip_through_their_names() {
        for &role in Role::ALL {
            assert_eq!(role.code().parse::<Role>().unwrap(), role);
        }
        for &kind in OrganisationKind::ALL {
            assert_eq!(kind.code().parse::<OrganisationKind>().unwrap(), kind);
        }
        assert!("manager".parse::<Role>().is_err());
    }

    #[test]
    fn an_email_is_normalised_and_a_bad_one_names_the_field() {
        assert_eq!(
            Email::parse("  Ada@Example.ORG ", "email")
                .unwrap()
                .as_str(),
            "ada@example.org"
        );
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.org",
            "ada@example",
            "a da@example.org",
            "a@b@c.org",
            "ada\u{0}@example.org",
            "ada\u{202E}@example.org",
        ] {
            let err = Email::parse(bad, "email").unwrap_err();
            assert_eq!(err.field(), Some("email"), "{bad:?}");
        }
    }

    #[test]
    fn a_name_on_more_than_one_line_or_with_hidden_characters_is_refused() {
        assert_eq!(
            parse_name("  Thameside   Care ", "name", 160).unwrap(),
            "Thameside Care"
        );
        for bad in ["Thameside\u{0}", "Thameside\nCare", "Thame\u{202E}side"] {
            let err = parse_name(bad, "name", 160).unwrap_err();
            assert_eq!(err.field(), Some("name"), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn parsing_an_email_twice_changes_nothing(local in "[a-zA-Z0-9._-]{1,20}", domain in "[a-z]{1,10}\\.(org|co\\.uk)") {
            let once = Email::parse(&format!("{local}@{domain}"), "email").unwrap();
            let twice = Email::parse(once.as_str(), "email").unwrap();
            prop_assert_eq!(once, twice);
        }
    }
}
