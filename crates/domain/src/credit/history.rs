//! A credit case's history in time, the same shape as a complaint's: every entry has the instant
//! it happened and the instant it was recorded; the case is the fold of its entries in the order
//! they happened, voided entries left out; a new entry is judged against the case as it stood at
//! its own instant (deactivation against the balance read at or before it), and every later
//! entry is judged again with it in place.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{CaseCommand, CaseKind, CaseStep, CreditCase, NoticeChannel, NoticeRecord, RevocationReason};
use crate::wording::Language;
use crate::{DomainError, Money};

/// One step of a case as recorded in its history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseEvent {
    /// The underwriting decision that opens the case.
    Decided { case: Box<CreditCase> },
    NoticeSent { at: DateTime<Utc>, channel: NoticeChannel, language: Option<Language>, text_sha256: Option<String> },
    Deactivated { at: DateTime<Utc> },
    CapabilityRevoked { at: DateTime<Utc>, reason: RevocationReason },
    LimitApplied { at: DateTime<Utc> },
    /// Four eyes: a second officer approved the decision.
    Approved { at: DateTime<Utc>, by: String },
    /// The case given to an officer to work (bookkeeping: it happens when recorded).
    Assigned { to: String },
    /// The id of the Stripe object a done step produced (bookkeeping: it has no instant of its own).
    StripeObjectRecorded { step: CaseStep, object_id: String },
    /// An entry recorded in error: the fold ignores entry `seq`, which stays in the history.
    Voided { seq: i64, reason: String },
}

fn field<T: DeserializeOwned>(v: &Value, name: &str, action: &str) -> Result<T, DomainError> {
    serde_json::from_value(v.get(name).cloned().unwrap_or(Value::Null))
        .map_err(|e| DomainError::rule("history_readable", format!("the {action} entry has no readable {name}: {e}")))
}

