//! Connected accounts and credit cases as stored: loading and saving them, a case's history as
//! timeline entries, the rows and views both the account and the credit use cases show. Shared
//! by `accounts` and `credit`, which do not call each other. No rule is decided here.

use std::collections::BTreeMap;

use cdesk_domain::account::ConnectedAccount;
use cdesk_domain::credit::actions;
use cdesk_domain::credit::history::{CaseEntry, CaseEvent};
use cdesk_domain::credit::{CaseStep, CreditCase};
use cdesk_domain::stripe::StripeRequest;
use cdesk_store::{CreditCaseRecord, Tx};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::{instant_text, record, ErrorBody, Result};

pub(crate) const ACCOUNT: &str = "account";
pub(crate) const CASE: &str = "credit_case";

/// An entry of an account's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct AccountHistoryEntry {
    #[ts(type = "number")]
    pub seq: i64,
    pub recorded_at: String,
    pub actor: String,
    pub action: String,
    pub details: String,
}

impl From<cdesk_store::AuditEvent> for AccountHistoryEntry {
    fn from(e: cdesk_store::AuditEvent) -> Self {
        // The account as the entry left it is kept for verification, not shown as a detail.
        let details = match serde_json::from_str::<serde_json::Value>(&e.payload) {
            Ok(serde_json::Value::Object(mut map)) if map.contains_key(ACCOUNT_AFTER) => {
                map.remove(ACCOUNT_AFTER);
                serde_json::Value::Object(map).to_string()
            }
            _ => e.payload,
        };
        AccountHistoryEntry { seq: e.seq, recorded_at: e.recorded_at, actor: e.actor, action: e.action, details }
    }
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
    /// The officer the case is assigned to.
    pub assignee: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct AccountView {
    pub id: String,
    pub account: ConnectedAccount,
    /// Whether the account owes Stripe (negative Issuing balance).
    pub owes: bool,
    /// Closures and limit decreases of this account, newest first.
    pub cases: Vec<CreditCaseRow>,
    /// Stripe requests of pending term changes (an approved limit, a scheduled period).
    pub requests: Vec<StepRequest>,
    /// The account's own events and those of its cases, in order.
    pub history: Vec<AccountHistoryEntry>,
}

pub(crate) fn parse_account(id: &str, json: &str) -> Result<ConnectedAccount> {
    serde_json::from_str(json).map_err(|e| ErrorBody::internal(format!("the stored account {id} cannot be read: {e}")))
}

pub(crate) fn load_account(tx: &Tx<'_>, id: &str) -> Result<ConnectedAccount> {
    let json = tx.account_json(id)?.ok_or_else(|| ErrorBody::not_found(format!("no connected account {id}")))?;
    parse_account(id, &json)
}

pub(crate) fn save_account(tx: &Tx<'_>, a: &ConnectedAccount, seq: i64) -> Result<()> {
    let json = serde_json::to_string(a).map_err(|e| ErrorBody::internal(e.to_string()))?;
    Ok(tx.put_account(&a.id, &a.legal_name, &json, seq)?)
}

/// The key under which an event that changed an account carries the account as the change left
/// it: the history then holds every state the account was in, and its read model is rebuilt
/// (and checked) from the latest one. (An account's changes are judged with the clock and the
/// program of their day; replaying them under today's would judge them again.)
pub(crate) const ACCOUNT_AFTER: &str = "account_after";

/// Records an event that changed `a` (its payload carrying the account as it is now) and saves
/// the account's read model; returns the event's sequence number.
pub(crate) fn record_account_change(
    tx: &Tx<'_>,
    recorded_at: &str,
    actor: &str,
    (entity, entity_id, action): (&str, &str, &str),
    mut payload: serde_json::Value,
    a: &ConnectedAccount,
) -> Result<i64> {
    let after = serde_json::to_value(a).map_err(|e| ErrorBody::internal(e.to_string()))?;
    match &mut payload {
        serde_json::Value::Object(map) => {
            map.insert(ACCOUNT_AFTER.to_owned(), after);
        }
        _ => return Err(ErrorBody::internal("an account change's payload must be an object")),
    }
    let seq = record(tx, recorded_at, actor, entity, entity_id, action, &payload)?;
    save_account(tx, a, seq)?;
    Ok(seq)
}

/// A case as stored: its row, its audit rows and the entries they hold.
pub(crate) struct StoredCase {
    pub record: CreditCaseRecord,
    pub rows: Vec<cdesk_store::AuditEvent>,
    pub entries: Vec<CaseEntry>,
}

pub(crate) fn load_case(tx: &Tx<'_>, id: &str) -> Result<StoredCase> {
    let id = id.trim();
    let record = tx.credit_case(id)?.ok_or_else(|| ErrorBody::not_found(format!("no credit case {id}")))?;
    let rows = tx.audit_events_of(CASE, id)?;
    let entries = rows
        .iter()
        .map(|r| {
            Ok(CaseEntry { seq: r.seq, recorded_at: crate::stored_instant(&r.recorded_at)?, event: CaseEvent::from_stored(&r.action, &r.payload)? })
        })
        .collect::<Result<_>>()?;
    Ok(StoredCase { record, rows, entries })
}

/// The case as its history makes it, judged with the account's balance readings.
pub(crate) fn case_state(stored: &StoredCase, account: &ConnectedAccount) -> Result<CreditCase> {
    Ok(actions::current(&stored.entries, account)?)
}

/// Saves the case's read model (what lists and header counts filter on).
pub(crate) fn save_case(tx: &Tx<'_>, id: &str, account_id: &str, c: &CreditCase, seq: i64) -> Result<()> {
    let case_json = serde_json::to_string(c).map_err(|e| ErrorBody::internal(e.to_string()))?;
    let r = CreditCaseRecord { id: id.to_owned(), account_id: account_id.to_owned(), kind: c.kind.decision_type().to_owned(), case_json };
    Ok(tx.put_credit_case(&r, &instant_text(c.notice_due), c.notice.is_some(), seq)?)
}

fn parse_case(r: &CreditCaseRecord) -> Result<CreditCase> {
    serde_json::from_str(&r.case_json).map_err(|e| ErrorBody::internal(format!("the stored case {} cannot be read: {e}", r.id)))
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
            let replaced = c.superseded_by(&r.id, a).is_some();
            Ok(CreditCaseRow {
                account_name: a.legal_name.clone(),
                decision_type: r.kind.clone(),
                status: c.status_with(replaced, now).to_owned(),
                decided_at: instant_text(c.decided_at),
                notice_due: instant_text(c.notice_due),
                notice_sent: c.notice.is_some(),
                notice_overdue: c.notice_overdue(now),
                notice_due_soon: c.notice_due_soon(now),
                next_step: c.next_step(replaced, now).map(|s| s.as_str().to_owned()),
                assignee: c.assignee.clone(),
                id: r.id,
                account_id: r.account_id,
            })
        })
        .collect()
}

