//! The public jobs pages and the home page in a real browser, at a desktop's and a phone's
//! width: the first job near the top on a phone, filters behind a toggle, the nearest job
//! first, a comma for pence refused, a closed job's page, each checked by axe and for
//! sideways scrolling.

use betterwork::types::Role;
use fantoccini::Locator;

use super::{start_browser, Driver, DESKTOP, PHONE};
use crate::helpers::{spawn_app, TestApp, VacancyBuilder};

/// Three jobs around Camberwell, the nearest (Brixton) posted first so that distance, not
/// age, puts it first; and one closed job. Answers the closed job's reference.
async fn jobs_near_camberwell(app: &TestApp) -> String {
    let employer = app.log_in_as(Role::Employer).await;
    for (title, postcode) in [
        ("Brixton barista", "SW9 8QE"),
        ("Waterloo porter", "SE1 7PB"),
        ("Peckham packer", "SE15 5EW"),
    ] {
        VacancyBuilder::new()
            .title(title)
            .postcode(postcode)
            .expect_post(app, &employer)
            .await;
    }
    let closed = VacancyBuilder::new()
        .title("Closed chef")
        .expect_post(app, &employer)
        .await
        .reference();
    app.change_vacancy_status(&employer, &closed, "closed")
        .await
        .expect(200);
    closed
}

/// How far down the page the first job's card starts, in CSS pixels.
async fn first_job_top(driver: &Driver) -> f64 {
    driver
        .client
        .execute(
            "return document.querySelector('article.job').getBoundingClientRect().top + window.scrollY",
            vec![],
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap()
}

/// Searching near a postcode at both widths: the nearest job first with its distance in
/// miles, the default distance shown, the other filters folded away, and on a phone the
/// first job within the first screen.
#[tokio::test]
async fn jobs_near_a_postcode_come_nearest_first_and_start_near_the_top_on_a_phone() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    jobs_near_camberwell(&app).await;
    for size in [DESKTOP, PHONE] {
        driver.resize(size).await;
        driver.open(&format!("{}/jobs", app.address), "Jobs").await;
        let toggle = driver
            .client
            .execute(
                "return document.querySelector('details.more-filters').open",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(toggle, false, "the other filters start folded away");
        assert!(
            !driver
                .client
                .find(Locator::Id("min_pay"))
                .await
                .unwrap()
                .is_displayed()
                .await
                .unwrap(),
            "minimum pay is behind the toggle"
        );
        driver.fill("near", "se5 9rs").await;
        driver
            .click(Locator::Css("#job-search button.button"))
            .await;
        driver.expect_heading("Jobs").await;
        driver.assert_fits_the_width().await;
        let count = driver.text_of("p.count").await;
        assert!(count.contains("within 5 miles"), "{count}");
        let first = driver.text_of("article.job").await;
        assert!(
            first.contains("Brixton barista") && first.contains("0.7 miles away"),
            "{first}"
        );
        let closes = driver.text_of("article.job p.closes").await;
        assert_eq!(closes, "No closing date");
        let sort = driver
            .client
            .find(Locator::Css("#sort option[selected]"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(sort, "Nearest first");
        if size == PHONE {
            let top = first_job_top(&driver).await;
            assert!(top < 700.0, "the first job starts {top} px down on a phone");
        }
        // Sorting by newest puts the last posted first.
        driver
            .click(Locator::Css("#sort option[value='newest']"))
            .await;
        driver
            .click(Locator::Css(".results-bar button[form='job-search']"))
            .await;
        driver.expect_heading("Jobs").await;
        let first = driver.text_of("article.job h2").await;
        assert_eq!(first, "Peckham packer");
    }
    driver.close().await;
}

/// "14,50" as the least pay an hour is refused with the full-stop message, the folded
/// filter opens to show it, and no list of jobs pretends to answer.
#[tokio::test]
async fn a_comma_in_the_least_pay_is_refused_and_shown_beside_it() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    jobs_near_camberwell(&app).await;
    for size in [DESKTOP, PHONE] {
        driver.resize(size).await;
        driver.open(&format!("{}/jobs", app.address), "Jobs").await;
        driver
            .click(Locator::Css("details.more-filters summary"))
            .await;
        driver.fill("min_pay", "14,50").await;
        driver.fill("near", "SW9").await;
        driver
            .click(Locator::Css("#job-search button.button"))
            .await;
        driver.expect_heading("Jobs").await;
        driver.assert_fits_the_width().await;
        let summary = driver.text_of(".error-summary").await;
        assert!(
            summary.contains("Enter a full UK postcode, like SW9 8QE")
                && summary.contains("full stop"),
            "both faults at once: {summary}"
        );
        assert_eq!(driver.focused().await["summary"], true);
        let beside = driver.text_of("#min_pay-error").await;
        assert!(beside.contains("full stop"), "{beside}");
        assert!(
            driver
                .client
                .find(Locator::Css("article.job"))
                .await
                .is_err(),
            "no jobs beside faulty filters"
        );
        driver
            .click(Locator::Css(".error-summary a[href='#min_pay']"))
            .await;
        assert_eq!(driver.focused().await["id"], "min_pay");
    }
    driver.close().await;
}

/// A job's page and a closed job's page (410, with a way to similar jobs) at both widths.
#[tokio::test]
async fn a_job_page_and_a_closed_jobs_page_read_well_at_both_widths() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    let closed = jobs_near_camberwell(&app).await;
    for size in [DESKTOP, PHONE] {
        driver.resize(size).await;
        driver
            .open(&format!("{}/jobs?near=SE5+9RS", app.address), "Jobs")
            .await;
        driver.click(Locator::LinkText("Brixton barista")).await;
        driver.expect_heading("Brixton barista").await;
        driver.assert_fits_the_width().await;
        let lw = driver.text_of("p.lw").await;
        assert!(
            lw.contains("This job pays the real London Living Wage or more"),
            "{lw}"
        );
        let facts = driver.text_of("dl.facts").await;
        assert!(
            facts.contains("£15.00 an hour (about £17,550 a year at 22.5 hours a week)"),
            "{facts}"
        );

        driver
            .open(
                &format!("{}/jobs/{closed}", app.address),
                "This job has closed",
            )
            .await;
        driver.assert_fits_the_width().await;
        driver.click(Locator::Css("ul.links a")).await;
        driver.expect_heading("Jobs").await;
        let first = driver.text_of("article.job h2").await;
        assert_eq!(first, "Brixton barista", "similar jobs, nearest first");
    }
    driver.close().await;
}

/// The home page offers each kind of visitor a way in, at both widths.
#[tokio::test]
async fn the_home_page_offers_a_way_in_for_everyone() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    for size in [DESKTOP, PHONE] {
        driver.resize(size).await;
        driver
            .open(
                &format!("{}/", app.address),
                "Earn more, on hours that fit your life",
            )
            .await;
        driver.assert_fits_the_width().await;
        for link in [
            "Search jobs",
            "Find a provider near you",
            "Post a job",
            "Sign up your organisation",
            "Log in",
        ] {
            assert!(
                driver.client.find(Locator::LinkText(link)).await.is_ok(),
                "{link}"
            );
        }
        driver.click(Locator::LinkText("Search jobs")).await;
        driver.expect_heading("Jobs").await;
        driver.client.back().await.unwrap();
        driver
            .click(Locator::LinkText("Find a provider near you"))
            .await;
        driver.expect_heading("About Better Work").await;
        driver.client.back().await.unwrap();
        driver.click(Locator::LinkText("Post a job")).await;
        driver.expect_heading("Log in").await;
    }
    driver.close().await;
}
