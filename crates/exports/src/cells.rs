//! The complaint table shared by the CSV and the XLSX: its column headings and the typed cells of
//! one row. The PDF lays out the same facts in fewer, combined columns.

use cdesk_domain::money::minor_unit_exponent;
use cdesk_domain::report::{MonthlyReport, ReportClock, ReportRow};
use chrono::{DateTime, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use std::borrow::Cow;

/// Number of columns of the complaint table.
pub(crate) const COLUMN_COUNT: usize = 46;

const COLUMNS: [&str; COLUMN_COUNT] = [
    "Complaint ID",
    "Section",
    "Received on",
    "Received at",
    "Logged on",
    "Channel",
    "Regulator",
    "Regulator reference",
    "Product",
    "Topic",
    "Issue type",
    "Kind",
    "Executive grounds",
    "Original kind",
    "Reclassified on",
    "Reclassification reason",
    "Complainant name",
    "Connected account",
    "Summary",
    "Status at end of month",
    "Overdue at end of month",
    "Acknowledged on",
    "Business days to acknowledge",
    "Acknowledge deadline",
    "Acknowledge due on",
    "Stripe notified on",
    "Notify Stripe deadline",
    "Notify Stripe due on",
    "Stripe reference",
    "Stripe review completed on",
    "Resolved on",
    "Business days to resolve",
    "Resolve deadline",
    "Resolve due on",
    "Outcome",
    "Resolution summary",
    "Root cause",
    "Remediation",
    "Remediation note",
    "Compensation amount",
    "Compensation currency",
    "First resolved on",
    "Times reopened",
    "Reopened on",
    "Entered late",
    "Program",
];

/// The column headings of the complaint table, in order, shared by the CSV and the XLSX.
///
/// Values: dates as `YYYY-MM-DD`; "Section" is `new` or `carried over`; "Status at end of month"
/// is `open` or `resolved`; "Overdue at end of month" is `yes` or `no`; the deadline columns are
/// `met`, `missed` or `pending` (empty when the complaint's kind runs no such clock), each
/// followed by its due date ("… due on", also while pending) and preceded by its done date;
/// "Compensation amount" is in major units of its currency (`25.00` USD, `5000` JPY); "First
/// resolved on" is kept when the complaint was reopened since; "Reopened on" lists the dates,
/// `;`-separated; "Entered late" is `yes` when an entry dated in the month was recorded after the
/// month was submitted or past the program's late-entry threshold, else `no`; codes
/// (channel, product, topic, issue type, kind, grounds, outcome) are the register's codes.
/// Cells that do not apply are empty.
pub const REPORT_COLUMNS: &[&str] = &COLUMNS;

/// One typed cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell<'a> {
    Empty,
    /// Text, possibly from a customer: may look like a formula.
    Text(Cow<'a, str>),
    Date(NaiveDate),
    Int(i64),
    /// An amount of money in minor units with its currency's exponent.
    Amount { minor: i64, exponent: u32 },
}

impl<'a> Cell<'a> {
    /// A text cell borrowing the row's text (or owning one made for the cell).
    fn text(s: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Text(s.into())
    }

    fn opt_text(s: Option<impl Into<Cow<'a, str>>>) -> Cell<'a> {
        s.map_or(Cell::Empty, Cell::text)
    }

    fn opt_date(d: Option<NaiveDate>) -> Cell<'a> {
        d.map_or(Cell::Empty, Cell::Date)
    }

    fn opt_int(n: Option<i64>) -> Cell<'a> {
        n.map_or(Cell::Empty, Cell::Int)
    }
}

/// The amount in major units as a plain decimal number, e.g. `25.00`, `5000`, `-0.05`, `1.250`.
pub(crate) fn amount_text(minor: i64, exponent: u32) -> String {
    if exponent == 0 {
        return minor.to_string();
    }
    let div = 10u64.pow(exponent);
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:0width$}", abs / div, abs % div, width = exponent as usize)
}

/// The amount in major units as a number (for spreadsheet cells).
pub(crate) fn amount_value(minor: i64, exponent: u32) -> f64 {
    minor as f64 / 10f64.powi(exponent as i32)
}

/// What every row of one report shares: the program's zone (instants are shown in it) and name.
pub(crate) struct RowContext<'a> {
    pub tz: Tz,
    pub program: &'a str,
}

impl<'a> RowContext<'a> {
    pub(crate) fn of(report: &'a MonthlyReport) -> Self {
        RowContext { tz: report.timezone.parse().unwrap_or(Tz::UTC), program: &report.program }
    }

    /// An instant as a day and time in the program's zone with its abbreviation, e.g.
    /// `2026-10-05 10:00 EDT`.
    fn instant(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&self.tz);
        format!("{} {:02}:{:02} {}", local.date_naive(), local.hour(), local.minute(), local.offset())
    }
}

