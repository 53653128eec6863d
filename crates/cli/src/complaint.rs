//! `cdesk complaint ...`: log and work complaints, list the register, show one.

use std::io::Write;

use cdesk_domain::timers::TimerState;
use cdesk_usecases::*;
use clap::{Args, Subcommand};

use crate::output::{json, out, printable, Failure};

#[derive(Args)]
pub(crate) struct AtArg {
    /// When it happened (RFC 3339, e.g. 2026-11-20T14:30:00-05:00).
    #[arg(long)]
    at: String,
}

#[derive(Subcommand)]
pub(crate) enum ComplaintCmd {
    /// Log a new complaint.
    Add(AddArgs),
    /// Show one complaint.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// List complaints in the register's order (next deadline first), streamed.
    List {
        #[arg(long, default_value = "open", value_parser = ["open", "overdue", "due_today", "due_soon", "on_hold", "resolved", "all"])]
        status: String,
        /// The same as --format json.
        #[arg(long)]
        json: bool,
        /// json (one array), jsonl (one object per line) or table (the default).
        #[arg(long, value_parser = ["json", "jsonl", "table"])]
        format: Option<String>,
        /// At most this many rows; the cursor to continue from goes to stderr.
        #[arg(long)]
        limit: Option<u64>,
        /// Continue after the row this cursor names (each JSON row has its `cursor`).
        #[arg(long)]
        after: Option<String>,
        /// Only the complaints assigned to you (the signed-in officer, or CDESK_ACTOR).
        #[arg(long)]
        mine: bool,
    },
    /// Assign a complaint to an officer.
    Assign {
        id: String,
        /// The officer's name.
        #[arg(long)]
        to: String,
    },
    /// Four eyes: approve the reclassification another officer asked for (it takes effect now,
    /// or at --at). On a single-user desk the approval is recorded under CDESK_ACTOR or --as.
    ApproveReclassification {
        id: String,
        /// When it was approved (RFC 3339); now when left out.
        #[arg(long)]
        at: Option<String>,
        /// The approving officer's name, on a single-user desk.
        #[arg(long = "as", value_name = "NAME")]
        approver: Option<String>,
    },
    /// Record that the complaint was acknowledged to the customer.
    Acknowledge {
        id: String,
        #[command(flatten)]
        at: AtArg,
        #[arg(long)]
        how: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Record that Stripe was notified.
    NotifyStripe {
        id: String,
        #[command(flatten)]
        at: AtArg,
        #[arg(long)]
        reference: Option<String>,
        #[arg(long)]
        how: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Record that Stripe completed its review (lifts the contact hold).
    StripeReviewed {
        id: String,
        #[command(flatten)]
        at: AtArg,
        #[arg(long)]
        note: Option<String>,
        /// The resolution date Stripe set with its review (YYYY-MM-DD); it replaces the program's
        /// resolve clock for this complaint.
        #[arg(long, value_name = "DATE")]
        resolve_by: Option<String>,
    },
    /// Record contact with the customer (refused while the contact hold is on).
    Contact {
        id: String,
        #[command(flatten)]
        at: AtArg,
        #[arg(long)]
        note: String,
        #[arg(long)]
        how: Option<String>,
    },
    /// Change the kind (and grounds) of a complaint.
    Reclassify {
        id: String,
        #[arg(long)]
        kind: String,
        #[arg(long)]
        grounds: Option<String>,
        #[command(flatten)]
        at: AtArg,
        #[arg(long)]
        reason: String,
    },
    /// Resolve a complaint.
    Resolve {
        id: String,
        #[command(flatten)]
        at: AtArg,
        #[arg(long)]
        summary: String,
        /// upheld, partially_upheld, not_upheld or withdrawn.
        #[arg(long)]
        outcome: Option<String>,
        /// Amount in minor units (cents) and currency, e.g. --compensation 2500 USD.
        #[arg(long, num_args = 2, value_names = ["AMOUNT", "CURRENCY"])]
        compensation: Option<Vec<String>>,
        /// Why it arose, e.g. system_error (the taxonomy's root causes); with --remediation.
        #[arg(long)]
        root_cause: Option<String>,
        /// What the program changed beyond this customer, e.g. process_changed; with --root-cause.
        #[arg(long)]
        remediation: Option<String>,
        #[arg(long)]
        remediation_note: Option<String>,
    },
    /// Reopen a resolved complaint.
    Reopen {
        id: String,
        #[command(flatten)]
        at: AtArg,
        #[arg(long)]
        reason: String,
    },
    /// Add a note to a complaint's history.
    Note {
        id: String,
        #[command(flatten)]
        at: AtArg,
        #[arg(long)]
        note: String,
    },
    /// Void an entry recorded in error (it stays in the history, struck through).
    Void {
        id: String,
        /// The entry's number in the history (`#N` in `complaint show`).
        #[arg(long)]
        seq: i64,
        #[arg(long)]
        reason: String,
    },
    /// Track a support fact that starts a playbook timer: card_shipped (--shipping),
    /// authorization_created (--merchant-category) or ach_debit_received.
    Track {
        id: String,
        #[arg(long, value_name = "card_shipped|authorization_created|ach_debit_received")]
        event: String,
        #[command(flatten)]
        at: AtArg,
        #[arg(long, value_name = "standard|express|priority")]
        shipping: Option<String>,
        #[arg(long, value_name = "hotel|airline|car_rental|other")]
        merchant_category: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Mark an entry as not a complaint (the platform's own employee): no clocks, counts or report.
    NotAComplaint {
        id: String,
        #[arg(long)]
        reason: String,
        /// When it was decided (RFC 3339); now when left out.
        #[arg(long)]
        at: Option<String>,
    },
}

#[derive(Args)]
pub(crate) struct AddArgs {
    /// When it was received (RFC 3339 with offset).
    #[arg(long)]
    received: String,
    #[arg(long, value_name = "operational|executive")]
    kind: String,
    /// phone, email, letter, in_person, social_media, web_form or regulator.
    #[arg(long)]
    channel: String,
    #[arg(long)]
    summary: String,
    /// Comma-separated: regulator, litigation, udap, discrimination, consumer_harm, legal.
    #[arg(long)]
    grounds: Option<String>,
    #[arg(long, value_name = "issuing|treasury")]
    product: Option<String>,
    #[arg(long)]
    topic: Option<String>,
    #[arg(long)]
    issue_type: Option<String>,
    #[arg(long)]
    description: Option<String>,
    #[arg(long)]
    complainant_name: Option<String>,
    #[arg(long)]
    complainant_email: Option<String>,
    /// Connected account, acct_...
    #[arg(long)]
    account: Option<String>,
    /// Cardholder, ich_...
    #[arg(long)]
    cardholder: Option<String>,
    /// The regulator or agency that sent it (with --channel regulator), e.g. "CFPB".
    #[arg(long)]
    regulator_name: Option<String>,
    /// The regulator's reference for the complaint.
    #[arg(long)]
    regulator_reference: Option<String>,
    #[arg(long)]
    json: bool,
}

/// A register row as `complaint list --format json|jsonl` prints it: the row and its cursor.
#[derive(serde::Serialize)]
pub(crate) struct ListedRow<'a> {
    #[serde(flatten)]
    row: &'a ComplaintRow,
    cursor: &'a str,
}

/// Streams the register to stdout: memory stays that of one page whatever the count.
pub(crate) fn list_complaints(desk: &mut Desk, input: ListComplaintsInput, format: &str, limit: Option<u64>, after: Option<&str>) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let failed = |e: std::io::Error| cdesk_usecases::ErrorBody::internal(format!("cannot write output: {e}"));
    let mut first = true;
    if format == "json" {
        w.write_all(b"[").map_err(|e| Failure::from(failed(e)))?;
    }
    let more = desk.stream_complaints(input, after, limit, |r, cursor| {
        match format {
            "json" | "jsonl" => {
                if format == "json" {
                    w.write_all(if first { b"\n" } else { b",\n" }).map_err(failed)?;
                }
                serde_json::to_writer(&mut w, &ListedRow { row: r, cursor }).map_err(|e| cdesk_usecases::ErrorBody::internal(e.to_string()))?;
                if format == "jsonl" {
                    w.write_all(b"\n").map_err(failed)?;
                }
            }
            _ => {
                let next = r
                    .next_deadline
                    .as_ref()
                    .map(|n| format!("{} by {} ({} business days left)", n.clock, n.due, n.business_days_left))
                    .unwrap_or_else(|| "-".into());
                let mut line = format!("{}  {}  {:<11}  {:<8}  {}  {}", r.id, r.received_date, r.kind, r.status, next, r.summary);
                if let Some(a) = &r.assignee {
                    line.push_str(&format!("  [{a}]"));
                }
                writeln!(w, "{}", printable(&line)).map_err(failed)?;
            }
        }
        first = false;
        Ok(())
    })?;
    if format == "json" {
        w.write_all(if first { b"]\n" } else { b"\n]\n" }).map_err(|e| Failure::from(failed(e)))?;
    }
    w.flush().map_err(|e| Failure::from(failed(e)))?;
    if let Some(cursor) = more {
        eprintln!("more rows may follow: continue with --after {cursor}");
    }
    Ok(())
}

pub(crate) fn step(desk: &mut Desk, id: String, at: AtArg, step: ComplaintStep) -> Result<(), Failure> {
    let d = desk.record_step(RecordStepInput { seen: None, complaint_id: id, at: at.at, step })?;
    let last = d.timeline.last().map(|t| t.description.clone()).unwrap_or_default();
    out(&format!("{}: {last}", d.id))
}

pub(crate) fn complaint(mut desk: Desk, cmd: ComplaintCmd) -> Result<(), Failure> {
    match cmd {
        ComplaintCmd::Add(a) => {
            let d = desk.log_complaint(LogComplaintInput {
                received_at: a.received,
                kind: a.kind,
                grounds: a.grounds.into_iter().collect(),
                channel: a.channel,
                product: a.product,
                topic: a.topic,
                issue_type: a.issue_type,
                summary: a.summary,
                description: a.description,
                complainant_name: a.complainant_name.unwrap_or_else(|| "Not given".into()),
                complainant_email: a.complainant_email,
                account: a.account,
                cardholder: a.cardholder,
                regulator_name: a.regulator_name,
                regulator_reference: a.regulator_reference,
            })?;
            if a.json {
                json(&d)?
            } else {
                out(&headline(&d))?
            }
        }
        ComplaintCmd::Show { id, json: as_json } => {
            let d = desk.complaint(&id)?;
            if as_json {
                json(&d)?
            } else {
                show(&d)?
            }
        }
        ComplaintCmd::List { status, json: as_json, format, limit, after, mine } => {
            let format = format.unwrap_or_else(|| if as_json { "json".into() } else { "table".into() });
            let input = ListComplaintsInput { status, mine, ..Default::default() };
            list_complaints(&mut desk, input, &format, limit, after.as_deref())?
        }
        ComplaintCmd::Assign { id, to } => {
            let d = desk.assign_complaint(AssignComplaintInput { seen: None, complaint_id: id, to })?;
            out(&format!("{}: assigned to {}", d.id, d.complaint.assignee.as_deref().unwrap_or_default()))?
        }
        ComplaintCmd::ApproveReclassification { id, at, approver } => {
            let d = desk.approve_reclassification(ApproveReclassificationInput { seen: None, complaint_id: id, at, approver })?;
            out(&format!("{}: reclassification approved; now {}", d.id, d.kind))?
        }
        ComplaintCmd::Acknowledge { id, at, how, note } => step(&mut desk, id, at, ComplaintStep::Acknowledge { how, note })?,
        ComplaintCmd::NotifyStripe { id, at, reference, how, note } => {
            step(&mut desk, id, at, ComplaintStep::NotifyStripe { how, reference, note })?
        }
        ComplaintCmd::StripeReviewed { id, at, note, resolve_by } => {
            step(&mut desk, id, at, ComplaintStep::StripeReviewCompleted { note, resolve_by })?
        }
        ComplaintCmd::Contact { id, at, note, how } => step(&mut desk, id, at, ComplaintStep::ContactCustomer { how, note })?,
        ComplaintCmd::Reclassify { id, kind, grounds, at, reason } => {
            step(&mut desk, id, at, ComplaintStep::Reclassify { kind, grounds: grounds.into_iter().collect(), reason })?
        }
        ComplaintCmd::Resolve { id, at, summary, outcome, compensation, root_cause, remediation, remediation_note } => {
            let compensation = match compensation.as_deref() {
                None => None,
                Some([amount, currency]) => Some(MoneyInput {
                    amount_minor: amount.trim().parse().map_err(|_| {
                        Failure::Refused(format!("compensation: {amount:?} is not a whole number of minor units (e.g. 2500 for 25.00)"))
                    })?,
                    currency: currency.clone(),
                }),
                Some(_) => return Err(Failure::Refused("compensation: give AMOUNT and CURRENCY".into())),
            };
            step(&mut desk, id, at, ComplaintStep::Resolve { summary, outcome, compensation, root_cause, remediation, remediation_note })?
        }
        ComplaintCmd::Reopen { id, at, reason } => step(&mut desk, id, at, ComplaintStep::Reopen { reason })?,
        ComplaintCmd::Note { id, at, note } => step(&mut desk, id, at, ComplaintStep::AddNote { note })?,
        ComplaintCmd::Track { id, event, at, shipping, merchant_category, note } => {
            let d = desk.track(TrackInput { seen: None, complaint_id: id, event, at: at.at, shipping, merchant_category, note })?;
            let last = d.timeline.last().map(|t| t.description.clone()).unwrap_or_default();
            out(&format!("{}: {last}", d.id))?;
            for t in &d.timers {
                out(&format!("  {} due {} ({})", t.kind.code(), t.due, t.label))?;
            }
        }
        ComplaintCmd::Void { id, seq, reason } => {
            let d = desk.void_complaint_entry(VoidEntryInput { seen: None, complaint_id: id, seq, reason })?;
            out(&format!("{}: entry {seq} voided", d.id))?
        }
        ComplaintCmd::NotAComplaint { id, reason, at } => {
            let d = desk.mark_not_a_complaint(NotAComplaintInput { seen: None, complaint_id: id, reason, at })?;
            out(&format!("{}: marked not a complaint", d.id))?
        }
    }
    Ok(())
}

pub(crate) fn headline(d: &ComplaintDetail) -> String {
    let dl = &d.deadlines;
    let mut parts = vec![format!("{} {} complaint logged", d.id, d.kind)];
    if let Some(x) = &dl.acknowledge_by {
        parts.push(format!("acknowledge by {x}"));
    }
    if let Some(x) = &dl.resolve_by {
        parts.push(format!("resolve by {x}"));
    }
    if let Some(x) = &dl.notify_stripe_by {
        parts.push(format!("notify Stripe by {x}"));
    }
    if d.contact_hold {
        parts.push("contact hold until Stripe's review".into());
    }
    parts.join("; ")
}

pub(crate) fn show(d: &ComplaintDetail) -> Result<(), Failure> {
    let c = &d.complaint;
    out(&format!("{}  {}  {}{}", d.id, d.kind, d.status, if d.overdue { "  OVERDUE" } else { "" }))?;
    out(&format!("received   {} (submission date {} in {})", d.received_local, d.received_date, d.timezone))?;
    out(&format!("complainant {}", c.intake.complainant.name))?;
    out(&format!("summary    {}", c.intake.summary))?;
    if d.contact_hold {
        out("CONTACT HOLD: no contact with the customer until Stripe's review is recorded")?;
    }
    for s in &d.clocks {
        let state = if s.overdue { "pending, OVERDUE".to_owned() } else { s.state.to_string() };
        out(&format!("{:<14} due {}  {}  {}", s.clock.label(), s.due, state, s.explanation_text))?;
    }
    for t in &d.timers {
        let state = match t.state {
            TimerState::Running => "running",
            TimerState::DueToday => "DUE TODAY",
            TimerState::Passed => "passed",
        };
        out(&format!("{:<14} due {}  {}  {}", t.kind.code(), t.due, state, t.explanation_text))?;
    }
    out("history (#N: entry, recorded at, by; happened at)")?;
    for t in &d.timeline {
        let mut line = format!("  #{} {} {}: {}", t.seq, t.recorded_at, t.actor, t.description);
        if let Some(at) = t.occurred_at.as_ref().filter(|at| **at != t.recorded_at) {
            line.push_str(&format!(" (happened {at})"));
        }
        if t.marks.entered_late {
            line.push_str(" [entered late]");
        }
        if let (true, Some(by)) = (t.marks.voided, t.marks.voided_by) {
            line.push_str(&format!(" [VOIDED by #{by}: {}]", t.marks.void_reason.as_deref().unwrap_or("")));
        }
        out(&line)?;
    }
    Ok(())
}
