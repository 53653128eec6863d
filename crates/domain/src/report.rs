//! The monthly complaint report for Stripe: which complaints it lists, what each row says and
//! the month's summary. Computed only from events that happened up to the end of the month, so
//! the report for a month stays the same unless someone later records an event dated in it.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::complaint::{local_date, DeadlineRules};
use crate::timeline::{self, Entry};
use crate::{Channel, Clock, ClockState, Complaint, ComplaintEvent, ComplaintKind, ComplaintStatus, DomainError, Ground, Outcome, Product};

/// A calendar month in the program's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReportMonth {
    pub year: i32,
    pub month: u32,
}

impl std::fmt::Display for ReportMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl std::str::FromStr for ReportMonth {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        let bad = || DomainError::invalid("month", format!("{s:?} is not a month in the form YYYY-MM, e.g. 2026-10"));
        let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || !(1900..=2999).contains(&year) {
            return Err(bad());
        }
        Ok(ReportMonth { year, month })
    }
}

impl ReportMonth {
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a valid month")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("a valid date")
    }

    pub fn next(self) -> ReportMonth {
        if self.month == 12 {
            ReportMonth { year: self.year + 1, month: 1 }
        } else {
            ReportMonth { year: self.year, month: self.month + 1 }
        }
    }

    pub fn previous(self) -> ReportMonth {
        if self.month == 1 {
            ReportMonth { year: self.year - 1, month: 12 }
        } else {
            ReportMonth { year: self.year, month: self.month - 1 }
        }
    }

    pub fn of_date(d: NaiveDate) -> ReportMonth {
        ReportMonth { year: d.year(), month: d.month() }
    }

    /// The first instant of the month in `tz`, as UTC.
    pub fn start(self, tz: Tz) -> DateTime<Utc> {
        start_of_day(self.first_day(), tz)
    }

    /// The first instant after the month in `tz`, as UTC (the month is `[start, end)`).
    pub fn end(self, tz: Tz) -> DateTime<Utc> {
        start_of_day(self.next().first_day(), tz)
    }

    /// The month's name for people, e.g. "October 2026".
    pub fn title(self) -> String {
        self.first_day().format("%B %Y").to_string()
    }
}

fn start_of_day(d: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let midnight = d.and_hms_opt(0, 0, 0).expect("midnight exists");
    tz.from_local_datetime(&midnight).earliest().unwrap_or_else(|| tz.from_utc_datetime(&midnight)).with_timezone(&Utc)
}

/// Why a complaint is in a month's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum ReportSection {
    /// Received in the month.
    New,
    /// Received earlier and still open when the month began.
    CarriedOver,
}

impl ReportSection {
    pub fn label(self) -> &'static str {
        match self {
            ReportSection::New => "new",
            ReportSection::CarriedOver => "carried over",
        }
    }
}

/// One clock as it stood at the end of the month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReportClock {
    #[ts(type = "string")]
    pub due: NaiveDate,
    /// The local date the step was done, if it was done by the end of the month.
    #[ts(type = "string | null")]
    pub done_on: Option<NaiveDate>,
    /// Business days from submission to the step, when done.
    #[ts(type = "number | null")]
    pub business_days: Option<i64>,
    /// `met` or `missed` once decided; `pending` while not done and not late.
    pub state: ClockState,
}

impl ReportClock {
    /// "met", "missed" (done late or still not done after the due date) or "pending".
    pub fn verdict(&self) -> &'static str {
        match self.state {
            ClockState::Met => "met",
            ClockState::Missed | ClockState::Overdue => "missed",
            ClockState::Pending => "pending",
        }
    }
}

/// One complaint's row in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReportRow {
    pub id: String,
    pub section: ReportSection,
    #[ts(type = "string")]
    pub received_on: NaiveDate,
    pub channel: Channel,
    pub product: Option<Product>,
    pub topic: Option<String>,
    pub issue_type: Option<String>,
    pub kind: ComplaintKind,
    pub grounds: Vec<Ground>,
    pub complainant_name: String,
    pub account: Option<String>,
    pub summary: String,
    pub status: ComplaintStatus,
    /// Open at the end of the month with a clock past its due date.
    pub overdue: bool,
    pub acknowledge: Option<ReportClock>,
    pub notify_stripe: Option<ReportClock>,
    #[ts(type = "string | null")]
    pub stripe_reviewed_on: Option<NaiveDate>,
    pub resolve: Option<ReportClock>,
    #[ts(type = "string | null")]
    pub resolved_on: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
    pub resolution_summary: Option<String>,
    #[ts(type = "number | null")]
    pub compensation_minor: Option<i64>,
    pub compensation_currency: Option<String>,
    /// The first resolution, kept when the complaint was reopened since.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub first_resolved_on: Option<NaiveDate>,
    /// How often it was reopened by the end of the month, and when.
    #[serde(default)]
    pub reopen_count: u32,
    #[serde(default)]
    #[ts(type = "Array<string>")]
    pub reopened_on: Vec<NaiveDate>,
    /// An entry dated in the month was recorded late (after the month was submitted to Stripe,
    /// or past the program's late-entry threshold).
    #[serde(default)]
    pub entered_late: bool,
    /// From version 3: what an examiner reads beside the clocks. The instant it was received.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub received_at: Option<DateTime<Utc>>,
    /// The day it was entered into the register (its logging was recorded), in the program's zone.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub logged_on: Option<NaiveDate>,
    #[serde(default)]
    pub regulator_name: Option<String>,
    #[serde(default)]
    pub regulator_reference: Option<String>,
    /// The reference of Stripe's case, given when Stripe was notified.
    #[serde(default)]
    pub stripe_reference: Option<String>,
    /// The kind it was logged as, before any reclassification.
    #[serde(default)]
    pub original_kind: Option<ComplaintKind>,
    /// Each change of kind or grounds by the end of the month: when and why.
    #[serde(default)]
    pub reclassifications: Vec<ReportReclassification>,
    #[serde(default)]
    pub root_cause: Option<String>,
    #[serde(default)]
    pub remediation: Option<String>,
    #[serde(default)]
    pub remediation_note: Option<String>,
}

