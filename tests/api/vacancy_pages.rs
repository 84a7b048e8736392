//! Employers and agencies manage vacancies through the pages.

use betterwork::types::Role;
use serde_json::Value;

use crate::helpers::{csrf_in, email_of, spawn_app, TestApp};

fn form<'a>(csrf: &'a str, pay: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", csrf),
        ("title", "Front of house"),
        ("sector", "hospitality"),
        ("postcode", "SW9 8QE"),
        ("pay", pay),
        ("pay_per", "hour"),
        ("hours_min", "16"),
        ("hours_max", "24"),
        ("contract", "permanent"),
        ("patterns", "part_time"),
        ("patterns", "school_hours"),
        ("open_to_flexibility", "yes"),
        ("description", "Welcoming guests."),
    ]
}

async fn api_total(app: &TestApp) -> i64 {
    let token = app.token_for(email_of(Role::Employer)).await;
    let list: Value = app
        .get("/api/v1/vacancies", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    list["total"].as_i64().unwrap()
}

#[tokio::test]
async fn an_employer_checks_the_pay_posts_by_form_and_pauses_the_vacancy() {
    let app = spawn_app().await;
    let browser = app.log_in_browser(email_of(Role::Employer)).await;
    let csrf = csrf_in(
        &browser
            .get(app.url("/vacancies/new"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );

    let mut check = form(&csrf, "13.50");
    check.push(("action", "check"));
    let checked = browser
        .post(app.url("/vacancies"))
        .form(&check)
        .send()
        .await
        .unwrap();
    assert_eq!(checked.status(), 200);
    let html = checked.text().await.unwrap();
    assert!(
        html.contains("is below the London Living Wage (£14.80)"),
        "{html}"
    );
    assert_eq!(api_total(&app).await, 0, "checking saves nothing");

    let low = browser
        .post(app.url("/vacancies"))
        .form(&form(&csrf, "11.00"))
        .send()
        .await
        .unwrap();
    assert_eq!(low.status(), 422);
    assert!(low.text().await.unwrap().contains("id=\"pay-error\""));
    assert_eq!(api_total(&app).await, 0);

    let posted = browser
        .post(app.url("/vacancies"))
        .form(&form(&csrf, "15.00"))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 303);
    let location = posted.headers()["location"].to_str().unwrap().to_string();
    let page = browser
        .get(app.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Front of house") && page.contains("Meets the London Living Wage"));

    let pause = browser
        .post(app.url(&format!("{location}/status")))
        .form(&[("csrf_token", csrf.as_str()), ("status", "paused")])
        .send()
        .await
        .unwrap();
    assert_eq!(pause.status(), 303);
    let token = app.token_for(email_of(Role::Employer)).await;
    let reference = location.trim_start_matches("/vacancies/");
    let v: Value = app
        .get(&format!("/api/v1/vacancies/{reference}"), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["status"], "paused");
    assert_eq!(
        v["patterns"],
        serde_json::json!(["part_time", "school_hours"])
    );
}

#[tokio::test]
async fn an_agency_manages_its_clients_and_uploads_a_csv() {
    let app = spawn_app().await;
    let browser = app.log_in_browser(email_of(Role::Agency)).await;
    let page = browser
        .get(app.url("/agency/clients"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Employer A") && !page.contains("Employer B"));
    let csrf = csrf_in(&page);
    let added = browser
        .post(app.url("/agency/clients"))
        .form(&[("csrf_token", csrf.as_str()), ("employer", "Employer B")])
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 303);
    let unknown = browser
        .post(app.url("/agency/clients"))
        .form(&[("csrf_token", csrf.as_str()), ("employer", "Nobody Ltd")])
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 422);

    let csv = "ref,employer,title,sector,postcode,latitude,longitude,pay,pay_per,fte_hours,hours_min,hours_max,contract,patterns,open_to_flexibility,closes_on,description,status\n\
               AG-1,Employer B,Cashier,retail,E1 6AN,,,14.90,hour,,16,20,permanent,part_time,yes,,,\n\
               AG-2,Employer B,Cashier,retail,E1 6AN,,,8.00,hour,,16,20,permanent,part_time,yes,,,\n";
    let upload = reqwest::multipart::Form::new()
        .text("csrf_token", csrf.clone())
        .part(
            "file",
            reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("v.csv"),
        );
    let response = browser
        .post(app.url("/vacancies/import"))
        .multipart(upload)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("2 rows: 1 created, 0 updated, 0 unchanged, 1 rejected"),
        "{html}"
    );
    assert!(html.contains("<td>3</td><td>pay</td>"), "{html}");

    let forged = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()),
    );
    let refused = browser
        .post(app.url("/vacancies/import"))
        .multipart(forged)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
}

#[tokio::test]
async fn an_employer_records_its_living_wage_accreditation() {
    let app = spawn_app().await;
    let browser = app.log_in_browser(email_of(Role::Employer)).await;
    let csrf = csrf_in(
        &browser
            .get(app.url("/organisation"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    let saved = browser
        .post(app.url("/organisation"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("living_wage_accredited", "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 303);
    let token = app.token_for(email_of(Role::Employer)).await;
    let org: Value = app
        .get(
            &format!("/api/v1/organisations/{}", app.world.employer_a),
            Some(&token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(org["living_wage_accredited"], true);
    // An adviser has no such form and may not post it.
    let adviser = app.log_in_browser(email_of(Role::Adviser)).await;
    let own_csrf = csrf_in(
        &adviser
            .get(app.url("/dashboard"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    let refused = adviser
        .post(app.url("/organisation"))
        .form(&[
            ("csrf_token", own_csrf.as_str()),
            ("living_wage_accredited", "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    assert!(
        refused.text().await.unwrap().contains("Your role may not"),
        "refused by the policy, not the form token"
    );
}
