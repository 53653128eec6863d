// The underwriting decision that opens a credit case: when it was made, its principal reasons
// in order, an optional underwriting exception, and for a limit decrease the new limit.
import type { CloseCreditLineInput } from "../bindings/CloseCreditLineInput";
import type { DecreaseLimitInput } from "../bindings/DecreaseLimitInput";
import { t } from "../i18n";
import { inFutureMessage, isInFuture, localToUtcRfc3339 } from "../shared/datetime";
import { optionalText } from "../shared/forms";
import { majorToMinor } from "../shared/money";
import { needsOtherExplanation } from "./reasons";

export type DecisionKind = "closure" | "decrease";

export interface DecisionValues {
  date: string;
  time: string;
  reasons: string[];
  other: string;
  exception: boolean;
  exceptionExplanation: string;
  exceptionOriginal: string;
  /** The new limit in major units (decrease only). */
  amount: string;
}

/** The decision form's fields, in display order, as the backend names them. */
export function decisionFields(kind: DecisionKind): string[] {
  return [
    "decided_at",
    ...(kind === "decrease" ? ["amount"] : []),
    "reasons",
    "other_explanation",
    "exception_explanation",
    "exception_original_decision_type",
  ];
}

export type BuiltDecision =
  | { ok: true; kind: "closure"; input: CloseCreditLineInput }
  | { ok: true; kind: "decrease"; input: DecreaseLimitInput }
  | { ok: false; errors: Record<string, string> };

/**
 * Checks the decision form and builds the command's input: the decision instant in UTC (not in
 * the future), the reasons in the order shown, `other`'s explanation only when `other` is a
 * reason, the exception only when it is ticked.
 */
export function buildDecision(kind: DecisionKind, account: string, currency: string, v: DecisionValues, now: Date = new Date()): BuiltDecision {
  const errors: Record<string, string> = {};
  const decided_at = localToUtcRfc3339(v.date, v.time);
  if (!decided_at) errors.decided_at = t("credit.decision.errors.decidedAt");
  else if (isInFuture(decided_at, now)) errors.decided_at = inFutureMessage();
  // How many reasons may be given is the backend's rule: the picker stops at its maximum, and a
  // list the backend refuses comes back as an error on this field.
  if (v.reasons.length === 0) errors.reasons = t("credit.decision.errors.reasons");
  const withOther = needsOtherExplanation(v.reasons);
  const other = withOther ? optionalText(v.other) : null;
  if (withOther && !other) errors.other_explanation = t("credit.decision.errors.otherExplanation");
  const exceptionExplanation = v.exception ? optionalText(v.exceptionExplanation) : null;
  const exceptionOriginal = v.exception ? optionalText(v.exceptionOriginal) : null;
  if (v.exception && !exceptionExplanation) errors.exception_explanation = t("credit.decision.errors.exceptionExplanation");
  if (v.exception && !exceptionOriginal) errors.exception_original_decision_type = t("credit.decision.errors.exceptionOriginal");
  let amount = 0;
  if (kind === "decrease") {
    const m = majorToMinor(v.amount, currency);
    if (m.ok) amount = m.amount_minor;
    else errors.amount = m.message;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const common = {
    account,
    decided_at: decided_at as string,
    reasons: [...v.reasons],
    other_explanation: other,
    exception_explanation: exceptionExplanation,
    exception_original_decision_type: exceptionOriginal,
  };
  return kind === "closure"
    ? { ok: true, kind, input: common }
    : {
        ok: true,
        kind,
        input: {
          account: common.account,
          decided_at: common.decided_at,
          amount,
          reasons: common.reasons,
          other_explanation: common.other_explanation,
          exception_explanation: common.exception_explanation,
          exception_original_decision_type: common.exception_original_decision_type,
        },
      };
}
