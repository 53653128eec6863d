//! Reports built by hand for the tests.

use cdesk_domain::report::{
    CurrencyTotal, MonthlyReport, ReportClock, ReportMonth, ReportReclassification, ReportRow, ReportSection, ReportSummary, Share, Tally, WeekCount,
};
use cdesk_domain::{Channel, ClockState, ComplaintKind, ComplaintStatus, Ground, Outcome, Product};
use chrono::{DateTime, NaiveDate, Utc};

pub const MONTH: ReportMonth = ReportMonth { year: 2026, month: 10 };

pub fn d(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).unwrap()
}

fn at(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc))
}

fn clock(due: NaiveDate, done_on: Option<NaiveDate>, business_days: Option<i64>, state: ClockState) -> Option<ReportClock> {
    Some(ReportClock { due, done_on, business_days, state })
}

fn tally(items: &[(&str, u64)]) -> Vec<Tally> {
    items.iter().map(|(k, n)| Tally { key: (*k).to_owned(), count: *n }).collect()
}

/// Five complaints covering every column: met, missed and pending clocks, a carried-over row, an
/// executive row with grounds, German and Japanese names, formula-like text, USD and JPY.
pub fn rows() -> Vec<ReportRow> {
    vec![
        ReportRow {
            id: "CMP-2026-00101".into(),
            section: ReportSection::New,
            received_on: d(10, 2),
            channel: Channel::Email,
            product: Some(Product::Issuing),
            topic: Some("cardholder_experience".into()),
            issue_type: Some("dispute_transaction".into()),
            kind: ComplaintKind::Operational,
            grounds: vec![],
            complainant_name: "Jürgen Müller".into(),
            account: Some("acct_1JurgenMuller".into()),
            summary: "Karte wurde zweimal belastet; die Rückerstattung fehlt. Bitte prüfen Sie die Buchung vom 28.09. (Straße 5, München)".into(),
            status: ComplaintStatus::Resolved,
            overdue: false,
            acknowledge: clock(d(10, 6), Some(d(10, 5)), Some(1), ClockState::Met),
            notify_stripe: None,
            stripe_reviewed_on: None,
            resolve: clock(d(10, 30), Some(d(10, 9)), Some(5), ClockState::Met),
            resolved_on: Some(d(10, 9)),
            outcome: Some(Outcome::Upheld),
            resolution_summary: Some("Refunded the duplicate charge and apologised.".into()),
            compensation_minor: Some(2500),
            compensation_currency: Some("USD".into()),
            first_resolved_on: None,
            reopen_count: 0,
            reopened_on: vec![],
            entered_late: false,
            received_at: at("2026-10-02T09:15:00-04:00"),
            logged_on: Some(d(10, 2)),
            regulator_name: None,
            regulator_reference: None,
            stripe_reference: None,
            original_kind: Some(ComplaintKind::Operational),
            reclassifications: vec![],
            root_cause: Some("system_error".into()),
            remediation: Some("system_fixed".into()),
            remediation_note: Some("Duplicate capture on retry fixed in the card processor release of 2026-10-08.".into()),
        },
        ReportRow {
            id: "CMP-2026-00102".into(),
            section: ReportSection::New,
            received_on: d(10, 5),
            channel: Channel::WebForm,
            product: Some(Product::Treasury),
            topic: Some("treasury_money_movement".into()),
            issue_type: Some("cancel_transfer".into()),
            kind: ComplaintKind::Operational,
            grounds: vec![],
            complainant_name: "山田 花子".into(),
            account: Some("acct_1YamadaHanako".into()),
            summary: "振込をキャンセルできません。漢字かなカナ、至急対応をお願いします。".into(),
            status: ComplaintStatus::Resolved,
            overdue: false,
            acknowledge: clock(d(10, 7), Some(d(10, 9)), Some(4), ClockState::Missed),
            notify_stripe: None,
            stripe_reviewed_on: None,
            resolve: clock(d(11, 2), Some(d(10, 20)), Some(11), ClockState::Met),
            resolved_on: Some(d(10, 20)),
            outcome: Some(Outcome::PartiallyUpheld),
            resolution_summary: Some("一部返金しました。".into()),
            compensation_minor: Some(5000),
            compensation_currency: Some("JPY".into()),
            first_resolved_on: None,
            reopen_count: 0,
            reopened_on: vec![],
            entered_late: false,
            received_at: at("2026-10-05T18:40:00-04:00"),
            logged_on: Some(d(10, 6)),
            regulator_name: None,
            regulator_reference: None,
            stripe_reference: None,
            original_kind: Some(ComplaintKind::Operational),
            reclassifications: vec![],
            root_cause: Some("customer_misunderstanding".into()),
            remediation: Some("none_needed".into()),
            remediation_note: None,
        },
        ReportRow {
            id: "CMP-2026-00103".into(),
            section: ReportSection::New,
            received_on: d(10, 12),
            channel: Channel::Regulator,
            product: Some(Product::Issuing),
            topic: Some("fraud_management".into()),
            issue_type: Some("fraud_challenges".into()),
            kind: ComplaintKind::Executive,
            grounds: vec![Ground::Regulator, Ground::Udap],
            complainant_name: "=HYPERLINK(\"x\")".into(),
            account: None,
            summary: "+1 says the card was blocked without notice and will write to the regulator".into(),
            status: ComplaintStatus::Open,
            overdue: true,
            acknowledge: clock(d(10, 14), None, None, ClockState::Overdue),
            notify_stripe: clock(d(10, 13), Some(d(10, 14)), Some(2), ClockState::Missed),
            stripe_reviewed_on: Some(d(10, 16)),
            resolve: None,
            resolved_on: None,
            outcome: None,
            resolution_summary: None,
            compensation_minor: None,
            compensation_currency: None,
            first_resolved_on: None,
            reopen_count: 0,
            reopened_on: vec![],
            entered_late: false,
            received_at: at("2026-10-12T11:02:00-04:00"),
            logged_on: Some(d(10, 12)),
            regulator_name: Some("Consumer Financial Protection Bureau".into()),
            regulator_reference: Some("261012-0004521".into()),
            stripe_reference: Some("SUP-2026-3391".into()),
            original_kind: Some(ComplaintKind::Operational),
            reclassifications: vec![ReportReclassification {
                on: d(10, 13),
                from: ComplaintKind::Operational,
                to: ComplaintKind::Executive,
                reason: "The CFPB forwarded it; a regulator's complaint is executive".into(),
            }],
            root_cause: None,
            remediation: None,
            remediation_note: None,
        },
        ReportRow {
            id: "CMP-2026-00104".into(),
            section: ReportSection::New,
            received_on: d(10, 28),
            channel: Channel::Letter,
            product: None,
            topic: None,
            issue_type: None,
            kind: ComplaintKind::Operational,
            grounds: vec![],
            complainant_name: "-2".into(),
            account: Some("@SUM(A1)".into()),
            summary: "\tleading tab".into(),
            status: ComplaintStatus::Open,
            overdue: false,
            acknowledge: clock(d(11, 2), None, None, ClockState::Pending),
            notify_stripe: None,
            stripe_reviewed_on: None,
            resolve: clock(d(11, 25), None, None, ClockState::Pending),
            resolved_on: None,
            outcome: None,
            resolution_summary: None,
            compensation_minor: None,
            compensation_currency: None,
            first_resolved_on: None,
            reopen_count: 0,
            reopened_on: vec![],
            entered_late: false,
            received_at: at("2026-10-28T08:00:00-04:00"),
            logged_on: Some(d(10, 29)),
            regulator_name: None,
            regulator_reference: None,
            stripe_reference: None,
            original_kind: Some(ComplaintKind::Operational),
            reclassifications: vec![],
            root_cause: None,
            remediation: None,
            remediation_note: None,
        },
        ReportRow {
            id: "CMP-2026-00090".into(),
            section: ReportSection::CarriedOver,
            received_on: d(9, 24),
            channel: Channel::SocialMedia,
            product: Some(Product::Treasury),
            topic: Some("treasury_accounts".into()),
            issue_type: Some("account_routing_numbers".into()),
            kind: ComplaintKind::Operational,
            grounds: vec![],
            complainant_name: "Ann O'Neil, \"Nan\"".into(),
            account: Some("acct_1AnnONeil".into()),
            summary: "Line one\r\nLine two, with a comma".into(),
            status: ComplaintStatus::Resolved,
            overdue: false,
            acknowledge: clock(d(9, 28), Some(d(9, 25)), Some(1), ClockState::Met),
            notify_stripe: None,
            stripe_reviewed_on: None,
            resolve: clock(d(10, 6), Some(d(10, 7)), Some(9), ClockState::Missed),
            resolved_on: Some(d(10, 7)),
            outcome: Some(Outcome::NotUpheld),
            resolution_summary: Some("Explained the routing number; no error found.".into()),
            compensation_minor: None,
            compensation_currency: None,
            first_resolved_on: Some(d(9, 30)),
            reopen_count: 1,
            reopened_on: vec![d(10, 1)],
            entered_late: true,
            received_at: at("2026-09-24T21:30:00-04:00"),
            logged_on: Some(d(9, 25)),
            regulator_name: None,
            regulator_reference: None,
            stripe_reference: None,
            original_kind: Some(ComplaintKind::Operational),
            reclassifications: vec![],
            root_cause: Some("disclosure_unclear".into()),
            remediation: Some("disclosure_updated".into()),
            remediation_note: Some("=Fee wording rewritten".into()),
        },
    ]
}

