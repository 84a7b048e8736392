//! Vacancy rules: the controlled lists, pay per hour, status changes and the Living Wage
//! check. Pure: dates and rates come in as arguments.

use chrono::NaiveDate;
use serde::Serialize;

use crate::rates::{LivingWageArea, Rates};
use crate::types::{code_list, Pence, WeeklyHours};

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

/// The working patterns a vacancy offers, as a set. Stored as an integer with one bit per
/// pattern, in the order of `Pattern::ALL`: add new patterns at the end, never between.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, diesel_derive_newtype::DieselNewType,
)]
pub struct Patterns(i32);

impl Patterns {
    fn bit(pattern: Pattern) -> i32 {
        let index = Pattern::ALL.iter().position(|p| *p == pattern).unwrap_or(0);
        1 << index
    }

    /// The set of one pattern, for asking which vacancies offer it.
    pub fn of(pattern: Pattern) -> Patterns {
        Patterns(Self::bit(pattern))
    }

    /// The stored bits.
    pub fn bits(self) -> i32 {
        self.0
    }

    /// Whether the set holds `pattern`.
    pub fn contains(self, pattern: Pattern) -> bool {
        self.0 & Self::bit(pattern) != 0
    }

    /// The patterns in the set, in the order forms offer them.
    pub fn to_vec(self) -> Vec<Pattern> {
        Pattern::ALL
            .iter()
            .copied()
            .filter(|p| self.contains(*p))
            .collect()
    }
}

impl FromIterator<Pattern> for Patterns {
    fn from_iter<I: IntoIterator<Item = Pattern>>(patterns: I) -> Patterns {
        Patterns(patterns.into_iter().fold(0, |bits, p| bits | Self::bit(p)))
    }
}

impl Serialize for Patterns {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_vec().serialize(serializer)
    }
}

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
    pay: Pence,
    pay_per: PayPer,
    hours_max: WeeklyHours,
    fte_hours: WeeklyHours,
) -> Option<Pence> {
    let weekly_hours = match pay_per {
        PayPer::Hour => return Some(pay),
        PayPer::Year => hours_max,
        PayPer::YearFte => fte_hours,
    }
    .hundredths();
    if weekly_hours <= 0 {
        return None;
    }
    // pay / (hours/100 × 52) = pay × 100 / (hours × 52)
    let hourly =
        crate::rates::div_round(i128::from(pay.get()) * 100, i128::from(weekly_hours) * 52);
    i64::try_from(hourly).ok().map(Pence::new)
}

/// The Living Wage check as at one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct LivingWageCheck {
    #[schema(value_type = String, format = Date)]
    pub as_at: NaiveDate,
    pub area: LivingWageArea,
    #[schema(value_type = i64)]
    pub living_wage_pence: Pence,
    pub meets_living_wage: bool,
    /// Hourly pay minus the Living Wage: a margin when positive, a shortfall when negative.
    #[schema(value_type = i64)]
    pub living_wage_difference_pence: Pence,
    #[schema(value_type = String, format = Date)]
    pub living_wage_pay_from: NaiveDate,
    #[schema(value_type = i64)]
    pub national_living_wage_pence: Pence,
    pub meets_national_living_wage: bool,
    #[schema(value_type = i64)]
    pub national_living_wage_difference_pence: Pence,
}

/// Checks hourly pay against the Living Wage for the area (London's inside Greater London)
/// and the National Living Wage, as at `date`.
pub fn living_wage_check(
    rates: &Rates,
    hourly_pay: Pence,
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
        living_wage_difference_pence: Pence::new(hourly_pay.get() - living.pence_per_hour.get()),
        living_wage_pay_from: living.pay_from,
        national_living_wage_pence: national,
        meets_national_living_wage: hourly_pay >= national,
        national_living_wage_difference_pence: Pence::new(hourly_pay.get() - national.get()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_pattern_bits_never_move() {
        // Rows on disk hold these bits: a reordered list would silently change them.
        assert_eq!(Patterns::of(Pattern::PartTime).bits(), 1);
        assert_eq!(Patterns::of(Pattern::SchoolHours).bits(), 4);
        assert_eq!(Patterns::of(Pattern::Remote).bits(), 1 << 10);
        let set: Patterns = [Pattern::Weekends, Pattern::PartTime, Pattern::PartTime]
            .into_iter()
            .collect();
        assert_eq!(set.to_vec(), vec![Pattern::PartTime, Pattern::Weekends]);
        assert!(!set.contains(Pattern::Hybrid));
    }

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
        assert_eq!(
            hourly_pay_pence(
                Pence::new(1385),
                PayPer::Hour,
                WeeklyHours::from_hundredths(1600).unwrap(),
                WeeklyHours::from_hundredths(3750).unwrap()
            ),
            Some(Pence::new(1385))
        );
        // £26,500 full-time at 37.5 hours = £13.59 an hour.
        assert_eq!(
            hourly_pay_pence(
                Pence::new(2_650_000),
                PayPer::YearFte,
                WeeklyHours::from_hundredths(1600).unwrap(),
                WeeklyHours::from_hundredths(3750).unwrap()
            ),
            Some(Pence::new(1359))
        );
        // £13,000 a year actually paid for 20 hours a week = £12.50 an hour.
        assert_eq!(
            hourly_pay_pence(
                Pence::new(1_300_000),
                PayPer::Year,
                WeeklyHours::from_hundredths(2000).unwrap(),
                WeeklyHours::from_hundredths(3750).unwrap()
            ),
            Some(Pence::new(1250))
        );
        assert_eq!(
            hourly_pay_pence(
                Pence::new(1_300_000),
                PayPer::Year,
                WeeklyHours::from_hundredths(0).unwrap(),
                WeeklyHours::from_hundredths(3750).unwrap()
            ),
            None
        );
    }

    #[test]
    fn the_living_wage_check_changes_on_the_announcement_date() {
        let rates = Rates::shipped().unwrap();
        let before = living_wage_check(&rates, Pence::new(1400), true, date(2025, 10, 21)).unwrap();
        assert_eq!(before.living_wage_pence, Pence::new(1385));
        assert!(before.meets_living_wage);
        let after = living_wage_check(&rates, Pence::new(1400), true, date(2025, 10, 22)).unwrap();
        assert_eq!(after.living_wage_pence, Pence::new(1480));
        assert!(!after.meets_living_wage);
        assert_eq!(after.living_wage_difference_pence, Pence::new(-80));
        let outside =
            living_wage_check(&rates, Pence::new(1400), false, date(2025, 10, 22)).unwrap();
        assert_eq!(outside.area, LivingWageArea::Uk);
        assert!(outside.meets_living_wage);
        // The National Living Wage changes on 1 April.
        let nlw_before =
            living_wage_check(&rates, Pence::new(1250), true, date(2026, 3, 31)).unwrap();
        let nlw_after =
            living_wage_check(&rates, Pence::new(1250), true, date(2026, 4, 1)).unwrap();
        assert!(nlw_before.meets_national_living_wage && !nlw_after.meets_national_living_wage);
    }
}
