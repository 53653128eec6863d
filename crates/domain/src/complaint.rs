//! Complaints: what was received, the events that worked it, and the clocks (deadlines) those
//! events meet or miss. A complaint's state is always the fold of its events; nothing here is
//! cached, so the register's read model can be rebuilt from the history at any time.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::{BusinessCalendar, DeadlineExplanation};
use crate::{DeadlinePolicy, DomainError, Money, Taxonomy};

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident, $field:literal { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export, export_to = "../../../ui/src/lib/bindings/")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }

        impl FromStr for $name {
            type Err = DomainError;
            fn from_str(s: &str) -> Result<Self, DomainError> {
                let norm = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                $(if norm == $code { return Ok($name::$variant); })+
                let known: Vec<&str> = vec![$($code),+];
                Err(DomainError::invalid($field, format!("{s:?} is not one of {}", known.join(", "))))
            }
        }
    };
}

code_enum!(
    /// Operational complaints run the acknowledge and resolve clocks; executive ones must be
    /// sent to Stripe and block customer contact until Stripe has reviewed them.
    ComplaintKind, "kind" { Operational => "operational", Executive => "executive" }
);
code_enum!(
    /// What makes a complaint executive.
    Ground, "grounds" {
        Regulator => "regulator",
        Litigation => "litigation",
        Udap => "udap",
        Discrimination => "discrimination",
        ConsumerHarm => "consumer_harm",
        Legal => "legal",
    }
);
code_enum!(
    Channel, "channel" {
        Phone => "phone",
        Email => "email",
        Letter => "letter",
        InPerson => "in_person",
        SocialMedia => "social_media",
        WebForm => "web_form",
        Regulator => "regulator",
    }
);
code_enum!(Product, "product" { Issuing => "issuing", Treasury => "treasury" });
code_enum!(
    Clock, "clock" { Acknowledge => "acknowledge", NotifyStripe => "notify_stripe", Resolve => "resolve" }
);
code_enum!(
    /// `not_a_complaint`: marked as an expression of dissatisfaction that is not a complaint (the
    /// platform's own employee): it runs no clock and is left out of counts and reports.
    ComplaintStatus, "status" { Open => "open", Resolved => "resolved", NotAComplaint => "not_a_complaint" }
);
code_enum!(
    Outcome, "outcome" {
        Upheld => "upheld",
        PartiallyUpheld => "partially_upheld",
        NotUpheld => "not_upheld",
        Withdrawn => "withdrawn",
    }
);
code_enum!(
    /// Where a clock stands: not done yet, done on time, done late. A complaint's clocks are only
    /// ever `pending`, `met` or `missed` (whether a pending one is late is `ClockStatus::overdue`);
    /// `overdue` is how a month's report says "not done and past due at the end of the month".
    ClockState, "state" { Pending => "pending", Overdue => "overdue", Met => "met", Missed => "missed" }
);

impl Ground {
    pub fn label(self) -> &'static str {
        match self {
            Ground::Regulator => "Regulator or government agency",
            Ground::Litigation => "Litigation threat",
            Ground::Udap => "Unfair or deceptive practice (UDAP)",
            Ground::Discrimination => "Discrimination",
            Ground::ConsumerHarm => "Consumer harm",
            Ground::Legal => "Other legal concern",
        }
    }
}

impl Clock {
    pub fn label(self) -> &'static str {
        match self {
            Clock::Acknowledge => "Acknowledge",
            Clock::Resolve => "Resolve",
            Clock::NotifyStripe => "Notify Stripe",
        }
    }
}

/// Parses a comma-separated list of grounds, refusing duplicates.
///
/// # Errors
/// `Invalid` naming `grounds`.
pub fn parse_grounds(list: &str) -> Result<Vec<Ground>, DomainError> {
    let mut out = Vec::new();
    for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let g: Ground = part.parse()?;
        if out.contains(&g) {
            return Err(DomainError::invalid("grounds", format!("{part} is listed twice")));
        }
        out.push(g);
    }
    Ok(out)
}

/// Parses an IANA time zone name.
///
/// # Errors
/// `Invalid` naming `field`.
pub fn parse_timezone(name: &str, field: &str) -> Result<Tz, DomainError> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| DomainError::invalid(field, format!("{name:?} is not an IANA time zone such as America/New_York")))
}

/// Parses an RFC 3339 instant (with its offset) into UTC.
///
/// # Errors
/// `Invalid` naming `field`.
pub fn parse_instant(text: &str, field: &str) -> Result<DateTime<Utc>, DomainError> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| {
            DomainError::invalid(field, format!("{text:?} is not an RFC 3339 instant such as 2026-11-20T14:30:00-05:00"))
        })
}

/// The local date of an instant in the program's time zone.
pub fn local_date(at: DateTime<Utc>, tz: Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// The last instant of a local day, as UTC: when something "due by the end of that day" is late.
pub fn end_of_local_day(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let next = date.succ_opt().expect("dates stay far from chrono's limits");
    let midnight = next.and_hms_opt(0, 0, 0).expect("midnight exists");
    let start_next = tz
        .from_local_datetime(&midnight)
        .earliest()
        .unwrap_or_else(|| tz.from_utc_datetime(&midnight));
    start_next.with_timezone(&Utc) - chrono::Duration::seconds(1)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Complainant {
    pub name: String,
    pub email: Option<String>,
    /// Connected account, `acct_...`.
    pub account: Option<String>,
    /// Cardholder, `ich_...`.
    pub cardholder: Option<String>,
}

/// What was received: fixed once logged (a reclassification changes the kind, not the intake).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Intake {
    #[ts(type = "string")]
    pub received_at: DateTime<Utc>,
    /// The offset the instant was given with, in minutes east of UTC, to show it as received.
    pub received_offset_minutes: i32,
    pub channel: Channel,
    pub complainant: Complainant,
    pub product: Option<Product>,
    pub topic: Option<String>,
    pub issue_type: Option<String>,
    pub summary: String,
    pub description: Option<String>,
    pub kind: ComplaintKind,
    pub grounds: Vec<Ground>,
    /// The regulator or agency that sent the complaint, and its reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub regulator: Option<RegulatorSource>,
}

/// The regulator or government agency a complaint came through (CFPB, a state attorney
/// general...), and the reference it gave the complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct RegulatorSource {
    pub name: String,
    pub reference: Option<String>,
}

/// Why a complaint arose and what the program did about it beyond this customer, recorded with
/// the resolution; both are codes of the taxonomy's lists (`rules/complaint-taxonomy.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct RootCause {
    pub cause: String,
    pub remediation: String,
    pub note: Option<String>,
}

