import { describe, expect, it } from "vitest";
import type { ClockState } from "../bindings/ClockState";
import { formatMedianDays, formatShare, shareLabel, sharePercent, shortHash, tallyLabel, verdictOf, weekDays, weekLabel } from "./format";

describe("clock verdicts at the end of the month", () => {
  it("maps states: met is met, missed or overdue is missed, pending is pending", () => {
    const cases: [ClockState, string][] = [
      ["met", "met"],
      ["missed", "missed"],
      ["overdue", "missed"],
      ["pending", "pending"],
    ];
    for (const [state, verdict] of cases) expect(verdictOf(state), state).toBe(verdict);
  });
});

describe("shares of deadlines met", () => {
  it("reads met/decided with a one-decimal percentage", () => {
    expect(formatShare({ met: 12, decided: 14 })).toBe("12/14 (85.7 %)");
    expect(formatShare({ met: 1, decided: 3 })).toBe("1/3 (33.3 %)");
    expect(formatShare({ met: 2, decided: 3 })).toBe("2/3 (66.7 %)");
    expect(formatShare({ met: 5, decided: 5 })).toBe("5/5 (100.0 %)");
    expect(formatShare({ met: 0, decided: 4 })).toBe("0/4 (0.0 %)");
  });

  it("shows a dash when nothing was decided", () => {
    expect(formatShare({ met: 0, decided: 0 })).toBe("—");
    expect(sharePercent({ met: 0, decided: 0 })).toBeNull();
  });

  it("names the policy's days", () => {
    expect(shareLabel("acknowledge")).toBe("Acknowledged within 5 business days");
    expect(shareLabel("resolve")).toBe("Resolved within 15 business days");
    expect(shareLabel("notify_stripe")).toBe("Stripe notified within 1 business day");
    expect(shareLabel("resolve", null)).toBe("Resolved in time");
  });
});

describe("summary figures", () => {
  it("reads the median in business days", () => {
    expect(formatMedianDays(6)).toBe("6 business days");
    expect(formatMedianDays(6.5)).toBe("6.5 business days");
    expect(formatMedianDays(1)).toBe("1 business day");
    expect(formatMedianDays(null)).toBe("—");
  });

  it("labels tally keys, including the backend's fallbacks", () => {
    expect(tallyLabel("kind", "executive")).toBe("Executive");
    expect(tallyLabel("product", "not stated")).toBe("Not stated");
    expect(tallyLabel("channel", "social_media")).toBe("Social media");
    expect(tallyLabel("topic", "not classified")).toBe("Not classified");
    expect(tallyLabel("topic", "fraud_management", (c) => (c === "fraud_management" ? "Fraud management" : null))).toBe("Fraud management");
  });

  it("labels weeks", () => {
    expect(weekLabel({ from: "2026-10-01", to: "2026-10-04", count: 3 })).toBe("Oct 1–4");
    expect(weekLabel({ from: "2026-08-31", to: "2026-08-31", count: 0 })).toBe("Aug 31");
    expect(weekDays({ from: "2026-10-26", to: "2026-10-31", count: 3 })).toBe("26–31");
  });

  it("shortens a SHA-256 but keeps both ends", () => {
    const hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    expect(shortHash(hash)).toBe("9f86d08188…0a08");
    expect(shortHash("abc")).toBe("abc");
  });
});
