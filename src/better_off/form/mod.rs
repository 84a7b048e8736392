//! The better-off page's form: what an adviser types, turned into a scenario. Amounts are in
//! pounds, hours in hours; every fault is reported at once, against the form field it came
//! from and in words that use the field's label.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::scenario::{
    child_birth_fault, AdultInput, ChildInput, HouseholdInput, JobInput, ScenarioInput,
    SituationInput,
};
use crate::error::AppError;
use crate::outcomes::Contract;
use crate::types::{Field, Pence, WeeklyHours};
use crate::web::FormErrors;

/// How many children the form has room for.
pub const CHILD_FIELDS: usize = 4;

/// An hourly pay above this is more likely a slip (a comma, a missing full stop, an annual
/// salary) than a real wage, so the adviser is asked to confirm it.
pub const PAY_TO_CONFIRM: Pence = Pence::new(10_000);

/// The most any amount on the form may be, as the calculation takes.
const MOST_MONEY: Pence = Pence::new(100_000_000);

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
    /// The current hourly pay the adviser confirmed, when above `PAY_TO_CONFIRM`: a pay
    /// changed after confirming is asked about again.
    pub current_pay_confirmed: Option<String>,
    pub current_hours: String,
    pub current_contract: String,
    pub current_childcare: String,
    pub current_travel: String,
    pub offer_pay: String,
    pub offer_pay_confirmed: Option<String>,
    pub offer_hours: String,
    pub offer_contract: String,
    pub offer_childcare: String,
    pub offer_travel: String,
}

const DATE: Field<'static> = Field::new("date", "Date of the check");
const AGE: Field<'static> = Field::new("age", "Candidate's age");
const PARTNER_AGE: Field<'static> = Field::new("partner_age", "Partner's age");
const PARTNER_EARNINGS: Field<'static> = Field::new("partner_earnings", "Partner's earnings");
const HOUSING: Field<'static> = Field::new("housing", "Eligible housing costs");
const OTHER_INCOME: Field<'static> = Field::new("other_income", "Other income");
const CHILDREN: [Field<'static>; CHILD_FIELDS] = [
    Field::new("child_1", "Child 1's date of birth"),
    Field::new("child_2", "Child 2's date of birth"),
    Field::new("child_3", "Child 3's date of birth"),
    Field::new("child_4", "Child 4's date of birth"),
];

/// The fields of one job, now or on offer.
struct Side {
    pay: Field<'static>,
    /// The checkbox that confirms a high pay.
    confirmed: &'static str,
    hours: Field<'static>,
    childcare: Field<'static>,
    travel: Field<'static>,
    /// Whether someone may be out of work on this side (no pay, no hours).
    may_be_empty: bool,
}

const CURRENT: Side = Side {
    pay: Field::new("current_pay", "Current hourly pay"),
    confirmed: "current_pay_confirmed",
    hours: Field::new("current_hours", "Current hours a week"),
    childcare: Field::new("current_childcare", "Current childcare costs"),
    travel: Field::new("current_travel", "Current travel costs"),
    may_be_empty: true,
};

const OFFER: Side = Side {
    pay: Field::new("offer_pay", "Offered hourly pay"),
    confirmed: "offer_pay_confirmed",
    hours: Field::new("offer_hours", "Offered hours a week"),
    childcare: Field::new("offer_childcare", "Childcare costs with the offer"),
    travel: Field::new("offer_travel", "Travel costs with the offer"),
    may_be_empty: false,
};

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

    fn children(&self) -> [&str; CHILD_FIELDS] {
        [&self.child_1, &self.child_2, &self.child_3, &self.child_4]
    }

    /// Which hourly pays are high enough to be confirmed: the page shows their checkboxes.
    pub fn high_pay(&self) -> HighPay {
        let high = |raw: &str| Pence::parse(raw, "pay").is_ok_and(|p| p > PAY_TO_CONFIRM);
        HighPay {
            current: high(&self.current_pay),
            offer: high(&self.offer_pay),
        }
    }
}

/// The hourly pays above `PAY_TO_CONFIRM`, now and on offer.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct HighPay {
    pub current: bool,
    pub offer: bool,
}

/// Collects every fault while the form is read.
#[derive(Default)]
struct Reader {
    errors: FormErrors,
}

impl Reader {
    fn take<T>(&mut self, result: Result<T, AppError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                for fault in e.field_faults() {
                    self.errors.add(fault.field, fault.message);
                }
                None
            }
        }
    }
}

fn blank(raw: &str) -> bool {
    raw.trim().is_empty()
}

/// An amount in pounds; an optional one left empty is nothing.
fn money(raw: &str, field: Field<'_>, required: bool) -> Result<Pence, AppError> {
    if blank(raw) {
        return if required {
            Err(field.enter())
        } else {
            Ok(Pence::ZERO)
        };
    }
    let amount = Pence::parse(raw, field)?;
    if amount > MOST_MONEY {
        return Err(field.fault(format!("{} must be £1,000,000 or less", field.label)));
    }
    Ok(amount)
}

/// Weekly hours; optional ones left empty are none.
fn hours(raw: &str, field: Field<'_>, required: bool) -> Result<WeeklyHours, AppError> {
    if blank(raw) {
        return if required {
            Err(field.enter())
        } else {
            Ok(WeeklyHours::default())
        };
    }
    WeeklyHours::parse(raw, field).map_err(|e| {
        // Floating point only to word the message; the hours themselves are read exactly.
        match raw.trim().parse::<f64>() {
            Ok(typed) if typed > 100.0 => {
                field.fault(format!("{} must be 100 or fewer", field.label))
            }
            _ => e,
        }
    })
}

