//! The steps an officer can take on a complaint as it stands, each in a fixed place, with the
//! rule that keeps a step closed. The answer comes from the complaint's own checks (a probe of
//! each step at `now`), so a button is disabled for exactly the reason the step would be refused.

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::timers::TrackedFact;
use crate::{Complaint, ComplaintEvent, ComplaintKind, ComplaintStatus, DomainError, Ground};

/// A step on a complaint, as offered to the officer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum ComplaintAction {
    NotifyStripe,
    StripeReviewCompleted,
    Acknowledge,
    ContactCustomer,
    Resolve,
    Reopen,
    Reclassify,
    /// Four eyes: approve the reclassification another officer asked for.
    ApproveReclassification,
    AddNote,
    Assign,
    Track,
    NotAComplaint,
}

/// The order the actions are shown in: the same for every complaint, so that a button never
/// moves after a step.
pub const ACTION_ORDER: [ComplaintAction; 12] = [
    ComplaintAction::NotifyStripe,
    ComplaintAction::StripeReviewCompleted,
    ComplaintAction::Acknowledge,
    ComplaintAction::ContactCustomer,
    ComplaintAction::Resolve,
    ComplaintAction::Reopen,
    ComplaintAction::Reclassify,
    ComplaintAction::ApproveReclassification,
    ComplaintAction::AddNote,
    ComplaintAction::Assign,
    ComplaintAction::Track,
    ComplaintAction::NotAComplaint,
];

/// One action and whether it is open now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ActionState {
    pub action: ComplaintAction,
    pub allowed: bool,
    /// The rule that keeps it closed (`executive_contact_hold`, `reopen_resolved_only`...).
    pub rule: Option<String>,
    /// Why it is closed, as the step itself would be refused.
    pub reason: Option<String>,
    /// The step the complaint waits for next (at most one action is primary).
    pub primary: bool,
}

impl Complaint {
    /// Every action in [`ACTION_ORDER`], open or closed with its reason, as of `now`.
    pub fn actions(&self, now: DateTime<Utc>) -> Vec<ActionState> {
        let next = self.next_step();
        ACTION_ORDER
            .iter()
            .map(|&action| {
                let refusal = self.check(&self.probe(action, now)).err();
                let (rule, reason) = match refusal {
                    None => (None, None),
                    Some(DomainError::Rule { rule, message }) => (Some(rule), Some(message)),
                    Some(e @ DomainError::Invalid { .. }) => (None, Some(e.to_string())),
                };
                ActionState { action, allowed: reason.is_none(), primary: reason.is_none() && next == Some(action), rule, reason }
            })
            .collect()
    }

    /// The step the complaint waits for: Stripe's notification and review for an executive
    /// complaint, the acknowledgement for an operational one, then its resolution.
    fn next_step(&self) -> Option<ComplaintAction> {
        if self.status != ComplaintStatus::Open {
            return None;
        }
        if self.pending_reclassification.is_some() {
            return Some(ComplaintAction::ApproveReclassification);
        }
        Some(match self.kind {
            ComplaintKind::Executive if self.stripe_notified_at.is_none() => ComplaintAction::NotifyStripe,
            ComplaintKind::Executive if self.stripe_reviewed_at.is_none() => ComplaintAction::StripeReviewCompleted,
            ComplaintKind::Operational if self.acknowledged_at.is_none() => ComplaintAction::Acknowledge,
            _ => ComplaintAction::Resolve,
        })
    }

