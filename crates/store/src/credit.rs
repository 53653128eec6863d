//! Credit cases: the current state of each (JSON of the domain type) beside its history in the
//! audit log, with the columns that header counts and lists filter on.

use rusqlite::{params, OptionalExtension};

use crate::{LiteTx, StoreError};

/// A credit case as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditCaseRecord {
    pub id: String,
    pub account_id: String,
    pub kind: String,
    pub case_json: String,
}

/// Notices not yet sent: how many are past their deadline and how many fall due by a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoticeTally {
    pub overdue: i64,
    pub due_soon: i64,
}

fn row_to_case(r: &rusqlite::Row<'_>) -> rusqlite::Result<CreditCaseRecord> {
    Ok(CreditCaseRecord { id: r.get(0)?, account_id: r.get(1)?, kind: r.get(2)?, case_json: r.get(3)? })
}

impl LiteTx<'_> {
    /// Inserts or replaces a case's current state.
    ///
    /// # Errors
    /// Store errors only.
    pub fn put_credit_case(&self, r: &CreditCaseRecord, notice_due: &str, notice_sent: bool, last_event_seq: i64) -> Result<(), StoreError> {
        self.conn()
            .prepare_cached(
                "INSERT INTO credit_cases (id, account_id, kind, case_json, notice_due, notice_sent, last_event_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (id) DO UPDATE SET case_json = excluded.case_json, notice_due = excluded.notice_due,
                    notice_sent = excluded.notice_sent, last_event_seq = excluded.last_event_seq",
            )?
            .execute(params![r.id, r.account_id, r.kind, r.case_json, notice_due, notice_sent, last_event_seq])?;
        Ok(())
    }

    /// One case, if it exists.
    ///
    /// # Errors
    /// Store errors only.
    pub fn credit_case(&self, id: &str) -> Result<Option<CreditCaseRecord>, StoreError> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id, account_id, kind, case_json FROM credit_cases WHERE id = ?1")?
            .query_row(params![id], row_to_case)
            .optional()?)
    }

    /// Cases, newest first; of one account when given.
    ///
    /// # Errors
    /// Store errors only.
    pub fn credit_cases(&self, account_id: Option<&str>) -> Result<Vec<CreditCaseRecord>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, account_id, kind, case_json FROM credit_cases
             WHERE ?1 IS NULL OR account_id = ?1 ORDER BY id DESC",
        )?;
        let rows = stmt.query_map(params![account_id], row_to_case)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Unsent notices past `now` (RFC 3339 UTC) and those due by `soon`.
    ///
    /// # Errors
    /// Store errors only.
    pub fn notice_tally(&self, now: &str, soon: &str) -> Result<NoticeTally, StoreError> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT COALESCE(SUM(notice_due < ?1), 0), COALESCE(SUM(notice_due >= ?1 AND notice_due <= ?2), 0)
                 FROM credit_cases WHERE notice_sent = 0",
            )?
            .query_row(params![now, soon], |r| Ok(NoticeTally { overdue: r.get(0)?, due_soon: r.get(1)? }))?)
    }
}
