// The Accounts view's state: every connected account and every credit case.
import type { AccountRow } from "../bindings/AccountRow";
import type { CreditCaseRow } from "../bindings/CreditCaseRow";
import type { AccountsFilter } from "../nav.svelte";
import { IpcError, listAccounts, listCreditCases } from "../ipc";
import { Latest } from "../shared/latest.svelte";

export type NoticeUrgency = "sent" | "overdue" | "soon" | "later";

/** Where a case's notice stands, as the backend judged it (the header counts the same way). */
export function noticeUrgency(row: Pick<CreditCaseRow, "notice_sent" | "notice_overdue" | "notice_due_soon">): NoticeUrgency {
  if (row.notice_sent) return "sent";
  if (row.notice_overdue) return "overdue";
  return row.notice_due_soon ? "soon" : "later";
}

/**
 * The cases a filter shows: all of them as listed (newest first), or only those whose notice is
 * not sent yet, the earliest due first.
 */
export function casesShown(cases: ReadonlyArray<CreditCaseRow>, filter: AccountsFilter): CreditCaseRow[] {
  if (filter === "all") return [...cases];
  return cases.filter((c) => !c.notice_sent).sort((a, b) => Date.parse(a.notice_due) - Date.parse(b.notice_due));
}

export class AccountsStore {
  accounts = $state.raw<AccountRow[]>([]);
  cases = $state.raw<CreditCaseRow[]>([]);
  loaded = $state(false);
  readonly #load = new Latest();

  get loading(): boolean {
    return this.#load.loading;
  }

  get error(): IpcError | null {
    return this.#load.error;
  }

  set error(value: IpcError | null) {
    this.#load.error = value;
  }

  /** Reads the accounts and the cases; only the latest read's answer is kept. */
  async load(): Promise<void> {
    await this.#load.run(() => Promise.all([listAccounts(), listCreditCases()]), {
      done: ([accounts, cases]) => {
        this.accounts = accounts;
        this.cases = cases;
        this.loaded = true;
      },
    });
  }
}

export const accountsStore = new AccountsStore();
