//! The public jobs page: filters, distance from a postcode in miles, sorting, every fault at
//! once, and the vacancy page, which says when a job has closed.

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

/// The titles of the jobs listed, in the order shown.
fn titles(html: &str) -> Vec<String> {
    html.split("<article class=\"card job\">")
        .skip(1)
        .filter_map(|card| {
            let start = card.find("\">")? + 2;
            let end = card[start..].find("</a>")? + start;
            Some(card[start..end].to_string())
        })
        .collect()
}

/// Jobs around Camberwell (SE5 9RS), posted oldest first: Brixton is 0.7 miles away,
/// Waterloo 2.6, Croydon 6.6, Manchester about 160; the remote job has no distance.
async fn jobs_around_camberwell(app: &TestApp) -> User {
    let employer = app.log_in_as(Role::Employer).await;
    let vacancy = VacancyBuilder::new;
    for (title, postcode, pay) in [
        ("Brixton barista", "SW9 8QE", 1300),
        ("Waterloo porter", "SE1 7PB", 1700),
        ("Croydon cleaner", "CR0 1NX", 1500),
        ("Manchester cook", "M1 1AE", 1600),
    ] {
        let job = vacancy().title(title).postcode(postcode).hourly_pay(pay);
        post(app, &employer, job).await;
    }
    let remote = vacancy()
        .title("Remote bookings")
        .remote()
        .hourly_pay(1400)
        .set("sector", "customer_service");
    post(app, &employer, remote).await;
    employer
}

#[tokio::test]
async fn near_a_postcode_the_nearest_jobs_come_first_within_a_distance_in_miles() {
    let app = spawn_app().await;
    let employer = jobs_around_camberwell(&app).await;
    let paused = post(
        &app,
        &employer,
        VacancyBuilder::new().title("Paused porter"),
    )
    .await;
    app.change_vacancy_status(&employer, &paused, "paused")
        .await
        .expect(200);
    let expired = VacancyBuilder::new()
        .title("Expired cleaner")
        .closes_on("2020-01-01");
    post(&app, &employer, expired).await;
    let visitor = app.browser();

    let (status, all) = jobs(&visitor, "").await;
    assert_eq!(status, 200);
    assert_eq!(
        titles(&all),
        [
            "Remote bookings",
            "Manchester cook",
            "Croydon cleaner",
            "Waterloo porter",
            "Brixton barista"
        ],
        "newest first without a postcode; never paused or expired jobs"
    );

    // The distance nobody chose is shown, not hidden: five miles.
    let (status, near) = jobs(&visitor, "near=se59rs").await;
    assert_eq!(status, 200, "{near}");
    assert!(near.contains("3 jobs within 5 miles of SE5 9RS or remote"));
    assert!(near.contains("<option value=\"5\" selected>Within 5 miles</option>"));
    assert_eq!(
        titles(&near),
        ["Brixton barista", "Waterloo porter", "Remote bookings"],
        "nearest first, remote jobs last, Croydon beyond 5 miles"
    );
    assert!(near.contains("0.7 miles away") && near.contains("2.6 miles away"));
    assert!(!near.contains("km away"), "miles for the public");
    assert!(near.contains("<option value=\"distance\" selected>"));
    assert!(near.contains("Contains Ordnance Survey data"));

    let (_, wider) = jobs(&visitor, "near=SE5+9RS&within=10").await;
    assert_eq!(
        titles(&wider),
        [
            "Brixton barista",
            "Waterloo porter",
            "Croydon cleaner",
            "Remote bookings"
        ]
    );
    let (_, newest) = jobs(&visitor, "near=SE5+9RS&within=10&sort=newest").await;
    assert_eq!(
        titles(&newest),
        [
            "Remote bookings",
            "Croydon cleaner",
            "Waterloo porter",
            "Brixton barista"
        ]
    );
    let (_, best_paid) = jobs(&visitor, "near=SE5+9RS&within=10&sort=pay").await;
    assert_eq!(
        titles(&best_paid),
        [
            "Waterloo porter",
            "Croydon cleaner",
            "Remote bookings",
            "Brixton barista"
        ]
    );
    // Without a postcode the database sorts by pay, and pages through it.
    let (_, by_pay) = jobs(&visitor, "sort=pay").await;
    assert_eq!(titles(&by_pay)[..2], ["Waterloo porter", "Manchester cook"]);
    assert!(
        !by_pay.contains("value=\"distance\""),
        "no distance to sort by"
    );

    let (_, sector) = jobs(&visitor, "sector=customer_service").await;
    assert_eq!(titles(&sector), ["Remote bookings"]);
    let (_, keyword) = jobs(&visitor, "q=BARISTA").await;
    assert_eq!(titles(&keyword), ["Brixton barista"], "any case");
    let (_, described) = jobs(&visitor, "q=busy+caf").await;
    assert_eq!(
        titles(&described).len(),
        5,
        "the description is searched too"
    );
}

