//! Employers and agencies manage vacancies through the pages.

use betterwork::types::Role;
use reqwest::multipart::{Form, Part};
use serde_json::json;

use crate::helpers::{spawn_app, TestApp, EMPLOYER_B};

/// The post-a-vacancy form, filled in with `pay` pounds an hour.
fn form(pay: &str) -> Vec<(&str, &str)> {
    vec![
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

/// How many vacancies Employer A has, asked through the API.
async fn api_total(app: &TestApp) -> i64 {
    let employer = app.log_in_as(Role::Employer).await;
    app.vacancy_count(&employer).await
}

#[tokio::test]
async fn an_employer_checks_the_pay_posts_by_form_and_pauses_the_vacancy() {
    let app = spawn_app().await;
    let browser = app.browser_as(Role::Employer).await;
    assert_eq!(browser.open("/vacancies/new").await.status, 200);

    let mut check = form("13.50");
    check.push(("action", "check"));
    let checked = browser.submit("/vacancies", &check).await;
    assert_eq!(checked.status, 200);
    assert!(
        checked.shows("is below the London Living Wage (£14.80)"),
        "{}",
        checked.html
    );
    assert_eq!(api_total(&app).await, 0, "checking saves nothing");

    let low = browser.submit("/vacancies", &form("11.00")).await;
    assert_eq!(low.status, 422);
    assert!(low.shows("id=\"pay-error\""));
    assert_eq!(api_total(&app).await, 0);

    let posted = browser.submit("/vacancies", &form("15.00")).await;
    assert_eq!(posted.status, 303);
    let location = posted.location.expect("a redirect to the vacancy");
    let page = browser.open(&location).await;
    assert!(page.shows("Front of house") && page.shows("Meets the London Living Wage"));

    let status_form = format!("{location}/status");
    let pause = browser.submit(&status_form, &[("status", "paused")]).await;
    assert_eq!(pause.status, 303);
    let employer = app.log_in_as(Role::Employer).await;
    let reference = location.trim_start_matches("/vacancies/");
    let v = app.vacancy(&employer, reference).await.body;
    assert_eq!(v["status"], "paused");
    assert_eq!(v["patterns"], json!(["part_time", "school_hours"]));
}

#[tokio::test]
async fn an_agency_manages_its_clients_and_uploads_a_csv() {
    let app = spawn_app().await;
    let browser = app.browser_as(Role::Agency).await;
    let page = browser.open("/agency/clients").await;
    assert!(page.shows("Employer A") && !page.shows("Employer B"));
    let added = browser
        .submit("/agency/clients", &[("employer", "Employer B")])
        .await;
    assert_eq!(added.status, 303);
    let employer_b = app.log_in(EMPLOYER_B).await;
    let (b, agency_id) = (&app.world.employer_b, &app.world.agency);
    app.answer_agency(&employer_b, b, agency_id, "accept")
        .await
        .expect(200);
    let unknown = browser
        .submit("/agency/clients", &[("employer", "Nobody Ltd")])
        .await;
    assert_eq!(unknown.status, 422);

    let csv = "ref,employer,title,sector,postcode,latitude,longitude,pay,pay_per,fte_hours,hours_min,hours_max,contract,patterns,open_to_flexibility,closes_on,description,status\n\
               AG-1,Employer B,Cashier,retail,E1 6AN,,,14.90,hour,,16,20,permanent,part_time,yes,,,\n\
               AG-2,Employer B,Cashier,retail,E1 6AN,,,8.00,hour,,16,20,permanent,part_time,yes,,,\n";
    let file = || Part::bytes(csv.as_bytes().to_vec()).file_name("v.csv");
    let csrf = browser.csrf_token("/vacancies/import").await;
    let upload = Form::new().text("csrf_token", csrf).part("file", file());
    let response = browser.upload("/vacancies/import", upload).await;
    assert_eq!(response.status, 200);
    assert!(
        response.shows("2 rows: 1 created, 0 updated, 0 unchanged, 1 rejected"),
        "{}",
        response.html
    );
    assert!(
        response.shows("<td data-label=\"Row\">Line 3 (ref AG-2, &#x27;Cashier&#x27;)</td><td data-label=\"Column\"><code>pay</code>"),
        "{}",
        response.html
    );

    let forged = Form::new().part("file", file());
    let refused = browser.upload("/vacancies/import", forged).await;
    assert_eq!(refused.status, 403);
}
