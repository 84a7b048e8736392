//! Who may reach which page and API route: one table, every role, checked by the server.

use betterwork::types::{OrganisationId, Role};
use reqwest::Method;
use serde_json::json;

use crate::helpers::{email_of, spawn_app, Browser, TestApp, User, World, ADVISER_B, EMPLOYER_B};

/// Who is asking: nobody, or the test user in a role.
#[derive(Debug, Clone, Copy)]
enum Who {
    Visitor,
    As(Role),
}

const EVERYONE: [Who; 6] = [
    Who::Visitor,
    Who::As(Role::Admin),
    Who::As(Role::Adviser),
    Who::As(Role::ProviderManager),
    Who::As(Role::Employer),
    Who::As(Role::Agency),
];

fn own_organisation(world: &World, role: Role) -> &OrganisationId {
    match role {
        Role::Admin => &world.platform,
        Role::Adviser | Role::ProviderManager => &world.provider_a,
        Role::Employer => &world.employer_a,
        Role::Agency => &world.agency,
    }
}

/// The path a role asks for (e.g. its own organisation's).
type PathFor = Box<dyn Fn(&World, Role) -> String>;
/// The body a role sends.
type BodyFor = Box<dyn Fn(Role) -> serde_json::Value>;

/// One row: a request and the status each of EVERYONE gets, in that order.
struct Case {
    method: Method,
    path: PathFor,
    body: Option<BodyFor>,
    expect: [u16; 6],
}

fn case(method: Method, path: impl Fn(&World, Role) -> String + 'static, expect: [u16; 6]) -> Case {
    Case {
        method,
        path: Box::new(path),
        body: None,
        expect,
    }
}

fn fixed(path: &'static str) -> impl Fn(&World, Role) -> String {
    move |_, _| path.to_string()
}

