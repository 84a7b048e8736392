//! Employers and agencies post and manage vacancies through the API.

use betterwork::types::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, spawn_app_on, VacancyBuilder, EMPLOYER_B};

#[tokio::test]
async fn an_employer_posts_a_vacancy_and_sees_its_living_wage_check() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    let posted = app.post_vacancy(&employer, VacancyBuilder::new()).await;
    assert_eq!(posted.status, 201);
    let v = &posted.body;
    assert!(posted.reference().starts_with("BW"));
    assert_eq!(v["employer"], "Employer A");
    assert_eq!(v["hourly_pay_pence"], 1500);
    assert_eq!(v["hours_max"], json!(22.5));
    assert_eq!(v["location"]["postcode"], "SW9 8QE");
    assert_eq!(v["location"]["precision"], "unit");
    assert_eq!(v["location"]["in_greater_london"], true);
    assert_eq!(v["living_wage"]["area"], "london");
    assert_eq!(v["living_wage"]["living_wage_pence"], 1480);
    assert_eq!(v["living_wage"]["meets_living_wage"], true);
    assert_eq!(v["living_wage"]["meets_national_living_wage"], true);
    assert_eq!(v["status"], "open");

    // A full-time salary is pro-rated to an hourly rate.
    let salaried = VacancyBuilder::new()
        .yearly_salary(2650000)
        .postcode("M1 1AE");
    let s = app.post_vacancy(&employer, salaried).await.body;
    assert_eq!(s["hourly_pay_pence"], 1359);
    assert_eq!(s["living_wage"]["area"], "uk");
    assert_eq!(s["location"]["precision"], "sector");
    assert_eq!(app.vacancy_count(&employer).await, 2);
}

#[tokio::test]
async fn pay_below_the_national_living_wage_and_bad_fields_are_refused_creating_nothing() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    let vacancy = VacancyBuilder::new;
    for (body, field) in [
        (vacancy().hourly_pay(1100), "pay_pence"),
        (vacancy().postcode("ZZ99 9ZZ"), "postcode"),
        (vacancy().postcode("sw9"), "postcode"),
        (vacancy().set("sector", "banking"), "sector"),
        (vacancy().set("hours_min", 40), "hours_min"),
        (vacancy().set("hours_max", "lots"), "hours_max"),
        (vacancy().set("contract", Value::Null), "contract"),
        (vacancy().closes_on("2026-13-01"), "closes_on"),
        (
            vacancy().set("patterns", json!(["sometimes"])),
            "patterns[0]",
        ),
        (vacancy().without("title"), "title"),
    ] {
        let response = app.post_vacancy(&employer, body).await;
        assert_eq!(response.status, 422, "{field}");
        assert_eq!(response.error_field(), field, "{}", response.body);
    }
    assert_eq!(app.vacancy_count(&employer).await, 0);
}

#[tokio::test]
async fn status_moves_only_along_allowed_paths() {
    let app = spawn_app().await;
    let (employer, reference) = app.employer_with_a_vacancy().await;
    for (to, expected) in [
        ("paused", 200),
        ("open", 200),
        ("filled", 200),
        ("open", 422),
        ("draft", 422),
        ("gone", 422),
    ] {
        let response = app.change_vacancy_status(&employer, &reference, to).await;
        assert_eq!(response.status, expected, "to {to}");
        if expected == 422 {
            assert_eq!(response.error_field(), "status");
        }
    }
    let filled = app.vacancy(&employer, &reference).await.body;
    assert_eq!(filled["status"], "filled");
    let by_status = app.list_vacancies(&employer, "status=filled").await;
    assert_eq!(by_status["total"], 1);
}

