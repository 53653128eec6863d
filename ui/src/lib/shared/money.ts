// Money entered in major units (what people type) and sent in integer minor units. Amounts are
// typed with a dot for decimals in every language; they are shown the interface language's way
// (`1,250.00 USD`, German `1.250,00 USD`).
import type { Money } from "../bindings/Money";
import { decimalSeparator, formatNumber } from "../i18n/format";
import { t } from "../i18n/translate";

const ZERO_DECIMALS = new Set([
  "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
]);
const THREE_DECIMALS = new Set(["BHD", "JOD", "KWD", "OMR", "TND"]);

/** Digits after the decimal point for an ISO 4217 currency; 2 unless listed. */
export function minorUnitExponent(currency: string): number {
  const c = currency.trim().toUpperCase();
  if (ZERO_DECIMALS.has(c)) return 0;
  if (THREE_DECIMALS.has(c)) return 3;
  return 2;
}

export type MinorResult = { ok: true; amount_minor: number; currency: string } | { ok: false; message: string };

const PLAIN = /^\d+(?:\.\d+)?$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * Converts an amount typed in major units (`12.50`, `1,250.00`, `1250`) to minor units for
 * the currency, without floating point: `12.5 USD` → 1250, `1250 JPY` → 1250, `1.5 KWD` → 1500.
 * Refuses more decimals than the currency has, negative amounts and anything else.
 */
export function majorToMinor(amount: string, currency: string): MinorResult {
  const cur = currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(cur)) {
    return { ok: false, message: t("common.money.currencyCode") };
  }
  const text = amount.trim().replace(/\s+/g, "");
  if (text === "") return { ok: false, message: t("common.money.required") };
  if (text.startsWith("-")) return { ok: false, message: t("common.money.negative") };
  if (!PLAIN.test(text) && !GROUPED.test(text)) {
    return { ok: false, message: t("common.money.digits") };
  }
  const [whole, frac = ""] = text.replace(/,/g, "").split(".");
  const exp = minorUnitExponent(cur);
  if (frac.length > exp) {
    return {
      ok: false,
      message: t("common.money.decimals", { currency: cur, count: exp }),
    };
  }
  const digits = (whole + frac.padEnd(exp, "0")).replace(/^0+(?=\d)/, "");
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return { ok: false, message: t("common.money.tooLarge") };
  return { ok: true, amount_minor: value, currency: cur };
}

/**
 * `12.50 USD`, `1,250 JPY` (German `1.250,00 USD`). The backend sends codes lower-case as Stripe
 * writes them (`usd`); people read them upper-case. The digits are never rounded through
 * floating point: the whole units and the minor units are written separately.
 */
export function formatMoney(money: Money): string {
  const code = money.currency.trim().toUpperCase();
  const exp = minorUnitExponent(code);
  const neg = money.amount_minor < 0;
  const abs = Math.abs(money.amount_minor);
  if (exp === 0) return `${neg ? "-" : ""}${formatNumber(abs)} ${code}`;
  const div = 10 ** exp;
  const whole = formatNumber(Math.floor(abs / div));
  const frac = String(abs % div).padStart(exp, "0");
  return `${neg ? "-" : ""}${whole}${decimalSeparator()}${frac} ${code}`;
}

export type SignedMinorResult = { ok: true; amount_minor: number } | { ok: false; message: string };

/**
 * Like {@link majorToMinor} for an amount that may be below zero (an Issuing balance the
 * account owes): `-125.50 USD` → -12550. A leading minus or Unicode minus sign is accepted.
 */
export function signedMajorToMinor(amount: string, currency: string): SignedMinorResult {
  const text = amount.trim();
  const negative = /^[-\u2212]/.test(text);
  const r = majorToMinor(negative ? text.slice(1) : text, currency);
  if (!r.ok) return r;
  return { ok: true, amount_minor: negative && r.amount_minor !== 0 ? -r.amount_minor : r.amount_minor };
}

/**
 * Minor units as a form shows them for editing, without grouping or currency:
 * 200000 USD → `2000.00`, 1250 JPY → `1250`, -12550 USD → `-125.50`.
 */
export function minorToMajorText(amountMinor: number, currency: string): string {
  const exp = minorUnitExponent(currency);
  const neg = amountMinor < 0;
  const abs = Math.abs(amountMinor);
  if (exp === 0) return `${neg ? "-" : ""}${abs}`;
  const div = 10 ** exp;
  return `${neg ? "-" : ""}${Math.floor(abs / div)}.${String(abs % div).padStart(exp, "0")}`;
}

/** The placeholder of an amount field: `0.00`, `0` for JPY. */
export function amountPlaceholder(currency: string): string {
  const exp = minorUnitExponent(currency || "USD");
  return exp === 0 ? "0" : `0.${"0".repeat(exp)}`;
}