fn api_cases() -> Vec<Case> {
    //                         visitor admin adviser manager employer agency
    vec![
        case(
            Method::GET,
            fixed("/api/v1/me"),
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            Method::GET,
            fixed("/api/v1/organisations"),
            [401, 200, 403, 403, 403, 403],
        ),
        Case {
            body: Some(Box::new(
                |role| json!({"name": format!("New org by {}", role.code()), "kind": "employer"}),
            )),
            ..case(
                Method::POST,
                fixed("/api/v1/organisations"),
                [401, 201, 403, 403, 403, 403],
            )
        },
        case(
            Method::GET,
            |w, r| format!("/api/v1/organisations/{}", own_organisation(w, r)),
            [401, 200, 200, 200, 200, 200],
        ),
        // Another organisation's records do not exist for anyone but the admin.
        case(
            Method::GET,
            |w, _| format!("/api/v1/organisations/{}", w.employer_b),
            [401, 200, 404, 404, 404, 404],
        ),
        case(
            Method::GET,
            |w, _| format!("/api/v1/organisations/{}", w.provider_b),
            [401, 200, 404, 404, 404, 404],
        ),
        case(
            Method::GET,
            |w, r| format!("/api/v1/organisations/{}/users", own_organisation(w, r)),
            [401, 200, 403, 200, 200, 200],
        ),
        case(
            Method::GET,
            |w, _| format!("/api/v1/organisations/{}/users", w.provider_b),
            [401, 200, 404, 404, 404, 404],
        ),
        // Accreditation is never set with the bare flag: admins are pointed to the
        // accreditation route (422), the others may not set it (403).
        Case {
            body: Some(Box::new(|_| json!({"living_wage_accredited": true}))),
            ..case(
                Method::PATCH,
                |w, r| format!("/api/v1/organisations/{}", own_organisation(w, r)),
                [401, 422, 403, 403, 403, 403],
            )
        },
        Case {
            body: Some(Box::new(
                |_| json!({"accredited": true, "verified_on": "2020-01-15", "note": "Checked"}),
            )),
            ..case(
                Method::PUT,
                |w, _| format!("/api/v1/organisations/{}/accreditation", w.employer_a),
                [401, 200, 403, 403, 403, 403],
            )
        },
        Case {
            body: Some(Box::new(|_| json!({"note": "Since 2019"}))),
            ..case(
                Method::POST,
                |w, r| {
                    let own = own_organisation(w, r);
                    format!("/api/v1/organisations/{own}/accreditation-request")
                },
                [401, 403, 403, 403, 409, 403],
            )
        },
        Case {
            body: Some(Box::new(|_| json!({}))),
            ..case(
                Method::POST,
                |w, _| {
                    let b = &w.employer_b;
                    format!("/api/v1/organisations/{b}/accreditation-request")
                },
                [401, 403, 404, 404, 404, 404],
            )
        },
        Case {
            body: Some(Box::new(
                |role| json!({"name": format!("Taken over by {}", role.code())}),
            )),
            ..case(
                Method::PATCH,
                |w, _| format!("/api/v1/organisations/{}", w.employer_b),
                [401, 200, 404, 404, 404, 404],
            )
        },
        Case {
            body: Some(Box::new(
                |role| json!({"email": format!("new-{}@employer-b.example", role.code()), "display_name": "New Person", "role": "employer"}),
            )),
            ..case(
                Method::POST,
                |w, _| format!("/api/v1/organisations/{}/users", w.employer_b),
                [401, 201, 404, 404, 404, 404],
            )
        },
        Case {
            body: Some(Box::new(
                |role| json!({"email": format!("colleague-{}@own.example", role.code()), "display_name": "Colleague", "role": role.code()}),
            )),
            ..case(
                Method::POST,
                |w, r| format!("/api/v1/organisations/{}/users", own_organisation(w, r)),
                [401, 201, 403, 403, 403, 403],
            )
        },
        case(
            Method::GET,
            fixed("/api/v1/audit"),
            [401, 200, 403, 403, 403, 403],
        ),
        // An agency's links to employers: only agencies keep them.
        case(
            Method::GET,
            fixed("/api/v1/agency/clients"),
            [401, 403, 403, 403, 403, 200],
        ),
        // Asking an employer that already accepted changes nothing.
        Case {
            body: Some(Box::new(|_| json!({"employer": "Employer A"}))),
            ..case(
                Method::POST,
                fixed("/api/v1/agency/clients"),
                [401, 403, 403, 403, 403, 200],
            )
        },
        // The agency comes last, so ending its link here leaves the other columns as they were.
        case(
            Method::DELETE,
            |w, _| format!("/api/v1/agency/clients/{}", w.employer_a),
            [401, 403, 403, 403, 403, 204],
        ),
        // An employer answers the agencies that ask it; so may an admin.
        case(
            Method::GET,
            |w, _| format!("/api/v1/organisations/{}/agencies", w.employer_a),
            [401, 200, 404, 404, 200, 404],
        ),
        case(
            Method::GET,
            |w, _| format!("/api/v1/organisations/{}/agencies", w.employer_b),
            [401, 200, 404, 404, 404, 404],
        ),
        case(
            Method::POST,
            |w, _| {
                let (a, agency) = (&w.employer_a, &w.agency);
                format!("/api/v1/organisations/{a}/agencies/{agency}/accept")
            },
            [401, 200, 404, 404, 200, 404],
        ),
        case(
            Method::POST,
            |w, _| {
                let (b, agency) = (&w.employer_b, &w.agency);
                format!("/api/v1/organisations/{b}/agencies/{agency}/decline")
            },
            [401, 404, 404, 404, 404, 404],
        ),
        case(
            Method::DELETE,
            |w, _| {
                let (b, agency) = (&w.employer_b, &w.agency);
                format!("/api/v1/organisations/{b}/agencies/{agency}")
            },
            [401, 404, 404, 404, 404, 404],
        ),
    ]
}

