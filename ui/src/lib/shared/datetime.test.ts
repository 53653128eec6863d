import { describe, expect, it } from "vitest";
import {
  addDays,
  dateInZone,
  formatDay,
  formatInstant,
  formatOffset,
  FUTURE_TOLERANCE_MS,
  isInFuture,
  localOffsetLabel,
  localToRfc3339,
  localToUtcRfc3339,
  nowLocal,
  parseLocalDate,
  toRfc3339,
  utcMidnight,
} from "./datetime";
import { stepDate, stepTime } from "./stepper";

describe("RFC 3339 from local date and time inputs", () => {
  it("keeps the wall-clock time and appends the offset", () => {
    expect(toRfc3339("2026-11-20", "10:00", -300)).toBe("2026-11-20T10:00:00-05:00");
    expect(toRfc3339("2026-07-01", "09:30", 540)).toBe("2026-07-01T09:30:00+09:00");
    expect(toRfc3339("2026-03-02", "23:59:30", 330)).toBe("2026-03-02T23:59:30+05:30");
    expect(toRfc3339("2026-01-15", "00:00", 0)).toBe("2026-01-15T00:00:00+00:00");
  });

  it("refuses impossible dates and times", () => {
    expect(toRfc3339("2026-02-30", "10:00", 0)).toBeNull();
    expect(toRfc3339("20-11-2026", "10:00", 0)).toBeNull();
    expect(toRfc3339("2026-11-20", "24:00", 0)).toBeNull();
    expect(toRfc3339("2026-11-20", "9am", 0)).toBeNull();
  });

  it("uses this computer's offset for that date, summer or winter (tests run in New York)", () => {
    expect(localToRfc3339("2026-11-20", "10:00")).toBe("2026-11-20T10:00:00-05:00");
    expect(localToRfc3339("2026-07-20", "10:00")).toBe("2026-07-20T10:00:00-04:00");
    expect(localOffsetLabel("2026-01-05", "12:00")).toBe("UTC-05:00");
  });

  it("gives an instant that parses back to the same moment", () => {
    const iso = localToRfc3339("2026-11-20", "10:00");
    expect(iso).not.toBeNull();
    expect(new Date(iso as string).toISOString()).toBe("2026-11-20T15:00:00.000Z");
  });

  it("defaults form fields to the local date and time", () => {
    expect(nowLocal(new Date(2026, 10, 20, 9, 5))).toEqual({ date: "2026-11-20", time: "09:05" });
  });

  it("writes offsets as ±HH:MM", () => {
    expect(formatOffset(-300)).toBe("-05:00");
    expect(formatOffset(330)).toBe("+05:30");
    expect(formatOffset(0)).toBe("+00:00");
  });
});

describe("local dates", () => {
  it("validates and moves dates", () => {
    expect(parseLocalDate("2028-02-29")).not.toBeNull();
    expect(parseLocalDate("2026-02-29")).toBeNull();
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(formatDay("2026-11-30")).toBe("Mon 2026-11-30");
  });

  it("steps dates and times with the arrow keys", () => {
    expect(stepDate("2026-11-30", 1)).toBe("2026-12-01");
    expect(stepDate("not a date", 1)).toBeNull();
    expect(stepTime("23:50", 15)).toBe("00:05");
    expect(stepTime("00:05", -15)).toBe("23:50");
  });
});

describe("instants shown in the program's zone", () => {
  it("formats in the given zone, not the computer's", () => {
    expect(formatInstant("2026-11-20T15:00:00Z", "America/New_York")).toBe("2026-11-20 10:00 EST");
    expect(formatInstant("2026-11-20T15:00:00Z", "Asia/Tokyo")).toMatch(/^2026-11-21 00:00 /);
    expect(dateInZone("2026-11-21T03:00:00Z", "America/New_York")).toBe("2026-11-20");
  });
});

describe("instants sent in UTC", () => {
  it("converts this computer's wall-clock time to UTC (tests run in New York)", () => {
    expect(localToUtcRfc3339("2026-11-20", "10:00")).toBe("2026-11-20T15:00:00Z");
    expect(localToUtcRfc3339("2026-07-20", "22:30")).toBe("2026-07-21T02:30:00Z");
    expect(localToUtcRfc3339("2026-02-30", "10:00")).toBeNull();
    expect(localToUtcRfc3339("2026-11-20", "")).toBeNull();
  });

  it("gives 00:00 UTC of a day for a period change", () => {
    expect(utcMidnight("2026-12-01")).toBe("2026-12-01T00:00:00Z");
    expect(utcMidnight(" 2027-01-31 ")).toBe("2027-01-31T00:00:00Z");
    expect(utcMidnight("2026-13-01")).toBeNull();
  });
});

describe("instants in the future", () => {
  const now = new Date("2026-11-23T15:00:00Z");

  it("allows the backend's five minutes of clock difference, no more", () => {
    expect(FUTURE_TOLERANCE_MS).toBe(5 * 60 * 1000);
    expect(isInFuture("2026-11-23T15:00:00Z", now)).toBe(false);
    expect(isInFuture("2026-11-23T10:05:00-05:00", now)).toBe(false);
    expect(isInFuture("2026-11-23T15:05:01Z", now)).toBe(true);
    expect(isInFuture("2026-11-24T00:00:00+09:00", now)).toBe(false);
    expect(isInFuture("2026-11-24T09:00:00-05:00", now)).toBe(true);
  });

  it("leaves text that is not an instant to the other checks", () => {
    expect(isInFuture("tomorrow", now)).toBe(false);
  });
});
