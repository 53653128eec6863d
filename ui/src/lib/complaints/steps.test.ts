import { describe, expect, it } from "vitest";
import { buildStep, type StepFormValues } from "./steps";

describe("building a step", () => {
  const base: StepFormValues = {
    date: "2026-11-24",
    time: "09:30",
    how: "",
    note: "",
    reference: "",
    resolveBy: "",
    kind: "operational",
    grounds: [],
    reason: "",
    summary: "",
    outcome: "",
    amount: "",
    currency: "USD",
  };

  it("sends the time with this computer's offset and blank optional fields as null", () => {
    const built = buildStep("CMP-1", "acknowledge", { ...base, how: " email " });
    expect(built).toEqual({
      ok: true,
      input: { complaint_id: "CMP-1", at: "2026-11-24T09:30:00-05:00", step: { type: "acknowledge", how: "email", note: null } },
    });
  });

  it("sends the resolution date Stripe set with its review, or null when none was given", () => {
    const set = buildStep("CMP-1", "stripe_review_completed", { ...base, resolveBy: "2026-12-18" });
    expect(set.ok && set.input.step).toEqual({ type: "stripe_review_completed", note: null, resolve_by: "2026-12-18" });
    const none = buildStep("CMP-1", "stripe_review_completed", base);
    expect(none.ok && none.input.step).toEqual({ type: "stripe_review_completed", note: null });
    const bad = buildStep("CMP-1", "stripe_review_completed", { ...base, resolveBy: "18/12/2026" });
    expect(bad).toEqual({ ok: false, errors: { resolve_by: "Give the date as YYYY-MM-DD, or leave it empty." } });
  });

  it("converts compensation to minor units for the currency", () => {
    const usd = buildStep("CMP-1", "resolve", { ...base, summary: "Refunded", outcome: "upheld", amount: "25.5", currency: "usd" });
    expect(usd.ok && usd.input.step).toEqual({
      type: "resolve",
      summary: "Refunded",
      outcome: "upheld",
      compensation: { amount_minor: 2550, currency: "USD" },
    });
    const jpy = buildStep("CMP-1", "resolve", { ...base, summary: "Refunded", amount: "3000", currency: "JPY" });
    expect(jpy.ok && jpy.input.step).toMatchObject({ compensation: { amount_minor: 3000, currency: "JPY" }, outcome: null });
  });

  it("names the fields that are missing or wrong", () => {
    expect(buildStep("CMP-1", "resolve", { ...base, amount: "1.5", currency: "JPY" })).toEqual({
      ok: false,
      errors: { compensation: "JPY has no decimal places.", summary: "Summarise the resolution given to the customer." },
    });
    expect(buildStep("CMP-1", "contact_customer", { ...base, time: "25:00" })).toMatchObject({
      ok: false,
      errors: { at: expect.any(String), note: expect.any(String) },
    });
    expect(buildStep("CMP-1", "reclassify", { ...base, kind: "executive", reason: "Lawyer wrote" })).toMatchObject({
      ok: false,
      errors: { grounds: expect.any(String) },
    });
  });

  it("drops grounds when reclassifying to operational", () => {
    const built = buildStep("CMP-1", "reclassify", { ...base, kind: "operational", grounds: ["udap"], reason: "Not legal" });
    expect(built.ok && built.input.step).toEqual({ type: "reclassify", kind: "operational", grounds: [], reason: "Not legal" });
  });

  it("refuses a step more than five minutes ahead of now", () => {
    // 2026-11-24 09:30 in New York is 14:30 UTC.
    const now = new Date("2026-11-24T14:26:00Z");
    expect(buildStep("CMP-1", "acknowledge", base, now).ok).toBe(true);
    expect(buildStep("CMP-1", "acknowledge", base, new Date("2026-11-24T14:24:00Z"))).toEqual({
      ok: false,
      errors: { at: "This is in the future. Record a step once it has happened." },
    });
  });
});
