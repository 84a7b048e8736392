//! Dated reference data: income tax, National Insurance, Universal Credit, the National
//! Living Wage and minimum wage bands, and the voluntary Living Wage rates. Shipped as CSV
//! files in `reference/rates/`, optionally extended by an admin's files in
//! `DATA_DIR/rates/` (same columns; a row for the same parameter and date replaces the
//! shipped one), validated when the portal starts, and always looked up as at a date.

mod parameters;
mod tax_benefit;
mod wages;

use std::path::Path;

use anyhow::Context;

pub use tax_benefit::{TaxBenefitRates, TaxBenefitYear, TaxYear};
pub use wages::{LivingWageArea, LivingWageRate, LivingWageRates, MinimumWageRates};

/// Every rate table the portal uses.
#[derive(Debug, Clone)]
pub struct Rates {
    pub tax_benefit: TaxBenefitRates,
    pub living_wage: LivingWageRates,
    pub minimum_wage: MinimumWageRates,
}

const SHIPPED_TAX_BENEFIT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/reference/rates/uk_tax_benefit.csv"
));
const SHIPPED_LIVING_WAGE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/reference/rates/living_wage.csv"
));
const SHIPPED_MINIMUM_WAGE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/reference/rates/minimum_wage.csv"
));

impl Rates {
    /// The rates shipped with the portal.
    pub fn shipped() -> anyhow::Result<Rates> {
        Rates::from_sources(
            &[SHIPPED_TAX_BENEFIT],
            &[SHIPPED_LIVING_WAGE],
            &[SHIPPED_MINIMUM_WAGE],
        )
    }

    /// The shipped rates plus an admin's additions in `data_dir/rates/`.
    pub fn load(data_dir: &Path) -> anyhow::Result<Rates> {
        let dir = data_dir.join("rates");
        let extra = |name: &str| -> anyhow::Result<Option<String>> {
            let path = dir.join(name);
            if !path.exists() {
                return Ok(None);
            }
            std::fs::read_to_string(&path)
                .map(Some)
                .with_context(|| format!("reading the rates file {}", path.display()))
        };
        let tax = extra("uk_tax_benefit.csv")?;
        let living = extra("living_wage.csv")?;
        let minimum = extra("minimum_wage.csv")?;
        let with = |shipped: &'static str, extra: &Option<String>| -> Vec<String> {
            std::iter::once(shipped.to_string())
                .chain(extra.clone())
                .collect()
        };
        let tax = with(SHIPPED_TAX_BENEFIT, &tax);
        let living = with(SHIPPED_LIVING_WAGE, &living);
        let minimum = with(SHIPPED_MINIMUM_WAGE, &minimum);
        Rates::from_sources(&as_strs(&tax), &as_strs(&living), &as_strs(&minimum))
            .with_context(|| format!("checking the rates (shipped, and any in {})", dir.display()))
    }

    /// Builds and validates the tables from CSV texts, later texts overriding earlier ones.
    pub fn from_sources(
        tax_benefit: &[&str],
        living_wage: &[&str],
        minimum_wage: &[&str],
    ) -> anyhow::Result<Rates> {
        Ok(Rates {
            tax_benefit: TaxBenefitRates::parse(tax_benefit).context("uk_tax_benefit.csv")?,
            living_wage: LivingWageRates::parse(living_wage).context("living_wage.csv")?,
            minimum_wage: MinimumWageRates::parse(minimum_wage).context("minimum_wage.csv")?,
        })
    }
}

fn as_strs(texts: &[String]) -> Vec<&str> {
    texts.iter().map(String::as_str).collect()
}

/// Rounds `numerator / denominator` to the nearest whole number, halves away from zero.
pub fn div_round(numerator: i128, denominator: i128) -> i128 {
    debug_assert!(denominator > 0);
    let half = denominator / 2;
    if numerator >= 0 {
        (numerator + half) / denominator
    } else {
        -((-numerator + half) / denominator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_rates_are_valid() {
        Rates::shipped().unwrap();
    }

    #[test]
    fn rounding_goes_half_away_from_zero() {
        assert_eq!(div_round(5, 10), 1);
        assert_eq!(div_round(4, 10), 0);
        assert_eq!(div_round(-5, 10), -1);
        assert_eq!(div_round(-4, 10), 0);
        assert_eq!(div_round(1200, 12), 100);
    }

    #[test]
    fn an_admin_file_adds_next_years_figures() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("rates")).unwrap();
        std::fs::write(
            dir.path().join("rates/living_wage.csv"),
            "rate,announced_on,pay_from,pence_per_hour,source\n\
             london_living_wage,2026-10-21,2027-05-01,1550,Test announcement\n",
        )
        .unwrap();
        let rates = Rates::load(dir.path()).unwrap();
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let llw = rates
            .living_wage
            .as_at(LivingWageArea::London, date)
            .unwrap();
        assert_eq!(llw.pence_per_hour.get(), 1550);
        let before = chrono::NaiveDate::from_ymd_opt(2026, 10, 20).unwrap();
        assert_eq!(
            rates
                .living_wage
                .as_at(LivingWageArea::London, before)
                .unwrap()
                .pence_per_hour
                .get(),
            1480
        );
    }

    #[test]
    fn a_broken_admin_file_stops_start_up_naming_the_problem() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("rates")).unwrap();
        std::fs::write(
            dir.path().join("rates/uk_tax_benefit.csv"),
            "parameter,effective_from,value,unit,source\nuniversal_credit.taper_rate,2027-04-06,fifty,basis_points,x\n",
        )
        .unwrap();
        let err = format!("{:#}", Rates::load(dir.path()).unwrap_err());
        assert!(err.contains("universal_credit.taper_rate"), "{err}");
    }
}
