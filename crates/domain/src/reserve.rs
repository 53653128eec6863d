//! The Connect reserve: while a connected account whose losses the platform carries has a
//! negative available balance, Stripe holds that much of the platform's balance in reserve;
//! 180 calendar days into a negative run it zeroes the account from the reserve; a completed
//! bank debit of the account stays in the reserve 3 more business days. Everything here is
//! computed from recorded facts (readings, debits) as of an instant; the numbers are data
//! (`rules/connect-reserve.toml`).

use std::collections::{BTreeMap, BinaryHeap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::complaint::{end_of_local_day, local_date};
use crate::stripe::{Params, StripeRequest};
use crate::{BusinessCalendar, DomainError, Money};

const RULES: &str = include_str!("../rules/connect-reserve.toml");

/// Who carries a connected account's losses (Stripe's `controller.losses.payments`:
/// `application` is the platform).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum Losses {
    #[default]
    Platform,
    Stripe,
}

impl std::str::FromStr for Losses {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "platform" | "application" => Ok(Losses::Platform),
            "stripe" => Ok(Losses::Stripe),
            other => Err(DomainError::invalid("losses", format!("{other:?} is not one of platform, stripe"))),
        }
    }
}

/// A country code as typed: ISO 3166-1 alpha-2, kept upper-case.
///
/// # Errors
/// `Invalid` naming `country`.
pub fn country(text: &str) -> Result<String, DomainError> {
    let c = text.trim().to_ascii_uppercase();
    if c.len() != 2 || !c.chars().all(|ch| ch.is_ascii_uppercase()) {
        return Err(DomainError::invalid("country", format!("{text:?} is not a two-letter country code (ISO 3166-1, e.g. US, DE, JP)")));
    }
    Ok(c)
}

/// Where Stripe can debit a connected account's bank for its negative balance, with the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct BankDebitCountries {
    pub source: String,
    pub countries: Vec<String>,
}

/// The reserve's numbers, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReserveRules {
    pub sweep_after_calendar_days: u32,
    pub bank_debit_hold_business_days: u32,
    pub sweep_alert_days: u32,
    pub bank_debits: BankDebitCountries,
}

impl Default for ReserveRules {
    fn default() -> Self {
        toml::from_str(RULES).expect("the shipped reserve rules parse")
    }
}

impl ReserveRules {
    /// The shipped rules, read once.
    pub fn shipped() -> &'static ReserveRules {
        static RULES: std::sync::OnceLock<ReserveRules> = std::sync::OnceLock::new();
        RULES.get_or_init(ReserveRules::default)
    }

    pub fn allows_bank_debits(&self, country: &str) -> bool {
        self.bank_debits.countries.iter().any(|c| c.eq_ignore_ascii_case(country))
    }
}

/// An account's available balance in one currency, as read at an instant (signed minor units).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct AvailableReading {
    pub account: String,
    pub currency: String,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    #[ts(type = "number")]
    pub available: i64,
}

/// A completed debit of the account's bank (positive minor units).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct BankDebit {
    pub account: String,
    pub currency: String,
    #[ts(type = "number")]
    pub amount: i64,
    #[ts(type = "string")]
    pub completed_at: DateTime<Utc>,
}

/// The platform's own available balance in one currency, as read at an instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct PlatformReading {
    pub currency: String,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    #[ts(type = "number")]
    pub available: i64,
}

/// What the reserve needs to know of a connected account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReserveAccount {
    pub id: String,
    pub legal_name: String,
    pub losses: Losses,
    pub country: Option<String>,
    pub debit_negative_balances: bool,
    #[ts(type = "string | null")]
    pub rejected_for_fraud_at: Option<DateTime<Utc>>,
}

/// Every recorded fact the reserve is computed from.
#[derive(Debug, Clone, Default)]
pub struct ReserveFacts {
    pub accounts: Vec<ReserveAccount>,
    pub readings: Vec<AvailableReading>,
    pub debits: Vec<BankDebit>,
    pub platform: Vec<PlatformReading>,
}

impl ReserveFacts {
    /// The accounts whose losses the platform carries: those the reserve covers.
    pub fn liable_accounts(&self) -> impl Iterator<Item = &ReserveAccount> {
        self.accounts.iter().filter(|a| a.losses == Losses::Platform)
    }
}

