//! A complaint's history in time. Every entry has the instant it happened (`occurred_at`, in
//! the event) and the instant it was recorded (`recorded_at`, from the clock). The complaint is
//! the fold of its entries in the order they *happened*, leaving out voided entries, and a new
//! entry is judged against the complaint as it stood at its own instant, however late it is
//! recorded. This module owns those rules; nothing here reads a clock.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::complaint::DeadlineRules;
use crate::report::ReportMonth;
use crate::{Complaint, ComplaintEvent, DomainError};

/// One entry of a complaint's history as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its place in the audit log.
    pub seq: i64,
    pub recorded_at: DateTime<Utc>,
    pub event: ComplaintEvent,
}

/// A voided entry: which entry voided it and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoidMark {
    pub by_seq: i64,
    pub reason: String,
}

/// The entries voided in a history, by their seq.
pub fn voided(entries: &[Entry]) -> BTreeMap<i64, VoidMark> {
    entries
        .iter()
        .filter_map(|e| match &e.event {
            ComplaintEvent::Voided { seq, reason } => Some((*seq, VoidMark { by_seq: e.seq, reason: reason.clone() })),
            _ => None,
        })
        .collect()
}

/// The entries that make the complaint, in the order they happened: the logging first, then
/// every step by its instant (ties in the order recorded). Voided entries, the voids themselves
/// and bookkeeping entries without an instant (deadline recomputations) are left out.
pub fn effective(entries: &[Entry]) -> Vec<&Entry> {
    let voided = voided(entries);
    let mut out: Vec<&Entry> =
        entries.iter().filter(|e| !voided.contains_key(&e.seq) && e.event.occurred_at().is_some()).collect();
    out.sort_by_key(|e| (!matches!(e.event, ComplaintEvent::Logged { .. }), e.event.occurred_at(), e.seq));
    out
}

/// The complaint its history makes now.
///
/// # Errors
/// `Rule` `history_starts_with_logged` for a damaged history.
pub fn replay(id: &str, entries: &[Entry]) -> Result<Complaint, DomainError> {
    Complaint::replay(id, effective(entries).into_iter().map(|e| &e.event))
}

/// The complaint as it stood just before `limit`: only entries that happened before it count
/// (voids count whenever they were recorded: a voided entry never happened).
///
/// # Errors
/// `Rule` `history_starts_with_logged` for a damaged history.
pub fn replay_before(id: &str, entries: &[Entry], limit: DateTime<Utc>) -> Result<Complaint, DomainError> {
    Complaint::replay(
        id,
        effective(entries)
            .into_iter()
            .filter(|e| matches!(e.event, ComplaintEvent::Logged { .. }) || e.event.occurred_at().is_some_and(|at| at < limit))
            .map(|e| &e.event),
    )
}

/// The complaint as it stood just before `start` and just before `end` (`start <= end`), in one
/// fold of the entries already made [`effective`]: what [`replay_before`] gives for each limit.
///
/// # Errors
/// `Rule` `history_starts_with_logged` for a damaged history.
pub fn replay_before_both(id: &str, effective: &[&Entry], start: DateTime<Utc>, end: DateTime<Utc>) -> Result<(Complaint, Complaint), DomainError> {
    let mut iter = effective.iter();
    let Some(ComplaintEvent::Logged { intake }) = iter.next().map(|e| &e.event) else {
        return Err(DomainError::rule("history_starts_with_logged", format!("the history of {id} does not start with its logging")));
    };
    let mut c = Complaint::received(id.to_owned(), intake.clone());
    let mut at_start = None;
    for e in iter {
        // Effective entries are in the order they happened: a limit is a point in that order.
        let Some(at) = e.event.occurred_at() else { continue };
        if at >= start && at_start.is_none() {
            at_start = Some(c.clone());
        }
        if at >= end {
            break;
        }
        c.mutate(&e.event);
    }
    Ok((at_start.unwrap_or_else(|| c.clone()), c))
}

/// The complaint as it stood at `at`, counting the entries that happened at or before it: what
/// a step dated `at` is judged against (and, for a reclassification, the kind it starts from).
///
/// # Errors
/// `Rule` `history_starts_with_logged` for a damaged history.
pub fn replay_at(id: &str, entries: &[Entry], at: DateTime<Utc>) -> Result<Complaint, DomainError> {
    Complaint::replay(
        id,
        effective(entries)
            .into_iter()
            .filter(|e| matches!(e.event, ComplaintEvent::Logged { .. }) || e.event.occurred_at().is_some_and(|t| t <= at))
            .map(|e| &e.event),
    )
}

