// The principal reasons of an adverse action, in order of importance: how many may be given is
// the backend's (`CreditProgramView.max_reasons`). The list is edited one move at a time and
// never holds a code twice.
import type { Language } from "../bindings/Language";
import type { ReasonRow } from "../bindings/ReasonRow";
import { language } from "../i18n";
import { filterReasons } from "./program";

export function canAddReason(list: ReadonlyArray<string>, max: number): boolean {
  return list.length < max;
}

/** The list with `code` added last; unchanged when it is already there or the list holds `max`. */
export function addReason(list: ReadonlyArray<string>, code: string, max: number): string[] {
  if (code === "" || list.includes(code) || !canAddReason(list, max)) return [...list];
  return [...list, code];
}

export function removeReason(list: ReadonlyArray<string>, index: number): string[] {
  return list.filter((_, i) => i !== index);
}

/** The list with the reason at `index` moved by `delta` places (−1 up, +1 down), within bounds. */
export function moveReason(list: ReadonlyArray<string>, index: number, delta: number): string[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const out = [...list];
  [out[index], out[to]] = [out[to], out[index]];
  return out;
}

/** Approved reasons not chosen yet, in Stripe's order: what the "add" control offers. */
export function availableReasons(rows: ReadonlyArray<ReasonRow>, chosen: ReadonlyArray<string>): ReasonRow[] {
  return rows.filter((r) => r.approved && !chosen.includes(r.code));
}

/**
 * What the reason search lists for `query`: every reason not chosen yet whose code or wording
 * matches, the bank-approved ones first, each group in Stripe's order.
 */
export function searchReasons(rows: ReadonlyArray<ReasonRow>, chosen: ReadonlyArray<string>, query: string): ReasonRow[] {
  const open = filterReasons(rows, query).filter((r) => !chosen.includes(r.code));
  return [...open.filter((r) => r.approved), ...open.filter((r) => !r.approved)];
}

/** `other` needs the officer's own explanation. */
export function needsOtherExplanation(list: ReadonlyArray<string>): boolean {
  return list.includes("other");
}

/**
 * A reason's wording for officers: the program's own wording in the interface language (the
 * backend keeps one per language), English when that one is empty.
 */
export function reasonWording(row: ReasonRow, lang: Language = language()): string {
  return row.wording[lang]?.trim() ? row.wording[lang] : row.wording.en;
}

/** A code's wording for officers (see `reasonWording`), or the code itself when unknown. */
export function reasonLabel(rows: ReadonlyArray<ReasonRow>, code: string): string {
  const row = rows.find((r) => r.code === code);
  return row ? reasonWording(row) : code;
}
