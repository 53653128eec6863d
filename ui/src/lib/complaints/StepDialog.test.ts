import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ComplaintDetail } from "../bindings/ComplaintDetail";
import type { RecordStepInput } from "../bindings/RecordStepInput";
import { nowLocal } from "../shared/datetime";
import { recorded } from "./fixtures";
import StepDialog from "./StepDialog.svelte";

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
    timeline: [],
    today: "2026-11-23",
    timezone: "America/New_York",
  };
}

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

  it("closes on Escape", async () => {
    const onclose = vi.fn();
    render(StepDialog, { type: "add_note", detail: detail(), onclose, onrecorded: () => {} });
    await fireEvent.keyDown(window, { key: "Escape" });
    expect(onclose).toHaveBeenCalled();
  });
});
