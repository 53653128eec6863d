//! `cdesk credit ...`: credit terms and adverse actions: the decision, the notice, the steps of a closure, term changes.

use std::path::PathBuf;

use cdesk_usecases::*;
use clap::{Args, Subcommand};

use crate::output::{json, out, Failure};

#[derive(Args)]
pub(crate) struct DecisionArgs {
    /// When the underwriting decision was made (RFC 3339).
    #[arg(long)]
    decided_at: String,
    /// A reason code from the bank-approved list; repeat for up to 4, most important first.
    #[arg(long = "reason", value_name = "CODE")]
    reasons: Vec<String>,
    /// Required when a reason is `other`.
    #[arg(long)]
    other_explanation: Option<String>,
    /// An underwriting exception: why the usual criteria were not followed.
    #[arg(long)]
    exception_explanation: Option<String>,
    /// The decision type the usual criteria would have given.
    #[arg(long)]
    exception_original_decision_type: Option<String>,
    #[arg(long)]
    json: bool,
}

impl DecisionArgs {
    fn into_input(self, account: String) -> CloseCreditLineInput {
        CloseCreditLineInput {
            account,
            decided_at: self.decided_at,
            reasons: self.reasons,
            other_explanation: self.other_explanation,
            exception_explanation: self.exception_explanation,
            exception_original_decision_type: self.exception_original_decision_type,
        }
    }
}

