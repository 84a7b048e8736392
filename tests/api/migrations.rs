//! What the consent and accreditation migrations do to data already stored: links recorded
//! before consent was asked stay in force, and self-declared accreditation becomes a request.

use betterwork::db::DbConn;
use betterwork::schema::{agency_clients, organisations};
use diesel::backend::Backend;
use diesel::connection::SimpleConnection;
use diesel::migration::MigrationSource;
use diesel::prelude::*;
use diesel_migrations::{FileBasedMigrations, MigrationHarness};

use crate::helpers::FreshDatabase;

/// Migrations stored before agencies' links needed the employer's consent.
const BEFORE_CONSENT: usize = 3;

/// The data as the portal stored it before either migration.
const BEFORE: &str = "
    INSERT INTO organisations (id, name, kind, living_wage_accredited, created_at, updated_at)
    VALUES ('e1', 'Ticked Ltd', 'employer', TRUE, '2026-01-01 09:00:00', '2026-02-01 09:00:00'),
           ('e2', 'Plain Ltd', 'employer', FALSE, '2026-01-01 09:00:00', '2026-01-01 09:00:00'),
           ('a1', 'Old Agency', 'agency', FALSE, '2026-01-01 09:00:00', '2026-01-01 09:00:00');
    INSERT INTO agency_clients (agency_id, employer_id, created_at)
    VALUES ('a1', 'e1', '2026-03-01 09:00:00');
";

/// Applies the first `count` migrations, or all that are left when `count` is `None`.
fn apply<C, B>(conn: &mut C, folder: &str, count: Option<usize>)
where
    C: MigrationHarness<B>,
    B: Backend,
    FileBasedMigrations: MigrationSource<B>,
{
    let path = format!("{}/migrations/{folder}", env!("CARGO_MANIFEST_DIR"));
    let source = || FileBasedMigrations::from_path(&path).expect("the migrations folder");
    match count {
        Some(count) => {
            for _ in 0..count {
                conn.run_next_migration(source()).expect("a migration");
            }
        }
        None => {
            conn.run_pending_migrations(source())
                .expect("the migrations");
        }
    }
}

fn apply_to(conn: &mut DbConn, count: Option<usize>) {
    match conn {
        DbConn::Sqlite(c) => apply(c, "sqlite", count),
        DbConn::Postgres(c) => apply(c, "postgres", count),
    }
}

#[test]
fn old_links_stay_accepted_and_self_declared_accreditation_waits_for_an_admin() {
    let database = FreshDatabase::new();
    let mut conn = if database.url.starts_with("postgres") {
        DbConn::Postgres(PgConnection::establish(&database.url).expect("PostgreSQL"))
    } else {
        DbConn::Sqlite(SqliteConnection::establish(&database.url).expect("SQLite"))
    };
    apply_to(&mut conn, Some(BEFORE_CONSENT));
    conn.batch_execute(BEFORE).expect("storing the old data");
    apply_to(&mut conn, None);

    let (status, decided_at): (String, Option<chrono::NaiveDateTime>) = agency_clients::table
        .select((agency_clients::status, agency_clients::decided_at))
        .first(&mut conn)
        .expect("the old link");
    assert_eq!(status, "accepted");
    assert!(decided_at.is_some());

    let ticked: Vec<(String, bool, bool)> = organisations::table
        .order(organisations::id.asc())
        .select((
            organisations::id,
            organisations::living_wage_accredited,
            organisations::living_wage_requested_at.is_not_null(),
        ))
        .load(&mut conn)
        .expect("the organisations");
    assert_eq!(
        ticked,
        [
            ("a1".to_string(), false, false),
            ("e1".to_string(), false, true),
            ("e2".to_string(), false, false),
        ]
    );
}