impl CaseEvent {
    /// The stable action name stored with the audit event.
    pub fn action(&self) -> &'static str {
        match self {
            CaseEvent::Decided { .. } => "decision_recorded",
            CaseEvent::NoticeSent { .. } => "notice_sent",
            CaseEvent::Deactivated { .. } => "policy_deactivated",
            CaseEvent::CapabilityRevoked { .. } => "capability_revoked",
            CaseEvent::LimitApplied { .. } => "limit_applied",
            CaseEvent::Approved { .. } => "decision_approved",
            CaseEvent::Assigned { .. } => "assigned",
            CaseEvent::StripeObjectRecorded { .. } => "stripe_object_recorded",
            CaseEvent::Voided { .. } => "voided",
        }
    }

    /// When the step happened; `None` for bookkeeping entries.
    pub fn occurred_at(&self) -> Option<DateTime<Utc>> {
        match self {
            CaseEvent::Decided { case } => Some(case.decided_at),
            CaseEvent::NoticeSent { at, .. }
            | CaseEvent::Deactivated { at }
            | CaseEvent::CapabilityRevoked { at, .. }
            | CaseEvent::LimitApplied { at }
            | CaseEvent::Approved { at, .. } => Some(*at),
            CaseEvent::StripeObjectRecorded { .. } | CaseEvent::Voided { .. } | CaseEvent::Assigned { .. } => None,
        }
    }

    /// The fields the entry's audit payload carries (the use case may add more beside them, such
    /// as the notice as sent).
    pub fn payload(&self) -> Value {
        let t = |at: &DateTime<Utc>| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        match self {
            CaseEvent::Decided { case } => serde_json::json!({
                "decision_type": case.kind.decision_type(), "decided_at": t(&case.decided_at), "kind": case.kind,
                "reasons": case.reasons, "exception": case.exception, "notice_due": t(&case.notice_due),
                "approval": case.approval }),
            CaseEvent::Approved { at, by } => serde_json::json!({ "at": t(at), "by": by }),
            CaseEvent::Assigned { to } => serde_json::json!({ "to": to }),
            CaseEvent::NoticeSent { at, channel, language, text_sha256 } => {
                serde_json::json!({ "at": t(at), "channel": channel, "language": language, "text_sha256": text_sha256 })
            }
            CaseEvent::Deactivated { at } | CaseEvent::LimitApplied { at } => serde_json::json!({ "at": t(at) }),
            CaseEvent::CapabilityRevoked { at, reason } => serde_json::json!({ "at": t(at), "reason": reason }),
            CaseEvent::StripeObjectRecorded { step, object_id } => serde_json::json!({ "step": step, "object_id": object_id }),
            CaseEvent::Voided { seq, reason } => serde_json::json!({ "seq": seq, "reason": reason }),
        }
    }

    /// Reads an entry as stored (`action` and its JSON payload), including entries written
    /// before cases were folded from their history.
    ///
    /// # Errors
    /// `Rule` `history_readable` for a payload that does not fit its action.
    pub fn from_stored(action: &str, payload: &str) -> Result<CaseEvent, DomainError> {
        let v: Value = serde_json::from_str(payload)
            .map_err(|e| DomainError::rule("history_readable", format!("the {action} entry is not JSON: {e}")))?;
        let f = |name: &str| v.get(name).cloned().unwrap_or(Value::Null);
        Ok(match action {
            "decision_recorded" => {
                let case = CreditCase {
                    kind: field::<CaseKind>(&v, "kind", action)?,
                    decided_at: field(&v, "decided_at", action)?,
                    reasons: field(&v, "reasons", action)?,
                    exception: field(&v, "exception", action)?,
                    notice_due: field(&v, "notice_due", action)?,
                    notice: None,
                    balance: Money { amount_minor: 0, currency: String::new() },
                    deactivated_at: None,
                    revocation: None,
                    limit_applied_at: None,
                    stripe_objects: BTreeMap::new(),
                    approval: serde_json::from_value(f("approval")).ok().flatten(),
                    assignee: None,
                };
                CaseEvent::Decided { case: Box::new(case) }
            }
            "notice_sent" => {
                let language: Option<Language> = serde_json::from_value(f("language"))
                    .ok()
                    .flatten()
                    .or_else(|| serde_json::from_value(v.get("notice").and_then(|n| n.get("language")).cloned().unwrap_or(Value::Null)).ok().flatten());
                CaseEvent::NoticeSent {
                    at: field(&v, "at", action)?,
                    channel: field(&v, "channel", action)?,
                    language,
                    text_sha256: serde_json::from_value(f("text_sha256")).ok().flatten(),
                }
            }
            "policy_deactivated" => CaseEvent::Deactivated { at: field(&v, "at", action)? },
            "capability_revoked" => CaseEvent::CapabilityRevoked { at: field(&v, "at", action)?, reason: field(&v, "reason", action)? },
            "limit_applied" => CaseEvent::LimitApplied { at: field(&v, "at", action)? },
            "decision_approved" => CaseEvent::Approved { at: field(&v, "at", action)?, by: field(&v, "by", action)? },
            "assigned" => CaseEvent::Assigned { to: field(&v, "to", action)? },
            "stripe_object_recorded" => {
                CaseEvent::StripeObjectRecorded { step: field(&v, "step", action)?, object_id: field(&v, "object_id", action)? }
            }
            "voided" => CaseEvent::Voided { seq: field(&v, "seq", action)?, reason: field(&v, "reason", action)? },
            other => return Err(DomainError::rule("history_readable", format!("{other:?} is not a step of a credit case"))),
        })
    }

    /// One line for a timeline.
    pub fn describe(&self) -> String {
        match self {
            CaseEvent::Decided { case } => format!("Underwriting decision: {}", case.kind.decision_type().replace('_', " ")),
            CaseEvent::NoticeSent { channel, .. } => match channel {
                NoticeChannel::Email => "Adverse-action notice sent by email".into(),
                NoticeChannel::Mail => "Adverse-action notice sent by mail".into(),
            },
            CaseEvent::Deactivated { .. } => "Credit policy deactivated".into(),
            CaseEvent::CapabilityRevoked { .. } => "card_issuing_charge_card capability revoked".into(),
            CaseEvent::LimitApplied { .. } => "Decreased limit set".into(),
            CaseEvent::Approved { by, .. } => format!("Decision approved by {by} (four eyes)"),
            CaseEvent::Assigned { to } => format!("Assigned to {to}"),
            CaseEvent::StripeObjectRecorded { step, object_id } => format!("Stripe object {object_id} recorded for {}", step.as_str()),
            CaseEvent::Voided { seq, .. } => format!("Entry {seq} voided"),
        }
    }
}

