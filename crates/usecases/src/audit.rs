//! Verifying the file (the audit chain, the read models, the submitted files) and repairing
//! read models from the history.

use serde::Serialize;
use ts_rs::TS;

use crate::verify::{self, Difference};
use crate::{Desk, ErrorBody, Result};

/// The result of verifying the file: the audit chain, then every read model rebuilt from the
/// history and compared with the tables, then the submitted files re-hashed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct AuditReport {
    pub ok: bool,
    #[ts(type = "number")]
    pub events: i64,
    /// The first event that breaks the chain, when it is broken.
    #[ts(type = "number | null")]
    pub first_bad_seq: Option<i64>,
    /// What is wrong, in one sentence naming the event or the table, row and field.
    pub problem: Option<String>,
    /// The first read model that differs from the history, when the chain is intact.
    pub difference: Option<Difference>,
    /// How many complaints, accounts and credit cases were rebuilt from the history and compared.
    #[ts(type = "number")]
    pub complaints_checked: i64,
    #[ts(type = "number")]
    pub accounts_checked: i64,
    #[ts(type = "number")]
    pub credit_cases_checked: i64,
}

/// What `audit repair` rebuilt from the history, and what it could not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct RepairReport {
    /// Rows rewritten (or removed) from the history.
    pub repaired: Vec<Difference>,
    /// Differences the history cannot mend (a submitted file changed or lost): restore a backup.
    pub unrepairable: Vec<Difference>,
    /// The event recording the repair, when something was repaired.
    #[ts(type = "number | null")]
    pub audit_seq: Option<i64>,
}

impl Desk {
    /// Verifies the file: no audit event edited, deleted or reordered; every read model equal
    /// to what the history makes of it; every submitted file as it was fingerprinted.
    ///
    /// # Errors
    /// `Storage` when the database cannot be read (a difference is a report, not an error).
    pub fn verify_audit(&mut self) -> Result<AuditReport> {
        self.store.read(|tx| {
            let (events, problem) = tx.verify_audit()?;
            if let Some(p) = problem {
                return Ok(AuditReport {
                    ok: false,
                    events,
                    first_bad_seq: Some(p.seq),
                    problem: Some(p.problem),
                    difference: None,
                    complaints_checked: 0,
                    accounts_checked: 0,
                    credit_cases_checked: 0,
                });
            }
            let found = verify::read_models(tx, verify::Mode::Check)?;
            let difference = found.differences.into_iter().next();
            Ok(AuditReport {
                ok: difference.is_none(),
                events,
                first_bad_seq: None,
                problem: difference.as_ref().map(Difference::describe),
                difference,
                complaints_checked: found.complaints,
                accounts_checked: found.accounts,
                credit_cases_checked: found.credit_cases,
            })
        })
    }

    /// Rebuilds every read model that differs from the history, from the history (never the
    /// other way round), in one transaction recorded by one audit event.
    ///
    /// # Errors
    /// `Rule` `audit_chain_broken` when the history itself was altered: it cannot be the source
    /// of a repair (restore a backup); `Storage`.
    pub fn repair_read_models(&mut self) -> Result<RepairReport> {
        let (recorded_at, actor) = (crate::instant_text(self.now()), self.actor.clone());
        self.store.write(|tx| {
            if let (_, Some(p)) = tx.verify_audit()? {
                return Err(ErrorBody::from(cdesk_domain::DomainError::rule(
                    "audit_chain_broken",
                    format!(
                        "the audit history itself is broken at event {} ({}); it cannot be the source of a repair: restore the file from a backup",
                        p.seq, p.problem
                    ),
                )));
            }
            let found = verify::read_models(tx, verify::Mode::Repair)?;
            let (repaired, unrepairable): (Vec<_>, Vec<_>) = found.differences.into_iter().partition(|d| d.repairable);
            let audit_seq = if repaired.is_empty() {
                None
            } else {
                let payload = serde_json::json!({ "repaired": repaired, "unrepairable": unrepairable });
                Some(crate::record(tx, &recorded_at, &actor, "audit", "read_models", "read_models_repaired", &payload)?)
            };
            Ok(RepairReport { repaired, unrepairable, audit_seq })
        })
    }
}

/// The first stored submission whose files (or report) differ from what its `submitted` event
/// recorded: the event is in the chain, so a file edited in the database is found here.
pub(crate) fn submission_problem(tx: &cdesk_store::Tx<'_>) -> Result<Option<(i64, String)>> {
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
