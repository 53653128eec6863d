//! The Connect reserve monitor: recording available-balance readings, bank debits and the
//! platform's balance; rejecting an account for fraud; turning on `debit_negative_balances`;
//! importing a balance-transactions export; and the reserve as the domain computes it.

use cdesk_domain::complaint::{local_date, parse_instant};
use cdesk_domain::reserve::{
    self, AvailableReading, BalanceTransaction, BankDebit, PlatformReading, Reconciliation, ReserveAccount, ReserveContext, ReserveFacts,
    ReservePoint, ReserveRules, ReserveStatus,
};
use cdesk_domain::stripe::StripeRequest;
use cdesk_store::{AuditEvent, ReserveEntryRow, Tx};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ledger::{account_view, load_account, parse_account, record_account_change, ACCOUNT};
use crate::{instant_text, load_rules, record, stored_instant, AccountView, Desk, ErrorBody, Result};

/// The audit entity of the reserve's recorded facts.
pub(crate) const RESERVE: &str = "reserve";

const AVAILABLE: &str = "available";
const BANK_DEBIT: &str = "bank_debit";
const PLATFORM: &str = "platform";
const BALANCE_TRANSACTION: &str = "balance_transaction";

/// A recorded fact as an event carries it (and as its row holds it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ReserveEntry {
    pub kind: String,
    pub account: Option<String>,
    pub currency: String,
    pub at: String,
    pub amount: i64,
    #[serde(rename = "ref", default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub detail: Option<String>,
}

/// The facts a reserve event recorded, in order.
pub(crate) fn entries_of(e: &AuditEvent) -> Vec<ReserveEntry> {
    serde_json::from_str::<serde_json::Value>(&e.payload)
        .ok()
        .and_then(|v| v.get("entries").cloned())
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default()
}

/// The rows an event's facts make.
pub(crate) fn rows_of(seq: i64, entries: &[ReserveEntry]) -> Vec<ReserveEntryRow> {
    entries
        .iter()
        .enumerate()
        .map(|(n, e)| ReserveEntryRow {
            seq,
            n: n as i64,
            kind: e.kind.clone(),
            account: e.account.clone(),
            currency: e.currency.clone(),
            at: e.at.clone(),
            amount: e.amount,
            reference: e.reference.clone(),
            detail: e.detail.clone(),
        })
        .collect()
}

fn record_entries(tx: &Tx<'_>, recorded_at: &str, actor: &str, (entity_id, action): (&str, &str), mut payload: serde_json::Value, entries: &[ReserveEntry]) -> Result<i64> {
    payload["entries"] = serde_json::to_value(entries).map_err(|e| ErrorBody::internal(e.to_string()))?;
    let seq = record(tx, recorded_at, actor, RESERVE, entity_id, action, &payload)?;
    tx.insert_reserve_entries(&rows_of(seq, entries))?;
    Ok(seq)
}

fn reading_entry(r: &AvailableReading) -> ReserveEntry {
    ReserveEntry { kind: AVAILABLE.into(), account: Some(r.account.clone()), currency: r.currency.clone(), at: instant_text(r.at), amount: r.available, reference: None, detail: None }
}

/// An account's available balance as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReserveBalanceInput {
    pub account: String,
    pub currency: String,
    /// Signed minor units: negative when the account owes.
    #[ts(type = "number")]
    pub available: i64,
    /// When it was read (RFC 3339).
    pub at: String,
}

/// A completed bank debit of an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct BankDebitInput {
    pub account: String,
    pub currency: String,
    /// Positive minor units.
    #[ts(type = "number")]
    pub amount: i64,
    pub completed_at: String,
}

/// The platform's own available balance as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct PlatformBalanceInput {
    pub currency: String,
    #[ts(type = "number")]
    pub available: i64,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct RejectForFraudInput {
    pub account: String,
    /// When the account was rejected (RFC 3339).
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct DebitNegativeBalancesInput {
    pub account: String,
    pub on: bool,
}

/// A recorded reserve fact and the reserve after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReserveRecorded {
    #[ts(type = "number")]
    pub seq: i64,
    #[ts(type = "number")]
    pub recorded: i64,
    pub status: ReserveStatus,
}

