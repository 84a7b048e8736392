//! Bad input gets a clear error naming the problem and changes nothing; the shell answers.

use betterwork::types::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::spawn_app;

#[tokio::test]
async fn malformed_json_is_a_400_that_says_where() {
    let app = spawn_app().await;
    let response = app
        .api
        .post(app.url("/api/v1/auth/token"))
        .header("content-type", "application/json")
        .body(r#"{"email": "a@b.org", "password": }"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "malformed_request");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("column"),
        "{body}"
    );
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_400() {
    let app = spawn_app().await;
    let response = app
        .api
        .post(app.url("/api/v1/auth/token"))
        .header("content-type", "text/plain")
        .body("email=a@b.org")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("application/json"));
}

#[tokio::test]
async fn a_missing_or_wrong_field_is_a_422_naming_it_and_nothing_is_created() {
    let app = spawn_app().await;
    let admin = app.log_in_as(Role::Admin).await;
    let before = app.organisation_count().await;
    let cases = [
        (json!({"kind": "employer"}), "name"),
        (json!({"name": "Acme", "kind": "bakery"}), "kind"),
        (json!({"name": "   ", "kind": "employer"}), "name"),
        (
            json!({"name": "Acme", "kind": "employer", "living_wage_accredited": "yes"}),
            "living_wage_accredited",
        ),
        (
            json!({"name": "Acme", "kind": "employer", "owner": "me"}),
            "owner",
        ),
    ];
    for (body, field) in cases {
        let response = app.create_organisation(&admin, body.clone()).await;
        assert_eq!(response.status, 422, "{body}");
        assert_eq!(response.error_field(), field, "{body}");
        assert_eq!(response.body["error"]["code"], "invalid_field");
    }
    assert_eq!(app.organisation_count().await, before);
}

#[tokio::test]
async fn a_role_that_does_not_fit_the_organisation_is_refused_naming_the_role() {
    let app = spawn_app().await;
    let admin = app.log_in_as(Role::Admin).await;
    let employer_a = &app.world.employer_a;
    let body = json!({"email": "adviser@employer-a.example", "display_name": "Wrong Place", "role": "adviser"});
    let response = app.add_person(&admin, employer_a, body).await;
    assert_eq!(response.status, 422);
    assert_eq!(response.error_field(), "role");
    assert!(response.body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("provider"));
    // Nothing was created: the address can still be used with a fitting role.
    let fitting = json!({"email": "adviser@employer-a.example", "display_name": "Right Place", "role": "employer"});
    let response = app.add_person(&admin, employer_a, fitting.clone()).await;
    assert_eq!(response.status, 201);
    let password = response.body["generated_password"].as_str().unwrap();
    assert!(password.len() >= 16);
    // One email, one account.
    let again = app.add_person(&admin, employer_a, fitting).await;
    assert_eq!(again.status, 409);
    assert_eq!(again.error_field(), "email");
}

