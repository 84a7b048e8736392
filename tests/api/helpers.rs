//! Starts the real app on a random port against a fresh database, and acts as its users.

mod browser;
mod command;
mod users;
mod vacancy;

pub use browser::Browser;
pub use command::{betterwork, betterwork_command, create_organisation, failure, run, text};
pub use users::{Reply, User};
pub use vacancy::VacancyBuilder;

use std::net::TcpListener;
use std::time::Duration;

use betterwork::access::{Actor, OrganisationSummary};
use betterwork::config::{Secret, Settings};
use betterwork::organisations::domain::Decision;
use betterwork::organisations::service::{self as org_service, NewMember};
use betterwork::state::FixedClock;
use betterwork::types::{OrganisationId, OrganisationKind, Role};
use betterwork::AppState;
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use reqwest::redirect::Policy;
use reqwest::Method;
use serde_json::Value;

pub const PASSWORD: &str = "correct horse battery staple";
pub const SECRET: &str = "test-signing-secret-that-is-long-enough-0123456789";

/// A database only this test uses: a SQLite file in a temporary directory, or a new
/// PostgreSQL database when `DATABASE_URL` names a server (dropped again at the end).
pub struct FreshDatabase {
    pub url: String,
    pub dir: tempfile::TempDir,
    postgres: Option<(String, String)>,
}

impl FreshDatabase {
    pub fn new() -> FreshDatabase {
        let dir = tempfile::tempdir().expect("temporary directory");
        match std::env::var("DATABASE_URL") {
            Ok(server) if server.starts_with("postgres") => {
                let name = format!("bw_test_{}", uuid::Uuid::new_v4().simple());
                let mut admin = PgConnection::establish(&server)
                    .expect("connecting to the PostgreSQL in DATABASE_URL");
                admin
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("creating a test database");
                let mut url = url::Url::parse(&server).expect("DATABASE_URL is a URL");
                url.set_path(&format!("/{name}"));
                FreshDatabase {
                    url: url.to_string(),
                    dir,
                    postgres: Some((server, name)),
                }
            }
            _ => FreshDatabase {
                url: dir
                    .path()
                    .join("betterwork.db")
                    .to_string_lossy()
                    .into_owned(),
                dir,
                postgres: None,
            },
        }
    }
}

