//! An agency posts for an employer only once the employer accepts it, and loses the
//! vacancies it posted when the link ends; the employer keeps them.

use betterwork::types::Role;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{email_of, spawn_app, TestApp, User, VacancyBuilder, EMPLOYER_B};

fn for_employer_b() -> VacancyBuilder {
    VacancyBuilder::new()
        .title("Night porter")
        .employer("Employer B")
        .source_ref("AG-B1")
}

/// How many vacancies Employer B's own people see.
async fn employer_b_count(app: &TestApp) -> i64 {
    let employer_b = app.log_in(EMPLOYER_B).await;
    app.vacancy_count(&employer_b).await
}

#[tokio::test]
async fn an_agency_posts_for_an_employer_only_once_the_employer_accepts() {
    let app = spawn_app().await;
    let agency = app.log_in_as(Role::Agency).await;
    let employer_b = app.log_in(EMPLOYER_B).await;
    let (b, agency_id) = (&app.world.employer_b, &app.world.agency);

    let refused = app.post_vacancy(&agency, for_employer_b()).await;
    assert_eq!(refused.status, 403, "{}", refused.body);

    let asked = app
        .ask_to_be_client(&agency, "Employer B")
        .await
        .expect(201);
    assert_eq!(asked.body["status"], "requested");
    let again = app
        .ask_to_be_client(&agency, "Employer B")
        .await
        .expect(200);
    assert_eq!(again.body["status"], "requested");
    // Asking is not enough: the agency still cannot post under Employer B's name.
    let refused = app.post_vacancy(&agency, for_employer_b()).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(employer_b_count(&app).await, 0, "nothing was created");
    let jobs = app.browser().open("/jobs").await;
    assert!(!jobs.shows("Night porter"));

    // Nobody but Employer B (or an admin) answers for Employer B.
    let employer_a = app.log_in_as(Role::Employer).await;
    for someone in [&agency, &employer_a] {
        let answered = app.answer_agency(someone, b, agency_id, "accept").await;
        assert_eq!(answered.status, 404, "{}", someone.email);
    }

    let declined = app
        .answer_agency(&employer_b, b, agency_id, "decline")
        .await;
    assert_eq!(declined.expect(200).body["status"], "declined");
    let refused = app.post_vacancy(&agency, for_employer_b()).await;
    assert_eq!(refused.status, 403);

    app.ask_to_be_client(&agency, "Employer B")
        .await
        .expect(201);
    let accepted = app.answer_agency(&employer_b, b, agency_id, "accept").await;
    let accepted = accepted.expect(200).body;
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(accepted["decided_by"], EMPLOYER_B);
    assert!(accepted["decided_at"].is_string());

    let posted = app
        .post_vacancy(&agency, for_employer_b())
        .await
        .expect(201);
    assert_eq!(posted.body["employer"], "Employer B");
    assert_eq!(posted.body["agency"], "Agency");
    assert_eq!(employer_b_count(&app).await, 1);

    let links = app
        .call(Method::GET, "/api/v1/agency/clients", Some(&agency), None)
        .await
        .expect(200)
        .body;
    let statuses: Vec<_> = links
        .as_array()
        .expect("a list")
        .iter()
        .map(|l| (l["employer"].as_str(), l["status"].as_str()))
        .collect();
    assert_eq!(
        statuses,
        [
            (Some("Employer A"), Some("accepted")),
            (Some("Employer B"), Some("accepted"))
        ]
    );

    // Each step is in the audit trail.
    let agency_trail = audit_of(&app, &agency_id.to_string()).await;
    assert!(agency_trail.contains("ask_client"), "{agency_trail}");
    let employer_trail = audit_of(&app, &b.to_string()).await;
    assert!(
        employer_trail.contains("decline_agency") && employer_trail.contains("accept_agency"),
        "{employer_trail}"
    );
}

/// The audit trail of one record, as the admin reads it.
async fn audit_of(app: &TestApp, record: &str) -> String {
    let admin = app.log_in_as(Role::Admin).await;
    let path = format!("/api/v1/audit?record={record}");
    let trail = app.call(Method::GET, &path, Some(&admin), None).await;
    trail.expect(200).body.to_string()
}

/// The agency posts for Employer A (its accepted client in every test), answering with the
/// vacancy's reference.
async fn agency_posts_for_employer_a(app: &TestApp, agency: &User) -> String {
    VacancyBuilder::new()
        .title("Kitchen porter")
        .employer("Employer A")
        .source_ref("AG-A1")
        .expect_post(app, agency)
        .await
        .reference()
}

/// Checks the agency reaches nothing of `reference` and Employer A still manages it.
async fn only_the_employer_manages(app: &TestApp, agency: &User, reference: &str) {
    assert_eq!(app.vacancy(agency, reference).await.status, 404);
    assert_eq!(app.vacancy(agency, "AG-A1").await.status, 404);
    assert_eq!(app.vacancy_count(agency).await, 0);
    let change = json!({"title": "Taken back"});
    let edited = app.edit_vacancy(agency, reference, change).await;
    assert_eq!(edited.status, 404);
    let moved = app.change_vacancy_status(agency, reference, "paused").await;
    assert_eq!(moved.status, 404);
    let reposted = VacancyBuilder::new()
        .title("Taken back")
        .employer("Employer A")
        .source_ref("AG-A1");
    assert_eq!(app.post_vacancy(agency, reposted).await.status, 403);

    let employer = app.log_in_as(Role::Employer).await;
    let kept = app.vacancy(&employer, reference).await.expect(200);
    assert_eq!(kept.body["title"], "Kitchen porter");
    assert_eq!(kept.body["agency"], "Agency");
    let change = json!({"title": "Kitchen porter, evenings"});
    app.edit_vacancy(&employer, reference, change)
        .await
        .expect(200);
    app.change_vacancy_status(&employer, reference, "paused")
        .await
        .expect(200);
}

