// One credit case as the wizard shows it, with its account (for the balance and when it was
// read) and the adverse-action notice's preview and files.
import type { AccountView } from "../bindings/AccountView";
import type { CreditCaseView } from "../bindings/CreditCaseView";
import type { CreditStepInput } from "../bindings/CreditStepInput";
import type { Language } from "../bindings/Language";
import {
  approveCreditCase,
  assignCreditCase,
  creditNoticeText,
  creditStep,
  getAccount,
  getCreditCase,
  IpcError,
  saveCreditNotice,
  voidCreditEntry,
} from "../ipc";
import { Latest } from "../shared/latest.svelte";
import type { NoticeFormat } from "./notice";

export class CreditCaseStore {
  id = $state<string | null>(null);
  view = $state<CreditCaseView | null>(null);
  account = $state<AccountView | null>(null);

  /**
   * The notice's language for the preview and the files (the case's language picker), and the
   * language a notice recorded as sent is preselected in. The program's notice language until
   * the officer picks another on this case.
   */
  language = $state<Language>("en");
  /** The officer picked the language on this case: the program's no longer replaces it. */
  #picked = false;
  preview = $state<string | null>(null);
  previewLanguage = $state<Language | null>(null);
  /** The language the notice was last previewed or saved in on this case (what the officer saw). */
  usedLanguage = $state<Language | null>(null);
  /** The notice format being written, if any. */
  saving = $state<NoticeFormat | null>(null);

  readonly #load = new Latest();
  /** Reads the notice for the preview: the language picked last wins. */
  readonly #preview = new Latest();

  /** The case is being read. */
  get loading(): boolean {
    return this.#load.loading;
  }

  /** Why the case could not be read. */
  get error(): IpcError | null {
    return this.#load.error;
  }

  set error(value: IpcError | null) {
    this.#load.error = value;
  }

  /** The notice is being read for the preview. */
  get previewBusy(): boolean {
    return this.#preview.loading;
  }

  /** Why the notice could not be read for the preview. */
  get noticeError(): IpcError | null {
    return this.#preview.error;
  }

  set noticeError(value: IpcError | null) {
    this.#preview.error = value;
  }

  /** Forgets the case shown. */
  reset(): void {
    this.#load.drop();
    this.#preview.drop();
    this.id = null;
    this.view = null;
    this.account = null;
    this.error = null;
    this.preview = null;
    this.previewLanguage = null;
    this.usedLanguage = null;
    this.#picked = false;
    this.noticeError = null;
    this.saving = null;
  }

  /** The officer picks the notice's language in the case's picker. */
  pickLanguage(language: Language): void {
    this.language = language;
    this.#picked = true;
  }

  /** The program's notice language: shown in the picker unless the officer picked one on this case. */
  defaultLanguage(language: Language): void {
    if (!this.#picked) this.language = language;
  }

  open(id: string): Promise<void> {
    if (id !== this.id) {
      this.#preview.drop();
      this.view = null;
      this.account = null;
      this.preview = null;
      this.previewLanguage = null;
      this.usedLanguage = null;
      this.#picked = false;
      this.noticeError = null;
    }
    this.id = id;
    return this.reload();
  }

  async reload(): Promise<void> {
    const id = this.id;
    if (!id) return;
    // The case shows as soon as it is read; the account (for the balance's read time) follows,
    // and the case still shows without it. Only the latest read's answers are kept.
    await this.#load.run(
      async (current) => {
        const view = await getCreditCase(id);
        if (!current()) return;
        this.view = view;
        this.error = null;
        try {
          const account = await getAccount(view.account_id);
          if (current()) this.account = account;
        } catch {
          if (current()) this.account = null;
        }
      },
      { failed: () => (this.view = null) },
    );
  }

  /**
   * The revision of the case shown (the seq of its last entry), sent with every change made from
   * it: the backend refuses the change (rule `stale_view`) when the case changed since.
   */
  get seen(): number | undefined {
    return this.view && this.view.id === this.id ? this.view.revision : undefined;
  }

  /** Records a step; throws an IpcError when refused. The case shown is the one returned. */
  async step(input: CreditStepInput): Promise<CreditCaseView> {
    return this.#shown(await creditStep({ ...input, seen: this.seen }));
  }

  /**
   * Four eyes: a second officer approves the decision at `at` (UTC): `approver` names them on a
   * single-user desk, null on a team database (the officer signed in). Throws an IpcError when
   * refused (rule `four_eyes_not_own_decision` for the officer who recorded it).
   */
  async approve(at: string, approver: string | null): Promise<CreditCaseView> {
    const id = this.id ?? "";
    return this.#shown(await approveCreditCase({ case_id: id, at, approver, seen: this.seen }));
  }

  /** Assigns the case to an officer; throws an IpcError when refused. */
  async assign(to: string): Promise<CreditCaseView> {
    const id = this.id ?? "";
    return this.#shown(await assignCreditCase({ case_id: id, to, seen: this.seen }));
  }

  /** Voids an entry recorded in error; throws an IpcError when refused. The case shown is the one returned. */
  async voidEntry(seq: number, reason: string): Promise<CreditCaseView> {
    const id = this.id ?? "";
    return this.#shown(await voidCreditEntry({ case_id: id, seq, reason, seen: this.seen }));
  }

  #shown(view: CreditCaseView): CreditCaseView {
    if (view.id === this.id) {
      this.view = view;
      // A step or a void may change the account (deactivated, capability revoked, limit applied).
      void getAccount(view.account_id).then(
        (a) => {
          if (this.view?.account_id === a.id) this.account = a;
        },
        () => {},
      );
      if (this.previewLanguage) void this.loadPreview(this.previewLanguage);
    }
    return view;
  }

  /** Reads the notice as plain text in a language, for the preview. */
  async loadPreview(language: Language = this.language): Promise<void> {
    const id = this.id;
    if (!id) return;
    await this.#preview.run(() => creditNoticeText({ case_id: id, format: "text", language }), {
      done: (text) => {
        this.preview = text;
        this.previewLanguage = language;
        this.usedLanguage = language;
      },
    });
  }

  /**
   * Saves the notice as PDF or text: the backend writes it into the export folder when set,
   * otherwise where the officer picks in its save dialog. Resolves to the path written, or null
   * when the dialog was cancelled. Throws an IpcError.
   */
  async saveNotice(format: NoticeFormat, language: Language = this.language): Promise<string | null> {
    const id = this.id;
    if (!id || this.saving) return null;
    this.saving = format;
    try {
      const path = await saveCreditNotice({ case_id: id, format, language });
      if (path && this.id === id) this.usedLanguage = language;
      return path;
    } finally {
      this.saving = null;
    }
  }
}

export const creditCase = new CreditCaseStore();
