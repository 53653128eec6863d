import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AuditReport } from "../bindings/AuditReport";
import Toaster from "../shared/Toaster.svelte";
import { toasts } from "../shared/toast.svelte";
import AuditPanel from "./AuditPanel.svelte";
import { SettingsStore } from "./settings.svelte";

const intact: AuditReport = {
  ok: true,
  events: 12_480,
  first_bad_seq: null,
  problem: null,
  difference: null,
  complaints_checked: 1_204,
  accounts_checked: 3,
  credit_cases_checked: 1,
  anchor: null,
};

describe("verifying the audit history in Settings", () => {
  /** The backend's answer to `verify_audit`. */
  let answer: () => unknown;

  beforeEach(() => {
    answer = () => intact;
    mockIPC((cmd) => {
      if (cmd === "verify_audit") return answer();
      throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
    });
  });

  afterEach(() => {
    clearMocks();
    toasts.items = [];
  });

  it("shows the result of a verification run to the end", async () => {
    render(AuditPanel, { store: new SettingsStore() });
    await fireEvent.click(screen.getByTestId("verify-audit"));
    const result = await screen.findByTestId("audit-result");
    expect(result.getAttribute("data-ok")).toBe("true");
    expect(result.textContent).toContain("12,480 events verified");
  });

  it("says neutrally that a stopped verification wrote nothing, with no error and no old result", async () => {
    const store = new SettingsStore();
    render(AuditPanel, { store });
    render(Toaster);
    await fireEvent.click(screen.getByTestId("verify-audit"));
    await screen.findByTestId("audit-result");

    answer = () => {
      throw { code: "cancelled", message: "stopped as asked; nothing was written", field: null, rule: null };
    };
    await fireEvent.click(screen.getByTestId("verify-audit"));
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toContain("Stopped; nothing was written.");
    expect(toast.getAttribute("role")).toBe("status");
    await waitFor(() => expect(screen.queryByTestId("audit-result")).toBeNull());
    expect(screen.queryByRole("alert")).toBeNull();
    expect(store.auditError).toBeNull();
    expect((screen.getByTestId("verify-audit") as HTMLButtonElement).disabled).toBe(false);
  });

  it("still shows a verification that could not run as a failure", async () => {
    answer = () => {
      throw { code: "storage", message: "database is locked", field: null, rule: null };
    };
    render(AuditPanel, { store: new SettingsStore() });
    render(Toaster);
    await fireEvent.click(screen.getByTestId("verify-audit"));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("Verification could not run.");
    expect(banner.textContent).toContain("database is locked");
    expect(screen.queryByTestId("toast")).toBeNull();
  });
});
