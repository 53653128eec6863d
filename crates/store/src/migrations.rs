//! Versioned schema migrations: an append-only list, tracked in `PRAGMA user_version`, applied
//! in one transaction. Never edit or reorder a step; add a new one.

use rusqlite::Connection;

use crate::StoreError;

const STEPS: &[&str] = &[
    // 1: audit chain, settings, closures, complaint register read model.
    r#"
    CREATE TABLE audit_events (
        seq         INTEGER PRIMARY KEY,
        recorded_at TEXT NOT NULL,
        actor       TEXT NOT NULL,
        entity      TEXT NOT NULL,
        entity_id   TEXT NOT NULL,
        action      TEXT NOT NULL,
        payload     TEXT NOT NULL,
        prev_hash   TEXT NOT NULL,
        hash        TEXT NOT NULL
    );
    CREATE INDEX audit_events_entity ON audit_events (entity, entity_id, seq);
    CREATE TABLE audit_head (
        id   INTEGER PRIMARY KEY CHECK (id = 1),
        seq  INTEGER NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE closures (
        day  TEXT PRIMARY KEY,
        name TEXT NOT NULL
    );
    CREATE TABLE id_counters (
        scope TEXT PRIMARY KEY,
        last  INTEGER NOT NULL
    );
    CREATE TABLE complaints (
        id                TEXT PRIMARY KEY,
        received_at       TEXT NOT NULL,
        received_date     TEXT NOT NULL,
        kind              TEXT NOT NULL,
        grounds           TEXT NOT NULL,
        status            TEXT NOT NULL,
        product           TEXT,
        channel           TEXT NOT NULL,
        topic             TEXT,
        summary           TEXT NOT NULL,
        complainant_name  TEXT NOT NULL,
        contact_hold      INTEGER NOT NULL,
        acknowledge_by    TEXT,
        resolve_by        TEXT,
        notify_stripe_by  TEXT,
        next_clock        TEXT,
        next_due          TEXT,
        sort_due          TEXT NOT NULL,
        last_event_seq    INTEGER NOT NULL REFERENCES audit_events (seq)
    );
    CREATE INDEX complaints_status_due ON complaints (status, sort_due, received_at);
    CREATE INDEX complaints_due ON complaints (sort_due, received_at);
    CREATE INDEX complaints_received ON complaints (received_at);
    CREATE INDEX complaints_on_hold ON complaints (status, contact_hold);
    -- The register's searchable text, lower-cased, apart from the wide rows so that a
    -- substring search scans only this; rowid = complaints.rowid.
    CREATE TABLE complaint_search (rowid INTEGER PRIMARY KEY, text TEXT NOT NULL);
    "#,
];

/// The schema version this code writes.
pub const SCHEMA_VERSION: i64 = STEPS.len() as i64;

pub(crate) fn migrate(conn: &mut Connection, shown: &str) -> Result<(), StoreError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { path: shown.to_owned(), found: current, supported: SCHEMA_VERSION });
    }
    if current == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
    for (i, step) in STEPS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.commit()?;
    Ok(())
}
