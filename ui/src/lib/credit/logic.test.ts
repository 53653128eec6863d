import { describe, expect, it } from "vitest";
import type { AccountHistoryEntry } from "../bindings/AccountHistoryEntry";
import { newestFirst, readingAt } from "../accounts/readings";
import { buildDecision, type DecisionValues } from "./decision";
import { closureCase, closureNoticeSent, programView, usd } from "./fixtures";
import { describeEntry } from "./history";
import { periodText } from "./labels";
import { buildProgram, filterReasons, parsePeriods, periodLabel, programValues, wordingToSend } from "./program";
import { addReason, availableReasons, canAddReason, moveReason, needsOtherExplanation, removeReason, searchReasons } from "./reasons";
import { actionOf, buildCreditStep, buildObjectStep, canRecordObject, presentSteps, topUpAmount } from "./steps";
import { caseEntryDetails } from "./timeline";

describe("principal reasons", () => {
  it("adds up to four distinct reasons, in the order chosen", () => {
    let list: string[] = [];
    for (const c of ["a", "b", "a", "c", "d", "e"]) list = addReason(list, c, 4);
    expect(list).toEqual(["a", "b", "c", "d"]);
    expect(canAddReason(list, 4)).toBe(false);
    expect(addReason(["a"], "", 4)).toEqual(["a"]);
  });

  it("moves a reason up or down and never out of the list", () => {
    expect(moveReason(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveReason(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveReason(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveReason(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
    expect(removeReason(["a", "b", "c"], 1)).toEqual(["a", "c"]);
    expect(canAddReason(removeReason(["a", "b", "c", "d"], 0), 4)).toBe(true);
  });

  it("offers only approved reasons not yet chosen, in Stripe's order", () => {
    const rows = programView().reasons;
    const offered = availableReasons(rows, ["delinquent_credit_obligations"]).map((r) => r.code);
    expect(offered).toEqual(["bankruptcy", "dispute_rate_too_high", "insufficient_cash_flow", "other"]);
    expect(offered).not.toContain("high_risk_industry");
    expect(needsOtherExplanation(["bankruptcy", "other"])).toBe(true);
  });

  it("searches the reasons not yet chosen, the approved ones first, ignoring case and accents", () => {
    const rows = programView().reasons;
    const codes = (chosen: string[], q: string) => searchReasons(rows, chosen, q).map((r) => r.code);
    expect(codes(["bankruptcy"], "")).toEqual(["delinquent_credit_obligations", "dispute_rate_too_high", "insufficient_cash_flow", "other", "high_risk_industry"]);
    expect(codes([], "INSOLVENZ")).toEqual(["bankruptcy"]);
    expect(codes([], "Erfullt")).toEqual(["delinquent_credit_obligations"]);
    expect(codes([], "high_risk")).toEqual(["high_risk_industry"]);
    expect(codes(["insufficient_cash_flow"], "cash")).toEqual([]);
  });
});

describe("the decision", () => {
  const v = (patch: Partial<DecisionValues> = {}): DecisionValues => ({
    date: "2026-11-20",
    time: "10:00",
    reasons: ["delinquent_credit_obligations", "bankruptcy"],
    other: "",
    exception: false,
    exceptionExplanation: "ignored",
    exceptionOriginal: "no_changes",
    amount: "",
    ...patch,
  });

  it("sends a closure decided at this computer's time in UTC, with the reasons in order", () => {
    const built = buildDecision("closure", "acct_1", "USD", v());
    expect(built).toEqual({
      ok: true,
      kind: "closure",
      input: {
        account: "acct_1",
        decided_at: "2026-11-20T15:00:00Z",
        reasons: ["delinquent_credit_obligations", "bankruptcy"],
        other_explanation: null,
        exception_explanation: null,
        exception_original_decision_type: null,
      },
    });
  });

  it("sends a decrease with the new limit in minor units and the exception when ticked", () => {
    const built = buildDecision("decrease", "acct_1", "USD", v({ amount: "1,500.00", exception: true, exceptionExplanation: " Long history ", other: "not sent" }));
    expect(built).toMatchObject({
      ok: true,
      kind: "decrease",
      input: { amount: 150000, other_explanation: null, exception_explanation: "Long history", exception_original_decision_type: "no_changes" },
    });
  });

  it("asks for what is missing before sending", () => {
    const built = buildDecision("decrease", "acct_1", "JPY", v({ date: "2026-02-30", reasons: ["other"], other: " ", exception: true, exceptionExplanation: "", exceptionOriginal: "", amount: "12.5" }));
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(Object.keys(built.errors).sort()).toEqual(["amount", "decided_at", "exception_explanation", "exception_original_decision_type", "other_explanation"]);
    expect(built.errors.amount).toBe("JPY has no decimal places.");
    expect(buildDecision("closure", "acct_1", "USD", v({ reasons: [] }))).toMatchObject({ ok: false, errors: { reasons: "Give at least one principal reason." } });
    expect(buildDecision("closure", "acct_1", "USD", v(), new Date("2026-11-20T14:00:00Z"))).toEqual({
      ok: false,
      errors: { decided_at: "This is in the future. Record a step once it has happened." },
    });
  });
});

describe("case steps", () => {
  it("offers an action only on a step that can be taken now", () => {
    // Deactivation does not wait for the notice: both are ready once the decision is recorded.
    const steps = presentSteps(closureCase());
    expect(steps.map((s) => [s.status.step, s.action])).toEqual([
      ["decision", null],
      ["notice_sent", "notice_sent"],
      ["deactivated", "deactivate"],
      ["wind_down_complete", null],
      ["capability_revoked", null],
    ]);
    expect(actionOf({ step: "capability_revoked", state: "optional" })).toBe("revoke_capability");
    expect(actionOf({ step: "limit_applied", state: "ready" })).toBe("apply_limit");
    expect(actionOf({ step: "deactivated", state: "done" })).toBeNull();
    expect(actionOf({ step: "wind_down_complete", state: "waiting" })).toBeNull();
  });

  it("pairs each step with its Stripe request and marks an overdue notice", () => {
    const c = closureCase();
    c.steps[1] = { ...c.steps[1], overdue: true };
    const steps = presentSteps(c);
    expect(steps[0].request?.request?.idempotency_key).toBe("cdesk-CRD-2026-00001-decision");
    expect(steps[1].request?.note).toContain("Nothing goes to Stripe");
    expect(steps[1]).toMatchObject({ stateLabel: "Overdue", tone: "danger" });
    expect(steps[3].request).toBeNull();
    expect(steps[2]).toMatchObject({ stateLabel: "Ready", tone: "info" });
    expect(steps[3]).toMatchObject({ stateLabel: "Blocked", tone: "neutral" });
  });

  it("keeps deactivation blocked while the account owes, with the amount to top up", () => {
    const c = closureNoticeSent(-12550);
    const deactivate = presentSteps(c)[2];
    expect(deactivate.action).toBeNull();
    expect(deactivate.status.blocked_by).toContain("top it up by 125.50 USD");
    expect(topUpAmount(usd(-12550))).toEqual(usd(12550));
    expect(topUpAmount(usd(0))).toBeNull();
    expect(presentSteps(closureNoticeSent(0))[2].action).toBe("deactivate");
  });

  it("records a Stripe object only for a done step that sent a request", () => {
    const c = closureCase();
    expect(canRecordObject({ state: "done" }, c.requests[0])).toBe(true);
    expect(canRecordObject({ state: "done" }, c.requests[1])).toBe(false);
    expect(canRecordObject({ state: "ready" }, c.requests[2])).toBe(false);
    expect(buildObjectStep("CRD-1", "decision", "  icur_123 ")).toEqual({
      ok: true,
      input: { case_id: "CRD-1", step: { type: "record_stripe_object", step: "decision", object_id: "icur_123" } },
    });
    expect(buildObjectStep("CRD-1", "decision", " ").ok).toBe(false);
  });

  it("builds each step's input with the instant in UTC", () => {
    const base = { date: "2026-11-20", time: "09:30", channel: "" as const, language: "" as const, reason: "" as const };
    expect(buildCreditStep("CRD-1", "notice_sent", { ...base, channel: "mail", language: "de" })).toEqual({
      ok: true,
      input: { case_id: "CRD-1", step: { type: "notice_sent", at: "2026-11-20T14:30:00Z", channel: "mail", language: "de" } },
    });
    expect(buildCreditStep("CRD-1", "notice_sent", { ...base, channel: "mail" })).toMatchObject({ ok: true, input: { step: { language: null } } });
    expect(buildCreditStep("CRD-1", "deactivate", base)).toMatchObject({ ok: true, input: { step: { type: "deactivate", at: "2026-11-20T14:30:00Z" } } });
    expect(buildCreditStep("CRD-1", "revoke_capability", { ...base, reason: "terms_violated" })).toMatchObject({
      ok: true,
      input: { step: { type: "revoke_capability", reason: "terms_violated" } },
    });
    expect(buildCreditStep("CRD-1", "apply_limit", base)).toMatchObject({ ok: true, input: { step: { type: "apply_limit" } } });
    expect(buildCreditStep("CRD-1", "notice_sent", { ...base, time: "" })).toMatchObject({ ok: false, errors: { at: expect.any(String), channel: expect.any(String) } });
    expect(buildCreditStep("CRD-1", "revoke_capability", base)).toMatchObject({ ok: false, errors: { reason: expect.any(String) } });
    // 09:30 in New York is 14:30 UTC: more than five minutes after 14:00 UTC.
    expect(buildCreditStep("CRD-1", "deactivate", base, new Date("2026-11-20T14:00:00Z"))).toEqual({
      ok: false,
      errors: { at: "This is in the future. Record a step once it has happened." },
    });
  });
});

describe("balance readings", () => {
  const r = (at: string, amount: number, opening = false) => ({ at, balance: usd(amount), opening });
  const readings = [r("2026-11-01T15:00:00Z", 0, true), r("2026-11-20T15:00:00Z", -12550), r("2026-11-10T15:00:00Z", 5000)];

  it("judges a step against the latest reading at or before its instant, else the opening balance", () => {
    expect(newestFirst(readings).map((x) => x.balance.amount_minor)).toEqual([-12550, 5000, 0]);
    expect(readingAt(readings, "2026-11-25T00:00:00Z")?.balance.amount_minor).toBe(-12550);
    expect(readingAt(readings, "2026-11-20T15:00:00Z")?.balance.amount_minor).toBe(-12550);
    expect(readingAt(readings, "2026-11-15T00:00:00Z")?.balance.amount_minor).toBe(5000);
    expect(readingAt(readings, "2026-10-01T00:00:00Z")).toMatchObject({ opening: true });
    expect(readingAt(readings, "not an instant")).toBeNull();
    expect(readingAt([], "2026-11-25T00:00:00Z")).toBeNull();
  });
});

describe("history in words", () => {
  const entry = (action: string, details: unknown, seq = 1): AccountHistoryEntry => ({
    seq,
    recorded_at: "2026-11-20T15:00:00Z",
    actor: "a.okafor",
    action,
    details: JSON.stringify(details),
  });
  const zone = "America/New_York";

  it("describes every action of an account and its cases", () => {
    const cases: [AccountHistoryEntry, string, string | null][] = [
      [entry("added", { policy: { limit: usd(200000), period_interval: "month", period_count: 1, days_until_due: 10 }, balance: usd(0) }), "Account added", "Limit 2,000.00 USD, credit period 1 month, due 10 days after the period, Issuing balance 0.00 USD."],
      [entry("balance_recorded", { balance: usd(-12550), read_at: "2026-11-20T14:00:00Z" }), "Issuing balance recorded: -125.50 USD", "The account owes Stripe."],
      [entry("notice_sent", { at: "2026-11-21T15:00:00Z", channel: "mail", late: true }), "Adverse-action notice sent by post (mail)", "Sent after its due date."],
      [entry("notice_sent", { at: "2026-11-21T15:00:00Z", channel: "email", language: "de", late: false }), "Adverse-action notice sent by email", "In Deutsch."],
      [entry("voided", { seq: 2, reason: "Sent to the wrong address" }), "Entry 2 voided", "Sent to the wrong address"],
      [entry("policy_deactivated", { at: "2026-11-22T15:00:00Z", balance: usd(0), wind_down_ends: "2026-12-23T15:00:00Z" }), "Credit policy deactivated", "Issuing balance 0.00 USD at deactivation. Funding obligations may still change until 2026-12-23 10:00 EST."],
      [entry("capability_revoked", { at: "2026-11-22T16:00:00Z", reason: "terms_violated" }), "card_issuing_charge_card capability revoked", "Terms of the credit line violated"],
      [entry("limit_applied", { at: "2026-11-22T16:00:00Z", limit: usd(100000) }), "Decreased limit applied: 1,000.00 USD", null],
      [entry("stripe_object_recorded", { step: "decision", object_id: "icur_9" }), "Stripe object recorded", "Underwriting decision: icur_9"],
      [entry("application_approved", { purpose: "credit_line_opening", amount: usd(300000), decided_at: "2026-11-20T15:00:00Z" }), "New credit line approved: 3,000.00 USD", "The line is active again with this limit."],
      [entry("application_approved", { purpose: "credit_limit_increase", amount: usd(300000), decided_at: "2026-11-20T15:00:00Z" }), "Limit increase approved: 3,000.00 USD", "The limit may now be set to exactly this amount."],
      [entry("limit_changed", { from: usd(200000), to: usd(300000), at: "2026-11-20T15:00:00Z" }), "Credit limit changed: 2,000.00 USD → 3,000.00 USD", null],
      [entry("period_change_approved", { approved_at: "2026-11-20T15:00:00Z", reference: "SUP-1" }), "Stripe approved a credit period change", "Reference SUP-1"],
      [entry("period_change_scheduled", { upcoming_attributes: { period_interval: "day", period_count: 14, effective_at: "2026-12-01T00:00:00Z", days_until_due: null } }), "Credit period change scheduled: 14 days", "Takes effect 2026-12-01 00:00 UTC."],
      [entry("period_change_scheduled", { upcoming_attributes: { period_interval: "day", period_count: 14, effective_at: "2026-12-01T00:00:00Z", days_until_due: 5 } }), "Credit period change scheduled: 14 days", "Takes effect 2026-12-01 00:00 UTC. Due 5 days after the period from then."],
      [entry("period_change_applied", { period_interval: "month", period_count: 2, effective_at: "2026-12-01T00:00:00Z" }), "Credit period changed to 2 months", null],
    ];
    for (const [e, title, detail] of cases) {
      const line = describeEntry(e, zone);
      expect(line.title).toBe(title);
      expect(line.detail).toBe(detail);
    }
  });

  it("names the decision's reasons in order with the officer's labels and when it was made", () => {
    const line = describeEntry(
      entry("decision_recorded", {
        decision_type: "credit_limit_decreased",
        decided_at: "2026-11-02T15:00:00Z",
        kind: { type: "limit_decrease", from: usd(200000), to: usd(100000) },
        reasons: { codes: ["bankruptcy", "other"], other_explanation: "Chargebacks" },
        exception: null,
        notice_due: "2026-12-02T15:00:00Z",
      }),
      zone,
      (c) => c.toUpperCase(),
    );
    expect(line.title).toBe("Limit decrease decided");
    expect(line.at).toBe("2026-11-02 10:00 EST");
    expect(line.detail).toBe("Limit 2,000.00 USD → 1,000.00 USD. Reasons: 1. BANKRUPTCY; 2. OTHER. Other: “Chargebacks”. Notice due by 2026-12-02 10:00 EST.");
  });

  it("gives a case's timeline entry the facts recorded with it", () => {
    const history = [
      entry("notice_sent", { at: "2026-11-21T15:00:00Z", channel: "mail", language: "ja", late: true }, 2),
      entry("stripe_object_recorded", { step: "decision", object_id: "icur_9" }, 3),
      entry("voided", { seq: 2, reason: "Wrong case" }, 4),
    ];
    expect(caseEntryDetails({ seq: 2, action: "notice_sent" }, history, zone)).toEqual([{ label: "Notice", value: "In 日本語. Sent after its due date.", long: false }]);
    expect(caseEntryDetails({ seq: 3, action: "stripe_object_recorded" }, history, zone)).toEqual([]);
    expect(caseEntryDetails({ seq: 4, action: "voided" }, history, zone)).toEqual([{ label: "Reason", value: "Wrong case", long: true }]);
    expect(caseEntryDetails({ seq: 9, action: "notice_sent" }, history, zone)).toEqual([]);
  });

  it("shows what it does not understand as it is", () => {
    expect(describeEntry(entry("something_new", { x: 1 }), zone)).toMatchObject({ title: "Something new", detail: '{"x":1}' });
    expect(describeEntry({ ...entry("added", {}), details: "not json" }, zone)).toMatchObject({ title: "Added", detail: "not json" });
    expect(periodText("day", 1)).toBe("1 day");
  });
});

describe("the credit program form", () => {
  it("sends only wordings that differ from the shipped ones, keeping earlier customisations", () => {
    const view = programView();
    const v = programValues(view);
    expect(wordingToSend(view, v)).toEqual({ dispute_rate_too_high: view.reasons[2].wording });
    v.wording.bankruptcy = { ...v.wording.bankruptcy, de: "Ein Insolvenzverfahren ist bekannt " };
    v.reset = ["dispute_rate_too_high"];
    expect(wordingToSend(view, v)).toEqual({
      bankruptcy: { en: "A bankruptcy is on record", de: "Ein Insolvenzverfahren ist bekannt", ja: "破産の記録があります" },
    });
  });

  it("does not send a customised wording put back to the shipped one, even when the shipped text is shown", () => {
    const view = programView();
    const row = { ...view.reasons[2], shipped: { en: "Disputes are too frequent", de: "Zu viele Beanstandungen", ja: "異議が多すぎます" } };
    const shippedView = { ...view, reasons: view.reasons.map((r, i) => (i === 2 ? row : r)) };
    const v = programValues(shippedView);
    v.wording.dispute_rate_too_high = { ...row.shipped };
    v.reset = ["dispute_rate_too_high"];
    expect(wordingToSend(shippedView, v)).toEqual({});
  });

  it("reads the bank-approved credit periods as typed and refuses anything else", () => {
    expect(parsePeriods(" 1 month, 14 days ,30 Days")).toEqual([
      { count: 1, interval: "month" },
      { count: 14, interval: "day" },
      { count: 30, interval: "day" },
    ]);
    expect(parsePeriods("")).toEqual([]);
    expect(parsePeriods("2 weeks")).toBeNull();
    expect(parsePeriods("0 days")).toBeNull();
    expect(periodLabel({ count: 1, interval: "month" })).toBe("1 month");
    const view = programView();
    expect(buildProgram(view, { ...programValues(view), approved_periods: "fortnightly" })).toMatchObject({
      ok: false,
      errors: { approved_periods: expect.stringContaining("1 month, 14 days") },
    });
  });

  it("sends approved reasons in Stripe's order and checks the notice period", () => {
    const view = programView();
    const v = programValues(view);
    v.approved = ["other", "bankruptcy"];
    v.creditor_email = "  ";
    const built = buildProgram(view, v);
    expect(built).toMatchObject({ ok: true, input: { approved_reasons: ["bankruptcy", "other"], creditor_email: null, notice_days: 30, notice_language: "en" } });
    expect(buildProgram(view, { ...v, notice_days: "31" })).toMatchObject({ ok: false, errors: { notice_days: expect.stringContaining("1 to 30") } });
    expect(buildProgram(view, { ...v, notice_days: "0" }).ok).toBe(false);
    expect(buildProgram(view, { ...v, approved: [] })).toMatchObject({ ok: false, errors: { approved_reasons: "Approve at least one decline reason." } });
    const empty = programValues(view);
    empty.wording.bankruptcy = { ...empty.wording.bankruptcy, ja: " " };
    expect(buildProgram(view, empty)).toMatchObject({ ok: false, errors: { wording: expect.stringContaining("bankruptcy") } });
  });

  it("finds reasons by code or wording in any language", () => {
    const rows = programView().reasons;
    expect(filterReasons(rows, "insolvenz").map((r) => r.code)).toEqual(["bankruptcy"]);
    expect(filterReasons(rows, "DISPUTE rate").map((r) => r.code)).toEqual(["dispute_rate_too_high"]);
    expect(filterReasons(rows, "キャッシュ").map((r) => r.code)).toEqual(["insufficient_cash_flow"]);
    expect(filterReasons(rows, "  ")).toHaveLength(rows.length);
  });
});
