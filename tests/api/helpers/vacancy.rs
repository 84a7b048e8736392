//! Vacancies to post, built from one sensible default (crates-io's `CrateBuilder` style).

use serde_json::{json, Value};

use super::{Reply, TestApp, User};

/// A vacancy to post: a part-time kitchen assistant in Brixton at £15.00 an hour, changed
/// only where a test says so.
pub struct VacancyBuilder {
    body: Value,
}

impl VacancyBuilder {
    pub fn new() -> VacancyBuilder {
        VacancyBuilder {
            body: json!({
                "title": "Kitchen assistant", "description": "Prep and service in a busy café.",
                "sector": "hospitality", "postcode": "SW9 8QE", "pay_pence": 1500,
                "pay_per": "hour", "hours_min": 16, "hours_max": 22.5, "contract": "permanent",
                "patterns": ["part_time", "school_hours"], "open_to_flexibility": true
            }),
        }
    }

    /// Sets any field to any value, including ones the API should refuse.
    pub fn set(mut self, field: &str, value: impl Into<Value>) -> VacancyBuilder {
        self.body[field] = value.into();
        self
    }

    /// Leaves a field out altogether.
    pub fn without(mut self, field: &str) -> VacancyBuilder {
        self.body
            .as_object_mut()
            .expect("a vacancy is an object")
            .remove(field);
        self
    }

    pub fn title(self, title: &str) -> VacancyBuilder {
        self.set("title", title)
    }

    pub fn postcode(self, postcode: &str) -> VacancyBuilder {
        self.set("postcode", postcode)
    }

    /// Pay in pence an hour.
    pub fn hourly_pay(self, pence: i64) -> VacancyBuilder {
        self.set("pay_pence", pence)
    }

    /// A full-time salary in pence a year.
    pub fn yearly_salary(self, pence: i64) -> VacancyBuilder {
        self.set("pay_pence", pence).set("pay_per", "year_fte")
    }

    pub fn hours(self, min: i64, max: i64) -> VacancyBuilder {
        self.set("hours_min", min).set("hours_max", max)
    }

    pub fn closes_on(self, date: &str) -> VacancyBuilder {
        self.set("closes_on", date)
    }

    /// Worked from home, with no postcode.
    pub fn remote(self) -> VacancyBuilder {
        self.set("postcode", Value::Null).set("remote", true)
    }

    /// The poster's own reference for the vacancy.
    pub fn source_ref(self, reference: &str) -> VacancyBuilder {
        self.set("ref", reference)
    }

    /// The client employer an agency posts for.
    pub fn employer(self, name: &str) -> VacancyBuilder {
        self.set("employer", name)
    }

    /// Posts the vacancy as `user`, expecting it to be created, and answers with the reply.
    pub async fn expect_post(self, app: &TestApp, user: &User) -> Reply {
        app.post_vacancy(user, self).await.expect(201)
    }
}

impl From<VacancyBuilder> for Value {
    fn from(vacancy: VacancyBuilder) -> Value {
        vacancy.body
    }
}