#[tokio::test]
async fn an_edit_is_checked_whole_and_a_bad_one_changes_nothing() {
    let app = spawn_app().await;
    let (employer, reference) = app.employer_with_a_vacancy().await;
    let changes = json!({"hours_max": 30, "patterns": ["job_share"]});
    let changed = app.edit_vacancy(&employer, &reference, changes).await;
    assert_eq!(changed.status, 200);
    assert_eq!(changed.body["hours_max"], json!(30));
    assert_eq!(changed.body["patterns"], json!(["job_share"]));
    assert_eq!(changed.body["title"], "Kitchen assistant");

    let bad_changes = json!({"hours_min": 35, "title": "Changed"});
    let bad = app.edit_vacancy(&employer, &reference, bad_changes).await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.error_field(), "hours_min");
    let after = app.vacancy(&employer, &reference).await.body;
    assert_eq!(after["title"], "Kitchen assistant");
}

#[tokio::test]
async fn an_employer_never_sees_another_employers_vacancy() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    let other = app.log_in(EMPLOYER_B).await;
    let posted = VacancyBuilder::new().source_ref("KIT-1");
    let reference = posted.expect_post(&app, &employer).await.reference();
    for asked in [reference.as_str(), "KIT-1"] {
        let status = app.vacancy(&other, asked).await.status;
        assert_eq!(status, 404, "{asked}");
    }
    let patch = app
        .edit_vacancy(&other, &reference, json!({"title": "Mine now"}))
        .await;
    assert_eq!(patch.status, 404);
    let status = app
        .change_vacancy_status(&other, &reference, "closed")
        .await;
    assert_eq!(status.status, 404);
    assert_eq!(app.vacancy_count(&other).await, 0);
    // The owner still finds it by its own reference, unchanged.
    let mine = app.vacancy(&employer, "KIT-1").await.body;
    assert_eq!(
        (mine["title"].as_str(), mine["status"].as_str()),
        (Some("Kitchen assistant"), Some("open"))
    );
    let adviser = app.log_in_as(Role::Adviser).await;
    let refused = app.post_vacancy(&adviser, VacancyBuilder::new()).await;
    assert_eq!(refused.status, 403);
}

#[tokio::test]
async fn an_agency_posts_only_for_its_clients_and_a_repeat_updates() {
    let app = spawn_app().await;
    let agency = app.log_in_as(Role::Agency).await;
    let for_client = || {
        VacancyBuilder::new()
            .employer("Employer A")
            .source_ref("AG-77")
    };
    let first = app.post_vacancy(&agency, for_client()).await;
    assert_eq!(first.status, 201);
    assert_eq!(first.body["agency"], "Agency");
    assert_eq!(first.body["employer"], "Employer A");
    assert_eq!(first.body["source_ref"], "AG-77");

    let again = app
        .post_vacancy(&agency, for_client().hourly_pay(1600))
        .await;
    assert_eq!(again.status, 200);
    assert_eq!(again.body["ref"], first.body["ref"]);
    assert_eq!(again.body["hourly_pay_pence"], 1600);
    assert_eq!(app.vacancy_count(&agency).await, 1);

    let not_a_client = VacancyBuilder::new()
        .employer("Employer B")
        .source_ref("AG-78");
    let refused = app.post_vacancy(&agency, not_a_client).await;
    assert_eq!(refused.status, 403);
    let message = refused.body["error"]["message"].as_str().unwrap();
    assert!(message.contains("Employer B"), "{message}");
    let unnamed = app.post_vacancy(&agency, VacancyBuilder::new()).await;
    assert_eq!(unnamed.error_field(), "employer");
    assert_eq!(app.vacancy_count(&agency).await, 1);

    // The employer sees the vacancy the agency posted for it.
    let employer = app.log_in_as(Role::Employer).await;
    assert_eq!(app.vacancy_count(&employer).await, 1);
}