impl RootCause {
    /// The root cause recorded with a resolution, from its optional parts: none when nothing
    /// is given; the cause and the remediation together, both on the taxonomy's lists.
    ///
    /// # Errors
    /// `Invalid` naming `root_cause`, `remediation` or `remediation_note`.
    pub fn from_parts(
        cause: Option<String>,
        remediation: Option<String>,
        note: Option<String>,
        taxonomy: &Taxonomy,
    ) -> Result<Option<RootCause>, DomainError> {
        let r = match (cause, remediation) {
            (None, None) if note.is_none() => return Ok(None),
            (Some(cause), Some(remediation)) => RootCause { cause, remediation, note },
            (None, _) => return Err(DomainError::invalid("root_cause", "give the root cause together with the remediation")),
            (Some(_), None) => return Err(DomainError::invalid("remediation", "give the remediation together with the root cause")),
        };
        taxonomy.check_root_cause(&r)?;
        Ok(Some(r))
    }
}

/// A change of a complaint's kind or grounds, kept for the examiner's trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Reclassification {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub from: ComplaintKind,
    pub to: ComplaintKind,
    pub reason: String,
}

impl Intake {
    /// Checks the intake's own rules.
    ///
    /// # Errors
    /// `Invalid` naming the field at fault.
    pub fn validate(&self, taxonomy: &Taxonomy) -> Result<(), DomainError> {
        if self.summary.trim().is_empty() {
            return Err(DomainError::invalid("summary", "a summary is required"));
        }
        if self.summary.chars().count() > 500 {
            return Err(DomainError::invalid("summary", "keep the summary under 500 characters; put the rest in the description"));
        }
        check_grounds(self.kind, &self.grounds)?;
        if self.channel == Channel::Regulator && self.kind == ComplaintKind::Operational {
            return Err(regulator_refusal());
        }
        if let Some(r) = &self.regulator {
            if self.channel != Channel::Regulator {
                return Err(DomainError::invalid("regulator_name", "a regulator is named only for a complaint received via a regulator (channel regulator)"));
            }
            if r.name.trim().is_empty() {
                return Err(DomainError::invalid("regulator_name", "name the regulator or agency that sent the complaint"));
            }
        }
        if let Some(email) = &self.complainant.email {
            if !crate::is_email(email) {
                return Err(DomainError::invalid("complainant_email", format!("{email:?} is not an email address")));
            }
        }
        if let Some(acct) = &self.complainant.account {
            check_stripe_id(acct, "acct_", "account")?;
        }
        if let Some(ich) = &self.complainant.cardholder {
            check_stripe_id(ich, "ich_", "cardholder")?;
        }
        match (&self.topic, &self.issue_type) {
            (Some(t), it) => {
                taxonomy.check(t, it.as_deref())?;
                if let Some(product) = self.product {
                    taxonomy.check_product(t, product)?;
                }
            }
            (None, Some(_)) => return Err(DomainError::invalid("topic", "an issue type needs a topic")),
            (None, None) => {}
        }
        Ok(())
    }
}

fn regulator_refusal() -> DomainError {
    DomainError::rule(
        "regulator_complaint_is_executive",
        "a complaint received through a regulator or government agency is executive: it goes to Stripe within its deadline and holds contact until Stripe's review",
    )
}

pub(crate) fn check_stripe_id(id: &str, prefix: &str, field: &str) -> Result<(), DomainError> {
    let rest = id.strip_prefix(prefix).unwrap_or("");
    if rest.is_empty() || !rest.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(DomainError::invalid(field, format!("{id:?} is not a Stripe id of the form {prefix}...")));
    }
    Ok(())
}

fn check_grounds(kind: ComplaintKind, grounds: &[Ground]) -> Result<(), DomainError> {
    match kind {
        ComplaintKind::Executive if grounds.is_empty() => Err(DomainError::invalid(
            "grounds",
            "an executive complaint needs at least one ground (regulator, litigation, udap, discrimination, consumer_harm, legal)",
        )),
        ComplaintKind::Operational if !grounds.is_empty() => Err(DomainError::invalid(
            "grounds",
            "grounds apply only to executive complaints; choose kind executive or leave grounds empty",
        )),
        _ => Ok(()),
    }
}

/// A deadline that moved when the calendar, time zone or policy changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct DeadlineChange {
    pub clock: Clock,
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
}

/// One step in a complaint's life. Instants (`at`) are when it happened, which may be
/// earlier than when it was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum ComplaintEvent {
    Logged {
        intake: Intake,
    },
    Acknowledged {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        how: Option<String>,
        note: Option<String>,
    },
    StripeNotified {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        how: Option<String>,
        reference: Option<String>,
        note: Option<String>,
    },
    StripeReviewCompleted {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        note: Option<String>,
        /// The date Stripe set for the resolution with its review, replacing the program's
        /// resolve clock for this complaint.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(type = "string | null", optional)]
        resolve_by: Option<NaiveDate>,
    },
    CustomerContacted {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        how: Option<String>,
        note: String,
    },
    Reclassified {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        from: ComplaintKind,
        to: ComplaintKind,
        grounds: Vec<Ground>,
        reason: String,
    },
    /// Four eyes: an executive complaint's reclassification as operational, asked for by `by`;
    /// it takes effect once a second officer approves it.
    ReclassificationRequested {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        from: ComplaintKind,
        to: ComplaintKind,
        grounds: Vec<Ground>,
        reason: String,
        by: String,
    },
    /// Four eyes: a second officer, `by`, approved the pending reclassification, which takes
    /// effect at this instant.
    ReclassificationApproved {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        by: String,
    },
    /// The complaint given to an officer to work.
    Assigned {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        to: String,
    },
    Resolved {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        summary: String,
        outcome: Option<Outcome>,
        compensation: Option<Money>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        root_cause: Option<RootCause>,
    },
    Reopened {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        reason: String,
    },
    NoteAdded {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        note: String,
    },
    DeadlinesRecomputed {
        reason: String,
        changes: Vec<DeadlineChange>,
    },
    /// Marked as not a complaint (an expression of dissatisfaction by the platform's own
    /// employee): it leaves the clocks, the counts and the monthly report, and stays in the history.
    MarkedNotAComplaint {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        reason: String,
    },
    /// A fact of the case that starts a support timer (a card shipped, an authorization
    /// created, an ACH debit received), from the playbook.
    Tracked {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        fact: crate::timers::TrackedFact,
        note: Option<String>,
    },
    /// An entry recorded in error, voided: the fold ignores entry `seq`, which stays in the log.
    Voided {
        #[ts(type = "number")]
        seq: i64,
        reason: String,
    },
}

