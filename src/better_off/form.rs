//! The better-off page's form: what an adviser types, turned into a scenario. Amounts are in
//! pounds, hours in hours; every fault is reported against the form field it came from.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::scenario::{
    child_birth_fault, AdultInput, ChildInput, HouseholdInput, JobInput, ScenarioInput,
    SituationInput,
};
use crate::error::AppError;
use crate::outcomes::Contract;
use crate::types::{Pence, WeeklyHours};

/// How many children the form has room for.
pub const CHILD_FIELDS: usize = 4;

/// The form as submitted (or as first shown, with defaults).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct BetterOffForm {
    /// A posted vacancy to take the offer from (its public reference).
    pub vacancy: String,
    pub date: String,
    pub age: String,
    pub partner: Option<String>,
    pub partner_age: String,
    pub partner_earnings: String,
    pub child_1: String,
    pub child_2: String,
    pub child_3: String,
    pub child_4: String,
    pub claims_uc: Option<String>,
    pub housing: String,
    pub other_income: String,
    pub current_pay: String,
    pub current_hours: String,
    pub current_contract: String,
    pub current_childcare: String,
    pub current_travel: String,
    pub offer_pay: String,
    pub offer_hours: String,
    pub offer_contract: String,
    pub offer_childcare: String,
    pub offer_travel: String,
}

impl BetterOffForm {
    /// A blank form dated `today`, claiming UC, with zero costs.
    pub fn blank(today: NaiveDate) -> BetterOffForm {
        BetterOffForm {
            date: today.to_string(),
            claims_uc: Some("yes".into()),
            housing: "0".into(),
            other_income: "0".into(),
            current_childcare: "0".into(),
            current_travel: "0".into(),
            offer_childcare: "0".into(),
            offer_travel: "0".into(),
            ..BetterOffForm::default()
        }
    }

    fn children(&self) -> [(&'static str, &str); CHILD_FIELDS] {
        [
            ("child_1", &self.child_1),
            ("child_2", &self.child_2),
            ("child_3", &self.child_3),
            ("child_4", &self.child_4),
        ]
    }
}

/// Every field fault at once, so the adviser can fix them in one go.
#[derive(Debug, Default)]
pub struct FormErrors(pub HashMap<String, String>);

impl FormErrors {
    fn take<T>(&mut self, result: Result<T, AppError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                let field = e.field().unwrap_or("form").to_string();
                self.0.entry(field).or_insert_with(|| e.to_string());
                None
            }
        }
    }
}

fn plain(message: String, field: &str) -> String {
    message
        .trim_start_matches(&format!("{field}: "))
        .to_string()
}

fn required<'a>(raw: &'a str, field: &str, what: &str) -> Result<&'a str, AppError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        Err(AppError::invalid(field, format!("Enter {what}.")))
    } else {
        Ok(trimmed)
    }
}

fn pounds(raw: &str, field: &str, what: &str) -> Result<Pence, AppError> {
    let text = if raw.trim().is_empty() { "0" } else { raw };
    Pence::parse(text, field).map_err(|e| {
        AppError::invalid(
            field,
            format!(
                "Enter {what} in pounds, like 13.85 ({}).",
                plain(e.to_string(), field)
            ),
        )
    })
}

fn age(raw: &str, field: &str) -> Result<i64, AppError> {
    let text = required(raw, field, "an age in years")?;
    text.parse::<i64>()
        .ok()
        .filter(|a| (16..=120).contains(a))
        .ok_or_else(|| AppError::invalid(field, "Enter an age from 16 to 120."))
}

fn date(raw: &str, field: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::invalid(field, "Enter a date like 2026-11-23."))
}

fn contract(raw: &str) -> Option<Contract> {
    Contract::from_code(raw)
}

fn job(pay_raw: &str, hours_raw: &str, prefix: &str, errors: &mut FormErrors) -> Vec<JobInput> {
    let pay_field = format!("{prefix}_pay");
    let hours_field = format!("{prefix}_hours");
    let hours_text = if hours_raw.trim().is_empty() {
        "0"
    } else {
        hours_raw.trim()
    };
    let hours = errors.take(
        WeeklyHours::parse(hours_text, hours_field.as_str()).map_err(|e| {
            AppError::invalid(
                &hours_field,
                format!(
                    "Enter hours a week from 0 to 100, like 16.5 ({}).",
                    plain(e.to_string(), &hours_field)
                ),
            )
        }),
    );
    let pay = errors.take(pounds(pay_raw, &pay_field, "the hourly pay"));
    match (pay, hours) {
        (Some(pay), Some(hours)) if hours > WeeklyHours::default() => vec![JobInput {
            hourly_pay_pence: pay,
            weekly_hours: hours,
        }],
        _ => vec![],
    }
}

