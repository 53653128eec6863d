// The steps a person can record on a complaint: what their buttons and dialogs say, and how a
// dialog's fields become a `record_step` input. Which steps are open, and why the others are
// not, is the backend's answer (`ComplaintDetail.actions`).
import type { ComplaintAction } from "../bindings/ComplaintAction";
import type { ComplaintKind } from "../bindings/ComplaintKind";
import type { ComplaintStep } from "../bindings/ComplaintStep";
import type { Ground } from "../bindings/Ground";
import type { Outcome } from "../bindings/Outcome";
import type { RecordStepInput } from "../bindings/RecordStepInput";
import { t } from "../i18n/translate";
import { inFutureMessage, isInFuture, localToRfc3339 } from "../shared/datetime";
import { optionalText } from "../shared/forms";
import { majorToMinor } from "../shared/money";

/** The steps recorded with `record_step` (a tracked fact has its own dialog and command). */
export type StepType = Exclude<ComplaintStep["type"], "track">;

/** The steps, in the order their labels are listed. */
export const STEP_TYPES: ReadonlyArray<StepType> = [
  "acknowledge",
  "notify_stripe",
  "stripe_review_completed",
  "contact_customer",
  "reclassify",
  "resolve",
  "reopen",
  "add_note",
];

/** A step's name (its button, its dialog's title). */
export function stepLabel(type: StepType): string {
  return t(`complaints.step.label.${type}`);
}

/** The dialog's confirm button. */
export function stepSubmitLabel(type: StepType): string {
  return t(`complaints.step.submit.${type}`);
}

/** What the dialog says the step records. */
export function stepHelp(type: StepType): string {
  return t(`complaints.step.help.${type}`);
}

/** The actions with dialogs of their own, sent with commands other than `record_step`. */
export type OwnDialogAction = Exclude<ComplaintAction, StepType>;

const OWN_DIALOG_ACTIONS: ReadonlyArray<OwnDialogAction> = ["approve_reclassification", "assign", "track", "not_a_complaint"];

/** True for an action recorded with a dialog and command of its own (not a `record_step` step). */
export function hasOwnDialog(action: ComplaintAction): action is OwnDialogAction {
  return (OWN_DIALOG_ACTIONS as ReadonlyArray<ComplaintAction>).includes(action);
}

/** What each action's button says when nothing keeps it closed (the actions with dialogs of their own). */
export function actionHint(action: ComplaintAction): string | undefined {
  return hasOwnDialog(action) ? t(`complaints.actions.hint.${action}`) : undefined;
}

/** The label of an action the backend offers. */
export function actionLabel(action: ComplaintAction): string {
  switch (action) {
    case "track":
      return t("complaints.actions.track");
    case "not_a_complaint":
      return t("complaints.actions.notAComplaint");
    case "approve_reclassification":
      return t("complaints.actions.approveReclassification");
    case "assign":
      return t("complaints.actions.assign");
    default:
      return stepLabel(action);
  }
}

/** Everything a step dialog can ask for; each step uses some of it. */
export interface StepFormValues {
  date: string;
  time: string;
  how: string;
  note: string;
  reference: string;
  /** The resolution date Stripe set with its review (YYYY-MM-DD), if it set one. */
  resolveBy: string;
  kind: ComplaintKind;
  grounds: Ground[];
  reason: string;
  summary: string;
  outcome: Outcome | "";
  amount: string;
  currency: string;
  /** The root cause and remediation recorded with a resolution: codes of the taxonomy's lists, or "" (or absent). */
  rootCause?: string;
  remediation?: string;
  remediationNote?: string;
}

export type BuiltStep = { ok: true; input: RecordStepInput } | { ok: false; errors: Record<string, string> };

/** Which fields a step's dialog shows (named as the backend names them). */
export const STEP_FIELDS: Record<StepType, ReadonlyArray<string>> = {
  acknowledge: ["at", "how", "note"],
  notify_stripe: ["at", "how", "reference", "note"],
  stripe_review_completed: ["at", "resolve_by", "note"],
  contact_customer: ["at", "how", "note"],
  reclassify: ["at", "kind", "grounds", "reason"],
  resolve: ["at", "summary", "outcome", "compensation", "root_cause", "remediation", "remediation_note"],
  reopen: ["at", "reason"],
  add_note: ["at", "note"],
};