impl ComplaintEvent {
    /// The stable action name stored with the audit event.
    pub fn action(&self) -> &'static str {
        match self {
            ComplaintEvent::Logged { .. } => "logged",
            ComplaintEvent::Acknowledged { .. } => "acknowledged",
            ComplaintEvent::StripeNotified { .. } => "stripe_notified",
            ComplaintEvent::StripeReviewCompleted { .. } => "stripe_review_completed",
            ComplaintEvent::CustomerContacted { .. } => "customer_contacted",
            ComplaintEvent::Reclassified { .. } => "reclassified",
            ComplaintEvent::ReclassificationRequested { .. } => "reclassification_requested",
            ComplaintEvent::ReclassificationApproved { .. } => "reclassification_approved",
            ComplaintEvent::Assigned { .. } => "assigned",
            ComplaintEvent::Resolved { .. } => "resolved",
            ComplaintEvent::Reopened { .. } => "reopened",
            ComplaintEvent::NoteAdded { .. } => "note_added",
            ComplaintEvent::DeadlinesRecomputed { .. } => "deadlines_recomputed",
            ComplaintEvent::MarkedNotAComplaint { .. } => "marked_not_a_complaint",
            ComplaintEvent::Tracked { .. } => "tracked",
            ComplaintEvent::Voided { .. } => "voided",
        }
    }

    /// When the step happened, if it is a step of the case (not a recomputation).
    pub fn occurred_at(&self) -> Option<DateTime<Utc>> {
        match self {
            ComplaintEvent::Logged { intake } => Some(intake.received_at),
            ComplaintEvent::Acknowledged { at, .. }
            | ComplaintEvent::StripeNotified { at, .. }
            | ComplaintEvent::StripeReviewCompleted { at, .. }
            | ComplaintEvent::CustomerContacted { at, .. }
            | ComplaintEvent::Reclassified { at, .. }
            | ComplaintEvent::ReclassificationRequested { at, .. }
            | ComplaintEvent::ReclassificationApproved { at, .. }
            | ComplaintEvent::Assigned { at, .. }
            | ComplaintEvent::Resolved { at, .. }
            | ComplaintEvent::Reopened { at, .. }
            | ComplaintEvent::NoteAdded { at, .. }
            | ComplaintEvent::MarkedNotAComplaint { at, .. }
            | ComplaintEvent::Tracked { at, .. } => Some(*at),
            ComplaintEvent::DeadlinesRecomputed { .. } | ComplaintEvent::Voided { .. } => None,
        }
    }

    /// One line for a timeline.
    pub fn describe(&self) -> String {
        match self {
            ComplaintEvent::Logged { intake } => format!("Logged as {} complaint via {}", intake.kind, intake.channel.code().replace('_', " ")),
            ComplaintEvent::Acknowledged { how, .. } => match how {
                Some(h) => format!("Acknowledged to the customer by {h}"),
                None => "Acknowledged to the customer".into(),
            },
            ComplaintEvent::StripeNotified { reference, .. } => match reference {
                Some(r) => format!("Stripe notified (reference {r})"),
                None => "Stripe notified".into(),
            },
            ComplaintEvent::StripeReviewCompleted { .. } => "Stripe completed its review; customer contact allowed".into(),
            ComplaintEvent::CustomerContacted { how, .. } => match how {
                Some(h) => format!("Customer contacted by {h}"),
                None => "Customer contacted".into(),
            },
            ComplaintEvent::Reclassified { from, to, grounds, .. } => {
                if from == to {
                    format!("Grounds changed to {}", join_codes(grounds))
                } else if grounds.is_empty() {
                    format!("Reclassified from {from} to {to}")
                } else {
                    format!("Reclassified from {from} to {to} ({})", join_codes(grounds))
                }
            }
            ComplaintEvent::Resolved { outcome, compensation, root_cause, .. } => {
                let mut s = "Resolved".to_string();
                if let Some(o) = outcome {
                    s.push_str(&format!(": {}", o.code().replace('_', " ")));
                }
                if let Some(c) = compensation {
                    s.push_str(&format!(", compensation {}", c.display()));
                }
                if let Some(r) = root_cause {
                    s.push_str(&format!("; root cause {}, remediation {}", r.cause.replace('_', " "), r.remediation.replace('_', " ")));
                }
                s
            }
            ComplaintEvent::ReclassificationRequested { from, to, by, .. } => {
                format!("Reclassification from {from} to {to} asked for by {by}, awaiting a second officer's approval")
            }
            ComplaintEvent::ReclassificationApproved { by, .. } => format!("Reclassification approved by {by} (four eyes)"),
            ComplaintEvent::Assigned { to, .. } => format!("Assigned to {to}"),
            ComplaintEvent::Reopened { .. } => "Reopened".into(),
            ComplaintEvent::NoteAdded { .. } => "Note".into(),
            ComplaintEvent::MarkedNotAComplaint { .. } => "Marked not a complaint".into(),
            ComplaintEvent::Tracked { fact, .. } => fact.describe(),
            ComplaintEvent::Voided { seq, .. } => format!("Entry {seq} voided"),
            ComplaintEvent::DeadlinesRecomputed { changes, .. } => {
                let parts: Vec<String> = changes
                    .iter()
                    .map(|c| format!("{} {} → {}", c.clock.label(), opt_date(c.from), opt_date(c.to)))
                    .collect();
                if parts.is_empty() {
                    "Support timers recomputed with the new calendar".into()
                } else {
                    format!("Deadlines recomputed: {}", parts.join("; "))
                }
            }
        }
    }
}

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "none".into())
}

fn join_codes(grounds: &[Ground]) -> String {
    grounds.iter().map(|g| g.code()).collect::<Vec<_>>().join(", ")
}

/// How a complaint was closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Resolution {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub summary: String,
    pub outcome: Option<Outcome>,
    pub compensation: Option<Money>,
    #[serde(default)]
    pub root_cause: Option<RootCause>,
}

/// Where one clock stands, and why its due date is what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ClockStatus {
    pub clock: Clock,
    #[ts(type = "string")]
    pub due: NaiveDate,
    /// The instant after which the clock is late (end of the due day in the program's zone).
    #[ts(type = "string")]
    pub due_at: DateTime<Utc>,
    #[ts(type = "string | null")]
    pub done_at: Option<DateTime<Utc>>,
    /// `pending`, `met` or `missed`.
    pub state: ClockState,
    /// Pending and past its due day.
    pub overdue: bool,
    /// Business days from today to the due date (negative when late); only while not done.
    #[ts(type = "number | null")]
    pub business_days_left: Option<i64>,
    pub explanation: DeadlineExplanation,
    pub explanation_text: String,
}

/// A clock's due date and state as of a day, without the explanation of its days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JudgedClock {
    pub clock: Clock,
    pub due: NaiveDate,
    pub done_at: Option<DateTime<Utc>>,
    pub state: ClockState,
    pub overdue: bool,
}

/// What the deadlines are computed against: the calendar, the program's zone and the policy.
#[derive(Debug, Clone)]
pub struct DeadlineRules {
    pub calendar: BusinessCalendar,
    pub timezone: Tz,
    pub policy: DeadlinePolicy,
}

impl DeadlineRules {
    /// The local date of an instant in the program's zone.
    pub fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        local_date(at, self.timezone)
    }
}

