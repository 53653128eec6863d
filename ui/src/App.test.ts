import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { tick } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "./App.svelte";
import type { OperationView } from "./lib/bindings/OperationView";
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