/// One entry of a case's history as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEntry {
    pub seq: i64,
    pub recorded_at: DateTime<Utc>,
    pub event: CaseEvent,
}

impl CaseEntry {
    /// Where the entry falls in time: when it happened, or, for bookkeeping, when it was recorded.
    fn instant(&self) -> DateTime<Utc> {
        self.event.occurred_at().unwrap_or(self.recorded_at)
    }
}

/// The entries voided in a history: voided seq → (voiding seq, reason).
pub fn voided(entries: &[CaseEntry]) -> BTreeMap<i64, (i64, String)> {
    entries
        .iter()
        .filter_map(|e| match &e.event {
            CaseEvent::Voided { seq, reason } => Some((*seq, (e.seq, reason.clone()))),
            _ => None,
        })
        .collect()
}

/// The entries that make the case, in the order they happened: the decision first.
pub fn effective(entries: &[CaseEntry]) -> Vec<&CaseEntry> {
    let voided = voided(entries);
    let mut out: Vec<&CaseEntry> =
        entries.iter().filter(|e| !voided.contains_key(&e.seq) && !matches!(e.event, CaseEvent::Voided { .. })).collect();
    out.sort_by_key(|e| (!matches!(e.event, CaseEvent::Decided { .. }), e.instant(), e.seq));
    out
}

/// The balance the account had at an instant: its latest reading at or before it.
pub type BalanceAt<'a> = &'a dyn Fn(DateTime<Utc>) -> Option<Money>;

/// Folds entries in the order given, checking each against the case at its instant; returns the
/// case and the entries whose rule was broken (none for a history recorded through [`admit`]).
fn judge(list: &[&CaseEntry], balance_at: BalanceAt<'_>) -> Result<(CreditCase, Vec<(i64, DomainError)>), DomainError> {
    let mut iter = list.iter();
    let Some(CaseEvent::Decided { case }) = iter.next().map(|e| &e.event) else {
        return Err(DomainError::rule("history_starts_with_decision", "the history of the case does not start with its decision"));
    };
    let mut c = (**case).clone();
    if let Some(b) = balance_at(c.decided_at) {
        c.balance = b;
    }
    let mut broken = Vec::new();
    for e in iter {
        if let Err(err) = step(&mut c, e, balance_at) {
            broken.push((e.seq, err));
            force(&mut c, e);
        }
    }
    Ok((c, broken))
}

/// Applies one entry with the case's rules.
fn step(c: &mut CreditCase, e: &CaseEntry, balance_at: BalanceAt<'_>) -> Result<(), DomainError> {
    match &e.event {
        CaseEvent::Decided { .. } => Err(DomainError::rule("decided_once", "the case already has its decision")),
        CaseEvent::NoticeSent { at, channel, language, text_sha256 } => {
            c.apply(&CaseCommand::SendNotice { at: *at, channel: *channel })?;
            if let Some(n) = c.notice.as_mut() {
                n.language = *language;
                n.text_sha256 = text_sha256.clone();
            }
            Ok(())
        }
        CaseEvent::Deactivated { at } => {
            let Some(balance) = balance_at(*at) else {
                return Err(DomainError::rule(
                    "deactivation_needs_balance_reading",
                    "no Issuing balance was read at or before this instant; record the balance first",
                ));
            };
            let mut judged = c.clone();
            judged.balance = balance;
            judged.apply(&CaseCommand::Deactivate { at: *at })?;
            c.deactivated_at = judged.deactivated_at;
            Ok(())
        }
        CaseEvent::CapabilityRevoked { at, reason } => c.apply(&CaseCommand::RevokeCapability { at: *at, reason: *reason }),
        CaseEvent::LimitApplied { at } => c.apply(&CaseCommand::ApplyLimit { at: *at }),
        CaseEvent::Approved { at, by } => c.apply(&CaseCommand::Approve { at: *at, by: by.clone() }),
        CaseEvent::Assigned { to } => c.assign(to),
        CaseEvent::StripeObjectRecorded { step, object_id } => c.record_stripe_object(*step, object_id, e.recorded_at),
        CaseEvent::Voided { .. } => Ok(()),
    }
}

