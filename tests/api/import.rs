//! Importing vacancies from CSV, on the command line (`betterwork import vacancies`) and
//! the upload page, which share the import: every fault of a bad row reported by its line,
//! ref and title and its column, good rows applied, nothing half-applied, a second import
//! of the same file changes nothing, a heading that says what happened, and a file that
//! cannot be imported at all refused with a message on the file field.

use std::process::Output;

use betterwork::types::Role;
use betterwork::vacancies::import::COLUMNS;
use reqwest::multipart::{Form, Part};

use crate::helpers::{create_organisation, spawn_app, text, Browser, FreshDatabase};

const HEADER: &str = "ref,employer,title,sector,postcode,latitude,longitude,pay,pay_per,fte_hours,hours_min,hours_max,contract,patterns,open_to_flexibility,closes_on,description,status";

/// Runs `betterwork ARGS` on `database`.
fn betterwork(database: &FreshDatabase, args: &[&str]) -> Output {
    crate::helpers::betterwork(database, args, None)
}

fn file(database: &FreshDatabase, rows: &[&str]) -> String {
    file_with_endings(database, rows, "\n")
}

/// A file of `rows` under the header, each line ended with `ending` ("\r\n" as Excel saves).
fn file_with_endings(database: &FreshDatabase, rows: &[&str], ending: &str) -> String {
    let path = database.dir.path().join("vacancies.csv");
    let lines: Vec<&str> = std::iter::once(HEADER)
        .chain(rows.iter().copied())
        .collect();
    std::fs::write(&path, format!("{}{ending}", lines.join(ending))).unwrap();
    path.to_string_lossy().into_owned()
}

/// Imports `path` for Peckham Pantry (an employer made here).
fn import_for_the_pantry(database: &FreshDatabase, path: &str) -> Output {
    betterwork(
        database,
        &["import", "vacancies", path, "--org", "Peckham Pantry"],
    )
}

/// The `line N, column C` of each fault an import printed, in order, from lines like
/// `Line 7 (ref KA-12, 'Kitchen assistant'), pay: Enter pay` or `Line 4: the row has…`.
fn faults_reported(out: &Output) -> Vec<String> {
    text(&out.stderr)
        .lines()
        .filter_map(|l| l.strip_prefix("Line "))
        .map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let after = &rest[digits.len()..];
            let after = match after.strip_prefix(" (") {
                Some(named) => &named[named.find("), ").map_or(named.len(), |i| i + 1)..],
                None => after,
            };
            let column = match after.strip_prefix(", ") {
                Some(c) => c.split(':').next().unwrap_or_default(),
                None => "row",
            };
            format!("line {digits}, column {column}")
        })
        .collect()
}

const GOOD: &str = "PP-1,,Kitchen assistant,hospitality,SE15 4ST,,,13.85,hour,,16,24,permanent,part_time,yes,,Prep and service,";

