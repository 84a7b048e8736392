//! Who is asking and what they may do: the `Actor` (user, organisation, role), session
//! tokens, password hashing and the access policy. Reading an actor from a request is the
//! web layer's job (`web::actor`).

mod common_passwords;
pub mod policy;
pub mod tokens;

use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::RngCore;
use serde::Serialize;

use crate::error::AppError;
use crate::types::{Approval, OrganisationId, OrganisationKind, Role, UserId};

/// Name of the HttpOnly cookie that carries a page session.
pub const SESSION_COOKIE: &str = "bw_session";
/// Name of the cookie holding the anti-forgery token that every form repeats.
pub const CSRF_COOKIE: &str = "bw_csrf";
/// Name of the hidden form field that repeats the anti-forgery token.
pub const CSRF_FIELD: &str = "csrf_token";

/// The organisation an actor acts for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrganisationSummary {
    pub id: OrganisationId,
    pub name: String,
    pub kind: OrganisationKind,
    /// Pending while an organisation that signed itself up waits for an admin.
    pub approval: Approval,
}

/// A logged-in person acting for their organisation in their role.
#[derive(Debug, Clone, Serialize)]
pub struct Actor {
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub organisation: OrganisationSummary,
    /// The session this request came in on; logging out revokes it.
    pub session_id: String,
    /// The address the request came from, for the audit trail.
    #[serde(skip)]
    pub ip: Option<String>,
}

impl Actor {
    /// Someone at the server's command line: the platform's operator, acting as an admin.
    pub fn command_line() -> Actor {
        let platform = OrganisationSummary {
            id: OrganisationId("command-line".into()),
            name: "Command line".into(),
            kind: OrganisationKind::Platform,
            approval: Approval::Approved,
        };
        Actor::command_line_for(platform, Role::Admin)
    }

    /// Someone at the server's command line acting for `organisation` in `role` (an import
    /// or the demo seed posting an organisation's vacancies).
    pub fn command_line_for(organisation: OrganisationSummary, role: Role) -> Actor {
        Actor {
            user_id: UserId("command-line".into()),
            email: "command line".into(),
            display_name: "Command line".into(),
            role,
            organisation,
            session_id: String::new(),
            ip: None,
        }
    }
}

/// Random bytes as lower-case hex, for secrets, tokens and generated passwords.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::thread_rng().fill_bytes(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut rand::thread_rng());
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::internal(anyhow::anyhow!("hashing a password: {e}")))
}

// Checked against when the email is unknown, so that an unknown account takes as long to
// refuse as a wrong password and timing does not reveal who has an account.
static DECOY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password(&random_token(16)).unwrap_or_default());

/// Whether `password` matches `stored`; with no stored hash, spends the same effort and says no.
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    let hash = stored.unwrap_or(DECOY_HASH.as_str());
    let matches = PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    matches && stored.is_some()
}

/// A strong password to print once, for accounts created without one.
pub fn generate_password() -> String {
    // 20 characters from an alphabet without look-alikes: about 115 bits.
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut buf = [0u8; 20];
    rand::thread_rng().fill_bytes(&mut buf);
    buf.iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

/// The shortest password we accept.
pub const MIN_PASSWORD_LEN: usize = 12;

/// Checks a chosen password resists guessing, as the NCSC and NIST (SP 800-63B) advise:
/// long enough, not blank, not one of the passwords people commonly use or that breaches
/// exposed; and no rules about which kinds of character it must mix.
pub fn check_new_password(password: &str, field: &str) -> Result<(), AppError> {
    let refuse = |message: String| Err(AppError::invalid(field, message));
    if password.is_empty() {
        return refuse("Enter a password".into());
    }
    if password.chars().count() < MIN_PASSWORD_LEN {
        return refuse(format!(
            "Enter a password of at least {MIN_PASSWORD_LEN} characters"
        ));
    }
    if password.len() > 1024 {
        return refuse("Password must be 1024 characters or fewer".into());
    }
    if password.chars().all(char::is_whitespace) {
        return refuse("Enter a password that is not only spaces".into());
    }
    if password.chars().any(char::is_control) {
        return refuse(
            "Password must not include tabs, line breaks or other control characters".into(),
        );
    }
    if common_passwords::is_common(password) {
        return refuse(
            "Enter a password that is harder to guess: that one is on a list of common and \
             breached passwords. Try three or four random words"
                .into(),
        );
    }
    Ok(())
}

/// Compares two secrets in time that does not depend on where they first differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_only_against_its_own_hash() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(verify_password("correct horse battery", Some(&hash)));
        assert!(!verify_password("correct horse batterY", Some(&hash)));
        assert!(!verify_password("correct horse battery", None));
    }

    #[test]
    fn generated_passwords_are_long_enough_and_differ() {
        let a = generate_password();
        assert!(check_new_password(&a, "password").is_ok());
        assert_ne!(a, generate_password());
        assert_eq!(
            check_new_password("short", "password").unwrap_err().field(),
            Some("password")
        );
    }

    #[test]
    fn blank_control_and_common_passwords_are_refused_naming_the_field() {
        for weak in [
            " ".repeat(12),
            "\u{0}".repeat(12),
            "password1234".to_string(),
            "Password1234".to_string(),
            "qwertyuiop123".to_string(),
            "correct horse\tbattery".to_string(),
        ] {
            let err = check_new_password(&weak, "password").unwrap_err();
            assert_eq!(err.field(), Some("password"), "{weak:?}");
        }
        // No composition rules: a long passphrase of lower-case words is fine.
        assert!(check_new_password("tulip marmalade gravel otter", "password").is_ok());
    }

    #[test]
    fn secrets_compare_equal_only_when_identical() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
    }
}
