//! The `betterwork` command line: serve the portal and run its administrative tasks. The
//! commands that change data call the same use cases as the pages and the API, acting as
//! `Actor::command_line()`; `commands.rs` holds one function per command.

mod commands;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::{Settings, SettingsArgs};
use crate::error::AppError;
use crate::types::{OrganisationKind, Role};
use crate::AppState;

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
    /// Check the database's consistency (after a crash, say); exits non-zero naming any
    /// problem found.
    CheckDatabase,
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
    /// Every fault of a bad row is reported by line, ref, title and column; good rows are
    /// applied; the summary starts "6 of 8 rows rejected" or "All 8 rows imported"; UK dates
    /// (31/12/2026) are read as well as ISO ones; importing the same file again changes
    /// nothing. Exits 3 when any row was rejected, 1 when the file is refused whole or the
    /// import cannot run.
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

/// The exit code of an import that rejected any row (the good rows are still applied, or
/// with `--dry-run` would be), so scripts notice. 1 is a failure to run (a file refused
/// whole, an unknown organisation, a database fault), 2 bad arguments or settings.
pub const ROWS_REJECTED: u8 = 3;

/// Parses the command line and runs the command; the exit code says how it went.
pub fn main() -> ExitCode {
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
        Ok(code) => code,
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
pub(crate) fn block_on<T>(
    work: impl std::future::Future<Output = Result<T, AppError>>,
) -> anyhow::Result<T> {
    actix_web::rt::System::new()
        .block_on(work)
        .map_err(cli_error)
}

fn run(command: Command, settings: Settings) -> anyhow::Result<ExitCode> {
    let done = |ran: anyhow::Result<()>| ran.map(|()| ExitCode::SUCCESS);
    match command {
        Command::Serve { bind, demo } => done(commands::serve(settings, &bind, demo)),
        Command::Migrate => done(commands::migrate(&settings)),
        Command::CheckDatabase => done(commands::check_database(&settings)),
        Command::SeedDemo => done(commands::seed_demo(&AppState::for_command_line(settings)?)),
        Command::CreateOrg { name, kind } => done(commands::create_org(settings, &name, kind)),
        Command::CreateUser {
            org,
            role,
            email,
            name,
            password_stdin,
        } => done(commands::create_user(
            settings,
            &org,
            role,
            email,
            name,
            password_stdin,
        )),
        Command::BetterOff => done(commands::better_off_check(&settings)),
        Command::Import(ImportCommand::Vacancies { file, org, dry_run }) => {
            let rejected = commands::import_vacancies(settings, &file, &org, dry_run)?;
            Ok(match rejected {
                0 => ExitCode::SUCCESS,
                _ => ExitCode::from(ROWS_REJECTED),
            })
        }
        Command::Geodata(GeodataCommand::Import { path }) => {
            done(commands::import_geodata(&settings, &path))
        }
        Command::Token { email } => done(commands::token(settings, &email)),
    }
}

/// Field errors read better at the command line as "email: message".
pub(crate) fn cli_error(error: AppError) -> anyhow::Error {
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
