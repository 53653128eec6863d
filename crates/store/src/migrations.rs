//! Versioned schema migrations: an append-only list, tracked in `PRAGMA user_version`, applied
//! in one transaction. Never edit or reorder a step; add a new one.

use rusqlite::Connection;

use crate::StoreError;

/// The triggers that count every change to a register row in `register_seal` (step 11); run
/// again, they restore a seal whose triggers were dropped.
macro_rules! seal_triggers {
    () => {
        "CREATE TRIGGER IF NOT EXISTS complaints_seal_ai AFTER INSERT ON complaints BEGIN
            UPDATE register_seal SET changes = changes + 1;
        END;
        CREATE TRIGGER IF NOT EXISTS complaints_seal_au AFTER UPDATE ON complaints BEGIN
            UPDATE register_seal SET changes = changes + 1;
        END;
        CREATE TRIGGER IF NOT EXISTS complaints_seal_ad AFTER DELETE ON complaints BEGIN
            UPDATE register_seal SET changes = changes + 1;
        END;"
    };
}

pub(crate) const SEAL_TRIGGERS: &str = seal_triggers!();

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
    // 2: when each complaint was last resolved (to find a month's carried-over complaints), and
    // the monthly reports as submitted to Stripe, with the exact files sent.
    r#"
    ALTER TABLE complaints ADD COLUMN resolved_at TEXT;
    UPDATE complaints SET resolved_at = (
        SELECT json_extract(a.payload, '$.at') FROM audit_events a
        WHERE a.entity = 'complaint' AND a.entity_id = complaints.id AND a.action = 'resolved'
        ORDER BY a.seq DESC LIMIT 1
    ) WHERE status = 'resolved';
    CREATE INDEX complaints_resolved ON complaints (resolved_at);
    CREATE TABLE report_submissions (
        seq           INTEGER PRIMARY KEY,
        month         TEXT NOT NULL,
        submitted_at  TEXT NOT NULL,
        actor         TEXT NOT NULL,
        note          TEXT,
        report_json   TEXT NOT NULL,
        csv           BLOB NOT NULL,
        csv_sha256    TEXT NOT NULL,
        xlsx          BLOB NOT NULL,
        xlsx_sha256   TEXT NOT NULL,
        audit_seq     INTEGER NOT NULL REFERENCES audit_events (seq)
    );
    CREATE INDEX report_submissions_month ON report_submissions (month, seq);
    "#,
    // 3: open complaints by date received, to find a month's carried-over complaints quickly.
    r#"
    CREATE INDEX complaints_status_received ON complaints (status, received_at);
    "#,
    // 4: connected accounts with their credit policy, as a read model of their audit events.
    r#"
    CREATE TABLE accounts (
        id             TEXT PRIMARY KEY,
        account_json   TEXT NOT NULL,
        legal_name     TEXT NOT NULL,
        last_event_seq INTEGER NOT NULL REFERENCES audit_events (seq)
    );
    "#,
    // 5: credit cases (closures and limit decreases) beside their history in the audit log.
    r#"
    CREATE TABLE credit_cases (
        id             TEXT PRIMARY KEY,
        account_id     TEXT NOT NULL REFERENCES accounts (id),
        kind           TEXT NOT NULL,
        case_json      TEXT NOT NULL,
        notice_due     TEXT NOT NULL,
        notice_sent    INTEGER NOT NULL,
        last_event_seq INTEGER NOT NULL REFERENCES audit_events (seq)
    );
    CREATE INDEX credit_cases_account ON credit_cases (account_id);
    CREATE INDEX credit_cases_notice ON credit_cases (notice_sent, notice_due);
    "#,
    // 6: a submission keeps the PDF sent too (older submissions have none).
    r#"
    ALTER TABLE report_submissions ADD COLUMN pdf BLOB;
    ALTER TABLE report_submissions ADD COLUMN pdf_sha256 TEXT;
    "#,
    // 7: complaints and credit cases are folded in the order things happened (not recorded),
    // without voided entries. A new database starts with read models of that fold; one that
    // holds complaints or cases has them rebuilt from the history once, by the use cases
    // (which know the fold), at its next open: the marker is left out for it.
    r#"
    INSERT INTO settings (key, value)
        SELECT 'read_models_version', '2'
        WHERE NOT EXISTS (SELECT 1 FROM complaints) AND NOT EXISTS (SELECT 1 FROM credit_cases);
    "#,
    // 8: every change to an account carries the account as it left it, so accounts are rebuilt
    // from the history like the rest. A file without accounts has nothing to record; one with
    // accounts has their current states recorded once by the use cases at its next open.
    r#"
    UPDATE settings SET value = '3'
        WHERE key = 'read_models_version' AND value = '2' AND NOT EXISTS (SELECT 1 FROM accounts);
    "#,
    // 9: support timers counted in the register's due lists (beside the register row, one row
    // per open complaint with timers); the Connect reserve's recorded facts (available-balance
    // readings, bank debits, the platform's balance, imported balance transactions), each row
    // made by one audit event (`seq`, and its place `n` in it). Written so that it can run
    // again on a file that already has it.
    r#"
    CREATE TABLE IF NOT EXISTS complaint_timers (
        id   TEXT PRIMARY KEY,
        dues TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS reserve_entries (
        seq      INTEGER NOT NULL REFERENCES audit_events (seq),
        n        INTEGER NOT NULL,
        kind     TEXT NOT NULL,
        account  TEXT,
        currency TEXT NOT NULL,
        at       TEXT NOT NULL,
        amount   INTEGER NOT NULL,
        ref      TEXT,
        detail   TEXT,
        PRIMARY KEY (seq, n)
    );
    CREATE INDEX IF NOT EXISTS reserve_entries_kind ON reserve_entries (kind, account, currency, at);
    CREATE UNIQUE INDEX IF NOT EXISTS reserve_entries_ref ON reserve_entries (kind, ref) WHERE ref IS NOT NULL;
    "#,
    // 10: register search through a trigram index of the search text (any substring of three
    // characters or more is found without reading every row), kept in step with the text by
    // triggers, filled once from the rows already there.
    r#"
    CREATE VIRTUAL TABLE IF NOT EXISTS complaint_fts USING fts5(
        text, tokenize = 'trigram', content = 'complaint_search', content_rowid = 'rowid'
    );
    CREATE TRIGGER IF NOT EXISTS complaint_search_ai AFTER INSERT ON complaint_search BEGIN
        INSERT INTO complaint_fts (rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER IF NOT EXISTS complaint_search_ad AFTER DELETE ON complaint_search BEGIN
        INSERT INTO complaint_fts (complaint_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END;
    CREATE TRIGGER IF NOT EXISTS complaint_search_au AFTER UPDATE ON complaint_search BEGIN
        INSERT INTO complaint_fts (complaint_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
        INSERT INTO complaint_fts (rowid, text) VALUES (new.rowid, new.text);
    END;
    INSERT INTO complaint_fts (complaint_fts) VALUES ('rebuild');
    "#,
    // 11: the register's seal. Every change to a register row counts itself here through a
    // trigger, whoever makes it; the desk's own write transactions set the count back to zero
    // when it was zero as they began. A count above zero therefore means rows were changed
    // outside the desk (or the file predates the seal), and the monthly report checks the whole
    // register against the history before it picks its complaints from it.
    concat!(
        "CREATE TABLE IF NOT EXISTS register_seal (
            id      INTEGER PRIMARY KEY CHECK (id = 1),
            changes INTEGER NOT NULL
        );
        INSERT OR IGNORE INTO register_seal (id, changes) VALUES (1, EXISTS (SELECT 1 FROM complaints));",
        seal_triggers!()
    ),
    // 12: who each complaint is assigned to, beside its register row (absent while nobody);
    // `assignee_key` is the name as officers' names compare, for the register's "Mine".
    r#"
    CREATE TABLE IF NOT EXISTS complaint_assignees (
        id           TEXT PRIMARY KEY,
        assignee     TEXT NOT NULL,
        assignee_key TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS complaint_assignees_key ON complaint_assignees (assignee_key);
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
    // Take the write lock first, then read the version again: another process may have
    // migrated the file while this one waited (applying a step twice would fail).
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current >= SCHEMA_VERSION {
        return Ok(());
    }
    for (i, step) in STEPS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(conn: &Connection) -> Option<String> {
        use rusqlite::OptionalExtension;
        conn.query_row("SELECT value FROM settings WHERE key = 'read_models_version'", [], |r| r.get(0)).optional().unwrap()
    }

    #[test]
    fn migration_7_marks_only_databases_without_complaints_or_cases_as_folded() {
        let mut fresh = Connection::open_in_memory().unwrap();
        migrate(&mut fresh, ":memory:").unwrap();
        assert_eq!(marker(&fresh).as_deref(), Some("3"), "a new database has nothing to rebuild");
        let mut old = Connection::open_in_memory().unwrap();
        for (i, step) in STEPS[..6].iter().enumerate() {
            old.execute_batch(step).unwrap();
            old.pragma_update(None, "user_version", (i + 1) as i64).unwrap();
        }
        old.execute_batch(
            r#"INSERT INTO audit_events VALUES (1, '2026-10-01T00:00:00Z', 'a', 'complaint', 'CMP-1', 'logged', '{}', 'x', 'y');
               INSERT INTO complaints (id, received_at, received_date, kind, grounds, status, channel, summary, complainant_name,
                   contact_hold, sort_due, last_event_seq)
               VALUES ('CMP-1', '2026-10-01T14:00:00Z', '2026-10-01', 'operational', '', 'open', 'email', 's', 'n', 0, '9999-12-31', 1);"#,
        )
        .unwrap();
        migrate(&mut old, ":memory:").unwrap();
        assert_eq!(marker(&old), None, "a database with complaints is rebuilt from its history by the use cases");
    }

    #[test]
    fn migration_6_keeps_older_submissions_without_a_pdf() {
        let mut conn = Connection::open_in_memory().unwrap();
        for (i, step) in STEPS[..5].iter().enumerate() {
            conn.execute_batch(step).unwrap();
            conn.pragma_update(None, "user_version", (i + 1) as i64).unwrap();
        }
        conn.execute_batch(
            r#"INSERT INTO audit_events VALUES (1, '2026-11-02T00:00:00Z', 'a', 'report', '2026-10', 'submitted', '{}', 'x', 'y');
               INSERT INTO report_submissions (month, submitted_at, actor, report_json, csv, csv_sha256, xlsx, xlsx_sha256, audit_seq)
               VALUES ('2026-10', '2026-11-02T00:00:00Z', 'a', '{}', x'00', 'c', x'00', 'x', 1);"#,
        )
        .unwrap();
        migrate(&mut conn, ":memory:").unwrap();
        let (pdf, sha): (Option<Vec<u8>>, Option<String>) =
            conn.query_row("SELECT pdf, pdf_sha256 FROM report_submissions", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!((pdf, sha), (None, None), "an older submission keeps its CSV and XLSX and has no PDF");
    }

    #[test]
    fn migration_2_backfills_when_resolved_complaints_were_resolved() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(STEPS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            r#"INSERT INTO audit_events VALUES (1, '2026-10-01T00:00:00Z', 'a', 'complaint', 'CMP-1', 'logged', '{}', 'x', 'y');
               INSERT INTO audit_events VALUES (2, '2026-10-02T00:00:00Z', 'a', 'complaint', 'CMP-1', 'resolved', '{"type":"resolved","at":"2026-10-02T15:00:00Z"}', 'y', 'z');
               INSERT INTO complaints (id, received_at, received_date, kind, grounds, status, channel, summary, complainant_name,
                   contact_hold, sort_due, last_event_seq)
               VALUES ('CMP-1', '2026-10-01T14:00:00Z', '2026-10-01', 'operational', '', 'resolved', 'email', 's', 'n', 0, '9999-12-31', 2);"#,
        )
        .unwrap();
        migrate(&mut conn, ":memory:").unwrap();
        let at: Option<String> = conn.query_row("SELECT resolved_at FROM complaints WHERE id = 'CMP-1'", [], |r| r.get(0)).unwrap();
        assert_eq!(at.as_deref(), Some("2026-10-02T15:00:00Z"), "a resolved complaint must keep when it was resolved");
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, SCHEMA_VERSION);
    }
}
