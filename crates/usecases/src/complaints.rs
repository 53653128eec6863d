//! The complaint register: logging, working and listing complaints.

use cdesk_domain::complaint::{local_date, parse_grounds, parse_instant};
use cdesk_domain::{
    Channel, Clock, ClockStatus, Complainant, Complaint, ComplaintEvent, ComplaintKind, ComplaintStatus,
    DeadlineChange, Ground, Intake, Money, Outcome, Product,
};
use cdesk_domain::complaint::DeadlineRules;
use cdesk_domain::timeline::{self, Entry};
use cdesk_domain::timers::{TimerKind, TrackedFact};
use cdesk_store::{ComplaintFilter, ComplaintRecord, StatusFilter, Tx};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{instant_text, load_rules, record, Desk, ErrorBody, Result};

pub(crate) const ENTITY: &str = "complaint";

/// A complaint as typed into the form, the CLI or a CSV row: raw text, validated by the use case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct LogComplaintInput {
    /// RFC 3339 instant with its offset, e.g. `2026-11-20T14:30:00-05:00`.
    pub received_at: String,
    pub kind: String,
    #[serde(default)]
    pub grounds: Vec<String>,
    pub channel: String,
    pub product: Option<String>,
    pub topic: Option<String>,
    pub issue_type: Option<String>,
    pub summary: String,
    pub description: Option<String>,
    pub complainant_name: String,
    pub complainant_email: Option<String>,
    pub account: Option<String>,
    pub cardholder: Option<String>,
    /// The regulator or agency that sent the complaint (channel `regulator`), and its reference.
    #[serde(default)]
    #[ts(optional)]
    pub regulator_name: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub regulator_reference: Option<String>,
}

/// Grounds given as a list whose items may themselves be comma-separated (`["regulator,udap"]`
/// from the CLI, `["regulator", "udap"]` from the form); each ground once.
fn ground_list(items: &[String]) -> Result<Vec<Ground>> {
    Ok(parse_grounds(&items.join(","))?)
}

fn non_empty(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

impl LogComplaintInput {
    /// Turns raw input into a validated intake.
    ///
    /// # Errors
    /// `InvalidInput` naming the first field at fault.
    pub(crate) fn validate(&self, desk_taxonomy: &cdesk_domain::Taxonomy) -> Result<Intake> {
        let received = chrono::DateTime::parse_from_rfc3339(self.received_at.trim()).map_err(|_| {
            ErrorBody::invalid(
                "received_at",
                format!("{:?} is not an RFC 3339 instant such as 2026-11-20T14:30:00-05:00", self.received_at),
            )
        })?;
        let kind: ComplaintKind = self.kind.parse()?;
        let grounds = ground_list(&self.grounds)?;
        let channel: Channel = self.channel.parse()?;
        let product = non_empty(&self.product).map(|p| p.parse::<Product>()).transpose()?;
        let name = self.complainant_name.trim();
        if name.is_empty() {
            return Err(ErrorBody::invalid("complainant_name", "the complainant's name is required"));
        }
        let intake = Intake {
            received_at: received.with_timezone(&Utc),
            received_offset_minutes: received.offset().local_minus_utc() / 60,
            channel,
            complainant: Complainant {
                name: name.to_owned(),
                email: non_empty(&self.complainant_email),
                account: non_empty(&self.account),
                cardholder: non_empty(&self.cardholder),
            },
            product,
            topic: non_empty(&self.topic),
            issue_type: non_empty(&self.issue_type),
            summary: self.summary.trim().to_owned(),
            description: non_empty(&self.description),
            kind,
            grounds,
            regulator: match (non_empty(&self.regulator_name), non_empty(&self.regulator_reference)) {
                (None, None) => None,
                (name, reference) => Some(cdesk_domain::RegulatorSource { name: name.unwrap_or_default(), reference }),
            },
        };
        intake.validate(desk_taxonomy)?;
        Ok(intake)
    }
}

/// How urgent a complaint's next deadline is, for colouring the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum Urgency {
    Overdue,
    DueToday,
    /// Due within the next 3 business days.
    DueSoon,
    Later,
}

/// The earliest running clock of an open complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct NextDeadline {
    pub clock: Clock,
    pub due: String,
    /// Business days from today to the due date; negative when late.
    #[ts(type = "number")]
    pub business_days_left: i64,
    pub urgency: Urgency,
}

/// A clock of a complaint with how urgent it is today (none once done), as the register judges it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ClockView {
    #[serde(flatten)]
    #[ts(flatten)]
    pub status: ClockStatus,
    pub urgency: Option<Urgency>,
}

impl std::ops::Deref for ClockView {
    type Target = ClockStatus;
    fn deref(&self) -> &ClockStatus {
        &self.status
    }
}

/// The calendar days after `from` up to `to`, as `YYYY-MM-DD` (a few days: the due lists' windows).
pub(crate) fn days_between(from: NaiveDate, to: NaiveDate) -> Vec<String> {
    from.iter_days().skip(1).take_while(|d| *d <= to).map(|d| d.to_string()).collect()
}

/// Business days counted as "due soon" in the header.
pub const DUE_SOON_BUSINESS_DAYS: u32 = 3;

fn next_deadline(rules: &DeadlineRules, today: NaiveDate, clock: Clock, due: NaiveDate) -> NextDeadline {
    DueDays::new(rules, today).next_deadline(clock, due)
}

/// Business days left and urgency of due dates as of one day, each date counted once: a list
/// of many rows shares a few hundred due dates, and counting business days walks the calendar.
pub(crate) struct DueDays<'r> {
    rules: &'r DeadlineRules,
    today: NaiveDate,
    soon_until: NaiveDate,
    known: std::collections::HashMap<NaiveDate, (i64, Urgency)>,
}

impl<'r> DueDays<'r> {
    pub(crate) fn new(rules: &'r DeadlineRules, today: NaiveDate) -> Self {
        DueDays { rules, today, soon_until: rules.calendar.add_business_days(today, DUE_SOON_BUSINESS_DAYS), known: Default::default() }
    }

