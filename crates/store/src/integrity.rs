//! Reading the read models as they lie in the file, beside the history they were made from, so
//! that the use cases can rebuild each from the history and name the first difference; and
//! writing a rebuilt row back when the officer repairs them. The store compares nothing itself.

use rusqlite::{params, OptionalExtension};

use crate::{AuditEvent, ComplaintRecord, LiteTx, StoreError};

/// A row as stored, one text (or null) per column; numbers as decimal text.
pub type RowImage = Vec<Option<String>>;

/// Walks every complaint's events (grouped by id, in id order) beside its register row (in id
/// order), as either store reads them, calling `f` with each id, its events and its row (either
/// may be missing); stops when `f` says false.
pub(crate) fn beside_history<E: From<StoreError>>(
    mut next_event: impl FnMut() -> Result<Option<AuditEvent>, StoreError>,
    mut next_row: impl FnMut() -> Result<Option<RowImage>, StoreError>,
    mut f: impl FnMut(&str, &[AuditEvent], Option<RowImage>) -> Result<bool, E>,
) -> Result<(), E> {
    let mut row = next_row()?;
    let mut pending = next_event()?;
    loop {
        let history_id = pending.as_ref().map(|e| e.entity_id.clone());
        let row_id = row.as_ref().and_then(|r| r[0].clone());
        let id = match (&history_id, &row_id) {
            (None, None) => return Ok(()),
            (Some(h), Some(r)) => std::cmp::min(h, r).clone(),
            (Some(h), None) => h.clone(),
            (None, Some(r)) => r.clone(),
        };
        let mut group = Vec::new();
        while pending.as_ref().is_some_and(|e| e.entity_id == id) {
            group.push(pending.take().expect("checked"));
            pending = next_event()?;
        }
        let image = if row_id.as_deref() == Some(id.as_str()) {
            let this = row.take();
            row = next_row()?;
            this
        } else {
            None
        };
        if !f(&id, &group, image)? {
            return Ok(());
        }
    }
}

/// The columns of a complaint's row image, in order: the register row and its search text.
pub const COMPLAINT_IMAGE_COLUMNS: &[&str] = &[
    "id",
    "received_at",
    "received_date",
    "kind",
    "grounds",
    "status",
    "product",
    "channel",
    "topic",
    "summary",
    "complainant_name",
    "contact_hold",
    "acknowledge_by",
    "resolve_by",
    "notify_stripe_by",
    "next_clock",
    "next_due",
    "sort_due",
    "last_event_seq",
    "resolved_at",
    "complaint_timers.dues",
    "complaint_search.text",
    "complaint_assignees.assignee",
];

/// What a complaint's stored row must hold for a register record and its search text.
pub fn complaint_image(c: &ComplaintRecord, search_text: &str) -> RowImage {
    vec![
        Some(c.id.clone()),
        Some(c.received_at.clone()),
        Some(c.received_date.clone()),
        Some(c.kind.clone()),
        Some(c.grounds.clone()),
        Some(c.status.clone()),
        c.product.clone(),
        Some(c.channel.clone()),
        c.topic.clone(),
        Some(c.summary.clone()),
        Some(c.complainant_name.clone()),
        Some(i64::from(c.contact_hold).to_string()),
        c.acknowledge_by.clone(),
        c.resolve_by.clone(),
        c.notify_stripe_by.clone(),
        c.next_clock.clone(),
        c.next_due.clone(),
        Some(c.next_due.clone().unwrap_or_else(|| crate::complaints::NO_DUE.to_owned())),
        Some(c.last_event_seq.to_string()),
        c.resolved_at.clone(),
        c.timer_dues.clone(),
        Some(search_text.to_owned()),
        c.assignee.clone(),
    ]
}

