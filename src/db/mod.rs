//! The database: one connection type for SQLite and PostgreSQL, its pool, the embedded
//! migrations, and `Db::run`, which keeps blocking diesel calls off actix's async workers.

use std::time::Duration;

use anyhow::Context;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection, Pool};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::error::AppError;

mod transaction;
pub use transaction::{rehearse, write};

/// How long a request waits for a free connection before it is told to try again (503).
const CONNECTION_WAIT: Duration = Duration::from_secs(3);
/// The longest one statement may run on PostgreSQL before it is cancelled (and the request
/// answered 503), so that a slow query cannot hold a connection for long.
const STATEMENT_TIMEOUT_MS: u32 = 8_000;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// A connection to whichever backend `DATABASE_URL` names; queries are written once for both.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which database a URL points at, decided from its scheme (SQLite accepts any string, so
/// letting each backend try in turn would silently open a file named like a server URL).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Reads the backend from a database URL: `postgres://` or `postgresql://` is PostgreSQL,
    /// `sqlite://PATH` or a bare path is a SQLite file.
    pub fn of_url(url: &str) -> Result<(Backend, String), String> {
        let url = url.trim();
        if url.is_empty() {
            return Err("is empty".into());
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok((Backend::Postgres, url.to_string()));
        }
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err("names no SQLite file after sqlite://".into());
            }
            return Ok((Backend::Sqlite, path.to_string()));
        }
        if url.contains("://") {
            return Err(format!(
                "has an unsupported scheme in {url:?}: use postgres://… or a SQLite file path"
            ));
        }
        Ok((Backend::Sqlite, url.to_string()))
    }
}

/// Opens connections of the configured backend and prepares each SQLite connection.
#[derive(Debug, Clone)]
pub struct DbManager {
    backend: Backend,
    target: String,
}

impl ManageConnection for DbManager {
    type Connection = DbConn;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConn, r2d2::Error> {
        match self.backend {
            Backend::Postgres => {
                let mut conn =
                    PgConnection::establish(&self.target).map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(&format!("SET statement_timeout = {STATEMENT_TIMEOUT_MS}"))
                    .map_err(r2d2::Error::QueryError)?;
                Ok(DbConn::Postgres(conn))
            }
            Backend::Sqlite => {
                let mut conn = SqliteConnection::establish(&self.target)
                    .map_err(r2d2::Error::ConnectionError)?;
                // WAL lets readers and the writer work together; the busy timeout makes a
                // second writer wait instead of failing; SQLite leaves foreign keys off
                // unless asked on every connection.
                conn.batch_execute(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                )
                .map_err(r2d2::Error::QueryError)?;
                Ok(DbConn::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConn) -> bool {
        false
    }
}

/// What `/health` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    /// The database answered.
    Ok,
    /// Every connection is busy: the portal is slow but alive.
    Busy,
    /// The database cannot be reached.
    Down,
}

/// No connection came free in time: the portal is busy, not broken.
fn busy(e: r2d2::PoolError) -> AppError {
    tracing::warn!(error = %e, "no database connection came free in time");
    AppError::Unavailable("Better Work is very busy just now. Please try again in a moment.".into())
}

/// The pool every request and command takes its connection from.
#[derive(Clone)]
pub struct Db {
    pool: Pool<DbManager>,
    backend: Backend,
}

impl Db {
    /// Connects to the database named by `url` with at most `max_connections` open.
    pub fn connect(url: &str, max_connections: u32) -> anyhow::Result<Db> {
        let (backend, target) =
            Backend::of_url(url).map_err(|e| anyhow::anyhow!("DATABASE_URL {e}"))?;
        if backend == Backend::Sqlite && !target.starts_with(':') && !target.starts_with("file:") {
            // The database holds accounts and password hashes: only the portal's own user
            // may read it (SQLite gives its -wal and -shm files the same permissions).
            let path = std::path::Path::new(&target);
            if let Some(dir) = path.parent() {
                if !dir.as_os_str().is_empty() && !dir.exists() {
                    crate::config::create_private_dir(dir).with_context(|| {
                        format!("creating the directory for the SQLite file {target}")
                    })?;
                }
            }
            crate::config::create_private_file(path)
                .with_context(|| format!("creating the SQLite file {target}"))?;
        }
        let pool = Pool::builder()
            .max_size(max_connections.max(1))
            .min_idle(Some(1))
            .connection_timeout(CONNECTION_WAIT)
            .build(DbManager { backend, target })
            .with_context(|| format!("connecting to the {backend:?} database"))?;
        Ok(Db { pool, backend })
    }

    /// The backend this pool talks to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies any migrations the database has not seen yet.
    pub fn migrate(&self) -> anyhow::Result<Vec<String>> {
        let mut conn = self.pool.get().context("taking a database connection")?;
        let applied = match &mut *conn {
            DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
            DbConn::Postgres(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
        }
        .map_err(|e| anyhow::anyhow!("running migrations: {e}"))?;
        Ok(applied.iter().map(|v| v.to_string()).collect())
    }

    /// Runs blocking database work on actix's blocking thread pool, never on an async worker.
    pub async fn run<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get().map_err(busy)?;
            work(&mut conn)
        })
        .await
        .map_err(|e| AppError::internal(anyhow::anyhow!(e.to_string()).context("blocking task")))?
    }

