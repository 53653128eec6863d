import { describe, expect, it } from "vitest";
import { businessDaysText, clockTone, clockUrgency, URGENCY_STYLE, urgencyStyle } from "./urgency";

describe("urgency → label and colour", () => {
  it("gives each urgency its label and tone", () => {
    expect(urgencyStyle("overdue")).toMatchObject({ label: "Overdue", tone: "danger" });
    expect(urgencyStyle("due_today")).toMatchObject({ label: "Due today", tone: "warning" });
    expect(urgencyStyle("due_soon")).toMatchObject({ label: "Due soon", tone: "caution" });
    expect(urgencyStyle("later")).toMatchObject({ label: "On track", tone: "neutral" });
  });

  it("ranks overdue first and later last", () => {
    const order = (Object.keys(URGENCY_STYLE) as (keyof typeof URGENCY_STYLE)[]).sort(
      (a, b) => URGENCY_STYLE[a].rank - URGENCY_STYLE[b].rank,
    );
    expect(order).toEqual(["overdue", "due_today", "due_soon", "later"]);
  });

  it("has a neutral style for a complaint with no deadline", () => {
    expect(urgencyStyle(null)).toMatchObject({ tone: "neutral", label: "No deadline" });
  });
});

describe("business days wording", () => {
  it("counts days left, singular and plural", () => {
    expect(businessDaysText(1)).toBe("1 business day left");
    expect(businessDaysText(3)).toBe("3 business days left");
  });

  it("says due today at zero", () => {
    expect(businessDaysText(0)).toBe("due today");
  });

  it("counts late days as overdue", () => {
    expect(businessDaysText(-1)).toBe("1 business day overdue");
    expect(businessDaysText(-4)).toBe("4 business days overdue");
  });

  it("says overdue when late over a weekend with no business day passed", () => {
    // Due Friday, today Saturday: overdue, yet 0 business days have gone by.
    expect(businessDaysText(0, true)).toBe("overdue");
  });
});

describe("clock urgency", () => {
  const today = "2026-11-23";
  it("is null once the clock is met or missed", () => {
    expect(clockUrgency({ state: "met", overdue: false, due: "2026-11-30", business_days_left: null }, today)).toBeNull();
    expect(clockUrgency({ state: "missed", overdue: false, due: "2026-11-20", business_days_left: null }, today)).toBeNull();
  });

  it("follows the state and the days left", () => {
    expect(clockUrgency({ state: "pending", overdue: true, due: "2026-11-20", business_days_left: -1 }, today)).toBe("overdue");
    // Due Friday, today Saturday: no business day has passed, yet the backend says overdue.
    expect(clockUrgency({ state: "pending", overdue: true, due: "2026-11-21", business_days_left: 0 }, today)).toBe("overdue");
    expect(clockUrgency({ state: "pending", overdue: false, due: today, business_days_left: 0 }, today)).toBe("due_today");
    expect(clockUrgency({ state: "pending", overdue: false, due: "2026-11-25", business_days_left: 2 }, today)).toBe("due_soon");
    expect(clockUrgency({ state: "pending", overdue: false, due: "2026-11-27", business_days_left: 3 }, today)).toBe("due_soon");
    expect(clockUrgency({ state: "pending", overdue: false, due: "2026-12-14", business_days_left: 15 }, today)).toBe("later");
  });


  it("colours met clocks green and missed ones red", () => {
    expect(clockTone({ state: "met", overdue: false, due: "2026-11-30", business_days_left: null }, today)).toBe("success");
    expect(clockTone({ state: "missed", overdue: false, due: "2026-11-20", business_days_left: null }, today)).toBe("danger");
    expect(clockTone({ state: "pending", overdue: false, due: today, business_days_left: 0 }, today)).toBe("warning");
  });
});
