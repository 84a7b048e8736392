//! A partial change to a vacancy, as the API's PATCH sends it.

use chrono::NaiveDate;
use serde::Deserialize;

use super::fields::{EMPLOYER, REF};
use super::VacancyInput;
use crate::error::AppError;
use crate::types::{Pence, WeeklyHours};

/// Changes to a vacancy: only the fields sent change, and the whole vacancy is checked
/// again. `null` clears a field that may be empty.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VacancyPatch {
    /// Refused: a vacancy keeps its reference.
    #[serde(rename = "ref", default)]
    #[schema(value_type = Option<String>)]
    pub source_ref: Option<serde_json::Value>,
    /// Refused: a vacancy keeps its employer.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub employer: Option<serde_json::Value>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub sector: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub postcode: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<f64>)]
    pub latitude: Option<Option<f64>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<f64>)]
    pub longitude: Option<Option<f64>>,
    pub remote: Option<bool>,
    #[schema(value_type = Option<i64>)]
    pub pay_pence: Option<Pence>,
    pub pay_per: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<f64>)]
    pub fte_hours: Option<Option<WeeklyHours>>,
    #[schema(value_type = Option<f64>)]
    pub hours_min: Option<WeeklyHours>,
    #[schema(value_type = Option<f64>)]
    pub hours_max: Option<WeeklyHours>,
    pub contract: Option<String>,
    pub patterns: Option<Vec<String>>,
    pub open_to_flexibility: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, format = Date)]
    pub closes_on: Option<Option<NaiveDate>>,
    pub status: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub apply_url: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub apply_email: Option<Option<String>>,
}

/// Tells a field sent as `null` (`Some(None)`) from one not sent (`None`).
fn nullable<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

impl VacancyPatch {
    /// The stored vacancy's input with these changes over it; `ref` and `employer` are refused.
    pub fn apply(self, mut input: VacancyInput) -> Result<VacancyInput, AppError> {
        if self.source_ref.is_some() {
            return Err(REF.fault("Your reference cannot be changed: post a new vacancy instead"));
        }
        if self.employer.is_some() {
            return Err(
                EMPLOYER.fault("The employer cannot be changed: post a new vacancy instead")
            );
        }
        if let Some(postcode) = self.postcode {
            input.postcode = postcode;
            // A new postcode means a new place: old coordinates go unless new ones come too.
            input.latitude = None;
            input.longitude = None;
        }
        macro_rules! take {
            ($($field:ident),*) => { $(if let Some(value) = self.$field { input.$field = value; })* };
        }
        take!(
            title,
            description,
            sector,
            latitude,
            longitude,
            remote,
            pay_pence,
            pay_per,
            fte_hours,
            hours_min,
            hours_max,
            contract,
            patterns,
            open_to_flexibility,
            closes_on,
            apply_url,
            apply_email
        );
        if let Some(status) = self.status {
            input.status = Some(status);
        }
        Ok(input)
    }
}
