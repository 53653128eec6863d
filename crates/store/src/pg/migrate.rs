//! Moving a team onto the server: a SQLite file's history and read models copied, as they are,
//! into an empty team database, in one transaction (all of it or nothing).

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};
use rusqlite::types::ValueRef;

use super::pg_error;
use crate::StoreError;

/// How a column is read from the file and written to the server.
#[derive(Clone, Copy)]
enum Kind {
    Int,
    /// An `integer` column on the server (the chain head's fixed id).
    Int4,
    Text,
    /// A 0/1 flag in the file, `boolean` on the server.
    Bool,
    Blob,
}

impl Kind {
    fn pg_type(self) -> Type {
        match self {
            Kind::Int => Type::INT8,
            Kind::Int4 => Type::INT4,
            Kind::Text => Type::TEXT,
            Kind::Bool => Type::BOOL,
            Kind::Blob => Type::BYTEA,
        }
    }
}

/// One table to copy: what to read from the file, and the server's table and columns.
struct Table {
    select: &'static str,
    table: &'static str,
    columns: &'static [(&'static str, Kind)],
}

use Kind::*;

const TABLES: &[Table] = &[
    Table {
        select: "SELECT seq, recorded_at, actor, entity, entity_id, action, payload, prev_hash, hash FROM audit_events ORDER BY seq",
        table: "audit_events",
        columns: &[("seq", Int), ("recorded_at", Text), ("actor", Text), ("entity", Text), ("entity_id", Text), ("action", Text), ("payload", Text), ("prev_hash", Text), ("hash", Text)],
    },
    Table { select: "SELECT id, seq, hash FROM audit_head", table: "audit_head", columns: &[("id", Int4), ("seq", Int), ("hash", Text)] },
    Table {
        // With the version of the read models: the register rows copied are the file's.
        select: "SELECT key, value FROM settings",
        table: "settings",
        columns: &[("key", Text), ("value", Text)],
    },
    Table { select: "SELECT day, name FROM closures", table: "closures", columns: &[("day", Text), ("name", Text)] },
    Table { select: "SELECT scope, last FROM id_counters", table: "id_counters", columns: &[("scope", Text), ("last", Int)] },
    Table {
        select: "SELECT id, received_at, received_date, kind, grounds, status, product, channel, topic, summary, complainant_name,
                    contact_hold, acknowledge_by, resolve_by, notify_stripe_by, next_clock, next_due, sort_due, last_event_seq, resolved_at
                 FROM complaints",
        table: "complaints",
        columns: &[
            ("id", Text),
            ("received_at", Text),
            ("received_date", Text),
            ("kind", Text),
            ("grounds", Text),
            ("status", Text),
            ("product", Text),
            ("channel", Text),
            ("topic", Text),
            ("summary", Text),
            ("complainant_name", Text),
            ("contact_hold", Bool),
            ("acknowledge_by", Text),
            ("resolve_by", Text),
            ("notify_stripe_by", Text),
            ("next_clock", Text),
            ("next_due", Text),
            ("sort_due", Text),
            ("last_event_seq", Int),
            ("resolved_at", Text),
        ],
    },
    Table {
        select: "SELECT c.id, s.text FROM complaint_search s JOIN complaints c ON c.rowid = s.rowid",
        table: "complaint_search",
        columns: &[("id", Text), ("text", Text)],
    },
    Table { select: "SELECT id, dues FROM complaint_timers", table: "complaint_timers", columns: &[("id", Text), ("dues", Text)] },
    Table {
        select: "SELECT id, assignee, assignee_key FROM complaint_assignees",
        table: "complaint_assignees",
        columns: &[("id", Text), ("assignee", Text), ("assignee_key", Text)],
    },
    Table {
        select: "SELECT id, account_json, legal_name, last_event_seq FROM accounts",
        table: "accounts",
        columns: &[("id", Text), ("account_json", Text), ("legal_name", Text), ("last_event_seq", Int)],
    },
    Table {
        select: "SELECT id, account_id, kind, case_json, notice_due, notice_sent, last_event_seq FROM credit_cases",
        table: "credit_cases",
        columns: &[("id", Text), ("account_id", Text), ("kind", Text), ("case_json", Text), ("notice_due", Text), ("notice_sent", Bool), ("last_event_seq", Int)],
    },
    Table {
        select: "SELECT seq, month, submitted_at, actor, note, report_json, csv, csv_sha256, xlsx, xlsx_sha256, pdf, pdf_sha256, audit_seq
                 FROM report_submissions ORDER BY seq",
        table: "report_submissions",
        columns: &[
            ("seq", Int),
            ("month", Text),
            ("submitted_at", Text),
            ("actor", Text),
            ("note", Text),
            ("report_json", Text),
            ("csv", Blob),
            ("csv_sha256", Text),
            ("xlsx", Blob),
            ("xlsx_sha256", Text),
            ("pdf", Blob),
            ("pdf_sha256", Text),
            ("audit_seq", Int),
        ],
    },
    Table {
        select: "SELECT seq, n, kind, account, currency, at, amount, ref, detail FROM reserve_entries",
        table: "reserve_entries",
        columns: &[("seq", Int), ("n", Int), ("kind", Text), ("account", Text), ("currency", Text), ("at", Text), ("amount", Int), ("ref", Text), ("detail", Text)],
    },
];

