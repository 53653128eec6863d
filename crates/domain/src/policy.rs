//! The deadline policy: how many business days each complaint clock allows, per kind.
//! Data (`rules/deadline-policy.toml`), so a program or jurisdiction can set its own.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Clock, ComplaintKind, DomainError};

const DEFAULT_POLICY: &str = include_str!("../rules/deadline-policy.toml");

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
    fn rule_executive_notify_stripe_within_1_business_day_and_no_default_ack_or_resolve() {
        let p = DeadlinePolicy::default();
        assert_eq!(p.days(ComplaintKind::Executive, Clock::NotifyStripe), Some(1));
        assert_eq!(p.days(ComplaintKind::Executive, Clock::Acknowledge), None);
        assert_eq!(p.days(ComplaintKind::Executive, Clock::Resolve), None);
    }

    #[test]
    fn default_program_time_zone_is_new_york() {
        assert_eq!(DeadlinePolicy::default().timezone, "America/New_York");
    }
}
