//! Adverse actions on a connected account's credit line (closing it, lowering its limit): the underwriting decision with its principal
//! reasons, the adverse-action notice, deactivation (never while the account owes money), the
//! 31-day wind-down, and revoking the charge-card capability. The order of the steps is a rule,
//! so a closure is a small state machine whose every refusal names the rule it protects.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::stripe::{Params, StripeRequest};
use crate::{DomainError, Money};

pub mod actions;
pub mod history;

const STRIPE_REASON_CODES: &str = include_str!("../../rules/credit-decision-reasons.txt");

/// The most principal reasons an adverse-action decision may give.
pub const MAX_REASONS: usize = 4;
/// Days after deactivation during which funding obligations may still change.
pub const WIND_DOWN_DAYS: i64 = 31;
/// Days ahead within which an unsent notice counts as "due soon" in the header.
pub const NOTICE_DUE_SOON_DAYS: i64 = 7;
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

/// What kind of adverse action a credit case records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum CaseKind {
    /// A proactive review closed the credit line (decision type `credit_line_closed`).
    Closure,
    /// A proactive review lowered the limit (decision type `credit_limit_decreased`).
    LimitDecrease { from: Money, to: Money },
}

impl CaseKind {
    /// Stripe's decision type for the underwriting record.
    pub fn decision_type(&self) -> &'static str {
        match self {
            CaseKind::Closure => "credit_line_closed",
            CaseKind::LimitDecrease { .. } => "credit_limit_decreased",
        }
    }
}

/// A departure from the usual underwriting criteria, recorded with the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct UnderwritingException {
    pub explanation: String,
    /// The decision type the criteria would have given, e.g. `credit_limit_approved`.
    pub original_decision_type: String,
}

/// Decision types an underwriting exception may name as the original decision.
pub const DECISION_TYPES: [&str; 6] = [
    "application_rejected",
    "credit_limit_approved",
    "credit_limit_decreased",
    "credit_line_closed",
    "no_changes",
    "withdrawn_by_applicant",
];

impl UnderwritingException {
    /// Validates an exception given as two optional texts: both or neither.
    ///
    /// # Errors
    /// `Invalid` naming `exception_explanation` or `exception_original_decision_type`.
    pub fn from_parts(explanation: Option<String>, original: Option<String>) -> Result<Option<Self>, DomainError> {
        let explanation = explanation.map(|e| e.trim().to_owned()).filter(|e| !e.is_empty());
        let original = original.map(|e| e.trim().to_owned()).filter(|e| !e.is_empty());
        match (explanation, original) {
            (None, None) => Ok(None),
            (Some(_), None) => Err(DomainError::invalid(
                "exception_original_decision_type",
                "an underwriting exception needs the decision type the usual criteria would have given",
            )),
            (None, Some(_)) => {
                Err(DomainError::invalid("exception_explanation", "an underwriting exception needs an explanation"))
            }
            (Some(explanation), Some(original)) => {
                if !DECISION_TYPES.contains(&original.as_str()) {
                    return Err(DomainError::invalid(
                        "exception_original_decision_type",
                        format!("{original:?} is not one of {}", DECISION_TYPES.join(", ")),
                    ));
                }
                Ok(Some(UnderwritingException { explanation, original_decision_type: original }))
            }
        }
    }
}

/// How the adverse-action notice went out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum NoticeChannel {
    Email,
    Mail,
}

impl NoticeChannel {
    pub fn code(self) -> &'static str {
        match self {
            NoticeChannel::Email => "email",
            NoticeChannel::Mail => "mail",
        }
    }
}

impl std::str::FromStr for NoticeChannel {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "email" => Ok(NoticeChannel::Email),
            "mail" => Ok(NoticeChannel::Mail),
            other => Err(DomainError::invalid("channel", format!("{other:?} is not one of email, mail"))),
        }
    }
}

impl std::str::FromStr for RevocationReason {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "criteria_not_met" => Ok(RevocationReason::CriteriaNotMet),
            "terms_violated" => Ok(RevocationReason::TermsViolated),
            other => Err(DomainError::invalid("reason", format!("{other:?} is not one of criteria_not_met, terms_violated"))),
        }
    }
}

/// The steps of a credit case, in the order they must happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum CaseStep {
    /// The underwriting decision (always done: it opens the case).
    Decision,
    /// Four eyes: a second officer approves the decision before any step may follow it.
    Approval,
    /// The adverse-action notice with the reasons, sent to the account holder.
    NoticeSent,
    /// Closure: the credit policy set inactive.
    Deactivated,
    /// Closure: 31 days after deactivation, funding obligations stop changing.
    WindDownComplete,
    /// Closure, when the platform no longer backs the account: the capability revoked.
    CapabilityRevoked,
    /// Limit decrease: the new limit set on the credit policy.
    LimitApplied,
}

impl CaseStep {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStep::Decision => "decision",
            CaseStep::Approval => "approval",
            CaseStep::NoticeSent => "notice_sent",
            CaseStep::Deactivated => "deactivated",
            CaseStep::WindDownComplete => "wind_down_complete",
            CaseStep::CapabilityRevoked => "capability_revoked",
            CaseStep::LimitApplied => "limit_applied",
        }
    }
}