/// A reclassification as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReportReclassification {
    #[ts(type = "string")]
    pub on: NaiveDate,
    pub from: ComplaintKind,
    pub to: ComplaintKind,
    pub reason: String,
}

/// A count of complaints with one value of a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Tally {
    pub key: String,
    #[ts(type = "number")]
    pub count: u64,
}

/// How many clocks of one kind were met among those decided by the end of the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Share {
    #[ts(type = "number")]
    pub met: u64,
    #[ts(type = "number")]
    pub decided: u64,
}

impl Share {
    /// The share met, in percent with one decimal, or `None` when nothing was decided.
    pub fn percent(self) -> Option<f64> {
        (self.decided > 0).then(|| (self.met as f64 * 1000.0 / self.decided as f64).round() / 10.0)
    }
}

/// The month's summary.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReportSummary {
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub new: u64,
    #[ts(type = "number")]
    pub carried_over: u64,
    #[ts(type = "number")]
    pub resolved_in_month: u64,
    #[ts(type = "number")]
    pub open_at_end: u64,
    #[ts(type = "number")]
    pub overdue_at_end: u64,
    pub by_kind: Vec<Tally>,
    pub by_product: Vec<Tally>,
    pub by_topic: Vec<Tally>,
    pub by_channel: Vec<Tally>,
    pub acknowledged_in_time: Share,
    pub resolved_in_time: Share,
    pub stripe_notified_in_time: Share,
    /// Median business days from submission to resolution, of complaints resolved in the month.
    pub median_business_days_to_resolve: Option<f64>,
    /// Compensation paid on complaints resolved in the month, per currency (minor units).
    pub compensation_totals: Vec<CurrencyTotal>,
    /// New complaints per week of the month (weeks start on Monday), for the chart.
    pub weekly_new: Vec<WeekCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct CurrencyTotal {
    pub currency: String,
    #[ts(type = "number")]
    pub amount_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct WeekCount {
    /// The first day of the week that falls in the month.
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub to: NaiveDate,
    #[ts(type = "number")]
    pub count: u64,
}

/// The report for one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct MonthlyReport {
    pub program: String,
    pub month: ReportMonth,
    pub timezone: String,
    pub rows: Vec<ReportRow>,
    pub summary: ReportSummary,
    /// When this version corrects an earlier submission of the month: that submission's instant
    /// (RFC 3339 UTC). Set by the caller, which knows the submissions.
    #[serde(default)]
    pub amends: Option<String>,
    /// Which fields its rows have: 1 for reports submitted before rows carried the first
    /// resolution, the reopenings and the late-entry mark; 2 before they carried the examiner's
    /// fields (time received, date logged, references, reclassifications, root cause);
    /// [`REPORT_VERSION`] now.
    #[serde(default = "first_report_version")]
    pub version: u32,
}

/// The version of the reports this code makes (see [`MonthlyReport::version`]).
pub const REPORT_VERSION: u32 = 3;

fn first_report_version() -> u32 {
    1
}

/// A complaint's full history as recorded, as input to the report.
pub struct ComplaintHistory<'a> {
    pub id: &'a str,
    pub entries: &'a [Entry],
}

/// Builds the report for `month` from the complaints' histories. Only entries that happened
/// before the end of the month count (voided ones never count); complaints received after it,
/// and entries marked not a complaint, are left out. Clocks are judged as of the month's last
/// day, or as of `today` while the month is still running. `submitted` gives each month's first
/// submission to Stripe, to mark entries recorded after it.
///
/// # Errors
/// `Rule` `amount_overflow` when a currency's compensation total does not fit (it never wraps).
pub fn monthly_report(
    program: &str,
    month: ReportMonth,
    rules: &DeadlineRules,
    histories: &[ComplaintHistory<'_>],
    today: NaiveDate,
    submitted: &BTreeMap<ReportMonth, DateTime<Utc>>,
) -> Result<MonthlyReport, DomainError> {
    let mut builder = ReportBuilder::new(month, rules, today, submitted);
    for h in histories {
        builder.add(h);
    }
    builder.finish(program)
}

/// [`monthly_report`] one complaint at a time, so that a caller reading a month of histories
/// from a store holds one history at a time (and the rows made so far), never all of them.
pub struct ReportBuilder<'r> {
    month: ReportMonth,
    rules: &'r DeadlineRules,
    submitted: &'r BTreeMap<ReportMonth, DateTime<Utc>>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    last_day: NaiveDate,
    rows: Vec<ReportRow>,
}

impl<'r> ReportBuilder<'r> {
    pub fn new(month: ReportMonth, rules: &'r DeadlineRules, today: NaiveDate, submitted: &'r BTreeMap<ReportMonth, DateTime<Utc>>) -> Self {
        let tz = rules.timezone;
        let last_day = month.last_day().min(today);
        ReportBuilder { month, rules, submitted, start: month.start(tz), end: month.end(tz), last_day, rows: Vec::new() }
    }

