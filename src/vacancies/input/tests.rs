//! What the input rules accept and refuse, field by field.

use super::*;
use serde_json::json;

fn input(changes: serde_json::Value) -> Result<VacancyInput, AppError> {
    let mut base = json!({
        "title": "Kitchen assistant", "sector": "hospitality", "postcode": "sw98qe",
        "pay_pence": 1480, "hours_min": 16, "hours_max": 22.5, "contract": "permanent",
        "patterns": ["part_time", "school_hours"], "open_to_flexibility": true
    });
    for (k, v) in changes.as_object().unwrap() {
        base[k] = v.clone();
    }
    crate::web::parse_json(&serde_json::to_vec(&base).unwrap())
}

fn parse(changes: serde_json::Value) -> Result<NewVacancy, AppError> {
    let gazetteer = Gazetteer::load(None).unwrap();
    let rates = Rates::shipped().unwrap();
    NewVacancy::parse(
        input(changes)?,
        &gazetteer,
        &rates,
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    )
}

#[test]
fn a_good_vacancy_is_located_and_priced_by_the_hour() {
    let v = parse(json!({})).unwrap();
    let location = v.location.unwrap();
    assert_eq!(location.postcode.as_str(), "SW9 8QE");
    assert!(location.in_greater_london);
    assert_eq!(
        (
            v.hours_min.hundredths(),
            v.hours_max.hundredths(),
            v.hourly_pay_pence.get()
        ),
        (1600, 2250, 1480)
    );
    assert_eq!(v.status, Status::Open);
}

#[test]
fn each_bad_field_is_named() {
    let gazetteer_cases = [
        (json!({"title": " "}), "title"),
        (json!({"sector": "banking"}), "sector"),
        (json!({"postcode": "nonsense"}), "postcode"),
        (json!({"postcode": null}), "postcode"),
        (json!({"pay_pence": 0}), "pay_pence"),
        (json!({"pay_pence": 1100}), "pay_pence"),
        (json!({"pay_per": "week"}), "pay_per"),
        (json!({"hours_min": 30}), "hours_min"),
        (json!({"hours_max": 16.1}), "hours_max"),
        (json!({"hours_max": 101}), "hours_max"),
        (json!({"contract": "casual"}), "contract"),
        (json!({"patterns": ["part_time", "nights"]}), "patterns[1]"),
        (json!({"status": "archived"}), "status"),
        (json!({"title": "Cook\u{0}"}), "title"),
        (json!({"title": "Cook\nChef"}), "title"),
        (json!({"title": "Cook \u{202E}feF"}), "title"),
        (json!({"description": "Hot\u{0}food"}), "description"),
        (json!({"ref": "R\u{1}"}), "ref"),
        (json!({"employer": "Employer\u{0} A"}), "employer"),
        (json!({"postcode": "SW9\t8QE"}), "postcode"),
        (json!({"closes_on": "1900-01-01"}), "closes_on"),
        (json!({"closes_on": "0000-06-30"}), "closes_on"),
        (json!({"closes_on": "2031-11-24"}), "closes_on"),
    ];
    for (change, field) in gazetteer_cases {
        let err = parse(change.clone()).unwrap_err();
        assert_eq!(err.field(), Some(field), "{change}: {err}");
    }
}

#[test]
fn a_description_keeps_its_line_breaks_whatever_the_sender_used() {
    let v = parse(json!({"description": "Days:\r\n\tMon to Fri"})).unwrap();
    assert_eq!(v.description, "Days:\n\tMon to Fri");
}

#[test]
fn a_closing_date_may_be_past_but_not_absurd() {
    for day in ["2000-01-01", "2020-06-30", "2031-11-23"] {
        let v = parse(json!({"closes_on": day})).unwrap();
        assert_eq!(v.closes_on.map(|d| d.to_string()).as_deref(), Some(day));
    }
}

#[test]
fn every_fault_is_found_and_parse_gives_the_first() {
    let gazetteer = Gazetteer::load(None).unwrap();
    let rates = Rates::shipped().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let bad = json!({"sector": "banking", "postcode": "nonsense", "hours_min": 30,
        "patterns": ["nights", "part_time", "days"], "status": "archived"});
    let faults =
        NewVacancy::parse_all(input(bad.clone()).unwrap(), &gazetteer, &rates, today).unwrap_err();
    let fields: Vec<_> = faults.iter().filter_map(AppError::field).collect();
    assert_eq!(
        fields,
        [
            "sector",
            "postcode",
            "hours_min",
            "patterns[0]",
            "patterns[2]",
            "status"
        ]
    );
    assert_eq!(parse(bad).unwrap_err().field(), Some("sector"));
}

