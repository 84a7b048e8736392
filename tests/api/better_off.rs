//! The better-off check through the API, the CLI and the page.

use std::process::{Command, Output};

use betterwork::types::Role;
use serde_json::{json, Value};

use crate::helpers::{run, spawn_app, VacancyBuilder};

/// Vector S0008 of the PolicyEngine file, with the figures it gives.
fn couple_with_twins() -> Value {
    json!({
        "date": "2026-08-14",
        "household": {
            "adults": [{"age": 22}, {"age": 28, "monthly_earnings_pence": 60000}],
            "children": [{"born_on": "2025-05-06"}, {"born_on": "2025-05-06"}],
            "claims_universal_credit": true,
            "eligible_housing_costs_monthly_pence": 110000,
            "other_income_monthly_pence": 0
        },
        "current": {"jobs": [{"hourly_pay_pence": 1414, "weekly_hours": 16}], "childcare_weekly_pence": 30000, "travel_weekly_pence": 2500},
        "offer": {"jobs": [{"hourly_pay_pence": 1664, "weekly_hours": 16}], "childcare_weekly_pence": 30000, "travel_weekly_pence": 0}
    })
}

fn assert_matches_policyengine(result: &Value) {
    let near = |path: &[&str], expected: i64| {
        let mut v = result;
        for p in path {
            v = &v[*p];
        }
        let ours = v.as_i64().unwrap_or_else(|| panic!("{path:?} in {result}"));
        assert!(
            (ours - expected).abs() <= 100,
            "{path:?}: ours {ours}, PolicyEngine {expected}"
        );
    };
    near(&["current", "universal_credit_monthly_pence"], 284549);
    near(&["offer", "universal_credit_monthly_pence"], 276652);
    near(&["offer", "net_monthly_pence"], 259049);
    near(&["better_off_monthly_pence"], 17295);
    assert_eq!(result["tax_year"], "2026/27");
    assert_eq!(result["better_off_weekly_pence"], 3991);
}

#[tokio::test]
async fn an_adviser_gets_the_breakdown_and_others_are_refused() {
    let app = spawn_app().await;
    let scenario = couple_with_twins();
    let adviser = app.log_in_as(Role::Adviser).await;
    let response = app.check_better_off(Some(&adviser), &scenario).await;
    assert_eq!(response.status, 200);
    assert_matches_policyengine(&response.body);
    assert_eq!(
        response.body["targets_met"],
        json!(["hourly_pay_up_10_percent", "hourly_pay_at_least_llw"])
    );

    let employer = app.log_in_as(Role::Employer).await;
    let refused = app.check_better_off(Some(&employer), &scenario).await;
    assert_eq!(refused.status, 403);
    let anonymous = app.check_better_off(None, &scenario).await;
    assert_eq!(anonymous.status, 401);
}

fn with(mut scenario: Value, pointer: &str, value: Value) -> Value {
    *scenario
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}")) = value;
    scenario
}

fn bad_scenarios() -> Vec<(Value, &'static str)> {
    let base = couple_with_twins;
    let mut missing_facts = base();
    missing_facts["household"]
        .as_object_mut()
        .unwrap()
        .remove("claims_universal_credit");
    vec![
        (
            with(base(), "/current/jobs/0/weekly_hours", json!(-1)),
            "current.jobs[0].weekly_hours",
        ),
        (
            with(base(), "/offer/jobs/0/weekly_hours", json!(100.5)),
            "offer.jobs[0].weekly_hours",
        ),
        (
            with(base(), "/offer/jobs/0/weekly_hours", json!(16.125)),
            "offer.jobs[0].weekly_hours",
        ),
        (
            with(base(), "/offer/jobs/0/hourly_pay_pence", json!(-50)),
            "offer.jobs[0].hourly_pay_pence",
        ),
        (with(base(), "/date", json!("2031-01-01")), "date"),
        (with(base(), "/date", json!("2026-02-30")), "date"),
        (
            with(base(), "/household/children/1/born_on", json!("2026-09-01")),
            "household.children[1].born_on",
        ),
        (
            with(base(), "/household/adults", json!([])),
            "household.adults",
        ),
        (
            with(base(), "/household/adults/0/age", json!(12)),
            "household.adults[0].age",
        ),
        (missing_facts, "household.claims_universal_credit"),
    ]
}