/// Turns the form into a scenario, or every fault keyed by form field.
pub fn scenario_from_form(form: &BetterOffForm) -> Result<ScenarioInput, FormErrors> {
    let mut errors = FormErrors::default();
    let when = errors.take(date(&form.date, "date"));
    let candidate_age = errors.take(age(&form.age, "age"));
    let mut adults = vec![AdultInput {
        age: candidate_age.unwrap_or(30),
        monthly_earnings_pence: Pence::ZERO,
    }];
    if form.partner.is_some() {
        let partner_age = errors.take(age(&form.partner_age, "partner_age"));
        let earnings = errors.take(pounds(
            &form.partner_earnings,
            "partner_earnings",
            "the partner's monthly earnings",
        ));
        adults.push(AdultInput {
            age: partner_age.unwrap_or(30),
            monthly_earnings_pence: earnings.unwrap_or(Pence::ZERO),
        });
    }
    let mut children = Vec::new();
    for (field, raw) in form.children() {
        if raw.trim().is_empty() {
            continue;
        }
        if let Some(born_on) = errors.take(date(raw, field)) {
            if let Some(fault) = when.and_then(|d| child_birth_fault(born_on, d)) {
                errors.take::<()>(Err(AppError::invalid(field, fault)));
            }
            children.push(ChildInput { born_on });
        }
    }
    let housing = errors.take(pounds(
        &form.housing,
        "housing",
        "the eligible housing costs",
    ));
    let other = errors.take(pounds(&form.other_income, "other_income", "other income"));
    let mut situation = |prefix: &str,
                         pay: &str,
                         hours: &str,
                         contract_raw: &str,
                         childcare: &str,
                         travel: &str| SituationInput {
        jobs: job(pay, hours, prefix, &mut errors),
        childcare_weekly_pence: errors
            .take(pounds(
                childcare,
                &format!("{prefix}_childcare"),
                "the weekly childcare cost",
            ))
            .unwrap_or(Pence::ZERO),
        travel_weekly_pence: errors
            .take(pounds(
                travel,
                &format!("{prefix}_travel"),
                "the weekly travel cost",
            ))
            .unwrap_or(Pence::ZERO),
        contract: contract(contract_raw),
    };
    let current = situation(
        "current",
        &form.current_pay,
        &form.current_hours,
        &form.current_contract,
        &form.current_childcare,
        &form.current_travel,
    );
    let offer = situation(
        "offer",
        &form.offer_pay,
        &form.offer_hours,
        &form.offer_contract,
        &form.offer_childcare,
        &form.offer_travel,
    );
    if offer.jobs.is_empty()
        && !errors.0.contains_key("offer_hours")
        && !errors.0.contains_key("offer_pay")
    {
        errors.take::<()>(Err(AppError::invalid(
            "offer_hours",
            "Enter the hours a week of the job on offer.",
        )));
    }
    match (when, errors.0.is_empty()) {
        (Some(date), true) => Ok(ScenarioInput {
            date,
            household: HouseholdInput {
                adults,
                children,
                claims_universal_credit: form.claims_uc.is_some(),
                eligible_housing_costs_monthly_pence: housing.unwrap_or(Pence::ZERO),
                other_income_monthly_pence: other.unwrap_or(Pence::ZERO),
            },
            current,
            offer,
            outcome_hours: None,
        }),
        _ => Err(errors),
    }
}

/// Where on the form a fault found in the scenario belongs.
pub fn form_field_for(scenario_field: &str) -> String {
    match scenario_field {
        "household.adults[0].age" => "age".into(),
        "household.adults[1].age" => "partner_age".into(),
        "household.adults[1].monthly_earnings_pence" => "partner_earnings".into(),
        "household.eligible_housing_costs_monthly_pence" => "housing".into(),
        "household.other_income_monthly_pence" => "other_income".into(),
        other => {
            for side in ["current", "offer"] {
                if other.starts_with(&format!("{side}.jobs"))
                    && other.ends_with(".hourly_pay_pence")
                {
                    return format!("{side}_pay");
                }
                if other.starts_with(&format!("{side}.jobs")) {
                    return format!("{side}_hours");
                }
                if other == format!("{side}.childcare_weekly_pence") {
                    return format!("{side}_childcare");
                }
                if other == format!("{side}.travel_weekly_pence") {
                    return format!("{side}_travel");
                }
            }
            if let Some(rest) = other.strip_prefix("household.children[") {
                let index: usize = rest
                    .split(']')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                return format!("child_{}", index + 1);
            }
            "date".into()
        }
    }
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn a_filled_form_becomes_a_scenario_in_pence_and_exact_hours() {
        let scenario = scenario_from_form(&filled()).unwrap();
        assert_eq!(scenario.current.jobs[0].hourly_pay_pence, Pence::new(1271));
        assert_eq!(scenario.offer.jobs[0].weekly_hours.to_string(), "22.5");
        assert_eq!(scenario.offer.childcare_weekly_pence, Pence::new(4500));
        assert_eq!(scenario.offer.contract, Some(Contract::Permanent));
        assert!(scenario.household.claims_universal_credit);
        assert_eq!(scenario.household.children.len(), 1);
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
        let errors = scenario_from_form(&form).unwrap_err().0;
        for field in ["age", "offer_hours", "current_pay", "child_2", "child_3"] {
            assert!(
                errors.contains_key(field),
                "{field} missing from {errors:?}"
            );
        }
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
}
