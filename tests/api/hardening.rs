//! The hardening rules: where a log-in may lead, what text is accepted, look-alike names,
//! forms bound to their session, common passwords, HTTP details and dates that make sense.

use betterwork::types::Role;
use reqwest::multipart::{Form, Part};
use reqwest::Method;
use serde_json::json;

use crate::helpers::{
    email_of, spawn_app, spawn_app_on, test_settings, FreshDatabase, VacancyBuilder, PASSWORD,
};

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

#[tokio::test]
async fn control_characters_are_refused_in_every_field_naming_it_on_either_database() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    let before = app.vacancy_count(&employer).await;
    for (field, value) in [
        ("title", "Cook\u{0}"),
        ("title", "Cook\tChef"),
        ("title", "Cook \u{202E}feh"),
        ("description", "Hot\u{0}food"),
        ("description", "Bell\u{7}"),
        ("ref", "R-\u{0}"),
        ("postcode", "SW9\u{0}8QE"),
    ] {
        let reply = app
            .post_vacancy(&employer, VacancyBuilder::new().set(field, value))
            .await;
        assert_eq!(reply.status, 422, "{field} {value:?}: {}", reply.body);
        assert_eq!(reply.error_field(), field, "{value:?}");
    }
    assert_eq!(app.vacancy_count(&employer).await, before);
    // Line breaks and tabs are what a description is made of.
    let kept = VacancyBuilder::new().set("description", "Days:\r\n\tMon to Fri");
    let posted = kept.expect_post(&app, &employer).await;
    assert_eq!(posted.body["description"], "Days:\n\tMon to Fri");

    let admin = app.log_in_as(Role::Admin).await;
    let nul_name = json!({"name": "Nul\u{0} Ltd", "kind": "employer"});
    let reply = app.create_organisation(&admin, nul_name).await;
    assert_eq!(reply.expect(422).error_field(), "name");
    let person = |email: &str, name: &str| json!({"email": email, "display_name": name, "role": "employer", "password": PASSWORD});
    let organisation = app.world.employer_a.clone();
    let reply = app
        .add_person(
            &admin,
            &organisation,
            person("new@employer-a.example", "Ann\u{0}"),
        )
        .await;
    assert_eq!(reply.expect(422).error_field(), "display_name");
    let reply = app
        .add_person(
            &admin,
            &organisation,
            person("an\u{202E}n@employer-a.example", "Ann"),
        )
        .await;
    assert_eq!(reply.expect(422).error_field(), "email");
    let agency = app.log_in_as(Role::Agency).await;
    let for_client = VacancyBuilder::new().employer("Employer\u{0} A");
    let reply = app.post_vacancy(&agency, for_client).await;
    assert_eq!(reply.expect(422).error_field(), "employer");
}

#[tokio::test]
async fn a_nul_in_an_address_or_query_string_is_a_client_error() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    let reply = app
        .call(
            Method::GET,
            "/api/v1/vacancies?status=%00",
            Some(&employer),
            None,
        )
        .await;
    assert_eq!(reply.expect(422).error_field(), "status");
    let reply = app
        .call(
            Method::GET,
            "/api/v1/vacancies/BW%00",
            Some(&employer),
            None,
        )
        .await;
    assert_eq!(reply.expect(400).body["error"]["code"], "malformed_request");
    let browser = app.browser();
    let jobs = browser.open("/jobs?q=care%00").await;
    assert_eq!(jobs.status, 422);
    assert!(jobs.shows("must be one line of text"), "{}", jobs.html);
    assert_eq!(browser.open("/jobs/BW%00").await.status, 400);
    let adviser = app.browser_as(Role::Adviser).await;
    let page = adviser.open("/better-off?vacancy=BW%00").await;
    assert_eq!(page.status, 422);
    let form = adviser.open("/better-off").await;
    assert_eq!(form.status, 200);
    let page = adviser
        .submit("/better-off", &[("vacancy", "BW\u{0}"), ("age", "30")])
        .await;
    assert_eq!(page.status, 422, "{}", page.html);
    assert!(page.shows("must be one line of text"), "{}", page.html);
}

