// ============================================================================================
// DEVELOPMENT ONLY — SAMPLE DATA. NOT THE REAL BACKEND.
//
// The Connect reserve of the browser preview (`npm run dev`, see devmock.ts): a fixed picture
// dated from today, invented accounts and amounts. The backend computes the reserve, its
// sweeps, holds, shortfall and actions; this only shows a plausible result of it. A recorded
// reading or debit is added to the chart and echoed; nothing is judged again.
// ============================================================================================
import type { BankDebitInput } from "../bindings/BankDebitInput";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { NegativeAccount } from "../bindings/NegativeAccount";
import type { PlatformBalanceInput } from "../bindings/PlatformBalanceInput";
import type { ReserveAccount } from "../bindings/ReserveAccount";
import type { ReserveAction } from "../bindings/ReserveAction";
import type { ReserveBalanceInput } from "../bindings/ReserveBalanceInput";
import type { ReserveMark } from "../bindings/ReserveMark";
import type { ReservePoint } from "../bindings/ReservePoint";
import type { ReserveRecorded } from "../bindings/ReserveRecorded";
import type { ReserveRules } from "../bindings/ReserveRules";
import type { ReserveView } from "../bindings/ReserveView";
import type { StripeRequest } from "../bindings/StripeRequest";
import { addDays, dateInZone, toUtcRfc3339 } from "../shared/datetime";
import { formatMoney } from "../shared/money";

const DAY_MS = 86_400_000;

const RULES: ReserveRules = {
  sweep_after_calendar_days: 180,
  bank_debit_hold_business_days: 3,
  sweep_alert_days: 14,
  bank_debits: {
    source: "Stripe documentation, Debit connected accounts (sample text of the browser preview)",
    countries: ["AU", "CA", "HK", "JP", "NZ", "US", "AT", "BE", "CH", "DE", "DK", "ES", "FI", "FR", "GB", "IE", "IT", "NL", "NO", "PL", "PT", "SE"],
  },
};

const ACCOUNTS: ReserveAccount[] = [
  { id: "acct_1NvR8kLmQ2Harbor", legal_name: "Harbor Street Goods LLC", losses: "platform", country: "US", debit_negative_balances: false, rejected_for_fraud_at: null },
  { id: "acct_1LmB6wRfJ9Kestrel", legal_name: "Kestrel Freight Inc.", losses: "platform", country: null, debit_negative_balances: false, rejected_for_fraud_at: null },
  { id: "acct_1PqZ3xYtK7Nordlicht", legal_name: "Nordlicht Reisen GmbH", losses: "platform", country: "DE", debit_negative_balances: true, rejected_for_fraud_at: null },
  { id: "acct_1MdS5tQeH3Lumen", legal_name: "Lumen Dental Group", losses: "platform", country: "US", debit_negative_balances: true, rejected_for_fraud_at: null },
  { id: "acct_1JtW2pVbN4Quickpay", legal_name: "Quickpay Novelty Ltd", losses: "platform", country: "GB", debit_negative_balances: false, rejected_for_fraud_at: null },
];

function fail(code: ErrorBody["code"], message: string, field: string | null = null, rule: string | null = null): never {
  const body: ErrorBody = { code, message, field, rule };
  throw body;
}

function iso(ms: number): string {
  return toUtcRfc3339(ms);
}

function money(amount: number, currency: string): string {
  return formatMoney({ amount_minor: amount, currency });
}