fn age(raw: &str, field: Field<'_>, enter: &str) -> Result<i64, AppError> {
    if blank(raw) {
        return Err(field.fault(enter));
    }
    let years: i64 = raw.trim().parse().map_err(|_| {
        field.fault(format!(
            "{} must be a whole number of years, like 32",
            field.label
        ))
    })?;
    if (16..=120).contains(&years) {
        Ok(years)
    } else {
        Err(field.fault(format!("{} must be between 16 and 120", field.label)))
    }
}

fn date(raw: &str, field: Field<'_>) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| field.fault(format!("{} must be a real date", field.label)))
}

fn child(raw: &str, field: Field<'_>, when: Option<NaiveDate>) -> Result<NaiveDate, AppError> {
    let born_on = date(raw, field)?;
    match when {
        Some(when) if child_birth_fault(born_on, when).is_some() => {
            Err(field.fault(if born_on > when {
                format!("{} must be on or before the date of the check", field.label)
            } else {
                format!(
                    "{} must not be more than {} years before the date of the check: only dependent children count",
                    field.label,
                    super::scenario::OLDEST_CHILD_YEARS
                )
            }))
        }
        _ => Ok(born_on),
    }
}

/// The costs and (if any) job of one side. Someone out of work now leaves the current
/// hours empty or 0; the offer always has pay and hours.
fn situation(
    reader: &mut Reader,
    side: &Side,
    (pay_raw, confirmed, hours_raw, contract, childcare, travel): (
        &str,
        Option<&str>,
        &str,
        &str,
        &str,
        &str,
    ),
) -> SituationInput {
    // Read in page order, pay first, though whether pay is needed depends on the hours.
    let typed_hours = hours(hours_raw, side.hours, !side.may_be_empty);
    let out_of_work = side.may_be_empty
        && typed_hours
            .as_ref()
            .is_ok_and(|h| *h == WeeklyHours::default());
    let pay = reader.take(money(pay_raw, side.pay, !out_of_work));
    let confirmed = confirmed.and_then(|c| Pence::parse(c, side.pay).ok());
    if let Some(pay) = pay.filter(|p| *p > PAY_TO_CONFIRM && confirmed != Some(*p)) {
        reader.take::<()>(Err(side.pay.fault(format!(
            "{} of {pay} an hour is unusually high: check it, and tick ‘Yes, the pay is right’ if it is",
            side.pay.label
        ))));
        reader.errors.anchor(side.pay.code, side.confirmed);
    }
    let hours = reader.take(typed_hours);
    if !side.may_be_empty && hours == Some(WeeklyHours::default()) {
        reader.take::<()>(Err(side
            .hours
            .fault(format!("{} must be more than 0", side.hours.label))));
    }
    let jobs = match (pay, hours) {
        (Some(pay), Some(hours)) if hours > WeeklyHours::default() => vec![JobInput {
            hourly_pay_pence: pay,
            weekly_hours: hours,
        }],
        _ => vec![],
    };
    SituationInput {
        jobs,
        childcare_weekly_pence: reader
            .take(money(childcare, side.childcare, false))
            .unwrap_or(Pence::ZERO),
        travel_weekly_pence: reader
            .take(money(travel, side.travel, false))
            .unwrap_or(Pence::ZERO),
        contract: Contract::from_code(contract),
    }
}

/// Turns the form into a scenario, or every fault in the order of the page: `vacancy` is
/// why the posted vacancy named could not be used, if it could not.
pub fn scenario_from_form(
    form: &BetterOffForm,
    vacancy: Option<&AppError>,
) -> Result<ScenarioInput, FormErrors> {
    let mut reader = Reader::default();
    let when = if blank(&form.date) {
        reader.take(Err(DATE.fault("Enter the date of the check")))
    } else {
        reader.take(date(&form.date, DATE))
    };
    let candidate_age = reader.take(age(&form.age, AGE, "Enter the candidate's age"));
    let mut adults = vec![AdultInput {
        age: candidate_age.unwrap_or(30),
        monthly_earnings_pence: Pence::ZERO,
    }];
    if form.partner.is_some() {
        let partner_age = reader.take(age(
            &form.partner_age,
            PARTNER_AGE,
            "Enter the partner's age",
        ));
        let earnings = reader.take(money(&form.partner_earnings, PARTNER_EARNINGS, false));
        adults.push(AdultInput {
            age: partner_age.unwrap_or(30),
            monthly_earnings_pence: earnings.unwrap_or(Pence::ZERO),
        });
    }
    let mut children = Vec::new();
    for (field, raw) in CHILDREN.into_iter().zip(form.children()) {
        if !blank(raw) {
            if let Some(born_on) = reader.take(child(raw, field, when)) {
                children.push(ChildInput { born_on });
            }
        }
    }
    let housing = reader.take(money(&form.housing, HOUSING, false));
    let other = reader.take(money(&form.other_income, OTHER_INCOME, false));
    let current = situation(
        &mut reader,
        &CURRENT,
        (
            &form.current_pay,
            form.current_pay_confirmed.as_deref(),
            &form.current_hours,
            &form.current_contract,
            &form.current_childcare,
            &form.current_travel,
        ),
    );
    for fault in vacancy.map(AppError::field_faults).unwrap_or_default() {
        reader.errors.add(fault.field, fault.message);
    }
    let offer = situation(
        &mut reader,
        &OFFER,
        (
            &form.offer_pay,
            form.offer_pay_confirmed.as_deref(),
            &form.offer_hours,
            &form.offer_contract,
            &form.offer_childcare,
            &form.offer_travel,
        ),
    );
    match (when, reader.errors.is_empty()) {
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
        _ => Err(reader.errors),
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
mod tests;
