import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TrackInput } from "../bindings/TrackInput";
import { nowLocal } from "../shared/datetime";
import { complaintDetail } from "./fixtures";
import { buildTrack } from "./track";
import TrackDialog from "./TrackDialog.svelte";

afterEach(() => clearMocks());

/** Answers `track_complaint`, keeping what was sent. */
function backend(answer: () => unknown = () => complaintDetail()) {
  const sent: TrackInput[] = [];
  mockIPC((cmd, args) => {
    expect(cmd).toBe("track_complaint");
    sent.push((args as { input: TrackInput }).input);
    return answer();
  });
  return sent;
}

async function at(date: string, time: string) {
  await fireEvent.input(screen.getByTestId("track-at"), { target: { value: date } });
  await fireEvent.input(screen.getByTestId("track-at_time"), { target: { value: time } });
}

describe("track dialog", () => {
  it("sends a card shipment with its shipping and no merchant", async () => {
    const sent = backend();
    const ontracked = vi.fn();
    render(TrackDialog, { detail: complaintDetail(), onclose: () => {}, ontracked });
    expect(screen.getByTestId("track-dialog")).toBeTruthy();
    expect(screen.queryByTestId("track-merchant")).toBeNull();
    await at("2026-11-20", "10:00");
    await fireEvent.change(screen.getByTestId("track-shipping"), { target: { value: "standard" } });
    await fireEvent.input(screen.getByTestId("track-note"), { target: { value: " Left the bureau " } });
    await fireEvent.click(screen.getByTestId("track-save"));
    await waitFor(() => expect(ontracked).toHaveBeenCalled());
    expect(sent).toEqual([
      { complaint_id: "CMP-2026-00007", event: "card_shipped", at: "2026-11-20T10:00:00-05:00", shipping: "standard", merchant_category: null, note: "Left the bureau", seen: 1 },
    ]);
  });

  it("sends an authorization with its merchant category and no shipping", async () => {
    const sent = backend();
    render(TrackDialog, { detail: complaintDetail(), onclose: () => {}, ontracked: () => {} });
    await fireEvent.change(screen.getByTestId("track-event"), { target: { value: "authorization_created" } });
    expect(screen.queryByTestId("track-shipping")).toBeNull();
    await at("2026-11-21", "18:30");
    await fireEvent.change(screen.getByTestId("track-merchant"), { target: { value: "hotel" } });
    await fireEvent.click(screen.getByTestId("track-save"));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ complaint_id: "CMP-2026-00007", event: "authorization_created", at: "2026-11-21T18:30:00-05:00", shipping: null, merchant_category: "hotel", note: null, seen: 1 });
  });

  it("sends an ACH debit with neither detail, even after one was chosen for another event", async () => {
    const sent = backend();
    render(TrackDialog, { detail: complaintDetail(), onclose: () => {}, ontracked: () => {} });
    await fireEvent.change(screen.getByTestId("track-shipping"), { target: { value: "express" } });
    await fireEvent.change(screen.getByTestId("track-event"), { target: { value: "ach_debit_received" } });
    expect(screen.queryByTestId("track-shipping")).toBeNull();
    expect(screen.queryByTestId("track-merchant")).toBeNull();
    await at("2026-11-22", "08:05");
    await fireEvent.click(screen.getByTestId("track-save"));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ complaint_id: "CMP-2026-00007", event: "ach_debit_received", at: "2026-11-22T08:05:00-05:00", shipping: null, merchant_category: null, note: null, seen: 1 });
  });

  it("asks for the shipping before sending, and shows a refusal next to the field it names", async () => {
    const sent = backend(() => {
      throw { code: "invalid_input", message: "2026-11-19T10:00:00Z is before the complaint was received", field: "at", rule: null };
    });
    render(TrackDialog, { detail: complaintDetail(), onclose: () => {}, ontracked: () => {} });
    await at("2026-11-19", "10:00");
    await fireEvent.click(screen.getByTestId("track-save"));
    expect((await screen.findByTestId("error-shipping")).textContent).toBe("Choose how the card was shipped.");
    expect(sent).toEqual([]);
    await fireEvent.change(screen.getByTestId("track-shipping"), { target: { value: "priority" } });
    await fireEvent.click(screen.getByTestId("track-save"));
    expect((await screen.findByTestId("error-at")).textContent).toContain("before the complaint was received");
    expect(screen.getByTestId("track-at").getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByTestId("error-banner")).toBeNull();
  });

  it("shows a rule refusal in the banner with the rule's name", async () => {
    backend(() => {
      throw { code: "rule", message: "CMP-2026-00007 is resolved at this instant; a timer is started on an open complaint", field: null, rule: "track_open_only" };
    });
    render(TrackDialog, { detail: complaintDetail(), onclose: () => {}, ontracked: () => {} });
    await fireEvent.change(screen.getByTestId("track-event"), { target: { value: "ach_debit_received" } });
    await at("2026-11-22", "08:05");
    await fireEvent.click(screen.getByTestId("track-save"));
    expect((await screen.findByTestId("error-banner-rule")).textContent).toBe("track_open_only");
  });

  it("refuses a fact dated in the future without asking the backend", () => {
    const tomorrow = nowLocal(new Date(Date.now() + 24 * 60 * 60 * 1000));
    const built = buildTrack("CMP-2026-00007", { event: "ach_debit_received", date: tomorrow.date, time: tomorrow.time, shipping: "", merchant_category: "", note: "" });
    expect(built).toEqual({ ok: false, errors: { at: "This is in the future. Record a step once it has happened." } });
  });
});
