// Date and time helpers. Local dates are `YYYY-MM-DD`; instants are RFC 3339 strings.
//
// Instants are shown in the program's time zone (`zone.svelte.ts`) with the zone's abbreviation,
// and a date and time typed in a form is read as wall-clock time in that zone, so that a screen
// never mixes zones. Dates and instants are written the way the interface language writes them:
// ISO in English (`2026-11-20 10:00 EST`), `20.11.2026, 10:00 EST` in German,
// `2026/11/20 10:00 EST` in Japanese.
import { language, LOCALE_TAGS, type UiLanguage } from "../i18n/language.svelte";
import { t } from "../i18n/translate";
import { computerTimeZone, isKnownTimeZone, programTimeZone } from "./zone.svelte";

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 24 * 60 * 60 * 1000;

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** Parses `YYYY-MM-DD`, refusing impossible dates such as 2026-02-30. */
export function parseLocalDate(text: string): { year: number; month: number; day: number } | null {
  const m = DATE_RE.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return null;
  }
  return { year, month, day };
}

/** Parses `HH:MM` or `HH:MM:SS` (24-hour). */
export function parseLocalTime(text: string): { hour: number; minute: number; second: number } | null {
  const m = TIME_RE.exec(text.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] === undefined ? 0 : Number(m[3]);
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { hour, minute, second };
}

/** An offset in minutes east of UTC as RFC 3339 writes it: `-05:00`, `+09:00`, `+05:30`. */
export function formatOffset(minutesEast: number): string {
  const sign = minutesEast < 0 ? "-" : "+";
  const abs = Math.abs(Math.trunc(minutesEast));
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

// ---------------------------------------------------------------------------------------------
// Wall-clock time in a named zone

/** The zone itself when Intl knows it, otherwise UTC (a mistyped zone must not break a screen). */
function usableZone(timeZone: string): string {
  return isKnownTimeZone(timeZone) ? timeZone : "UTC";
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

function wallFormat(timeZone: string): Intl.DateTimeFormat {
  let f = wallFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    wallFormats.set(timeZone, f);
  }
  return f;
}

/** A wall-clock reading: calendar date and time of day. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock date and time an instant reads in an IANA zone. */
export function wallTimeIn(ms: number, timeZone: string): WallTime {
  const parts = wallFormat(usableZone(timeZone)).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? "0");
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour") % 24, minute: get("minute"), second: get("second") };
}

/** The UTC offset (minutes east) of an IANA zone at an instant: -300 for New York in winter, -240 in summer. */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const w = wallTimeIn(whole, timeZone);
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole) / 60000);
}

/**
 * A typed date and time resolved to one instant in a zone. `exact`: that wall time happens once.
 * `gap`: it does not happen (clocks moved forward over it) and is taken as the same time after the
 * change, 02:30 → 03:30 EDT. `overlap`: it happens twice (clocks moved back) and the first is
 * taken, 01:30 EDT rather than 01:30 EST. The same choices as the JavaScript Temporal proposal's
 * "compatible" rule.
 */
export interface ZonedInstant {
  ms: number;
  /** The zone's offset at that instant, minutes east of UTC. */
  offset: number;
  resolution: "exact" | "gap" | "overlap";
}

/**
 * Reads a wall-clock date and time in an IANA zone as an instant, across daylight-saving changes.
 * The candidates are the wall time taken with each offset the zone has around it (a day before,
 * a day after, and at the first guess); a candidate stands when the zone's offset at that instant
 * is the one it was taken with. Null when the date or time is not valid.
 */
export function resolveWallTime(date: string, time: string, timeZone: string): ZonedInstant | null {
  const d = parseLocalDate(date);
  const tm = parseLocalTime(time);
  if (!d || !tm) return null;
  const zone = usableZone(timeZone);
  const wall = Date.UTC(d.year, d.month - 1, d.day, tm.hour, tm.minute, tm.second);
  const before = zoneOffsetMinutes(wall - DAY_MS, zone);
  const after = zoneOffsetMinutes(wall + DAY_MS, zone);
  const first = zoneOffsetMinutes(wall - before * 60000, zone);
  const offsets = [...new Set([before, first, after])];
  const standing = offsets
    .map((offset) => ({ ms: wall - offset * 60000, offset }))
    .filter((c) => zoneOffsetMinutes(c.ms, zone) === c.offset)
    .sort((a, b) => a.ms - b.ms);
  if (standing.length > 0) return { ...standing[0], resolution: standing.length > 1 ? "overlap" : "exact" };
  // Skipped by the clocks: read with the offset in force before the change, which lands after it.
  const ms = wall - before * 60000;
  return { ms, offset: zoneOffsetMinutes(ms, zone), resolution: "gap" };
}

