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
}

impl ConnectedAccount {
    /// Checks an account's own rules.
    ///
    /// # Errors
    /// `Invalid` naming the field: `id`, `name`, `email`, `limit`, `period_count`, `currency`.
    pub fn validate(&self) -> Result<(), DomainError> {
        let rest = self.id.strip_prefix("acct_").unwrap_or("");
        if rest.is_empty() || !rest.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(DomainError::invalid("id", format!("{:?} is not a connected account id of the form acct_...", self.id)));
        }
        if self.legal_name.trim().is_empty() {
            return Err(DomainError::invalid("name", "the account's legal name is required"));
        }
        let email_ok = self.email.split_once('@').is_some_and(|(a, b)| !a.is_empty() && b.contains('.')) && !self.email.contains(' ');
        if !email_ok {
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
        }
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
