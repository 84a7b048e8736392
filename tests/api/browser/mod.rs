//! The page flows people depend on, in a real headless Chromium driven over WebDriver, with
//! axe-core checking every page a test waits for (`expect_heading`): any accessibility
//! violation fails the test. Needs `chromedriver` on PATH and axe-core from npm
//! (`npm ci` puts it in `node_modules/`; CI does both). Without them the tests say so and
//! pass, unless `BETTERWORK_REQUIRE_BROWSER=1`, as CI sets, makes a missing browser or axe
//! a failure.
//!
//! One file per kind of flow: `flows.rs` the journeys through the portal, `forms.rs` how
//! every form behaves (the error summary, Enter, money, phones), `import.rs` the CSV upload,
//! `vacancy_form.rs` posting and managing a vacancy, `jobs.rs` the public jobs pages and
//! the home page, `pages.rs` every page each role reaches and the better-off check.

mod accounts;
mod flows;
mod forms;
mod import;
mod jobs;
mod pages;
mod vacancy_form;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

/// A desktop window and a phone's, as the pages are checked at both.
pub const DESKTOP: (u32, u32) = (1280, 900);
pub const PHONE: (u32, u32) = (390, 844);

pub struct Driver {
    process: Child,
    _profile: tempfile::TempDir,
    pub client: Client,
    axe: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn required() -> bool {
    std::env::var("BETTERWORK_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// axe-core's script, as npm installs it beside the crate.
fn axe_source() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("node_modules")
        .join("axe-core")
        .join("axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(e) if !required() => {
            eprintln!(
                "skipping the browser test: axe-core is not installed at {} ({e}); run `npm ci`",
                path.display()
            );
            None
        }
        Err(e) => panic!(
            "axe-core is required (BETTERWORK_REQUIRE_BROWSER=1) but {} cannot be read: {e}; run `npm ci`",
            path.display()
        ),
    }
}

pub async fn start_browser() -> Option<Driver> {
    let axe = axe_source()?;
    let port = free_port();
    let process = match Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(process) => process,
        Err(e) if !required() => {
            eprintln!("skipping the browser test: chromedriver is not available ({e}); CI runs it");
            return None;
        }
        Err(e) => panic!(
            "chromedriver is required (BETTERWORK_REQUIRE_BROWSER=1) but could not start: {e}"
        ),
    };
    let profile = tempfile::tempdir().unwrap();
    let mut options = serde_json::Map::new();
    options.insert(
        "args".into(),
        serde_json::json!([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            format!("--window-size={},{}", DESKTOP.0, DESKTOP.1),
            format!("--user-data-dir={}", profile.path().display()),
        ]),
    );
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        serde_json::Value::Object(options),
    );
    let url = format!("http://127.0.0.1:{port}");
    let mut last_error = String::new();
    for _ in 0..50 {
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&url)
            .await
        {
            Ok(client) => {
                return Some(Driver {
                    process,
                    _profile: profile,
                    client,
                    axe,
                })
            }
            Err(e) => {
                last_error = e.to_string();
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
    panic!("could not start a browser session: {last_error}");
}

impl Driver {
    /// Opens `url` and waits for its heading, checking the page with axe.
    pub async fn open(&self, url: &str, heading: &str) {
        self.client.goto(url).await.unwrap();
        self.expect_heading(heading).await;
    }

    pub async fn click(&self, locator: Locator<'_>) {
        click(&self.client, locator).await;
    }

    pub async fn fill(&self, id: &str, value: &str) {
        fill(&self.client, id, value).await;
    }

    pub async fn text_of(&self, css: &str) -> String {
        text_of(&self.client, css).await
    }

    /// Waits for the page to show `expected` as its heading, then checks it with axe.
    pub async fn expect_heading(&self, expected: &str) {
        wait_for_heading(&self.client, expected).await;
        self.check_accessibility().await;
    }

    /// Runs axe-core on the page as it is now; any violation fails the test, listed with
    /// the elements at fault.
    pub async fn check_accessibility(&self) {
        let violations = self.accessibility_violations().await;
        if !violations.is_empty() {
            let url = self.client.current_url().await.map(|u| u.to_string());
            let width = self.viewport_width().await;
            panic!(
                "axe found {} accessibility violation(s) on {url:?} at {width} px wide:\n{}",
                violations.len(),
                serde_json::to_string_pretty(&violations).unwrap()
            );
        }
    }

    /// What axe-core finds wrong with the page as it is now, each with up to five of the
    /// elements at fault. Fails the test if axe did not run (no rule passed).
    pub async fn accessibility_violations(&self) -> Vec<serde_json::Value> {
        let client = &self.client;
        let loaded = client
            .execute("return typeof window.axe !== 'undefined'", vec![])
            .await
            .unwrap();
        if loaded != serde_json::Value::Bool(true) {
            client.execute(&self.axe, vec![]).await.unwrap();
        }
        let found = client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                axe.run(document)
                  .then(r => done({ passes: r.passes.length, violations: r.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary)
                  }))}))
                  .catch(e => done({ passes: 0, error: String(e) }));"#,
                vec![],
            )
            .await
            .unwrap();
        assert!(
            found["passes"].as_u64().unwrap_or_default() > 0,
            "axe did not run: {found}"
        );
        found["violations"].as_array().cloned().unwrap_or_default()
    }

    /// Resizes the window; at a phone's width the page must not scroll sideways.
    pub async fn resize(&self, (width, height): (u32, u32)) {
        self.client.set_window_size(width, height).await.unwrap();
        let inner = self.viewport_width().await;
        assert!(
            (i64::from(width) - 20..=i64::from(width)).contains(&inner),
            "asked for a window {width} px wide, the page is {inner} px wide"
        );
    }

    async fn viewport_width(&self) -> i64 {
        self.client
            .execute("return window.innerWidth", vec![])
            .await
            .unwrap()
            .as_i64()
            .unwrap_or_default()
    }

    /// What makes the page wider than its window, when something does (WCAG 1.4.10,
    /// reflow): the widths and up to five of the elements that stick out.
    pub async fn sideways_overflow(&self) -> Option<serde_json::Value> {
        let overflow = self
            .client
            .execute(
                r##"const width = document.documentElement.clientWidth;
                const wide = [...document.querySelectorAll("body *")]
                  .filter(e => e.getBoundingClientRect().right > width + 1)
                  .slice(0, 5)
                  .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : ""));
                return { scroll: document.documentElement.scrollWidth, width, wide };"##,
                vec![],
            )
            .await
            .unwrap();
        (overflow["scroll"].as_i64() > overflow["width"].as_i64()).then_some(overflow)
    }

    /// Checks the page fits its window's width: nothing wider than the viewport, so nobody
    /// scrolls sideways to read a line.
    pub async fn assert_fits_the_width(&self) {
        if let Some(overflow) = self.sideways_overflow().await {
            let url = self.client.current_url().await.map(|u| u.to_string());
            panic!("{url:?} scrolls sideways: {overflow}");
        }
    }

    /// Which element has the keyboard focus: its id, or its data attributes' names.
    pub async fn focused(&self) -> serde_json::Value {
        self.client
            .execute(
                "const e = document.activeElement; return { id: e.id, tag: e.tagName.toLowerCase(), summary: e.hasAttribute('data-error-summary') };",
                vec![],
            )
            .await
            .unwrap()
    }

    /// Logs the test employer in and opens an empty vacancy form.
    pub async fn new_vacancy_form(&self, app: &crate::helpers::TestApp) {
        let email = crate::helpers::email_of(betterwork::types::Role::Employer);
        self.log_in(&app.address, email, crate::helpers::PASSWORD)
            .await;
        self.expect_heading("Employer A").await;
        self.open(&format!("{}/vacancies/new", app.address), "Post a vacancy")
            .await;
    }

    pub async fn log_in(&self, base: &str, email: &str, password: &str) {
        log_in(&self.client, base, email, password).await;
    }

    pub async fn close(self) {
        self.client.clone().close().await.unwrap();
    }
}

