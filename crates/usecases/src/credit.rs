//! Credit terms and adverse actions: the credit program (creditor, agency, approved reasons and
//! their wording), closing a credit line and lowering a limit as cases with ordered steps,
//! approved applications, limit and period changes, and the adverse-action notice.
//! Every change is one transaction with one audit event.

use std::collections::BTreeMap;

use cdesk_domain::account::{ApplicationPurpose, ConnectedAccount, PeriodChange, PeriodInterval};
use cdesk_domain::complaint::parse_instant;
use cdesk_domain::credit::actions::{self, Decision};
use cdesk_domain::credit::history::{self as case_history, CaseEvent};
use cdesk_domain::credit::{AdverseReasons, CaseClock, CaseKind, CaseStep, CreditCase, NoticeChannel, RevocationReason, StepStatus, UnderwritingException};
use cdesk_domain::credit_program::CreditProgram;
use cdesk_domain::stripe::StripeRequest;
use cdesk_domain::wording::{Language, ReasonPhrases, ReasonWording};
use cdesk_store::Tx;
use chrono::{DateTime, Datelike, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ledger::{
    account_view, apply_due_changes, case_rows, case_state, load_account, load_case, record_account_change, save_case,
    step_note, AccountHistoryEntry, StoredCase, ACCOUNT, CASE,
};
use crate::{instant_text, load_rules, record, AccountView, CreditCaseRow, Desk, ErrorBody, Result, StepRequest};

pub(crate) const SETTING_CREDIT_PROGRAM: &str = "credit_program";

// ---------------------------------------------------------------- program

/// A reason code with whether the bank approved it and its wording in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReasonRow {
    pub code: String,
    pub approved: bool,
    pub wording: ReasonPhrases,
    /// The wording shipped with the app (what "Standard" puts back).
    pub shipped: ReasonPhrases,
    /// Whether the program replaced the shipped wording.
    pub customised: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct CreditProgramView {
    pub program: CreditProgram,
    /// Every Stripe reason code, in Stripe's order.
    pub reasons: Vec<ReasonRow>,
    /// Fields a notice still needs (empty when notices can be written).
    pub missing_for_notice: Vec<String>,
    /// How many principal reasons a decision may give at most.
    pub max_reasons: u32,
    /// The decision types an underwriting exception may name as the original decision.
    pub exception_decision_types: Vec<String>,
}

/// The program as edited; `wording` lists only the codes whose wording differs from the shipped one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct SetCreditProgramInput {
    pub creditor_name: String,
    pub creditor_address: String,
    pub creditor_phone: String,
    pub creditor_email: Option<String>,
    pub agency_name: String,
    pub agency_address: String,
    pub approved_reasons: Vec<String>,
    pub wording: BTreeMap<String, ReasonPhrases>,
    #[ts(type = "number")]
    pub notice_days: i64,
    /// `en`, `de` or `ja`.
    pub notice_language: String,
    /// The bank-approved credit periods; empty when the program does not restrict them.
    pub approved_periods: Vec<cdesk_domain::credit_program::ApprovedPeriod>,
}

/// Some fields of the credit program, as the CLI's flags give them (the others are kept):
/// lists as comma-separated text (`approved_reasons`: codes; `approved_periods`: "1 month, 14
/// days"); a literal `\n` in an address is a line break.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct CreditProgramPatch {
    pub creditor_name: Option<String>,
    pub creditor_address: Option<String>,
    pub creditor_phone: Option<String>,
    pub creditor_email: Option<String>,
    pub agency_name: Option<String>,
    pub agency_address: Option<String>,
    pub approved_reasons: Option<String>,
    #[ts(type = "number | null")]
    pub notice_days: Option<i64>,
    pub notice_language: Option<String>,
    pub approved_periods: Option<String>,
}

fn save_program(tx: &Tx<'_>, program: &CreditProgram, recorded_at: &str, actor: &str) -> Result<()> {
    let json = serde_json::to_string(program).map_err(|e| ErrorBody::internal(e.to_string()))?;
    tx.set_setting(SETTING_CREDIT_PROGRAM, &json)?;
    record(tx, recorded_at, actor, "settings", "credit_program", "credit_program_changed", program)?;
    Ok(())
}

pub(crate) fn load_program(tx: &Tx<'_>) -> Result<CreditProgram> {
    match tx.setting(SETTING_CREDIT_PROGRAM)? {
        Some(json) => serde_json::from_str(&json).map_err(|e| ErrorBody::internal(format!("the stored credit program cannot be read: {e}"))),
        None => Ok(CreditProgram::default()),
    }
}

fn program_view(p: CreditProgram) -> CreditProgramView {
    let shipped = ReasonWording::default();
    let reasons = cdesk_domain::credit::stripe_reason_codes()
        .into_iter()
        .map(|code| {
            let bare = || ReasonPhrases { en: code.into(), de: code.into(), ja: code.into() };
            ReasonRow {
                code: code.to_owned(),
                approved: p.approved_reasons.iter().any(|a| a == code),
                wording: p.phrases(code, &shipped).unwrap_or_else(bare),
                shipped: shipped.reasons.get(code).cloned().unwrap_or_else(bare),
                customised: p.wording.contains_key(code),
            }
        })
        .collect();
    CreditProgramView {
        missing_for_notice: p.missing_for_notice().into_iter().map(str::to_owned).collect(),
        reasons,
        max_reasons: cdesk_domain::credit::MAX_REASONS as u32,
        exception_decision_types: cdesk_domain::credit::DECISION_TYPES.iter().map(|t| (*t).to_owned()).collect(),
        program: p,
    }
}

