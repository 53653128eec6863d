import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import DeadlineCell from "./DeadlineCell.svelte";

describe("register deadline cell", () => {
  it("shows the next support timer under the next deadline", () => {
    render(DeadlineCell, {
      deadline: { clock: "resolve", due: "2026-12-11", business_days_left: 13, urgency: "later" },
      timer: { kind: "reorder_card", due: "2026-12-04", urgency: "later" },
    });
    const line = screen.getByTestId("register-timer");
    expect(line.textContent?.replace(/\s+/g, " ").trim()).toBe("Reorder card · Fri 2026-12-04");
    expect(line.getAttribute("data-kind")).toBe("reorder_card");
  });

  it("colours the timer by the backend's urgency and shows nothing without one", () => {
    const { unmount } = render(DeadlineCell, { deadline: null, timer: { kind: "ach_return_window", due: "2026-11-23", urgency: "due_today" } });
    expect(screen.getByTestId("register-timer").classList.contains("tone-warning")).toBe(true);
    expect(screen.getByTestId("register-timer").textContent).toContain("ACH return window");
    unmount();
    render(DeadlineCell, { deadline: null });
    expect(screen.queryByTestId("register-timer")).toBeNull();
  });
});
