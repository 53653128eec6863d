//! Credit terms and adverse actions: the credit program (creditor, agency, approved reasons and
//! their wording), closing a credit line and lowering a limit as cases with ordered steps,
//! approved applications, limit and period changes, and the adverse-action notice.
//! Every change is one transaction with one audit event.

use std::collections::BTreeMap;

use cdesk_domain::account::{ApplicationPurpose, ConnectedAccount, PeriodInterval, PolicyStatus, CapabilityStatus};
use cdesk_domain::complaint::parse_instant;
use cdesk_domain::credit::{
    AdverseReasons, CaseCommand, CaseKind, CaseStep, CreditCase, NoticeChannel, RevocationReason, StepState, StepStatus,
    UnderwritingException,
};
use cdesk_domain::credit_program::CreditProgram;
use cdesk_domain::stripe::{Params, StripeRequest};
use cdesk_domain::wording::{Language, ReasonPhrases, ReasonWording};
use cdesk_domain::{DomainError, Money};
use cdesk_store::{CreditCaseRecord, Tx};
use chrono::{DateTime, Datelike, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::{load_account, save_account, AccountHistoryEntry};
use crate::{instant_text, load_rules, record, Desk, ErrorBody, Result};

const CASE: &str = "credit_case";
const ACCOUNT: &str = "account";
const SETTING_CREDIT_PROGRAM: &str = "credit_program";
/// Days ahead that a notice counts as "due soon" in the header.
const NOTICE_DUE_SOON_DAYS: i64 = 7;

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
    CreditProgramView { missing_for_notice: p.missing_for_notice().into_iter().map(str::to_owned).collect(), reasons, program: p }
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
    /// `channel`: `email` or `mail`.
    NoticeSent { at: String, channel: String },
    Deactivate { at: String },
    /// `reason`: `criteria_not_met` or `terms_violated`.
    RevokeCapability { at: String, reason: String },
    ApplyLimit { at: String },
    /// The id of the Stripe object a done step produced.
    RecordStripeObject { step: String, object_id: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct CreditStepInput {
    pub case_id: String,
    pub step: CreditStep,
}

/// A step's Stripe request (or why there is none) and the object id recorded for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct StepRequest {
    pub step: String,
    pub request: Option<StripeRequest>,
    /// `curl` form of the request.
    pub curl: Option<String>,
    /// Why there is no request, when there is none.
    pub note: Option<String>,
    pub object_id: Option<String>,
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
}

/// A case in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct CreditCaseRow {
    pub id: String,
    pub account_id: String,
    pub account_name: String,
    pub decision_type: String,
    pub status: String,
    pub decided_at: String,
    pub notice_due: String,
    pub notice_sent: bool,
    pub notice_overdue: bool,
    /// Not sent, and due within the next 7 days (the header's "due soon").
    pub notice_due_soon: bool,
    /// The first step not done, if any.
    pub next_step: Option<String>,
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
}

// ---------------------------------------------------------------- helpers

fn parse_case(r: &CreditCaseRecord) -> Result<CreditCase> {
    serde_json::from_str(&r.case_json).map_err(|e| ErrorBody::internal(format!("the stored case {} cannot be read: {e}", r.id)))
}

fn load_case(tx: &Tx<'_>, id: &str) -> Result<(CreditCaseRecord, CreditCase)> {
    let r = tx.credit_case(id.trim())?.ok_or_else(|| ErrorBody::not_found(format!("no credit case {}", id.trim())))?;
    let c = parse_case(&r)?;
    Ok((r, c))
}

fn save_case(tx: &Tx<'_>, id: &str, account_id: &str, c: &CreditCase, seq: i64) -> Result<()> {
    let case_json = serde_json::to_string(c).map_err(|e| ErrorBody::internal(e.to_string()))?;
    let r = CreditCaseRecord { id: id.to_owned(), account_id: account_id.to_owned(), kind: c.kind.decision_type().to_owned(), case_json };
    Ok(tx.put_credit_case(&r, &instant_text(c.notice_due), c.notice.is_some(), seq)?)
}

