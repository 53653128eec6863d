// Reserve data for tests, as the backend sends it (currencies lower-case, minor units).
import type { NegativeAccount } from "../bindings/NegativeAccount";
import type { ReserveAction } from "../bindings/ReserveAction";
import type { ReserveStatus } from "../bindings/ReserveStatus";
import type { ReserveView } from "../bindings/ReserveView";
import type { StripeRequest } from "../bindings/StripeRequest";

export const RULES: ReserveStatus["rules"] = {
  sweep_after_calendar_days: 180,
  bank_debit_hold_business_days: 3,
  sweep_alert_days: 14,
  bank_debits: { source: "Stripe documentation, Debit connected accounts", countries: ["US", "DE", "JP"] },
};

export function request(path: string, key: string, params: [string, string][]): StripeRequest {
  return { method: "POST", path, stripe_account: null, idempotency_key: key, params, body: params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&") };
}

export function transfer(account: string, owed: number): ReserveAction {
  return {
    action: "transfer_funds",
    amount: owed,
    currency: "usd",
    reason: `transfer ${(owed / 100).toFixed(2)} USD from the platform to ${account} to zero its balance and release it from the reserve; otherwise Stripe sweeps it from the reserve on 2026-12-01`,
    request: request("/v1/transfers", `cdesk-${account}-zero-usd-${owed}`, [
      ["amount", String(owed)],
      ["currency", "usd"],
      ["destination", account],
      ["description", "Zero a negative balance"],
    ]),
    curl: `curl -X POST https://api.stripe.com/v1/transfers \\\n  -H "Idempotency-Key: cdesk-${account}-zero-usd-${owed}"`,
  };
}

export function enableDebits(account: string): ReserveAction {
  return {
    action: "enable_debit_negative_balances",
    amount: null,
    currency: null,
    reason: "turn on `debit_negative_balances`: US allows bank debits, so Stripe can recover the balance from the account's bank",
    request: request(`/v1/accounts/${account}`, `cdesk-${account}-debit-negative-balances`, [["settings[payouts][debit_negative_balances]", "true"]]),
    curl: `curl -X POST https://api.stripe.com/v1/accounts/${account} \\\n  --data 'settings%5Bpayouts%5D%5Bdebit_negative_balances%5D=true'`,
  };
}

export function rejectAction(account: string): ReserveAction {
  return {
    action: "reject_for_fraud",
    amount: null,
    currency: null,
    reason: "if the account is fraudulent: reject it (reason fraud), which disables its payouts; it stays in the reserve until its balance is zeroed",
    request: request(`/v1/accounts/${account}/reject`, `cdesk-${account}-reject-fraud`, [["reason", "fraud"]]),
    curl: `curl -X POST https://api.stripe.com/v1/accounts/${account}/reject \\\n  --data 'reason=fraud'`,
  };
}

export function negativeAccount(patch: Partial<NegativeAccount> = {}): NegativeAccount {
  const account = patch.account ?? "acct_1Harbor";
  return {
    account,
    legal_name: "Harbor Street Goods LLC",
    currency: "usd",
    available: -4825000,
    read_at: "2026-11-23T18:00:00Z",
    negative_since: "2026-06-04T15:00:00Z",
    sweep_on: "2026-12-01",
    days_negative: 172 as unknown as bigint,
    days_to_sweep: 8 as unknown as bigint,
    sweep_soon: true,
    actions: [transfer(account, 4825000), enableDebits(account), rejectAction(account)],
    blocked: [],
    ...patch,
  };
}

export function reserveStatus(patch: Partial<ReserveStatus> = {}): ReserveStatus {
  return {
    at: "2026-11-23T19:00:00Z",
    reserve: [],
    accounts: [],
    rejected: [],
    holds: [],
    shortfall: [],
    platform: [],
    alerts: [],
    rules: RULES,
    ...patch,
  };
}

export function reserveView(status: Partial<ReserveStatus> = {}, patch: Partial<ReserveView> = {}): ReserveView {
  return {
    status: reserveStatus(status),
    history: [],
    reconciliation: { days_compared: 0, reserve_transactions: 0, differences: [] },
    timezone: "America/New_York",
    today: "2026-11-23",
    liable_accounts: [
      { id: "acct_1Harbor", legal_name: "Harbor Street Goods LLC", losses: "platform", country: "US", debit_negative_balances: false, rejected_for_fraud_at: null },
      { id: "acct_1Kestrel", legal_name: "Kestrel Freight Inc.", losses: "platform", country: null, debit_negative_balances: false, rejected_for_fraud_at: null },
    ],
    ...patch,
  };
}
