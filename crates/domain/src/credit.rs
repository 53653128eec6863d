//! Closing a connected account's credit line: the underwriting decision with its principal
//! reasons, the adverse-action notice, deactivation (never while the account owes money), the
//! 31-day wind-down, and revoking the charge-card capability. The order of the steps is a rule,
//! so a closure is a small state machine whose every refusal names the rule it protects.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{DomainError, Money};

const STRIPE_REASON_CODES: &str = include_str!("../rules/credit-decision-reasons.txt");

/// The most principal reasons an adverse-action decision may give.
pub const MAX_REASONS: usize = 4;
/// Days after deactivation during which funding obligations may still change.
pub const WIND_DOWN_DAYS: i64 = 31;
/// Calendar days after the decision by which the adverse-action notice must be sent, by default.
pub const DEFAULT_NOTICE_DAYS: i64 = 30;

/// Stripe's credit decision reason codes (data: `rules/credit-decision-reasons.txt`).
pub fn stripe_reason_codes() -> Vec<&'static str> {
    STRIPE_REASON_CODES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

/// The principal reasons of an adverse action, validated: 1 to 4, distinct, each on the
/// bank-approved list, `other` only with an explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct AdverseReasons {
    /// In order of importance.
    pub codes: Vec<String>,
    pub other_explanation: Option<String>,
}

impl AdverseReasons {
    /// Validates reasons against the bank-approved list.
    ///
    /// # Errors
    /// `Rule` naming the broken rule: `reasons_required`, `reasons_at_most_four`,
    /// `reasons_distinct`, `reason_unknown`, `reason_not_approved`, `other_needs_explanation`.
    pub fn new(codes: Vec<String>, other_explanation: Option<String>, approved: &[String]) -> Result<Self, DomainError> {
        let codes: Vec<String> = codes.into_iter().map(|c| c.trim().to_owned()).collect();
        if codes.is_empty() {
            return Err(DomainError::rule("reasons_required", "an adverse action needs at least one principal reason"));
        }
        if codes.len() > MAX_REASONS {
            return Err(DomainError::rule(
                "reasons_at_most_four",
                format!("give at most {MAX_REASONS} principal reasons, in order of importance; {} were given", codes.len()),
            ));
        }
        for (i, c) in codes.iter().enumerate() {
            if codes[..i].contains(c) {
                return Err(DomainError::rule("reasons_distinct", format!("the reason {c} is given twice")));
            }
            if !stripe_reason_codes().contains(&c.as_str()) {
                return Err(DomainError::rule("reason_unknown", format!("{c:?} is not one of Stripe's credit decision reason codes")));
            }
            if !approved.iter().any(|a| a == c) {
                return Err(DomainError::rule("reason_not_approved", format!("{c} is not among the decline reasons the bank approved")));
            }
        }
        let explanation = other_explanation.map(|e| e.trim().to_owned()).filter(|e| !e.is_empty());
        if codes.iter().any(|c| c == "other") && explanation.is_none() {
            return Err(DomainError::rule("other_needs_explanation", "the reason other needs an explanation"));
        }
        Ok(AdverseReasons { codes, other_explanation: explanation })
    }
}

/// The steps of a closure, in the order they must happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum ClosureStep {
    Decision,
    NoticeSent,
    Deactivated,
    WindDownComplete,
    CapabilityRevoked,
}

/// Why the platform stops backing the account, when it revokes the capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum RevocationReason {
    CriteriaNotMet,
    TermsViolated,
}

/// What happens to a closure case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClosureCommand {
    SendNotice { at: DateTime<Utc> },
    RecordBalance { balance: Money, at: DateTime<Utc> },
    Deactivate { at: DateTime<Utc> },
    RevokeCapability { at: DateTime<Utc>, reason: RevocationReason },
    /// Setting the line active again: always refused; only a new approved application reopens it.
    Reactivate { at: DateTime<Utc> },
}

/// A credit-line closure case, from the decision on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditLineClosure {
    pub decided_at: DateTime<Utc>,
    pub reasons: AdverseReasons,
    pub notice_due: DateTime<Utc>,
    pub notice_sent_at: Option<DateTime<Utc>>,
    /// The account's Issuing balance as last read.
    pub balance: Money,
    pub deactivated_at: Option<DateTime<Utc>>,
    pub capability_revoked: Option<(DateTime<Utc>, RevocationReason)>,
}