#[test]
fn pay_is_checked_against_the_hours_only_when_they_are_valid() {
    let faults = |changes| {
        let gazetteer = Gazetteer::load(None).unwrap();
        let rates = Rates::shipped().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        NewVacancy::parse_all(input(changes).unwrap(), &gazetteer, &rates, today)
            .unwrap_err()
            .iter()
            .filter_map(|e| e.field().map(str::to_string))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        faults(json!({"pay_pence": 900, "title": ""})),
        ["title", "pay_pence"]
    );
    assert_eq!(
        faults(json!({"pay_pence": 900, "pay_per": "week", "hours_max": 0})),
        ["pay_per", "hours_max"]
    );
}

#[test]
fn a_remote_vacancy_needs_no_postcode() {
    let v = parse(json!({"postcode": null, "remote": true})).unwrap();
    assert!(v.location.is_none());
}

#[test]
fn messages_speak_to_people_and_name_the_form_s_labels() {
    let message = |changes| parse(changes).unwrap_err().to_string();
    assert_eq!(message(json!({"title": " "})), "Enter a job title");
    assert_eq!(message(json!({"sector": "banking"})), "Select a sector");
    assert_eq!(
        message(json!({"postcode": "nonsense"})),
        "Enter a full UK postcode, like SW9 8QE"
    );
    assert_eq!(
        message(json!({"postcode": null})),
        "Enter the workplace postcode, or choose Remote"
    );
    assert_eq!(
        message(json!({"hours_min": 30})),
        "'Hours from' must be the same as or less than 'hours up to'"
    );
    assert_eq!(
        message(json!({"title": "x".repeat(121)})),
        "Job title must be 120 characters or fewer"
    );
    let low = message(json!({"pay_pence": 1100}));
    assert!(
        low.starts_with("Pay must be at least the National Living Wage, £12.71 an hour")
            && low.contains("on 23 November 2026")
            && low.ends_with("works out at £11.00 an hour"),
        "{low}"
    );
    assert_eq!(
        message(json!({"closes_on": "2031-11-24"})),
        "Closing date must be between 1 January 2000 and 23 November 2031 (no more than 5 years ahead)"
    );
    for faulty in [json!({"title": ""}), json!({"sector": ""})] {
        let text = message(faulty);
        assert!(!text.contains(": ") || text.starts_with("Check"), "{text}");
    }
}

#[test]
fn the_remote_pattern_is_the_remote_flag() {
    let v = parse(json!({"postcode": null, "patterns": ["remote", "part_time"]})).unwrap();
    assert!(v.remote && v.location.is_none());
    assert!(v.patterns.contains(Pattern::Remote) && v.patterns.contains(Pattern::PartTime));
    let flagged = parse(json!({"postcode": null, "remote": true, "patterns": []})).unwrap();
    assert!(
        flagged.patterns.contains(Pattern::Remote),
        "filtering by the pattern finds it"
    );
}

#[test]
fn how_to_apply_takes_a_secure_address_and_an_email() {
    let v = parse(
        json!({"apply_url": " https://jobs.example.org/apply ", "apply_email": "Jobs@Example.org"}),
    )
    .unwrap();
    assert_eq!(
        v.apply_url.as_deref(),
        Some("https://jobs.example.org/apply")
    );
    assert_eq!(v.apply_email.as_deref(), Some("jobs@example.org"));
    let blank = parse(json!({"apply_url": "", "apply_email": "  "})).unwrap();
    assert_eq!((blank.apply_url, blank.apply_email), (None, None));
    let long = format!("https://example.org/{}", "a".repeat(490));
    for (changes, field) in [
        (
            json!({"apply_url": "http://example.org/apply"}),
            "apply_url",
        ),
        (json!({"apply_url": "javascript:alert(1)"}), "apply_url"),
        (json!({"apply_url": long}), "apply_url"),
        (json!({"apply_email": "not an email"}), "apply_email"),
    ] {
        let err = parse(changes.clone()).unwrap_err();
        assert_eq!(err.field(), Some(field), "{changes}: {err}");
    }
}

#[test]
fn pay_that_looks_mistyped_asks_to_be_confirmed() {
    let asks = |changes| pay_to_confirm(&input(changes).unwrap());
    assert_eq!(asks(json!({"pay_pence": 1490})), None);
    assert_eq!(
        asks(json!({"pay_pence": 10_000})),
        None,
        "£100 an hour exactly is fine"
    );
    let high = asks(json!({"pay_pence": 149_000})).unwrap();
    assert!(high.contains("£1,490.00 an hour"), "{high}");
    let annual = json!({"pay_pence": 95_000, "pay_per": "year"});
    assert!(asks(annual).unwrap().contains("£950.00 a year"));
    assert_eq!(
        asks(json!({"pay_pence": 2_650_000, "pay_per": "year_fte"})),
        None
    );
}
