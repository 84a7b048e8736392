//! The CSV upload in a real browser: a file with bad rows gets a heading saying how many
//! were rejected and every problem listed by row; submitting with no file shows the error
//! summary with the focus on it; the page passes axe and fits a phone in every state.

use betterwork::types::Role;
use fantoccini::Locator;

use super::{start_browser, Driver, DESKTOP, PHONE};
use crate::helpers::{email_of, spawn_app, PASSWORD};

const HEADER: &str = "ref,employer,title,sector,postcode,latitude,longitude,pay,pay_per,fte_hours,hours_min,hours_max,contract,patterns,open_to_flexibility,closes_on,description,status";

/// Checks the page as it is at a phone's width and back at a desktop's: axe passes at both
/// and nothing scrolls sideways on the phone.
async fn check_both_widths(driver: &Driver) {
    driver.resize(PHONE).await;
    driver.check_accessibility().await;
    driver.assert_fits_the_width().await;
    driver.resize(DESKTOP).await;
    driver.check_accessibility().await;
}

async fn open_the_upload_page(driver: &Driver, base: &str) {
    driver
        .log_in(base, email_of(Role::Employer), PASSWORD)
        .await;
    driver.expect_heading("Employer A").await;
    driver
        .open(
            &format!("{base}/vacancies/import"),
            "Upload vacancies from a CSV file",
        )
        .await;
}

#[tokio::test]
async fn a_file_with_bad_rows_gets_a_heading_counting_them_and_every_problem_by_row() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    open_the_upload_page(&driver, &app.address).await;
    check_both_widths(&driver).await;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vacancies.csv");
    let rows = [
        "KA-12,,Kitchen assistant,hospitality,SE15 4ST,,,13.85,hour,,16,24,permanent,part_time,yes,31/12/2027,,",
        "KA-13,,Head of kitchen operations and front of house,catering,SE15 4ST,,,lots,hour,,16,24,permanent,,no,31/02/2027,,",
        "KA-14,,Porter,hospitality,SE15 4ST,,,13.85,hour,,30,20,permanent,,no,12/31/2027,,",
    ];
    std::fs::write(&path, format!("{HEADER}\r\n{}\r\n", rows.join("\r\n"))).unwrap();
    let file = driver.client.find(Locator::Id("file")).await.unwrap();
    file.send_keys(&path.to_string_lossy()).await.unwrap();
    driver
        .click(Locator::Css("form[action='/vacancies/import'] button"))
        .await;
    driver.expect_heading("2 of 3 rows rejected").await;
    let title = driver.client.title().await.unwrap();
    assert!(title.starts_with("2 of 3 rows rejected"), "{title}");

    let problems = driver.text_of("table.import-problems tbody").await;
    let long = "Line 3 (ref KA-13, 'Head of kitchen operations and front of…')";
    for expected in [
        format!("{long} sector"),
        format!("{long} pay"),
        format!("{long} closes_on"),
        "Line 4 (ref KA-14, 'Porter') hours_min".to_string(),
        "Line 4 (ref KA-14, 'Porter') closes_on".to_string(),
    ] {
        assert!(
            problems.lines().any(|l| l.starts_with(&expected)),
            "{expected:?} missing from:\n{problems}"
        );
    }
    assert!(problems.contains("31/02/2027 does not exist"), "{problems}");
    assert!(problems.contains("day before the month"), "{problems}");
    check_both_widths(&driver).await;
    // On a phone each problem is a block, its cells labelled.
    driver.resize(PHONE).await;
    let cell = driver
        .client
        .execute(
            "const td = document.querySelector('table.import-problems td'); return [getComputedStyle(td).display, getComputedStyle(td, '::before').content];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(cell[0], "block", "{cell}");
    assert_eq!(cell[1], "\"Row: \"", "{cell}");
    driver.resize(DESKTOP).await;
    driver.close().await;
}

#[tokio::test]
async fn uploading_with_no_file_shows_the_error_summary_with_the_focus_on_it() {
    let Some(driver) = start_browser().await else {
        return;
    };
    let app = spawn_app().await;
    open_the_upload_page(&driver, &app.address).await;
    driver
        .click(Locator::Css("form[action='/vacancies/import'] button"))
        .await;
    driver
        .expect_heading("Upload vacancies from a CSV file")
        .await;
    let title = driver.client.title().await.unwrap();
    assert!(title.starts_with("Error: "), "{title}");
    let summary = driver.text_of(".error-summary").await;
    assert!(
        summary.contains("There is a problem") && summary.contains("Select a CSV file"),
        "{summary}"
    );
    assert_eq!(
        driver.focused().await["summary"],
        true,
        "focus on the summary"
    );
    let beside = driver.text_of("#file-error").await;
    assert!(beside.contains("Select a CSV file"), "{beside}");
    check_both_widths(&driver).await;
    driver
        .click(Locator::Css(".error-summary a[href='#file']"))
        .await;
    assert_eq!(driver.focused().await["id"], "file");
    driver.close().await;
}
