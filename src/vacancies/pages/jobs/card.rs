//! How a vacancy reads to the public, on a card in the list and on its own page: pay by
//! the hour and the year, the distance in miles, the closing date in words, the place, and
//! whether this job pays the real Living Wage.

use chrono::NaiveDate;
use serde::Serialize;

use crate::rates::div_round;
use crate::rates::LivingWageArea;
use crate::types::{Pence, WeeklyHours};
use crate::vacancies::domain::PayPer;
use crate::vacancies::view::VacancyView;

/// Kilometres in a mile (exactly, by the international yard).
const KM_PER_MILE: f64 = 1.609_344;

/// `miles` in km, for the search (which works in km, as the API does).
pub fn km_of_miles(miles: u32) -> f64 {
    f64::from(miles) * KM_PER_MILE
}

/// A distance as the public reads it: "0.8 miles", "1 mile", "12.4 miles".
pub fn miles_of_km(km: f64) -> String {
    let tenths = (km / KM_PER_MILE * 10.0).round() / 10.0;
    if tenths == 1.0 {
        "1 mile".into()
    } else {
        format!("{tenths:.1} miles")
    }
}

/// A date as GOV.UK writes it: "31 December 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// Whole pounds with thousands separators: "£29,055".
fn whole_pounds(pence: i128) -> String {
    let pounds = div_round(pence, 100);
    let pence = i64::try_from(pounds.saturating_mul(100)).unwrap_or(i64::MAX);
    let shown = Pence::new(pence).to_string();
    shown.strip_suffix(".00").unwrap_or(&shown).to_string()
}

/// Pay over a year of `hours` a week: hourly pay × hours × 52 weeks, in pence.
fn a_year_at(hourly: Pence, hours: WeeklyHours) -> i128 {
    div_round(
        i128::from(hourly.get()) * i128::from(hours.hundredths()) * 52,
        100,
    )
}

/// The pay in words, by the hour and by the year, saying the hours the year assumes:
/// "£14.90 an hour (about £29,055 a year at 37.5 hours a week)". A year is 52 weeks of the
/// most hours the job offers.
pub fn pay_words(vacancy: &VacancyView) -> String {
    let hourly = vacancy.hourly_pay_pence;
    let hours = vacancy.hours_max;
    match vacancy.pay_per {
        PayPer::Hour => format!(
            "{hourly} an hour (about {} a year at {hours} hours a week)",
            whole_pounds(a_year_at(hourly, hours))
        ),
        PayPer::Year => format!(
            "{} a year for {hours} hours a week (about {hourly} an hour)",
            whole_pounds(i128::from(vacancy.pay_pence.get()))
        ),
        PayPer::YearFte => format!(
            "{hourly} an hour (about {} a year at {hours} hours a week; {} a year full time, \
             at {} hours)",
            whole_pounds(a_year_at(hourly, hours)),
            whole_pounds(i128::from(vacancy.pay_pence.get())),
            vacancy.fte_hours
        ),
    }
}

/// The place a job is, as far as we know it: the postcode district, since the postcode
/// data we hold has no town names. "SW9" for "SW9 8QE".
pub fn district(vacancy: &VacancyView) -> Option<String> {
    let postcode = vacancy.postcode.as_deref()?;
    Some(postcode.split(' ').next().unwrap_or(postcode).to_string())
}

/// What the page says about this job and the real Living Wage, as at today.
#[derive(Debug, Clone, Serialize)]
pub struct LivingWageWords {
    /// Whether this job pays at least the Living Wage for its area.
    pub meets: bool,
    /// "the real London Living Wage" or "the real Living Wage".
    pub name: &'static str,
    /// The rate, "£14.80".
    pub rate: String,
    /// How far above or below the rate the job pays, "£0.10".
    pub difference: String,
    /// The date the rate is as at, in words.
    pub as_at: String,
}

pub fn living_wage_words(vacancy: &VacancyView) -> Option<LivingWageWords> {
    let check = vacancy.living_wage.as_ref()?;
    Some(LivingWageWords {
        meets: check.meets_living_wage,
        name: match check.area {
            LivingWageArea::London => "the real London Living Wage",
            LivingWageArea::Uk => "the real Living Wage",
        },
        rate: check.living_wage_pence.to_string(),
        difference: check.living_wage_difference_pence.abs().to_string(),
        as_at: long_date(check.as_at),
    })
}

/// A vacancy with the words the public pages show for it.
#[derive(Serialize)]
pub struct JobCard {
    pub vacancy: VacancyView,
    pub pay: String,
    pub distance: Option<String>,
    pub district: Option<String>,
    /// The district with its postcode area's name: "London SW9", "BR6, Bromley area".
    pub place: Option<String>,
    pub closes: Option<String>,
    pub living_wage: Option<LivingWageWords>,
    /// The employer is an accredited Living Wage employer but this job pays below the
    /// Living Wage: the badge must not stand beside it without saying so.
    pub accredited_but_below: bool,
    /// The jobs page's query for open jobs like this one: its sector, near its workplace.
    pub similar: String,
}

impl JobCard {
    pub fn new(vacancy: VacancyView, distance_km: Option<f64>) -> JobCard {
        let living_wage = living_wage_words(&vacancy);
        let mut similar = vec![("sector", vacancy.sector.code())];
        if let (Some(postcode), false) = (vacancy.postcode.as_deref(), vacancy.remote) {
            similar.push(("near", postcode));
        }
        let similar = serde_urlencoded::to_string(similar).unwrap_or_default();
        JobCard {
            similar,
            pay: pay_words(&vacancy),
            distance: distance_km.map(miles_of_km),
            district: district(&vacancy),
            place: district(&vacancy).map(|d| crate::geo::areas::place_of(&d)),
            closes: vacancy.closes_on.map(long_date),
            accredited_but_below: vacancy.employer_living_wage_accredited
                && living_wage.as_ref().is_some_and(|lw| !lw.meets),
            living_wage,
            vacancy,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_is_52_weeks_of_the_most_hours_rounded_to_the_pound() {
        assert_eq!(
            whole_pounds(a_year_at(Pence::new(1490), WeeklyHours::FULL_TIME)),
            "£29,055"
        );
        // £12.21 × 16.5 × 52 = £10,476.18
        let hours = WeeklyHours::parse("16.5", "hours").unwrap();
        assert_eq!(whole_pounds(a_year_at(Pence::new(1221), hours)), "£10,476");
    }

    #[test]
    fn distances_are_in_miles_to_a_tenth() {
        assert_eq!(miles_of_km(1.3), "0.8 miles");
        assert_eq!(miles_of_km(1.609_344), "1 mile");
        assert_eq!(miles_of_km(32.0), "19.9 miles");
        assert!((km_of_miles(5) - 8.046_72).abs() < 1e-9);
    }

    #[test]
    fn dates_read_as_gov_uk_writes_them() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(long_date(date), "1 December 2026");
    }
}
