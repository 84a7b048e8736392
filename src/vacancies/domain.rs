//! Vacancy rules: the controlled lists, pay per hour, status changes and the Living Wage
//! check. Pure: dates and rates come in as arguments.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::rates::{LivingWageArea, Rates};

macro_rules! code_list {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $code:literal, $label:literal;)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)* }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code.trim() { $($code => Some($name::$variant),)* _ => None }
            }

            /// (code, label) pairs, for a form's choices.
            pub fn choices() -> Vec<(&'static str, &'static str)> {
                Self::ALL.iter().map(|v| (v.code(), v.label())).collect()
            }

            /// Every code, for error messages.
            pub fn codes() -> String {
                [$($code),*].join(", ")
            }
        }
    };
}

code_list!(
    /// The sector a vacancy is in.
    Sector {
        Retail => "retail", "Retail";
        Hospitality => "hospitality", "Hospitality";
        Cleaning => "cleaning", "Cleaning";
        Care => "care", "Care";
        Health => "health", "Health";
        Administration => "administration", "Administration";
        Construction => "construction", "Construction";
        Creative => "creative", "Creative";
        Education => "education", "Education";
        TransportLogistics => "transport_logistics", "Transport and logistics";
        LocalGovernment => "local_government", "Local government";
        It => "it", "IT";
        CustomerService => "customer_service", "Customer service";
        Warehousing => "warehousing", "Warehousing";
        Security => "security", "Security";
        Childcare => "childcare", "Childcare";
        Other => "other", "Other";
    }
);

code_list!(
    /// A working pattern a vacancy offers.
    Pattern {
        PartTime => "part_time", "Part time";
        JobShare => "job_share", "Job share";
        SchoolHours => "school_hours", "School hours";
        TermTime => "term_time", "Term time";
        CompressedHours => "compressed_hours", "Compressed hours";
        AnnualisedHours => "annualised_hours", "Annualised hours";
        FlexibleStart => "flexible_start", "Flexible start";
        Evenings => "evenings", "Evenings";
        Weekends => "weekends", "Weekends";
        Hybrid => "hybrid", "Hybrid";
        Remote => "remote", "Remote";
    }
);

code_list!(
    /// What `pay_pence` is per.
    PayPer {
        Hour => "hour", "an hour";
        Year => "year", "a year (actual, for the hours)";
        YearFte => "year_fte", "a year full-time (pro rata)";
    }
);

code_list!(
    /// Where a vacancy is in its life.
    Status {
        Draft => "draft", "Draft";
        Open => "open", "Open";
        Paused => "paused", "Paused";
        Filled => "filled", "Filled";
        Closed => "closed", "Closed";
    }
);

impl Status {
    /// Whether a vacancy may move from `self` to `to`. Filled and closed are final.
    pub fn may_become(self, to: Status) -> bool {
        use Status::*;
        matches!(
            (self, to),
            (Draft, Open)
                | (Draft, Closed)
                | (Open, Paused)
                | (Open, Filled)
                | (Open, Closed)
                | (Paused, Open)
                | (Paused, Filled)
                | (Paused, Closed)
        )
    }

    /// The status everyone sees: an open vacancy past its closing date counts as closed.
    pub fn effective(self, closes_on: Option<NaiveDate>, today: NaiveDate) -> Status {
        match (self, closes_on) {
            (Status::Open, Some(closes)) if closes < today => Status::Closed,
            _ => self,
        }
    }
}

/// Hourly pay in pence from pay as entered. `hours_max` and `fte_hours` are hundredths of
/// an hour a week. Annual pay becomes hourly over 52 weeks, rounded to the nearest penny.
pub fn hourly_pay_pence(
    pay_pence: i64,
    pay_per: PayPer,
    hours_max: i64,
    fte_hours: i64,
) -> Option<i64> {
    let weekly_hours = match pay_per {
        PayPer::Hour => return Some(pay_pence),
        PayPer::Year => hours_max,
        PayPer::YearFte => fte_hours,
    };
    if weekly_hours <= 0 {
        return None;
    }
    // pay / (hours/100 × 52) = pay × 100 / (hours × 52)
    Some(crate::rates::div_round(i128::from(pay_pence) * 100, i128::from(weekly_hours) * 52) as i64)
}

