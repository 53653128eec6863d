// The checks the catalogue test runs: every language has every message, with the same
// placeholders, plural forms that have `other`, and no empty text. Each problem is one line that
// names the language and the key.
import { flatten, isPluralShape, PLURAL_CATEGORIES, type Catalogues } from "./catalogue";

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

function placeholdersOf(value: unknown): string[] {
  const texts = typeof value === "string" ? [value] : isPluralShape(value) ? Object.values(value).filter((v): v is string => typeof v === "string") : [];
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(PLACEHOLDER)) names.add(m[1]);
  return [...names].sort();
}

function shapeOf(value: unknown): "text" | "plural" | "other" {
  if (typeof value === "string") return "text";
  if (isPluralShape(value)) return "plural";
  return "other";
}

/** The problems of one message on its own: empty text, a plural without `other`, a value that is not text. */
function messageProblems(lang: string, key: string, value: unknown): string[] {
  const out: string[] = [];
  if (typeof value === "string") {
    if (value.trim() === "") out.push(`${lang}: "${key}" is empty`);
  } else if (isPluralShape(value)) {
    if (value.other === undefined) out.push(`${lang}: "${key}" has plural forms but no "other"`);
    for (const c of PLURAL_CATEGORIES) {
      const form = value[c];
      if (form === undefined) continue;
      if (typeof form !== "string") out.push(`${lang}: "${key}.${c}" is not text`);
      else if (form.trim() === "") out.push(`${lang}: "${key}.${c}" is empty`);
    }
  } else {
    out.push(`${lang}: "${key}" is not text or plural forms`);
  }
  return out;
}

/**
 * Every problem of the catalogues for `languages` (the first one is the reference for
 * placeholders and shapes); an empty list when they are complete and agree.
 */
export function checkCatalogues(catalogues: Catalogues, languages: ReadonlyArray<string>): string[] {
  const problems: string[] = [];
  const flat = new Map<string, Map<string, unknown>>();
  const areas = new Set<string>();
  for (const lang of languages) {
    const files = catalogues[lang] ?? {};
    if (!catalogues[lang]) problems.push(`${lang}: no catalogue folder messages/${lang}/`);
    const messages = new Map<string, unknown>();
    for (const [area, tree] of Object.entries(files)) {
      areas.add(area);
      for (const [key, value] of flatten(tree, area)) messages.set(key, value);
    }
    flat.set(lang, messages);
  }
  for (const lang of Object.keys(catalogues)) {
    if (!languages.includes(lang)) problems.push(`${lang}: messages/${lang}/ is not a language of the interface`);
  }
  for (const area of [...areas].sort()) {
    for (const lang of languages) {
      if (catalogues[lang] && !catalogues[lang][area]) problems.push(`${lang}: file messages/${lang}/${area}.json is missing`);
    }
  }

  const allKeys = new Set<string>();
  for (const messages of flat.values()) for (const key of messages.keys()) allKeys.add(key);
  const reference = languages[0];
  for (const key of [...allKeys].sort()) {
    const ref = flat.get(reference)?.get(key);
    for (const lang of languages) {
      const messages = flat.get(lang);
      if (!messages?.has(key)) {
        problems.push(`${lang}: missing "${key}"`);
        continue;
      }
      const value = messages.get(key);
      problems.push(...messageProblems(lang, key, value));
      if (lang === reference || ref === undefined) continue;
      if (shapeOf(value) !== shapeOf(ref)) {
        problems.push(`${lang}: "${key}" is ${shapeOf(value) === "plural" ? "plural forms" : "one text"}, ${reference} has ${shapeOf(ref) === "plural" ? "plural forms" : "one text"}`);
      }
      const mine = placeholdersOf(value).join(", ");
      const theirs = placeholdersOf(ref).join(", ");
      if (mine !== theirs) problems.push(`${lang}: "${key}" has placeholders {${mine}}, ${reference} has {${theirs}}`);
    }
  }
  return problems;
}

/** The literal keys of `t("…")`, `tOr("…"`, `hasMessage("…")` and `<Message key="…"` calls in source text. */
export function keysUsedIn(source: string): string[] {
  const out = new Set<string>();
  const calls = /(?<![\w$.])(?:t|tOr|hasMessage)\(\s*(["'])([A-Za-z0-9_.]+)\1/g;
  for (const m of source.matchAll(calls)) out.add(m[2]);
  const components = /<Message\b[^>]*?\bkey="([A-Za-z0-9_.]+)"/g;
  for (const m of source.matchAll(components)) out.add(m[1]);
  return [...out];
}