/// An account rejected for fraud: the request sent to Stripe, the account after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct RejectedForFraud {
    pub request: StripeRequest,
    pub curl: String,
    pub account: AccountView,
}

/// The Reserve view: the reserve now, its history (for the chart), and the last reconciliation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReserveView {
    pub status: ReserveStatus,
    pub history: Vec<ReservePoint>,
    pub reconciliation: Reconciliation,
    pub timezone: String,
    pub today: String,
    /// Accounts whose losses the platform carries (those the reserve covers).
    pub liable_accounts: Vec<ReserveAccount>,
}

/// What an import of a balance-transactions export added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct TransactionsImported {
    #[ts(type = "number")]
    pub imported: i64,
    /// Entries of the file already imported before (same id, same amount): not added again.
    #[ts(type = "number")]
    pub already_imported: i64,
    pub reconciliation: Reconciliation,
}

/// The reserve's facts as stored.
fn load_facts(tx: &Tx<'_>) -> Result<(ReserveFacts, Vec<BalanceTransaction>)> {
    let mut facts = ReserveFacts::default();
    for (id, json) in tx.accounts()? {
        let a = parse_account(&id, &json)?;
        facts.accounts.push(ReserveAccount {
            id: a.id,
            legal_name: a.legal_name,
            losses: a.losses,
            country: a.country,
            debit_negative_balances: a.debit_negative_balances,
            rejected_for_fraud_at: a.rejected_for_fraud_at,
        });
    }
    let mut transactions = Vec::new();
    for r in tx.reserve_entries(None)? {
        let at = stored_instant(&r.at)?;
        let account = r.account.clone().unwrap_or_default();
        match r.kind.as_str() {
            AVAILABLE => facts.readings.push(AvailableReading { account, currency: r.currency, at, available: r.amount }),
            BANK_DEBIT => facts.debits.push(BankDebit { account, currency: r.currency, amount: r.amount, completed_at: at }),
            PLATFORM => facts.platform.push(PlatformReading { currency: r.currency, at, available: r.amount }),
            BALANCE_TRANSACTION => transactions.push(BalanceTransaction {
                id: r.reference.unwrap_or_default(),
                kind: r.account.unwrap_or_default(),
                amount: r.amount,
                currency: r.currency,
                created: at,
                description: r.detail,
            }),
            other => return Err(ErrorBody::internal(format!("stored reserve entry of unknown kind {other:?}"))),
        }
    }
    Ok((facts, transactions))
}

/// Everything the reserve is computed from, as stored: the facts, the imported transactions,
/// and the program's calendar and zone.
struct Loaded {
    rules: cdesk_domain::complaint::DeadlineRules,
    facts: ReserveFacts,
    transactions: Vec<BalanceTransaction>,
}

impl Loaded {
    fn read(tx: &Tx<'_>) -> Result<Self> {
        let (facts, transactions) = load_facts(tx)?;
        Ok(Loaded { rules: load_rules(tx)?, facts, transactions })
    }

    fn cx(&self) -> ReserveContext<'_> {
        ReserveContext { rules: ReserveRules::shipped(), calendar: &self.rules.calendar, timezone: self.rules.timezone }
    }

    fn status(&self, at: DateTime<Utc>) -> Result<ReserveStatus> {
        Ok(reserve::status(&self.facts, at, &self.cx())?)
    }

    fn history(&self, until: DateTime<Utc>) -> Result<Vec<ReservePoint>> {
        Ok(reserve::history(&self.facts, until, &self.cx())?)
    }

    fn reconciliation(&self, history: &[ReservePoint]) -> Result<Reconciliation> {
        Ok(reserve::reconcile(history, &self.transactions, &self.cx())?)
    }
}

fn status_in_tx(tx: &Tx<'_>, at: DateTime<Utc>) -> Result<ReserveStatus> {
    Loaded::read(tx)?.status(at)
}

