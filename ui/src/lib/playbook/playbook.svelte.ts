// The support playbook's state: the language the officer reads it in (kept on this computer),
// and the search of the Playbook view.
import type { Guide } from "../bindings/Guide";
import type { Lang } from "../bindings/Lang";
import { IpcError, playbookSearch, toIpcError } from "../ipc";

export const LANGS: ReadonlyArray<Lang> = ["en", "de", "ja"];
export const LANG_LABEL: Record<Lang, string> = { en: "English", de: "Deutsch", ja: "日本語" };

/** Where the choice of language is kept. */
export const LANG_KEY = "cdesk.playbook.lang";
export const SEARCH_DEBOUNCE_MS = 250;

function isLang(v: unknown): v is Lang {
  return typeof v === "string" && (LANGS as ReadonlyArray<string>).includes(v);
}

function storedLang(): Lang {
  try {
    const v = typeof localStorage !== "undefined" ? localStorage.getItem(LANG_KEY) : null;
    return isLang(v) ? v : "en";
  } catch {
    return "en";
  }
}

export class PlaybookPrefs {
  lang = $state<Lang>(storedLang());

  setLang(lang: Lang): void {
    if (!isLang(lang)) return;
    this.lang = lang;
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // A private window may refuse storage: the choice holds until the app is closed.
    }
  }
}

export const playbookPrefs = new PlaybookPrefs();

export class PlaybookSearch {
  query = $state("");
  results = $state<Guide[]>([]);
  /** The query and language the results answer. */
  answered = $state<{ query: string; lang: Lang } | null>(null);
  loading = $state(false);
  error = $state<IpcError | null>(null);
  #request = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** Searches after typing stops for a moment. */
  schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.run();
    }, SEARCH_DEBOUNCE_MS);
  }

  /** Searches now in the chosen language; an empty query lists every path. */
  async run(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    const mine = ++this.#request;
    const query = this.query.trim();
    const lang = playbookPrefs.lang;
    this.loading = true;
    try {
      const found = await playbookSearch({ query, lang });
      if (mine !== this.#request) return;
      this.results = found;
      this.answered = { query, lang };
      this.error = null;
    } catch (e) {
      if (mine !== this.#request) return;
      this.error = toIpcError(e);
    } finally {
      if (mine === this.#request) this.loading = false;
    }
  }
}

export const playbookSearchState = new PlaybookSearch();

/** The headings of a guide, in the guide's own language. */
export const GUIDE_HEADINGS: Record<Lang, { steps: string; facts: string; where: string; timers: string }> = {
  en: { steps: "Steps", facts: "Facts", where: "Where to look", timers: "Timers" },
  de: { steps: "Schritte", facts: "Fakten", where: "Wo nachsehen", timers: "Fristen" },
  ja: { steps: "手順", facts: "確認事項", where: "確認する場所", timers: "タイマー" },
};