    /// The least the step could carry; only the rules of the complaint's state decide.
    fn probe(&self, action: ComplaintAction, at: DateTime<Utc>) -> ComplaintEvent {
        let text = || "probe".to_owned();
        match action {
            ComplaintAction::NotifyStripe => ComplaintEvent::StripeNotified { at, how: None, reference: None, note: None },
            ComplaintAction::StripeReviewCompleted => ComplaintEvent::StripeReviewCompleted { at, note: None, resolve_by: None },
            ComplaintAction::Acknowledge => ComplaintEvent::Acknowledged { at, how: None, note: None },
            ComplaintAction::ContactCustomer => ComplaintEvent::CustomerContacted { at, how: None, note: text() },
            ComplaintAction::Resolve => ComplaintEvent::Resolved { at, summary: text(), outcome: None, compensation: None, root_cause: None },
            ComplaintAction::Reopen => ComplaintEvent::Reopened { at, reason: text() },
            // A reclassification may change the grounds only: probe one that does, keeping the kind.
            ComplaintAction::Reclassify => {
                let grounds = match self.kind {
                    ComplaintKind::Operational => vec![Ground::Legal],
                    ComplaintKind::Executive if self.grounds == [Ground::Legal] => vec![Ground::ConsumerHarm],
                    ComplaintKind::Executive => vec![Ground::Legal],
                };
                let to = match self.kind {
                    ComplaintKind::Operational => ComplaintKind::Executive,
                    ComplaintKind::Executive => ComplaintKind::Executive,
                };
                ComplaintEvent::Reclassified { at, from: self.kind, to, grounds, reason: text() }
            }
            // A name no officer has: whether the requester may approve is asked at the step.
            ComplaintAction::ApproveReclassification => ComplaintEvent::ReclassificationApproved { at, by: "\u{0}probe".into() },
            ComplaintAction::AddNote => ComplaintEvent::NoteAdded { at, note: text() },
            ComplaintAction::Assign => ComplaintEvent::Assigned { at, to: "\u{0}probe".into() },
            ComplaintAction::Track => ComplaintEvent::Tracked { at, fact: TrackedFact::AchDebitReceived, note: None },
            ComplaintAction::NotAComplaint => ComplaintEvent::MarkedNotAComplaint { at, reason: text() },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaint::tests::{at, complaint};

    fn state(c: &Complaint, now: &str) -> Vec<(ComplaintAction, bool, Option<String>, bool)> {
        c.actions(at(now)).into_iter().map(|a| (a.action, a.allowed, a.rule, a.primary)).collect()
    }

    fn find(c: &Complaint, now: &str, action: ComplaintAction) -> ActionState {
        c.actions(at(now)).into_iter().find(|a| a.action == action).unwrap()
    }

    #[test]
    fn rule_actions_keep_their_place_whatever_the_state() {
        let mut c = complaint(ComplaintKind::Operational, "2026-11-02T15:00:00Z");
        let before: Vec<_> = state(&c, "2026-11-03T15:00:00Z").into_iter().map(|s| s.0).collect();
        c.apply(&ComplaintEvent::Resolved { at: at("2026-11-03T15:00:00Z"), summary: "done".into(), outcome: None, compensation: None, root_cause: None })
            .unwrap();
        let after: Vec<_> = state(&c, "2026-11-03T16:00:00Z").into_iter().map(|s| s.0).collect();
        assert_eq!(before, ACTION_ORDER.to_vec());
        assert_eq!(after, ACTION_ORDER.to_vec());
        let reopen = find(&c, "2026-11-03T16:00:00Z", ComplaintAction::Reopen);
        assert!(reopen.allowed);
        let resolve = find(&c, "2026-11-03T16:00:00Z", ComplaintAction::Resolve);
        assert_eq!((resolve.allowed, resolve.rule.as_deref()), (false, Some("resolve_open_only")));
    }

    #[test]
    fn rule_executive_actions_show_the_contact_hold_and_resolve_with_stripe() {
        let c = complaint(ComplaintKind::Executive, "2026-11-02T15:00:00Z");
        let now = "2026-11-02T16:00:00Z";
        let ack = find(&c, now, ComplaintAction::Acknowledge);
        assert_eq!(ack.rule.as_deref(), Some("executive_contact_hold"));
        assert!(ack.reason.unwrap().contains("contact hold"));
        assert_eq!(find(&c, now, ComplaintAction::ContactCustomer).rule.as_deref(), Some("executive_contact_hold"));
        assert_eq!(find(&c, now, ComplaintAction::Resolve).rule.as_deref(), Some("executive_resolve_with_stripe"));
        assert_eq!(find(&c, now, ComplaintAction::StripeReviewCompleted).rule.as_deref(), Some("stripe_review_after_notification"));
        assert_eq!(find(&c, now, ComplaintAction::NotAComplaint).rule.as_deref(), Some("executive_downgrade_needs_stripe_review"));
        // Its grounds can still change while Stripe reviews it.
        assert!(find(&c, now, ComplaintAction::Reclassify).allowed);
        let primary: Vec<_> = c.actions(at(now)).into_iter().filter(|a| a.primary).map(|a| a.action).collect();
        assert_eq!(primary, [ComplaintAction::NotifyStripe]);
    }

    #[test]
    fn rule_four_eyes_an_executive_reclassification_as_operational_waits_for_a_second_officer() {
        let mut c = complaint(ComplaintKind::Executive, "2026-11-02T15:00:00Z");
        c.apply(&ComplaintEvent::StripeNotified { at: at("2026-11-02T16:00:00Z"), how: None, reference: None, note: None }).unwrap();
        c.apply(&ComplaintEvent::StripeReviewCompleted { at: at("2026-11-03T10:00:00Z"), note: None, resolve_by: None }).unwrap();
        let now = "2026-11-04T10:00:00Z";
        assert_eq!(find(&c, now, ComplaintAction::ApproveReclassification).rule.as_deref(), Some("no_reclassification_pending"));
        let ask = c.reclassification(true, at("2026-11-03T12:00:00Z"), ComplaintKind::Operational, vec![], "Not a regulator matter".into(), "Ana");
        assert!(matches!(ask, ComplaintEvent::ReclassificationRequested { .. }));
        let plain = c.reclassification(false, at("2026-11-03T12:00:00Z"), ComplaintKind::Operational, vec![], "x".into(), "Ana");
        assert!(matches!(plain, ComplaintEvent::Reclassified { .. }), "with four eyes off it takes effect at once");
        c.apply(&ask).unwrap();
        assert_eq!(c.kind, ComplaintKind::Executive, "nothing changes before the approval");
        let primary: Vec<_> = c.actions(at(now)).into_iter().filter(|a| a.primary).map(|a| a.action).collect();
        assert_eq!(primary, [ComplaintAction::ApproveReclassification]);
        assert_eq!(find(&c, now, ComplaintAction::Reclassify).rule.as_deref(), Some("reclassification_pending"));

        let own = ComplaintEvent::ReclassificationApproved { at: at("2026-11-03T13:00:00Z"), by: "ana ".into() };
        let err = c.clone().apply(&own).unwrap_err();
        assert!(matches!(err, DomainError::Rule { ref rule, .. } if rule == "four_eyes_not_own_request"), "{err}");
        let early = ComplaintEvent::ReclassificationApproved { at: at("2026-11-03T11:00:00Z"), by: "Ben".into() };
        assert!(c.clone().apply(&early).is_err(), "an approval before the request is refused");
        c.apply(&ComplaintEvent::ReclassificationApproved { at: at("2026-11-03T13:00:00Z"), by: "Ben".into() }).unwrap();
        assert_eq!(c.kind, ComplaintKind::Operational);
        assert!(c.pending_reclassification.is_none());
        assert_eq!(c.reclassifications.last().map(|r| r.at), Some(at("2026-11-03T13:00:00Z")), "the trail dates it at the approval");
        assert_eq!(c.reclassifications.last().map(|r| r.reason.as_str()), Some("Not a regulator matter"));
    }

    #[test]
    fn rule_four_eyes_for_downgrade_only() {
        let c = complaint(ComplaintKind::Operational, "2026-11-02T15:00:00Z");
        let up = c.reclassification(true, at("2026-11-02T16:00:00Z"), ComplaintKind::Executive, vec![Ground::Udap], "r".into(), "Ana");
        assert!(matches!(up, ComplaintEvent::Reclassified { .. }), "a reclassification as executive takes effect at once");
        let forced = ComplaintEvent::ReclassificationRequested {
            at: at("2026-11-02T16:00:00Z"),
            from: ComplaintKind::Operational,
            to: ComplaintKind::Executive,
            grounds: vec![Ground::Udap],
            reason: "r".into(),
            by: "Ana".into(),
        };
        let err = c.clone().apply(&forced).unwrap_err();
        assert!(matches!(err, DomainError::Rule { ref rule, .. } if rule == "four_eyes_for_downgrade_only"), "{err}");
    }

    #[test]
    fn rule_assign_changes_something() {
        let mut c = complaint(ComplaintKind::Operational, "2026-11-02T15:00:00Z");
        assert!(find(&c, "2026-11-02T16:00:00Z", ComplaintAction::Assign).allowed);
        c.apply(&ComplaintEvent::Assigned { at: at("2026-11-02T16:00:00Z"), to: "Ben Okafor".into() }).unwrap();
        assert_eq!(c.assignee.as_deref(), Some("Ben Okafor"));
        let again = c.clone().apply(&ComplaintEvent::Assigned { at: at("2026-11-02T17:00:00Z"), to: "ben okafor".into() }).unwrap_err();
        assert!(matches!(again, DomainError::Rule { ref rule, .. } if rule == "assign_changes_something"), "{again}");
        let blank = c.clone().apply(&ComplaintEvent::Assigned { at: at("2026-11-02T17:00:00Z"), to: "  ".into() }).unwrap_err();
        assert!(matches!(blank, DomainError::Invalid { ref field, .. } if field == "to"), "{blank}");
        c.apply(&ComplaintEvent::Assigned { at: at("2026-11-02T17:00:00Z"), to: "Ana".into() }).unwrap();
        assert_eq!(c.assignee.as_deref(), Some("Ana"));
    }

    #[test]
    fn rule_notify_stripe_only_for_executive_complaints() {
        let mut c = complaint(ComplaintKind::Operational, "2026-11-02T15:00:00Z");
        let notify = ComplaintEvent::StripeNotified { at: at("2026-11-02T16:00:00Z"), how: None, reference: None, note: None };
        let err = c.clone().apply(&notify).unwrap_err();
        assert!(matches!(err, DomainError::Rule { ref rule, .. } if rule == "notify_stripe_executive_only"), "{err}");
        c.apply(&ComplaintEvent::Reclassified {
            at: at("2026-11-02T15:30:00Z"),
            from: ComplaintKind::Operational,
            to: ComplaintKind::Executive,
            grounds: vec![Ground::Udap],
            reason: "Alleges a deceptive fee".into(),
        })
        .unwrap();
        c.apply(&notify).unwrap();
    }

    #[test]
    fn rule_the_primary_action_is_the_step_the_complaint_waits_for() {
        let mut c = complaint(ComplaintKind::Operational, "2026-11-02T15:00:00Z");
        let primary = |c: &Complaint| c.actions(at("2026-11-04T15:00:00Z")).into_iter().filter(|a| a.primary).map(|a| a.action).collect::<Vec<_>>();
        assert_eq!(primary(&c), [ComplaintAction::Acknowledge]);
        c.apply(&ComplaintEvent::Acknowledged { at: at("2026-11-03T15:00:00Z"), how: None, note: None }).unwrap();
        assert_eq!(primary(&c), [ComplaintAction::Resolve]);
        assert_eq!(find(&c, "2026-11-04T15:00:00Z", ComplaintAction::Acknowledge).rule.as_deref(), Some("acknowledged_once"));
        assert_eq!(find(&c, "2026-11-04T15:00:00Z", ComplaintAction::NotifyStripe).rule.as_deref(), Some("notify_stripe_executive_only"));
        c.apply(&ComplaintEvent::MarkedNotAComplaint { at: at("2026-11-03T16:00:00Z"), reason: "staff".into() }).unwrap();
        assert!(primary(&c).is_empty());
        let closed: Vec<_> = c.actions(at("2026-11-04T15:00:00Z")).into_iter().filter(|a| a.allowed).map(|a| a.action).collect();
        assert_eq!(closed, [ComplaintAction::AddNote], "an entry that is not a complaint takes notes only");
    }
}
