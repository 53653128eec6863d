// Credit data for tests.
import type { AccountRow } from "../bindings/AccountRow";
import type { AccountView } from "../bindings/AccountView";
import type { CaseTimelineEntry } from "../bindings/CaseTimelineEntry";
import type { ConnectedAccount } from "../bindings/ConnectedAccount";
import type { CreditCaseRow } from "../bindings/CreditCaseRow";
import type { CreditCaseView } from "../bindings/CreditCaseView";
import type { CreditProgramView } from "../bindings/CreditProgramView";
import type { Language } from "../bindings/Language";
import type { StepStatus } from "../bindings/StepStatus";
import type { Backend } from "../ipc/testing";
import { plainEntry } from "../shared/fixtures";
import recordedProgram from "../recorded/credit-program.json";

// Lower-case, as the backend sends currency codes.
export const usd = (amount_minor: number) => ({ amount_minor, currency: "usd" });

export function connectedAccount(patch: Partial<ConnectedAccount> = {}): ConnectedAccount {
  return {
    id: "acct_1Ace",
    legal_name: "Acme Robotics LLC",
    email: "finance@acme.test",
    address: "1 Main St\nSpringfield",
    business_type: "company",
    policy: { limit: usd(200000), period_interval: "month", period_count: 1, days_until_due: 10, status: "active" },
    balance: usd(0),
    balance_at: "2026-11-20T15:00:00Z",
    balance_readings: [{ at: "2026-11-20T15:00:00Z", balance: usd(0), opening: true }],
    capability: "active",
    approved_limit: null,
    period_approval: null,
    upcoming: null,
    last_effective: null,
    closure_case: null,
    last_application: null,
    stripe_objects: {},
    losses: "platform",
    country: null,
    debit_negative_balances: false,
    rejected_for_fraud_at: null,
    ...patch,
  };
}

export function accountView(patch: Partial<ConnectedAccount> = {}, rest: Partial<AccountView> = {}): AccountView {
  const account = connectedAccount(patch);
  return { id: account.id, account, owes: account.balance.amount_minor < 0, cases: [], requests: [], history: [], ...rest };
}

export function accountRow(patch: Partial<AccountRow> = {}): AccountRow {
  return {
    id: "acct_1Ace",
    legal_name: "Acme Robotics LLC",
    status: "active",
    capability: "active",
    limit: usd(200000),
    balance: usd(0),
    balance_at: "2026-11-20T15:00:00Z",
    owes: false,
    closure_case: null,
    upcoming_at: null,
    ...patch,
  };
}

export function caseRow(id: string, patch: Partial<CreditCaseRow> = {}): CreditCaseRow {
  return {
    id,
    account_id: "acct_1Ace",
    account_name: "Acme Robotics LLC",
    decision_type: "credit_line_closed",
    status: "open",
    decided_at: "2026-11-02T15:00:00Z",
    notice_due: "2026-12-02T15:00:00Z",
    notice_sent: false,
    notice_overdue: false,
    notice_due_soon: false,
    next_step: "notice_sent",
    assignee: null,
    ...patch,
  };
}

const step = (s: Partial<StepStatus> & Pick<StepStatus, "step" | "state">): StepStatus => ({
  done_at: null,
  due: null,
  overdue: false,
  blocked_by: null,
  ...s,
});

/** An entry of a case's timeline: the notice recorded as sent when it happened, voidable. */
export function caseEntry(seq: number, patch: Partial<CaseTimelineEntry> = {}): CaseTimelineEntry {
  return {
    seq,
    recorded_at: "2026-11-05T15:00:00Z",
    actor: "a.okafor",
    action: "notice_sent",
    occurred_at: "2026-11-05T15:00:00Z",
    description: "Adverse-action notice sent by email",
    ...plainEntry,
    ...patch,
  };
}

/** The decision every case's timeline starts with: never voidable. */
export const decisionEntry = (): CaseTimelineEntry =>
  caseEntry(1, {
    recorded_at: "2026-11-02T15:00:00Z",
    action: "decision_recorded",
    occurred_at: "2026-11-02T15:00:00Z",
    description: "Underwriting decision: credit line closed",
    can_void: false,
  });

/** What blocks deactivation while the account owes Stripe, as the backend says it. */
function owesMessage(balance: number): string {
  return `the account owes Stripe: its Issuing balance is ${(balance / 100).toFixed(2)} USD; top it up by ${(-balance / 100).toFixed(2)} USD to zero before deactivating`;
}

/**
 * A closure whose notice is not sent yet; `balance` is the Issuing balance in cents.
 * Deactivation does not wait for the notice: it is ready unless the account owes Stripe.
 */
