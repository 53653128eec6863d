import { describe, expect, it } from "vitest";
import { caseRow } from "../credit/fixtures";
import { casesShown, noticeUrgency } from "./accounts.svelte";
import { buildAccount, buildApplication, buildBalance, buildPeriodApproval, buildSchedule, buildSetLimit, emptyAccount } from "./forms";

describe("notices due", () => {
  it("tells sent, overdue, due within 7 days and later apart", () => {
    expect(noticeUrgency(caseRow("A", { notice_sent: true, notice_overdue: false, notice_due_soon: true }))).toBe("sent");
    expect(noticeUrgency(caseRow("A", { notice_overdue: true, notice_due: "2026-11-20T00:00:00Z" }))).toBe("overdue");
    expect(noticeUrgency(caseRow("A", { notice_due: "2026-12-01T00:00:00Z", notice_due_soon: true }))).toBe("soon");
    expect(noticeUrgency(caseRow("A", { notice_due: "2026-12-20T00:00:00Z" }))).toBe("later");
  });

  it("lists only unsent notices, the earliest due first, under the filter", () => {
    const cases = [
      caseRow("CRD-3", { notice_due: "2026-12-20T00:00:00Z" }),
      caseRow("CRD-2", { notice_sent: true }),
      caseRow("CRD-1", { notice_due: "2026-11-20T00:00:00Z", notice_overdue: true }),
    ];
    expect(casesShown(cases, "all").map((c) => c.id)).toEqual(["CRD-3", "CRD-2", "CRD-1"]);
    expect(casesShown(cases, "notices").map((c) => c.id)).toEqual(["CRD-1", "CRD-3"]);
  });
});