#[tokio::test]
async fn an_agency_cannot_move_a_vacancy_to_another_client_by_reposting_its_ref() {
    let app = spawn_app().await;
    let agency = app.log_in_as(Role::Agency).await;
    let for_client = |employer| VacancyBuilder::new().employer(employer).source_ref("AG-9");
    for_client("Employer A").expect_post(&app, &agency).await;
    // Employer B accepts the agency too, so only the move itself is refused.
    app.ask_to_be_client(&agency, "Employer B")
        .await
        .expect(201);
    let employer_b = app.log_in(EMPLOYER_B).await;
    let (b, agency_id) = (&app.world.employer_b, &app.world.agency);
    app.answer_agency(&employer_b, b, agency_id, "accept")
        .await
        .expect(200);
    let moved = app.post_vacancy(&agency, for_client("Employer B")).await;
    assert_eq!(moved.status, 422);
    assert_eq!(moved.error_field(), "employer");
    let employer = app.log_in_as(Role::Employer).await;
    assert_eq!(
        app.vacancy_count(&employer).await,
        1,
        "Employer A keeps its vacancy"
    );
}

#[tokio::test]
async fn the_status_filter_counts_an_expired_open_vacancy_as_closed() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    let expired = VacancyBuilder::new()
        .title("Expired")
        .closes_on("2020-01-01");
    expired.expect_post(&app, &employer).await;
    let current = VacancyBuilder::new().title("Current");
    current.expect_post(&app, &employer).await;
    let open = app.list_vacancies(&employer, "status=open").await;
    assert_eq!(open["total"], 1);
    assert_eq!(open["items"][0]["title"], "Current");
    let closed = app.list_vacancies(&employer, "status=closed").await;
    assert_eq!(closed["total"], 1);
    assert_eq!(closed["items"][0]["status"], "closed");
}

#[tokio::test]
async fn a_new_postcode_moves_the_vacancy_and_a_huge_page_number_is_harmless() {
    let app = spawn_app().await;
    let (employer, reference) = app.employer_with_a_vacancy().await;
    let moved = app
        .edit_vacancy(&employer, &reference, json!({"postcode": "M1 1AE"}))
        .await
        .body;
    assert_eq!(moved["location"]["postcode"], "M1 1AE");
    assert_eq!(moved["location"]["precision"], "sector");
    assert!(
        (moved["location"]["latitude"].as_f64().unwrap() - 53.48).abs() < 0.1,
        "{moved}"
    );
    assert_eq!(moved["living_wage"]["area"], "uk");
    let huge_page = app.browser().open("/jobs?page=18446744073709551615").await;
    assert_eq!(huge_page.status, 200);
}

#[tokio::test]
async fn the_app_judges_closing_dates_and_stamps_changes_by_its_own_clock() {
    // The same vacancy is open before its closing date and closed after it, as the
    // portal's clock (not the machine's) says; its stamps are the portal's time too.
    let later = spawn_app_on("2031-03-02").await;
    let employer = later.log_in_as(Role::Employer).await;
    let vacancy = || VacancyBuilder::new().closes_on("2031-03-01");
    let posted = later.post_vacancy(&employer, vacancy()).await;
    assert_eq!(posted.status, 201, "{}", posted.body);
    assert_eq!(posted.body["status"], "closed");
    assert_eq!(posted.body["living_wage"]["as_at"], "2031-03-02");
    // Stored without a zone, sent as RFC 3339 in UTC.
    assert_eq!(posted.body["created_at"], "2031-03-02T12:00:00.000000Z");
    assert_eq!(posted.body["updated_at"], "2031-03-02T12:00:00.000000Z");

    let earlier = spawn_app_on("2031-02-28").await;
    let employer = earlier.log_in_as(Role::Employer).await;
    let posted = earlier.post_vacancy(&employer, vacancy()).await;
    assert_eq!(posted.body["status"], "open");
}

