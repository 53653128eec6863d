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
    pub policy: CreditPolicy,
    /// The Issuing balance (may be negative: the account owes Stripe) and when it was read.
    pub balance: Money,
    #[ts(type = "string")]
    pub balance_at: DateTime<Utc>,
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
    pub fn record_period_approval(&mut self, approved_at: DateTime<Utc>, reference: &str) -> Result<(), DomainError> {
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
    pub fn schedule_period_change(
        &mut self,
        interval: PeriodInterval,
        count: u32,
        effective_at: DateTime<Utc>,
        change_in_terms_notice_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        if self.policy.status == PolicyStatus::Inactive {
            return Err(reopen_refusal());
        }
        self.no_closure_in_progress()?;
        if count == 0 {
            return Err(DomainError::invalid("period_count", "the credit period needs a count of at least 1"));
        }
        if interval == self.policy.period_interval && count == self.policy.period_count {
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
        self.upcoming = Some(UpcomingTerms { period_interval: interval, period_count: count, effective_at, approval, change_in_terms_notice_at });
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
            policy: CreditPolicy {
                limit: Money { amount_minor: 200_000, currency: "USD".into() },
                period_interval: PeriodInterval::Month,
                period_count: 1,
                days_until_due: 10,
                status: PolicyStatus::Active,
            },
            balance: Money { amount_minor: -5_000, currency: "USD".into() },
            balance_at: chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00Z").unwrap().with_timezone(&Utc),
            capability: CapabilityStatus::Active,
            approved_limit: None,
            period_approval: None,
            upcoming: None,
            last_effective: None,
            closure_case: None,
            last_application: None,
            stripe_objects: Default::default(),
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
        Money { amount_minor: minor, currency: "USD".into() }
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
        let e = a.schedule_period_change(PeriodInterval::Day, 14, midnight, None, now).unwrap_err();
        assert_eq!(rule_of(e), "period_change_needs_stripe_approval");
        a.record_period_approval(now, "STRIPE-APPROVAL-42").unwrap();
        let e = a.schedule_period_change(PeriodInterval::Day, 14, at("2026-12-01T05:00:00Z"), None, now).unwrap_err();
        assert_eq!(rule_of(e), "effective_at_midnight_utc");
        let e = a.schedule_period_change(PeriodInterval::Day, 14, at("2026-12-01T00:00:00.5Z"), None, now).unwrap_err();
        assert_eq!(rule_of(e), "effective_at_midnight_utc", "a fraction of a second past midnight is not midnight");
        let e = a.schedule_period_change(PeriodInterval::Day, 14, at("2026-11-20T00:00:00Z"), None, now).unwrap_err();
        assert_eq!(rule_of(e), "effective_at_in_future");
        a.schedule_period_change(PeriodInterval::Day, 14, midnight, None, now).unwrap();
        assert_eq!(a.upcoming.as_ref().unwrap().effective_at.timestamp() % 86_400, 0);
    }

    #[test]
    fn rule_period_change_applies_at_its_instant_keeping_last_effective_attributes() {
        let mut a = account();
        let now = at("2026-11-20T10:00:00Z");
        a.record_period_approval(now, "ref").unwrap();
        a.schedule_period_change(PeriodInterval::Day, 14, at("2026-12-01T00:00:00Z"), None, now).unwrap();
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
        a.balance.currency = "EUR".into();
        assert_eq!(field(a), "currency");
        assert_eq!("week".parse::<PeriodInterval>().unwrap_err().to_string(), "period: \"week\" is not one of day, month");
    }
}
