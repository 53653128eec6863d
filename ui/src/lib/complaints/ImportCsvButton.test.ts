import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { tick } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OperationView } from "../bindings/OperationView";
import { POLL_MS } from "../shared/operation.svelte";
import OperationBar from "../shared/OperationBar.svelte";
import Toaster from "../shared/Toaster.svelte";
import { toasts } from "../shared/toast.svelte";
import ImportCsvButton from "./ImportCsvButton.svelte";

describe("importing complaints from a CSV file", () => {
  let calls: [string, unknown][];
  /** The backend's answer to `import_complaints`: null when the officer cancelled its open dialog. */
  let answer: () => unknown;
  /** What `operation_progress` answers while the import runs. */
  let progress: OperationView | null;

  beforeEach(() => {
    calls = [];
    answer = () => null;
    progress = null;
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "import_complaints") return answer();
      if (cmd === "operation_progress") return progress;
      if (cmd === "cancel_operation") {
        if (progress) progress = { ...progress, progress: { ...progress.progress, can_cancel: false, cancelled: true } };
        return progress !== null;
      }
      throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
    });
  });

  afterEach(() => {
    clearMocks();
    toasts.items = [];
    vi.useRealTimers();
  });

  it("says how many complaints were imported and refreshes the register", async () => {
    answer = () => ({ imported: 3, first_id: "CMP-2026-00041", last_id: "CMP-2026-00043" });
    const onimported = vi.fn();
    render(ImportCsvButton, { onimported });
    render(Toaster);
    await fireEvent.click(screen.getByTestId("import-csv"));
    expect((await screen.findByTestId("toast")).textContent).toContain("Imported 3 complaints (CMP-2026-00041 to CMP-2026-00043).");
    expect(onimported).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([["import_complaints", {}]]);
  });

  it("does nothing and says nothing when the officer cancels the open dialog", async () => {
    answer = () => null;
    const onimported = vi.fn();
    render(ImportCsvButton, { onimported });
    render(Toaster);
    const button = screen.getByTestId("import-csv") as HTMLButtonElement;
    await fireEvent.click(button);
    await waitFor(() => expect(calls).toHaveLength(1));
    await waitFor(() => expect(button.disabled).toBe(false));
    expect(screen.queryByTestId("toast")).toBeNull();
    expect(onimported).not.toHaveBeenCalled();
  });

  it("is busy while the backend's dialog is open", async () => {
    let finish: (out: unknown) => void = () => {};
    answer = () => new Promise((resolve) => (finish = resolve));
    render(ImportCsvButton, { onimported: () => {} });
    const button = screen.getByTestId("import-csv") as HTMLButtonElement;
    await fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute("aria-busy")).toBe("true"));
    expect(button.disabled).toBe(true);
    finish(null);
    await waitFor(() => expect(button.disabled).toBe(false));
  });

  it("keeps the backend's refusal on screen, naming the row and column", async () => {
    answer = () => {
      throw { code: "invalid_input", message: 'row 4, column channel: "fax" is not one of phone, email', field: "row 4, column channel", rule: null };
    };
    const onimported = vi.fn();
    render(ImportCsvButton, { onimported });
    render(Toaster);
    await fireEvent.click(screen.getByTestId("import-csv"));
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toContain('Nothing was imported: row 4, column channel: "fax" is not one of phone, email');
    expect(toast.getAttribute("role")).toBe("alert");
    expect(onimported).not.toHaveBeenCalled();
  });

  it("shows its progress while it runs and, stopped with Cancel, says neutrally that nothing was written", async () => {
    vi.useFakeTimers();
    let reject: (body: unknown) => void = () => {};
    answer = () => new Promise((_, no) => (reject = no));
    const onimported = vi.fn();
    render(ImportCsvButton, { onimported });
    render(OperationBar);
    render(Toaster);
    const button = screen.getByTestId("import-csv") as HTMLButtonElement;
    await fireEvent.click(button);
    progress = { operation: "import", progress: { step: "writing_rows", done: 2_500, total: 10_000, can_cancel: true, cancelled: false } };
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await tick();
    expect(screen.getByTestId("operation-name").textContent).toBe("Importing complaints");
    expect(screen.getByTestId("operation-step").textContent).toBe("Writing rows");
    expect(screen.getByTestId("operation-count").textContent).toBe("2,500 of 10,000");

    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await vi.advanceTimersByTimeAsync(0);
    await tick();
    expect(calls.filter(([c]) => c === "cancel_operation")).toHaveLength(1);
    expect(screen.getByTestId("operation-stopping").textContent).toBe("Stopping…");

    reject({ code: "cancelled", message: "stopped as asked; nothing was written", field: null, rule: null });
    await vi.advanceTimersByTimeAsync(0);
    await tick();
    const toast = screen.getByTestId("toast");
    expect(toast.textContent).toContain("Stopped; nothing was written.");
    expect(toast.textContent).not.toContain("Nothing was imported");
    expect(toast.getAttribute("role")).toBe("status");
    expect(toast.classList.contains("error")).toBe(false);
    expect(onimported).not.toHaveBeenCalled();
    expect(screen.queryByTestId("operation-bar")).toBeNull();
    expect(button.disabled).toBe(false);
  });

  it("shows the refusal of a second long operation while one runs, naming it", async () => {
    answer = () => {
      throw { code: "rule", rule: "operation_running", message: "An import is still running; wait for it to finish or stop it first", field: null };
    };
    render(ImportCsvButton, { onimported: () => {} });
    render(Toaster);
    await fireEvent.click(screen.getByTestId("import-csv"));
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toContain("Nothing was imported: An import is still running; wait for it to finish or stop it first");
    expect(toast.getAttribute("role")).toBe("alert");
  });
});