fn cell(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<String>> {
    use rusqlite::types::ValueRef;
    Ok(match r.get_ref(i)? {
        ValueRef::Null => None,
        ValueRef::Integer(n) => Some(n.to_string()),
        ValueRef::Real(x) => Some(x.to_string()),
        ValueRef::Text(t) => Some(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Some(hex::encode(b)),
    })
}

fn event(r: &rusqlite::Row<'_>, from: usize) -> rusqlite::Result<AuditEvent> {
    Ok(AuditEvent {
        seq: r.get(from)?,
        recorded_at: r.get(from + 1)?,
        actor: r.get(from + 2)?,
        entity: r.get(from + 3)?,
        entity_id: r.get(from + 4)?,
        action: r.get(from + 5)?,
        payload: r.get(from + 6)?,
        prev_hash: r.get(from + 7)?,
        hash: r.get(from + 8)?,
    })
}

/// An account as stored, whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRow {
    pub id: String,
    pub account_json: String,
    pub legal_name: String,
    pub last_event_seq: i64,
}

/// A credit case as stored, whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditCaseRow {
    pub id: String,
    pub account_id: String,
    pub kind: String,
    pub case_json: String,
    pub notice_due: String,
    pub notice_sent: bool,
    pub last_event_seq: i64,
}

/// A submission's stored columns other than its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionRow {
    pub seq: i64,
    pub month: String,
    pub submitted_at: String,
    pub actor: String,
    pub note: Option<String>,
    pub csv_sha256: String,
    pub xlsx_sha256: String,
    pub pdf_sha256: Option<String>,
    pub audit_seq: i64,
}