fn trimmed(s: String) -> String {
    s.trim().to_owned()
}

// ---------------------------------------------------------------- cases: inputs and views


#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct CloseCreditLineInput {
    pub account: String,
    /// RFC 3339.
    pub decided_at: String,
    /// Reason codes in order of importance.
    pub reasons: Vec<String>,
    pub other_explanation: Option<String>,
    pub exception_explanation: Option<String>,
    pub exception_original_decision_type: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct DecreaseLimitInput {
    pub account: String,
    pub decided_at: String,
    /// The new, lower limit in minor units.
    #[ts(type = "number")]
    pub amount: i64,
    pub reasons: Vec<String>,
    pub other_explanation: Option<String>,
    pub exception_explanation: Option<String>,
    pub exception_original_decision_type: Option<String>,
}

/// A step on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum CreditStep {
    /// `channel`: `email` or `mail`; `language` (`en`, `de`, `ja`) is the notice the officer
    /// saw and sent, the program's notice language when null.
    NoticeSent {
        at: String,
        channel: String,
        #[serde(default)]
        language: Option<String>,
    },
    Deactivate { at: String },
    /// `reason`: `criteria_not_met` or `terms_violated`.
    RevokeCapability { at: String, reason: String },
    ApplyLimit { at: String },
    /// The id of the Stripe object a done step produced.
    RecordStripeObject { step: String, object_id: String },
}

/// Four eyes: a second officer approves a case's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ApproveCaseInput {
    pub case_id: String,
    /// When it was approved (RFC 3339); now when null.
    pub at: Option<String>,
    /// On a single-user desk, the second officer's name, under which the approval is recorded
    /// (the desk's own officer when null).
    pub approver: Option<String>,
    /// The revision the officer acted on (the `revision` of the view they saw): refused as
    /// `stale_view` when the record changed since. Absent: the record as it stands.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub seen: Option<i64>,
}

/// A case given to an officer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct AssignCaseInput {
    pub case_id: String,
    pub to: String,
    /// The revision the officer acted on (the `revision` of the view they saw): refused as
    /// `stale_view` when the record changed since. Absent: the record as it stands.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub seen: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct CreditStepInput {
    pub case_id: String,
    pub step: CreditStep,
    /// The revision the officer acted on (the `revision` of the view they saw): refused as
    /// `stale_view` when the record changed since. Absent: the record as it stands.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub seen: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct CreditCaseView {
    pub id: String,
    pub account_id: String,
    pub account_name: String,
    /// `credit_line_closed` or `credit_limit_decreased`.
    pub decision_type: String,
    /// `open`, `winding_down`, `complete`, or `superseded` when a later decision replaced the
    /// case (only its notice can still be recorded).
    pub status: String,
    pub case: CreditCase,
    /// Credit program fields a notice still lacks (shown as marked gaps in the notice).
    pub program_missing: Vec<String>,
    /// Why the notice cannot be recorded as sent yet (the creditor or the agency is missing);
    /// null when nothing stops it. Drafts can be written either way.
    pub notice_send_blocked_by: Option<String>,
    pub steps: Vec<StepStatus>,
    pub notice_due: String,
    pub notice_overdue: bool,
    /// Deactivation plus 31 days, once deactivated.
    pub wind_down_ends: Option<String>,
    /// The reasons in the customer's words (the program's notice language), in order.
    pub reasons_worded: Vec<String>,
    /// The first step not done (null when none is left to do).
    pub next_step: Option<String>,
    pub requests: Vec<StepRequest>,
    pub history: Vec<AccountHistoryEntry>,
    /// The case's history in the order recorded, with when each step happened.
    pub timeline: Vec<CaseTimelineEntry>,
    /// The `seq` of the last entry: the view's revision, sent back as `seen` with a change so
    /// that a change made after someone else's is refused (`stale_view`) instead of merged.
    #[ts(type = "number")]
    pub revision: i64,
    /// The notice's deadline: `pending`, `met` or `missed`.
    pub clocks: Vec<CaseClock>,
    /// The notice kept as sent, once it was: when, how, in which language, its text's SHA-256.
    pub notice_sent: Option<NoticeSentView>,
}

/// One entry of a case's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct CaseTimelineEntry {
    #[ts(type = "number")]
    pub seq: i64,
    pub recorded_at: String,
    pub actor: String,
    pub action: String,
    /// When it happened (null for bookkeeping entries such as a recorded Stripe object id).
    pub occurred_at: Option<String>,
    pub description: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub marks: crate::EntryMarks,
}

/// An entry of a case recorded in error, to void.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct VoidCaseEntryInput {
    pub case_id: String,
    #[ts(type = "number")]
    pub seq: i64,
    pub reason: String,
    /// The revision the officer acted on (the `revision` of the view they saw): refused as
    /// `stale_view` when the record changed since. Absent: the record as it stands.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub seen: Option<i64>,
}

