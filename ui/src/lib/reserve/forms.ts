// The reserve's forms: a balance read on an account, a completed bank debit, the platform's
// own balance, and a rejection for fraud. Amounts are typed in major units and sent in minor
// units; instants typed as wall-clock time in the program's zone are sent in UTC and refused here when they
// are in the future (what is recorded has happened; the backend refuses it too).
import type { BankDebitInput } from "../bindings/BankDebitInput";
import type { PlatformBalanceInput } from "../bindings/PlatformBalanceInput";
import type { RejectForFraudInput } from "../bindings/RejectForFraudInput";
import type { ReserveBalanceInput } from "../bindings/ReserveBalanceInput";
import { t } from "../i18n";
import { inFutureMessage, isInFuture, localToUtcRfc3339 } from "../shared/datetime";
import { majorToMinor, signedMajorToMinor } from "../shared/money";

export type Built<T> = { ok: true; input: T } | { ok: false; errors: Record<string, string> };

/** What the reserve records: an account's balance, a bank debit, the platform's balance. */
export type RecordKind = "balance" | "debit" | "platform";

export interface RecordValues {
  account: string;
  currency: string;
  amount: string;
  date: string;
  time: string;
}

/** The fields of each form, named as the backend names them, in display order. */
export const RECORD_FIELDS: Record<RecordKind, ReadonlyArray<string>> = {
  balance: ["account", "currency", "available", "at"],
  debit: ["account", "currency", "amount", "completed_at"],
  platform: ["currency", "available", "at"],
};

function done<T>(errors: Record<string, string>, input: () => T): Built<T> {
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input: input() };
}

function pastInstant(date: string, time: string, now: Date, errors: Record<string, string>, field: string): string | null {
  const at = localToUtcRfc3339(date, time);
  if (!at) errors[field] = t("reserve.form.instant");
  else if (isInFuture(at, now)) errors[field] = inFutureMessage();
  return at;
}

function accountId(text: string, errors: Record<string, string>): string {
  const id = text.trim();
  if (id === "") errors.account = t("reserve.form.account");
  return id;
}

function currencyCode(text: string, errors: Record<string, string>): string {
  const c = text.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(c)) errors.currency = t("reserve.form.currency");
  return c;
}

export function buildReserveBalance(v: RecordValues, now: Date = new Date()): Built<ReserveBalanceInput> {
  const errors: Record<string, string> = {};
  const account = accountId(v.account, errors);
  const currency = currencyCode(v.currency, errors);
  const amount = errors.currency ? null : signedMajorToMinor(v.amount, currency);
  if (amount && !amount.ok) errors.available = amount.message;
  const at = pastInstant(v.date, v.time, now, errors, "at");
  return done(errors, () => ({ account, currency, available: amount && amount.ok ? amount.amount_minor : 0, at: at as string }));
}

export function buildBankDebit(v: RecordValues, now: Date = new Date()): Built<BankDebitInput> {
  const errors: Record<string, string> = {};
  const account = accountId(v.account, errors);
  const currency = currencyCode(v.currency, errors);
  const amount = errors.currency ? null : majorToMinor(v.amount, currency);
  if (amount && !amount.ok) errors.amount = amount.message;
  const completed_at = pastInstant(v.date, v.time, now, errors, "completed_at");
  return done(errors, () => ({ account, currency, amount: amount && amount.ok ? amount.amount_minor : 0, completed_at: completed_at as string }));
}

export function buildPlatformBalance(v: RecordValues, now: Date = new Date()): Built<PlatformBalanceInput> {
  const errors: Record<string, string> = {};
  const currency = currencyCode(v.currency, errors);
  const amount = errors.currency ? null : signedMajorToMinor(v.amount, currency);
  if (amount && !amount.ok) errors.available = amount.message;
  const at = pastInstant(v.date, v.time, now, errors, "at");
  return done(errors, () => ({ currency, available: amount && amount.ok ? amount.amount_minor : 0, at: at as string }));
}

export function buildRejection(account: string, date: string, time: string, now: Date = new Date()): Built<RejectForFraudInput> {
  const errors: Record<string, string> = {};
  const at = pastInstant(date, time, now, errors, "at");
  return done(errors, () => ({ account, at: at as string }));
}
