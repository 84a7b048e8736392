//! Settings, parsed once at start: defaults < optional TOML file < environment < flags.
//! A bad value stops start-up with a message naming the setting.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde::Deserialize;

use crate::db::Backend;

/// A value that must never be printed: `Debug` and `Display` show a placeholder.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }
    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// What the command line and environment say; `None` means "not given here".
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SettingsArgs {
    /// A TOML file of settings (default: ./betterwork.toml when it exists).
    #[arg(long, env = "BETTERWORK_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// Database: postgres://… for PostgreSQL, or a SQLite file path (default DATA_DIR/betterwork.db).
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
    /// Where the SQLite file, imported postcodes, rate files and generated demo secrets live
    /// (default ./data).
    #[arg(long, env = "BETTERWORK_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// Meilisearch server URL, for the search index matching will use (not built yet).
    #[arg(long, env = "MEILI_URL", global = true)]
    pub meili_url: Option<String>,
    /// Meilisearch API key.
    #[arg(
        long,
        env = "MEILI_API_KEY",
        global = true,
        hide_env_values = true,
        hide = true
    )]
    pub meili_api_key: Option<String>,
    /// Secret that signs sessions and API tokens (at least 32 characters); required outside --demo.
    #[arg(
        long,
        env = "BETTERWORK_JWT_SECRET",
        global = true,
        hide_env_values = true,
        hide = true
    )]
    pub jwt_secret: Option<String>,
    /// Log level or filter, e.g. info, debug, betterwork=debug (default info).
    #[arg(long, env = "BETTERWORK_LOG", global = true)]
    pub log_level: Option<String>,
    /// Mark session cookies Secure (always on when requests arrive over TLS).
    #[arg(long, env = "BETTERWORK_COOKIE_SECURE", global = true)]
    pub cookie_secure: Option<bool>,
    /// How long a log-in lasts, in hours (default 8).
    #[arg(long, env = "BETTERWORK_SESSION_HOURS", global = true)]
    pub session_hours: Option<u32>,
    /// Most database connections held open at once (default 8).
    #[arg(long, env = "BETTERWORK_DB_MAX_CONNECTIONS", global = true)]
    pub db_max_connections: Option<u32>,
}

/// The same settings as they may appear in the TOML file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    database_url: Option<String>,
    data_dir: Option<PathBuf>,
    meili_url: Option<String>,
    meili_api_key: Option<Secret>,
    jwt_secret: Option<Secret>,
    log_level: Option<String>,
    cookie_secure: Option<bool>,
    session_hours: Option<u32>,
    db_max_connections: Option<u32>,
}

/// Meilisearch connection details: checked at start-up; the search index of the matching
/// capability will use them.
#[derive(Debug, Clone)]
pub struct MeiliSettings {
    pub url: String,
    pub api_key: Option<Secret>,
}

/// The resolved settings the app runs with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: String,
    pub data_dir: PathBuf,
    pub meili: Option<MeiliSettings>,
    pub jwt_secret: Option<Secret>,
    pub log_level: String,
    pub cookie_secure: bool,
    pub session_hours: u32,
    pub db_max_connections: u32,
}

const MIN_SECRET_LEN: usize = 32;

impl Settings {
    /// Layers defaults < file < environment and flags, and validates the result.
    pub fn resolve(args: SettingsArgs) -> anyhow::Result<Settings> {
        let file = match &args.config {
            Some(path) => read_file(path)?,
            None if Path::new("betterwork.toml").exists() => {
                read_file(Path::new("betterwork.toml"))?
            }
            None => FileSettings::default(),
        };
        let data_dir = args
            .data_dir
            .or(file.data_dir)
            .unwrap_or_else(|| PathBuf::from("data"));
        let database_url = args.database_url.or(file.database_url).unwrap_or_else(|| {
            data_dir
                .join("betterwork.db")
                .to_string_lossy()
                .into_owned()
        });
        Backend::of_url(&database_url).map_err(|e| anyhow::anyhow!("DATABASE_URL {e}"))?;

        let meili = match args.meili_url.or(file.meili_url) {
            Some(url) => {
                let parsed = url::Url::parse(&url)
                    .map_err(|e| anyhow::anyhow!("MEILI_URL {url:?} is not a URL: {e}"))?;
                if !matches!(parsed.scheme(), "http" | "https") {
                    bail!("MEILI_URL must start with http:// or https://, not {url:?}");
                }
                Some(MeiliSettings {
                    url,
                    api_key: args.meili_api_key.map(Secret).or(file.meili_api_key),
                })
            }
            None => None,
        };

        let jwt_secret = args.jwt_secret.map(Secret).or(file.jwt_secret);
        if let Some(secret) = &jwt_secret {
            check_secret(secret)?;
        }

        let log_level = args
            .log_level
            .or(file.log_level)
            .unwrap_or_else(|| "info".into());
        tracing_subscriber::EnvFilter::try_new(&log_level)
            .map_err(|e| anyhow::anyhow!("BETTERWORK_LOG {log_level:?} is not a log level: {e}"))?;

        let session_hours = args.session_hours.or(file.session_hours).unwrap_or(8);
        if !(1..=24 * 30).contains(&session_hours) {
            bail!("BETTERWORK_SESSION_HOURS must be between 1 and 720, not {session_hours}");
        }
        let db_max_connections = args
            .db_max_connections
            .or(file.db_max_connections)
            .unwrap_or(8);
        if !(1..=512).contains(&db_max_connections) {
            bail!(
                "BETTERWORK_DB_MAX_CONNECTIONS must be between 1 and 512, not {db_max_connections}"
            );
        }

        Ok(Settings {
            database_url,
            data_dir,
            meili,
            jwt_secret,
            log_level,
            cookie_secure: args.cookie_secure.or(file.cookie_secure).unwrap_or(false),
            session_hours,
            db_max_connections,
        })
    }

