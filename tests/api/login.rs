//! Logging in and out, and every way a session or a form is refused.

use std::time::{Duration, Instant};

use betterwork::access::tokens::SessionKeys;
use betterwork::config::Secret;
use betterwork::types::{OrganisationId, Role, UserId};
use chrono::Utc;
use serde_json::{json, Value};

use crate::helpers::{email_of, spawn_app, TestApp, User, PASSWORD, SECRET};

#[tokio::test]
async fn a_token_answers_me_with_the_users_role_and_organisation() {
    let app = spawn_app().await;
    let response = app.request_token(email_of(Role::Adviser), PASSWORD).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    let expires: chrono::DateTime<Utc> = body["expires_at"].as_str().unwrap().parse().unwrap();
    assert!(expires > Utc::now() + chrono::Duration::hours(7));
    let adviser = User {
        email: email_of(Role::Adviser).to_string(),
        token: body["token"].as_str().unwrap().to_string(),
    };
    let me = app.me(&adviser).await.expect(200).body;
    assert_eq!(
        me,
        json!({"email": email_of(Role::Adviser), "display_name": "Test Adviser", "role": "adviser",
               "organisation": {"name": "Provider A", "kind": "provider"}})
    );
}

async fn timed_refusal(app: &TestApp, email: &str) -> (Value, Duration) {
    let started = Instant::now();
    let response = app.request_token(email, "not the password at all").await;
    let took = started.elapsed();
    assert_eq!(response.status(), 401, "{email}");
    (response.json().await.unwrap(), took)
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_account_get_the_same_answer_in_similar_time() {
    let app = spawn_app().await;
    let mut wrong = Vec::new();
    let mut unknown = Vec::new();
    let mut bodies = Vec::new();
    // Two rounds of each stay under the limit of five failures per address.
    for _ in 0..2 {
        let (body, took) = timed_refusal(&app, email_of(Role::Employer)).await;
        bodies.push(body);
        wrong.push(took);
        let (body, took) = timed_refusal(&app, "nobody@nowhere.example").await;
        bodies.push(body);
        unknown.push(took);
    }
    assert!(
        bodies.windows(2).all(|pair| pair[0] == pair[1]),
        "{bodies:?}"
    );
    assert_eq!(bodies[0]["error"]["code"], "bad_credentials");
    let fastest = |v: &[Duration]| v.iter().min().copied().unwrap();
    let (wrong, unknown) = (fastest(&wrong), fastest(&unknown));
    // Both spend one password hash; an unknown account answering in a fraction of the
    // time would reveal who has an account.
    assert!(
        unknown * 3 > wrong && wrong * 3 > unknown,
        "wrong password {wrong:?}, unknown account {unknown:?}"
    );
}

#[tokio::test]
async fn the_sixth_attempt_after_five_failures_is_refused_even_with_the_right_password() {
    let app = spawn_app().await;
    let email = email_of(Role::Agency);
    for attempt in 1..=5 {
        let response = app.request_token(email, "guess-number-whatever").await;
        assert_eq!(response.status(), 401, "attempt {attempt}");
    }
    let sixth = app.request_token(email, PASSWORD).await;
    assert_eq!(sixth.status(), 429);
    assert_eq!(sixth.headers()["retry-after"], "900");
    let body: Value = sixth.json().await.unwrap();
    assert_eq!(body["error"]["code"], "too_many_attempts");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("15 minutes"));

    // The address is limited too: another account from here is refused as well.
    assert_eq!(
        app.request_token(email_of(Role::Admin), PASSWORD)
            .await
            .status(),
        429
    );

    // And the log-in page says so.
    let page = app.browser().log_in(email, PASSWORD).await;
    assert_eq!(page.status, 429);
    assert!(page.shows("Please wait 15 minutes"));
}

fn keys() -> SessionKeys {
    SessionKeys::new(&Secret::new(SECRET), chrono::Duration::hours(8))
}

/// The id of the first person in `organisation`, as the admin sees the team.
async fn first_member(app: &TestApp, organisation: &OrganisationId) -> UserId {
    let admin = app.log_in_as(Role::Admin).await;
    let members = app.team(&admin, organisation).await.expect(200).body;
    UserId(members[0]["id"].as_str().unwrap().to_string())
}

#[tokio::test]
async fn an_expired_token_is_refused() {
    let app = spawn_app().await;
    let user = first_member(&app, &app.world.employer_a).await;
    let keys = keys();
    let fresh = keys
        .issue(&user, Utc::now(), chrono::Duration::hours(1))
        .unwrap();
    assert_eq!(
        app.get("/api/v1/me", Some(&fresh.token)).await.status(),
        200
    );
    let expired = keys
        .issue(
            &user,
            Utc::now() - chrono::Duration::hours(2),
            chrono::Duration::hours(1),
        )
        .unwrap();
    let response = app.get("/api/v1/me", Some(&expired.token)).await;
    assert_eq!(response.status(), 401);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthenticated");
}