fn reconciliation_in_tx(tx: &Tx<'_>, now: DateTime<Utc>) -> Result<Reconciliation> {
    let loaded = Loaded::read(tx)?;
    loaded.reconciliation(&loaded.history(now)?)
}

fn parse_optional_instant(at: Option<&str>, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    match at.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => Ok(parse_instant(text, "at")?),
        None => Ok(now),
    }
}

/// The columns of a reserve-readings CSV.
pub const RESERVE_COLUMNS: &[&str] = &["account", "at", "currency", "available"];

impl Desk {
    /// Records an account's available balance as read at an instant.
    ///
    /// # Errors
    /// `InvalidInput` naming `currency`, `available` or `at`; `Rule` `step_in_future`;
    /// `NotFound` for an unknown account. Nothing is written then.
    pub fn record_reserve_balance(&mut self, input: ReserveBalanceInput) -> Result<ReserveRecorded> {
        let now = self.now();
        let at = parse_instant(&input.at, "at")?;
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        self.store.write(|tx| {
            let account = load_account(tx, input.account.trim())?;
            let reading = AvailableReading::new(&account.id, &input.currency, input.available, at, now)?;
            let entries = [reading_entry(&reading)];
            let seq = record_entries(tx, &recorded_at, &actor, (&account.id, "available_balance_recorded"), serde_json::json!({}), &entries)?;
            Ok(ReserveRecorded { seq, recorded: 1, status: status_in_tx(tx, now)? })
        })
    }

    /// Imports available-balance readings from a CSV file; see [`Desk::import_reserve_csv`].
    ///
    /// # Errors
    /// As [`Desk::import_reserve_csv`].
    pub fn import_reserve_file(&mut self, path: &std::path::Path) -> Result<ReserveRecorded> {
        let (name, reader) = crate::import::open_csv(path)?;
        self.import_reserve_csv(&name, reader)
    }

    /// Imports available-balance readings (columns [`RESERVE_COLUMNS`]: account, at, currency,
    /// available in signed minor units). Every row or none, in one audited event.
    ///
    /// # Errors
    /// `InvalidInput` naming the row and column of the first bad value (an unknown account is
    /// named by its row and column `account`); nothing is written then.
    pub fn import_reserve_csv(&mut self, source_name: &str, reader: impl std::io::Read) -> Result<ReserveRecorded> {
        let now = self.now();
        let (mut rdr, headers) = crate::import::read_headers(reader, RESERVE_COLUMNS, RESERVE_COLUMNS)?;
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        let source = source_name.to_owned();
        let mut rows = Vec::new();
        for (i, rec) in rdr.records().enumerate() {
            let row = i as u64 + 2;
            let rec = rec.map_err(|e| ErrorBody::invalid(format!("row {row}"), format!("row {row}: {e}")))?;
            let get = |c: &str| headers.iter().position(|h| h == c).and_then(|p| rec.get(p)).unwrap_or("").to_owned();
            rows.push((row, get("account"), get("at"), get("currency"), get("available")));
        }
        self.store.write(|tx| {
            let mut entries = Vec::new();
            for (row, account, at, currency, available) in rows {
                let at_row = |e: ErrorBody| crate::import::at_row(row, e);
                let account = load_account(tx, account.trim()).map_err(|e| at_row(ErrorBody::invalid("account", e.message)))?;
                let at = parse_instant(&at, "at").map_err(|e| at_row(e.into()))?;
                let available: i64 = available
                    .trim()
                    .parse()
                    .map_err(|_| at_row(ErrorBody::invalid("available", format!("{available:?} is not a whole number (signed minor units)"))))?;
                let reading = AvailableReading::new(&account.id, &currency, available, at, now).map_err(|e| at_row(e.into()))?;
                entries.push(reading_entry(&reading));
            }
            let n = entries.len() as i64;
            let seq = record_entries(tx, &recorded_at, &actor, (&source, "available_balances_imported"), serde_json::json!({ "source": source }), &entries)?;
            Ok(ReserveRecorded { seq, recorded: n, status: status_in_tx(tx, now)? })
        })
    }

