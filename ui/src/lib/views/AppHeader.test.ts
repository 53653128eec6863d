import { fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import type { RegisterCounts } from "../bindings/RegisterCounts";
import { register } from "../complaints/register.svelte";
import { nav } from "../nav.svelte";
import AppHeader from "./AppHeader.svelte";

function counts(report_due: string | null): RegisterCounts {
  return { today: "2026-11-23", open: 3, overdue: 1, due_today: 0, due_soon: 1, on_hold: 0, report_due };
}

afterEach(() => {
  register.counts = null;
  nav.register();
});

describe("header: monthly report reminder", () => {
  it("says which month's report to Stripe is not submitted and opens it", async () => {
    register.counts = counts("2026-10");
    render(AppHeader, { onhelp: () => {} });
    const notice = screen.getByTestId("report-due");
    expect(notice.textContent?.trim()).toBe("October 2026 report to Stripe not submitted");
    expect(notice.getAttribute("data-month")).toBe("2026-10");
    await fireEvent.click(notice);
    expect(nav.route).toEqual({ name: "reports", month: "2026-10" });
    expect(window.location.hash).toBe("#/reports/2026-10");
  });

  it("is not shown when nothing is due", () => {
    register.counts = counts(null);
    render(AppHeader, { onhelp: () => {} });
    expect(screen.queryByTestId("report-due")).toBeNull();
  });

  it("has a Reports entry between Register and Settings that opens the default month", async () => {
    register.counts = counts(null);
    render(AppHeader, { onhelp: () => {} });
    const links = screen.getAllByRole("link").map((a) => a.getAttribute("data-testid"));
    expect(links.filter((id) => id?.startsWith("nav-"))).toEqual(["nav-register", "nav-reports", "nav-settings"]);
    await fireEvent.click(screen.getByTestId("nav-reports"));
    expect(nav.route).toEqual({ name: "reports", month: null });
    expect(screen.getByTestId("nav-reports").getAttribute("aria-current")).toBe("page");
  });
});
