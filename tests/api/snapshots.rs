//! What clients see, pinned: API bodies and error envelopes as snapshots, with references,
//! ids and times redacted so a snapshot changes only when what we send changes.

use betterwork::types::Role;
use insta::{assert_json_snapshot, Settings};
use reqwest::Method;
use serde_json::Value;

use crate::helpers::{spawn_app, VacancyBuilder};

/// Redactions for what differs between runs: our references, the times a vacancy was
/// written, and the date its living-wage check is made at (today).
fn vacancy_redactions(settings: &mut Settings, prefix: &str) {
    for field in ["ref", "created_at", "updated_at"] {
        settings.add_redaction(&format!("{prefix}.{field}"), format!("[{field}]"));
    }
    settings.add_redaction(&format!("{prefix}.living_wage.as_at"), "[today]");
}

#[tokio::test]
async fn a_posted_vacancy() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    let vacancy = VacancyBuilder::new().source_ref("KIT-1");
    let posted = vacancy.expect_post(&app, &employer).await;
    let mut settings = Settings::clone_current();
    vacancy_redactions(&mut settings, "");
    settings.bind(|| assert_json_snapshot!(posted.body));
}

#[tokio::test]
async fn a_page_of_vacancies() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    for (title, pay) in [("Kitchen porter", 1300), ("Head chef", 2100)] {
        let vacancy = VacancyBuilder::new().title(title).hourly_pay(pay);
        vacancy.expect_post(&app, &employer).await;
    }
    let page = app.list_vacancies(&employer, "per_page=1").await;
    let mut settings = Settings::clone_current();
    vacancy_redactions(&mut settings, ".items[]");
    // Where the next page starts: the last item's creation time and id.
    settings.add_redaction(".next", "[cursor]");
    settings.bind(|| assert_json_snapshot!(page));
}

#[tokio::test]
async fn who_am_i() {
    let app = spawn_app().await;
    let manager = app.log_in_as(Role::ProviderManager).await;
    let me = app.me(&manager).await.expect(200);
    assert_json_snapshot!(me.body);
}

#[tokio::test]
async fn error_envelopes() {
    let app = spawn_app().await;
    let adviser = app.log_in_as(Role::Adviser).await;
    let employer = app.log_in_as(Role::Employer).await;

    let unauthenticated = app.call(Method::GET, "/api/v1/me", None, None).await;
    assert_eq!(unauthenticated.status, 401);
    assert_json_snapshot!(unauthenticated.body, @r#"
    {
      "error": {
        "code": "unauthenticated",
        "message": "Please log in to continue."
      }
    }
    "#);

    let forbidden = app.post_vacancy(&adviser, VacancyBuilder::new()).await;
    assert_eq!(forbidden.status, 403);
    assert_json_snapshot!(forbidden.body, @r#"
    {
      "error": {
        "code": "forbidden",
        "message": "Your role may not post vacancies."
      }
    }
    "#);

    let not_found = app.vacancy(&employer, "BWNOSUCH").await;
    assert_eq!(not_found.status, 404);
    assert_json_snapshot!(not_found.body, @r#"
    {
      "error": {
        "code": "vacancy_not_found",
        "message": "Vacancy not found."
      }
    }
    "#);

    // Two faults, each with a message that does not depend on today (the pay check
    // names the date): every fault is listed, the first also as `field` and `message`.
    let two_faults = VacancyBuilder::new().set("sector", "banking").hours(30, 20);
    let invalid = app.post_vacancy(&employer, two_faults).await;
    assert_eq!(invalid.status, 422);
    assert_json_snapshot!(invalid.body, @r#"
    {
      "error": {
        "code": "invalid_field",
        "errors": [
          {
            "field": "sector",
            "message": "Select a sector"
          },
          {
            "field": "hours_min",
            "message": "'Hours from' must be the same as or less than 'hours up to'"
          }
        ],
        "field": "sector",
        "message": "Select a sector"
      }
    }
    "#);

    let broken = app
        .api
        .post(app.url("/api/v1/vacancies"))
        .bearer_auth(&employer.token)
        .header("content-type", "application/json")
        .body(r#"{"title": "Kitchen assistant", "pay_pence": }"#)
        .send()
        .await
        .expect("POST");
    assert_eq!(broken.status(), 400);
    let malformed: Value = broken.json().await.expect("an error envelope");
    assert_json_snapshot!(malformed, @r#"
    {
      "error": {
        "code": "malformed_request",
        "message": "The body is not valid JSON: expected value at line 1 column 45."
      }
    }
    "#);
    assert_eq!(app.vacancy_count(&employer).await, 0, "nothing was posted");
}
