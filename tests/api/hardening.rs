//! The hardening rules: where a log-in may lead, what text is accepted, look-alike names,
//! forms bound to their session, common passwords, HTTP details and dates that make sense.

use betterwork::types::Role;

use crate::helpers::{email_of, spawn_app, PASSWORD};

#[tokio::test]
async fn after_logging_in_a_disguised_address_elsewhere_leads_to_the_dashboard() {
    let app = spawn_app().await;
    // Browsers strip the tab, leaving `//evil.example`; a newline cannot be a header.
    for next in [
        "/\t/evil.example",
        "/\n",
        "/\\evil.example",
        "//evil.example",
    ] {
        let browser = app.browser();
        browser.open("/login").await;
        let fields = [
            ("email", email_of(Role::Adviser)),
            ("password", PASSWORD),
            ("next", next),
        ];
        let page = browser.submit("/login", &fields).await;
        assert_eq!(page.status, 303, "{next:?}: {}", page.html);
        assert_eq!(page.location.as_deref(), Some("/dashboard"), "{next:?}");
    }
}
