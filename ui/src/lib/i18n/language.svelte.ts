// The language the interface is shown in: English, German or Japanese. It is reactive state, so
// every `t(...)` and every date or number formatted in markup is written again when it changes.
// Remembered on this computer (localStorage); until chosen, the browser engine's language when it
// is German or Japanese, otherwise English.

export type UiLanguage = "en" | "de" | "ja";

/** The languages of the interface, in the order the language select lists them. */
export const UI_LANGUAGES: ReadonlyArray<UiLanguage> = ["en", "de", "ja"];

/** Each language's name written in that language, as the language select shows it. */
export const LANGUAGE_NAMES: Readonly<Record<UiLanguage, string>> = {
  en: "English",
  de: "Deutsch",
  ja: "日本語",
};

/** The locale dates, numbers and plural rules follow for each language. */
export const LOCALE_TAGS: Readonly<Record<UiLanguage, string>> = {
  en: "en-US",
  de: "de-DE",
  ja: "ja-JP",
};

/** localStorage key of the language chosen in Settings. */
export const LANGUAGE_KEY = "cdesk.language";

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === "string" && (UI_LANGUAGES as ReadonlyArray<string>).includes(value);
}

/** The interface language for a BCP 47 tag such as `de-AT` or `ja`: de or ja when it is one of them, else en. */
export function languageFor(tag: string | null | undefined): UiLanguage {
  const primary = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return isUiLanguage(primary) ? primary : "en";
}

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

/** The language remembered on this computer, or null when none was chosen. */
export function rememberedLanguage(): UiLanguage | null {
  try {
    const value = storage()?.getItem(LANGUAGE_KEY);
    return isUiLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

/** The language to start in: the one remembered, else the engine's (`navigator.language`). */
export function initialLanguage(): UiLanguage {
  const remembered = rememberedLanguage();
  if (remembered) return remembered;
  return languageFor(typeof navigator === "undefined" ? null : navigator.language);
}

function applyToDocument(lang: UiLanguage): void {
  if (typeof document !== "undefined" && document.documentElement) document.documentElement.lang = lang;
}

class LanguageState {
  current = $state<UiLanguage>(initialLanguage());
}

const state = new LanguageState();
applyToDocument(state.current);

/** The interface language now. Reading it in markup or `$derived` makes that part follow changes. */
export function language(): UiLanguage {
  return state.current;
}

/** The locale of the interface language now (`en-US`, `de-DE`, `ja-JP`), for Intl. */
export function locale(): string {
  return LOCALE_TAGS[state.current];
}

/**
 * Switches the whole interface to `lang` at once, sets `<html lang>`, and remembers the choice
 * on this computer unless `remember` is false.
 */
export function setLanguage(lang: UiLanguage, { remember = true }: { remember?: boolean } = {}): void {
  if (!isUiLanguage(lang)) return;
  state.current = lang;
  applyToDocument(lang);
  if (remember) {
    try {
      storage()?.setItem(LANGUAGE_KEY, lang);
    } catch {
      // Not remembered; the language still applies until the app is closed.
    }
  }
}
