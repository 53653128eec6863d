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
        self.store.read(|tx| {
            let (events, problem) = tx.verify_audit()?;
            let problem = match problem {
                Some(p) => Some((p.seq, p.problem)),
                None => submission_problem(tx)?,
            };
            Ok(match problem {
                None => AuditReport { ok: true, events, first_bad_seq: None, problem: None },
                Some((seq, problem)) => AuditReport { ok: false, events, first_bad_seq: Some(seq), problem: Some(problem) },
            })
        })
    }
}

/// The first stored submission whose files (or report) differ from what its `submitted` event
/// recorded: the event is in the chain, so a file edited in the database is found here.
fn submission_problem(tx: &cdesk_store::Tx<'_>) -> Result<Option<(i64, String)>> {
    for s in tx.stored_submissions()? {
        let Some(event) = tx.audit_event(s.audit_seq)? else {
            return Ok(Some((s.audit_seq, format!("the {} submission {} names event {} that is not in the log", s.month, s.seq, s.audit_seq))));
        };
        if event.entity != "report" || event.action != "submitted" || event.entity_id != s.month {
            return Ok(Some((s.audit_seq, format!("the {} submission {} is not the one event {} recorded", s.month, s.seq, s.audit_seq))));
        }
        let recorded: serde_json::Value = serde_json::from_str(&event.payload).unwrap_or(serde_json::Value::Null);
        let files: [(&str, Option<&[u8]>); 4] = [
            ("csv", Some(&s.csv)),
            ("xlsx", Some(&s.xlsx)),
            ("pdf", s.pdf.as_deref()),
            ("report", Some(s.report_json.as_bytes())),
        ];
        for (name, bytes) in files {
            let Some(expected) = recorded.get(format!("{name}_sha256")).and_then(|v| v.as_str()) else { continue };
            let actual = bytes.map(crate::reports::sha256_hex);
            if actual.as_deref() != Some(expected) {
                return Ok(Some((
                    s.audit_seq,
                    format!(
                        "the {} kept with the {} submission {} does not match the SHA-256 event {} recorded: it was changed in the file",
                        name.to_uppercase(),
                        s.month,
                        s.seq,
                        s.audit_seq
                    ),
                )));
            }
        }
    }
    Ok(None)
}