/**
 * A wall-clock date and time in an IANA zone as RFC 3339 with that zone's offset then:
 * `("2026-11-20", "10:00", "America/New_York")` gives `2026-11-20T10:00:00-05:00`. A time the
 * clocks skip is written as the time it is taken as (`02:30` on 2026-03-08 → `03:30:00-04:00`).
 */
export function zonedToRfc3339(date: string, time: string, timeZone: string): string | null {
  const r = resolveWallTime(date, time, timeZone);
  if (!r) return null;
  const w = wallTimeIn(r.ms, timeZone);
  return toRfc3339(`${w.year}-${pad2(w.month)}-${pad2(w.day)}`, `${pad2(w.hour)}:${pad2(w.minute)}:${pad2(w.second)}`, r.offset);
}

/** A wall-clock date and time in an IANA zone as a UTC instant: `2026-11-20T15:00:00Z`. */
export function zonedToUtcRfc3339(date: string, time: string, timeZone: string): string | null {
  const r = resolveWallTime(date, time, timeZone);
  return r ? toUtcRfc3339(r.ms) : null;
}

/** The current date and time in an IANA zone, for form defaults. */
export function nowInZone(timeZone: string, now: Date = new Date()): { date: string; time: string } {
  const w = wallTimeIn(now.getTime(), timeZone);
  return { date: `${w.year}-${pad2(w.month)}-${pad2(w.day)}`, time: `${pad2(w.hour)}:${pad2(w.minute)}` };
}

// ---------------------------------------------------------------------------------------------
// Forms: a typed date and time is read in the program's zone unless a zone is given

/**
 * The UTC offset (minutes east) of the program's zone (or `timeZone`) at a wall-clock date and
 * time, so that a date in summer gets the summer offset even when entered in winter.
 */
export function localOffsetMinutes(date: string, time: string, timeZone: string = programTimeZone()): number | null {
  return resolveWallTime(date, time, timeZone)?.offset ?? null;
}

/**
 * Builds an RFC 3339 instant from a local date, a local time and an offset, keeping the
 * wall-clock time as entered: `("2026-11-20", "10:00", -300)` gives `2026-11-20T10:00:00-05:00`.
 * Returns null when the date or time is not valid.
 */
export function toRfc3339(date: string, time: string, offsetMinutesEast: number): string | null {
  const d = parseLocalDate(date);
  const tm = parseLocalTime(time);
  if (!d || !tm) return null;
  return (
    `${d.year}-${pad2(d.month)}-${pad2(d.day)}` +
    `T${pad2(tm.hour)}:${pad2(tm.minute)}:${pad2(tm.second)}` +
    formatOffset(offsetMinutesEast)
  );
}

/** A date and time typed in a form, read in the program's zone (or `timeZone`), as RFC 3339 with that zone's offset. */
export function localToRfc3339(date: string, time: string, timeZone: string = programTimeZone()): string | null {
  return zonedToRfc3339(date, time, timeZone);
}

/** The current date and time in the program's zone (or `timeZone`), for form defaults. */
export function nowLocal(now: Date = new Date(), timeZone: string = programTimeZone()): { date: string; time: string } {
  return nowInZone(timeZone, now);
}

/** `UTC-05:00` for the program's zone (or `timeZone`) at a date and time. */
export function localOffsetLabel(date: string, time: string, timeZone: string = programTimeZone()): string {
  const offset = localOffsetMinutes(date, time, timeZone);
  return offset === null ? "" : `UTC${formatOffset(offset)}`;
}

