import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ComplaintDetail } from "../bindings/ComplaintDetail";
import type { RecordStepInput } from "../bindings/RecordStepInput";
import type { Taxonomy } from "../bindings/Taxonomy";
import { settingsView } from "../settings/fixtures";
import { settingsStore } from "../settings/settings.svelte";
import { nowLocal } from "../shared/datetime";
import { recorded } from "./fixtures";
import StepDialog from "./StepDialog.svelte";
import { recordedMessage } from "./steps";

function detail(): ComplaintDetail {
  const complaint = {
    id: "CMP-2026-00007",
    intake: {
      received_at: "2026-11-20T15:00:00Z",
      received_offset_minutes: -300,
      channel: "email" as const,
      complainant: { name: "Ada", email: null, account: null, cardholder: null },
      product: null,
      topic: null,
      issue_type: null,
      summary: "s",
      description: null,
      kind: "executive" as const,
      grounds: ["regulator" as const],
    },
    kind: "executive" as const,
    grounds: ["regulator" as const],
    status: "open" as const,
    acknowledged_at: null,
    stripe_notified_at: null,
    stripe_reviewed_at: null,
    stripe_resolve_by: null,
    resolution: null,
    reopened: false,
    first_resolution: null,
    reopenings: [],
    not_a_complaint: null,
    tracked: [],
    stripe_reference: null,
    reclassifications: [],
    pending_reclassification: null,
    assignee: null,
  };
  return {
    id: complaint.id,
    kind: "executive",
    status: "open",
    overdue: false,
    received_at: complaint.intake.received_at,
    deadlines: { acknowledge_by: null, resolve_by: null, notify_stripe_by: "2026-11-23" },
    complaint,
    received_local: "2026-11-20 10:00 (UTC-05:00)",
    received_date: "2026-11-20",
    clocks: [],
    next_deadline: null,
    timers: [],
    contact_hold: true,
    actions: recorded.executiveOpen.actions,
    // Logged (entry 1), the only entry of its history; the timeline is not what these tests show.
    revision: 1,
    timeline: [],
    today: "2026-11-23",
    timezone: "America/New_York",
  };
}

/** The taxonomy's root causes and remediations, as the backend lists them (a few of each). */
const TAXONOMY: Taxonomy = {
  topic: [],
  root_cause: [
    { code: "disclosure_unclear", label: "Disclosure, terms or communication unclear" },
    { code: "system_error", label: "System or technical error" },
  ],
  remediation: [
    { code: "disclosure_updated", label: "Disclosure or customer communication updated" },
    { code: "none_needed", label: "None needed beyond this customer" },
  ],
};

afterEach(() => clearMocks());

