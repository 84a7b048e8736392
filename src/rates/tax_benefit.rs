//! Income tax, National Insurance and Universal Credit parameters, by the date each value
//! took effect, and the snapshot of them in force on a given date.

use std::collections::BTreeMap;
use std::fmt;

use anyhow::{anyhow, bail, Context};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::parameters::{INFORMATIVE, REQUIRED};

/// A UK tax year, 6 April to 5 April, named by the year it starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TaxYear(pub i32);

impl TaxYear {
    /// The tax year `date` falls in.
    pub fn containing(date: NaiveDate) -> TaxYear {
        let start = NaiveDate::from_ymd_opt(date.year(), 4, 6).unwrap_or(date);
        if date >= start {
            TaxYear(date.year())
        } else {
            TaxYear(date.year() - 1)
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 4, 6).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 4, 5).unwrap_or(NaiveDate::MAX)
    }
}

impl fmt::Display for TaxYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.0, (self.0 + 1) % 100)
    }
}

#[derive(Debug, Deserialize)]
struct Row {
    parameter: String,
    effective_from: NaiveDate,
    value: String,
    unit: String,
    #[serde(rename = "source")]
    _source: String,
}

/// One parameter's values over time: `None` is "no limit".
type Series = Vec<(NaiveDate, Option<i64>)>;

/// The tax and benefit parameters, validated: every required one present from the first
/// date covered, no two values for one parameter on one date.
#[derive(Debug, Clone)]
pub struct TaxBenefitRates {
    series: BTreeMap<&'static str, Series>,
    first_day: NaiveDate,
    last_day: NaiveDate,
}

/// The parameters in force on one date, as the calculation uses them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxBenefitYear {
    pub tax_year: TaxYear,
    pub personal_allowance: i64,
    pub personal_allowance_taper_threshold: i64,
    pub personal_allowance_taper_rate_bp: i64,
    pub basic_rate_bp: i64,
    pub higher_rate_bp: i64,
    pub additional_rate_bp: i64,
    pub higher_rate_threshold_above_allowance: i64,
    pub additional_rate_threshold_above_allowance: i64,
    pub ni_primary_threshold_weekly: i64,
    pub ni_upper_earnings_limit_weekly: i64,
    pub ni_main_rate_bp: i64,
    pub ni_additional_rate_bp: i64,
    pub uc_single_under_25: i64,
    pub uc_single_25_or_over: i64,
    pub uc_couple_both_under_25: i64,
    pub uc_couple_one_25_or_over: i64,
    pub uc_first_child_before_2017: i64,
    pub uc_each_child: i64,
    /// How many children born on or after 6 April 2017 get a child element; None: no limit.
    pub uc_two_child_limit: Option<i64>,
    pub uc_childcare_coverage_bp: i64,
    pub uc_childcare_cap_one_child: i64,
    pub uc_childcare_cap_two_or_more: i64,
    pub uc_taper_bp: i64,
    pub uc_work_allowance_with_housing: i64,
    pub uc_work_allowance_without_housing: i64,
}

fn unit_of(parameter: &str) -> Option<(&'static str, &'static str)> {
    REQUIRED
        .iter()
        .chain(INFORMATIVE)
        .find(|(name, _)| *name == parameter)
        .copied()
}