/// Folds entries in the order given, checking each against the complaint as it stood at its
/// instant; returns the entries whose rule was broken. A history already accepted returns none,
/// but one written before a rule existed may.
fn judge(id: &str, list: &[&Entry]) -> Vec<(i64, DomainError)> {
    let mut iter = list.iter();
    let Some(ComplaintEvent::Logged { intake }) = iter.next().map(|e| &e.event) else {
        return Vec::new();
    };
    let mut c = Complaint::received(id.to_owned(), intake.clone());
    let mut broken = Vec::new();
    for e in iter {
        if let Err(err) = c.check(&e.event) {
            broken.push((e.seq, err));
        }
        c.mutate(&e.event);
    }
    broken
}

/// The rules an accepted history breaks, entry by entry (empty for any history recorded through
/// [`admit`]); for verification and for histories older than a rule.
pub fn violations(id: &str, entries: &[Entry]) -> Vec<(i64, DomainError)> {
    judge(id, &effective(entries))
}

fn when(e: &Entry) -> String {
    e.event.occurred_at().map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).unwrap_or_default()
}

fn rule_of(err: &DomainError) -> String {
    match err {
        DomainError::Rule { rule, .. } => rule.clone(),
        DomainError::Invalid { .. } => "timeline_order".to_owned(),
    }
}

fn message_of(err: &DomainError) -> String {
    match err {
        DomainError::Rule { message, .. } => message.clone(),
        DomainError::Invalid { field, message } => format!("{field}: {message}"),
    }
}

/// Checks a new entry against the history and returns the complaint it makes. The entry is
/// judged at its own instant: against the complaint as it stood then, and every entry dated
/// after it is judged again with it in place, so a late paper record is accepted when it
/// contradicts nothing and refused when it would break a rule at any instant. A void is refused
/// when an entry that stays depends on the voided one.
///
/// # Errors
/// `Rule` `step_in_future` for an instant more than five minutes after `now`; the rule the entry
/// (or a later entry, named in the message) would break; `Invalid` naming the field at fault.
pub fn admit(id: &str, entries: &[Entry], new: &ComplaintEvent, now: DateTime<Utc>) -> Result<Complaint, DomainError> {
    if let Some(at) = new.occurred_at() {
        crate::not_in_future(at, now, "at")?;
    }
    match new {
        ComplaintEvent::Logged { .. } => return Err(DomainError::rule("logged_once", format!("{id} is already logged"))),
        ComplaintEvent::Voided { seq, reason } => check_void(id, entries, *seq, reason)?,
        _ => {}
    }
    let next = entries.iter().map(|e| e.seq).max().unwrap_or(0) + 1;
    let mut with = entries.to_vec();
    with.push(Entry { seq: next, recorded_at: now, event: new.clone() });
    let before = judge(id, &effective(entries));
    for (seq, err) in judge(id, &effective(&with)) {
        if seq == next {
            return Err(err);
        }
        if before.iter().any(|(s, _)| *s == seq) {
            continue;
        }
        let other = entries.iter().find(|e| e.seq == seq).expect("a judged entry is in the history");
        let message = match new {
            ComplaintEvent::Voided { seq: target, .. } => format!(
                "entry {target} cannot be voided: entry {seq} ({}, {}) depends on it: {}",
                other.event.describe(),
                when(other),
                message_of(&err)
            ),
            _ => format!(
                "this step would contradict entry {seq} ({}, {}), dated after it: {}",
                other.event.describe(),
                when(other),
                message_of(&err)
            ),
        };
        return Err(DomainError::rule(rule_of(&err), message));
    }
    replay(id, &with)
}