describe("step dialog", () => {
  it("shows the backend's refusal in the banner when no field is named", async () => {
    mockIPC(() => {
      throw {
        code: "rule",
        message: "contact hold: CMP-2026-00007 is an executive complaint and Stripe has not yet reviewed it",
        field: null,
        rule: "executive_contact_hold",
      };
    });
    const onrecorded = vi.fn();
    render(StepDialog, { type: "contact_customer", detail: detail(), onclose: () => {}, onrecorded });
    await fireEvent.input(screen.getByTestId("field-note"), { target: { value: "Called back" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("contact hold: CMP-2026-00007");
    expect(banner.getAttribute("data-rule")).toBe("executive_contact_hold");
    expect(screen.getByTestId("error-banner-rule").textContent).toBe("executive_contact_hold");
    expect(onrecorded).not.toHaveBeenCalled();
  });

  it("shows a refusal next to the field it names", async () => {
    mockIPC(() => {
      throw { code: "invalid_input", message: "2026-11-19T10:00:00Z is before the complaint was received", field: "at", rule: null };
    });
    render(StepDialog, { type: "add_note", detail: detail(), onclose: () => {}, onrecorded: () => {} });
    await fireEvent.input(screen.getByTestId("field-note"), { target: { value: "n" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    const err = await screen.findByTestId("error-at");
    expect(err.textContent).toContain("before the complaint was received");
    expect(screen.queryByTestId("error-banner")).toBeNull();
    expect(screen.getByTestId("field-at").getAttribute("aria-invalid")).toBe("true");
  });

  it("records the step with the typed time and hands back the updated complaint", async () => {
    let sent: RecordStepInput | null = null;
    const updated = detail();
    mockIPC((cmd, args) => {
      expect(cmd).toBe("record_step");
      sent = (args as { input: RecordStepInput }).input;
      return updated;
    });
    const onrecorded = vi.fn();
    render(StepDialog, { type: "notify_stripe", detail: detail(), onclose: () => {}, onrecorded });
    await fireEvent.input(screen.getByTestId("field-at"), { target: { value: "2026-11-20" } });
    await fireEvent.input(screen.getByTestId("field-at_time"), { target: { value: "16:45" } });
    await fireEvent.input(screen.getByTestId("field-reference"), { target: { value: "SUP-123" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    await waitFor(() => expect(onrecorded).toHaveBeenCalledWith(updated, "notify_stripe"));
    expect(sent).toEqual({
      complaint_id: "CMP-2026-00007",
      at: "2026-11-20T16:45:00-05:00",
      step: { type: "notify_stripe", how: null, reference: "SUP-123", note: null },
      seen: 1,
    });
  });

  it("refuses a step dated in the future without asking the backend", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return detail();
    });
    const onrecorded = vi.fn();
    render(StepDialog, { type: "acknowledge", detail: detail(), onclose: () => {}, onrecorded });
    const tomorrow = nowLocal(new Date(Date.now() + 24 * 60 * 60 * 1000));
    await fireEvent.input(screen.getByTestId("field-at"), { target: { value: tomorrow.date } });
    await fireEvent.input(screen.getByTestId("field-at_time"), { target: { value: tomorrow.time } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    const err = await screen.findByTestId("error-at");
    expect(err.textContent).toBe("This is in the future. Record a step once it has happened.");
    expect(screen.getByTestId("field-at").getAttribute("aria-invalid")).toBe("true");
    expect(calls).toEqual([]);
    expect(onrecorded).not.toHaveBeenCalled();
  });

  it("accepts a step a minute ahead of this computer's clock (within the backend's tolerance)", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return detail();
    });
    const onrecorded = vi.fn();
    render(StepDialog, { type: "add_note", detail: detail(), onclose: () => {}, onrecorded });
    const soon = nowLocal(new Date(Date.now() + 60 * 1000));
    await fireEvent.input(screen.getByTestId("field-at"), { target: { value: soon.date } });
    await fireEvent.input(screen.getByTestId("field-at_time"), { target: { value: soon.time } });
    await fireEvent.input(screen.getByTestId("field-note"), { target: { value: "Called back" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    await waitFor(() => expect(onrecorded).toHaveBeenCalled());
    expect(calls).toEqual(["record_step"]);
  });

  it("says which zone the time is read in; the step goes with the zone's offset, not in UTC", () => {
    render(StepDialog, { type: "add_note", detail: detail(), onclose: () => {}, onrecorded: () => {} });
    expect(screen.getByLabelText(/^Happened on/)).toBe(screen.getByTestId("field-at"));
    const hint = screen.getByTestId("field-at_time").closest(".field")?.textContent ?? "";
    expect(hint).toContain("New York time");
    expect(hint).not.toContain("sent in UTC");
  });

  it("sends with Ctrl+Enter, and only once while the step is being recorded", async () => {
    let answer: (d: ComplaintDetail) => void = () => {};
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return new Promise<ComplaintDetail>((resolve) => (answer = resolve));
    });
    const onrecorded = vi.fn();
    render(StepDialog, { type: "add_note", detail: detail(), onclose: () => {}, onrecorded });
    await fireEvent.input(screen.getByTestId("field-note"), { target: { value: "Called back" } });
    await fireEvent.keyDown(window, { key: "Enter", ctrlKey: true });
    await fireEvent.keyDown(window, { key: "Enter", ctrlKey: true });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    expect(calls).toEqual(["record_step"]);
    const updated = detail();
    answer(updated);
    await waitFor(() => expect(onrecorded).toHaveBeenCalledWith(updated, "add_note"));
    expect(onrecorded).toHaveBeenCalledTimes(1);
  });

  it("closes with Cancel without recording", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return detail();
    });
    const onclose = vi.fn();
    render(StepDialog, { type: "acknowledge", detail: detail(), onclose, onrecorded: () => {} });
    await fireEvent.click(screen.getByTestId("dialog-cancel"));
    expect(onclose).toHaveBeenCalled();
    expect(calls).toEqual([]);
  });

  it("closes on Escape", async () => {
    const onclose = vi.fn();
    render(StepDialog, { type: "add_note", detail: detail(), onclose, onrecorded: () => {} });
    await fireEvent.keyDown(window, { key: "Escape" });
    expect(onclose).toHaveBeenCalled();
  });

  it("records a resolution with a root cause and a remediation from the taxonomy's lists, and a remediation note", async () => {
    let sent: RecordStepInput | null = null;
    mockIPC((cmd, args) => {
      if (cmd === "taxonomy") return TAXONOMY;
      sent = (args as { input: RecordStepInput }).input;
      return detail();
    });
    const onrecorded = vi.fn();
    render(StepDialog, { type: "resolve", detail: detail(), onclose: () => {}, onrecorded });
    const cause = screen.getByTestId("field-root_cause") as HTMLSelectElement;
    const remediation = screen.getByTestId("field-remediation") as HTMLSelectElement;
    await waitFor(() => expect(Array.from(cause.options).map((o) => o.value)).toEqual(["", "disclosure_unclear", "system_error"]));
    // The taxonomy's labels, as the backend words them.
    expect(Array.from(cause.options).map((o) => o.textContent)).toEqual(["Not recorded", "Disclosure, terms or communication unclear", "System or technical error"]);
    expect(Array.from(remediation.options).map((o) => o.value)).toEqual(["", "disclosure_updated", "none_needed"]);
    await fireEvent.input(screen.getByTestId("field-at"), { target: { value: "2026-11-20" } });
    await fireEvent.input(screen.getByTestId("field-at_time"), { target: { value: "16:45" } });
    await fireEvent.input(screen.getByTestId("field-summary"), { target: { value: "Fee refunded" } });
    await fireEvent.change(cause, { target: { value: "disclosure_unclear" } });
    await fireEvent.change(remediation, { target: { value: "disclosure_updated" } });
    await fireEvent.input(screen.getByTestId("field-remediation_note"), { target: { value: " Fee table reworded " } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    await waitFor(() => expect(onrecorded).toHaveBeenCalled());
    expect(sent).toEqual({
      complaint_id: "CMP-2026-00007",
      at: "2026-11-20T16:45:00-05:00",
      step: {
        type: "resolve",
        summary: "Fee refunded",
        outcome: null,
        compensation: null,
        root_cause: "disclosure_unclear",
        remediation: "disclosure_updated",
        remediation_note: "Fee table reworded",
      },
      seen: 1,
    });
  });

  it("sends a resolution without a root cause when none is chosen", async () => {
    let sent: RecordStepInput | null = null;
    mockIPC((cmd, args) => {
      if (cmd === "taxonomy") return TAXONOMY;
      sent = (args as { input: RecordStepInput }).input;
      return detail();
    });
    const onrecorded = vi.fn();
    render(StepDialog, { type: "resolve", detail: detail(), onclose: () => {}, onrecorded });
    await fireEvent.input(screen.getByTestId("field-summary"), { target: { value: "Explained the fee" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    await waitFor(() => expect(onrecorded).toHaveBeenCalled());
    const step = (sent as RecordStepInput | null)?.step;
    expect(step).toMatchObject({ type: "resolve", summary: "Explained the fee" });
    expect(step).not.toHaveProperty("root_cause");
    expect(step).not.toHaveProperty("remediation");
    expect(step).not.toHaveProperty("remediation_note");
  });

  it("shows the backend's refusal of a root cause without its remediation next to the remediation", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "taxonomy") return TAXONOMY;
      throw { code: "invalid_input", message: "give the remediation together with the root cause", field: "remediation", rule: null };
    });
    const onrecorded = vi.fn();
    render(StepDialog, { type: "resolve", detail: detail(), onclose: () => {}, onrecorded });
    const cause = screen.getByTestId("field-root_cause") as HTMLSelectElement;
    await waitFor(() => expect(cause.options.length).toBe(3));
    await fireEvent.input(screen.getByTestId("field-summary"), { target: { value: "Fee refunded" } });
    await fireEvent.change(cause, { target: { value: "system_error" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    const err = await screen.findByTestId("error-remediation");
    expect(err.textContent).toBe("give the remediation together with the root cause");
    expect(screen.getByTestId("field-remediation").getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByTestId("error-banner")).toBeNull();
    expect(calls).toContain("record_step");
    expect(onrecorded).not.toHaveBeenCalled();
  });

  it("shows a root cause the backend refuses next to the root cause", async () => {
    mockIPC((cmd) => {
      if (cmd === "taxonomy") return TAXONOMY;
      throw { code: "invalid_input", message: "give the root cause together with the remediation", field: "root_cause", rule: null };
    });
    render(StepDialog, { type: "resolve", detail: detail(), onclose: () => {}, onrecorded: () => {} });
    await waitFor(() => expect((screen.getByTestId("field-remediation") as HTMLSelectElement).options.length).toBe(3));
    await fireEvent.input(screen.getByTestId("field-summary"), { target: { value: "Fee refunded" } });
    await fireEvent.change(screen.getByTestId("field-remediation"), { target: { value: "none_needed" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    expect((await screen.findByTestId("error-root_cause")).textContent).toBe("give the root cause together with the remediation");
    expect(screen.getByTestId("field-root_cause").getAttribute("aria-invalid")).toBe("true");
  });

  it("asks for the taxonomy only for a resolution", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return TAXONOMY;
    });
    render(StepDialog, { type: "add_note", detail: detail(), onclose: () => {}, onrecorded: () => {} });
    expect(screen.queryByTestId("field-root_cause")).toBeNull();
    expect(screen.queryByTestId("field-remediation")).toBeNull();
    expect(screen.queryByTestId("field-remediation_note")).toBeNull();
    expect(calls).toEqual([]);
  });
});

describe("reclassifying with four eyes on", () => {
  const desk = (four_eyes: boolean) => settingsView({ four_eyes });

  afterEach(() => {
    settingsStore.settings = null;
  });

  it("says that an executive complaint made operational waits for a second officer's approval", async () => {
    settingsStore.settings = desk(true);
    render(StepDialog, { type: "reclassify", detail: detail(), onclose: () => {}, onrecorded: () => {} });
    expect(screen.queryByTestId("reclassify-four-eyes")).toBeNull();
    await fireEvent.change(screen.getByTestId("field-kind"), { target: { value: "operational" } });
    expect(screen.getByTestId("reclassify-four-eyes").textContent).toContain("asks for a second officer's approval");
  });

  it("says nothing of it with four eyes off", async () => {
    settingsStore.settings = desk(false);
    render(StepDialog, { type: "reclassify", detail: detail(), onclose: () => {}, onrecorded: () => {} });
    await fireEvent.change(screen.getByTestId("field-kind"), { target: { value: "operational" } });
    expect(screen.queryByTestId("reclassify-four-eyes")).toBeNull();
  });

  it("tells a request from a reclassification once recorded", () => {
    expect(recordedMessage("reclassify", "CMP-2026-00006", true)).toBe("Reclassification of CMP-2026-00006 asked for: it takes effect once a second officer approves it.");
    expect(recordedMessage("reclassify", "CMP-2026-00006", false)).toBe("CMP-2026-00006 reclassified.");
  });
});
