//! `betterwork import vacancies`: every bad row reported by line and column, good rows
//! applied, nothing half-applied, and a second import of the same file changes nothing.

use std::process::Output;

use crate::helpers::{create_organisation, text, FreshDatabase};

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

/// The `line N, column C:` prefixes of the faults an import printed, in order.
fn faults_reported(out: &Output) -> Vec<String> {
    text(&out.stderr)
        .lines()
        .filter(|l| l.starts_with("line "))
        .filter_map(|l| l.split_once(':').map(|(at, _)| at.to_string()))
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
        text(&dry.stdout).contains("created 3"),
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
        summary.contains("rows 8, created 3, updated 0, unchanged 0, rejected 5"),
        "{summary}"
    );
    let errors = text(&first.stderr);
    for expected in [
        "line 4, column sector:",
        "line 5, column pay:",
        "line 6, column postcode:",
        "line 7, column hours_min:",
        "line 9, column open_to_flexibility:",
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
        text(&third.stdout).contains("created 0, updated 1"),
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
        text(&out.stderr)
            .contains("line 3, column employer: Clapham Bakehouse is not recorded as a client"),
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
        text(&out.stderr).contains("line 1") && text(&out.stderr).contains("sector"),
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
        "line 2, column row: the row has 17 field(s) and the header row 18",
        "line 3, column row: the row has 19 field(s) and the header row 18",
        "line 4, column row: a quoted field starts on this line and its closing quote is missing",
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
        text(&out.stderr).contains("names the column(s) description, pay more than once"),
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
