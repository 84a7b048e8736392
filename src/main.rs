//! The `betterwork` command line: serve the portal and run its administrative tasks.

use std::io::Read;
use std::net::TcpListener;
use std::process::ExitCode;

use anyhow::Context;
use betterwork::access::tokens::SessionKeys;
use betterwork::accounts::queries::find_user_by_email;
use betterwork::accounts::service::{create_account, NewAccount};
use betterwork::audit::Who;
use betterwork::config::{Settings, SettingsArgs};
use betterwork::db::Db;
use betterwork::error::AppError;
use betterwork::organisations::{queries as organisation_queries, service as organisation_service};
use betterwork::rates::Rates;
use betterwork::types::{Email, OrganisationKind, Role};
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

fn open_db(settings: &Settings) -> anyhow::Result<Db> {
    let db = Db::connect(&settings.database_url, settings.db_max_connections)?;
    db.migrate()?;
    Ok(db)
}

fn run(command: Command, settings: Settings) -> anyhow::Result<()> {
    match command {
        Command::Serve { bind, demo } => serve(settings, &bind, demo),
        Command::Migrate => {
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
        Command::SeedDemo => {
            let db = open_db(&settings)?;
            let rates = Rates::load(&settings.data_dir)?;
            let gazetteer = betterwork::geo::gazetteer(&settings.data_dir)?;
            seed_demo(&db, &gazetteer, &rates)
        }
        Command::CreateOrg { name, kind } => {
            let db = open_db(&settings)?;
            let (row, created) = db
                .run_blocking(|conn| {
                    organisation_service::ensure(
                        conn,
                        &name,
                        kind,
                        &Who::command_line(),
                        Utc::now(),
                    )
                })
                .map_err(cli_error)?;
            if created {
                println!("Created {} ({kind}), id {}", row.name, row.id);
            } else {
                println!("{} ({kind}) already exists, id {}", row.name, row.id);
            }
            Ok(())
        }
        Command::CreateUser {
            org,
            role,
            email,
            name,
            password_stdin,
        } => {
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
            let db = open_db(&settings)?;
            let created = db.run_blocking(|conn| {
                let organisation = organisation_queries::find_by_name(conn, org.trim())?
                    .ok_or_else(|| {
                        AppError::invalid(
                            "org",
                            format!("no organisation is called {org:?}; create it with create-org"),
                        )
                    })?;
                let account = NewAccount {
                    email,
                    display_name,
                    role,
                    password,
                };
                create_account(
                    conn,
                    &organisation,
                    account,
                    &Who::command_line(),
                    Utc::now(),
                )
            });
            let created = created.map_err(cli_error)?;
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
        Command::BetterOff => {
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
        Command::Import(ImportCommand::Vacancies { file, org, dry_run }) => {
            import_vacancies(&settings, &file, &org, dry_run)
        }
        Command::Geodata(GeodataCommand::Import { path }) => {
            let bar = indicatif::ProgressBar::new(0).with_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} postcode areas ({eta} left)",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            let started = std::time::Instant::now();
            let report =
                betterwork::geo::import::import(&path, &settings.data_dir, |done, total| {
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
        Command::Token { email } => {
            let secret = settings.token_secret()?;
            let email = Email::parse(&email, "email").map_err(cli_error)?;
            let db = open_db(&settings)?;
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
    }
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
    settings: &Settings,
    file: &std::path::Path,
    org: &str,
    dry_run: bool,
) -> anyhow::Result<()> {
    let rates = Rates::load(&settings.data_dir)?;
    let gazetteer = betterwork::geo::gazetteer(&settings.data_dir)?;
    let db = open_db(settings)?;
    let opened =
        std::fs::File::open(file).with_context(|| format!("opening {}", file.display()))?;
    let size = opened.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = indicatif::ProgressBar::new(size).with_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {msg} ({eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let reader = std::io::BufReader::with_capacity(1 << 20, bar.wrap_read(opened));
    let report = db
        .run_blocking(|conn| {
            let organisation =
                organisation_queries::find_by_name(conn, org.trim())?.ok_or_else(|| {
                    AppError::invalid("org", format!("no organisation is called {org:?}"))
                })?;
            let poster = betterwork::vacancies::import::poster_for(&organisation)?;
            let ctx = betterwork::vacancies::import::ImportContext {
                poster: &poster,
                gazetteer: &gazetteer,
                rates: &rates,
                today: Utc::now().date_naive(),
                dry_run,
            };
            betterwork::vacancies::import::import(conn, &ctx, reader, |rows| {
                bar.set_message(format!("{rows} rows"))
            })
        })
        .map_err(cli_error)?;
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

fn seed_demo(db: &Db, gazetteer: &betterwork::geo::Gazetteer, rates: &Rates) -> anyhow::Result<()> {
    let report = demo::seed(db, gazetteer, rates).map_err(cli_error)?;
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
        seed_demo(&state.db, &state.gazetteer, &state.rates)?;
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