    /// Adds a complaint's row, when its history puts it in the month's report.
    pub fn add(&mut self, h: &ComplaintHistory<'_>) {
        let (start, end) = (self.start, self.end);
        let effective = timeline::effective(h.entries);
        let Some(ComplaintEvent::Logged { intake }) = effective.first().map(|e| &e.event) else { return };
        if intake.received_at >= end {
            return;
        }
        // Marking an entry not a complaint says it never was one, for every month.
        if effective.iter().any(|e| matches!(e.event, ComplaintEvent::MarkedNotAComplaint { .. })) {
            return;
        }
        // One fold gives the complaint as the month began and as it ended.
        let Ok((at_start, c)) = timeline::replay_before_both(h.id, &effective, start, end) else { return };
        let section = if intake.received_at >= start {
            ReportSection::New
        } else {
            // Open when the month began, or reopened during it: worked on in the month.
            let reopened_in_month = effective
                .iter()
                .any(|e| matches!(e.event, ComplaintEvent::Reopened { at, .. } if at >= start && at < end));
            if at_start.status != ComplaintStatus::Open && !reopened_in_month {
                return;
            }
            ReportSection::CarriedOver
        };
        let entered_late = row_entered_late(h.entries, self.month, start, end, self.rules, self.submitted);
        let logged_at = h.entries.first().map(|e| e.recorded_at);
        self.rows.push(row(c, section, self.rules, self.last_day, entered_late, logged_at));
    }

    /// The report: new complaints first, then those carried over, each by date received.
    ///
    /// # Errors
    /// `Rule` `amount_overflow` when a currency's compensation total does not fit.
    pub fn finish(self, program: &str) -> Result<MonthlyReport, DomainError> {
        let mut rows = self.rows;
        rows.sort_by(|a, b| (a.section == ReportSection::CarriedOver, a.received_on, &a.id).cmp(&(b.section == ReportSection::CarriedOver, b.received_on, &b.id)));
        let summary = summarise(&rows, self.month, self.rules)?;
        let tz = self.rules.timezone;
        Ok(MonthlyReport { program: program.to_owned(), month: self.month, timezone: tz.name().to_owned(), rows, summary, amends: None, version: REPORT_VERSION })
    }
}

/// Whether a complaint's part in `month` counts an entry recorded late (see [`row_entered_late`]):
/// also asked of a complaint that left a submitted month's report, to say the removal came from
/// a late entry.
pub fn entered_late_in_month(
    entries: &[Entry],
    month: ReportMonth,
    rules: &DeadlineRules,
    submitted: &BTreeMap<ReportMonth, DateTime<Utc>>,
) -> bool {
    row_entered_late(entries, month, month.start(rules.timezone), month.end(rules.timezone), rules, submitted)
}

/// Whether a month's row counts an entry recorded late: an entry dated in the month and entered
/// late, or any entry the row is made of (dated before the month's end, voids included) that was
/// recorded after the month was submitted to Stripe.
fn row_entered_late(
    entries: &[Entry],
    month: ReportMonth,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    rules: &DeadlineRules,
    submitted: &BTreeMap<ReportMonth, DateTime<Utc>>,
) -> bool {
    let sent = submitted.get(&month);
    let dated = |seq: i64| entries.iter().find(|e| e.seq == seq).and_then(|e| e.event.occurred_at());
    entries.iter().any(|e| {
        let at = match &e.event {
            ComplaintEvent::Voided { seq, .. } => dated(*seq),
            other => other.occurred_at(),
        };
        let Some(at) = at.filter(|at| *at < end) else { return false };
        let after_submission = sent.is_some_and(|s| e.recorded_at > *s);
        let in_month_and_late = at >= start && timeline::late_entry(at, e.recorded_at, rules, submitted);
        after_submission || in_month_and_late
    })
}

fn row(
    c: Complaint,
    section: ReportSection,
    rules: &DeadlineRules,
    last_day: NaiveDate,
    entered_late: bool,
    logged_at: Option<DateTime<Utc>>,
) -> ReportRow {
    let tz = rules.timezone;
    let received_on = local_date(c.intake.received_at, tz);
    let clocks = c.judged_clocks(rules, last_day);
    let clock = |which: Clock| {
        clocks.iter().find(|s| s.clock == which).map(|s| {
            let done_on = s.done_at.map(|at| local_date(at, tz));
            ReportClock {
                due: s.due,
                done_on,
                business_days: done_on.map(|d| rules.calendar.business_days_between(received_on, d)),
                state: if s.overdue { ClockState::Overdue } else { s.state },
            }
        })
    };
    let overdue = c.status == ComplaintStatus::Open && clocks.iter().any(|s| s.overdue);
    let (acknowledge, notify_stripe, resolve) = (clock(Clock::Acknowledge), clock(Clock::NotifyStripe), clock(Clock::Resolve));
    // The complaint is not needed after its row: its texts move into the row rather than being copied.
    let Complaint { id, intake, kind, grounds, status, stripe_reviewed_at, resolution, first_resolution, reopenings, stripe_reference, reclassifications, .. } = c;
    let (compensation_minor, compensation_currency) = match resolution.as_ref().and_then(|r| r.compensation.as_ref()) {
        Some(m) => (Some(m.amount_minor), Some(m.currency_code())),
        None => (None, None),
    };
    let resolved_on = resolution.as_ref().map(|r| local_date(r.at, tz));
    let outcome = resolution.as_ref().and_then(|r| r.outcome);
    let (resolution_summary, root_cause) = match resolution {
        Some(r) => (Some(r.summary), r.root_cause),
        None => (None, None),
    };
    let (regulator_name, regulator_reference) = match intake.regulator {
        Some(r) => (Some(r.name), r.reference),
        None => (None, None),
    };
    let (root_cause, remediation, remediation_note) = match root_cause {
        Some(r) => (Some(r.cause), Some(r.remediation), r.note),
        None => (None, None, None),
    };
    ReportRow {
        id,
        section,
        received_on,
        channel: intake.channel,
        product: intake.product,
        topic: intake.topic,
        issue_type: intake.issue_type,
        kind,
        grounds,
        complainant_name: intake.complainant.name,
        account: intake.complainant.account,
        summary: intake.summary,
        status,
        overdue,
        acknowledge,
        notify_stripe,
        stripe_reviewed_on: stripe_reviewed_at.map(|at| local_date(at, tz)),
        resolve,
        resolved_on,
        outcome,
        resolution_summary,
        compensation_minor,
        compensation_currency,
        first_resolved_on: first_resolution.as_ref().map(|r| local_date(r.at, tz)),
        reopen_count: u32::try_from(reopenings.len()).unwrap_or(u32::MAX),
        reopened_on: reopenings.iter().map(|r| local_date(r.at, tz)).collect(),
        entered_late,
        received_at: Some(intake.received_at),
        logged_on: logged_at.map(|at| local_date(at, tz)),
        regulator_name,
        regulator_reference,
        stripe_reference,
        original_kind: Some(intake.kind),
        reclassifications: reclassifications
            .into_iter()
            .map(|r| ReportReclassification { on: local_date(r.at, tz), from: r.from, to: r.to, reason: r.reason })
            .collect(),
        root_cause,
        remediation,
        remediation_note,
    }
}

