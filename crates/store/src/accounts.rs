//! Connected accounts: the current state of each (JSON of the domain type) beside its history
//! in the audit log.

use rusqlite::{params, OptionalExtension};

use crate::{LiteTx, StoreError};

impl LiteTx<'_> {
    /// Inserts or replaces an account's current state.
    ///
    /// # Errors
    /// Store errors only.
    pub fn put_account(&self, id: &str, legal_name: &str, account_json: &str, last_event_seq: i64) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO accounts (id, account_json, legal_name, last_event_seq) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET account_json = excluded.account_json, legal_name = excluded.legal_name,
                last_event_seq = excluded.last_event_seq",
            params![id, account_json, legal_name, last_event_seq],
        )?;
        Ok(())
    }

    /// An account's current state as JSON, if it exists.
    ///
    /// # Errors
    /// Store errors only.
    pub fn account_json(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self.conn().query_row("SELECT account_json FROM accounts WHERE id = ?1", params![id], |r| r.get(0)).optional()?)
    }

    /// Every account as (id, JSON), by legal name.
    ///
    /// # Errors
    /// Store errors only.
    pub fn accounts(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn().prepare_cached("SELECT id, account_json FROM accounts ORDER BY legal_name COLLATE NOCASE, id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
