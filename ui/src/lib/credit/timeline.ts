// A credit case's timeline: each entry's label, marker and facts. The facts come from the
// entry's recorded details (the case's history, same `seq`), in words.
import type { AccountHistoryEntry } from "../bindings/AccountHistoryEntry";
import type { CaseTimelineEntry } from "../bindings/CaseTimelineEntry";
import { t } from "../i18n";
import type { EventDetail, TimelineMarker } from "../shared/timeline";
import { describeEntry } from "./history";
import { caseActionName } from "./labels";

/** Why an entry is marked entered late (the badge's title). */
export function caseEnteredLateTitle(): string {
  return t("credit.timeline.enteredLateTitle");
}

export function caseActionLabel(entry: Pick<CaseTimelineEntry, "action">): string {
  return caseActionName(entry.action);
}

const MARKER: Record<string, TimelineMarker> = {
  decision_recorded: "warning",
  notice_sent: "success",
  policy_deactivated: "warning",
  capability_revoked: "warning",
  limit_applied: "success",
  decision_approved: "success",
  assigned: "muted",
  stripe_object_recorded: "muted",
  voided: "muted",
};

export function caseMarker(entry: Pick<CaseTimelineEntry, "action">): TimelineMarker {
  return MARKER[entry.action] ?? "default";
}

/**
 * The catalogue key of the label of an entry's facts, by action (`credit.timeline.detail.…`);
 * null where the Stripe object and the limit say all in their line. Other actions are "Details".
 */
const DETAIL_LABEL: Record<string, string | null> = {
  decision_recorded: "decision",
  notice_sent: "notice",
  policy_deactivated: "balance",
  capability_revoked: "why",
  voided: "reason",
  stripe_object_recorded: null,
  limit_applied: null,
  // The line names the officer who approved, or who the case is assigned to.
  decision_approved: null,
  assigned: null,
};

/** The facts of an entry, from its recorded details; none when they are not known. */
export function caseEntryDetails(
  entry: Pick<CaseTimelineEntry, "seq" | "action">,
  history: ReadonlyArray<AccountHistoryEntry>,
  zone: string,
  reasonText?: (code: string) => string,
): EventDetail[] {
  const label = entry.action in DETAIL_LABEL ? DETAIL_LABEL[entry.action] : "details";
  const recorded = history.find((h) => h.seq === entry.seq);
  if (!label || !recorded) return [];
  const detail = describeEntry(recorded, zone, reasonText).detail;
  return detail ? [{ label: t(`credit.timeline.detail.${label}`), value: detail, long: entry.action === "voided" }] : [];
}