export function closureCase(balance = 0, patch: Partial<CreditCaseView> = {}): CreditCaseView {
  // The view's revision is the seq of the last entry of its timeline, as the backend sets it.
  const timeline = patch.timeline ?? [decisionEntry()];
  return {
    id: "CRD-2026-00001",
    account_id: "acct_1Ace",
    account_name: "Acme Robotics LLC",
    decision_type: "credit_line_closed",
    status: "open",
    program_missing: [],
    notice_send_blocked_by: null,
    next_step: "notice_sent",
    case: {
      kind: { type: "closure" },
      decided_at: "2026-11-02T15:00:00Z",
      reasons: { codes: ["delinquent_credit_obligations", "other"], other_explanation: "Repeated chargebacks" },
      exception: null,
      notice_due: "2026-12-02T15:00:00Z",
      notice: null,
      balance: usd(balance),
      deactivated_at: null,
      revocation: null,
      limit_applied_at: null,
      stripe_objects: {},
      approval: null,
      assignee: null,
    },
    steps: [
      step({ step: "decision", state: "done", done_at: "2026-11-02T15:00:00Z" }),
      step({ step: "notice_sent", state: "ready", due: "2026-12-02T15:00:00Z" }),
      balance < 0 ? step({ step: "deactivated", state: "blocked", blocked_by: owesMessage(balance) }) : step({ step: "deactivated", state: "ready" }),
      step({ step: "wind_down_complete", state: "blocked", blocked_by: "the 31-day wind-down starts when the credit policy is deactivated" }),
      step({ step: "capability_revoked", state: "blocked", blocked_by: "deactivate the credit policy before revoking the capability" }),
    ],
    notice_due: "2026-12-02T15:00:00Z",
    notice_overdue: false,
    wind_down_ends: null,
    reasons_worded: ["You have not kept up with other credit obligations", "Other: Repeated chargebacks"],
    requests: [
      {
        step: "decision",
        request: {
          method: "POST",
          path: "/v1/issuing/credit_underwriting_records/create_from_proactive_review",
          stripe_account: "acct_1Ace",
          idempotency_key: "cdesk-CRD-2026-00001-decision",
          params: [
            ["credit_user[name]", "Acme Robotics LLC"],
            ["decision[type]", "credit_line_closed"],
          ],
          body: "credit_user%5Bname%5D=Acme+Robotics+LLC&decision%5Btype%5D=credit_line_closed",
        },
        curl: "curl https://api.stripe.com/v1/issuing/credit_underwriting_records/create_from_proactive_review -u \"$STRIPE_SECRET_KEY:\"",
        note: null,
        object_id: null,
      },
      { step: "notice_sent", request: null, curl: null, note: "Nothing goes to Stripe: the platform sends the notice to the account holder itself.", object_id: null },
      {
        step: "deactivated",
        request: { method: "POST", path: "/v1/issuing/credit_policy", stripe_account: "acct_1Ace", idempotency_key: "cdesk-CRD-2026-00001-deactivated", params: [["status", "inactive"]], body: "status=inactive" },
        curl: "curl https://api.stripe.com/v1/issuing/credit_policy",
        note: null,
        object_id: null,
      },
    ],
    history: [],
    timeline,
    revision: timeline.length > 0 ? timeline[timeline.length - 1].seq : 1,
    clocks: [{ clock: "notice", due: "2026-12-02T15:00:00Z", done_at: null, state: "pending", overdue: false }],
    notice_sent: null,
    ...patch,
  };
}

/** The same closure once the notice is sent (on time, by email, in English unless `language` says otherwise). */
export function closureNoticeSent(balance: number, language: Language = "en", late = false): CreditCaseView {
  const c = closureCase(balance);
  const sha256 = "9f2c4e7a1b3d5f60718293a4b5c6d7e8f9012345678901234567890abcdef012";
  return {
    ...c,
    case: { ...c.case, notice: { at: "2026-11-05T15:00:00Z", channel: "email", language, text_sha256: sha256, late } },
    notice_sent: { at: "2026-11-05T15:00:00Z", channel: "email", language, sha256, late },
    steps: c.steps.map((s) => (s.step === "notice_sent" ? { ...s, state: "done", done_at: "2026-11-05T15:00:00Z" } : s)),
    timeline: [decisionEntry(), caseEntry(2)],
    revision: 2,
    clocks: [{ clock: "notice", due: "2026-12-02T15:00:00Z", done_at: "2026-11-05T15:00:00Z", state: "met", overdue: false }],
  };
}

/** What blocks every later step while the decision waits for its approval, as the backend says it. */
export const AWAITING_APPROVAL = "the decision recorded by a.okafor takes effect once a second officer approves it; nothing follows it until then";

/**
 * A closure recorded with four eyes on, not yet approved: the approval step is ready and every
 * later step is blocked until a second officer approves the decision.
 */
export function closureAwaitingApproval(): CreditCaseView {
  const c = closureCase();
  const blocked = c.steps.filter((s) => s.step !== "decision").map((s) => ({ ...s, state: "blocked" as const, blocked_by: AWAITING_APPROVAL }));
  return {
    ...c,
    status: "awaiting_approval",
    next_step: "approval",
    case: { ...c.case, approval: { requested_by: "a.okafor", approved_at: null, approved_by: null } },
    steps: [c.steps[0], step({ step: "approval", state: "ready" }), ...blocked],
  };
}

