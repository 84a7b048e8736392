//! Employers and agencies post and manage vacancies through the API.

use betterwork::types::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{email_of, spawn_app, TestApp, EMPLOYER_B};

pub fn vacancy(changes: Value) -> Value {
    let mut base = json!({
        "title": "Kitchen assistant", "description": "Prep and service in a busy café.",
        "sector": "hospitality", "postcode": "SW9 8QE", "pay_pence": 1500, "pay_per": "hour",
        "hours_min": 16, "hours_max": 22.5, "contract": "permanent",
        "patterns": ["part_time", "school_hours"], "open_to_flexibility": true
    });
    for (k, v) in changes.as_object().unwrap() {
        base[k] = v.clone();
    }
    base
}

async fn post(app: &TestApp, token: &str, body: &Value) -> reqwest::Response {
    app.send_json(Method::POST, "/api/v1/vacancies", Some(token), body)
        .await
}

async fn total(app: &TestApp, token: &str) -> i64 {
    let list: Value = app
        .get("/api/v1/vacancies", Some(token))
        .await
        .json()
        .await
        .unwrap();
    list["total"].as_i64().unwrap()
}

#[tokio::test]
async fn an_employer_posts_a_vacancy_and_sees_its_living_wage_check() {
    let app = spawn_app().await;
    let employer = app.token_for(email_of(Role::Employer)).await;
    let response = post(&app, &employer, &vacancy(json!({}))).await;
    assert_eq!(response.status(), 201);
    let v: Value = response.json().await.unwrap();
    assert!(v["ref"].as_str().unwrap().starts_with("BW"));
    assert_eq!(v["employer"], "Employer A");
    assert_eq!(v["hourly_pay_pence"], 1500);
    assert_eq!(v["hours_max"], json!(22.5));
    assert_eq!(v["location"]["postcode"], "SW9 8QE");
    assert_eq!(v["location"]["precision"], "unit");
    assert_eq!(v["location"]["in_greater_london"], true);
    assert_eq!(v["living_wage"]["area"], "london");
    assert_eq!(v["living_wage"]["living_wage_pence"], 1480);
    assert_eq!(v["living_wage"]["meets_living_wage"], true);
    assert_eq!(v["living_wage"]["meets_national_living_wage"], true);
    assert_eq!(v["status"], "open");

    // A full-time salary is pro-rated to an hourly rate.
    let salaried = post(
        &app,
        &employer,
        &vacancy(json!({"pay_pence": 2650000, "pay_per": "year_fte", "postcode": "M1 1AE"})),
    )
    .await;
    let s: Value = salaried.json().await.unwrap();
    assert_eq!(s["hourly_pay_pence"], 1359);
    assert_eq!(s["living_wage"]["area"], "uk");
    assert_eq!(s["location"]["precision"], "sector");
    assert_eq!(total(&app, &employer).await, 2);
}

#[tokio::test]
async fn pay_below_the_national_living_wage_and_bad_fields_are_refused_creating_nothing() {
    let app = spawn_app().await;
    let employer = app.token_for(email_of(Role::Employer)).await;
    for (body, field) in [
        (vacancy(json!({"pay_pence": 1100})), "pay_pence"),
        (vacancy(json!({"postcode": "ZZ99 9ZZ"})), "postcode"),
        (vacancy(json!({"postcode": "sw9"})), "postcode"),
        (vacancy(json!({"sector": "banking"})), "sector"),
        (vacancy(json!({"hours_min": 40})), "hours_min"),
        (vacancy(json!({"hours_max": "lots"})), "hours_max"),
        (vacancy(json!({"contract": null})), "contract"),
        (vacancy(json!({"closes_on": "2026-13-01"})), "closes_on"),
        (vacancy(json!({"patterns": ["sometimes"]})), "patterns[0]"),
    ] {
        let response = post(&app, &employer, &body).await;
        assert_eq!(response.status(), 422, "{field}");
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["error"]["field"], field, "{error}");
    }
    let mut missing = vacancy(json!({}));
    missing.as_object_mut().unwrap().remove("title");
    let response = post(&app, &employer, &missing).await;
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"]["field"],
        "title"
    );
    assert_eq!(total(&app, &employer).await, 0);
}

