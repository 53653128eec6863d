// A credit case's timeline: each entry's label, marker and facts. The facts come from the
// entry's recorded details (the case's history, same `seq`), in words.
import type { AccountHistoryEntry } from "../bindings/AccountHistoryEntry";
import type { CaseTimelineEntry } from "../bindings/CaseTimelineEntry";
import type { EventDetail, TimelineMarker } from "../shared/timeline";
import { describeEntry } from "./history";
import { CASE_ACTION_LABEL, humanize } from "./labels";

/** Why an entry is marked entered late (the badge's title). */
export const CASE_ENTERED_LATE_TITLE = "Recorded more than the program's late-entry threshold of business days after it happened.";

export function caseActionLabel(entry: Pick<CaseTimelineEntry, "action">): string {
  return CASE_ACTION_LABEL[entry.action] ?? humanize(entry.action);
}

const MARKER: Record<string, TimelineMarker> = {
  decision_recorded: "warning",
  notice_sent: "success",
  policy_deactivated: "warning",
  capability_revoked: "warning",
  limit_applied: "success",
  stripe_object_recorded: "muted",
  voided: "muted",
};

export function caseMarker(entry: Pick<CaseTimelineEntry, "action">): TimelineMarker {
  return MARKER[entry.action] ?? "default";
}

/** The label of an entry's facts, by action; the Stripe object and the limit say all in their line. */
const DETAIL_LABEL: Record<string, string | null> = {
  decision_recorded: "Decision",
  notice_sent: "Notice",
  policy_deactivated: "Balance",
  capability_revoked: "Why",
  voided: "Reason",
  stripe_object_recorded: null,
  limit_applied: null,
};

/** The facts of an entry, from its recorded details; none when they are not known. */
export function caseEntryDetails(
  entry: Pick<CaseTimelineEntry, "seq" | "action">,
  history: ReadonlyArray<AccountHistoryEntry>,
  zone: string,
  reasonText?: (code: string) => string,
): EventDetail[] {
  const label = entry.action in DETAIL_LABEL ? DETAIL_LABEL[entry.action] : "Details";
  const recorded = history.find((h) => h.seq === entry.seq);
  if (!label || !recorded) return [];
  const detail = describeEntry(recorded, zone, reasonText).detail;
  return detail ? [{ label, value: detail, long: entry.action === "voided" }] : [];
}
