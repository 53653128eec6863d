import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { codeRuns, sentenceCase } from "../shared/codeText";
import { negativeAccount, reserveStatus } from "./fixtures";
import { buildBankDebit, buildPlatformBalance, buildRejection, buildReserveBalance } from "./forms";
import { actionLabel, currenciesOf, daysLeftText, daysNegativeText, formatAmount, nothingRecorded, stepChart } from "./format";
import { ReserveAlerts } from "./reserve.svelte";

afterEach(() => clearMocks());

describe("reserve wording", () => {
  it("reads amounts, days and actions as people say them", () => {
    expect(formatAmount(-4825000, "usd")).toBe("-48,250.00 USD");
    expect(formatAmount(1000, "jpy")).toBe("1,000 JPY");
    expect(daysLeftText(8)).toBe("8 days left");
    expect(daysLeftText(1)).toBe("1 day left");
    expect(daysLeftText(0)).toBe("today");
    expect(daysLeftText(-2)).toBe("2 days ago");
    expect(daysNegativeText(1)).toBe("1 day");
    expect(actionLabel("transfer_funds", 4825000, "usd")).toBe("Transfer 48,250.00 USD…");
    expect(actionLabel("reject_for_fraud")).toBe("Reject for fraud…");
  });

  it("puts backticked names in code and starts the backend's reasons with a capital", () => {
    expect(codeRuns("turn on `debit_negative_balances` now")).toEqual([
      { text: "turn on ", code: false },
      { text: "debit_negative_balances", code: true },
      { text: " now", code: false },
    ]);
    expect(codeRuns("a lone ` stays")).toEqual([{ text: "a lone ` stays", code: false }]);
    expect(sentenceCase("transfer 1.00 USD")).toBe("Transfer 1.00 USD");
    expect(sentenceCase("`debit_negative_balances` is on")).toBe("`debit_negative_balances` is on");
  });

  it("tells an empty monitor from one with something recorded, and lists the currencies shown", () => {
    expect(nothingRecorded(reserveStatus(), [])).toBe(true);
    expect(nothingRecorded(reserveStatus({ platform: [{ currency: "usd", available: 1, at: "2026-11-23T18:00:00Z" }] }), [])).toBe(false);
    const status = reserveStatus({ reserve: [{ currency: "usd", amount: 5 }], platform: [{ currency: "eur", available: 1, at: "2026-11-23T18:00:00Z" }, { currency: "usd", available: 1, at: "2026-11-23T18:00:00Z" }] });
    expect(currenciesOf(status, [])).toEqual(["usd", "eur"]);
  });
});

describe("reserve chart", () => {
  const box = { width: 200, height: 120, pad: { left: 0, right: 0, top: 10, bottom: 10 } };

  it("steps at each change and draws on to the status instant", () => {
    const history = [
      { at: "2026-11-01T00:00:00Z", currency: "usd", amount: 1000, change: 1000, mark: "reading" as const, account: "acct_1" },
      { at: "2026-11-11T00:00:00Z", currency: "usd", amount: 500, change: -500, mark: "sweep" as const, account: "acct_1" },
      { at: "2026-11-05T00:00:00Z", currency: "eur", amount: 9, change: 9, mark: "reading" as const, account: "acct_2" },
    ];
    const chart = stepChart(history, "usd", "2026-11-21T00:00:00Z", box);
    expect(chart).not.toBeNull();
    if (!chart) return;
    // From 0 up to 1000 on the 1st, down to 500 on the 11th (halfway), flat to the 21st.
    expect(chart.line).toBe("M0 110 H0 V10 H100 V60 H200");
    expect(chart.marks.map((m) => [m.x, m.y, m.point.mark])).toEqual([
      [0, 10, "reading"],
      [100, 60, "sweep"],
    ]);
    expect(chart.zeroY).toBe(110);
    expect(stepChart(history, "jpy", "2026-11-21T00:00:00Z", box)).toBeNull();
  });
});

describe("reserve forms", () => {
  const v = { account: " acct_1Kestrel ", currency: "usd", amount: "-9,900.00", date: "2026-11-20", time: "10:00" };

  it("sends a balance in signed minor units, read at this computer's time in UTC", () => {
    expect(buildReserveBalance(v)).toEqual({ ok: true, input: { account: "acct_1Kestrel", currency: "USD", available: -990000, at: "2026-11-20T15:00:00Z" } });
    expect(buildPlatformBalance({ ...v, amount: "50000" })).toEqual({ ok: true, input: { currency: "USD", available: 5000000, at: "2026-11-20T15:00:00Z" } });
  });

  it("sends a bank debit above zero at its completion", () => {
    expect(buildBankDebit({ ...v, amount: "3,000.00" })).toEqual({ ok: true, input: { account: "acct_1Kestrel", currency: "USD", amount: 300000, completed_at: "2026-11-20T15:00:00Z" } });
    expect(buildBankDebit({ ...v, amount: "-3" })).toMatchObject({ ok: false, errors: { amount: expect.any(String) } });
  });

  it("names every field it cannot read, and refuses an instant in the future", () => {
    expect(buildReserveBalance({ account: "", currency: "dollars", amount: "", date: "2026-13-01", time: "" })).toMatchObject({
      ok: false,
      errors: { account: expect.any(String), currency: expect.any(String), at: expect.any(String) },
    });
    const now = new Date("2026-11-20T15:00:00Z");
    expect(buildRejection("acct_1", "2026-11-21", "10:00", now)).toEqual({ ok: false, errors: { at: "This is in the future. Record a step once it has happened." } });
    expect(buildRejection("acct_1", "2026-11-20", "09:30", now)).toEqual({ ok: true, input: { account: "acct_1", at: "2026-11-20T14:30:00Z" } });
  });
});

describe("header's reserve alerts", () => {
  it("reads the status of now and keeps only the sweeps coming and the holds released today", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return reserveStatus({
        accounts: [negativeAccount()],
        alerts: [
          { kind: "shortfall", account: null, text: "below" },
          { kind: "sweep_soon", account: "acct_1Harbor", text: "sweeps in 8 days" },
        ],
      });
    });
    const alerts = new ReserveAlerts();
    await alerts.load();
    expect(calls).toEqual([["reserve_status", { at: null }]]);
    expect(alerts.alerts.map((a) => a.text)).toEqual(["sweeps in 8 days"]);
  });
});