/// Notices not yet sent, for the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct NoticeCounts {
    #[ts(type = "number")]
    pub overdue: i64,
    /// Due within the next 7 days.
    #[ts(type = "number")]
    pub due_soon: i64,
}

// ---------------------------------------------------------------- terms inputs

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ApplicationInput {
    pub account: String,
    pub decided_at: String,
    /// `credit_limit_increase` or `credit_line_opening`.
    pub purpose: String,
    /// The approved limit in minor units.
    #[ts(type = "number")]
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct SetLimitInput {
    pub account: String,
    #[ts(type = "number")]
    pub amount: i64,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct PeriodApprovalInput {
    pub account: String,
    pub approved_at: String,
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct SchedulePeriodInput {
    pub account: String,
    /// `day` or `month`.
    pub period: String,
    pub period_count: u32,
    /// RFC 3339 at 00:00 UTC.
    pub effective_at: String,
    pub change_in_terms_notice_at: Option<String>,
    /// A new `days_until_due` taking effect with the period (null keeps it).
    #[serde(default)]
    pub days_until_due: Option<u32>,
}

/// The Stripe object id returned for one of an account's requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct AccountObjectInput {
    pub account: String,
    /// The request's `Idempotency-Key`, as the account page shows it.
    pub idempotency_key: String,
    pub object_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReactivateInput {
    pub account: String,
    pub at: String,
}

/// Which notice to write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct CreditNoticeInput {
    pub case_id: String,
    /// `pdf` or `text`.
    pub format: String,
    /// `en`, `de` or `ja`; the program's notice language when null.
    pub language: Option<String>,
}

/// A written notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct NoticeFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// Credit program fields not set yet, shown as marked gaps in the notice.
    pub missing: Vec<String>,
    /// The language it is written in (`en`, `de`, `ja`).
    pub language: String,
}

/// The adverse-action notice as it was recorded sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct NoticeSentView {
    pub at: String,
    /// `email` or `mail`.
    pub channel: String,
    /// `en`, `de` or `ja`; none for a notice recorded before notices kept their language.
    pub language: Option<String>,
    /// SHA-256 of the notice's text as kept.
    pub sha256: Option<String>,
    /// Sent after its deadline.
    pub late: bool,
}

/// The audit entity of the notices written to files for a case (the case's id is the entity's).
const NOTICE_WRITTEN: &str = "notice";

// ---------------------------------------------------------------- helpers

fn case_view(tx: &Tx<'_>, id: &str, now: DateTime<Utc>) -> Result<CreditCaseView> {
    let stored = load_case(tx, id)?;
    let r = &stored.record;
    let account = load_account(tx, &r.account_id)?;
    let c = case_state(&stored, &account)?;
    let program = load_program(tx)?;
    let rules = load_rules(tx)?;
    let replaced_by = c.superseded_by(&r.id, &account);
    let steps = c.steps_with(replaced_by, now);
    let requests = steps
        .iter()
        .map(|s| {
            let request = c.stripe_request(&r.id, s.step, &account);
            StepRequest {
                step: s.step.as_str().to_owned(),
                curl: request.as_ref().map(StripeRequest::curl),
                note: if request.is_none() { Some(step_note(s.step, &c)) } else { None },
                request,
                object_id: c.stripe_objects.get(s.step.as_str()).cloned(),
            }
        })
        .collect();
    let voided = case_history::voided(&stored.entries);
    let none = std::collections::BTreeMap::new();
    let timeline = stored
        .rows
        .iter()
        .zip(&stored.entries)
        .map(|(row, e)| {
            let marks = crate::EntryMarks::new(
                voided.get(&e.seq).map(|(by, reason)| (*by, reason.as_str())),
                e.event.occurred_at().is_some_and(|at| cdesk_domain::timeline::late_entry(at, e.recorded_at, &rules, &none)),
                !matches!(e.event, CaseEvent::Decided { .. } | CaseEvent::Voided { .. }),
                || {
                    let probe = CaseEvent::Voided { seq: e.seq, reason: "probe".into() };
                    actions::record_step(&r.id, &stored.entries, &mut account.clone(), &probe, &program, now).map(drop)
                },
            );
            CaseTimelineEntry {
                seq: row.seq,
                recorded_at: row.recorded_at.clone(),
                actor: row.actor.clone(),
                action: row.action.clone(),
                occurred_at: e.event.occurred_at().map(instant_text),
                description: e.event.describe(),
                marks,
            }
        })
        .collect();
    Ok(CreditCaseView {
        id: r.id.clone(),
        account_id: account.id.clone(),
        account_name: account.legal_name.clone(),
        decision_type: c.kind.decision_type().to_owned(),
        status: c.status_with(replaced_by.is_some(), now).to_owned(),
        notice_due: instant_text(c.notice_due),
        notice_overdue: c.notice_overdue(now),
        program_missing: program.missing_for_notice().into_iter().map(str::to_owned).collect(),
        notice_send_blocked_by: program.notice_send_blocker().map(|e| e.to_string()),
        wind_down_ends: c.wind_down_ends().map(instant_text),
        reasons_worded: program.worded_reasons(&c.reasons, program.notice_language, &ReasonWording::default()),
        next_step: c.next_step(replaced_by.is_some(), now).map(|s| s.as_str().to_owned()),
        steps,
        requests,
        history: stored.rows.iter().cloned().map(AccountHistoryEntry::from).collect(),
        revision: stored.rows.last().map_or(0, |r| r.seq),
        timeline,
        clocks: c.clocks(now),
        notice_sent: c.notice.as_ref().map(|n| NoticeSentView {
            at: instant_text(n.at),
            channel: n.channel.code().to_owned(),
            language: n.language.map(|l| l.code().to_owned()),
            sha256: n.text_sha256.clone(),
            late: n.late,
        }),
        case: c,
    })
}

