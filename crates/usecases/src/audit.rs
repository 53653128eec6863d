//! Verifying the file (the audit chain, the read models, the submitted files) and repairing
//! read models from the history.

use serde::Serialize;
use ts_rs::TS;

use crate::verify::{self, Difference};
use crate::anchor::{self, AnchorStatus, Checkpoint};
use crate::progress::{self, ProgressStep};
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
    /// How the file stands against its anchor journal (none for a database in memory).
    pub anchor: Option<AnchorStatus>,
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
        self.verify_audit_against(None)
    }

    /// Only the chain part of [`Desk::verify_audit`]: every event's link and hash recomputed,
    /// the head record matched. Returns the number of events and the first problem.
    ///
    /// # Errors
    /// `Storage` when the database cannot be read.
    pub fn verify_chain(&mut self) -> Result<(i64, Option<String>)> {
        self.store.read(|tx| {
            let (events, problem) = tx.verify_audit()?;
            Ok((events, problem.map(|p| format!("event {}: {}", p.seq, p.problem))))
        })
    }

    /// [`Desk::verify_audit`], and the file against a signed checkpoint a third party kept.
    ///
    /// # Errors
    /// `InvalidInput` naming `checkpoint` when it is not a checkpoint; `Storage`.
    pub fn verify_audit_against(&mut self, checkpoint: Option<&Checkpoint>) -> Result<AuditReport> {
        // Another program committing while this one reads may confirm in the journal a head this
        // snapshot does not have yet: such a finding is checked again on a fresh snapshot.
        let mut report = self.verify_once(checkpoint)?;
        for _ in 0..3 {
            if report.ok || report.first_bad_seq.is_none() || report.anchor.is_none() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
            report = self.verify_once(checkpoint)?;
        }
        Ok(report)
    }

    fn verify_once(&mut self, checkpoint: Option<&Checkpoint>) -> Result<AuditReport> {
        let anchoring = self.anchoring.clone();
        self.store.read(|tx| {
            let broken = |events, seq, problem, anchor| AuditReport {
                ok: false,
                events,
                first_bad_seq: Some(seq),
                problem: Some(problem),
                difference: None,
                complaints_checked: 0,
                accounts_checked: 0,
                credit_cases_checked: 0,
                anchor,
            };
            progress::begin(ProgressStep::CheckingFile, None)?;
            if let Some(problem) = tx.integrity_problem()? {
                return Ok(AuditReport {
                    ok: false,
                    events: 0,
                    first_bad_seq: None,
                    problem: Some(format!("the file is damaged (SQLite's integrity check: {problem}); restore it from a backup")),
                    difference: None,
                    complaints_checked: 0,
                    accounts_checked: 0,
                    credit_cases_checked: 0,
                    anchor: None,
                });
            }
            progress::begin(ProgressStep::CheckingChain, tx.chain_head()?.map(|h| h.seq.max(0) as u64))?;
            let (events, problem) = tx.verify_audit_counted(&mut |n| {
                // A cancel interrupts the walk's statement; the count only moves the bar.
                let _ = progress::count(n);
            })?;
            progress::stop_if_cancelled()?;
            if let Some(p) = problem {
                return Ok(broken(events, p.seq, p.problem, None));
            }
            let anchor = match &anchoring {
                Some(a) => {
                    let (status, problem) = a.check(tx, events)?;
                    if let Some((seq, problem)) = problem {
                        return Ok(broken(events, seq, problem, Some(status)));
                    }
                    Some(status)
                }
                None => None,
            };
            if let Some(c) = checkpoint {
                if let Some((seq, problem)) = anchor::check_checkpoint(tx, c, events)? {
                    return Ok(broken(events, seq, problem, anchor));
                }
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
                anchor,
            })
        })
    }

    /// A signed checkpoint of the history's head (seq, hash, count, time) for a third party to
    /// keep; `cdesk audit verify --checkpoint` checks a file against it later.
    ///
    /// # Errors
    /// `Rule` `audit_chain_broken` when the history does not verify (nothing broken is
    /// certified); `InvalidInput` for a database in memory; `Storage`.
    pub fn checkpoint(&mut self) -> Result<Checkpoint> {
        let report = self.verify_audit()?;
        if !report.ok {
            return Err(ErrorBody::from(cdesk_domain::DomainError::rule(
                "audit_chain_broken",
                format!("the file does not verify ({}); no checkpoint is signed for it", report.problem.unwrap_or_default()),
            )));
        }
        let Some(anchoring) = self.anchoring.clone() else {
            return Err(ErrorBody::invalid("db", "a database in memory has no history key"));
        };
        let now = self.now();
        self.store.read(|tx| anchoring.checkpoint(tx, report.events, now))
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
            // The register was rebuilt from the history: sealed again, unless part of it could not be.
            if !unrepairable.iter().any(|d| d.table == "complaints") {
                if let Some(changes) = tx.register_changes()? {
                    tx.seal_register(changes)?;
                }
            }
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
