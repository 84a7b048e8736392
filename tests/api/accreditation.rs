//! Living Wage accreditation: an employer asks, only an admin records it (with the date it
//! was verified and how), and only verified accreditation counts on the jobs page.

use betterwork::types::Role;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{spawn_app, TestApp, VacancyBuilder};

/// Employer A's organisation as its employer reads it.
async fn employer_a(app: &TestApp) -> serde_json::Value {
    let employer = app.log_in_as(Role::Employer).await;
    let path = format!("/api/v1/organisations/{}", app.world.employer_a);
    let reply = app.call(Method::GET, &path, Some(&employer), None).await;
    reply.expect(200).body
}

#[tokio::test]
async fn an_employer_cannot_set_its_own_accreditation() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    let a = &app.world.employer_a;

    let ticked = json!({"living_wage_accredited": true});
    let refused = app.edit_organisation(&employer, a, ticked.clone()).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    let message = refused.body["error"]["message"].as_str().unwrap_or("");
    assert!(message.contains("living_wage_accredited"), "{message}");
    let verified = app.verify_accreditation(&employer, a, true).await;
    assert_eq!(verified.status, 403);
    assert_eq!(employer_a(&app).await["living_wage_accredited"], false);

    // An admin records it with the date and a note, not with the bare flag.
    let admin = app.log_in_as(Role::Admin).await;
    let bare = app.edit_organisation(&admin, a, ticked).await;
    assert_eq!(bare.status, 422);
    assert_eq!(bare.error_field(), "living_wage_accredited");
    let path = format!("/api/v1/organisations/{a}/accreditation");
    for (body, field) in [
        (
            json!({"accredited": true, "note": "Checked"}),
            "verified_on",
        ),
        (
            json!({"accredited": true, "verified_on": "2999-01-01", "note": "Checked"}),
            "verified_on",
        ),
        (
            json!({"accredited": true, "verified_on": "2020-01-15", "note": "  "}),
            "note",
        ),
    ] {
        let reply = app
            .call(Method::PUT, &path, Some(&admin), Some(&body))
            .await;
        assert_eq!(reply.status, 422, "{body}");
        assert_eq!(reply.error_field(), field, "{body}");
    }
    assert_eq!(employer_a(&app).await["living_wage_accredited"], false);
    let created = json!({"name": "Ticked Ltd", "kind": "employer", "living_wage_accredited": true});
    let refused = app.create_organisation(&admin, created).await;
    assert_eq!(refused.status, 422);
    assert_eq!(refused.error_field(), "living_wage_accredited");
}

#[tokio::test]
async fn the_accredited_filter_shows_only_employers_an_admin_verified() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    VacancyBuilder::new()
        .title("Bakery supervisor")
        .expect_post(&app, &employer)
        .await;
    let visitor = app.browser();
    let accredited_jobs = || async { visitor.open("/jobs?lw=1").await };

    // Asking is recorded, but does not put the employer in the filter.
    let path = format!(
        "/api/v1/organisations/{}/accreditation-request",
        app.world.employer_a
    );
    let body = json!({"note": "Accredited since 2019"});
    let asked = app
        .call(Method::POST, &path, Some(&employer), Some(&body))
        .await;
    let asked = asked.expect(200).body;
    assert_eq!(asked["living_wage_accredited"], false);
    assert_eq!(asked["living_wage_request_note"], "Accredited since 2019");
    assert!(asked["living_wage_requested_at"].is_string());
    let page = accredited_jobs().await;
    assert!(!page.shows("Bakery supervisor"), "{}", page.html);
    assert!(!visitor
        .open("/jobs")
        .await
        .shows("Living Wage employer</span>"));

    let admin = app.log_in_as(Role::Admin).await;
    let a = &app.world.employer_a;
    let verified = app.verify_accreditation(&admin, a, true).await.expect(200);
    assert_eq!(verified.body["living_wage_accredited"], true);
    assert_eq!(verified.body["living_wage_verified_on"], "2020-01-15");
    assert_eq!(
        verified.body["living_wage_note"],
        "Checked the Living Wage Foundation's list"
    );
    assert!(verified.body["living_wage_requested_at"].is_null());
    assert!(accredited_jobs().await.shows("Bakery supervisor"));
    let reference = app.list_vacancies(&employer, "").await["items"][0]["ref"]
        .as_str()
        .expect("a reference")
        .to_string();
    let shown = app.vacancy(&employer, &reference).await.expect(200).body;
    assert_eq!(shown["employer_living_wage_accredited"], true);

    app.verify_accreditation(&admin, a, false).await.expect(200);
    assert!(!accredited_jobs().await.shows("Bakery supervisor"));

    let trail = app
        .call(
            Method::GET,
            &format!("/api/v1/audit?record={a}"),
            Some(&admin),
            None,
        )
        .await
        .expect(200)
        .body
        .to_string();
    for action in [
        "ask_accreditation",
        "verify_accreditation",
        "withdraw_accreditation",
    ] {
        assert!(trail.contains(action), "{action}: {trail}");
    }
}

