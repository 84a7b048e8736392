//! Write transactions that wait their turn instead of failing. On SQLite a transaction that
//! reads first and writes later cannot upgrade its lock while another connection writes,
//! and SQLite refuses it at once rather than deadlock; taking the write lock up front
//! (`BEGIN IMMEDIATE`) makes a second writer wait, within the busy timeout, for the first.
//! On PostgreSQL rows are guarded where they are changed (conditional updates, locks), so
//! a plain transaction is right.

use diesel::connection::{AnsiTransactionManager, Connection, TransactionManager};

use super::DbConn;
use crate::error::AppError;

type Manager = <DbConn as Connection>::TransactionManager;

fn begin(conn: &mut DbConn) -> Result<(), AppError> {
    let begun = match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE"),
        DbConn::Postgres(c) => AnsiTransactionManager::begin_transaction(c),
    };
    Ok(begun?)
}

fn roll_back(conn: &mut DbConn) {
    if let Err(e) = Manager::rollback_transaction(conn) {
        tracing::error!(error = %e, "rolling back a transaction");
    }
}

/// Runs `work` in one write transaction: everything it wrote is committed when it
/// succeeds, nothing is left when it fails. Not for use inside another transaction (a
/// step inside one uses `conn.transaction`, which becomes a savepoint).
pub fn write<T>(
    conn: &mut DbConn,
    work: impl FnOnce(&mut DbConn) -> Result<T, AppError>,
) -> Result<T, AppError> {
    begin(conn)?;
    match work(conn) {
        Ok(value) => {
            if let Err(e) = Manager::commit_transaction(conn) {
                roll_back(conn);
                return Err(e.into());
            }
            Ok(value)
        }
        Err(e) => {
            roll_back(conn);
            Err(e)
        }
    }
}

/// Runs `work` as `write` does, then undoes everything: checking a batch against the
/// database (duplicates, status moves) without changing it, for an import's dry run.
pub fn rehearse<T>(
    conn: &mut DbConn,
    work: impl FnOnce(&mut DbConn) -> Result<T, AppError>,
) -> Result<T, AppError> {
    begin(conn)?;
    let result = work(conn);
    roll_back(conn);
    result
}