/** The same closure once Ben Okafor approved it (2026-11-03 14:00 UTC): its steps may follow. */
export function closureApproved(): CreditCaseView {
  const c = closureCase();
  return {
    ...c,
    case: { ...c.case, approval: { requested_by: "a.okafor", approved_at: "2026-11-03T14:00:00Z", approved_by: "Ben Okafor" } },
    steps: [c.steps[0], step({ step: "approval", state: "done", done_at: "2026-11-03T14:00:00Z" }), ...c.steps.slice(1)],
    timeline: [
      decisionEntry(),
      caseEntry(2, {
        recorded_at: "2026-11-03T14:00:00Z",
        actor: "Ben Okafor",
        action: "decision_approved",
        occurred_at: "2026-11-03T14:00:00Z",
        description: "Decision approved by Ben Okafor (four eyes)",
      }),
    ],
    revision: 2,
  };
}

export function programView(patch: Partial<CreditProgramView> = {}): CreditProgramView {
  const reasons = [
    { code: "bankruptcy", approved: true, wording: { en: "A bankruptcy is on record", de: "Es liegt eine Insolvenz vor", ja: "破産の記録があります" }, shipped: { en: "A bankruptcy is on record", de: "Es liegt eine Insolvenz vor", ja: "破産の記録があります" }, customised: false },
    { code: "delinquent_credit_obligations", approved: true, wording: { en: "You have not kept up with other credit obligations", de: "Andere Kreditverpflichtungen wurden nicht erfüllt", ja: "他の信用債務が履行されていません" }, shipped: { en: "You have not kept up with other credit obligations", de: "Andere Kreditverpflichtungen wurden nicht erfüllt", ja: "他の信用債務が履行されていません" }, customised: false },
    { code: "dispute_rate_too_high", approved: true, wording: { en: "Too many of your payments are disputed", de: "Zu viele Zahlungen werden angefochten", ja: "支払いへの異議が多すぎます" }, shipped: { en: "Too many of your payments are disputed", de: "Zu viele Zahlungen werden angefochten", ja: "支払いへの異議が多すぎます" }, customised: true },
    { code: "insufficient_cash_flow", approved: true, wording: { en: "Your cash flow is not sufficient", de: "Der Cashflow reicht nicht aus", ja: "キャッシュフローが不十分です" }, shipped: { en: "Your cash flow is not sufficient", de: "Der Cashflow reicht nicht aus", ja: "キャッシュフローが不十分です" }, customised: false },
    { code: "high_risk_industry", approved: false, wording: { en: "The business is in a high-risk industry", de: "Das Unternehmen ist in einer Hochrisikobranche tätig", ja: "高リスク業種です" }, shipped: { en: "The business is in a high-risk industry", de: "Das Unternehmen ist in einer Hochrisikobranche tätig", ja: "高リスク業種です" }, customised: false },
    { code: "other", approved: true, wording: { en: "Other", de: "Sonstiges", ja: "その他" }, shipped: { en: "Other", de: "Sonstiges", ja: "その他" }, customised: false },
  ];
  return {
    program: {
      creditor_name: "Acme Cards Inc.",
      creditor_address: "2 Bank St\nNew York, NY",
      creditor_phone: "+1 212 555 0100",
      creditor_email: null,
      agency_name: "",
      agency_address: "",
      approved_reasons: reasons.filter((r) => r.approved).map((r) => r.code),
      wording: { dispute_rate_too_high: reasons[2].wording },
      notice_days: 30,
      notice_language: "en",
      approved_periods: [],
    },
    reasons,
    missing_for_notice: ["agency_name", "agency_address"],
    // What only the backend decides, as it answered (scripts/record-ui-fixtures.sh).
    max_reasons: recordedProgram.max_reasons,
    exception_decision_types: recordedProgram.exception_decision_types,
    ...patch,
  };
}

/** What a credit case view's backend reads in a test; `account` and `program` default to the fixtures'. */
export interface CaseViewReads {
  /** The case `get_credit_case` answers. */
  current: () => CreditCaseView;
  /** The account `get_account` answers; null for the fixture's, at the case's balance. */
  account?: () => AccountView | null;
  /** The program `credit_program` answers. */
  program?: () => CreditProgramView;
}

/**
 * A backend for a credit case view's tests: it answers what the view reads when it opens (the
 * case, its account, the program, no notices due) and hands any other command to `other`.
 */
export function caseViewBackend(reads: CaseViewReads, other: Backend): Backend {
  return (cmd, args) => {
    switch (cmd) {
      case "get_credit_case":
        return reads.current();
      case "get_account":
        return reads.account?.() ?? accountView({ balance: reads.current().case.balance });
      case "credit_program":
        return reads.program?.() ?? programView();
      case "notice_counts":
        return { overdue: 0, due_soon: 0 };
      default:
        return other(cmd, args);
    }
  };
}