#[tokio::test]
async fn an_agency_that_removes_a_client_no_longer_reaches_its_vacancies() {
    let app = spawn_app().await;
    let agency = app.log_in_as(Role::Agency).await;
    let reference = agency_posts_for_employer_a(&app, &agency).await;
    assert_eq!(app.vacancy(&agency, &reference).await.status, 200);

    let employer_a = &app.world.employer_a;
    app.remove_client(&agency, employer_a).await.expect(204);
    app.remove_client(&agency, employer_a).await.expect(404);
    only_the_employer_manages(&app, &agency, &reference).await;
}

#[tokio::test]
async fn an_employer_that_removes_an_agency_keeps_the_vacancies_it_posted() {
    let app = spawn_app().await;
    let agency = app.log_in_as(Role::Agency).await;
    let reference = agency_posts_for_employer_a(&app, &agency).await;

    let employer = app.log_in_as(Role::Employer).await;
    let path = format!(
        "/api/v1/organisations/{}/agencies/{}",
        app.world.employer_a, app.world.agency
    );
    let links = format!("/api/v1/organisations/{}/agencies", app.world.employer_a);
    let listed = app.call(Method::GET, &links, Some(&employer), None).await;
    assert_eq!(listed.expect(200).body[0]["agency"], "Agency");
    // The agency cannot end the link from the employer's side, nor see the employer's list.
    let refused = app.call(Method::DELETE, &path, Some(&agency), None).await;
    assert_eq!(refused.status, 404);
    let refused = app.call(Method::GET, &links, Some(&agency), None).await;
    assert_eq!(refused.status, 404);

    app.call(Method::DELETE, &path, Some(&employer), None)
        .await
        .expect(204);
    only_the_employer_manages(&app, &agency, &reference).await;
}

#[tokio::test]
async fn an_employer_declining_an_accepted_agency_ends_its_control_too() {
    let app = spawn_app().await;
    let agency = app.log_in_as(Role::Agency).await;
    let reference = agency_posts_for_employer_a(&app, &agency).await;
    let employer = app.log_in_as(Role::Employer).await;
    let (a, agency_id) = (&app.world.employer_a, &app.world.agency);
    app.answer_agency(&employer, a, agency_id, "decline")
        .await
        .expect(200);
    only_the_employer_manages(&app, &agency, &reference).await;
}

#[tokio::test]
async fn the_agency_asks_the_employer_accepts_and_removes_on_their_pages() {
    let app = spawn_app().await;
    let agency = app.browser_as(Role::Agency).await;
    let asked = agency
        .submit("/agency/clients", &[("employer", "Employer B")])
        .await;
    assert_eq!(asked.status, 303);
    let clients = agency.open("/agency/clients").await;
    assert!(clients.shows("Employer B") && clients.shows("Waiting for the employer"));
    assert!(clients.shows("Ask to become a client"));
    let unknown = agency
        .submit("/agency/clients", &[("employer", "Nobody Ltd")])
        .await;
    assert_eq!(unknown.status, 422);

    let employer = app.browser_for(EMPLOYER_B).await;
    let dashboard = employer.open("/dashboard").await;
    assert!(
        dashboard.shows("1 agency asks to post vacancies for you"),
        "{}",
        dashboard.html
    );
    assert!(dashboard.shows("href=\"/organisation/agencies\""));
    let page = employer.open("/organisation/agencies").await;
    assert_eq!(page.status, 200);
    assert!(page.shows("Agency") && page.shows(">Accept<") && page.shows(">Decline<"));
    let agency_id = app.world.agency.to_string();
    let accepted = employer
        .submit(
            "/organisation/agencies",
            &[("agency", &agency_id), ("answer", "accept")],
        )
        .await;
    assert_eq!(accepted.status, 303);
    let clients = agency.open("/agency/clients").await;
    assert!(clients.shows("Accepted"), "{}", clients.html);
    let form = agency.open("/vacancies/new").await;
    assert!(form.shows("Employer B"), "the form offers the new client");

    let removed = employer
        .submit(
            "/organisation/agencies",
            &[("agency", &agency_id), ("answer", "remove")],
        )
        .await;
    assert_eq!(removed.status, 303);
    let clients = agency.open("/agency/clients").await;
    assert!(!clients.shows("Employer B"), "{}", clients.html);

    // An agency may not answer on the employer's page.
    let refused = agency
        .submit(
            "/organisation/agencies",
            &[("agency", &agency_id), ("answer", "accept")],
        )
        .await;
    assert_eq!(refused.status, 403);
}

#[tokio::test]
async fn an_admin_accepts_an_agency_for_an_employer() {
    let app = spawn_app().await;
    let agency = app.log_in_as(Role::Agency).await;
    app.ask_to_be_client(&agency, "Employer B")
        .await
        .expect(201);

    let admin = app.browser_as(Role::Admin).await;
    let page_path = format!("/admin/organisations/{}", app.world.employer_b);
    let page = admin.open(&page_path).await;
    assert!(page.shows("Waiting for the employer"), "{}", page.html);
    let agency_id = app.world.agency.to_string();
    let accepted = admin
        .submit(
            &format!("{page_path}/agencies"),
            &[("agency", &agency_id), ("answer", "accept")],
        )
        .await;
    assert_eq!(accepted.status, 303);
    let link = app
        .ask_to_be_client(&agency, "Employer B")
        .await
        .expect(200);
    assert_eq!(link.body["status"], "accepted");
    assert_eq!(link.body["decided_by"], email_of(Role::Admin));
    app.post_vacancy(&agency, for_employer_b())
        .await
        .expect(201);
}