    fn of(&mut self, due: NaiveDate) -> (i64, Urgency) {
        let (rules, today, soon_until) = (self.rules, self.today, self.soon_until);
        *self.known.entry(due).or_insert_with(|| {
            let urgency = if due < today {
                Urgency::Overdue
            } else if due == today {
                Urgency::DueToday
            } else if due <= soon_until {
                Urgency::DueSoon
            } else {
                Urgency::Later
            };
            (rules.calendar.business_days_between(today, due), urgency)
        })
    }

    fn next_deadline(&mut self, clock: Clock, due: NaiveDate) -> NextDeadline {
        let (left, urgency) = self.of(due);
        NextDeadline { clock, due: due.to_string(), business_days_left: left, urgency }
    }
}

/// The three deadline dates (`YYYY-MM-DD`, or null when that clock does not run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct DeadlineDates {
    pub acknowledge_by: Option<String>,
    pub resolve_by: Option<String>,
    pub notify_stripe_by: Option<String>,
}

/// One entry of a complaint's history, in the order recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct TimelineEntry {
    #[ts(type = "number")]
    pub seq: i64,
    /// When it was recorded (the clock).
    pub recorded_at: String,
    pub actor: String,
    pub action: String,
    /// When it happened, as the officer gave it (null for bookkeeping entries).
    pub occurred_at: Option<String>,
    pub description: String,
    pub event: ComplaintEvent,
    #[serde(flatten)]
    #[ts(flatten)]
    pub marks: crate::EntryMarks,
}

/// Everything the detail view and `cdesk complaint show --json` show about one complaint.
/// `id`, `kind`, `status`, `received_at` and `deadlines` head the record for scripts; the full
/// state is in `complaint`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ComplaintDetail {
    pub id: String,
    pub kind: ComplaintKind,
    pub status: ComplaintStatus,
    pub overdue: bool,
    pub received_at: String,
    pub deadlines: DeadlineDates,
    pub complaint: Complaint,
    /// The received instant as it was given, e.g. `2026-11-20 10:00 (UTC-05:00)`.
    pub received_local: String,
    /// The submission date in the program's time zone, from which deadlines count.
    pub received_date: String,
    pub clocks: Vec<ClockView>,
    pub next_deadline: Option<NextDeadline>,
    /// The support timers the tracked facts started (card shipped, authorization created, ACH
    /// debit received), soonest first.
    pub timers: Vec<cdesk_domain::timers::Timer>,
    pub contact_hold: bool,
    /// Every step an officer can take, always in the same order; a closed one says why.
    pub actions: Vec<cdesk_domain::actions::ActionState>,
    /// The `seq` of the last entry: the view's revision, sent back as `seen` with a change so
    /// that a change made after someone else's is refused (`stale_view`) instead of merged.
    #[ts(type = "number")]
    pub revision: i64,
    pub timeline: Vec<TimelineEntry>,
    pub today: String,
    pub timezone: String,
}

/// One row of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ComplaintRow {
    pub id: String,
    pub received_at: String,
    pub received_date: String,
    pub kind: ComplaintKind,
    pub grounds: Vec<Ground>,
    pub status: ComplaintStatus,
    pub overdue: bool,
    pub product: Option<Product>,
    pub channel: Channel,
    pub summary: String,
    pub complainant_name: String,
    pub contact_hold: bool,
    pub deadlines: DeadlineDates,
    pub next_deadline: Option<NextDeadline>,
    /// The first support timer of an open complaint that falls today or later.
    pub next_timer: Option<TimerDue>,
    /// The officer it is assigned to.
    pub assignee: Option<String>,
}

/// A support timer's day, as the register shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct TimerDue {
    pub kind: TimerKind,
    pub due: String,
    pub urgency: Urgency,
}

/// The register's text of an open complaint's timer days: `kind:YYYY-MM-DD` joined by `;`,
/// soonest first (null when none runs).
fn timer_dues_text(c: &Complaint, rules: &DeadlineRules) -> Option<String> {
    if c.tracked.is_empty() {
        return None;
    }
    let dues = cdesk_domain::timers::counted_due_dates(c, rules, cdesk_domain::timers::TimerRules::shipped());
    (!dues.is_empty()).then(|| dues.iter().map(|(k, d)| format!("{}:{d}", k.code())).collect::<Vec<_>>().join(";"))
}

fn next_timer(text: Option<&str>, days: &mut DueDays<'_>) -> Option<TimerDue> {
    let today = days.today;
    text?.split(';').filter_map(|part| {
        let (kind, due) = part.split_once(':')?;
        let due: NaiveDate = due.parse().ok()?;
        Some((kind.parse::<TimerKind>().ok()?, due))
    })
    .filter(|(_, due)| *due >= today)
    .min_by_key(|(_, due)| *due)
    .map(|(kind, due)| TimerDue { kind, due: due.to_string(), urgency: days.of(due).1 })
}

/// A support fact to track on a complaint (the CLI's `complaint track`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct TrackInput {
    pub complaint_id: String,
    /// `card_shipped`, `authorization_created` or `ach_debit_received`.
    pub event: String,
    /// When it happened (RFC 3339).
    pub at: String,
    /// For `card_shipped`: `standard`, `express` or `priority`.
    pub shipping: Option<String>,
    /// For `authorization_created`: `hotel`, `airline`, `car_rental` or `other`.
    pub merchant_category: Option<String>,
    pub note: Option<String>,
    /// The revision the officer acted on (the `revision` of the view they saw): refused as
    /// `stale_view` when the record changed since. Absent: the record as it stands.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub seen: Option<i64>,
}

/// A register query as the UI or CLI gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ListComplaintsInput {
    /// `open`, `overdue`, `due_today`, `due_soon` (within 3 business days, not today),
    /// `on_hold` (awaiting Stripe's review), `resolved` or `all`.
    pub status: String,
    pub kind: Option<String>,
    pub product: Option<String>,
    #[serde(default)]
    pub due_this_week: bool,
    pub search: Option<String>,
    #[ts(type = "number")]
    pub limit: i64,
    #[ts(type = "number")]
    #[serde(default)]
    pub offset: i64,
    /// Only the complaints assigned to the desk's officer ("Mine").
    #[serde(default)]
    pub mine: bool,
}

