//! Connected accounts and their credit policy: what the platform extends to an account whose
//! charge cards it backs. Validation only; changes to terms go through the credit module.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{DomainError, Money};

/// How the credit period is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum PeriodInterval {
    Day,
    Month,
}

impl std::str::FromStr for PeriodInterval {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" => Ok(PeriodInterval::Day),
            "month" => Ok(PeriodInterval::Month),
            other => Err(DomainError::invalid("period", format!("{other:?} is not one of day, month"))),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum PolicyStatus {
    Active,
    Inactive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum CapabilityStatus {
    Active,
    Revoked,
}

/// Whether the account holder is a business or a person (Stripe's `business_type`): a notice
/// addresses them accordingly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum BusinessType {
    #[default]
    Company,
    Individual,
}

impl std::str::FromStr for BusinessType {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "company" => Ok(BusinessType::Company),
            "individual" => Ok(BusinessType::Individual),
            other => Err(DomainError::invalid("business_type", format!("{other:?} is not one of company, individual"))),
        }
    }
}

/// The terms of a credit line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct CreditPolicy {
    pub limit: Money,
    pub period_interval: PeriodInterval,
    pub period_count: u32,
    pub days_until_due: u32,
    pub status: PolicyStatus,
}

/// A connected account as the platform records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ConnectedAccount {
    /// `acct_...`.
    pub id: String,
    pub legal_name: String,
    pub email: String,
    /// Postal address for notices.
    pub address: Option<String>,
    /// A business (the default: credit lines go to businesses) or a person.
    #[serde(default)]
    pub business_type: BusinessType,
    pub policy: CreditPolicy,
    /// The Issuing balance (may be negative: the account owes Stripe) and when it was read.
    pub balance: Money,
    #[ts(type = "string")]
    pub balance_at: DateTime<Utc>,
    /// Every Issuing balance read, by the instant it was read (a deactivation is judged against
    /// the latest reading at or before its instant).
    #[serde(default)]
    pub balance_readings: Vec<BalanceReading>,
    pub capability: CapabilityStatus,
    /// A limit approved by an underwriting record and not yet set on the policy.
    #[serde(default)]
    pub approved_limit: Option<ApprovedLimit>,
    /// Stripe's written approval of a period change, not yet used by a scheduled change.
    #[serde(default)]
    pub period_approval: Option<PeriodApproval>,
    /// A scheduled period change (`upcoming_attributes`).
    #[serde(default)]
    pub upcoming: Option<UpcomingTerms>,
    /// The terms before the last change (`last_effective_attributes`).
    #[serde(default)]
    pub last_effective: Option<LastEffective>,
    /// The closure case in progress, or the one that closed the line.
    #[serde(default)]
    pub closure_case: Option<String>,
    /// The latest approved credit application.
    #[serde(default)]
    pub last_application: Option<ApprovedApplication>,
    /// Stripe object ids the officer recorded for account-level requests, by idempotency key.
    #[serde(default)]
    pub stripe_objects: std::collections::BTreeMap<String, String>,
    /// Who carries the account's losses (Stripe's `controller.losses.payments`): the platform's
    /// Connect reserve covers only the accounts whose losses it carries.
    #[serde(default)]
    pub losses: crate::reserve::Losses,
    /// ISO 3166-1 alpha-2, upper-case: where bank debits of the account are possible.
    #[serde(default)]
    pub country: Option<String>,
    /// Whether Stripe debits the account's bank for a negative balance.
    #[serde(default)]
    pub debit_negative_balances: bool,
    /// When the account was rejected for fraud (payouts disabled).
    #[serde(default)]
    #[ts(type = "string | null")]
    pub rejected_for_fraud_at: Option<DateTime<Utc>>,
}

/// The Issuing balance as read at an instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct BalanceReading {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub balance: Money,
    /// The balance the account was recorded with: it stands for every instant before the first
    /// reading dated by an officer (nobody knows an earlier one), and any dated reading replaces
    /// it from its instant on.
    #[serde(default)]
    pub opening: bool,
}

/// An approved credit application as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ApprovedApplication {
    pub purpose: ApplicationPurpose,
    pub amount: Money,
    #[ts(type = "string")]
    pub decided_at: DateTime<Utc>,
    /// Whether approving it requested the `card_issuing_charge_card` capability again.
    pub capability_requested: bool,
}

