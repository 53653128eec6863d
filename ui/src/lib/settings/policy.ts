// The deadline policy as Settings edits it: one row per clock a kind of complaint runs. The
// business days, and whether a clock runs at all (null), are the backend's policy's.
import type { Clock } from "../bindings/Clock";
import type { ComplaintKind } from "../bindings/ComplaintKind";
import { CLOCK_LABEL, KIND_LABEL } from "../complaints/labels";
import { t } from "../i18n/translate";

export interface PolicyRow {
  kind: ComplaintKind;
  clock: Clock;
}

/** The rows of the policy editor, in the order they are laid out. */
export const POLICY_ROWS: ReadonlyArray<PolicyRow> = [
  { kind: "operational", clock: "acknowledge" },
  { kind: "operational", clock: "resolve" },
  { kind: "executive", clock: "notify_stripe" },
  { kind: "executive", clock: "resolve" },
];

export const MIN_POLICY_DAYS = 1;
export const MAX_POLICY_DAYS = 250;

export type ParsedDays = { ok: true; days: number } | { ok: false; error: string };

/** Business days as typed: a whole number from 1 to 250. */
export function parsePolicyDays(typed: string): ParsedDays {
  const text = typed.trim();
  if (text === "") return { ok: false, error: t("settings.policy.daysRequired", { min: MIN_POLICY_DAYS, max: MAX_POLICY_DAYS }) };
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < MIN_POLICY_DAYS || n > MAX_POLICY_DAYS) {
    return { ok: false, error: t("settings.policy.daysRange", { min: MIN_POLICY_DAYS, max: MAX_POLICY_DAYS }) };
  }
  return { ok: true, days: n };
}

/** "Saved. 3 open complaints' deadlines moved." after the backend answered with what it recomputed. */
export function policySavedMessage(recomputed: number): string {
  return t("settings.policy.saved", { count: recomputed });
}

/** "Executive complaints' Resolve clock set to 20 business days", as the recompute notice names the change. */
export function policyChangeText(kind: ComplaintKind, clock: Clock, days: number): string {
  return t("settings.policy.changed", { kind: KIND_LABEL[kind], clock: CLOCK_LABEL[clock], count: days });
}