/// A complaint as its events have made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Complaint {
    pub id: String,
    pub intake: Intake,
    pub kind: ComplaintKind,
    pub grounds: Vec<Ground>,
    pub status: ComplaintStatus,
    #[ts(type = "string | null")]
    pub acknowledged_at: Option<DateTime<Utc>>,
    #[ts(type = "string | null")]
    pub stripe_notified_at: Option<DateTime<Utc>>,
    #[ts(type = "string | null")]
    pub stripe_reviewed_at: Option<DateTime<Utc>>,
    /// The resolution date Stripe set with its review, if it set one.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub stripe_resolve_by: Option<NaiveDate>,
    pub resolution: Option<Resolution>,
    /// Set when a complaint was resolved and then reopened.
    pub reopened: bool,
    /// The first resolution, kept through reopenings: a clock met by it stays met.
    #[serde(default)]
    pub first_resolution: Option<Resolution>,
    /// Every reopening, in the order they happened.
    #[serde(default)]
    pub reopenings: Vec<Reopening>,
    /// Set when the complaint was marked not a complaint.
    #[serde(default)]
    pub not_a_complaint: Option<NotAComplaint>,
    /// The facts that start support timers, in the order they happened.
    #[serde(default)]
    pub tracked: Vec<crate::timers::Tracked>,
    /// The reference of Stripe's case, given when Stripe was notified.
    #[serde(default)]
    pub stripe_reference: Option<String>,
    /// Every change of kind or grounds, in the order they happened.
    #[serde(default)]
    pub reclassifications: Vec<Reclassification>,
    /// Four eyes: a reclassification asked for and not yet approved.
    #[serde(default)]
    pub pending_reclassification: Option<PendingReclassification>,
    /// The officer the complaint is assigned to.
    #[serde(default)]
    pub assignee: Option<String>,
}

/// A reclassification waiting for a second officer's approval (four eyes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct PendingReclassification {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub from: ComplaintKind,
    pub to: ComplaintKind,
    pub grounds: Vec<Ground>,
    pub reason: String,
    pub requested_by: String,
}

/// A reopening of a resolved complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Reopening {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub reason: String,
}

/// Why a logged entry is not a complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct NotAComplaint {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub reason: String,
}

impl Complaint {
    /// A new complaint from its intake.
    ///
    /// # Errors
    /// `Invalid` naming the intake field at fault.
    pub fn log(id: String, intake: Intake, taxonomy: &Taxonomy, now: DateTime<Utc>) -> Result<Self, DomainError> {
        crate::not_in_future(intake.received_at, now, "received_at")?;
        intake.validate(taxonomy)?;
        Ok(Complaint::received(id, intake))
    }

    /// The complaint as it stands right after its intake.
    pub(crate) fn received(id: String, intake: Intake) -> Self {
        Complaint {
            id,
            kind: intake.kind,
            grounds: intake.grounds.clone(),
            intake,
            status: ComplaintStatus::Open,
            acknowledged_at: None,
            stripe_notified_at: None,
            stripe_reviewed_at: None,
            stripe_resolve_by: None,
            resolution: None,
            reopened: false,
            first_resolution: None,
            reopenings: Vec::new(),
            not_a_complaint: None,
            tracked: Vec::new(),
            stripe_reference: None,
            reclassifications: Vec::new(),
            pending_reclassification: None,
            assignee: None,
        }
    }

    /// The step that reclassifies this complaint as `to` with `grounds`, asked for by `by` at
    /// `at`: with four eyes on, taking an executive complaint to operational is a request that
    /// a second officer approves; any other change takes effect at once.
    pub fn reclassification(&self, four_eyes: bool, at: DateTime<Utc>, to: ComplaintKind, grounds: Vec<Ground>, reason: String, by: &str) -> ComplaintEvent {
        if four_eyes && self.kind == ComplaintKind::Executive && to == ComplaintKind::Operational {
            ComplaintEvent::ReclassificationRequested { at, from: self.kind, to, grounds, reason, by: by.trim().to_owned() }
        } else {
            ComplaintEvent::Reclassified { at, from: self.kind, to, grounds, reason }
        }
    }

