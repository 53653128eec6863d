// How urgent a deadline is, how that reads, and which colour it gets.
import type { ClockView } from "../bindings/ClockView";
import type { Urgency } from "../bindings/Urgency";
import { t } from "../i18n/translate";

/** Colour families of the stylesheet (`.tone-*`); colour is kept for urgency only. */
export type Tone = "danger" | "warning" | "caution" | "neutral" | "success";

export interface UrgencyStyle {
  /** In the interface language, read when used. */
  readonly label: string;
  tone: Tone;
  /** Lower is more urgent (for sorting and for the header's order). */
  rank: number;
}

function style(key: Urgency | "none", tone: Tone, rank: number): UrgencyStyle {
  return Object.freeze({
    get label() {
      return t(`complaints.urgency.${key}`);
    },
    tone,
    rank,
  });
}

export const URGENCY_STYLE: Record<Urgency, UrgencyStyle> = {
  overdue: style("overdue", "danger", 0),
  due_today: style("due_today", "warning", 1),
  due_soon: style("due_soon", "caution", 2),
  later: style("later", "neutral", 3),
};

const NO_DEADLINE = style("none", "neutral", 4);

export function urgencyStyle(urgency: Urgency | null | undefined): UrgencyStyle {
  if (!urgency || !(urgency in URGENCY_STYLE)) return NO_DEADLINE;
  return URGENCY_STYLE[urgency];
}

/**
 * The business days to a due date as people say it: `3 business days left`, `due today`,
 * `2 business days overdue`. A clock can be overdue with 0 business days passed (due on a
 * Friday, today is Saturday): that reads `overdue`.
 */
export function businessDaysText(businessDaysLeft: number, overdue = businessDaysLeft < 0): string {
  const n = Math.trunc(businessDaysLeft);
  if (overdue || n < 0) {
    const late = Math.abs(n);
    return late === 0 ? t("complaints.businessDays.overdue") : t("complaints.businessDays.late", { count: late });
  }
  if (n === 0) return t("complaints.businessDays.dueToday");
  return t("complaints.businessDays.left", { count: n });
}

/** Business days as a number, or null when the clock is done. */
export function toNumber(value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return Number(value);
}

/** What a clock card's colour is read from: its state, and the urgency the backend judged. */
export type ClockFacts = Pick<ClockView, "state" | "urgency">;

/** Tone of a clock card: done clocks are green (met) or red (missed); open ones by urgency. */
export function clockTone(status: ClockFacts): Tone {
  if (status.state === "met") return "success";
  if (status.state === "missed") return "danger";
  return urgencyStyle(status.urgency).tone;
}
