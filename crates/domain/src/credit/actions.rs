//! What an officer does to a connected account and its credit case, with every rule that
//! decides it: opening a case from an underwriting decision, and recording a step (or voiding
//! one) on the case's timeline together with what that step does to the account.

use chrono::{DateTime, Utc};

use super::history::{self, CaseEntry, CaseEvent};
use super::{AdverseReasons, CaseKind, CreditCase, UnderwritingException};
use crate::account::ConnectedAccount;
use crate::credit_program::CreditProgram;
use crate::DomainError;

/// The adverse action an underwriting decision takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Close the credit line (`credit_line_closed`).
    Closure,
    /// Lower the limit to this many minor units (`credit_limit_decreased`).
    LimitDecrease { amount_minor: i64 },
}

/// An underwriting decision as recorded: what it does, when, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Underwriting {
    pub decision: Decision,
    pub decided_at: DateTime<Utc>,
    pub reasons: AdverseReasons,
    pub exception: Option<UnderwritingException>,
    /// Who records the decision.
    pub decided_by: String,
    /// Whether the program asks for four eyes: the decision then takes effect only once a
    /// second officer approves it.
    pub four_eyes: bool,
}

/// Opens case `case_id` on `account` with its underwriting decision, changing the account
/// (a closure in progress; a decreased limit approved but not yet set).
///
/// # Errors
/// `Rule` `step_in_future`, `line_already_closed`, `closure_in_progress`,
/// `closed_line_reopens_by_application`; `Invalid` naming `amount`.
pub fn open_case(
    account: &mut ConnectedAccount,
    case_id: &str,
    underwriting: Underwriting,
    program: &CreditProgram,
    now: DateTime<Utc>,
) -> Result<CreditCase, DomainError> {
    let Underwriting { decision, decided_at, reasons, exception, decided_by, four_eyes } = underwriting;
    crate::not_in_future(decided_at, now, "decided_at")?;
    let kind = match decision {
        Decision::Closure => {
            account.open_closure(case_id)?;
            CaseKind::Closure
        }
        Decision::LimitDecrease { amount_minor } => {
            let to = account.policy.limit.with_amount(amount_minor, "amount")?;
            let from = account.policy.limit.clone();
            account.approve_decrease(to.clone(), decided_at, case_id)?;
            CaseKind::LimitDecrease { from, to }
        }
    };
    let balance = account.balance_as_of(decided_at).unwrap_or_else(|| account.balance.clone());
    let mut c = CreditCase::decide(kind, decided_at, reasons, exception, balance, program.notice_days);
    if four_eyes {
        c = c.needing_approval(&decided_by);
    }
    // As every later fold of its history shows it (see `current`): with the balance last read.
    c.balance = account.balance.clone();
    Ok(c)
}

/// The case its history makes now, judged with the account's balance readings.
///
/// # Errors
/// `Rule` `history_starts_with_decision` for a damaged history.
pub fn current(entries: &[CaseEntry], account: &ConnectedAccount) -> Result<CreditCase, DomainError> {
    let mut c = history::replay(entries, &|t| account.balance_as_of(t))?;
    c.balance = account.balance.clone();
    Ok(c)
}