impl std::str::FromStr for CaseStep {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        [
            CaseStep::Decision,
            CaseStep::Approval,
            CaseStep::NoticeSent,
            CaseStep::Deactivated,
            CaseStep::WindDownComplete,
            CaseStep::CapabilityRevoked,
            CaseStep::LimitApplied,
        ]
        .into_iter()
        .find(|c| c.as_str() == s.trim())
        .ok_or_else(|| DomainError::invalid("step", format!("{s:?} is not a step of a credit case")))
    }
}

/// Why the platform stops backing the account, when it revokes the capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum RevocationReason {
    CriteriaNotMet,
    TermsViolated,
}

/// What happens to a credit case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CaseCommand {
    SendNotice { at: DateTime<Utc>, channel: NoticeChannel },
    RecordBalance { balance: Money, at: DateTime<Utc> },
    Deactivate { at: DateTime<Utc> },
    RevokeCapability { at: DateTime<Utc>, reason: RevocationReason },
    /// Setting the line active again: always refused; only a new approved application reopens it.
    Reactivate { at: DateTime<Utc> },
    /// Limit decrease: set the decided limit on the policy.
    ApplyLimit { at: DateTime<Utc> },
    /// Four eyes: a second officer, `by`, approves the decision.
    Approve { at: DateTime<Utc>, by: String },
}

impl CaseCommand {
    fn at(&self) -> DateTime<Utc> {
        match self {
            CaseCommand::SendNotice { at, .. }
            | CaseCommand::RecordBalance { at, .. }
            | CaseCommand::Deactivate { at }
            | CaseCommand::RevokeCapability { at, .. }
            | CaseCommand::Reactivate { at }
            | CaseCommand::ApplyLimit { at }
            | CaseCommand::Approve { at, .. } => *at,
        }
    }
}

/// Refuses a step dated before the step it must follow.
fn not_before(at: DateTime<Utc>, earlier: DateTime<Utc>, what: &str) -> Result<(), DomainError> {
    if at < earlier {
        return Err(DomainError::invalid(
            "at",
            format!("this step cannot be dated before {what} ({})", earlier.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        ));
    }
    Ok(())
}

/// A recorded notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct NoticeRecord {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub channel: NoticeChannel,
    /// The language of the notice kept with the record, and the SHA-256 of its text.
    #[serde(default)]
    pub language: Option<crate::wording::Language>,
    #[serde(default)]
    pub text_sha256: Option<String>,
    /// Sent after its deadline.
    #[serde(default)]
    pub late: bool,
}

/// Four eyes on a decision: who asked for it and, once given, the second officer's approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Approval {
    /// Who recorded the decision (and so may not approve it).
    pub requested_by: String,
    #[ts(type = "string | null")]
    pub approved_at: Option<DateTime<Utc>>,
    pub approved_by: Option<String>,
}

impl Approval {
    pub fn pending(&self) -> bool {
        self.approved_at.is_none()
    }
}

/// The refusal of a step taken while a decision awaits its second officer.
fn awaiting_approval(requested_by: &str) -> DomainError {
    DomainError::rule(
        "four_eyes_awaiting_approval",
        format!("the decision recorded by {requested_by} takes effect once a second officer approves it; nothing follows it until then"),
    )
}

/// A recorded capability revocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Revocation {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub reason: RevocationReason,
}

/// An adverse action on a credit line, from its underwriting decision on: a closure or a limit
/// decrease. Every step is a command that either applies or is refused naming a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct CreditCase {
    pub kind: CaseKind,
    #[ts(type = "string")]
    pub decided_at: DateTime<Utc>,
    pub reasons: AdverseReasons,
    pub exception: Option<UnderwritingException>,
    #[ts(type = "string")]
    pub notice_due: DateTime<Utc>,
    pub notice: Option<NoticeRecord>,
    /// The account's Issuing balance as last read.
    pub balance: Money,
    #[ts(type = "string | null")]
    pub deactivated_at: Option<DateTime<Utc>>,
    pub revocation: Option<Revocation>,
    #[ts(type = "string | null")]
    pub limit_applied_at: Option<DateTime<Utc>>,
    /// Stripe object ids the officer recorded, by step (e.g. the underwriting record `icur_...`).
    #[serde(default)]
    pub stripe_objects: std::collections::BTreeMap<String, String>,
    /// Four eyes, when the program asked for it as the decision was recorded.
    #[serde(default)]
    pub approval: Option<Approval>,
    /// The officer the case is assigned to.
    #[serde(default)]
    pub assignee: Option<String>,
}

