import { describe, expect, it } from "vitest";
import { parseHash, routeHash } from "../nav.svelte";
import { defaultReportMonth, firstDay, isMonth, lastDay, monthOf, monthTitle, parseMonth, stepMonth } from "./month";

describe("report months", () => {
  it("opens on the month before today, whose report is due", () => {
    expect(defaultReportMonth("2026-11-23")).toBe("2026-10");
    expect(defaultReportMonth("2026-11-01")).toBe("2026-10");
    expect(defaultReportMonth("2026-03-31")).toBe("2026-02");
  });

  it("goes back across the new year in January", () => {
    expect(defaultReportMonth("2027-01-04")).toBe("2026-12");
  });

  it("steps months across year boundaries both ways", () => {
    expect(stepMonth("2026-12", 1)).toBe("2027-01");
    expect(stepMonth("2027-01", -1)).toBe("2026-12");
    expect(stepMonth("2026-10", 0)).toBe("2026-10");
    expect(stepMonth("2026-10", 14)).toBe("2027-12");
    expect(stepMonth("2026-10", -22)).toBe("2024-12");
    expect(stepMonth("2026-13", 1)).toBeNull();
  });

  it("accepts only YYYY-MM with a real month", () => {
    expect(parseMonth("2026-10")).toEqual({ year: 2026, month: 10 });
    for (const bad of ["2026-13", "2026-00", "2026-1", "Oct 2026", "2026/10", "", "2026-10-01"]) {
      expect(isMonth(bad), bad).toBe(false);
    }
    expect(monthOf("2026-10-31")).toBe("2026-10");
    expect(monthOf("31.10.2026")).toBeNull();
  });

  it("names months and their first and last days", () => {
    expect(monthTitle("2026-10")).toBe("October 2026");
    expect(monthTitle("2027-01")).toBe("January 2027");
    expect(firstDay("2026-10")).toBe("2026-10-01");
    expect(lastDay("2026-11")).toBe("2026-11-30");
    expect(lastDay("2028-02")).toBe("2028-02-29");
    expect(lastDay("2026-02")).toBe("2026-02-28");
  });
});

describe("reports route", () => {
  it("keeps the month in the URL, and falls back to the default month", () => {
    expect(parseHash("#/reports")).toEqual({ name: "reports", month: null });
    expect(parseHash("#/reports/2026-10")).toEqual({ name: "reports", month: "2026-10" });
    expect(parseHash("#/reports/2026-13")).toEqual({ name: "reports", month: null });
    expect(routeHash({ name: "reports", month: "2026-09" })).toBe("#/reports/2026-09");
    expect(routeHash({ name: "reports", month: null })).toBe("#/reports");
  });
});