/// The row's cells, one per entry of [`REPORT_COLUMNS`].
pub(crate) fn row_cells<'r>(r: &'r ReportRow, cx: &RowContext<'r>) -> [Cell<'r>; COLUMN_COUNT] {
    let done = |c: &Option<ReportClock>| Cell::opt_date(c.as_ref().and_then(|c| c.done_on));
    let due = |c: &Option<ReportClock>| Cell::opt_date(c.as_ref().map(|c| c.due));
    let days = |c: &Option<ReportClock>| Cell::opt_int(c.as_ref().and_then(|c| c.business_days));
    let verdict = |c: &Option<ReportClock>| Cell::opt_text(c.as_ref().map(ReportClock::verdict));
    let grounds: Vec<&str> = r.grounds.iter().map(|g| g.code()).collect();
    let amount = match (r.compensation_minor, &r.compensation_currency) {
        (Some(minor), Some(cur)) => Cell::Amount { minor, exponent: minor_unit_exponent(cur) },
        (Some(minor), None) => Cell::Amount { minor, exponent: 2 },
        (None, _) => Cell::Empty,
    };
    [
        Cell::text(&r.id),
        Cell::text(r.section.label()),
        Cell::Date(r.received_on),
        Cell::opt_text(r.received_at.map(|at| cx.instant(at))),
        Cell::opt_date(r.logged_on),
        Cell::text(r.channel.code()),
        Cell::opt_text(r.regulator_name.as_deref()),
        Cell::opt_text(r.regulator_reference.as_deref()),
        Cell::opt_text(r.product.map(|p| p.code())),
        Cell::opt_text(r.topic.as_deref()),
        Cell::opt_text(r.issue_type.as_deref()),
        Cell::text(r.kind.code()),
        if grounds.is_empty() { Cell::Empty } else { Cell::text(grounds.join(",")) },
        Cell::opt_text(r.original_kind.map(|k| k.code())),
        joined(r.reclassifications.iter().map(|c| c.on.to_string())),
        joined(r.reclassifications.iter().map(|c| c.reason.clone())),
        Cell::text(&r.complainant_name),
        Cell::opt_text(r.account.as_deref()),
        Cell::text(&r.summary),
        Cell::text(r.status.code()),
        Cell::text(if r.overdue { "yes" } else { "no" }),
        done(&r.acknowledge),
        days(&r.acknowledge),
        verdict(&r.acknowledge),
        due(&r.acknowledge),
        done(&r.notify_stripe),
        verdict(&r.notify_stripe),
        due(&r.notify_stripe),
        Cell::opt_text(r.stripe_reference.as_deref()),
        Cell::opt_date(r.stripe_reviewed_on),
        Cell::opt_date(r.resolved_on),
        days(&r.resolve),
        verdict(&r.resolve),
        due(&r.resolve),
        Cell::opt_text(r.outcome.map(|o| o.code())),
        Cell::opt_text(r.resolution_summary.as_deref()),
        Cell::opt_text(r.root_cause.as_deref()),
        Cell::opt_text(r.remediation.as_deref()),
        Cell::opt_text(r.remediation_note.as_deref()),
        amount,
        Cell::opt_text(r.compensation_currency.as_deref()),
        Cell::opt_date(r.first_resolved_on),
        Cell::Int(i64::from(r.reopen_count)),
        if r.reopened_on.is_empty() {
            Cell::Empty
        } else {
            Cell::text(r.reopened_on.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(";"))
        },
        Cell::text(if r.entered_late { "yes" } else { "no" }),
        Cell::text(cx.program),
    ]
}

/// Several values of one cell, `;`-separated in order; empty when there are none.
fn joined<'a>(values: impl Iterator<Item = String>) -> Cell<'a> {
    let parts: Vec<String> = values.collect();
    if parts.is_empty() {
        Cell::Empty
    } else {
        Cell::text(parts.join(";"))
    }
}

/// Whether a spreadsheet could take this text for a formula or a command (CSV/DDE injection).
pub(crate) fn looks_like_formula(s: &str) -> bool {
    matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_use_the_currency_exponent() {
        assert_eq!(amount_text(2500, 2), "25.00");
        assert_eq!(amount_text(5000, 0), "5000");
        assert_eq!(amount_text(-5, 2), "-0.05");
        assert_eq!(amount_text(1250, 3), "1.250");
        assert_eq!(amount_value(2500, 2), 25.0);
        assert_eq!(amount_value(5000, 0), 5000.0);
    }

    #[test]
    fn formula_like_text_is_recognised() {
        for s in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(looks_like_formula(s), "{s:?}");
        }
        for s in ["", "a=1", " =1", "Müller", "山田"] {
            assert!(!looks_like_formula(s), "{s:?}");
        }
    }

    #[test]
    fn there_is_one_heading_per_cell() {
        assert_eq!(REPORT_COLUMNS.len(), COLUMN_COUNT);
    }
}
