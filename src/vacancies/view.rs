//! How a vacancy is shown: the same view for the API and the pages.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::domain::{living_wage_check, LivingWageCheck, Pattern, PayPer, Sector, Status};
use super::queries::VacancyRow;
use crate::db::DbConn;
use crate::error::AppError;
use crate::geo::Precision;
use crate::organisations::queries as organisation_queries;
use crate::outcomes::Contract;
use crate::rates::Rates;
use crate::types::{OrganisationId, Pence, WeeklyHours};

/// Where the workplace is.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LocationView {
    pub postcode: String,
    pub latitude: f64,
    pub longitude: f64,
    pub precision: Precision,
    pub in_greater_london: bool,
}

/// A vacancy as the API and pages show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VacancyView {
    #[serde(rename = "ref")]
    pub reference: String,
    /// The poster's own reference, when they gave one.
    pub source_ref: Option<String>,
    pub employer: String,
    pub employer_living_wage_accredited: bool,
    /// The agency that submitted it, if any.
    pub agency: Option<String>,
    pub title: String,
    pub description: String,
    pub sector: Sector,
    pub sector_label: &'static str,
    pub postcode: Option<String>,
    pub remote: bool,
    pub location: Option<LocationView>,
    #[schema(value_type = i64)]
    pub pay_pence: Pence,
    pub pay_per: PayPer,
    #[schema(value_type = f64)]
    pub fte_hours: WeeklyHours,
    #[schema(value_type = i64)]
    pub hourly_pay_pence: Pence,
    #[schema(value_type = f64)]
    pub hours_min: WeeklyHours,
    #[schema(value_type = f64)]
    pub hours_max: WeeklyHours,
    pub contract: Contract,
    pub patterns: Vec<Pattern>,
    pub open_to_flexibility: bool,
    #[schema(value_type = Option<String>, format = Date)]
    pub closes_on: Option<NaiveDate>,
    /// The status everyone sees (an open vacancy past its closing date is closed).
    pub status: Status,
    /// The Living Wage check as at today.
    pub living_wage: Option<LivingWageCheck>,
    /// The same check as at the closing date, when there is one.
    pub living_wage_at_closing: Option<LivingWageCheck>,
    /// Where to apply online, when the poster gave it.
    pub apply_url: Option<String>,
    /// An email address to apply to, when the poster gave one.
    pub apply_email: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    #[serde(serialize_with = "crate::types::timestamp::utc")]
    pub created_at: NaiveDateTime,
    #[schema(value_type = String, format = DateTime)]
    #[serde(serialize_with = "crate::types::timestamp::utc")]
    pub updated_at: NaiveDateTime,
}

/// The employer's name and Living Wage accreditation, and the submitting agency's name.
pub struct Names {
    pub employer: String,
    pub employer_accredited: bool,
    pub agency: Option<String>,
}

impl VacancyView {
    /// The working patterns as people read them ("Part time", "School hours").
    pub fn pattern_labels(&self) -> Vec<&'static str> {
        self.patterns.iter().map(|p| p.label()).collect()
    }

    /// The view of `row` with the names it shows, as at `today`.
    pub fn new(row: VacancyRow, names: Names, rates: &Rates, today: NaiveDate) -> VacancyView {
        let check =
            |date| living_wage_check(rates, row.hourly_pay_pence, row.in_greater_london, date).ok();
        let location = match (&row.postcode, row.latitude, row.longitude) {
            (Some(postcode), Some(latitude), Some(longitude)) => Some(LocationView {
                postcode: postcode.clone(),
                latitude,
                longitude,
                precision: row.location_precision.unwrap_or(Precision::Unit),
                in_greater_london: row.in_greater_london,
            }),
            _ => None,
        };
        VacancyView {
            reference: row.reference,
            source_ref: row.source_ref,
            employer: names.employer,
            employer_living_wage_accredited: names.employer_accredited,
            agency: names.agency,
            title: row.title,
            description: row.description,
            sector: row.sector,
            sector_label: row.sector.label(),
            postcode: row.postcode,
            remote: row.remote,
            location,
            pay_pence: row.pay_pence,
            pay_per: row.pay_per,
            fte_hours: row.fte_hours,
            hourly_pay_pence: row.hourly_pay_pence,
            hours_min: row.hours_min,
            hours_max: row.hours_max,
            contract: row.contract,
            patterns: row.pattern_set.to_vec(),
            open_to_flexibility: row.open_to_flexibility,
            living_wage: check(today),
            living_wage_at_closing: row.closes_on.and_then(check),
            closes_on: row.closes_on,
            status: row.status.effective(row.closes_on, today),
            apply_url: row.apply_url,
            apply_email: row.apply_email,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// The view of a stored row, looking up the names it shows.
pub fn view_of(
    conn: &mut DbConn,
    row: VacancyRow,
    rates: &Rates,
    today: NaiveDate,
) -> Result<VacancyView, AppError> {
    NameBook::default().view(conn, row, rates, today)
}

/// Views of many rows, looking each organisation up once (a page of one employer's
/// vacancies asks for one name, not one per vacancy).
#[derive(Default)]
pub struct NameBook {
    known: HashMap<OrganisationId, (String, bool)>,
}

impl NameBook {
    fn organisation(
        &mut self,
        conn: &mut DbConn,
        id: &OrganisationId,
    ) -> Result<(String, bool), AppError> {
        if let Some(found) = self.known.get(id) {
            return Ok(found.clone());
        }
        let row = organisation_queries::find(conn, id)?;
        let found = (row.name, row.living_wage_accredited);
        self.known.insert(id.clone(), found.clone());
        Ok(found)
    }

    /// The view of `row`.
    pub fn view(
        &mut self,
        conn: &mut DbConn,
        row: VacancyRow,
        rates: &Rates,
        today: NaiveDate,
    ) -> Result<VacancyView, AppError> {
        let (employer, employer_accredited) = self.organisation(conn, &row.employer_id)?;
        let agency = if row.submitted_by != row.employer_id {
            Some(self.organisation(conn, &row.submitted_by)?.0)
        } else {
            None
        };
        let names = Names {
            employer,
            employer_accredited,
            agency,
        };
        Ok(VacancyView::new(row, names, rates, today))
    }
}
