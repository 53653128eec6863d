//! The Connect reserve's recorded facts: one row per fact (an available-balance reading, a
//! completed bank debit, a reading of the platform's balance, an imported balance transaction),
//! each made by one audit event (`seq`) at its place `n` in it.

use rusqlite::{params, OptionalExtension};

use crate::{LiteTx, StoreError};

/// A reserve fact as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReserveEntryRow {
    pub seq: i64,
    pub n: i64,
    /// `available`, `bank_debit`, `platform` or `balance_transaction`.
    pub kind: String,
    /// The account; for a balance transaction, its type (`reserve_transaction`, `charge`...).
    pub account: Option<String>,
    pub currency: String,
    /// RFC 3339 UTC.
    pub at: String,
    pub amount: i64,
    /// A balance transaction's id.
    pub reference: Option<String>,
    /// A balance transaction's description.
    pub detail: Option<String>,
}

fn entry_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReserveEntryRow> {
    Ok(ReserveEntryRow {
        seq: r.get(0)?,
        n: r.get(1)?,
        kind: r.get(2)?,
        account: r.get(3)?,
        currency: r.get(4)?,
        at: r.get(5)?,
        amount: r.get(6)?,
        reference: r.get(7)?,
        detail: r.get(8)?,
    })
}

impl LiteTx<'_> {
    /// Stores the facts one event recorded.
    ///
    /// # Errors
    /// Store errors only (including a balance transaction imported twice).
    pub fn insert_reserve_entries(&self, rows: &[ReserveEntryRow]) -> Result<(), StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "INSERT INTO reserve_entries (seq, n, kind, account, currency, at, amount, ref, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for r in rows {
            stmt.execute(params![r.seq, r.n, r.kind, r.account, r.currency, r.at, r.amount, r.reference, r.detail])?;
        }
        Ok(())
    }

    /// Every stored fact of a kind (all kinds when `None`), in the order they were recorded.
    ///
    /// # Errors
    /// Store errors only.
    pub fn reserve_entries(&self, kind: Option<&str>) -> Result<Vec<ReserveEntryRow>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT seq, n, kind, account, currency, at, amount, ref, detail FROM reserve_entries
             WHERE ?1 IS NULL OR kind = ?1 ORDER BY seq, n",
        )?;
        let rows = stmt.query_map(params![kind], entry_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The stored fact of `kind` with this reference (a balance transaction's id), if any.
    ///
    /// # Errors
    /// Store errors only.
    pub fn reserve_entry_by_ref(&self, kind: &str, reference: &str) -> Result<Option<ReserveEntryRow>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT seq, n, kind, account, currency, at, amount, ref, detail FROM reserve_entries WHERE kind = ?1 AND ref = ?2",
                params![kind, reference],
                entry_row,
            )
            .optional()?)
    }

    /// Replaces every stored reserve fact with `rows` (a repair from the history).
    ///
    /// # Errors
    /// Store errors only.
    pub fn replace_reserve_entries(&self, rows: &[ReserveEntryRow]) -> Result<(), StoreError> {
        self.conn().execute("DELETE FROM reserve_entries", [])?;
        self.insert_reserve_entries(rows)
    }
}