fn tally<'a>(values: impl Iterator<Item = &'a str>) -> Vec<Tally> {
    let mut m: BTreeMap<&str, u64> = BTreeMap::new();
    for v in values {
        *m.entry(v).or_default() += 1;
    }
    let mut out: Vec<Tally> = m.into_iter().map(|(k, count)| Tally { key: k.to_owned(), count }).collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    out
}

fn share<'a>(clocks: impl Iterator<Item = &'a ReportClock>) -> Share {
    let mut s = Share::default();
    for c in clocks {
        match c.state {
            ClockState::Met => {
                s.met += 1;
                s.decided += 1;
            }
            ClockState::Missed | ClockState::Overdue => s.decided += 1,
            ClockState::Pending => {}
        }
    }
    s
}

fn summarise(rows: &[ReportRow], month: ReportMonth, rules: &DeadlineRules) -> Result<ReportSummary, DomainError> {
    let in_month = |d: Option<NaiveDate>| d.is_some_and(|d| ReportMonth::of_date(d) == month);
    let resolved_in_month: Vec<&ReportRow> = rows.iter().filter(|r| r.status == ComplaintStatus::Resolved && in_month(r.resolved_on)).collect();
    // Counted for every resolved complaint, including executive ones that run no resolve clock.
    let mut days: Vec<i64> = resolved_in_month
        .iter()
        .filter_map(|r| r.resolved_on.map(|d| rules.calendar.business_days_between(r.received_on, d)))
        .collect();
    days.sort_unstable();
    let median = match days.len() {
        0 => None,
        n if n % 2 == 1 => Some(days[n / 2] as f64),
        n => Some((days[n / 2 - 1] + days[n / 2]) as f64 / 2.0),
    };
    let mut totals: BTreeMap<String, i64> = BTreeMap::new();
    for r in &resolved_in_month {
        if let (Some(a), Some(c)) = (r.compensation_minor, &r.compensation_currency) {
            let total = totals.entry(c.clone()).or_default();
            *total = total.checked_add(a).ok_or_else(|| {
                DomainError::rule("amount_overflow", format!("the {c} compensation total of {month} does not fit in the report"))
            })?;
        }
    }
    let mut weekly = Vec::new();
    let mut from = month.first_day();
    while ReportMonth::of_date(from) == month {
        let mut to = from;
        while to.weekday() != chrono::Weekday::Sun && ReportMonth::of_date(to.succ_opt().expect("date")) == month {
            to = to.succ_opt().expect("date");
        }
        let count = rows.iter().filter(|r| r.section == ReportSection::New && r.received_on >= from && r.received_on <= to).count() as u64;
        weekly.push(WeekCount { from, to, count });
        from = to.succ_opt().expect("date");
    }
    Ok(ReportSummary {
        total: rows.len() as u64,
        new: rows.iter().filter(|r| r.section == ReportSection::New).count() as u64,
        carried_over: rows.iter().filter(|r| r.section == ReportSection::CarriedOver).count() as u64,
        resolved_in_month: resolved_in_month.len() as u64,
        open_at_end: rows.iter().filter(|r| r.status == ComplaintStatus::Open).count() as u64,
        overdue_at_end: rows.iter().filter(|r| r.overdue).count() as u64,
        by_kind: tally(rows.iter().map(|r| r.kind.code())),
        by_product: tally(rows.iter().map(|r| r.product.map(|p| p.code()).unwrap_or("not stated"))),
        by_topic: tally(rows.iter().map(|r| r.topic.as_deref().unwrap_or("not classified"))),
        by_channel: tally(rows.iter().map(|r| r.channel.code())),
        acknowledged_in_time: share(rows.iter().filter_map(|r| r.acknowledge.as_ref())),
        resolved_in_time: share(rows.iter().filter_map(|r| r.resolve.as_ref())),
        stripe_notified_in_time: share(rows.iter().filter_map(|r| r.notify_stripe.as_ref())),
        median_business_days_to_resolve: median,
        compensation_totals: totals.into_iter().map(|(currency, amount_minor)| CurrencyTotal { currency, amount_minor }).collect(),
        weekly_new: weekly,
    })
}

/// One field of one row that differs between two versions of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct FieldChange {
    /// The field, dotted for a clock's parts (e.g. `acknowledge.state`).
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct RowChange {
    pub id: String,
    pub changes: Vec<FieldChange>,
    /// The row as it is now counts an entry recorded late (after the submission, or past the
    /// late-entry threshold): the change came from a late entry.
    #[serde(default)]
    pub entered_late: bool,
}