#[tokio::test]
async fn every_fault_in_the_filters_shows_at_once_and_no_misleading_list() {
    let app = spawn_app().await;
    jobs_around_camberwell(&app).await;
    let visitor = app.browser();
    let (status, html) = jobs(
        &visitor,
        "near=SW9&within=7&min_pay=14,50&min_hours=lots&max_hours=20&sort=cheapest",
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("<title>Error: Jobs"), "the title says so");
    let summary = html
        .split("class=\"error-summary\"")
        .nth(1)
        .expect("an error summary")
        .split("</div>")
        .next()
        .unwrap()
        .to_string();
    for (anchor, message) in [
        ("near", "Enter a full UK postcode, like SW9 8QE"),
        ("within", "Select distance"),
        ("sort", "Select how to sort the jobs"),
        ("min_pay", "full stop"),
        ("min_hours", "Hours a week, at least"),
    ] {
        assert!(
            summary.contains(&format!("href=\"#{anchor}\"")),
            "{summary}"
        );
        assert!(summary.contains(message), "{message}: {summary}");
    }
    assert!(titles(&html).is_empty(), "no jobs beside faulty filters");
    assert!(html.contains("Fix the problem above to see jobs"));
    assert!(
        html.contains("<details class=\"more-filters\" open>"),
        "the filter with a fault is not hidden"
    );

    // A postcode that is well formed but nowhere in Great Britain is a fault too.
    let (status, nowhere) = jobs(&visitor, "near=ZZ1+1ZZ").await;
    assert_eq!(status, 422);
    assert!(nowhere.contains("We cannot find ZZ1 1ZZ"), "{nowhere}");
    assert!(titles(&nowhere).is_empty());

    let (status, hours) = jobs(&visitor, "min_hours=30&max_hours=10").await;
    assert_eq!(status, 422);
    assert!(hours.contains("must be the same as or less than"));
}

#[tokio::test]
async fn each_card_shows_pay_a_year_the_place_and_the_closing_date() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    let full_time = VacancyBuilder::new()
        .title("Warehouse operative")
        .hourly_pay(1490)
        .set("hours_min", 37.5)
        .set("hours_max", 37.5)
        .closes_on("2030-12-31");
    post(&app, &employer, full_time).await;
    let salaried = VacancyBuilder::new()
        .title("Office administrator")
        .hourly_pay(2_000_000)
        .set("pay_per", "year")
        .hours(30, 30);
    post(&app, &employer, salaried).await;
    let pro_rata = VacancyBuilder::new()
        .title("Care assistant")
        .yearly_salary(2_650_000);
    post(&app, &employer, pro_rata).await;
    let (_, html) = jobs(&app.browser(), "").await;
    assert!(
        html.contains("£14.90 an hour (about £29,055 a year at 37.5 hours a week)"),
        "{html}"
    );
    assert!(html.contains("£20,000 a year for 30 hours a week (about £12.82 an hour)"));
    assert!(html.contains(
        "£13.59 an hour (about £15,900 a year at 22.5 hours a week; £26,500 a year full time, at 37.5 hours)"
    ));
    assert!(html.contains("Closes 31 December 2030"));
    assert!(html.contains("No closing date"));
    assert!(html.contains("London SW9"));
}

