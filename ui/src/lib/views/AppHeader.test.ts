import { fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import type { RegisterCounts } from "../bindings/RegisterCounts";
import { register } from "../complaints/register.svelte";
import { notices } from "../credit/notices.svelte";
import { nav } from "../nav.svelte";
import AppHeader from "./AppHeader.svelte";

function counts(report_due: string | null): RegisterCounts {
  return { today: "2026-11-23", open: 3, overdue: 1, due_today: 0, due_soon: 1, on_hold: 0, report_due };
}

afterEach(() => {
  register.counts = null;
  notices.counts = null;
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

  it("has a Reports entry between Accounts and Settings that opens the default month", async () => {
    register.counts = counts(null);
    render(AppHeader, { onhelp: () => {} });
    const links = screen.getAllByRole("link").map((a) => a.getAttribute("data-testid"));
    expect(links.filter((id) => id?.startsWith("nav-"))).toEqual(["nav-register", "nav-accounts", "nav-reports", "nav-settings"]);
    await fireEvent.click(screen.getByTestId("nav-reports"));
    expect(nav.route).toEqual({ name: "reports", month: null });
    expect(screen.getByTestId("nav-reports").getAttribute("aria-current")).toBe("page");
  });
});

describe("header: adverse-action notices", () => {
  it("shows overdue notices in red with their number and opens the cases with notices due", async () => {
    register.counts = counts(null);
    notices.counts = { overdue: 2, due_soon: 1 };
    render(AppHeader, { onhelp: () => {} });
    const overdue = screen.getByTestId("count-notices-overdue");
    expect(overdue.getAttribute("data-count")).toBe("2");
    expect(overdue.classList.contains("hot")).toBe(true);
    expect(screen.getByTestId("count-notices-due").getAttribute("data-count")).toBe("1");
    await fireEvent.click(overdue);
    expect(nav.route).toEqual({ name: "accounts", filter: "notices" });
    expect(window.location.hash).toBe("#/accounts/notices");
    expect(overdue.getAttribute("aria-pressed")).toBe("true");
  });

  it("is calm when nothing is overdue, and shows a dash until the counts are read", () => {
    notices.counts = { overdue: 0, due_soon: 0 };
    const { unmount } = render(AppHeader, { onhelp: () => {} });
    expect(screen.getByTestId("count-notices-overdue").classList.contains("hot")).toBe(false);
    unmount();
    notices.counts = null;
    render(AppHeader, { onhelp: () => {} });
    expect(screen.getByTestId("count-notices-overdue").textContent).toContain("–");
    expect(screen.getByTestId("count-notices-overdue").getAttribute("data-count")).toBe("");
  });

  it("has an Accounts entry", async () => {
    render(AppHeader, { onhelp: () => {} });
    await fireEvent.click(screen.getByTestId("nav-accounts"));
    expect(nav.route).toEqual({ name: "accounts", filter: "all" });
    expect(screen.getByTestId("nav-accounts").getAttribute("aria-current")).toBe("page");
  });
});