impl Drop for FreshDatabase {
    fn drop(&mut self) {
        if let Some((server, name)) = &self.postgres {
            if let Ok(mut admin) = PgConnection::establish(server) {
                let _ =
                    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

/// Settings for a test app on `database`.
pub fn test_settings(database: &FreshDatabase) -> Settings {
    Settings {
        database_url: database.url.clone(),
        data_dir: database.dir.path().to_path_buf(),
        meili: None,
        jwt_secret: Some(Secret::new(SECRET)),
        log_level: "warn".into(),
        cookie_secure: false,
        session_hours: 8,
        db_max_connections: 4,
    }
}

/// The organisations and people every test starts with.
pub struct World {
    pub platform: OrganisationId,
    pub provider_a: OrganisationId,
    pub provider_b: OrganisationId,
    pub employer_a: OrganisationId,
    pub employer_b: OrganisationId,
    pub agency: OrganisationId,
    /// Each test user's id, by email.
    pub people: std::collections::HashMap<&'static str, String>,
}

impl World {
    /// The id of the test user `email`.
    pub fn person(&self, email: &str) -> &str {
        self.people
            .get(email)
            .unwrap_or_else(|| panic!("no test user {email}"))
    }
}

/// The email of the test user in each role (all in organisation "A" where there is a choice).
pub fn email_of(role: Role) -> &'static str {
    match role {
        Role::Admin => "admin@platform.example",
        Role::Adviser => "adviser@provider-a.example",
        Role::ProviderManager => "manager@provider-a.example",
        Role::Employer => "boss@employer-a.example",
        Role::Agency => "recruiter@agency.example",
    }
}

pub const ADVISER_B: &str = "adviser@provider-b.example";
pub const EMPLOYER_B: &str = "boss@employer-b.example";

pub struct TestApp {
    pub address: String,
    pub api: reqwest::Client,
    pub world: World,
    /// Kept so the database lives as long as the app (and is dropped after it).
    _database: FreshDatabase,
}

async fn world(state: &AppState) -> World {
    let operator = Actor::command_line();
    let org = |name: &'static str, kind| {
        let operator = operator.clone();
        async move {
            org_service::ensure(state, &operator, name, kind)
                .await
                .map(|(organisation, _)| organisation.id)
                .expect("creating a test organisation")
        }
    };
    let mut world = World {
        platform: org("Platform", OrganisationKind::Platform).await,
        provider_a: org("Provider A", OrganisationKind::Provider).await,
        provider_b: org("Provider B", OrganisationKind::Provider).await,
        employer_a: org("Employer A", OrganisationKind::Employer).await,
        employer_b: org("Employer B", OrganisationKind::Employer).await,
        agency: org("Agency", OrganisationKind::Agency).await,
        people: Default::default(),
    };
    let people = [
        (&world.platform, Role::Admin, email_of(Role::Admin)),
        (&world.provider_a, Role::Adviser, email_of(Role::Adviser)),
        (
            &world.provider_a,
            Role::ProviderManager,
            email_of(Role::ProviderManager),
        ),
        (&world.provider_b, Role::Adviser, ADVISER_B),
        (&world.employer_a, Role::Employer, email_of(Role::Employer)),
        (&world.employer_b, Role::Employer, EMPLOYER_B),
        (&world.agency, Role::Agency, email_of(Role::Agency)),
    ];
    let mut ids = Vec::new();
    for (organisation, role, email) in people {
        let member = NewMember {
            email: email.into(),
            display_name: format!("Test {}", role.label()),
            role,
            password: Some(PASSWORD.into()),
        };
        let created = org_service::create_member(state, &operator, organisation.clone(), member)
            .await
            .expect("creating a test account");
        ids.push((email, created.user.id));
    }
    world.people.extend(ids);
    // The agency asks Employer A, and Employer A accepts, as they would on their pages.
    let agency = acting_for(state, &world.agency, Role::Agency).await;
    let (link, _) = org_service::ask_to_act_for(state, &agency, "Employer A")
        .await
        .expect("the agency asking Employer A");
    let employer = acting_for(state, &world.employer_a, Role::Employer).await;
    let accept = Decision::Accept;
    org_service::answer_agency(state, &employer, link.employer_id, link.agency_id, accept)
        .await
        .expect("Employer A accepting the agency");
    world
}

/// Someone at the command line acting for `organisation` in `role`.
async fn acting_for(state: &AppState, organisation: &OrganisationId, role: Role) -> Actor {
    let found = org_service::get(state, &Actor::command_line(), organisation.clone())
        .await
        .expect("a test organisation");
    let summary = OrganisationSummary {
        id: found.id,
        name: found.name,
        kind: found.kind,
        approval: found.approval,
    };
    Actor::command_line_for(summary, role)
}

/// Starts the app on a random port with a fresh database holding the test world.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(false, None).await
}

/// The same, with the demo organisations and logins seeded as well.
pub async fn spawn_demo_app() -> TestApp {
    spawn_app_with(true, None).await
}

/// The same, with the app's clock stopped at noon UTC on `date` (`YYYY-MM-DD`).
pub async fn spawn_app_on(date: &str) -> TestApp {
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("a date");
    let noon = day.and_hms_opt(12, 0, 0).expect("noon").and_utc();
    spawn_app_with(false, Some(FixedClock(noon))).await
}

async fn spawn_app_with(demo: bool, clock: Option<FixedClock>) -> TestApp {
    let database = FreshDatabase::new();
    let settings = test_settings(&database);
    let state = tokio::task::spawn_blocking(move || AppState::prepare(settings, false))
        .await
        .expect("preparing the app")
        .expect("preparing the app");
    let state = match clock {
        Some(clock) => state.with_clock(clock),
        None => state,
    };
    let world = world(&state).await;
    if demo {
        betterwork::demo::seed(&state)
            .await
            .expect("seeding the demo");
    }
    let listener = TcpListener::bind("127.0.0.1:0").expect("binding a random port");
    let address = format!("http://{}", listener.local_addr().expect("local address"));
    let server = betterwork::serve(listener, state).expect("starting the server");
    tokio::spawn(server);
    TestApp {
        address,
        api: reqwest::Client::builder()
            .redirect(Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .expect("http client"),
        world,
        _database: database,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Asks for an API token; answers with the raw response.
    pub async fn request_token(&self, email: &str, password: &str) -> reqwest::Response {
        self.api
            .post(self.url("/api/v1/auth/token"))
            .json(&serde_json::json!({"email": email, "password": password}))
            .send()
            .await
            .expect("token request")
    }

    /// An API token for the test user `email`.
    pub async fn token_for(&self, email: &str) -> String {
        let response = self.request_token(email, PASSWORD).await;
        assert_eq!(response.status(), 200, "logging in {email}");
        let body: Value = response.json().await.expect("token body");
        body["token"].as_str().expect("token").to_string()
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut request = self.api.get(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("GET")
    }

    pub async fn send_json(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: &Value,
    ) -> reqwest::Response {
        let mut request = self.api.request(method, self.url(path)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("request")
    }

    /// How many organisations exist, as the admin sees them.
    pub async fn organisation_count(&self) -> i64 {
        let admin = self.log_in_as(Role::Admin).await;
        let list = self.list_organisations(&admin, "").await;
        list.expect(200).body["total"].as_i64().expect("total")
    }

    /// The name of an organisation, as the admin sees it.
    pub async fn organisation_name(&self, id: &OrganisationId) -> String {
        let admin = self.log_in_as(Role::Admin).await;
        let path = format!("/api/v1/organisations/{id}");
        let organisation = self.call(Method::GET, &path, Some(&admin), None).await;
        organisation.expect(200).body["name"]
            .as_str()
            .expect("name")
            .to_string()
    }
}