    /// Records a completed debit of an account's bank: its amount stays in the reserve to the
    /// end of the 3rd business day after its completion date.
    ///
    /// # Errors
    /// `InvalidInput` naming `currency`, `amount` or `completed_at`; `NotFound`.
    pub fn record_bank_debit(&mut self, input: BankDebitInput) -> Result<ReserveRecorded> {
        let now = self.now();
        let at = parse_instant(&input.completed_at, "completed_at")?;
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        self.store.write(|tx| {
            let account = load_account(tx, input.account.trim())?;
            let d = BankDebit::new(&account.id, &input.currency, input.amount, at, now)?;
            let entries = [ReserveEntry {
                kind: BANK_DEBIT.into(),
                account: Some(d.account.clone()),
                currency: d.currency.clone(),
                at: instant_text(d.completed_at),
                amount: d.amount,
                reference: None,
                detail: None,
            }];
            let seq = record_entries(tx, &recorded_at, &actor, (&account.id, "bank_debit_recorded"), serde_json::json!({}), &entries)?;
            Ok(ReserveRecorded { seq, recorded: 1, status: status_in_tx(tx, now)? })
        })
    }

    /// Records the platform's own available balance as read.
    ///
    /// # Errors
    /// `InvalidInput` naming `currency`, `available` or `at`.
    pub fn record_platform_balance(&mut self, input: PlatformBalanceInput) -> Result<ReserveRecorded> {
        let now = self.now();
        let at = parse_instant(&input.at, "at")?;
        let p = PlatformReading::new(&input.currency, input.available, at, now)?;
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        self.store.write(|tx| {
            let entries = [ReserveEntry { kind: PLATFORM.into(), account: None, currency: p.currency.clone(), at: instant_text(p.at), amount: p.available, reference: None, detail: None }];
            let seq = record_entries(tx, &recorded_at, &actor, (PLATFORM, "platform_balance_recorded"), serde_json::json!({}), &entries)?;
            Ok(ReserveRecorded { seq, recorded: 1, status: status_in_tx(tx, now)? })
        })
    }

    /// Records that the account was rejected for fraud (Stripe's account rejection with reason
    /// `fraud`, which disables its payouts): it leaves the list to act on before a sweep and
    /// stays in the reserve while negative.
    ///
    /// # Errors
    /// `Rule` `account_already_rejected`, `step_in_future`; `InvalidInput` naming `at`; `NotFound`.
    pub fn reject_for_fraud(&mut self, input: RejectForFraudInput) -> Result<RejectedForFraud> {
        let now = self.now();
        let at = parse_instant(&input.at, "at")?;
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        self.store.write(|tx| {
            let mut account = load_account(tx, input.account.trim())?;
            account.reject_for_fraud(at, now)?;
            let request = reserve::reject_for_fraud_request(&account.id);
            let payload = serde_json::json!({ "at": instant_text(at), "reason": "fraud", "request": request });
            record_account_change(tx, &recorded_at, &actor, (ACCOUNT, &account.id, "rejected_for_fraud"), payload, &account)?;
            Ok(RejectedForFraud { curl: request.curl(), request, account: account_view(tx, &account.id, now)? })
        })
    }

    /// Turns the account's `debit_negative_balances` on (where its country allows bank debits)
    /// or off.
    ///
    /// # Errors
    /// `Rule` `bank_debits_not_available`; `InvalidInput` naming `debit_negative_balances` when
    /// nothing changes; `NotFound`.
    pub fn set_debit_negative_balances(&mut self, input: DebitNegativeBalancesInput) -> Result<AccountView> {
        let now = self.now();
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        self.store.write(|tx| {
            let mut account = load_account(tx, input.account.trim())?;
            account.set_debit_negative_balances(input.on, ReserveRules::shipped())?;
            let payload = serde_json::json!({ "debit_negative_balances": input.on });
            record_account_change(tx, &recorded_at, &actor, (ACCOUNT, &account.id, "debit_negative_balances_set"), payload, &account)?;
            account_view(tx, &account.id, now)
        })
    }