function post(path: string, key: string, params: [string, string][]): StripeRequest {
  return { method: "POST", path, stripe_account: null, idempotency_key: key, params, body: params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%20/g, "+")}`).join("&") };
}

interface Sample {
  view: ReserveView;
  seq: number;
}

let sample: Sample | null = null;

/** The picture of the reserve, built once per page from today's date. */
function build(timezone: string): Sample {
  const now = Date.now();
  const today = dateInZone(new Date(now).toISOString(), timezone);
  const day = (n: number, hour = 14) => iso(Date.parse(`${addDays(today, n)}T${String(hour).padStart(2, "0")}:00:00Z`));
  const negative = (a: ReserveAccount, currency: string, available: number, sinceDays: number): NegativeAccount => {
    const since = day(-sinceDays, 15);
    const sweepOn = addDays(dateInZone(since, timezone), RULES.sweep_after_calendar_days);
    const daysToSweep = Math.round((Date.parse(`${sweepOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
    const owed = -available;
    const actions: Omit<ReserveAction, "curl">[] = [
      {
        action: "transfer_funds",
        amount: owed,
        currency,
        reason: `transfer ${money(owed, currency)} from the platform to ${a.id} to zero its balance and release it from the reserve; otherwise Stripe sweeps it from the reserve on ${sweepOn}`,
        request: post("/v1/transfers", `cdesk-${a.id}-zero-${currency}-${owed}`, [
          ["amount", String(owed)],
          ["currency", currency],
          ["destination", a.id],
          ["description", "Zero a negative balance"],
        ]),
      },
    ];
    const blocked: NegativeAccount["blocked"] = [];
    if (a.debit_negative_balances) {
      blocked.push({ action: "enable_debit_negative_balances", reason: "`debit_negative_balances` is already on: Stripe tries to debit the account's bank for the balance" });
    } else if (a.country && RULES.bank_debits.countries.includes(a.country)) {
      actions.push({
        action: "enable_debit_negative_balances",
        amount: null,
        currency: null,
        reason: `turn on \`debit_negative_balances\`: ${a.country} allows bank debits, so Stripe can recover the balance from the account's bank`,
        request: post(`/v1/accounts/${a.id}`, `cdesk-${a.id}-debit-negative-balances`, [["settings[payouts][debit_negative_balances]", "true"]]),
      });
    } else {
      blocked.push({ action: "enable_debit_negative_balances", reason: "the account's country is not recorded: bank debits are possible only in some countries" });
    }
    actions.push({
      action: "reject_for_fraud",
      amount: null,
      currency: null,
      reason: "if the account is fraudulent: reject it (reason fraud), which disables its payouts; it stays in the reserve until its balance is zeroed",
      request: post(`/v1/accounts/${a.id}/reject`, `cdesk-${a.id}-reject-fraud`, [["reason", "fraud"]]),
    });
    // The preview's curl lines: only what the panel shows (the app gets the backend's own).
    const withCurl = actions.map((x) => ({
      ...x,
      curl: [`curl -X ${x.request.method} https://api.stripe.com${x.request.path}`, ...x.request.params.map(([k, v]) => `  --data '${k}=${v}'`)].join(" \\\n"),
    }));
    return {
      account: a.id,
      legal_name: a.legal_name,
      currency,
      available,
      read_at: day(0, 13),
      negative_since: since,
      sweep_on: sweepOn,
      // The binding says bigint (an i64 without a type override); JSON carries a number.
      days_negative: sinceDays as unknown as bigint,
      days_to_sweep: daysToSweep as unknown as bigint,
      sweep_soon: daysToSweep <= RULES.sweep_alert_days,
      actions: withCurl,
      blocked,
    };
  };
  const [harbor, kestrel, nordlicht, lumen, quickpay] = ACCOUNTS;
  const accounts = [negative(harbor, "usd", -4825000, 172), negative(kestrel, "usd", -990000, 95), negative(nordlicht, "eur", -127540, 40)];
  const rejectedAt = day(-5, 16);
  const quickpaySince = day(-60, 15);
  const holdCompleted = day(-3, 17);

  const changes: { at: string; currency: string; change: number; mark: ReserveMark; account: string }[] = [
    { at: day(-200, 15), currency: "usd", change: 150000, mark: "reading", account: "acct_1GzX4cWdP8Ashby" },
    { at: day(-172, 15), currency: "usd", change: 4825000, mark: "reading", account: harbor.id },
    { at: day(-95, 15), currency: "usd", change: 990000, mark: "reading", account: kestrel.id },
    { at: quickpaySince, currency: "usd", change: 231000, mark: "reading", account: quickpay.id },
    { at: day(-40, 15), currency: "eur", change: 98000, mark: "reading", account: nordlicht.id },
    { at: day(-31, 18), currency: "usd", change: 80000, mark: "debit", account: lumen.id },
    { at: day(-26, 4), currency: "usd", change: -80000, mark: "release", account: lumen.id },
    { at: day(-20, 5), currency: "usd", change: -150000, mark: "sweep", account: "acct_1GzX4cWdP8Ashby" },
    { at: day(-10, 15), currency: "eur", change: 29540, mark: "reading", account: nordlicht.id },
    { at: holdCompleted, currency: "usd", change: 300000, mark: "debit", account: lumen.id },
  ];
  changes.sort((a, b) => a.at.localeCompare(b.at));
  const totals = new Map<string, number>();
  const history: ReservePoint[] = changes.map((c) => {
    const amount = (totals.get(c.currency) ?? 0) + c.change;
    totals.set(c.currency, amount);
    return { ...c, amount };
  });
  const usdReserve = totals.get("usd") ?? 0;
  const platformUsd = 5000000;
  const shortfall = usdReserve - platformUsd;
  const shortfallText = `the platform's available balance (${money(platformUsd, "usd")} on ${today}) is below the reserve (${money(usdReserve, "usd")}): Stripe debits the platform's bank account for ${money(shortfall, "usd")}, and credits it back when the accounts turn positive`;
  const status: ReserveView["status"] = {
    at: iso(now),
    reserve: [...totals.entries()].filter(([, v]) => v !== 0).map(([currency, amount]) => ({ currency, amount })),
    accounts,
    rejected: [{ account: quickpay.id, legal_name: quickpay.legal_name, currency: "usd", available: -231000, rejected_at: rejectedAt, sweep_on: addDays(dateInZone(quickpaySince, timezone), RULES.sweep_after_calendar_days) }],
    holds: [{ account: lumen.id, currency: "usd", amount: 300000, completed_at: holdCompleted, release_on: today, releases_today: true }],
    shortfall: shortfall > 0 ? [{ currency: "usd", amount: shortfall, platform_available: platformUsd, reserve: usdReserve, explanation: shortfallText }] : [],
    platform: [
      { currency: "eur", available: 2000000, at: day(0, 13) },
      { currency: "usd", available: platformUsd, at: day(0, 13) },
    ],
    alerts: [
      ...accounts
        .filter((a) => a.sweep_soon)
        .map((a) => ({
          kind: "sweep_soon" as const,
          account: a.account,
          text: `${a.account} (${a.legal_name}) has been negative since ${dateInZone(a.negative_since, timezone)}: Stripe sweeps ${money(-a.available, a.currency)} from the reserve on ${a.sweep_on}, in ${Number(a.days_to_sweep)} days`,
        })),
      { kind: "hold_releases_today", account: lumen.id, text: `${money(300000, "usd")} of the bank debit of ${lumen.id} is released from the reserve at the end of today` },
      ...(shortfall > 0 ? [{ kind: "shortfall" as const, account: null, text: shortfallText }] : []),
    ],
    rules: RULES,
  };
  quickpay.rejected_for_fraud_at = rejectedAt;
  return {
    seq: 900,
    view: {
      status,
      history,
      reconciliation: {
        days_compared: 9,
        reserve_transactions: 8,
        differences: [{ date: addDays(today, -3), currency: "usd", expected: -300000, recorded: -250000, difference: -50000, transactions: ["txn_1QbT7rKs2eZ0Lumen"] }],
      },
      timezone,
      today,
      liable_accounts: ACCOUNTS,
    },
  };
}

