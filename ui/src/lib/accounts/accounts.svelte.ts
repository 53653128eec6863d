// The Accounts view's state: every connected account and every credit case.
import type { AccountRow } from "../bindings/AccountRow";
import type { CreditCaseRow } from "../bindings/CreditCaseRow";
import type { AccountsFilter } from "../nav.svelte";
import { IpcError, listAccounts, listCreditCases, toIpcError } from "../ipc";

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
  accounts = $state<AccountRow[]>([]);
  cases = $state<CreditCaseRow[]>([]);
  loading = $state(false);
  loaded = $state(false);
  error = $state<IpcError | null>(null);
  #request = 0;

  async load(): Promise<void> {
    const mine = ++this.#request;
    this.loading = true;
    try {
      const [accounts, cases] = await Promise.all([listAccounts(), listCreditCases()]);
      if (mine !== this.#request) return;
      this.accounts = accounts;
      this.cases = cases;
      this.error = null;
      this.loaded = true;
    } catch (e) {
      if (mine !== this.#request) return;
      this.error = toIpcError(e);
    } finally {
      if (mine === this.#request) this.loading = false;
    }
  }
}

export const accountsStore = new AccountsStore();