/// Where an approved limit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum LimitSource {
    /// An approved application (increase or a new credit line).
    Application,
    /// A proactive review that lowered the limit (an adverse action with its own case).
    ProactiveReview,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ApprovedLimit {
    pub amount: Money,
    #[ts(type = "string")]
    pub decided_at: DateTime<Utc>,
    pub source: LimitSource,
    /// The limit-decrease case, for a proactive review.
    pub case_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct PeriodApproval {
    #[ts(type = "string")]
    pub approved_at: DateTime<Utc>,
    /// Stripe's reference for its written approval.
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct UpcomingTerms {
    pub period_interval: PeriodInterval,
    pub period_count: u32,
    /// Always 00:00 UTC.
    #[ts(type = "string")]
    pub effective_at: DateTime<Utc>,
    pub approval: PeriodApproval,
    /// When a change-in-terms notice went to the account holder, if one was needed.
    #[ts(type = "string | null")]
    pub change_in_terms_notice_at: Option<DateTime<Utc>>,
    /// A new `days_until_due` that takes effect with the period, if it changes too.
    #[serde(default)]
    pub days_until_due: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct LastEffective {
    pub limit: Money,
    pub period_interval: PeriodInterval,
    pub period_count: u32,
    pub days_until_due: u32,
    #[ts(type = "string")]
    pub effective_until: DateTime<Utc>,
}

/// A credit period change as asked for: the new period, optionally a new `days_until_due`
/// (the seed's example moves it from 1 to 0 with the period), and when it takes effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodChange {
    pub interval: PeriodInterval,
    pub count: u32,
    pub days_until_due: Option<u32>,
    pub effective_at: DateTime<Utc>,
    pub change_in_terms_notice_at: Option<DateTime<Utc>>,
}

/// Why a credit application was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum ApplicationPurpose {
    /// A higher limit on an open line.
    CreditLimitIncrease,
    /// A new credit line: the only way a closed line reopens.
    CreditLineOpening,
}

impl std::str::FromStr for ApplicationPurpose {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        match s.trim() {
            "credit_limit_increase" => Ok(ApplicationPurpose::CreditLimitIncrease),
            "credit_line_opening" => Ok(ApplicationPurpose::CreditLineOpening),
            other => Err(DomainError::invalid("purpose", format!("{other:?} is not one of credit_limit_increase, credit_line_opening"))),
        }
    }
}

fn reopen_refusal() -> DomainError {
    DomainError::rule(
        "closed_line_reopens_by_application",
        "a closed credit line cannot be set active again; only a newly recorded, approved credit application \
         (purpose credit_line_opening) reopens it",
    )
}

impl ConnectedAccount {
    /// The Issuing balance at an instant: the latest reading at or before it, if any.
    pub fn balance_as_of(&self, at: DateTime<Utc>) -> Option<Money> {
        if self.balance_readings.is_empty() {
            // Accounts recorded before readings were kept have their one balance as the opening one.
            return Some(self.balance.clone());
        }
        self.balance_readings
            .iter()
            .filter(|r| r.opening || r.at <= at)
            .max_by_key(|r| (!r.opening, r.at))
            .map(|r| r.balance.clone())
    }

    /// The reading the account shows as its balance: the latest dated one, else the opening one.
    fn latest_reading(&self) -> Option<&BalanceReading> {
        self.balance_readings.iter().max_by_key(|r| (!r.opening, r.at))
    }

    /// Records the Issuing balance as read at `at` (which may be earlier than other readings: a
    /// statement entered late). The account shows its latest reading.
    ///
    /// # Errors
    /// `Rule` `step_in_future`; `Invalid` naming `amount`; `Rule` `deactivate_with_negative_balance`
    /// when the reading would show the account owing at a deactivation already recorded (any of
    /// `deactivations`, the instants its cases deactivated it) that an earlier reading allowed.
    pub fn record_balance(
        &mut self,
        amount_minor: i64,
        at: DateTime<Utc>,
        now: DateTime<Utc>,
        deactivations: &[DateTime<Utc>],
    ) -> Result<(), DomainError> {
        crate::not_in_future(at, now, "at")?;
        let balance = self.balance.with_amount(amount_minor, "amount")?;
        for &d in deactivations {
            // The new reading governs the deactivation when no other dated reading falls after it
            // and still at or before the deactivation (at the same instant, the new one wins).
            let governs = at <= d && self.balance_readings.iter().all(|r| r.opening || r.at <= at || r.at > d);
            if governs && amount_minor < 0 {
                return Err(DomainError::rule(
                    "deactivate_with_negative_balance",
                    format!(
                        "a balance of {} read at {} would show the account owing Stripe when its credit policy was deactivated ({})",
                        balance.display(),
                        at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                        d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                    ),
                ));
            }
        }
        if self.balance_readings.is_empty() {
            self.balance_readings.push(BalanceReading { at: self.balance_at, balance: self.balance.clone(), opening: true });
        }
        self.balance_readings.push(BalanceReading { at, balance, opening: false });
        self.balance_readings.sort_by_key(|r| (!r.opening, r.at));
        let latest = self.latest_reading().expect("a reading was just added").clone();
        self.balance = latest.balance;
        self.balance_at = latest.at;
        Ok(())
    }

    /// Records whether the holder is a business or a person (how notices address them).
    ///
    /// # Errors
    /// `Invalid` naming `business_type` when it is already that.
    pub fn set_business_type(&mut self, business_type: BusinessType) -> Result<(), DomainError> {
        if self.business_type == business_type {
            return Err(DomainError::invalid("business_type", "the account holder is already recorded as that"));
        }
        self.business_type = business_type;
        Ok(())
    }

