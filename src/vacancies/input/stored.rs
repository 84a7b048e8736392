//! The step between a checked vacancy and its stored row, both ways.

use chrono::NaiveDateTime;

use super::{NewVacancy, VacancyInput};
use crate::geo::Precision;
use crate::types::{OrganisationId, VacancyId};
use crate::vacancies::domain::Pattern;
use crate::vacancies::queries::VacancyRow;

impl NewVacancy {
    /// The row that stores it, under `id` and `reference`, for `employer` as `submitted_by`.
    pub fn to_row(&self, stored: StoredAs) -> VacancyRow {
        let location = self.location.as_ref();
        VacancyRow {
            id: stored.id,
            reference: stored.reference,
            employer_id: stored.employer,
            submitted_by: stored.submitted_by,
            source_ref: self.source_ref.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            sector: self.sector,
            remote: self.remote,
            postcode: location.map(|l| l.postcode.to_string()),
            latitude: location.map(|l| l.latitude),
            longitude: location.map(|l| l.longitude),
            location_precision: location.map(|l| l.precision),
            in_greater_london: location.is_some_and(|l| l.in_greater_london),
            pay_pence: self.pay_pence,
            pay_per: self.pay_per,
            fte_hours: self.fte_hours,
            hourly_pay_pence: self.hourly_pay_pence,
            hours_min: self.hours_min,
            hours_max: self.hours_max,
            contract: self.contract,
            pattern_set: self.patterns,
            open_to_flexibility: self.open_to_flexibility,
            closes_on: self.closes_on,
            status: self.status,
            apply_url: self.apply_url.clone(),
            apply_email: self.apply_email.clone(),
            created_at: stored.created_at,
            updated_at: stored.updated_at,
            version: stored.version,
        }
    }
}

/// Who and what a stored vacancy row is, besides what the poster sent.
pub struct StoredAs {
    pub id: VacancyId,
    pub reference: String,
    pub employer: OrganisationId,
    pub submitted_by: OrganisationId,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The version the row will have: 0 when new, one more than the version read.
    pub version: i32,
}

/// The input that would post a stored vacancy again, for applying a partial change.
pub fn input_of(row: &VacancyRow) -> VacancyInput {
    // Centroid positions came from the postcode and are looked up again; only an exact
    // position given by the poster is carried over.
    let exact =
        |value: Option<f64>| value.filter(|_| row.location_precision == Some(Precision::Unit));
    VacancyInput {
        source_ref: row.source_ref.clone(),
        employer: None,
        title: row.title.clone(),
        description: row.description.clone(),
        sector: row.sector.code().into(),
        postcode: row.postcode.clone(),
        latitude: exact(row.latitude),
        longitude: exact(row.longitude),
        remote: row.remote,
        pay_pence: row.pay_pence,
        pay_per: row.pay_per.code().into(),
        fte_hours: Some(row.fte_hours),
        hours_min: row.hours_min,
        hours_max: row.hours_max,
        contract: row.contract.code().into(),
        // The remote flag carries the remote pattern, so clearing the flag clears both.
        patterns: row
            .pattern_set
            .to_vec()
            .iter()
            .filter(|p| **p != Pattern::Remote)
            .map(|p| p.code().to_string())
            .collect(),
        open_to_flexibility: row.open_to_flexibility,
        closes_on: row.closes_on,
        status: Some(row.status.code().into()),
        apply_url: row.apply_url.clone(),
        apply_email: row.apply_email.clone(),
    }
}