/// A deadline of a case: when it is due, when it was met, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct CaseClock {
    /// `notice`: the adverse-action notice.
    pub clock: String,
    #[ts(type = "string")]
    pub due: DateTime<Utc>,
    #[ts(type = "string | null")]
    pub done_at: Option<DateTime<Utc>>,
    /// `pending`, `met` or `missed`.
    pub state: crate::ClockState,
    /// Pending and past due.
    pub overdue: bool,
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum StepState {
    Done,
    /// Can be done now.
    Ready,
    /// Cannot be done yet; `blocked_by` says why.
    Blocked,
    /// Happens by itself when its date passes.
    Waiting,
    /// Not required (capability revocation when the platform keeps backing the account).
    Optional,
}

/// A step of a case as the wizard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct StepStatus {
    pub step: CaseStep,
    pub state: StepState,
    #[ts(type = "string | null")]
    pub done_at: Option<DateTime<Utc>>,
    /// When it is due (notice) or when it happens by itself (wind-down).
    #[ts(type = "string | null")]
    pub due: Option<DateTime<Utc>>,
    pub overdue: bool,
    /// What prevents the step, naming the rule; null when nothing does.
    pub blocked_by: Option<String>,
}

impl CreditCase {
    /// Opens a case with its underwriting decision.
    pub fn decide(
        kind: CaseKind,
        decided_at: DateTime<Utc>,
        reasons: AdverseReasons,
        exception: Option<UnderwritingException>,
        balance: Money,
        notice_days: i64,
    ) -> Self {
        CreditCase {
            kind,
            decided_at,
            notice_due: decided_at + Duration::days(notice_days),
            reasons,
            exception,
            notice: None,
            balance,
            deactivated_at: None,
            revocation: None,
            limit_applied_at: None,
            stripe_objects: Default::default(),
            approval: None,
            assignee: None,
        }
    }

    /// Gives the case to officer `to`.
    ///
    /// # Errors
    /// `Invalid` naming `to` when blank; `Rule` `assign_changes_something` when already theirs.
    pub fn assign(&mut self, to: &str) -> Result<(), DomainError> {
        let to = to.trim();
        if to.is_empty() {
            return Err(DomainError::invalid("to", "name the officer the case is assigned to"));
        }
        if self.assignee.as_deref().is_some_and(|a| crate::team::same_officer(a, to)) {
            return Err(DomainError::rule("assign_changes_something", format!("the case is already assigned to {to}")));
        }
        self.assignee = Some(to.to_owned());
        Ok(())
    }

    /// The same decision, taking effect only once an officer other than `requested_by`
    /// approves it (four eyes). Its notice deadline still runs from the decision.
    pub fn needing_approval(mut self, requested_by: &str) -> Self {
        self.approval = Some(Approval { requested_by: requested_by.trim().to_owned(), approved_at: None, approved_by: None });
        self
    }

    /// Whether the decision still waits for its second officer.
    pub fn awaiting_approval(&self) -> bool {
        self.approval.as_ref().is_some_and(Approval::pending)
    }

    /// Records the id of the Stripe object a done step produced.
    ///
    /// # Errors
    /// `Invalid` naming `object_id`; `Rule` `step_order` for a step not done, `no_stripe_request`
    /// for a step with no Stripe request.
    pub fn record_stripe_object(&mut self, step: CaseStep, object_id: &str, now: DateTime<Utc>) -> Result<(), DomainError> {
        let id = crate::stripe::object_id(object_id)?;
        if matches!(step, CaseStep::Approval | CaseStep::NoticeSent | CaseStep::WindDownComplete) {
            return Err(DomainError::rule("no_stripe_request", format!("the step {} sends nothing to Stripe", step.as_str())));
        }
        let done = self.steps(now).into_iter().any(|s| s.step == step && s.state == StepState::Done);
        if !done {
            return Err(DomainError::rule("step_order", format!("record the Stripe object once the step {} is done", step.as_str())));
        }
        self.stripe_objects.insert(step.as_str().to_owned(), id);
        Ok(())
    }

    /// The Stripe request a step corresponds to; `None` for steps that send nothing to Stripe
    /// (the notice goes from the platform to its customer; the wind-down is waiting).
    pub fn stripe_request(&self, case_id: &str, step: CaseStep, account: &crate::account::ConnectedAccount) -> Option<StripeRequest> {
        let key = format!("cdesk-{case_id}-{}", step.as_str());
        let acct = Some(account.id.as_str());
        match step {
            CaseStep::Decision => {
                let t = self.kind.decision_type();
                let reasons_key = format!("decision[{t}][reasons]");
                let mut p = Params::default()
                    .add("credit_user[name]", &account.legal_name)
                    .add("credit_user[email]", &account.email)
                    .add("decided_at", self.decided_at.timestamp())
                    .add("decision[type]", t);
                if let CaseKind::LimitDecrease { to, .. } = &self.kind {
                    p = p.money(&format!("decision[{t}]"), to);
                }
                let p = p
                    .list(&reasons_key, &self.reasons.codes)
                    .add_opt(&format!("decision[{t}][reason_other_explanation]"), self.reasons.other_explanation.as_ref())
                    .add_opt("underwriting_exception[explanation]", self.exception.as_ref().map(|e| &e.explanation))
                    .add_opt(
                        "underwriting_exception[original_decision_type]",
                        self.exception.as_ref().map(|e| &e.original_decision_type),
                    );
                Some(StripeRequest::post("/v1/issuing/credit_underwriting_records/create_from_proactive_review", acct, key, p.build()))
            }
            CaseStep::Deactivated => {
                Some(StripeRequest::post("/v1/issuing/credit_policy", acct, key, Params::default().add("status", "inactive").build()))
            }
            CaseStep::LimitApplied => match &self.kind {
                CaseKind::LimitDecrease { to, .. } => Some(StripeRequest::post(
                    "/v1/issuing/credit_policy",
                    acct,
                    key,
                    Params::default()
                        .add("credit_limit_amount", to.amount_minor)
                        .add("credit_limit_currency", to.currency.to_ascii_lowercase())
                        .build(),
                )),
                CaseKind::Closure => None,
            },
            CaseStep::CapabilityRevoked => Some(StripeRequest::post(
                format!("/v1/accounts/{}/capabilities/card_issuing_charge_card", account.id),
                None,
                key,
                Params::default().add("requested", "false").build(),
            )),
            CaseStep::Approval | CaseStep::NoticeSent | CaseStep::WindDownComplete => None,
        }
    }

