// The message catalogues: `messages/<language>/<area>.json`, read at build time. A file's name is
// the first part of its keys (`title` in `settings.json` is `settings.title`); objects nest keys
// (`settings.language.label`). An object whose keys are all plural categories is one message with
// plural forms, chosen by the `count` parameter.

/** A message with plural forms: `other` is required; `zero` (not a CLDR category of en, de or ja) is used for a count of 0. */
export type PluralMessage = { other: string } & Partial<Record<PluralCategory, string>>;
export type PluralCategory = "zero" | "one" | "two" | "few" | "many" | "other";
export type Message = string | PluralMessage;

/** A catalogue file's content: strings, plural messages, and nested groups of them. */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

export const PLURAL_CATEGORIES: ReadonlyArray<PluralCategory> = ["zero", "one", "two", "few", "many", "other"];

/** Every catalogue file: language → area (the file name without `.json`) → its messages. */
export type Catalogues = Record<string, Record<string, MessageTree>>;

const FILES = import.meta.glob<MessageTree>("./messages/*/*.json", { eager: true, import: "default" });

function collect(files: Record<string, MessageTree>): Catalogues {
  const out: Catalogues = {};
  for (const [path, tree] of Object.entries(files)) {
    const m = /\/messages\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!m) continue;
    (out[m[1]] ??= {})[m[2]] = tree;
  }
  return out;
}

/** The catalogues shipped with the app. */
export const CATALOGUES: Catalogues = collect(FILES);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for an object whose keys are all plural categories (whether or not it has `other`). */
export function isPluralShape(value: unknown): value is Partial<Record<PluralCategory, unknown>> {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => (PLURAL_CATEGORIES as ReadonlyArray<string>).includes(k));
}

/**
 * The message at a dotted key in one language's catalogues, or undefined when there is none
 * (or the key names a group of messages rather than one).
 */
export function lookup(catalogues: Catalogues, lang: string, key: string): Message | undefined {
  const [area, ...path] = key.split(".");
  let node: unknown = catalogues[lang]?.[area];
  for (const part of path) {
    if (!isObject(node) || isPluralShape(node)) return undefined;
    node = node[part];
  }
  if (typeof node === "string") return node;
  if (isPluralShape(node) && typeof node.other === "string") return node as PluralMessage;
  return undefined;
}

/** Every message of a tree by its full key (`settings.language.label`), plural messages as one entry. */
export function flatten(tree: unknown, prefix: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (node: unknown, key: string) => {
    if (isObject(node) && !isPluralShape(node)) {
      for (const [k, v] of Object.entries(node)) walk(v, `${key}.${k}`);
    } else {
      out.set(key, node);
    }
  };
  walk(tree, prefix);
  return out;
}
