import { describe, expect, it } from "vitest";
import { businessDaysText, clockTone, URGENCY_STYLE, urgencyStyle } from "./urgency";

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

describe("clock tone", () => {
  it("colours met clocks green, missed ones red, and open ones by the backend's urgency", () => {
    expect(clockTone({ state: "met", urgency: null })).toBe("success");
    expect(clockTone({ state: "missed", urgency: null })).toBe("danger");
    expect(clockTone({ state: "pending", urgency: "due_today" })).toBe("warning");
    expect(clockTone({ state: "pending", urgency: "overdue" })).toBe("danger");
    expect(clockTone({ state: "pending", urgency: "later" })).toBe("neutral");
  });
});