impl Default for ListComplaintsInput {
    fn default() -> Self {
        ListComplaintsInput { status: "open".into(), kind: None, product: None, due_this_week: false, search: None, limit: 50, offset: 0, mine: false }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ComplaintPage {
    pub items: Vec<ComplaintRow>,
    #[ts(type = "number")]
    pub total: i64,
    /// False for a search whose term is in very many rows: `total` is then a lower bound
    /// (shown as "2,000 or more"), so that the page comes at once.
    pub total_exact: bool,
    pub today: String,
}

/// The register's header counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct RegisterCounts {
    pub today: String,
    #[ts(type = "number")]
    pub open: i64,
    #[ts(type = "number")]
    pub overdue: i64,
    #[ts(type = "number")]
    pub due_today: i64,
    /// Due within the next 3 business days, not counting today.
    #[ts(type = "number")]
    pub due_soon: i64,
    /// Executive complaints awaiting Stripe's review (contact hold on).
    #[ts(type = "number")]
    pub on_hold: i64,
    /// The previous month (`YYYY-MM`) when its report to Stripe is due and not yet submitted.
    pub report_due: Option<String>,
}

/// An amount as entered: minor units and a currency code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct MoneyInput {
    #[ts(type = "number")]
    pub amount_minor: i64,
    pub currency: String,
}

/// A step taken on a complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum ComplaintStep {
    Acknowledge { how: Option<String>, note: Option<String> },
    NotifyStripe { how: Option<String>, reference: Option<String>, note: Option<String> },
    StripeReviewCompleted {
        note: Option<String>,
        /// The resolution date Stripe set with its review (`YYYY-MM-DD`), if it set one.
        #[serde(default)]
        #[ts(optional)]
        resolve_by: Option<String>,
    },
    ContactCustomer { how: Option<String>, note: String },
    Reclassify { kind: String, grounds: Vec<String>, reason: String },
    Resolve {
        summary: String,
        outcome: Option<String>,
        compensation: Option<MoneyInput>,
        /// Why the complaint arose (a code of the taxonomy's root causes); with `remediation`.
        #[serde(default)]
        #[ts(optional)]
        root_cause: Option<String>,
        /// What the program changed beyond this customer (a code of the taxonomy's remediations).
        #[serde(default)]
        #[ts(optional)]
        remediation: Option<String>,
        #[serde(default)]
        #[ts(optional)]
        remediation_note: Option<String>,
    },
    Reopen { reason: String },
    AddNote { note: String },
    /// A support fact that starts a timer (see [`TrackInput`]).
    Track { event: String, shipping: Option<String>, merchant_category: Option<String>, note: Option<String> },
}

/// An entry recorded in error, to void.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct VoidEntryInput {
    pub complaint_id: String,
    /// The entry's `seq` in the timeline.
    #[ts(type = "number")]
    pub seq: i64,
    pub reason: String,
    /// The revision the officer acted on (the `revision` of the view they saw): refused as
    /// `stale_view` when the record changed since. Absent: the record as it stands.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub seen: Option<i64>,
}

/// Marks a logged entry as not a complaint (the platform's own employee's dissatisfaction).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct NotAComplaintInput {
    pub complaint_id: String,
    pub reason: String,
    /// When it was decided (RFC 3339); now when null.
    pub at: Option<String>,
    /// The revision the officer acted on (the `revision` of the view they saw): refused as
    /// `stale_view` when the record changed since. Absent: the record as it stands.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub seen: Option<i64>,
}

/// Four eyes: a second officer approves a pending reclassification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ApproveReclassificationInput {
    pub complaint_id: String,
    /// When it was approved (RFC 3339); now when null.
    pub at: Option<String>,
    /// On a single-user desk, the second officer's name, under which the approval is recorded
    /// (the desk's own officer when null).
    pub approver: Option<String>,
    /// The revision the officer acted on (the `revision` of the view they saw): refused as
    /// `stale_view` when the record changed since. Absent: the record as it stands.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub seen: Option<i64>,
}

/// A complaint given to an officer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct AssignComplaintInput {
    pub complaint_id: String,
    pub to: String,
    /// The revision the officer acted on (the `revision` of the view they saw): refused as
    /// `stale_view` when the record changed since. Absent: the record as it stands.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub seen: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct RecordStepInput {
    pub complaint_id: String,
    /// When the step happened (RFC 3339 with offset).
    pub at: String,
    pub step: ComplaintStep,
    /// The revision the officer acted on (the `revision` of the view they saw): refused as
    /// `stale_view` when the record changed since. Absent: the record as it stands.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub seen: Option<i64>,
}

fn trimmed(v: Option<String>) -> Option<String> {
    non_empty(&v)
}

/// What a step is made with besides its own fields: the taxonomy, whether four eyes are on,
/// and who records it.
struct StepContext<'a> {
    taxonomy: &'a cdesk_domain::Taxonomy,
    four_eyes: bool,
    actor: &'a str,
}