/// How a report's rows changed between two versions (e.g. as submitted and as it is now).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReportDiff {
    /// Complaints now in the report that were not.
    pub added: Vec<String>,
    /// Complaints that were in the report and no longer are.
    pub removed: Vec<String>,
    /// Of those, the ones that left because of an entry recorded late (set by the caller, which
    /// reads their histories).
    #[serde(default)]
    pub removed_late: Vec<String>,
    pub changed: Vec<RowChange>,
}

impl ReportDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

fn flatten(prefix: &str, v: &serde_json::Value, out: &mut BTreeMap<String, String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, v, out);
            }
        }
        serde_json::Value::Null => {
            out.insert(prefix.to_owned(), String::new());
        }
        serde_json::Value::String(s) => {
            out.insert(prefix.to_owned(), s.clone());
        }
        serde_json::Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|i| i.as_str().map(str::to_owned).unwrap_or_else(|| i.to_string())).collect();
            out.insert(prefix.to_owned(), parts.join(","));
        }
        other => {
            out.insert(prefix.to_owned(), other.to_string());
        }
    }
}

fn fields(row: &ReportRow) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    flatten("", &serde_json::to_value(row).expect("a report row serialises"), &mut out);
    // A clock that does not run has no parts; make its absence comparable part by part.
    for clock in ["acknowledge", "notify_stripe", "resolve"] {
        if out.get(clock).is_some_and(String::is_empty) {
            out.remove(clock);
            for part in ["due", "done_on", "business_days", "state"] {
                out.insert(format!("{clock}.{part}"), String::new());
            }
        }
    }
    out
}

/// How the report as it is now differs from a submitted one, row by row. Fields a report of
/// an earlier version did not have are not compared with it: they were not sent, so their
/// appearing is no change to what Stripe received.
pub fn diff_from_submitted(sent: &MonthlyReport, now: &MonthlyReport) -> ReportDiff {
    if sent.version >= REPORT_VERSION {
        return diff_reports(&sent.rows, &now.rows);
    }
    let as_sent_then: Vec<ReportRow> = now.rows.iter().map(|r| as_of_version(r, sent.version)).collect();
    let mut diff = diff_reports(&sent.rows, &as_sent_then);
    for change in &mut diff.changed {
        change.entered_late = now.rows.iter().any(|r| r.id == change.id && r.entered_late);
    }
    diff
}

/// `r` with only the fields a report of `version` had.
fn as_of_version(r: &ReportRow, version: u32) -> ReportRow {
    let mut r = r.clone();
    if version < 3 {
        r = ReportRow {
            received_at: None,
            logged_on: None,
            regulator_name: None,
            regulator_reference: None,
            stripe_reference: None,
            original_kind: None,
            reclassifications: Vec::new(),
            root_cause: None,
            remediation: None,
            remediation_note: None,
            ..r
        };
    }
    if version < 2 {
        r = ReportRow { first_resolved_on: None, reopen_count: 0, reopened_on: Vec::new(), entered_late: false, ..r };
    }
    r
}

