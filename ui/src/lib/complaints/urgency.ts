// How urgent a deadline is, how that reads, and which colour it gets.
import type { ClockView } from "../bindings/ClockView";
import type { Urgency } from "../bindings/Urgency";

/** Colour families of the stylesheet (`.tone-*`); colour is kept for urgency only. */
export type Tone = "danger" | "warning" | "caution" | "neutral" | "success";

export interface UrgencyStyle {
  label: string;
  tone: Tone;
  /** Lower is more urgent (for sorting and for the header's order). */
  rank: number;
}

export const URGENCY_STYLE: Record<Urgency, UrgencyStyle> = {
  overdue: { label: "Overdue", tone: "danger", rank: 0 },
  due_today: { label: "Due today", tone: "warning", rank: 1 },
  due_soon: { label: "Due soon", tone: "caution", rank: 2 },
  later: { label: "On track", tone: "neutral", rank: 3 },
};

export function urgencyStyle(urgency: Urgency | null | undefined): UrgencyStyle {
  if (!urgency || !(urgency in URGENCY_STYLE)) return { label: "No deadline", tone: "neutral", rank: 4 };
  return URGENCY_STYLE[urgency];
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
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
    return late === 0 ? "overdue" : `${plural(late, "business day", "business days")} overdue`;
  }
  if (n === 0) return "due today";
  return `${plural(n, "business day", "business days")} left`;
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
