// The credit program as the Settings form edits it: creditor and agency details, the notice
// period and language, which of Stripe's reasons the bank approved, and their customer wording.
import type { ApprovedPeriod } from "../bindings/ApprovedPeriod";
import type { CreditProgramView } from "../bindings/CreditProgramView";
import type { Language } from "../bindings/Language";
import type { ReasonPhrases } from "../bindings/ReasonPhrases";
import type { ReasonRow } from "../bindings/ReasonRow";
import type { SetCreditProgramInput } from "../bindings/SetCreditProgramInput";
import { t } from "../i18n";
import { optionalText } from "../shared/forms";
import { LANGUAGES } from "./labels";

export const MAX_NOTICE_DAYS = 30;

export interface ProgramValues {
  creditor_name: string;
  creditor_address: string;
  creditor_phone: string;
  creditor_email: string;
  agency_name: string;
  agency_address: string;
  notice_days: string;
  notice_language: Language;
  /** The bank-approved credit periods as typed: "1 month, 14 days"; empty for any. */
  approved_periods: string;
  /** Approved codes. */
  approved: string[];
  /** Each code's wording as edited. */
  wording: Record<string, ReasonPhrases>;
  /** Customised codes put back to the shipped wording. */
  reset: string[];
}

/** The form's starting values: the program as stored. */
export function programValues(view: CreditProgramView): ProgramValues {
  const p = view.program;
  return {
    creditor_name: p.creditor_name,
    creditor_address: p.creditor_address,
    creditor_phone: p.creditor_phone,
    creditor_email: p.creditor_email ?? "",
    agency_name: p.agency_name,
    agency_address: p.agency_address,
    notice_days: String(p.notice_days),
    notice_language: p.notice_language,
    approved_periods: p.approved_periods.map(periodLabel).join(", "),
    approved: view.reasons.filter((r) => r.approved).map((r) => r.code),
    wording: Object.fromEntries(view.reasons.map((r) => [r.code, { ...r.wording }])),
    reset: [],
  };
}

function samePhrases(a: ReasonPhrases, b: ReasonPhrases): boolean {
  return LANGUAGES.every((l) => a[l].trim() === b[l].trim());
}

/** Whether a code's wording was edited in this form. */
export function wordingEdited(row: ReasonRow, values: ProgramValues): boolean {
  const w = values.wording[row.code];
  return w !== undefined && !samePhrases(w, row.wording);
}

/**
 * The wording the program keeps, by code: the wordings edited in this form, plus those the
 * program had already customised (the command replaces the whole program, so they are sent
 * again unless put back to the shipped wording). Codes left as shipped are not sent.
 */
export function wordingToSend(view: CreditProgramView, values: ProgramValues): Record<string, ReasonPhrases> {
  const out: Record<string, ReasonPhrases> = {};
  for (const row of view.reasons) {
    if (values.reset.includes(row.code)) continue;
    const w = values.wording[row.code] ?? row.wording;
    const edited = !samePhrases(w, row.wording);
    const kept = row.customised && !values.reset.includes(row.code);
    if (edited || kept) out[row.code] = { en: w.en.trim(), de: w.de.trim(), ja: w.ja.trim() };
  }
  return out;
}

export type BuiltProgram = { ok: true; input: SetCreditProgramInput } | { ok: false; errors: Record<string, string> };

export function buildProgram(view: CreditProgramView, v: ProgramValues): BuiltProgram {
  const errors: Record<string, string> = {};
  const days = v.notice_days.trim();
  const n = Number(days);
  if (!/^\d+$/.test(days) || n < 1 || n > MAX_NOTICE_DAYS) {
    errors.notice_days = t("credit.program.errors.noticeDays", { max: MAX_NOTICE_DAYS });
  }
  // Stripe's order, whatever order they were ticked in.
  const approved = view.reasons.filter((r) => v.approved.includes(r.code)).map((r) => r.code);
  if (approved.length === 0) errors.approved_reasons = t("credit.program.errors.approvedReasons");
  const periods = parsePeriods(v.approved_periods);
  if (periods === null) errors.approved_periods = t("credit.program.errors.periods");
  const wording = wordingToSend(view, v);
  for (const [code, p] of Object.entries(wording)) {
    if (LANGUAGES.some((l) => p[l] === "")) {
      errors.wording = t("credit.program.errors.wordingEmpty", { code });
      break;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      creditor_name: v.creditor_name.trim(),
      creditor_address: v.creditor_address.trim(),
      creditor_phone: v.creditor_phone.trim(),
      creditor_email: optionalText(v.creditor_email),
      agency_name: v.agency_name.trim(),
      agency_address: v.agency_address.trim(),
      approved_reasons: approved,
      wording,
      notice_days: n,
      notice_language: v.notice_language,
      approved_periods: periods ?? [],
    },
  };
}

/**
 * "1 month", "14 days": a period as the form's field writes it and `parsePeriods` reads it. A
 * typed format, like an ISO date: the same in every interface language.
 */
export function periodLabel(p: ApprovedPeriod): string {
  return `${p.count} ${p.interval}${p.count === 1 ? "" : "s"}`;
}

/** Reads "1 month, 14 days" (empty: none); null when a part is not a period. */
export function parsePeriods(text: string): ApprovedPeriod[] | null {
  const out: ApprovedPeriod[] = [];
  for (const part of text.split(",").map((x) => x.trim()).filter((x) => x !== "")) {
    const m = /^(\d+)\s*(day|days|month|months)$/i.exec(part);
    if (!m || Number(m[1]) < 1) return null;
    out.push({ count: Number(m[1]), interval: m[2].toLowerCase().startsWith("day") ? "day" : "month" });
  }
  return out;
}

/** Lower case without accents, so "insolvenz" finds "Insolvenz" and "erfullt" finds "erfüllt". */
function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Reasons whose code or wording (any language) contains the query, ignoring case and accents. */
export function filterReasons(rows: ReadonlyArray<ReasonRow>, query: string, values?: ProgramValues): ReasonRow[] {
  const q = fold(query.trim());
  if (q === "") return [...rows];
  const words = q.split(/\s+/);
  return rows.filter((r) => {
    const w = values?.wording[r.code] ?? r.wording;
    const text = `${r.code} ${r.code.replace(/_/g, " ")} ${w.en} ${w.de} ${w.ja}`;
    const hay = fold(text);
    return words.every((x) => hay.includes(x));
  });
}