function current(timezone: string): Sample {
  sample ??= build(timezone);
  return sample;
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** `reserve_view`. */
export function reserveView(timezone: string): ReserveView {
  const s = current(timezone);
  s.view.status.at = iso(Date.now());
  return copy(s.view);
}

/** `reserve_status`: the status of now (an earlier instant is not imitated). */
export function reserveStatus(timezone: string): ReserveView["status"] {
  return reserveView(timezone).status;
}

function checkAt(text: string, field: string): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) fail("invalid_input", `"${text}" is not an RFC 3339 instant such as 2026-11-20T14:30:00Z`, field);
  if (ms > Date.now() + 5 * 60_000) fail("rule", "this is in the future: record it once it has happened", field, "step_in_future");
  return iso(ms);
}

function checkCurrency(text: string): string {
  const c = text.trim().toLowerCase();
  if (!/^[a-z]{3}$/.test(c)) fail("invalid_input", `"${text}" is not an ISO 4217 currency code such as USD, EUR or JPY`, "currency");
  return c;
}

function knownAccount(id: string): string {
  const a = ACCOUNTS.find((x) => x.id === id.trim());
  if (!a) fail("not_found", `no connected account ${id.trim()}`);
  return a.id;
}

/** Adds a change to the chart and echoes the status (the sample does not compute the reserve again). */
function echo(timezone: string, at: string, currency: string, change: number, mark: ReserveMark, account: string): ReserveRecorded {
  const s = current(timezone);
  const last = [...s.view.history].reverse().find((p) => p.currency === currency);
  s.view.history.push({ at, currency, amount: (last?.amount ?? 0) + change, change, mark, account });
  s.view.history.sort((a, b) => a.at.localeCompare(b.at));
  s.seq += 1;
  return { seq: s.seq, recorded: 1, status: reserveStatus(timezone) };
}

export function recordReserveBalance(timezone: string, input: ReserveBalanceInput): ReserveRecorded {
  const account = knownAccount(input.account);
  const currency = checkCurrency(input.currency);
  const at = checkAt(input.at, "at");
  const row = current(timezone).view.status.accounts.find((a) => a.account === account && a.currency === currency);
  const before = row ? row.available : 0;
  if (row) {
    row.available = input.available;
    row.read_at = at;
  }
  return echo(timezone, at, currency, Math.max(0, -input.available) - Math.max(0, -before), "reading", account);
}

export function recordBankDebit(timezone: string, input: BankDebitInput): ReserveRecorded {
  const account = knownAccount(input.account);
  const currency = checkCurrency(input.currency);
  if (input.amount <= 0) fail("invalid_input", "a bank debit's amount is positive (minor units)", "amount");
  const at = checkAt(input.completed_at, "completed_at");
  return echo(timezone, at, currency, input.amount, "debit", account);
}

export function recordPlatformBalance(timezone: string, input: PlatformBalanceInput): ReserveRecorded {
  const currency = checkCurrency(input.currency);
  const at = checkAt(input.at, "at");
  const status = current(timezone).view.status;
  status.platform = [...status.platform.filter((p) => p.currency !== currency), { currency, available: input.available, at }];
  const s = current(timezone);
  s.seq += 1;
  return { seq: s.seq, recorded: 1, status: reserveStatus(timezone) };
}