fn next_case_id(tx: &Tx<'_>, decided_at: DateTime<Utc>) -> Result<String> {
    let year = decided_at.year();
    let n = tx.next_number(&crate::CASE_IDS.counter(year))?;
    Ok(crate::CASE_IDS.id(year, n))
}

/// What a case's notice says now: the program (with its gaps marked), the account, the decision.
fn notice_input(
    tx: &Tx<'_>,
    case_id: &str,
    c: &CreditCase,
    account: &ConnectedAccount,
    lang: Option<Language>,
    sent_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(cdesk_exports::NoticeInput, Vec<String>)> {
    let program = load_program(tx)?;
    let missing: Vec<String> = program.missing_for_notice().into_iter().map(str::to_owned).collect();
    let program = program.with_gaps_marked();
    let rules = load_rules(tx)?;
    let lang = lang.unwrap_or(program.notice_language);
    let notice_date = sent_at.or(c.notice.as_ref().map(|n| n.at)).unwrap_or(now);
    let notice = cdesk_exports::NoticeInput {
        language: lang,
        case_id: case_id.to_owned(),
        notice_date: rules.local_date(notice_date),
        creditor_name: program.creditor_name.clone(),
        creditor_address: program.creditor_address.clone(),
        creditor_phone: program.creditor_phone.clone(),
        creditor_email: program.creditor_email.clone(),
        recipient_name: account.legal_name.clone(),
        recipient_address: account.address.clone(),
        recipient_email: account.email.clone(),
        account_id: account.id.clone(),
        action: match &c.kind {
            CaseKind::Closure => cdesk_exports::NoticeAction::CreditLineClosed,
            CaseKind::LimitDecrease { from, to } => cdesk_exports::NoticeAction::CreditLimitDecreased { from: from.clone(), to: to.clone() },
        },
        decided_on: rules.local_date(c.decided_at),
        reasons: program.worded_reasons(&c.reasons, lang, &ReasonWording::default()),
        agency_name: program.agency_name.clone(),
        agency_address: program.agency_address.clone(),
        recipient_is_company: account.business_type == cdesk_domain::account::BusinessType::Company,
        template_version: cdesk_exports::NOTICE_TEMPLATE_VERSION,
    };
    Ok((notice, missing))
}

fn text_sha256(text: &str) -> String {
    crate::reports::sha256_hex(text.as_bytes())
}

/// The notice as it was recorded when sent (kept in the `notice_sent` event, so the audit
/// chain covers it), checked against the fingerprint on the case.
fn sent_notice(stored: &StoredCase, case_id: &str, c: &CreditCase) -> Result<Option<cdesk_exports::NoticeInput>> {
    let Some(sha) = c.notice.as_ref().and_then(|n| n.text_sha256.clone()) else {
        return Ok(None);
    };
    let voided = case_history::voided(&stored.entries);
    let event = stored.rows.iter().rev().find(|e| e.action == "notice_sent" && !voided.contains_key(&e.seq));
    let stored = event
        .and_then(|e| serde_json::from_str::<serde_json::Value>(&e.payload).ok())
        .and_then(|v| serde_json::from_value::<cdesk_exports::NoticeInput>(v["notice"].clone()).ok())
        .ok_or_else(|| ErrorBody::internal(format!("the notice recorded as sent on {case_id} cannot be read from its history")))?;
    if text_sha256(&cdesk_exports::notice_text(&stored)) != sha {
        return Err(ErrorBody::internal(format!("the notice recorded as sent on {case_id} does not match its SHA-256")));
    }
    Ok(Some(stored))
}

// ---------------------------------------------------------------- use cases

impl Desk {
    /// The credit program with every reason code, approved or not, and its wording in force.
    ///
    /// # Errors
    /// `Storage` only.
    pub fn credit_program(&mut self) -> Result<CreditProgramView> {
        self.store.read(|tx| Ok(program_view(load_program(tx)?)))
    }

    /// Changes the fields of the credit program `patch` gives, the others kept, read and
    /// written in one transaction (nothing is recorded when nothing changes).
    ///
    /// # Errors
    /// `InvalidInput` naming the field; nothing is written.
    pub fn patch_credit_program(&mut self, patch: CreditProgramPatch) -> Result<CreditProgramView> {
        let (recorded_at, actor) = (instant_text(self.now()), self.actor.clone());
        self.store.write(|tx| {
            let current = load_program(tx)?;
            let mut p = current.clone();
            let text = |v: Option<String>, keep: String| v.map(|t| trimmed(t.replace("\\n", "\n"))).unwrap_or(keep);
            p.creditor_name = text(patch.creditor_name, p.creditor_name);
            p.creditor_address = text(patch.creditor_address, p.creditor_address);
            p.creditor_phone = text(patch.creditor_phone, p.creditor_phone);
            if let Some(e) = patch.creditor_email {
                p.creditor_email = Some(trimmed(e)).filter(|e| !e.is_empty());
            }
            p.agency_name = text(patch.agency_name, p.agency_name);
            p.agency_address = text(patch.agency_address, p.agency_address);
            if let Some(list) = patch.approved_reasons {
                p.approved_reasons = list.split(',').map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()).collect();
            }
            if let Some(days) = patch.notice_days {
                p.notice_days = days;
            }
            if let Some(lang) = patch.notice_language {
                p.notice_language = lang.parse::<Language>()?;
            }
            if let Some(list) = patch.approved_periods {
                p.approved_periods = cdesk_domain::credit_program::ApprovedPeriod::parse_list(&list)?;
            }
            if p == current {
                return Ok(program_view(p));
            }
            p.validate()?;
            save_program(tx, &p, &recorded_at, &actor)?;
            Ok(program_view(p))
        })
    }

    /// Replaces the credit program.
    ///
    /// # Errors
    /// `InvalidInput` naming the field; nothing is written.
    pub fn set_credit_program(&mut self, input: SetCreditProgramInput) -> Result<CreditProgramView> {
        let program = CreditProgram {
            creditor_name: trimmed(input.creditor_name),
            creditor_address: trimmed(input.creditor_address),
            creditor_phone: trimmed(input.creditor_phone),
            creditor_email: input.creditor_email.map(trimmed).filter(|e| !e.is_empty()),
            agency_name: trimmed(input.agency_name),
            agency_address: trimmed(input.agency_address),
            approved_reasons: input.approved_reasons.into_iter().map(trimmed).collect(),
            wording: input
                .wording
                .into_iter()
                .map(|(k, p)| (k.trim().to_owned(), ReasonPhrases { en: trimmed(p.en), de: trimmed(p.de), ja: trimmed(p.ja) }))
                .collect(),
            notice_days: input.notice_days,
            notice_language: input.notice_language.parse::<Language>()?,
            approved_periods: input.approved_periods,
        };
        program.validate()?;
        let (recorded_at, actor) = (instant_text(self.now()), self.actor.clone());
        self.store.write(|tx| {
            save_program(tx, &program, &recorded_at, &actor)?;
            Ok(program_view(program))
        })
    }

    /// Opens a closure case with its underwriting decision (`credit_line_closed`).
    ///
    /// # Errors
    /// `InvalidInput` naming the field; `Rule` naming a broken rule (reasons, a line already
    /// closed or being closed, `step_in_future`); `NotFound` for an unknown account. Nothing is
    /// written then.
    pub fn close_credit_line(&mut self, input: CloseCreditLineInput) -> Result<CreditCaseView> {
        self.open_case(input, Decision::Closure)
    }

    /// Opens a limit-decrease case (`credit_limit_decreased`): an adverse action with its own
    /// notice; the lower limit may then be set.
    ///
    /// # Errors
    /// As [`Desk::close_credit_line`], plus `InvalidInput` naming `amount` unless below the limit.
    pub fn decrease_credit_limit(&mut self, input: DecreaseLimitInput) -> Result<CreditCaseView> {
        let decision = CloseCreditLineInput {
            account: input.account,
            decided_at: input.decided_at,
            reasons: input.reasons,
            other_explanation: input.other_explanation,
            exception_explanation: input.exception_explanation,
            exception_original_decision_type: input.exception_original_decision_type,
        };
        self.open_case(decision, Decision::LimitDecrease { amount_minor: input.amount })
    }

    fn open_case(&mut self, d: CloseCreditLineInput, decision: Decision) -> Result<CreditCaseView> {
        let decided_at = parse_instant(&d.decided_at, "decided_at")?;
        let now = self.now();
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        self.store.write(|tx| {
            let program = load_program(tx)?;
            let mut account = load_account(tx, d.account.trim())?;
            let reasons = AdverseReasons::new(d.reasons, d.other_explanation, &program.approved_reasons)?;
            let exception = UnderwritingException::from_parts(d.exception_explanation, d.exception_original_decision_type)?;
            let id = next_case_id(tx, decided_at)?;
            let four_eyes = crate::settings::four_eyes_on(tx)?;
            let u = actions::Underwriting { decision, decided_at, reasons, exception, decided_by: actor.clone(), four_eyes };
            let c = actions::open_case(&mut account, &id, u, &program, now)?;
            let mut payload = CaseEvent::Decided { case: Box::new(c.clone()) }.payload();
            payload["account"] = serde_json::Value::String(account.id.clone());
            let seq = record_account_change(tx, &recorded_at, &actor, (CASE, &id, "decision_recorded"), payload, &account)?;
            save_case(tx, &id, &account.id, &c, seq)?;
            case_view(tx, &id, now)
        })
    }

    /// Records a step of a case: the notice sent, deactivation, capability revocation, the
    /// decreased limit set, or a Stripe object id.
    ///
    /// # Errors
    /// `InvalidInput` naming the field; `Rule` naming the rule (order, negative balance,
    /// `step_in_future`, `notice_needs_creditor_and_agency`...); `NotFound` for an unknown case.
    /// Nothing is written then.
    pub fn credit_step(&mut self, input: CreditStepInput) -> Result<CreditCaseView> {
        let instant = |s: &str| parse_instant(s, "at");
        let step = match &input.step {
            CreditStep::NoticeSent { at, channel, language } => {
                let lang = language.as_deref().filter(|l| !l.trim().is_empty()).map(str::parse::<Language>).transpose()?;
                Step::Notice { at: instant(at)?, channel: channel.parse::<NoticeChannel>()?, lang }
            }
            CreditStep::Deactivate { at } => Step::Event(CaseEvent::Deactivated { at: instant(at)? }),
            CreditStep::RevokeCapability { at, reason } => {
                Step::Event(CaseEvent::CapabilityRevoked { at: instant(at)?, reason: reason.parse::<RevocationReason>()? })
            }
            CreditStep::ApplyLimit { at } => Step::Event(CaseEvent::LimitApplied { at: instant(at)? }),
            CreditStep::RecordStripeObject { step, object_id } => Step::Event(CaseEvent::StripeObjectRecorded {
                step: step.parse::<CaseStep>()?,
                object_id: cdesk_domain::stripe::object_id(object_id)?,
            }),
        };
        self.append_case(&input.case_id, input.seen, step)
    }

    /// Voids an entry of a case recorded in error: the case no longer counts it (and what it did
    /// to the account is undone), and the original stays in the history.
    ///
    /// # Errors
    /// `Rule` naming what depends on the entry, `void_decision`, `void_once`; `InvalidInput`
    /// naming `seq` or `reason`; `NotFound`. Nothing is written then.
    pub fn void_credit_entry(&mut self, input: VoidCaseEntryInput) -> Result<CreditCaseView> {
        let event = CaseEvent::Voided { seq: input.seq, reason: input.reason.trim().to_owned() };
        self.append_case(&input.case_id, input.seen, Step::Event(event))
    }

    /// Four eyes: records a second officer's approval of a case's decision, which then takes
    /// effect (its steps may follow). On a single-user desk the approval is recorded under the
    /// approver's name as given.
    ///
    /// # Errors
    /// `Rule` `four_eyes_not_own_decision`, `four_eyes_not_required`, `already_done`,
    /// `step_in_future`; `InvalidInput` naming `at` or `approver`; `NotFound`. Nothing is written then.
    pub fn approve_credit_case(&mut self, input: ApproveCaseInput) -> Result<CreditCaseView> {
        let at = match input.at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(text) => parse_instant(text, "at")?,
            None => self.now(),
        };
        let by = crate::approver(input.approver.as_deref(), &self.actor, self.store.team().is_some())?;
        let event = CaseEvent::Approved { at, by: by.clone() };
        self.append_case_as(&input.case_id, input.seen, Step::Event(event), by)
    }

    /// Assigns a case to an officer.
    ///
    /// # Errors
    /// `InvalidInput` naming `to`; `Rule` `assign_changes_something`; `NotFound`.
    pub fn assign_credit_case(&mut self, input: AssignCaseInput) -> Result<CreditCaseView> {
        let event = CaseEvent::Assigned { to: input.to.trim().to_owned() };
        self.append_case(&input.case_id, input.seen, Step::Event(event))
    }

    fn append_case(&mut self, case_id: &str, seen: Option<i64>, step: Step) -> Result<CreditCaseView> {
        let actor = self.actor.clone();
        self.append_case_as(case_id, seen, step, actor)
    }

    fn append_case_as(&mut self, case_id: &str, seen: Option<i64>, step: Step, actor: String) -> Result<CreditCaseView> {
        let now = self.now();
        let recorded_at = instant_text(now);
        self.store.write(|tx| {
            let stored = load_case(tx, case_id)?;
            let tz = load_rules(tx)?.timezone;
            crate::check_view_current(seen, &stored.rows).map_err(|e| crate::readable::in_zone(e, tz))?;
            let id = stored.record.id.clone();
            let mut account = load_account(tx, &stored.record.account_id)?;
            let program = load_program(tx)?;
            let (event, extra) = match step {
                Step::Event(e) => (e, None),
                Step::Notice { at, channel, lang } => {
                    // The notice as sent is kept with the event (and fingerprinted on the case).
                    let c = case_state(&stored, &account)?;
                    // Not told which: the language the notice was last written in, else the program's.
                    let lang = match lang {
                        Some(l) => Some(l),
                        None => last_written_language(tx, &id)?,
                    };
                    let (notice, gaps) = notice_input(tx, &id, &c, &account, lang, Some(at), now)?;
                    let sha = text_sha256(&cdesk_exports::notice_text(&notice));
                    let language = Some(notice.language);
                    let extra = serde_json::json!({ "program_missing": gaps, "notice": notice });
                    (CaseEvent::NoticeSent { at, channel, language, text_sha256: Some(sha) }, Some(extra))
                }
            };
            let c = actions::record_step(&id, &stored.entries, &mut account, &event, &program, now)
                .map_err(|e| crate::readable::in_zone(e.into(), tz))?;
            let mut payload = event.payload();
            if let (Some(serde_json::Value::Object(extra)), serde_json::Value::Object(p)) = (extra, &mut payload) {
                p.extend(extra);
            }
            if let (CaseEvent::NoticeSent { .. }, Some(n)) = (&event, &c.notice) {
                payload["late"] = serde_json::Value::Bool(n.late);
            }
            if let CaseEvent::Deactivated { .. } = event {
                payload["balance"] = serde_json::to_value(&c.balance).map_err(|e| ErrorBody::internal(e.to_string()))?;
                payload["wind_down_ends"] = serde_json::json!(c.wind_down_ends().map(instant_text));
            }
            if let CaseEvent::LimitApplied { .. } = event {
                payload["limit"] = serde_json::to_value(&account.policy.limit).map_err(|e| ErrorBody::internal(e.to_string()))?;
            }
            let seq = record_account_change(tx, &recorded_at, &actor, (CASE, &id, event.action()), payload, &account)?;
            save_case(tx, &id, &account.id, &c, seq)?;
            case_view(tx, &id, now)
        })
    }

    /// Setting a credit line active again by hand: always refused; a closed line reopens only
    /// with a new approved application ([`Desk::record_application`]).
    ///
    /// # Errors
    /// Always: `Rule` `closed_line_reopens_by_application` or `line_is_active`; `NotFound`.
    pub fn reactivate_credit_line(&mut self, input: ReactivateInput) -> Result<()> {
        parse_instant(&input.at, "at")?;
        self.store.read(|tx| Ok(load_account(tx, input.account.trim())?.reactivate()?))
    }

    /// Records an approved credit application: a limit increase (the limit may then be set to
    /// exactly that amount) or a new credit line (reopens a closed line).
    ///
    /// # Errors
    /// `InvalidInput` naming the field; `Rule` naming the rule; `NotFound`.
    pub fn record_application(&mut self, input: ApplicationInput) -> Result<AccountView> {
        let decided_at = parse_instant(&input.decided_at, "decided_at")?;
        let purpose = input.purpose.parse::<ApplicationPurpose>()?;
        let now = self.now();
        self.change_account(&input.account, "application_approved", move |a| {
            let amount = a.policy.limit.with_amount(input.amount, "amount")?;
            a.record_application(purpose, amount.clone(), decided_at, now)?;
            Ok(serde_json::json!({ "purpose": purpose, "amount": amount, "decided_at": instant_text(decided_at) }))
        })
    }

    /// Sets the credit limit to exactly the amount an underwriting record approved.
    ///
    /// # Errors
    /// `Rule` `limit_needs_underwriting_record` and others naming the rule; `InvalidInput`; `NotFound`.
    pub fn set_credit_limit(&mut self, input: SetLimitInput) -> Result<AccountView> {
        let at = parse_instant(&input.at, "at")?;
        let now = self.now();
        self.change_account(&input.account, "limit_changed", move |a| {
            let from = a.policy.limit.clone();
            a.set_limit_by_hand(input.amount, at, now)?;
            Ok(serde_json::json!({ "from": from, "to": a.policy.limit, "at": instant_text(at) }))
        })
    }

    /// Records Stripe's written approval of a credit period change.
    ///
    /// # Errors
    /// `InvalidInput` naming `approved_at` or `reference`; `Rule` `step_in_future`; `NotFound`.
    pub fn record_period_approval(&mut self, input: PeriodApprovalInput) -> Result<AccountView> {
        let at = parse_instant(&input.approved_at, "approved_at")?;
        let now = self.now();
        self.change_account(&input.account, "period_change_approved", move |a| {
            a.record_period_approval(at, &input.reference, now)?;
            Ok(serde_json::json!({ "approved_at": instant_text(at), "reference": input.reference.trim() }))
        })
    }

    /// Schedules a credit period change (and optionally a new `days_until_due`) at 00:00 UTC.
    ///
    /// # Errors
    /// `Rule` `period_change_needs_stripe_approval`, `effective_at_midnight_utc`,
    /// `period_approval_after_effective`, `period_not_bank_approved`, ...; `InvalidInput`.
    pub fn schedule_period_change(&mut self, input: SchedulePeriodInput) -> Result<AccountView> {
        let effective_at = parse_instant(&input.effective_at, "effective_at")?;
        let interval = input.period.parse::<PeriodInterval>()?;
        let notice_at = input
            .change_in_terms_notice_at
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| parse_instant(s, "change_in_terms_notice_at"))
            .transpose()?;
        let now = self.now();
        let program = self.store.read(load_program)?;
        self.change_account(&input.account, "period_change_scheduled", move |a| {
            let change = PeriodChange {
                interval,
                count: input.period_count,
                days_until_due: input.days_until_due,
                effective_at,
                change_in_terms_notice_at: notice_at,
            };
            a.schedule_period_change_in(&program, change, now)?;
            Ok(serde_json::json!({ "upcoming_attributes": a.upcoming }))
        })
    }

    /// Records the Stripe object id returned for one of the account's requests (an application's
    /// underwriting record, a limit or period change).
    ///
    /// # Errors
    /// `InvalidInput` naming `object_id`, or `idempotency_key` when the account shows no such
    /// request; `NotFound`.
    pub fn record_account_stripe_object(&mut self, input: AccountObjectInput) -> Result<AccountView> {
        self.change_account(&input.account, "stripe_object_recorded", move |a| {
            a.record_stripe_object(&input.idempotency_key, &input.object_id)?;
            Ok(serde_json::json!({ "idempotency_key": input.idempotency_key.trim(), "object_id": input.object_id.trim() }))
        })
    }

    fn change_account(
        &mut self,
        id: &str,
        action: &str,
        change: impl FnOnce(&mut ConnectedAccount) -> Result<serde_json::Value>,
    ) -> Result<AccountView> {
        let now = self.now();
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        self.store.write(|tx| {
            apply_due_changes(tx, now, &actor)?;
            let mut a = load_account(tx, id.trim())?;
            let payload = change(&mut a)?;
            record_account_change(tx, &recorded_at, &actor, (ACCOUNT, &a.id, action), payload, &a)?;
            account_view(tx, &a.id, now)
        })
    }

    /// One case with its steps, their state, the Stripe requests and its history.
    ///
    /// # Errors
    /// `NotFound` for an unknown case.
    pub fn credit_case(&mut self, id: &str) -> Result<CreditCaseView> {
        let now = self.now();
        self.store.read(|tx| case_view(tx, id, now))
    }

    /// Every case, newest first.
    ///
    /// # Errors
    /// `Storage` only.
    pub fn credit_cases(&mut self) -> Result<Vec<CreditCaseRow>> {
        let now = self.now();
        self.store.read(|tx| case_rows(tx, None, now))
    }

    /// Unsent notices past their deadline or due within 7 days.
    ///
    /// # Errors
    /// `Storage` only.
    pub fn notice_counts(&mut self) -> Result<NoticeCounts> {
        let now = self.now();
        self.store.read(|tx| {
            let t = tx.notice_tally(&instant_text(now), &instant_text(now + Duration::days(cdesk_domain::credit::NOTICE_DUE_SOON_DAYS)))?;
            Ok(NoticeCounts { overdue: t.overdue, due_soon: t.due_soon })
        })
    }

    /// Writes a case's adverse-action notice as PDF or plain-text email. Credit program fields
    /// not set yet appear as marked gaps ("[not set: creditor name]") and are listed in `missing`,
    /// so the officer sees what to complete instead of getting no draft at all.
    ///
    /// # Errors
    /// `InvalidInput` naming `format` or `language`; `NotFound`.
    pub fn credit_notice(&mut self, input: CreditNoticeInput) -> Result<NoticeFile> {
        let format = input.format.trim().to_ascii_lowercase();
        if format != "pdf" && format != "text" {
            return Err(ErrorBody::invalid("format", format!("{:?} is not one of pdf, text", input.format)));
        }
        let lang = input.language.as_deref().map(str::parse::<Language>).transpose()?;
        let now = self.now();
        let (notice, missing) = self.store.read(|tx| {
            let stored = load_case(tx, &input.case_id)?;
            let account = load_account(tx, &stored.record.account_id)?;
            let c = case_state(&stored, &account)?;
            let id = stored.record.id.clone();
            // A sent notice is written again exactly as it was sent (same words, same date);
            // another language is written from the program as it is now.
            let sent_language = c.notice.as_ref().and_then(|n| n.language);
            if sent_language.is_some() && (lang.is_none() || lang == sent_language) {
                if let Some(sent) = sent_notice(&stored, &id, &c)? {
                    return Ok((sent, Vec::new()));
                }
            }
            notice_input(tx, &id, &c, &account, lang, None, now)
        })?;
        let base = format!("adverse-action-notice-{}-{}", notice.case_id, notice.language.code());
        if format == "pdf" {
            let bytes = cdesk_exports::notice_pdf(&notice).map_err(|e| ErrorBody::internal(e.to_string()))?;
            Ok(NoticeFile { file_name: format!("{base}.pdf"), bytes, missing, language: notice.language.code().to_owned() })
        } else {
            let bytes = cdesk_exports::notice_text(&notice).into_bytes();
            Ok(NoticeFile { file_name: format!("{base}.txt"), bytes, missing, language: notice.language.code().to_owned() })
        }
    }
}