/// Applies one entry without its rules: reading a history accepted before a rule existed.
fn force(c: &mut CreditCase, e: &CaseEntry) {
    match &e.event {
        CaseEvent::Decided { .. } | CaseEvent::Voided { .. } => {}
        CaseEvent::NoticeSent { at, channel, language, text_sha256 } => {
            c.notice = Some(NoticeRecord { at: *at, channel: *channel, language: *language, text_sha256: text_sha256.clone(), late: *at > c.notice_due });
        }
        CaseEvent::Deactivated { at } => c.deactivated_at = Some(*at),
        CaseEvent::CapabilityRevoked { at, reason } => c.revocation = Some(super::Revocation { at: *at, reason: *reason }),
        CaseEvent::LimitApplied { at } => c.limit_applied_at = Some(*at),
        CaseEvent::Assigned { to } => c.assignee = Some(to.trim().to_owned()),
        CaseEvent::Approved { at, by } => {
            if let Some(a) = c.approval.as_mut() {
                a.approved_at = Some(*at);
                a.approved_by = Some(by.clone());
            }
        }
        CaseEvent::StripeObjectRecorded { step, object_id } => {
            c.stripe_objects.insert(step.as_str().to_owned(), object_id.trim().to_owned());
        }
    }
}

/// The case its history makes, with the balance last read.
///
/// # Errors
/// `Rule` `history_starts_with_decision` for a damaged history.
pub fn replay(entries: &[CaseEntry], balance_at: BalanceAt<'_>) -> Result<CreditCase, DomainError> {
    Ok(judge(&effective(entries), balance_at)?.0)
}

/// The rules an accepted history breaks, entry by entry.
///
/// # Errors
/// `Rule` `history_starts_with_decision` for a damaged history.
pub fn violations(entries: &[CaseEntry], balance_at: BalanceAt<'_>) -> Result<Vec<(i64, DomainError)>, DomainError> {
    Ok(judge(&effective(entries), balance_at)?.1)
}