impl ComplaintStep {
    /// The entry this step makes on `then`, the complaint as it stood at the step's instant.
    fn into_event(self, at: DateTime<Utc>, then: &Complaint, cx: &StepContext<'_>) -> Result<ComplaintEvent> {
        let taxonomy = cx.taxonomy;
        Ok(match self {
            ComplaintStep::Acknowledge { how, note } => ComplaintEvent::Acknowledged { at, how: trimmed(how), note: trimmed(note) },
            ComplaintStep::NotifyStripe { how, reference, note } => {
                ComplaintEvent::StripeNotified { at, how: trimmed(how), reference: trimmed(reference), note: trimmed(note) }
            }
            ComplaintStep::StripeReviewCompleted { note, resolve_by } => ComplaintEvent::StripeReviewCompleted {
                at,
                note: trimmed(note),
                resolve_by: trimmed(resolve_by).map(|d| crate::parse_date(&d, "resolve_by")).transpose()?,
            },
            ComplaintStep::ContactCustomer { how, note } => {
                ComplaintEvent::CustomerContacted { at, how: trimmed(how), note: note.trim().to_owned() }
            }
            ComplaintStep::Reclassify { kind, grounds, reason } => {
                let to: ComplaintKind = kind.parse()?;
                then.reclassification(cx.four_eyes, at, to, ground_list(&grounds)?, reason.trim().to_owned(), cx.actor)
            }
            ComplaintStep::Resolve { summary, outcome, compensation, root_cause, remediation, remediation_note } => {
                let outcome = trimmed(outcome).map(|o| o.parse::<Outcome>()).transpose()?;
                let compensation = compensation.map(|m| Money::new(m.amount_minor, &m.currency, "compensation")).transpose()?;
                let root_cause =
                    cdesk_domain::RootCause::from_parts(trimmed(root_cause), trimmed(remediation), trimmed(remediation_note), taxonomy)?;
                ComplaintEvent::Resolved { at, summary: summary.trim().to_owned(), outcome, compensation, root_cause }
            }
            ComplaintStep::Reopen { reason } => ComplaintEvent::Reopened { at, reason: reason.trim().to_owned() },
            ComplaintStep::AddNote { note } => ComplaintEvent::NoteAdded { at, note: note.trim().to_owned() },
            ComplaintStep::Track { event, shipping, merchant_category, note } => ComplaintEvent::Tracked {
                at,
                fact: TrackedFact::parse(&event, shipping.as_deref(), merchant_category.as_deref())?,
                note: trimmed(note),
            },
        })
    }
}

/// A cursor as the CLI prints it: the row's next deadline, received instant and id.
fn cursor_text(c: &cdesk_store::RegisterCursor) -> String {
    format!("{}~{}~{}", c.sort_due, c.received_at, c.id)
}

fn parse_cursor(text: &str) -> Result<cdesk_store::RegisterCursor> {
    let bad = || ErrorBody::invalid("after", format!("{text:?} is not a register cursor (as `complaint list` prints it)"));
    let mut parts = text.trim().splitn(3, '~');
    let (Some(due), Some(received), Some(id)) = (parts.next(), parts.next(), parts.next()) else { return Err(bad()) };
    if due.parse::<NaiveDate>().is_err() || DateTime::parse_from_rfc3339(received).is_err() || id.is_empty() {
        return Err(bad());
    }
    Ok(cdesk_store::RegisterCursor { sort_due: due.to_owned(), received_at: received.to_owned(), id: id.to_owned() })
}

/// Parses a status filter word.
///
/// # Errors
/// `InvalidInput` naming `status`.
pub fn parse_status_filter(s: &str) -> Result<StatusFilter> {
    match s.trim().to_ascii_lowercase().as_str() {
        "open" => Ok(StatusFilter::Open),
        "overdue" => Ok(StatusFilter::Overdue),
        "due_today" => Ok(StatusFilter::DueToday),
        "due_soon" => Ok(StatusFilter::DueSoon),
        "on_hold" => Ok(StatusFilter::OnHold),
        "resolved" => Ok(StatusFilter::Resolved),
        "all" => Ok(StatusFilter::All),
        other => Err(ErrorBody::invalid(
            "status",
            format!("{other:?} is not one of open, overdue, due_today, due_soon, on_hold, resolved, all"),
        )),
    }
}

pub(crate) fn deadline_dates(c: &Complaint, rules: &DeadlineRules) -> DeadlineDates {
    let d = |clock| c.due_date(rules, clock).map(|d: NaiveDate| d.to_string());
    DeadlineDates { acknowledge_by: d(Clock::Acknowledge), resolve_by: d(Clock::Resolve), notify_stripe_by: d(Clock::NotifyStripe) }
}

