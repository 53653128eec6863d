// The interface in English, German and Japanese.
//
// HOW TO CONVERT AN AREA (complaints, credit, reports, accounts, reserve, playbook, …)
//
// 1. Catalogue files. Each area has one JSON file per language, with the same name:
//      src/lib/i18n/messages/en/<area>.json
//      src/lib/i18n/messages/de/<area>.json
//      src/lib/i18n/messages/ja/<area>.json
//    The file name is the first part of every key in it: `"title"` in `settings.json` is
//    `t("settings.title")`; nested objects give `t("settings.language.label")`. Nothing has
//    to be registered: the files are picked up by `import.meta.glob` in `catalogue.ts`. Write the
//    English exactly as the UI says it today (tests look for it), then real German and Japanese
//    (register = Register / 苦情一覧, complaint = Beschwerde / 苦情, deadline = Frist / 期限,
//    business day = Geschäftstag / 営業日, overdue = überfällig / 期限超過,
//    audit history = Prüfpfad / 監査証跡). Keep to your area's files: `common.json` (shared
//    components), `shell.json` (header, shortcuts, view names) and `settings.json` belong to the
//    shell and Settings.
//
// 2. Markup and code call `t(key, params?)`:
//      t("settings.title")                                  → "Settings"
//      t("settings.timezone.set", { zone: "Asia/Tokyo" })   → "Time zone set to Asia/Tokyo"
//    Placeholders are `{name}`. A number passed as `count` is grouped the language's way
//    (1,234 / 1.234) and chooses the plural form; pass other numbers that are amounts through
//    `formatNumber` first (ids, sequence numbers and years are written as they are).
//    Plural forms are an object of CLDR categories, `other` required; `zero`, when present, is
//    used for a count of 0 in every language:
//      "events": { "one": "{count} event", "other": "{count} events" }
//    Do not use `zero`, `one`, `two`, `few`, `many` or `other` as ordinary key names.
//
//    Import it as `import { t } from "../i18n"`, and rename loop variables called `t`
//    (`{#each timers as t}`) in the files you convert: they would hide it.
//
// 3. Reactivity. `t` reads the current language, which is `$state`: text computed in markup, in
//    `$derived`, or in a function called from markup follows a change of language at once.
//    Text computed once (a module-level constant, a `const` in a component's script, a prop's
//    default value, a string stored in a store) does not: make it a function (`operationLabel(op)`), a `$derived`, or
//    store what to say and translate when showing it.
//    Tables of labels by code become functions: `t(\`reports.status.${code}\`)`, or
//    `tOr(key, fallback)` when the backend may send a code the catalogue does not know yet.
//
// 4. Markup inside a sentence (`<strong>`, `<kbd>`, a link): use `<Message>`
//    (`import Message from "../i18n/Message.svelte"`) with a snippet named after the
//    placeholder, so each language keeps its own word order:
//      <Message key="settings.backups.restoreLead">
//        {#snippet at()}<strong class="mono">{made}</strong>{/snippet}
//        {#snippet name()}<span class="mono">{entry.name}</span>{/snippet}
//      </Message>
//    ("The backup made {at} ({name}) takes the place of the database:"). Placeholders without a
//    snippet are filled from `params`, e.g. `params={{ count: n }}`.
//
// 5. Dates, instants, numbers, money. Never format them by hand or with `toLocaleString`:
//      formatNumber(n)                       (this module)
//      formatMoney(money)                    (shared/money.ts)
//      formatDate / formatDay / formatMonth  (shared/datetime.ts; plain dates `YYYY-MM-DD`)
//      formatInstant(iso)                    (shared/datetime.ts; in the program's zone with its
//                                             abbreviation: `2026-11-20 10:00 EST`)
//    Form fields keep ISO input (`YYYY-MM-DD`, `HH:MM`, amounts with a dot) in every language.
//    Typed dates and times are read in the program's zone (`localToRfc3339`,
//    `localToUtcRfc3339`, `nowLocal`); show `zoneFieldHint(date, time)` next to such fields.
//
// 6. Check. `npm test` runs `catalogue.test.ts`: it fails when a key is in one language and not
//    in another, when placeholders differ between languages, when plural forms lack `other`,
//    when a text is empty, and when code uses a literal key (`t("…")`, `<Message key="…">`) that
//    the English catalogue does not have. Keys built at run time (`t(\`x.${code}\`)`) are not
//    seen by that last check: keep their codes listed in the catalogue, and add them to the test
//    "have the keys the code builds from codes" there.
//    Component tests that switch language call `setLanguage("de")` and put it back with
//    `setLanguage("en")` (and `localStorage.clear()`) in `afterEach`; `flushSync()` from svelte
//    applies the change to what is rendered.
//
// At run time a key missing in the current language falls back to English; a key missing
// everywhere shows as the key itself.

export { CATALOGUES, type Message as CatalogueMessage, type MessageTree, type PluralMessage } from "./catalogue";
export { decimalSeparator, formatNumber } from "./format";
export {
  initialLanguage,
  isUiLanguage,
  language,
  LANGUAGE_KEY,
  LANGUAGE_NAMES,
  languageFor,
  locale,
  LOCALE_TAGS,
  setLanguage,
  UI_LANGUAGES,
  type UiLanguage,
} from "./language.svelte";
export { hasMessage, t, tOr, tParts, translate, type MessagePart, type Params } from "./translate";