    /// The reserve as of `at` (now when none).
    ///
    /// # Errors
    /// `InvalidInput` naming `at`.
    pub fn reserve_status(&mut self, at: Option<&str>) -> Result<ReserveStatus> {
        let at = parse_optional_instant(at, self.now())?;
        self.store.read(|tx| status_in_tx(tx, at))
    }

    /// The Reserve view: the reserve now, its history up to now, the reconciliation.
    ///
    /// # Errors
    /// `Storage` only.
    pub fn reserve_view(&mut self) -> Result<ReserveView> {
        let now = self.now();
        self.store.read(|tx| {
            let loaded = Loaded::read(tx)?;
            let history = loaded.history(now)?;
            Ok(ReserveView {
                status: loaded.status(now)?,
                reconciliation: loaded.reconciliation(&history)?,
                history,
                timezone: loaded.rules.timezone.name().to_owned(),
                today: local_date(now, loaded.rules.timezone).to_string(),
                liable_accounts: loaded.facts.liable_accounts().cloned().collect(),
            })
        })
    }

    /// The reserve changes computed from the readings against the imported `reserve_transaction`
    /// entries, day by day.
    ///
    /// # Errors
    /// `Storage` only.
    pub fn reconcile_reserve(&mut self) -> Result<Reconciliation> {
        let now = self.now();
        self.store.read(|tx| reconciliation_in_tx(tx, now))
    }

    /// Imports a balance-transactions export; see [`Desk::import_balance_transactions_csv`].
    ///
    /// # Errors
    /// As [`Desk::import_balance_transactions_csv`].
    pub fn import_balance_transactions_file(&mut self, path: &std::path::Path) -> Result<TransactionsImported> {
        let (name, reader) = crate::import::open_csv(path)?;
        self.import_balance_transactions_csv(&name, reader)
    }

    /// Imports a Stripe balance-transactions export (columns `id`, `type`, `amount`, `currency`,
    /// `created`, any others ignored; headers in any case, as the API or the Dashboard names
    /// them). Amounts in minor units, or with a decimal point in major units; `created` as Unix
    /// seconds, RFC 3339 or `YYYY-MM-DD HH:MM[:SS]` in UTC. Entries already imported (same id
    /// and amount) are counted, not added again; every row or none.
    ///
    /// # Errors
    /// `InvalidInput` naming the row and column of the first bad value, or an id imported
    /// before with another amount; nothing is written then.
    pub fn import_balance_transactions_csv(&mut self, source_name: &str, reader: impl std::io::Read) -> Result<TransactionsImported> {
        let now = self.now();
        let parsed = crate::import::read_balance_transactions(reader)?;
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        let source = source_name.to_owned();
        self.store.write(|tx| {
            let mut entries = Vec::new();
            let mut already = 0i64;
            let mut seen = std::collections::BTreeSet::new();
            for (row, t) in parsed {
                if !seen.insert(t.id.clone()) {
                    return Err(crate::import::at_row(row, ErrorBody::invalid("id", format!("{} appears twice in the file", t.id))));
                }
                if let Some(before) = tx.reserve_entry_by_ref(BALANCE_TRANSACTION, &t.id)? {
                    let (currency, amount) = (before.currency, before.amount);
                    if currency == t.currency && amount == t.amount {
                        already += 1;
                        continue;
                    }
                    return Err(crate::import::at_row(
                        row,
                        ErrorBody::invalid("id", format!("{} was imported before with another amount ({amount} {currency}); nothing was imported", t.id)),
                    ));
                }
                entries.push(ReserveEntry {
                    kind: BALANCE_TRANSACTION.into(),
                    account: Some(t.kind.clone()),
                    currency: t.currency.clone(),
                    at: instant_text(t.created),
                    amount: t.amount,
                    reference: Some(t.id.clone()),
                    detail: t.description.clone(),
                });
            }
            let n = entries.len() as i64;
            record_entries(
                tx,
                &recorded_at,
                &actor,
                (&source, "balance_transactions_imported"),
                serde_json::json!({ "source": source, "already_imported": already }),
                &entries,
            )?;
            Ok(TransactionsImported { imported: n, already_imported: already, reconciliation: reconciliation_in_tx(tx, now)? })
        })
    }
}