fn step_note(step: CaseStep, c: &CreditCase) -> String {
    match step {
        CaseStep::NoticeSent => "Nothing goes to Stripe: the platform sends the notice to the account holder itself.".into(),
        CaseStep::WindDownComplete => match c.wind_down_ends() {
            Some(end) => format!("Nothing to send: funding obligations may still change until {}.", instant_text(end)),
            None => "Nothing to send: the wind-down starts at deactivation.".into(),
        },
        _ => "No request for this step.".into(),
    }
}

fn case_view(tx: &Tx<'_>, id: &str, now: DateTime<Utc>) -> Result<CreditCaseView> {
    let (r, mut c) = load_case(tx, id)?;
    let account = load_account(tx, &r.account_id)?;
    // The wizard judges deactivation against the account's balance as last recorded.
    c.balance = account.balance.clone();
    let program = load_program(tx)?;
    let replaced_by = superseded(&r.id, &c, &account);
    let mut steps = c.steps(now);
    if let Some(why) = replaced_by {
        // Only the notice (still owed for the decision taken) can be recorded on a replaced case.
        for s in steps.iter_mut().filter(|s| s.step != CaseStep::NoticeSent && !matches!(s.state, StepState::Done)) {
            s.state = StepState::Blocked;
            s.blocked_by = Some(why.to_owned());
        }
    }
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
    let history = tx
        .audit_events_of(CASE, &r.id)?
        .into_iter()
        .map(AccountHistoryEntry::from)
        .collect();
    Ok(CreditCaseView {
        id: r.id.clone(),
        account_id: account.id.clone(),
        account_name: account.legal_name.clone(),
        decision_type: c.kind.decision_type().to_owned(),
        status: if replaced_by.is_some() { "superseded".to_owned() } else { c.status(now).to_owned() },
        notice_due: instant_text(c.notice_due),
        notice_overdue: c.notice_overdue(now),
        program_missing: program.missing_for_notice().into_iter().map(str::to_owned).collect(),
        wind_down_ends: c.wind_down_ends().map(instant_text),
        reasons_worded: program.worded_reasons(&c.reasons, program.notice_language, &ReasonWording::default()),
        next_step: next_step(&steps, replaced_by.is_some()),
        steps,
        requests,
        history,
        case: c,
    })
}

pub(crate) fn case_rows(tx: &Tx<'_>, account: Option<&str>, now: DateTime<Utc>) -> Result<Vec<CreditCaseRow>> {
    let mut accounts: BTreeMap<String, ConnectedAccount> = BTreeMap::new();
    tx.credit_cases(account)?
        .into_iter()
        .map(|r| {
            let c = parse_case(&r)?;
            if !accounts.contains_key(&r.account_id) {
                accounts.insert(r.account_id.clone(), load_account(tx, &r.account_id)?);
            }
            let a = &accounts[&r.account_id];
            let replaced = superseded(&r.id, &c, a).is_some();
            let next_step = next_step(&c.steps(now), replaced);
            Ok(CreditCaseRow {
                account_name: a.legal_name.clone(),
                decision_type: r.kind.clone(),
                status: if replaced { "superseded".to_owned() } else { c.status(now).to_owned() },
                decided_at: instant_text(c.decided_at),
                notice_due: instant_text(c.notice_due),
                notice_sent: c.notice.is_some(),
                notice_overdue: c.notice_overdue(now),
                notice_due_soon: c.notice.is_none() && !c.notice_overdue(now) && c.notice_due <= now + Duration::days(NOTICE_DUE_SOON_DAYS),
                next_step,
                id: r.id,
                account_id: r.account_id,
            })
        })
        .collect()
}

fn next_case_id(tx: &Tx<'_>, decided_at: DateTime<Utc>) -> Result<String> {
    let year = decided_at.year();
    let n = tx.next_number(&format!("credit-case-{year}"))?;
    Ok(format!("CRD-{year}-{n:05}"))
}

fn not_before_now(at: DateTime<Utc>, now: DateTime<Utc>, field: &str) -> Result<()> {
    Ok(cdesk_domain::not_in_future(at, now, field)?)
}