describe("account forms", () => {
  it("converts the typed amounts to minor units of the account's currency", () => {
    const v = { ...emptyAccount(), id: " acct_1Ace ", name: "Acme", email: "a@b.test", limit: "2,000.00", currency: "usd", balance: "-125.50", address: " " };
    expect(buildAccount(v)).toEqual({
      ok: true,
      input: { id: "acct_1Ace", name: "Acme", email: "a@b.test", address: null, limit: 200000, currency: "USD", period: "month", period_count: 1, days_until_due: 10, balance: -12550, business_type: "company", losses: "platform", country: null, debit_negative_balances: false },
    });
    expect(buildAccount({ ...v, currency: "JPY", limit: "200000", balance: "0" })).toMatchObject({ ok: true, input: { limit: 200000, balance: 0 } });
    expect(buildAccount({ ...v, business_type: "individual" })).toMatchObject({ ok: true, input: { business_type: "individual" } });
  });

  it("sends who carries the losses, the country upper-case and debit_negative_balances as chosen", () => {
    const v = { ...emptyAccount(), id: "acct_1Ace", name: "Acme", email: "a@b.test", limit: "2000" };
    expect(buildAccount({ ...v, losses: "stripe", country: " de ", debit_negative_balances: true })).toMatchObject({
      ok: true,
      input: { losses: "stripe", country: "DE", debit_negative_balances: true },
    });
    expect(buildAccount({ ...v, country: "Germany" })).toMatchObject({ ok: false, errors: { country: expect.stringContaining("Two letters") } });
  });

  it("names every field it cannot read", () => {
    const built = buildAccount({ ...emptyAccount(), limit: "12,50", period_count: "0", days_until_due: "x", balance: "1.005" });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(Object.keys(built.errors).sort()).toEqual(["balance", "days_until_due", "email", "id", "limit", "name", "period_count"]);
    expect(buildAccount({ ...emptyAccount(), currency: "dollars" })).toMatchObject({ ok: false, errors: { currency: expect.any(String) } });
  });

  it("records a balance below zero, read at this computer's time in UTC", () => {
    expect(buildBalance("acct_1", "USD", { amount: "-125.50", date: "2026-11-20", time: "10:00" })).toEqual({
      ok: true,
      input: { account: "acct_1", amount: -12550, at: "2026-11-20T15:00:00Z" },
    });
    expect(buildBalance("acct_1", "USD", { amount: "", date: "2026-11-20", time: "" })).toMatchObject({ ok: false, errors: { amount: expect.any(String), at: expect.any(String) } });
  });

  it("builds the terms changes", () => {
    const at = { date: "2026-11-20", time: "10:00" };
    expect(buildApplication("acct_1", "USD", "credit_line_opening", { amount: "3000", ...at })).toEqual({
      ok: true,
      input: { account: "acct_1", decided_at: "2026-11-20T15:00:00Z", purpose: "credit_line_opening", amount: 300000 },
    });
    expect(buildApplication("acct_1", "USD", "", { amount: "3000", ...at })).toMatchObject({ ok: false, errors: { purpose: expect.any(String) } });
    expect(buildSetLimit("acct_1", "USD", { amount: "3,000.00", ...at })).toMatchObject({ ok: true, input: { amount: 300000, at: "2026-11-20T15:00:00Z" } });
    expect(buildPeriodApproval("acct_1", { ...at, reference: " SUP-1 " })).toEqual({ ok: true, input: { account: "acct_1", approved_at: "2026-11-20T15:00:00Z", reference: "SUP-1" } });
    expect(buildPeriodApproval("acct_1", { ...at, reference: "" })).toMatchObject({ ok: false, errors: { reference: expect.any(String) } });
  });

  it("schedules a period change at 00:00 UTC of the day chosen", () => {
    const v = { period: "day" as const, period_count: "14", effective_on: "2026-12-01", notice_date: "", notice_time: "", days_until_due: "" };
    expect(buildSchedule("acct_1", v)).toEqual({
      ok: true,
      input: { account: "acct_1", period: "day", period_count: 14, effective_at: "2026-12-01T00:00:00Z", change_in_terms_notice_at: null, days_until_due: null },
    });
    expect(buildSchedule("acct_1", { ...v, days_until_due: " 0 " })).toMatchObject({ ok: true, input: { days_until_due: 0 } });
    expect(buildSchedule("acct_1", { ...v, days_until_due: "2.5" })).toMatchObject({ ok: false, errors: { days_until_due: expect.stringContaining("leave it empty") } });
    expect(buildSchedule("acct_1", { ...v, days_until_due: "-1" })).toMatchObject({ ok: false, errors: { days_until_due: expect.any(String) } });
    expect(buildSchedule("acct_1", { ...v, notice_date: "2026-11-20", notice_time: "09:00" })).toMatchObject({ ok: true, input: { change_in_terms_notice_at: "2026-11-20T14:00:00Z" } });
    expect(buildSchedule("acct_1", { ...v, effective_on: "12/01/2026", period_count: "0" })).toMatchObject({
      ok: false,
      errors: { effective_at: expect.any(String), period_count: expect.any(String) },
    });
  });

  it("refuses instants in the future, but not a period change's start day", () => {
    const now = new Date("2026-11-20T14:00:00Z");
    const at = { date: "2026-11-20", time: "10:00" }; // 15:00 UTC, an hour ahead
    const future = "This is in the future. Record a step once it has happened.";
    expect(buildBalance("acct_1", "USD", { amount: "1", ...at }, now)).toEqual({ ok: false, errors: { at: future } });
    expect(buildApplication("acct_1", "USD", "credit_line_opening", { amount: "1", ...at }, now)).toEqual({ ok: false, errors: { decided_at: future } });
    expect(buildSetLimit("acct_1", "USD", { amount: "1", ...at }, now)).toEqual({ ok: false, errors: { at: future } });
    expect(buildPeriodApproval("acct_1", { ...at, reference: "SUP-1" }, now)).toEqual({ ok: false, errors: { approved_at: future } });
    const v = { period: "day" as const, period_count: "14", effective_on: "2026-12-01", notice_date: "", notice_time: "", days_until_due: "" };
    expect(buildSchedule("acct_1", v, now).ok).toBe(true);
    expect(buildSchedule("acct_1", { ...v, notice_date: at.date, notice_time: at.time }, now)).toEqual({ ok: false, errors: { change_in_terms_notice_at: future } });
  });
});
