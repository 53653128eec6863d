import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { flushSync, tick } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "./App.svelte";
import type { OperationView } from "./lib/bindings/OperationView";
import { setLanguage } from "./lib/i18n";
import { backUpNow } from "./lib/ipc";
import { nav } from "./lib/nav.svelte";
import { POLL_MS } from "./lib/shared/operation.svelte";

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