#[test]
fn good_rows_apply_bad_rows_are_reported_and_a_reimport_changes_nothing() {
    let database = FreshDatabase::new();
    create_organisation(&database, "Peckham Pantry", "employer");
    let path = file(
        &database,
        &[
            "PP-1,,Kitchen assistant,hospitality,SE15 4ST,,,13.85,hour,,16,24,permanent,part_time;school_hours,yes,,Prep and service,",
            "PP-2,,Cleaner,cleaning,sw98qe,,,26500,year_fte,37.5,20,20,permanent,part_time,no,,Evenings,open",
            "PP-3,,Barista,coffee,SE15 4ST,,,13.85,hour,,16,24,permanent,,no,,,",
            "PP-4,,Porter,hospitality,SE15 4ST,,,9.00,hour,,16,24,permanent,,no,,,",
            "PP-5,,Driver,transport_logistics,NOTAPOSTCODE,,,14.00,hour,,16,24,permanent,,no,,,",
            "PP-6,,Host,hospitality,SE15 4ST,,,14.00,hour,,30,20,permanent,,no,,,",
            "PP-7,,Remote admin,administration,,,,14.50,hour,,10,15,temporary,remote,no,,,draft",
            "PP-8,,Chef,hospitality,SE15 4ST,,,14.00,hour,,16,24,permanent,,maybe,,,",
        ],
    );
    let dry = betterwork(
        &database,
        &[
            "import",
            "vacancies",
            &path,
            "--org",
            "Peckham Pantry",
            "--dry-run",
        ],
    );
    // Rows were rejected: the exit code says so, for scripts.
    assert_eq!(dry.status.code(), Some(3), "{}", text(&dry.stderr));
    assert!(
        text(&dry.stdout).contains("5 of 8 rows would be rejected (a check: nothing changed)")
            && text(&dry.stdout).contains("created 3"),
        "{}",
        text(&dry.stdout)
    );

    let first = betterwork(
        &database,
        &["import", "vacancies", &path, "--org", "Peckham Pantry"],
    );
    assert_eq!(first.status.code(), Some(3), "{}", text(&first.stderr));
    let summary = text(&first.stdout);
    assert!(
        summary.starts_with("5 of 8 rows rejected: ")
            && summary.contains("rows 8, created 3, updated 0, unchanged 0, rejected 5"),
        "{summary}"
    );
    let errors = text(&first.stderr);
    for expected in [
        "Line 4 (ref PP-3, 'Barista'), sector:",
        "Line 5 (ref PP-4, 'Porter'), pay:",
        "Line 6 (ref PP-5, 'Driver'), postcode:",
        "Line 7 (ref PP-6, 'Host'), hours_min:",
        "Line 9 (ref PP-8, 'Chef'), open_to_flexibility: open_to_flexibility must be yes or no, not maybe",
    ] {
        assert!(
            errors.contains(expected),
            "{expected} missing from:\n{errors}"
        );
    }

    let again = betterwork(
        &database,
        &["import", "vacancies", &path, "--org", "Peckham Pantry"],
    );
    assert!(
        text(&again.stdout).contains("created 0, updated 0, unchanged 3, rejected 5"),
        "{}",
        text(&again.stdout)
    );

    // Changing one row updates only that vacancy.
    let changed = file(&database, &["PP-1,,Kitchen assistant,hospitality,SE15 4ST,,,14.85,hour,,16,24,permanent,part_time;school_hours,yes,,Prep and service,"]);
    let third = betterwork(
        &database,
        &["import", "vacancies", &changed, "--org", "Peckham Pantry"],
    );
    assert!(
        text(&third.stdout).starts_with("1 row imported: 1 updated: ")
            && text(&third.stdout).contains("created 0, updated 1"),
        "{}",
        text(&third.stdout)
    );
}

