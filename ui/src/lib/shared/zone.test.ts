import { render, screen } from "@testing-library/svelte";
import { flushSync } from "svelte";
import { afterEach, describe, expect, it } from "vitest";
import { setLanguage } from "../i18n";
import { settingsStore } from "../settings/settings.svelte";
import {
  dateInZone,
  formatDate,
  formatDay,
  formatInstant,
  formatMonth,
  localOffsetLabel,
  localToRfc3339,
  localToUtcRfc3339,
  nowInZone,
  nowLocal,
  resolveWallTime,
  weekdayOf,
  zoneAbbreviation,
  zoneCity,
  zonedToRfc3339,
  zonedToUtcRfc3339,
  zoneFieldHint,
  zoneOffsetMinutes,
} from "./datetime";
import InstantFields from "./InstantFields.svelte";
import { computerTimeZone, programTimeZone, programZoneKnown, setProgramTimeZone } from "./zone.svelte";

const NY = "America/New_York";
const BERLIN = "Europe/Berlin";
const TOKYO = "Asia/Tokyo";

afterEach(() => {
  setProgramTimeZone(null);
  setLanguage("en");
  localStorage.clear();
});

describe("wall-clock time in a named zone to UTC", () => {
  it("reads ordinary times with the zone's offset at that date, summer or winter", () => {
    expect(zonedToUtcRfc3339("2026-01-15", "10:00", NY)).toBe("2026-01-15T15:00:00Z");
    expect(zonedToUtcRfc3339("2026-07-15", "10:00", NY)).toBe("2026-07-15T14:00:00Z");
    expect(zonedToUtcRfc3339("2026-01-15", "12:00", BERLIN)).toBe("2026-01-15T11:00:00Z");
    expect(zonedToUtcRfc3339("2026-07-15", "12:00", BERLIN)).toBe("2026-07-15T10:00:00Z");
    expect(zonedToUtcRfc3339("2026-07-15", "09:00", TOKYO)).toBe("2026-07-15T00:00:00Z");
    expect(zonedToUtcRfc3339("2026-01-01", "00:00", TOKYO)).toBe("2025-12-31T15:00:00Z");
  });

  it("New York, 2026-03-08: 02:00–02:59 does not exist and is taken as the same time after the change", () => {
    expect(zonedToRfc3339("2026-03-08", "01:59", NY)).toBe("2026-03-08T01:59:00-05:00");
    expect(resolveWallTime("2026-03-08", "01:59", NY)?.resolution).toBe("exact");
    const gap = resolveWallTime("2026-03-08", "02:30", NY);
    expect(gap?.resolution).toBe("gap");
    expect(zonedToRfc3339("2026-03-08", "02:30", NY)).toBe("2026-03-08T03:30:00-04:00");
    expect(zonedToUtcRfc3339("2026-03-08", "02:30", NY)).toBe("2026-03-08T07:30:00Z");
    expect(zonedToUtcRfc3339("2026-03-08", "02:00", NY)).toBe("2026-03-08T07:00:00Z");
    expect(zonedToRfc3339("2026-03-08", "03:00", NY)).toBe("2026-03-08T03:00:00-04:00");
    expect(resolveWallTime("2026-03-08", "03:00", NY)?.resolution).toBe("exact");
    // The day before and after keep their own offsets.
    expect(zonedToUtcRfc3339("2026-03-07", "02:30", NY)).toBe("2026-03-07T07:30:00Z");
    expect(zonedToUtcRfc3339("2026-03-09", "02:30", NY)).toBe("2026-03-09T06:30:00Z");
  });

  it("New York, 2026-11-01: 01:00–01:59 happens twice and the first (EDT) is taken", () => {
    expect(zonedToRfc3339("2026-11-01", "00:59", NY)).toBe("2026-11-01T00:59:00-04:00");
    const twice = resolveWallTime("2026-11-01", "01:30", NY);
    expect(twice?.resolution).toBe("overlap");
    expect(zonedToRfc3339("2026-11-01", "01:30", NY)).toBe("2026-11-01T01:30:00-04:00");
    expect(zonedToUtcRfc3339("2026-11-01", "01:30", NY)).toBe("2026-11-01T05:30:00Z");
    expect(zonedToUtcRfc3339("2026-11-01", "01:00", NY)).toBe("2026-11-01T05:00:00Z");
    expect(zonedToRfc3339("2026-11-01", "02:00", NY)).toBe("2026-11-01T02:00:00-05:00");
    expect(resolveWallTime("2026-11-01", "02:00", NY)?.resolution).toBe("exact");
    // Both readings of 01:30 show as what they are.
    expect(formatInstant("2026-11-01T05:30:00Z", NY)).toBe("2026-11-01 01:30 EDT");
    expect(formatInstant("2026-11-01T06:30:00Z", NY)).toBe("2026-11-01 01:30 EST");
  });

  it("Berlin, 2026-03-29 and 2026-10-25: the European changes, an hour after midnight UTC", () => {
    expect(zonedToRfc3339("2026-03-29", "01:59", BERLIN)).toBe("2026-03-29T01:59:00+01:00");
    expect(resolveWallTime("2026-03-29", "02:30", BERLIN)?.resolution).toBe("gap");
    expect(zonedToRfc3339("2026-03-29", "02:30", BERLIN)).toBe("2026-03-29T03:30:00+02:00");
    expect(zonedToUtcRfc3339("2026-03-29", "03:00", BERLIN)).toBe("2026-03-29T01:00:00Z");
    expect(resolveWallTime("2026-10-25", "02:30", BERLIN)?.resolution).toBe("overlap");
    expect(zonedToRfc3339("2026-10-25", "02:30", BERLIN)).toBe("2026-10-25T02:30:00+02:00");
    expect(zonedToUtcRfc3339("2026-10-25", "03:00", BERLIN)).toBe("2026-10-25T02:00:00Z");
    // The US change does not move Berlin.
    expect(zonedToUtcRfc3339("2026-03-08", "02:30", BERLIN)).toBe("2026-03-08T01:30:00Z");
  });

  it("Tokyo has no daylight saving: the US and European change days are ordinary", () => {
    for (const [date, time] of [["2026-03-08", "02:30"], ["2026-11-01", "01:30"], ["2026-03-29", "02:30"], ["2026-10-25", "02:30"]]) {
      expect(resolveWallTime(date, time, TOKYO)?.resolution).toBe("exact");
      expect(zonedToRfc3339(date, time, TOKYO)).toBe(`${date}T${time}:00+09:00`);
    }
    expect(zoneOffsetMinutes(Date.parse("2026-07-01T00:00:00Z"), TOKYO)).toBe(540);
  });

  it("gives the offset of a zone at an instant, and refuses dates and times that are not", () => {
    expect(zoneOffsetMinutes(Date.parse("2026-03-08T06:59:59Z"), NY)).toBe(-300);
    expect(zoneOffsetMinutes(Date.parse("2026-03-08T07:00:00Z"), NY)).toBe(-240);
    expect(zoneOffsetMinutes(Date.parse("2026-11-01T05:59:59Z"), NY)).toBe(-240);
    expect(zoneOffsetMinutes(Date.parse("2026-11-01T06:00:00Z"), NY)).toBe(-300);
    expect(zonedToUtcRfc3339("2026-02-30", "10:00", NY)).toBeNull();
    expect(zonedToUtcRfc3339("2026-11-20", "25:00", NY)).toBeNull();
  });

  it("gives now as the zone's wall clock reads it", () => {
    const at = new Date("2026-03-08T07:30:00Z");
    expect(nowInZone(NY, at)).toEqual({ date: "2026-03-08", time: "03:30" });
    expect(nowInZone(TOKYO, at)).toEqual({ date: "2026-03-08", time: "16:30" });
    expect(nowInZone(BERLIN, at)).toEqual({ date: "2026-03-08", time: "08:30" });
    expect(nowInZone(NY, new Date("2026-11-01T06:30:00Z"))).toEqual({ date: "2026-11-01", time: "01:30" });
  });
});