fn page_cases() -> Vec<Case> {
    //                         visitor admin adviser manager employer agency
    vec![
        case(Method::GET, fixed("/"), [200, 200, 200, 200, 200, 200]),
        case(Method::GET, fixed("/about"), [200, 200, 200, 200, 200, 200]),
        case(Method::GET, fixed("/login"), [200, 200, 200, 200, 200, 200]),
        case(
            Method::GET,
            fixed("/dashboard"),
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            Method::GET,
            fixed("/organisation"),
            [401, 200, 403, 200, 200, 200],
        ),
        case(
            Method::GET,
            fixed("/admin/organisations"),
            [401, 200, 403, 403, 403, 403],
        ),
        case(
            Method::GET,
            |w, _| format!("/admin/organisations/{}", w.employer_b),
            [401, 200, 403, 403, 403, 403],
        ),
        case(
            Method::GET,
            fixed("/admin/audit"),
            [401, 200, 403, 403, 403, 403],
        ),
        case(
            Method::GET,
            fixed("/agency/clients"),
            [401, 403, 403, 403, 403, 200],
        ),
        case(
            Method::GET,
            fixed("/organisation/agencies"),
            [401, 403, 403, 403, 200, 403],
        ),
        case(
            Method::GET,
            fixed("/sign-up"),
            [200, 200, 200, 200, 200, 200],
        ),
        case(
            Method::GET,
            fixed("/account/password"),
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            Method::GET,
            |w, _| format!("/admin/users/{}", w.person(ADVISER_B)),
            [401, 200, 403, 403, 403, 403],
        ),
        case(
            Method::GET,
            |w, _| format!("/admin/users/{}/remove", w.person(ADVISER_B)),
            [401, 200, 403, 403, 403, 403],
        ),
        // Nobody removes their own account, admins included.
        case(
            Method::GET,
            |w, r| format!("/admin/users/{}/remove", w.person(email_of(r))),
            [401, 403, 403, 403, 403, 403],
        ),
        case(
            Method::GET,
            |w, _| format!("/admin/organisations/{}/approve", w.employer_b),
            [401, 200, 403, 403, 403, 403],
        ),
        case(
            Method::GET,
            |w, _| format!("/admin/organisations/{}/reject", w.employer_b),
            [401, 200, 403, 403, 403, 403],
        ),
        case(
            Method::GET,
            |_, _| format!("/password-reset/{}", "0".repeat(64)),
            [404, 404, 404, 404, 404, 404],
        ),
        // Forms, submitted with the browser's anti-forgery token. The admin's column comes
        // before the others, so a change it makes leaves the rest of the row to answer 403.
        Case {
            body: Some(Box::new(
                |_| json!({"display_name": "Adviser B", "email": ADVISER_B, "role": "adviser"}),
            )),
            ..case(
                Method::POST,
                |w, _| format!("/admin/users/{}", w.person(ADVISER_B)),
                [401, 303, 403, 403, 403, 403],
            )
        },
        case(
            Method::POST,
            |w, _| format!("/admin/users/{}/password-reset", w.person(ADVISER_B)),
            [401, 200, 403, 403, 403, 403],
        ),
        case(
            Method::POST,
            |w, _| format!("/admin/users/{}/remove", w.person(EMPLOYER_B)),
            [401, 303, 403, 403, 403, 403],
        ),
        // Employer B was added by an admin, so it is not awaiting approval.
        case(
            Method::POST,
            |w, _| format!("/admin/organisations/{}/approve", w.employer_b),
            [401, 409, 403, 403, 403, 403],
        ),
        case(
            Method::POST,
            |w, _| format!("/admin/organisations/{}/reject", w.employer_b),
            [401, 409, 403, 403, 403, 403],
        ),
        Case {
            body: Some(Box::new(
                |_| json!({"current_password": "not the password"}),
            )),
            ..case(
                Method::POST,
                fixed("/account/password"),
                [401, 422, 422, 422, 422, 422],
            )
        },
        case(
            Method::POST,
            fixed("/sign-up"),
            [422, 422, 422, 422, 422, 422],
        ),
        case(
            Method::POST,
            |_, _| format!("/password-reset/{}", "0".repeat(64)),
            [404, 404, 404, 404, 404, 404],
        ),
    ]
}

