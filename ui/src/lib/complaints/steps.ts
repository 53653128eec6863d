// The steps a person can record on a complaint: what their buttons and dialogs say, and how a
// dialog's fields become a `record_step` input. Which steps are open, and why the others are
// not, is the backend's answer (`ComplaintDetail.actions`).
import type { ComplaintAction } from "../bindings/ComplaintAction";
import type { ComplaintKind } from "../bindings/ComplaintKind";
import type { ComplaintStep } from "../bindings/ComplaintStep";
import type { Ground } from "../bindings/Ground";
import type { Outcome } from "../bindings/Outcome";
import type { RecordStepInput } from "../bindings/RecordStepInput";
import { inFutureMessage, isInFuture, localToRfc3339 } from "../shared/datetime";
import { optionalText } from "../shared/forms";
import { majorToMinor } from "../shared/money";

/** The steps recorded with `record_step` (a tracked fact has its own dialog and command). */
export type StepType = Exclude<ComplaintStep["type"], "track">;

export const STEP_LABEL: Record<StepType, string> = {
  acknowledge: "Acknowledge",
  notify_stripe: "Notify Stripe",
  stripe_review_completed: "Stripe review completed",
  contact_customer: "Contact customer",
  reclassify: "Reclassify",
  resolve: "Resolve",
  reopen: "Reopen",
  add_note: "Add note",
};

/** The dialog's confirm button. */
export const STEP_SUBMIT: Record<StepType, string> = {
  acknowledge: "Record acknowledgement",
  notify_stripe: "Record notification",
  stripe_review_completed: "Record Stripe's review",
  contact_customer: "Record contact",
  reclassify: "Reclassify",
  resolve: "Resolve complaint",
  reopen: "Reopen complaint",
  add_note: "Add note",
};

/** What the dialog says the step records. */
export const STEP_HELP: Record<StepType, string> = {
  acknowledge: "Record that the customer was told their complaint was received.",
  notify_stripe: "Record that this executive complaint was sent to Stripe.",
  stripe_review_completed: "Record that Stripe finished its review. This lifts the contact hold.",
  contact_customer: "Record a contact with the customer about this complaint.",
  reclassify: "Change the kind or grounds. Deadlines keep counting from the original receipt date.",
  resolve: "Close the complaint with the outcome given to the customer.",
  reopen: "Put a resolved complaint back on the register. The resolve clock runs again.",
  add_note: "Add an internal note to the complaint's history.",
};

/** The labels of the actions that open dialogs of their own. */
export const OTHER_ACTION_LABEL = { track: "Track…", not_a_complaint: "Not a complaint" } as const;

/** What each action's button says when nothing keeps it closed. */
export const ACTION_HINT: Partial<Record<ComplaintAction, string>> = {
  track: "Track a card shipped, an authorization created or an ACH debit received; the backend starts the support timers it calls for",
  not_a_complaint: "Dissatisfaction voiced by the platform's own employee: no deadlines, left out of counts and the report",
};

/** The label of an action the backend offers. */
export function actionLabel(action: ComplaintAction): string {
  return action === "track" || action === "not_a_complaint" ? OTHER_ACTION_LABEL[action] : STEP_LABEL[action];
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
}

export type BuiltStep = { ok: true; input: RecordStepInput } | { ok: false; errors: Record<string, string> };

/** Which fields a step's dialog shows (named as the backend names them). */
export const STEP_FIELDS: Record<StepType, ReadonlyArray<string>> = {
  acknowledge: ["at", "how", "note"],
  notify_stripe: ["at", "how", "reference", "note"],
  stripe_review_completed: ["at", "resolve_by", "note"],
  contact_customer: ["at", "how", "note"],
  reclassify: ["at", "kind", "grounds", "reason"],
  resolve: ["at", "summary", "outcome", "compensation"],
  reopen: ["at", "reason"],
  add_note: ["at", "note"],
};

function required(value: string, errors: Record<string, string>, field: string, message: string): string {
  const t = value.trim();
  if (t === "") errors[field] = message;
  return t;
}

/**
 * Checks a dialog's values and builds the `record_step` input. A step dated in the future
 * (beyond the backend's tolerance of `now`) is refused here, before anything is sent.
 */
export function buildStep(complaintId: string, type: StepType, v: StepFormValues, now: Date = new Date()): BuiltStep {
  const errors: Record<string, string> = {};
  const at = localToRfc3339(v.date, v.time);
  if (!at) errors.at = "Enter the date and time this happened.";
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
      if (resolveBy !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(resolveBy)) errors.resolve_by = "Give the date as YYYY-MM-DD, or leave it empty.";
      step = { type, note: optionalText(v.note), ...(resolveBy === "" ? {} : { resolve_by: resolveBy }) };
      break;
    }
    case "contact_customer":
      step = { type, how: optionalText(v.how), note: required(v.note, errors, "note", "Say what was discussed.") };
      break;
    case "reclassify": {
      const grounds = v.kind === "executive" ? [...v.grounds] : [];
      if (v.kind === "executive" && grounds.length === 0) errors.grounds = "Choose at least one ground for an executive complaint.";
      step = { type, kind: v.kind, grounds, reason: required(v.reason, errors, "reason", "Give the reason for the change.") };
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
        summary: required(v.summary, errors, "summary", "Summarise the resolution given to the customer."),
        outcome: v.outcome === "" ? null : v.outcome,
        compensation,
      };
      break;
    }
    case "reopen":
      step = { type, reason: required(v.reason, errors, "reason", "Give the reason for reopening.") };
      break;
    case "add_note":
      step = { type, note: required(v.note, errors, "note", "Write the note.") };
      break;
  }
  if (Object.keys(errors).length > 0 || !at) return { ok: false, errors };
  return { ok: true, input: { complaint_id: complaintId, at, step } };
}

/** The toast after a step was recorded. */
export function recordedMessage(type: StepType, id: string): string {
  switch (type) {
    case "acknowledge":
      return `Acknowledgement recorded on ${id}.`;
    case "notify_stripe":
      return `Notification to Stripe recorded on ${id}.`;
    case "stripe_review_completed":
      return `Stripe's review recorded on ${id}. Contact hold lifted.`;
    case "contact_customer":
      return `Customer contact recorded on ${id}.`;
    case "reclassify":
      return `${id} reclassified.`;
    case "resolve":
      return `${id} resolved.`;
    case "reopen":
      return `${id} reopened.`;
    case "add_note":
      return `Note added to ${id}.`;
  }
}