impl LiteTx<'_> {
    /// Walks every complaint in id order, those with a history and those with only a row: `f`
    /// gets the id, the complaint's events (oldest first, empty when it has none) and its stored
    /// row image (None when it has no row). One pass over the history's index and the table,
    /// side by side, so memory stays that of one complaint. `f` returns false to stop.
    ///
    /// # Errors
    /// Store errors, or whatever `f` returns.
    pub fn each_complaint_beside_history<E: From<StoreError>>(
        &self,
        f: impl FnMut(&str, &[AuditEvent], Option<RowImage>) -> Result<bool, E>,
    ) -> Result<(), E> {
        let conn = self.conn();
        let mut events_stmt = conn
            .prepare(
                "SELECT seq, recorded_at, actor, entity, entity_id, action, payload, prev_hash, hash
                 FROM audit_events WHERE entity = 'complaint' ORDER BY entity_id, seq",
            )
            .map_err(StoreError::from)?;
        let mut rows_stmt = conn
            .prepare(
                "SELECT c.id, c.received_at, c.received_date, c.kind, c.grounds, c.status, c.product, c.channel, c.topic,
                    c.summary, c.complainant_name, c.contact_hold, c.acknowledge_by, c.resolve_by, c.notify_stripe_by,
                    c.next_clock, c.next_due, c.sort_due, c.last_event_seq, c.resolved_at, t.dues, s.text, a.assignee
                 FROM complaints c LEFT JOIN complaint_search s ON s.rowid = c.rowid
                    LEFT JOIN complaint_timers t ON t.id = c.id LEFT JOIN complaint_assignees a ON a.id = c.id ORDER BY c.id",
            )
            .map_err(StoreError::from)?;
        let mut events = events_stmt.query([]).map_err(StoreError::from)?;
        let mut rows = rows_stmt.query([]).map_err(StoreError::from)?;
        let width = COMPLAINT_IMAGE_COLUMNS.len();
        let next_row = || -> Result<Option<RowImage>, StoreError> {
            match rows.next()? {
                Some(r) => Ok(Some((0..width).map(|i| cell(r, i)).collect::<Result<_, _>>()?)),
                None => Ok(None),
            }
        };
        let next_event = || events.next().map_err(StoreError::from)?.map(|r| event(r, 0)).transpose().map_err(StoreError::from);
        beside_history(next_event, next_row, f)
    }

    /// Every event of the given entities, in the order they were recorded.
    ///
    /// # Errors
    /// Store errors only.
    pub fn audit_events_of_kinds(&self, entities: &[&str]) -> Result<Vec<AuditEvent>, StoreError> {
        let marks = vec!["?"; entities.len()].join(", ");
        let sql = format!(
            "SELECT seq, recorded_at, actor, entity, entity_id, action, payload, prev_hash, hash
             FROM audit_events WHERE entity IN ({marks}) ORDER BY seq"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(entities.iter()), |r| event(r, 0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every account row, by id.
    ///
    /// # Errors
    /// Store errors only.
    pub fn account_rows(&self) -> Result<Vec<AccountRow>, StoreError> {
        let mut stmt = self.conn().prepare("SELECT id, account_json, legal_name, last_event_seq FROM accounts ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok(AccountRow { id: r.get(0)?, account_json: r.get(1)?, legal_name: r.get(2)?, last_event_seq: r.get(3)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every credit case row, by id.
    ///
    /// # Errors
    /// Store errors only.
    pub fn credit_case_rows(&self) -> Result<Vec<CreditCaseRow>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT id, account_id, kind, case_json, notice_due, notice_sent, last_event_seq FROM credit_cases ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(CreditCaseRow {
                id: r.get(0)?,
                account_id: r.get(1)?,
                kind: r.get(2)?,
                case_json: r.get(3)?,
                notice_due: r.get(4)?,
                notice_sent: r.get(5)?,
                last_event_seq: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every submission's columns other than its files, oldest first.
    ///
    /// # Errors
    /// Store errors only.
    pub fn submission_rows(&self) -> Result<Vec<SubmissionRow>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT seq, month, submitted_at, actor, note, csv_sha256, xlsx_sha256, pdf_sha256, audit_seq
             FROM report_submissions ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(SubmissionRow {
                seq: r.get(0)?,
                month: r.get(1)?,
                submitted_at: r.get(2)?,
                actor: r.get(3)?,
                note: r.get(4)?,
                csv_sha256: r.get(5)?,
                xlsx_sha256: r.get(6)?,
                pdf_sha256: r.get(7)?,
                audit_seq: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every setting as (key, value), by key.
    ///
    /// # Errors
    /// Store errors only.
    pub fn all_settings(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn().prepare("SELECT key, value FROM settings ORDER BY key")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every id counter as (scope, last number given), by scope.
    ///
    /// # Errors
    /// Store errors only.
    pub fn counters(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let mut stmt = self.conn().prepare("SELECT scope, last FROM id_counters ORDER BY scope")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Search rows that belong to no complaint (left by a deleted row).
    ///
    /// # Errors
    /// Store errors only.
    pub fn orphan_search_rows(&self) -> Result<i64, StoreError> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM complaint_search s WHERE NOT EXISTS (SELECT 1 FROM complaints c WHERE c.rowid = s.rowid)",
            [],
            |r| r.get(0),
        )?)
    }

    /// What FTS5's own check finds wrong with the search index against the search text, or
    /// None when they agree.
    ///
    /// # Errors
    /// Store errors other than the check's finding.
    pub fn search_index_problem(&self) -> Result<Option<String>, StoreError> {
        match self.conn().execute("INSERT INTO complaint_fts (complaint_fts, rank) VALUES ('integrity-check', 1)", []) {
            Ok(_) => Ok(None),
            Err(e @ rusqlite::Error::SqliteFailure(..)) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) => Ok(Some(e.to_string())),
            Err(e) => Err(e.into()),
        }
    }

    /// Stops keeping the search index row by row for a bulk insert in this transaction; returns
    /// the last search row before it, for [`Tx::resume_search_index`].
    ///
    /// # Errors
    /// Store errors only.
    pub fn suspend_search_index(&self) -> Result<i64, StoreError> {
        self.conn().execute_batch("DROP TRIGGER IF EXISTS complaint_search_ai;")?;
        Ok(self.conn().query_row("SELECT coalesce(max(rowid), 0) FROM complaint_search", [], |r| r.get(0))?)
    }

    /// Indexes the search rows added after `after` in one pass, and keeps the index row by row
    /// again (the trigger of migration 10).
    ///
    /// # Errors
    /// Store errors only.
    pub fn resume_search_index(&self, after: i64) -> Result<(), StoreError> {
        self.conn().execute("INSERT INTO complaint_fts (rowid, text) SELECT rowid, text FROM complaint_search WHERE rowid > ?1", params![after])?;
        self.conn().execute_batch(
            "CREATE TRIGGER IF NOT EXISTS complaint_search_ai AFTER INSERT ON complaint_search BEGIN
                 INSERT INTO complaint_fts (rowid, text) VALUES (new.rowid, new.text);
             END;",
        )?;
        Ok(())
    }

    /// Rebuilds the search index from the search text.
    ///
    /// # Errors
    /// Store errors only.
    pub fn rebuild_search_index(&self) -> Result<(), StoreError> {
        self.conn().execute("INSERT INTO complaint_fts (complaint_fts) VALUES ('rebuild')", [])?;
        Ok(())
    }

    // Repairs: each writes one rebuilt row (or removes one the history does not have).

    /// Replaces a complaint's register row and search text with rebuilt ones.
    ///
    /// # Errors
    /// Store errors only.
    pub fn replace_complaint(&self, c: &ComplaintRecord, search_text: &str) -> Result<(), StoreError> {
        self.delete_complaint(&c.id)?;
        self.insert_complaint(c, search_text)
    }

    /// Removes a complaint's register row and search text.
    ///
    /// # Errors
    /// Store errors only.
    pub fn delete_complaint(&self, id: &str) -> Result<(), StoreError> {
        let rowid: Option<i64> = self.conn().query_row("SELECT rowid FROM complaints WHERE id = ?1", params![id], |r| r.get(0)).optional()?;
        if let Some(rowid) = rowid {
            self.conn().execute("DELETE FROM complaint_search WHERE rowid = ?1", params![rowid])?;
            self.conn().execute("DELETE FROM complaints WHERE rowid = ?1", params![rowid])?;
        }
        self.conn().execute("DELETE FROM complaint_timers WHERE id = ?1", params![id])?;
        self.conn().execute("DELETE FROM complaint_assignees WHERE id = ?1", params![id])?;
        Ok(())
    }

    /// Removes search rows that belong to no complaint.
    ///
    /// # Errors
    /// Store errors only.
    pub fn delete_orphan_search_rows(&self) -> Result<usize, StoreError> {
        Ok(self
            .conn()
            .execute("DELETE FROM complaint_search WHERE NOT EXISTS (SELECT 1 FROM complaints c WHERE c.rowid = complaint_search.rowid)", [])?)
    }

    /// Removes an account row.
    ///
    /// # Errors
    /// Store errors only.
    pub fn delete_account(&self, id: &str) -> Result<(), StoreError> {
        self.conn().execute("DELETE FROM accounts WHERE id = ?1", params![id])?;
        Ok(())
    }

    /// Removes a credit case row.
    ///
    /// # Errors
    /// Store errors only.
    pub fn delete_credit_case(&self, id: &str) -> Result<(), StoreError> {
        self.conn().execute("DELETE FROM credit_cases WHERE id = ?1", params![id])?;
        Ok(())
    }

    /// Sets (or, with None, removes) an id counter.
    ///
    /// # Errors
    /// Store errors only.
    pub fn set_counter(&self, scope: &str, last: Option<i64>) -> Result<(), StoreError> {
        match last {
            Some(n) => self.conn().execute(
                "INSERT INTO id_counters (scope, last) VALUES (?1, ?2) ON CONFLICT (scope) DO UPDATE SET last = excluded.last",
                params![scope, n],
            )?,
            None => self.conn().execute("DELETE FROM id_counters WHERE scope = ?1", params![scope])?,
        };
        Ok(())
    }

    /// Removes a setting.
    ///
    /// # Errors
    /// Store errors only.
    pub fn delete_setting(&self, key: &str) -> Result<(), StoreError> {
        self.conn().execute("DELETE FROM settings WHERE key = ?1", params![key])?;
        Ok(())
    }

    /// Replaces every closure day.
    ///
    /// # Errors
    /// Store errors only.
    pub fn replace_closures(&self, closures: &[(String, String)]) -> Result<(), StoreError> {
        self.conn().execute("DELETE FROM closures", [])?;
        for (day, name) in closures {
            self.put_closure(day, name)?;
        }
        Ok(())
    }
}