/// Applies period changes whose instant has passed, recording each; returns how many.
pub(crate) fn apply_due_changes(tx: &Tx<'_>, now: DateTime<Utc>, actor: &str) -> Result<usize> {
    let mut applied = 0;
    for (id, json) in tx.accounts()? {
        let mut a = crate::accounts::parse_account(&id, &json)?;
        if let Some(u) = a.apply_due_change(now) {
            let payload = serde_json::json!({
                "period_interval": a.policy.period_interval,
                "period_count": a.policy.period_count,
                "effective_at": instant_text(u.effective_at),
                "last_effective_attributes": a.last_effective,
            });
            let seq = record(tx, &instant_text(now), actor, ACCOUNT, &id, "period_change_applied", &payload)?;
            save_account(tx, &a, seq)?;
            applied += 1;
        }
    }
    Ok(applied)
}

// ---------------------------------------------------------------- account-level requests

/// The Stripe requests of an account's latest approved application and of its pending term
/// changes (a limit approved by an application, a scheduled period).
pub(crate) fn account_requests(a: &ConnectedAccount) -> Vec<StepRequest> {
    let mut out = Vec::new();
    let wrap = |step: &str, r: StripeRequest| StepRequest {
        step: step.to_owned(),
        curl: Some(r.curl()),
        object_id: a.stripe_objects.get(&r.idempotency_key).cloned(),
        request: Some(r),
        note: None,
    };
    if let Some(app) = &a.last_application {
        let purpose = match app.purpose {
            ApplicationPurpose::CreditLimitIncrease => "credit_limit_increase",
            ApplicationPurpose::CreditLineOpening => "credit_line_opening",
        };
        let at = app.decided_at.timestamp();
        let p = Params::default()
            .add("application[purpose]", purpose)
            .add("application[submitted_at]", at)
            .add("credit_user[name]", &a.legal_name)
            .add("credit_user[email]", &a.email)
            .add("decided_at", at)
            .add("decision[type]", "credit_limit_approved")
            .money("decision[credit_limit_approved]", &app.amount)
            .build();
        let key = format!("cdesk-{}-application-{at}", a.id);
        out.push(wrap(
            "underwriting_record",
            StripeRequest::post("/v1/issuing/credit_underwriting_records/create_from_application", Some(&a.id), key, p),
        ));
        if app.purpose == ApplicationPurpose::CreditLineOpening {
            if app.capability_requested {
                let key = format!("cdesk-{}-capability-{at}", a.id);
                let p = Params::default().add("requested", "true").build();
                let path = format!("/v1/accounts/{}/capabilities/card_issuing_charge_card", a.id);
                out.push(wrap("request_capability", StripeRequest::post(path, None, key, p)));
            }
            let p = Params::default()
                .add("status", "active")
                .add("credit_limit_amount", app.amount.amount_minor)
                .add("credit_limit_currency", app.amount.currency.to_ascii_lowercase())
                .build();
            let key = format!("cdesk-{}-reopen-{at}", a.id);
            out.push(wrap("reopen_policy", StripeRequest::post("/v1/issuing/credit_policy", Some(&a.id), key, p)));
        }
    }
    // A limit from a proactive decrease is set from its case, which shows that request.
    if let Some(ap) = a.approved_limit.as_ref().filter(|ap| ap.case_id.is_none()) {
        let p = Params::default()
            .add("credit_limit_amount", ap.amount.amount_minor)
            .add("credit_limit_currency", ap.amount.currency.to_ascii_lowercase())
            .build();
        let key = format!("cdesk-{}-limit-{}-{}", a.id, ap.amount.amount_minor, ap.decided_at.timestamp());
        out.push(wrap("set_limit", StripeRequest::post("/v1/issuing/credit_policy", Some(&a.id), key, p)));
    }
    if let Some(u) = &a.upcoming {
        let interval = match u.period_interval {
            PeriodInterval::Day => "day",
            PeriodInterval::Month => "month",
        };
        let p = Params::default()
            .add("upcoming_attributes[credit_period_interval]", interval)
            .add("upcoming_attributes[credit_period_interval_count]", u.period_count)
            .add("upcoming_attributes[effective_at]", u.effective_at.timestamp())
            .build();
        let key = format!("cdesk-{}-period-{}", a.id, u.effective_at.timestamp());
        out.push(wrap("schedule_period", StripeRequest::post("/v1/issuing/credit_policy", Some(&a.id), key, p)));
    }
    out
}