#[derive(Subcommand)]
pub(crate) enum CreditCmd {
    /// Close an account's credit line: record the underwriting decision (credit_line_closed).
    Close {
        account: String,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Lower an account's limit: record the underwriting decision (credit_limit_decreased).
    Decrease {
        account: String,
        /// The new limit in minor units.
        #[arg(long)]
        amount: i64,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Write a case's adverse-action notice.
    Notice {
        case: String,
        #[arg(long, value_name = "pdf|text")]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// en, de or ja (default: the credit program's notice language).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Record that the adverse-action notice was sent.
    NoticeSent {
        case: String,
        #[arg(long)]
        at: String,
        #[arg(long, value_name = "email|mail")]
        channel: String,
        /// The language of the notice sent (en, de, ja); by default the language the notice was
        /// last written in for this case (`cdesk credit notice --out`), else the program's.
        #[arg(long)]
        lang: Option<String>,
    },
    /// Void an entry of a case recorded in error (it stays in the history, struck through).
    Void {
        case: String,
        /// The entry's number in the case's history.
        #[arg(long)]
        seq: i64,
        #[arg(long)]
        reason: String,
    },
    /// Four eyes: approve a case's decision as the second officer (it takes effect then). On a
    /// single-user desk the approval is recorded under CDESK_ACTOR or --as.
    Approve {
        case: String,
        /// When it was approved (RFC 3339); now when left out.
        #[arg(long)]
        at: Option<String>,
        /// The approving officer's name, on a single-user desk.
        #[arg(long = "as", value_name = "NAME")]
        approver: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Assign a case to an officer.
    Assign {
        case: String,
        /// The officer's name.
        #[arg(long)]
        to: String,
    },
    /// Set the credit policy inactive (refused while the Issuing balance is negative).
    Deactivate {
        case: String,
        #[arg(long)]
        at: String,
    },
    /// Revoke the card_issuing_charge_card capability.
    RevokeCapability {
        case: String,
        #[arg(long)]
        at: String,
        #[arg(long, value_name = "criteria_not_met|terms_violated")]
        reason: String,
    },
    /// Set the decreased limit of a limit-decrease case.
    ApplyLimit {
        case: String,
        #[arg(long)]
        at: String,
    },
    /// Record the id of the Stripe object a step produced.
    StripeObject {
        case: String,
        /// decision, deactivated, capability_revoked or limit_applied.
        #[arg(long)]
        step: String,
        #[arg(long)]
        id: String,
    },
    /// Set a closed line active again: always refused; a new approved application reopens it.
    Reactivate {
        account: String,
        #[arg(long)]
        at: String,
    },
    /// Record an approved credit application (a limit increase, or a new line that reopens a closed one).
    Application {
        account: String,
        #[arg(long)]
        decided_at: String,
        #[arg(long, value_name = "credit_limit_increase|credit_line_opening")]
        purpose: String,
        /// The approved limit in minor units.
        #[arg(long)]
        amount: i64,
    },
    /// Set the credit limit to exactly the amount an underwriting record approved.
    SetLimit {
        account: String,
        #[arg(long)]
        amount: i64,
        #[arg(long)]
        at: String,
    },
    /// Record Stripe's written approval of a credit period change.
    PeriodApproval {
        account: String,
        #[arg(long)]
        approved_at: String,
        #[arg(long)]
        reference: String,
    },
    /// Schedule a credit period change at 00:00 UTC.
    SchedulePeriod {
        account: String,
        #[arg(long, value_name = "day|month")]
        period: String,
        #[arg(long)]
        period_count: u32,
        #[arg(long)]
        effective_at: String,
        /// When a change-in-terms notice went to the account holder.
        #[arg(long)]
        change_notice_at: Option<String>,
        /// A new days_until_due taking effect with the period (e.g. 0).
        #[arg(long)]
        days_until_due: Option<u32>,
    },
    /// Show a case: steps and their state, notice deadline, wind-down end, Stripe requests.
    Show {
        case: String,
        #[arg(long)]
        json: bool,
    },
    /// List credit cases, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show or change the credit program (creditor, ECOA agency, approved reasons, notice period).
    Program(ProgramArgs),
}

#[derive(Args)]
pub(crate) struct ProgramArgs {
    #[arg(long)]
    creditor_name: Option<String>,
    #[arg(long)]
    creditor_address: Option<String>,
    #[arg(long)]
    creditor_phone: Option<String>,
    #[arg(long)]
    creditor_email: Option<String>,
    #[arg(long)]
    agency_name: Option<String>,
    #[arg(long)]
    agency_address: Option<String>,
    /// Comma-separated reason codes the bank approved.
    #[arg(long)]
    approved_reasons: Option<String>,
    #[arg(long)]
    notice_days: Option<i64>,
    /// en, de or ja.
    #[arg(long)]
    notice_language: Option<String>,
    /// The bank-approved credit periods, comma-separated, e.g. "1 month,14 days" ("" for any).
    #[arg(long)]
    approved_periods: Option<String>,
    #[arg(long)]
    json: bool,
}

pub(crate) fn case_line(v: &CreditCaseView) -> String {
    let next = v
        .next_step
        .as_deref()
        .and_then(|next| v.steps.iter().find(|s| s.step.as_str() == next))
        .map(|s| match &s.blocked_by {
            Some(why) => format!("next: {} (blocked: {why})", s.step.as_str()),
            None => format!("next: {}", s.step.as_str()),
        })
        .unwrap_or_else(|| "no step left to do".into());
    format!(
        "{}  {}  {}  {}  notice due {}{}  {}",
        v.id,
        v.account_id,
        v.decision_type,
        v.status,
        v.notice_due,
        if v.notice_overdue { " OVERDUE" } else { "" },
        next
    )
}

pub(crate) fn show_case(v: &CreditCaseView) -> Result<(), Failure> {
    out(&case_line(v))?;
    out(&format!("reasons    {}", v.reasons_worded.join("; ")))?;
    if let Some(end) = &v.wind_down_ends {
        out(&format!("wind-down  funding obligations may still change until {end}"))?;
    }
    for s in &v.steps {
        let when = s.done_at.map(|d| d.to_rfc3339()).or(s.due.map(|d| format!("due {}", d.to_rfc3339()))).unwrap_or_default();
        out(&format!("  {:<20} {:<8} {when}{}", s.step.as_str(), format!("{:?}", s.state).to_lowercase(), s.blocked_by.as_deref().map(|b| format!("  ({b})")).unwrap_or_default()))?;
    }
    Ok(())
}

pub(crate) fn decision_print(v: &CreditCaseView, as_json: bool) -> Result<(), Failure> {
    if as_json {
        json(v)
    } else {
        out(&case_line(v))
    }
}

pub(crate) fn credit(mut desk: Desk, cmd: CreditCmd) -> Result<(), Failure> {
    let step = |desk: &mut Desk, case: String, step: CreditStep| -> Result<(), Failure> {
        let v = desk.credit_step(CreditStepInput { seen: None, case_id: case, step })?;
        out(&case_line(&v))
    };
    let account_line = |v: AccountView| -> Result<(), Failure> {
        let a = &v.account;
        out(&format!(
            "{}  {}  {:?}  limit {}  period {} x {:?}{}",
            a.id,
            a.legal_name,
            a.policy.status,
            a.policy.limit.display(),
            a.policy.period_count,
            a.policy.period_interval,
            a.upcoming.as_ref().map(|u| format!("  upcoming {} x {:?} at {}", u.period_count, u.period_interval, u.effective_at.to_rfc3339())).unwrap_or_default()
        ))
    };
    match cmd {
        CreditCmd::Close { account, decision: d } => {
            let as_json = d.json;
            decision_print(&desk.close_credit_line(d.into_input(account))?, as_json)?
        }
        CreditCmd::Decrease { account, amount, decision: d } => {
            let as_json = d.json;
            let c = d.into_input(account);
            let v = desk.decrease_credit_limit(DecreaseLimitInput {
                account: c.account,
                decided_at: c.decided_at,
                amount,
                reasons: c.reasons,
                other_explanation: c.other_explanation,
                exception_explanation: c.exception_explanation,
                exception_original_decision_type: c.exception_original_decision_type,
            })?;
            decision_print(&v, as_json)?
        }
        CreditCmd::Notice { case, format, out: path, lang } => {
            let f = desk.credit_notice(CreditNoticeInput { case_id: case.clone(), format, language: lang })?;
            desk.write_export(&path, &f.bytes)?;
            desk.record_notice_written(&case, &f)?;
            if !f.missing.is_empty() {
                eprintln!(
                    "warning: the credit program lacks {}; the notice marks them as not set (cdesk credit program --help)",
                    f.missing.join(", ")
                );
            }
            out(&format!("wrote {} ({} bytes)", path.display(), f.bytes.len()))?
        }
        CreditCmd::NoticeSent { case, at, channel, lang } => step(&mut desk, case, CreditStep::NoticeSent { at, channel, language: lang })?,
        CreditCmd::Void { case, seq, reason } => {
            let v = desk.void_credit_entry(VoidCaseEntryInput { seen: None, case_id: case, seq, reason })?;
            out(&format!("{}: entry {seq} voided", v.id))?
        }
        CreditCmd::Deactivate { case, at } => step(&mut desk, case, CreditStep::Deactivate { at })?,
        CreditCmd::Approve { case, at, approver, json: as_json } => {
            decision_print(&desk.approve_credit_case(ApproveCaseInput { seen: None, case_id: case, at, approver })?, as_json)?
        }
        CreditCmd::Assign { case, to } => {
            let v = desk.assign_credit_case(AssignCaseInput { seen: None, case_id: case, to })?;
            out(&format!("{}: assigned to {}", v.id, v.case.assignee.as_deref().unwrap_or_default()))?
        }
        CreditCmd::RevokeCapability { case, at, reason } => step(&mut desk, case, CreditStep::RevokeCapability { at, reason })?,
        CreditCmd::ApplyLimit { case, at } => step(&mut desk, case, CreditStep::ApplyLimit { at })?,
        CreditCmd::StripeObject { case, step: s, id } => {
            step(&mut desk, case, CreditStep::RecordStripeObject { step: s, object_id: id })?
        }
        CreditCmd::Reactivate { account, at } => desk.reactivate_credit_line(ReactivateInput { account, at })?,
        CreditCmd::Application { account, decided_at, purpose, amount } => {
            account_line(desk.record_application(ApplicationInput { account, decided_at, purpose, amount })?)?
        }
        CreditCmd::SetLimit { account, amount, at } => account_line(desk.set_credit_limit(SetLimitInput { account, amount, at })?)?,
        CreditCmd::PeriodApproval { account, approved_at, reference } => {
            account_line(desk.record_period_approval(PeriodApprovalInput { account, approved_at, reference })?)?
        }
        CreditCmd::SchedulePeriod { account, period, period_count, effective_at, change_notice_at, days_until_due } => account_line(
            desk.schedule_period_change(SchedulePeriodInput {
                account,
                period,
                period_count,
                effective_at,
                change_in_terms_notice_at: change_notice_at,
                days_until_due,
            })?,
        )?,
        CreditCmd::Show { case, json: as_json } => {
            let v = desk.credit_case(&case)?;
            if as_json {
                json(&v)?
            } else {
                show_case(&v)?
            }
        }
        CreditCmd::List { json: as_json } => {
            let rows = desk.credit_cases()?;
            if as_json {
                json(&rows)?
            } else {
                for r in rows {
                    out(&format!(
                        "{}  {}  {}  {}  notice due {}{}  next {}{}",
                        r.id,
                        r.account_id,
                        r.decision_type,
                        r.status,
                        r.notice_due,
                        if r.notice_overdue { " OVERDUE" } else { "" },
                        r.next_step.as_deref().unwrap_or("-"),
                        r.assignee.as_deref().map(|a| format!("  [{a}]")).unwrap_or_default()
                    ))?;
                }
            }
        }
        CreditCmd::Program(p) => {
            let view = desk.patch_credit_program(CreditProgramPatch {
                creditor_name: p.creditor_name,
                creditor_address: p.creditor_address,
                creditor_phone: p.creditor_phone,
                creditor_email: p.creditor_email,
                agency_name: p.agency_name,
                agency_address: p.agency_address,
                approved_reasons: p.approved_reasons,
                notice_days: p.notice_days,
                notice_language: p.notice_language,
                approved_periods: p.approved_periods,
            })?;
            if p.json {
                json(&view)?
            } else {
                let g = &view.program;
                out(&format!("creditor   {} / {} / {}", g.creditor_name, g.creditor_address.replace('\n', ", "), g.creditor_phone))?;
                out(&format!("agency     {} / {}", g.agency_name, g.agency_address.replace('\n', ", ")))?;
                out(&format!("notice     within {} days, in {}", g.notice_days, g.notice_language.code()))?;
                out(&format!("approved   {} of {} reason codes", g.approved_reasons.len(), view.reasons.len()))?;
                let periods: Vec<String> = g.approved_periods.iter().map(ToString::to_string).collect();
                out(&format!("periods    {}", if periods.is_empty() { "any (no bank-approved list set)".to_owned() } else { periods.join(", ") }))?;
                if !view.missing_for_notice.is_empty() {
                    out(&format!("missing    {}", view.missing_for_notice.join(", ")))?;
                }
            }
        }
    }
    Ok(())
}