#[test]
fn an_agency_imports_for_its_clients_only_and_a_missing_column_is_named() {
    let database = FreshDatabase::new();
    // The demo has Southbank Staffing with two client employers.
    betterwork(&database, &["seed-demo"]);
    let path = file(
        &database,
        &[
            "SS-1,Thameside Care Homes,Care assistant,care,SE1 7PB,,,14.80,hour,,20,30,permanent,part_time,yes,,,",
            "SS-2,Clapham Bakehouse,Baker,hospitality,SW4 7AA,,,14.80,hour,,20,30,permanent,,no,,,",
        ],
    );
    let out = betterwork(
        &database,
        &["import", "vacancies", &path, "--org", "Southbank Staffing"],
    );
    assert!(
        text(&out.stdout).contains("created 1"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains(
            "Line 3 (ref SS-2, 'Baker'), employer: Clapham Bakehouse is not recorded as a client"
        ),
        "{}",
        text(&out.stderr)
    );

    let broken = database.dir.path().join("broken.csv");
    std::fs::write(&broken, "ref,title\nX,Y\n").unwrap();
    let out = betterwork(
        &database,
        &[
            "import",
            "vacancies",
            &broken.to_string_lossy(),
            "--org",
            "Southbank Staffing",
        ],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr)
            .contains("The header row (line 1) must name every column: employer, sector,"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn windows_line_endings_report_the_same_lines_as_unix_ones() {
    let rows = [
        GOOD,
        "PP-2,,Cleaner,cleaning,SE15 4ST,,,9.00,hour,,16,24,permanent,,no,,\"Evenings,\r\nweekends\",",
        "PP-3,,Barista,coffee,SE15 4ST,,,13.85,hour,,16,24,permanent,,no,,,",
    ];
    let mut reported = Vec::new();
    for ending in ["\n", "\r\n"] {
        let database = FreshDatabase::new();
        create_organisation(&database, "Peckham Pantry", "employer");
        let path = file_with_endings(&database, &rows, ending);
        let out = import_for_the_pantry(&database, &path);
        assert!(
            text(&out.stdout).contains("created 1"),
            "{}",
            text(&out.stdout)
        );
        reported.push(faults_reported(&out));
    }
    // The quoted description spans lines 3 and 4, so the barista is on line 5.
    assert_eq!(reported[0], ["line 3, column pay", "line 5, column sector"]);
    assert_eq!(reported[1], reported[0]);
}

#[test]
fn short_and_long_rows_and_an_open_quote_are_reported_and_create_nothing() {
    let database = FreshDatabase::new();
    create_organisation(&database, "Peckham Pantry", "employer");
    let path = file(
        &database,
        &[
            // One comma short: "deleted" would have slid into the description.
            "PP-1,,Kitchen assistant,hospitality,SE15 4ST,,,13.85,hour,,16,24,permanent,part_time,yes,,deleted",
            "PP-2,,Cleaner,cleaning,SE15 4ST,,,13.85,hour,,16,24,permanent,,no,,Evenings,open,extra",
            "PP-3,,\"Barista,coffee,SE15 4ST,,,13.85,hour,,16,24,permanent,,no,,,",
            "PP-4,,Porter,hospitality,SE15 4ST,,,13.85,hour,,16,24,permanent,,no,,,",
        ],
    );
    let out = import_for_the_pantry(&database, &path);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("rows 3, created 0, updated 0, unchanged 0, rejected 3"),
        "{}",
        text(&out.stdout)
    );
    let errors = text(&out.stderr);
    for expected in [
        // Columns out of place: named by the line only, not by what may be another column.
        "Line 2: the row has 17 field(s) and the header row 18",
        "Line 3: the row has 19 field(s) and the header row 18",
        "Line 4: a quoted field starts on this line and its closing quote is missing",
    ] {
        assert!(
            errors.contains(expected),
            "{expected} missing from:\n{errors}"
        );
    }
}

#[test]
fn a_header_naming_a_column_twice_refuses_the_file() {
    let database = FreshDatabase::new();
    create_organisation(&database, "Peckham Pantry", "employer");
    let path = database.dir.path().join("twice.csv");
    std::fs::write(
        &path,
        format!("{HEADER},description,pay\n{GOOD},Second description,9.00\n"),
    )
    .unwrap();
    let out = import_for_the_pantry(&database, &path.to_string_lossy());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr)
            .contains("must name each column once: it names description, pay more than once"),
        "{}",
        text(&out.stderr)
    );
    let again = import_for_the_pantry(&database, &file(&database, &[GOOD]));
    assert!(
        text(&again.stdout).contains("created 1"),
        "nothing was created the first time: {}",
        text(&again.stdout)
    );
    assert_eq!(again.status.code(), Some(0));
}

