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
    let path = database.dir.path().join("vacancies.csv");
    std::fs::write(&path, format!("{HEADER}\n{}\n", rows.join("\n"))).unwrap();
    path.to_string_lossy().into_owned()
}

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
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    assert!(
        text(&dry.stdout).contains("created 3"),
        "{}",
        text(&dry.stdout)
    );

    let first = betterwork(
        &database,
        &["import", "vacancies", &path, "--org", "Peckham Pantry"],
    );
    assert!(first.status.success(), "{}", text(&first.stderr));
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