impl TaxBenefitRates {
    /// Reads one or more CSV texts; a row in a later text replaces a row of the same
    /// parameter and date in an earlier one (an admin's correction).
    pub fn parse(sources: &[&str]) -> anyhow::Result<TaxBenefitRates> {
        let mut series: BTreeMap<&'static str, BTreeMap<NaiveDate, Option<i64>>> = BTreeMap::new();
        for (index, text) in sources.iter().enumerate() {
            let mut seen_here = std::collections::HashSet::new();
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            for (row_number, row) in reader.deserialize::<Row>().enumerate() {
                let line = row_number + 2;
                let row = row.with_context(|| format!("file {}, line {line}", index + 1))?;
                let (name, unit) = unit_of(&row.parameter)
                    .ok_or_else(|| anyhow!("line {line}: unknown parameter {:?}", row.parameter))?;
                if row.unit != unit {
                    bail!("line {line}: {name} must be in {unit}, not {}", row.unit);
                }
                let value = match (unit, row.value.trim()) {
                    ("children_or_none", "none") => None,
                    (_, text) => Some(text.parse::<i64>().ok().filter(|v| *v >= 0).ok_or_else(
                        || {
                            anyhow!(
                                "line {line}: {name} has the value {text:?}, not a whole number"
                            )
                        },
                    )?),
                };
                // Two rows for one parameter and date in one file contradict each other.
                if !seen_here.insert((name, row.effective_from)) {
                    bail!(
                        "line {line}: {name} has two values from {} (an overlap)",
                        row.effective_from
                    );
                }
                series
                    .entry(name)
                    .or_default()
                    .insert(row.effective_from, value);
            }
        }
        let mut first_day = NaiveDate::MAX;
        let mut latest_change = NaiveDate::MIN;
        for (name, _) in REQUIRED {
            let values = series
                .get(name)
                .ok_or_else(|| anyhow!("{name} is missing: every tax year needs it"))?;
            let (first, _) = values
                .iter()
                .next()
                .ok_or_else(|| anyhow!("{name} has no values"))?;
            let (last, _) = values
                .iter()
                .next_back()
                .ok_or_else(|| anyhow!("{name} has no values"))?;
            first_day = first_day.min(*first);
            latest_change = latest_change.max(*last);
        }
        for (name, _) in REQUIRED {
            let first = series[name]
                .keys()
                .next()
                .copied()
                .unwrap_or(NaiveDate::MAX);
            if first > first_day {
                bail!("{name} starts on {first}, leaving a gap after {first_day} when the other rates start");
            }
        }
        Ok(TaxBenefitRates {
            series: series
                .into_iter()
                .map(|(k, v)| (k, v.into_iter().collect()))
                .collect(),
            first_day,
            last_day: TaxYear::containing(latest_change).last_day(),
        })
    }

    /// The first and last dates the rates cover.
    pub fn covers(&self) -> (NaiveDate, NaiveDate) {
        (self.first_day, self.last_day)
    }

    fn value(&self, name: &str, date: NaiveDate) -> Option<i64> {
        self.series
            .get(name)
            .and_then(|points| points.iter().rev().find(|(from, _)| *from <= date))
            .and_then(|(_, value)| *value)
    }

