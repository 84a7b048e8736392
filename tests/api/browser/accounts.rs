//! Accounts in a real browser: signing up, changing a password, an admin approving a
//! sign-up, resetting a password and removing a person. Every page waited for is checked
//! with axe.

use betterwork::types::Role;
use fantoccini::Locator;

use super::{start_browser, DESKTOP, PHONE};
use crate::helpers::{email_of, spawn_app, EMPLOYER_B, PASSWORD};

const NEW_PASSWORD: &str = "plum lantern orbit meadow";

#[tokio::test]
async fn an_employer_signs_up_changes_their_password_and_an_admin_approves_them() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    let base = &app.address;

    driver.client.goto(&format!("{base}/")).await.unwrap();
    driver.click(Locator::LinkText("Sign up")).await;
    driver.expect_heading("Sign up to post vacancies").await;
    driver.resize(PHONE).await;
    driver.assert_fits_the_width().await;
    driver.check_accessibility().await;
    driver.resize(DESKTOP).await;

    // Empty, every field's fault is listed at once and the summary takes the focus.
    driver
        .click(Locator::Css("form[action='/sign-up'] button"))
        .await;
    driver.expect_heading("Sign up to post vacancies").await;
    assert_eq!(driver.focused().await["summary"], true);
    let summary = driver.text_of(".error-summary").await;
    for fault in [
        "organisation",
        "employer or a recruitment agency",
        "email",
        "password",
    ] {
        assert!(summary.to_lowercase().contains(fault), "{fault}: {summary}");
    }
    let title = driver.client.title().await.unwrap();
    assert!(title.starts_with("Error: "), "{title}");

    driver.fill("organisation", "Okafor Kitchens").await;
    driver.click(Locator::Id("kind-employer")).await;
    driver.fill("display_name", "Amara Okafor").await;
    driver.fill("email", "amara@okafor.example").await;
    driver.fill("password", PASSWORD).await;
    driver
        .click(Locator::Css("form[action='/sign-up'] button"))
        .await;
    driver.expect_heading("Okafor Kitchens").await;
    let waiting = driver.text_of(".alert.important").await;
    assert!(waiting.contains("awaiting approval"), "{waiting}");

    driver.click(Locator::LinkText("Your password")).await;
    driver.expect_heading("Change your password").await;
    driver.fill("current_password", PASSWORD).await;
    driver.fill("password", NEW_PASSWORD).await;
    driver.fill("password_confirmation", NEW_PASSWORD).await;
    driver
        .click(Locator::Css("form[action='/account/password'] button"))
        .await;
    driver.expect_heading("Okafor Kitchens").await;
    let flash = driver.text_of(".flash").await;
    assert!(flash.contains("password has been changed"), "{flash}");
    driver.click(Locator::Css(".who button")).await;
    driver.expect_heading("Log in").await;

    driver.log_in(base, email_of(Role::Admin), PASSWORD).await;
    driver.expect_heading("Platform dashboard").await;
    driver.click(Locator::LinkText("Organisations")).await;
    driver.expect_heading("Organisations").await;
    driver
        .click(Locator::Css(
            "#awaiting-approval ~ table a[href$='/approve']",
        ))
        .await;
    driver.expect_heading("Approve Okafor Kitchens?").await;
    driver
        .click(Locator::Css("form.inline-actions button"))
        .await;
    driver.expect_heading("Organisations").await;
    let flash = driver.text_of(".flash").await;
    assert!(flash.contains("is approved"), "{flash}");

    driver.click(Locator::LinkText("Audit log")).await;
    driver.expect_heading("Audit log").await;
    let log = driver.text_of("table").await;
    assert!(
        log.contains("Platform admin approved Okafor Kitchens"),
        "{log}"
    );
    assert!(log.contains("Amara Okafor changed their password"), "{log}");
    driver.close().await;
}

#[tokio::test]
async fn an_admin_resets_a_password_and_removes_a_person() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    let base = &app.address;
    let employer = email_of(Role::Employer);

    driver.log_in(base, email_of(Role::Admin), PASSWORD).await;
    driver.expect_heading("Platform dashboard").await;
    let organisation = format!("{base}/admin/organisations/{}", app.world.employer_a);
    driver.open(&organisation, "Employer A").await;
    driver.click(Locator::LinkText("Test Employer")).await;
    driver.expect_heading("Test Employer").await;
    driver
        .click(Locator::Css("form[action$='/password-reset'] button"))
        .await;
    driver
        .expect_heading("Password reset link for Test Employer")
        .await;
    let link = driver.text_of(".secret code").await;
    assert!(
        link.starts_with(&format!("{base}/password-reset/")),
        "{link}"
    );

    // Another person's removal, confirmed on its own page.
    let person = format!("{base}/admin/users/{}", app.world.person(EMPLOYER_B));
    driver.open(&person, "Test Employer").await;
    driver.click(Locator::Css("a[href$='/remove']")).await;
    driver.expect_heading("Remove Test Employer?").await;
    driver
        .click(Locator::Css("form.inline-actions button"))
        .await;
    driver.expect_heading("Employer B").await;
    let flash = driver.text_of(".flash").await;
    assert!(flash.contains("can no longer log in"), "{flash}");
    driver.click(Locator::Css(".who button")).await;
    driver.expect_heading("Log in").await;

    driver.open(&link, "Set a new password").await;
    driver.fill("password", NEW_PASSWORD).await;
    driver
        .fill("password_confirmation", "not the same password")
        .await;
    driver.click(Locator::Css("main form button")).await;
    driver.expect_heading("Set a new password").await;
    assert_eq!(driver.focused().await["summary"], true);
    driver.fill("password", NEW_PASSWORD).await;
    driver.fill("password_confirmation", NEW_PASSWORD).await;
    driver.click(Locator::Css("main form button")).await;
    driver.expect_heading("Log in").await;
    driver.log_in(base, employer, NEW_PASSWORD).await;
    driver.expect_heading("Employer A").await;
    driver.close().await;
}
