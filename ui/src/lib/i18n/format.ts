// Numbers as the interface language writes them: `12,345` in English and Japanese, `12.345` in
// German. Dates and instants are formatted in `shared/datetime.ts`, money in `shared/money.ts`;
// both follow the same language.
import { language, LOCALE_TAGS, type UiLanguage } from "./language.svelte";

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: UiLanguage, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const id = `${lang}|${JSON.stringify(options)}`;
  let f = numberFormats.get(id);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE_TAGS[lang], options);
    numberFormats.set(id, f);
  }
  return f;
}

/**
 * A number with the language's grouping and decimal separator: `formatNumber(12345)` is
 * `12,345` in English, `12.345` in German. `options` are Intl.NumberFormat's
 * (e.g. `{ maximumFractionDigits: 1 }`).
 */
export function formatNumber(n: number, options?: Intl.NumberFormatOptions, lang: UiLanguage = language()): string {
  return numberFormat(lang, options).format(n);
}

/** The decimal separator of the interface language: `.` or `,`. */
export function decimalSeparator(lang: UiLanguage = language()): string {
  return numberFormat(lang, { minimumFractionDigits: 1 }).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
}
