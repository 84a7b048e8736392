//! The page flows people depend on, in a real headless Chromium driven over WebDriver.
//! Needs `chromedriver` on PATH (CI installs it); without it the test says so and passes,
//! unless `BETTERWORK_REQUIRE_BROWSER=1`, as CI sets, makes a missing browser a failure.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use betterwork::types::Role;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

use crate::helpers::{email_of, spawn_app, spawn_demo_app, PASSWORD};

struct Driver {
    process: Child,
    _profile: tempfile::TempDir,
    client: Client,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn start_browser() -> Option<Driver> {
    let required = std::env::var("BETTERWORK_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    let port = free_port();
    let process = match Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(process) => process,
        Err(e) if !required => {
            eprintln!("skipping the browser test: chromedriver is not available ({e}); CI runs it");
            return None;
        }
        Err(e) => panic!(
            "chromedriver is required (BETTERWORK_REQUIRE_BROWSER=1) but could not start: {e}"
        ),
    };
    let profile = tempfile::tempdir().unwrap();
    let mut options = serde_json::Map::new();
    options.insert(
        "args".into(),
        serde_json::json!([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1200,900",
            format!("--user-data-dir={}", profile.path().display()),
        ]),
    );
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        serde_json::Value::Object(options),
    );
    let url = format!("http://127.0.0.1:{port}");
    let mut last_error = String::new();
    for _ in 0..50 {
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&url)
            .await
        {
            Ok(client) => {
                return Some(Driver {
                    process,
                    _profile: profile,
                    client,
                })
            }
            Err(e) => {
                last_error = e.to_string();
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
    panic!("could not start a browser session: {last_error}");
}

async fn click(client: &Client, locator: Locator<'_>) {
    client.find(locator).await.unwrap().click().await.unwrap();
}

async fn fill(client: &Client, id: &str, value: &str) {
    let field = client.find(Locator::Id(id)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(value).await.unwrap();
}

/// Waits for the page after a click to show `expected` as its heading.
async fn expect_heading(client: &Client, expected: &str) {
    let mut seen = String::new();
    for _ in 0..100 {
        if let Ok(h1) = client.find(Locator::Css("h1")).await {
            seen = h1.text().await.unwrap_or_default();
            if seen == expected {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "expected the heading {expected:?}, saw {seen:?} at {:?}",
        client.current_url().await
    );
}

/// Waits for an element to appear and reads its text. Scripts may replace the element
/// between finding and reading it, so a stale element is simply looked for again.
async fn text_of(client: &Client, css: &str) -> String {
    let mut last = String::new();
    for _ in 0..100 {
        match client.find(Locator::Css(css)).await {
            Ok(element) => match element.text().await {
                Ok(text) => return text,
                Err(e) => last = e.to_string(),
            },
            Err(e) => last = e.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css}: {last}");
}

async fn log_in(client: &Client, base: &str, email: &str, password: &str) {
    client.goto(&format!("{base}/login")).await.unwrap();
    fill(client, "email", email).await;
    fill(client, "password", password).await;
    click(client, Locator::Css("form[action='/login'] button")).await;
}

#[tokio::test]
async fn an_admin_logs_in_adds_an_organisation_and_a_person_and_logs_out() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    let client = &driver.client;
    let base = &app.address;

    log_in(client, base, email_of(Role::Admin), "wrong password here").await;
    let refusal = text_of(client, "[role=alert]").await;
    assert!(refusal.contains("do not match"), "{refusal}");

    log_in(client, base, email_of(Role::Admin), PASSWORD).await;
    expect_heading(client, "Platform dashboard").await;

    click(client, Locator::LinkText("Organisations")).await;
    expect_heading(client, "Organisations").await;
    // Submitting without a kind brings the form back with the error beside the field.
    fill(client, "name", "Lewisham Laundry").await;
    click(
        client,
        Locator::Css("form[action='/admin/organisations'] button"),
    )
    .await;
    let error = text_of(client, "#kind-error").await;
    assert!(error.contains("Choose"), "{error}");
    click(client, Locator::Css("#kind option[value='employer']")).await;
    click(
        client,
        Locator::Css("form[action='/admin/organisations'] button"),
    )
    .await;
    expect_heading(client, "Lewisham Laundry").await;
    let flash = text_of(client, ".flash").await;
    assert!(flash.contains("was added"), "{flash}");

    fill(client, "display_name", "Jo Marsh").await;
    fill(client, "email", "jo@lewishamlaundry.example").await;
    click(client, Locator::Css("#add-person ~ form button")).await;
    let shown = text_of(client, ".secret code").await;
    assert!(shown.len() >= 16, "generated password {shown:?}");
    let team = text_of(client, "table").await;
    assert!(team.contains("Jo Marsh"));

    click(client, Locator::Css(".who button")).await;
    expect_heading(client, "Log in").await;
    let flash = text_of(client, ".flash").await;
    assert!(flash.contains("logged out"));

    // The new person can log in with the password shown once, and sees their dashboard.
    log_in(client, base, "jo@lewishamlaundry.example", &shown).await;
    expect_heading(client, "Lewisham Laundry").await;
    let empty = text_of(client, ".empty").await;
    assert!(empty.contains("No vacancies yet"));
    client
        .goto(&format!("{base}/admin/organisations"))
        .await
        .unwrap();
    expect_heading(client, "You can't do that here").await;

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
    let client = &driver.client;
    for (email, name, role, organisation) in betterwork::demo::logins() {
        log_in(client, &app.address, email, betterwork::demo::DEMO_PASSWORD).await;
        expect_heading(client, &dashboard_heading(role, organisation)).await;
        let who = text_of(client, ".who span").await;
        assert!(
            who.contains(name) && who.contains(organisation),
            "{email}: {who}"
        );
        click(client, Locator::Css(".who button")).await;
        expect_heading(client, "Log in").await;
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
    log_in(client, &app.address, email_of(Role::Adviser), PASSWORD).await;
    expect_heading(client, "Your caseload").await;
    click(client, Locator::LinkText("Better-off check")).await;
    expect_heading(client, "Better-off check").await;
    fill(client, "date", "").await;
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
        fill(client, id, value).await;
    }
    click(
        client,
        Locator::Css("form.better-off-form button[type=submit]"),
    )
    .await;
    let headline = text_of(client, "#result-heading").await;
    assert!(headline.contains("a week better off"), "{headline}");
    let chart = client.find(Locator::Css("figure.chart svg")).await.unwrap();
    assert!(
        chart.rectangle().await.unwrap().2 > 300.0,
        "the chart is drawn at a readable width"
    );
    let targets = text_of(client, ".targets").await;
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
    log_in(client, &app.address, email_of(Role::Employer), PASSWORD).await;
    expect_heading(client, "Employer A").await;
    click(client, Locator::LinkText("Your vacancies")).await;
    expect_heading(client, "Your vacancies").await;
    click(client, Locator::LinkText("Post a vacancy")).await;
    expect_heading(client, "Post a vacancy").await;
    fill(client, "title", "Weekend receptionist").await;
    click(
        client,
        Locator::Css("#sector option[value='administration']"),
    )
    .await;
    fill(client, "postcode", "SW9 8QE").await;
    fill(client, "hours_min", "12").await;
    fill(client, "hours_max", "16").await;
    fill(client, "pay", "14.20").await;
    // The check appears as the pay is typed, before anything is submitted.
    let live = text_of(client, "#pay-check p").await;
    assert!(live.contains("below the London Living Wage"), "{live}");
    fill(client, "pay", "15.10").await;
    let mut seen = String::new();
    for _ in 0..50 {
        seen = text_of(client, "#pay-check p").await;
        if seen.contains("meets") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(seen.contains("meets the London Living Wage"), "{seen}");
    click(client, Locator::Css("button[value='save']")).await;
    expect_heading(client, "Weekend receptionist").await;

    client
        .goto(&format!("{}/jobs?near=SE5+9RS&within_km=3", app.address))
        .await
        .unwrap();
    expect_heading(client, "Jobs").await;
    let card = text_of(client, "article.job").await;
    assert!(
        card.contains("Weekend receptionist") && card.contains("km away"),
        "{card}"
    );
    click(client, Locator::LinkText("Weekend receptionist")).await;
    expect_heading(client, "Weekend receptionist").await;
    let lw = text_of(client, "p.lw").await;
    assert!(lw.contains("Pays at least the London Living Wage"), "{lw}");
    driver.client.clone().close().await.unwrap();
}
