//! What people do through the API: log in, then post, list, edit and move vacancies.

use betterwork::types::{OrganisationId, Role};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use super::{email_of, TestApp, VacancyBuilder};

/// Someone logged in through the API, holding the token their requests carry.
pub struct User {
    pub email: String,
    pub token: String,
}

/// What the API answered: its status, headers and JSON body (`Null` when it had none).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    async fn read(response: reqwest::Response) -> Reply {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("the reply's body");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{status}: the body is not JSON ({e}): {text}"))
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    /// The reply, once it is known to have `status`.
    pub fn expect(self, status: u16) -> Reply {
        assert_eq!(self.status, status, "{}", self.body);
        self
    }

    /// The field an error names, e.g. `"pay_pence"`.
    pub fn error_field(&self) -> &Value {
        &self.body["error"]["field"]
    }

    /// The reference (`BW…`) of the vacancy in the body.
    pub fn reference(&self) -> String {
        self.body["ref"]
            .as_str()
            .unwrap_or_else(|| panic!("no vacancy reference in {}", self.body))
            .to_string()
    }
}

impl TestApp {
    /// Logs the test user in `role` in through the API.
    pub async fn log_in_as(&self, role: Role) -> User {
        self.log_in(email_of(role)).await
    }

    /// Logs the test user `email` in through the API.
    pub async fn log_in(&self, email: &str) -> User {
        User {
            email: email.to_string(),
            token: self.token_for(email).await,
        }
    }

    /// Sends a request as `user` (or as nobody) with an optional JSON body.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        user: Option<&User>,
        body: Option<&Value>,
    ) -> Reply {
        let mut request = self.api.request(method, self.url(path));
        if let Some(user) = user {
            request = request.bearer_auth(&user.token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        Reply::read(request.send().await.expect("request")).await
    }

    /// Who the API says `user` is.
    pub async fn me(&self, user: &User) -> Reply {
        self.call(Method::GET, "/api/v1/me", Some(user), None).await
    }

    /// Ends the session `user`'s token belongs to.
    pub async fn log_out(&self, user: &User) -> Reply {
        let path = "/api/v1/auth/logout";
        self.call(Method::POST, path, Some(user), Some(&json!({})))
            .await
    }

    /// Posts a vacancy (a `VacancyBuilder` or any JSON) as `user`.
    pub async fn post_vacancy(&self, user: &User, body: impl Into<Value>) -> Reply {
        let body = body.into();
        self.call(Method::POST, "/api/v1/vacancies", Some(user), Some(&body))
            .await
    }

    /// The employer of organisation A, logged in, with one vacancy posted: its reference.
    pub async fn employer_with_a_vacancy(&self) -> (User, String) {
        let employer = self.log_in_as(Role::Employer).await;
        let reference = VacancyBuilder::new()
            .expect_post(self, &employer)
            .await
            .reference();
        (employer, reference)
    }

    /// One vacancy, by our reference or the poster's own.
    pub async fn vacancy(&self, user: &User, reference: &str) -> Reply {
        let path = format!("/api/v1/vacancies/{reference}");
        self.call(Method::GET, &path, Some(user), None).await
    }

    /// The page of vacancies `user` sees for `query` (e.g. `"status=open"`, or `""`).
    pub async fn list_vacancies(&self, user: &User, query: &str) -> Value {
        let path = format!("/api/v1/vacancies?{query}");
        self.call(Method::GET, &path, Some(user), None)
            .await
            .expect(200)
            .body
    }

    /// How many vacancies `user` sees.
    pub async fn vacancy_count(&self, user: &User) -> i64 {
        let list = self.list_vacancies(user, "").await;
        list["total"].as_i64().expect("total")
    }

    /// Changes some fields of a vacancy.
    pub async fn edit_vacancy(&self, user: &User, reference: &str, changes: Value) -> Reply {
        let path = format!("/api/v1/vacancies/{reference}");
        self.call(Method::PATCH, &path, Some(user), Some(&changes))
            .await
    }

    /// Moves a vacancy to `status` (`"paused"`, `"filled"`…).
    pub async fn change_vacancy_status(&self, user: &User, reference: &str, status: &str) -> Reply {
        let path = format!("/api/v1/vacancies/{reference}/status");
        let body = json!({ "status": status });
        self.call(Method::POST, &path, Some(user), Some(&body))
            .await
    }

    /// The page of organisations `user` sees for `query` (e.g. `"per_page=4"`, or `""`).
    pub async fn list_organisations(&self, user: &User, query: &str) -> Reply {
        let path = format!("/api/v1/organisations?{query}");
        self.call(Method::GET, &path, Some(user), None).await
    }

    /// Adds an organisation.
    pub async fn create_organisation(&self, user: &User, body: Value) -> Reply {
        let path = "/api/v1/organisations";
        self.call(Method::POST, path, Some(user), Some(&body)).await
    }

    /// Changes an organisation's details.
    pub async fn edit_organisation(
        &self,
        user: &User,
        organisation: &OrganisationId,
        changes: Value,
    ) -> Reply {
        let path = format!("/api/v1/organisations/{organisation}");
        self.call(Method::PATCH, &path, Some(user), Some(&changes))
            .await
    }

    /// Adds a person to an organisation.
    pub async fn add_person(
        &self,
        user: &User,
        organisation: &OrganisationId,
        person: Value,
    ) -> Reply {
        let path = format!("/api/v1/organisations/{organisation}/users");
        self.call(Method::POST, &path, Some(user), Some(&person))
            .await
    }

    /// The people in an organisation.
    pub async fn team(&self, user: &User, organisation: &OrganisationId) -> Reply {
        let path = format!("/api/v1/organisations/{organisation}/users");
        self.call(Method::GET, &path, Some(user), None).await
    }

    /// Runs the better-off check on a scenario, as `user` or as nobody.
    pub async fn check_better_off(&self, user: Option<&User>, scenario: &Value) -> Reply {
        let path = "/api/v1/better-off";
        self.call(Method::POST, path, user, Some(scenario)).await
    }

    /// The agency `user` asks the employer called `employer` to accept it.
    pub async fn ask_to_be_client(&self, user: &User, employer: &str) -> Reply {
        let body = json!({ "employer": employer });
        let path = "/api/v1/agency/clients";
        self.call(Method::POST, path, Some(user), Some(&body)).await
    }

    /// The agency `user` ends its link to `employer`.
    pub async fn remove_client(&self, user: &User, employer: &OrganisationId) -> Reply {
        let path = format!("/api/v1/agency/clients/{employer}");
        self.call(Method::DELETE, &path, Some(user), None).await
    }

    /// `user` answers `agency` for `employer`: `"accept"` or `"decline"`.
    pub async fn answer_agency(
        &self,
        user: &User,
        employer: &OrganisationId,
        agency: &OrganisationId,
        answer: &str,
    ) -> Reply {
        let path = format!("/api/v1/organisations/{employer}/agencies/{agency}/{answer}");
        self.call(Method::POST, &path, Some(user), Some(&json!({})))
            .await
    }

    /// `user` records `organisation`'s Living Wage accreditation as verified (on a date
    /// safely in the past), or withdraws it, with a note.
    pub async fn verify_accreditation(
        &self,
        user: &User,
        organisation: &OrganisationId,
        accredited: bool,
    ) -> Reply {
        let path = format!("/api/v1/organisations/{organisation}/accreditation");
        let body = json!({"accredited": accredited, "verified_on": "2020-01-15", "note": "Checked the Living Wage Foundation's list"});
        self.call(Method::PUT, &path, Some(user), Some(&body)).await
    }
}
