import { describe, expect, it } from "vitest";
import { diffSummary, fieldLabel, fieldValue, visibleChanges } from "./diff";

describe("difference field labels", () => {
  it("names clock parts for people", () => {
    expect(fieldLabel("acknowledge.done_on")).toBe("Acknowledged on");
    expect(fieldLabel("acknowledge.state")).toBe("Acknowledge verdict");
    expect(fieldLabel("notify_stripe.done_on")).toBe("Stripe notified on");
    expect(fieldLabel("resolve.due")).toBe("Resolve by");
    expect(fieldLabel("resolve.business_days")).toBe("Business days to resolve");
  });

  it("names row fields", () => {
    expect(fieldLabel("status")).toBe("Status at month end");
    expect(fieldLabel("overdue")).toBe("Overdue at month end");
    expect(fieldLabel("compensation_minor")).toBe("Compensation");
    expect(fieldLabel("stripe_reviewed_on")).toBe("Stripe review completed on");
    expect(fieldLabel("section")).toBe("Section");
  });

  it("still reads a field it does not know", () => {
    expect(fieldLabel("escalation_level")).toBe("Escalation level");
    expect(fieldLabel("review.done_on")).toBe("Review: done on");
  });
});

describe("difference values", () => {
  it("turns codes into words and empty into a dash", () => {
    expect(fieldValue("acknowledge.done_on", "")).toBe("—");
    expect(fieldValue("acknowledge.done_on", "2026-10-06")).toBe("2026-10-06");
    expect(fieldValue("acknowledge.state", "overdue")).toBe("Overdue");
    expect(fieldValue("resolve.state", "met")).toBe("Met");
    expect(fieldValue("status", "resolved")).toBe("Resolved");
    expect(fieldValue("section", "carried_over")).toBe("Carried over");
    expect(fieldValue("kind", "executive")).toBe("Executive");
    expect(fieldValue("outcome", "partially_upheld")).toBe("Partially upheld");
    expect(fieldValue("overdue", "true")).toBe("Yes");
    expect(fieldValue("grounds", "regulator,udap")).toBe("Regulator or government agency; Unfair or deceptive practice (UDAP)");
    expect(fieldValue("acknowledge.business_days", "3")).toBe("3 business days");
  });

  it("shows compensation in major units when the currency is known", () => {
    expect(fieldValue("compensation_minor", "2500", { currency: "USD" })).toBe("25.00 USD");
    expect(fieldValue("compensation_minor", "2500", { currency: "JPY" })).toBe("2,500 JPY");
    expect(fieldValue("compensation_minor", "1500", { currency: "KWD" })).toBe("1.500 KWD");
    expect(fieldValue("compensation_minor", "2500")).toBe("2500");
  });

  it("orders a row's changes for reading and drops the resolve clock's repeat of the resolution date", () => {
    const changes = visibleChanges([
      { field: "acknowledge.state", before: "pending", after: "met" },
      { field: "acknowledge.business_days", before: "", after: "2" },
      { field: "acknowledge.done_on", before: "", after: "2026-09-25" },
      { field: "resolve.done_on", before: "", after: "2026-09-29" },
      { field: "resolved_on", before: "", after: "2026-09-29" },
      { field: "status", before: "open", after: "resolved" },
    ]);
    expect(changes.map((c) => c.field)).toEqual([
      "status",
      "resolved_on",
      "acknowledge.done_on",
      "acknowledge.state",
      "acknowledge.business_days",
    ]);
  });

  it("summarises a difference", () => {
    expect(diffSummary({ added: ["A", "B"], removed: [], removed_late: [], changed: [{ id: "C", changes: [], entered_late: false }] })).toBe("2 added, 1 changed");
    expect(diffSummary({ added: [], removed: [], removed_late: [], changed: [] })).toBe("no differences");
  });
});