    /// Folds events given in the order they happened (see [`crate::timeline::effective`]). The
    /// first event must be `Logged`. No rule is checked: this reads a history already accepted.
    ///
    /// # Errors
    /// `Rule` when the history does not start with the logging (a damaged store).
    pub fn replay<'a>(id: &str, events: impl IntoIterator<Item = &'a ComplaintEvent>) -> Result<Self, DomainError> {
        let mut iter = events.into_iter();
        let Some(ComplaintEvent::Logged { intake }) = iter.next() else {
            return Err(DomainError::rule("history_starts_with_logged", format!("the history of {id} does not start with its logging")));
        };
        let mut c = Complaint::received(id.to_owned(), intake.clone());
        for e in iter {
            c.mutate(e);
        }
        Ok(c)
    }

    /// While an executive complaint has not been reviewed by Stripe, nobody may contact the
    /// customer about it.
    pub fn contact_hold(&self) -> bool {
        self.kind == ComplaintKind::Executive && self.stripe_reviewed_at.is_none() && self.status != ComplaintStatus::NotAComplaint
    }

    /// Checks `event` against the complaint's rules, then applies it.
    ///
    /// # Errors
    /// `Invalid` naming the field, or `Rule` naming the rule, and the complaint is unchanged.
    pub fn apply(&mut self, event: &ComplaintEvent) -> Result<(), DomainError> {
        self.check(event)?;
        self.mutate(event);
        Ok(())
    }

    /// Checks `event` against the complaint as it stands at the event's instant (the caller
    /// folds the history in the order things happened, see [`crate::timeline`]).
    pub(crate) fn check(&self, event: &ComplaintEvent) -> Result<(), DomainError> {
        if let Some(at) = event.occurred_at() {
            if !matches!(event, ComplaintEvent::Logged { .. }) && at < self.intake.received_at {
                return Err(DomainError::invalid(
                    "at",
                    format!("{} is before the complaint was received ({})", at.to_rfc3339(), self.intake.received_at.to_rfc3339()),
                ));
            }
        }
        let resolved = self.status == ComplaintStatus::Resolved;
        if self.status == ComplaintStatus::NotAComplaint
            && !matches!(event, ComplaintEvent::NoteAdded { .. } | ComplaintEvent::DeadlinesRecomputed { .. } | ComplaintEvent::Voided { .. })
        {
            let since = self.not_a_complaint.as_ref().map(|n| n.at.to_rfc3339()).unwrap_or_default();
            return Err(DomainError::rule(
                "not_a_complaint",
                format!("{} was marked not a complaint ({since}); void that entry to work it as a complaint", self.id),
            ));
        }
        match event {
            ComplaintEvent::Logged { .. } => {
                Err(DomainError::rule("logged_once", format!("{} is already logged", self.id)))
            }
            ComplaintEvent::Acknowledged { .. } => match self.acknowledged_at {
                Some(at) => Err(DomainError::rule(
                    "acknowledged_once",
                    format!("{} was already acknowledged on {}", self.id, at.to_rfc3339()),
                )),
                // Acknowledging is contact with the customer.
                None if self.contact_hold() => Err(self.hold_refusal("acknowledgement to the customer")),
                None => Ok(()),
            },
            ComplaintEvent::StripeNotified { .. } => match self.stripe_notified_at {
                Some(at) => Err(DomainError::rule(
                    "stripe_notified_once",
                    format!("Stripe was already notified of {} on {}", self.id, at.to_rfc3339()),
                )),
                None if self.kind == ComplaintKind::Operational => Err(DomainError::rule(
                    "notify_stripe_executive_only",
                    format!("{} is operational at this instant: Stripe is notified of executive complaints; reclassify it first", self.id),
                )),
                None => Ok(()),
            },
            ComplaintEvent::StripeReviewCompleted { at, resolve_by, .. } => {
                // The review's day in the earliest time zone (UTC−12): whatever the program's
                // zone, a date before it is before the review.
                if resolve_by.is_some_and(|d| d < (*at - chrono::Duration::hours(12)).date_naive()) {
                    return Err(DomainError::invalid("resolve_by", "the resolution date Stripe set cannot be before its review"));
                }
                if self.stripe_reviewed_at.is_some() {
                    return Err(DomainError::rule("stripe_review_once", format!("Stripe's review of {} is already recorded", self.id)));
                }
                match self.stripe_notified_at {
                    None => Err(DomainError::rule(
                        "stripe_review_after_notification",
                        format!("Stripe's review of {} can only come after Stripe was notified, and no notification is recorded before this instant", self.id),
                    )),
                    Some(n) if *at < n => Err(DomainError::invalid("at", "Stripe's review cannot come before Stripe was notified")),
                    Some(_) => Ok(()),
                }
            }
            ComplaintEvent::CustomerContacted { note, .. } => {
                if self.contact_hold() {
                    return Err(self.hold_refusal("contact with the customer"));
                }
                require_text(note, "note")
            }
            ComplaintEvent::ReclassificationRequested { at, from, to, grounds, reason, by } => {
                if *from != ComplaintKind::Executive || *to != ComplaintKind::Operational {
                    return Err(DomainError::rule(
                        "four_eyes_for_downgrade_only",
                        "only an executive complaint's reclassification as operational waits for a second officer",
                    ));
                }
                if by.trim().is_empty() {
                    return Err(DomainError::invalid("by", "name the officer who asks for the reclassification"));
                }
                self.check(&ComplaintEvent::Reclassified { at: *at, from: *from, to: *to, grounds: grounds.clone(), reason: reason.clone() })
            }
            ComplaintEvent::ReclassificationApproved { at, by } => {
                let Some(p) = &self.pending_reclassification else {
                    return Err(DomainError::rule(
                        "no_reclassification_pending",
                        format!("{} has no reclassification waiting for approval at this instant", self.id),
                    ));
                };
                if by.trim().is_empty() {
                    return Err(DomainError::invalid("by", "name the officer who approves the reclassification"));
                }
                if crate::team::same_officer(by, &p.requested_by) {
                    return Err(DomainError::rule(
                        "four_eyes_not_own_request",
                        format!("{} asked for this reclassification and cannot approve it: a second officer must", p.requested_by),
                    ));
                }
                if *at < p.at {
                    return Err(DomainError::invalid("at", "the approval cannot come before the reclassification was asked for"));
                }
                if resolved {
                    return Err(DomainError::rule("reclassify_open_only", format!("{} is resolved; reopen it before reclassifying", self.id)));
                }
                self.check_downgrade("reclassified as operational")
            }
            ComplaintEvent::Assigned { to, .. } => {
                if to.trim().is_empty() {
                    return Err(DomainError::invalid("to", "name the officer the complaint is assigned to"));
                }
                if self.assignee.as_deref().is_some_and(|a| crate::team::same_officer(a, to)) {
                    return Err(DomainError::rule("assign_changes_something", format!("{} is already assigned to {}", self.id, to.trim())));
                }
                Ok(())
            }
            ComplaintEvent::Reclassified { from, to, grounds, reason, .. } => {
                if let Some(p) = &self.pending_reclassification {
                    return Err(DomainError::rule(
                        "reclassification_pending",
                        format!("{} waits for a second officer to approve its reclassification asked for by {}", self.id, p.requested_by),
                    ));
                }
                if *from != self.kind {
                    return Err(DomainError::rule("reclassify_from_current_kind", format!("{} is {}, not {from}", self.id, self.kind)));
                }
                if resolved {
                    return Err(DomainError::rule("reclassify_open_only", format!("{} is resolved; reopen it before reclassifying", self.id)));
                }
                check_grounds(*to, grounds)?;
                if *to == self.kind && grounds == &self.grounds {
                    return Err(DomainError::rule("reclassify_changes_something", format!("{} is already {to} with these grounds", self.id)));
                }
                if self.kind == ComplaintKind::Executive && *to == ComplaintKind::Operational {
                    self.check_downgrade("reclassified as operational")?;
                }
                require_text(reason, "reason")
            }
            ComplaintEvent::Resolved { summary, compensation, .. } => {
                if compensation.as_ref().is_some_and(|m| m.amount_minor < 0) {
                    return Err(DomainError::invalid("compensation", "compensation cannot be negative"));
                }
                if resolved {
                    return Err(DomainError::rule("resolve_open_only", format!("{} is already resolved", self.id)));
                }
                if self.kind == ComplaintKind::Executive && self.stripe_reviewed_at.is_none() {
                    return Err(DomainError::rule(
                        "executive_resolve_with_stripe",
                        format!("{} is executive: it is resolved together with Stripe, after Stripe's review is recorded", self.id),
                    ));
                }
                require_text(summary, "summary")
            }
            ComplaintEvent::Reopened { reason, .. } => {
                if !resolved {
                    return Err(DomainError::rule(
                        "reopen_resolved_only",
                        format!("{} is not resolved at this instant; a reopening comes after the resolution it reopens", self.id),
                    ));
                }
                require_text(reason, "reason")
            }
            ComplaintEvent::MarkedNotAComplaint { reason, .. } => {
                if resolved {
                    return Err(DomainError::rule(
                        "not_a_complaint_open_only",
                        format!("{} is resolved; reopen it before marking it not a complaint", self.id),
                    ));
                }
                if self.kind == ComplaintKind::Executive {
                    self.check_downgrade("marked not a complaint")?;
                }
                require_text(reason, "reason")
            }
            ComplaintEvent::NoteAdded { note, .. } => require_text(note, "note"),
            ComplaintEvent::Tracked { .. } if resolved => Err(DomainError::rule(
                "track_open_only",
                format!("{} is resolved at this instant; a timer is started on an open complaint", self.id),
            )),
            ComplaintEvent::Tracked { .. } | ComplaintEvent::DeadlinesRecomputed { .. } | ComplaintEvent::Voided { .. } => Ok(()),
        }
    }

    /// An executive complaint stops being one only once Stripe has reviewed it, and never when a
    /// regulator sent it.
    fn check_downgrade(&self, what: &str) -> Result<(), DomainError> {
        if self.intake.channel == Channel::Regulator {
            return Err(regulator_refusal());
        }
        if self.stripe_reviewed_at.is_none() {
            return Err(DomainError::rule(
                "executive_downgrade_needs_stripe_review",
                format!("{} is executive and Stripe has not reviewed it; it can be {what} only after Stripe's review is recorded", self.id),
            ));
        }
        Ok(())
    }

    fn hold_refusal(&self, what: &str) -> DomainError {
        DomainError::rule(
            "executive_contact_hold",
            format!(
                "contact hold: {} is an executive complaint and Stripe has not yet reviewed it; no {what} until Stripe's review is recorded",
                self.id
            ),
        )
    }

    pub(crate) fn mutate(&mut self, event: &ComplaintEvent) {
        match event {
            ComplaintEvent::Logged { .. } | ComplaintEvent::NoteAdded { .. } | ComplaintEvent::CustomerContacted { .. } => {}
            ComplaintEvent::Tracked { at, fact, .. } => self.tracked.push(crate::timers::Tracked { at: *at, fact: *fact }),
            // Voided entries are left out before folding (see `timeline::effective`).
            ComplaintEvent::DeadlinesRecomputed { .. } | ComplaintEvent::Voided { .. } => {}
            ComplaintEvent::MarkedNotAComplaint { at, reason } => {
                self.status = ComplaintStatus::NotAComplaint;
                self.not_a_complaint = Some(NotAComplaint { at: *at, reason: reason.clone() });
            }
            ComplaintEvent::Acknowledged { at, .. } => self.acknowledged_at = Some(*at),
            ComplaintEvent::StripeNotified { at, reference, .. } => {
                self.stripe_notified_at = Some(*at);
                self.stripe_reference = reference.clone();
            }
            ComplaintEvent::StripeReviewCompleted { at, resolve_by, .. } => {
                self.stripe_reviewed_at = Some(*at);
                self.stripe_resolve_by = *resolve_by;
            }
            ComplaintEvent::Reclassified { at, from, to, grounds, reason } => {
                self.reclassifications.push(Reclassification { at: *at, from: *from, to: *to, reason: reason.clone() });
                self.kind = *to;
                self.grounds = grounds.clone();
            }
            ComplaintEvent::ReclassificationRequested { at, from, to, grounds, reason, by } => {
                self.pending_reclassification = Some(PendingReclassification {
                    at: *at,
                    from: *from,
                    to: *to,
                    grounds: grounds.clone(),
                    reason: reason.clone(),
                    requested_by: by.trim().to_owned(),
                });
            }
            ComplaintEvent::ReclassificationApproved { at, .. } => {
                if let Some(p) = self.pending_reclassification.take() {
                    self.reclassifications.push(Reclassification { at: *at, from: p.from, to: p.to, reason: p.reason });
                    self.kind = p.to;
                    self.grounds = p.grounds;
                }
            }
            ComplaintEvent::Assigned { to, .. } => self.assignee = Some(to.trim().to_owned()),
            ComplaintEvent::Resolved { at, summary, outcome, compensation, root_cause } => {
                self.status = ComplaintStatus::Resolved;
                let resolution = Resolution {
                    at: *at,
                    summary: summary.clone(),
                    outcome: *outcome,
                    compensation: compensation.clone(),
                    root_cause: root_cause.clone(),
                };
                self.first_resolution.get_or_insert_with(|| resolution.clone());
                self.resolution = Some(resolution);
            }
            ComplaintEvent::Reopened { at, reason } => {
                self.status = ComplaintStatus::Open;
                self.resolution = None;
                self.reopened = true;
                self.reopenings.push(Reopening { at: *at, reason: reason.clone() });
            }
        }
    }

    /// The due date of each clock that runs for this complaint's current kind, counted from the
    /// original submission date.
    pub fn due_dates(&self, rules: &DeadlineRules) -> Vec<(Clock, DeadlineExplanation)> {
        let start = rules.local_date(self.intake.received_at);
        Clock::ALL
            .iter()
            .filter_map(|&clock| match self.set_by_stripe(clock, rules) {
                Some((reviewed_on, due)) => Some((clock, DeadlineExplanation::set_by_stripe(reviewed_on, due, &rules.calendar))),
                None => rules.policy.days(self.kind, clock).map(|n| (clock, rules.calendar.explain_add(start, n))),
            })
            .collect()
    }

    /// The resolution date Stripe set with its review (and the local day of the review), which
    /// replaces the program's resolve clock of an executive complaint.
    fn set_by_stripe(&self, clock: Clock, rules: &DeadlineRules) -> Option<(NaiveDate, NaiveDate)> {
        match (clock, self.kind, self.stripe_resolve_by, self.stripe_reviewed_at) {
            (Clock::Resolve, ComplaintKind::Executive, Some(due), Some(reviewed)) => Some((rules.local_date(reviewed), due)),
            _ => None,
        }
    }

    /// When the step that stops `clock` happened, if it has. The first resolution counts even
    /// after a reopening: a clock met before the reopen stays met.
    fn done_at(&self, clock: Clock) -> Option<DateTime<Utc>> {
        let resolved_at = self.first_resolution.as_ref().or(self.resolution.as_ref()).map(|r| r.at);
        match clock {
            // A resolution answers the customer, so it also acknowledges a complaint nobody
            // acknowledged separately.
            Clock::Acknowledge => match (self.acknowledged_at, resolved_at) {
                (Some(a), Some(r)) => Some(a.min(r)),
                (a, r) => a.or(r),
            },
            Clock::Resolve => resolved_at,
            Clock::NotifyStripe => self.stripe_notified_at,
        }
    }

    /// Every running clock with its state as of `today` (a local date in the program's zone).
    /// An entry marked not a complaint runs none.
    pub fn clocks(&self, rules: &DeadlineRules, today: NaiveDate) -> Vec<ClockStatus> {
        if self.status == ComplaintStatus::NotAComplaint {
            return Vec::new();
        }
        self.due_dates(rules)
            .into_iter()
            .map(|(clock, explanation)| {
                let due = explanation.due;
                let judged = self.judge(rules, clock, due, today);
                let business_days_left =
                    judged.done_at.is_none().then(|| rules.calendar.business_days_between(today, due));
                ClockStatus {
                    clock,
                    due,
                    due_at: end_of_local_day(due, rules.timezone),
                    done_at: judged.done_at,
                    state: judged.state,
                    overdue: judged.overdue,
                    business_days_left,
                    explanation_text: explanation.sentence(),
                    explanation,
                }
            })
            .collect()
    }

    /// [`Complaint::clocks`] without the explanation of each due date's days: what a report
    /// row needs, for a hundred thousand complaints at a time.
    pub fn judged_clocks(&self, rules: &DeadlineRules, today: NaiveDate) -> Vec<JudgedClock> {
        if self.status == ComplaintStatus::NotAComplaint {
            return Vec::new();
        }
        Clock::ALL.iter().filter_map(|&clock| self.due_date(rules, clock).map(|due| self.judge(rules, clock, due, today))).collect()
    }

    fn judge(&self, rules: &DeadlineRules, clock: Clock, due: NaiveDate, today: NaiveDate) -> JudgedClock {
        let done_at = self.done_at(clock);
        let state = match done_at {
            Some(at) if rules.local_date(at) <= due => ClockState::Met,
            Some(_) => ClockState::Missed,
            None => ClockState::Pending,
        };
        JudgedClock { clock, due, done_at, state, overdue: done_at.is_none() && today > due }
    }

    /// The earliest clock still running, if any: what the register sorts and colours by.
    pub fn next_deadline(&self, rules: &DeadlineRules) -> Option<(Clock, NaiveDate)> {
        if self.status != ComplaintStatus::Open {
            return None;
        }
        self.due_dates(rules)
            .into_iter()
            .filter(|(clock, _)| self.done_at(*clock).is_none())
            .map(|(clock, e)| (clock, e.due))
            .min_by_key(|(_, due)| *due)
    }

    /// The due date of `clock`, if it runs for this complaint.
    pub fn due_date(&self, rules: &DeadlineRules, clock: Clock) -> Option<NaiveDate> {
        if let Some((_, due)) = self.set_by_stripe(clock, rules) {
            return Some(due);
        }
        rules.policy.days(self.kind, clock).map(|n| rules.calendar.add_business_days(rules.local_date(self.intake.received_at), n))
    }
}

