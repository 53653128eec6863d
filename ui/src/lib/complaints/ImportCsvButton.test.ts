import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import Toaster from "../shared/Toaster.svelte";
import { toasts } from "../shared/toast.svelte";
import ImportCsvButton from "./ImportCsvButton.svelte";

describe("importing complaints from a CSV file", () => {
  let calls: [string, unknown][];
  /** The backend's answer to `import_complaints`: null when the officer cancelled its open dialog. */
  let answer: () => unknown;

  beforeEach(() => {
    calls = [];
    answer = () => null;
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "import_complaints") return answer();
      throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
    });
  });

  afterEach(() => {
    clearMocks();
    toasts.items = [];
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
});