/// What the reserve is computed with besides the facts.
#[derive(Debug, Clone)]
pub struct ReserveContext<'a> {
    pub rules: &'a ReserveRules,
    pub calendar: &'a BusinessCalendar,
    pub timezone: Tz,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct CurrencyAmount {
    pub currency: String,
    #[ts(type = "number")]
    pub amount: i64,
}

/// Something the officer can do about a negative account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum ReserveActionKind {
    /// Transfer funds from the platform to zero the account.
    TransferFunds,
    /// Turn on `debit_negative_balances` so Stripe debits the account's bank.
    EnableDebitNegativeBalances,
    /// Reject the account for fraud (payouts disabled).
    RejectForFraud,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReserveAction {
    pub action: ReserveActionKind,
    #[ts(type = "number | null")]
    pub amount: Option<i64>,
    pub currency: Option<String>,
    pub reason: String,
    /// The Stripe request the action corresponds to, and its `curl` form.
    pub request: StripeRequest,
    pub curl: String,
}

impl ReserveAction {
    pub fn action_code(&self) -> &'static str {
        match self.action {
            ReserveActionKind::TransferFunds => "transfer_funds",
            ReserveActionKind::EnableDebitNegativeBalances => "enable_debit_negative_balances",
            ReserveActionKind::RejectForFraud => "reject_for_fraud",
        }
    }
}

/// An action that is not open to the officer, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct BlockedAction {
    pub action: ReserveActionKind,
    pub reason: String,
}

/// A loss-liable account with a negative balance, to act on before its sweep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct NegativeAccount {
    pub account: String,
    pub legal_name: String,
    pub currency: String,
    /// The latest reading (negative).
    #[ts(type = "number")]
    pub available: i64,
    #[ts(type = "string")]
    pub read_at: DateTime<Utc>,
    /// The first reading of the unbroken negative run.
    #[ts(type = "string")]
    pub negative_since: DateTime<Utc>,
    /// The day Stripe zeroes the account from the reserve.
    #[ts(type = "string")]
    pub sweep_on: NaiveDate,
    pub days_negative: i64,
    pub days_to_sweep: i64,
    /// Within the alert window before the sweep.
    pub sweep_soon: bool,
    pub actions: Vec<ReserveAction>,
    pub blocked: Vec<BlockedAction>,
}

/// An account rejected for fraud: off the list to act on, still in the reserve while negative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct RejectedAccount {
    pub account: String,
    pub legal_name: String,
    pub currency: String,
    #[ts(type = "number")]
    pub available: i64,
    #[ts(type = "string")]
    pub rejected_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub sweep_on: NaiveDate,
}

/// A completed bank debit still held in the reserve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Hold {
    pub account: String,
    pub currency: String,
    #[ts(type = "number")]
    pub amount: i64,
    #[ts(type = "string")]
    pub completed_at: DateTime<Utc>,
    /// The last day the amount is held; released at its end.
    #[ts(type = "string")]
    pub release_on: NaiveDate,
    pub releases_today: bool,
}

/// The platform's balance below the reserve: Stripe debits the platform's bank for the difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Shortfall {
    pub currency: String,
    #[ts(type = "number")]
    pub amount: i64,
    #[ts(type = "number")]
    pub platform_available: i64,
    #[ts(type = "number")]
    pub reserve: i64,
    pub explanation: String,
}

/// The platform's latest balance reading in a currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct PlatformBalance {
    pub currency: String,
    #[ts(type = "number")]
    pub available: i64,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum ReserveAlertKind {
    SweepSoon,
    HoldReleasesToday,
    Shortfall,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReserveAlert {
    pub kind: ReserveAlertKind,
    pub account: Option<String>,
    pub text: String,
}

/// The reserve as of an instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReserveStatus {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub reserve: Vec<CurrencyAmount>,
    /// Sorted by sweep date, soonest first.
    pub accounts: Vec<NegativeAccount>,
    pub rejected: Vec<RejectedAccount>,
    pub holds: Vec<Hold>,
    pub shortfall: Vec<Shortfall>,
    pub platform: Vec<PlatformBalance>,
    pub alerts: Vec<ReserveAlert>,
    pub rules: ReserveRules,
}