impl CreditLineClosure {
    /// Opens a case with its underwriting decision.
    pub fn decide(decided_at: DateTime<Utc>, reasons: AdverseReasons, balance: Money, notice_days: i64) -> Self {
        CreditLineClosure {
            decided_at,
            notice_due: decided_at + Duration::days(notice_days),
            reasons,
            notice_sent_at: None,
            balance,
            deactivated_at: None,
            capability_revoked: None,
        }
    }

    /// When funding obligations stop changing: deactivation plus 31 days.
    pub fn wind_down_ends(&self) -> Option<DateTime<Utc>> {
        self.deactivated_at.map(|d| d + Duration::days(WIND_DOWN_DAYS))
    }

    /// The steps done as of `now`.
    pub fn steps_done(&self, now: DateTime<Utc>) -> Vec<ClosureStep> {
        let mut out = vec![ClosureStep::Decision];
        if self.notice_sent_at.is_some() {
            out.push(ClosureStep::NoticeSent);
        }
        if self.deactivated_at.is_some() {
            out.push(ClosureStep::Deactivated);
        }
        if self.wind_down_ends().is_some_and(|end| now >= end) {
            out.push(ClosureStep::WindDownComplete);
        }
        if self.capability_revoked.is_some() {
            out.push(ClosureStep::CapabilityRevoked);
        }
        out
    }

    /// Whether the notice is late as of `now` (not sent by its deadline).
    pub fn notice_overdue(&self, now: DateTime<Utc>) -> bool {
        self.notice_sent_at.is_none() && now > self.notice_due
    }

