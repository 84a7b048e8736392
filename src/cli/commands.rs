//! One function per command.

use std::io::Read;
use std::net::TcpListener;

use anyhow::Context;

use super::{block_on, cli_error};
use crate::access::Actor;
use crate::accounts::service as accounts;
use crate::config::Settings;
use crate::db::Db;
use crate::organisations::service::{self as organisations, NewMember};
use crate::rates::Rates;
use crate::types::{OrganisationKind, Role};
use crate::vacancies::service as vacancies;
use crate::web::parse_json;
use crate::{better_off, demo, AppState};

pub(super) fn migrate(settings: &Settings) -> anyhow::Result<()> {
    let db = Db::connect(&settings.database_url, 1)?;
    let applied = db.migrate()?;
    if applied.is_empty() {
        println!("The database is up to date.");
    } else {
        println!(
            "Applied {} migration(s): {}",
            applied.len(),
            applied.join(", ")
        );
    }
    Ok(())
}

pub(super) fn check_database(settings: &Settings) -> anyhow::Result<()> {
    let db = Db::connect(&settings.database_url, 1)?;
    let problems = db.check_integrity().map_err(cli_error)?;
    if problems.is_empty() {
        println!("The database is sound.");
        Ok(())
    } else {
        anyhow::bail!("the database has problems:\n{}", problems.join("\n"))
    }
}

pub(super) fn create_org(
    settings: Settings,
    name: &str,
    kind: OrganisationKind,
) -> anyhow::Result<()> {
    let state = AppState::for_command_line(settings)?;
    let (organisation, created) = block_on(organisations::ensure(
        &state,
        &Actor::command_line(),
        name,
        kind,
    ))?;
    if created {
        println!(
            "Created {} ({kind}), id {}",
            organisation.name, organisation.id
        );
    } else {
        println!(
            "{} ({kind}) already exists, id {}",
            organisation.name, organisation.id
        );
    }
    Ok(())
}

pub(super) fn create_user(
    settings: Settings,
    org: &str,
    role: Role,
    email: String,
    name: Option<String>,
    password_stdin: bool,
) -> anyhow::Result<()> {
    let password = if password_stdin {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading the password from standard input")?;
        Some(text.trim_end_matches(['\r', '\n']).to_string())
    } else {
        None
    };
    let display_name =
        name.unwrap_or_else(|| email.split('@').next().unwrap_or(&email).to_string());
    let state = AppState::for_command_line(settings)?;
    let created = block_on(async {
        let organisation = organisations::named(&state, org).await?;
        let member = NewMember {
            email,
            display_name,
            role,
            password,
        };
        organisations::create_member(&state, &Actor::command_line(), organisation.id, member).await
    })?;
    println!(
        "Created {} as {} in {org}",
        created.user.email,
        role.label()
    );
    if let Some(password) = created.generated_password {
        println!("Password (shown once): {password}");
    }
    Ok(())
}

pub(super) fn better_off_check(settings: &Settings) -> anyhow::Result<()> {
    let rates = Rates::load(&settings.data_dir)?;
    let mut input = Vec::new();
    std::io::stdin()
        .read_to_end(&mut input)
        .context("reading the scenario from standard input")?;
    let scenario = parse_json(&input).map_err(cli_error)?;
    let result = better_off::check(&rates, scenario).map_err(cli_error)?;
    println!("{}", serde_json::to_string_pretty(&result)?);
    Ok(())
}

fn progress_bar(length: u64, template: &str) -> indicatif::ProgressBar {
    indicatif::ProgressBar::new(length).with_style(
        indicatif::ProgressStyle::with_template(template)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    )
}

pub(super) fn import_geodata(settings: &Settings, path: &std::path::Path) -> anyhow::Result<()> {
    let bar = progress_bar(0, "{bar:40} {pos}/{len} postcode areas ({eta} left)");
    let started = std::time::Instant::now();
    let report = crate::geo::import::import(path, &settings.data_dir, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    println!(
        "{} postcodes from {} files ({} in Greater London; {} without coordinates skipped) in {:.1} s into {}",
        report.postcodes,
        report.files,
        report.in_greater_london,
        report.without_coordinates,
        started.elapsed().as_secs_f64(),
        crate::geo::imported_table(&settings.data_dir).display()
    );
    Ok(())
}

pub(super) fn token(settings: Settings, email: &str) -> anyhow::Result<()> {
    // The token must verify on the running portal: sign it with the portal's own secret.
    let secret = settings.token_secret()?;
    let state = AppState::prepare(
        Settings {
            jwt_secret: Some(secret),
            ..settings
        },
        false,
    )?;
    let issued = block_on(accounts::issue_token_for(
        &state,
        &Actor::command_line(),
        email,
    ))?;
    eprintln!("Token for {email}, valid until {}:", issued.expires_at());
    println!("{}", issued.token);
    Ok(())
}

pub(super) fn import_vacancies(
    settings: Settings,
    file: &std::path::Path,
    org: &str,
    dry_run: bool,
) -> anyhow::Result<u64> {
    let state = AppState::for_command_line(settings)?;
    let opened =
        std::fs::File::open(file).with_context(|| format!("opening {}", file.display()))?;
    let size = opened.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = progress_bar(size, "{bar:40} {bytes}/{total_bytes} {msg} ({eta} left)");
    let reader = std::io::BufReader::with_capacity(1 << 20, bar.wrap_read(opened));
    let shown = bar.clone();
    let report = block_on(async {
        let organisation = organisations::named(&state, org).await?;
        let poster = organisations::poster_for(&organisation)?;
        vacancies::import(&state, &poster, reader, dry_run, move |rows| {
            shown.set_message(format!("{rows} rows"))
        })
        .await
    })?;
    bar.finish_and_clear();
    for error in &report.errors {
        eprintln!("{}", error.describe());
    }
    let listed: std::collections::HashSet<u64> = report.errors.iter().map(|e| e.line).collect();
    if report.rejected > listed.len() as u64 {
        eprintln!(
            "… and {} more rejected rows",
            report.rejected - listed.len() as u64
        );
    }
    println!(
        "{}{}: rows {}, created {}, updated {}, unchanged {}, rejected {}, seconds {:.2} ({:.0} rows/s)",
        report.headline(),
        if dry_run { " (a check: nothing changed)" } else { "" },
        report.rows,
        report.created,
        report.updated,
        report.unchanged,
        report.rejected,
        report.seconds,
        report.rows as f64 / report.seconds.max(1e-9)
    );
    Ok(report.rejected)
}

pub(super) fn seed_demo(state: &AppState) -> anyhow::Result<()> {
    let report = block_on(demo::seed(state))?;
    println!(
        "Demo data: {} organisation(s), {} login(s) and {} vacancies added.",
        report.organisations_created, report.users_created, report.vacancies_created
    );
    println!("Demo logins (password {}):", demo::DEMO_PASSWORD);
    for (email, name, role, organisation) in demo::logins() {
        println!(
            "  {:<40} {:<18} {name}, {organisation}",
            email,
            role.label()
        );
    }
    Ok(())
}

pub(super) fn serve(settings: Settings, bind: &str, demo: bool) -> anyhow::Result<()> {
    let state = AppState::prepare(settings, demo)?;
    if demo {
        seed_demo(&state)?;
    }
    let listener = TcpListener::bind(bind).with_context(|| format!("listening on {bind}"))?;
    let address = listener.local_addr()?;
    actix_web::rt::System::new().block_on(async move {
        let server = crate::serve(listener, state)?;
        println!("Better Work is running at http://{address}/");
        server.await
    })?;
    Ok(())
}
