import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { NotAComplaintInput } from "../bindings/NotAComplaintInput";
import type { VoidEntryInput } from "../bindings/VoidEntryInput";
import { complaintDetail, timelineEntry } from "./fixtures";
import NotAComplaintDialog from "./NotAComplaintDialog.svelte";
import VoidDialog from "./VoidDialog.svelte";

afterEach(() => clearMocks());

describe("void dialog", () => {
  it("voids the entry with its seq and the reason, and hands back the updated complaint", async () => {
    const calls: { cmd: string; input: VoidEntryInput }[] = [];
    const updated = complaintDetail({ timeline: [timelineEntry(2, { voided: true, voided_by: 3, void_reason: "Wrong complaint" })] });
    mockIPC((cmd, args) => {
      calls.push({ cmd, input: (args as { input: VoidEntryInput }).input });
      return updated;
    });
    const onvoided = vi.fn();
    render(VoidDialog, { detail: complaintDetail(), entry: timelineEntry(2), onclose: () => {}, onvoided });
    await fireEvent.input(screen.getByTestId("void-reason"), { target: { value: "  Wrong complaint " } });
    await fireEvent.click(screen.getByTestId("void-submit"));
    await waitFor(() => expect(onvoided).toHaveBeenCalledWith(updated, 2));
    expect(calls).toEqual([{ cmd: "void_complaint_entry", input: { complaint_id: "CMP-2026-00007", seq: 2, reason: "Wrong complaint", seen: 1 } }]);
  });

  it("asks for a reason before sending", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
    });
    render(VoidDialog, { detail: complaintDetail(), entry: timelineEntry(2), onclose: () => {}, onvoided: () => {} });
    await fireEvent.click(screen.getByTestId("void-submit"));
    expect((await screen.findByTestId("error-reason")).textContent).toMatch(/recorded in error/);
    expect(calls).toEqual([]);
  });

  it("shows the backend's refusal in the dialog", async () => {
    mockIPC(() => {
      throw { code: "rule", message: "entry 4 (resolved) depends on entry 2: void entry 4 first", field: null, rule: "void_keeps_history_consistent" };
    });
    const onvoided = vi.fn();
    render(VoidDialog, { detail: complaintDetail(), entry: timelineEntry(2), onclose: () => {}, onvoided });
    await fireEvent.input(screen.getByTestId("void-reason"), { target: { value: "Typed twice" } });
    await fireEvent.click(screen.getByTestId("void-submit"));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("void entry 4 first");
    expect(screen.getByTestId("error-banner-rule").textContent).toBe("void_keeps_history_consistent");
    expect(screen.getByTestId("dialog-void")).toBeTruthy();
    expect(onvoided).not.toHaveBeenCalled();
  });
});

describe("not-a-complaint dialog", () => {
  it("marks the entry with the reason, now", async () => {
    let sent: NotAComplaintInput | null = null;
    const updated = complaintDetail();
    mockIPC((cmd, args) => {
      expect(cmd).toBe("mark_not_a_complaint");
      sent = (args as { input: NotAComplaintInput }).input;
      return updated;
    });
    const onmarked = vi.fn();
    render(NotAComplaintDialog, { detail: complaintDetail(), onclose: () => {}, onmarked });
    expect(screen.getByTestId("dialog-not-a-complaint").textContent).toMatch(/platform's own employee/);
    await fireEvent.input(screen.getByTestId("not-a-complaint-reason"), { target: { value: "Raised by our own support agent" } });
    await fireEvent.click(screen.getByTestId("not-a-complaint-submit"));
    await waitFor(() => expect(onmarked).toHaveBeenCalledWith(updated));
    expect(sent).toEqual({ complaint_id: "CMP-2026-00007", reason: "Raised by our own support agent", at: null, seen: 1 });
  });

  it("needs a reason", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
    });
    render(NotAComplaintDialog, { detail: complaintDetail(), onclose: () => {}, onmarked: () => {} });
    await fireEvent.click(screen.getByTestId("not-a-complaint-submit"));
    expect(await screen.findByTestId("error-reason")).toBeTruthy();
    expect(calls).toEqual([]);
  });
});
