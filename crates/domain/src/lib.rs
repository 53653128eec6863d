//! Compliance Desk's domain: complaints, their deadlines, business calendars and the rules
//! that drive them. Pure types and functions: no SQL, no UI, no clock (`now` and `today` are
//! always parameters).

pub mod account;
pub mod calendar;
pub mod complaint;
pub mod credit;
pub mod credit_program;
pub mod money;
pub mod policy;
pub mod report;
pub mod stripe;
pub mod taxonomy;
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
