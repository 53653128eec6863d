// How a credit case's steps are shown and recorded. The backend decides each step's state; the
// wizard offers an action only on a step that is `ready` (or `optional`), so a step out of order
// cannot be asked for, and shows what blocks every other step.
import type { CaseStep } from "../bindings/CaseStep";
import type { CreditCaseView } from "../bindings/CreditCaseView";
import type { CreditStep } from "../bindings/CreditStep";
import type { CreditStepInput } from "../bindings/CreditStepInput";
import type { Language } from "../bindings/Language";
import type { Money } from "../bindings/Money";
import type { NoticeChannel } from "../bindings/NoticeChannel";
import type { RevocationReason } from "../bindings/RevocationReason";
import type { StepRequest } from "../bindings/StepRequest";
import type { StepStatus } from "../bindings/StepStatus";
import { inFutureMessage, isInFuture, localToUtcRfc3339 } from "../shared/datetime";
import { optionalText } from "../shared/forms";
import { STEP_STATE_LABEL, STEP_STATE_TONE, STEP_TITLE, type Tone } from "./labels";

/** The steps an officer records with a dialog. */
export type StepAction = "notice_sent" | "deactivate" | "revoke_capability" | "apply_limit";

const ACTION_OF: Record<CaseStep, StepAction | null> = {
  decision: null,
  notice_sent: "notice_sent",
  deactivated: "deactivate",
  wind_down_complete: null,
  capability_revoked: "revoke_capability",
  limit_applied: "apply_limit",
};

export const ACTION_LABEL: Record<StepAction, string> = {
  notice_sent: "Record as sent…",
  deactivate: "Deactivate policy…",
  revoke_capability: "Revoke capability…",
  apply_limit: "Apply new limit…",
};

export const ACTION_TITLE: Record<StepAction, string> = {
  notice_sent: "Record the adverse-action notice as sent",
  deactivate: "Deactivate the credit policy",
  revoke_capability: "Revoke the card_issuing_charge_card capability",
  apply_limit: "Apply the decreased credit limit",
};

export const ACTION_SUBMIT: Record<StepAction, string> = {
  notice_sent: "Record notice as sent",
  deactivate: "Record deactivation",
  revoke_capability: "Record revocation",
  apply_limit: "Record new limit",
};

/** The step a dialog's action records, as the case lists it. */
export const STEP_OF_ACTION: Record<StepAction, CaseStep> = {
  notice_sent: "notice_sent",
  deactivate: "deactivated",
  revoke_capability: "capability_revoked",
  apply_limit: "limit_applied",
};

/** What each step is, in a sentence. */
export function stepPurpose(step: CaseStep, closure: boolean): string {
  switch (step) {
    case "decision":
      return closure
        ? "The proactive review that closes the credit line, with its principal reasons in order of importance."
        : "The proactive review that lowers the credit limit, with its principal reasons in order of importance.";
    case "notice_sent":
      return "Tell the account holder, with the same reasons, by the due date counted from the decision. The platform sends it; nothing goes to Stripe.";
    case "deactivated":
      return "Set the credit policy inactive; this does not wait for the notice. Stripe refuses it while the Issuing balance is below zero.";
    case "wind_down_complete":
      return "For 31 days after deactivation, authorizations from before can still be captured.";
    case "capability_revoked":
      return "Only when the platform no longer backs the account. It can be requested again only after a new application.";
    case "limit_applied":
      return "Set the credit limit to the decided amount, which the underwriting record approved.";
  }
}

/**
 * The action a step offers now: only on a step that can be done now (`ready`) or may be
 * (`optional`). Done, blocked and waiting steps offer none.
 */
export function actionOf(s: Pick<StepStatus, "step" | "state">): StepAction | null {
  if (s.state !== "ready" && s.state !== "optional") return null;
  return ACTION_OF[s.step];
}

export interface StepPresentation {
  status: StepStatus;
  title: string;
  stateLabel: string;
  tone: Tone;
  action: StepAction | null;
  request: StepRequest | null;
}

/** Every step of a case in order, with what the wizard shows for it. */
export function presentSteps(view: Pick<CreditCaseView, "steps" | "requests">): StepPresentation[] {
  return view.steps.map((status) => ({
    status,
    title: STEP_TITLE[status.step] ?? status.step,
    stateLabel: status.overdue && status.state !== "done" ? "Overdue" : STEP_STATE_LABEL[status.state],
    tone: status.overdue && status.state !== "done" ? "danger" : STEP_STATE_TONE[status.state],
    action: actionOf(status),
    request: view.requests.find((r) => r.step === status.step) ?? null,
  }));
}

/** The amount to add to the Issuing balance to bring it to zero, or null when it is not below zero. */
export function topUpAmount(balance: Money): Money | null {
  return balance.amount_minor < 0 ? { amount_minor: -balance.amount_minor, currency: balance.currency } : null;
}

/** A recorded Stripe object id may be entered only on a done step that sent a request. */
export function canRecordObject(status: Pick<StepStatus, "state">, request: StepRequest | null): boolean {
  return status.state === "done" && request?.request != null;
}

export interface StepValues {
  date: string;
  time: string;
  channel: NoticeChannel | "";
  /** The language of the notice sent ("" leaves it to the program's notice language). */
  language: Language | "";
  reason: RevocationReason | "";
}

export type BuiltCreditStep = { ok: true; input: CreditStepInput } | { ok: false; errors: Record<string, string> };

/** Checks a step dialog's values and builds the `credit_step` input (instants in UTC, none in the future). */
export function buildCreditStep(caseId: string, action: StepAction, v: StepValues, now: Date = new Date()): BuiltCreditStep {
  const errors: Record<string, string> = {};
  const at = localToUtcRfc3339(v.date, v.time);
  if (!at) errors.at = "Enter the date (YYYY-MM-DD) and time (HH:MM) this happened.";
  else if (isInFuture(at, now)) errors.at = inFutureMessage();
  let step: CreditStep;
  switch (action) {
    case "notice_sent":
      if (!v.channel) errors.channel = "Say how the notice went out.";
      step = { type: "notice_sent", at: at ?? "", channel: v.channel, language: v.language || null };
      break;
    case "deactivate":
      step = { type: "deactivate", at: at ?? "" };
      break;
    case "revoke_capability":
      if (!v.reason) errors.reason = "Say why the platform no longer backs the account.";
      step = { type: "revoke_capability", at: at ?? "", reason: v.reason };
      break;
    case "apply_limit":
      step = { type: "apply_limit", at: at ?? "" };
      break;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { case_id: caseId, step } };
}

/** The `credit_step` input that records the Stripe object a done step produced. */
export function buildObjectStep(caseId: string, step: string, objectId: string): BuiltCreditStep {
  const id = optionalText(objectId);
  if (!id) return { ok: false, errors: { object_id: "Paste the id Stripe returned, e.g. icur_1Nv…" } };
  return { ok: true, input: { case_id: caseId, step: { type: "record_stripe_object", step, object_id: id } } };
}
