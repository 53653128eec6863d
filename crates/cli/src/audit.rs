//! `cdesk audit ...`: verify the file against its history (and a checkpoint), repair the read models from it, sign a checkpoint.

use std::path::PathBuf;
use std::process::ExitCode;

use cdesk_usecases::*;
use clap::Subcommand;

use crate::output::{out, printable, Failure};

#[derive(Subcommand)]
pub(crate) enum AuditCmd {
    /// Walk the hash chain, check it against the anchor journal (and a checkpoint, when given),
    /// rebuild every read model from the history and compare it with the file, re-hash the
    /// submitted files: exit 0 when all agree, 1 naming the first difference.
    Verify {
        /// A signed checkpoint made by `cdesk audit checkpoint` that the file must still hold.
        #[arg(long, value_name = "FILE")]
        checkpoint: Option<PathBuf>,
    },
    /// Write a signed checkpoint of the history's head (seq, hash, count, time) for a third
    /// party to keep.
    Checkpoint {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Rebuild the read models that differ from the history, from the history (recorded as one
    /// audit event). Exit 0 when everything is mended, 1 when something only a backup has is
    /// missing or changed.
    Repair,
}

/// Runs an audit command: exit 0 when the file verifies (or was repaired), 1 when it does not.
pub(crate) fn run(db: &Option<PathBuf>, cmd: AuditCmd) -> Result<ExitCode, Failure> {
    match cmd {
        AuditCmd::Checkpoint { out: path } => {
            let mut desk = crate::open_existing(db)?;
            let c = desk.checkpoint()?;
            let text = serde_json::to_string_pretty(&c).map_err(|e| Failure::Failed(e.to_string()))? + "\n";
            desk.write_export(&path, text.as_bytes())?;
            out(&format!(
                "checkpoint of event {} ({} events) written to {}; signed by key {}",
                c.seq,
                c.count,
                path.display(),
                c.key_fingerprint
            ))?;
        }
        AuditCmd::Verify { checkpoint } => {
            let checkpoint = match checkpoint {
                Some(p) => {
                    let text = std::fs::read_to_string(&p)
                        .map_err(|e| Failure::from(ErrorBody::invalid("checkpoint", format!("cannot read {}: {e}", p.display()))))?;
                    let c: cdesk_usecases::Checkpoint = serde_json::from_str(&text).map_err(|_| {
                        Failure::from(ErrorBody::invalid("checkpoint", format!("{} is not a Compliance Desk checkpoint", p.display())))
                    })?;
                    Some(c)
                }
                None => None,
            };
            let report = crate::open_existing(db)?.verify_audit_against(checkpoint.as_ref())?;
            if report.ok {
                out(&format!("ok: {} events", report.events))?;
            } else if let Some(seq) = report.first_bad_seq {
                eprintln!("{}", printable(&format!("audit chain broken at event {seq}: {}", report.problem.unwrap_or_default())));
                return Ok(ExitCode::from(1));
            } else if let Some(d) = report.difference {
                eprintln!("{}", printable(&format!("the file differs from its audit history: {}", d.describe())));
                eprintln!("run `cdesk audit repair` to rebuild it from the history");
                return Ok(ExitCode::from(1));
            } else {
                eprintln!("{}", printable(&report.problem.unwrap_or_default()));
                return Ok(ExitCode::from(1));
            }
        }
        AuditCmd::Repair => {
            let r = crate::open_existing(db)?.repair_read_models()?;
            for d in &r.repaired {
                out(&format!("repaired {}", d.describe()))?;
            }
            for d in &r.unrepairable {
                eprintln!("{}", printable(&format!("cannot repair from the history: {}", d.describe())));
            }
            if r.repaired.is_empty() && r.unrepairable.is_empty() {
                out("nothing to repair: every read model matches the history")?;
            } else if let Some(seq) = r.audit_seq {
                out(&format!("{} rows rebuilt from the history (recorded as event {seq})", r.repaired.len()))?;
            }
            if !r.unrepairable.is_empty() {
                eprintln!("restore the file from a backup to recover what the history cannot rebuild");
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