#[tokio::test]
async fn a_generated_password_logs_in_and_a_short_chosen_one_is_refused() {
    let app = spawn_app().await;
    let admin = app.log_in_as(Role::Admin).await;
    let agency = &app.world.agency;
    let short = json!({"email": "new@agency.example", "display_name": "New", "role": "agency", "password": "short"});
    let response = app.add_person(&admin, agency, short).await;
    assert_eq!(response.status, 422);
    assert_eq!(response.error_field(), "password");

    let generated = json!({"email": "new@agency.example", "display_name": "New", "role": "agency"});
    let created = app.add_person(&admin, agency, generated).await.body;
    let password = created["generated_password"].as_str().unwrap();
    assert_eq!(
        app.request_token("new@agency.example", password)
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn reading_a_team_is_written_to_the_audit_log() {
    let app = spawn_app().await;
    let manager = app.log_in_as(Role::ProviderManager).await;
    let team = app.team(&manager, &app.world.provider_a).await;
    assert_eq!(team.status, 200);
    let admin = app.log_in_as(Role::Admin).await;
    let path = format!("/api/v1/audit?record={}", app.world.provider_a);
    let log = app.call(Method::GET, &path, Some(&admin), None).await.body;
    let entries = log["items"].as_array().unwrap();
    assert!(
        entries.iter().any(|e| e["action"] == "read"
            && e["actor_email"] == manager.email
            && e["ip"] == "127.0.0.1"),
        "{log}"
    );
}

#[tokio::test]
async fn lists_are_paginated_and_a_bad_page_names_the_parameter() {
    let app = spawn_app().await;
    let admin = app.log_in_as(Role::Admin).await;
    let first = app.list_organisations(&admin, "per_page=4").await.body;
    let second = app.list_organisations(&admin, "per_page=4&page=2").await;
    let second = second.body;
    assert_eq!(first["total"], 6);
    assert_eq!(first["items"].as_array().unwrap().len(), 4);
    assert_eq!(first["has_more"], true);
    assert_eq!(second["items"].as_array().unwrap().len(), 2);
    assert_eq!(second["has_more"], false);
    assert_ne!(first["items"][0]["id"], second["items"][0]["id"]);
    let bad = app.list_organisations(&admin, "page=0").await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.error_field(), "page");
}

#[tokio::test]
async fn pages_carry_security_headers_and_unknown_addresses_are_404s() {
    let app = spawn_app().await;
    let response = app.get("/", None).await;
    assert_eq!(response.status(), 200);
    let headers = response.headers();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY");

    let api = app.get("/api/v1/nothing-here", None).await;
    assert_eq!(api.status(), 404);
    assert_eq!(
        api.json::<Value>().await.unwrap()["error"]["code"],
        "not_found"
    );
    let page = app.get("/nothing-here", None).await;
    assert_eq!(page.status(), 404);
    assert!(page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(page.headers().contains_key("content-security-policy"));
}

#[tokio::test]
async fn health_and_the_openapi_document_answer() {
    let app = spawn_app().await;
    let health: Value = app.get("/health", None).await.json().await.unwrap();
    assert_eq!(health, json!({"status": "ok", "database": "ok"}));
    let doc: Value = app
        .get("/api/v1/openapi.json", None)
        .await
        .json()
        .await
        .unwrap();
    assert!(doc["paths"]["/api/v1/auth/token"]["post"].is_object());
    let schemas = &doc["components"]["schemas"];
    assert!(schemas["ErrorEnvelope"].is_object());
    // Every fault of a request is listed; the list's items are described too, so a client
    // generated from the document can read them.
    let errors = &schemas["ErrorBody"]["properties"]["errors"];
    assert!(errors.is_object(), "{}", schemas["ErrorBody"]);
    assert!(
        schemas["FieldFault"]["properties"]["field"].is_object(),
        "{schemas}"
    );
    let script = app.get("/static/app.js", None).await;
    assert_eq!(script.status(), 200);
    let css = app.get("/static/app.css", None).await;
    assert_eq!(css.status(), 200);
    assert!(css.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
}

#[tokio::test]
async fn a_page_form_with_a_bad_field_comes_back_with_the_error_beside_it() {
    let app = spawn_app().await;
    let before = app.organisation_count().await;
    let admin = app.browser_as(Role::Admin).await;
    assert_eq!(admin.open("/admin/organisations").await.status, 200);
    let taken = [("name", "Employer A"), ("kind", "employer")];
    let response = admin.submit("/admin/organisations", &taken).await;
    assert_eq!(response.status, 409);
    assert!(response.shows("id=\"name-error\""), "{}", response.html);
    assert!(response.shows("already exists"));
    assert_eq!(app.organisation_count().await, before);
}

/// A request with several bad fields hears about all of them at once, in the order the
/// fields are documented; `field` and `message` stay the first, for older clients.
#[tokio::test]
async fn every_bad_field_of_a_request_is_named_at_once() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    let bad = crate::helpers::VacancyBuilder::new()
        .set("title", "")
        .set("sector", "banking")
        .set("hours_min", 20)
        .set("hours_max", 10)
        .set("patterns", json!(["part_time", "sometimes"]));
    let reply = app.post_vacancy(&employer, bad).await;
    let body = &reply.expect(422).body["error"];
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["title", "sector", "hours_min", "patterns[1]"],
        "{body}"
    );
    assert_eq!(body["field"], "title");
    assert_eq!(body["message"], body["errors"][0]["message"]);
    for fault in body["errors"].as_array().unwrap() {
        let message = fault["message"].as_str().unwrap();
        assert!(
            !message.starts_with(fault["field"].as_str().unwrap()),
            "messages are for people, not prefixed with the field's code: {message}"
        );
    }
    let listed = app.list_vacancies(&employer, "").await;
    assert_eq!(listed["total"], 0, "nothing was posted: {listed}");
}
