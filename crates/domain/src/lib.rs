//! Compliance Desk's domain: complaints, their deadlines, business calendars and the rules
//! that drive them. Pure types and functions: no SQL, no UI, no clock (`now` and `today` are
//! always parameters).

pub mod account;
pub mod actions;
pub mod backup;
pub mod calendar;
pub mod complaint;
pub mod credit;
pub mod credit_program;
pub mod money;
pub mod playbook;
pub mod policy;
pub mod reminders;
pub mod report;
pub mod reserve;
pub mod stripe;
pub mod taxonomy;
pub mod team;
pub mod timers;
pub mod timeline;
pub mod wording;

pub use calendar::{BusinessCalendar, ClosedReason, ClosureDay, DeadlineExplanation, HolidayRules};
pub use complaint::*;
pub use money::Money;
pub use policy::DeadlinePolicy;
pub use taxonomy::Taxonomy;

/// Whether a text looks like an email address: something, `@`, a domain with a dot, no spaces.
/// Deliberately loose: the notice or the complaint goes to whatever the officer recorded.
pub fn is_email(text: &str) -> bool {
    text.split_once('@').is_some_and(|(a, b)| !a.is_empty() && b.contains('.')) && !text.contains(' ')
}

/// How far ahead of the clock a step may be dated: enough for two desktops whose clocks differ
/// a little, far too little to record something before it happened.
pub const FUTURE_TOLERANCE: chrono::Duration = chrono::Duration::minutes(5);

/// Refuses an instant more than [`FUTURE_TOLERANCE`] after `now`: a step is recorded once it
/// has happened, never ahead of time.
///
/// # Errors
/// `Rule` `step_in_future`, naming `field` in the message.
pub fn not_in_future(at: chrono::DateTime<chrono::Utc>, now: chrono::DateTime<chrono::Utc>, field: &str) -> Result<(), DomainError> {
    if at > now + FUTURE_TOLERANCE {
        return Err(DomainError::rule(
            "step_in_future",
            format!(
                "{field}: {} is in the future (now is {}); record a step once it has happened",
                at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ),
        ));
    }
    Ok(())
}

/// A refused input or a broken rule, naming what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// A value the user gave is malformed; `field` names it.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// The input is well-formed but a rule forbids the change; `rule` names the rule.
    #[error("{message}")]
    Rule { rule: String, message: String },
}

impl DomainError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        DomainError::Invalid { field: field.into(), message: message.into() }
    }
    pub fn rule(rule: impl Into<String>, message: impl Into<String>) -> Self {
        DomainError::Rule { rule: rule.into(), message: message.into() }
    }
}