fn weeks(counts: [u64; 5]) -> Vec<WeekCount> {
    let bounds = [(1, 4), (5, 11), (12, 18), (19, 25), (26, 31)];
    bounds.iter().zip(counts).map(|(&(from, to), count)| WeekCount { from: d(10, from), to: d(10, to), count }).collect()
}

/// The fixed report of October 2026 with [`rows`] and its summary.
pub fn report() -> MonthlyReport {
    MonthlyReport {
        program: "Acme Card Program".into(),
        month: MONTH,
        timezone: "Europe/Berlin".into(),
        rows: rows(),
        summary: ReportSummary {
            total: 5,
            new: 4,
            carried_over: 1,
            resolved_in_month: 3,
            open_at_end: 2,
            overdue_at_end: 1,
            by_kind: tally(&[("operational", 4), ("executive", 1)]),
            by_product: tally(&[("issuing", 2), ("treasury", 2), ("not stated", 1)]),
            by_topic: tally(&[
                ("cardholder_experience", 1),
                ("fraud_management", 1),
                ("not classified", 1),
                ("treasury_accounts", 1),
                ("treasury_money_movement", 1),
            ]),
            by_channel: tally(&[("email", 1), ("letter", 1), ("phone", 1), ("social_media", 1), ("web_form", 1)]),
            acknowledged_in_time: Share { met: 2, decided: 4 },
            resolved_in_time: Share { met: 2, decided: 3 },
            stripe_notified_in_time: Share { met: 0, decided: 1 },
            median_business_days_to_resolve: Some(9.0),
            compensation_totals: vec![
                CurrencyTotal { currency: "JPY".into(), amount_minor: 5000 },
                CurrencyTotal { currency: "USD".into(), amount_minor: 2500 },
            ],
            weekly_new: weeks([1, 1, 1, 0, 1]),
        },
        amends: None,
        version: cdesk_domain::report::REPORT_VERSION,
    }
}