/// Why the reserve changed at a point of its history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum ReserveMark {
    /// Stripe zeroed an account 180 days into its negative run.
    Sweep,
    /// A held bank debit was released.
    Release,
    /// A bank debit completed and is held.
    Debit,
    /// A balance reading.
    Reading,
}

/// The reserve in one currency just after a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReservePoint {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub currency: String,
    /// The reserve after the change.
    #[ts(type = "number")]
    pub amount: i64,
    /// The change (positive: more held).
    #[ts(type = "number")]
    pub change: i64,
    pub mark: ReserveMark,
    pub account: String,
}

fn amount_in_range(amount: i64, field: &str) -> Result<i64, DomainError> {
    if amount.unsigned_abs() > crate::money::MAX_AMOUNT_MINOR.unsigned_abs() {
        return Err(DomainError::invalid(field, format!("{amount} is beyond the largest amount accepted ({} minor units)", crate::money::MAX_AMOUNT_MINOR)));
    }
    Ok(amount)
}

impl AvailableReading {
    /// A reading as typed: a known currency, an amount in range, an instant not in the future.
    ///
    /// # Errors
    /// `Invalid` naming `currency` or `available`; `Rule` `step_in_future` for `at`.
    pub fn new(account: &str, currency: &str, available: i64, at: DateTime<Utc>, now: DateTime<Utc>) -> Result<Self, DomainError> {
        crate::not_in_future(at, now, "at")?;
        Ok(AvailableReading { account: account.to_owned(), currency: crate::money::currency(currency, "currency")?, at, available: amount_in_range(available, "available")? })
    }
}

impl BankDebit {
    /// A completed bank debit as typed: a positive amount.
    ///
    /// # Errors
    /// `Invalid` naming `currency` or `amount`; `Rule` `step_in_future` for `completed_at`.
    pub fn new(account: &str, currency: &str, amount: i64, completed_at: DateTime<Utc>, now: DateTime<Utc>) -> Result<Self, DomainError> {
        crate::not_in_future(completed_at, now, "completed_at")?;
        if amount <= 0 {
            return Err(DomainError::invalid("amount", "a bank debit's amount is positive (minor units)"));
        }
        Ok(BankDebit { account: account.to_owned(), currency: crate::money::currency(currency, "currency")?, amount: amount_in_range(amount, "amount")?, completed_at })
    }
}

impl PlatformReading {
    /// A reading of the platform's balance as typed.
    ///
    /// # Errors
    /// `Invalid` naming `currency` or `available`; `Rule` `step_in_future` for `at`.
    pub fn new(currency: &str, available: i64, at: DateTime<Utc>, now: DateTime<Utc>) -> Result<Self, DomainError> {
        crate::not_in_future(at, now, "at")?;
        Ok(PlatformReading { currency: crate::money::currency(currency, "currency")?, at, available: amount_in_range(available, "available")? })
    }
}

fn overflow() -> DomainError {
    DomainError::invalid("amount", "the amounts add up beyond what can be counted")
}

fn add(a: i64, b: i64) -> Result<i64, DomainError> {
    a.checked_add(b).ok_or_else(overflow)
}

/// The first instant of a local day.
fn start_of_local_day(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    end_of_local_day(date.pred_opt().unwrap_or(date), tz) + Duration::seconds(1)
}

impl ReserveContext<'_> {
    /// The day Stripe sweeps a run that started at `since`.
    pub fn sweep_on(&self, since: DateTime<Utc>) -> NaiveDate {
        local_date(since, self.timezone) + Duration::days(i64::from(self.rules.sweep_after_calendar_days))
    }

    fn sweep_at(&self, since: DateTime<Utc>) -> DateTime<Utc> {
        start_of_local_day(self.sweep_on(since), self.timezone)
    }

    /// The last day a debit completed at `completed_at` is held.
    pub fn release_on(&self, completed_at: DateTime<Utc>) -> NaiveDate {
        self.calendar.add_business_days(local_date(completed_at, self.timezone), self.rules.bank_debit_hold_business_days)
    }

    fn release_at(&self, completed_at: DateTime<Utc>) -> DateTime<Utc> {
        end_of_local_day(self.release_on(completed_at), self.timezone) + Duration::seconds(1)
    }
}

