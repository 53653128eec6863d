// The support playbook's state: the language the officer reads it in (kept on this computer,
// apart from the interface language), and the search of the Playbook view.
import type { Guide } from "../bindings/Guide";
import type { Lang } from "../bindings/Lang";
import { LANGUAGE_NAMES, translate } from "../i18n";
import { IpcError, playbookSearch } from "../ipc";
import { Latest } from "../shared/latest.svelte";

export const LANGS: ReadonlyArray<Lang> = ["en", "de", "ja"];
/** Each language named in itself, as the interface's language select names it. */
export const LANG_LABEL: Readonly<Record<Lang, string>> = LANGUAGE_NAMES;

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
  results = $state.raw<Guide[]>([]);
  /** The query and language the results answer. */
  answered = $state<{ query: string; lang: Lang } | null>(null);
  readonly #search = new Latest();
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** The latest search has not answered yet. */
  get loading(): boolean {
    return this.#search.loading;
  }

  /** Why the latest search failed. */
  get error(): IpcError | null {
    return this.#search.error;
  }

  set error(value: IpcError | null) {
    this.#search.error = value;
  }

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
    const query = this.query.trim();
    const lang = playbookPrefs.lang;
    await this.#search.run(() => playbookSearch({ query, lang }), {
      done: (found) => {
        this.results = found;
        this.answered = { query, lang };
      },
    });
  }
}

export const playbookSearchState = new PlaybookSearch();

export type GuideHeading = "steps" | "facts" | "where" | "timers";

/**
 * A heading of a guide in the guide's own language, not the interface's: the headings read with
 * the steps under them (`playbook.guide.<heading>` of that language's catalogue).
 */
export function guideHeading(lang: Lang, heading: GuideHeading): string {
  return translate(isLang(lang) ? lang : "en", `playbook.guide.${heading}`);
}