/// The first step not done; on a replaced case only its still-owed notice.
fn next_step(steps: &[StepStatus], replaced: bool) -> Option<String> {
    steps
        .iter()
        .find(|s| !matches!(s.state, StepState::Done | StepState::Optional))
        .filter(|s| !replaced || s.step == CaseStep::NoticeSent)
        .map(|s| s.step.as_str().to_owned())
}

/// Why a case can no longer go on, if a later decision replaced it: a closure whose line was
/// reopened by a new application, or a decrease whose limit was replaced before it was set.
fn superseded(id: &str, c: &CreditCase, a: &ConnectedAccount) -> Option<&'static str> {
    match &c.kind {
        CaseKind::Closure if a.closure_case.as_deref() != Some(id) => {
            Some("a new approved application reopened the credit line; this closure is over")
        }
        CaseKind::LimitDecrease { .. }
            if c.limit_applied_at.is_none() && a.approved_limit.as_ref().and_then(|l| l.case_id.as_deref()) != Some(id) =>
        {
            Some("a later decision replaced this decreased limit before it was set (a closure or another approved limit)")
        }
        _ => None,
    }
}

/// What a case's notice says now: the program (with its gaps marked), the account, the decision.
fn notice_input(
    tx: &Tx<'_>,
    case_id: &str,
    c: &CreditCase,
    account: &ConnectedAccount,
    lang: Option<Language>,
    now: DateTime<Utc>,
) -> Result<(cdesk_exports::NoticeInput, Vec<String>)> {
    let program = load_program(tx)?;
    let missing: Vec<String> = program.missing_for_notice().into_iter().map(str::to_owned).collect();
    let program = program.with_gaps_marked();
    let rules = load_rules(tx)?;
    let lang = lang.unwrap_or(program.notice_language);
    let notice_date = c.notice.as_ref().map(|n| n.at).unwrap_or(now);
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
    };
    Ok((notice, missing))
}

fn text_sha256(text: &str) -> String {
    crate::reports::sha256_hex(text.as_bytes())
}

