import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { flushSync, tick } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "./App.svelte";
import type { ListComplaintsInput } from "./lib/bindings/ListComplaintsInput";
import type { OperationView } from "./lib/bindings/OperationView";
import { recordedMine } from "./lib/complaints/fixtures";
import { defaultFilters, register } from "./lib/complaints/register.svelte";
import { notices } from "./lib/credit/notices.svelte";
import { setLanguage } from "./lib/i18n";
import { backUpNow } from "./lib/ipc";
import { mockRecordedBackend, notInThisTest, type Call } from "./lib/ipc/testing";
import { nav } from "./lib/nav.svelte";
import { reserveStatus } from "./lib/reserve/fixtures";
import { reserveAlerts } from "./lib/reserve/reserve.svelte";
import { settingsView } from "./lib/settings/fixtures";
import { settingsStore } from "./lib/settings/settings.svelte";
import { POLL_MS } from "./lib/shared/operation.svelte";
import { toasts } from "./lib/shared/toast.svelte";
import { SWITCHED_KEY } from "./lib/team/connection.svelte";
import { appInfo, teamChange, teamSignIn } from "./lib/team/fixtures";
import { teamLive } from "./lib/team/live.svelte";

describe("the shell while a long operation runs", () => {
  let finish: (value: unknown) => void = () => {};
  const progress: OperationView = { operation: "backup", progress: { step: "copying", done: 1_024, total: 4_096, can_cancel: true, cancelled: false } };

  beforeEach(() => {
    vi.useFakeTimers();
    mockIPC((cmd) => {
      if (cmd === "back_up_now") return new Promise((resolve) => (finish = resolve));
      if (cmd === "operation_progress") return progress;
      // Everything else the views read is not the point here: they show their own "could not load".
      throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
    });
  });

  afterEach(() => {
    clearMocks();
    vi.useRealTimers();
    nav.register();
  });

  it("shows the bar under the header on every view, and the app stays usable meanwhile", async () => {
    nav.go({ name: "playbook" });
    render(App);
    const pending = backUpNow();
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await tick();
    const bar = screen.getByTestId("operation-bar");
    expect(bar.textContent).toContain("Making a backup");
    expect(bar.textContent).toContain("1,024 of 4,096");
    // Right under the header, before the view.
    expect(screen.getByRole("banner").nextElementSibling).toBe(bar);

    await fireEvent.click(screen.getByTestId("nav-register"));
    await tick();
    expect(nav.route.name).toBe("register");
    expect(screen.getByTestId("register-view")).not.toBeNull();
    expect(screen.getByTestId("operation-bar").textContent).toContain("Making a backup");

    finish({});
    await pending;
    await tick();
    expect(screen.queryByTestId("operation-bar")).toBeNull();
  });
});

describe("the shell: keys 1 to 6 open the header's views", () => {
  beforeEach(() => {
    mockIPC((cmd) => {
      // What the views read is not the point here: they show their own "could not load".
      throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
    });
  });

  afterEach(() => {
    clearMocks();
    setLanguage("en");
    localStorage.clear();
    nav.register();
  });

  it("opens each view by its place in the header", async () => {
    nav.go({ name: "complaint", id: "CMP-2026-00001" });
    render(App);
    const byKey = [["6", "settings"], ["5", "playbook"], ["4", "reports"], ["3", "reserve"], ["2", "accounts"], ["1", "register"]];
    for (const [key, name] of byKey) {
      await fireEvent.keyDown(document.body, { key });
      expect(nav.route.name).toBe(name);
    }
    await fireEvent.keyDown(document.body, { key: "2" });
    expect(nav.route).toEqual({ name: "accounts", filter: "all" });
    expect(window.location.hash).toBe("#/accounts");
    await fireEvent.keyDown(document.body, { key: "4" });
    expect(nav.route).toEqual({ name: "reports", month: null });
    await fireEvent.keyDown(document.body, { key: "1" });
    expect(nav.route).toEqual({ name: "register" });
    expect(window.location.hash).toBe("#/");
    // Other digits do nothing.
    await fireEvent.keyDown(document.body, { key: "7" });
    await fireEvent.keyDown(document.body, { key: "0" });
    expect(nav.route).toEqual({ name: "register" });
  });

  it("leaves the digits to text fields, to modified presses and to open dialogs", async () => {
    nav.go({ name: "playbook" });
    render(App);
    const field = screen.getByTestId("playbook-search");
    await fireEvent.keyDown(field, { key: "3" });
    expect(nav.route.name).toBe("playbook");
    await fireEvent.keyDown(document.body, { key: "3", ctrlKey: true });
    await fireEvent.keyDown(document.body, { key: "3", altKey: true });
    await fireEvent.keyDown(document.body, { key: "3", metaKey: true });
    expect(nav.route.name).toBe("playbook");
    await fireEvent.keyDown(document.body, { key: "?" });
    expect(screen.getByTestId("shortcut-help")).not.toBeNull();
    await fireEvent.keyDown(document.body, { key: "3" });
    expect(nav.route.name).toBe("playbook");
  });

  it("lists the keys in the shortcut help and on the header's links", async () => {
    render(App);
    const link = screen.getByTestId("nav-reserve");
    expect(link.getAttribute("aria-keyshortcuts")).toBe("3");
    expect(link.getAttribute("title")).toBe("Reserve (3)");
    await fireEvent.keyDown(document.body, { key: "?" });
    const help = screen.getByTestId("shortcut-help");
    expect(help.textContent).toContain("Views");
    expect(help.textContent).toContain("Open Register");
    expect(help.textContent).toContain("Open Settings");
    const rows = [...help.querySelectorAll("dt")].map((dt) => `${dt.textContent} ${dt.nextElementSibling?.textContent}`);
    expect(rows).toContain("1 Open Register");
    expect(rows).toContain("6 Open Settings");
  });

  it("says them in German", async () => {
    render(App);
    setLanguage("de");
    flushSync();
    expect(screen.getByTestId("nav-settings").getAttribute("title")).toBe("Einstellungen (6)");
    await fireEvent.keyDown(document.body, { key: "?" });
    const help = screen.getByTestId("shortcut-help");
    expect(help.textContent).toContain("Ansichten");
    expect(help.textContent).toContain("Register öffnen");
    expect(help.textContent).toContain("Rücklage öffnen");
    expect(help.textContent).toContain("Einstellungen öffnen");
  });

  it("says them in Japanese", async () => {
    render(App);
    setLanguage("ja");
    flushSync();
    expect(screen.getByTestId("nav-accounts").getAttribute("title")).toBe("アカウント (2)");
    await fireEvent.keyDown(document.body, { key: "?" });
    const help = screen.getByTestId("shortcut-help");
    expect(help.textContent).toContain("画面の切り替え");
    expect(help.textContent).toContain("苦情一覧を開く");
    expect(help.textContent).toContain("対応手順を開く");
  });
});