/// One account's balance in one currency as of an instant.
struct Standing<'f> {
    latest: Option<&'f AvailableReading>,
    /// The start of the negative run still in the reserve (not ended, not swept).
    run_since: Option<DateTime<Utc>>,
}

/// Walks an account's readings (sorted) up to `at`.
fn standing<'f>(readings: &[&'f AvailableReading], at: DateTime<Utc>, cx: &ReserveContext<'_>) -> Standing<'f> {
    let mut latest = None;
    let mut run: Option<DateTime<Utc>> = None;
    for r in readings.iter().take_while(|r| r.at <= at) {
        if run.is_some_and(|since| r.at >= cx.sweep_at(since)) {
            run = None;
        }
        if r.available < 0 {
            run.get_or_insert(r.at);
        } else {
            run = None;
        }
        latest = Some(*r);
    }
    if run.is_some_and(|since| at >= cx.sweep_at(since)) {
        run = None;
    }
    Standing { latest, run_since: run }
}

type Key<'f> = (&'f str, &'f str);

fn readings_by_account(facts: &ReserveFacts) -> BTreeMap<Key<'_>, Vec<&AvailableReading>> {
    let mut by: BTreeMap<Key<'_>, Vec<&AvailableReading>> = BTreeMap::new();
    for r in &facts.readings {
        by.entry((r.account.as_str(), r.currency.as_str())).or_default().push(r);
    }
    for list in by.values_mut() {
        // Stable: readings at the same instant keep the order they were recorded in.
        list.sort_by_key(|r| r.at);
    }
    by
}

fn liable<'f>(facts: &'f ReserveFacts, id: &str) -> Option<&'f ReserveAccount> {
    facts.liable_accounts().find(|a| a.id == id)
}

fn money(amount: i64, currency: &str) -> String {
    Money { amount_minor: amount, currency: currency.to_owned() }.display()
}