    /// Applies a command, or refuses it naming the rule; the case is unchanged on refusal.
    ///
    /// # Errors
    /// `Rule`: `step_order`, `deactivate_with_negative_balance`, `closed_line_reopens_by_application`,
    /// `already_done`; `Invalid` for an instant before the decision.
    pub fn apply(&mut self, cmd: &ClosureCommand) -> Result<(), DomainError> {
        let at = match cmd {
            ClosureCommand::SendNotice { at }
            | ClosureCommand::RecordBalance { at, .. }
            | ClosureCommand::Deactivate { at }
            | ClosureCommand::RevokeCapability { at, .. }
            | ClosureCommand::Reactivate { at } => *at,
        };
        if at < self.decided_at {
            return Err(DomainError::invalid("at", "a step of the closure cannot come before its decision"));
        }
        match cmd {
            ClosureCommand::SendNotice { at } => {
                if self.notice_sent_at.is_some() {
                    return Err(DomainError::rule("already_done", "the adverse-action notice is already recorded as sent"));
                }
                self.notice_sent_at = Some(*at);
            }
            ClosureCommand::RecordBalance { balance, .. } => {
                if balance.currency != self.balance.currency {
                    return Err(DomainError::invalid("currency", format!("the Issuing balance is kept in {}", self.balance.currency)));
                }
                self.balance = balance.clone();
            }
            ClosureCommand::Deactivate { at } => {
                if self.deactivated_at.is_some() {
                    return Err(DomainError::rule("already_done", "the credit policy is already inactive"));
                }
                if self.notice_sent_at.is_none() {
                    return Err(DomainError::rule(
                        "step_order",
                        "send the adverse-action notice with the reasons before deactivating the credit policy",
                    ));
                }
                if self.balance.amount_minor < 0 {
                    let owed = Money { amount_minor: -self.balance.amount_minor, currency: self.balance.currency.clone() };
                    return Err(DomainError::rule(
                        "deactivate_with_negative_balance",
                        format!(
                            "the account owes Stripe: its Issuing balance is {}; top it up by {} to zero before deactivating",
                            self.balance.display(),
                            owed.display()
                        ),
                    ));
                }
                self.deactivated_at = Some(*at);
            }
            ClosureCommand::RevokeCapability { at, reason } => {
                if self.capability_revoked.is_some() {
                    return Err(DomainError::rule("already_done", "the card_issuing_charge_card capability is already revoked"));
                }
                if self.deactivated_at.is_none() {
                    return Err(DomainError::rule("step_order", "deactivate the credit policy before revoking the capability"));
                }
                self.capability_revoked = Some((*at, *reason));
            }
            ClosureCommand::Reactivate { .. } => {
                return Err(DomainError::rule(
                    "closed_line_reopens_by_application",
                    "a closed credit line cannot be set active again; only a newly recorded, approved credit application reopens it",
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all_approved() -> Vec<String> {
        stripe_reason_codes().into_iter().map(str::to_owned).collect()
    }

    fn at(s: &str) -> DateTime<Utc> {
        crate::complaint::parse_instant(s, "at").unwrap()
    }

    fn usd(minor: i64) -> Money {
        Money { amount_minor: minor, currency: "USD".into() }
    }

    fn case(balance: i64) -> CreditLineClosure {
        let reasons = AdverseReasons::new(vec!["delinquent_credit_obligations".into()], None, &all_approved()).unwrap();
        CreditLineClosure::decide(at("2026-11-02T15:00:00Z"), reasons, usd(balance), DEFAULT_NOTICE_DAYS)
    }

    fn rule_of(e: DomainError) -> String {
        match e {
            DomainError::Rule { rule, .. } => rule,
            DomainError::Invalid { field, .. } => format!("field {field}"),
        }
    }

    #[test]
    fn rule_reason_codes_are_stripes_list() {
        let codes = stripe_reason_codes();
        assert!(codes.contains(&"debt_to_cash_balance_ratio_too_high"));
        assert!(codes.contains(&"other"));
        assert!(!codes.contains(&"debt_to_cash_ratio_too_high"), "the shortened example is not a real code");
    }

    #[test]
    fn rule_one_to_four_distinct_approved_reasons() {
        let ok = |v: &[&str]| AdverseReasons::new(v.iter().map(|s| s.to_string()).collect(), None, &all_approved());
        assert_eq!(rule_of(ok(&[]).unwrap_err()), "reasons_required");
        assert_eq!(
            rule_of(ok(&["bankruptcy", "insufficient_revenue", "unprofitable", "runway_too_short", "suspected_fraud"]).unwrap_err()),
            "reasons_at_most_four"
        );
        assert_eq!(rule_of(ok(&["bankruptcy", "bankruptcy"]).unwrap_err()), "reasons_distinct");
        assert_eq!(rule_of(ok(&["bad_vibes"]).unwrap_err()), "reason_unknown");
        let approved = vec!["bankruptcy".to_string()];
        let err = AdverseReasons::new(vec!["unprofitable".into()], None, &approved).unwrap_err();
        assert_eq!(rule_of(err), "reason_not_approved");
        let four = ok(&["bankruptcy", "insufficient_revenue", "unprofitable", "runway_too_short"]).unwrap();
        assert_eq!(four.codes[0], "bankruptcy", "reasons keep their order of importance");
    }

    #[test]
    fn rule_other_needs_an_explanation() {
        let err = AdverseReasons::new(vec!["other".into()], Some("  ".into()), &all_approved()).unwrap_err();
        assert_eq!(rule_of(err), "other_needs_explanation");
        assert!(AdverseReasons::new(vec!["other".into()], Some("Platform exit".into()), &all_approved()).is_ok());
    }

    #[test]
    fn rule_notice_due_30_days_after_decision() {
        let c = case(0);
        assert_eq!(c.notice_due, at("2026-12-02T15:00:00Z"));
        assert!(!c.notice_overdue(at("2026-12-02T15:00:00Z")));
        assert!(c.notice_overdue(at("2026-12-02T15:00:01Z")));
    }

    #[test]
    fn rule_notice_before_deactivation() {
        let mut c = case(0);
        assert_eq!(rule_of(c.apply(&ClosureCommand::Deactivate { at: at("2026-11-03T15:00:00Z") }).unwrap_err()), "step_order");
    }

    #[test]
    fn rule_no_deactivation_while_balance_is_negative_and_message_says_how_much() {
        let mut c = case(-12_550);
        c.apply(&ClosureCommand::SendNotice { at: at("2026-11-03T15:00:00Z") }).unwrap();
        let err = c.apply(&ClosureCommand::Deactivate { at: at("2026-11-04T15:00:00Z") }).unwrap_err();
        assert!(err.to_string().contains("125.50 USD"), "{err}");
        assert_eq!(rule_of(err), "deactivate_with_negative_balance");
        c.apply(&ClosureCommand::RecordBalance { balance: usd(0), at: at("2026-11-05T15:00:00Z") }).unwrap();
        c.apply(&ClosureCommand::Deactivate { at: at("2026-11-05T16:00:00Z") }).expect("a topped-up account can be deactivated");
    }

    #[test]
    fn rule_wind_down_lasts_31_days_after_deactivation() {
        let mut c = case(0);
        c.apply(&ClosureCommand::SendNotice { at: at("2026-11-03T15:00:00Z") }).unwrap();
        c.apply(&ClosureCommand::Deactivate { at: at("2026-11-04T15:00:00Z") }).unwrap();
        assert_eq!(c.wind_down_ends(), Some(at("2026-12-05T15:00:00Z")));
        assert!(!c.steps_done(at("2026-12-05T14:59:59Z")).contains(&ClosureStep::WindDownComplete));
        assert!(c.steps_done(at("2026-12-05T15:00:00Z")).contains(&ClosureStep::WindDownComplete));
    }

    #[test]
    fn rule_closed_line_never_reactivated() {
        let mut c = case(0);
        assert_eq!(
            rule_of(c.apply(&ClosureCommand::Reactivate { at: at("2026-11-03T15:00:00Z") }).unwrap_err()),
            "closed_line_reopens_by_application"
        );
    }

    #[test]
    fn rule_capability_revoked_after_deactivation_only() {
        let mut c = case(0);
        let revoke = ClosureCommand::RevokeCapability { at: at("2026-11-06T15:00:00Z"), reason: RevocationReason::TermsViolated };
        assert_eq!(rule_of(c.apply(&revoke).unwrap_err()), "step_order");
        c.apply(&ClosureCommand::SendNotice { at: at("2026-11-03T15:00:00Z") }).unwrap();
        c.apply(&ClosureCommand::Deactivate { at: at("2026-11-04T15:00:00Z") }).unwrap();
        c.apply(&revoke).unwrap();
        assert_eq!(rule_of(c.apply(&revoke).unwrap_err()), "already_done");
    }

    fn command() -> impl Strategy<Value = ClosureCommand> {
        let t = (0i64..60).prop_map(|d| at("2026-11-02T15:00:00Z") + Duration::days(d));
        prop_oneof![
            t.clone().prop_map(|at| ClosureCommand::SendNotice { at }),
            (t.clone(), -50_000i64..50_000).prop_map(|(at, b)| ClosureCommand::RecordBalance { balance: usd(b), at }),
            t.clone().prop_map(|at| ClosureCommand::Deactivate { at }),
            t.clone().prop_map(|at| ClosureCommand::RevokeCapability { at, reason: RevocationReason::CriteriaNotMet }),
            t.prop_map(|at| ClosureCommand::Reactivate { at }),
        ]
    }

    proptest! {
        /// No sequence of commands deactivates a line while the balance is negative, skips the
        /// notice, or makes a closed line active again; refused commands change nothing.
        #[test]
        fn closure_state_machine_keeps_its_rules(start in -50_000i64..50_000, cmds in proptest::collection::vec(command(), 0..25)) {
            let mut c = case(start);
            for cmd in &cmds {
                let before = c.clone();
                let balance_before = c.balance.amount_minor;
                match c.apply(cmd) {
                    Ok(()) => {
                        if let ClosureCommand::Deactivate { .. } = cmd {
                            prop_assert!(balance_before >= 0, "deactivated with a negative balance");
                            prop_assert!(c.notice_sent_at.is_some(), "deactivated before the notice");
                        }
                        prop_assert!(!matches!(cmd, ClosureCommand::Reactivate { .. }), "a closed line was reactivated");
                    }
                    Err(_) => prop_assert_eq!(&c, &before, "a refused command changed the case"),
                }
                if c.capability_revoked.is_some() {
                    prop_assert!(c.deactivated_at.is_some());
                }
            }
        }
    }
}
