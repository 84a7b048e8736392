//! The `betterwork` command line, run as a user would run it.

use std::process::Command;

use betterwork::access::tokens::SessionKeys;
use betterwork::config::Secret;

use crate::helpers::{betterwork, create_organisation, failure, text, FreshDatabase, SECRET};

#[test]
fn every_command_explains_itself() {
    let database = FreshDatabase::new();
    for command in [
        "serve",
        "migrate",
        "seed-demo",
        "create-org",
        "create-user",
        "token",
    ] {
        let out = betterwork(&database, &[command, "--help"], None);
        assert!(out.status.success(), "{command} --help");
        assert!(text(&out.stdout).contains("Usage: betterwork"), "{command}");
    }
}

#[test]
fn creating_an_organisation_twice_is_harmless_and_a_misfitting_role_is_a_clear_error() {
    let database = FreshDatabase::new();
    let first = create_organisation(&database, "Peckham Pantry", "employer");
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(text(&first.stdout).starts_with("Created Peckham Pantry"));
    let again = create_organisation(&database, "Peckham Pantry", "employer");
    assert!(again.status.success());
    assert!(text(&again.stdout).contains("already exists"));
    let clash = betterwork(
        &database,
        &["create-org", "--name", "Peckham Pantry", "--kind", "agency"],
        None,
    );
    let message = failure(&clash);
    assert!(message.contains("kind"), "{message}");

    let misfit = betterwork(
        &database,
        &[
            "create-user",
            "--org",
            "Peckham Pantry",
            "--role",
            "adviser",
            "--email",
            "a@pantry.example",
        ],
        None,
    );
    let message = failure(&misfit);
    assert!(
        message.contains("role") && message.contains("provider"),
        "{message}"
    );

    let unknown = betterwork(
        &database,
        &[
            "create-user",
            "--org",
            "Nowhere",
            "--role",
            "employer",
            "--email",
            "a@b.example",
        ],
        None,
    );
    assert!(failure(&unknown).contains("Nowhere"));
}

#[test]
fn a_created_user_gets_a_password_once_and_a_token_that_is_theirs() {
    let database = FreshDatabase::new();
    create_organisation(&database, "Peckham Pantry", "employer");
    let generated = create_pantry_employer(&database, "Owner@Pantry.example", None);
    assert!(generated.status.success(), "{}", text(&generated.stderr));
    let out = text(&generated.stdout);
    let password = out
        .lines()
        .find_map(|l| l.strip_prefix("Password (shown once): "))
        .expect("a printed password");
    assert!(password.len() >= 16);

    let chosen = create_pantry_employer(
        &database,
        "staff@pantry.example",
        Some("a long chosen password\n"),
    );
    assert!(chosen.status.success(), "{}", text(&chosen.stderr));
    assert!(!text(&chosen.stdout).contains("Password"));

    let short = create_pantry_employer(&database, "x@pantry.example", Some("short\n"));
    let message = failure(&short);
    assert!(message.starts_with("error: password:"), "{message}");

    let token = betterwork(
        &database,
        &["token", "--email", "owner@pantry.example"],
        None,
    );
    assert!(token.status.success(), "{}", text(&token.stderr));
    let keys = SessionKeys::new(&Secret::new(SECRET), chrono::Duration::hours(8));
    assert!(keys
        .verify(text(&token.stdout).trim(), chrono::Utc::now())
        .is_ok());

    let nobody = betterwork(
        &database,
        &["token", "--email", "nobody@pantry.example"],
        None,
    );
    assert!(!nobody.status.success());
}

#[test]
fn seeding_the_demo_twice_adds_nothing_the_second_time() {
    let database = FreshDatabase::new();
    let first = betterwork(&database, &["seed-demo"], None);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("7 organisation(s), 11 login(s) and 7 vacancies added"),
        "{}",
        text(&first.stdout)
    );
    let second = betterwork(&database, &["seed-demo"], None);
    assert!(text(&second.stdout).contains("0 organisation(s), 0 login(s) and 0 vacancies added"));
}

#[test]
fn an_invalid_setting_stops_start_up_naming_it() {
    let database = FreshDatabase::new();
    let mut command = Command::new(env!("CARGO_BIN_EXE_betterwork"));
    command
        .args(["migrate"])
        .env("DATABASE_URL", &database.url)
        .env("BETTERWORK_SESSION_HOURS", "0");
    let out = command.output().unwrap();
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("BETTERWORK_SESSION_HOURS"));

    let out = Command::new(env!("CARGO_BIN_EXE_betterwork"))
        .args(["migrate"])
        .env("DATABASE_URL", "mysql://localhost/bw")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("DATABASE_URL"));

    let out = Command::new(env!("CARGO_BIN_EXE_betterwork"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("DATABASE_URL", &database.url)
        .env("BETTERWORK_DATA_DIR", database.dir.path())
        .env_remove("BETTERWORK_JWT_SECRET")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("BETTERWORK_JWT_SECRET"));
}

/// Runs `create-user` for an employer at Peckham Pantry; with a password, it is given on
/// standard input.
fn create_pantry_employer(
    database: &FreshDatabase,
    email: &str,
    password: Option<&str>,
) -> std::process::Output {
    let mut args = vec![
        "create-user",
        "--org",
        "Peckham Pantry",
        "--role",
        "employer",
        "--email",
        email,
    ];
    if password.is_some() {
        args.push("--password-stdin");
    }
    betterwork(database, &args, password)
}