/// A case's JSON body as the fields of a form.
fn form_fields(body: Option<&serde_json::Value>) -> Vec<(String, String)> {
    body.and_then(|b| b.as_object())
        .map(|fields| {
            fields
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// How each person in EVERYONE asks: through the API with a token, or by opening pages.
enum Asker {
    Api(Option<User>),
    Pages(Browser),
}

async fn check(app: &TestApp, cases: Vec<Case>, by_page: bool) {
    let mut failures = Vec::new();
    for (column, who) in EVERYONE.into_iter().enumerate() {
        let asker = match who {
            Who::Visitor if by_page => Asker::Pages(app.browser()),
            Who::Visitor => Asker::Api(None),
            Who::As(role) if by_page => Asker::Pages(app.browser_as(role).await),
            Who::As(role) => Asker::Api(Some(app.log_in_as(role).await)),
        };
        for case in &cases {
            let role = match who {
                Who::As(role) => role,
                Who::Visitor => Role::Employer,
            };
            let path = (case.path)(&app.world, role);
            let body = case.body.as_ref().map(|body| body(role));
            let status = match &asker {
                Asker::Pages(browser) if case.method == Method::POST => {
                    let fields = form_fields(body.as_ref());
                    let fields: Vec<(&str, &str)> = fields
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect();
                    browser.submit(&path, &fields).await.status
                }
                Asker::Pages(browser) => {
                    assert_eq!(case.method, Method::GET, "pages are opened or submitted");
                    browser.open(&path).await.status
                }
                Asker::Api(user) => {
                    let method = case.method.clone();
                    app.call(method, &path, user.as_ref(), body.as_ref())
                        .await
                        .status
                }
            };
            if status != case.expect[column] {
                failures.push(format!(
                    "{who:?} {} {path}: expected {}, got {status}",
                    case.method, case.expect[column]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "access matrix:\n{}",
        failures.join("\n")
    );
}

#[tokio::test]
async fn each_role_reaches_exactly_the_api_routes_it_should() {
    let app = spawn_app().await;
    check(&app, api_cases(), false).await;
    // The refused changes left other organisations as they were.
    assert_eq!(
        app.organisation_name(&app.world.employer_b).await,
        "Taken over by admin"
    );
}

#[tokio::test]
async fn each_role_reaches_exactly_the_pages_it_should() {
    let app = spawn_app().await;
    check(&app, page_cases(), true).await;
}

#[tokio::test]
async fn an_employer_can_never_change_or_read_another_employers_organisation() {
    let app = spawn_app().await;
    let other = app.log_in(EMPLOYER_B).await;
    let employer_a = &app.world.employer_a;
    let hijack = json!({"name": "Hijacked"});
    let response = app.edit_organisation(&other, employer_a, hijack).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.body["error"]["code"], "organisation_not_found");
    assert_eq!(
        app.organisation_name(&app.world.employer_a).await,
        "Employer A"
    );

    let members = app.team(&other, employer_a).await;
    assert_eq!(members.status, 404);
    assert!(!members.body.to_string().contains(email_of(Role::Employer)));
}

#[tokio::test]
async fn an_adviser_sees_nothing_of_another_provider() {
    let app = spawn_app().await;
    let other = app.log_in(ADVISER_B).await;
    for path in [
        format!("/api/v1/organisations/{}", app.world.provider_a),
        format!("/api/v1/organisations/{}/users", app.world.provider_a),
    ] {
        let response = app.call(Method::GET, &path, Some(&other), None).await;
        assert_eq!(response.status, 404, "{path}");
        assert!(!response.body.to_string().contains("Provider A"));
    }
}