/// What a copy moved, table by table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CopyCounts {
    pub tables: Vec<(String, u64)>,
}

impl CopyCounts {
    /// Rows copied into `table`.
    pub fn of(&self, table: &str) -> u64 {
        self.tables.iter().find(|(t, _)| t == table).map_or(0, |(_, n)| *n)
    }
}

fn value(v: ValueRef<'_>, kind: Kind, table: &str, column: &str) -> Result<Box<dyn ToSql + Sync>, StoreError> {
    let bad = || StoreError::Corrupt(format!("{table}.{column} holds a value of the wrong type"));
    Ok(match (kind, v) {
        (Int, ValueRef::Null) => Box::new(None::<i64>),
        (Int, ValueRef::Integer(n)) => Box::new(n),
        (Int4, ValueRef::Integer(n)) => Box::new(i32::try_from(n).map_err(|_| bad())?),
        (Bool, ValueRef::Integer(n)) => Box::new(n != 0),
        (Text, ValueRef::Null) => Box::new(None::<String>),
        (Text, ValueRef::Text(t)) => Box::new(String::from_utf8(t.to_vec()).map_err(|_| bad())?),
        (Blob, ValueRef::Null) => Box::new(None::<Vec<u8>>),
        (Blob, ValueRef::Blob(b)) => Box::new(b.to_vec()),
        _ => return Err(bad()),
    })
}

/// Copies every table of the file at `src` into the team database of `dst` (which must hold no
/// history yet), in one transaction; the register's seal is copied as it stood.
///
/// # Errors
/// `Team` when the team database already has a history, or the server refuses (the signed-in
/// role must be an admin); store errors of either side. Nothing is written on the server then.
pub fn copy_file(src: &rusqlite::Connection, dst: &mut postgres::Client, shown: &str) -> Result<CopyCounts, StoreError> {
    let mut tx = dst.transaction().map_err(pg_error)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&super::WRITE_LOCK]).map_err(pg_error)?;
    let events: i64 = tx.query_one("SELECT count(*) FROM audit_events", &[]).map_err(pg_error)?.get(0);
    if events > 0 {
        return Err(StoreError::Team(format!(
            "{shown} already holds a register ({events} events); a file is moved only into an empty team database"
        )));
    }
    tx.execute("SELECT set_config('cdesk.migrating', 'on', true)", &[]).map_err(pg_error)?;
    // The empty team database's own bookkeeping gives way to the file's.
    tx.execute("DELETE FROM settings", &[]).map_err(pg_error)?;
    let mut counts = Vec::new();
    for t in TABLES {
        let names: Vec<&str> = t.columns.iter().map(|(n, _)| *n).collect();
        let types: Vec<Type> = t.columns.iter().map(|(_, k)| k.pg_type()).collect();
        let sink = tx.copy_in(&format!("COPY {} ({}) FROM STDIN BINARY", t.table, names.join(", "))).map_err(pg_error)?;
        let mut writer = BinaryCopyInWriter::new(sink, &types);
        let mut stmt = src.prepare(t.select)?;
        let mut rows = stmt.query([])?;
        let mut n = 0u64;
        while let Some(r) = rows.next()? {
            let values = t
                .columns
                .iter()
                .enumerate()
                .map(|(i, (name, kind))| value(r.get_ref(i)?, *kind, t.table, name))
                .collect::<Result<Vec<_>, StoreError>>()?;
            let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|b| b.as_ref() as &(dyn ToSql + Sync)).collect();
            writer.write(&refs).map_err(pg_error)?;
            n += 1;
        }
        writer.finish().map_err(pg_error)?;
        counts.push((t.table.to_owned(), n));
    }
    tx.batch_execute("SELECT setval('report_submissions_seq_seq', greatest((SELECT max(seq) FROM report_submissions), 1))").map_err(pg_error)?;
    let seal: Option<i64> = src.query_row("SELECT changes FROM register_seal WHERE id = 1", [], |r| r.get(0)).ok();
    tx.execute("UPDATE register_seal SET changes = $1", &[&seal.unwrap_or(1)]).map_err(pg_error)?;
    tx.commit().map_err(pg_error)?;
    Ok(CopyCounts { tables: counts })
}