/// The reserve as of `at`: its amount per currency, the accounts to act on before their sweep,
/// rejected accounts still negative, the debits still held, and the platform's shortfall.
///
/// # Errors
/// `Invalid` when the amounts add up beyond what can be counted.
pub fn status(facts: &ReserveFacts, at: DateTime<Utc>, cx: &ReserveContext<'_>) -> Result<ReserveStatus, DomainError> {
    let today = local_date(at, cx.timezone);
    let mut reserve: BTreeMap<String, i64> = BTreeMap::new();
    let mut accounts = Vec::new();
    let mut rejected = Vec::new();
    let mut alerts = Vec::new();
    for ((id, currency), readings) in readings_by_account(facts) {
        let Some(account) = liable(facts, id) else { continue };
        let s = standing(&readings, at, cx);
        let (Some(latest), Some(since)) = (s.latest, s.run_since) else { continue };
        let total = reserve.entry(currency.to_owned()).or_insert(0);
        *total = add(*total, latest.available.checked_neg().ok_or_else(overflow)?)?;
        let sweep_on = cx.sweep_on(since);
        match account.rejected_for_fraud_at.filter(|r| *r <= at) {
            Some(rejected_at) => rejected.push(RejectedAccount {
                account: id.to_owned(),
                legal_name: account.legal_name.clone(),
                currency: currency.to_owned(),
                available: latest.available,
                rejected_at,
                sweep_on,
            }),
            None => {
                let days_to_sweep = (sweep_on - today).num_days();
                let sweep_soon = days_to_sweep <= i64::from(cx.rules.sweep_alert_days);
                if sweep_soon {
                    alerts.push(ReserveAlert {
                        kind: ReserveAlertKind::SweepSoon,
                        account: Some(id.to_owned()),
                        text: format!(
                            "{id} ({}) has been negative since {}: Stripe sweeps {} from the reserve on {sweep_on}, in {days_to_sweep} days",
                            account.legal_name,
                            local_date(since, cx.timezone),
                            money(-latest.available, currency)
                        ),
                    });
                }
                let (actions, blocked) = open_actions(account, latest.available, currency, sweep_on, cx.rules);
                accounts.push(NegativeAccount {
                    account: id.to_owned(),
                    legal_name: account.legal_name.clone(),
                    currency: currency.to_owned(),
                    available: latest.available,
                    read_at: latest.at,
                    negative_since: since,
                    sweep_on,
                    days_negative: (today - local_date(since, cx.timezone)).num_days(),
                    days_to_sweep,
                    sweep_soon,
                    actions,
                    blocked,
                });
            }
        }
    }
    accounts.sort_by(|a, b| (a.sweep_on, &a.account, &a.currency).cmp(&(b.sweep_on, &b.account, &b.currency)));
    let mut holds = Vec::new();
    for d in &facts.debits {
        if liable(facts, &d.account).is_none() || d.completed_at > at || at >= cx.release_at(d.completed_at) {
            continue;
        }
        let total = reserve.entry(d.currency.clone()).or_insert(0);
        *total = add(*total, d.amount)?;
        let release_on = cx.release_on(d.completed_at);
        let releases_today = release_on == today;
        if releases_today {
            alerts.push(ReserveAlert {
                kind: ReserveAlertKind::HoldReleasesToday,
                account: Some(d.account.clone()),
                text: format!("{} of the bank debit of {} is released from the reserve at the end of today", money(d.amount, &d.currency), d.account),
            });
        }
        holds.push(Hold { account: d.account.clone(), currency: d.currency.clone(), amount: d.amount, completed_at: d.completed_at, release_on, releases_today });
    }
    holds.sort_by(|a, b| (a.release_on, &a.account).cmp(&(b.release_on, &b.account)));
    let mut platform: BTreeMap<&str, &PlatformReading> = BTreeMap::new();
    for p in facts.platform.iter().filter(|p| p.at <= at) {
        let slot = platform.entry(p.currency.as_str()).or_insert(p);
        if p.at >= slot.at {
            *slot = p;
        }
    }
    let mut shortfall = Vec::new();
    for (currency, held) in &reserve {
        let Some(p) = platform.get(currency.as_str()) else { continue };
        if p.available < *held {
            let amount = held.checked_sub(p.available).ok_or_else(overflow)?;
            let explanation = format!(
                "the platform's available balance ({} on {}) is below the reserve ({}): Stripe debits the platform's bank account for {}, and credits it back when the accounts turn positive",
                money(p.available, currency),
                local_date(p.at, cx.timezone),
                money(*held, currency),
                money(amount, currency)
            );
            alerts.push(ReserveAlert { kind: ReserveAlertKind::Shortfall, account: None, text: explanation.clone() });
            shortfall.push(Shortfall { currency: currency.clone(), amount, platform_available: p.available, reserve: *held, explanation });
        }
    }
    Ok(ReserveStatus {
        at,
        reserve: reserve.into_iter().filter(|(_, a)| *a != 0).map(|(currency, amount)| CurrencyAmount { currency, amount }).collect(),
        accounts,
        rejected,
        holds,
        shortfall,
        platform: platform.values().map(|p| PlatformBalance { currency: p.currency.clone(), available: p.available, at: p.at }).collect(),
        alerts,
        rules: cx.rules.clone(),
    })
}

/// The Stripe request that rejects an account for fraud (payouts are disabled with it).
pub fn reject_for_fraud_request(account: &str) -> StripeRequest {
    StripeRequest::post(format!("/v1/accounts/{account}/reject"), None, format!("cdesk-{account}-reject-fraud"), Params::default().add("reason", "fraud").build())
}

/// The actions open to the officer on a negative account, and those that are not, with why.
fn action(action: ReserveActionKind, amount: Option<i64>, currency: Option<String>, reason: String, request: StripeRequest) -> ReserveAction {
    ReserveAction { action, amount, currency, reason, curl: request.curl(), request }
}