fn check_void(id: &str, entries: &[Entry], target: i64, reason: &str) -> Result<(), DomainError> {
    let Some(e) = entries.iter().find(|e| e.seq == target) else {
        return Err(DomainError::invalid("seq", format!("entry {target} is not in the history of {id}")));
    };
    match e.event {
        ComplaintEvent::Logged { .. } => {
            return Err(DomainError::rule(
                "void_intake",
                format!("the logging of {id} cannot be voided; mark it not a complaint, or record a note that corrects it"),
            ))
        }
        ComplaintEvent::Voided { .. } | ComplaintEvent::DeadlinesRecomputed { .. } => {
            return Err(DomainError::rule(
                "void_recorded_steps_only",
                format!("entry {target} of {id} is not a step an officer recorded; only steps can be voided"),
            ))
        }
        _ => {}
    }
    if let Some(mark) = voided(entries).get(&target) {
        return Err(DomainError::rule("void_once", format!("entry {target} of {id} was already voided by entry {}", mark.by_seq)));
    }
    if reason.trim().is_empty() {
        return Err(DomainError::invalid("reason", "say why the entry was recorded in error"));
    }
    Ok(())
}

/// Whether an entry was entered late: recorded after the month it happened in was submitted to
/// Stripe (`submitted` gives each month's first submission), or more than the program's
/// late-entry threshold of business days after it happened.
pub fn entered_late(entry: &Entry, rules: &DeadlineRules, submitted: &BTreeMap<ReportMonth, DateTime<Utc>>) -> bool {
    entry.event.occurred_at().is_some_and(|at| late_entry(at, entry.recorded_at, rules, submitted))
}

