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

/// `form(pay)` with more fields, or a field replaced.
fn form_with<'a>(pay: &'a str, more: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields: Vec<_> = form(pay)
        .into_iter()
        .filter(|(k, _)| !more.iter().any(|(m, _)| m == k))
        .collect();
    fields.extend_from_slice(more);
    fields
}

#[tokio::test]
async fn the_main_action_is_the_form_s_default_button_and_remote_is_offered_once() {
    let app = spawn_app().await;
    let browser = app.browser_as(Role::Employer).await;
    let page = browser.open("/vacancies/new").await;
    // Enter submits with the first submit button in the form: it must be the one that posts.
    let form = &page.html[page.html.find("class=\"vacancy-form\"").expect("the form")..];
    let first = form.find("type=\"submit\"").expect("a submit button");
    assert!(
        form[first..].starts_with("type=\"submit\" name=\"action\" value=\"save\""),
        "{}",
        &form[first..]
    );
    let post = form.find("value=\"save\"").expect("the post button");
    assert!(post < form.find("value=\"check\"").unwrap());
    assert!(post < form.find("value=\"draft\"").unwrap());
    assert!(page.shows("id=\"remote\"") && !page.shows("pattern-remote"));
    assert!(page.shows("Only for a full-time salary paid pro rata"));
}

#[tokio::test]
async fn pay_that_looks_mistyped_is_posted_only_once_confirmed() {
    let app = spawn_app().await;
    let browser = app.browser_as(Role::Employer).await;
    let asked = browser.submit("/vacancies", &form("149.00")).await;
    assert_eq!(asked.status, 422);
    assert!(asked.shows("Yes, the pay is right"), "{}", asked.html);
    assert!(asked.shows("£149.00 an hour, more than £100.00 an hour"));
    assert!(
        asked.shows("href=\"#confirm_pay\""),
        "the summary leads to the box"
    );
    assert_eq!(api_total(&app).await, 0);

    let confirmed = form_with("149.00", &[("confirm_pay", "yes")]);
    let posted = browser.submit("/vacancies", &confirmed).await;
    assert_eq!(posted.status, 303, "{}", posted.html);
    assert_eq!(api_total(&app).await, 1);

    let ordinary = browser.submit("/vacancies", &form("15.00")).await;
    assert_eq!(
        ordinary.status, 303,
        "pay that looks like pay is not asked about"
    );
}

#[tokio::test]
async fn closing_or_filling_a_vacancy_is_asked_first() {
    let app = spawn_app().await;
    let browser = app.browser_as(Role::Employer).await;
    let posted = browser.submit("/vacancies", &form("15.00")).await;
    let location = posted.location.expect("a redirect to the vacancy");
    let reference = location.trim_start_matches("/vacancies/").to_string();
    let employer = app.log_in_as(Role::Employer).await;
    let status = || async { app.vacancy(&employer, &reference).await.body["status"].clone() };

    let manage = browser.open(&location).await;
    assert!(manage.shows(&format!("href=\"{location}/status?to=closed\"")));
    assert!(!manage.shows("name=\"status\" value=\"closed\""));

    for to in ["closed", "filled"] {
        let plain = browser
            .submit(&format!("{location}/status"), &[("status", to)])
            .await;
        assert_eq!(plain.status, 303);
        assert_eq!(
            plain.location.as_deref(),
            Some(format!("{location}/status?to={to}").as_str())
        );
        assert_eq!(
            status().await,
            "open",
            "nothing changes without the confirmation"
        );
    }
    let ask = browser.open(&format!("{location}/status?to=closed")).await;
    assert!(
        ask.shows("Close &#x27;Front of house&#x27;?") || ask.shows("Close 'Front of house'?"),
        "{}",
        ask.html
    );
    assert!(ask.shows("It will come off the jobs page and nobody can apply. You cannot reopen it."));
    let confirmed = [("status", "closed"), ("confirmed", "yes")];
    let closed = browser
        .submit(&format!("{location}/status"), &confirmed)
        .await;
    assert_eq!(closed.status, 303);
    assert_eq!(status().await, "closed");
}

#[tokio::test]
async fn a_draft_is_previewed_then_published() {
    let app = spawn_app().await;
    let browser = app.browser_as(Role::Employer).await;
    let draft = form_with(
        "15.00",
        &[
            ("action", "draft"),
            ("apply_url", "https://example.org/apply"),
        ],
    );
    let saved = browser.submit("/vacancies", &draft).await;
    assert_eq!(saved.status, 303, "{}", saved.html);
    let preview_at = saved.location.expect("a redirect to the preview");
    assert!(preview_at.ends_with("/preview"), "{preview_at}");
    let reference = preview_at
        .trim_start_matches("/vacancies/")
        .trim_end_matches("/preview")
        .to_string();
    let employer = app.log_in_as(Role::Employer).await;
    assert_eq!(
        app.vacancy(&employer, &reference).await.body["status"],
        "draft"
    );
    assert_eq!(
        app.get(&format!("/jobs/{reference}"), None).await.status(),
        404
    );

    let preview = browser.open(&preview_at).await;
    assert!(
        preview.shows("Publish") && preview.shows(&format!("/vacancies/{reference}/edit")),
        "{}",
        preview.html
    );
    assert!(
        preview.shows("How to apply") && preview.shows("https:&#x2F;&#x2F;example.org&#x2F;apply")
    );
    let list = browser.open("/vacancies").await;
    assert!(list.shows("<span class=\"tag\">Draft</span>") && list.shows("class=\"stack\""));

    let published = browser
        .submit(
            &format!("/vacancies/{reference}/status"),
            &[("status", "open")],
        )
        .await;
    assert_eq!(published.status, 303);
    assert_eq!(
        app.vacancy(&employer, &reference).await.body["status"],
        "open"
    );
    let job = app.get(&format!("/jobs/{reference}"), None).await;
    let html = job.text().await.unwrap();
    assert!(html.contains("How to apply") && html.contains("Ask them to put you forward"));
}

#[tokio::test]
async fn how_to_apply_is_checked_and_said_in_plain_words() {
    let app = spawn_app().await;
    let browser = app.browser_as(Role::Employer).await;
    let insecure = form_with(
        "15.00",
        &[
            ("apply_url", "http://example.org/apply"),
            ("apply_email", "nope"),
            ("title", ""),
        ],
    );
    let refused = browser.submit("/vacancies", &insecure).await;
    assert_eq!(refused.status, 422);
    for (id, message) in [
        ("title", "Enter a job title"),
        (
            "apply_url",
            "Web address to apply must start with https:&#x2F;&#x2F;",
        ),
        (
            "apply_email",
            "Enter the email address to apply in the correct format",
        ),
    ] {
        assert!(
            refused.shows(&format!("id=\"{id}-error\"")),
            "{id}: {}",
            refused.html
        );
        assert!(refused.shows(message), "{message}");
    }
    assert_eq!(api_total(&app).await, 0);
}
