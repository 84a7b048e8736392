//! Hourly wage floors: the voluntary Living Wage (London and the rest of the UK), and the
//! statutory National Living Wage with the minimum wage age bands.

use anyhow::{anyhow, bail, Context};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::types::{code_list, Pence};

code_list!(
    /// Where a workplace is, for the Living Wage: London has its own rate.
    LivingWageArea {
        London => "london", "London Living Wage";
        Uk => "uk", "UK Living Wage";
    }
);

impl LivingWageArea {
    /// The rate's name in the rates file.
    fn rate_name(self) -> &'static str {
        match self {
            LivingWageArea::London => "london_living_wage",
            LivingWageArea::Uk => "uk_living_wage",
        }
    }
}

/// One announced Living Wage rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LivingWageRate {
    pub pence_per_hour: Pence,
    pub announced_on: NaiveDate,
    /// Accredited employers pay it by this date.
    pub pay_from: NaiveDate,
}

#[derive(Debug, Deserialize)]
struct LivingWageRow {
    rate: String,
    announced_on: NaiveDate,
    pay_from: NaiveDate,
    pence_per_hour: Pence,
    #[serde(rename = "source")]
    _source: String,
}

/// The Living Wage Foundation's rates; the rate as at a date is the latest announced by then.
#[derive(Debug, Clone)]
pub struct LivingWageRates {
    london: Vec<LivingWageRate>,
    uk: Vec<LivingWageRate>,
}

impl LivingWageRates {
    pub fn parse(sources: &[&str]) -> anyhow::Result<LivingWageRates> {
        let mut london: Vec<LivingWageRate> = Vec::new();
        let mut uk: Vec<LivingWageRate> = Vec::new();
        for (index, text) in sources.iter().enumerate() {
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            for (n, row) in reader.deserialize::<LivingWageRow>().enumerate() {
                let line = n + 2;
                let row = row.with_context(|| format!("file {}, line {line}", index + 1))?;
                let list = match row.rate.as_str() {
                    "london_living_wage" => &mut london,
                    "uk_living_wage" => &mut uk,
                    other => bail!("line {line}: unknown rate {other:?} (london_living_wage or uk_living_wage)"),
                };
                if row.pence_per_hour <= Pence::ZERO || row.pay_from < row.announced_on {
                    bail!("line {line}: {} announced {} is not a positive rate paid from after its announcement", row.rate, row.announced_on);
                }
                let rate = LivingWageRate {
                    pence_per_hour: row.pence_per_hour,
                    announced_on: row.announced_on,
                    pay_from: row.pay_from,
                };
                match list
                    .iter_mut()
                    .find(|r| r.announced_on == rate.announced_on)
                {
                    Some(existing) if index > 0 => *existing = rate,
                    Some(_) => bail!(
                        "line {line}: {} has two rates announced on {} (an overlap)",
                        row.rate,
                        row.announced_on
                    ),
                    None => list.push(rate),
                }
            }
        }
        for (name, list) in [
            ("london_living_wage", &mut london),
            ("uk_living_wage", &mut uk),
        ] {
            if list.is_empty() {
                bail!("{name} has no rates");
            }
            list.sort_by_key(|r| r.announced_on);
        }
        Ok(LivingWageRates { london, uk })
    }

    /// The Living Wage for `area` as at `date`: the latest announced on or before it.
    pub fn as_at(&self, area: LivingWageArea, date: NaiveDate) -> Result<LivingWageRate, String> {
        let list = match area {
            LivingWageArea::London => &self.london,
            LivingWageArea::Uk => &self.uk,
        };
        list.iter()
            .rev()
            .find(|r| r.announced_on <= date)
            .copied()
            .ok_or_else(|| format!("no {} rate was announced by {date}", area.rate_name()))
    }
}

#[derive(Debug, Deserialize)]
struct MinimumWageRow {
    rate: String,
    from_age: Option<u32>,
    to_age: Option<u32>,
    effective_from: NaiveDate,
    pence_per_hour: Pence,
    #[serde(rename = "source")]
    _source: String,
}

#[derive(Debug, Clone)]
struct Band {
    rate: String,
    from_age: Option<u32>,
    to_age: Option<u32>,
    pence_per_hour: Pence,
}

/// The statutory wage floors; each date lists the complete set of bands from that date.
#[derive(Debug, Clone)]
pub struct MinimumWageRates {
    sets: Vec<(NaiveDate, Vec<Band>)>,
}

