import { fireEvent, render, screen } from "@testing-library/svelte";
import { flushSync } from "svelte";
import { afterEach, describe, expect, it } from "vitest";
import type { RegisterCounts } from "../bindings/RegisterCounts";
import { register } from "../complaints/register.svelte";
import { notices } from "../credit/notices.svelte";
import { nav } from "../nav.svelte";
import { reserveStatus } from "../reserve/fixtures";
import { reserveAlerts } from "../reserve/reserve.svelte";
import { setLanguage } from "../i18n";
import { settingsStore } from "../settings/settings.svelte";
import { appInfo, teamSignIn } from "../team/fixtures";
import AppHeader from "./AppHeader.svelte";

function counts(report_due: string | null): RegisterCounts {
  return { today: "2026-11-23", open: 3, overdue: 1, due_today: 0, due_soon: 1, on_hold: 0, report_due };
}

afterEach(() => {
  register.counts = null;
  notices.counts = null;
  reserveAlerts.status = null;
  settingsStore.info = null;
  setLanguage("en");
  localStorage.clear();
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

  it("has a Reports entry between Reserve and Playbook that opens the default month", async () => {
    register.counts = counts(null);
    render(AppHeader, { onhelp: () => {} });
    const links = screen.getAllByRole("link").map((a) => a.getAttribute("data-testid"));
    expect(links.filter((id) => id?.startsWith("nav-"))).toEqual(["nav-register", "nav-accounts", "nav-reserve", "nav-reports", "nav-playbook", "nav-settings"]);
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

describe("header: Connect reserve alert", () => {
  it("counts the sweeps coming and the holds released today, lists their texts and opens the reserve", async () => {
    reserveAlerts.status = reserveStatus({
      alerts: [
        { kind: "sweep_soon", account: "acct_1Harbor", text: "acct_1Harbor (Harbor Street Goods LLC) has been negative since 2026-06-04: Stripe sweeps 48,250.00 USD from the reserve on 2026-12-01, in 8 days" },
        { kind: "hold_releases_today", account: "acct_1Lumen", text: "3,000.00 USD of the bank debit of acct_1Lumen is released from the reserve at the end of today" },
        { kind: "shortfall", account: null, text: "the platform's available balance is below the reserve" },
      ],
    });
    render(AppHeader, { onhelp: () => {} });
    const alert = screen.getByTestId("reserve-alert");
    expect(alert.getAttribute("data-count")).toBe("2");
    expect(alert.textContent).toContain("2 reserve alerts");
    expect(alert.getAttribute("title")).toContain("1 sweep soon · 1 hold released today");
    expect(alert.getAttribute("title")).toContain("Stripe sweeps 48,250.00 USD from the reserve on 2026-12-01, in 8 days");
    expect(alert.getAttribute("title")).toContain("released from the reserve at the end of today");
    expect(alert.getAttribute("title")).not.toContain("below the reserve");
    await fireEvent.click(alert);
    expect(nav.route).toEqual({ name: "reserve" });
    expect(window.location.hash).toBe("#/reserve");
    expect(screen.getByTestId("nav-reserve").getAttribute("aria-current")).toBe("page");
  });

  it("is not shown without a sweep coming or a hold released today", () => {
    reserveAlerts.status = reserveStatus({ alerts: [{ kind: "shortfall", account: null, text: "the platform's available balance is below the reserve" }] });
    const { unmount } = render(AppHeader, { onhelp: () => {} });
    expect(screen.queryByTestId("reserve-alert")).toBeNull();
    unmount();
    reserveAlerts.status = null;
    render(AppHeader, { onhelp: () => {} });
    expect(screen.queryByTestId("reserve-alert")).toBeNull();
  });

  it("has Reserve and Playbook entries", async () => {
    render(AppHeader, { onhelp: () => {} });
    await fireEvent.click(screen.getByTestId("nav-playbook"));
    expect(nav.route).toEqual({ name: "playbook" });
    expect(screen.getByTestId("nav-playbook").textContent).toBe("Playbook");
    expect(screen.getByTestId("nav-reserve").textContent).toBe("Reserve");
  });
});

describe("header: keys of the views", () => {
  it("names each link's key, 1 to 6 in its order, and keeps its address", () => {
    render(AppHeader, { onhelp: () => {} });
    const links = screen.getAllByRole("link").filter((a) => a.getAttribute("data-testid")?.startsWith("nav-"));
    expect(links.map((a) => a.getAttribute("aria-keyshortcuts"))).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["#/", "#/accounts", "#/reserve", "#/reports", "#/playbook", "#/settings"]);
    expect(links.map((a) => a.getAttribute("title"))).toEqual(["Register (1)", "Accounts (2)", "Reserve (3)", "Reports (4)", "Playbook (5)", "Settings (6)"]);
  });

  it("marks Register over a complaint and Accounts over an account or a credit case, without calling them the page", () => {
    nav.complaint("CMP-2026-00001");
    render(AppHeader, { onhelp: () => {} });
    expect(screen.getByTestId("nav-register").classList.contains("active")).toBe(true);
    expect(screen.getByTestId("nav-register").getAttribute("aria-current")).toBeNull();
    nav.credit("CRD-2026-00001");
    flushSync();
    expect(screen.getByTestId("nav-register").classList.contains("active")).toBe(false);
    expect(screen.getByTestId("nav-accounts").classList.contains("active")).toBe(true);
    expect(screen.getByTestId("nav-accounts").getAttribute("aria-current")).toBeNull();
  });
});

describe("header: team database", () => {
  it("says who is signed in, with which roles, and where", () => {
    settingsStore.info = appInfo(teamSignIn());
    render(AppHeader, { onhelp: () => {} });
    const badge = screen.getByTestId("team-badge");
    expect(badge.textContent?.replace(/\s+/g, " ").trim()).toBe("ana · approver · postgres://ana@db:5432/desk");
    expect(badge.getAttribute("data-officer")).toBe("ana");
    expect(badge.getAttribute("title")).toBe("Signed in to the team database postgres://ana@db:5432/desk as ana (approver)");
  });

  it("words every role, in the interface language, and shows a role it does not know as the backend names it", () => {
    settingsStore.info = appInfo(teamSignIn({ officer: "ben", roles: ["officer", "auditor", "steward"], database: "postgres://ben@db:5432/desk" }));
    render(AppHeader, { onhelp: () => {} });
    const badge = screen.getByTestId("team-badge");
    expect(badge.textContent).toContain("ben · officer, auditor, steward · postgres://ben@db:5432/desk");
    setLanguage("de");
    flushSync();
    expect(badge.textContent).toContain("ben · Sachbearbeitung, Prüfung, steward · postgres://ben@db:5432/desk");
    setLanguage("ja");
    flushSync();
    expect(badge.textContent).toContain("ben · 担当者、監査担当、steward · postgres://ben@db:5432/desk");
  });

  it("is not shown on the single-user file", () => {
    settingsStore.info = appInfo(null);
    render(AppHeader, { onhelp: () => {} });
    expect(screen.queryByTestId("team-badge")).toBeNull();
  });
});