#[tokio::test]
async fn status_moves_only_along_allowed_paths() {
    let app = spawn_app().await;
    let employer = app.token_for(email_of(Role::Employer)).await;
    let v: Value = post(&app, &employer, &vacancy(json!({})))
        .await
        .json()
        .await
        .unwrap();
    let path = format!("/api/v1/vacancies/{}/status", v["ref"].as_str().unwrap());
    for (to, expected) in [
        ("paused", 200),
        ("open", 200),
        ("filled", 200),
        ("open", 422),
        ("draft", 422),
        ("gone", 422),
    ] {
        let response = app
            .send_json(Method::POST, &path, Some(&employer), &json!({"status": to}))
            .await;
        assert_eq!(response.status(), expected, "to {to}");
        if expected == 422 {
            assert_eq!(
                response.json::<Value>().await.unwrap()["error"]["field"],
                "status"
            );
        }
    }
    let filled: Value = app
        .get(
            &format!("/api/v1/vacancies/{}", v["ref"].as_str().unwrap()),
            Some(&employer),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(filled["status"], "filled");
    let by_status: Value = app
        .get("/api/v1/vacancies?status=filled", Some(&employer))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_status["total"], 1);
}

#[tokio::test]
async fn an_edit_is_checked_whole_and_a_bad_one_changes_nothing() {
    let app = spawn_app().await;
    let employer = app.token_for(email_of(Role::Employer)).await;
    let v: Value = post(&app, &employer, &vacancy(json!({})))
        .await
        .json()
        .await
        .unwrap();
    let path = format!("/api/v1/vacancies/{}", v["ref"].as_str().unwrap());
    let changed = app
        .send_json(
            Method::PATCH,
            &path,
            Some(&employer),
            &json!({"hours_max": 30, "patterns": ["job_share"]}),
        )
        .await;
    assert_eq!(changed.status(), 200);
    let changed: Value = changed.json().await.unwrap();
    assert_eq!(changed["hours_max"], json!(30));
    assert_eq!(changed["patterns"], json!(["job_share"]));
    assert_eq!(changed["title"], "Kitchen assistant");

    let bad = app
        .send_json(
            Method::PATCH,
            &path,
            Some(&employer),
            &json!({"hours_min": 35, "title": "Changed"}),
        )
        .await;
    assert_eq!(bad.status(), 422);
    assert_eq!(
        bad.json::<Value>().await.unwrap()["error"]["field"],
        "hours_min"
    );
    let after: Value = app.get(&path, Some(&employer)).await.json().await.unwrap();
    assert_eq!(after["title"], "Kitchen assistant");
}

#[tokio::test]
async fn an_employer_never_sees_another_employers_vacancy() {
    let app = spawn_app().await;
    let employer = app.token_for(email_of(Role::Employer)).await;
    let other = app.token_for(EMPLOYER_B).await;
    let v: Value = post(&app, &employer, &vacancy(json!({"ref": "KIT-1"})))
        .await
        .json()
        .await
        .unwrap();
    let reference = v["ref"].as_str().unwrap();
    for path in [
        format!("/api/v1/vacancies/{reference}"),
        "/api/v1/vacancies/KIT-1".to_string(),
    ] {
        assert_eq!(app.get(&path, Some(&other)).await.status(), 404, "{path}");
    }
    let patch = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/vacancies/{reference}"),
            Some(&other),
            &json!({"title": "Mine now"}),
        )
        .await;
    assert_eq!(patch.status(), 404);
    let status = app
        .send_json(
            Method::POST,
            &format!("/api/v1/vacancies/{reference}/status"),
            Some(&other),
            &json!({"status": "closed"}),
        )
        .await;
    assert_eq!(status.status(), 404);
    assert_eq!(total(&app, &other).await, 0);
    // The owner still finds it by its own reference, unchanged.
    let mine: Value = app
        .get("/api/v1/vacancies/KIT-1", Some(&employer))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (mine["title"].as_str(), mine["status"].as_str()),
        (Some("Kitchen assistant"), Some("open"))
    );
    let adviser = app.token_for(email_of(Role::Adviser)).await;
    assert_eq!(
        post(&app, &adviser, &vacancy(json!({}))).await.status(),
        403
    );
}

