//! Reading the better-off form: every fault at once, in words that name each field.

use super::*;

fn filled() -> BetterOffForm {
    BetterOffForm {
        age: "32".into(),
        child_1: "2019-03-02".into(),
        current_pay: "12.71".into(),
        current_hours: "16".into(),
        offer_pay: "14.80".into(),
        offer_hours: "22.5".into(),
        offer_contract: "permanent".into(),
        offer_childcare: "45".into(),
        ..BetterOffForm::blank(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
    }
}

fn faults(form: &BetterOffForm) -> Vec<(String, String)> {
    scenario_from_form(form, None)
        .unwrap_err()
        .faults()
        .iter()
        .map(|f| (f.field.clone(), f.message.clone()))
        .collect()
}

fn message(form: &BetterOffForm, field: &str) -> String {
    faults(form)
        .into_iter()
        .find(|(f, _)| f == field)
        .map(|(_, m)| m)
        .unwrap_or_else(|| panic!("no fault on {field}: {:?}", faults(form)))
}

#[test]
fn a_filled_form_becomes_a_scenario_in_pence_and_exact_hours() {
    let scenario = scenario_from_form(&filled(), None).unwrap();
    assert_eq!(scenario.current.jobs[0].hourly_pay_pence, Pence::new(1271));
    assert_eq!(scenario.offer.jobs[0].weekly_hours.to_string(), "22.5");
    assert_eq!(scenario.offer.childcare_weekly_pence, Pence::new(4500));
    assert_eq!(scenario.offer.contract, Some(Contract::Permanent));
    assert!(scenario.household.claims_universal_credit);
    assert_eq!(scenario.household.children.len(), 1);
}

#[test]
fn the_empty_form_asks_for_every_required_field_in_page_order() {
    let form = BetterOffForm::blank(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    assert_eq!(
        faults(&form),
        [
            ("age", "Enter the candidate's age"),
            ("offer_pay", "Enter offered hourly pay"),
            ("offer_hours", "Enter offered hours a week"),
        ]
        .map(|(f, m)| (f.to_string(), m.to_string()))
    );
}

#[test]
fn someone_out_of_work_leaves_the_current_job_empty_but_hours_need_a_pay() {
    let out_of_work = BetterOffForm {
        current_pay: "".into(),
        current_hours: "".into(),
        ..filled()
    };
    assert!(scenario_from_form(&out_of_work, None)
        .unwrap()
        .current
        .jobs
        .is_empty());
    let no_pay = BetterOffForm {
        current_pay: "".into(),
        ..filled()
    };
    assert_eq!(message(&no_pay, "current_pay"), "Enter current hourly pay");
}

#[test]
fn a_comma_for_pence_is_refused_in_words_naming_the_field() {
    let form = BetterOffForm {
        current_pay: "14,80".into(),
        ..filled()
    };
    assert_eq!(
        message(&form, "current_pay"),
        "Current hourly pay must use a full stop for pence, like 14.80, not a comma"
    );
}

#[test]
fn too_many_hours_are_refused_in_plain_words() {
    let form = BetterOffForm {
        offer_hours: "120".into(),
        ..filled()
    };
    assert_eq!(
        message(&form, "offer_hours"),
        "Offered hours a week must be 100 or fewer"
    );
    let none = BetterOffForm {
        offer_hours: "0".into(),
        ..filled()
    };
    assert_eq!(
        message(&none, "offer_hours"),
        "Offered hours a week must be more than 0"
    );
}

#[test]
fn an_hourly_pay_above_100_pounds_needs_confirming() {
    let typed = BetterOffForm {
        offer_pay: "1480".into(),
        ..filled()
    };
    assert!(typed.high_pay().offer && !typed.high_pay().current);
    let errors = scenario_from_form(&typed, None).unwrap_err();
    let fault = &errors.faults()[0];
    assert_eq!(fault.field, "offer_pay");
    assert_eq!(fault.anchor, "offer_pay_confirmed");
    assert!(
        fault.message.contains("£1,480.00 an hour")
            && fault.message.contains("Yes, the pay is right"),
        "{}",
        fault.message
    );
    let confirmed = BetterOffForm {
        offer_pay_confirmed: Some("1480".into()),
        ..typed.clone()
    };
    let scenario = scenario_from_form(&confirmed, None).unwrap();
    assert_eq!(scenario.offer.jobs[0].hourly_pay_pence, Pence::new(148_000));
    let changed_since = BetterOffForm {
        offer_pay: "1490".into(),
        ..confirmed
    };
    assert!(scenario_from_form(&changed_since, None).is_err());
    let exactly_100 = BetterOffForm {
        offer_pay: "100".into(),
        ..filled()
    };
    assert!(scenario_from_form(&exactly_100, None).is_ok());
}

#[test]
fn every_bad_field_is_reported_against_its_own_name() {
    let form = BetterOffForm {
        age: "".into(),
        offer_hours: "120".into(),
        current_pay: "twelve".into(),
        child_2: "2030-01-01".into(),
        child_3: "0000-03-02".into(),
        ..filled()
    };
    let found: Vec<String> = faults(&form).into_iter().map(|(f, _)| f).collect();
    assert_eq!(
        found,
        ["age", "child_2", "child_3", "current_pay", "offer_hours"]
    );
    assert_eq!(
        message(&form, "child_2"),
        "Child 2's date of birth must be on or before the date of the check"
    );
    assert_eq!(
        message(&form, "current_pay"),
        "Current hourly pay must be an amount in pounds and pence, like 14.90"
    );
}

#[test]
fn a_vacancy_that_cannot_be_used_is_listed_before_the_offer() {
    let form = BetterOffForm {
        offer_pay: "".into(),
        ..filled()
    };
    let fault = AppError::invalid("vacancy", "No open vacancy has that reference");
    let errors = scenario_from_form(&form, Some(&fault)).unwrap_err();
    let found: Vec<&str> = errors.faults().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(found, ["vacancy", "offer_pay"]);
}

#[test]
fn scenario_faults_map_back_to_form_fields() {
    assert_eq!(form_field_for("household.children[2].born_on"), "child_3");
    assert_eq!(form_field_for("offer.jobs[0].weekly_hours"), "offer_hours");
    assert_eq!(
        form_field_for("current.jobs[0].hourly_pay_pence"),
        "current_pay"
    );
    assert_eq!(form_field_for("date"), "date");
}