    /// Records the account's rejection for fraud at `at` (Stripe's account rejection with reason
    /// `fraud`, which disables its payouts).
    ///
    /// # Errors
    /// `Rule` `account_already_rejected`, `step_in_future`.
    pub fn reject_for_fraud(&mut self, at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), DomainError> {
        crate::not_in_future(at, now, "at")?;
        if let Some(when) = self.rejected_for_fraud_at {
            return Err(DomainError::rule(
                "account_already_rejected",
                format!("{} was already rejected for fraud at {}", self.id, when.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            ));
        }
        self.rejected_for_fraud_at = Some(at);
        Ok(())
    }

    /// Turns `debit_negative_balances` on or off. Turning it on is refused where the account's
    /// country does not allow bank debits.
    ///
    /// # Errors
    /// `Invalid` naming `debit_negative_balances` when nothing changes; `Rule`
    /// `bank_debits_not_available` for a country without bank debits (or none recorded).
    pub fn set_debit_negative_balances(&mut self, on: bool, rules: &crate::reserve::ReserveRules) -> Result<(), DomainError> {
        if self.debit_negative_balances == on {
            return Err(DomainError::invalid("debit_negative_balances", format!("it is already {}", if on { "on" } else { "off" })));
        }
        if on {
            self.check_bank_debits(rules)?;
        }
        self.debit_negative_balances = on;
        Ok(())
    }

    /// Whether the account's country allows bank debits of a connected account.
    ///
    /// # Errors
    /// `Rule` `bank_debits_not_available`.
    pub fn check_bank_debits(&self, rules: &crate::reserve::ReserveRules) -> Result<(), DomainError> {
        match &self.country {
            Some(c) if rules.allows_bank_debits(c) => Ok(()),
            Some(c) => Err(DomainError::rule(
                "bank_debits_not_available",
                format!("{c} does not allow bank debits of connected accounts ({})", rules.bank_debits.source),
            )),
            None => Err(DomainError::rule(
                "bank_debits_not_available",
                format!("{} has no country recorded: bank debits are possible only in some countries; record its country first", self.id),
            )),
        }
    }

    /// Opens a closure of the line: refused when it is closed or already being closed.
    ///
    /// # Errors
    /// `Rule` `line_already_closed`, `closure_in_progress`.
    pub fn open_closure(&mut self, case_id: &str) -> Result<(), DomainError> {
        if self.policy.status == PolicyStatus::Inactive {
            return Err(DomainError::rule("line_already_closed", format!("the credit line of {} is already closed", self.id)));
        }
        if let Some(open) = &self.closure_case {
            return Err(DomainError::rule("closure_in_progress", format!("the credit line of {} is already being closed ({open})", self.id)));
        }
        self.closure_case = Some(case_id.to_owned());
        self.approved_limit = None;
        Ok(())
    }

    /// What a step of case `case_id` does to the account: deactivation sets the policy inactive,
    /// revocation revokes the capability, a decrease sets its limit.
    ///
    /// # Errors
    /// `Rule` `limit_needs_underwriting_record` when a later record replaced the decrease's limit,
    /// and the other refusals of [`ConnectedAccount::set_limit`].
    pub fn apply_case_step(&mut self, case_id: &str, kind: &crate::credit::CaseKind, event: &crate::credit::history::CaseEvent) -> Result<(), DomainError> {
        use crate::credit::history::CaseEvent;
        match event {
            CaseEvent::Deactivated { .. } => self.policy.status = PolicyStatus::Inactive,
            CaseEvent::CapabilityRevoked { .. } => self.capability = CapabilityStatus::Revoked,
            CaseEvent::LimitApplied { at } => {
                let crate::credit::CaseKind::LimitDecrease { to, .. } = kind else {
                    return Err(DomainError::rule("step_not_in_case", "a closure sets no new limit"));
                };
                if self.set_limit(to.clone(), *at)?.as_deref() != Some(case_id) {
                    return Err(DomainError::rule(
                        "limit_needs_underwriting_record",
                        "a later underwriting record replaced this decision's limit",
                    ));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Undoes what a voided step of case `case_id` did to the account.
    ///
    /// # Errors
    /// `Rule` `void_superseded_step` when the account moved on since (a line reopened by a new
    /// application, a limit changed or another limit approved after the decrease was set): the
    /// later change stands, so the step it built on cannot be unmade.
    pub fn undo_case_step(&mut self, case_id: &str, case: &crate::credit::CreditCase, event: &crate::credit::history::CaseEvent) -> Result<(), DomainError> {
        use crate::credit::history::CaseEvent;
        let moved_on = |what: &str| {
            DomainError::rule("void_superseded_step", format!("{what} since this step of {case_id}; the later change stands, so this step cannot be voided"))
        };
        match event {
            CaseEvent::Deactivated { .. } | CaseEvent::CapabilityRevoked { .. } if self.closure_case.as_deref() != Some(case_id) => {
                return Err(moved_on("a new approved application reopened the credit line"));
            }
            CaseEvent::Deactivated { .. } => self.policy.status = PolicyStatus::Active,
            CaseEvent::CapabilityRevoked { .. } => self.capability = CapabilityStatus::Active,
            CaseEvent::LimitApplied { .. } => {
                if let crate::credit::CaseKind::LimitDecrease { from, to } = &case.kind {
                    if self.policy.limit != *to || self.approved_limit.is_some() || self.closure_case.is_some() {
                        return Err(moved_on("the credit limit changed, another limit was approved, or a closure began"));
                    }
                    self.policy.limit = from.clone();
                    self.approved_limit = Some(ApprovedLimit {
                        amount: to.clone(),
                        decided_at: case.decided_at,
                        source: LimitSource::ProactiveReview,
                        case_id: Some(case_id.to_owned()),
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Sets the limit by hand (not from a decrease case, which sets its own).
    ///
    /// # Errors
    /// `Rule` `step_in_future`, `limit_decrease_is_a_case_step`, and those of [`ConnectedAccount::set_limit`].
    pub fn set_limit_by_hand(&mut self, amount_minor: i64, at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), DomainError> {
        crate::not_in_future(at, now, "at")?;
        let amount = self.policy.limit.with_amount(amount_minor, "amount")?;
        if self.approved_limit.as_ref().is_some_and(|ap| ap.case_id.is_some() && ap.amount == amount) {
            return Err(DomainError::rule(
                "limit_decrease_is_a_case_step",
                "this limit comes from a limit-decrease case; set it from the case so the case records it",
            ));
        }
        self.set_limit(amount, at).map(|_| ())
    }

    /// Records the Stripe object id returned for one of the account's requests.
    ///
    /// # Errors
    /// `Invalid` naming `object_id`, or `idempotency_key` when the account shows no such request.
    pub fn record_stripe_object(&mut self, idempotency_key: &str, object_id: &str) -> Result<(), DomainError> {
        let object_id = crate::stripe::object_id(object_id)?;
        let key = idempotency_key.trim();
        if !self.stripe_requests().iter().any(|(_, r)| r.idempotency_key == key) {
            return Err(DomainError::invalid("idempotency_key", format!("{} shows no request with the key {key}", self.id)));
        }
        self.stripe_objects.insert(key.to_owned(), object_id);
        Ok(())
    }

    /// The Stripe requests of the latest approved application and of pending term changes (a
    /// limit approved by an application, a scheduled period), each with the step it belongs to.
    pub fn stripe_requests(&self) -> Vec<(&'static str, crate::stripe::StripeRequest)> {
        use crate::stripe::{Params, StripeRequest};
        let mut out = Vec::new();
        if let Some(app) = &self.last_application {
            let purpose = match app.purpose {
                ApplicationPurpose::CreditLimitIncrease => "credit_limit_increase",
                ApplicationPurpose::CreditLineOpening => "credit_line_opening",
            };
            let at = app.decided_at.timestamp();
            let p = Params::default()
                .add("application[purpose]", purpose)
                .add("application[submitted_at]", at)
                .add("credit_user[name]", &self.legal_name)
                .add("credit_user[email]", &self.email)
                .add("decided_at", at)
                .add("decision[type]", "credit_limit_approved")
                .money("decision[credit_limit_approved]", &app.amount)
                .build();
            let key = format!("cdesk-{}-application-{at}", self.id);
            let path = "/v1/issuing/credit_underwriting_records/create_from_application";
            out.push(("underwriting_record", StripeRequest::post(path, Some(&self.id), key, p)));
            if app.purpose == ApplicationPurpose::CreditLineOpening {
                if app.capability_requested {
                    let key = format!("cdesk-{}-capability-{at}", self.id);
                    let p = Params::default().add("requested", "true").build();
                    let path = format!("/v1/accounts/{}/capabilities/card_issuing_charge_card", self.id);
                    out.push(("request_capability", StripeRequest::post(path, None, key, p)));
                }
                let p = Params::default()
                    .add("status", "active")
                    .add("credit_limit_amount", app.amount.amount_minor)
                    .add("credit_limit_currency", &app.amount.currency)
                    .build();
                let key = format!("cdesk-{}-reopen-{at}", self.id);
                out.push(("reopen_policy", StripeRequest::post("/v1/issuing/credit_policy", Some(&self.id), key, p)));
            }
        }
        // A limit from a proactive decrease is set from its case, which shows that request.
        if let Some(ap) = self.approved_limit.as_ref().filter(|ap| ap.case_id.is_none()) {
            let p = Params::default()
                .add("credit_limit_amount", ap.amount.amount_minor)
                .add("credit_limit_currency", &ap.amount.currency)
                .build();
            let key = format!("cdesk-{}-limit-{}-{}", self.id, ap.amount.amount_minor, ap.decided_at.timestamp());
            out.push(("set_limit", StripeRequest::post("/v1/issuing/credit_policy", Some(&self.id), key, p)));
        }
        if let Some(u) = &self.upcoming {
            let interval = match u.period_interval {
                PeriodInterval::Day => "day",
                PeriodInterval::Month => "month",
            };
            let mut p = Params::default()
                .add("upcoming_attributes[credit_period_interval]", interval)
                .add("upcoming_attributes[credit_period_interval_count]", u.period_count);
            if let Some(d) = u.days_until_due {
                p = p.add("upcoming_attributes[days_until_due]", d);
            }
            let p = p.add("upcoming_attributes[effective_at]", u.effective_at.timestamp()).build();
            let key = format!("cdesk-{}-period-{}", self.id, u.effective_at.timestamp());
            out.push(("schedule_period", StripeRequest::post("/v1/issuing/credit_policy", Some(&self.id), key, p)));
        }
        out
    }

    fn snapshot(&self, until: DateTime<Utc>) -> LastEffective {
        LastEffective {
            limit: self.policy.limit.clone(),
            period_interval: self.policy.period_interval,
            period_count: self.policy.period_count,
            days_until_due: self.policy.days_until_due,
            effective_until: until,
        }
    }

    fn same_currency(&self, amount: &Money, field: &str) -> Result<(), DomainError> {
        if amount.currency != self.policy.limit.currency {
            return Err(DomainError::invalid(field, format!("the credit limit is kept in {}", self.policy.limit.currency)));
        }
        if amount.amount_minor < 0 {
            return Err(DomainError::invalid(field, "a credit limit cannot be negative"));
        }
        Ok(())
    }

    /// Records an approved credit application. A limit increase approves an amount that the
    /// limit may then be set to; a new credit line reopens a closed line (policy active again,
    /// capability requested again) with the approved limit.
    ///
    /// # Errors
    /// `Invalid` naming `amount`; `Rule` `closed_line_reopens_by_application` for an increase on a
    /// closed line, `line_already_open` for a new line on an open one, `closure_in_progress`.
    pub fn approve_application(&mut self, purpose: ApplicationPurpose, amount: Money, decided_at: DateTime<Utc>) -> Result<(), DomainError> {
        self.same_currency(&amount, "amount")?;
        match purpose {
            ApplicationPurpose::CreditLimitIncrease => {
                if self.policy.status == PolicyStatus::Inactive {
                    return Err(reopen_refusal());
                }
                self.no_closure_in_progress()?;
                if amount.amount_minor <= self.policy.limit.amount_minor {
                    return Err(DomainError::invalid(
                        "amount",
                        format!("an increase must be above the current limit of {}", self.policy.limit.display()),
                    ));
                }
                self.approved_limit =
                    Some(ApprovedLimit { amount: amount.clone(), decided_at, source: LimitSource::Application, case_id: None });
                self.last_application = Some(ApprovedApplication { purpose, amount, decided_at, capability_requested: false });
            }
            ApplicationPurpose::CreditLineOpening => {
                if self.policy.status == PolicyStatus::Active {
                    self.no_closure_in_progress()?;
                    return Err(DomainError::rule(
                        "line_already_open",
                        "the credit line is open; an increase is recorded as a credit_limit_increase application",
                    ));
                }
                self.last_effective = Some(self.snapshot(decided_at));
                self.policy.status = PolicyStatus::Active;
                self.policy.limit = amount.clone();
                let capability_requested = self.capability == CapabilityStatus::Revoked;
                self.capability = CapabilityStatus::Active;
                self.last_application = Some(ApprovedApplication { purpose, amount, decided_at, capability_requested });
                self.closure_case = None;
                self.approved_limit = None;
            }
        }
        Ok(())
    }

    /// Records an approved application decided at `decided_at` (see
    /// [`ConnectedAccount::approve_application`]).
    ///
    /// # Errors
    /// `Rule` `step_in_future` and those of [`ConnectedAccount::approve_application`].
    pub fn record_application(&mut self, purpose: ApplicationPurpose, amount: Money, decided_at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), DomainError> {
        crate::not_in_future(decided_at, now, "decided_at")?;
        self.approve_application(purpose, amount, decided_at)
    }

    /// Schedules a period change that the bank-approved credit policy allows.
    ///
    /// # Errors
    /// `Rule` `period_not_bank_approved` and those of [`ConnectedAccount::schedule_period_change`].
    pub fn schedule_period_change_in(&mut self, program: &crate::credit_program::CreditProgram, change: PeriodChange, now: DateTime<Utc>) -> Result<(), DomainError> {
        program.check_period(change.interval, change.count)?;
        self.schedule_period_change(change, now)
    }

    fn no_closure_in_progress(&self) -> Result<(), DomainError> {
        match &self.closure_case {
            Some(case) => Err(DomainError::rule(
                "closure_in_progress",
                format!("the credit line is being closed ({case}); its terms cannot change"),
            )),
            None => Ok(()),
        }
    }

    /// Records a proactive review that lowers the limit (the case carries the notice).
    ///
    /// # Errors
    /// `Invalid` naming `amount` unless below the current limit; `Rule` for a closed line or
    /// one being closed.
    pub fn approve_decrease(&mut self, amount: Money, decided_at: DateTime<Utc>, case_id: &str) -> Result<(), DomainError> {
        self.same_currency(&amount, "amount")?;
        if self.policy.status == PolicyStatus::Inactive {
            return Err(reopen_refusal());
        }
        self.no_closure_in_progress()?;
        if amount.amount_minor >= self.policy.limit.amount_minor {
            return Err(DomainError::invalid(
                "amount",
                format!("a decrease must be below the current limit of {}", self.policy.limit.display()),
            ));
        }
        self.approved_limit =
            Some(ApprovedLimit { amount, decided_at, source: LimitSource::ProactiveReview, case_id: Some(case_id.to_owned()) });
        Ok(())
    }

    /// Sets the credit limit: only to exactly the amount of the latest underwriting record.
    ///
    /// # Errors
    /// `Rule` `limit_needs_underwriting_record`, `closed_line_reopens_by_application`,
    /// `closure_in_progress`; `Invalid` naming `amount`.
    pub fn set_limit(&mut self, amount: Money, at: DateTime<Utc>) -> Result<Option<String>, DomainError> {
        self.same_currency(&amount, "amount")?;
        if self.policy.status == PolicyStatus::Inactive {
            return Err(reopen_refusal());
        }
        self.no_closure_in_progress()?;
        match &self.approved_limit {
            Some(a) if a.amount == amount => {
                let case = a.case_id.clone();
                self.last_effective = Some(self.snapshot(at));
                self.policy.limit = amount;
                self.approved_limit = None;
                Ok(case)
            }
            other => Err(DomainError::rule(
                "limit_needs_underwriting_record",
                format!(
                    "Stripe refuses a credit limit that no credit underwriting record approves: record the underwriting \
                     decision for exactly {} first ({})",
                    amount.display(),
                    match other {
                        Some(a) => format!("the latest record approves {}", a.amount.display()),
                        None => "no approved amount is recorded".to_owned(),
                    }
                ),
            )),
        }
    }

    /// Records Stripe's written approval of a period change.
    ///
    /// # Errors
    /// `Invalid` naming `reference` when empty.
    pub fn record_period_approval(&mut self, approved_at: DateTime<Utc>, reference: &str, now: DateTime<Utc>) -> Result<(), DomainError> {
        crate::not_in_future(approved_at, now, "approved_at")?;
        let reference = reference.trim();
        if reference.is_empty() {
            return Err(DomainError::invalid("reference", "give Stripe's reference for its written approval"));
        }
        self.period_approval = Some(PeriodApproval { approved_at, reference: reference.to_owned() });
        Ok(())
    }

    /// Schedules a period change at an instant that must be 00:00 UTC and in the future.
    ///
    /// # Errors
    /// `Rule` `period_change_needs_stripe_approval`, `effective_at_midnight_utc`,
    /// `effective_at_in_future`, `closed_line_reopens_by_application`, `closure_in_progress`;
    /// `Invalid` naming `period_count` or `period`.
    pub fn schedule_period_change(&mut self, change: PeriodChange, now: DateTime<Utc>) -> Result<(), DomainError> {
        let PeriodChange { interval, count, days_until_due, effective_at, change_in_terms_notice_at } = change;
        if let Some(n) = change_in_terms_notice_at {
            crate::not_in_future(n, now, "change_in_terms_notice_at")?;
        }
        if self.policy.status == PolicyStatus::Inactive {
            return Err(reopen_refusal());
        }
        self.no_closure_in_progress()?;
        if count == 0 {
            return Err(DomainError::invalid("period_count", "the credit period needs a count of at least 1"));
        }
        let days_change = days_until_due.filter(|d| *d != self.policy.days_until_due);
        if interval == self.policy.period_interval && count == self.policy.period_count && days_change.is_none() {
            return Err(DomainError::invalid("period", "the credit period is already that"));
        }
        let Some(approval) = self.period_approval.clone() else {
            return Err(DomainError::rule(
                "period_change_needs_stripe_approval",
                "a credit period change needs Stripe's written approval first: record it (date and reference)",
            ));
        };
        if effective_at.timestamp().rem_euclid(86_400) != 0 || effective_at.timestamp_subsec_nanos() != 0 {
            return Err(DomainError::rule(
                "effective_at_midnight_utc",
                format!(
                    "a period change takes effect at 00:00 UTC (a Unix timestamp divisible by 86400); {} is not",
                    effective_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                ),
            ));
        }
        if effective_at <= now {
            return Err(DomainError::rule("effective_at_in_future", "a period change is scheduled for a future 00:00 UTC"));
        }
        if approval.approved_at > effective_at {
            return Err(DomainError::rule(
                "period_approval_after_effective",
                "Stripe's written approval is dated after the instant the change would take effect; a change needs the approval first",
            ));
        }
        self.upcoming = Some(UpcomingTerms {
            period_interval: interval,
            period_count: count,
            effective_at,
            approval,
            change_in_terms_notice_at,
            days_until_due: days_change,
        });
        self.period_approval = None;
        Ok(())
    }

    /// Switches to a scheduled period once its instant has passed, keeping the old terms as the
    /// last effective attributes. Returns the change applied, if any.
    pub fn apply_due_change(&mut self, now: DateTime<Utc>) -> Option<UpcomingTerms> {
        let due = self.upcoming.as_ref().is_some_and(|u| u.effective_at <= now);
        if !due {
            return None;
        }
        let u = self.upcoming.take()?;
        self.last_effective = Some(self.snapshot(u.effective_at));
        self.policy.period_interval = u.period_interval;
        self.policy.period_count = u.period_count;
        if let Some(d) = u.days_until_due {
            self.policy.days_until_due = d;
        }
        Some(u)
    }

    /// Setting a line active again by hand: always refused.
    ///
    /// # Errors
    /// `Rule` `closed_line_reopens_by_application` for a closed line or one being closed,
    /// `line_is_active` for an open one.
    pub fn reactivate(&self) -> Result<(), DomainError> {
        if self.policy.status == PolicyStatus::Inactive || self.closure_case.is_some() {
            return Err(reopen_refusal());
        }
        Err(DomainError::rule("line_is_active", "the credit line is active; there is nothing to reactivate"))
    }

    /// Checks an account's own rules.
    ///
    /// # Errors
    /// `Invalid` naming the field: `id`, `name`, `email`, `limit`, `period_count`, `currency`.
    pub fn validate(&self) -> Result<(), DomainError> {
        crate::complaint::check_stripe_id(&self.id, "acct_", "id")?;
        if self.legal_name.trim().is_empty() {
            return Err(DomainError::invalid("name", "the account's legal name is required"));
        }
        if !crate::is_email(&self.email) {
            return Err(DomainError::invalid("email", format!("{:?} is not an email address", self.email)));
        }
        if self.policy.limit.amount_minor < 0 {
            return Err(DomainError::invalid("limit", "a credit limit cannot be negative"));
        }
        if self.policy.period_count == 0 {
            return Err(DomainError::invalid("period_count", "the credit period needs a count of at least 1"));
        }
        if self.balance.currency != self.policy.limit.currency {
            return Err(DomainError::invalid("currency", "the Issuing balance and the credit limit must be in the same currency"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account() -> ConnectedAccount {
        ConnectedAccount {
            id: "acct_1Abc".into(),
            legal_name: "Müller Bau GmbH".into(),
            email: "finance@mueller-bau.example".into(),
            address: Some("Hauptstraße 1, 10115 Berlin".into()),
            business_type: BusinessType::Company,
            policy: CreditPolicy {
                limit: Money { amount_minor: 200_000, currency: "usd".into() },
                period_interval: PeriodInterval::Month,
                period_count: 1,
                days_until_due: 10,
                status: PolicyStatus::Active,
            },
            balance: Money { amount_minor: -5_000, currency: "usd".into() },
            balance_at: chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00Z").unwrap().with_timezone(&Utc),
            balance_readings: Vec::new(),
            capability: CapabilityStatus::Active,
            approved_limit: None,
            period_approval: None,
            upcoming: None,
            last_effective: None,
            closure_case: None,
            last_application: None,
            stripe_objects: Default::default(),
            losses: Default::default(),
            country: None,
            debit_negative_balances: false,
            rejected_for_fraud_at: None,
        }
    }

    fn rule_of(e: DomainError) -> String {
        match e {
            DomainError::Rule { rule, .. } => rule,
            DomainError::Invalid { field, .. } => format!("field {field}"),
        }
    }

    fn at(s: &str) -> DateTime<Utc> {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn usd(minor: i64) -> Money {
        Money { amount_minor: minor, currency: "usd".into() }
    }

    fn change(effective_at: DateTime<Utc>) -> PeriodChange {
        PeriodChange { interval: PeriodInterval::Day, count: 14, days_until_due: None, effective_at, change_in_terms_notice_at: None }
    }

    #[test]
    fn rule_days_until_due_can_change_with_the_period() {
        let mut a = account();
        let now = at("2026-11-20T10:00:00Z");
        a.record_period_approval(now, "ref", now).unwrap();
        let c = PeriodChange { days_until_due: Some(0), ..change(at("2026-12-01T00:00:00Z")) };
        a.schedule_period_change(c, now).unwrap();
        let req = a.stripe_requests().into_iter().find(|(s, _)| *s == "schedule_period").unwrap().1;
        assert!(req.params.contains(&("upcoming_attributes[days_until_due]".into(), "0".into())), "{:?}", req.params);
        a.apply_due_change(at("2026-12-01T00:00:00Z")).unwrap();
        assert_eq!(a.policy.days_until_due, 0, "the seed's example moves it from 1 (here 10) to 0");
        assert_eq!(a.last_effective.unwrap().days_until_due, 10);
    }

    #[test]
    fn rule_stripe_period_approval_dated_after_the_effective_instant_is_refused() {
        let mut a = account();
        let now = at("2026-12-10T10:00:00Z");
        a.record_period_approval(at("2026-12-05T10:00:00Z"), "ref", now).unwrap();
        let e = a.schedule_period_change(change(at("2026-12-01T00:00:00Z")), at("2026-11-20T00:00:00Z")).unwrap_err();
        assert_eq!(rule_of(e), "period_approval_after_effective");
        let e = a.record_period_approval(at("2026-12-11T10:00:00Z"), "ref", now).unwrap_err();
        assert_eq!(rule_of(e), "step_in_future");
    }

    #[test]
    fn rule_deactivation_reads_the_balance_at_its_instant() {
        let mut a = account();
        let now = at("2026-11-30T10:00:00Z");
        a.record_balance(0, at("2026-11-25T12:00:00Z"), now, &[]).unwrap();
        a.record_balance(-300, at("2026-11-22T12:00:00Z"), now, &[]).expect("a statement entered late");
        assert_eq!(a.balance.amount_minor, 0, "the account shows its latest reading");
        assert_eq!(a.balance_as_of(at("2026-11-23T00:00:00Z")).unwrap().amount_minor, -300);
        assert_eq!(a.balance_as_of(at("2026-11-19T00:00:00Z")).unwrap().amount_minor, -5_000, "before any dated reading, the opening balance");
        a.record_balance(-100, at("2026-11-01T00:00:00Z"), now, &[]).unwrap();
        assert_eq!(a.balance_as_of(at("2026-11-19T00:00:00Z")).unwrap().amount_minor, -100, "a dated reading replaces it from its instant");
        assert_eq!(a.balance.amount_minor, 0);
        assert_eq!(rule_of(a.record_balance(0, at("2026-12-01T00:00:00Z"), now, &[]).unwrap_err()), "step_in_future");
    }

    #[test]
    fn rule_limit_needs_underwriting_record_for_exactly_that_amount() {
        let mut a = account();
        let t = at("2026-11-20T10:00:00Z");
        assert_eq!(rule_of(a.set_limit(usd(300_000), t).unwrap_err()), "limit_needs_underwriting_record");
        a.approve_application(ApplicationPurpose::CreditLimitIncrease, usd(300_000), t).unwrap();
        let e = a.set_limit(usd(350_000), t).unwrap_err();
        assert!(e.to_string().contains("the latest record approves 3000.00 USD"), "{e}");
        a.set_limit(usd(300_000), t).unwrap();
        assert_eq!(a.policy.limit, usd(300_000));
        assert_eq!(a.last_effective.as_ref().unwrap().limit, usd(200_000));
        assert_eq!(rule_of(a.set_limit(usd(300_000), t).unwrap_err()), "limit_needs_underwriting_record", "a record is used once");
        assert_eq!(rule_of(a.approve_application(ApplicationPurpose::CreditLimitIncrease, usd(100), t).unwrap_err()), "field amount");
    }

    #[test]
    fn rule_period_change_needs_stripe_approval_and_midnight_utc() {
        let mut a = account();
        let now = at("2026-11-20T10:00:00Z");
        let midnight = at("2026-12-01T00:00:00Z");
        let e = a.schedule_period_change(change(midnight), now).unwrap_err();
        assert_eq!(rule_of(e), "period_change_needs_stripe_approval");
        a.record_period_approval(now, "STRIPE-APPROVAL-42", now).unwrap();
        let e = a.schedule_period_change(change(at("2026-12-01T05:00:00Z")), now).unwrap_err();
        assert_eq!(rule_of(e), "effective_at_midnight_utc");
        let e = a.schedule_period_change(change(at("2026-12-01T00:00:00.5Z")), now).unwrap_err();
        assert_eq!(rule_of(e), "effective_at_midnight_utc", "a fraction of a second past midnight is not midnight");
        let e = a.schedule_period_change(change(at("2026-11-20T00:00:00Z")), now).unwrap_err();
        assert_eq!(rule_of(e), "effective_at_in_future");
        a.schedule_period_change(change(midnight), now).unwrap();
        assert_eq!(a.upcoming.as_ref().unwrap().effective_at.timestamp() % 86_400, 0);
    }

    #[test]
    fn rule_period_change_applies_at_its_instant_keeping_last_effective_attributes() {
        let mut a = account();
        let now = at("2026-11-20T10:00:00Z");
        a.record_period_approval(now, "ref", now).unwrap();
        a.schedule_period_change(change(at("2026-12-01T00:00:00Z")), now).unwrap();
        assert!(a.apply_due_change(at("2026-11-30T23:59:59Z")).is_none());
        assert_eq!(a.policy.period_interval, PeriodInterval::Month);
        assert!(a.apply_due_change(at("2026-12-01T00:00:00Z")).is_some());
        assert_eq!((a.policy.period_interval, a.policy.period_count), (PeriodInterval::Day, 14));
        let last = a.last_effective.unwrap();
        assert_eq!((last.period_interval, last.period_count), (PeriodInterval::Month, 1));
        assert_eq!(last.effective_until, at("2026-12-01T00:00:00Z"));
        assert!(a.upcoming.is_none());
    }

    #[test]
    fn rule_closed_line_reopens_only_by_new_approved_application() {
        let mut a = account();
        let t = at("2026-11-20T10:00:00Z");
        assert_eq!(rule_of(a.reactivate().unwrap_err()), "line_is_active");
        a.policy.status = PolicyStatus::Inactive;
        a.capability = CapabilityStatus::Revoked;
        a.closure_case = Some("CRD-2026-00001".into());
        assert_eq!(rule_of(a.reactivate().unwrap_err()), "closed_line_reopens_by_application");
        assert_eq!(rule_of(a.set_limit(usd(1), t).unwrap_err()), "closed_line_reopens_by_application");
        let e = a.approve_application(ApplicationPurpose::CreditLimitIncrease, usd(900_000), t).unwrap_err();
        assert_eq!(rule_of(e), "closed_line_reopens_by_application");
        a.approve_application(ApplicationPurpose::CreditLineOpening, usd(100_000), t).unwrap();
        assert_eq!(a.policy.status, PolicyStatus::Active);
        assert_eq!(a.capability, CapabilityStatus::Active, "the capability may be requested again after a new application");
        assert_eq!(a.policy.limit, usd(100_000));
    }

    #[test]
    fn rule_issuing_balance_may_be_negative() {
        account().validate().expect("an account that owes Stripe is still a valid account");
    }

    #[test]
    fn account_fields_are_checked_by_name() {
        let field = |a: ConnectedAccount| match a.validate().unwrap_err() {
            DomainError::Invalid { field, .. } => field,
            other => panic!("{other}"),
        };
        assert_eq!(field(ConnectedAccount { id: "cus_1".into(), ..account() }), "id");
        assert_eq!(field(ConnectedAccount { email: "nobody".into(), ..account() }), "email");
        let mut a = account();
        a.policy.period_count = 0;
        assert_eq!(field(a), "period_count");
        let mut a = account();
        a.balance.currency = "eur".into();
        assert_eq!(field(a), "currency");
        assert_eq!("week".parse::<PeriodInterval>().unwrap_err().to_string(), "period: \"week\" is not one of day, month");
    }
}