/// The Living Wage check as at one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct LivingWageCheck {
    #[schema(value_type = String, format = Date)]
    pub as_at: NaiveDate,
    pub area: LivingWageArea,
    pub living_wage_pence: i64,
    pub meets_living_wage: bool,
    /// Hourly pay minus the Living Wage: a margin when positive, a shortfall when negative.
    pub living_wage_difference_pence: i64,
    #[schema(value_type = String, format = Date)]
    pub living_wage_pay_from: NaiveDate,
    pub national_living_wage_pence: i64,
    pub meets_national_living_wage: bool,
    pub national_living_wage_difference_pence: i64,
}

/// Checks hourly pay against the Living Wage for the area (London's inside Greater London)
/// and the National Living Wage, as at `date`.
pub fn living_wage_check(
    rates: &Rates,
    hourly_pay: i64,
    in_greater_london: bool,
    date: NaiveDate,
) -> Result<LivingWageCheck, String> {
    let area = if in_greater_london {
        LivingWageArea::London
    } else {
        LivingWageArea::Uk
    };
    let living = rates.living_wage.as_at(area, date)?;
    let (national, _) = rates.minimum_wage.national_living_wage(date)?;
    Ok(LivingWageCheck {
        as_at: date,
        area,
        living_wage_pence: living.pence_per_hour,
        meets_living_wage: hourly_pay >= living.pence_per_hour,
        living_wage_difference_pence: hourly_pay - living.pence_per_hour,
        living_wage_pay_from: living.pay_from,
        national_living_wage_pence: national,
        meets_national_living_wage: hourly_pay >= national,
        national_living_wage_difference_pence: hourly_pay - national,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn only_valid_status_changes_are_allowed() {
        use Status::*;
        assert!(Draft.may_become(Open));
        assert!(Open.may_become(Paused) && Paused.may_become(Open));
        assert!(Open.may_become(Filled));
        assert!(!Closed.may_become(Open));
        assert!(!Filled.may_become(Open));
        assert!(!Open.may_become(Draft));
        assert!(!Open.may_become(Open));
    }

    #[test]
    fn an_open_vacancy_past_its_closing_date_counts_as_closed() {
        let today = date(2026, 11, 23);
        assert_eq!(
            Status::Open.effective(Some(date(2026, 11, 22)), today),
            Status::Closed
        );
        assert_eq!(Status::Open.effective(Some(today), today), Status::Open);
        assert_eq!(
            Status::Paused.effective(Some(date(2026, 1, 1)), today),
            Status::Paused
        );
    }

    #[test]
    fn annual_pay_becomes_hourly_over_the_hours_given() {
        assert_eq!(hourly_pay_pence(1385, PayPer::Hour, 1600, 3750), Some(1385));
        // £26,500 full-time at 37.5 hours = £13.59 an hour.
        assert_eq!(
            hourly_pay_pence(2_650_000, PayPer::YearFte, 1600, 3750),
            Some(1359)
        );
        // £13,000 a year actually paid for 20 hours a week = £12.50 an hour.
        assert_eq!(
            hourly_pay_pence(1_300_000, PayPer::Year, 2000, 3750),
            Some(1250)
        );
        assert_eq!(hourly_pay_pence(1_300_000, PayPer::Year, 0, 3750), None);
    }

    #[test]
    fn the_living_wage_check_changes_on_the_announcement_date() {
        let rates = Rates::shipped().unwrap();
        let before = living_wage_check(&rates, 1400, true, date(2025, 10, 21)).unwrap();
        assert_eq!(before.living_wage_pence, 1385);
        assert!(before.meets_living_wage);
        let after = living_wage_check(&rates, 1400, true, date(2025, 10, 22)).unwrap();
        assert_eq!(after.living_wage_pence, 1480);
        assert!(!after.meets_living_wage);
        assert_eq!(after.living_wage_difference_pence, -80);
        let outside = living_wage_check(&rates, 1400, false, date(2025, 10, 22)).unwrap();
        assert_eq!(outside.area, LivingWageArea::Uk);
        assert!(outside.meets_living_wage);
        // The National Living Wage changes on 1 April.
        let nlw_before = living_wage_check(&rates, 1250, true, date(2026, 3, 31)).unwrap();
        let nlw_after = living_wage_check(&rates, 1250, true, date(2026, 4, 1)).unwrap();
        assert!(nlw_before.meets_national_living_wage && !nlw_after.meets_national_living_wage);
    }
}