#[test]
fn every_fault_of_a_row_is_reported_with_its_column() {
    let database = FreshDatabase::new();
    create_organisation(&database, "Peckham Pantry", "employer");
    let path = file(
        &database,
        &["PP-1,,,banking,SE15 4ST,,,lots,fortnight,,sixteen,24,casual,nights,maybe,31/12/2031,,archived"],
    );
    let out = import_for_the_pantry(&database, &path);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out.stdout).contains("rejected 1"),
        "{}",
        text(&out.stdout)
    );
    // Every fault names the row the same way, by its line and ref (it has no title).
    let stderr = text(&out.stderr);
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.starts_with("Line 2 (ref PP-1), "))
            .count(),
        10,
        "{stderr}"
    );
    assert_eq!(
        faults_reported(&out),
        [
            "line 2, column title",
            "line 2, column sector",
            "line 2, column pay",
            "line 2, column pay_per",
            "line 2, column hours_min",
            "line 2, column contract",
            "line 2, column patterns",
            "line 2, column open_to_flexibility",
            "line 2, column closes_on",
            "line 2, column status",
        ]
    );
}

#[test]
fn uk_dates_are_read_like_iso_ones_and_a_doubtful_date_is_refused_naming_row_and_column() {
    let database = FreshDatabase::new();
    create_organisation(&database, "Peckham Pantry", "employer");
    let row = |reference: &str, title: &str, closes: &str| {
        format!("{reference},,{title},hospitality,SE15 4ST,,,13.85,hour,,16,24,permanent,,no,{closes},,")
    };
    let rows = [
        row("D-1", "Cook", "31/12/2027"),
        row("D-2", "Porter", "1/2/2027"),
        row("D-3", "Host", "2027-12-31"),
        row("D-4", "Chef", "31/02/2027"),
        row("D-5", "Baker", "12/31/2027"),
        row("D-6", "Barista", "31/12/27"),
        row("D-7", "Waiter", "next Friday"),
    ];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let out = import_for_the_pantry(&database, &file(&database, &rows));
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("4 of 7 rows rejected: "),
        "{}",
        text(&out.stdout)
    );
    let errors = text(&out.stderr);
    for expected in [
        "Line 5 (ref D-4, 'Chef'), closes_on: closes_on must be a real date, like 31/12/2026: 31/02/2027 does not exist",
        "Line 6 (ref D-5, 'Baker'), closes_on: closes_on must have the day before the month, like 31/12/2026",
        "Line 7 (ref D-6, 'Barista'), closes_on: closes_on must have the year in full, like 31/12/2026",
        "Line 8 (ref D-7, 'Waiter'), closes_on: Enter a date like 31/12/2026",
    ] {
        assert!(errors.contains(expected), "{expected} missing from:\n{errors}");
    }

    // The same days written the other way are the same closing dates: nothing changes.
    let same = [
        row("D-1", "Cook", "2027-12-31"),
        row("D-2", "Porter", "2027-02-01"),
        row("D-3", "Host", "31/12/2027"),
    ];
    let same: Vec<&str> = same.iter().map(String::as_str).collect();
    let again = import_for_the_pantry(&database, &file(&database, &same));
    assert!(
        text(&again.stdout)
            .starts_with("All 3 rows match what is already posted: nothing changed: "),
        "{}",
        text(&again.stdout)
    );
    // And another day is a change.
    let moved = row("D-2", "Porter", "02/01/2027");
    let moved = import_for_the_pantry(&database, &file(&database, &[&moved]));
    assert!(
        text(&moved.stdout).starts_with("1 row imported: 1 updated: "),
        "{}",
        text(&moved.stdout)
    );
}

#[test]
fn a_file_that_is_empty_not_a_csv_or_only_a_header_is_refused_whole() {
    let database = FreshDatabase::new();
    create_organisation(&database, "Peckham Pantry", "employer");
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.csv", b"", "The selected file is empty"),
        (
            "book.csv",
            b"PK\x03\x04\x14\x00\x06\x00 workbook",
            "The selected file must be a CSV: it is an Excel workbook",
        ),
        (
            "nul.csv",
            b"ref,title\x00\x01\x02",
            "The selected file must be a CSV: it is not text",
        ),
        (
            "header.csv",
            HEADER.as_bytes(),
            "The selected file has no vacancies",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = database.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = import_for_the_pantry(&database, &path.to_string_lossy());
        assert_eq!(out.status.code(), Some(1), "{name}: {}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains(expected),
            "{name}: {}",
            text(&out.stderr)
        );
    }
}