#[tokio::test]
async fn a_csv_cell_with_a_control_character_is_reported_by_line_and_column() {
    let app = spawn_app().await;
    let browser = app.browser_as(Role::Employer).await;
    let header = "ref,employer,title,sector,postcode,latitude,longitude,pay,pay_per,fte_hours,hours_min,hours_max,contract,patterns,open_to_flexibility,closes_on,description,status";
    let csv = format!(
        "{header}\nC-1,,Cook\u{1},hospitality,SE15 4ST,,,14.00,hour,,16,24,permanent,,no,,,\n"
    );
    let file = Part::bytes(csv.into_bytes()).file_name("v.csv");
    let csrf = browser.csrf_token("/vacancies/import").await;
    let upload = Form::new().text("csrf_token", csrf).part("file", file);
    let response = browser.upload("/vacancies/import", upload).await;
    assert_eq!(response.status, 200, "{}", response.html);
    assert!(
        response.shows("<td data-label=\"Row\">Line 2 (ref C-1, &#x27;Cook\u{1}&#x27;)</td><td data-label=\"Column\"><code>title</code>"),
        "{}",
        response.html
    );
}

#[tokio::test]
async fn a_name_that_only_looks_different_from_an_existing_organisation_is_refused() {
    let app = spawn_app().await;
    let admin = app.log_in_as(Role::Admin).await;
    let original = json!({"name": "Thameside Care Homes", "kind": "employer"});
    app.create_organisation(&admin, original).await.expect(201);
    let before = app.organisation_count().await;
    let look_alikes = [
        "thameside care homes",
        "THAMESIDE  CARE HOMES",
        "Thameside Care\u{200B} Homes",
        "Thame\u{00AD}side Care Homes",
        "Ｔｈａｍｅｓｉｄｅ Care Homes",
    ];
    for name in look_alikes {
        let new = json!({"name": name, "kind": "employer"});
        let reply = app.create_organisation(&admin, new).await;
        assert_eq!(reply.status, 409, "{name:?}: {}", reply.body);
        assert_eq!(reply.error_field(), "name");
        let renamed = app
            .edit_organisation(&admin, &app.world.employer_b, json!({"name": name}))
            .await;
        assert_eq!(renamed.status, 409, "{name:?}: {}", renamed.body);
        assert!(
            renamed.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("Thameside Care Homes"),
            "{}",
            renamed.body
        );
    }
    assert_eq!(app.organisation_count().await, before);
    assert_eq!(
        app.organisation_name(&app.world.employer_b).await,
        "Employer B"
    );
    // An organisation may change the capitals of its own name; what it typed is kept.
    let own = json!({"name": "  EMPLOYER b "});
    let renamed = app
        .edit_organisation(&admin, &app.world.employer_b, own)
        .await;
    assert_eq!(renamed.expect(200).body["name"], "EMPLOYER b");
}

#[tokio::test]
async fn organisations_stored_before_names_had_keys_get_them_at_start_up() {
    use betterwork::db::Db;
    use betterwork::AppState;
    use diesel::connection::SimpleConnection;

    let database = FreshDatabase::new();
    let settings = test_settings(&database);
    let prepare = |settings| {
        tokio::task::spawn_blocking(move || AppState::prepare(settings, false).map(|_| ()))
    };
    prepare(settings.clone()).await.unwrap().unwrap();
    let db = Db::connect(&database.url, 1).unwrap();
    let now = "'2026-11-28 12:00:00'";
    let sql = format!(
        "INSERT INTO organisations (id, name, kind, living_wage_accredited, created_at, updated_at) \
         VALUES ('old-1', 'Thameside Care Homes', 'employer', false, {now}, {now}), \
                ('old-2', 'THAMESIDE CARE HOMES', 'employer', false, {now}, {now})"
    );
    db.run_blocking(|conn| Ok(conn.batch_execute(&sql)?))
        .unwrap();
    prepare(settings).await.unwrap().unwrap();
    let keyed = |id: &'static str| {
        let sql =
            format!("SELECT id FROM organisations WHERE id = '{id}' AND name_key IS NOT NULL");
        db.run_blocking(move |conn| {
            use diesel::RunQueryDsl;
            #[derive(diesel::QueryableByName)]
            struct Found {
                #[diesel(sql_type = diesel::sql_types::Text)]
                #[expect(dead_code, reason = "only whether a row comes back is tested")]
                id: String,
            }
            Ok(diesel::sql_query(sql).load::<Found>(conn)?.len())
        })
        .unwrap()
    };
    // The first keeps the name; the later look-alike is left for an admin to rename.
    assert_eq!(keyed("old-1"), 1);
    assert_eq!(keyed("old-2"), 0);
}

