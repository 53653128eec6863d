import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { tick } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OperationView } from "../bindings/OperationView";
import type { ProgressReport } from "../bindings/ProgressReport";
import { backUpNow, exportReport, importComplaints, verifyAudit } from "../ipc";
import { countText, operation, POLL_MS } from "./operation.svelte";
import OperationBar from "./OperationBar.svelte";
import Toaster from "./Toaster.svelte";
import { toasts } from "./toast.svelte";

function running(operation: OperationView["operation"], progress: Partial<ProgressReport> = {}): OperationView {
  return { operation, progress: { step: "starting", done: 0, total: null, can_cancel: true, cancelled: false, ...progress } };
}

describe("the count in words", () => {
  it("says how many of how many with thousands separators, or how many so far", () => {
    expect(countText({ done: 12_345, total: 1_000_000 })).toBe("12,345 of 1,000,000");
    expect(countText({ done: 0, total: 40 })).toBe("0 of 40");
    expect(countText({ done: 12_345, total: null })).toBe("12,345 so far");
    expect(countText({ done: 0, total: null })).toBeNull();
  });
});

describe("the progress bar of a long operation", () => {
  let calls: string[];
  /** What `operation_progress` answers now. */
  let progress: OperationView | null;
  /** What `cancel_operation` answers. */
  let taken: boolean;
  /** Settles the pending long command. */
  let finish: (value: unknown) => void;
  let fail: (body: unknown) => void;

  const pendingCommand = () =>
    new Promise((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });

  beforeEach(() => {
    vi.useFakeTimers();
    calls = [];
    progress = null;
    taken = true;
    mockIPC((cmd) => {
      calls.push(cmd);
      switch (cmd) {
        case "operation_progress":
          return progress;
        case "cancel_operation":
          return taken;
        case "import_complaints":
        case "export_report":
        case "verify_audit":
        case "back_up_now":
          return pendingCommand();
        default:
          throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
      }
    });
  });

  afterEach(() => {
    // Every test lets its command answer: nothing is left pending for the next one.
    expect(operation.pending).toBe(false);
    clearMocks();
    toasts.items = [];
    vi.useRealTimers();
  });

  /** Lets the next read of the progress happen and be drawn. */
  async function poll() {
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await tick();
  }

  const bar = () => screen.queryByTestId("operation-bar");
  const cancelButton = () => screen.getByRole("button", { name: "Cancel" }) as HTMLButtonElement;
  const polls = () => calls.filter((c) => c === "operation_progress").length;

  it("shows what runs, its step and its count while the import is pending, and goes when it settles", async () => {
    render(OperationBar);
    const pending = importComplaints();
    progress = running("import", { step: "checking_rows", done: 12_345, total: 1_000_000 });
    expect(bar()).toBeNull();
    await poll();

    const shown = bar();
    expect(shown).not.toBeNull();
    expect(shown?.classList.contains("operation-bar")).toBe(true);
    expect(screen.getByTestId("operation-name").textContent).toBe("Importing complaints");
    expect(screen.getByTestId("operation-step").textContent).toBe("Checking rows");
    expect(screen.getByTestId("operation-count").textContent).toBe("12,345 of 1,000,000");
    const meter = screen.getByRole("progressbar") as HTMLProgressElement;
    expect(meter.getAttribute("value")).toBe("12345");
    expect(meter.getAttribute("max")).toBe("1000000");
    expect(meter.getAttribute("aria-valuetext")).toBe("12,345 of 1,000,000");
    expect(meter.getAttribute("aria-label")).toBe("Importing complaints: Checking rows");

    // The next read moves it on.
    progress = running("import", { step: "writing_rows", done: 600_000, total: 1_000_000 });
    await poll();
    expect(screen.getByTestId("operation-step").textContent).toBe("Writing rows");
    expect(screen.getByTestId("operation-count").textContent).toBe("600,000 of 1,000,000");

    finish({ imported: 1_000_000, first_id: "CMP-2026-00001", last_id: "CMP-2026-1000000" });
    await pending;
    await tick();
    expect(bar()).toBeNull();
    // No more reads once the command has answered.
    const before = polls();
    await vi.advanceTimersByTimeAsync(POLL_MS * 8);
    expect(polls()).toBe(before);
  });

  it("names each operation and shows an indeterminate bar while the total is not known", async () => {
    render(OperationBar);
    const cases: [() => Promise<unknown>, OperationView, string, string][] = [
      [() => exportReport({ month: "2026-10", format: "xlsx" }), running("export", { step: "rendering" }), "Exporting the report", "Laying out the file"],
      [() => verifyAudit(), running("verify", { step: "checking_chain", done: 48_200 }), "Verifying the audit history", "Checking the audit chain"],
      [() => backUpNow(), running("backup", { step: "copying", done: 3_100, total: 9_000 }), "Making a backup", "Copying the database"],
    ];
    for (const [start, view, name, step] of cases) {
      const pending = start();
      progress = view;
      await poll();
      expect(screen.getByTestId("operation-bar").getAttribute("data-operation")).toBe(view.operation);
      expect(screen.getByTestId("operation-name").textContent).toBe(name);
      expect(screen.getByTestId("operation-step").textContent).toBe(step);
      const meter = screen.getByRole("progressbar");
      expect(meter.hasAttribute("value")).toBe(view.progress.total !== null);
      finish(null);
      await pending;
      await tick();
      expect(bar()).toBeNull();
    }
    expect(screen.queryByTestId("operation-count")).toBeNull();
  });

  it("says how many so far when the total is not known", async () => {
    render(OperationBar);
    const pending = verifyAudit();
    progress = running("verify", { step: "checking_chain", done: 48_200 });
    await poll();
    expect(screen.getByTestId("operation-count").textContent).toBe("48,200 so far");
    expect(screen.getByRole("progressbar").hasAttribute("value")).toBe(false);
    finish(null);
    await pending;
  });

  it("does not show a bar for an operation that answers before the first read", async () => {
    render(OperationBar);
    const pending = backUpNow();
    progress = running("backup", { step: "copying" });
    finish({});
    await pending;
    await vi.advanceTimersByTimeAsync(POLL_MS * 4);
    await tick();
    expect(polls()).toBe(0);
    expect(bar()).toBeNull();
  });

  it("stops the operation with Cancel, then says it is stopping", async () => {
    render(OperationBar);
    render(Toaster);
    const outcome = importComplaints().catch((e: unknown) => e);
    progress = running("import", { step: "writing_rows", done: 10, total: 100 });
    await poll();
    expect(cancelButton().disabled).toBe(false);

    await fireEvent.click(cancelButton());
    await vi.advanceTimersByTimeAsync(0);
    await tick();
    expect(calls.filter((c) => c === "cancel_operation")).toHaveLength(1);
    expect(screen.getByTestId("operation-stopping").textContent).toBe("Stopping…");
    expect(cancelButton().disabled).toBe(true);
    expect(screen.getByTestId("operation-bar").getAttribute("data-stopping")).toBe("true");

    // The backend's next report agrees, until the command rejects.
    progress = running("import", { step: "writing_rows", done: 11, total: 100, can_cancel: false, cancelled: true });
    await poll();
    expect(screen.getByTestId("operation-stopping")).not.toBeNull();
    expect(screen.queryByTestId("operation-cancel-blocked")).toBeNull();
    fail({ code: "cancelled", message: "stopped as asked; nothing was written", field: null, rule: null });
    expect(await outcome).toMatchObject({ code: "cancelled" });
    await tick();
    expect(bar()).toBeNull();
  });

  it("disables Cancel with its reason once the operation is finishing", async () => {
    render(OperationBar);
    const pending = backUpNow();
    progress = running("backup", { step: "finishing", can_cancel: false });
    await poll();
    expect(screen.getByTestId("operation-step").textContent).toBe("Finishing");
    const button = cancelButton();
    expect(button.disabled).toBe(true);
    expect(button.getAttribute("title")).toBe("Finishing: it can no longer be stopped");
    const reason = screen.getByTestId("operation-cancel-blocked");
    expect(reason.textContent).toBe("Finishing: it can no longer be stopped");
    expect(button.getAttribute("aria-describedby")).toBe(reason.id);
    expect(screen.queryByTestId("operation-stopping")).toBeNull();
    await fireEvent.click(button);
    expect(calls).not.toContain("cancel_operation");
    finish({});
    await pending;
  });

  it("says it can no longer be stopped when the backend did not take the cancel", async () => {
    taken = false;
    render(OperationBar);
    const pending = exportReport({ month: "2026-10", format: "pdf" });
    progress = running("export", { step: "rendering" });
    await poll();
    await fireEvent.click(cancelButton());
    await vi.advanceTimersByTimeAsync(0);
    await tick();
    expect(calls).toContain("cancel_operation");
    expect(screen.queryByTestId("operation-stopping")).toBeNull();
    expect(screen.getByTestId("operation-cancel-blocked").textContent).toBe("Finishing: it can no longer be stopped");
    expect(cancelButton().disabled).toBe(true);
    finish(null);
    await pending;
  });

  it("drops a read that answers after the command settled", async () => {
    let answerRead: (view: OperationView | null) => void = () => {};
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "operation_progress") return new Promise((resolve) => (answerRead = resolve));
      return pendingCommand();
    });
    render(OperationBar);
    const pending = verifyAudit();
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(polls()).toBe(1);
    finish(null);
    await pending;
    answerRead(running("verify", { step: "checking_records", done: 5, total: 9 }));
    await vi.advanceTimersByTimeAsync(POLL_MS * 2);
    await tick();
    expect(bar()).toBeNull();
    expect(operation.view).toBeNull();
    expect(polls()).toBe(1);
  });
});
