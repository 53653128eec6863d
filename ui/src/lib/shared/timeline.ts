// What every history timeline shows of an entry, whatever it is the history of (a complaint,
// a credit case): when it happened and was recorded, whether it was voided and why, whether
// it was entered late, and whether the backend lets it be voided now.
import type { EntryMarks } from "../bindings/EntryMarks";
import { t } from "../i18n/translate";

/** The fields of an entry the timeline reads; the backend's entry types all have them. */
export type TimelineItem = EntryMarks & {
  seq: number;
  recorded_at: string;
  actor: string;
  action: string;
  /** When it happened (null for bookkeeping entries). */
  occurred_at: string | null;
  description: string;
};

/** One fact shown under an entry's line. */
export interface EventDetail {
  label: string;
  value: string;
  /** Long free text (notes, reasons) is shown as a quoted block. */
  long?: boolean;
}

/** The dot beside an entry; voided entries always get `void`. */
export type TimelineMarker = "default" | "success" | "warning" | "hold" | "muted";

/** What an entry offers for voiding, exactly as the backend decided it. */
export type VoidOffer = { kind: "allowed" } | { kind: "blocked"; reason: string } | { kind: "none" };

/**
 * The Void control of an entry: a button when the backend says it can be voided, a disabled
 * one with the backend's reason when a step could be voided but something blocks it, nothing
 * for entries that are never voided (openings, voids, recomputations, voided entries).
 */
export function voidOffer(entry: Pick<TimelineItem, "can_void" | "void_blocked_by">): VoidOffer {
  if (entry.can_void) return { kind: "allowed" };
  if (entry.void_blocked_by) return { kind: "blocked", reason: entry.void_blocked_by };
  return { kind: "none" };
}

/** The line under a voided entry: `Voided by entry 7: typed on the wrong complaint`. */
export function voidedText(entry: Pick<TimelineItem, "voided_by" | "void_reason">): string {
  const by = entry.voided_by !== null ? t("common.timeline.voidedBy", { seq: entry.voided_by }) : t("common.timeline.voided");
  const reason = entry.void_reason?.trim();
  return reason ? t("common.timeline.voidedWhy", { by, reason }) : by;
}