impl Desk {
    /// Records that a case's notice was written to a file (by `cdesk credit notice --out` or
    /// the app's Save): its language, then, is what a later "sent" keeps unless told otherwise.
    ///
    /// # Errors
    /// `NotFound` for an unknown case; `Storage`.
    pub fn record_notice_written(&mut self, case_id: &str, file: &NoticeFile) -> Result<()> {
        let (recorded_at, actor) = (instant_text(self.now()), self.actor.clone());
        self.store.write(|tx| {
            let id = load_case(tx, case_id)?.record.id;
            let payload = serde_json::json!({
                "language": file.language,
                "file_name": file.file_name,
                "bytes": file.bytes.len(),
                "sha256": crate::reports::sha256_hex(&file.bytes),
            });
            record(tx, &recorded_at, &actor, NOTICE_WRITTEN, &id, "notice_written", &payload)?;
            Ok(())
        })
    }
}

/// The language the case's notice was last written to a file in, if it was.
fn last_written_language(tx: &Tx<'_>, case_id: &str) -> Result<Option<Language>> {
    let last = tx.audit_events_of(NOTICE_WRITTEN, case_id)?.pop();
    let code = last.and_then(|e| serde_json::from_str::<serde_json::Value>(&e.payload).ok()).and_then(|v| v["language"].as_str().map(str::to_owned));
    code.map(|c| c.parse::<Language>()).transpose().map_err(ErrorBody::from)
}

/// A step as the officer gives it: a case event, or the notice (whose kept text is written here).
enum Step {
    Event(CaseEvent),
    Notice { at: DateTime<Utc>, channel: NoticeChannel, lang: Option<Language> },
}
