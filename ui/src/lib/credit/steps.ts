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
import { t } from "../i18n";
import { inFutureMessage, isInFuture, localToUtcRfc3339 } from "../shared/datetime";
import { optionalText } from "../shared/forms";
import { STEP_STATE_TONE, stepStateLabel, stepTitle, type Tone } from "./labels";

/** The steps an officer records with a dialog. */
export type StepAction = "notice_sent" | "deactivate" | "revoke_capability" | "apply_limit";

// The approval has a dialog and a command of its own (`approve_credit_case`), not a `credit_step`.
const ACTION_OF: Record<CaseStep, StepAction | null> = {
  decision: null,
  approval: null,
  notice_sent: "notice_sent",
  deactivated: "deactivate",
  wind_down_complete: null,
  capability_revoked: "revoke_capability",
  limit_applied: "apply_limit",
};

export const STEP_ACTIONS: ReadonlyArray<StepAction> = ["notice_sent", "deactivate", "revoke_capability", "apply_limit"];

/** The action's button: "Record as sent…". */
export function actionLabel(action: StepAction): string {
  return t(`credit.stepAction.label.${action}`);
}

/** The action's dialog title: "Record the adverse-action notice as sent". */
export function actionTitle(action: StepAction): string {
  return t(`credit.stepAction.title.${action}`);
}

/** The action's dialog button: "Record notice as sent". */
export function actionSubmit(action: StepAction): string {
  return t(`credit.stepAction.submit.${action}`);
}

/** The step a dialog's action records, as the case lists it. */
export const STEP_OF_ACTION: Record<StepAction, CaseStep> = {
  notice_sent: "notice_sent",
  deactivate: "deactivated",
  revoke_capability: "capability_revoked",
  apply_limit: "limit_applied",
};

/** What each step is, in a sentence. */
export function stepPurpose(step: CaseStep, closure: boolean): string {
  if (step === "decision") return t(closure ? "credit.stepPurpose.decisionClosure" : "credit.stepPurpose.decisionDecrease");
  return t(`credit.stepPurpose.${step}`);
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
  /** Four eyes: the step is the approval and it can be given now (the "Approve decision" button). */
  approve: boolean;
  request: StepRequest | null;
}

/** Every step of a case in order, with what the wizard shows for it. */
export function presentSteps(view: Pick<CreditCaseView, "steps" | "requests">): StepPresentation[] {
  return view.steps.map((status) => ({
    status,
    title: stepTitle(status.step),
    stateLabel: status.overdue && status.state !== "done" ? t("credit.stepState.overdue") : stepStateLabel(status.state),
    tone: status.overdue && status.state !== "done" ? "danger" : STEP_STATE_TONE[status.state],
    action: actionOf(status),
    approve: status.step === "approval" && status.state === "ready",
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
  if (!at) errors.at = t("credit.stepForm.atRequired");
  else if (isInFuture(at, now)) errors.at = inFutureMessage();
  let step: CreditStep;
  switch (action) {
    case "notice_sent":
      if (!v.channel) errors.channel = t("credit.stepForm.channelRequired");
      step = { type: "notice_sent", at: at ?? "", channel: v.channel, language: v.language || null };
      break;
    case "deactivate":
      step = { type: "deactivate", at: at ?? "" };
      break;
    case "revoke_capability":
      if (!v.reason) errors.reason = t("credit.stepForm.reasonRequired");
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
  if (!id) return { ok: false, errors: { object_id: t("credit.stepForm.objectIdRequired") } };
  return { ok: true, input: { case_id: caseId, step: { type: "record_stripe_object", step, object_id: id } } };
}
