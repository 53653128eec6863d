//! When the desk reminds the officer of deadlines by desktop notification: rules as data
//! (`rules/reminders.toml`), decided here; the use cases only ask and record what was sent.

use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use serde::Deserialize;

use crate::complaint::{end_of_local_day, DeadlineRules};
use crate::DomainError;

const SHIPPED: &str = include_str!("../rules/reminders.toml");

/// The hours and the warning time of deadline notifications.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ReminderRules {
    /// The summary goes out from this hour (local, 0–23)...
    pub summary_from_hour: u32,
    /// ...until before this one.
    pub summary_until_hour: u32,
    pub stripe_notice_within_hours: i64,
}

impl ReminderRules {
    /// The shipped rules.
    pub fn shipped() -> Self {
        Self::from_toml(SHIPPED).expect("the shipped reminder rules parse")
    }

    /// # Errors
    /// `Invalid` naming `reminders` when the text is not valid rules.
    pub fn from_toml(text: &str) -> Result<Self, DomainError> {
        let r: ReminderRules = toml::from_str(text).map_err(|e| DomainError::invalid("reminders", e.to_string()))?;
        if r.summary_from_hour >= r.summary_until_hour || r.summary_until_hour > 24 || r.stripe_notice_within_hours <= 0 {
            return Err(DomainError::invalid("reminders", "the summary hours must be a span within the day and the warning time positive"));
        }
        Ok(r)
    }

    /// The business day whose morning summary is due at `now`, if one is: a business day in the
    /// program's zone, inside the summary hours.
    pub fn summary_day(&self, rules: &DeadlineRules, now: DateTime<Utc>) -> Option<NaiveDate> {
        let local = now.with_timezone(&rules.timezone);
        let day = local.date_naive();
        let hour = local.hour();
        (rules.calendar.is_business_day(day) && hour >= self.summary_from_hour && hour < self.summary_until_hour).then_some(day)
    }

    /// Whether a Stripe notification due on `due` (by the end of that day) should be announced
    /// at `now`: its deadline is still ahead and no more than the warning time away.
    pub fn stripe_notice_due_soon(&self, rules: &DeadlineRules, due: NaiveDate, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let due_at = end_of_local_day(due, rules.timezone);
        (due_at > now && due_at - now <= Duration::hours(self.stripe_notice_within_hours)).then_some(due_at)
    }
}

/// The name under which a reminder is recorded as handed out, so that it is handed out once:
/// once per desk on a single-user file, once per officer on a team database (each officer's
/// desk shows its own morning summary and warnings).
pub fn reminder_key(subject: &str, team_officer: Option<&str>) -> String {
    match team_officer {
        Some(officer) => format!("{subject}@{}", crate::team::officer_key(officer)),
        None => subject.to_owned(),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn every_officer_of_a_team_gets_their_own_reminders() {
        assert_eq!(reminder_key("summary-2026-11-23", None), "summary-2026-11-23");
        assert_eq!(reminder_key("summary-2026-11-23", Some(" Ana ")), "summary-2026-11-23@ana");
        assert_ne!(reminder_key("stripe-notice-CMP-1", Some("ana")), reminder_key("stripe-notice-CMP-1", Some("ben")));
    }

    use super::*;
    use crate::complaint::DeadlineRules;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn rules() -> DeadlineRules {
        DeadlineRules {
            calendar: crate::BusinessCalendar::default(),
            timezone: chrono_tz::America::New_York,
            policy: crate::DeadlinePolicy::default(),
        }
    }

    #[test]
    fn rule_deadline_summary_only_on_business_days_in_working_hours() {
        let r = ReminderRules::shipped();
        // Tuesday 1 Dec 2026, 09:30 in New York.
        assert_eq!(r.summary_day(&rules(), at("2026-12-01T14:30:00Z")), "2026-12-01".parse().ok());
        // 03:00 in New York: night.
        assert_eq!(r.summary_day(&rules(), at("2026-12-01T08:00:00Z")), None);
        // 19:00 in New York: evening.
        assert_eq!(r.summary_day(&rules(), at("2026-12-02T00:00:00Z")), None);
        // Saturday, and Thanksgiving: not business days.
        assert_eq!(r.summary_day(&rules(), at("2026-12-05T15:00:00Z")), None);
        assert_eq!(r.summary_day(&rules(), at("2026-11-26T15:00:00Z")), None);
    }

    #[test]
    fn rule_stripe_notice_reminder_within_hours_of_its_deadline() {
        let r = ReminderRules::shipped();
        let due: NaiveDate = "2026-12-01".parse().unwrap();
        // Due by 23:59:59 in New York (04:59:59 UTC on the 2nd).
        assert_eq!(r.stripe_notice_due_soon(&rules(), due, at("2026-12-01T20:00:00Z")), None, "9 hours away");
        assert!(r.stripe_notice_due_soon(&rules(), due, at("2026-12-02T01:30:00Z")).is_some(), "3.5 hours away");
        assert_eq!(r.stripe_notice_due_soon(&rules(), due, at("2026-12-02T05:30:00Z")), None, "past: the summary says overdue");
    }

    #[test]
    fn reminder_rules_refuse_an_empty_span() {
        assert!(ReminderRules::from_toml("summary_from_hour = 18\nsummary_until_hour = 8\nstripe_notice_within_hours = 4").is_err());
    }
}