#[tokio::test]
async fn a_closed_or_filled_job_says_so_with_410_and_a_paused_one_is_not_found() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    let vacancy = VacancyBuilder::new;
    let closed = post(&app, &employer, vacancy().title("Closed chef")).await;
    let filled = post(&app, &employer, vacancy().title("Filled fitter")).await;
    let paused = post(&app, &employer, vacancy().title("Paused porter")).await;
    let expired = vacancy().title("Expired editor").closes_on("2020-01-31");
    let expired = post(&app, &employer, expired).await;
    for (reference, status) in [
        (&closed, "closed"),
        (&filled, "filled"),
        (&paused, "paused"),
    ] {
        app.change_vacancy_status(&employer, reference, status)
            .await
            .expect(200);
    }
    let visitor = app.browser();

    let page = visitor.open(&format!("/jobs/{closed}")).await;
    assert_eq!(page.status, 410);
    assert!(page.shows("<h1>This job has closed</h1>"), "{}", page.html);
    assert!(page.shows("Closed chef"));
    assert!(page.shows("href=\"/jobs?sector=hospitality&amp;near=SW9+8QE\""));
    assert!(!page.shows("Page not found"));

    let page = visitor.open(&format!("/jobs/{filled}")).await;
    assert_eq!(page.status, 410);
    assert!(page.shows("<h1>This job has been filled</h1>"));

    let page = visitor.open(&format!("/jobs/{expired}")).await;
    assert_eq!(page.status, 410);
    assert!(page.shows("it closed on 31 January 2020"), "{}", page.html);

    assert_eq!(visitor.open(&format!("/jobs/{paused}")).await.status, 404);
    assert_eq!(visitor.open("/jobs/BWNOSUCHREF").await.status, 404);
}

#[tokio::test]
async fn the_living_wage_line_is_about_this_job_and_the_badge_never_hides_a_low_wage() {
    let app = spawn_app().await;
    let employer = app.log_in_as(Role::Employer).await;
    let low = VacancyBuilder::new()
        .title("Shelf stacker")
        .hourly_pay(1300);
    let low = post(&app, &employer, low).await;
    let supervisor = VacancyBuilder::new().title("Supervisor").hourly_pay(1650);
    let supervisor = post(&app, &employer, supervisor).await;
    let visitor = app.browser();
    let (_, html) = jobs(&visitor, "min_pay=15").await;
    assert_eq!(titles(&html), ["Supervisor"]);
    let (_, none) = jobs(&visitor, "lw=1").await;
    assert!(titles(&none).is_empty(), "Employer A is not accredited yet");

    let page = visitor.open(&format!("/jobs/{low}")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.shows("<dd>Part time, School hours</dd>"),
        "working patterns by their labels: {}",
        page.html
    );
    assert!(
        page.shows("This job does not pay the real London Living Wage: it pays £1.80 an hour less than the rate of £14.80 an hour."),
        "{}",
        page.html
    );
    assert!(!page.shows("Living Wage employer</span>"));

    let admin = app.log_in_as(Role::Admin).await;
    app.verify_accreditation(&admin, &app.world.employer_a, true)
        .await
        .expect(200);
    let (_, accredited) = jobs(&visitor, "lw=1").await;
    assert_eq!(titles(&accredited), ["Supervisor", "Shelf stacker"]);
    let shelf_card = accredited.split("Shelf stacker").nth(1).unwrap();
    assert!(shelf_card.contains("but this job pays below the real London Living Wage"));

    let page = visitor.open(&format!("/jobs/{low}")).await;
    assert!(page.shows(
        "This employer is an accredited Living Wage employer, but this job pays below the real London Living Wage."
    ));
    assert!(
        !page.shows("Living Wage employer</span>"),
        "no bare badge beside a job below the Living Wage"
    );
    let page = visitor.open(&format!("/jobs/{supervisor}")).await;
    assert!(page.shows("Living Wage employer</span>"));
    assert!(page.shows("This job pays the real London Living Wage or more"));
    assert!(!page.shows("but this job pays below"));
}

#[tokio::test]
async fn the_home_page_has_a_way_in_for_each_kind_of_user() {
    let app = spawn_app().await;
    let home = app.browser().open("/").await;
    assert_eq!(home.status, 200);
    for link in [
        "href=\"/jobs\">Search jobs",
        "href=\"/about#providers\">Find a provider near you",
        "href=\"/login?next=/vacancies/new\">Post a job",
        "href=\"/signup\">Sign up",
        "href=\"/login\">Log in",
    ] {
        assert!(home.shows(link), "{link}: {}", home.html);
    }
    let about = app.browser().open("/about").await;
    assert!(about.shows("id=\"providers\""));
    let employer = app.browser_as(Role::Employer).await;
    let home = employer.open("/").await;
    assert!(home.shows("href=\"/vacancies/new\">Post a job"));
}
