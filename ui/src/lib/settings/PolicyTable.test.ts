import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ClockDays } from "../bindings/ClockDays";
import type { RecomputeOutput } from "../bindings/RecomputeOutput";
import type { SetDeadlinePolicyInput } from "../bindings/SetDeadlinePolicyInput";
import type { SettingsView } from "../bindings/SettingsView";
import PolicyTable from "./PolicyTable.svelte";
import { SettingsStore } from "./settings.svelte";

function settings(executive: Partial<ClockDays> = {}): SettingsView {
  return {
    program_name: "Kite Card Program",
    timezone: "America/New_York",
    closures: [],
    policy: {
      name: "Stripe Issuing and Treasury (US)",
      timezone: "America/New_York",
      operational: { acknowledge: 5, resolve: 15, notify_stripe: null },
      executive: { acknowledge: null, resolve: 15, notify_stripe: 1, ...executive },
      late_entry_business_days: 5,
    },
    calendar_name: "US Federal Reserve",
    actor: "a.okafor",
    database_path: "/data/desk.db",
    four_eyes: false,
  };
}

const input = (testid: string) => screen.getByTestId(testid) as HTMLInputElement;
const button = (testid: string) => screen.getByTestId(testid) as HTMLButtonElement;

describe("deadline policy", () => {
  let calls: SetDeadlinePolicyInput[];
  let answer: (input: SetDeadlinePolicyInput) => RecomputeOutput;
  let store: SettingsStore;
  let changed: number;

  beforeEach(() => {
    calls = [];
    changed = 0;
    answer = () => ({ recomputed: [], settings: settings() });
    mockIPC((cmd, args) => {
      if (cmd !== "set_deadline_policy") throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
      const i = (args as { input: SetDeadlinePolicyInput }).input;
      calls.push(i);
      return answer(i);
    });
    store = new SettingsStore();
    store.settings = settings();
  });

  afterEach(() => clearMocks());

  const show = () => render(PolicyTable, { props: { store, onchanged: () => changed++ } });

  it("lays out the clocks each kind runs with the backend's business days, each Save disabled until its value changes", () => {
    show();
    const rows = within(screen.getByTestId("policy-table")).getAllByTestId(/^policy-row-/);
    expect(rows.map((r) => [r.getAttribute("data-testid"), r.getAttribute("data-days")])).toEqual([
      ["policy-row-operational-acknowledge", "5"],
      ["policy-row-operational-resolve", "15"],
      ["policy-row-executive-notify_stripe", "1"],
      ["policy-row-executive-resolve", "15"],
    ]);
    expect(input("policy-operational-acknowledge").value).toBe("5");
    expect(input("policy-executive-resolve").value).toBe("15");
    expect(rows.every((r) => (within(r).getByRole("button", { name: /^Save/ }) as HTMLButtonElement).disabled)).toBe(true);
    expect(screen.getByTestId("policy-note").textContent).toBe("Changing the policy recomputes open complaints' deadlines and is recorded in the audit history.");
  });

  it("shows a clock the backend's policy does not run as such", () => {
    store.settings = settings({ resolve: null });
    show();
    expect(input("policy-executive-resolve").value).toBe("");
    expect(screen.getByTestId("policy-off-executive-resolve").textContent).toBe("does not run");
    expect(screen.queryByTestId("policy-off-operational-resolve")).toBeNull();
  });

  it("keeps Save disabled for a value outside 1 to 250 and says why", async () => {
    show();
    for (const typed of ["0", "251", "2.5", "ten", ""]) {
      await fireEvent.input(input("policy-operational-acknowledge"), { target: { value: typed } });
      expect(button("policy-save-operational-acknowledge").disabled).toBe(true);
      expect(screen.getByTestId("policy-error-operational-acknowledge-business_days").textContent).toMatch(/1 to 250/);
    }
    await fireEvent.input(input("policy-operational-acknowledge"), { target: { value: "5" } });
    expect(button("policy-save-operational-acknowledge").disabled).toBe(true);
    expect(screen.queryByTestId("policy-error-operational-acknowledge-business_days")).toBeNull();
    await fireEvent.input(input("policy-operational-acknowledge"), { target: { value: " 250 " } });
    expect(button("policy-save-operational-acknowledge").disabled).toBe(false);
  });

  it("saves one clock, says how many open complaints' deadlines moved, and shows the settings the backend answered", async () => {
    answer = (i) => ({
      recomputed: ["CMP-2026-00003", "CMP-2026-00007", "CMP-2026-00009"].map((complaint_id) => ({ complaint_id, changes: [{ clock: "resolve", from: "2026-12-11", to: "2026-12-18" }] })),
      settings: settings({ resolve: i.business_days }),
    });
    show();
    await fireEvent.input(input("policy-executive-resolve"), { target: { value: "20" } });
    await fireEvent.click(button("policy-save-executive-resolve"));
    expect((await screen.findByTestId("policy-saved-executive-resolve")).textContent).toBe("Saved. 3 open complaints' deadlines moved.");
    expect(calls).toEqual([{ kind: "executive", clock: "resolve", business_days: 20 }]);
    expect(store.settings?.policy.executive.resolve).toBe(20);
    expect(screen.getByTestId("policy-row-executive-resolve").getAttribute("data-days")).toBe("20");
    expect(input("policy-executive-resolve").value).toBe("20");
    expect(button("policy-save-executive-resolve").disabled).toBe(true);
    expect(store.lastRecompute?.recomputed).toHaveLength(3);
    expect(changed).toBe(1);
    // Only the row saved says so.
    expect(screen.queryByTestId("policy-saved-operational-resolve")).toBeNull();
  });

  it("says when no open complaint's deadline moved, and sends Enter from the field", async () => {
    show();
    await fireEvent.input(input("policy-operational-acknowledge"), { target: { value: "3" } });
    await fireEvent.keyDown(input("policy-operational-acknowledge"), { key: "Enter" });
    expect((await screen.findByTestId("policy-saved-operational-acknowledge")).textContent).toBe("Saved. No open complaint's deadlines moved.");
    expect(calls).toEqual([{ kind: "operational", clock: "acknowledge", business_days: 3 }]);
  });

  it("shows a refusal next to the field it names, and keeps the value typed", async () => {
    answer = () => {
      throw { code: "invalid_input", message: "executive complaints do not run a notify_stripe clock", field: "clock", rule: null };
    };
    show();
    await fireEvent.input(input("policy-executive-notify_stripe"), { target: { value: "2" } });
    await fireEvent.click(button("policy-save-executive-notify_stripe"));
    const row = screen.getByTestId("policy-row-executive-notify_stripe");
    expect((await within(row).findByTestId("policy-error-executive-notify_stripe-clock")).textContent).toBe("executive complaints do not run a notify_stripe clock");
    expect(input("policy-executive-notify_stripe").value).toBe("2");
    expect(store.settings?.policy.executive.notify_stripe).toBe(1);
    expect(screen.queryByTestId("policy-saved-executive-notify_stripe")).toBeNull();
    expect(changed).toBe(0);

    answer = () => {
      throw { code: "invalid_input", message: "give 1 to 250 business days, not 2", field: "business_days", rule: null };
    };
    await fireEvent.click(button("policy-save-executive-notify_stripe"));
    expect((await within(row).findByTestId("policy-error-executive-notify_stripe-business_days")).textContent).toBe("give 1 to 250 business days, not 2");
    expect(within(row).queryByTestId("policy-error-executive-notify_stripe-clock")).toBeNull();
    // Editing the field clears the refusal.
    await fireEvent.input(input("policy-executive-notify_stripe"), { target: { value: "3" } });
    expect(within(row).queryByTestId("policy-error-executive-notify_stripe-business_days")).toBeNull();
  });

  it("shows a refusal naming no field of the row in the banner with its rule", async () => {
    answer = () => {
      throw { code: "rule", message: "the policy cannot change while an import is running", field: null, rule: "operation_running" };
    };
    show();
    await fireEvent.input(input("policy-operational-resolve"), { target: { value: "10" } });
    await fireEvent.click(button("policy-save-operational-resolve"));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("the policy cannot change while an import is running");
    expect(screen.getByTestId("error-banner-rule").textContent).toBe("operation_running");
    await waitFor(() => expect(button("policy-save-operational-resolve").disabled).toBe(false));
  });
});
