// How the monthly report's figures read: verdicts, shares, medians, tallies, weeks.
import type { ClockState } from "../bindings/ClockState";
import type { Ground } from "../bindings/Ground";
import type { ReportClock } from "../bindings/ReportClock";
import type { ReportSection } from "../bindings/ReportSection";
import type { Share } from "../bindings/Share";
import type { WeekCount } from "../bindings/WeekCount";
import { CHANNEL_LABEL, KIND_LABEL, PRODUCT_LABEL } from "../complaints/labels";
import { formatNumber } from "../i18n/format";
import { language, LOCALE_TAGS, type UiLanguage } from "../i18n/language.svelte";
import { t, tOr } from "../i18n/translate";
import { parseLocalDate } from "../shared/datetime";
import { shortMonthName } from "./month";

/** What the report says of a clock at the end of the month. */
export type Verdict = "met" | "missed" | "pending";

/** The verdicts, for the catalogue test of the keys built from them. */
export const VERDICTS: ReadonlyArray<Verdict> = ["met", "missed", "pending"];

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

/** `Met`, `Missed`, `Pending`. */
export function verdictLabel(verdict: Verdict): string {
  return t(`reports.verdict.${verdict}`);
}

/** Grounds in a table cell, where the full labels do not fit (they are in the title). */
export function groundShort(ground: Ground | string): string {
  return tOr(`reports.groundShort.${ground}`, ground);
}

/** `New`, `Carried over`. */
export function sectionLabel(section: ReportSection | string): string {
  return tOr(`reports.section.${section}`, section);
}

/** Percentage of met among decided with one decimal, or null when nothing was decided. */
export function sharePercent(share: Share): number | null {
  if (share.decided <= 0) return null;
  return Math.round((share.met / share.decided) * 1000) / 10;
}

/** `12/14 (85.7 %)` (German `85,7 %`), or `—` when no clock of this kind was decided in the month. */
export function formatShare(share: Share): string {
  const p = sharePercent(share);
  if (p === null) return "—";
  return t("reports.summary.share", {
    met: formatNumber(share.met),
    decided: formatNumber(share.decided),
    percent: formatNumber(p, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  });
}

/** `3 business days`, `1 business day`. */
export function businessDaysText(days: number): string {
  return t("reports.businessDays", { count: days });
}

/** `6 business days`, `6.5 business days`, `1 business day`; `—` when none was resolved. */
export function formatMedianDays(days: number | null): string {
  if (days === null || !Number.isFinite(days)) return "—";
  return businessDaysText(Number.isInteger(days) ? days : Math.round(days * 10) / 10);
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

/** The tallies the breakdown shows, in its order. */
export const TALLY_FIELDS: ReadonlyArray<TallyField> = ["kind", "product", "topic", "channel"];

/** A tally's heading: `By kind`. */
export function tallyTitle(field: TallyField): string {
  return t(`reports.tally.${field}`);
}

/** A tally key for people; topics go through the taxonomy when it is loaded. */
export function tallyLabel(field: TallyField, key: string, topicLabel: (code: string) => string | null = () => null): string {
  // What the backend counts a row without a product or a topic under.
  if (key === "not stated") return t("reports.tally.notStated");
  if (key === "not classified") return t("reports.tally.notClassified");
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

function dayOfMonth(date: string): number {
  return parseLocalDate(date)?.day ?? Number(date.slice(8, 10));
}

/** `Oct 1–4`, or `Oct 31` for a one-day week (German `1.–4. Okt`, Japanese `10月1日～4日`). */
export function weekLabel(week: WeekCount): string {
  const month = shortMonthName(week.from);
  const from = dayOfMonth(week.from);
  if (week.from === week.to) return t("reports.weekly.day", { month, day: from });
  return t("reports.weekly.week", { month, from, to: dayOfMonth(week.to) });
}

/** `1–4`, or `31` for a one-day week: the chart's axis, under a title naming the month. */
export function weekDays(week: WeekCount): string {
  const from = dayOfMonth(week.from);
  const to = dayOfMonth(week.to);
  return from === to ? String(from) : `${from}–${to}`;
}

const shortDayFormats = new Map<UiLanguage, Intl.DateTimeFormat>();

/**
 * A date without its year, where a table cell is narrow and the month is known: `10-12` in
 * English as the report has always shown it, `12.10.` in German, `10/12` in Japanese.
 */
export function shortDay(date: string): string {
  const d = parseLocalDate(date);
  if (!d) return date;
  const lang = language();
  if (lang === "en") return date.trim().slice(5);
  let f = shortDayFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE_TAGS[lang], { timeZone: "UTC", month: "2-digit", day: "2-digit" });
    shortDayFormats.set(lang, f);
  }
  return f.format(new Date(Date.UTC(d.year, d.month - 1, d.day, 12)));
}

/** `1a2b3c4d…9f0e` for a long hash; the full value goes in the title. */
export function shortHash(hash: string, head = 10, tail = 4): string {
  if (hash.length <= head + tail + 1) return hash;
  return `${hash.slice(0, head)}…${hash.slice(-tail)}`;
}

/** Items of a list in one line, separated as the language separates them (`, `, `、`). */
export function listText(items: ReadonlyArray<string>): string {
  return items.join(t("reports.separator"));
}

/** The share cards' clocks, in the order the summary lists them. */
export type ShareClock = "acknowledge" | "resolve" | "notify_stripe";

/** Business days of the shipped policy, used until the program's policy is loaded. */
export const DEFAULT_DAYS: Record<ShareClock, number> = { acknowledge: 5, resolve: 15, notify_stripe: 1 };

/** `Acknowledged within 5 business days`, `Stripe notified within 1 business day`. */
export function shareLabel(clock: ShareClock, days: number | null = DEFAULT_DAYS[clock]): string {
  if (days === null) return t(`reports.summary.inTime.${clock}`);
  return t(`reports.summary.within.${clock}`, { count: days });
}
