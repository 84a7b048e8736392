//! Accounts beyond logging in: an admin changes, removes and resets people; everyone
//! changes their own password; employers and agencies sign up and wait for approval; the
//! audit log says what people did in plain words.

use betterwork::access::{Actor, OrganisationSummary};
use betterwork::accounts::service as accounts;
use betterwork::error::AppError;
use betterwork::organisations::service::{self as org_service, NewMember};
use betterwork::state::FixedClock;
use betterwork::types::{OrganisationKind, Role, UserId};
use betterwork::AppState;
use chrono::{DateTime, Duration, TimeZone, Utc};
use reqwest::Method;
use serde_json::json;

use crate::helpers::{
    email_of, spawn_app, test_settings, Browser, FreshDatabase, TestApp, VacancyBuilder, ADVISER_B,
    EMPLOYER_B, PASSWORD,
};

const NEW_PASSWORD: &str = "plum lantern orbit meadow";

/// The path of the reset link a page shows (`…/password-reset/<token>`).
fn reset_path_in(html: &str) -> String {
    let html = html.replace("&#x2F;", "/");
    let start = html
        .find("/password-reset/")
        .expect("a reset link on the page");
    let token: String = html[start + "/password-reset/".len()..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(token.len(), 64, "a 256-bit token");
    format!("/password-reset/{token}")
}

/// Whether `id` appears on an audit page only in the links that list a record's entries,
/// never as text for people to read.
fn only_in_links(html: &str, id: &str) -> bool {
    html.matches(id).count() == html.matches(&format!("record={id}")).count()
}

/// Makes a reset link for `person` as the admin in `admin`'s browser; the link's path.
async fn reset_link_for(admin: &Browser, person: &str) -> String {
    admin.open(&format!("/admin/users/{person}")).await;
    let page = admin
        .submit(&format!("/admin/users/{person}/password-reset"), &[])
        .await;
    assert_eq!(page.status, 200, "{}", page.html);
    assert!(page.shows("shown only once"));
    reset_path_in(&page.html)
}

/// Signs up through the page in a new browser; the browser and the page it led to.
async fn sign_up(app: &TestApp, organisation: &str, kind: &str, email: &str) -> Browser {
    let browser = app.browser();
    browser.open("/sign-up").await;
    let fields = [
        ("organisation", organisation),
        ("kind", kind),
        ("display_name", "Amara Okafor"),
        ("email", email),
        ("password", PASSWORD),
    ];
    let page = browser.submit("/sign-up", &fields).await;
    assert_eq!(page.status, 303, "{}", page.html);
    assert_eq!(page.location.as_deref(), Some("/dashboard"));
    browser
}

/// The id of the organisation called `name`, from the admin's list.
async fn organisation_id(app: &TestApp, name: &str) -> String {
    let admin = app.log_in_as(Role::Admin).await;
    let list = app
        .list_organisations(&admin, "per_page=100")
        .await
        .expect(200);
    let items = list.body["items"].as_array().expect("items").clone();
    let found = items
        .iter()
        .find(|o| o["name"] == name)
        .expect("the organisation");
    found["id"].as_str().expect("id").to_string()
}

#[tokio::test]
async fn an_admin_changes_a_persons_details_and_they_apply_at_once() {
    let app = spawn_app().await;
    let adviser = app.log_in_as(Role::Adviser).await;
    let id = app.world.person(email_of(Role::Adviser)).to_string();
    let admin = app.browser_as(Role::Admin).await;

    let page = admin.open(&format!("/admin/users/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.shows("Provider manager"),
        "a provider's roles are offered"
    );

    let fields = [
        ("display_name", "Amara Okafor"),
        ("email", "amara@provider-a.example"),
        ("role", "provider_manager"),
    ];
    let saved = admin.submit(&format!("/admin/users/{id}"), &fields).await;
    assert_eq!(saved.status, 303, "{}", saved.html);
    let back = format!("/admin/organisations/{}", app.world.provider_a);
    assert_eq!(saved.location.as_deref(), Some(back.as_str()));

    // Their session carries on, as who they now are.
    let me = app.me(&adviser).await.expect(200).body;
    assert_eq!(me["display_name"], "Amara Okafor");
    assert_eq!(me["email"], "amara@provider-a.example");
    assert_eq!(me["role"], "provider_manager");
    let old = app.request_token(email_of(Role::Adviser), PASSWORD).await;
    assert_eq!(old.status(), 401);
    let new = app
        .request_token("amara@provider-a.example", PASSWORD)
        .await;
    assert_eq!(new.status(), 200);

    // Every fault at once, beside its field and in the summary.
    let bad = [
        ("display_name", ""),
        ("email", "not an email"),
        ("role", "admin"),
    ];
    let refused = admin.submit(&format!("/admin/users/{id}"), &bad).await;
    assert_eq!(refused.status, 422);
    assert!(refused.shows("<title>Error: "), "{}", refused.html);
    for anchor in ["#display_name", "#email", "#role"] {
        assert!(refused.shows(&format!("href=\"{anchor}\"")), "{anchor}");
    }
    // An email belongs to one account.
    let taken = [
        ("display_name", "Amara Okafor"),
        ("email", email_of(Role::ProviderManager)),
        ("role", "adviser"),
    ];
    let clash = admin.submit(&format!("/admin/users/{id}"), &taken).await;
    assert_eq!(clash.status, 409);
    assert!(clash.shows("already exists"));
    let me = app.me(&adviser).await.expect(200).body;
    assert_eq!(me["role"], "provider_manager", "nothing changed");
}

#[tokio::test]
async fn removing_a_person_ends_their_sessions_and_keeps_their_name_in_the_audit_log() {
    let app = spawn_app().await;
    let (token, browser) = (
        app.log_in(EMPLOYER_B).await,
        app.browser_for(EMPLOYER_B).await,
    );
    let id = app.world.person(EMPLOYER_B).to_string();
    let admin = app.browser_as(Role::Admin).await;

    let confirm = admin.open(&format!("/admin/users/{id}/remove")).await;
    assert_eq!(confirm.status, 200);
    assert!(confirm.shows("will no longer be able to log in"));
    assert!(confirm.shows("logged out at once"));
    let removed = admin
        .submit(&format!("/admin/users/{id}/remove"), &[])
        .await;
    assert_eq!(removed.status, 303, "{}", removed.html);

    assert_eq!(app.me(&token).await.status, 401);
    assert_eq!(browser.open("/dashboard").await.status, 401);
    assert_eq!(app.request_token(EMPLOYER_B, PASSWORD).await.status(), 401);
    assert_eq!(admin.open(&format!("/admin/users/{id}")).await.status, 404);
    let api_admin = app.log_in_as(Role::Admin).await;
    let team = app
        .team(&api_admin, &app.world.employer_b)
        .await
        .expect(200);
    assert!(!team.body.to_string().contains(EMPLOYER_B));

    let audit = admin.open("/admin/audit").await;
    assert!(
        audit.shows("Test Platform admin removed Test Employer"),
        "{}",
        audit.html
    );
    assert!(only_in_links(&audit.html, &id), "names, not ids");

    // The email is free again: they can be added back.
    let again = json!({"email": EMPLOYER_B, "display_name": "Back Again", "role": "employer", "password": PASSWORD});
    app.add_person(&api_admin, &app.world.employer_b, again)
        .await
        .expect(201);
    assert_eq!(app.request_token(EMPLOYER_B, PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn nobody_but_an_admin_changes_people_and_no_admin_removes_themselves() {
    let app = spawn_app().await;
    let own = app.world.person(email_of(Role::Admin)).to_string();
    let admin = app.browser_as(Role::Admin).await;
    admin.open("/dashboard").await;
    assert_eq!(
        admin
            .open(&format!("/admin/users/{own}/remove"))
            .await
            .status,
        403
    );
    let refused = admin
        .submit(&format!("/admin/users/{own}/remove"), &[])
        .await;
    assert_eq!(refused.status, 403);
    assert!(refused.shows("cannot remove your own account"));

    let target = app.world.person(ADVISER_B).to_string();
    for role in [Role::ProviderManager, Role::Employer, Role::Agency] {
        let browser = app.browser_as(role).await;
        browser.open("/dashboard").await;
        for path in [
            format!("/admin/users/{target}/remove"),
            format!("/admin/users/{target}/password-reset"),
        ] {
            assert_eq!(
                browser.submit(&path, &[]).await.status,
                403,
                "{role} {path}"
            );
        }
        let fields = [
            ("display_name", "Hijacked"),
            ("email", ADVISER_B),
            ("role", "adviser"),
        ];
        let path = format!("/admin/users/{target}");
        assert_eq!(browser.submit(&path, &fields).await.status, 403, "{role}");
    }
    assert_eq!(app.request_token(ADVISER_B, PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_every_session() {
    let app = spawn_app().await;
    let email = email_of(Role::Employer);
    let (token, browser) = (app.log_in(email).await, app.browser_for(email).await);
    let admin = app.browser_as(Role::Admin).await;
    let link = reset_link_for(&admin, app.world.person(email)).await;
    // Nothing changes until the link is used.
    assert_eq!(app.me(&token).await.status, 200);

    let visitor = app.browser();
    let page = visitor.open(&link).await;
    assert_eq!(page.status, 200);
    assert!(page.shows(email));
    let bad = [("password", "short"), ("password_confirmation", "other")];
    let refused = visitor.submit(&link, &bad).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.shows("href=\"#password\"") && refused.shows("href=\"#password_confirmation\"")
    );
    let good = [
        ("password", NEW_PASSWORD),
        ("password_confirmation", NEW_PASSWORD),
    ];
    let set = visitor.submit(&link, &good).await;
    assert_eq!(set.status, 303, "{}", set.html);
    assert_eq!(set.location.as_deref(), Some("/login"));

    assert_eq!(app.me(&token).await.status, 401);
    assert_eq!(browser.open("/dashboard").await.status, 401);
    assert_eq!(app.request_token(email, PASSWORD).await.status(), 401);
    assert_eq!(app.request_token(email, NEW_PASSWORD).await.status(), 200);

    // Used once, it works no more.
    let used = visitor.open(&link).await;
    assert_eq!(used.status, 404);
    assert!(used.shows("This link no longer works"));
    assert_eq!(visitor.submit(&link, &good).await.status, 404);

    // Only the newest link works.
    let first = reset_link_for(&admin, app.world.person(email)).await;
    let second = reset_link_for(&admin, app.world.person(email)).await;
    assert_eq!(visitor.open(&first).await.status, 404);
    assert_eq!(visitor.open(&second).await.status, 200);

    let audit = admin.open("/admin/audit").await;
    assert!(audit.shows("made a password reset link for Test Employer"));
    assert!(audit.shows("Test Employer set a new password with a reset link"));
}

#[tokio::test]
async fn a_made_up_reset_link_does_not_work() {
    let app = spawn_app().await;
    let visitor = app.browser();
    let path = format!("/password-reset/{}", "0".repeat(64));
    assert_eq!(visitor.open(&path).await.status, 404);
    assert_eq!(visitor.open("/password-reset/x").await.status, 404);
}

#[tokio::test]
async fn changing_your_password_keeps_this_session_and_ends_the_others() {
    let app = spawn_app().await;
    let email = email_of(Role::Agency);
    let (here, elsewhere) = (app.browser_for(email).await, app.browser_for(email).await);
    let token = app.log_in(email).await;

    assert_eq!(here.open("/account/password").await.status, 200);
    let empty = here.submit("/account/password", &[]).await;
    assert_eq!(empty.status, 422);
    for anchor in ["#current_password", "#password", "#password_confirmation"] {
        assert!(empty.shows(&format!("href=\"{anchor}\"")), "{anchor}");
    }
    let wrong = [
        ("current_password", "not my password at all"),
        ("password", NEW_PASSWORD),
        ("password_confirmation", NEW_PASSWORD),
    ];
    let refused = here.submit("/account/password", &wrong).await;
    assert_eq!(refused.status, 422);
    assert!(refused.shows("current password is not right"));

    let right = [
        ("current_password", PASSWORD),
        ("password", NEW_PASSWORD),
        ("password_confirmation", NEW_PASSWORD),
    ];
    let changed = here.submit("/account/password", &right).await;
    assert_eq!(changed.status, 303, "{}", changed.html);
    assert_eq!(
        here.open("/dashboard").await.status,
        200,
        "this session carries on"
    );
    assert_eq!(elsewhere.open("/dashboard").await.status, 401);
    assert_eq!(app.me(&token).await.status, 401);
    assert_eq!(app.request_token(email, PASSWORD).await.status(), 401);
    assert_eq!(app.request_token(email, NEW_PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn guessing_the_current_password_is_limited_as_logging_in_is() {
    let app = spawn_app().await;
    let browser = app.browser_as(Role::Employer).await;
    browser.open("/account/password").await;
    let guess = |current: &'static str| {
        [
            ("current_password", current),
            ("password", NEW_PASSWORD),
            ("password_confirmation", NEW_PASSWORD),
        ]
    };
    for _ in 0..5 {
        let page = browser
            .submit("/account/password", &guess("a wrong guess here"))
            .await;
        assert_eq!(page.status, 422);
    }
    let blocked = browser.submit("/account/password", &guess(PASSWORD)).await;
    assert_eq!(blocked.status, 429, "even the right password waits");
    let email = email_of(Role::Employer);
    assert_eq!(app.request_token(email, NEW_PASSWORD).await.status(), 429);
}

#[tokio::test]
async fn an_employer_signs_up_prepares_drafts_and_publishes_once_approved() {
    let app = spawn_app().await;
    let browser = sign_up(&app, "Okafor Kitchens", "employer", "amara@okafor.example").await;
    let dashboard = browser.open("/dashboard").await;
    assert_eq!(dashboard.status, 200);
    assert!(dashboard.shows("Okafor Kitchens is awaiting approval"));

    let employer = app.log_in("amara@okafor.example").await;
    let me = app.me(&employer).await.expect(200).body;
    assert_eq!(me["role"], "employer");
    let draft = VacancyBuilder::new()
        .title("Kitchen assistant")
        .set("status", "draft")
        .expect_post(&app, &employer)
        .await
        .reference();
    let open = app.post_vacancy(&employer, VacancyBuilder::new()).await;
    assert_eq!(open.status, 403);
    let message = open.body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("Okafor Kitchens is awaiting approval"),
        "{message}"
    );
    let opening = app.change_vacancy_status(&employer, &draft, "open").await;
    assert_eq!(opening.status, 403);
    let patched = app
        .edit_vacancy(&employer, &draft, json!({"status": "open"}))
        .await;
    assert_eq!(patched.status, 403);
    assert_eq!(app.vacancy_count(&employer).await, 1, "the draft alone");

    let admin = app.browser_as(Role::Admin).await;
    let list = admin.open("/admin/organisations").await;
    assert!(list.shows("Awaiting approval") && list.shows("Okafor Kitchens"));
    let id = organisation_id(&app, "Okafor Kitchens").await;
    let confirm = admin
        .open(&format!("/admin/organisations/{id}/approve"))
        .await;
    assert_eq!(confirm.status, 200);
    assert!(confirm.shows("amara@okafor.example"));
    let approved = admin
        .submit(&format!("/admin/organisations/{id}/approve"), &[])
        .await;
    assert_eq!(approved.status, 303, "{}", approved.html);
    let again = admin
        .submit(&format!("/admin/organisations/{id}/reject"), &[])
        .await;
    assert_eq!(again.status, 409, "decided once");

    app.change_vacancy_status(&employer, &draft, "open")
        .await
        .expect(200);
    assert!(!browser.open("/dashboard").await.shows("awaiting approval"));
}

#[tokio::test]
async fn a_rejected_sign_up_can_no_longer_log_in() {
    let app = spawn_app().await;
    let browser = sign_up(
        &app,
        "Fly By Night Staffing",
        "agency",
        "x@flybynight.example",
    )
    .await;
    let agency = app.log_in("x@flybynight.example").await;
    assert_eq!(app.me(&agency).await.expect(200).body["role"], "agency");
    let id = organisation_id(&app, "Fly By Night Staffing").await;
    let admin = app.browser_as(Role::Admin).await;
    let confirm = admin
        .open(&format!("/admin/organisations/{id}/reject"))
        .await;
    assert!(confirm.shows("can no longer log in"));
    let rejected = admin
        .submit(&format!("/admin/organisations/{id}/reject"), &[])
        .await;
    assert_eq!(rejected.status, 303);

    assert_eq!(app.me(&agency).await.status, 401);
    assert_eq!(browser.open("/dashboard").await.status, 401);
    let refused = app.request_token("x@flybynight.example", PASSWORD).await;
    assert_eq!(refused.status(), 403);
}

#[tokio::test]
async fn a_pending_employer_cannot_accept_an_agency_to_publish_for_it() {
    let app = spawn_app().await;
    sign_up(&app, "New Bakery", "employer", "baker@bakery.example").await;
    let agency = app.log_in_as(Role::Agency).await;
    app.ask_to_be_client(&agency, "New Bakery")
        .await
        .expect(201);
    let employer = app.log_in("baker@bakery.example").await;
    let id = betterwork::types::OrganisationId(organisation_id(&app, "New Bakery").await);
    let answer = app
        .answer_agency(&employer, &id, &app.world.agency, "accept")
        .await;
    assert_eq!(answer.status, 403);
    assert!(answer.body.to_string().contains("awaiting approval"));
}

#[tokio::test]
async fn the_sign_up_form_shows_every_fault_at_once_and_refuses_names_in_use() {
    let app = spawn_app().await;
    let browser = app.browser();
    assert_eq!(browser.open("/sign-up").await.status, 200);
    let empty = browser.submit("/sign-up", &[]).await;
    assert_eq!(empty.status, 422);
    assert!(empty.shows("<title>Error: "));
    for anchor in [
        "#organisation",
        "#kind-employer",
        "#display_name",
        "#email",
        "#password",
    ] {
        assert!(
            empty.shows(&format!("href=\"{anchor}\"")),
            "{anchor}: {}",
            empty.html
        );
    }
    assert!(
        !empty.shows("value=\"correct horse"),
        "a password is never sent back"
    );

    let taken_name = [
        ("organisation", "employer a"),
        ("kind", "employer"),
        ("display_name", "Someone"),
        ("email", "someone@new.example"),
        ("password", PASSWORD),
    ];
    let page = browser.submit("/sign-up", &taken_name).await;
    assert_eq!(page.status, 409);
    assert!(page.shows("href=\"#organisation\""));
    let taken_email = [
        ("organisation", "Brand New Ltd"),
        ("kind", "agency"),
        ("display_name", "Someone"),
        ("email", email_of(Role::Employer)),
        ("password", PASSWORD),
    ];
    let page = browser.submit("/sign-up", &taken_email).await;
    assert_eq!(page.status, 409);
    assert!(page.shows("href=\"#email\""));
    // Nothing half-made: the name is still free.
    sign_up(&app, "Brand New Ltd", "agency", "someone@new.example").await;
}

#[tokio::test]
async fn sign_ups_from_one_address_are_limited() {
    let app = spawn_app().await;
    for n in 0..betterwork::accounts::service::MAX_SIGN_UPS {
        let name = format!("Organisation {n}");
        sign_up(
            &app,
            &name,
            "employer",
            &format!("person{n}@org{n}.example"),
        )
        .await;
    }
    let browser = app.browser();
    browser.open("/sign-up").await;
    let fields = [
        ("organisation", "One Too Many"),
        ("kind", "employer"),
        ("display_name", "Someone"),
        ("email", "someone@toomany.example"),
        ("password", PASSWORD),
    ];
    let refused = browser.submit("/sign-up", &fields).await;
    assert_eq!(refused.status, 429);
    assert!(refused.shows("try again in an hour"));
}

#[tokio::test]
async fn the_audit_log_names_people_and_says_what_they_did() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    VacancyBuilder::new()
        .title("Kitchen assistant")
        .expect_post(&app, &employer)
        .await;
    let admin = app.browser_as(Role::Admin).await;
    let page = admin.open("/admin/audit").await;
    assert_eq!(page.status, 200);
    assert!(page.shows("Test Employer logged in"), "{}", page.html);
    assert!(
        page.shows("Test Employer posted the vacancy &#x27;Kitchen assistant&#x27;")
            || page.shows("Test Employer posted the vacancy 'Kitchen assistant'")
    );
    assert!(only_in_links(
        &page.html,
        app.world.person(email_of(Role::Employer))
    ));
    assert!(!page.shows(">log_in<"));

    // The API keeps its codes.
    let api_admin = app.log_in_as(Role::Admin).await;
    let audit = app
        .call(Method::GET, "/api/v1/audit", Some(&api_admin), None)
        .await;
    let body = audit.expect(200).body.to_string();
    assert!(body.contains("\"action\":\"log_in\""), "{body}");
}

/// An app state on `database` whose clock reads `at`, for what the pages cannot reach:
/// time passing, and a command-line admin.
async fn state_at(database: &FreshDatabase, at: DateTime<Utc>) -> AppState {
    let settings = test_settings(database);
    tokio::task::spawn_blocking(move || AppState::prepare(settings, false))
        .await
        .expect("preparing")
        .expect("preparing")
        .with_clock(FixedClock(at))
}

/// A platform with `count` admins; their ids.
async fn platform_with_admins(
    state: &AppState,
    count: usize,
) -> (OrganisationSummary, Vec<UserId>) {
    let operator = Actor::command_line();
    let (platform, _) =
        org_service::ensure(state, &operator, "Platform", OrganisationKind::Platform)
            .await
            .expect("the platform");
    let mut ids = Vec::new();
    for n in 0..count {
        let member = NewMember {
            email: format!("admin{n}@platform.example"),
            display_name: format!("Admin {n}"),
            role: Role::Admin,
            password: Some(PASSWORD.into()),
        };
        let created = org_service::create_member(state, &operator, platform.id.clone(), member)
            .await
            .expect("an admin");
        ids.push(UserId(created.user.id));
    }
    let summary = OrganisationSummary {
        id: platform.id,
        name: platform.name,
        kind: platform.kind,
        approval: platform.approval,
    };
    (summary, ids)
}

fn admin_actor(platform: &OrganisationSummary, id: &UserId, n: usize) -> Actor {
    Actor {
        user_id: id.clone(),
        email: format!("admin{n}@platform.example"),
        display_name: format!("Admin {n}"),
        role: Role::Admin,
        organisation: platform.clone(),
        session_id: String::new(),
        ip: None,
    }
}

#[tokio::test]
async fn the_last_admin_stays_even_when_two_remove_each_other_at_once() {
    let database = FreshDatabase::new();
    let state = state_at(&database, Utc::now()).await;
    let (platform, ids) = platform_with_admins(&state, 2).await;
    let (first, second) = (
        admin_actor(&platform, &ids[0], 0),
        admin_actor(&platform, &ids[1], 1),
    );
    let (a, b) = tokio::join!(
        accounts::remove_person(&state, &first, ids[1].clone()),
        accounts::remove_person(&state, &second, ids[0].clone()),
    );
    assert!(a.is_ok() != b.is_ok(), "exactly one removal: {a:?} {b:?}");
    // When the first admin's removal went through, the first admin is the one left.
    let survivor = if a.is_ok() { &ids[0] } else { &ids[1] };
    let refused = if a.is_err() { a } else { b }.unwrap_err();
    assert!(refused.to_string().contains("last admin"), "{refused}");
    let survivor = survivor.clone();
    let by_command_line = accounts::remove_person(&state, &Actor::command_line(), survivor).await;
    assert!(
        matches!(by_command_line, Err(AppError::Forbidden(_))),
        "{by_command_line:?}"
    );
}

#[tokio::test]
async fn a_reset_link_works_for_24_hours_and_only_its_hash_is_stored() {
    let database = FreshDatabase::new();
    let made = Utc.with_ymd_and_hms(2031, 3, 2, 9, 0, 0).unwrap();
    let state = state_at(&database, made).await;
    let (_, ids) = platform_with_admins(&state, 2).await;
    let reset = accounts::make_password_reset(&state, &Actor::command_line(), ids[1].clone())
        .await
        .expect("a link");

    let stored: Vec<String> = {
        use betterwork::schema::password_resets;
        use diesel::prelude::*;
        state
            .db
            .run(|conn| {
                Ok(password_resets::table
                    .select(password_resets::token_hash)
                    .load(conn)?)
            })
            .await
            .unwrap()
    };
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], reset.token, "the token itself is never stored");

    let almost = state_at(&database, made + Duration::hours(24) - Duration::seconds(1)).await;
    assert!(accounts::reset_link(&almost, reset.token.clone())
        .await
        .is_ok());
    let expired = state_at(&database, made + Duration::hours(24)).await;
    let gone = accounts::reset_link(&expired, reset.token.clone()).await;
    assert!(matches!(gone, Err(AppError::NotFound { .. })), "{gone:?}");
    let new = accounts::NewPassword {
        password: NEW_PASSWORD.into(),
        confirmation: NEW_PASSWORD.into(),
    };
    let late = accounts::reset_password(&expired, reset.token, new, "127.0.0.1".into()).await;
    assert!(matches!(late, Err(AppError::NotFound { .. })), "{late:?}");
}

#[tokio::test]
async fn an_import_for_an_organisation_awaiting_approval_keeps_only_its_drafts() {
    let database = FreshDatabase::new();
    let state = state_at(&database, Utc::now()).await;
    let sign_up = accounts::SignUp {
        organisation: "Peckham Pantry".into(),
        kind: "employer".into(),
        display_name: "Ana Silva".into(),
        email: "ana@pantry.example".into(),
        password: PASSWORD.into(),
    };
    accounts::sign_up(&state, sign_up, "127.0.0.1".into())
        .await
        .expect("signed up");
    let pantry = org_service::named(&state, "Peckham Pantry").await.unwrap();
    let poster = org_service::poster_for(&pantry).unwrap();
    let header = "ref,employer,title,sector,postcode,latitude,longitude,pay,pay_per,fte_hours,hours_min,hours_max,contract,patterns,open_to_flexibility,closes_on,description,status";
    let row = |reference: &str, status: &str| {
        format!("{reference},,Kitchen assistant,hospitality,SE15 4ST,,,13.85,hour,,16,24,permanent,part_time,yes,,Prep and service,{status}")
    };
    let csv = [
        header.to_string(),
        row("PP-1", "draft"),
        row("PP-2", "open"),
        row("PP-3", ""),
    ]
    .join("\n");
    let report = betterwork::vacancies::service::import(
        &state,
        &poster,
        std::io::Cursor::new(csv.into_bytes()),
        false,
        |_| {},
    )
    .await
    .expect("the import ran");
    assert_eq!((report.created, report.rejected), (1, 2), "{report:?}");
    let reasons = format!("{:?}", report.errors);
    assert!(reasons.contains("awaiting approval"), "{reasons}");
}

/// What the demo seed (the command line, acting for each organisation) did reads as a
/// sentence about someone, not "command line posted …".
#[tokio::test]
async fn the_audit_log_says_what_was_done_at_the_command_line() {
    let app = crate::helpers::spawn_demo_app().await;
    let admin = app.browser();
    let login = admin
        .log_in("admin@betterwork.example", betterwork::demo::DEMO_PASSWORD)
        .await;
    assert_eq!(login.status, 303);
    let page = admin.open("/admin/audit?per_page=100").await;
    assert_eq!(page.status, 200);
    assert!(
        page.shows("Someone at the command line posted the vacancy"),
        "{}",
        page.html
    );
    assert!(!page.shows("<td>command line posted"), "{}", page.html);
}
