//! Values parsed once at the boundary: ids, email addresses, roles and organisation kinds.

use std::fmt;
use std::str::FromStr;

use diesel_derive_newtype::DieselNewType;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

mod money;
mod postcode;
pub use money::{format_hours, format_pence, parse_hours, parse_pounds};
pub use postcode::Postcode;

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

/// What kind of organisation this is; it decides which roles its people may have.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    Employer,
    Agency,
    Provider,
    Platform,
}

/// What a person may do.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Employer,
    Agency,
    Adviser,
    ProviderManager,
    Admin,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 4] = [
        OrganisationKind::Employer,
        OrganisationKind::Agency,
        OrganisationKind::Provider,
        OrganisationKind::Platform,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::Employer => "employer",
            OrganisationKind::Agency => "agency",
            OrganisationKind::Provider => "provider",
            OrganisationKind::Platform => "platform",
        }
    }

    /// Plain words for pages.
    pub fn label(self) -> &'static str {
        match self {
            OrganisationKind::Employer => "Employer",
            OrganisationKind::Agency => "Recruitment agency",
            OrganisationKind::Provider => "Employment-support provider",
            OrganisationKind::Platform => "Better Work platform",
        }
    }
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Employer,
        Role::Agency,
        Role::Adviser,
        Role::ProviderManager,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Employer => "employer",
            Role::Agency => "agency",
            Role::Adviser => "adviser",
            Role::ProviderManager => "provider_manager",
            Role::Admin => "admin",
        }
    }

    /// Plain words for pages.
    pub fn label(self) -> &'static str {
        match self {
            Role::Employer => "Employer",
            Role::Agency => "Agency recruiter",
            Role::Adviser => "Adviser",
            Role::ProviderManager => "Provider manager",
            Role::Admin => "Platform admin",
        }
    }

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

impl FromStr for OrganisationKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        OrganisationKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "{s:?} is not a kind of organisation (employer, agency, provider, platform)"
                )
            })
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                format!("{s:?} is not a role (employer, agency, adviser, provider_manager, admin)")
            })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for OrganisationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An email address, trimmed and lower-cased so that one person has one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Parses an address; `field` names the input for the error.
    pub fn parse(raw: &str, field: &str) -> Result<Email, AppError> {
        let email = raw.trim().to_lowercase();
        let bad = |msg: &str| Err(AppError::invalid(field, msg));
        if email.is_empty() {
            return bad("Enter an email address.");
        }
        if email.len() > 254 {
            return bad("An email address is at most 254 characters.");
        }
        let Some((local, domain)) = email.split_once('@') else {
            return bad("Enter an email address like name@example.org.");
        };
        if local.is_empty()
            || domain.len() < 3
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || domain.contains('@')
            || email.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return bad("Enter an email address like name@example.org.");
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
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(AppError::invalid(field, "Enter a name."));
    }
    if name.chars().count() > max {
        return Err(AppError::invalid(
            field,
            format!("A name is at most {max} characters."),
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
        for role in Role::ALL {
            let fitting: Vec<_> = OrganisationKind::ALL
                .into_iter()
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
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
        }
        for kind in OrganisationKind::ALL {
            assert_eq!(kind.as_str().parse::<OrganisationKind>().unwrap(), kind);
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
        ] {
            let err = Email::parse(bad, "email").unwrap_err();
            assert_eq!(err.field(), Some("email"), "{bad:?}");
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
