import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { flushSync } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReserveView as ReserveViewData } from "../bindings/ReserveView";
import { setLanguage } from "../i18n";
import { negativeAccount, rejectAction, reserveStatus, reserveView, transfer } from "../reserve/fixtures";
import { reserveAlerts, reserveStore } from "../reserve/reserve.svelte";
import { toasts } from "../shared/toast.svelte";
import ReserveView from "./ReserveView.svelte";

type Call = [string, Record<string, unknown>];

/** A reserve with something in every section. */
function busyReserve(): ReserveViewData {
  const harbor = negativeAccount();
  const kestrel = negativeAccount({
    account: "acct_1Kestrel",
    legal_name: "Kestrel Freight Inc.",
    available: -990000,
    negative_since: "2026-08-20T15:00:00Z",
    sweep_on: "2027-02-16",
    days_negative: 95 as unknown as bigint,
    days_to_sweep: 85 as unknown as bigint,
    sweep_soon: false,
    actions: [transfer("acct_1Kestrel", 990000), rejectAction("acct_1Kestrel")],
    blocked: [{ action: "enable_debit_negative_balances", reason: "the account's country is not recorded: bank debits are possible only in some countries" }],
  });
  return reserveView(
    {
      reserve: [
        { currency: "usd", amount: 6346000 },
        { currency: "eur", amount: 127540 },
      ],
      // The backend sorts by sweep date; the view keeps its order.
      accounts: [harbor, kestrel],
      rejected: [{ account: "acct_1Quick", legal_name: "Quickpay Novelty Ltd", currency: "usd", available: -231000, rejected_at: "2026-11-18T21:00:00Z", sweep_on: "2027-01-22" }],
      holds: [
        { account: "acct_1Lumen", currency: "usd", amount: 300000, completed_at: "2026-11-18T22:00:00Z", release_on: "2026-11-23", releases_today: true },
        { account: "acct_1Lumen", currency: "usd", amount: 50000, completed_at: "2026-11-20T22:00:00Z", release_on: "2026-11-25", releases_today: false },
      ],
      platform: [
        { currency: "eur", available: 2000000, at: "2026-11-23T18:00:00Z" },
        { currency: "usd", available: 5000000, at: "2026-11-23T18:00:00Z" },
      ],
      shortfall: [
        {
          currency: "usd",
          amount: 1346000,
          platform_available: 5000000,
          reserve: 6346000,
          explanation: "the platform's available balance (50,000.00 USD on 2026-11-23) is below the reserve (63,460.00 USD): Stripe debits the platform's bank account for 13,460.00 USD",
        },
      ],
      alerts: [{ kind: "sweep_soon", account: "acct_1Harbor", text: "acct_1Harbor sweeps in 8 days" }],
    },
    {
      history: [
        { at: "2026-06-04T15:00:00Z", currency: "usd", amount: 4825000, change: 4825000, mark: "reading", account: "acct_1Harbor" },
        { at: "2026-10-24T18:00:00Z", currency: "usd", amount: 4905000, change: 80000, mark: "debit", account: "acct_1Lumen" },
        { at: "2026-10-29T04:00:00Z", currency: "usd", amount: 4825000, change: -80000, mark: "release", account: "acct_1Lumen" },
        { at: "2026-11-03T05:00:00Z", currency: "usd", amount: 4675000, change: -150000, mark: "sweep", account: "acct_1Ashby" },
      ],
      reconciliation: {
        days_compared: 9,
        reserve_transactions: 8,
        differences: [{ date: "2026-11-20", currency: "usd", expected: -300000, recorded: -250000, difference: -50000, transactions: ["txn_1Lumen"] }],
      },
    },
  );
}

