import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { flushSync } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setLanguage } from "../i18n";
import { loggedEntry, recorded, timelineEntry } from "./fixtures";
import Timeline from "./Timeline.svelte";

const timezone = "America/New_York";

afterEach(() => {
  setLanguage("en");
  localStorage.clear();
});

describe("timeline", () => {
  it("strikes through a voided entry and says which entry voided it and why", () => {
    const entries = [
      loggedEntry(),
      timelineEntry(2, { voided: true, voided_by: 3, void_reason: "Recorded on the wrong complaint", can_void: false }),
      timelineEntry(3, {
        action: "voided",
        occurred_at: null,
        description: "Voided entry 2",
        event: { type: "voided", seq: 2, reason: "Recorded on the wrong complaint" },
        can_void: false,
      }),
    ];
    render(Timeline, { entries, timezone, onvoid: () => {} });
    const voided = screen.getByTestId("timeline-entry-2");
    const struck = within(voided).getByTestId("timeline-voided");
    expect(struck.textContent).toContain("Acknowledged to the customer by email");
    expect(struck.textContent).toContain("Sent the standard letter");
    expect(struck.classList.contains("struck")).toBe(true);
    expect(within(voided).getByTestId("timeline-void-reason").textContent).toBe("Voided by entry 3: Recorded on the wrong complaint");
    // The void itself and the logging are not struck and offer no Void.
    expect(screen.getAllByTestId("timeline-voided")).toHaveLength(1);
    expect(screen.queryByTestId("void-entry-1")).toBeNull();
    expect(screen.queryByTestId("void-entry-2")).toBeNull();
    expect(screen.queryByTestId("void-entry-3")).toBeNull();
    expect(within(screen.getByTestId("timeline-entry-3")).getByText("Entry 2")).toBeTruthy();
  });

  it("marks an entry recorded late and explains the badge", () => {
    render(Timeline, { entries: [loggedEntry(), timelineEntry(2, { entered_late: true })], timezone, onvoid: () => {} });
    const badges = screen.getAllByTestId("timeline-late");
    expect(badges).toHaveLength(1);
    expect(badges[0].textContent).toBe("Entered late");
    expect(badges[0].getAttribute("title")).toMatch(/submitted to Stripe/);
    expect(badges[0].getAttribute("title")).toMatch(/business days after it happened/);
    expect(screen.getByTestId("timeline-entry-2").contains(badges[0])).toBe(true);
  });

  it("shows when a step happened and when it was recorded when they differ", () => {
    const late = timelineEntry(2, { occurred_at: "2026-11-21T15:00:00Z", recorded_at: "2026-11-27T14:30:00Z" });
    const onTime = timelineEntry(3, { occurred_at: "2026-11-27T15:00:00Z", recorded_at: "2026-11-27T15:00:20Z" });
    render(Timeline, { entries: [loggedEntry(), late, onTime], timezone, onvoid: () => {} });
    const entry = screen.getByTestId("timeline-entry-2");
    expect(within(entry).getByTestId("timeline-occurred-2").textContent).toBe("2026-11-21 10:00 EST");
    expect(within(entry).getByTestId("timeline-recorded-2").textContent).toBe("2026-11-27 09:30 EST");
    expect(entry.textContent).toMatch(/Happened .* recorded .* by a\.okafor/);
    // Recorded within the same minute: one instant.
    expect(within(screen.getByTestId("timeline-entry-3")).queryByTestId("timeline-occurred-3")).toBeNull();
  });

  it("offers Void on an entry the backend allows and hands that entry over", async () => {
    const onvoid = vi.fn();
    const entry = timelineEntry(2);
    render(Timeline, { entries: [loggedEntry(), entry], timezone, onvoid });
    const button = screen.getByTestId("void-entry-2") as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    await fireEvent.click(button);
    expect(onvoid).toHaveBeenCalledWith(entry);
  });

  it("shows Void disabled with the backend's reason when something blocks it", async () => {
    const onvoid = vi.fn();
    const reason = "entry 4 (resolved) depends on it: void that first";
    render(Timeline, { entries: [loggedEntry(), timelineEntry(2, { can_void: false, void_blocked_by: reason })], timezone, onvoid });
    const button = screen.getByTestId("void-entry-2") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.getAttribute("title")).toBe(reason);
    expect(screen.getByTestId("void-blocked-2").textContent).toBe(reason);
    await fireEvent.click(button);
    expect(onvoid).not.toHaveBeenCalled();
  });

  it("describes a tracked fact with its detail and note", () => {
    const tracked = timelineEntry(2, {
      action: "tracked",
      description: "Pending authorization created (car rental)",
      event: { type: "tracked", at: "2026-11-21T15:00:00Z", fact: { event: "authorization_created", merchant_category: "car_rental" }, note: "Deposit for a week's rental" },
    });
    render(Timeline, { entries: [loggedEntry(), tracked], timezone, onvoid: () => {} });
    const entry = screen.getByTestId("timeline-entry-2");
    expect(entry.textContent).toContain("Tracked");
    expect(entry.textContent).toContain("Pending authorization created (car rental)");
    expect(entry.textContent).toContain("Car rental");
    expect(entry.textContent).toContain("Deposit for a week's rental");
  });

  it("shows each entry's line as the backend words it in English, and in German once the language changes", () => {
    const entries = recorded.operationalResolved.timeline;
    render(Timeline, { entries, timezone, onvoid: () => {} });
    for (const e of entries) expect(screen.getByTestId(`timeline-entry-${e.seq}`).textContent).toContain(e.description);

    setLanguage("de");
    flushSync();

    const [logged, acknowledged, resolved] = entries.map((e) => screen.getByTestId(`timeline-entry-${e.seq}`).textContent ?? "");
    expect(logged).toContain("Als operative Beschwerde erfasst, eingegangen per Telefon");
    expect(acknowledged).toContain("Eingang gegenüber dem Kunden bestätigt");
    expect(resolved).toContain("Erledigt: begründet");
    expect(resolved).not.toContain("Resolved: upheld");
  });

  it("shows the lines in Japanese, the typed words as they were typed, and hands over the entry as shown", async () => {
    setLanguage("ja");
    flushSync();
    const onvoid = vi.fn();
    render(Timeline, { entries: [loggedEntry(), timelineEntry(2)], timezone, onvoid });
    expect(screen.getByTestId("timeline-entry-1").textContent).toContain("通常の苦情として登録（受付経路：メール）");
    expect(screen.getByTestId("timeline-entry-2").textContent).toContain("顧客に受付を通知（方法：email）");
    expect(screen.getByTestId("timeline-entry-2").textContent).toContain("Sent the standard letter");
    await fireEvent.click(screen.getByTestId("void-entry-2"));
    expect(onvoid).toHaveBeenCalledWith(expect.objectContaining({ seq: 2, description: "顧客に受付を通知（方法：email）" }));
  });
});
