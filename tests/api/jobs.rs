//! The public jobs page: filters, distance from a postcode, and the vacancy page.

use betterwork::types::Role;

use crate::helpers::{spawn_app, Browser, TestApp, User, VacancyBuilder};

/// Posts a vacancy and answers with its reference.
async fn post(app: &TestApp, employer: &User, vacancy: VacancyBuilder) -> String {
    vacancy.expect_post(app, employer).await.reference()
}

/// The jobs page for `query`, as a visitor sees it.
async fn jobs(visitor: &Browser, query: &str) -> (u16, String) {
    let page = visitor.open(&format!("/jobs?{query}")).await;
    (page.status.as_u16(), page.html)
}

#[tokio::test]
async fn the_jobs_page_filters_by_distance_and_shows_it() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    let vacancy = VacancyBuilder::new;
    // SW9 8QE (Brixton) is about 1.3 km from SE5 9RS (Camberwell); Manchester is 260 km away.
    let brixton = vacancy().title("Brixton barista").postcode("SW9 8QE");
    post(&app, &employer, brixton).await;
    let manchester = vacancy().title("Manchester cook").postcode("M1 1AE");
    post(&app, &employer, manchester).await;
    let remote = vacancy()
        .title("Remote bookings")
        .remote()
        .set("sector", "customer_service");
    post(&app, &employer, remote).await;
    let paused = post(&app, &employer, vacancy().title("Paused porter")).await;
    app.change_vacancy_status(&employer, &paused, "paused")
        .await
        .expect(200);
    let expired = vacancy().title("Expired cleaner").closes_on("2020-01-01");
    post(&app, &employer, expired).await;

    let visitor = app.browser();
    let (status, html) = jobs(&visitor, "").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Brixton barista")
            && html.contains("Manchester cook")
            && html.contains("Remote bookings")
    );
    assert!(!html.contains("Paused porter") && !html.contains("Expired cleaner"));

    let (_, near) = jobs(&visitor, "near=SE5+9RS&within_km=5").await;
    assert!(near.contains("Brixton barista"));
    assert!(near.contains("km away"));
    assert!(
        !near.contains("Manchester cook"),
        "Manchester is not within 5 km"
    );
    assert!(
        near.contains("Remote bookings"),
        "distance never excludes a remote job"
    );
    assert!(near.contains("Contains Ordnance Survey data"));

    let (_, far) = jobs(&visitor, "near=SE5%209RS&within_km=300").await;
    assert!(far.contains("Manchester cook"));

    let (_, sector) = jobs(&visitor, "sector=customer_service").await;
    assert!(sector.contains("Remote bookings") && !sector.contains("Brixton barista"));

    let (status, bad) = jobs(&visitor, "near=not-a-postcode").await;
    assert_eq!(status, 422);
    assert!(bad.contains("id=\"near-error\""));
}

#[tokio::test]
async fn pay_and_living_wage_employer_filters_work_and_a_vacancy_page_explains_the_living_wage() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    let low = VacancyBuilder::new()
        .title("Shelf stacker")
        .hourly_pay(1300);
    let low = post(&app, &employer, low).await;
    let supervisor = VacancyBuilder::new().title("Supervisor").hourly_pay(1650);
    post(&app, &employer, supervisor).await;
    let visitor = app.browser();
    let (_, html) = jobs(&visitor, "min_pay=15").await;
    assert!(html.contains("Supervisor") && !html.contains("Shelf stacker"));

    let (_, none) = jobs(&visitor, "lw=1").await;
    assert!(
        !none.contains("Supervisor"),
        "Employer A is not accredited yet"
    );
    let admin = app.log_in_as(Role::Admin).await;
    app.verify_accreditation(&admin, &app.world.employer_a, true)
        .await
        .expect(200);
    let (_, accredited) = jobs(&visitor, "lw=1").await;
    assert!(accredited.contains("Supervisor"));

    let page = visitor.open(&format!("/jobs/{low}")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.shows("less than the London Living Wage (£14.80)"),
        "{}",
        page.html
    );
    let missing = visitor.open("/jobs/BWNOSUCHREF").await;
    assert_eq!(missing.status, 404);
}