#[tokio::test]
async fn a_tampered_token_or_one_signed_with_another_secret_is_refused() {
    let app = spawn_app().await;
    let token = app.log_in_as(Role::Employer).await.token;
    let UserId(admin_id) = first_member(&app, &app.world.platform).await;
    // Swap the subject for the admin's while keeping the employer's signature.
    let parts: Vec<&str> = token.split('.').collect();
    use base64_url_safe as b64;
    let mut claims: Value = serde_json::from_slice(&b64::decode(parts[1])).unwrap();
    claims["sub"] = json!(admin_id);
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        b64::encode(&serde_json::to_vec(&claims).unwrap()),
        parts[2]
    );
    assert_eq!(app.get("/api/v1/me", Some(&forged)).await.status(), 401);

    let stranger = SessionKeys::new(
        &Secret::new("another-secret-entirely-another-secret-xx"),
        chrono::Duration::hours(1),
    );
    let foreign = stranger
        .issue(&UserId(admin_id), Utc::now(), chrono::Duration::hours(1))
        .unwrap();
    assert_eq!(
        app.get("/api/v1/me", Some(&foreign.token)).await.status(),
        401
    );
    assert_eq!(
        app.get("/api/v1/me", Some("not-a-token")).await.status(),
        401
    );
}

/// Just enough unpadded URL-safe base64 for a JWT segment.
mod base64_url_safe {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    pub fn decode(text: &str) -> Vec<u8> {
        let mut bits = 0u32;
        let mut count = 0;
        let mut out = Vec::new();
        for c in text.bytes() {
            let value = ALPHABET.iter().position(|a| *a == c).expect("base64url") as u32;
            bits = (bits << 6) | value;
            count += 6;
            if count >= 8 {
                count -= 8;
                out.push((bits >> count) as u8);
                bits &= (1 << count) - 1;
            }
        }
        out
    }

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
            for i in 0..=chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            }
        }
        out
    }
}

#[tokio::test]
async fn a_token_stops_working_after_logout() {
    let app = spawn_app().await;
    let adviser = app.log_in_as(Role::Adviser).await;
    let elsewhere = app.log_in_as(Role::Adviser).await;
    assert_eq!(app.log_out(&adviser).await.status, 204);
    assert_eq!(app.me(&adviser).await.status, 401);
    // Only that session ended: the same person's other session still works.
    assert_eq!(app.me(&elsewhere).await.status, 200);
}

#[tokio::test]
async fn logging_in_by_page_sets_a_protected_cookie_and_logging_out_ends_it() {
    let app = spawn_app().await;
    let browser = app.browser();
    let form = browser.open("/login?next=/organisation").await;
    assert_eq!(form.status, 200);
    let fields = [
        ("email", email_of(Role::Employer)),
        ("password", PASSWORD),
        ("next", "/organisation"),
    ];
    let response = browser.submit("/login", &fields).await;
    assert_eq!(response.status, 303);
    assert_eq!(response.location.as_deref(), Some("/organisation"));
    let cookie = response
        .cookies
        .iter()
        .find(|c| c.starts_with("bw_session="))
        .expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    let session = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("bw_session=")
        .to_string();

    let dashboard = browser.open("/dashboard").await;
    assert_eq!(dashboard.status, 200);
    assert!(dashboard.shows("Employer A"));
    let logout = browser.submit("/logout", &[]).await;
    assert_eq!(logout.status, 303);
    // The old cookie value, replayed, no longer opens a session.
    let replay = app
        .api
        .get(app.url("/dashboard"))
        .header("cookie", format!("bw_session={session}"))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 401);
    assert!(replay.text().await.unwrap().contains("Log in"));
}

#[tokio::test]
async fn a_form_without_its_anti_forgery_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let before = app.organisation_count().await;
    let admin = app.browser_as(Role::Admin).await;
    assert_eq!(admin.open("/admin/organisations").await.status, 200);
    let path = "/admin/organisations";

    let forged = [("name", "Forged Ltd"), ("kind", "employer")];
    let missing = admin.submit_without_token(path, &forged).await;
    assert_eq!(missing.status, 403);
    assert!(missing.shows("reload the page"));
    let zeros = "0".repeat(64);
    let mut wrong_token = forged.to_vec();
    wrong_token.push(("csrf_token", &zeros));
    let wrong = admin.submit_without_token(path, &wrong_token).await;
    assert_eq!(wrong.status, 403);
    assert_eq!(app.organisation_count().await, before);

    // Logging out is a change too: without the token the session survives.
    let logout = admin.submit_without_token("/logout", &[("x", "y")]).await;
    assert_eq!(logout.status, 403);
    assert_eq!(admin.open("/dashboard").await.status, 200);

    // With the token the same form works.
    let honest = [("name", "Honest Ltd"), ("kind", "employer")];
    let created = admin.submit(path, &honest).await;
    assert_eq!(created.status, 303);
    assert_eq!(app.organisation_count().await, before + 1);
}