    /// The parameters in force on `date`; a date outside the rates is an error saying which
    /// dates are covered.
    pub fn as_at(&self, date: NaiveDate) -> Result<TaxBenefitYear, String> {
        if date < self.first_day || date > self.last_day {
            return Err(format!(
                "no tax and benefit rates cover {date}: they run from {} to {}; an admin adds later years' figures",
                self.first_day, self.last_day
            ));
        }
        let v = |name: &str| self.value(name, date).unwrap_or(0);
        Ok(TaxBenefitYear {
            tax_year: TaxYear::containing(date),
            personal_allowance: v("income_tax.personal_allowance"),
            personal_allowance_taper_threshold: v("income_tax.personal_allowance_taper_threshold"),
            personal_allowance_taper_rate_bp: v("income_tax.personal_allowance_taper_rate"),
            basic_rate_bp: v("income_tax.basic_rate"),
            higher_rate_bp: v("income_tax.higher_rate"),
            additional_rate_bp: v("income_tax.additional_rate"),
            higher_rate_threshold_above_allowance: v(
                "income_tax.higher_rate_threshold_above_allowance",
            ),
            additional_rate_threshold_above_allowance: v(
                "income_tax.additional_rate_threshold_above_allowance",
            ),
            ni_primary_threshold_weekly: v("national_insurance.primary_threshold"),
            ni_upper_earnings_limit_weekly: v("national_insurance.upper_earnings_limit"),
            ni_main_rate_bp: v("national_insurance.main_rate"),
            ni_additional_rate_bp: v("national_insurance.additional_rate"),
            uc_single_under_25: v("universal_credit.standard_allowance.single_under_25"),
            uc_single_25_or_over: v("universal_credit.standard_allowance.single_25_or_over"),
            uc_couple_both_under_25: v("universal_credit.standard_allowance.couple_both_under_25"),
            uc_couple_one_25_or_over: v(
                "universal_credit.standard_allowance.couple_one_25_or_over",
            ),
            uc_first_child_before_2017: v(
                "universal_credit.child_element.first_child_born_before_2017_04_06",
            ),
            uc_each_child: v("universal_credit.child_element.each_child"),
            uc_two_child_limit: self.value(
                "universal_credit.child_element.limit_children_born_on_or_after_2017_04_06",
                date,
            ),
            uc_childcare_coverage_bp: v("universal_credit.childcare.coverage_rate"),
            uc_childcare_cap_one_child: v("universal_credit.childcare.cap_one_child"),
            uc_childcare_cap_two_or_more: v("universal_credit.childcare.cap_two_or_more_children"),
            uc_taper_bp: v("universal_credit.taper_rate"),
            uc_work_allowance_with_housing: v(
                "universal_credit.work_allowance.with_housing_element",
            ),
            uc_work_allowance_without_housing: v(
                "universal_credit.work_allowance.without_housing_element",
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/reference/rates/uk_tax_benefit.csv"
    ));

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_tax_year_runs_from_6_april_to_5_april() {
        assert_eq!(TaxYear::containing(date(2026, 4, 5)), TaxYear(2025));
        assert_eq!(TaxYear::containing(date(2026, 4, 6)), TaxYear(2026));
        assert_eq!(TaxYear(2026).to_string(), "2026/27");
        assert_eq!(TaxYear(2026).last_day(), date(2027, 4, 5));
    }

    #[test]
    fn values_change_on_their_effective_date() {
        let rates = TaxBenefitRates::parse(&[SHIPPED]).unwrap();
        let before = rates.as_at(date(2026, 4, 5)).unwrap();
        let after = rates.as_at(date(2026, 4, 6)).unwrap();
        assert_eq!(before.uc_single_25_or_over, 40014);
        assert_eq!(after.uc_single_25_or_over, 42490);
        assert_eq!(before.uc_two_child_limit, Some(2));
        assert_eq!(after.uc_two_child_limit, None);
        assert_eq!(after.personal_allowance, 1_257_000);
    }

    #[test]
    fn a_date_outside_the_rates_is_an_error_not_a_fallback() {
        let rates = TaxBenefitRates::parse(&[SHIPPED]).unwrap();
        assert_eq!(rates.covers(), (date(2024, 4, 6), date(2027, 4, 5)));
        assert!(rates
            .as_at(date(2027, 4, 6))
            .unwrap_err()
            .contains("2027-04-05"));
        assert!(rates.as_at(date(2024, 4, 5)).is_err());
    }

    #[test]
    fn a_missing_parameter_or_a_gap_or_an_overlap_is_named() {
        let without: String = SHIPPED
            .lines()
            .filter(|l| !l.starts_with("universal_credit.taper_rate"))
            .collect::<Vec<_>>()
            .join("\n");
        let err = TaxBenefitRates::parse(&[&without]).unwrap_err().to_string();
        assert!(err.contains("universal_credit.taper_rate"), "{err}");

        let late: String = SHIPPED
            .lines()
            .map(|l| {
                if l.starts_with("universal_credit.taper_rate,2024") {
                    l.replace("2024-04-06", "2025-04-06")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let err = TaxBenefitRates::parse(&[&late]).unwrap_err().to_string();
        assert!(
            err.contains("universal_credit.taper_rate") && err.contains("gap"),
            "{err}"
        );

        let doubled =
            format!("{SHIPPED}universal_credit.taper_rate,2024-04-06,6300,basis_points,typo\n");
        let err = TaxBenefitRates::parse(&[&doubled]).unwrap_err().to_string();
        assert!(
            err.contains("universal_credit.taper_rate") && err.contains("overlap"),
            "{err}"
        );
    }

    #[test]
    fn a_later_file_adds_a_year_and_extends_the_cover() {
        let next = "parameter,effective_from,value,unit,source\nuniversal_credit.taper_rate,2027-04-06,5000,basis_points,test\n";
        let rates = TaxBenefitRates::parse(&[SHIPPED, next]).unwrap();
        assert_eq!(rates.covers().1, date(2028, 4, 5));
        assert_eq!(rates.as_at(date(2027, 5, 1)).unwrap().uc_taper_bp, 5000);
        assert_eq!(rates.as_at(date(2027, 5, 1)).unwrap().uc_each_child, 30394);
    }

    #[test]
    fn a_value_in_the_wrong_unit_is_refused() {
        let wrong = "parameter,effective_from,value,unit,source\nuniversal_credit.taper_rate,2027-04-06,55,percent,test\n";
        let err = TaxBenefitRates::parse(&[SHIPPED, wrong])
            .unwrap_err()
            .to_string();
        assert!(err.contains("basis_points"), "{err}");
    }
}
