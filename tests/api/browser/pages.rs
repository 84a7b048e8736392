//! Every page each kind of user reaches from their navigation, at a desktop's width and a
//! phone's, checked with axe and for sideways scrolling; and the better-off check as an
//! adviser uses it.

use std::time::Duration;

use betterwork::demo::{logins, DEMO_PASSWORD};
use betterwork::types::Role;
use fantoccini::Locator;

use super::{start_browser, Driver, DESKTOP, PHONE};
use crate::helpers::spawn_demo_app;

/// Waits for the page to have a main heading, and gives its text.
async fn heading(driver: &Driver) -> String {
    for _ in 0..100 {
        if let Ok(h1) = driver.client.find(Locator::Css("h1")).await {
            if let Ok(text) = h1.text().await {
                if !text.trim().is_empty() {
                    return text;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no heading at {:?}", driver.client.current_url().await);
}

/// Clicks a form's button and waits for the page it leads to, which may have the same
/// heading as the page it left.
async fn submit(driver: &Driver, button: Locator<'_>) {
    driver
        .client
        .execute("window.leaving = true;", vec![])
        .await
        .unwrap();
    driver.click(button).await;
    for _ in 0..100 {
        let left = driver
            .client
            .execute(
                "return window.leaving !== true && document.readyState === 'complete';",
                vec![],
            )
            .await;
        if left.is_ok_and(|v| v == serde_json::Value::Bool(true)) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the form was not sent");
}

/// What is wrong with the page now: axe's violations and anything wider than the window.
async fn faults_of(driver: &Driver) -> Vec<String> {
    let mut faults: Vec<String> = driver
        .accessibility_violations()
        .await
        .iter()
        .map(|v| format!("axe {}: {}", v["id"], v["nodes"]))
        .collect();
    if let Some(overflow) = driver.sideways_overflow().await {
        faults.push(format!("scrolls sideways: {overflow}"));
    }
    // A table that stacks on a phone names each cell, as its heading is hidden there.
    let unlabelled = driver
        .client
        .execute(
            r#"return [...document.querySelectorAll("table.stack td:not([data-label])")]
              .map(td => td.textContent.trim()).slice(0, 5);"#,
            vec![],
        )
        .await
        .unwrap();
    if unlabelled.as_array().is_some_and(|cells| !cells.is_empty()) {
        faults.push(format!("stacked cells without a data-label: {unlabelled}"));
    }
    faults
}

/// One person of each role, as the demo has them.
fn one_of_each_role() -> Vec<(&'static str, Role)> {
    let mut people = Vec::new();
    for &role in Role::ALL {
        let (email, ..) = logins().find(|(_, _, r, _)| *r == role).unwrap();
        people.push((email, role));
    }
    people
}

/// Each role's navigation, followed to every page it offers, at both widths: any axe
/// violation or sideways scrolling anywhere fails, listing every page at fault.
#[tokio::test]
async fn every_page_each_role_reaches_passes_axe_and_fits_a_phone() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_demo_app().await;
    let mut faults = Vec::new();
    for (email, role) in one_of_each_role() {
        driver.client.delete_all_cookies().await.unwrap();
        driver.resize(DESKTOP).await;
        driver.log_in(&app.address, email, DEMO_PASSWORD).await;
        heading(&driver).await;
        let mut pages: Vec<String> = Vec::new();
        for link in driver.client.find_all(Locator::Css("nav a")).await.unwrap() {
            let href = link.attr("href").await.unwrap().unwrap_or_default();
            if href.starts_with('/') && !pages.contains(&href) {
                pages.push(href);
            }
        }
        if role == Role::Admin {
            driver
                .client
                .goto(&format!("{}/admin/organisations", app.address))
                .await
                .unwrap();
            // An employer with people and agencies, so every table on the page is there.
            let first = driver
                .client
                .find(Locator::LinkText("Thameside Care Homes"))
                .await
                .unwrap();
            pages.push(first.attr("href").await.unwrap().unwrap());
        }
        for size in [DESKTOP, PHONE] {
            driver.resize(size).await;
            for path in &pages {
                driver
                    .client
                    .goto(&format!("{}{path}", app.address))
                    .await
                    .unwrap();
                let title = heading(&driver).await;
                for fault in faults_of(&driver).await {
                    faults.push(format!("{role} {path} ({title}) at {} px: {fault}", size.0));
                }
            }
        }
    }
    driver.close().await;
    assert!(
        faults.is_empty(),
        "{} fault(s):\n{}",
        faults.len(),
        faults.join("\n")
    );
}

/// An adviser of the demo, logged in.
async fn adviser(driver: &Driver, base: &str) {
    let (email, ..) = logins().find(|(_, _, r, _)| *r == Role::Adviser).unwrap();
    driver.log_in(base, email, DEMO_PASSWORD).await;
    heading(driver).await;
}

async fn fill_check(driver: &Driver, offer_pay: &str) {
    driver.fill("age", "30").await;
    driver.fill("current_pay", "12.71").await;
    driver.fill("current_hours", "16").await;
    driver.fill("offer_pay", offer_pay).await;
    driver.fill("offer_hours", "22.5").await;
    submit(
        driver,
        Locator::Css("form.better-off-form button[type=submit]"),
    )
    .await;
}

/// "14,80" once gave "£15,711.30 a week better off": the page refuses it, says to use a full
/// stop, and gives no answer.
#[tokio::test]
async fn a_comma_in_a_pay_is_refused_on_the_better_off_check() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_demo_app().await;
    adviser(&driver, &app.address).await;
    driver
        .open(&format!("{}/better-off", app.address), "Better-off check")
        .await;
    fill_check(&driver, "14,80").await;
    driver.expect_heading("Better-off check").await;
    let fault = driver.text_of("#offer_pay-error").await;
    assert!(
        fault
            .contains("Offered hourly pay must use a full stop for pence, like 14.80, not a comma"),
        "{fault}"
    );
    let summary = driver.text_of(".error-summary").await;
    assert!(summary.contains("full stop"), "{summary}");
    assert!(
        driver.client.find(Locator::Css(".result")).await.is_err(),
        "no answer is shown"
    );
    driver.close().await;
}

/// Submitted as first shown, the form lists every answer it needs at the top, takes the
/// focus there, and each link leads to its box.
#[tokio::test]
async fn the_empty_better_off_form_lists_every_required_field_and_takes_the_focus() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_demo_app().await;
    adviser(&driver, &app.address).await;
    for size in [DESKTOP, PHONE] {
        driver.resize(size).await;
        driver
            .open(&format!("{}/better-off", app.address), "Better-off check")
            .await;
        submit(
            &driver,
            Locator::Css("form.better-off-form button[type=submit]"),
        )
        .await;
        driver.expect_heading("Better-off check").await;
        driver.assert_fits_the_width().await;
        let title = driver.client.title().await.unwrap();
        assert!(title.starts_with("Error: "), "{title}");
        let links: Vec<String> = {
            let mut found = Vec::new();
            for link in driver
                .client
                .find_all(Locator::Css(".error-summary a"))
                .await
                .unwrap()
            {
                found.push(link.attr("href").await.unwrap().unwrap_or_default());
            }
            found
        };
        assert_eq!(links, ["#age", "#offer_pay", "#offer_hours"]);
        assert_eq!(
            driver.focused().await["summary"],
            true,
            "focus on the summary"
        );
        driver
            .click(Locator::Css(".error-summary a[href='#offer_hours']"))
            .await;
        assert_eq!(driver.focused().await["id"], "offer_hours");
    }
    driver.close().await;
}

/// The answer's chart is an image with a title and a description, its text at least 14 px
/// on a phone, and its figures are in a table; the whole answer fits a phone.
#[tokio::test]
async fn the_better_off_chart_is_readable_on_a_phone_and_its_figures_are_a_table() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_demo_app().await;
    adviser(&driver, &app.address).await;
    driver.resize(PHONE).await;
    driver
        .open(&format!("{}/better-off", app.address), "Better-off check")
        .await;
    fill_check(&driver, "14.80").await;
    driver.expect_heading("Better-off check").await;
    let answer = driver.text_of(".result h2").await;
    assert!(answer.contains("a week better off"), "{answer}");
    driver.assert_fits_the_width().await;
    let chart = driver
        .client
        .execute(
            r#"const svg = document.querySelector(".chart svg");
            const title = document.getElementById(svg.getAttribute("aria-labelledby"));
            const desc = document.getElementById(svg.getAttribute("aria-describedby"));
            const scale = svg.getScreenCTM().a;
            const sizes = [...svg.querySelectorAll("text")]
              .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
            return { role: svg.getAttribute("role"), title: title && title.textContent,
                     desc: desc && desc.textContent, width: svg.getBoundingClientRect().width,
                     smallest: Math.min(...sizes), texts: sizes.length };"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(chart["role"], "img", "{chart}");
    assert_eq!(
        chart["title"],
        "Money left each month by hours worked a week"
    );
    let desc = chart["desc"].as_str().unwrap_or_default();
    assert!(
        desc.contains("Now: 16 hours a week") && desc.contains("The offer: 22.5 hours a week"),
        "{desc}"
    );
    assert!(chart["texts"].as_u64() > Some(10), "{chart}");
    assert!(
        chart["smallest"].as_f64().unwrap_or_default() >= 14.0,
        "the chart's text is at least 14 px at 390 px wide: {chart}"
    );

    driver.click(Locator::Css(".chart-figures summary")).await;
    let caption = driver.text_of(".chart-figures caption").await;
    assert_eq!(caption, "Money left each month by hours worked a week");
    let rows = driver
        .client
        .find_all(Locator::Css(".chart-figures tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 49, "0 to 48 hours, as the chart draws");
    driver.check_accessibility().await;
    driver.assert_fits_the_width().await;
    driver.resize(DESKTOP).await;
    driver.check_accessibility().await;
    driver.assert_fits_the_width().await;
    driver.close().await;
}

/// An agency asking for an employer without naming one is told to enter the name, in the
/// summary and beside the box; on a phone its clients' table stacks with each cell named.
#[tokio::test]
async fn an_agency_asking_for_no_employer_is_told_to_enter_one() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_demo_app().await;
    let (email, ..) = logins().find(|(_, _, r, _)| *r == Role::Agency).unwrap();
    driver.log_in(&app.address, email, DEMO_PASSWORD).await;
    heading(&driver).await;
    driver.resize(PHONE).await;
    driver
        .open(
            &format!("{}/agency/clients", app.address),
            "Client employers",
        )
        .await;
    let cell = driver
        .client
        .execute(
            r#"const td = document.querySelector("table.stack td[data-label]");
            return { display: getComputedStyle(td).display,
                     label: getComputedStyle(td, "::before").content };"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(cell["display"], "block", "{cell}");
    assert_eq!(cell["label"], "\"Employer: \"", "{cell}");
    submit(
        &driver,
        Locator::Css("form[action='/agency/clients'] button.button:not(.secondary)"),
    )
    .await;
    driver.expect_heading("Client employers").await;
    let summary = driver.text_of(".error-summary").await;
    assert!(
        summary.contains("Enter the employer's name on Better Work"),
        "{summary}"
    );
    let beside = driver.text_of("#employer-error").await;
    assert!(beside.contains("Enter the employer's name"), "{beside}");
    assert_eq!(driver.focused().await["summary"], true);
    driver.assert_fits_the_width().await;
    driver.close().await;
}