#[tokio::test]
async fn organisations_and_audit_entries_carry_their_times_in_utc() {
    let app = spawn_app_on("2031-03-02").await;
    let admin = app.log_in_as(Role::Admin).await;
    let created = app
        .create_organisation(
            &admin,
            json!({"name": "Peckham Pantry", "kind": "employer"}),
        )
        .await
        .expect(201);
    assert_eq!(created.body["created_at"], "2031-03-02T12:00:00.000000Z");
    let audit = app
        .call(Method::GET, "/api/v1/audit?per_page=1", Some(&admin), None)
        .await
        .expect(200);
    assert_eq!(audit.body["items"][0]["at"], "2031-03-02T12:00:00.000000Z");
}

#[tokio::test]
async fn following_next_walks_the_whole_list_as_pages_do_and_a_bad_cursor_is_named() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    for i in 0..5 {
        let vacancy = VacancyBuilder::new().title(&format!("Job {i}"));
        vacancy.expect_post(&app, &employer).await;
    }
    let refs = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|v| v["ref"].as_str().expect("ref").to_string())
            .collect()
    };
    let mut by_number = Vec::new();
    for page in 1..=3 {
        let listed = app
            .list_vacancies(&employer, &format!("per_page=2&page={page}"))
            .await;
        by_number.extend(refs(&listed));
    }
    let mut by_cursor = Vec::new();
    let mut query = "per_page=2".to_string();
    loop {
        let listed = app.list_vacancies(&employer, &query).await;
        assert_eq!(listed["total"], 5);
        by_cursor.extend(refs(&listed));
        match listed["next"].as_str() {
            Some(next) => query = format!("per_page=2&after={next}"),
            None => {
                assert_eq!(listed["has_more"], false);
                break;
            }
        }
    }
    assert_eq!(by_cursor.len(), 5);
    assert_eq!(by_cursor, by_number);
    let bad = app
        .call(
            Method::GET,
            "/api/v1/vacancies?after=yesterday",
            Some(&employer),
            None,
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.error_field(), "after");
}

#[tokio::test]
async fn the_remote_pattern_still_posts_as_a_remote_vacancy() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    let old_style = VacancyBuilder::new()
        .set("postcode", Value::Null)
        .set("patterns", json!(["remote", "part_time"]));
    let posted = old_style.expect_post(&app, &employer).await.body;
    assert_eq!(posted["remote"], true);
    assert_eq!(posted["patterns"], json!(["part_time", "remote"]));
    // Clearing the flag clears the pattern: they are one fact.
    let reference = posted["ref"].as_str().unwrap();
    let patch = json!({"remote": false, "postcode": "SW9 8QE"});
    let path = format!("/api/v1/vacancies/{reference}");
    let changed = app
        .call(Method::PATCH, &path, Some(&employer), Some(&patch))
        .await
        .expect(200);
    assert_eq!(changed.body["remote"], false);
    assert_eq!(changed.body["patterns"], json!(["part_time"]));
}

#[tokio::test]
async fn how_to_apply_is_given_and_cleared_through_the_api() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    let vacancy = VacancyBuilder::new()
        .set("apply_url", "https://example.org/jobs/1")
        .set("apply_email", "Jobs@Example.org");
    let posted = vacancy.expect_post(&app, &employer).await.body;
    assert_eq!(posted["apply_url"], "https://example.org/jobs/1");
    assert_eq!(posted["apply_email"], "jobs@example.org");
    let reference = posted["ref"].as_str().unwrap();
    let cleared = json!({"apply_url": null});
    let path = format!("/api/v1/vacancies/{reference}");
    let changed = app
        .call(Method::PATCH, &path, Some(&employer), Some(&cleared))
        .await
        .expect(200);
    assert_eq!(changed.body["apply_url"], Value::Null);
    assert_eq!(changed.body["apply_email"], "jobs@example.org");
    let insecure = VacancyBuilder::new().set("apply_url", "http://example.org/jobs/1");
    let refused = app.post_vacancy(&employer, insecure).await;
    assert_eq!(refused.status, 422);
    assert_eq!(refused.error_field(), "apply_url");
}
