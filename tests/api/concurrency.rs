//! Busy offices: writers at the same moment wait their turn and never fail, a status moved
//! by one person is never undone by another's edit, and parallel guesses at a password
//! cannot slip under the log-in limit.

use std::sync::Arc;

use betterwork::types::Role;
use reqwest::Method;
use serde_json::{json, Value};
use tokio::task::JoinSet;

use crate::helpers::{email_of, spawn_app, TestApp, User, VacancyBuilder};

/// Sends one JSON request as `user` and answers its status and body.
async fn send(app: &TestApp, user: &User, method: Method, path: &str, body: Value) -> (u16, Value) {
    let response = app
        .api
        .request(method, app.url(path))
        .bearer_auth(&user.token)
        .json(&body)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn writers_at_the_same_moment_all_succeed() {
    let app = Arc::new(spawn_app().await);
    let employer = Arc::new(app.log_in_as(Role::Employer).await);
    let mut writers = JoinSet::new();
    for i in 0..24 {
        let (app, employer) = (app.clone(), employer.clone());
        writers.spawn(async move {
            let body = Value::from(VacancyBuilder::new().title(&format!("Porter {i}")));
            send(&app, &employer, Method::POST, "/api/v1/vacancies", body).await
        });
    }
    let mut created = 0;
    while let Some(done) = writers.join_next().await {
        let (status, body) = done.expect("a writer");
        assert_eq!(status, 201, "{body}");
        created += 1;
    }
    assert_eq!(created, 24);
    assert_eq!(app.vacancy_count(&employer).await, 24);
}

#[tokio::test]
async fn a_filled_vacancy_is_never_reopened_by_an_edit_or_a_repost_racing_it() {
    let app = Arc::new(spawn_app().await);
    let employer = Arc::new(app.log_in_as(Role::Employer).await);
    for round in 0..6 {
        let source_ref = format!("RACE-{round}");
        let reference = VacancyBuilder::new()
            .source_ref(&source_ref)
            .expect_post(&app, &employer)
            .await
            .reference();
        let mut racers = JoinSet::new();
        for i in 0..6 {
            let (app, employer) = (app.clone(), employer.clone());
            let (path, source_ref) = (format!("/api/v1/vacancies/{reference}"), source_ref.clone());
            racers.spawn(async move {
                let answer = if i % 2 == 0 {
                    let edit = json!({"title": format!("Edited {i}")});
                    send(&app, &employer, Method::PATCH, &path, edit).await
                } else {
                    let repost = VacancyBuilder::new()
                        .source_ref(&source_ref)
                        .title(&format!("Reposted {i}"));
                    let body = Value::from(repost);
                    send(&app, &employer, Method::POST, "/api/v1/vacancies", body).await
                };
                ("other", answer)
            });
        }
        let (app2, employer2) = (app.clone(), employer.clone());
        let status_path = format!("/api/v1/vacancies/{reference}/status");
        racers.spawn(async move {
            let filled = json!({"status": "filled"});
            (
                "filled",
                send(&app2, &employer2, Method::POST, &status_path, filled).await,
            )
        });
        let mut filled_ok = false;
        while let Some(done) = racers.join_next().await {
            let (what, (status, body)) = done.expect("a racer");
            // The losers of a race are told so (409), or refused for moving a filled
            // vacancy (422); nothing fails.
            assert!(
                matches!(status, 200 | 201 | 409 | 422),
                "{what}: {status} {body}"
            );
            if what == "filled" && status == 200 {
                filled_ok = true;
            }
        }
        let now = app.vacancy(&employer, &reference).await.expect(200).body;
        if filled_ok {
            assert_eq!(now["status"], "filled", "round {round}: {now}");
        }
    }
}

#[tokio::test]
async fn forty_guesses_at_once_get_no_more_than_five_checked() {
    let app = Arc::new(spawn_app().await);
    let mut guesses = JoinSet::new();
    for i in 0..40 {
        let app = app.clone();
        guesses.spawn(async move {
            let response = app
                .request_token(email_of(Role::Employer), &format!("wrong guess {i}"))
                .await;
            response.status().as_u16()
        });
    }
    let (mut checked, mut refused) = (0, 0);
    while let Some(done) = guesses.join_next().await {
        match done.expect("a guess") {
            401 => checked += 1,
            429 => refused += 1,
            other => panic!("a guess answered {other}"),
        }
    }
    assert_eq!(checked, 5, "only five guesses may be checked");
    assert_eq!(refused, 35);
}