pub async fn click(client: &Client, locator: Locator<'_>) {
    client.find(locator).await.unwrap().click().await.unwrap();
}

pub async fn fill(client: &Client, id: &str, value: &str) {
    let field = client.find(Locator::Id(id)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(value).await.unwrap();
}

/// Waits for the page after a click to show `expected` as its heading.
async fn wait_for_heading(client: &Client, expected: &str) {
    let mut seen = String::new();
    for _ in 0..100 {
        if let Ok(h1) = client.find(Locator::Css("h1")).await {
            seen = h1.text().await.unwrap_or_default();
            if seen == expected {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "expected the heading {expected:?}, saw {seen:?} at {:?}",
        client.current_url().await
    );
}

/// Waits for an element to appear and reads its text. Scripts may replace the element
/// between finding and reading it, so a stale element is simply looked for again.
pub async fn text_of(client: &Client, css: &str) -> String {
    let mut last = String::new();
    for _ in 0..100 {
        match client.find(Locator::Css(css)).await {
            Ok(element) => match element.text().await {
                Ok(text) => return text,
                Err(e) => last = e.to_string(),
            },
            Err(e) => last = e.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css}: {last}");
}

pub async fn log_in(client: &Client, base: &str, email: &str, password: &str) {
    client.goto(&format!("{base}/login")).await.unwrap();
    fill(client, "email", email).await;
    fill(client, "password", password).await;
    click(client, Locator::Css("form[action='/login'] button")).await;
}