#[tokio::test]
async fn a_bad_scenario_is_a_422_naming_the_field() {
    let app = spawn_app().await;
    let adviser = app.log_in_as(Role::Adviser).await;
    for (scenario, field) in bad_scenarios() {
        let response = app.check_better_off(Some(&adviser), &scenario).await;
        assert_eq!(response.status, 422, "{field}");
        assert_eq!(response.error_field(), field, "{}", response.body);
    }
}

/// `betterwork better-off`, needing no database, fed `input`.
fn run_cli(input: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_betterwork"));
    command
        .arg("better-off")
        .env("BETTERWORK_DATA_DIR", dir.path())
        .env_remove("DATABASE_URL");
    run(command, Some(input))
}

#[test]
fn the_cli_reads_a_scenario_and_writes_the_result() {
    let out = run_cli(&couple_with_twins().to_string());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_matches_policyengine(&result);
}

#[test]
fn the_cli_exits_non_zero_naming_the_field_of_a_bad_scenario() {
    for (scenario, field) in bad_scenarios() {
        let out = run_cli(&scenario.to_string());
        assert!(!out.status.success(), "{field}");
        let message = String::from_utf8_lossy(&out.stderr);
        assert!(message.contains(field), "{field}: {message}");
        assert!(out.stdout.is_empty());
    }
    let broken = run_cli("{ not json");
    assert!(!broken.status.success());
}

#[tokio::test]
async fn the_page_shows_the_weekly_answer_the_breakdown_and_the_chart() {
    let app = spawn_app().await;
    let adviser = app.browser_as(Role::Adviser).await;
    let form = adviser.open("/better-off").await;
    assert_eq!(form.status, 200);
    let fields = [
        ("date", "2026-08-14"),
        ("age", "22"),
        ("partner", "yes"),
        ("partner_age", "28"),
        ("partner_earnings", "600"),
        ("child_1", "2025-05-06"),
        ("child_2", "2025-05-06"),
        ("claims_uc", "yes"),
        ("housing", "1100"),
        ("other_income", "0"),
        ("current_pay", "14.14"),
        ("current_hours", "16"),
        ("current_childcare", "300"),
        ("current_travel", "25"),
        ("offer_pay", "16.64"),
        ("offer_hours", "16"),
        ("offer_contract", "permanent"),
        ("offer_childcare", "300"),
        ("offer_travel", "0"),
    ];
    let response = adviser.submit("/better-off", &fields).await;
    assert_eq!(response.status, 200);
    let html = response.html;
    assert!(
        html.contains("You&#x27;d be £39.91 a week better off")
            || html.contains("You'd be £39.91 a week better off"),
        "{html}"
    );
    assert!(html.contains("You keep 37p of each extra £1"), "{html}");
    assert!(html.contains("<svg") && html.contains("Hours a week"));
    assert!(html.contains("Met: Moves to a permanent contract"));

    let mut bad: Vec<(&str, &str)> = fields.to_vec();
    bad.retain(|(k, _)| *k != "offer_hours");
    bad.push(("offer_hours", "120"));
    bad.retain(|(k, _)| *k != "child_2");
    bad.push(("child_2", "2027-01-01"));
    let response = adviser.submit("/better-off", &bad).await;
    assert_eq!(response.status, 422);
    let html = response.html;
    assert!(html.contains("id=\"offer_hours-error\""), "{html}");
    assert!(html.contains("id=\"child_2-error\""));
    assert!(
        html.contains("value=\"16.64\""),
        "the rest of the form is kept"
    );
}

#[tokio::test]
async fn an_adviser_takes_the_offer_from_a_posted_vacancy() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    let offer = VacancyBuilder::new().hourly_pay(1620).hours(20, 30);
    let reference = offer.expect_post(&app, &employer).await.reference();
    let reference = reference.as_str();
    let adviser = app.browser_as(Role::Adviser).await;
    let form = adviser
        .open(&format!("/better-off?vacancy={reference}"))
        .await;
    assert_eq!(form.status, 200);
    assert!(
        form.shows("value=\"16.20\"") && form.shows("value=\"30\""),
        "offer filled from the vacancy"
    );
    let response = adviser
        .submit(
            "/better-off",
            &[
                ("vacancy", reference),
                ("date", "2026-08-14"),
                ("age", "30"),
                ("claims_uc", "yes"),
                ("current_pay", "12.71"),
                ("current_hours", "16"),
            ],
        )
        .await;
    assert_eq!(response.status, 200);
    assert!(response.shows("a week better off"), "{}", response.html);
    assert!(response.shows("Met: Moves to a permanent contract"));
    let missing = adviser
        .submit("/better-off", &[("vacancy", "BWNOSUCH"), ("age", "30")])
        .await;
    assert_eq!(missing.status, 422);
    assert!(missing.shows("id=\"vacancy-error\""));
}