/// Records `step` on case `case_id` (or voids an entry), judged at its own instant, and applies
/// what it does to the account. A notice is recorded as sent only once the program names the
/// creditor and the agency (a draft may be written before).
///
/// # Errors
/// `Rule` naming the rule (`step_in_future`, `case_superseded`, `step_order`,
/// `deactivate_with_negative_balance`, `notice_needs_creditor_and_agency`, ...) or `Invalid`
/// naming the field; the case and the account are unchanged then.
pub fn record_step(
    case_id: &str,
    entries: &[CaseEntry],
    account: &mut ConnectedAccount,
    step: &CaseEvent,
    program: &CreditProgram,
    now: DateTime<Utc>,
) -> Result<CreditCase, DomainError> {
    let before = current(entries, account)?;
    if let (CaseEvent::NoticeSent { .. }, Some(blocker)) = (step, program.notice_send_blocker()) {
        return Err(blocker);
    }
    let superseded = before.superseded_by(case_id, account);
    let mut after = history::admit(case_id, entries, step, now, &|t| account.balance_as_of(t), superseded)?;
    let mut changed = account.clone();
    match step {
        CaseEvent::Voided { seq, .. } => {
            let target = entries.iter().find(|e| e.seq == *seq).expect("admit checked the voided entry exists");
            changed.undo_case_step(case_id, &before, &target.event)?;
        }
        other => changed.apply_case_step(case_id, &after.kind, other)?,
    }
    *account = changed;
    after.balance = account.balance.clone();
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::{CapabilityStatus, PolicyStatus};
    use crate::credit::{stripe_reason_codes, NoticeChannel};

    fn at(s: &str) -> DateTime<Utc> {
        crate::complaint::parse_instant(s, "at").unwrap()
    }

    fn account(balance: i64) -> ConnectedAccount {
        serde_json::from_value(serde_json::json!({
            "id": "acct_1Abc", "legal_name": "Müller Bau GmbH", "email": "f@m.example", "address": null,
            "policy": {"limit": {"amount_minor": 200000, "currency": "usd"}, "period_interval": "month", "period_count": 1,
                       "days_until_due": 10, "status": "active"},
            "balance": {"amount_minor": balance, "currency": "usd"}, "balance_at": "2026-11-01T00:00:00Z", "capability": "active"
        }))
        .unwrap()
    }

    fn program(complete: bool) -> CreditProgram {
        let mut p = CreditProgram::default();
        if complete {
            p.creditor_name = "Kite Cards Inc.".into();
            p.creditor_address = "1 Main St".into();
            p.creditor_phone = "+1 555 0100".into();
            p.agency_name = "Federal Trade Commission".into();
            p.agency_address = "Washington, DC 20580".into();
        }
        p
    }

    fn closure(a: &mut ConnectedAccount) -> Vec<CaseEntry> {
        let approved: Vec<String> = stripe_reason_codes().into_iter().map(str::to_owned).collect();
        let reasons = AdverseReasons::new(vec!["delinquent_credit_obligations".into()], None, &approved).unwrap();
        let now = at("2026-11-30T00:00:00Z");
        let u = Underwriting { decision: Decision::Closure, decided_at: at("2026-11-02T15:00:00Z"), reasons, exception: None, decided_by: "ana".into(), four_eyes: false };
        let c = open_case(a, "CRD-1", u, &program(true), now).unwrap();
        vec![CaseEntry { seq: 1, recorded_at: now, event: CaseEvent::Decided { case: Box::new(c) } }]
    }

    fn closure_with_four_eyes(a: &mut ConnectedAccount) -> Vec<CaseEntry> {
        let approved: Vec<String> = stripe_reason_codes().into_iter().map(str::to_owned).collect();
        let reasons = AdverseReasons::new(vec!["delinquent_credit_obligations".into()], None, &approved).unwrap();
        let now = at("2026-11-30T00:00:00Z");
        let u = Underwriting {
            decision: Decision::Closure,
            decided_at: at("2026-11-02T15:00:00Z"),
            reasons,
            exception: None,
            decided_by: "Ana Pérez".into(),
            four_eyes: true,
        };
        let c = open_case(a, "CRD-1", u, &program(true), now).unwrap();
        vec![CaseEntry { seq: 1, recorded_at: now, event: CaseEvent::Decided { case: Box::new(c) } }]
    }

    fn rule_name(r: Result<CreditCase, DomainError>) -> String {
        match r {
            Err(DomainError::Rule { rule, .. }) => rule,
            other => panic!("expected a rule refusal, got {other:?}"),
        }
    }

    #[test]
    fn rule_four_eyes_a_decision_takes_effect_only_once_a_second_officer_approves_it() {
        let mut a = account(0);
        let mut entries = closure_with_four_eyes(&mut a);
        let now = at("2026-11-30T00:00:00Z");
        let c = current(&entries, &a).unwrap();
        assert_eq!(c.status(now), "awaiting_approval");
        assert_eq!(c.next_step(false, now), Some(crate::credit::CaseStep::Approval));
        assert_eq!(c.notice_due, at("2026-12-02T15:00:00Z"), "the notice clock runs from the decision, not from the approval");
        let blocked: Vec<_> = c.steps(now).into_iter().filter(|s| s.state == crate::credit::StepState::Blocked).collect();
        assert!(blocked.iter().any(|s| s.step == crate::credit::CaseStep::NoticeSent), "the notice waits for the approval");
        assert!(blocked.iter().all(|s| s.blocked_by.as_deref().is_some_and(|b| b.contains("Ana Pérez"))), "{blocked:?}");

        let deact = CaseEvent::Deactivated { at: at("2026-11-05T00:00:00Z") };
        assert_eq!(rule_name(record_step("CRD-1", &entries, &mut a, &deact, &program(true), now)), "four_eyes_awaiting_approval");
        let sent = CaseEvent::NoticeSent { at: at("2026-11-04T00:00:00Z"), channel: NoticeChannel::Mail, language: None, text_sha256: None };
        assert_eq!(rule_name(record_step("CRD-1", &entries, &mut a, &sent, &program(true), now)), "four_eyes_awaiting_approval");
        assert_eq!(a.policy.status, crate::account::PolicyStatus::Active, "nothing reached the account");

        let own = CaseEvent::Approved { at: at("2026-11-03T09:00:00Z"), by: " ana pérez ".into() };
        assert_eq!(rule_name(record_step("CRD-1", &entries, &mut a, &own, &program(true), now)), "four_eyes_not_own_decision");
        let ok = CaseEvent::Approved { at: at("2026-11-03T09:00:00Z"), by: "Ben Okafor".into() };
        let c = record_step("CRD-1", &entries, &mut a, &ok, &program(true), now).unwrap();
        assert_eq!(c.status(now), "open");
        assert_eq!(c.approval.as_ref().and_then(|x| x.approved_by.as_deref()), Some("Ben Okafor"));
        entries.push(CaseEntry { seq: 2, recorded_at: now, event: ok.clone() });
        assert_eq!(rule_name(record_step("CRD-1", &entries, &mut a, &ok, &program(true), now)), "already_done");

        // Judged at its instant: a deactivation dated before the approval is still refused.
        let early = CaseEvent::Deactivated { at: at("2026-11-03T08:00:00Z") };
        assert_eq!(rule_name(record_step("CRD-1", &entries, &mut a, &early, &program(true), now)), "four_eyes_awaiting_approval");
        record_step("CRD-1", &entries, &mut a, &deact, &program(true), now).expect("after the approval the closure goes on");
        assert_eq!(a.policy.status, crate::account::PolicyStatus::Inactive);
    }

    #[test]
    fn rule_four_eyes_not_required_when_the_program_has_it_off() {
        let mut a = account(0);
        let entries = closure(&mut a);
        let ok = CaseEvent::Approved { at: at("2026-11-03T09:00:00Z"), by: "Ben Okafor".into() };
        assert_eq!(rule_name(record_step("CRD-1", &entries, &mut a, &ok, &program(true), at("2026-11-30T00:00:00Z"))), "four_eyes_not_required");
        assert_eq!(current(&entries, &a).unwrap().status(at("2026-11-30T00:00:00Z")), "open");
    }

    #[test]
    fn rule_line_already_closed_or_being_closed_refuses_a_new_closure() {
        let mut a = account(0);
        closure(&mut a);
        let approved: Vec<String> = stripe_reason_codes().into_iter().map(str::to_owned).collect();
        let reasons = AdverseReasons::new(vec!["bankruptcy".into()], None, &approved).unwrap();
        let u = Underwriting { decision: Decision::Closure, decided_at: at("2026-11-03T00:00:00Z"), reasons, exception: None, decided_by: "ana".into(), four_eyes: false };
        let again = open_case(&mut a, "CRD-2", u.clone(), &program(true), at("2026-11-30T00:00:00Z"));
        assert!(matches!(again, Err(DomainError::Rule { ref rule, .. }) if rule == "closure_in_progress"));
        a.policy.status = PolicyStatus::Inactive;
        a.closure_case = None;
        let closed = open_case(&mut a, "CRD-3", u, &program(true), at("2026-11-30T00:00:00Z"));
        assert!(matches!(closed, Err(DomainError::Rule { ref rule, .. }) if rule == "line_already_closed"));
    }

    #[test]
    fn rule_deactivation_sets_the_policy_inactive_and_a_void_undoes_it() {
        let mut a = account(0);
        let mut entries = closure(&mut a);
        let now = at("2026-11-30T00:00:00Z");
        let deact = CaseEvent::Deactivated { at: at("2026-11-05T00:00:00Z") };
        record_step("CRD-1", &entries, &mut a, &deact, &program(true), now).unwrap();
        assert_eq!(a.policy.status, PolicyStatus::Inactive);
        entries.push(CaseEntry { seq: 2, recorded_at: now, event: deact });
        let revoke = CaseEvent::CapabilityRevoked { at: at("2026-11-06T00:00:00Z"), reason: crate::credit::RevocationReason::TermsViolated };
        record_step("CRD-1", &entries, &mut a, &revoke, &program(true), now).unwrap();
        assert_eq!(a.capability, CapabilityStatus::Revoked);
        entries.push(CaseEntry { seq: 3, recorded_at: now, event: revoke });
        let c = record_step("CRD-1", &entries, &mut a, &CaseEvent::Voided { seq: 3, reason: "wrong account".into() }, &program(true), now).unwrap();
        assert_eq!(a.capability, CapabilityStatus::Active, "the voided revocation never happened");
        assert!(c.revocation.is_none());
    }

    #[test]
    fn rule_notice_needs_creditor_and_agency_to_be_recorded_as_sent() {
        let mut a = account(0);
        let entries = closure(&mut a);
        let sent = CaseEvent::NoticeSent { at: at("2026-11-04T00:00:00Z"), channel: NoticeChannel::Mail, language: None, text_sha256: None };
        let err = record_step("CRD-1", &entries, &mut a, &sent, &program(false), at("2026-11-30T00:00:00Z")).unwrap_err();
        assert!(matches!(&err, DomainError::Rule { rule, .. } if rule == "notice_needs_creditor_and_agency"), "{err}");
        assert!(err.to_string().contains("ECOA agency name"), "{err}");
        record_step("CRD-1", &entries, &mut a, &sent, &program(true), at("2026-11-30T00:00:00Z")).unwrap();
    }

    #[test]
    fn rule_a_backdated_negative_reading_cannot_undo_an_accepted_deactivation() {
        let mut a = account(-500);
        a.record_balance(0, at("2026-11-04T12:00:00Z"), at("2026-11-30T00:00:00Z"), &[]).unwrap();
        let entries = closure(&mut a);
        let deact = CaseEvent::Deactivated { at: at("2026-11-05T00:00:00Z") };
        record_step("CRD-1", &entries, &mut a, &deact, &program(true), at("2026-11-30T00:00:00Z")).unwrap();
        let d = [at("2026-11-05T00:00:00Z")];
        let err = a.record_balance(-100, at("2026-11-04T18:00:00Z"), at("2026-11-30T00:00:00Z"), &d).unwrap_err();
        assert!(matches!(&err, DomainError::Rule { rule, .. } if rule == "deactivate_with_negative_balance"), "{err}");
        let same = a.record_balance(-100, at("2026-11-04T12:00:00Z"), at("2026-11-30T00:00:00Z"), &d);
        assert!(same.is_err(), "a reading at the same instant as the one that allowed it would replace it");
        a.record_balance(-100, at("2026-11-06T00:00:00Z"), at("2026-11-30T00:00:00Z"), &d).expect("after the deactivation it may owe again");
    }
}