/**
 * A date and time typed in a form, read in the program's zone (or `timeZone`), converted to UTC:
 * `("2026-11-20", "10:00")` in New York gives `2026-11-20T15:00:00Z`. Null when not valid.
 */
export function localToUtcRfc3339(date: string, time: string, timeZone: string = programTimeZone()): string | null {
  return zonedToUtcRfc3339(date, time, timeZone);
}

// ---------------------------------------------------------------------------------------------
// Zone names

const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

function shortZoneName(ms: number, timeZone: string, localeTag: string): string {
  const id = `${localeTag}|${timeZone}`;
  let f = zoneNameFormats.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(localeTag, { timeZone, timeZoneName: "short", year: "numeric" });
    zoneNameFormats.set(id, f);
  }
  return f.formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")?.value ?? "";
}

/**
 * The zone's abbreviation at an instant, as people of the interface language read it: `EST`,
 * `EDT`, `JST`, `MEZ`. English keeps what it has always shown (`GMT+1` for Berlin); German and
 * Japanese take their own abbreviation when they have one, else the English one (`EST`), else the
 * offset (`GMT+9`).
 */
export function zoneAbbreviation(ms: number, timeZone: string = programTimeZone(), lang: UiLanguage = language()): string {
  const zone = usableZone(timeZone);
  const own = shortZoneName(ms, zone, LOCALE_TAGS[lang]);
  if (lang === "en" || /^[A-Za-z]+$/.test(own)) return own;
  const english = shortZoneName(ms, zone, LOCALE_TAGS.en);
  return /^[A-Za-z]+$/.test(english) ? english : own;
}

/** The place an IANA zone is named after: `America/New_York` → `New York`; UTC for the UTC zones. */
export function zoneCity(timeZone: string): string {
  if (/^(Etc\/)?(UTC|UCT|GMT|Zulu|Universal|Greenwich)$/i.test(timeZone)) return "UTC";
  const last = timeZone.split("/").pop() ?? timeZone;
  return last.replace(/_/g, " ");
}

/**
 * What a date and time typed in a form are read as, for the hint next to the fields:
 * `New York time (EST)`, or why the clocks change it (`02:30 is skipped in New York that day:
 * taken as 03:30 EDT`).
 */
export function zoneFieldHint(date: string, time: string, timeZone: string = programTimeZone()): string {
  const zone = usableZone(timeZone);
  const city = zoneCity(zone);
  const r = resolveWallTime(date, time, zone);
  const ms = r?.ms ?? Date.now();
  const abbr = zoneAbbreviation(ms, zone);
  if (r?.resolution === "gap") {
    const w = wallTimeIn(r.ms, zone);
    return t("common.zone.gap", { typed: time.trim(), city, time: `${pad2(w.hour)}:${pad2(w.minute)}`, abbr });
  }
  if (r?.resolution === "overlap") return t("common.zone.overlap", { typed: time.trim(), city, abbr });
  return city === "UTC" ? t("common.zone.utc") : t("common.zone.time", { city, abbr });
}

