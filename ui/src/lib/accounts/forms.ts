// The account forms: adding an account, recording its Issuing balance, and the changes of its
// credit terms. Amounts are typed in major units and sent in minor units of the account's
// currency; instants typed as wall-clock time in the program's zone are sent in UTC, and refused when they
// are in the future (what is recorded has happened).
import type { AddAccountInput } from "../bindings/AddAccountInput";
import type { ApplicationInput } from "../bindings/ApplicationInput";
import type { ApplicationPurpose } from "../bindings/ApplicationPurpose";
import type { BusinessType } from "../bindings/BusinessType";
import type { Losses } from "../bindings/Losses";
import type { PeriodApprovalInput } from "../bindings/PeriodApprovalInput";
import type { PeriodInterval } from "../bindings/PeriodInterval";
import type { SchedulePeriodInput } from "../bindings/SchedulePeriodInput";
import type { SetBalanceInput } from "../bindings/SetBalanceInput";
import type { SetLimitInput } from "../bindings/SetLimitInput";
import { t } from "../i18n/translate";
import { inFutureMessage, isInFuture, localToUtcRfc3339, parseLocalDate, utcMidnight } from "../shared/datetime";
import { optionalText } from "../shared/forms";
import { majorToMinor, signedMajorToMinor } from "../shared/money";

/** The changes of a credit line's terms recorded from the account page. */
export type TermsKind = "application" | "set_limit" | "period_approval" | "schedule_period";

export type Built<T> = { ok: true; input: T } | { ok: false; errors: Record<string, string> };

function done<T>(errors: Record<string, string>, input: () => T): Built<T> {
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input: input() };
}

function count(text: string, min: number): number | null {
  const digits = text.trim();
  if (!/^\d+$/.test(digits)) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) && n >= min ? n : null;
}

/** A typed date and time as a UTC instant; sets `errors[field]` when it is not one or is in the future. */
function pastInstant(date: string, time: string, now: Date, errors: Record<string, string>, field: string): string | null {
  const at = localToUtcRfc3339(date, time);
  if (!at) errors[field] = t("accounts.errors.at");
  else if (isInFuture(at, now)) errors[field] = inFutureMessage();
  return at;
}

// ---------------------------------------------------------------- add account

export interface AccountValues {
  id: string;
  name: string;
  email: string;
  address: string;
  limit: string;
  currency: string;
  period: PeriodInterval;
  period_count: string;
  days_until_due: string;
  balance: string;
  /** How the notice addresses the holder: a business or a person. */
  business_type: BusinessType;
  /** Who carries the account's losses (Stripe's `controller.losses.payments`). */
  losses: Losses;
  /** ISO 3166-1 alpha-2; empty when not known. */
  country: string;
  /** Whether Stripe debits the account's bank for a negative balance. */
  debit_negative_balances: boolean;
}

export const ACCOUNT_FIELDS = [
  "id",
  "name",
  "email",
  "address",
  "business_type",
  "losses",
  "country",
  "debit_negative_balances",
  "limit",
  "currency",
  "period",
  "period_count",
  "days_until_due",
  "balance",
];

export function emptyAccount(): AccountValues {
  return {
    id: "acct_",
    name: "",
    email: "",
    address: "",
    limit: "",
    currency: "USD",
    period: "month",
    period_count: "1",
    days_until_due: "10",
    balance: "0.00",
    business_type: "company",
    losses: "platform",
    country: "",
    debit_negative_balances: false,
  };
}

export function buildAccount(v: AccountValues): Built<AddAccountInput> {
  const errors: Record<string, string> = {};
  const currency = v.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = t("accounts.errors.currency");
  const id = v.id.trim();
  if (!/^acct_[A-Za-z0-9]+$/.test(id)) errors.id = t("accounts.errors.id");
  if (v.name.trim() === "") errors.name = t("accounts.errors.name");
  if (v.email.trim() === "") errors.email = t("accounts.errors.email");
  const limit = errors.currency ? null : majorToMinor(v.limit, currency);
  if (limit && !limit.ok) errors.limit = limit.message;
  const balance = errors.currency ? null : signedMajorToMinor(v.balance, currency);
  if (balance && !balance.ok) errors.balance = balance.message;
  const periodCount = count(v.period_count, 1);
  if (periodCount === null) errors.period_count = t("accounts.errors.periodCount");
  const due = count(v.days_until_due, 0);
  if (due === null) errors.days_until_due = t("accounts.errors.daysUntilDue");
  const country = v.country.trim().toUpperCase();
  if (country !== "" && !/^[A-Z]{2}$/.test(country)) errors.country = t("accounts.errors.country");
  return done(errors, () => ({
    id,
    name: v.name.trim(),
    email: v.email.trim(),
    address: optionalText(v.address),
    limit: limit && limit.ok ? limit.amount_minor : 0,
    currency,
    period: v.period,
    period_count: periodCount as number,
    days_until_due: due as number,
    balance: balance && balance.ok ? balance.amount_minor : 0,
    business_type: v.business_type,
    losses: v.losses,
    country: country === "" ? null : country,
    debit_negative_balances: v.debit_negative_balances,
  }));
}

