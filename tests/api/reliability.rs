//! The reliability checks: the real `betterwork` server and command line, many clients at
//! once, and processes killed mid-way. They take a while, so `cargo test` skips them;
//! `.ci/run` runs them on SQLite and PostgreSQL with
//! `cargo test --test api reliability -- --ignored --test-threads 1`.
//! `BETTERWORK_RELIABILITY_SECONDS` sets how long each load runs (default 10).

use std::collections::HashMap;
use std::net::TcpListener;
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use betterwork::db::Db;
use betterwork::schema::vacancies;
use diesel::prelude::*;
use reqwest::Method;
use serde_json::{json, Value};
use tokio::task::JoinSet;

use crate::helpers::{betterwork, betterwork_command, text, FreshDatabase};

/// The demo employer whose vacancies the checks write, and the demo password.
const EMPLOYER: &str = "sam.porter@claphambakehouse.example";
const EMPLOYER_ORGANISATION: &str = "Clapham Bakehouse";
const DEMO_PASSWORD: &str = "better-work-demo";

fn load_seconds() -> u64 {
    std::env::var("BETTERWORK_RELIABILITY_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10)
}

/// A `betterwork serve` process on a free port; killed when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Server {
    /// Starts the server on `database` with at most `connections` database connections and
    /// waits until it answers.
    async fn start(database: &FreshDatabase, connections: u32) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let bind = format!("127.0.0.1:{port}");
        let child = betterwork_command(database, &["serve", "--bind", &bind])
            .env("BETTERWORK_DB_MAX_CONNECTIONS", connections.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting the server");
        let server = Server {
            child,
            address: format!("http://{bind}"),
        };
        let client = reqwest::Client::new();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            if let Ok(r) = client
                .get(format!("{}/health", server.address))
                .send()
                .await
            {
                if r.status() == 200 {
                    return server;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server did not start within a minute");
    }

    /// Kills the server at once, as a crash or `kill -9` would.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// An API token for a demo login.
    async fn token(&self, email: &str) -> String {
        let response = reqwest::Client::new()
            .post(format!("{}/api/v1/auth/token", self.address))
            .json(&json!({"email": email, "password": DEMO_PASSWORD}))
            .send()
            .await
            .expect("a token");
        assert_eq!(response.status(), 200, "logging in {email}");
        let body: Value = response.json().await.expect("token body");
        body["token"].as_str().expect("token").to_string()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A client of the running server, as one person at one desk.
#[derive(Clone)]
struct Client {
    http: reqwest::Client,
    address: String,
    token: String,
}

impl Client {
    fn new(server: &Server, token: &str) -> Client {
        Client {
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .build()
                .expect("http client"),
            address: server.address.clone(),
            token: token.to_string(),
        }
    }

    /// Sends a request; its status, `Retry-After` header and JSON body (`Null` if none).
    async fn send(&self, method: Method, path: &str, body: Option<Value>) -> (u16, bool, Value) {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.address))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        match request.send().await {
            Ok(r) => {
                let status = r.status().as_u16();
                let retry_after = r.headers().contains_key("retry-after");
                (status, retry_after, r.json().await.unwrap_or(Value::Null))
            }
            Err(e) => panic!("{path}: no answer: {e}"),
        }
    }
}

fn vacancy(title: &str) -> Value {
    json!({
        "title": title, "sector": "hospitality", "postcode": "SW9 8QE", "pay_pence": 1500,
        "hours_min": 16, "hours_max": 24, "contract": "permanent", "patterns": ["part_time"]
    })
}

/// How many vacancies the database holds.
fn vacancies_stored(database: &FreshDatabase) -> i64 {
    let db = Db::connect(&database.url, 1).expect("the database");
    db.run_blocking(|conn| Ok(vacancies::table.count().get_result(conn)?))
        .expect("counting vacancies")
}

fn assert_database_is_sound(database: &FreshDatabase) {
    let check = betterwork(database, &["check-database"], None);
    assert!(
        check.status.success(),
        "integrity: {}{}",
        text(&check.stdout),
        text(&check.stderr)
    );
}

/// A CSV of `rows` good vacancies for the demo employer, with refs `R-0`…
fn vacancies_csv(database: &FreshDatabase, rows: usize) -> String {
    let mut csv = String::from("ref,employer,title,sector,postcode,latitude,longitude,pay,pay_per,fte_hours,hours_min,hours_max,contract,patterns,open_to_flexibility,closes_on,description,status\n");
    let titles = ["Kitchen assistant", "Chef de partie", "Barista", "Porter"];
    for i in 0..rows {
        let title = titles[i % titles.len()];
        let hours = 8 + (i % 30);
        csv.push_str(&format!(
            "R-{i},,{title} {i},hospitality,SW9 8QE,,,{}.{:02},hour,,{hours},{},permanent,part_time,yes,,Shifts to suit,\n",
            13 + i % 5,
            i % 100,
            hours + 4
        ));
    }
    let path = database.dir.path().join("vacancies.csv");
    std::fs::write(&path, csv).expect("writing the CSV");
    path.to_string_lossy().into_owned()
}

fn seed(database: &FreshDatabase) {
    let seeded = betterwork(database, &["seed-demo"], None);
    assert!(seeded.status.success(), "{}", text(&seeded.stderr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "a load of several seconds: run by .ci/run"]
async fn thirty_two_writers_get_no_server_errors_lose_nothing_and_never_move_a_status_back() {
    let database = FreshDatabase::new();
    seed(&database);
    let before = vacancies_stored(&database);
    let server = Server::start(&database, 8).await;
    let client = Client::new(&server, &server.token(EMPLOYER).await);
    let deadline = Instant::now() + Duration::from_secs(load_seconds());
    let created: Arc<Mutex<Vec<String>>> = Arc::default();
    // Filled and closed are final: once acknowledged, a vacancy must stay so.
    let finished: Arc<Mutex<HashMap<String, String>>> = Arc::default();
    let failures: Arc<Mutex<Vec<String>>> = Arc::default();
    let requests = Arc::new(AtomicUsize::new(0));
    let mut writers = JoinSet::new();
    for writer in 0..32usize {
        let (client, created, finished, failures, requests) = (
            client.clone(),
            created.clone(),
            finished.clone(),
            failures.clone(),
            requests.clone(),
        );
        writers.spawn(async move {
            let mut step = writer;
            while Instant::now() < deadline {
                step += 7;
                let pick = {
                    let known = created.lock().expect("created");
                    (!known.is_empty()).then(|| known[step % known.len()].clone())
                };
                let (what, (status, _, body)) = match (step % 4, pick) {
                    (1, Some(reference)) => {
                        let edit = json!({"title": format!("Edited by {writer} at {step}")});
                        let path = format!("/api/v1/vacancies/{reference}");
                        ("edit", client.send(Method::PATCH, &path, Some(edit)).await)
                    }
                    (2, Some(reference)) => {
                        let to = ["paused", "open", "filled", "closed"][step % 4];
                        let path = format!("/api/v1/vacancies/{reference}/status");
                        let answer = client
                            .send(Method::POST, &path, Some(json!({"status": to})))
                            .await;
                        if answer.0 == 200 && matches!(to, "filled" | "closed") {
                            finished
                                .lock()
                                .expect("finished")
                                .insert(reference, to.to_string());
                        }
                        ("status", answer)
                    }
                    (3, _) => {
                        let path = "/api/v1/vacancies?per_page=50";
                        ("list", client.send(Method::GET, path, None).await)
                    }
                    _ => {
                        let body = vacancy(&format!("Writer {writer} step {step}"));
                        let answer = client
                            .send(Method::POST, "/api/v1/vacancies", Some(body))
                            .await;
                        if answer.0 == 201 {
                            let reference = answer.2["ref"].as_str().unwrap_or_default();
                            created.lock().expect("created").push(reference.to_string());
                        }
                        ("create", answer)
                    }
                };
                requests.fetch_add(1, Ordering::Relaxed);
                if status >= 500 {
                    failures
                        .lock()
                        .expect("failures")
                        .push(format!("{what}: {status} {body}"));
                }
            }
        });
    }
    while let Some(done) = writers.join_next().await {
        done.expect("a writer");
    }
    let failures = failures.lock().expect("failures").clone();
    assert!(failures.is_empty(), "server errors: {failures:#?}");
    let created = created.lock().expect("created").clone();
    assert!(
        created.len() >= 32,
        "too little was written to tell anything"
    );
    // Every acknowledged write is there, and no finished vacancy was reopened.
    assert_eq!(vacancies_stored(&database) - before, created.len() as i64);
    let finished = finished.lock().expect("finished").clone();
    for (reference, status) in &finished {
        let (code, _, now) = client
            .send(Method::GET, &format!("/api/v1/vacancies/{reference}"), None)
            .await;
        assert_eq!(code, 200);
        assert_eq!(&now["status"], status, "{reference} moved back: {now}");
    }
    eprintln!(
        "{} requests by 32 writers in {} s: {} vacancies, {} finished, no server errors",
        requests.load(Ordering::Relaxed),
        load_seconds(),
        created.len(),
        finished.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "a load of several seconds: run by .ci/run"]
async fn sixty_four_readers_on_the_slowest_lists_get_no_server_errors_and_health_keeps_answering() {
    let database = FreshDatabase::new();
    seed(&database);
    let file = vacancies_csv(&database, 3000);
    let imported = betterwork(
        &database,
        &["import", "vacancies", &file, "--org", EMPLOYER_ORGANISATION],
        None,
    );
    assert!(imported.status.success(), "{}", text(&imported.stderr));
    // Few connections, so that 64 clients saturate the pool.
    let server = Server::start(&database, 4).await;
    let client = Client::new(&server, &server.token(EMPLOYER).await);
    let deadline = Instant::now() + Duration::from_secs(load_seconds());
    let paths = [
        "/jobs?q=chef&min_hours=10&near=SW9+8QE&within_km=25",
        "/jobs?min_pay=14&max_hours=30&page=20",
        "/api/v1/vacancies?per_page=100&page=25",
        "/api/v1/vacancies?status=open&per_page=100",
    ];
    let (busy, errors) = (
        Arc::new(AtomicUsize::new(0)),
        Arc::new(Mutex::new(Vec::new())),
    );
    let answered = Arc::new(AtomicUsize::new(0));
    let mut readers = JoinSet::new();
    for reader in 0..64usize {
        let (client, busy, errors, answered) = (
            client.clone(),
            busy.clone(),
            errors.clone(),
            answered.clone(),
        );
        readers.spawn(async move {
            let mut step = reader;
            while Instant::now() < deadline {
                step += 1;
                let path = paths[step % paths.len()];
                let (status, retry_after, _) = client.send(Method::GET, path, None).await;
                answered.fetch_add(1, Ordering::Relaxed);
                match status {
                    503 if retry_after => {
                        busy.fetch_add(1, Ordering::Relaxed);
                    }
                    s if s >= 500 => errors.lock().expect("errors").push(format!("{path}: {s}")),
                    _ => {}
                }
            }
        });
    }
    // Meanwhile a load balancer asks /health four times a second.
    let health = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .expect("http client");
    let mut slowest = Duration::ZERO;
    let mut checks = 0;
    while Instant::now() < deadline {
        let asked = Instant::now();
        let response = health
            .get(format!("{}/health", server.address))
            .send()
            .await
            .expect("/health answers");
        let took = asked.elapsed();
        assert_eq!(response.status(), 200, "/health during the load");
        slowest = slowest.max(took);
        checks += 1;
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    while let Some(done) = readers.join_next().await {
        done.expect("a reader");
    }
    let errors = errors.lock().expect("errors").clone();
    assert!(errors.is_empty(), "server errors: {errors:#?}");
    assert!(checks > 0);
    assert!(
        slowest < Duration::from_secs(1),
        "/health took {slowest:?} at worst"
    );
    eprintln!(
        "{} answers to 64 readers in {} s ({} busy, 503 with Retry-After); /health {} times, slowest {:?}",
        answered.load(Ordering::Relaxed),
        load_seconds(),
        busy.load(Ordering::Relaxed),
        checks,
        slowest
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "kills processes mid-way: run by .ci/run"]
async fn an_import_killed_mid_way_leaves_whole_batches_and_running_it_again_finishes_it() {
    let database = FreshDatabase::new();
    seed(&database);
    let rows = 20_000;
    let file = vacancies_csv(&database, rows);
    let before = vacancies_stored(&database);
    let mut import = betterwork_command(
        &database,
        &["import", "vacancies", &file, "--org", EMPLOYER_ORGANISATION],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .expect("starting the import");
    // Kill it once some batches are in, before it ends.
    let started = Instant::now();
    while vacancies_stored(&database) - before < 1000 && started.elapsed() < Duration::from_secs(60)
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    import.kill().expect("killing the import");
    let _ = import.wait();
    let partial = vacancies_stored(&database) - before;
    assert_database_is_sound(&database);
    assert!(partial > 0 && partial < rows as i64, "{partial} rows");
    assert_eq!(partial % 1000, 0, "only whole batches: {partial} rows");
    let again = betterwork(
        &database,
        &["import", "vacancies", &file, "--org", EMPLOYER_ORGANISATION],
        None,
    );
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert_eq!(vacancies_stored(&database) - before, rows as i64);
    assert_database_is_sound(&database);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "kills processes mid-way: run by .ci/run"]
async fn a_server_killed_while_writing_keeps_every_vacancy_it_acknowledged() {
    let database = FreshDatabase::new();
    seed(&database);
    let mut server = Server::start(&database, 8).await;
    let client = Client::new(&server, &server.token(EMPLOYER).await);
    let acknowledged: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut writers = JoinSet::new();
    for writer in 0..8 {
        let (client, acknowledged) = (client.clone(), acknowledged.clone());
        writers.spawn(async move {
            for step in 0.. {
                let body = vacancy(&format!("Writer {writer} step {step}"));
                let request = client
                    .http
                    .post(format!("{}/api/v1/vacancies", client.address))
                    .bearer_auth(&client.token)
                    .json(&body)
                    .send()
                    .await;
                // The server is killed under them: a request may get no answer at all.
                let Ok(response) = request else { break };
                if response.status() == 201 {
                    let body: Value = response.json().await.unwrap_or(Value::Null);
                    if let Some(reference) = body["ref"].as_str() {
                        acknowledged
                            .lock()
                            .expect("acked")
                            .push(reference.to_string());
                    }
                }
            }
        });
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.kill();
    while let Some(done) = writers.join_next().await {
        done.expect("a writer");
    }
    assert_database_is_sound(&database);
    let acknowledged = acknowledged.lock().expect("acked").clone();
    assert!(
        !acknowledged.is_empty(),
        "nothing was written before the kill"
    );
    let server = Server::start(&database, 8).await;
    let client = Client::new(&server, &server.token(EMPLOYER).await);
    for reference in &acknowledged {
        let (status, _, _) = client
            .send(Method::GET, &format!("/api/v1/vacancies/{reference}"), None)
            .await;
        assert_eq!(status, 200, "{reference} was acknowledged but is gone");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "two imports of thousands of rows: run by .ci/run"]
async fn two_imports_of_one_file_at_once_both_finish_and_store_it_once() {
    let database = FreshDatabase::new();
    seed(&database);
    let rows = 6_000;
    let file = vacancies_csv(&database, rows);
    let before = vacancies_stored(&database);
    let args = ["import", "vacancies", &file, "--org", EMPLOYER_ORGANISATION];
    let imports: Vec<Child> = (0..2)
        .map(|_| {
            betterwork_command(&database, &args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("starting an import")
        })
        .collect();
    for import in imports {
        let done = import.wait_with_output().expect("an import");
        assert!(
            done.status.success(),
            "an import failed beside another: {}",
            text(&done.stderr)
        );
        assert!(
            text(&done.stdout).contains("rejected 0"),
            "{}",
            text(&done.stdout)
        );
    }
    assert_eq!(vacancies_stored(&database) - before, rows as i64);
    assert_database_is_sound(&database);
}