#[tokio::test]
async fn an_agency_posts_only_for_its_clients_and_a_repeat_updates() {
    let app = spawn_app().await;
    let agency = app.token_for(email_of(Role::Agency)).await;
    let for_client = vacancy(json!({"employer": "Employer A", "ref": "AG-77"}));
    let first = post(&app, &agency, &for_client).await;
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    assert_eq!(first["agency"], "Agency");
    assert_eq!(first["employer"], "Employer A");
    assert_eq!(first["source_ref"], "AG-77");

    let again = post(
        &app,
        &agency,
        &vacancy(json!({"employer": "Employer A", "ref": "AG-77", "pay_pence": 1600})),
    )
    .await;
    assert_eq!(again.status(), 200);
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["ref"], first["ref"]);
    assert_eq!(again["hourly_pay_pence"], 1600);
    assert_eq!(total(&app, &agency).await, 1);

    let refused = post(
        &app,
        &agency,
        &vacancy(json!({"employer": "Employer B", "ref": "AG-78"})),
    )
    .await;
    assert_eq!(refused.status(), 403);
    let message = refused.json::<Value>().await.unwrap()["error"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("Employer B"), "{message}");
    let unnamed = post(&app, &agency, &vacancy(json!({}))).await;
    assert_eq!(
        unnamed.json::<Value>().await.unwrap()["error"]["field"],
        "employer"
    );
    assert_eq!(total(&app, &agency).await, 1);

    // The employer sees the vacancy the agency posted for it.
    let employer = app.token_for(email_of(Role::Employer)).await;
    assert_eq!(total(&app, &employer).await, 1);
}

#[tokio::test]
async fn an_agency_cannot_move_a_vacancy_to_another_client_by_reposting_its_ref() {
    let app = spawn_app().await;
    let agency = app.token_for(email_of(Role::Agency)).await;
    post(
        &app,
        &agency,
        &vacancy(json!({"employer": "Employer A", "ref": "AG-9"})),
    )
    .await;
    // Employer B becomes a client too, so only the move itself is refused.
    let browser = app.log_in_browser(email_of(Role::Agency)).await;
    let csrf = crate::helpers::csrf_in(
        &browser
            .get(app.url("/agency/clients"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    browser
        .post(app.url("/agency/clients"))
        .form(&[("csrf_token", csrf.as_str()), ("employer", "Employer B")])
        .send()
        .await
        .unwrap();
    let moved = post(
        &app,
        &agency,
        &vacancy(json!({"employer": "Employer B", "ref": "AG-9"})),
    )
    .await;
    assert_eq!(moved.status(), 422);
    assert_eq!(
        moved.json::<Value>().await.unwrap()["error"]["field"],
        "employer"
    );
    let employer = app.token_for(email_of(Role::Employer)).await;
    assert_eq!(
        total(&app, &employer).await,
        1,
        "Employer A keeps its vacancy"
    );
}

#[tokio::test]
async fn the_status_filter_counts_an_expired_open_vacancy_as_closed() {
    let app = spawn_app().await;
    let employer = app.token_for(email_of(Role::Employer)).await;
    post(
        &app,
        &employer,
        &vacancy(json!({"title": "Expired", "closes_on": "2020-01-01"})),
    )
    .await;
    post(&app, &employer, &vacancy(json!({"title": "Current"}))).await;
    let open: Value = app
        .get("/api/v1/vacancies?status=open", Some(&employer))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(open["total"], 1);
    assert_eq!(open["items"][0]["title"], "Current");
    let closed: Value = app
        .get("/api/v1/vacancies?status=closed", Some(&employer))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(closed["total"], 1);
    assert_eq!(closed["items"][0]["status"], "closed");
}

#[tokio::test]
async fn a_new_postcode_moves_the_vacancy_and_a_huge_page_number_is_harmless() {
    let app = spawn_app().await;
    let employer = app.token_for(email_of(Role::Employer)).await;
    let v: Value = post(&app, &employer, &vacancy(json!({})))
        .await
        .json()
        .await
        .unwrap();
    let path = format!("/api/v1/vacancies/{}", v["ref"].as_str().unwrap());
    let moved: Value = app
        .send_json(
            Method::PATCH,
            &path,
            Some(&employer),
            &json!({"postcode": "M1 1AE"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(moved["location"]["postcode"], "M1 1AE");
    assert_eq!(moved["location"]["precision"], "sector");
    assert!(
        (moved["location"]["latitude"].as_f64().unwrap() - 53.48).abs() < 0.1,
        "{moved}"
    );
    assert_eq!(moved["living_wage"]["area"], "uk");
    assert_eq!(
        app.get("/jobs?page=18446744073709551615", None)
            .await
            .status(),
        200
    );
}