fn require_text(value: &str, field: &str) -> Result<(), DomainError> {
    if value.trim().is_empty() {
        Err(DomainError::invalid(field, format!("{field} is required")))
    } else {
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn rules() -> DeadlineRules {
        DeadlineRules {
            calendar: BusinessCalendar::default(),
            timezone: chrono_tz::America::New_York,
            policy: DeadlinePolicy::default(),
        }
    }

    pub(crate) fn at(s: &str) -> DateTime<Utc> {
        parse_instant(s, "at").unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn intake(kind: ComplaintKind, received: &str) -> Intake {
        Intake {
            received_at: at(received),
            received_offset_minutes: -300,
            channel: Channel::Email,
            complainant: Complainant { name: "Ada Example".into(), email: Some("ada@example.com".into()), account: None, cardholder: None },
            product: Some(Product::Issuing),
            topic: None,
            issue_type: None,
            summary: "Card declined".into(),
            description: None,
            kind,
            grounds: if kind == ComplaintKind::Executive { vec![Ground::Regulator] } else { vec![] },
            regulator: None,
        }
    }

    pub(crate) fn complaint(kind: ComplaintKind, received: &str) -> Complaint {
        Complaint::log("CMP-2026-00001".into(), intake(kind, received), &Taxonomy::default(), at("2027-01-01T00:00:00Z")).unwrap()
    }

    fn clock(c: &Complaint, which: Clock, today: &str) -> ClockStatus {
        c.clocks(&rules(), d(today)).into_iter().find(|s| s.clock == which).expect("clock runs")
    }

    #[test]
    fn rule_operational_deadlines_are_5_and_15_business_days_after_submission() {
        // Friday 20 Nov 2026 10:00 New York; Thanksgiving Thursday 26 Nov is skipped.
        let c = complaint(ComplaintKind::Operational, "2026-11-20T10:00:00-05:00");
        assert_eq!(c.due_date(&rules(), Clock::Acknowledge), Some(d("2026-11-30")));
        assert_eq!(c.due_date(&rules(), Clock::Resolve), Some(d("2026-12-14")));
        assert_eq!(c.due_date(&rules(), Clock::NotifyStripe), None, "operational complaints are not sent to Stripe on a clock");
    }

    #[test]
    fn rule_executive_notify_stripe_next_business_day_resolve_in_15_and_no_ack_clock() {
        let c = complaint(ComplaintKind::Executive, "2026-11-20T16:00:00-05:00");
        assert_eq!(c.due_date(&rules(), Clock::NotifyStripe), Some(d("2026-11-23")));
        assert_eq!(c.due_date(&rules(), Clock::Acknowledge), None);
        // The program's resolution target: 15 business days, Thanksgiving skipped.
        assert_eq!(c.due_date(&rules(), Clock::Resolve), Some(d("2026-12-14")));
    }

    #[test]
    fn rule_submission_date_is_taken_in_the_program_time_zone() {
        // 03:00 UTC on Saturday is still Friday evening in New York.
        let c = complaint(ComplaintKind::Executive, "2026-11-21T03:00:00Z");
        assert_eq!(c.due_date(&rules(), Clock::NotifyStripe), Some(d("2026-11-23")));
        let mut tokyo = rules();
        tokyo.timezone = chrono_tz::Asia::Tokyo;
        // In Tokyo it is Saturday noon: the next business day is still Monday 23.
        assert_eq!(c.due_date(&tokyo, Clock::NotifyStripe), Some(d("2026-11-23")));
        let c = complaint(ComplaintKind::Executive, "2026-11-23T03:00:00Z");
        // Sunday 22:00 in New York → Monday 23; Monday 12:00 in Tokyo → Tuesday 24.
        assert_eq!(c.due_date(&rules(), Clock::NotifyStripe), Some(d("2026-11-23")));
        assert_eq!(c.due_date(&tokyo, Clock::NotifyStripe), Some(d("2026-11-24")));
    }

    #[test]
    fn rule_due_by_end_of_day_in_program_time_zone() {
        let c = complaint(ComplaintKind::Executive, "2026-11-20T10:00:00-05:00");
        let s = clock(&c, Clock::NotifyStripe, "2026-11-23");
        assert_eq!(s.due_at.to_rfc3339(), "2026-11-24T04:59:59+00:00");
        assert_eq!(s.state, ClockState::Pending, "not late on the due day itself");
        let late = clock(&c, Clock::NotifyStripe, "2026-11-24");
        assert_eq!((late.state, late.overdue), (ClockState::Pending, true), "not done, and late the day after");
    }

    #[test]
    fn rule_executive_contact_hold_until_stripe_review() {
        let mut c = complaint(ComplaintKind::Executive, "2026-11-20T10:00:00-05:00");
        let contact = ComplaintEvent::CustomerContacted { at: at("2026-11-23T09:00:00-05:00"), how: None, note: "Called back".into() };
        let err = c.apply(&contact).unwrap_err();
        assert!(matches!(&err, DomainError::Rule { rule, .. } if rule == "executive_contact_hold"), "{err}");
        c.apply(&ComplaintEvent::StripeNotified { at: at("2026-11-20T12:00:00-05:00"), how: None, reference: Some("SUP-1".into()), note: None }).unwrap();
        assert!(c.apply(&contact).is_err(), "notification alone must not lift the hold");
        c.apply(&ComplaintEvent::StripeReviewCompleted { at: at("2026-11-22T12:00:00-05:00"), note: None, resolve_by: None }).unwrap();
        c.apply(&contact).expect("after Stripe's review contact is allowed");
    }

    #[test]
    fn rule_executive_contact_hold_covers_acknowledgement() {
        let mut c = complaint(ComplaintKind::Executive, "2026-11-20T10:00:00-05:00");
        let ack = ComplaintEvent::Acknowledged { at: at("2026-11-20T11:00:00-05:00"), how: Some("email".into()), note: None };
        let err = c.apply(&ack).unwrap_err();
        assert!(matches!(&err, DomainError::Rule { rule, .. } if rule == "executive_contact_hold"), "acknowledging is contact: {err}");
    }

    #[test]
    fn rule_operational_complaints_have_no_contact_hold() {
        let mut c = complaint(ComplaintKind::Operational, "2026-11-20T10:00:00-05:00");
        c.apply(&ComplaintEvent::CustomerContacted { at: at("2026-11-20T11:00:00-05:00"), how: None, note: "Called".into() }).unwrap();
    }

    #[test]
    fn rule_reclassify_to_executive_counts_from_original_submission_and_is_overdue_at_once() {
        let mut c = complaint(ComplaintKind::Operational, "2026-11-02T10:00:00-05:00");
        c.apply(&ComplaintEvent::Reclassified {
            at: at("2026-11-10T10:00:00-05:00"),
            from: ComplaintKind::Operational,
            to: ComplaintKind::Executive,
            grounds: vec![Ground::Litigation],
            reason: "Customer's lawyer wrote".into(),
        })
        .unwrap();
        let s = clock(&c, Clock::NotifyStripe, "2026-11-10");
        assert_eq!(s.due, d("2026-11-03"), "counted from the original submission date");
        assert!(s.state == ClockState::Pending && s.overdue, "already past when reclassified");
        assert!(c.contact_hold(), "a reclassified executive complaint holds contact");
    }

    #[test]
    fn rule_clock_met_or_missed_is_read_from_events() {
        let mut c = complaint(ComplaintKind::Operational, "2026-11-20T10:00:00-05:00");
        // Ack due Mon 30 Nov; acknowledged at 23:30 New York on the 30th is on time.
        c.apply(&ComplaintEvent::Acknowledged { at: at("2026-12-01T04:30:00Z"), how: Some("email".into()), note: None }).unwrap();
        assert_eq!(clock(&c, Clock::Acknowledge, "2026-12-10").state, ClockState::Met);
        // Resolve due 14 Dec; resolved 15 Dec is missed.
        c.apply(&ComplaintEvent::Resolved { at: at("2026-12-15T10:00:00-05:00"), summary: "Refunded".into(), outcome: Some(Outcome::Upheld), compensation: None, root_cause: None }).unwrap();
        assert_eq!(clock(&c, Clock::Resolve, "2026-12-20").state, ClockState::Missed);
        assert_eq!(c.next_deadline(&rules()), None, "a resolved complaint has nothing due");
    }

    #[test]
    fn rule_executive_needs_a_ground_and_operational_has_none() {
        let mut i = intake(ComplaintKind::Executive, "2026-11-20T10:00:00-05:00");
        i.grounds.clear();
        let err = Complaint::log("X".into(), i, &Taxonomy::default(), at("2027-01-01T00:00:00Z")).unwrap_err();
        assert!(err.to_string().starts_with("grounds:"), "{err}");
        let mut i = intake(ComplaintKind::Operational, "2026-11-20T10:00:00-05:00");
        i.grounds.push(Ground::Udap);
        assert!(Complaint::log("X".into(), i, &Taxonomy::default(), at("2027-01-01T00:00:00Z")).is_err());
    }

    #[test]
    fn rule_executive_resolved_only_after_stripe_review() {
        let mut c = complaint(ComplaintKind::Executive, "2026-11-20T10:00:00-05:00");
        let resolve = ComplaintEvent::Resolved { at: at("2026-11-25T10:00:00-05:00"), summary: "Done".into(), outcome: None, compensation: None, root_cause: None };
        assert!(c.apply(&resolve).is_err());
        c.apply(&ComplaintEvent::StripeNotified { at: at("2026-11-20T11:00:00-05:00"), how: None, reference: None, note: None }).unwrap();
        c.apply(&ComplaintEvent::StripeReviewCompleted { at: at("2026-11-21T11:00:00-05:00"), note: None, resolve_by: None }).unwrap();
        c.apply(&resolve).unwrap();
        assert_eq!(c.status, ComplaintStatus::Resolved);
    }

    #[test]
    fn reopening_makes_it_open_again_and_keeps_the_clock_its_first_resolution_met() {
        let mut c = complaint(ComplaintKind::Operational, "2026-11-20T10:00:00-05:00");
        c.apply(&ComplaintEvent::Resolved { at: at("2026-11-24T10:00:00-05:00"), summary: "Done".into(), outcome: None, compensation: None, root_cause: None }).unwrap();
        assert!(c.apply(&ComplaintEvent::Reopened { at: at("2026-11-25T10:00:00-05:00"), reason: " ".into() }).is_err(), "a reason is required");
        c.apply(&ComplaintEvent::Reopened { at: at("2026-11-25T10:00:00-05:00"), reason: "Customer wrote again".into() }).unwrap();
        assert_eq!(c.status, ComplaintStatus::Open);
        assert_eq!(clock(&c, Clock::Resolve, "2026-11-25").state, ClockState::Met, "resolved on time before the reopen");
    }

    #[test]
    fn events_before_receipt_are_refused_naming_at() {
        let mut c = complaint(ComplaintKind::Operational, "2026-11-20T10:00:00-05:00");
        let err = c.apply(&ComplaintEvent::Acknowledged { at: at("2026-11-19T10:00:00-05:00"), how: None, note: None }).unwrap_err();
        assert!(err.to_string().starts_with("at:"), "{err}");
    }

    #[test]
    fn replay_gives_the_same_complaint_as_applying() {
        let mut c = complaint(ComplaintKind::Executive, "2026-11-20T10:00:00-05:00");
        let mut events = vec![ComplaintEvent::Logged { intake: c.intake.clone() }];
        for e in [
            ComplaintEvent::StripeNotified { at: at("2026-11-20T11:00:00-05:00"), how: None, reference: None, note: None },
            ComplaintEvent::StripeReviewCompleted { at: at("2026-11-21T11:00:00-05:00"), note: None, resolve_by: None },
            ComplaintEvent::Resolved { at: at("2026-11-25T10:00:00-05:00"), summary: "Done".into(), outcome: None, compensation: None, root_cause: None },
        ] {
            c.apply(&e).unwrap();
            events.push(e);
        }
        assert_eq!(Complaint::replay(&c.id, &events).unwrap(), c);
    }

    #[test]
    fn kind_and_grounds_parse_from_cli_words() {
        assert_eq!("Executive".parse::<ComplaintKind>().unwrap(), ComplaintKind::Executive);
        assert_eq!(parse_grounds("regulator, consumer-harm").unwrap(), vec![Ground::Regulator, Ground::ConsumerHarm]);
        assert!(parse_grounds("regulator,regulator").is_err());
        assert!("fax".parse::<Channel>().unwrap_err().to_string().starts_with("channel:"));
    }
}
