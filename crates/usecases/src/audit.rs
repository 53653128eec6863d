//! Checking the audit chain.

use serde::Serialize;
use ts_rs::TS;

use crate::{Desk, Result};

/// The result of walking the audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct AuditReport {
    pub ok: bool,
    #[ts(type = "number")]
    pub events: i64,
    #[ts(type = "number | null")]
    pub first_bad_seq: Option<i64>,
    pub problem: Option<String>,
}

impl Desk {
    /// Verifies that no audit event was edited, deleted or reordered in the file.
    ///
    /// # Errors
    /// `Storage` when the database cannot be read (a broken chain is a report, not an error).
    pub fn verify_audit(&mut self) -> Result<AuditReport> {
        let (events, problem) = self.store.read(|tx| Ok::<_, crate::ErrorBody>(tx.verify_audit()?))?;
        Ok(match problem {
            None => AuditReport { ok: true, events, first_bad_seq: None, problem: None },
            Some(p) => AuditReport { ok: false, events, first_bad_seq: Some(p.seq), problem: Some(p.problem) },
        })
    }
}
