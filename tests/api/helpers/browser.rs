//! What people do through the pages: a cookie-keeping client that opens pages and submits
//! forms with the anti-forgery token the pages gave it.

use std::sync::Mutex;
use std::time::Duration;

use betterwork::types::Role;
use reqwest::redirect::Policy;
use reqwest::StatusCode;

use super::{email_of, TestApp, PASSWORD};

/// A browser-like client: keeps cookies, does not follow redirects, and remembers the
/// anti-forgery token of the last page that had one.
pub struct Browser {
    address: String,
    client: reqwest::Client,
    csrf: Mutex<Option<String>>,
}

/// A page as the browser received it.
#[derive(Debug)]
pub struct Page {
    pub status: StatusCode,
    /// Where a redirect points.
    pub location: Option<String>,
    /// Each `Set-Cookie` header, as sent.
    pub cookies: Vec<String>,
    pub html: String,
}

impl Page {
    async fn read(response: reqwest::Response) -> Page {
        let headers = response.headers();
        let location = headers
            .get("location")
            .map(|v| v.to_str().expect("location").to_string());
        let cookies = headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().expect("set-cookie").to_string())
            .collect();
        Page {
            status: response.status(),
            location,
            cookies,
            html: response.text().await.expect("the page's html"),
        }
    }

    /// Whether the page shows `text`.
    pub fn shows(&self, text: &str) -> bool {
        self.html.contains(text)
    }
}

/// The anti-forgery token in a page's form, if it has one.
fn csrf_in(html: &str) -> Option<String> {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker)? + marker.len();
    html.get(start..start + 64).map(str::to_string)
}

impl TestApp {
    /// A browser nobody has logged in with yet.
    pub fn browser(&self) -> Browser {
        Browser {
            address: self.address.clone(),
            client: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .timeout(Duration::from_secs(30))
                .build()
                .expect("http client"),
            csrf: Mutex::new(None),
        }
    }

    /// A browser logged in through the log-in page as the test user in `role`.
    pub async fn browser_as(&self, role: Role) -> Browser {
        self.browser_for(email_of(role)).await
    }

    /// A browser logged in through the log-in page as the test user `email`.
    pub async fn browser_for(&self, email: &str) -> Browser {
        let browser = self.browser();
        let page = browser.log_in(email, PASSWORD).await;
        assert_eq!(page.status, 303, "logging in {email} by page");
        browser
    }
}

impl Browser {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    async fn remember_token(&self, page: Page) -> Page {
        if let Some(token) = csrf_in(&page.html) {
            *self.csrf.lock().expect("csrf lock") = Some(token);
        }
        page
    }

    /// Opens a page, as following a link or typing its address does.
    pub async fn open(&self, path: &str) -> Page {
        let response = self.client.get(self.url(path)).send().await;
        let page = Page::read(response.expect("GET")).await;
        self.remember_token(page).await
    }

    /// The anti-forgery token this browser's forms carry, opening `path` for it when no
    /// page has given one yet.
    pub async fn csrf_token(&self, path: &str) -> String {
        let known = self.csrf.lock().expect("csrf lock").clone();
        match known {
            Some(token) => token,
            None => {
                let page = self.open(path).await;
                csrf_in(&page.html).unwrap_or_else(|| {
                    panic!("{path} has no form with an anti-forgery token: {page:?}")
                })
            }
        }
    }

    /// Fills in and submits the form that posts to `path`, with its anti-forgery token.
    pub async fn submit(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.csrf_token(path).await;
        let mut form = fields.to_vec();
        form.push(("csrf_token", &token));
        self.submit_without_token(path, &form).await
    }

    /// Posts exactly `fields` to `path`, as a forged form would.
    pub async fn submit_without_token(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let response = self.client.post(self.url(path)).form(fields).send().await;
        let page = Page::read(response.expect("POST")).await;
        self.remember_token(page).await
    }

    /// Posts a multipart form (a file upload) exactly as given.
    pub async fn upload(&self, path: &str, form: reqwest::multipart::Form) -> Page {
        let response = self.client.post(self.url(path)).multipart(form).send();
        Page::read(response.await.expect("upload")).await
    }

    /// Logs in through the log-in page; answers with the page the form led to.
    pub async fn log_in(&self, email: &str, password: &str) -> Page {
        self.open("/login").await;
        let fields = [("email", email), ("password", password)];
        let page = self.submit("/login", &fields).await;
        // Form tokens belong to a session: the log-in page's is no good in the new one.
        *self.csrf.lock().expect("csrf lock") = None;
        page
    }
}