function required(value: string, errors: Record<string, string>, field: string, message: () => string): string {
  const text = value.trim();
  if (text === "") errors[field] = message();
  return text;
}

/**
 * Checks a dialog's values and builds the `record_step` input. A step dated in the future
 * (beyond the backend's tolerance of `now`) is refused here, before anything is sent.
 */
export function buildStep(complaintId: string, type: StepType, v: StepFormValues, now: Date = new Date()): BuiltStep {
  const errors: Record<string, string> = {};
  const at = localToRfc3339(v.date, v.time);
  if (!at) errors.at = t("complaints.step.error.at");
  else if (isInFuture(at, now)) errors.at = inFutureMessage();
  let step: ComplaintStep;
  switch (type) {
    case "acknowledge":
      step = { type, how: optionalText(v.how), note: optionalText(v.note) };
      break;
    case "notify_stripe":
      step = { type, how: optionalText(v.how), reference: optionalText(v.reference), note: optionalText(v.note) };
      break;
    case "stripe_review_completed": {
      const resolveBy = v.resolveBy.trim();
      if (resolveBy !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(resolveBy)) errors.resolve_by = t("complaints.step.error.resolveBy");
      step = { type, note: optionalText(v.note), ...(resolveBy === "" ? {} : { resolve_by: resolveBy }) };
      break;
    }
    case "contact_customer":
      step = { type, how: optionalText(v.how), note: required(v.note, errors, "note", () => t("complaints.step.error.discussed")) };
      break;
    case "reclassify": {
      const grounds = v.kind === "executive" ? [...v.grounds] : [];
      if (v.kind === "executive" && grounds.length === 0) errors.grounds = t("complaints.step.error.grounds");
      step = { type, kind: v.kind, grounds, reason: required(v.reason, errors, "reason", () => t("complaints.step.error.reason")) };
      break;
    }
    case "resolve": {
      let compensation: { amount_minor: number; currency: string } | null = null;
      if (v.amount.trim() !== "") {
        const m = majorToMinor(v.amount, v.currency);
        if (m.ok) compensation = { amount_minor: m.amount_minor, currency: m.currency };
        else errors.compensation = m.message;
      }
      step = {
        type,
        summary: required(v.summary, errors, "summary", () => t("complaints.step.error.summary")),
        outcome: v.outcome === "" ? null : v.outcome,
        compensation,
        // Given together or not at all: the backend refuses one without the other, by field.
        ...rootCauseFields(v),
      };
      break;
    }
    case "reopen":
      step = { type, reason: required(v.reason, errors, "reason", () => t("complaints.step.error.reopenReason")) };
      break;
    case "add_note":
      step = { type, note: required(v.note, errors, "note", () => t("complaints.step.error.note")) };
      break;
  }
  if (Object.keys(errors).length > 0 || !at) return { ok: false, errors };
  return { ok: true, input: { complaint_id: complaintId, at, step } };
}

/** The root cause fields of a resolution, only those given (sent as absent otherwise). */
function rootCauseFields(v: StepFormValues): { root_cause?: string; remediation?: string; remediation_note?: string } {
  const out: { root_cause?: string; remediation?: string; remediation_note?: string } = {};
  const cause = optionalText(v.rootCause ?? "");
  const remediation = optionalText(v.remediation ?? "");
  const note = optionalText(v.remediationNote ?? "");
  if (cause) out.root_cause = cause;
  if (remediation) out.remediation = remediation;
  if (note) out.remediation_note = note;
  return out;
}

/**
 * The toast after a step was recorded. A reclassification that four eyes turned into a request
 * (the backend answers with the complaint's `pending_reclassification` set) says so.
 */
export function recordedMessage(type: StepType, id: string, pending: boolean = false): string {
  if (type === "reclassify" && pending) return t("complaints.step.requested", { id });
  return t(`complaints.step.recorded.${type}`, { id });
}