#[tokio::test]
async fn an_employer_asks_on_its_page_and_an_admin_verifies_on_theirs() {
    let app = spawn_app().await;
    let employer = app.browser_as(Role::Employer).await;
    let own = employer.open("/organisation").await;
    assert!(own.shows("Ask Better Work to verify our accreditation"));
    assert!(!own.shows("name=\"living_wage_accredited\""));
    let asked = employer
        .submit("/organisation/accreditation", &[("note", "Since 2019")])
        .await;
    assert_eq!(asked.status, 303);
    assert!(employer
        .open("/organisation")
        .await
        .shows("You asked Better Work"));
    // The old self-declaration form is gone.
    let ticked = employer
        .submit("/organisation", &[("living_wage_accredited", "yes")])
        .await;
    assert_ne!(ticked.status, 303);
    assert_eq!(employer_a(&app).await["living_wage_accredited"], false);

    let admin = app.browser_as(Role::Admin).await;
    let dashboard = admin.open("/dashboard").await;
    let waiting = format!(
        "/admin/organisations/{}#accreditation",
        app.world.employer_a
    );
    assert!(dashboard.shows(&waiting), "{}", dashboard.html);
    let page_path = format!("/admin/organisations/{}", app.world.employer_a);
    let page = admin.open(&page_path).await;
    assert!(page.shows("Since 2019"), "{}", page.html);
    let form = format!("{page_path}/accreditation");
    let missing = admin
        .submit(
            &form,
            &[("accredited", "yes"), ("verified_on", "2020-01-15")],
        )
        .await;
    assert_eq!(missing.status, 422);
    assert!(missing.shows("id=\"note-error\""), "{}", missing.html);
    let saved = admin
        .submit(
            &form,
            &[
                ("accredited", "yes"),
                ("verified_on", "2020-01-15"),
                ("note", "On the Foundation's list"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303);
    let organisation = employer_a(&app).await;
    assert_eq!(organisation["living_wage_accredited"], true);
    assert_eq!(organisation["living_wage_note"], "On the Foundation's list");
    let dashboard = admin.open("/dashboard").await;
    assert!(dashboard.shows("No employer is waiting for its accreditation to be verified."));

    // Other roles may not ask, nor use the admin's form.
    let adviser = app.browser_as(Role::Adviser).await;
    assert_eq!(adviser.open("/dashboard").await.status, 200);
    let refused = adviser
        .submit("/organisation/accreditation", &[("note", "x")])
        .await;
    assert_eq!(refused.status, 403);
    assert!(refused.shows("Your role may not"));
    let refused = employer
        .submit(&form, &[("accredited", "no"), ("note", "x")])
        .await;
    assert_eq!(refused.status, 403);
}