    /// Checks the database's own consistency: SQLite's `integrity_check` (pages, indexes,
    /// constraints); PostgreSQL keeps its own, so there it only checks it answers. The
    /// problems found, none when sound.
    pub fn check_integrity(&self) -> Result<Vec<String>, AppError> {
        #[derive(QueryableByName)]
        struct Line {
            #[diesel(sql_type = diesel::sql_types::Text)]
            integrity_check: String,
        }
        self.run_blocking(|conn| match conn {
            DbConn::Sqlite(c) => {
                let lines: Vec<Line> = diesel::sql_query("PRAGMA integrity_check").load(c)?;
                Ok(lines
                    .into_iter()
                    .map(|l| l.integrity_check)
                    .filter(|l| l != "ok")
                    .collect())
            }
            DbConn::Postgres(c) => {
                c.batch_execute("SELECT 1")?;
                Ok(Vec::new())
            }
        })
    }

    /// Runs `work` in one write transaction (see `write`) off the async workers.
    pub async fn write<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        self.run(move |conn| write(conn, work)).await
    }

    /// Whether the database answers, without queueing behind busy work: for `/health`,
    /// which must answer at once even while every connection is taken. A free connection
    /// is asked `SELECT 1`; with none free, the pool's open connections say it is busy
    /// rather than down.
    pub fn health(&self) -> Health {
        match self.pool.try_get() {
            Some(mut conn) => match conn.batch_execute("SELECT 1") {
                Ok(()) => Health::Ok,
                Err(e) => {
                    tracing::error!(error = %e, "health check: the database does not answer");
                    Health::Down
                }
            },
            None if self.pool.state().connections > 0 => Health::Busy,
            None => {
                tracing::error!("health check: no connection to the database");
                Health::Down
            }
        }
    }

    /// Runs database work on the current thread: for the CLI, which has no async runtime to protect.
    pub fn run_blocking<T>(
        &self,
        work: impl FnOnce(&mut DbConn) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut conn = self.pool.get().map_err(busy)?;
        work(&mut conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_url_selects_postgres_and_anything_else_is_a_sqlite_file() {
        assert_eq!(
            Backend::of_url("postgres://u@localhost/bw").unwrap().0,
            Backend::Postgres
        );
        assert_eq!(
            Backend::of_url("postgresql://u@localhost/bw").unwrap().0,
            Backend::Postgres
        );
        assert_eq!(
            Backend::of_url("sqlite://data/bw.db").unwrap(),
            (Backend::Sqlite, "data/bw.db".to_string())
        );
        assert_eq!(
            Backend::of_url("./data/bw.db").unwrap(),
            (Backend::Sqlite, "./data/bw.db".to_string())
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_new_sqlite_database_and_its_directory_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("data").join("betterwork.db");
        let db = Db::connect(&file.to_string_lossy(), 1).unwrap();
        db.migrate().unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(file.parent().unwrap()), 0o700);
        assert_eq!(mode(&file), 0o600);
    }

    #[test]
    fn an_unknown_scheme_or_empty_url_is_refused() {
        assert!(Backend::of_url("mysql://localhost/bw").is_err());
        assert!(Backend::of_url("").is_err());
        assert!(Backend::of_url("sqlite://").is_err());
    }

    #[test]
    fn both_backends_have_the_same_migrations() {
        let names = |dir: &str| {
            let mut v: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        };
        let sqlite = names(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"));
        let postgres = names(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres"));
        assert!(!sqlite.is_empty());
        assert_eq!(sqlite, postgres);
    }
}
