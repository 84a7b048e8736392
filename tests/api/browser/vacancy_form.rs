//! The vacancy form and managing a vacancy, as an employer uses them: Enter posts, a comma
//! for pence and pay that looks mistyped are caught, drafts are previewed before they are
//! published, closing asks first, and the pages fit a phone.

use betterwork::types::Role;
use fantoccini::Locator;

use super::{start_browser, Driver, DESKTOP, PHONE};
use crate::helpers::{email_of, spawn_app, TestApp, PASSWORD};

/// Fills in a good vacancy paying `pay` an hour.
async fn fill_in(driver: &Driver, title: &str, pay: &str) {
    driver.fill("title", title).await;
    driver
        .click(Locator::Css("#sector option[value='hospitality']"))
        .await;
    driver.fill("postcode", "SW9 8QE").await;
    driver.fill("pay", pay).await;
    driver.fill("hours_min", "16").await;
    driver.fill("hours_max", "24").await;
}

async fn posted(app: &TestApp) -> i64 {
    let employer = app.log_in_as(Role::Employer).await;
    app.vacancy_count(&employer).await
}

#[tokio::test]
async fn enter_in_the_title_posts_the_vacancy_and_a_comma_for_pence_is_refused() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    driver.new_vacancy_form(&app).await;
    fill_in(&driver, "Kitchen assistant", "14,90").await;
    driver.click(Locator::Css("button[value='save']")).await;
    driver.expect_heading("Post a vacancy").await;
    let fault = driver.text_of("#pay-error").await;
    assert!(fault.contains("full stop for pence, like 14.90"), "{fault}");
    assert_eq!(posted(&app).await, 0, "nothing is posted");

    driver.fill("pay", "14.90").await;
    let title = driver.client.find(Locator::Id("title")).await.unwrap();
    title.send_keys("\u{E007}").await.unwrap();
    driver.expect_heading("Kitchen assistant").await;
    let flash = driver.text_of(".flash").await;
    assert!(flash.contains("is posted"), "{flash}");
    assert_eq!(posted(&app).await, 1, "Enter posted the vacancy");
    driver.close().await;
}

#[tokio::test]
async fn pay_that_looks_mistyped_is_asked_about_and_full_time_hours_show_only_for_a_salary() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    driver.new_vacancy_form(&app).await;
    let fte = driver.client.find(Locator::Id("fte_hours")).await.unwrap();
    assert!(!fte.is_displayed().await.unwrap(), "hidden for hourly pay");
    driver
        .click(Locator::Css("#pay_per option[value='year_fte']"))
        .await;
    assert!(
        fte.is_displayed().await.unwrap(),
        "shown for a pro-rata salary"
    );
    driver
        .click(Locator::Css("#pay_per option[value='hour']"))
        .await;
    let check = driver
        .client
        .find(Locator::Css("button[value='check']"))
        .await
        .unwrap();
    assert!(
        !check.is_displayed().await.unwrap(),
        "the check follows the typing"
    );

    fill_in(&driver, "Sous chef", "149").await;
    driver.click(Locator::Css("button[value='save']")).await;
    driver.expect_heading("Post a vacancy").await;
    let summary = driver.text_of(".error-summary").await;
    assert!(summary.contains("Check the pay"), "{summary}");
    assert_eq!(driver.focused().await["summary"], true);
    assert_eq!(posted(&app).await, 0);
    driver
        .click(Locator::Css(".error-summary a[href='#confirm_pay']"))
        .await;
    assert_eq!(driver.focused().await["id"], "confirm_pay");
    driver.click(Locator::Id("confirm_pay")).await;
    driver.click(Locator::Css("button[value='save']")).await;
    driver.expect_heading("Sous chef").await;
    assert_eq!(posted(&app).await, 1);
    driver.close().await;
}

#[tokio::test]
async fn a_draft_is_previewed_published_and_closed_only_once_confirmed() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    driver.new_vacancy_form(&app).await;
    fill_in(&driver, "Kitchen assistant", "15.00").await;
    driver.fill("apply_email", "jobs@example.org").await;
    driver.click(Locator::Css("button[value='draft']")).await;
    driver.expect_heading("Kitchen assistant").await;
    let banner = driver.text_of(".preview-banner").await;
    assert!(banner.contains("not on the jobs page yet"), "{banner}");
    let apply = driver.text_of(".how-to-apply").await;
    assert!(apply.contains("jobs@example.org") && apply.contains("Have an adviser?"));

    driver
        .open(&format!("{}/vacancies", app.address), "Your vacancies")
        .await;
    let list = driver.text_of("table").await;
    assert!(list.contains("Draft"), "{list}");
    driver.click(Locator::LinkText("Kitchen assistant")).await;
    driver.expect_heading("Kitchen assistant").await;
    driver.click(Locator::Css("button[value='open']")).await;
    driver.expect_heading("Kitchen assistant").await;
    let flash = driver.text_of(".flash").await;
    assert!(flash.contains("now open"), "{flash}");

    driver.click(Locator::LinkText("Close")).await;
    driver.expect_heading("Close 'Kitchen assistant'?").await;
    let said = driver.text_of("main").await;
    assert!(said.contains("You cannot reopen it."), "{said}");
    driver.click(Locator::LinkText("Cancel")).await;
    driver.expect_heading("Kitchen assistant").await;
    let status = driver.text_of("main").await;
    assert!(
        status.contains("Status: open"),
        "cancel changes nothing: {status}"
    );

    driver.click(Locator::LinkText("Close")).await;
    driver.expect_heading("Close 'Kitchen assistant'?").await;
    driver.click(Locator::Css("button.warning")).await;
    driver.expect_heading("Kitchen assistant").await;
    let status = driver.text_of("main").await;
    assert!(status.contains("Status: closed"), "{status}");
    driver.close().await;
}

#[tokio::test]
async fn the_vacancy_list_and_form_fit_a_phone() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    for title in ["Kitchen assistant", "Front of house supervisor, weekends"] {
        let vacancy = crate::helpers::VacancyBuilder::new().title(title);
        vacancy.expect_post(&app, &employer).await;
    }
    let draft = crate::helpers::VacancyBuilder::new()
        .title("Breakfast cook")
        .set("status", "draft");
    draft.expect_post(&app, &employer).await;
    driver
        .log_in(&app.address, email_of(Role::Employer), PASSWORD)
        .await;
    driver.expect_heading("Employer A").await;
    for size in [PHONE, DESKTOP] {
        driver.resize(size).await;
        for (path, heading) in [
            ("/vacancies", "Your vacancies"),
            ("/vacancies/new", "Post a vacancy"),
        ] {
            driver
                .open(&format!("{}{path}", app.address), heading)
                .await;
            driver.assert_fits_the_width().await;
        }
        driver.click(Locator::Css("button[value='save']")).await;
        driver.expect_heading("Post a vacancy").await;
        driver.assert_fits_the_width().await;
    }
    driver.close().await;
}