/// The row-level difference from `before` to `after`.
pub fn diff_reports(before: &[ReportRow], after: &[ReportRow]) -> ReportDiff {
    let old: BTreeMap<&str, &ReportRow> = before.iter().map(|r| (r.id.as_str(), r)).collect();
    let new: BTreeMap<&str, &ReportRow> = after.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut diff = ReportDiff::default();
    for (id, row) in &new {
        match old.get(id) {
            None => diff.added.push((*id).to_owned()),
            Some(prev) if prev != row => {
                let (a, b) = (fields(prev), fields(row));
                let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
                let changes = keys
                    .into_iter()
                    .filter_map(|k| {
                        let (x, y) = (a.get(k).cloned().unwrap_or_default(), b.get(k).cloned().unwrap_or_default());
                        (x != y).then(|| FieldChange { field: k.clone(), before: x, after: y })
                    })
                    .collect();
                diff.changed.push(RowChange { id: (*id).to_owned(), changes, entered_late: row.entered_late });
            }
            Some(_) => {}
        }
    }
    diff.removed = old.keys().filter(|id| !new.contains_key(*id)).map(|id| (*id).to_owned()).collect();
    diff
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaint::parse_instant;
    use crate::{BusinessCalendar, Complainant, DeadlinePolicy, Intake, Money};

    fn rules() -> DeadlineRules {
        DeadlineRules { calendar: BusinessCalendar::default(), timezone: chrono_tz::America::New_York, policy: DeadlinePolicy::default() }
    }

    fn at(s: &str) -> DateTime<Utc> {
        parse_instant(s, "at").unwrap()
    }

    fn logged(kind: ComplaintKind, received: &str) -> ComplaintEvent {
        ComplaintEvent::Logged {
            intake: Intake {
                received_at: at(received),
                received_offset_minutes: -300,
                channel: Channel::Email,
                complainant: Complainant { name: "Jürgen Müller".into(), email: None, account: Some("acct_1".into()), cardholder: None },
                product: Some(Product::Issuing),
                topic: Some("cardholder_experience".into()),
                issue_type: None,
                summary: "Declined".into(),
                description: None,
                kind,
                grounds: if kind == ComplaintKind::Executive { vec![Ground::Regulator] } else { vec![] },
                regulator: None,
            },
        }
    }

    fn resolved(when: &str, comp: Option<(i64, &str)>) -> ComplaintEvent {
        ComplaintEvent::Resolved {
            at: at(when),
            summary: "Refunded".into(),
            outcome: Some(Outcome::Upheld),
            compensation: comp.map(|(a, c)| Money::new(a, c, "compensation").unwrap()),
            root_cause: None,
        }
    }

    /// Entries recorded as they happened (no entry is late).
    fn entries(events: &[ComplaintEvent]) -> Vec<Entry> {
        let mut last = at("2000-01-01T00:00:00Z");
        events
            .iter()
            .enumerate()
            .map(|(i, e)| {
                last = match e {
                    ComplaintEvent::Logged { intake } => intake.received_at,
                    other => other.occurred_at().unwrap_or(last),
                };
                Entry { seq: i as i64 + 1, recorded_at: last, event: e.clone() }
            })
            .collect()
    }

    fn report_with(month: &str, histories: &[(&str, Vec<Entry>)], submitted: &BTreeMap<ReportMonth, DateTime<Utc>>) -> MonthlyReport {
        let hs: Vec<ComplaintHistory<'_>> = histories.iter().map(|(id, entries)| ComplaintHistory { id, entries }).collect();
        monthly_report("Acme Cards", month.parse().unwrap(), &rules(), &hs, "2027-06-01".parse().unwrap(), submitted).unwrap()
    }

    fn report(month: &str, histories: &[(&str, Vec<ComplaintEvent>)]) -> MonthlyReport {
        let hs: Vec<(&str, Vec<Entry>)> = histories.iter().map(|(id, ev)| (*id, entries(ev))).collect();
        report_with(month, &hs, &BTreeMap::new())
    }

    #[test]
    fn rule_report_leaves_out_voided_entries_and_entries_not_complaints() {
        let mut voided = entries(&[
            logged(ComplaintKind::Operational, "2026-10-05T10:00:00-04:00"),
            resolved("2026-10-06T10:00:00-04:00", None),
        ]);
        voided.push(Entry { seq: 3, recorded_at: at("2026-10-07T10:00:00-04:00"), event: ComplaintEvent::Voided { seq: 2, reason: "wrong complaint".into() } });
        let mut employee = entries(&[logged(ComplaintKind::Operational, "2026-10-05T10:00:00-04:00")]);
        employee.push(Entry {
            seq: 2,
            recorded_at: at("2026-11-03T10:00:00-05:00"),
            event: ComplaintEvent::MarkedNotAComplaint { at: at("2026-11-03T10:00:00-05:00"), reason: "our own agent".into() },
        });
        let r = report_with("2026-10", &[("CMP-V", voided), ("CMP-E", employee)], &BTreeMap::new());
        assert_eq!(r.rows.len(), 1, "an entry marked not a complaint leaves every report");
        assert_eq!(r.rows[0].status, ComplaintStatus::Open, "the voided resolution never happened");
    }

    #[test]
    fn rule_report_shows_reopenings_and_the_first_resolution() {
        let r = report(
            "2026-10",
            &[(
                "CMP-R",
                vec![
                    logged(ComplaintKind::Operational, "2026-10-01T10:00:00-04:00"),
                    resolved("2026-10-05T10:00:00-04:00", None),
                    ComplaintEvent::Reopened { at: at("2026-10-20T10:00:00-04:00"), reason: "wrote again".into() },
                ],
            )],
        );
        let row = &r.rows[0];
        assert_eq!(row.status, ComplaintStatus::Open);
        assert_eq!((row.reopen_count, row.reopened_on.clone()), (1, vec!["2026-10-20".parse().unwrap()]));
        assert_eq!(row.first_resolved_on, Some("2026-10-05".parse().unwrap()));
        assert_eq!(row.resolve.as_ref().unwrap().verdict(), "met", "met before the reopen, it stays met");
    }

    #[test]
    fn rule_report_lists_a_complaint_reopened_during_the_month() {
        let r = report(
            "2026-09",
            &[(
                "CMP-RO",
                vec![
                    logged(ComplaintKind::Operational, "2026-08-03T10:00:00-04:00"),
                    resolved("2026-08-20T10:00:00-04:00", None),
                    ComplaintEvent::Reopened { at: at("2026-09-10T10:00:00-04:00"), reason: "wrote again".into() },
                ],
            )],
        );
        assert_eq!(r.rows.len(), 1, "resolved before September but reopened in it: worked on in September");
        assert_eq!((r.rows[0].section, r.rows[0].reopen_count), (ReportSection::CarriedOver, 1));
    }

    #[test]
    fn rule_report_marks_a_carried_over_row_changed_after_the_month_was_submitted() {
        let mut e = entries(&[logged(ComplaintKind::Operational, "2026-09-28T10:00:00-04:00")]);
        e.push(Entry {
            seq: 2,
            recorded_at: at("2026-11-03T10:00:00-05:00"),
            event: ComplaintEvent::Acknowledged { at: at("2026-09-29T10:00:00-04:00"), how: None, note: None },
        });
        let submitted = BTreeMap::from([(ReportMonth { year: 2026, month: 10 }, at("2026-11-02T10:00:00-05:00"))]);
        let r = report_with("2026-10", &[("CMP-C", e)], &submitted);
        assert!(r.rows[0].entered_late, "the acknowledgement dated in September changed October's row after October was sent");
    }

    #[test]
    fn rule_report_marks_rows_with_an_entry_entered_late() {
        let mut late = entries(&[logged(ComplaintKind::Operational, "2026-10-05T10:00:00-04:00")]);
        late.push(Entry {
            seq: 2,
            recorded_at: at("2026-11-04T10:00:00-05:00"),
            event: ComplaintEvent::Acknowledged { at: at("2026-10-06T10:00:00-04:00"), how: None, note: None },
        });
        let on_time = entries(&[logged(ComplaintKind::Operational, "2026-10-07T10:00:00-04:00")]);
        let submitted = BTreeMap::from([(ReportMonth { year: 2026, month: 10 }, at("2026-11-02T10:00:00-05:00"))]);
        let r = report_with("2026-10", &[("CMP-L", late), ("CMP-T", on_time)], &submitted);
        let flags: Vec<(&str, bool)> = r.rows.iter().map(|r| (r.id.as_str(), r.entered_late)).collect();
        assert_eq!(flags, vec![("CMP-L", true), ("CMP-T", false)]);
    }

    #[test]
    fn month_parses_and_refuses_other_forms() {
        assert_eq!("2026-10".parse::<ReportMonth>().unwrap(), ReportMonth { year: 2026, month: 10 });
        for bad in ["2026-13", "2026-1", "Oct 2026", "2026/10", ""] {
            let e = bad.parse::<ReportMonth>().unwrap_err();
            assert!(e.to_string().starts_with("month:"), "{bad}: {e}");
        }
    }

    #[test]
    fn rule_report_lists_new_and_carried_over_complaints() {
        let r = report(
            "2026-10",
            &[
                ("CMP-NEW", vec![logged(ComplaintKind::Operational, "2026-10-05T10:00:00-04:00")]),
                ("CMP-OLD-OPEN", vec![logged(ComplaintKind::Operational, "2026-09-20T10:00:00-04:00")]),
                (
                    "CMP-OLD-CLOSED",
                    vec![logged(ComplaintKind::Operational, "2026-09-02T10:00:00-04:00"), resolved("2026-09-10T10:00:00-04:00", None)],
                ),
                ("CMP-LATER", vec![logged(ComplaintKind::Operational, "2026-11-02T10:00:00-05:00")]),
            ],
        );
        let ids: Vec<(&str, ReportSection)> = r.rows.iter().map(|r| (r.id.as_str(), r.section)).collect();
        assert_eq!(ids, vec![("CMP-NEW", ReportSection::New), ("CMP-OLD-OPEN", ReportSection::CarriedOver)]);
        assert_eq!((r.summary.new, r.summary.carried_over), (1, 1));
    }

    #[test]
    fn rule_report_month_boundaries_are_in_the_program_time_zone() {
        // 03:30 UTC on 1 November is still 31 October in New York.
        let r = report("2026-10", &[("CMP-EDGE", vec![logged(ComplaintKind::Operational, "2026-11-01T03:30:00Z")])]);
        assert_eq!(r.rows.len(), 1, "received on 31 October local time belongs to October");
        assert_eq!(r.rows[0].received_on.to_string(), "2026-10-31");
        let r = report("2026-11", &[("CMP-EDGE", vec![logged(ComplaintKind::Operational, "2026-11-01T03:30:00Z")])]);
        assert_eq!(r.rows[0].section, ReportSection::CarriedOver, "in November it is October's open complaint");
    }

    #[test]
    fn rule_report_ignores_events_after_the_month() {
        let events = vec![
            logged(ComplaintKind::Operational, "2026-10-26T10:00:00-04:00"),
            ComplaintEvent::Acknowledged { at: at("2026-11-02T10:00:00-05:00"), how: None, note: None },
            resolved("2026-11-03T10:00:00-05:00", Some((2500, "USD"))),
        ];
        let r = report("2026-10", &[("CMP-1", events.clone())]);
        let row = &r.rows[0];
        assert_eq!(row.status, ComplaintStatus::Open, "resolved in November: open at the end of October");
        assert_eq!(row.acknowledge.as_ref().unwrap().state, ClockState::Pending, "ack due 2 Nov: not yet decided in October");
        assert!(row.resolved_on.is_none());
        // November's report sees the resolution, the compensation and the clocks met.
        let n = report("2026-11", &[("CMP-1", events)]);
        assert_eq!(n.rows[0].section, ReportSection::CarriedOver);
        assert_eq!(n.summary.resolved_in_month, 1);
        assert_eq!(n.summary.compensation_totals, vec![CurrencyTotal { currency: "USD".into(), amount_minor: 2500 }]);
        assert_eq!(n.rows[0].acknowledge.as_ref().unwrap().verdict(), "met");
    }

    #[test]
    fn rule_report_records_met_and_missed_and_shares() {
        let r = report(
            "2026-10",
            &[
                (
                    "CMP-MET",
                    vec![
                        logged(ComplaintKind::Operational, "2026-10-01T10:00:00-04:00"),
                        ComplaintEvent::Acknowledged { at: at("2026-10-02T10:00:00-04:00"), how: None, note: None },
                    ],
                ),
                // No acknowledgement by 8 Oct: missed by the end of October.
                ("CMP-MISSED", vec![logged(ComplaintKind::Operational, "2026-10-01T10:00:00-04:00")]),
                (
                    "CMP-EXEC",
                    vec![
                        logged(ComplaintKind::Executive, "2026-10-01T10:00:00-04:00"),
                        ComplaintEvent::StripeNotified { at: at("2026-10-05T10:00:00-04:00"), how: None, reference: None, note: None },
                    ],
                ),
            ],
        );
        let s = &r.summary;
        assert_eq!(s.acknowledged_in_time, Share { met: 1, decided: 2 });
        assert_eq!(s.acknowledged_in_time.percent(), Some(50.0));
        assert_eq!(s.stripe_notified_in_time, Share { met: 0, decided: 1 }, "notified on the 2nd business day");
        assert_eq!(s.overdue_at_end, 3, "the unacknowledged one, and the resolve clocks past 22 Oct (the executive's too)");
        let exec = r.rows.iter().find(|r| r.id == "CMP-EXEC").unwrap();
        assert_eq!(exec.notify_stripe.as_ref().unwrap().business_days, Some(2));
        assert_eq!(exec.notify_stripe.as_ref().unwrap().verdict(), "missed");
    }

    #[test]
    fn a_running_month_judges_clocks_as_of_today() {
        let events = vec![logged(ComplaintKind::Operational, "2026-11-02T10:00:00-05:00")];
        let events = entries(&events);
        let hs = [ComplaintHistory { id: "CMP-1", entries: &events }];
        let month = "2026-11".parse().unwrap();
        let none = BTreeMap::new();
        let on_5th = monthly_report("P", month, &rules(), &hs, "2026-11-05".parse().unwrap(), &none).unwrap();
        assert_eq!(on_5th.rows[0].acknowledge.as_ref().unwrap().state, ClockState::Pending, "due 9 Nov: not late on the 5th");
        let at_end = monthly_report("P", month, &rules(), &hs, "2026-12-10".parse().unwrap(), &none).unwrap();
        assert_eq!(at_end.rows[0].acknowledge.as_ref().unwrap().state, ClockState::Overdue);
    }

    #[test]
    fn rule_empty_month_still_yields_a_report() {
        let r = report("2026-02", &[]);
        assert!(r.rows.is_empty());
        assert_eq!(r.summary.total, 0);
        // Sunday 1 February makes a week of its own, then four Monday-started weeks.
        assert_eq!(r.summary.weekly_new.len(), 5);
        assert_eq!(r.summary.weekly_new[0].to.to_string(), "2026-02-01");
        assert_eq!(r.summary.acknowledged_in_time.percent(), None);
    }

    #[test]
    fn rule_later_backdated_event_changes_the_month_and_the_diff_names_it() {
        let mut events = vec![logged(ComplaintKind::Operational, "2026-10-05T10:00:00-04:00")];
        let before = report("2026-10", &[("CMP-1", events.clone())]);
        events.push(ComplaintEvent::Acknowledged { at: at("2026-10-06T10:00:00-04:00"), how: None, note: None });
        let after = report("2026-10", &[("CMP-1", events), ("CMP-2", vec![logged(ComplaintKind::Operational, "2026-10-07T10:00:00-04:00")])]);
        let d = diff_reports(&before.rows, &after.rows);
        assert_eq!(d.added, vec!["CMP-2".to_string()]);
        assert!(d.removed.is_empty());
        let fields: Vec<&str> = d.changed[0].changes.iter().map(|c| c.field.as_str()).collect();
        assert!(fields.contains(&"acknowledge.done_on"), "{fields:?}");
        assert!(!d.changed[0].entered_late, "recorded as it happened, not late");
        // A report submitted before rows had the new fields reads the same unless something changed.
        let mut old = before.clone();
        old.version = 1;
        old.rows[0] = as_of_version(&old.rows[0], 1);
        assert_eq!(old.rows[0].received_at, None, "a version-1 row has none of the fields added since");
        let mut now = before.clone();
        now.rows[0].first_resolved_on = Some("2026-10-09".parse().unwrap());
        now.rows[0].entered_late = true;
        assert!(diff_from_submitted(&old, &now).is_empty(), "fields added since are no change to what was sent");
        assert!(!diff_from_submitted(&before, &now).is_empty(), "between reports of this version they are compared");
        assert!(diff_reports(&after.rows, &after.rows).is_empty());
        // A version-2 report had the reopenings but not the examiner's fields.
        let mut v2 = before.clone();
        v2.version = 2;
        v2.rows[0] = as_of_version(&v2.rows[0], 2);
        let mut now = before.clone();
        now.rows[0].stripe_reference = Some("SUP-1".into());
        assert!(diff_from_submitted(&v2, &now).is_empty(), "the examiner's fields were not sent in version 2");
        now.rows[0].summary = "Changed".into();
        assert!(!diff_from_submitted(&v2, &now).is_empty());
    }

    #[test]
    fn rule_report_rows_carry_the_examiners_fields() {
        let mut intake = match logged(ComplaintKind::Executive, "2026-10-05T10:00:00-04:00") {
            ComplaintEvent::Logged { intake } => intake,
            _ => unreachable!(),
        };
        intake.channel = Channel::Regulator;
        intake.regulator = Some(crate::RegulatorSource { name: "CFPB".into(), reference: Some("201005-1234567".into()) });
        let events = vec![
            ComplaintEvent::Logged { intake },
            ComplaintEvent::StripeNotified { at: at("2026-10-05T12:00:00-04:00"), how: None, reference: Some("SUP-88".into()), note: None },
            ComplaintEvent::StripeReviewCompleted { at: at("2026-10-06T12:00:00-04:00"), note: None, resolve_by: None },
            ComplaintEvent::Reclassified {
                at: at("2026-10-07T12:00:00-04:00"),
                from: ComplaintKind::Executive,
                to: ComplaintKind::Executive,
                grounds: vec![Ground::Regulator, Ground::Udap],
                reason: "Fee practice named".into(),
            },
            ComplaintEvent::Resolved {
                at: at("2026-10-08T12:00:00-04:00"),
                summary: "Fee refunded".into(),
                outcome: Some(Outcome::Upheld),
                compensation: None,
                root_cause: Some(crate::RootCause { cause: "disclosure_unclear".into(), remediation: "disclosure_updated".into(), note: Some("Fee table reworded".into()) }),
            },
        ];
        let r = &report("2026-10", &[("CMP-1", events)]).rows[0];
        assert_eq!(r.received_at, Some(at("2026-10-05T10:00:00-04:00")));
        assert_eq!((r.regulator_name.as_deref(), r.regulator_reference.as_deref()), (Some("CFPB"), Some("201005-1234567")));
        assert_eq!(r.stripe_reference.as_deref(), Some("SUP-88"));
        assert_eq!(r.original_kind, Some(ComplaintKind::Executive));
        assert_eq!(r.reclassifications.len(), 1);
        assert_eq!((r.reclassifications[0].on.to_string(), r.reclassifications[0].reason.as_str()), ("2026-10-07".into(), "Fee practice named"));
        assert_eq!((r.root_cause.as_deref(), r.remediation.as_deref(), r.remediation_note.as_deref()), (Some("disclosure_unclear"), Some("disclosure_updated"), Some("Fee table reworded")));
        assert!(r.logged_on.is_some());
    }
}