// ---------------------------------------------------------------- balance and terms

export interface AmountAt {
  amount: string;
  date: string;
  time: string;
}

export function buildBalance(account: string, currency: string, v: AmountAt, now: Date = new Date()): Built<SetBalanceInput> {
  const errors: Record<string, string> = {};
  const amount = signedMajorToMinor(v.amount, currency);
  if (!amount.ok) errors.amount = amount.message;
  const at = pastInstant(v.date, v.time, now, errors, "at");
  return done(errors, () => ({ account, amount: amount.ok ? amount.amount_minor : 0, at: at as string }));
}

export function buildApplication(
  account: string,
  currency: string,
  purpose: ApplicationPurpose | "",
  v: AmountAt,
  now: Date = new Date(),
): Built<ApplicationInput> {
  const errors: Record<string, string> = {};
  if (!purpose) errors.purpose = t("accounts.errors.purpose");
  const amount = majorToMinor(v.amount, currency);
  if (!amount.ok) errors.amount = amount.message;
  const decided_at = pastInstant(v.date, v.time, now, errors, "decided_at");
  return done(errors, () => ({ account, decided_at: decided_at as string, purpose, amount: amount.ok ? amount.amount_minor : 0 }));
}

export function buildSetLimit(account: string, currency: string, v: AmountAt, now: Date = new Date()): Built<SetLimitInput> {
  const errors: Record<string, string> = {};
  const amount = majorToMinor(v.amount, currency);
  if (!amount.ok) errors.amount = amount.message;
  const at = pastInstant(v.date, v.time, now, errors, "at");
  return done(errors, () => ({ account, amount: amount.ok ? amount.amount_minor : 0, at: at as string }));
}

export interface ApprovalValues {
  date: string;
  time: string;
  reference: string;
}

export function buildPeriodApproval(account: string, v: ApprovalValues, now: Date = new Date()): Built<PeriodApprovalInput> {
  const errors: Record<string, string> = {};
  const approved_at = pastInstant(v.date, v.time, now, errors, "approved_at");
  if (v.reference.trim() === "") errors.reference = t("accounts.errors.reference");
  return done(errors, () => ({ account, approved_at: approved_at as string, reference: v.reference.trim() }));
}

export interface ScheduleValues {
  period: PeriodInterval;
  period_count: string;
  /** The day the new period starts, at 00:00 UTC. */
  effective_on: string;
  /** When a change-in-terms notice went out, if one was needed (both empty: none). */
  notice_date: string;
  notice_time: string;
  /** A new number of days until due, taking effect with the period (empty: unchanged). */
  days_until_due: string;
}

/** The new period's start is a future day by design; the notice, when given, has gone out already. */
export function buildSchedule(account: string, v: ScheduleValues, now: Date = new Date()): Built<SchedulePeriodInput> {
  const errors: Record<string, string> = {};
  const periodCount = count(v.period_count, 1);
  if (periodCount === null) errors.period_count = t("accounts.errors.periodCount");
  const effective_at = parseLocalDate(v.effective_on) ? utcMidnight(v.effective_on) : null;
  if (!effective_at) errors.effective_at = t("accounts.errors.effective");
  let notice: string | null = null;
  if (v.notice_date.trim() !== "" || v.notice_time.trim() !== "") {
    notice = pastInstant(v.notice_date, v.notice_time || "00:00", now, errors, "change_in_terms_notice_at");
  }
  let due: number | null = null;
  if (v.days_until_due.trim() !== "") {
    due = count(v.days_until_due, 0);
    if (due === null) errors.days_until_due = t("accounts.errors.daysUntilDueKeep");
  }
  return done(errors, () => ({
    account,
    period: v.period,
    period_count: periodCount as number,
    effective_at: effective_at as string,
    change_in_terms_notice_at: notice,
    days_until_due: due,
  }));
}
