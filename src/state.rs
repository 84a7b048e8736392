//! What every request handler and use case shares: the database pool, the session keys,
//! the settings, the reference data and the clock.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use crate::access::tokens::SessionKeys;
use crate::config::Settings;
use crate::db::Db;
use crate::geo::{self, Gazetteer};
use crate::rates::Rates;

/// Where "now" comes from. Use cases take the time from here, never from the system
/// directly, so that tests can fix it and every date rule sees one consistent moment.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;

    /// Today's date in UTC, as rates and closing dates are looked up.
    fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

/// The machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stopped at one instant, for tests and for replaying work as at a date.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// What every request handler shares.
pub struct AppState {
    pub db: Db,
    pub sessions: SessionKeys,
    pub settings: Settings,
    /// Tax, benefit and wage rates, validated at start-up.
    pub rates: Arc<Rates>,
    /// Where postcodes are.
    pub gazetteer: Arc<Gazetteer>,
    /// What time it is.
    pub clock: Arc<dyn Clock>,
}

impl AppState {
    /// Checks the rates, connects to the database, applies migrations and prepares the
    /// session keys: any fault stops start-up with a message naming it.
    pub fn prepare(settings: Settings, demo: bool) -> anyhow::Result<AppState> {
        let rates = Rates::load(&settings.data_dir)?;
        let gazetteer = geo::gazetteer(&settings.data_dir)?;
        let secret = settings.signing_secret(demo)?;
        let db = Db::connect(&settings.database_url, settings.db_max_connections)?;
        db.migrate()?;
        // Organisations created before names had keys get theirs (see the migration
        // 2026-11-28-000006_organisation_name_key); afterwards this finds nothing to do.
        db.run_blocking(crate::organisations::queries::fill_missing_name_keys)
            .map_err(|e| anyhow::anyhow!("giving organisation names their keys: {e:?}"))?;
        let sessions = SessionKeys::new(
            &secret,
            chrono::Duration::hours(i64::from(settings.session_hours)),
        );
        Ok(AppState {
            db,
            sessions,
            settings,
            rates: Arc::new(rates),
            gazetteer,
            clock: Arc::new(SystemClock),
        })
    }

    /// The state for a command-line task (seeding, imports, accounts): the same database,
    /// rates and postcodes; it issues no sessions, so its signing key is a throwaway.
    pub fn for_command_line(settings: Settings) -> anyhow::Result<AppState> {
        let secret = crate::config::Secret::new(crate::access::random_token(48));
        AppState::prepare(
            Settings {
                jwt_secret: Some(secret),
                ..settings
            },
            false,
        )
    }

    /// The same state reading the time from `clock`.
    pub fn with_clock(self, clock: impl Clock + 'static) -> AppState {
        AppState {
            clock: Arc::new(clock),
            ..self
        }
    }

    /// The current instant, from the state's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today's date, from the state's clock.
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }
}