#[tokio::test]
async fn a_common_breached_or_blank_password_is_refused_naming_the_field() {
    let app = spawn_app().await;
    let admin = app.log_in_as(Role::Admin).await;
    let organisation = app.world.employer_a.clone();
    let spaces = " ".repeat(12);
    let nuls = "\u{0}".repeat(12);
    for password in ["password1234", "Qwertyuiop123", &spaces, &nuls] {
        let person = json!({"email": "new@employer-a.example", "display_name": "New Person",
                            "role": "employer", "password": password});
        let reply = app.add_person(&admin, &organisation, person).await;
        assert_eq!(reply.status, 422, "{password:?}: {}", reply.body);
        assert_eq!(reply.error_field(), "password", "{password:?}");
    }
    let team = app.team(&admin, &organisation).await.expect(200);
    assert_eq!(team.body.as_array().map(Vec::len), Some(1), "{}", team.body);
    let person = json!({"email": "new@employer-a.example", "display_name": "New Person",
                        "role": "employer", "password": "tulip marmalade gravel otter"});
    app.add_person(&admin, &organisation, person)
        .await
        .expect(201);
}

#[tokio::test]
async fn a_form_token_works_only_in_the_session_that_was_given_it() {
    let app = spawn_app().await;
    let before = app.organisation_count().await;
    let path = "/admin/organisations";
    let mine = app.browser();
    let login = mine.log_in(email_of(Role::Admin), PASSWORD).await;
    let session = login
        .cookies
        .iter()
        .find_map(|c| c.split(';').next()?.strip_prefix("bw_session="))
        .expect("a session cookie")
        .to_string();
    let theirs = app.browser_as(Role::Admin).await;
    let their_token = theirs.csrf_token(path).await;
    let mut forged = vec![("name", "Forged Ltd"), ("kind", "employer")];
    forged.push(("csrf_token", &their_token));
    let refused = mine.submit_without_token(path, &forged).await;
    assert_eq!(refused.status, 403, "{}", refused.html);

    // Any equal cookie and field used to pass: a cookie is no proof of a page we served.
    let made_up = "ab".repeat(32);
    let response = app
        .api
        .post(app.url(path))
        .header("cookie", format!("bw_session={session}; bw_csrf={made_up}"))
        .form(&[
            ("name", "Forged Ltd"),
            ("kind", "employer"),
            ("csrf_token", &made_up),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);

    let upload = Form::new()
        .text("csrf_token", their_token.clone())
        .part("file", Part::bytes(b"ref\n".to_vec()).file_name("v.csv"));
    let employer = app.browser_as(Role::Employer).await;
    assert_eq!(
        employer.upload("/vacancies/import", upload).await.status,
        403
    );
    assert_eq!(app.organisation_count().await, before);

    let honest = mine
        .submit(path, &[("name", "Honest Ltd"), ("kind", "employer")])
        .await;
    assert_eq!(honest.status, 303, "{}", honest.html);
    assert_eq!(app.organisation_count().await, before + 1);
}

#[tokio::test]
async fn private_answers_are_not_cached_and_https_is_kept_to() {
    let app = spawn_app().await;
    let adviser = app.log_in_as(Role::Adviser).await;
    let me = app.me(&adviser).await.expect(200);
    assert_eq!(me.headers["cache-control"], "no-store");
    assert!(me.headers.get("strict-transport-security").is_none());
    let dashboard = app
        .api
        .get(app.url("/dashboard"))
        .header("cookie", browser_session(&app).await)
        .send()
        .await
        .unwrap();
    assert_eq!(dashboard.status(), 200);
    assert_eq!(dashboard.headers()["cache-control"], "no-store");
    let css = app.get("/static/app.css", None).await;
    assert_eq!(css.headers()["cache-control"], "public, max-age=3600");
    // Behind a proxy that ends HTTPS, browsers are told to keep to it.
    let secure = app
        .api
        .get(app.url("/jobs"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    assert_eq!(
        secure.headers()["strict-transport-security"],
        "max-age=31536000"
    );
}

/// A session cookie header for the test adviser, logged in by page.
async fn browser_session(app: &crate::helpers::TestApp) -> String {
    let page = app
        .browser()
        .log_in(email_of(Role::Adviser), PASSWORD)
        .await;
    page.cookies
        .iter()
        .find_map(|c| c.split(';').next().filter(|c| c.starts_with("bw_session=")))
        .expect("a session cookie")
        .to_string()
}

#[tokio::test]
async fn a_wrong_method_on_an_existing_address_is_a_405_saying_which_are_allowed() {
    let app = spawn_app().await;
    let adviser = app.log_in_as(Role::Adviser).await;
    let reply = app
        .call(Method::DELETE, "/api/v1/me", Some(&adviser), None)
        .await;
    assert_eq!(reply.status, 405, "{}", reply.body);
    assert_eq!(reply.headers["allow"], "GET");
    assert_eq!(reply.body["error"]["code"], "method_not_allowed");
    let page = app.api.delete(app.url("/login")).send().await.unwrap();
    assert_eq!(page.status(), 405);
    assert_eq!(page.headers()["allow"], "GET, POST");
    assert!(page.text().await.unwrap().contains("does not take DELETE"));
    // An address that does not exist is still a 404, by any method.
    let missing = app.api.delete(app.url("/api/v1/nothing")).send().await;
    let missing = missing.unwrap();
    assert_eq!(missing.status(), 404);
    let body: serde_json::Value = missing.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
    assert_eq!(app.get("/nothing-here", None).await.status(), 404);
}

#[tokio::test]
async fn dates_that_make_no_sense_are_refused_saying_why() {
    let app = spawn_app_on("2026-11-23").await;
    let employer = app.log_in_as(Role::Employer).await;
    for day in ["1900-01-01", "0000-01-01", "2031-11-24"] {
        let reply = app
            .post_vacancy(&employer, VacancyBuilder::new().closes_on(day))
            .await;
        assert_eq!(reply.status, 422, "{day}: {}", reply.body);
        assert_eq!(reply.error_field(), "closes_on");
        let message = reply.body["error"]["message"].as_str().unwrap();
        assert!(message.contains("1 January 2000"), "{message}");
    }
    let adviser = app.log_in_as(Role::Adviser).await;
    let scenario = json!({
        "date": "2026-08-14",
        "household": {"adults": [{"age": 30}], "children": [{"born_on": "0000-01-01"}],
                      "claims_universal_credit": true},
        "current": {"jobs": [{"hourly_pay_pence": 1414, "weekly_hours": 16}]},
        "offer": {"jobs": [{"hourly_pay_pence": 1664, "weekly_hours": 16}]}
    });
    let reply = app.check_better_off(Some(&adviser), &scenario).await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(reply.error_field(), "household.children[0].born_on");
    let browser = app.browser_as(Role::Adviser).await;
    assert_eq!(browser.open("/better-off").await.status, 200);
    let fields = [
        ("date", "2026-08-14"),
        ("age", "30"),
        ("child_1", "1926-01-01"),
        ("claims_uc", "yes"),
        ("offer_pay", "16.64"),
        ("offer_hours", "16"),
    ];
    let page = browser.submit("/better-off", &fields).await;
    assert_eq!(page.status, 422, "{}", page.html);
    assert!(page.shows("more than 30 years before"), "{}", page.html);
}