/// Whether something that happened at `occurred_at` and was recorded at `recorded_at` was
/// entered late (see [`entered_late`]); for complaint entries and credit-case steps alike.
pub fn late_entry(
    occurred_at: DateTime<Utc>,
    recorded_at: DateTime<Utc>,
    rules: &DeadlineRules,
    submitted: &BTreeMap<ReportMonth, DateTime<Utc>>,
) -> bool {
    let day = rules.local_date(occurred_at);
    if submitted.get(&ReportMonth::of_date(day)).is_some_and(|s| recorded_at > *s) {
        return true;
    }
    rules.local_date(recorded_at) > rules.calendar.add_business_days(day, rules.policy.late_entry_business_days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaint::parse_instant;
    use crate::{
        BusinessCalendar, Channel, Clock, ClockState, Complainant, ComplaintKind, ComplaintStatus, DeadlinePolicy, Ground, Intake,
        Outcome, Product, Taxonomy,
    };

    fn at(s: &str) -> DateTime<Utc> {
        parse_instant(s, "at").unwrap()
    }

    fn rules() -> DeadlineRules {
        DeadlineRules { calendar: BusinessCalendar::default(), timezone: chrono_tz::America::New_York, policy: DeadlinePolicy::default() }
    }

    fn intake(kind: ComplaintKind, channel: Channel) -> Intake {
        Intake {
            received_at: at("2026-06-01T10:00:00-04:00"),
            received_offset_minutes: -240,
            channel,
            complainant: Complainant { name: "Ada Example".into(), email: None, account: None, cardholder: None },
            product: Some(Product::Issuing),
            topic: None,
            issue_type: None,
            summary: "Card declined".into(),
            description: None,
            kind,
            grounds: if kind == ComplaintKind::Executive { vec![Ground::Litigation] } else { vec![] },
            regulator: None,
        }
    }

    /// A history being recorded, with a clock that is always late enough.
    struct Book {
        entries: Vec<Entry>,
        now: DateTime<Utc>,
    }

    impl Book {
        fn new(kind: ComplaintKind) -> Self {
            Self::with(intake(kind, Channel::Email))
        }
        fn with(intake: Intake) -> Self {
            let now = at("2026-06-30T12:00:00-04:00");
            Complaint::log("CMP-1".into(), intake.clone(), &Taxonomy::default(), now).unwrap();
            Book { entries: vec![Entry { seq: 1, recorded_at: now, event: ComplaintEvent::Logged { intake } }], now }
        }
        fn try_add(&mut self, e: ComplaintEvent) -> Result<Complaint, DomainError> {
            let c = admit("CMP-1", &self.entries, &e, self.now)?;
            let seq = self.entries.last().unwrap().seq + 1;
            self.entries.push(Entry { seq, recorded_at: self.now, event: e });
            Ok(c)
        }
        fn add(&mut self, e: ComplaintEvent) -> Complaint {
            self.try_add(e).expect("accepted")
        }
        fn state(&self) -> Complaint {
            replay("CMP-1", &self.entries).unwrap()
        }
    }

    fn rule(r: Result<Complaint, DomainError>) -> String {
        match r {
            Err(DomainError::Rule { rule, .. }) => rule,
            other => panic!("expected a rule refusal, got {other:?}"),
        }
    }

    fn notified(s: &str) -> ComplaintEvent {
        ComplaintEvent::StripeNotified { at: at(s), how: None, reference: Some("SUP-1".into()), note: None }
    }
    fn reviewed(s: &str) -> ComplaintEvent {
        ComplaintEvent::StripeReviewCompleted { at: at(s), note: None, resolve_by: None }
    }
    fn contact(s: &str) -> ComplaintEvent {
        ComplaintEvent::CustomerContacted { at: at(s), how: Some("phone".into()), note: "Called back".into() }
    }
    fn ack(s: &str) -> ComplaintEvent {
        ComplaintEvent::Acknowledged { at: at(s), how: None, note: None }
    }
    fn resolve(s: &str) -> ComplaintEvent {
        ComplaintEvent::Resolved { at: at(s), summary: "Refunded".into(), outcome: Some(Outcome::Upheld), compensation: None, root_cause: None }
    }
    fn reopen(s: &str) -> ComplaintEvent {
        ComplaintEvent::Reopened { at: at(s), reason: "Customer wrote again".into() }
    }

    #[test]
    fn one_fold_gives_the_complaint_at_both_ends_of_a_month_as_two_replays_do() {
        let mut b = Book::new(ComplaintKind::Operational);
        b.add(ack("2026-06-02T10:00:00-04:00"));
        b.add(resolve("2026-06-10T10:00:00-04:00"));
        b.add(reopen("2026-06-15T09:00:00-04:00"));
        // A step exactly at a limit is after it (the month starts at that instant).
        b.add(ComplaintEvent::NoteAdded { at: at("2026-06-20T00:00:00-04:00"), note: "At the limit".into() });
        b.add(resolve("2026-06-25T10:00:00-04:00"));
        let effective = effective(&b.entries);
        for (start, end) in [
            ("2026-05-01T00:00:00-04:00", "2026-06-01T00:00:00-04:00"),
            ("2026-06-01T00:00:00-04:00", "2026-06-12T00:00:00-04:00"),
            ("2026-06-12T00:00:00-04:00", "2026-06-20T00:00:00-04:00"),
            ("2026-06-20T00:00:00-04:00", "2026-07-01T00:00:00-04:00"),
            ("2026-07-01T00:00:00-04:00", "2026-08-01T00:00:00-04:00"),
        ] {
            let (s, e) = (at(start), at(end));
            let both = replay_before_both("CMP-1", &effective, s, e).unwrap();
            assert_eq!(both, (replay_before("CMP-1", &b.entries, s).unwrap(), replay_before("CMP-1", &b.entries, e).unwrap()), "{start} to {end}");
        }
    }

    #[test]
    fn rule_step_in_future() {
        let mut b = Book::new(ComplaintKind::Operational);
        let ten_days = ack("2026-07-10T12:00:00-04:00");
        assert_eq!(rule(b.try_add(ten_days)), "step_in_future", "an acknowledgement dated ten days ahead must be refused");
        b.add(ack("2026-06-30T12:04:00-04:00"));
        let mut b = Book::new(ComplaintKind::Operational);
        assert_eq!(rule(b.try_add(ack("2026-06-30T12:06:00-04:00"))), "step_in_future", "six minutes ahead is the future");
        let err = Complaint::log("X".into(), intake(ComplaintKind::Operational, Channel::Email), &Taxonomy::default(), at("2026-05-01T00:00:00Z"))
            .unwrap_err();
        assert!(matches!(&err, DomainError::Rule { rule, .. } if rule == "step_in_future"), "an intake received later than now: {err}");
    }

    #[test]
    fn rule_executive_contact_hold_judged_at_the_contact_instant() {
        let mut b = Book::new(ComplaintKind::Executive);
        b.add(notified("2026-06-01T12:00:00-04:00"));
        b.add(reviewed("2026-06-05T12:00:00-04:00"));
        let refused = b.try_add(contact("2026-06-02T09:00:00-04:00"));
        assert_eq!(rule(refused), "executive_contact_hold", "a call dated before Stripe's review is under the hold however late it is entered");
        assert_eq!(rule(b.try_add(ack("2026-06-03T09:00:00-04:00"))), "executive_contact_hold", "so is an acknowledgement");
        b.add(contact("2026-06-06T09:00:00-04:00"));
    }

    #[test]
    fn rule_executive_resolve_with_stripe_judged_at_the_resolution_instant() {
        let mut b = Book::new(ComplaintKind::Executive);
        b.add(notified("2026-06-01T12:00:00-04:00"));
        b.add(reviewed("2026-06-05T12:00:00-04:00"));
        assert_eq!(rule(b.try_add(resolve("2026-06-04T12:00:00-04:00"))), "executive_resolve_with_stripe");
        b.add(resolve("2026-06-08T12:00:00-04:00"));
    }

    #[test]
    fn rule_stripe_review_not_before_notification() {
        let mut b = Book::new(ComplaintKind::Executive);
        b.add(notified("2026-06-03T12:00:00-04:00"));
        assert_eq!(rule(b.try_add(reviewed("2026-06-02T12:00:00-04:00"))), "stripe_review_after_notification");
    }

    #[test]
    fn rule_reopen_not_before_the_resolution_it_reopens() {
        let mut b = Book::new(ComplaintKind::Operational);
        b.add(resolve("2026-06-05T12:00:00-04:00"));
        assert_eq!(rule(b.try_add(reopen("2026-06-04T12:00:00-04:00"))), "reopen_resolved_only");
        assert_eq!(b.state().status, ComplaintStatus::Resolved, "the resolution stays");
        b.add(reopen("2026-06-06T12:00:00-04:00"));
    }

    #[test]
    fn rule_resolution_not_before_receipt() {
        let mut b = Book::new(ComplaintKind::Operational);
        let err = b.try_add(resolve("2026-05-30T12:00:00-04:00")).unwrap_err();
        assert!(err.to_string().starts_with("at:"), "{err}");
    }

    #[test]
    fn rule_late_paper_records_that_contradict_nothing_are_allowed() {
        let mut b = Book::new(ComplaintKind::Operational);
        b.add(ComplaintEvent::NoteAdded { at: at("2026-06-10T12:00:00-04:00"), note: "Chased".into() });
        b.add(contact("2026-06-08T12:00:00-04:00"));
        let c = b.add(ack("2026-06-02T12:00:00-04:00"));
        assert_eq!(c.acknowledged_at, Some(at("2026-06-02T12:00:00-04:00")));
    }

    #[test]
    fn rule_earlier_step_that_breaks_a_later_one_is_refused_naming_it() {
        let mut b = Book::new(ComplaintKind::Operational);
        b.add(contact("2026-06-04T12:00:00-04:00"));
        let reclassify = ComplaintEvent::Reclassified {
            at: at("2026-06-02T12:00:00-04:00"),
            from: ComplaintKind::Operational,
            to: ComplaintKind::Executive,
            grounds: vec![Ground::Litigation],
            reason: "Lawyer's letter".into(),
        };
        let err = b.try_add(reclassify).unwrap_err();
        assert!(matches!(&err, DomainError::Rule { rule, .. } if rule == "executive_contact_hold"), "{err}");
        assert!(err.to_string().contains("entry 2"), "the refusal names the entry it would contradict: {err}");
    }

    #[test]
    fn rule_executive_downgrade_needs_stripe_review() {
        let mut b = Book::new(ComplaintKind::Executive);
        let down = |s: &str| ComplaintEvent::Reclassified {
            at: at(s),
            from: ComplaintKind::Executive,
            to: ComplaintKind::Operational,
            grounds: vec![],
            reason: "Not a legal matter after all".into(),
        };
        assert_eq!(rule(b.try_add(down("2026-06-02T12:00:00-04:00"))), "executive_downgrade_needs_stripe_review");
        b.add(notified("2026-06-01T12:00:00-04:00"));
        b.add(reviewed("2026-06-03T12:00:00-04:00"));
        assert_eq!(rule(b.try_add(down("2026-06-02T12:00:00-04:00"))), "executive_downgrade_needs_stripe_review", "judged at its instant");
        assert_eq!(b.add(down("2026-06-04T12:00:00-04:00")).kind, ComplaintKind::Operational);
    }

    #[test]
    fn a_backdated_reclassification_starts_from_the_kind_at_its_instant() {
        let mut b = Book::new(ComplaintKind::Operational);
        let to_exec = |entries: &[Entry], s: &str| ComplaintEvent::Reclassified {
            at: at(s),
            from: replay_at("CMP-1", entries, at(s)).unwrap().kind,
            to: ComplaintKind::Executive,
            grounds: vec![Ground::Litigation],
            reason: "Lawyer's letter".into(),
        };
        let later = to_exec(&b.entries, "2026-06-10T12:00:00-04:00");
        b.add(later);
        let earlier = to_exec(&b.entries, "2026-06-05T12:00:00-04:00");
        assert!(matches!(&earlier, ComplaintEvent::Reclassified { from: ComplaintKind::Operational, .. }));
        // Dated before the first reclassification, it would leave the later one changing nothing.
        assert_eq!(rule(b.try_add(earlier)), "reclassify_from_current_kind");
    }

    #[test]
    fn rule_regulator_complaint_is_executive() {
        let err = Complaint::log("X".into(), intake(ComplaintKind::Operational, Channel::Regulator), &Taxonomy::default(), at("2026-07-01T00:00:00Z"))
            .unwrap_err();
        assert!(matches!(&err, DomainError::Rule { rule, .. } if rule == "regulator_complaint_is_executive"), "{err}");
        let mut b = Book::with(intake(ComplaintKind::Executive, Channel::Regulator));
        b.add(notified("2026-06-01T12:00:00-04:00"));
        b.add(reviewed("2026-06-02T12:00:00-04:00"));
        let down = ComplaintEvent::Reclassified {
            at: at("2026-06-03T12:00:00-04:00"),
            from: ComplaintKind::Executive,
            to: ComplaintKind::Operational,
            grounds: vec![],
            reason: "x".into(),
        };
        assert_eq!(rule(b.try_add(down)), "regulator_complaint_is_executive", "even after Stripe's review");
    }

    #[test]
    fn rule_reopen_keeps_the_first_resolution_and_its_met_clock() {
        let mut b = Book::new(ComplaintKind::Operational);
        b.add(resolve("2026-06-03T12:00:00-04:00"));
        let c = b.add(reopen("2026-06-25T12:00:00-04:00"));
        assert_eq!(c.status, ComplaintStatus::Open);
        let first = c.first_resolution.as_ref().expect("the first resolution is kept");
        assert_eq!((first.at, first.outcome), (at("2026-06-03T12:00:00-04:00"), Some(Outcome::Upheld)));
        assert_eq!(c.reopenings.len(), 1);
        let clocks = c.clocks(&rules(), "2026-07-30".parse().unwrap());
        let resolve_clock = clocks.iter().find(|s| s.clock == Clock::Resolve).unwrap();
        assert_eq!(resolve_clock.state, ClockState::Met, "met before the reopen, so it stays met");
        assert!(!resolve_clock.overdue);
    }

    #[test]
    fn rule_reclassify_keeps_an_earlier_acknowledgement() {
        let mut b = Book::new(ComplaintKind::Operational);
        b.add(ack("2026-06-02T12:00:00-04:00"));
        b.add(ComplaintEvent::Reclassified {
            at: at("2026-06-03T12:00:00-04:00"),
            from: ComplaintKind::Operational,
            to: ComplaintKind::Executive,
            grounds: vec![Ground::Udap],
            reason: "Alleges a deceptive fee".into(),
        });
        b.add(notified("2026-06-03T13:00:00-04:00"));
        b.add(reviewed("2026-06-04T13:00:00-04:00"));
        let c = b.add(ComplaintEvent::Reclassified {
            at: at("2026-06-05T12:00:00-04:00"),
            from: ComplaintKind::Executive,
            to: ComplaintKind::Operational,
            grounds: vec![],
            reason: "Stripe found no deceptive practice".into(),
        });
        assert_eq!(c.acknowledged_at, Some(at("2026-06-02T12:00:00-04:00")));
        let clocks = c.clocks(&rules(), "2026-06-30".parse().unwrap());
        assert_eq!(clocks.iter().find(|s| s.clock == Clock::Acknowledge).unwrap().state, ClockState::Met);
    }

    #[test]
    fn rule_not_a_complaint_leaves_the_clocks_and_stays_in_the_history() {
        let mut b = Book::new(ComplaintKind::Operational);
        let mark = ComplaintEvent::MarkedNotAComplaint { at: at("2026-06-02T12:00:00-04:00"), reason: "Raised by our own support agent".into() };
        let c = b.add(mark);
        assert_eq!(c.status, ComplaintStatus::NotAComplaint);
        assert!(c.clocks(&rules(), "2026-06-30".parse().unwrap()).is_empty(), "no clock runs");
        assert_eq!(c.next_deadline(&rules()), None);
        assert_eq!(rule(b.try_add(ack("2026-06-03T12:00:00-04:00"))), "not_a_complaint");
        b.add(ComplaintEvent::NoteAdded { at: at("2026-06-03T12:00:00-04:00"), note: "Passed to HR".into() });
        // Voiding the mark makes it a complaint again.
        let c = b.add(ComplaintEvent::Voided { seq: 2, reason: "It was a customer after all".into() });
        assert_eq!(c.status, ComplaintStatus::Open);
        let mut b = Book::new(ComplaintKind::Executive);
        let mark = ComplaintEvent::MarkedNotAComplaint { at: at("2026-06-02T12:00:00-04:00"), reason: "Employee".into() };
        assert_eq!(rule(b.try_add(mark)), "executive_downgrade_needs_stripe_review");
    }

    #[test]
    fn rule_void_is_ignored_by_the_fold_and_kept_in_the_history() {
        let mut b = Book::new(ComplaintKind::Operational);
        b.add(ack("2026-06-02T12:00:00-04:00"));
        let c = b.add(ComplaintEvent::Voided { seq: 2, reason: "Recorded on the wrong complaint".into() });
        assert_eq!(c.acknowledged_at, None, "the voided acknowledgement no longer counts");
        assert_eq!(b.entries.len(), 3, "the original stays");
        assert_eq!(voided(&b.entries).get(&2).map(|m| m.by_seq), Some(3));
        b.add(ack("2026-06-03T12:00:00-04:00"));
        assert_eq!(rule(b.try_add(ComplaintEvent::Voided { seq: 2, reason: "again".into() })), "void_once");
        assert_eq!(rule(b.try_add(ComplaintEvent::Voided { seq: 1, reason: "x".into() })), "void_intake");
        assert_eq!(rule(b.try_add(ComplaintEvent::Voided { seq: 3, reason: "x".into() })), "void_recorded_steps_only");
        let err = b.try_add(ComplaintEvent::Voided { seq: 99, reason: "x".into() }).unwrap_err();
        assert!(err.to_string().starts_with("seq:"), "{err}");
    }

    #[test]
    fn rule_void_that_would_break_the_history_is_refused_naming_what_depends_on_it() {
        let mut b = Book::new(ComplaintKind::Executive);
        b.add(notified("2026-06-01T12:00:00-04:00"));
        b.add(reviewed("2026-06-05T12:00:00-04:00"));
        b.add(contact("2026-06-06T09:00:00-04:00"));
        let err = b.try_add(ComplaintEvent::Voided { seq: 3, reason: "Wrong date".into() }).unwrap_err();
        assert!(matches!(&err, DomainError::Rule { rule, .. } if rule == "executive_contact_hold"), "{err}");
        assert!(err.to_string().contains("entry 4") && err.to_string().contains("depends on it"), "{err}");
        // Void the contact first, then the review can go.
        b.add(ComplaintEvent::Voided { seq: 4, reason: "Logged on the wrong complaint".into() });
        let c = b.add(ComplaintEvent::Voided { seq: 3, reason: "Wrong date".into() });
        assert!(c.contact_hold());
    }

    #[test]
    fn rule_entered_late_after_submission_or_past_the_threshold() {
        let r = rules();
        let entry = |occurred: &str, recorded: &str| Entry { seq: 2, recorded_at: at(recorded), event: ack(occurred) };
        let none = BTreeMap::new();
        // Monday 1 June; five business days later is Monday 8 June.
        assert!(!entered_late(&entry("2026-06-01T12:00:00-04:00", "2026-06-08T18:00:00-04:00"), &r, &none));
        assert!(entered_late(&entry("2026-06-01T12:00:00-04:00", "2026-06-09T09:00:00-04:00"), &r, &none));
        let submitted = BTreeMap::from([(ReportMonth { year: 2026, month: 6 }, at("2026-07-01T10:00:00-04:00"))]);
        let e = entry("2026-06-30T12:00:00-04:00", "2026-07-01T11:00:00-04:00");
        assert!(!entered_late(&e, &r, &none), "the next morning is on time");
        assert!(entered_late(&e, &r, &submitted), "recorded after June went to Stripe");
        let mut strict = rules();
        strict.policy.late_entry_business_days = 1;
        assert!(entered_late(&entry("2026-06-01T12:00:00-04:00", "2026-06-03T09:00:00-04:00"), &strict, &none), "the threshold is policy");
    }
}