fn open_actions(a: &ReserveAccount, available: i64, currency: &str, sweep_on: NaiveDate, rules: &ReserveRules) -> (Vec<ReserveAction>, Vec<BlockedAction>) {
    let owed = available.saturating_neg();
    let mut actions = vec![action(
        ReserveActionKind::TransferFunds,
        Some(owed),
        Some(currency.to_owned()),
        format!(
            "transfer {} from the platform to {} to zero its balance and release it from the reserve; otherwise Stripe sweeps it from the reserve on {sweep_on}",
            money(owed, currency),
            a.id
        ),
        StripeRequest::post(
            "/v1/transfers",
            None,
            format!("cdesk-{}-zero-{currency}-{owed}", a.id),
            Params::default().add("amount", owed).add("currency", currency).add("destination", &a.id).add("description", "Zero a negative balance").build(),
        ),
    )];
    let mut blocked = Vec::new();
    let debit = ReserveActionKind::EnableDebitNegativeBalances;
    match (&a.country, a.debit_negative_balances) {
        (_, true) => blocked.push(BlockedAction {
            action: debit,
            reason: "`debit_negative_balances` is already on: Stripe tries to debit the account's bank for the balance".into(),
        }),
        (Some(c), false) if rules.allows_bank_debits(c) => actions.push(action(
            debit,
            None,
            None,
            format!("turn on `debit_negative_balances`: {c} allows bank debits, so Stripe can recover the balance from the account's bank"),
            StripeRequest::post(
                format!("/v1/accounts/{}", a.id),
                None,
                format!("cdesk-{}-debit-negative-balances", a.id),
                Params::default().add("settings[payouts][debit_negative_balances]", "true").build(),
            ),
        )),
        (Some(c), false) => blocked.push(BlockedAction {
            action: debit,
            reason: format!("{c} does not allow bank debits of connected accounts ({})", rules.bank_debits.source),
        }),
        (None, false) => blocked.push(BlockedAction {
            action: debit,
            reason: "the account's country is not recorded: bank debits are possible only in some countries".into(),
        }),
    }
    actions.push(action(
        ReserveActionKind::RejectForFraud,
        None,
        None,
        "if the account is fraudulent: reject it (reason fraud), which disables its payouts; it stays in the reserve until its balance is zeroed".into(),
        reject_for_fraud_request(&a.id),
    ));
    (actions, blocked)
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Change {
    // Order at one instant: sweeps and releases first, then debits, then readings.
    Sweep { key: (String, String), since: DateTime<Utc> },
    Release { debit: usize },
    Debit { debit: usize },
    Reading { reading: usize },
}

/// An account's part of the reserve in one currency, and the start of its negative run.
type Part = (i64, Option<DateTime<Utc>>);

/// The reserve's history: one point per change (reading, debit, release, sweep) up to `until`,
/// oldest first, with the reserve in that currency after it.
///
/// # Errors
/// `Invalid` when the amounts add up beyond what can be counted.
pub fn history(facts: &ReserveFacts, until: DateTime<Utc>, cx: &ReserveContext<'_>) -> Result<Vec<ReservePoint>, DomainError> {
    use std::cmp::Reverse;
    let mut queue: BinaryHeap<Reverse<(DateTime<Utc>, Change)>> = BinaryHeap::new();
    for (i, r) in facts.readings.iter().enumerate() {
        if liable(facts, &r.account).is_some() && r.at <= until {
            queue.push(Reverse((r.at, Change::Reading { reading: i })));
        }
    }
    for (i, d) in facts.debits.iter().enumerate() {
        if liable(facts, &d.account).is_some() && d.completed_at <= until {
            queue.push(Reverse((d.completed_at, Change::Debit { debit: i })));
            let release = cx.release_at(d.completed_at);
            if release <= until {
                queue.push(Reverse((release, Change::Release { debit: i })));
            }
        }
    }
    // Per account and currency: its part of the reserve and the start of its negative run.
    let mut parts: BTreeMap<(String, String), Part> = BTreeMap::new();
    let mut totals: BTreeMap<String, i64> = BTreeMap::new();
    let mut points = Vec::new();
    while let Some(Reverse((at, change))) = queue.pop() {
        let (currency, account, delta, mark) = match change {
            Change::Reading { reading } => {
                let r = &facts.readings[reading];
                let key = (r.account.clone(), r.currency.clone());
                let part = parts.entry(key.clone()).or_insert((0, None));
                let new_part = if r.available < 0 { r.available.checked_neg().ok_or_else(overflow)? } else { 0 };
                if r.available < 0 && part.1.is_none() {
                    part.1 = Some(r.at);
                    let sweep = cx.sweep_at(r.at);
                    if sweep <= until {
                        queue.push(Reverse((sweep, Change::Sweep { key, since: r.at })));
                    }
                } else if r.available >= 0 {
                    part.1 = None;
                }
                let delta = new_part.checked_sub(part.0).ok_or_else(overflow)?;
                part.0 = new_part;
                (r.currency.clone(), r.account.clone(), delta, ReserveMark::Reading)
            }
            Change::Sweep { key, since } => {
                let Some(part) = parts.get_mut(&key) else { continue };
                if part.1 != Some(since) {
                    continue;
                }
                let delta = part.0.checked_neg().ok_or_else(overflow)?;
                *part = (0, None);
                (key.1, key.0, delta, ReserveMark::Sweep)
            }
            Change::Debit { debit } => {
                let d = &facts.debits[debit];
                (d.currency.clone(), d.account.clone(), d.amount, ReserveMark::Debit)
            }
            Change::Release { debit } => {
                let d = &facts.debits[debit];
                (d.currency.clone(), d.account.clone(), d.amount.checked_neg().ok_or_else(overflow)?, ReserveMark::Release)
            }
        };
        let total = totals.entry(currency.clone()).or_insert(0);
        *total = add(*total, delta)?;
        points.push(ReservePoint { at, currency, amount: *total, change: delta, mark, account });
    }
    Ok(points)
}

/// An entry of a Stripe balance-transactions export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct BalanceTransaction {
    pub id: String,
    /// Stripe's `type`, e.g. `reserve_transaction`, `charge`, `transfer`.
    pub kind: String,
    #[ts(type = "number")]
    pub amount: i64,
    pub currency: String,
    #[ts(type = "string")]
    pub created: DateTime<Utc>,
    pub description: Option<String>,
}