/// Applies period changes whose instant has passed, recording each; returns how many.
pub(crate) fn apply_due_changes(tx: &Tx<'_>, now: DateTime<Utc>, actor: &str) -> Result<usize> {
    let mut applied = 0;
    for (id, json) in tx.accounts()? {
        let mut a = parse_account(&id, &json)?;
        if let Some(u) = a.apply_due_change(now) {
            let payload = serde_json::json!({
                "period_interval": a.policy.period_interval,
                "period_count": a.policy.period_count,
                "days_until_due": a.policy.days_until_due,
                "effective_at": instant_text(u.effective_at),
                "last_effective_attributes": a.last_effective,
            });
            record_account_change(tx, &instant_text(now), actor, (ACCOUNT, &id, "period_change_applied"), payload, &a)?;
            applied += 1;
        }
    }
    Ok(applied)
}

/// The Stripe requests of an account's latest approved application and pending term changes.
pub(crate) fn account_requests(a: &ConnectedAccount) -> Vec<StepRequest> {
    a.stripe_requests()
        .into_iter()
        .map(|(step, r)| StepRequest {
            step: step.to_owned(),
            curl: Some(r.curl()),
            object_id: a.stripe_objects.get(&r.idempotency_key).cloned(),
            request: Some(r),
            note: None,
        })
        .collect()
}

/// Why a step sends nothing to Stripe.
pub(crate) fn step_note(step: CaseStep, c: &CreditCase) -> String {
    match step {
        CaseStep::NoticeSent => "Nothing goes to Stripe: the platform sends the notice to the account holder itself.".into(),
        CaseStep::Approval => "Nothing goes to Stripe: a second officer approves the decision in Compliance Desk.".into(),
        CaseStep::WindDownComplete => match c.wind_down_ends() {
            Some(end) => format!("Nothing to send: funding obligations may still change until {}.", instant_text(end)),
            None => "Nothing to send: the wind-down starts at deactivation.".into(),
        },
        _ => "No request for this step.".into(),
    }
}

pub(crate) fn account_view(tx: &Tx<'_>, id: &str, now: DateTime<Utc>) -> Result<AccountView> {
    let account = load_account(tx, id)?;
    let cases = case_rows(tx, Some(id), now)?;
    let mut events = tx.audit_events_of(ACCOUNT, id)?;
    for c in &cases {
        events.extend(tx.audit_events_of(CASE, &c.id)?);
    }
    events.sort_by_key(|e| e.seq);
    Ok(AccountView {
        id: id.to_owned(),
        owes: account.balance.amount_minor < 0,
        requests: account_requests(&account),
        cases,
        history: events.into_iter().map(AccountHistoryEntry::from).collect(),
        account,
    })
}
