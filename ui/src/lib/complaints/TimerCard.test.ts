import { render, screen, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { timer } from "./fixtures";
import TimerCard from "./TimerCard.svelte";

const timezone = "America/New_York";

describe("support timer card", () => {
  it("shows the timer's label, the day it falls, its state and the backend's explanation", () => {
    render(TimerCard, { timer: timer(), timezone });
    const card = screen.getByTestId("timer-card");
    expect(card.getAttribute("data-kind")).toBe("reorder_card");
    expect(card.getAttribute("data-state")).toBe("running");
    expect(within(card).getByTestId("timer-label").textContent).toBe("Cancel and reorder the card");
    expect(within(card).getByTestId("timer-due").textContent).toBe("Fri 2026-12-04");
    expect(within(card).getByTestId("timer-state").textContent).toBe("Running");
    expect(within(card).getByTestId("timer-explanation").textContent).toContain("cancel the card and order a new one");
    expect(card.textContent).toContain("2026-12-04 23:59 EST");
    expect(card.textContent).toContain("Thanksgiving Day");
  });

  it("reads Due today and Passed as the backend says, without a skipped-days table when there is no count", () => {
    const { unmount } = render(TimerCard, { timer: timer({ state: "due_today" }), timezone });
    expect(screen.getByTestId("timer-state").textContent).toBe("Due today");
    expect(screen.getByTestId("timer-card").classList.contains("tone-warning")).toBe(true);
    unmount();
    render(TimerCard, {
      timer: timer({
        kind: "authorization_expires",
        label: "Authorization expires",
        state: "passed",
        due: "2026-11-27",
        due_at: "2026-11-27T15:00:00Z",
        explanation: null,
        explanation_text: "The authorization was created Fri 20 Nov 2026 10:00 EST. It expires 7 days after it was created.",
      }),
      timezone,
    });
    expect(screen.getByTestId("timer-card").getAttribute("data-kind")).toBe("authorization_expires");
    expect(screen.getByTestId("timer-state").textContent).toBe("Passed");
    expect(screen.getByTestId("timer-card").textContent).toContain("2026-11-27 10:00 EST");
    expect(screen.queryByText("Skipped days")).toBeNull();
  });
});