describe("the program's zone", () => {
  it("is this computer's until the settings say (tests run in New York)", () => {
    expect(computerTimeZone()).toBe(NY);
    expect(programZoneKnown()).toBe(false);
    expect(programTimeZone()).toBe(NY);
  });

  it("comes from the settings store, and forms read typed times in it", () => {
    settingsStore.settings = {
      program_name: "Kite Card Program",
      timezone: TOKYO,
      closures: [],
      policy: {
        name: "Stripe Issuing and Treasury (US)",
        timezone: TOKYO,
        operational: { acknowledge: 5, resolve: 15, notify_stripe: null },
        executive: { acknowledge: null, resolve: 15, notify_stripe: 1 },
        late_entry_business_days: 5,
      },
      calendar_name: "US Federal Reserve",
      actor: "a.okafor",
      database_path: "/data/desk.db",
      four_eyes: false,
    };
    try {
      expect(programZoneKnown()).toBe(true);
      expect(programTimeZone()).toBe(TOKYO);
      // Typed in Tokyo, not on this computer's New York clock.
      expect(localToRfc3339("2026-11-20", "10:00")).toBe("2026-11-20T10:00:00+09:00");
      expect(localToUtcRfc3339("2026-11-20", "10:00")).toBe("2026-11-20T01:00:00Z");
      expect(localOffsetLabel("2026-11-20", "10:00")).toBe("UTC+09:00");
      expect(nowLocal(new Date("2026-11-20T15:00:00Z"))).toEqual({ date: "2026-11-21", time: "00:00" });
      // Shown in Tokyo too, whatever zone this computer is in.
      expect(formatInstant("2026-11-20T15:00:00Z")).toBe("2026-11-21 00:00 GMT+9");
      expect(dateInZone("2026-11-20T15:00:00Z")).toBe("2026-11-21");
    } finally {
      settingsStore.settings = null;
    }
    expect(programZoneKnown()).toBe(false);
  });

  it("ignores a zone name Intl does not know", () => {
    setProgramTimeZone("Mars/Olympus_Mons");
    expect(programZoneKnown()).toBe(false);
    expect(programTimeZone()).toBe(NY);
    expect(formatInstant("2026-11-20T15:00:00Z", "Mars/Olympus_Mons")).toBe("2026-11-20 15:00 UTC");
  });

  it("says in the form which zone a date and time are read in, and how a change of clocks takes them", () => {
    setProgramTimeZone(NY);
    expect(zoneFieldHint("2026-12-01", "09:30")).toBe("New York time (EST)");
    expect(zoneFieldHint("2026-07-01", "09:30")).toBe("New York time (EDT)");
    expect(zoneFieldHint("2026-03-08", "02:30")).toBe("02:30 is skipped in New York that day (clocks go forward): taken as 03:30 EDT");
    expect(zoneFieldHint("2026-11-01", "01:30")).toBe("01:30 happens twice in New York that day (clocks go back): taken as the first, EDT");
    expect(zoneFieldHint("not a date", "")).toMatch(/^New York time \(E[SD]T\)$/);
    expect(zoneFieldHint("2026-12-01", "09:30", "UTC")).toBe("UTC");
    expect(zoneFieldHint("2026-12-01", "09:30", TOKYO)).toBe("Tokyo time (GMT+9)");
    expect(zoneCity("America/Argentina/Buenos_Aires")).toBe("Buenos Aires");
    setLanguage("de");
    expect(zoneFieldHint("2026-12-01", "09:30")).toBe("Uhrzeit in New York (EST)");
    expect(zoneFieldHint("2026-12-01", "09:30", BERLIN)).toBe("Uhrzeit in Berlin (MEZ)");
    setLanguage("ja");
    expect(zoneFieldHint("2026-12-01", "09:30")).toBe("New York 時間（EST）");
    expect(zoneFieldHint("2026-12-01", "09:30", TOKYO)).toBe("Tokyo 時間（JST）");
  });

  it("shows the zone next to the date and time fields of a form", () => {
    setProgramTimeZone(TOKYO);
    render(InstantFields, { date: "2026-12-01", time: "09:30", testid: "field-at", name: "at", label: "Read on" });
    expect(screen.getByText("Tokyo time (GMT+9); sent in UTC")).toBeTruthy();
    setLanguage("de");
    flushSync();
    expect(screen.getByText("Uhrzeit in Tokyo (GMT+9); wird in UTC gesendet")).toBeTruthy();
    expect(document.querySelector("label[for^='t-']")?.textContent).toBe("Uhrzeit*");
    setLanguage("ja");
    flushSync();
    expect(screen.getByText("Tokyo 時間（JST）。UTC で送信されます")).toBeTruthy();
  });
});

