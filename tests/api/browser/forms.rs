//! How every form behaves: all its faults at once in a summary that takes the focus, a
//! comma for pence refused, and pages that fit a phone.

use betterwork::types::Role;
use fantoccini::Locator;

use super::{start_browser, DESKTOP, PHONE};
use crate::helpers::{email_of, spawn_app, PASSWORD};

/// The check every other test leans on: axe finds a fault when there is one.
#[tokio::test]
async fn axe_finds_an_unlabelled_field() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let page = "data:text/html,<!doctype html><html lang=en><title>t</title><main><h1>t</h1><input type=text></main></html>";
    driver.client.goto(page).await.unwrap();
    let found = driver.accessibility_violations().await;
    assert!(
        found.iter().any(|v| v["id"] == "label"),
        "an input without a label is a violation: {found:?}"
    );
    driver.close().await;
}

/// Submitting the vacancy form empty lists every field that needs an answer at the top,
/// moves the focus there, marks the title, and each link leads to its field.
#[tokio::test]
async fn an_empty_vacancy_form_lists_every_fault_at_the_top_and_focuses_it() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    driver.new_vacancy_form(&app).await;
    driver.click(Locator::Css("button[value='save']")).await;
    driver.expect_heading("Post a vacancy").await;
    let title = driver.client.title().await.unwrap();
    assert!(title.starts_with("Error: "), "{title}");
    let summary = driver.text_of(".error-summary").await;
    assert!(summary.contains("There is a problem"), "{summary}");
    for field in ["title", "sector", "postcode", "pay", "hours_max"] {
        let link = format!(".error-summary a[href='#{field}']");
        assert!(
            driver.client.find(Locator::Css(&link)).await.is_ok(),
            "the summary links to {field}: {summary}"
        );
        let beside = driver.text_of(&format!("#{field}-error")).await;
        assert!(
            !beside.trim().is_empty(),
            "{field} shows its fault beside it"
        );
    }
    assert_eq!(
        driver.focused().await["summary"],
        true,
        "focus on the summary"
    );
    driver
        .click(Locator::Css(".error-summary a[href='#postcode']"))
        .await;
    assert_eq!(driver.focused().await["id"], "postcode");
    driver.close().await;
}

/// The pages anyone reaches first fit a phone's width and pass axe there too.
#[tokio::test]
async fn the_public_pages_fit_a_phone() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = crate::helpers::spawn_demo_app().await;
    for size in [PHONE, DESKTOP] {
        driver.resize(size).await;
        for (path, heading) in [
            ("/", "Earn more, on hours that fit your life"),
            ("/jobs", "Jobs"),
            ("/login", "Log in"),
        ] {
            driver
                .open(&format!("{}{path}", app.address), heading)
                .await;
            driver.assert_fits_the_width().await;
        }
    }
    driver.close().await;
}

/// Each form below, sent empty, lists every field it needs in the summary, in order, and
/// the focus lands on the summary.
#[tokio::test]
async fn empty_forms_list_every_required_field() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    let base = &app.address;
    driver.open(&format!("{base}/login"), "Log in").await;
    driver
        .click(Locator::Css("form[action='/login'] button"))
        .await;
    driver.expect_heading("Log in").await;
    assert_eq!(summary_links(&driver).await, ["#email", "#password"]);
    assert_eq!(driver.focused().await["summary"], true);

    driver.log_in(base, email_of(Role::Admin), PASSWORD).await;
    driver.expect_heading("Platform dashboard").await;
    driver
        .open(&format!("{base}/admin/organisations"), "Organisations")
        .await;
    driver
        .click(Locator::Css("form[action='/admin/organisations'] button"))
        .await;
    driver.expect_heading("Organisations").await;
    assert_eq!(summary_links(&driver).await, ["#name", "#kind"]);
    assert_eq!(driver.focused().await["summary"], true);
    driver.close().await;
}

/// Where each link in the error summary leads, in order.
async fn summary_links(driver: &super::Driver) -> Vec<String> {
    let mut hrefs = Vec::new();
    for link in driver
        .client
        .find_all(Locator::Css(".error-summary a"))
        .await
        .unwrap()
    {
        hrefs.push(link.attr("href").await.unwrap().unwrap_or_default());
    }
    hrefs
}

/// Keyboard focus shows as GOV.UK's: a yellow fill on links and buttons, a yellow ring
/// around checkboxes, not a faint outline.
#[tokio::test]
async fn focus_is_yellow_and_easy_to_see() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    driver
        .open(&format!("{}/login", app.address), "Log in")
        .await;
    // Tab from the top of the page: the skip link, then the "Better Work" link home, green
    // on green until it has the focus.
    let body = driver.client.find(Locator::Css("body")).await.unwrap();
    body.send_keys("\u{E004}").await.unwrap();
    driver
        .client
        .active_element()
        .await
        .unwrap()
        .send_keys("\u{E004}")
        .await
        .unwrap();
    let style = driver
        .client
        .execute(
            "const e = document.activeElement; const s = getComputedStyle(e); return { tag: e.tagName.toLowerCase(), text: e.textContent, background: s.backgroundColor, colour: s.color };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(style["text"], "Better Work", "{style}");
    assert_eq!(style["background"], "rgb(255, 221, 0)", "{style}");
    assert_eq!(style["colour"], "rgb(11, 12, 12)", "{style}");
    driver.close().await;
}

/// On a phone the header is one short line, the navigation behind "Menu"; on a desktop the
/// navigation is in view and there is no "Menu".
#[tokio::test]
async fn the_header_is_compact_on_a_phone() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    driver
        .log_in(&app.address, email_of(Role::Employer), PASSWORD)
        .await;
    driver.expect_heading("Employer A").await;
    let header = |driver: &super::Driver| {
        let client = driver.client.clone();
        async move {
            client
                .execute(
                    r#"const h = document.querySelector(".site-header").getBoundingClientRect().height;
                    const nav = document.querySelector("nav a").getBoundingClientRect().height > 0;
                    const t = document.querySelector(".menu-toggle");
                    return { height: h, nav, toggle: t.getBoundingClientRect().height > 0,
                             expanded: t.getAttribute("aria-expanded") };"#,
                    vec![],
                )
                .await
                .unwrap()
        }
    };
    let wide = header(&driver).await;
    assert_eq!(wide["nav"], true, "{wide}");
    assert_eq!(wide["toggle"], false, "{wide}");

    driver.resize(PHONE).await;
    let narrow = header(&driver).await;
    assert!(narrow["height"].as_f64().unwrap() < 80.0, "{narrow}");
    assert_eq!(narrow["nav"], false, "{narrow}");
    assert_eq!(narrow["toggle"], true, "{narrow}");
    driver.click(Locator::Css(".menu-toggle")).await;
    let open = header(&driver).await;
    assert_eq!(open["nav"], true, "{open}");
    assert_eq!(open["expanded"], "true", "{open}");
    driver.check_accessibility().await;
    driver.click(Locator::LinkText("Your vacancies")).await;
    driver.expect_heading("Your vacancies").await;
    driver.assert_fits_the_width().await;
    driver.close().await;
}
