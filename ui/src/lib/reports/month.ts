// Report months: `YYYY-MM`, a calendar month in the program's time zone.
import { language, LOCALE_TAGS, type UiLanguage } from "../i18n/language.svelte";
import { formatMonth } from "../shared/datetime";

const MONTH_RE = /^(\d{4})-(\d{2})$/;

function format(year: number, month: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

/** Parses `YYYY-MM` (month 01–12), or null. */
export function parseMonth(text: string): { year: number; month: number } | null {
  const m = MONTH_RE.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 1 || month < 1 || month > 12) return null;
  return { year, month };
}

export function isMonth(text: string): boolean {
  return parseMonth(text) !== null;
}

/** The month of a `YYYY-MM-DD` date, or null when it is not one. */
export function monthOf(date: string): string | null {
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(date.trim());
  return m && isMonth(`${m[1]}-${m[2]}`) ? `${m[1]}-${m[2]}` : null;
}

/** `month` moved by `delta` months: `stepMonth("2026-12", 1)` is `2027-01`. Null when not a month. */
export function stepMonth(month: string, delta: number): string | null {
  const p = parseMonth(month);
  if (!p) return null;
  const index = p.year * 12 + (p.month - 1) + Math.trunc(delta);
  return format(Math.floor(index / 12), (index % 12) + 1);
}

/**
 * The month the Reports view opens on: the one before `today` (a `YYYY-MM-DD` date in the
 * program's zone), since that is the month whose report is due.
 */
export function defaultReportMonth(today: string): string {
  const m = monthOf(today);
  if (!m) throw new Error(`not a date: ${today}`);
  return stepMonth(m, -1) as string;
}

/** `October 2026` (German `Oktober 2026`, Japanese `2026年10月`); the text itself when it is not a month. */
export function monthTitle(month: string): string {
  return parseMonth(month) ? formatMonth(month) : month;
}

/** `2026-10-01`, the first day of a month. */
export function firstDay(month: string): string {
  return `${month}-01`;
}

/** The last day of a month: `lastDay("2028-02")` is `2028-02-29`. */
export function lastDay(month: string): string {
  const p = parseMonth(month);
  if (!p) return month;
  const days = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, "0")}`;
}

const shortMonthFormats = new Map<UiLanguage, Intl.DateTimeFormat>();

/** Short month name of a `YYYY-MM-DD` date in the interface language: `Oct`, `Okt`, `10月`. */
export function shortMonthName(date: string): string {
  const p = parseMonth(date.slice(0, 7));
  if (!p) return "";
  const lang = language();
  let f = shortMonthFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE_TAGS[lang], { timeZone: "UTC", month: "short" });
    shortMonthFormats.set(lang, f);
  }
  return f.format(new Date(Date.UTC(p.year, p.month - 1, 15)));
}