describe("dates and instants in the interface language", () => {
  it("writes English as before: ISO dates, the zone's English abbreviation", () => {
    expect(formatInstant("2026-12-01T14:30:00Z", NY)).toBe("2026-12-01 09:30 EST");
    expect(formatInstant("2026-11-20T15:00:00Z", BERLIN)).toBe("2026-11-20 16:00 GMT+1");
    expect(formatDate("2026-11-30")).toBe("2026-11-30");
    expect(formatDay("2026-11-30")).toBe("Mon 2026-11-30");
    expect(weekdayOf("2026-11-30")).toBe("Mon");
    expect(formatMonth("2026-10")).toBe("October 2026");
    expect(zoneAbbreviation(Date.parse("2026-07-01T00:00:00Z"), NY)).toBe("EDT");
  });

  it("writes German dates and instants, with German abbreviations where German has them", () => {
    setLanguage("de");
    expect(formatInstant("2026-12-01T14:30:00Z", NY)).toBe("01.12.2026, 09:30 EST");
    expect(formatInstant("2026-11-20T15:00:00Z", BERLIN)).toBe("20.11.2026, 16:00 MEZ");
    expect(formatInstant("2026-07-20T15:00:00Z", BERLIN)).toBe("20.07.2026, 17:00 MESZ");
    expect(formatDate("2026-11-30")).toBe("30.11.2026");
    expect(formatDay("2026-11-30")).toBe("Mo., 30.11.2026");
    expect(formatMonth("2026-10")).toBe("Oktober 2026");
  });

  it("writes Japanese dates and instants", () => {
    setLanguage("ja");
    expect(formatInstant("2026-12-01T14:30:00Z", NY)).toBe("2026/12/01 09:30 EST");
    expect(formatInstant("2026-11-20T15:00:00Z", TOKYO)).toBe("2026/11/21 00:00 JST");
    expect(formatDate("2026-11-30")).toBe("2026/11/30");
    expect(formatDay("2026-11-30")).toBe("2026/11/30(月)");
    expect(weekdayOf("2026-11-30")).toBe("月");
    expect(formatMonth("2026-10")).toBe("2026年10月");
  });

  it("leaves text that is not a date or instant as it is", () => {
    setLanguage("de");
    expect(formatInstant("soon", NY)).toBe("soon");
    expect(formatDate("2026-02-30")).toBe("2026-02-30");
    expect(formatMonth("2026-13")).toBe("2026-13");
  });
});