describe("reserve view", () => {
  let calls: Call[];
  let current: ReserveViewData;
  let answers: Record<string, (input: Record<string, unknown>) => unknown>;

  beforeEach(() => {
    calls = [];
    current = busyReserve();
    answers = {};
    mockIPC((cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      calls.push([cmd, a]);
      if (cmd === "reserve_view") return current;
      const answer = answers[cmd];
      if (!answer) throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
      return answer((a.input ?? {}) as Record<string, unknown>);
    });
  });

  afterEach(() => {
    clearMocks();
    reserveStore.view = null;
    reserveStore.error = null;
    reserveAlerts.status = null;
    toasts.items = [];
    setLanguage("en");
    localStorage.clear();
  });

  const sent = (cmd: string) => calls.filter(([c]) => c === cmd).map(([, a]) => a);

  it("shows the reserve per currency, the platform's balance and the shortfall with the backend's explanation", async () => {
    render(ReserveView);
    const totals = await screen.findAllByTestId("reserve-total");
    expect(totals.map((t) => [t.getAttribute("data-currency"), t.textContent])).toEqual([
      ["usd", "63,460.00 USD"],
      ["eur", "1,275.40 EUR"],
    ]);
    const shortfall = screen.getByTestId("reserve-shortfall");
    expect(shortfall.getAttribute("data-currency")).toBe("usd");
    expect(shortfall.textContent).toContain("Shortfall of 13,460.00 USD");
    expect(shortfall.textContent).toContain("The platform's available balance (50,000.00 USD on 2026-11-23) is below the reserve");
    const platform = screen.getAllByTestId("reserve-platform").find((p) => p.getAttribute("data-currency") === "usd");
    expect(platform?.textContent).toContain("50,000.00 USD");
  });

  it("lists the accounts in the backend's order with days negative, sweep date, days left and a sweep-soon badge", async () => {
    render(ReserveView);
    const rows = await screen.findAllByTestId("reserve-account-row");
    expect(rows.map((r) => r.getAttribute("data-account"))).toEqual(["acct_1Harbor", "acct_1Kestrel"]);
    const [harbor, kestrel] = rows;
    expect(within(harbor).getByTestId("reserve-account-available").textContent).toBe("-48,250.00 USD");
    expect(within(harbor).getByTestId("reserve-days-negative").textContent).toBe("172 days");
    expect(within(harbor).getByTestId("reserve-sweep-on").textContent).toBe("Tue 2026-12-01");
    expect(within(harbor).getByTestId("reserve-days-left").textContent).toBe("8 days left");
    expect(within(harbor).getByTestId("reserve-sweep-soon").textContent).toBe("Sweep soon");
    expect(within(kestrel).queryByTestId("reserve-sweep-soon")).toBeNull();
    expect(within(kestrel).getByTestId("reserve-days-left").textContent).toBe("85 days left");
  });

  it("offers one button per action with its reason, and shows a blocked action muted with why", async () => {
    render(ReserveView);
    const [harbor, kestrel] = await screen.findAllByTestId("reserve-account-row");
    const actions = within(harbor).getAllByTestId("reserve-action");
    expect(actions.map((b) => [b.getAttribute("data-action"), b.getAttribute("data-account")])).toEqual([
      ["transfer_funds", "acct_1Harbor"],
      ["enable_debit_negative_balances", "acct_1Harbor"],
      ["reject_for_fraud", "acct_1Harbor"],
    ]);
    expect(actions[0].textContent).toContain("Transfer 48,250.00 USD");
    const reasons = within(harbor).getAllByTestId("reserve-action-reason").map((r) => r.textContent);
    expect(reasons[0]).toMatch(/^Transfer 48250\.00 USD from the platform to acct_1Harbor/);
    expect(reasons[1]).toContain("debit_negative_balances");
    expect(within(harbor).getAllByTestId("reserve-action-reason")[1].querySelector("code")?.textContent).toBe("debit_negative_balances");
    expect(within(kestrel).getAllByTestId("reserve-action").map((b) => b.getAttribute("data-action"))).toEqual(["transfer_funds", "reject_for_fraud"]);
    const blocked = within(kestrel).getByTestId("reserve-blocked");
    expect(blocked.getAttribute("data-action")).toBe("enable_debit_negative_balances");
    expect(blocked.textContent).toContain("not available");
    expect(blocked.textContent).toContain("The account's country is not recorded");
    expect(blocked.querySelector("button")).toBeNull();
  });

  it("shows the transfer's Stripe request with its parameters and a curl to copy", async () => {
    render(ReserveView);
    const [harbor] = await screen.findAllByTestId("reserve-account-row");
    await fireEvent.click(within(harbor).getAllByTestId("reserve-action")[0]);
    const dialog = await screen.findByTestId("transfer-dialog");
    expect(within(dialog).getByTestId("stripe-request-transfer_funds-line").textContent).toBe("POST https://api.stripe.com/v1/transfers");
    const params = within(within(dialog).getByTestId("stripe-request-transfer_funds-params")).getAllByRole("row").slice(1).map((r) => r.textContent);
    expect(params).toEqual(["amount4825000", "currencyusd", "destinationacct_1Harbor", "descriptionZero a negative balance"]);
    expect(within(dialog).getByTestId("stripe-request-transfer_funds-copy-curl")).toBeTruthy();
    expect(sent("set_debit_negative_balances")).toEqual([]);
  });

  it("rejects an account for fraud at the instant typed, then reloads and says so", async () => {
    answers.reject_for_fraud = () => ({ request: rejectAction("acct_1Harbor").request, curl: "curl …", account: {} });
    render(ReserveView);
    const [harbor] = await screen.findAllByTestId("reserve-account-row");
    await fireEvent.click(within(harbor).getAllByTestId("reserve-action")[2]);
    const dialog = await screen.findByTestId("reject-dialog");
    expect(within(dialog).getByTestId("stripe-request-reject_for_fraud-line").textContent).toBe("POST https://api.stripe.com/v1/accounts/acct_1Harbor/reject");
    expect(within(dialog).getByTestId("stripe-request-reject_for_fraud-body").textContent).toBe("reason=fraud");
    await fireEvent.input(within(dialog).getByTestId("reject-at"), { target: { value: "2026-11-20" } });
    await fireEvent.input(within(dialog).getByTestId("reject-at_time"), { target: { value: "09:30" } });
    current = busyReserve();
    current.status.accounts = current.status.accounts.slice(1);
    await fireEvent.click(within(dialog).getByTestId("reject-confirm"));
    await waitFor(() => expect(screen.queryByTestId("reject-dialog")).toBeNull());
    expect(sent("reject_for_fraud")).toEqual([{ input: { account: "acct_1Harbor", at: "2026-11-20T14:30:00Z" } }]);
    await waitFor(() => expect(screen.getAllByTestId("reserve-account-row").map((r) => r.getAttribute("data-account"))).toEqual(["acct_1Kestrel"]));
    expect(sent("reserve_view")).toHaveLength(2);
    expect(toasts.items.map((t) => t.message)).toEqual([expect.stringContaining("acct_1Harbor recorded as rejected for fraud")]);
  });

  it("shows the backend's refusal of a rejection in the dialog", async () => {
    answers.reject_for_fraud = () => {
      throw { code: "rule", message: "acct_1Harbor was already rejected for fraud", field: null, rule: "account_already_rejected" };
    };
    render(ReserveView);
    const [harbor] = await screen.findAllByTestId("reserve-account-row");
    await fireEvent.click(within(harbor).getAllByTestId("reserve-action")[2]);
    const dialog = await screen.findByTestId("reject-dialog");
    await fireEvent.click(within(dialog).getByTestId("reject-confirm"));
    expect((await within(dialog).findByTestId("error-banner-rule")).textContent).toBe("account_already_rejected");
  });

  it("turns on debit_negative_balances at once and reloads", async () => {
    answers.set_debit_negative_balances = () => ({});
    render(ReserveView);
    const [harbor] = await screen.findAllByTestId("reserve-account-row");
    await fireEvent.click(within(harbor).getAllByTestId("reserve-action")[1]);
    await waitFor(() => expect(sent("reserve_view")).toHaveLength(2));
    expect(sent("set_debit_negative_balances")).toEqual([{ input: { account: "acct_1Harbor", on: true } }]);
    expect(toasts.items[0].message).toContain("POST /v1/accounts/acct_1Harbor with settings[payouts][debit_negative_balances]=true");
  });

  it("lists the rejected accounts apart, and the held debits with the one released today", async () => {
    render(ReserveView);
    const rejected = await screen.findAllByTestId("reserve-rejected-row");
    expect(rejected.map((r) => r.getAttribute("data-account"))).toEqual(["acct_1Quick"]);
    expect(screen.getByText("Rejected for fraud, still in the reserve until zeroed")).toBeTruthy();
    const holds = screen.getAllByTestId("reserve-hold-row");
    expect(holds.map((h) => h.getAttribute("data-release-on"))).toEqual(["2026-11-23", "2026-11-25"]);
    expect(within(holds[0]).getByTestId("reserve-releases-today").textContent).toBe("Releases today");
    expect(within(holds[1]).queryByTestId("reserve-releases-today")).toBeNull();
    expect(holds[0].textContent).toContain("3,000.00 USD");
  });

  it("draws the reserve over time with sweeps and releases marked apart, and a legend", async () => {
    render(ReserveView);
    const chart = await screen.findByTestId("reserve-chart");
    const marks = within(chart).getAllByTestId("reserve-chart-mark");
    expect(marks.map((m) => m.getAttribute("data-mark"))).toEqual(["reading", "debit", "release", "sweep"]);
    expect(marks[3].querySelector("title")?.textContent).toContain("Swept by Stripe · acct_1Ashby · -1,500.00 USD → reserve 46,750.00 USD");
    expect(chart.querySelector("[data-currency='usd'] path.line")).toBeTruthy();
    expect(chart.querySelector("[data-currency='eur']")).toBeNull();
    expect(within(chart).getByLabelText("Legend").textContent).toMatch(/Swept by Stripe/);
    expect(within(chart).getByLabelText("Legend").textContent).toMatch(/Hold released/);
  });

  it("shows the reconciliation's differences, or that it matches", async () => {
    const { unmount } = render(ReserveView);
    const rows = await screen.findAllByTestId("reconcile-row");
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain("-3,000.00 USD");
    expect(rows[0].textContent).toContain("-500.00 USD");
    expect(rows[0].textContent).toContain("txn_1Lumen");
    unmount();
    reserveStore.view = null;
    current = busyReserve();
    current.reconciliation = { days_compared: 9, reserve_transactions: 8, differences: [] };
    render(ReserveView);
    expect((await screen.findByTestId("reconcile-match")).textContent).toContain("Matches: 9 days compared with 8 reserve transactions");
    expect(screen.queryByTestId("reconcile-row")).toBeNull();
  });

  it("records an account's balance below zero in minor units, read at this computer's time in UTC", async () => {
    answers.record_reserve_balance = () => ({ seq: 12, recorded: 1, status: reserveStatus() });
    render(ReserveView);
    await fireEvent.click(await screen.findByTestId("reserve-record-balance"));
    const dialog = await screen.findByTestId("reserve-balance-dialog");
    expect(within(dialog).getAllByRole("option", { hidden: true }).map((o) => (o as HTMLOptionElement).value)).toEqual(["acct_1Harbor", "acct_1Kestrel"]);
    await fireEvent.input(within(dialog).getByTestId("reserve-balance-account"), { target: { value: "acct_1Kestrel" } });
    await fireEvent.input(within(dialog).getByTestId("reserve-balance-currency"), { target: { value: "usd" } });
    await fireEvent.input(within(dialog).getByTestId("reserve-balance-amount"), { target: { value: "-9,900.00" } });
    await fireEvent.input(within(dialog).getByTestId("reserve-balance-at"), { target: { value: "2026-11-23" } });
    await fireEvent.input(within(dialog).getByTestId("reserve-balance-at_time"), { target: { value: "08:15" } });
    await fireEvent.click(within(dialog).getByTestId("reserve-balance-save"));
    await waitFor(() => expect(screen.queryByTestId("reserve-balance-dialog")).toBeNull());
    expect(sent("record_reserve_balance")).toEqual([{ input: { account: "acct_1Kestrel", currency: "USD", available: -990000, at: "2026-11-23T13:15:00Z" } }]);
    expect(sent("reserve_view")).toHaveLength(2);
    expect(toasts.items[0].message).toBe("Balance of acct_1Kestrel recorded: -9,900.00 USD.");
  });

  it("shows a refusal naming a field next to that field", async () => {
    answers.record_bank_debit = () => {
      throw { code: "invalid_input", message: "a bank debit's amount is positive (minor units)", field: "amount", rule: null };
    };
    render(ReserveView);
    await fireEvent.click(await screen.findByTestId("reserve-record-debit"));
    const dialog = await screen.findByTestId("reserve-debit-dialog");
    await fireEvent.input(within(dialog).getByTestId("reserve-debit-account"), { target: { value: "acct_1Harbor" } });
    await fireEvent.input(within(dialog).getByTestId("reserve-debit-amount"), { target: { value: "0" } });
    await fireEvent.click(within(dialog).getByTestId("reserve-debit-save"));
    expect((await within(dialog).findByTestId("error-amount")).textContent).toContain("positive");
    expect(sent("record_bank_debit")[0]).toMatchObject({ input: { account: "acct_1Harbor", currency: "USD", amount: 0 } });
  });

  it("imports balances and says how many; a cancelled dialog says nothing", async () => {
    let answer: unknown = { seq: 4, recorded: 3, status: reserveStatus() };
    answers.import_reserve_balances = () => answer;
    render(ReserveView);
    await fireEvent.click(await screen.findByTestId("reserve-import-balances"));
    await waitFor(() => expect(toasts.items.map((t) => t.message)).toEqual(["Imported 3 balance readings."]));
    await waitFor(() => expect((screen.getByTestId("reserve-import-balances") as HTMLButtonElement).disabled).toBe(false));
    expect(sent("reserve_view")).toHaveLength(2);
    answer = null;
    toasts.items = [];
    await fireEvent.click(screen.getByTestId("reserve-import-balances"));
    await waitFor(() => expect(sent("import_reserve_balances")).toHaveLength(2));
    await waitFor(() => expect((screen.getByTestId("reserve-import-balances") as HTMLButtonElement).disabled).toBe(false));
    expect(toasts.items).toEqual([]);
    expect(sent("reserve_view")).toHaveLength(2);
  });

  it("explains what the monitor shows and its rules when nothing is recorded", async () => {
    current = reserveView();
    render(ReserveView);
    const empty = await screen.findByTestId("reserve-empty");
    expect(empty.textContent).toContain("Nothing has been recorded for the reserve yet.");
    expect(screen.queryByTestId("reserve-total")).toBeNull();
    expect(screen.getByTestId("reserve-rule-sweep").textContent).toContain("180 calendar days");
    expect(screen.getByTestId("reserve-rule-hold").textContent).toContain("3 business days");
    expect(screen.getByTestId("reserve-rule-alert").textContent).toContain("14 days");
    expect(screen.getByTestId("reserve-rule-countries").textContent).toContain("US, DE, JP");
  });
  it("reads in German: headings, amounts, days, actions and the rules, the backend's reasons as sent", async () => {
    render(ReserveView);
    const [harbor] = await screen.findAllByTestId("reserve-account-row");
    setLanguage("de");
    flushSync();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Connect-Rücklage");
    expect(screen.getAllByTestId("reserve-total")[0].textContent).toBe("63.460,00 USD");
    expect(screen.getByTestId("reserve-shortfall").textContent).toContain("Fehlbetrag von 13.460,00 USD");
    expect(screen.getByTestId("reserve-accounts-count").textContent).toBe("2 negative Konten, der früheste Einzug zuerst");
    expect(within(harbor).getByTestId("reserve-days-negative").textContent).toBe("172 Tage");
    expect(within(harbor).getByTestId("reserve-days-left").textContent).toBe("noch 8 Tage");
    expect(within(harbor).getByTestId("reserve-sweep-soon").textContent).toBe("Einzug bald");
    expect(within(harbor).getAllByTestId("reserve-action")[0].textContent).toContain("48.250,00 USD überweisen…");
    expect(within(harbor).getAllByTestId("reserve-action-reason")[0].textContent).toMatch(/^Transfer 48250\.00 USD from the platform to acct_1Harbor/);
    expect(screen.getByText("Einbehaltene Lastschriften")).toBeTruthy();
    expect(screen.getByTestId("reconcile-summary").textContent).toContain("1 von 9 verglichenen Tagen weicht von 8 Rücklagebuchungen ab, die Stripe exportiert hat.");
    expect(screen.getByTestId("reserve-rule-sweep").textContent).toContain("180 Kalendertage in Folge");
    expect(screen.getByTestId("reserve-rule-hold").textContent).toContain("3 Geschäftstage");
    expect(within(screen.getByTestId("reserve-chart")).getByLabelText("Legende").textContent).toContain("Von Stripe eingezogen");
  });

  it("reads in Japanese, and says what was recorded in Japanese", async () => {
    answers.record_reserve_balance = () => ({ seq: 12, recorded: 1, status: reserveStatus() });
    render(ReserveView);
    const [harbor] = await screen.findAllByTestId("reserve-account-row");
    setLanguage("ja");
    flushSync();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Connect 準備金");
    expect(within(harbor).getByTestId("reserve-days-left").textContent).toBe("残り 8 日");
    expect(within(harbor).getByTestId("reserve-sweep-soon").textContent).toBe("まもなく引き落とし");
    expect(within(harbor).getByTestId("reserve-sweep-on").textContent).toBe("2026/12/01(火)");
    expect(screen.getByTestId("reconcile-summary").textContent).toContain("照合した 9 日間のうち 1 日が、Stripe がエクスポートした準備金取引 8 件と一致しません。");
    expect(screen.getByTestId("reserve-rule-alert").textContent).toContain("引き落としの 14 日前に警告します");
    await fireEvent.click(screen.getByTestId("reserve-record-balance"));
    const dialog = await screen.findByTestId("reserve-balance-dialog");
    expect(within(dialog).getByRole("heading").textContent).toBe("アカウントの残高を記録");
    await fireEvent.input(within(dialog).getByTestId("reserve-balance-account"), { target: { value: "acct_1Kestrel" } });
    await fireEvent.input(within(dialog).getByTestId("reserve-balance-amount"), { target: { value: "-9,900.00" } });
    await fireEvent.click(within(dialog).getByTestId("reserve-balance-save"));
    await waitFor(() => expect(toasts.items.map((t) => t.message)).toEqual(["acct_1Kestrel の残高を記録しました：-9,900.00 USD。"]));
  });
});