/// The type of the entries that move funds into and out of the Connect reserve.
pub const RESERVE_TRANSACTION: &str = "reserve_transaction";

/// One day and currency where the reserve changes computed from the readings and the
/// `reserve_transaction` entries Stripe exported disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReconciliationDifference {
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub currency: String,
    /// What the readings say the platform's balance should have moved by (the reserve's
    /// growth taken from it is negative, a release positive).
    #[ts(type = "number")]
    pub expected: i64,
    /// The sum of that day's `reserve_transaction` entries.
    #[ts(type = "number")]
    pub recorded: i64,
    #[ts(type = "number")]
    pub difference: i64,
    pub transactions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Reconciliation {
    /// Days and currencies compared (those with a change on either side).
    pub days_compared: u32,
    pub reserve_transactions: u32,
    pub differences: Vec<ReconciliationDifference>,
}

/// Compares, per local day and currency, the reserve changes computed from the readings with
/// the `reserve_transaction` entries of a balance-transactions export (the reserve growing by
/// X shows there as -X on the platform's balance, a release as +X).
///
/// # Errors
/// `Invalid` when the amounts add up beyond what can be counted.
pub fn reconcile(points: &[ReservePoint], transactions: &[BalanceTransaction], cx: &ReserveContext<'_>) -> Result<Reconciliation, DomainError> {
    let mut days: BTreeMap<(NaiveDate, String), (i64, i64, Vec<String>)> = BTreeMap::new();
    for p in points {
        let e = days.entry((local_date(p.at, cx.timezone), p.currency.clone())).or_default();
        e.0 = e.0.checked_sub(p.change).ok_or_else(overflow)?;
    }
    let mut count = 0;
    for t in transactions.iter().filter(|t| t.kind == RESERVE_TRANSACTION) {
        count += 1;
        let e = days.entry((local_date(t.created, cx.timezone), t.currency.clone())).or_default();
        e.1 = add(e.1, t.amount)?;
        e.2.push(t.id.clone());
    }
    let days_compared = days.values().filter(|(e, r, ids)| *e != 0 || *r != 0 || !ids.is_empty()).count() as u32;
    let differences = days
        .into_iter()
        .filter(|(_, (e, r, _))| e != r)
        .map(|((date, currency), (expected, recorded, transactions))| ReconciliationDifference {
            date,
            currency,
            expected,
            recorded,
            difference: recorded - expected,
            transactions,
        })
        .collect();
    Ok(Reconciliation { days_compared, reserve_transactions: count, differences })
}

#[cfg(test)]
mod tests;
