// Date and time helpers. Local dates are `YYYY-MM-DD`; instants are RFC 3339 strings.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

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

/**
 * The offset (minutes east of UTC) of this computer's time zone at a local wall-clock time,
 * so that a date in summer gets the summer offset even when entered in winter.
 */
export function localOffsetMinutes(date: string, time: string): number | null {
  const d = parseLocalDate(date);
  const t = parseLocalTime(time);
  if (!d || !t) return null;
  const local = new Date(d.year, d.month - 1, d.day, t.hour, t.minute, t.second);
  return -local.getTimezoneOffset();
}

/**
 * Builds an RFC 3339 instant from a local date, a local time and an offset, keeping the
 * wall-clock time as entered: `("2026-11-20", "10:00", -300)` gives `2026-11-20T10:00:00-05:00`.
 * Returns null when the date or time is not valid.
 */
export function toRfc3339(date: string, time: string, offsetMinutesEast: number): string | null {
  const d = parseLocalDate(date);
  const t = parseLocalTime(time);
  if (!d || !t) return null;
  return (
    `${d.year}-${pad2(d.month)}-${pad2(d.day)}` +
    `T${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}` +
    formatOffset(offsetMinutesEast)
  );
}

/** Like {@link toRfc3339}, with this computer's offset at that date and time. */
export function localToRfc3339(date: string, time: string): string | null {
  const offset = localOffsetMinutes(date, time);
  if (offset === null) return null;
  return toRfc3339(date, time, offset);
}

/** The current local date and time of this computer, for form defaults. */
export function nowLocal(now: Date = new Date()): { date: string; time: string } {
  return {
    date: `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`,
    time: `${pad2(now.getHours())}:${pad2(now.getMinutes())}`,
  };
}

/** `UTC-05:00` for this computer at a local date and time (a label next to time inputs). */
export function localOffsetLabel(date: string, time: string): string {
  const offset = localOffsetMinutes(date, time);
  return offset === null ? "" : `UTC${formatOffset(offset)}`;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** Short English weekday of a local date, or "" when it is not a date. */
export function weekdayOf(date: string): string {
  const d = parseLocalDate(date);
  if (!d) return "";
  return WEEKDAYS[new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay()];
}

/** `Mon 2026-11-30`. */
export function formatDay(date: string): string {
  const wd = weekdayOf(date);
  return wd ? `${wd} ${date}` : date;
}

/** Adds calendar days to a local date. */
export function addDays(date: string, days: number): string {
  const d = parseLocalDate(date);
  if (!d) return date;
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZoneName: "short",
      });
    } catch {
      f = formatterFor("UTC");
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * An instant as `2026-11-20 10:00 EST` in the given IANA zone (the program's zone, so that
 * it reads the same way as the due dates). Falls back to the raw text when it is not an instant.
 */
export function formatInstant(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")} ${get("timeZoneName")}`.trim();
}

/** The local date of an instant in an IANA zone (`YYYY-MM-DD`). */
export function dateInZone(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** True when two instants fall in different minutes. */
export function differentMinute(a: string, b: string): boolean {
  const x = Date.parse(a);
  const y = Date.parse(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return a !== b;
  return Math.floor(x / 60000) !== Math.floor(y / 60000);
}

/** An instant as RFC 3339 in UTC without fractions: `2026-11-20T15:00:00Z`. */
export function toUtcRfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * A wall-clock date and time on this computer converted to UTC:
 * `("2026-11-20", "10:00")` in New York gives `2026-11-20T15:00:00Z`. Null when not valid.
 */
export function localToUtcRfc3339(date: string, time: string): string | null {
  const local = localToRfc3339(date, time);
  if (local === null) return null;
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? null : toUtcRfc3339(ms);
}

/** 00:00 UTC on a calendar day: `2026-12-01T00:00:00Z`; null when not a date. */
export function utcMidnight(date: string): string | null {
  const d = parseLocalDate(date);
  if (!d) return null;
  return `${d.year}-${pad2(d.month)}-${pad2(d.day)}T00:00:00Z`;
}

/** The time zone of this computer (IANA name), or UTC when the engine does not say. */
export function localZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/**
 * How far ahead of this computer's clock an instant may be. Mirrors the backend's
 * `FUTURE_TOLERANCE` (crates/domain), which refuses anything later with rule `step_in_future`:
 * enough for two desktops whose clocks differ a little, far too little to record a step
 * before it happened. Keep the two equal.
 */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** Shown next to an instant field when the instant is in the future. */
export const IN_FUTURE_MESSAGE = "This is in the future. Record a step once it has happened.";

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
