import { fireEvent, render, screen } from "@testing-library/svelte";
import { flushSync } from "svelte";
import { afterEach, describe, expect, it } from "vitest";
import type { ClockView } from "../bindings/ClockView";
import { setLanguage } from "../i18n";
import DeadlineCard from "./DeadlineCard.svelte";
import { recorded } from "./fixtures";

afterEach(() => {
  setLanguage("en");
  localStorage.clear();
});

function clock(patch: Partial<ClockView>): ClockView {
  return {
    clock: "acknowledge",
    due: "2026-11-20",
    due_at: "2026-11-21T04:59:59Z",
    done_at: null,
    state: "pending",
    overdue: false,
    business_days_left: 1,
    urgency: "due_soon",
    explanation: { start: "2026-11-13", business_days: 5, due: "2026-11-20", skipped: [], set_by_stripe: false },
    explanation_text: "5 business days after Fri 13 Nov 2026 is Fri 20 Nov 2026; no day was skipped.",
    ...patch,
  };
}

describe("deadline card", () => {
  it("reads Overdue for a pending clock the backend says is past its due day", () => {
    render(DeadlineCard, { status: clock({ overdue: true, business_days_left: 0, urgency: "overdue" }), timezone: "America/New_York" });
    expect(screen.getByTestId("deadline-acknowledge").getAttribute("data-state")).toBe("overdue");
    expect(screen.getByTestId("deadline-acknowledge-state").textContent).toBe("Overdue");
    expect(screen.getByTestId("deadline-acknowledge-left").textContent).toBe("overdue");
  });

  it("reads Pending while not overdue", () => {
    render(DeadlineCard, { status: clock({ business_days_left: 3 }), timezone: "America/New_York" });
    expect(screen.getByTestId("deadline-acknowledge").getAttribute("data-state")).toBe("pending");
    expect(screen.getByTestId("deadline-acknowledge-state").textContent).toBe("Pending");
    expect(screen.getByTestId("deadline-acknowledge-left").textContent).toBe("3 business days left");
  });

  it("explains the date as the backend does in English, and in German once the language changes", async () => {
    const status = recorded.executiveNotified.clocks.find((c) => c.clock === "resolve") as ClockView;
    render(DeadlineCard, { status, timezone: "America/New_York" });
    const why = screen.getByTestId("deadline-resolve-explanation");
    expect(why.textContent).toBe(status.explanation_text);

    setLanguage("de");
    flushSync();

    await fireEvent.click(screen.getByTestId("deadline-resolve-why-toggle"));
    expect(screen.getByTestId("deadline-resolve-why-toggle").textContent).toBe("Warum dieses Datum");
    expect(why.textContent).toMatch(/^15 Geschäftstage nach Do\., 19\.11\.2026 ist der Fr\., 11\.12\.2026; übersprungen: Sa\., 21\.11\. \(Wochenende\)/);
    expect(why.textContent).toContain("Do., 26.11. (Thanksgiving Day)");
    expect(screen.getByTestId("deadline-resolve-skipped").textContent).toContain("Übersprungener Tag");
  });

  it("explains the date in Japanese", () => {
    setLanguage("ja");
    flushSync();
    render(DeadlineCard, { status: clock({}), timezone: "America/New_York" });
    expect(screen.getByTestId("deadline-acknowledge-explanation").textContent).toBe("2026/11/13(金) の 5 営業日後は 2026/11/20(金) です。除外した日はありません。");
    expect(screen.getByTestId("deadline-acknowledge-why-toggle").textContent).toBe("この日付になる理由");
    expect(screen.getByTestId("deadline-acknowledge-left").textContent).toBe("残り 1 営業日");
  });
});