/// A simple household that is better off taking the offer, as the page's fields.
fn simple_check() -> Vec<(&'static str, &'static str)> {
    vec![
        ("date", "2026-08-14"),
        ("age", "30"),
        ("claims_uc", "yes"),
        ("current_pay", "12.71"),
        ("current_hours", "16"),
        ("offer_pay", "14.80"),
        ("offer_hours", "22.5"),
    ]
}

fn with_field(
    mut fields: Vec<(&'static str, &'static str)>,
    name: &'static str,
    value: &'static str,
) -> Vec<(&'static str, &'static str)> {
    fields.retain(|(k, _)| *k != name);
    fields.push((name, value));
    fields
}

/// "14,80" once read as £1,480 an hour and gave "£15,711.30 a week better off": now it is
/// refused, saying what to type, and no answer is shown.
#[tokio::test]
async fn a_comma_for_pence_is_refused_and_no_answer_is_given() {
    let app = spawn_app().await;
    let adviser = app.browser_as(Role::Adviser).await;
    let page = adviser
        .submit(
            "/better-off",
            &with_field(simple_check(), "offer_pay", "14,80"),
        )
        .await;
    assert_eq!(page.status, 422, "{}", page.html);
    assert!(
        page.shows("Offered hourly pay must use a full stop for pence, like 14.80, not a comma"),
        "{}",
        page.html
    );
    assert!(
        page.shows("href=\"#offer_pay\""),
        "the summary links to the field"
    );
    assert!(page.shows("<title>Error: "));
    assert!(!page.shows("a week better off") && !page.shows("<svg"));
}

/// Submitted empty, the form lists every answer it needs at once, each linked to its box.
#[tokio::test]
async fn the_empty_form_lists_every_required_field_at_once() {
    let app = spawn_app().await;
    let adviser = app.browser_as(Role::Adviser).await;
    let page = adviser
        .submit("/better-off", &[("date", "2026-08-14")])
        .await;
    assert_eq!(page.status, 422, "{}", page.html);
    for (field, message) in [
        ("age", "Enter the candidate&#x27;s age"),
        ("offer_pay", "Enter offered hourly pay"),
        ("offer_hours", "Enter offered hours a week"),
    ] {
        assert!(
            page.shows(&format!("<a href=\"#{field}\">{message}</a>")),
            "{field}: {}",
            page.html
        );
        assert!(page.shows(&format!("id=\"{field}-error\"")), "{field}");
    }
}

/// An hourly pay above £100 is asked about before it is used; ticking "Yes, the pay is
/// right" for that pay gives the answer, and changing the pay afterwards asks again.
#[tokio::test]
async fn an_hourly_pay_above_100_pounds_is_confirmed_first() {
    let app = spawn_app().await;
    let adviser = app.browser_as(Role::Adviser).await;
    let high = with_field(simple_check(), "offer_pay", "148");
    let asked = adviser.submit("/better-off", &high).await;
    assert_eq!(asked.status, 422, "{}", asked.html);
    assert!(
        asked.shows("£148.00 an hour is unusually high"),
        "{}",
        asked.html
    );
    assert!(asked.shows("<a href=\"#offer_pay_confirmed\">"));
    assert!(asked.shows("id=\"offer_pay_confirmed\""));
    assert!(asked.shows("Yes, the pay is right"));
    assert!(!asked.shows("a week better off"));

    let confirmed = with_field(high.clone(), "offer_pay_confirmed", "148");
    let answered = adviser.submit("/better-off", &confirmed).await;
    assert_eq!(answered.status, 200, "{}", answered.html);
    assert!(answered.shows("a week better off"), "{}", answered.html);

    let changed = with_field(confirmed, "offer_pay", "1480");
    let asked_again = adviser.submit("/better-off", &changed).await;
    assert_eq!(asked_again.status, 422);
    assert!(asked_again.shows("£1,480.00 an hour is unusually high"));

    let ordinary = adviser.submit("/better-off", &simple_check()).await;
    assert_eq!(ordinary.status, 200);
    assert!(
        !ordinary.shows("Yes, the pay is right"),
        "no question below £100"
    );
}
