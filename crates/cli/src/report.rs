//! `cdesk report ...`: the monthly complaint report for Stripe: export, submit, status.

use std::path::PathBuf;

use cdesk_usecases::*;
use clap::Subcommand;

use crate::output::{json, out, Failure};

#[derive(Subcommand)]
pub(crate) enum ReportCmd {
    /// Write a month's report to a file.
    Monthly {
        /// The month, YYYY-MM, in the program's time zone.
        #[arg(long)]
        month: String,
        #[arg(long, value_name = "csv|xlsx|pdf")]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Mark a month as submitted to Stripe, keeping the exact files sent.
    Submit {
        #[arg(long)]
        month: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Show the program's name on reports, or set it.
    ProgramName { name: Option<String> },
    /// Whether a month was submitted, and what changed since.
    Status {
        #[arg(long)]
        month: String,
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn report(mut desk: Desk, cmd: ReportCmd) -> Result<(), Failure> {
    match cmd {
        ReportCmd::Monthly { month, format, out: path } => {
            let format: ReportFormat = format.parse()?;
            let size = desk.export_report_to(ExportReportInput { month, format }, &path)?;
            out(&format!("wrote {} ({size} bytes)", path.display()))?;
        }
        ReportCmd::Submit { month, note } => {
            let s = desk.submit_report(SubmitReportInput { month, note })?;
            out(&format!(
                "{} submitted at {} by {}: {} complaints; CSV sha256 {}; XLSX sha256 {}; PDF sha256 {}",
                s.month,
                s.submitted_at,
                s.submitted_by,
                s.rows,
                s.csv_sha256,
                s.xlsx_sha256,
                s.pdf_sha256.as_deref().unwrap_or("-")
            ))?;
        }
        ReportCmd::ProgramName { name } => {
            let s = match name {
                Some(name) => desk.set_program_name(SetProgramNameInput { name })?,
                None => desk.settings()?,
            };
            out(&s.program_name)?;
        }
        ReportCmd::Status { month, json: as_json } => {
            let st = desk.report_status(ReportInput { month })?;
            if as_json {
                json(&st)?;
            } else {
                match &st.submitted_at {
                    None => out(&format!("{}: not submitted", st.month))?,
                    Some(at) if st.changed_since_submission => {
                        let d = &st.differences;
                        out(&format!(
                            "{}: submitted {at}; CHANGED since: {} added, {} removed, {} changed",
                            st.month,
                            d.added.len(),
                            d.removed.len(),
                            d.changed.len()
                        ))?;
                        for id in &d.added {
                            out(&format!("  + {id}"))?;
                        }
                        for id in &d.removed {
                            out(&format!("  - {id}"))?;
                        }
                        for c in &d.changed {
                            for f in &c.changes {
                                out(&format!("  ~ {} {}: {:?} -> {:?}", c.id, f.field, f.before, f.after))?;
                            }
                        }
                    }
                    Some(at) => out(&format!("{}: submitted {at}; unchanged since", st.month))?,
                }
            }
        }
    }
    Ok(())
}
