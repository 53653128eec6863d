//! The deadline policy: how many business days each complaint clock allows, per kind.
//! Data (`rules/deadline-policy.toml`), so a program or jurisdiction can set its own.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Clock, ComplaintKind, DomainError};

const DEFAULT_POLICY: &str = include_str!("../rules/deadline-policy.toml");

/// The most business days a clock of the policy may allow (about a year).
pub const MAX_POLICY_DAYS: u32 = 250;

/// Business days allowed per clock; `None` means the clock does not run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ClockDays {
    #[serde(default)]
    pub acknowledge: Option<u32>,
    #[serde(default)]
    pub resolve: Option<u32>,
    #[serde(default)]
    pub notify_stripe: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct DeadlinePolicy {
    pub name: String,
    /// IANA zone in which submission dates and due days are taken, e.g. `America/New_York`.
    pub timezone: String,
    pub operational: ClockDays,
    pub executive: ClockDays,
    /// An entry recorded more than this many business days after it happened is marked
    /// "entered late" (as is one recorded after its month was submitted to Stripe).
    #[serde(default = "default_late_entry_business_days")]
    pub late_entry_business_days: u32,
}

fn default_late_entry_business_days() -> u32 {
    5
}

impl Default for DeadlinePolicy {
    fn default() -> Self {
        Self::from_toml(DEFAULT_POLICY).expect("the shipped deadline policy parses")
    }
}

impl DeadlinePolicy {
    /// Parses a policy.
    ///
    /// # Errors
    /// `Invalid` naming `deadline_policy` when the text is not a valid policy.
    pub fn from_toml(text: &str) -> Result<Self, DomainError> {
        let policy: DeadlinePolicy =
            toml::from_str(text).map_err(|e| DomainError::invalid("deadline_policy", e.to_string()))?;
        crate::complaint::parse_timezone(&policy.timezone, "deadline_policy.timezone")?;
        Ok(policy)
    }

    /// The policy with `clock` of `kind` complaints allowing `days` business days. Only the
    /// clocks a kind can run are set: an executive complaint is not acknowledged by a separate
    /// step (Stripe is notified instead), and an operational one does not notify Stripe.
    ///
    /// # Errors
    /// `Invalid` naming `clock` for a clock the kind does not run, or `business_days` outside
    /// 1 to [`MAX_POLICY_DAYS`].
    pub fn with_days(&self, kind: ComplaintKind, clock: Clock, days: u32) -> Result<Self, DomainError> {
        let runs = matches!(
            (kind, clock),
            (ComplaintKind::Operational, Clock::Acknowledge | Clock::Resolve) | (ComplaintKind::Executive, Clock::NotifyStripe | Clock::Resolve)
        );
        if !runs {
            return Err(DomainError::invalid(
                "clock",
                format!("{} complaints do not run a {} clock", kind.code(), clock.code()),
            ));
        }
        if !(1..=MAX_POLICY_DAYS).contains(&days) {
            return Err(DomainError::invalid("business_days", format!("give 1 to {MAX_POLICY_DAYS} business days, not {days}")));
        }
        let mut policy = self.clone();
        let c = match kind {
            ComplaintKind::Operational => &mut policy.operational,
            ComplaintKind::Executive => &mut policy.executive,
        };
        match clock {
            Clock::Acknowledge => c.acknowledge = Some(days),
            Clock::Resolve => c.resolve = Some(days),
            Clock::NotifyStripe => c.notify_stripe = Some(days),
        }
        Ok(policy)
    }

    /// The policy as the text it is stored as (the shipped file's format).
    ///
    /// # Errors
    /// `Invalid` naming `deadline_policy` if it cannot be written (it always can).
    pub fn to_toml(&self) -> Result<String, DomainError> {
        toml::to_string(self).map_err(|e| DomainError::invalid("deadline_policy", e.to_string()))
    }

    /// Business days for `clock` on a complaint of `kind`, if that clock runs.
    pub fn days(&self, kind: ComplaintKind, clock: Clock) -> Option<u32> {
        let c = match kind {
            ComplaintKind::Operational => &self.operational,
            ComplaintKind::Executive => &self.executive,
        };
        match clock {
            Clock::Acknowledge => c.acknowledge,
            Clock::Resolve => c.resolve,
            Clock::NotifyStripe => c.notify_stripe,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_operational_acknowledge_5_resolve_15_business_days() {
        let p = DeadlinePolicy::default();
        assert_eq!(p.days(ComplaintKind::Operational, Clock::Acknowledge), Some(5));
        assert_eq!(p.days(ComplaintKind::Operational, Clock::Resolve), Some(15));
        assert_eq!(p.days(ComplaintKind::Operational, Clock::NotifyStripe), None);
    }

    #[test]
    fn rule_executive_notify_stripe_within_1_business_day_and_resolve_within_15_by_default() {
        let p = DeadlinePolicy::default();
        assert_eq!(p.days(ComplaintKind::Executive, Clock::NotifyStripe), Some(1));
        assert_eq!(p.days(ComplaintKind::Executive, Clock::Acknowledge), None);
        assert_eq!(p.days(ComplaintKind::Executive, Clock::Resolve), Some(15), "the program's resolution target");
    }

    #[test]
    fn rule_policy_changes_set_only_clocks_the_kind_runs_within_bounds() {
        let p = DeadlinePolicy::default();
        let q = p.with_days(ComplaintKind::Executive, Clock::Resolve, 20).unwrap();
        assert_eq!(q.days(ComplaintKind::Executive, Clock::Resolve), Some(20));
        assert_eq!(q.days(ComplaintKind::Operational, Clock::Resolve), Some(15), "the other kind untouched");
        assert!(matches!(p.with_days(ComplaintKind::Executive, Clock::Acknowledge, 5).unwrap_err(), DomainError::Invalid { field, .. } if field == "clock"));
        assert!(matches!(p.with_days(ComplaintKind::Operational, Clock::NotifyStripe, 1).unwrap_err(), DomainError::Invalid { field, .. } if field == "clock"));
        assert!(matches!(p.with_days(ComplaintKind::Operational, Clock::Acknowledge, 0).unwrap_err(), DomainError::Invalid { field, .. } if field == "business_days"));
        assert!(matches!(p.with_days(ComplaintKind::Operational, Clock::Acknowledge, 251).unwrap_err(), DomainError::Invalid { field, .. } if field == "business_days"));
        // Stored as text and read back, the policy is the same.
        assert_eq!(DeadlinePolicy::from_toml(&q.to_toml().unwrap()).unwrap(), q);
    }

    #[test]
    fn default_program_time_zone_is_new_york() {
        assert_eq!(DeadlinePolicy::default().timezone, "America/New_York");
    }
}