/// The lower-cased text the register's search matches: fixed when the complaint is logged.
pub(crate) fn search_text(c: &Complaint) -> String {
    let i = &c.intake;
    [
        Some(c.id.as_str()),
        Some(i.summary.as_str()),
        i.description.as_deref(),
        Some(i.complainant.name.as_str()),
        i.complainant.email.as_deref(),
        i.complainant.account.as_deref(),
        i.complainant.cardholder.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("\n")
    .to_lowercase()
}

/// The register row for a complaint as its events leave it.
pub(crate) fn register_record(c: &Complaint, rules: &DeadlineRules, last_event_seq: i64) -> ComplaintRecord {
    let dates = deadline_dates(c, rules);
    let next = c.next_deadline(rules);
    let i = &c.intake;
    ComplaintRecord {
        id: c.id.clone(),
        received_at: instant_text(i.received_at),
        received_date: rules.local_date(i.received_at).to_string(),
        kind: c.kind.code().to_owned(),
        grounds: c.grounds.iter().map(|g| g.code()).collect::<Vec<_>>().join(","),
        status: c.status.code().to_owned(),
        product: i.product.map(|p| p.code().to_owned()),
        channel: i.channel.code().to_owned(),
        topic: i.topic.clone(),
        summary: i.summary.clone(),
        complainant_name: i.complainant.name.clone(),
        contact_hold: c.contact_hold(),
        acknowledge_by: dates.acknowledge_by,
        resolve_by: dates.resolve_by,
        notify_stripe_by: dates.notify_stripe_by,
        next_clock: next.map(|(clock, _)| clock.code().to_owned()),
        next_due: next.map(|(_, due)| due.to_string()),
        timer_dues: timer_dues_text(c, rules),
        resolved_at: c.resolution.as_ref().map(|r| instant_text(r.at)),
        last_event_seq,
        assignee: c.assignee.clone(),
        assignee_key: c.assignee.as_deref().map(cdesk_domain::team::officer_key),
    }
}

/// One stored event of a complaint as a timeline entry.
pub(crate) fn entry(seq: i64, recorded_at: &str, id: &str, payload: &str) -> Result<Entry> {
    let event: ComplaintEvent =
        serde_json::from_str(payload).map_err(|e| ErrorBody::internal(format!("event {seq} of {id} cannot be read: {e}")))?;
    Ok(Entry { seq, recorded_at: crate::stored_instant(recorded_at)?, event })
}

/// A complaint's history as stored, oldest first: the audit rows and the entries they hold.
pub(crate) struct History {
    pub rows: Vec<cdesk_store::AuditEvent>,
    pub entries: Vec<Entry>,
}

pub(crate) fn load_history(tx: &Tx<'_>, id: &str) -> Result<History> {
    let rows = tx.audit_events_of(ENTITY, id)?;
    if rows.is_empty() {
        return Err(ErrorBody::not_found(format!("no complaint with id {id}")));
    }
    let entries = rows.iter().map(|r| entry(r.seq, &r.recorded_at, id, &r.payload)).collect::<Result<_>>()?;
    Ok(History { rows, entries })
}

pub(crate) fn load_complaint(tx: &Tx<'_>, id: &str) -> Result<(Complaint, History)> {
    let history = load_history(tx, id)?;
    let c = timeline::replay(id, &history.entries)?;
    Ok((c, history))
}

fn parse_stored<T: std::str::FromStr<Err = cdesk_domain::DomainError>>(s: &str) -> Result<T> {
    s.parse::<T>().map_err(|e| ErrorBody::internal(format!("stored value cannot be read: {e}")))
}

fn row_from_record(r: ComplaintRecord, days: &mut DueDays<'_>) -> Result<ComplaintRow> {
    let next = match (&r.next_clock, &r.next_due) {
        (Some(clock), Some(due)) => {
            let due: NaiveDate = due.parse().map_err(|_| ErrorBody::internal(format!("stored due date {due:?} is not a date")))?;
            Some(days.next_deadline(parse_stored(clock)?, due))
        }
        _ => None,
    };
    let grounds = r.grounds.split(',').filter(|g| !g.is_empty()).map(parse_stored).collect::<Result<Vec<Ground>>>()?;
    Ok(ComplaintRow {
        overdue: next.as_ref().is_some_and(|n| n.urgency == Urgency::Overdue),
        id: r.id,
        received_at: r.received_at,
        received_date: r.received_date,
        kind: parse_stored(&r.kind)?,
        grounds,
        status: parse_stored(&r.status)?,
        product: r.product.as_deref().map(parse_stored).transpose()?,
        channel: parse_stored(&r.channel)?,
        summary: r.summary,
        complainant_name: r.complainant_name,
        contact_hold: r.contact_hold,
        deadlines: DeadlineDates { acknowledge_by: r.acknowledge_by, resolve_by: r.resolve_by, notify_stripe_by: r.notify_stripe_by },
        next_deadline: next,
        next_timer: next_timer(r.timer_dues.as_deref(), days),
        assignee: r.assignee,
    })
}

fn received_local(intake: &Intake) -> String {
    let offset = chrono::FixedOffset::east_opt(intake.received_offset_minutes * 60)
        .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("zero offset"));
    let local = intake.received_at.with_timezone(&offset);
    format!("{} (UTC{})", local.format("%Y-%m-%d %H:%M"), offset)
}

/// Appends to complaint `id` the entry `make` builds from its history, once the domain has
/// judged it against the history at its own instant, and updates the register row.
fn append_in_tx(
    tx: &Tx<'_>,
    rules: &DeadlineRules,
    id: &str,
    (now, recorded_at, actor): (DateTime<Utc>, &str, &str),
    seen: Option<i64>,
    make: impl FnOnce(&str, &[Entry]) -> Result<ComplaintEvent>,
) -> Result<()> {
    let history = load_history(tx, id)?;
    // A refusal names instants in the program's zone, as the officer reads them.
    let readable = |e: ErrorBody| crate::readable::in_zone(e, rules.timezone);
    crate::check_view_current(seen, &history.rows).map_err(readable)?;
    let event = make(id, &history.entries).map_err(readable)?;
    let complaint = timeline::admit(id, &history.entries, &event, now).map_err(|e| readable(e.into()))?;
    let seq = record(tx, recorded_at, actor, ENTITY, id, event.action(), &event)?;
    tx.update_complaint(&register_record(&complaint, rules, seq))?;
    Ok(())
}

impl Desk {
    /// Logs a new complaint and returns it with its deadlines.
    ///
    /// # Errors
    /// `InvalidInput` naming the field at fault; nothing is written.
    pub fn log_complaint(&mut self, input: LogComplaintInput) -> Result<ComplaintDetail> {
        let intake = input.validate(&self.taxonomy)?;
        let (actor, taxonomy) = (self.actor.clone(), self.taxonomy.clone());
        let now = self.now();
        self.store.write(|tx| {
            let rules = load_rules(tx)?;
            let id = log_in_tx(tx, &rules, &taxonomy, intake, now, &actor)?;
            detail_in_tx(tx, &rules, &id, now)
        })
    }

    /// One complaint with its clocks and history.
    ///
    /// # Errors
    /// `NotFound` when there is no such complaint.
    pub fn complaint(&mut self, id: &str) -> Result<ComplaintDetail> {
        let now = self.now();
        self.store.read(|tx| {
            let rules = load_rules(tx)?;
            detail_in_tx(tx, &rules, id.trim(), now)
        })
    }

    /// Records a step taken on a complaint.
    ///
    /// # Errors
    /// `InvalidInput` naming the field, `Rule` naming the broken rule (e.g. the executive
    /// contact hold), or `NotFound`; nothing is written.
    /// Tracks a support fact on a complaint (a card shipped, an authorization created, an ACH
    /// debit received): it starts the playbook's timer, shown in the detail and counted in the
    /// due lists.
    ///
    /// # Errors
    /// `InvalidInput` naming `event`, `shipping`, `merchant_category` or `at`; `Rule`
    /// `track_open_only`, `step_in_future`; `NotFound`.
    pub fn track(&mut self, input: TrackInput) -> Result<ComplaintDetail> {
        self.record_step(RecordStepInput {
            seen: input.seen,
            complaint_id: input.complaint_id,
            at: input.at,
            step: ComplaintStep::Track { event: input.event, shipping: input.shipping, merchant_category: input.merchant_category, note: input.note },
        })
    }

