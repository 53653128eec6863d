import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { ClockView } from "../bindings/ClockView";
import DeadlineCard from "./DeadlineCard.svelte";

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
});
