//! Journeys through the portal, each as one kind of user makes it.

use std::time::Duration;

use betterwork::types::Role;
use fantoccini::Locator;

use super::start_browser;
use crate::helpers::{email_of, spawn_app, spawn_demo_app, PASSWORD};

#[tokio::test]
async fn an_admin_logs_in_adds_an_organisation_and_a_person_and_logs_out() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    let client = &driver.client;
    let base = &app.address;

    driver
        .log_in(base, email_of(Role::Admin), "wrong password here")
        .await;
    let refusal = driver.text_of("[role=alert]").await;
    assert!(refusal.contains("do not match"), "{refusal}");

    driver.log_in(base, email_of(Role::Admin), PASSWORD).await;
    driver.expect_heading("Platform dashboard").await;

    driver.click(Locator::LinkText("Organisations")).await;
    driver.expect_heading("Organisations").await;
    // Submitting without a kind brings the form back with the error beside the field.
    driver.fill("name", "Lewisham Laundry").await;
    driver
        .click(Locator::Css("form[action='/admin/organisations'] button"))
        .await;
    let error = driver.text_of("#kind-error").await;
    assert!(error.contains("Select what kind"), "{error}");
    driver
        .click(Locator::Css("#kind option[value='employer']"))
        .await;
    driver
        .click(Locator::Css("form[action='/admin/organisations'] button"))
        .await;
    driver.expect_heading("Lewisham Laundry").await;
    let flash = driver.text_of(".flash").await;
    assert!(flash.contains("was added"), "{flash}");

    driver.fill("display_name", "Jo Marsh").await;
    driver.fill("email", "jo@lewishamlaundry.example").await;
    driver
        .click(Locator::Css("#add-person ~ form button"))
        .await;
    let shown = driver.text_of(".secret code").await;
    assert!(shown.len() >= 16, "generated password {shown:?}");
    let team = driver.text_of("table").await;
    assert!(team.contains("Jo Marsh"));

    driver.click(Locator::Css(".who button")).await;
    driver.expect_heading("Log in").await;
    let flash = driver.text_of(".flash").await;
    assert!(flash.contains("logged out"));

    // The new person can log in with the password shown once, and sees their dashboard.
    driver
        .log_in(base, "jo@lewishamlaundry.example", &shown)
        .await;
    driver.expect_heading("Lewisham Laundry").await;
    let empty = driver.text_of(".empty").await;
    assert!(empty.contains("No vacancies yet"));
    client
        .goto(&format!("{base}/admin/organisations"))
        .await
        .unwrap();
    driver.expect_heading("You can't do that here").await;

    driver.client.clone().close().await.unwrap();
}

/// The heading each demo role's dashboard opens with.
fn dashboard_heading(role: Role, organisation: &str) -> String {
    match role {
        Role::Admin => "Platform dashboard".into(),
        Role::Adviser => "Your caseload".into(),
        Role::Employer | Role::Agency | Role::ProviderManager => organisation.into(),
    }
}

#[tokio::test]
async fn every_demo_login_reaches_its_dashboard_through_the_login_form() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_demo_app().await;
    for (email, name, role, organisation) in betterwork::demo::logins() {
        driver
            .log_in(&app.address, email, betterwork::demo::DEMO_PASSWORD)
            .await;
        driver
            .expect_heading(&dashboard_heading(role, organisation))
            .await;
        let who = driver.text_of(".who span").await;
        assert!(
            who.contains(name) && who.contains(organisation),
            "{email}: {who}"
        );
        driver.click(Locator::Css(".who button")).await;
        driver.expect_heading("Log in").await;
    }
    driver.client.clone().close().await.unwrap();
}

#[tokio::test]
async fn an_adviser_checks_an_offer_and_sees_the_weekly_answer_and_the_chart() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    let client = &driver.client;
    driver
        .log_in(&app.address, email_of(Role::Adviser), PASSWORD)
        .await;
    driver.expect_heading("Your caseload").await;
    driver.click(Locator::LinkText("Better-off check")).await;
    driver.expect_heading("Better-off check").await;
    driver.fill("date", "").await;
    // Date inputs take the date as typed in the browser's locale; set it directly.
    client
        .execute(
            "document.getElementById('date').value = '2026-08-14'",
            vec![],
        )
        .await
        .unwrap();
    for (id, value) in [
        ("age", "30"),
        ("current_pay", "12.71"),
        ("current_hours", "16"),
        ("offer_pay", "14.80"),
        ("offer_hours", "30"),
    ] {
        driver.fill(id, value).await;
    }
    driver
        .click(Locator::Css("form.better-off-form button[type=submit]"))
        .await;
    let headline = driver.text_of("#result-heading").await;
    assert!(headline.contains("a week better off"), "{headline}");
    let chart = client.find(Locator::Css("figure.chart svg")).await.unwrap();
    assert!(
        chart.rectangle().await.unwrap().2 > 300.0,
        "the chart is drawn at a readable width"
    );
    let targets = driver.text_of(".targets").await;
    assert!(targets.contains("Paid at least the London Living Wage"));
    driver.client.clone().close().await.unwrap();
}

#[tokio::test]
async fn an_employer_posts_a_vacancy_and_finds_it_on_the_jobs_page() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    let client = &driver.client;
    driver
        .log_in(&app.address, email_of(Role::Employer), PASSWORD)
        .await;
    driver.expect_heading("Employer A").await;
    driver.click(Locator::LinkText("Your vacancies")).await;
    driver.expect_heading("Your vacancies").await;
    driver.click(Locator::LinkText("Post a vacancy")).await;
    driver.expect_heading("Post a vacancy").await;
    driver.fill("title", "Weekend receptionist").await;
    driver
        .click(Locator::Css("#sector option[value='administration']"))
        .await;
    driver.fill("postcode", "SW9 8QE").await;
    driver.fill("hours_min", "12").await;
    driver.fill("hours_max", "16").await;
    driver.fill("pay", "14.20").await;
    // The check appears as the pay is typed, before anything is submitted.
    let live = driver.text_of("#pay-check p").await;
    assert!(live.contains("below the London Living Wage"), "{live}");
    driver.fill("pay", "15.10").await;
    let mut seen = String::new();
    for _ in 0..50 {
        seen = driver.text_of("#pay-check p").await;
        if seen.contains("meets") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(seen.contains("meets the London Living Wage"), "{seen}");
    driver.click(Locator::Css("button[value='save']")).await;
    driver.expect_heading("Weekend receptionist").await;

    client
        .goto(&format!("{}/jobs?near=SE5+9RS&within=3", app.address))
        .await
        .unwrap();
    driver.expect_heading("Jobs").await;
    let card = driver.text_of("article.job").await;
    assert!(
        card.contains("Weekend receptionist") && card.contains("miles away"),
        "{card}"
    );
    driver
        .click(Locator::LinkText("Weekend receptionist"))
        .await;
    driver.expect_heading("Weekend receptionist").await;
    let lw = driver.text_of("p.lw").await;
    assert!(
        lw.contains("This job pays the real London Living Wage or more"),
        "{lw}"
    );
    driver.client.clone().close().await.unwrap();
}