    pub fn record_step(&mut self, input: RecordStepInput) -> Result<ComplaintDetail> {
        let at = parse_instant(&input.at, "at")?;
        let step = input.step;
        let (taxonomy, actor) = (self.taxonomy.clone(), self.actor.clone());
        self.append(&input.complaint_id, input.seen, move |tx, id, entries| {
            // A reclassification starts from the kind the complaint had at the step's instant.
            let then = timeline::replay_at(id, entries, at)?;
            let cx = StepContext { taxonomy: &taxonomy, four_eyes: crate::settings::four_eyes_on(tx)?, actor: &actor };
            step.into_event(at, &then, &cx)
        })
    }

    /// Four eyes: approves the reclassification another officer asked for, which takes effect
    /// at the approval's instant. On a single-user desk the approval is recorded under the
    /// approver's name as given.
    ///
    /// # Errors
    /// `Rule` `no_reclassification_pending`, `four_eyes_not_own_request`, `reclassify_open_only`,
    /// `step_in_future`; `InvalidInput` naming `at` or `approver`; `NotFound`. Nothing is written then.
    pub fn approve_reclassification(&mut self, input: ApproveReclassificationInput) -> Result<ComplaintDetail> {
        let at = match input.at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(text) => parse_instant(text, "at")?,
            None => self.now(),
        };
        let by = crate::approver(input.approver.as_deref(), &self.actor, self.store.team().is_some())?;
        let event = ComplaintEvent::ReclassificationApproved { at, by: by.clone() };
        self.append_as(&input.complaint_id, input.seen, by, move |_, _, _| Ok(event))
    }

    /// Assigns a complaint to an officer (the register's "Mine" shows it to them).
    ///
    /// # Errors
    /// `InvalidInput` naming `to`; `Rule` `assign_changes_something`, `not_a_complaint`; `NotFound`.
    pub fn assign_complaint(&mut self, input: AssignComplaintInput) -> Result<ComplaintDetail> {
        if input.to.trim().chars().count() > 120 {
            return Err(ErrorBody::invalid("to", "give the officer's name in at most 120 characters"));
        }
        let at = self.now();
        let to = input.to.trim().to_owned();
        self.append(&input.complaint_id, input.seen, move |_, _, _| Ok(ComplaintEvent::Assigned { at, to }))
    }

    /// Records many steps at once (the register's bulk actions, a day's acknowledgements): each
    /// is judged against its complaint's history at its own instant, as [`Desk::record_step`]
    /// judges one, and gets its own audit event; all are written in one transaction, or none.
    /// Returns how many were recorded.
    ///
    /// # Errors
    /// As [`Desk::record_step`], for the first step refused; its place in the list is named
    /// (`steps[N]`), and nothing is written.
    pub fn record_steps(&mut self, inputs: Vec<RecordStepInput>) -> Result<usize> {
        let now = self.now();
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        let taxonomy = &self.taxonomy;
        self.store.write(|tx| {
            let rules = load_rules(tx)?;
            let cx = StepContext { taxonomy, four_eyes: crate::settings::four_eyes_on(tx)?, actor: &actor };
            let count = inputs.len();
            for (n, input) in inputs.into_iter().enumerate() {
                let place = |mut e: ErrorBody| {
                    e.message = format!("steps[{n}] ({}): {}", input.complaint_id.trim(), e.message);
                    e
                };
                let at = parse_instant(&input.at, "at").map_err(|e| place(e.into()))?;
                let step = input.step.clone();
                let appended = append_in_tx(tx, &rules, input.complaint_id.trim(), (now, &recorded_at, &actor), input.seen, |id, entries| {
                    step.into_event(at, &timeline::replay_at(id, entries, at)?, &cx)
                });
                appended.map_err(place)?;
            }
            Ok(count)
        })
    }

    /// Voids an entry recorded in error: a `voided` entry names it and the reason; the complaint
    /// no longer counts it, and the original stays in the history.
    ///
    /// # Errors
    /// `Rule` naming the rule when the void would leave the history illegal (what depends on the
    /// entry is named), `void_intake`, `void_once`; `InvalidInput` naming `seq` or `reason`;
    /// `NotFound`. Nothing is written then.
    pub fn void_complaint_entry(&mut self, input: VoidEntryInput) -> Result<ComplaintDetail> {
        let reason = input.reason.trim().to_owned();
        self.append(&input.complaint_id, input.seen, move |_, _, _| Ok(ComplaintEvent::Voided { seq: input.seq, reason }))
    }

    /// Marks an entry as not a complaint (dissatisfaction voiced by the platform's own
    /// employee): it leaves the clocks, the counts and the monthly report and stays in the history.
    ///
    /// # Errors
    /// `Rule` `regulator_complaint_is_executive`, `executive_downgrade_needs_stripe_review`,
    /// `not_a_complaint_open_only`; `InvalidInput` naming `reason` or `at`; `NotFound`.
    pub fn mark_not_a_complaint(&mut self, input: NotAComplaintInput) -> Result<ComplaintDetail> {
        let at = match input.at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(text) => parse_instant(text, "at")?,
            None => self.now(),
        };
        let reason = input.reason.trim().to_owned();
        self.append(&input.complaint_id, input.seen, move |_, _, _| Ok(ComplaintEvent::MarkedNotAComplaint { at, reason }))
    }

    /// Appends the entry `make` builds from the history, once the domain has judged it against
    /// the history at its own instant.
    fn append(&mut self, id: &str, seen: Option<i64>, make: impl FnOnce(&Tx<'_>, &str, &[Entry]) -> Result<ComplaintEvent>) -> Result<ComplaintDetail> {
        let actor = self.actor.clone();
        self.append_as(id, seen, actor, make)
    }

    /// As [`Desk::append`], recorded under `actor`.
    fn append_as(
        &mut self,
        id: &str,
        seen: Option<i64>,
        actor: String,
        make: impl FnOnce(&Tx<'_>, &str, &[Entry]) -> Result<ComplaintEvent>,
    ) -> Result<ComplaintDetail> {
        let id = id.trim().to_owned();
        let now = self.now();
        let recorded_at = instant_text(now);
        self.store.write(|tx| {
            let rules = load_rules(tx)?;
            append_in_tx(tx, &rules, &id, (now, &recorded_at, &actor), seen, |id, entries| make(tx, id, entries))?;
            detail_in_tx(tx, &rules, &id, now)
        })
    }

    /// A page of the register.
    ///
    /// # Errors
    /// `InvalidInput` naming `status`, `kind` or `product` when a filter word is unknown.
    pub fn list_complaints(&mut self, input: ListComplaintsInput) -> Result<ComplaintPage> {
        let status = parse_status_filter(&input.status)?;
        let kind = non_empty(&input.kind).map(|k| k.parse::<ComplaintKind>()).transpose()?;
        let product = non_empty(&input.product).map(|p| p.parse::<Product>()).transpose()?;
        if input.limit <= 0 || input.limit > 100_000 {
            return Err(ErrorBody::invalid("limit", "limit must be between 1 and 100000"));
        }
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.read(|tx| {
            let rules = load_rules(tx)?;
            let today = local_date(now, rules.timezone);
            let due_until = input.due_this_week.then(|| {
                let to_sunday = 6 - i64::from(today.weekday().num_days_from_monday());
                (today + chrono::Duration::days(to_sunday)).to_string()
            });
            let soon_until = rules.calendar.add_business_days(today, DUE_SOON_BUSINESS_DAYS);
            let until_days = due_until.as_deref().and_then(|u| u.parse::<NaiveDate>().ok()).map(|u| days_between(today.pred_opt().unwrap_or(today), u)).unwrap_or_default();
            let filter = ComplaintFilter {
                status,
                today: today.to_string(),
                soon_until: soon_until.to_string(),
                soon_days: days_between(today, soon_until),
                until_days,
                kind: kind.map(|k| k.code().to_owned()),
                product: product.map(|p| p.code().to_owned()),
                due_until,
                search: non_empty(&input.search).map(|s| s.to_lowercase()),
                limit: input.limit,
                offset: input.offset,
                after: None,
                count_total: true,
                assignee_key: input.mine.then(|| cdesk_domain::team::officer_key(&actor)),
            };
            let (records, total) = tx.list_complaints(&filter)?;
            let mut days = DueDays::new(&rules, today);
            let items = records.into_iter().map(|r| row_from_record(r, &mut days)).collect::<Result<_>>()?;
            Ok(ComplaintPage { items, total: total.count, total_exact: total.exact, today: today.to_string() })
        })
    }

    /// Streams the register's rows matching `input` (its `limit` and `offset` ignored) in the
    /// register's order to `each`, from one snapshot, in pages read by keyset (never by offset),
    /// so that memory stays that of one page whatever the count. `after` continues after the
    /// row a cursor names; `limit` stops after that many rows. `each` gets each row and its
    /// cursor. Returns the cursor of the last row given when `limit` stopped the stream (there
    /// may be more), else None.
    ///
    /// # Errors
    /// `InvalidInput` naming `status`, `kind`, `product` or `after`; whatever `each` returns.
    pub fn stream_complaints(
        &mut self,
        input: ListComplaintsInput,
        after: Option<&str>,
        limit: Option<u64>,
        mut each: impl FnMut(&ComplaintRow, &str) -> Result<()>,
    ) -> Result<Option<String>> {
        const PAGE: i64 = 2000;
        let status = parse_status_filter(&input.status)?;
        let kind = non_empty(&input.kind).map(|k| k.parse::<ComplaintKind>()).transpose()?;
        let product = non_empty(&input.product).map(|p| p.parse::<Product>()).transpose()?;
        let mut cursor = after.map(parse_cursor).transpose()?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.read(|tx| {
            let rules = load_rules(tx)?;
            let today = local_date(now, rules.timezone);
            let soon_until = rules.calendar.add_business_days(today, DUE_SOON_BUSINESS_DAYS);
            let mut given: u64 = 0;
            let mut days = DueDays::new(&rules, today);
            loop {
                let want = limit.map_or(PAGE, |l| PAGE.min(i64::try_from(l - given).unwrap_or(PAGE)));
                if want == 0 {
                    return Ok(cursor.as_ref().map(cursor_text));
                }
                let filter = ComplaintFilter {
                    status,
                    today: today.to_string(),
                    soon_until: soon_until.to_string(),
                    soon_days: days_between(today, soon_until),
                    until_days: Vec::new(),
                    kind: kind.map(|k| k.code().to_owned()),
                    product: product.map(|p| p.code().to_owned()),
                    due_until: None,
                    search: non_empty(&input.search).map(|s| s.to_lowercase()),
                    limit: want,
                    offset: 0,
                    after: cursor.clone(),
                    count_total: false,
                    assignee_key: input.mine.then(|| cdesk_domain::team::officer_key(&actor)),
                };
                let (records, _) = tx.list_complaints(&filter)?;
                let got = records.len() as i64;
                for r in records {
                    let c = r.cursor();
                    let text = cursor_text(&c);
                    each(&row_from_record(r, &mut days)?, &text)?;
                    cursor = Some(c);
                    given += 1;
                }
                if got < want {
                    return Ok(None);
                }
            }
        })
    }

    /// The header counts: overdue, due today, due within 3 business days, on hold, open.
    ///
    /// # Errors
    /// `Storage` only.
    pub fn register_counts(&mut self) -> Result<RegisterCounts> {
        self.register_counts_scoped(false)
    }

    /// The header counts, of every open complaint or (`mine`) of those assigned to the desk's
    /// officer. The monthly report's due flag is the program's either way.
    ///
    /// # Errors
    /// `Storage` only.
    pub fn register_counts_scoped(&mut self, mine: bool) -> Result<RegisterCounts> {
        let now = self.now();
        let key = mine.then(|| cdesk_domain::team::officer_key(&self.actor));
        self.store.read(|tx| {
            let rules = load_rules(tx)?;
            let today = local_date(now, rules.timezone);
            let soon = rules.calendar.add_business_days(today, DUE_SOON_BUSINESS_DAYS);
            let t = tx.register_tally(&today.to_string(), &soon.to_string(), &days_between(today, soon), key.as_deref())?;
            Ok(RegisterCounts {
                today: today.to_string(),
                open: t.open,
                overdue: t.overdue,
                due_today: t.due_today,
                due_soon: t.due_soon,
                on_hold: t.on_hold,
                report_due: crate::reports::report_due_in_tx(tx, &rules, today)?,
            })
        })
    }
}

/// Logs a validated intake inside the caller's transaction and returns the new id.
pub(crate) fn log_in_tx(
    tx: &Tx<'_>,
    rules: &DeadlineRules,
    taxonomy: &cdesk_domain::Taxonomy,
    intake: Intake,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<String> {
    let year = rules.local_date(intake.received_at).year();
    let complaint = Complaint::log(String::new(), intake, taxonomy, now)?;
    let n = tx.next_number(&crate::COMPLAINT_IDS.counter(year))?;
    let id = crate::COMPLAINT_IDS.id(year, n);
    let complaint = Complaint { id: id.clone(), ..complaint };
    let event = ComplaintEvent::Logged { intake: complaint.intake.clone() };
    let seq = record(tx, &instant_text(now), actor, ENTITY, &id, event.action(), &event)?;
    tx.insert_complaint(&register_record(&complaint, rules, seq), &search_text(&complaint))?;
    Ok(id)
}

pub(crate) fn detail_in_tx(tx: &Tx<'_>, rules: &DeadlineRules, id: &str, now: DateTime<Utc>) -> Result<ComplaintDetail> {
    let today = local_date(now, rules.timezone);
    let (c, history) = load_complaint(tx, id)?;
    let mut days = DueDays::new(rules, today);
    let clocks: Vec<ClockView> = c
        .clocks(rules, today)
        .into_iter()
        .map(|status| {
            let urgency = (status.state == cdesk_domain::ClockState::Pending).then(|| days.of(status.due).1);
            ClockView { status, urgency }
        })
        .collect();
    let next = c.next_deadline(rules).map(|(clock, due)| next_deadline(rules, today, clock, due));
    let timers = cdesk_domain::timers::timers(&c, rules, cdesk_domain::timers::TimerRules::shipped(), now);
    let submitted = crate::reports::first_submissions(tx)?;
    let voided = timeline::voided(&history.entries);
    let revision = history.rows.last().map_or(0, |r| r.seq);
    let timeline = history
        .rows
        .into_iter()
        .zip(&history.entries)
        .map(|(row, entry)| {
            let step = !matches!(
                entry.event,
                ComplaintEvent::Logged { .. } | ComplaintEvent::Voided { .. } | ComplaintEvent::DeadlinesRecomputed { .. }
            );
            let marks = crate::EntryMarks::new(
                voided.get(&entry.seq).map(|m| (m.by_seq, m.reason.as_str())),
                timeline::entered_late(entry, rules, &submitted),
                step,
                || {
                    let probe = ComplaintEvent::Voided { seq: entry.seq, reason: "probe".into() };
                    timeline::admit(id, &history.entries, &probe, now).map(drop)
                },
            );
            TimelineEntry {
                seq: row.seq,
                recorded_at: row.recorded_at,
                actor: row.actor,
                action: row.action,
                occurred_at: entry.event.occurred_at().map(instant_text),
                description: entry.event.describe(),
                event: entry.event.clone(),
                marks,
            }
        })
        .collect();
    Ok(ComplaintDetail {
        id: c.id.clone(),
        kind: c.kind,
        status: c.status,
        overdue: clocks.iter().any(|s| s.overdue),
        received_at: instant_text(c.intake.received_at),
        deadlines: deadline_dates(&c, rules),
        received_local: received_local(&c.intake),
        received_date: rules.local_date(c.intake.received_at).to_string(),
        next_deadline: next,
        timers,
        contact_hold: c.contact_hold(),
        actions: c
            .actions(now)
            .into_iter()
            .map(|mut a| {
                a.reason = a.reason.map(|r| crate::readable::instants_in(&r, rules.timezone));
                a
            })
            .collect(),
        clocks,
        timeline,
        revision,
        today: today.to_string(),
        timezone: rules.timezone.name().to_owned(),
        complaint: c,
    })
}

/// Recomputes the deadlines of every open complaint under `rules`; for each whose dates moved,
/// appends a `deadlines_recomputed` event and updates its register row. Returns what moved.
pub(crate) fn recompute_open(
    tx: &Tx<'_>,
    rules: &DeadlineRules,
    reason: &str,
    recorded_at: &str,
    actor: &str,
) -> Result<Vec<(String, Vec<DeadlineChange>)>> {
    let mut out = Vec::new();
    for id in tx.open_complaint_ids()? {
        let (complaint, _) = load_complaint(tx, &id)?;
        let Some(stored) = tx.complaint(&id)? else { continue };
        let new = deadline_dates(&complaint, rules);
        let parse = |s: &Option<String>| s.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
        let changes: Vec<DeadlineChange> = [
            (Clock::Acknowledge, &stored.acknowledge_by, &new.acknowledge_by),
            (Clock::Resolve, &stored.resolve_by, &new.resolve_by),
            (Clock::NotifyStripe, &stored.notify_stripe_by, &new.notify_stripe_by),
        ]
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(clock, old, new)| DeadlineChange { clock, from: parse(old), to: parse(new) })
        .collect();
        // A support timer counted in business days moves with the calendar too.
        if changes.is_empty() && stored.timer_dues == timer_dues_text(&complaint, rules) {
            continue;
        }
        let event = ComplaintEvent::DeadlinesRecomputed { reason: reason.to_owned(), changes: changes.clone() };
        let seq = record(tx, recorded_at, actor, ENTITY, &id, event.action(), &event)?;
        tx.update_complaint(&register_record(&complaint, rules, seq))?;
        out.push((id, changes));
    }
    Ok(out)
}