/// Checks a new entry against the case's history at its own instant and returns the case it
/// makes. `superseded` says why a later decision replaced the case, if one did: then only its
/// still-owed notice (and bookkeeping) can be recorded.
///
/// # Errors
/// `Rule` `step_in_future`, `case_superseded`, the rule the entry (or a later entry, named in the
/// message) would break, `void_decision`, `void_once`; `Invalid` naming the field at fault.
pub fn admit(
    id: &str,
    entries: &[CaseEntry],
    new: &CaseEvent,
    now: DateTime<Utc>,
    balance_at: BalanceAt<'_>,
    superseded: Option<&str>,
) -> Result<CreditCase, DomainError> {
    if let Some(at) = new.occurred_at() {
        crate::not_in_future(at, now, "at")?;
    }
    if let Some(why) = superseded {
        if !matches!(new, CaseEvent::NoticeSent { .. } | CaseEvent::StripeObjectRecorded { .. } | CaseEvent::Voided { .. } | CaseEvent::Assigned { .. }) {
            return Err(DomainError::rule("case_superseded", format!("{id}: {why}")));
        }
    }
    match new {
        CaseEvent::Decided { .. } => return Err(DomainError::rule("decided_once", format!("{id} already has its decision"))),
        CaseEvent::Voided { seq, reason } => check_void(id, entries, *seq, reason)?,
        _ => {}
    }
    let next = entries.iter().map(|e| e.seq).max().unwrap_or(0) + 1;
    let mut with = entries.to_vec();
    with.push(CaseEntry { seq: next, recorded_at: now, event: new.clone() });
    let (_, before) = judge(&effective(entries), balance_at)?;
    let (case, after) = judge(&effective(&with), balance_at)?;
    for (seq, err) in after {
        if seq == next {
            return Err(err);
        }
        if before.iter().any(|(s, _)| *s == seq) {
            continue;
        }
        let other = entries.iter().find(|e| e.seq == seq).expect("a judged entry is in the history");
        let (rule, message) = match &err {
            DomainError::Rule { rule, message } => (rule.clone(), message.clone()),
            DomainError::Invalid { field, message } => ("step_order".to_owned(), format!("{field}: {message}")),
        };
        let what = format!("entry {seq} ({}, {})", other.event.describe(), other.instant().to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        let message = match new {
            CaseEvent::Voided { seq: target, .. } => format!("entry {target} cannot be voided: {what} depends on it: {message}"),
            _ => format!("this step would contradict {what}, dated after it: {message}"),
        };
        return Err(DomainError::rule(rule, message));
    }
    Ok(case)
}

fn check_void(id: &str, entries: &[CaseEntry], target: i64, reason: &str) -> Result<(), DomainError> {
    let Some(e) = entries.iter().find(|e| e.seq == target) else {
        return Err(DomainError::invalid("seq", format!("entry {target} is not in the history of {id}")));
    };
    match e.event {
        CaseEvent::Decided { .. } => {
            return Err(DomainError::rule(
                "void_decision",
                format!("the decision opens {id} and cannot be voided; a new decision replaces it"),
            ))
        }
        CaseEvent::Voided { .. } => {
            return Err(DomainError::rule("void_recorded_steps_only", format!("entry {target} of {id} is a void; only steps can be voided")))
        }
        _ => {}
    }
    if let Some((by, _)) = voided(entries).get(&target) {
        return Err(DomainError::rule("void_once", format!("entry {target} of {id} was already voided by entry {by}")));
    }
    if reason.trim().is_empty() {
        return Err(DomainError::invalid("reason", "say why the entry was recorded in error"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credit::{stripe_reason_codes, AdverseReasons, DEFAULT_NOTICE_DAYS};

    fn at(s: &str) -> DateTime<Utc> {
        crate::complaint::parse_instant(s, "at").unwrap()
    }

    fn usd(minor: i64) -> Money {
        Money { amount_minor: minor, currency: "usd".into() }
    }

    struct Book {
        entries: Vec<CaseEntry>,
        readings: Vec<(DateTime<Utc>, Money)>,
        now: DateTime<Utc>,
    }

    impl Book {
        fn closure() -> Self {
            let approved: Vec<String> = stripe_reason_codes().into_iter().map(str::to_owned).collect();
            let reasons = AdverseReasons::new(vec!["delinquent_credit_obligations".into()], None, &approved).unwrap();
            let c = CreditCase::decide(CaseKind::Closure, at("2026-11-02T15:00:00Z"), reasons, None, usd(0), DEFAULT_NOTICE_DAYS);
            let now = at("2026-11-30T12:00:00Z");
            Book {
                entries: vec![CaseEntry { seq: 1, recorded_at: now, event: CaseEvent::Decided { case: Box::new(c) } }],
                readings: vec![(at("2026-11-01T00:00:00Z"), usd(-5_000))],
                now,
            }
        }
        fn balance_at(&self, t: DateTime<Utc>) -> Option<Money> {
            self.readings.iter().filter(|(a, _)| *a <= t).max_by_key(|(a, _)| *a).map(|(_, m)| m.clone())
        }
        fn try_add(&mut self, e: CaseEvent) -> Result<CreditCase, DomainError> {
            let readings = self.readings.clone();
            let f = move |t: DateTime<Utc>| readings.iter().filter(|(a, _)| *a <= t).max_by_key(|(a, _)| *a).map(|(_, m)| m.clone());
            let c = admit("CRD-1", &self.entries, &e, self.now, &f, None)?;
            let seq = self.entries.len() as i64 + 1;
            self.entries.push(CaseEntry { seq, recorded_at: self.now, event: e });
            Ok(c)
        }
    }

    fn rule(r: Result<CreditCase, DomainError>) -> String {
        match r {
            Err(DomainError::Rule { rule, .. }) => rule,
            other => panic!("expected a rule refusal, got {other:?}"),
        }
    }

    #[test]
    fn rule_deactivation_is_judged_against_the_balance_read_at_or_before_it() {
        let mut b = Book::closure();
        b.readings.push((at("2026-11-10T12:00:00Z"), usd(0)));
        assert_eq!(b.balance_at(at("2026-11-10T11:30:00Z")), Some(usd(-5_000)));
        let early = b.try_add(CaseEvent::Deactivated { at: at("2026-11-10T11:30:00Z") });
        assert_eq!(rule(early), "deactivate_with_negative_balance", "the reading that cleared the debt came at 12:00");
        b.try_add(CaseEvent::Deactivated { at: at("2026-11-10T12:00:00Z") }).expect("at the reading it is cleared");
    }

    #[test]
    fn rule_no_case_step_before_the_step_it_depends_on() {
        let mut b = Book::closure();
        b.readings.push((at("2026-11-03T00:00:00Z"), usd(0)));
        b.try_add(CaseEvent::Deactivated { at: at("2026-11-10T12:00:00Z") }).unwrap();
        let early = b.try_add(CaseEvent::CapabilityRevoked { at: at("2026-11-09T12:00:00Z"), reason: RevocationReason::TermsViolated });
        assert_eq!(rule(early), "step_order");
        let notice = CaseEvent::NoticeSent { at: at("2026-11-01T12:00:00Z"), channel: NoticeChannel::Mail, language: None, text_sha256: None };
        assert!(b.try_add(notice).is_err(), "no step before the decision");
        b.try_add(CaseEvent::CapabilityRevoked { at: at("2026-11-11T12:00:00Z"), reason: RevocationReason::TermsViolated }).unwrap();
    }

    #[test]
    fn rule_step_in_future_for_case_steps() {
        let mut b = Book::closure();
        let later = CaseEvent::NoticeSent { at: at("2026-12-05T12:00:00Z"), channel: NoticeChannel::Mail, language: None, text_sha256: None };
        assert_eq!(rule(b.try_add(later)), "step_in_future");
    }

    #[test]
    fn rule_case_void_keeps_the_entry_and_refuses_what_would_break_the_history() {
        let mut b = Book::closure();
        b.readings.push((at("2026-11-03T00:00:00Z"), usd(0)));
        b.try_add(CaseEvent::Deactivated { at: at("2026-11-10T12:00:00Z") }).unwrap();
        b.try_add(CaseEvent::CapabilityRevoked { at: at("2026-11-11T12:00:00Z"), reason: RevocationReason::CriteriaNotMet }).unwrap();
        let err = b.try_add(CaseEvent::Voided { seq: 2, reason: "wrong case".into() }).unwrap_err();
        assert!(err.to_string().contains("entry 3") && err.to_string().contains("depends on it"), "{err}");
        assert_eq!(rule(b.try_add(CaseEvent::Voided { seq: 1, reason: "x".into() })), "void_decision");
        let c = b.try_add(CaseEvent::Voided { seq: 3, reason: "revoked on the wrong account".into() }).unwrap();
        assert!(c.revocation.is_none(), "the voided revocation no longer counts");
        let c = b.try_add(CaseEvent::Voided { seq: 2, reason: "wrong case".into() }).unwrap();
        assert!(c.deactivated_at.is_none());
        assert_eq!(rule(b.try_add(CaseEvent::Voided { seq: 2, reason: "again".into() })), "void_once");
        assert_eq!(b.entries.len(), 5, "voided entries stay in the history");
    }

    #[test]
    fn stored_entries_read_back_as_they_were_written() {
        let b = Book::closure();
        let CaseEvent::Decided { case } = &b.entries[0].event else { unreachable!() };
        let decided = CaseEvent::from_stored("decision_recorded", &b.entries[0].event.payload().to_string()).unwrap();
        let CaseEvent::Decided { case: back } = decided else { panic!() };
        assert_eq!((back.decided_at, back.notice_due, &back.reasons), (case.decided_at, case.notice_due, &case.reasons));
        // A notice entry written before the language sat beside it, inside the notice.
        let old = r#"{"at":"2026-11-03T10:00:00Z","channel":"mail","late":false,"notice":{"language":"ja"},"text_sha256":"ab"}"#;
        let e = CaseEvent::from_stored("notice_sent", old).unwrap();
        assert_eq!(e, CaseEvent::NoticeSent { at: at("2026-11-03T10:00:00Z"), channel: NoticeChannel::Mail, language: Some(Language::Ja), text_sha256: Some("ab".into()) });
        assert!(CaseEvent::from_stored("teleported", "{}").is_err());
    }
}
