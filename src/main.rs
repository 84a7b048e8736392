//! The `betterwork` command line: serve the portal and run its administrative tasks.

use std::io::Read;
use std::net::TcpListener;
use std::process::ExitCode;

use anyhow::Context;
use betterwork::access::tokens::SessionKeys;
use betterwork::access::Actor;
use betterwork::accounts::queries::find_user_by_email;
use betterwork::config::{Settings, SettingsArgs};
use betterwork::db::Db;
use betterwork::error::AppError;
use betterwork::organisations::service::{self as organisations, NewMember};
use betterwork::rates::Rates;
use betterwork::types::{Email, OrganisationKind, Role};
use betterwork::vacancies::service as vacancies;
use betterwork::web::parse_json;
use betterwork::{better_off, demo, AppState};
use chrono::Utc;
use clap::{Parser, Subcommand};

/// Better Work: job brokerage and reverse marketing for people in low-paid work who want a better job.
#[derive(Debug, Parser)]
#[command(name = "betterwork", version, about, propagate_version = true)]
struct Cli {
    #[command(flatten)]
    settings: SettingsArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the portal.
    Serve {
        /// Address and port to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        bind: String,
        /// Seed the demo organisations and logins on start (harmless when already there),
        /// and generate a signing secret if none is configured.
        #[arg(long)]
        demo: bool,
    },
    /// Apply database migrations.
    Migrate,
    /// Add the demo organisations and logins (running it twice changes nothing).
    SeedDemo,
    /// Create an organisation (nothing happens when one of that name exists).
    CreateOrg {
        /// The organisation's name.
        #[arg(long)]
        name: String,
        /// What kind of organisation it is.
        #[arg(long, value_enum)]
        kind: OrganisationKind,
    },
    /// Create an account in an organisation; prints a generated password unless --password-stdin.
    CreateUser {
        /// The organisation's name.
        #[arg(long)]
        org: String,
        /// The person's role; it must fit the organisation's kind.
        #[arg(long, value_enum)]
        role: Role,
        /// Their email address, which they log in with.
        #[arg(long)]
        email: String,
        /// Their name as colleagues see it (default: the part of the email before @).
        #[arg(long)]
        name: Option<String>,
        /// Read the password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Better-off check: a scenario as JSON on standard input, the result as JSON on standard
    /// output (formats in the README). A bad scenario exits non-zero naming the field.
    BetterOff,
    /// Import data from files.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Postcode location data.
    #[command(subcommand)]
    Geodata(GeodataCommand),
    /// Print an API token for a user, for scripts.
    Token {
        /// The user's email address.
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// Vacancies from a CSV file (columns in the README), for an employer or an agency.
    /// Bad rows are reported by line and column; good rows are applied; importing the same
    /// file again changes nothing.
    Vacancies {
        /// The CSV file.
        file: std::path::PathBuf,
        /// The employer or agency the vacancies are posted by.
        #[arg(long)]
        org: String,
        /// Check every row without changing anything.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
enum GeodataCommand {
    /// Build the full Great Britain postcode table from OS Code-Point Open (codepo_gb.zip,
    /// or its unpacked folder) into DATA_DIR/geodata; the portal uses it on its next start.
    Import {
        /// codepo_gb.zip or the folder holding Data/CSV.
        path: std::path::PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::resolve(cli.settings) {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::from(2);
        }
    };
    init_logging(&settings.log_level);
    match run(cli.command, settings) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter).unwrap_or_else(|_| "info".into());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

/// Runs a use case from the command line, on a runtime of its own.
fn block_on<T>(work: impl std::future::Future<Output = Result<T, AppError>>) -> anyhow::Result<T> {
    actix_web::rt::System::new()
        .block_on(work)
        .map_err(cli_error)
}

fn run(command: Command, settings: Settings) -> anyhow::Result<()> {
    match command {
        Command::Serve { bind, demo } => serve(settings, &bind, demo),
        Command::Migrate => migrate(&settings),
        Command::SeedDemo => seed_demo(&AppState::for_command_line(settings)?),
        Command::CreateOrg { name, kind } => create_org(settings, &name, kind),
        Command::CreateUser {
            org,
            role,
            email,
            name,
            password_stdin,
        } => create_user(settings, &org, role, email, name, password_stdin),
        Command::BetterOff => better_off_check(&settings),
        Command::Import(ImportCommand::Vacancies { file, org, dry_run }) => {
            import_vacancies(settings, &file, &org, dry_run)
        }
        Command::Geodata(GeodataCommand::Import { path }) => import_geodata(&settings, &path),
        Command::Token { email } => token(&settings, &email),
    }
}

fn migrate(settings: &Settings) -> anyhow::Result<()> {
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

fn create_org(settings: Settings, name: &str, kind: OrganisationKind) -> anyhow::Result<()> {
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

fn create_user(
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

fn better_off_check(settings: &Settings) -> anyhow::Result<()> {
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

fn import_geodata(settings: &Settings, path: &std::path::Path) -> anyhow::Result<()> {
    let bar = progress_bar(0, "{bar:40} {pos}/{len} postcode areas ({eta} left)");
    let started = std::time::Instant::now();
    let report = betterwork::geo::import::import(path, &settings.data_dir, |done, total| {
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
        betterwork::geo::imported_table(&settings.data_dir).display()
    );
    Ok(())
}

fn token(settings: &Settings, email: &str) -> anyhow::Result<()> {
    let secret = settings.token_secret()?;
    let email = Email::parse(email, "email").map_err(cli_error)?;
    let db = Db::connect(&settings.database_url, settings.db_max_connections)?;
    db.migrate()?;
    let user = db
        .run_blocking(|conn| find_user_by_email(conn, email.as_str()))
        .map_err(cli_error)?
        .ok_or_else(|| anyhow::anyhow!("no account has the email {email}"))?;
    let lifetime = chrono::Duration::hours(i64::from(settings.session_hours));
    let keys = SessionKeys::new(&secret, lifetime);
    let issued = keys.issue(&user.id, Utc::now(), lifetime)?;
    eprintln!("Token for {email}, valid until {}:", issued.expires_at());
    println!("{}", issued.token);
    Ok(())
}

/// Field errors read better at the command line as "email: message".
fn cli_error(error: AppError) -> anyhow::Error {
    match error {
        AppError::Internal(cause) => cause,
        other => match other.field() {
            Some(field) if !other.to_string().starts_with(field) => {
                anyhow::anyhow!("{field}: {other}")
            }
            Some(_) => anyhow::anyhow!("{other}"),
            None => anyhow::anyhow!("{other}"),
        },
    }
}

fn import_vacancies(
    settings: Settings,
    file: &std::path::Path,
    org: &str,
    dry_run: bool,
) -> anyhow::Result<()> {
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
        eprintln!(
            "line {}, column {}: {}",
            error.line, error.column, error.message
        );
    }
    if report.rejected > report.errors.len() as u64 {
        eprintln!(
            "… and {} more rejected rows",
            report.rejected - report.errors.len() as u64
        );
    }
    println!(
        "{}rows {}, created {}, updated {}, unchanged {}, rejected {}, seconds {:.2} ({:.0} rows/s)",
        if dry_run { "dry run (nothing changed): " } else { "" },
        report.rows,
        report.created,
        report.updated,
        report.unchanged,
        report.rejected,
        report.seconds,
        report.rows as f64 / report.seconds.max(1e-9)
    );
    Ok(())
}

fn seed_demo(state: &AppState) -> anyhow::Result<()> {
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

fn serve(settings: Settings, bind: &str, demo: bool) -> anyhow::Result<()> {
    let state = AppState::prepare(settings, demo)?;
    if demo {
        seed_demo(&state)?;
    }
    let listener = TcpListener::bind(bind).with_context(|| format!("listening on {bind}"))?;
    let address = listener.local_addr()?;
    actix_web::rt::System::new().block_on(async move {
        let server = betterwork::serve(listener, state)?;
        println!("Better Work is running at http://{address}/");
        server.await
    })?;
    Ok(())
}