/// October 2026 without complaints.
pub fn empty_report() -> MonthlyReport {
    MonthlyReport {
        program: "Acme Card Program".into(),
        month: MONTH,
        timezone: "Europe/Berlin".into(),
        rows: vec![],
        summary: ReportSummary { weekly_new: weeks([0; 5]), ..ReportSummary::default() },
        amends: None,
        version: cdesk_domain::report::REPORT_VERSION,
    }
}

/// A month of `n` complaints made from the fixed rows (ids and dates varied), with the
/// fixed summary scaled roughly: for volume tests, not for checking figures.
pub fn large_report(n: usize) -> MonthlyReport {
    let base = rows();
    let mut rows: Vec<ReportRow> = (0..n)
        .map(|i| {
            let mut r = base[i % base.len()].clone();
            r.id = format!("CMP-2026-{:05}", i + 1);
            if r.section == ReportSection::New {
                r.received_on = d(10, (i % 31) as u32 + 1);
            }
            if i % 7 == 0 {
                r.summary = format!("{} {}", r.summary, "The customer adds a long account of every call they made, what each agent said, and why they think the fees are unfair.".repeat(1 + i % 3));
            }
            r
        })
        .collect();
    rows.sort_by_key(|r| (r.section == ReportSection::CarriedOver, r.received_on));
    let mut report = report();
    let k = (n / base.len()).max(1) as u64;
    let s = &mut report.summary;
    s.total = n as u64;
    s.new = rows.iter().filter(|r| r.section == ReportSection::New).count() as u64;
    s.carried_over = s.total - s.new;
    for t in s.by_kind.iter_mut().chain(&mut s.by_product).chain(&mut s.by_topic).chain(&mut s.by_channel) {
        t.count *= k;
    }
    for w in &mut s.weekly_new {
        w.count = rows.iter().filter(|r| r.section == ReportSection::New && r.received_on >= w.from && r.received_on <= w.to).count() as u64;
    }
    report.rows = rows;
    report
}