    /// The secret that signs sessions. Outside demo mode it must be configured; in demo mode
    /// one is generated once into the data directory, so restarts keep people logged in.
    pub fn signing_secret(&self, demo: bool) -> anyhow::Result<Secret> {
        if let Some(secret) = &self.jwt_secret {
            return Ok(secret.clone());
        }
        let path = self.data_dir.join("jwt_secret");
        if !demo {
            bail!(
                "BETTERWORK_JWT_SECRET is required (at least {MIN_SECRET_LEN} characters); \
                 only `serve --demo` generates one for you"
            );
        }
        if let Ok(existing) = std::fs::read_to_string(&path) {
            let secret = Secret(existing.trim().to_string());
            check_secret(&secret).with_context(|| format!("in {}", path.display()))?;
            return Ok(secret);
        }
        tracing::warn!(
            path = %path.display(),
            "no BETTERWORK_JWT_SECRET set: generated a demo signing secret; set one for real use"
        );
        let secret = Secret(crate::access::random_token(48));
        create_private_dir(&self.data_dir)
            .with_context(|| format!("creating data directory {}", self.data_dir.display()))?;
        write_private_file(&path, secret.expose())
            .with_context(|| format!("writing {}", path.display()))?;
        Ok(secret)
    }

    /// The secret for minting a script token: the configured one, or the demo portal's.
    pub fn token_secret(&self) -> anyhow::Result<Secret> {
        if self.jwt_secret.is_none() && self.data_dir.join("jwt_secret").exists() {
            return self.signing_secret(true);
        }
        self.signing_secret(false)
    }
}

/// Creates a directory (and its parents) that only the portal's own user may open: it
/// holds the signing secret and the SQLite database.
pub fn create_private_dir(path: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path)
}

/// Creates `path` readable and writable by the portal's own user only, if it does not exist.
pub fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Writes a secret to a new file only the portal's own user may read.
fn write_private_file(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = create_private_file(path)?;
    file.set_len(0)?;
    file.write_all(contents.as_bytes())
}

fn read_file(path: &Path) -> anyhow::Result<FileSettings> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the settings file {}", path.display()))?;
    toml::from_str(&text).map_err(|e| anyhow::anyhow!("settings file {}: {e}", path.display()))
}

fn check_secret(secret: &Secret) -> anyhow::Result<()> {
    if secret.expose().len() < MIN_SECRET_LEN {
        bail!("BETTERWORK_JWT_SECRET must be at least {MIN_SECRET_LEN} characters long");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_database_is_a_sqlite_file_in_the_data_dir() {
        let s = Settings::resolve(SettingsArgs {
            data_dir: Some("/tmp/bw-x".into()),
            config: Some(PathBuf::from("/dev/null")),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(s.database_url, "/tmp/bw-x/betterwork.db");
        assert!(s.meili.is_none());
        assert_eq!(s.session_hours, 8);
    }

    #[test]
    fn a_bad_setting_is_named_in_the_error() {
        let base = SettingsArgs {
            config: Some(PathBuf::from("/dev/null")),
            ..Default::default()
        };
        let err = |args: SettingsArgs| Settings::resolve(args).unwrap_err().to_string();
        assert!(err(SettingsArgs {
            database_url: Some("mysql://x".into()),
            ..base.clone()
        })
        .contains("DATABASE_URL"));
        assert!(err(SettingsArgs {
            meili_url: Some("ftp://x".into()),
            ..base.clone()
        })
        .contains("MEILI_URL"));
        assert!(err(SettingsArgs {
            jwt_secret: Some("short".into()),
            ..base.clone()
        })
        .contains("BETTERWORK_JWT_SECRET"));
        assert!(err(SettingsArgs {
            log_level: Some("loud=[".into()),
            ..base.clone()
        })
        .contains("BETTERWORK_LOG"));
        assert!(err(SettingsArgs {
            session_hours: Some(0),
            ..base
        })
        .contains("BETTERWORK_SESSION_HOURS"));
    }

    #[test]
    fn flags_and_environment_override_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bw.toml");
        std::fs::write(&file, "session_hours = 4\nlog_level = \"debug\"\n").unwrap();
        let s = Settings::resolve(SettingsArgs {
            config: Some(file),
            session_hours: Some(2),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(s.session_hours, 2);
        assert_eq!(s.log_level, "debug");
    }

    #[test]
    fn outside_demo_a_signing_secret_is_required_and_never_printed() {
        let dir = tempfile::tempdir().unwrap();
        let s = Settings::resolve(SettingsArgs {
            config: Some(PathBuf::from("/dev/null")),
            data_dir: Some(dir.path().into()),
            ..Default::default()
        })
        .unwrap();
        assert!(s
            .signing_secret(false)
            .unwrap_err()
            .to_string()
            .contains("BETTERWORK_JWT_SECRET"));
        let demo = s.signing_secret(true).unwrap();
        assert_eq!(s.signing_secret(true).unwrap().expose(), demo.expose());
        assert!(!format!("{demo:?}").contains(demo.expose()));
    }

    #[cfg(unix)]
    #[test]
    fn the_data_directory_and_the_generated_secret_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data_dir = dir.path().join("data");
        let s = Settings::resolve(SettingsArgs {
            config: Some(PathBuf::from("/dev/null")),
            data_dir: Some(data_dir.clone()),
            ..Default::default()
        })
        .unwrap();
        s.signing_secret(true).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&data_dir), 0o700);
        assert_eq!(mode(&data_dir.join("jwt_secret")), 0o600);
    }
}
