// Looking a message up and filling it in: `{name}` placeholders, plural forms by `count`, and
// English when the current language lacks the key (the catalogue test fails on that).
import { CATALOGUES, lookup, type Catalogues, type Message } from "./catalogue";
import { formatNumber } from "./format";
import { language, LOCALE_TAGS, type UiLanguage } from "./language.svelte";

/** Values for a message's `{placeholders}`. `count` also picks the plural form. */
export type Params = Readonly<Record<string, string | number>>;

/** A piece of a filled-in message: text, or a placeholder left for the caller to render. */
export type MessagePart = { text: string } | { placeholder: string };

const FALLBACK: UiLanguage = "en";
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

const pluralRules = new Map<UiLanguage, Intl.PluralRules>();

function rulesFor(lang: UiLanguage): Intl.PluralRules {
  let r = pluralRules.get(lang);
  if (!r) {
    r = new Intl.PluralRules(LOCALE_TAGS[lang]);
    pluralRules.set(lang, r);
  }
  return r;
}

function messageFor(catalogues: Catalogues, lang: UiLanguage, key: string): { message: Message; lang: UiLanguage } | null {
  const own = lookup(catalogues, lang, key);
  if (own !== undefined) return { message: own, lang };
  const fallback = lookup(catalogues, FALLBACK, key);
  return fallback === undefined ? null : { message: fallback, lang: FALLBACK };
}

function pluralText(message: Message, lang: UiLanguage, count: unknown): string {
  if (typeof message === "string") return message;
  const n = typeof count === "number" ? count : Number(count);
  if (!Number.isFinite(n)) return message.other;
  if (n === 0 && message.zero !== undefined) return message.zero;
  return message[rulesFor(lang).select(n)] ?? message.other;
}

function paramText(name: string, value: string | number, lang: UiLanguage): string {
  // A count is a quantity: grouped as the language groups digits. Other numbers (ids,
  // sequence numbers, years) are written as they are; format them first when they are amounts.
  if (name === "count" && typeof value === "number") return formatNumber(value, undefined, lang);
  return String(value);
}

/** The message's text for the language with the plural form chosen, before filling in; null when no language has the key. */
function rawText(key: string, params: Params | undefined, lang: UiLanguage, catalogues: Catalogues): { text: string; lang: UiLanguage } | null {
  const found = messageFor(catalogues, lang, key);
  if (!found) return null;
  return { text: pluralText(found.message, found.lang, params?.count), lang: found.lang };
}

/**
 * The message `key` in a given language, filled in. A key no catalogue has comes back as the
 * key itself, so that it shows on screen and in tests.
 */
export function translate(lang: UiLanguage, key: string, params?: Params, catalogues: Catalogues = CATALOGUES): string {
  const raw = rawText(key, params, lang, catalogues);
  if (!raw) return key;
  return raw.text.replace(PLACEHOLDER, (whole, name: string) =>
    params && Object.prototype.hasOwnProperty.call(params, name) ? paramText(name, params[name], raw.lang) : whole,
  );
}

/**
 * The message `key` in the interface language, with `{name}` placeholders filled from `params`
 * and the plural form chosen by `params.count`. Reactive in markup and `$derived`.
 *
 * `t("settings.backups.events", { count: 1234 })` → `1,234 events`.
 */
export function t(key: string, params?: Params): string {
  return translate(language(), key, params);
}

/**
 * The message `key` split at its placeholders, for markup that renders some of them itself
 * (a `<strong>`, a `<kbd>`): placeholders named in `keep`, and those `params` has no value for,
 * are left as `{ placeholder }` parts; the others are filled in as text. `params.count` picks the
 * plural form even when `count` is kept. Used by `Message.svelte`.
 */
export function tParts(key: string, params?: Params, keep: ReadonlyArray<string> = [], lang: UiLanguage = language()): MessagePart[] {
  const raw = rawText(key, params, lang, CATALOGUES);
  if (!raw) return [{ text: key }];
  const parts: MessagePart[] = [];
  let last = 0;
  for (const m of raw.text.matchAll(PLACEHOLDER)) {
    const at = m.index ?? 0;
    const name = m[1];
    let before = raw.text.slice(last, at);
    if (!keep.includes(name) && params && Object.prototype.hasOwnProperty.call(params, name)) {
      before += paramText(name, params[name], raw.lang);
      if (before) parts.push({ text: before });
    } else {
      if (before) parts.push({ text: before });
      parts.push({ placeholder: name });
    }
    last = at + m[0].length;
  }
  if (last < raw.text.length) parts.push({ text: raw.text.slice(last) });
  // Neighbouring text parts are joined, so the markup gets one text node per run.
  return parts.reduce<MessagePart[]>((out, p) => {
    const prev = out[out.length - 1];
    if (prev && "text" in prev && "text" in p) out[out.length - 1] = { text: prev.text + p.text };
    else out.push(p);
    return out;
  }, []);
}

/** True when the English catalogue (the reference) has the message `key`. */
export function hasMessage(key: string, lang: UiLanguage = FALLBACK): boolean {
  return lookup(CATALOGUES, lang, key) !== undefined;
}

/**
 * The message `key` when the catalogue has it, otherwise `fallback`: for labels of codes the
 * backend may add before the catalogue knows them (`tOr(\`settings.backups.kind.${kind}\`, kind)`).
 */
export function tOr(key: string, fallback: string, params?: Params): string {
  return hasMessage(key) ? t(key, params) : fallback;
}
