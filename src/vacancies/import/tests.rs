//! The import's own rules: the template, the heading, how rows are named.

use super::*;

fn report(rows: u64, created: u64, updated: u64, unchanged: u64, dry_run: bool) -> ImportReport {
    ImportReport {
        rows,
        created,
        updated,
        unchanged,
        rejected: rows - created - updated - unchanged,
        dry_run,
        ..ImportReport::default()
    }
}

#[test]
fn the_headline_says_how_many_rows_were_rejected_or_that_all_were_imported() {
    assert_eq!(report(8, 2, 0, 0, false).headline(), "6 of 8 rows rejected");
    assert_eq!(
        report(8, 2, 0, 0, true).headline(),
        "6 of 8 rows would be rejected"
    );
    assert_eq!(report(1, 0, 0, 0, false).headline(), "1 of 1 row rejected");
    assert_eq!(report(8, 8, 0, 0, false).headline(), "All 8 rows imported");
    assert_eq!(report(1, 1, 0, 0, false).headline(), "1 row imported");
    assert_eq!(
        report(8, 6, 2, 0, false).headline(),
        "All 8 rows imported: 6 new, 2 updated"
    );
    assert_eq!(
        report(8, 0, 0, 8, false).headline(),
        "All 8 rows match what is already posted: nothing changed"
    );
    assert_eq!(
        report(8, 8, 0, 0, true).headline(),
        "All 8 rows can be imported"
    );
}

#[test]
fn a_row_is_named_by_its_line_ref_and_title_cut_short() {
    let id = |reference: Option<&str>, title: Option<&str>| RowId {
        line: 7,
        reference: reference.map(str::to_string),
        title: title.map(str::to_string),
    };
    assert_eq!(
        id(Some("KA-12"), Some("Kitchen assistant")).describe(),
        "Line 7 (ref KA-12, 'Kitchen assistant')"
    );
    assert_eq!(id(None, Some("Cook")).describe(), "Line 7 ('Cook')");
    assert_eq!(id(Some("KA-12"), None).describe(), "Line 7 (ref KA-12)");
    assert_eq!(id(None, None).describe(), "Line 7");
    let long = id(None, Some(&"Kitchen assistant ".repeat(5))).describe();
    assert!(long.ends_with("…')") && long.chars().count() < 60, "{long}");
}

#[test]
fn the_template_has_every_column_and_quotes_what_needs_it() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let template = template(today);
    let mut lines = template.lines();
    assert_eq!(lines.next(), Some(COLUMNS.join(",").as_str()));
    let example = lines.next().unwrap();
    assert!(example.contains(",27/01/2027,"), "{example}");
    assert!(
        example.contains(",\"Preparing food and keeping the kitchen clean, in a busy cafe.\","),
        "{example}"
    );
    assert_eq!(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
}

#[test]
fn only_zips_and_binary_files_are_taken_for_spreadsheets() {
    assert!(not_a_spreadsheet(b"PK\x03\x04rest").is_err());
    assert!(not_a_spreadsheet(b"\xD0\xCF\x11\xE0rest").is_err());
    assert!(not_a_spreadsheet(b"%PDF-1.7").is_err());
    assert!(not_a_spreadsheet(b"ref,title\n\x00").is_err());
    assert!(not_a_spreadsheet("ref,title\nA,Café\n".as_bytes()).is_ok());
    assert!(not_a_spreadsheet(b"\xEF\xBB\xBFref").is_ok());
}