describe("the shell on a team database", () => {
  let calls: Call[];
  let open: number;

  beforeEach(() => {
    calls = [];
    open = 2;
    mockRecordedBackend(
      calls,
      (cmd) => {
        switch (cmd) {
          case "app_info":
            return appInfo(teamSignIn());
          case "get_settings":
            return settingsView({ actor: "ana", database_path: "postgres://ana@db:5432/desk", four_eyes: true });
          case "list_complaints":
            return { items: recordedMine, total: recordedMine.length, total_exact: true, today: "2026-11-23" };
          case "register_counts":
            return { today: "2026-11-23", open, overdue: 0, due_today: 0, due_soon: 0, on_hold: 0, report_due: null };
          case "notice_counts":
            return { overdue: 0, due_soon: 0 };
          case "reserve_status":
            return reserveStatus();
          default:
            throw notInThisTest(cmd);
        }
      },
      { shouldMockEvents: true },
    );
  });

  afterEach(() => {
    clearMocks();
    teamLive.reset();
    register.filters = defaultFilters();
    register.items = [];
    register.counts = null;
    notices.counts = null;
    reserveAlerts.status = null;
    settingsStore.info = null;
    settingsStore.settings = null;
    toasts.items = [];
    sessionStorage.clear();
    nav.register();
  });

  const count = (cmd: string) => calls.filter(([c]) => c === cmd).length;
  const lists = () => calls.filter(([c]) => c === "list_complaints").map(([, a]) => a.input as ListComplaintsInput);
  const lastList = () => lists()[lists().length - 1];

  it("reads the counts and the register page shown again on a change, keeping the officer's filters and rows", async () => {
    nav.register();
    render(App);
    const row = await screen.findByTestId(`register-row-${recordedMine[0].id}`);
    await fireEvent.change(screen.getByTestId("filter-kind"), { target: { value: "operational" } });
    await waitFor(() => expect(lastList()?.kind).toBe("operational"));
    const before = { lists: count("list_complaints"), counts: count("register_counts"), notices: count("notice_counts"), reserve: count("reserve_status") };
    const filtersBefore = lastList();
    open = 3;

    await emit("team-change", teamChange({ actor: "ben", records: [{ entity: "complaint", id: recordedMine[0].id }] }));
    await emit("team-change", teamChange({ actor: "ben", last_seq: 101, records: [{ entity: "complaint", id: recordedMine[0].id }] }));
    await waitFor(() => expect(screen.getByTestId("count-open").getAttribute("data-count")).toBe("3"));
    // One burst, one read of each.
    expect(count("list_complaints")).toBe(before.lists + 1);
    expect(count("register_counts")).toBe(before.counts + 1);
    expect(count("notice_counts")).toBe(before.notices + 1);
    expect(count("reserve_status")).toBe(before.reserve + 1);
    expect(lastList(), "the same filters, page and search").toEqual(filtersBefore);
    expect((screen.getByTestId("filter-kind") as HTMLSelectElement).value).toBe("operational");
    expect(screen.getByTestId(`register-row-${recordedMine[0].id}`), "the rows stay in place (and the scroll with them)").toBe(row);
  });

  it("says, once reloaded after signing in, where the app works and where the password is kept", async () => {
    sessionStorage.setItem(SWITCHED_KEY, JSON.stringify({ to: "connected", kept: "session" }));
    nav.go({ name: "playbook" });
    render(App);
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toContain("Signed in: every view now reads the team database.");
    expect(toast.textContent).toContain("The password is kept for this session only");
    expect(sessionStorage.getItem(SWITCHED_KEY)).toBeNull();
  });

  it("shows who is signed in, and a warning strip while the team server cannot be reached", async () => {
    nav.go({ name: "playbook" });
    render(App);
    expect((await screen.findByTestId("team-badge")).textContent).toContain("ana · approver · postgres://ana@db:5432/desk");
    expect(screen.queryByTestId("team-offline")).toBeNull();
    await emit("team-connection", { connected: false, message: "the team server db:5432 cannot be reached (connection refused); trying again" });
    const strip = await screen.findByTestId("team-offline");
    expect(within(strip).getByTestId("team-offline-message").textContent).toBe("the team server db:5432 cannot be reached (connection refused); trying again");
    expect(strip.getAttribute("role"), "a warning, not a dialog: the app stays usable").toBe("status");
    await fireEvent.click(screen.getByTestId("nav-register"));
    expect(screen.getByTestId("team-offline")).toBeTruthy();
    await emit("team-connection", { connected: true, message: null });
    await waitFor(() => expect(screen.queryByTestId("team-offline")).toBeNull());
  });
});