/// A page's HTML as a person reads it: the characters the templates escape put back.
fn readable(html: &str) -> String {
    html.replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Uploads `bytes` as the file `name` on the upload page, checked only if `dry_run`.
async fn upload(browser: &Browser, name: &str, bytes: Vec<u8>, dry_run: bool) -> (u16, String) {
    let csrf = browser.csrf_token("/vacancies/import").await;
    let mut form = Form::new()
        .text("csrf_token", csrf)
        .part("file", Part::bytes(bytes).file_name(name.to_string()));
    if dry_run {
        form = form.text("dry_run", "yes");
    }
    let page = browser.upload("/vacancies/import", form).await;
    (page.status.as_u16(), readable(&page.html))
}

fn csv(rows: &[&str]) -> Vec<u8> {
    let mut text = format!("{HEADER}\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text.into_bytes()
}

#[tokio::test]
async fn the_template_lists_every_column_and_imports_as_it_is() {
    let app = spawn_app().await;
    let employer = app.browser_as(Role::Employer).await;
    let page = employer.open("/vacancies/import").await;
    assert_eq!(page.status, 200);
    let html = readable(&page.html);
    assert!(
        html.contains("href=\"/vacancies/import/template.csv\""),
        "{html}"
    );
    // The table explains every column, and lists the codes a coded column takes.
    for column in COLUMNS {
        assert!(
            html.contains(&format!(
                "<td data-label=\"Column\"><code>{column}</code></td>"
            )),
            "{column} explained: {html}"
        );
    }
    assert!(html.contains("<code>transport_logistics</code>"), "{html}");
    assert!(html.contains("<code>zero_hours</code>"), "{html}");

    let response = app
        .api
        .get(app.url("/vacancies/import/template.csv"))
        .send()
        .await
        .unwrap();
    assert_ne!(
        response.status(),
        200,
        "the template is for people who post vacancies"
    );
    let template = employer.open("/vacancies/import/template.csv").await;
    assert_eq!(template.status, 200);
    let lines: Vec<&str> = template.html.lines().collect();
    assert_eq!(lines.len(), 2, "{}", template.html);
    assert_eq!(lines[0], COLUMNS.join(","));

    let (status, html) = upload(
        &employer,
        "vacancies-template.csv",
        template.html.into_bytes(),
        false,
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<h1>1 row imported</h1>"), "{html}");
}

#[tokio::test]
async fn the_page_heads_its_report_with_how_many_rows_were_rejected_and_lists_every_problem() {
    let app = spawn_app().await;
    let employer = app.browser_as(Role::Employer).await;
    let file = csv(&[
        "KA-12,,Kitchen assistant,hospitality,SE15 4ST,,,13.85,hour,,16,24,permanent,part_time,yes,31/12/2027,,",
        "KA-13,,Cook,catering,SE15 4ST,,,lots,hour,,16,24,permanent,,no,31/02/2027,,",
        ",,,hospitality,SE15 4ST,,,13.85,hour,,16,24,permanent,,no,,,",
        "KA-15,,Porter,hospitality,SE15 4ST,,,13.85,hour,,16,24",
    ]);

    let (status, checked) = upload(&employer, "v.csv", file.clone(), true).await;
    assert_eq!(status, 200, "{checked}");
    assert!(
        checked.contains("<h1>3 of 4 rows would be rejected</h1>"),
        "{checked}"
    );
    assert!(checked.contains("nothing was changed"), "{checked}");

    let (status, html) = upload(&employer, "v.csv", file.clone(), false).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("<title>3 of 4 rows rejected · Better Work</title>"),
        "{html}"
    );
    assert!(html.contains("<h1>3 of 4 rows rejected</h1>"), "{html}");
    assert!(
        html.contains("4 rows: 1 created, 0 updated, 0 unchanged, 3 rejected."),
        "{html}"
    );
    assert!(
        html.contains("<table class=\"stack import-problems\">"),
        "{html}"
    );
    // Every problem of the row, each naming it by line, ref and title.
    for (row, column) in [
        ("Line 3 (ref KA-13, 'Cook')", "sector"),
        ("Line 3 (ref KA-13, 'Cook')", "pay"),
        ("Line 3 (ref KA-13, 'Cook')", "closes_on"),
        ("Line 4", "title"),
    ] {
        let cells = format!(
            "<td data-label=\"Row\">{row}</td><td data-label=\"Column\"><code>{column}</code></td>"
        );
        assert!(html.contains(&cells), "{cells} missing from {html}");
    }
    assert!(html.contains("31/02/2027 does not exist"), "{html}");
    assert!(
        html.contains(
            "<td data-label=\"Row\">Line 5</td><td data-label=\"Column\">The whole row</td>"
        ),
        "{html}"
    );

    // The good row was imported once: the same file again changes nothing.
    let (_, again) = upload(&employer, "v.csv", file, false).await;
    assert!(
        again.contains("4 rows: 0 created, 0 updated, 1 unchanged, 3 rejected."),
        "{again}"
    );
    let fixed = csv(&[
        "KA-12,,Kitchen assistant,hospitality,SE15 4ST,,,13.85,hour,,16,24,permanent,part_time,yes,2027-12-31,,",
        "KA-13,,Cook,hospitality,SE15 4ST,,,14.00,hour,,16,24,permanent,,no,28/02/2027,,",
    ]);
    let (_, fixed) = upload(&employer, "v.csv", fixed, false).await;
    assert!(
        fixed.contains("<h1>All 2 rows imported: 1 new, 1 unchanged</h1>"),
        "{fixed}"
    );
}

#[tokio::test]
async fn a_file_that_cannot_be_imported_is_named_on_the_file_field_never_a_server_error() {
    let app = spawn_app().await;
    let employer = app.browser_as(Role::Employer).await;
    let too_big = vec![b'a'; 20 * 1024 * 1024 + 1];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("", Vec::new(), "Select a CSV file"),
        ("v.csv", Vec::new(), "The selected file is empty"),
        (
            "v.xlsx",
            b"PK\x03\x04".to_vec(),
            "The selected file must be a CSV",
        ),
        (
            "v.csv",
            b"PK\x03\x04 saved as xlsx".to_vec(),
            "The selected file must be a CSV",
        ),
        (
            "v.csv",
            too_big,
            "The selected file must be smaller than 20 MB",
        ),
        ("v.csv", csv(&[]), "The selected file has no vacancies"),
        (
            "v.csv",
            b"ref,title\nA,B\n".to_vec(),
            "The header row (line 1) must name every column",
        ),
    ];
    for (name, bytes, expected) in cases {
        let (status, html) = upload(&employer, name, bytes, false).await;
        assert_eq!(status, 422, "{name:?}: {html}");
        assert!(
            html.contains("<title>Error: Upload vacancies"),
            "{name:?}: {html}"
        );
        assert!(html.contains("There is a problem"), "{name:?}: {html}");
        assert!(
            html.contains("<a href=\"#file\">") && html.contains(expected),
            "{name:?}: the summary links to the file field: {html}"
        );
        assert!(
            html.contains("<p class=\"field-error\" id=\"file-error\">")
                && html.contains("aria-describedby=\"file-hint file-error\""),
            "{name:?}: the message is beside the field: {html}"
        );
    }

    // A form with no file field at all says the same.
    let csrf = employer.csrf_token("/vacancies/import").await;
    let page = employer
        .upload("/vacancies/import", Form::new().text("csrf_token", csrf))
        .await;
    assert_eq!(page.status, 422);
    assert!(page.shows("Select a CSV file"), "{}", page.html);

    // Nothing was imported by any of them.
    let (_, html) = upload(&employer, "v.csv", csv(&[GOOD]), false).await;
    assert!(html.contains("<h1>1 row imported</h1>"), "{html}");
}
