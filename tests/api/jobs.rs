//! The public jobs page: filters, distance from a postcode, and the vacancy page.

use betterwork::types::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{email_of, spawn_app, TestApp};
use crate::vacancies::vacancy;

async fn post(app: &TestApp, token: &str, changes: Value) -> String {
    let response = app
        .send_json(
            Method::POST,
            "/api/v1/vacancies",
            Some(token),
            &vacancy(changes),
        )
        .await;
    assert_eq!(response.status(), 201);
    response.json::<Value>().await.unwrap()["ref"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn jobs(app: &TestApp, query: &str) -> (u16, String) {
    let response = app.get(&format!("/jobs?{query}"), None).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn the_jobs_page_filters_by_distance_and_shows_it() {
    let app = spawn_app().await;
    let employer = app.token_for(email_of(Role::Employer)).await;
    // SW9 8QE (Brixton) is about 1.3 km from SE5 9RS (Camberwell); Manchester is 260 km away.
    post(
        &app,
        &employer,
        json!({"title": "Brixton barista", "postcode": "SW9 8QE"}),
    )
    .await;
    post(
        &app,
        &employer,
        json!({"title": "Manchester cook", "postcode": "M1 1AE"}),
    )
    .await;
    post(&app, &employer, json!({"title": "Remote bookings", "postcode": null, "remote": true, "sector": "customer_service"})).await;
    let paused = post(&app, &employer, json!({"title": "Paused porter"})).await;
    app.send_json(
        Method::POST,
        &format!("/api/v1/vacancies/{paused}/status"),
        Some(&employer),
        &json!({"status": "paused"}),
    )
    .await;
    post(
        &app,
        &employer,
        json!({"title": "Expired cleaner", "closes_on": "2020-01-01"}),
    )
    .await;

    let (status, html) = jobs(&app, "").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Brixton barista")
            && html.contains("Manchester cook")
            && html.contains("Remote bookings")
    );
    assert!(!html.contains("Paused porter") && !html.contains("Expired cleaner"));

    let (_, near) = jobs(&app, "near=SE5+9RS&within_km=5").await;
    assert!(near.contains("Brixton barista"));
    assert!(near.contains("km away"));
    assert!(
        !near.contains("Manchester cook"),
        "Manchester is not within 5 km"
    );
    assert!(
        near.contains("Remote bookings"),
        "distance never excludes a remote job"
    );
    assert!(near.contains("Contains Ordnance Survey data"));

    let (_, far) = jobs(&app, "near=SE5%209RS&within_km=300").await;
    assert!(far.contains("Manchester cook"));

    let (_, sector) = jobs(&app, "sector=customer_service").await;
    assert!(sector.contains("Remote bookings") && !sector.contains("Brixton barista"));

    let (status, bad) = jobs(&app, "near=not-a-postcode").await;
    assert_eq!(status, 422);
    assert!(bad.contains("id=\"near-error\""));
}

#[tokio::test]
async fn pay_and_living_wage_employer_filters_work_and_a_vacancy_page_explains_the_living_wage() {
    let app = spawn_app().await;
    let employer = app.token_for(email_of(Role::Employer)).await;
    let low = post(
        &app,
        &employer,
        json!({"title": "Shelf stacker", "pay_pence": 1300}),
    )
    .await;
    post(
        &app,
        &employer,
        json!({"title": "Supervisor", "pay_pence": 1650}),
    )
    .await;
    let (_, html) = jobs(&app, "min_pay=15").await;
    assert!(html.contains("Supervisor") && !html.contains("Shelf stacker"));

    let (_, none) = jobs(&app, "lw=1").await;
    assert!(
        !none.contains("Supervisor"),
        "Employer A is not accredited yet"
    );
    let admin = app.token_for(email_of(Role::Admin)).await;
    app.send_json(
        Method::PATCH,
        &format!("/api/v1/organisations/{}", app.world.employer_a),
        Some(&admin),
        &json!({"living_wage_accredited": true}),
    )
    .await;
    let (_, accredited) = jobs(&app, "lw=1").await;
    assert!(accredited.contains("Supervisor"));

    let page = app.get(&format!("/jobs/{low}"), None).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("less than the London Living Wage (£14.80)"),
        "{html}"
    );
    assert_eq!(app.get("/jobs/BWNOSUCHREF", None).await.status(), 404);
}
