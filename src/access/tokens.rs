//! Signed session tokens (JWT, HS256): the same token is an HttpOnly cookie for pages and a
//! `Bearer` token for the API. Each carries a session id so that logging out can revoke it.

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use ring::hmac;
use serde::{Deserialize, Serialize};

use crate::config::Secret;
use crate::error::AppError;
use crate::types::UserId;

/// What a session token says.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// The user.
    pub sub: UserId,
    /// The session id, revoked on logout.
    pub sid: String,
    /// The account's session generation when the token was issued: raising it (a new
    /// password, a removed account) ends every session issued before. Tokens issued before
    /// generations existed read as 0, the generation every account starts at.
    #[serde(default, rename = "gen")]
    pub generation: i32,
    pub iat: i64,
    pub exp: i64,
}

/// Signs and checks session tokens.
#[derive(Clone)]
pub struct SessionKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    /// Signs anti-forgery form tokens; derived from the secret, so it differs from the key
    /// that signs sessions.
    forms: hmac::Key,
    /// How long a log-in lasts.
    pub lifetime: Duration,
}

/// A freshly signed token and when it stops working.
pub struct IssuedToken {
    pub token: String,
    pub claims: Claims,
}

impl IssuedToken {
    pub fn expires_at(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.claims.exp, 0).unwrap_or_else(Utc::now)
    }
}

impl SessionKeys {
    pub fn new(secret: &Secret, lifetime: Duration) -> SessionKeys {
        let mut validation = Validation::new(Algorithm::HS256);
        // Expiry is checked against the portal's clock in `verify`, not the machine's.
        validation.validate_exp = false;
        validation.set_required_spec_claims(&["exp", "sub"]);
        let master = hmac::Key::new(hmac::HMAC_SHA256, secret.expose().as_bytes());
        let forms = hmac::sign(&master, b"betterwork anti-forgery form tokens");
        SessionKeys {
            encoding: EncodingKey::from_secret(secret.expose().as_bytes()),
            decoding: DecodingKey::from_secret(secret.expose().as_bytes()),
            validation,
            forms: hmac::Key::new(hmac::HMAC_SHA256, forms.as_ref()),
            lifetime,
        }
    }

    /// The anti-forgery token of forms shown in `binding` (a session, or a visitor's random
    /// cookie): an HMAC under the server's secret, so nobody else can make one, and one
    /// taken from another session is worth nothing in this one. 64 hex digits.
    pub fn form_token(&self, binding: &str) -> String {
        hmac::sign(&self.forms, binding.as_bytes())
            .as_ref()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Signs a token for `user` (at session generation 0) valid for `lifetime` from `now`.
    pub fn issue(
        &self,
        user: &UserId,
        now: DateTime<Utc>,
        lifetime: Duration,
    ) -> Result<IssuedToken, AppError> {
        self.issue_at(user, 0, now, lifetime)
    }

    /// Signs a token for `user` at their session `generation`.
    pub fn issue_at(
        &self,
        user: &UserId,
        generation: i32,
        now: DateTime<Utc>,
        lifetime: Duration,
    ) -> Result<IssuedToken, AppError> {
        let claims = Claims {
            sub: user.clone(),
            sid: uuid::Uuid::new_v4().to_string(),
            generation,
            iat: now.timestamp(),
            exp: (now + lifetime).timestamp(),
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(AppError::internal)?;
        Ok(IssuedToken { token, claims })
    }

    /// Checks the signature, and the expiry as at `now` (exact: a token is dead the second
    /// it expires); any fault is simply "not logged in".
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<Claims, AppError> {
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .ok()
            .filter(|claims| now.timestamp() < claims.exp)
            .ok_or(AppError::Unauthenticated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> SessionKeys {
        SessionKeys::new(&Secret::new("a".repeat(40)), Duration::hours(8))
    }

    #[test]
    fn a_token_verifies_until_it_expires() {
        let k = keys();
        let user = UserId("u1".into());
        let fresh = k.issue(&user, Utc::now(), Duration::hours(1)).unwrap();
        assert_eq!(k.verify(&fresh.token, Utc::now()).unwrap().sub, user);
        let old = k
            .issue(&user, Utc::now() - Duration::hours(2), Duration::hours(1))
            .unwrap();
        assert!(k.verify(&old.token, Utc::now()).is_err());
        // Judged by the clock it is given: dead exactly at its expiry, not a second later.
        let at = fresh.expires_at();
        assert!(k.verify(&fresh.token, at - Duration::seconds(1)).is_ok());
        assert!(k.verify(&fresh.token, at).is_err());
    }

    #[test]
    fn a_form_token_belongs_to_one_binding_and_one_secret() {
        let k = keys();
        let other = SessionKeys::new(&Secret::new("b".repeat(40)), Duration::hours(8));
        let token = k.form_token("session:1");
        assert_eq!(token.len(), 64);
        assert_eq!(token, k.form_token("session:1"));
        assert_ne!(token, k.form_token("session:2"));
        assert_ne!(token, other.form_token("session:1"));
    }

    #[test]
    fn a_token_signed_with_another_secret_or_edited_is_refused() {
        let k = keys();
        let other = SessionKeys::new(&Secret::new("b".repeat(40)), Duration::hours(8));
        let t = other
            .issue(&UserId("u1".into()), Utc::now(), Duration::hours(1))
            .unwrap();
        assert!(k.verify(&t.token, Utc::now()).is_err());
        let mine = k
            .issue(&UserId("u1".into()), Utc::now(), Duration::hours(1))
            .unwrap();
        let mut tampered = mine.token.clone();
        tampered.pop();
        tampered.push(if mine.token.ends_with('A') { 'B' } else { 'A' });
        assert!(k.verify(&tampered, Utc::now()).is_err());
    }
}