/// The notice as it was recorded when sent (kept in the `notice_sent` event, so the audit
/// chain covers it), checked against the fingerprint on the case.
fn sent_notice(tx: &Tx<'_>, case_id: &str, c: &CreditCase) -> Result<Option<cdesk_exports::NoticeInput>> {
    let Some(sha) = c.notice.as_ref().and_then(|n| n.text_sha256.clone()) else {
        return Ok(None);
    };
    let event = tx.audit_events_of(CASE, case_id)?.into_iter().rev().find(|e| e.action == "notice_sent");
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
            let json = serde_json::to_string(&program).map_err(|e| ErrorBody::internal(e.to_string()))?;
            tx.set_setting(SETTING_CREDIT_PROGRAM, &json)?;
            record(tx, &recorded_at, &actor, "settings", "credit_program", "credit_program_changed", &program)?;
            Ok(program_view(program))
        })
    }

    /// Opens a closure case with its underwriting decision (`credit_line_closed`).
    ///
    /// # Errors
    /// `InvalidInput` naming the field; `Rule` naming a broken rule (reasons, a line already
    /// closed or being closed); `NotFound` for an unknown account. Nothing is written then.
    pub fn close_credit_line(&mut self, input: CloseCreditLineInput) -> Result<CreditCaseView> {
        self.open_case(input, |account, id, _| {
            if account.policy.status == PolicyStatus::Inactive {
                return Err(DomainError::rule("line_already_closed", format!("the credit line of {} is already closed", account.id)));
            }
            if let Some(open) = &account.closure_case {
                return Err(DomainError::rule(
                    "closure_in_progress",
                    format!("the credit line of {} is already being closed ({open})", account.id),
                ));
            }
            account.closure_case = Some(id.to_owned());
            account.approved_limit = None;
            Ok(CaseKind::Closure)
        })
    }

    /// Opens a limit-decrease case (`credit_limit_decreased`): an adverse action with its own
    /// notice; the lower limit may then be set.
    ///
    /// # Errors
    /// As [`Desk::close_credit_line`], plus `InvalidInput` naming `amount` unless below the limit.
    pub fn decrease_credit_limit(&mut self, input: DecreaseLimitInput) -> Result<CreditCaseView> {
        // The same decision as a closure's, with the new limit beside it.
        let decision = CloseCreditLineInput {
            account: input.account,
            decided_at: input.decided_at,
            reasons: input.reasons,
            other_explanation: input.other_explanation,
            exception_explanation: input.exception_explanation,
            exception_original_decision_type: input.exception_original_decision_type,
        };
        self.open_case(decision, |account, id, decided_at| {
            let to = Money { amount_minor: input.amount, currency: account.policy.limit.currency.clone() };
            let from = account.policy.limit.clone();
            account.approve_decrease(to.clone(), decided_at, id)?;
            Ok(CaseKind::LimitDecrease { from, to })
        })
    }

    /// Records an underwriting decision that opens a case; `kind` checks the account's rules,
    /// changes the account and says what the case is.
    fn open_case(
        &mut self,
        d: CloseCreditLineInput,
        kind: impl FnOnce(&mut ConnectedAccount, &str, DateTime<Utc>) -> std::result::Result<CaseKind, DomainError>,
    ) -> Result<CreditCaseView> {
        let decided_at = parse_instant(&d.decided_at, "decided_at")?;
        let now = self.now();
        not_before_now(decided_at, now, "decided_at")?;
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        self.store.write(|tx| {
            let program = load_program(tx)?;
            let mut account = load_account(tx, d.account.trim())?;
            let reasons = AdverseReasons::new(d.reasons, d.other_explanation, &program.approved_reasons)?;
            let exception = UnderwritingException::from_parts(d.exception_explanation, d.exception_original_decision_type)?;
            let id = next_case_id(tx, decided_at)?;
            let kind = kind(&mut account, &id, decided_at)?;
            let c = CreditCase::decide(kind, decided_at, reasons, exception, account.balance.clone(), program.notice_days);
            let payload = serde_json::json!({ "account": account.id, "decision_type": c.kind.decision_type(),
                "decided_at": instant_text(decided_at), "kind": c.kind, "reasons": c.reasons, "exception": c.exception,
                "notice_due": instant_text(c.notice_due) });
            let seq = record(tx, &recorded_at, &actor, CASE, &id, "decision_recorded", &payload)?;
            save_case(tx, &id, &account.id, &c, seq)?;
            save_account(tx, &account, seq)?;
            case_view(tx, &id, now)
        })
    }

    /// Records a step of a case: the notice sent, deactivation, capability revocation, the
    /// decreased limit set, or a Stripe object id.
    ///
    /// # Errors
    /// `InvalidInput` naming the field; `Rule` naming the rule (order, negative balance...);
    /// `NotFound` for an unknown case. Nothing is written then.
    pub fn credit_step(&mut self, input: CreditStepInput) -> Result<CreditCaseView> {
        let now = self.now();
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        let instant = |s: &str| -> Result<DateTime<Utc>> {
            let at = parse_instant(s, "at")?;
            not_before_now(at, now, "at")?;
            Ok(at)
        };
        enum Action {
            Cmd(CaseCommand),
            Object(CaseStep, String),
        }
        let action = match &input.step {
            CreditStep::NoticeSent { at, channel } => Action::Cmd(CaseCommand::SendNotice { at: instant(at)?, channel: channel.parse::<NoticeChannel>()? }),
            CreditStep::Deactivate { at } => Action::Cmd(CaseCommand::Deactivate { at: instant(at)? }),
            CreditStep::RevokeCapability { at, reason } => {
                Action::Cmd(CaseCommand::RevokeCapability { at: instant(at)?, reason: reason.parse::<RevocationReason>()? })
            }
            CreditStep::ApplyLimit { at } => Action::Cmd(CaseCommand::ApplyLimit { at: instant(at)? }),
            CreditStep::RecordStripeObject { step, object_id } => Action::Object(step.parse::<CaseStep>()?, object_id.clone()),
        };
        self.store.write(|tx| {
            let (r, mut c) = load_case(tx, &input.case_id)?;
            let mut account = load_account(tx, &r.account_id)?;
            if let Some(why) = superseded(&r.id, &c, &account) {
                let notice_or_object = matches!(&action, Action::Cmd(CaseCommand::SendNotice { .. }) | Action::Object(..));
                if !notice_or_object {
                    return Err(DomainError::rule("case_superseded", format!("{}: {why}", r.id)).into());
                }
            }
            c.apply(&CaseCommand::RecordBalance { balance: account.balance.clone(), at: account.balance_at.max(c.decided_at) })?;
            let (action_name, payload) = match &action {
                Action::Cmd(cmd) => {
                    c.apply(cmd)?;
                    match cmd {
                        CaseCommand::Deactivate { at } => {
                            account.policy.status = PolicyStatus::Inactive;
                            ("policy_deactivated", serde_json::json!({ "at": instant_text(*at), "balance": account.balance,
                                "wind_down_ends": c.wind_down_ends().map(instant_text) }))
                        }
                        CaseCommand::RevokeCapability { at, reason } => {
                            account.capability = CapabilityStatus::Revoked;
                            ("capability_revoked", serde_json::json!({ "at": instant_text(*at), "reason": reason }))
                        }
                        CaseCommand::ApplyLimit { at } => {
                            let case_of_limit = account.set_limit(
                                match &c.kind {
                                    CaseKind::LimitDecrease { to, .. } => to.clone(),
                                    CaseKind::Closure => unreachable!("refused by the case"),
                                },
                                *at,
                            )?;
                            if case_of_limit.as_deref() != Some(r.id.as_str()) {
                                return Err(DomainError::rule(
                                    "limit_needs_underwriting_record",
                                    "a later underwriting record replaced this decision's limit",
                                )
                                .into());
                            }
                            ("limit_applied", serde_json::json!({ "at": instant_text(*at), "limit": account.policy.limit }))
                        }
                        CaseCommand::SendNotice { at, channel } => {
                            // The notice as sent is kept with the event (and fingerprinted on
                            // the case); gaps in the program stay on the record as such.
                            let (notice, gaps) = notice_input(tx, &r.id, &c, &account, None, now)?;
                            let sha = text_sha256(&cdesk_exports::notice_text(&notice));
                            if let Some(n) = c.notice.as_mut() {
                                n.language = Some(notice.language);
                                n.text_sha256 = Some(sha.clone());
                            }
                            ("notice_sent", serde_json::json!({ "at": instant_text(*at), "channel": channel,
                                "late": c.notice.as_ref().is_some_and(|n| n.late), "program_missing": gaps, "notice": notice, "text_sha256": sha }))
                        }
                        CaseCommand::RecordBalance { .. } | CaseCommand::Reactivate { .. } => unreachable!("not offered as a step"),
                    }
                }
                Action::Object(step, id) => {
                    c.record_stripe_object(*step, id, now)?;
                    ("stripe_object_recorded", serde_json::json!({ "step": step, "object_id": id.trim() }))
                }
            };
            let seq = record(tx, &recorded_at, &actor, CASE, &r.id, action_name, &payload)?;
            save_case(tx, &r.id, &r.account_id, &c, seq)?;
            save_account(tx, &account, seq)?;
            case_view(tx, &r.id, now)
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
    pub fn record_application(&mut self, input: ApplicationInput) -> Result<crate::AccountView> {
        let decided_at = parse_instant(&input.decided_at, "decided_at")?;
        let purpose = input.purpose.parse::<ApplicationPurpose>()?;
        let now = self.now();
        not_before_now(decided_at, now, "decided_at")?;
        self.change_account(&input.account, "application_approved", move |a| {
            let amount = Money { amount_minor: input.amount, currency: a.policy.limit.currency.clone() };
            a.approve_application(purpose, amount.clone(), decided_at)?;
            Ok(serde_json::json!({ "purpose": purpose, "amount": amount, "decided_at": instant_text(decided_at) }))
        })
    }

    /// Sets the credit limit to exactly the amount an underwriting record approved.
    ///
    /// # Errors
    /// `Rule` `limit_needs_underwriting_record` and others naming the rule; `InvalidInput`; `NotFound`.
    pub fn set_credit_limit(&mut self, input: SetLimitInput) -> Result<crate::AccountView> {
        let at = parse_instant(&input.at, "at")?;
        not_before_now(at, self.now(), "at")?;
        self.change_account(&input.account, "limit_changed", move |a| {
            let amount = Money { amount_minor: input.amount, currency: a.policy.limit.currency.clone() };
            if a.approved_limit.as_ref().is_some_and(|ap| ap.case_id.is_some() && ap.amount == amount) {
                return Err(DomainError::rule(
                    "limit_decrease_is_a_case_step",
                    "this limit comes from a limit-decrease case; set it from the case so the case records it",
                )
                .into());
            }
            let from = a.policy.limit.clone();
            a.set_limit(amount, at)?;
            Ok(serde_json::json!({ "from": from, "to": a.policy.limit, "at": instant_text(at) }))
        })
    }

    /// Records Stripe's written approval of a credit period change.
    ///
    /// # Errors
    /// `InvalidInput` naming `approved_at` or `reference`; `NotFound`.
    pub fn record_period_approval(&mut self, input: PeriodApprovalInput) -> Result<crate::AccountView> {
        let at = parse_instant(&input.approved_at, "approved_at")?;
        self.change_account(&input.account, "period_change_approved", move |a| {
            a.record_period_approval(at, &input.reference)?;
            Ok(serde_json::json!({ "approved_at": instant_text(at), "reference": input.reference.trim() }))
        })
    }

    /// Schedules a credit period change at 00:00 UTC.
    ///
    /// # Errors
    /// `Rule` `period_change_needs_stripe_approval`, `effective_at_midnight_utc`, ...; `InvalidInput`.
    pub fn schedule_period_change(&mut self, input: SchedulePeriodInput) -> Result<crate::AccountView> {
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
            program.check_period(interval, input.period_count)?;
            a.schedule_period_change(interval, input.period_count, effective_at, notice_at, now)?;
            Ok(serde_json::json!({ "upcoming_attributes": a.upcoming }))
        })
    }

    /// Records the Stripe object id returned for one of the account's requests (an application's
    /// underwriting record, a limit or period change).
    ///
    /// # Errors
    /// `InvalidInput` naming `object_id`, or `idempotency_key` when the account shows no such
    /// request; `NotFound`.
    pub fn record_account_stripe_object(&mut self, input: AccountObjectInput) -> Result<crate::AccountView> {
        let object_id = cdesk_domain::stripe::object_id(&input.object_id)?;
        let key = input.idempotency_key.trim().to_owned();
        self.change_account(&input.account, "stripe_object_recorded", move |a| {
            if !account_requests(a).iter().any(|r| r.request.as_ref().is_some_and(|q| q.idempotency_key == key)) {
                return Err(ErrorBody::invalid("idempotency_key", format!("{} shows no request with the key {key}", a.id)));
            }
            a.stripe_objects.insert(key.clone(), object_id.clone());
            Ok(serde_json::json!({ "idempotency_key": key, "object_id": object_id }))
        })
    }

    fn change_account(
        &mut self,
        id: &str,
        action: &str,
        change: impl FnOnce(&mut ConnectedAccount) -> Result<serde_json::Value>,
    ) -> Result<crate::AccountView> {
        let now = self.now();
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        self.store.write(|tx| {
            apply_due_changes(tx, now, &actor)?;
            let mut a = load_account(tx, id.trim())?;
            let payload = change(&mut a)?;
            let seq = record(tx, &recorded_at, &actor, ACCOUNT, &a.id, action, &payload)?;
            save_account(tx, &a, seq)?;
            crate::accounts::account_view(tx, &a.id, now)
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
            let t = tx.notice_tally(&instant_text(now), &instant_text(now + Duration::days(NOTICE_DUE_SOON_DAYS)))?;
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
            let (r, c) = load_case(tx, &input.case_id)?;
            // A sent notice is written again exactly as it was sent (same words, same date);
            // another language is written from the program as it is now.
            if let Some(sent) = sent_notice(tx, &r.id, &c)? {
                if lang.is_none_or(|l| l == sent.language) {
                    return Ok((sent, Vec::new()));
                }
            }
            notice_input(tx, &r.id, &c, &load_account(tx, &r.account_id)?, lang, now)
        })?;
        let base = format!("adverse-action-notice-{}-{}", notice.case_id, notice.language.code());
        if format == "pdf" {
            let bytes = cdesk_exports::notice_pdf(&notice).map_err(|e| ErrorBody::internal(e.to_string()))?;
            Ok(NoticeFile { file_name: format!("{base}.pdf"), bytes, missing })
        } else {
            Ok(NoticeFile { file_name: format!("{base}.txt"), bytes: cdesk_exports::notice_text(&notice).into_bytes(), missing })
        }
    }
}