// ---------------------------------------------------------------------------------------------
// Dates and instants as the interface language writes them

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(lang: UiLanguage, what: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${lang}|${what}|${options.timeZone ?? ""}`;
  let f = dateFormats.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE_TAGS[lang], options);
    dateFormats.set(id, f);
  }
  return f;
}

function utcDate(date: string): Date | null {
  const d = parseLocalDate(date);
  return d ? new Date(Date.UTC(d.year, d.month - 1, d.day, 12)) : null;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** Short weekday of a local date (`Mon`, `Mo`, `月`), or "" when it is not a date. */
export function weekdayOf(date: string): string {
  const d = utcDate(date);
  if (!d) return "";
  const lang = language();
  if (lang === "en") return WEEKDAYS[d.getUTCDay()];
  return dateFormat(lang, "weekday", { timeZone: "UTC", weekday: "short" }).format(d);
}

/** A local date: `2026-11-30`, `30.11.2026`, `2026/11/30`; the text itself when it is not a date. */
export function formatDate(date: string): string {
  const d = utcDate(date);
  if (!d) return date;
  const lang = language();
  if (lang === "en") return date.trim();
  return dateFormat(lang, "date", { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

/** A local date with its weekday: `Mon 2026-11-30`, `Mo., 30.11.2026`, `2026/11/30(月)`. */
export function formatDay(date: string): string {
  const d = utcDate(date);
  if (!d) return date;
  const lang = language();
  if (lang === "en") return `${WEEKDAYS[d.getUTCDay()]} ${date.trim()}`;
  return dateFormat(lang, "day", { timeZone: "UTC", weekday: "short", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

/** A month `YYYY-MM`: `November 2026`, `November 2026`, `2026年11月`; the text itself when it is not a month. */
export function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month.trim());
  const n = m ? Number(m[2]) : 0;
  if (!m || n < 1 || n > 12) return month;
  return dateFormat(language(), "month", { timeZone: "UTC", year: "numeric", month: "long" }).format(new Date(Date.UTC(Number(m[1]), n - 1, 15)));
}

/**
 * An instant as `2026-11-20 10:00 EST` in the program's zone (or the IANA zone given — the
 * backend's views name the program's zone too), so that it reads the same way as the due dates.
 * German `20.11.2026, 10:00 EST`, Japanese `2026/11/20 10:00 EST`. Falls back to the raw text
 * when it is not an instant.
 */
export function formatInstant(iso: string, timeZone: string = programTimeZone()): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const zone = usableZone(timeZone);
  const abbr = zoneAbbreviation(ms, zone);
  const lang = language();
  if (lang === "en") {
    const w = wallTimeIn(ms, zone);
    return `${w.year}-${pad2(w.month)}-${pad2(w.day)} ${pad2(w.hour)}:${pad2(w.minute)} ${abbr}`.trim();
  }
  const text = dateFormat(lang, "instant", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(ms));
  return `${text} ${abbr}`.trim();
}

/** The local date of an instant in the program's zone (or the IANA zone given), as `YYYY-MM-DD`. */
export function dateInZone(iso: string, timeZone: string = programTimeZone()): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  const w = wallTimeIn(ms, timeZone);
  return `${w.year}-${pad2(w.month)}-${pad2(w.day)}`;
}

/** True when two instants fall in different minutes. */
export function differentMinute(a: string, b: string): boolean {
  const x = Date.parse(a);
  const y = Date.parse(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return a !== b;
  return Math.floor(x / 60000) !== Math.floor(y / 60000);
}

/** Adds calendar days to a local date. */
export function addDays(date: string, days: number): string {
  const d = parseLocalDate(date);
  if (!d) return date;
  const tm = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return `${tm.getUTCFullYear()}-${pad2(tm.getUTCMonth() + 1)}-${pad2(tm.getUTCDate())}`;
}

/** An instant as RFC 3339 in UTC without fractions: `2026-11-20T15:00:00Z`. */
export function toUtcRfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** 00:00 UTC on a calendar day: `2026-12-01T00:00:00Z`; null when not a date. */
export function utcMidnight(date: string): string | null {
  const d = parseLocalDate(date);
  if (!d) return null;
  return `${d.year}-${pad2(d.month)}-${pad2(d.day)}T00:00:00Z`;
}

/** The time zone of this computer (IANA name), or UTC when the engine does not say. */
export function localZone(): string {
  return computerTimeZone();
}

/**
 * How far ahead of this computer's clock an instant may be. Mirrors the backend's
 * `FUTURE_TOLERANCE` (crates/domain), which refuses anything later with rule `step_in_future`:
 * enough for two desktops whose clocks differ a little, far too little to record a step
 * before it happened. Keep the two equal.
 */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** Shown next to an instant field when the instant is in the future. */
export function inFutureMessage(): string {
  return t("common.instant.inFuture");
}

/**
 * True when an RFC 3339 instant is more than {@link FUTURE_TOLERANCE_MS} after `now`. Forms
 * check with the real clock: the backend gives the UI only its date, and refuses anything
 * later itself. False for text that is not an instant (other checks report that).
 */
export function isInFuture(instantIso: string, now: Date = new Date()): boolean {
  const ms = Date.parse(instantIso);
  if (Number.isNaN(ms)) return false;
  return ms > now.getTime() + FUTURE_TOLERANCE_MS;
}