    pub fn is_closure(&self) -> bool {
        self.kind == CaseKind::Closure
    }

    /// When funding obligations stop changing: deactivation plus 31 days.
    pub fn wind_down_ends(&self) -> Option<DateTime<Utc>> {
        self.deactivated_at.map(|d| d + Duration::days(WIND_DOWN_DAYS))
    }

    /// Whether the notice is late as of `now` (not sent by its deadline).
    pub fn notice_overdue(&self, now: DateTime<Utc>) -> bool {
        self.notice.is_none() && now > self.notice_due
    }

    /// Whether every required step is done as of `now`.
    pub fn complete(&self, now: DateTime<Utc>) -> bool {
        self.notice.is_some()
            && match self.kind {
                CaseKind::Closure => self.wind_down_ends().is_some_and(|end| now >= end),
                CaseKind::LimitDecrease { .. } => self.limit_applied_at.is_some(),
            }
    }

    /// Awaiting approval (four eyes), open, winding down (closure deactivated, within 31 days)
    /// or complete, as of `now`.
    pub fn status(&self, now: DateTime<Utc>) -> &'static str {
        if self.awaiting_approval() {
            "awaiting_approval"
        } else if self.complete(now) {
            "complete"
        } else if self.deactivated_at.is_some() && self.wind_down_ends().is_some_and(|end| now < end) {
            "winding_down"
        } else {
            "open"
        }
    }

    /// What prevents deactivation with the balance as last read. The notice does not: it is owed
    /// from the decision whatever the order, and stopping spend must not wait for a letter.
    fn deactivation_blocker(&self) -> Option<DomainError> {
        if self.balance.amount_minor < 0 {
            let owed = self.balance.negated();
            return Some(DomainError::rule(
                "deactivate_with_negative_balance",
                format!(
                    "the account owes Stripe: its Issuing balance is {}; top it up by {} to zero before deactivating",
                    self.balance.display(),
                    owed.display()
                ),
            ));
        }
        None
    }

    /// Why a case can no longer go on, if a later decision replaced it: a closure whose line was
    /// reopened by a new application, or a decrease whose limit was replaced before it was set.
    pub fn superseded_by(&self, id: &str, account: &crate::account::ConnectedAccount) -> Option<&'static str> {
        match &self.kind {
            CaseKind::Closure if account.closure_case.as_deref() != Some(id) => {
                Some("a new approved application reopened the credit line; this closure is over")
            }
            CaseKind::LimitDecrease { .. }
                if self.limit_applied_at.is_none()
                    && account.approved_limit.as_ref().and_then(|l| l.case_id.as_deref()) != Some(id) =>
            {
                Some("a later decision replaced this decreased limit before it was set (a closure or another approved limit)")
            }
            _ => None,
        }
    }

    /// Open, winding down, complete, or `superseded` when a later decision replaced it.
    pub fn status_with(&self, superseded: bool, now: DateTime<Utc>) -> &'static str {
        if superseded {
            "superseded"
        } else {
            self.status(now)
        }
    }

    /// The steps as the wizard shows them as of `now`; on a replaced case every step but its
    /// still-owed notice is blocked, naming why.
    pub fn steps_with(&self, superseded: Option<&str>, now: DateTime<Utc>) -> Vec<StepStatus> {
        let mut steps = self.steps(now);
        if let Some(why) = superseded {
            for s in steps.iter_mut().filter(|s| s.step != CaseStep::NoticeSent && !matches!(s.state, StepState::Done)) {
                s.state = StepState::Blocked;
                s.blocked_by = Some(why.to_owned());
            }
        }
        steps
    }

    /// The first step not done (on a replaced case only its still-owed notice).
    pub fn next_step(&self, superseded: bool, now: DateTime<Utc>) -> Option<CaseStep> {
        self.steps(now)
            .into_iter()
            .find(|s| !matches!(s.state, StepState::Done | StepState::Optional))
            .filter(|s| !superseded || s.step == CaseStep::NoticeSent)
            .map(|s| s.step)
    }

    /// The case's clocks as of `now`: the adverse-action notice, due from the decision.
    pub fn clocks(&self, now: DateTime<Utc>) -> Vec<CaseClock> {
        let done_at = self.notice.as_ref().map(|n| n.at);
        let state = match done_at {
            Some(at) if at <= self.notice_due => crate::ClockState::Met,
            Some(_) => crate::ClockState::Missed,
            None => crate::ClockState::Pending,
        };
        vec![CaseClock { clock: "notice".into(), due: self.notice_due, done_at, state, overdue: self.notice_overdue(now) }]
    }

    /// Whether the notice is not sent and due within [`NOTICE_DUE_SOON_DAYS`] of `now` (not yet late).
    pub fn notice_due_soon(&self, now: DateTime<Utc>) -> bool {
        self.notice.is_none() && !self.notice_overdue(now) && self.notice_due <= now + Duration::days(NOTICE_DUE_SOON_DAYS)
    }

    /// Every step of the case with its state as of `now`.
    pub fn steps(&self, now: DateTime<Utc>) -> Vec<StepStatus> {
        let st = |step, state, done_at, due, blocked_by: Option<DomainError>| StepStatus {
            step,
            state,
            done_at,
            due,
            overdue: false,
            blocked_by: blocked_by.map(|e| e.to_string()),
        };
        let mut out = vec![st(CaseStep::Decision, StepState::Done, Some(self.decided_at), None, None)];
        if let Some(a) = &self.approval {
            out.push(match a.approved_at {
                Some(at) => st(CaseStep::Approval, StepState::Done, Some(at), None, None),
                None => st(CaseStep::Approval, StepState::Ready, None, None, None),
            });
        }
        let mut notice = match &self.notice {
            Some(n) => st(CaseStep::NoticeSent, StepState::Done, Some(n.at), Some(self.notice_due), None),
            None => st(CaseStep::NoticeSent, StepState::Ready, None, Some(self.notice_due), None),
        };
        notice.overdue = self.notice_overdue(now);
        out.push(notice);
        match &self.kind {
            CaseKind::Closure => {
                out.push(match self.deactivated_at {
                    Some(at) => st(CaseStep::Deactivated, StepState::Done, Some(at), None, None),
                    None => match self.deactivation_blocker() {
                        Some(e) => st(CaseStep::Deactivated, StepState::Blocked, None, None, Some(e)),
                        None => st(CaseStep::Deactivated, StepState::Ready, None, None, None),
                    },
                });
                out.push(match self.wind_down_ends() {
                    Some(end) if now >= end => st(CaseStep::WindDownComplete, StepState::Done, Some(end), Some(end), None),
                    Some(end) => st(CaseStep::WindDownComplete, StepState::Waiting, None, Some(end), None),
                    None => st(
                        CaseStep::WindDownComplete,
                        StepState::Blocked,
                        None,
                        None,
                        Some(DomainError::rule("step_order", "the 31-day wind-down starts when the credit policy is deactivated")),
                    ),
                });
                out.push(match (&self.revocation, self.deactivated_at) {
                    (Some(r), _) => st(CaseStep::CapabilityRevoked, StepState::Done, Some(r.at), None, None),
                    (None, Some(_)) => st(CaseStep::CapabilityRevoked, StepState::Optional, None, None, None),
                    (None, None) => st(
                        CaseStep::CapabilityRevoked,
                        StepState::Blocked,
                        None,
                        None,
                        Some(DomainError::rule("step_order", "deactivate the credit policy before revoking the capability")),
                    ),
                });
            }
            CaseKind::LimitDecrease { .. } => out.push(match self.limit_applied_at {
                Some(at) => st(CaseStep::LimitApplied, StepState::Done, Some(at), None, None),
                None => st(CaseStep::LimitApplied, StepState::Ready, None, None, None),
            }),
        }
        if let Some(a) = self.approval.as_ref().filter(|a| a.pending()) {
            let why = awaiting_approval(&a.requested_by).to_string();
            for s in out.iter_mut().filter(|s| !matches!(s.step, CaseStep::Decision | CaseStep::Approval) && s.state != StepState::Done) {
                s.state = StepState::Blocked;
                s.blocked_by = Some(why.clone());
            }
        }
        out
    }

    /// Applies a command, or refuses it naming the rule; the case is unchanged on refusal.
    ///
    /// # Errors
    /// `Rule`: `step_order`, `deactivate_with_negative_balance`, `closed_line_reopens_by_application`,
    /// `already_done`, `step_not_in_case`; `Invalid` naming `at` for an instant before the decision,
    /// `currency` for a balance in another currency.
    pub fn apply(&mut self, cmd: &CaseCommand) -> Result<(), DomainError> {
        if cmd.at() < self.decided_at {
            return Err(DomainError::invalid("at", "a step of the case cannot come before its decision"));
        }
        let closure_only = |what: &str| {
            DomainError::rule("step_not_in_case", format!("{what} is a step of a credit-line closure, not of a limit decrease"))
        };
        if let Some(a) = self.approval.as_ref().filter(|a| a.pending()) {
            if !matches!(cmd, CaseCommand::Approve { .. } | CaseCommand::RecordBalance { .. } | CaseCommand::Reactivate { .. }) {
                return Err(awaiting_approval(&a.requested_by));
            }
        }
        match cmd {
            CaseCommand::Approve { at, by } => {
                let Some(a) = self.approval.as_mut() else {
                    return Err(DomainError::rule(
                        "four_eyes_not_required",
                        "this decision took effect when it was recorded: four eyes were off, so there is nothing to approve",
                    ));
                };
                if let (Some(when), Some(who)) = (a.approved_at, &a.approved_by) {
                    return Err(DomainError::rule(
                        "already_done",
                        format!("{who} already approved the decision on {}", when.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                    ));
                }
                let by = by.trim();
                if by.is_empty() {
                    return Err(DomainError::invalid("by", "name the officer who approves the decision"));
                }
                if crate::team::same_officer(by, &a.requested_by) {
                    return Err(DomainError::rule(
                        "four_eyes_not_own_decision",
                        format!("{} recorded this decision and cannot approve it: a second officer must", a.requested_by),
                    ));
                }
                a.approved_at = Some(*at);
                a.approved_by = Some(by.to_owned());
            }
            CaseCommand::SendNotice { at, channel } => {
                if self.notice.is_some() {
                    return Err(DomainError::rule("already_done", "the adverse-action notice is already recorded as sent"));
                }
                let late = *at > self.notice_due;
                self.notice = Some(NoticeRecord { at: *at, channel: *channel, language: None, text_sha256: None, late });
            }
            CaseCommand::RecordBalance { balance, .. } => {
                if balance.currency != self.balance.currency {
                    return Err(DomainError::invalid("currency", format!("the Issuing balance is kept in {}", self.balance.currency)));
                }
                self.balance = balance.clone();
            }
            CaseCommand::Deactivate { at } => {
                if !self.is_closure() {
                    return Err(closure_only("deactivation"));
                }
                if self.deactivated_at.is_some() {
                    return Err(DomainError::rule("already_done", "the credit policy is already inactive"));
                }
                if let Some(e) = self.deactivation_blocker() {
                    return Err(e);
                }
                self.deactivated_at = Some(*at);
            }
            CaseCommand::RevokeCapability { at, reason } => {
                if !self.is_closure() {
                    return Err(closure_only("revoking the capability"));
                }
                if self.revocation.is_some() {
                    return Err(DomainError::rule("already_done", "the card_issuing_charge_card capability is already revoked"));
                }
                let Some(deactivated) = self.deactivated_at else {
                    return Err(DomainError::rule("step_order", "deactivate the credit policy before revoking the capability"));
                };
                not_before(*at, deactivated, "the credit policy was deactivated")?;
                self.revocation = Some(Revocation { at: *at, reason: *reason });
            }
            CaseCommand::Reactivate { .. } => {
                return Err(DomainError::rule(
                    "closed_line_reopens_by_application",
                    "a closed credit line cannot be set active again; only a newly recorded, approved credit application reopens it",
                ));
            }
            CaseCommand::ApplyLimit { at } => {
                if self.is_closure() {
                    return Err(DomainError::rule("step_not_in_case", "a closure sets no new limit; deactivate the policy instead"));
                }
                if self.limit_applied_at.is_some() {
                    return Err(DomainError::rule("already_done", "the decreased limit is already set"));
                }
                self.limit_applied_at = Some(*at);
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
        Money { amount_minor: minor, currency: "usd".into() }
    }

    fn case(balance: i64) -> CreditCase {
        let reasons = AdverseReasons::new(vec!["delinquent_credit_obligations".into()], None, &all_approved()).unwrap();
        CreditCase::decide(CaseKind::Closure, at("2026-11-02T15:00:00Z"), reasons, None, usd(balance), DEFAULT_NOTICE_DAYS)
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
    fn rule_deactivation_does_not_wait_for_the_notice() {
        let mut c = case(0);
        c.apply(&CaseCommand::Deactivate { at: at("2026-11-03T15:00:00Z") }).expect("stopping spend does not wait for a letter");
        assert_eq!(c.notice_due, at("2026-12-02T15:00:00Z"), "the notice stays owed, counted from the decision");
        assert!(c.notice_overdue(at("2026-12-03T00:00:00Z")));
        assert!(!c.complete(at("2027-01-01T00:00:00Z")), "not complete while the notice is owed");
        c.apply(&CaseCommand::SendNotice { at: at("2026-11-04T15:00:00Z"), channel: NoticeChannel::Mail }).unwrap();
        assert!(c.complete(at("2027-01-01T00:00:00Z")));
    }

    #[test]
    fn rule_no_deactivation_while_balance_is_negative_and_message_says_how_much() {
        let mut c = case(-12_550);
        c.apply(&CaseCommand::SendNotice { channel: NoticeChannel::Email, at: at("2026-11-03T15:00:00Z") }).unwrap();
        let err = c.apply(&CaseCommand::Deactivate { at: at("2026-11-04T15:00:00Z") }).unwrap_err();
        assert!(err.to_string().contains("125.50 USD"), "{err}");
        assert_eq!(rule_of(err), "deactivate_with_negative_balance");
        c.apply(&CaseCommand::RecordBalance { balance: usd(0), at: at("2026-11-05T15:00:00Z") }).unwrap();
        c.apply(&CaseCommand::Deactivate { at: at("2026-11-05T16:00:00Z") }).expect("a topped-up account can be deactivated");
    }

    #[test]
    fn rule_wind_down_lasts_31_days_after_deactivation() {
        let mut c = case(0);
        c.apply(&CaseCommand::SendNotice { channel: NoticeChannel::Email, at: at("2026-11-03T15:00:00Z") }).unwrap();
        c.apply(&CaseCommand::Deactivate { at: at("2026-11-04T15:00:00Z") }).unwrap();
        assert_eq!(c.wind_down_ends(), Some(at("2026-12-05T15:00:00Z")));
        let wind_down = |now| c.steps(at(now)).into_iter().find(|s| s.step == CaseStep::WindDownComplete).unwrap().state;
        assert_eq!(wind_down("2026-12-05T14:59:59Z"), StepState::Waiting);
        assert_eq!(c.status(at("2026-12-05T14:59:59Z")), "winding_down");
        assert_eq!(wind_down("2026-12-05T15:00:00Z"), StepState::Done);
        assert!(c.complete(at("2026-12-05T15:00:00Z")));
    }

    #[test]
    fn rule_closed_line_never_reactivated() {
        let mut c = case(0);
        assert_eq!(
            rule_of(c.apply(&CaseCommand::Reactivate { at: at("2026-11-03T15:00:00Z") }).unwrap_err()),
            "closed_line_reopens_by_application"
        );
    }

    #[test]
    fn rule_capability_revoked_after_deactivation_only() {
        let mut c = case(0);
        let revoke = CaseCommand::RevokeCapability { at: at("2026-11-06T15:00:00Z"), reason: RevocationReason::TermsViolated };
        assert_eq!(rule_of(c.apply(&revoke).unwrap_err()), "step_order");
        c.apply(&CaseCommand::SendNotice { channel: NoticeChannel::Email, at: at("2026-11-03T15:00:00Z") }).unwrap();
        c.apply(&CaseCommand::Deactivate { at: at("2026-11-04T15:00:00Z") }).unwrap();
        c.apply(&revoke).unwrap();
        assert_eq!(rule_of(c.apply(&revoke).unwrap_err()), "already_done");
    }

    #[test]
    fn rule_wizard_names_what_blocks_deactivation() {
        let mut c = case(-2_000);
        let deact = |c: &CreditCase| c.steps(at("2026-11-04T00:00:00Z")).into_iter().find(|s| s.step == CaseStep::Deactivated).unwrap();
        assert_eq!(deact(&c).state, StepState::Blocked);
        assert!(deact(&c).blocked_by.unwrap().contains("top it up by 20.00 USD"));
        c.apply(&CaseCommand::RecordBalance { balance: usd(0), at: at("2026-11-03T16:00:00Z") }).unwrap();
        assert_eq!(deact(&c).state, StepState::Ready);
    }

    #[test]
    fn rule_limit_decrease_is_an_adverse_action_with_its_own_notice() {
        let reasons = AdverseReasons::new(vec!["insufficient_cash_flow".into()], None, &all_approved()).unwrap();
        let kind = CaseKind::LimitDecrease { from: usd(200_000), to: usd(50_000) };
        let mut c = CreditCase::decide(kind, at("2026-11-02T15:00:00Z"), reasons, None, usd(0), DEFAULT_NOTICE_DAYS);
        assert_eq!(c.kind.decision_type(), "credit_limit_decreased");
        assert_eq!(c.notice_due, at("2026-12-02T15:00:00Z"));
        assert_eq!(rule_of(c.apply(&CaseCommand::Deactivate { at: at("2026-11-03T15:00:00Z") }).unwrap_err()), "step_not_in_case");
        c.apply(&CaseCommand::ApplyLimit { at: at("2026-11-02T15:00:00Z") }).unwrap();
        assert!(!c.complete(at("2026-11-03T00:00:00Z")), "not complete before the notice is sent");
        c.apply(&CaseCommand::SendNotice { at: at("2026-11-03T15:00:00Z"), channel: NoticeChannel::Email }).unwrap();
        assert!(c.complete(at("2026-11-03T16:00:00Z")));
    }

    #[test]
    fn rule_underwriting_exception_needs_explanation_and_original_decision() {
        let err = |e: Option<&str>, o: Option<&str>| match UnderwritingException::from_parts(e.map(Into::into), o.map(Into::into)) {
            Err(DomainError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(err(Some("Long relationship"), None), "exception_original_decision_type");
        assert_eq!(err(None, Some("no_changes")), "exception_explanation");
        assert_eq!(err(Some("x"), Some("approved")), "exception_original_decision_type");
        assert!(UnderwritingException::from_parts(None, None).unwrap().is_none());
        let ok = UnderwritingException::from_parts(Some(" Board decision ".into()), Some("no_changes".into())).unwrap().unwrap();
        assert_eq!(ok.explanation, "Board decision");
    }

    #[test]
    fn every_step_shows_its_stripe_request_with_a_stable_idempotency_key() {
        let acct: crate::account::ConnectedAccount = serde_json::from_value(serde_json::json!({
            "id": "acct_1Abc", "legal_name": "Müller Bau GmbH", "email": "f@m.example", "address": null,
            "policy": {"limit": {"amount_minor": 200000, "currency": "USD"}, "period_interval": "month", "period_count": 1,
                       "days_until_due": 10, "status": "active"},
            "balance": {"amount_minor": 0, "currency": "USD"}, "balance_at": "2026-11-01T00:00:00Z", "capability": "active"
        }))
        .unwrap();
        let mut c = case(0);
        let d = c.stripe_request("CRD-2026-00001", CaseStep::Decision, &acct).unwrap();
        assert_eq!(d.path, "/v1/issuing/credit_underwriting_records/create_from_proactive_review");
        assert_eq!(d.stripe_account.as_deref(), Some("acct_1Abc"));
        assert_eq!(d.idempotency_key, "cdesk-CRD-2026-00001-decision");
        assert!(d.params.contains(&("decision[credit_line_closed][reasons][0]".into(), "delinquent_credit_obligations".into())));
        assert!(d.params.contains(&("decided_at".into(), "1793631600".into())));
        let deact = c.stripe_request("CRD-2026-00001", CaseStep::Deactivated, &acct).unwrap();
        assert_eq!((deact.path.as_str(), deact.body.as_str()), ("/v1/issuing/credit_policy", "status=inactive"));
        let rev = c.stripe_request("CRD-2026-00001", CaseStep::CapabilityRevoked, &acct).unwrap();
        assert_eq!(rev.path, "/v1/accounts/acct_1Abc/capabilities/card_issuing_charge_card");
        assert_eq!(rev.stripe_account, None);
        assert!(c.stripe_request("CRD-2026-00001", CaseStep::NoticeSent, &acct).is_none());
        let now = at("2026-11-03T00:00:00Z");
        assert_eq!(rule_of(c.record_stripe_object(CaseStep::Deactivated, "x", now).unwrap_err()), "step_order");
        assert_eq!(rule_of(c.record_stripe_object(CaseStep::Decision, " ", now).unwrap_err()), "field object_id");
        c.record_stripe_object(CaseStep::Decision, "icur_123", now).unwrap();
        assert_eq!(c.stripe_objects["decision"], "icur_123");
    }

    #[test]
    fn rule_steps_are_dated_in_their_order() {
        let mut c = case(0);
        c.apply(&CaseCommand::Deactivate { at: at("2026-11-10T15:00:00Z") }).unwrap();
        let early = CaseCommand::RevokeCapability { at: at("2026-11-10T14:00:00Z"), reason: RevocationReason::CriteriaNotMet };
        assert_eq!(rule_of(c.apply(&early).unwrap_err()), "field at");
    }

    #[test]
    fn step_before_decision_is_refused_naming_at() {
        let mut c = case(0);
        let e = c.apply(&CaseCommand::SendNotice { at: at("2026-11-01T00:00:00Z"), channel: NoticeChannel::Email }).unwrap_err();
        assert_eq!(rule_of(e), "field at");
    }

    fn command() -> impl Strategy<Value = CaseCommand> {
        let t = (0i64..60).prop_map(|d| at("2026-11-02T15:00:00Z") + Duration::days(d));
        prop_oneof![
            t.clone().prop_map(|at| CaseCommand::SendNotice { at, channel: NoticeChannel::Mail }),
            (t.clone(), -50_000i64..50_000).prop_map(|(at, b)| CaseCommand::RecordBalance { balance: usd(b), at }),
            t.clone().prop_map(|at| CaseCommand::Deactivate { at }),
            t.clone().prop_map(|at| CaseCommand::RevokeCapability { at, reason: RevocationReason::CriteriaNotMet }),
            t.prop_map(|at| CaseCommand::Reactivate { at }),
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
                        if let CaseCommand::Deactivate { at } = cmd {
                            prop_assert!(balance_before >= 0, "deactivated with a negative balance");
                            prop_assert!(*at >= c.decided_at, "deactivated before the decision");
                        }
                        if let CaseCommand::RevokeCapability { at, .. } = cmd {
                            prop_assert!(c.deactivated_at.is_some_and(|d| d <= *at), "revoked before deactivation");
                        }
                        prop_assert!(!matches!(cmd, CaseCommand::Reactivate { .. }), "a closed line was reactivated");
                    }
                    Err(_) => prop_assert_eq!(&c, &before, "a refused command changed the case"),
                }
                if c.revocation.is_some() {
                    prop_assert!(c.deactivated_at.is_some());
                }
            }
        }
    }
}
