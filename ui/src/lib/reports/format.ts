// How the monthly report's figures read: verdicts, shares, medians, tallies, weeks.
import type { ClockState } from "../bindings/ClockState";
import type { Ground } from "../bindings/Ground";
import type { ReportClock } from "../bindings/ReportClock";
import type { ReportSection } from "../bindings/ReportSection";
import type { Share } from "../bindings/Share";
import type { WeekCount } from "../bindings/WeekCount";
import { CHANNEL_LABEL, KIND_LABEL, PRODUCT_LABEL } from "../complaints/labels";
import { shortMonthName } from "./month";

/** What the report says of a clock at the end of the month. */
export type Verdict = "met" | "missed" | "pending";

/**
 * A clock's verdict from its state (the backend does not send it): done in time is met; done
 * late or still not done after the due date is missed; anything else is still pending.
 */
export function verdictOf(state: ClockState): Verdict {
  switch (state) {
    case "met":
      return "met";
    case "missed":
    case "overdue":
      return "missed";
    case "pending":
      return "pending";
  }
}

export const VERDICT_LABEL: Record<Verdict, string> = { met: "Met", missed: "Missed", pending: "Pending" };

/** Grounds in a table cell, where the full labels do not fit (they are in the title). */
export const GROUND_SHORT: Record<Ground, string> = {
  regulator: "Regulator",
  litigation: "Litigation",
  udap: "UDAP",
  discrimination: "Discrimination",
  consumer_harm: "Consumer harm",
  legal: "Legal",
};

export const SECTION_LABEL: Record<ReportSection, string> = { new: "New", carried_over: "Carried over" };

/** Percentage of met among decided with one decimal, or null when nothing was decided. */
export function sharePercent(share: Share): number | null {
  if (share.decided <= 0) return null;
  return Math.round((share.met / share.decided) * 1000) / 10;
}

/** `12/14 (85.7 %)`, or `—` when no clock of this kind was decided in the month. */
export function formatShare(share: Share): string {
  const p = sharePercent(share);
  if (p === null) return "—";
  return `${share.met}/${share.decided} (${p.toFixed(1)} %)`;
}

/** `6 business days`, `6.5 business days`, `1 business day`; `—` when none was resolved. */
export function formatMedianDays(days: number | null): string {
  if (days === null || !Number.isFinite(days)) return "—";
  const text = Number.isInteger(days) ? String(days) : days.toFixed(1);
  return `${text} business ${days === 1 ? "day" : "days"}`;
}

/** Business days to a step as the report counts them (the binding may say bigint; JSON gives a number). */
export function clockDays(clock: ReportClock): number | null {
  return clock.business_days === null ? null : Number(clock.business_days);
}

/** `social_media` → `Social media`. */
export function humanize(code: string): string {
  const spaced = code.replace(/_/g, " ").trim();
  return spaced === "" ? "" : spaced[0].toUpperCase() + spaced.slice(1);
}

export type TallyField = "kind" | "product" | "topic" | "channel";

/** A tally key for people; topics go through the taxonomy when it is loaded. */
export function tallyLabel(field: TallyField, key: string, topicLabel: (code: string) => string | null = () => null): string {
  switch (field) {
    case "kind":
      return KIND_LABEL[key as keyof typeof KIND_LABEL] ?? humanize(key);
    case "product":
      return PRODUCT_LABEL[key as keyof typeof PRODUCT_LABEL] ?? humanize(key);
    case "channel":
      return CHANNEL_LABEL[key as keyof typeof CHANNEL_LABEL] ?? humanize(key);
    case "topic":
      return topicLabel(key) ?? humanize(key);
  }
}

/** `Oct 1–4`, or `Oct 31` for a one-day week. */
export function weekLabel(week: WeekCount): string {
  const from = `${shortMonthName(week.from)} ${Number(week.from.slice(8, 10))}`;
  if (week.from === week.to) return from;
  return `${from}–${Number(week.to.slice(8, 10))}`;
}

/** `1–4`, or `31` for a one-day week: the chart's axis, under a title naming the month. */
export function weekDays(week: WeekCount): string {
  const from = Number(week.from.slice(8, 10));
  const to = Number(week.to.slice(8, 10));
  return from === to ? String(from) : `${from}–${to}`;
}

/** `1a2b3c4d…9f0e` for a long hash; the full value goes in the title. */
export function shortHash(hash: string, head = 10, tail = 4): string {
  if (hash.length <= head + tail + 1) return hash;
  return `${hash.slice(0, head)}…${hash.slice(-tail)}`;
}

/** `1 row`, `42 rows`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** The share cards' clocks, in the order the summary lists them. */
export type ShareClock = "acknowledge" | "resolve" | "notify_stripe";

/** Business days of the shipped policy, used until the program's policy is loaded. */
export const DEFAULT_DAYS: Record<ShareClock, number> = { acknowledge: 5, resolve: 15, notify_stripe: 1 };

/** `Acknowledged within 5 business days`, `Stripe notified within 1 business day`. */
export function shareLabel(clock: ShareClock, days: number | null = DEFAULT_DAYS[clock]): string {
  const verb = { acknowledge: "Acknowledged", resolve: "Resolved", notify_stripe: "Stripe notified" }[clock];
  if (days === null) return `${verb} in time`;
  return `${verb} within ${days} business ${days === 1 ? "day" : "days"}`;
}