impl MinimumWageRates {
    pub fn parse(sources: &[&str]) -> anyhow::Result<MinimumWageRates> {
        let mut sets: std::collections::BTreeMap<NaiveDate, Vec<Band>> = Default::default();
        for (index, text) in sources.iter().enumerate() {
            let mut fresh: std::collections::BTreeMap<NaiveDate, Vec<Band>> = Default::default();
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            for (n, row) in reader.deserialize::<MinimumWageRow>().enumerate() {
                let line = n + 2;
                let row = row.with_context(|| format!("file {}, line {line}", index + 1))?;
                if !matches!(
                    row.rate.as_str(),
                    "national_living_wage" | "national_minimum_wage" | "apprentice"
                ) {
                    bail!("line {line}: unknown rate {:?}", row.rate);
                }
                if row.pence_per_hour <= Pence::ZERO {
                    bail!("line {line}: {} must be a positive rate", row.rate);
                }
                fresh.entry(row.effective_from).or_default().push(Band {
                    rate: row.rate,
                    from_age: row.from_age,
                    to_age: row.to_age,
                    pence_per_hour: row.pence_per_hour,
                });
            }
            // A later file's date replaces that date's whole set of bands.
            sets.extend(fresh);
        }
        for (date, bands) in &sets {
            if !bands.iter().any(|b| b.rate == "national_living_wage") {
                bail!("the bands from {date} have no national_living_wage");
            }
        }
        if sets.is_empty() {
            return Err(anyhow!("no minimum wage rates"));
        }
        Ok(MinimumWageRates {
            sets: sets.into_iter().collect(),
        })
    }

    fn bands(&self, date: NaiveDate) -> Result<&[Band], String> {
        self.sets
            .iter()
            .rev()
            .find(|(from, _)| *from <= date)
            .map(|(_, bands)| bands.as_slice())
            .ok_or_else(|| format!("no minimum wage rates cover {date}"))
    }

    /// The National Living Wage (the adult rate) as at `date`, and the age it starts at.
    pub fn national_living_wage(&self, date: NaiveDate) -> Result<(Pence, u32), String> {
        let band = self
            .bands(date)?
            .iter()
            .find(|b| b.rate == "national_living_wage")
            .ok_or_else(|| format!("no National Living Wage on {date}"))?;
        Ok((band.pence_per_hour, band.from_age.unwrap_or(21)))
    }

    /// The legal minimum hourly pay for someone of `age` (not an apprentice) on `date`.
    pub fn minimum_for_age(&self, date: NaiveDate, age: u32) -> Result<Option<Pence>, String> {
        Ok(self
            .bands(date)?
            .iter()
            .filter(|b| b.rate != "apprentice")
            .find(|b| {
                b.from_age.is_some_and(|from| age >= from) && b.to_age.is_none_or(|to| age <= to)
            })
            .map(|b| b.pence_per_hour))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIVING: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/reference/rates/living_wage.csv"
    ));
    const MINIMUM: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/reference/rates/minimum_wage.csv"
    ));

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_living_wage_changes_on_the_day_it_is_announced() {
        let rates = LivingWageRates::parse(&[LIVING]).unwrap();
        let london = |d| {
            rates
                .as_at(LivingWageArea::London, d)
                .unwrap()
                .pence_per_hour
        };
        assert_eq!(london(date(2025, 10, 21)), Pence::new(1385));
        assert_eq!(london(date(2025, 10, 22)), Pence::new(1480));
        let uk = rates.as_at(LivingWageArea::Uk, date(2026, 11, 23)).unwrap();
        assert_eq!(
            (uk.pence_per_hour, uk.pay_from),
            (Pence::new(1345), date(2026, 5, 1))
        );
        assert!(rates.as_at(LivingWageArea::Uk, date(2010, 1, 1)).is_err());
    }

    #[test]
    fn the_national_living_wage_and_age_bands_follow_the_regulations() {
        let rates = MinimumWageRates::parse(&[MINIMUM]).unwrap();
        assert_eq!(
            rates.national_living_wage(date(2026, 3, 31)).unwrap(),
            (Pence::new(1221), 21)
        );
        assert_eq!(
            rates.national_living_wage(date(2026, 4, 1)).unwrap(),
            (Pence::new(1271), 21)
        );
        assert_eq!(
            rates.minimum_for_age(date(2026, 4, 1), 19).unwrap(),
            Some(Pence::new(1085))
        );
        assert_eq!(
            rates.minimum_for_age(date(2026, 4, 1), 30).unwrap(),
            Some(Pence::new(1271))
        );
        // Before 2024 the National Living Wage started at 23.
        assert_eq!(rates.national_living_wage(date(2023, 6, 1)).unwrap().1, 23);
    }
}
