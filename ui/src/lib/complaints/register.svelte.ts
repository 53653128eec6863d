// The register's state: filters, the current page, the header counts, and how to refresh them.
import type { ComplaintKind } from "../bindings/ComplaintKind";
import type { ComplaintRow } from "../bindings/ComplaintRow";
import type { ListComplaintsInput } from "../bindings/ListComplaintsInput";
import type { Product } from "../bindings/Product";
import type { RegisterCounts } from "../bindings/RegisterCounts";
import { t } from "../i18n/translate";
import { IpcError, listComplaints, registerCounts } from "../ipc";
import { Latest } from "../shared/latest.svelte";

export type StatusFilter = "open" | "overdue" | "resolved" | "all";
export const STATUS_FILTERS: ReadonlyArray<StatusFilter> = ["open", "overdue", "resolved", "all"];

/** Header counts that are not plain statuses; `list_complaints` filters by them directly. */
export type QuickFilter = "due_today" | "due_soon" | "on_hold";

export type CountKey = "overdue" | "due_today" | "due_soon" | "on_hold" | "open";

export interface RegisterFilters {
  status: StatusFilter;
  kind: ComplaintKind | null;
  product: Product | null;
  dueThisWeek: boolean;
  search: string;
  quick: QuickFilter | null;
  /** Only the complaints assigned to the desk's officer; the header counts follow it. */
  mine: boolean;
}

export const PAGE_SIZE = 50;
export const SEARCH_DEBOUNCE_MS = 250;

export function defaultFilters(): RegisterFilters {
  return { status: "open", kind: null, product: null, dueThisWeek: false, search: "", quick: null, mine: false };
}

/** The `list_complaints` input for a filter set and a zero-based page. */
export function toListInput(filters: RegisterFilters, page: number, pageSize: number = PAGE_SIZE): ListComplaintsInput {
  const search = filters.search.trim();
  return {
    status: filters.quick ?? filters.status,
    kind: filters.kind,
    product: filters.product,
    due_this_week: filters.dueThisWeek,
    search: search === "" ? null : search,
    limit: pageSize,
    offset: Math.max(0, page) * pageSize,
    mine: filters.mine,
  };
}

/** The status buttons' labels. */
export function statusFilterLabel(status: StatusFilter): string {
  return t(`complaints.filters.statusFilter.${status}`);
}

/** The chip of a header count's filter. */
export function quickLabel(quick: QuickFilter): string {
  return t(`complaints.filters.quick.${quick}`);
}

export class RegisterStore {
  filters = $state<RegisterFilters>(defaultFilters());
  /** Zero-based page. */
  page = $state(0);
  items = $state.raw<ComplaintRow[]>([]);
  total = $state(0);
  /** False for a search term found in very many complaints: `total` is then "at least". */
  totalExact = $state(true);
  today = $state<string | null>(null);
  counts = $state<RegisterCounts | null>(null);
  loaded = $state(false);
  selectedIndex = $state(0);

  /** With a count that is only a lower bound, there is always one page more while pages are full. */
  pageCount = $derived(
    Math.max(
      1,
      Math.ceil(this.total / PAGE_SIZE),
      !this.totalExact && this.items.length === PAGE_SIZE ? this.page + 2 : 0,
    ),
  );
  selected = $derived<ComplaintRow | undefined>(this.items[this.selectedIndex]);
  firstShown = $derived(this.total === 0 ? 0 : this.page * PAGE_SIZE + 1);
  lastShown = $derived(
    this.totalExact ? Math.min(this.total, this.page * PAGE_SIZE + this.items.length) : this.page * PAGE_SIZE + this.items.length,
  );
  /** The header count that the current filters show exactly, if any. */
  activeCount = $derived<CountKey | null>(activeCountOf(this.filters));
  filtered = $derived(isFiltered(this.filters));

  readonly #page = new Latest();
  /** The counts of the scope asked for last (all, or Mine): a slower answer for the other is dropped. */
  readonly #counts = new Latest();
  #searchTimer: ReturnType<typeof setTimeout> | null = null;

  /** Reloads the page and the counts. */
  async refresh(): Promise<void> {
    await Promise.all([this.loadPage(), this.loadCounts()]);
  }

  /** Reads the header counts, scoped like the register (every open complaint, or Mine). */
  async loadCounts(): Promise<void> {
    const mine = this.filters.mine;
    await this.#counts.run(() => registerCounts(mine), { done: (counts) => (this.counts = counts) });
  }

  /** Why the counts could not be read. */
  get countsError(): IpcError | null {
    return this.#counts.error;
  }

  /** The page is being read. */
  get loading(): boolean {
    return this.#page.loading;
  }

  /** Why the page could not be read. */
  get error(): IpcError | null {
    return this.#page.error;
  }

  set error(value: IpcError | null) {
    this.#page.error = value;
  }

  /** Reads the page the filters and the page number ask for; only the latest read's answer is kept. */
  async loadPage(): Promise<void> {
    const filters = $state.snapshot(this.filters) as RegisterFilters;
    const page = this.page;
    await this.#page.run(() => listComplaints(toListInput(filters, page)), {
      done: (result) => {
        const items = result.items;
        this.items = items;
        this.total = result.total;
        this.totalExact = result.total_exact;
        this.today = result.today;
        this.selectedIndex = Math.min(this.selectedIndex, Math.max(0, items.length - 1));
        this.loaded = true;
      },
      failed: () => {
        this.items = [];
        this.total = 0;
        this.totalExact = true;
        this.loaded = true;
      },
    });
  }

  /** Changes filters and goes back to the first page; a change of Mine also rescopes the counts. */
  setFilters(patch: Partial<RegisterFilters>): Promise<void> {
    const rescoped = patch.mine !== undefined && patch.mine !== this.filters.mine;
    this.filters = { ...this.filters, ...patch };
    this.page = 0;
    this.selectedIndex = 0;
    this.#cancelSearch();
    return rescoped ? this.refresh() : this.loadPage();
  }

  /** Types into the search box: the list reloads once typing pauses. */
  setSearch(text: string): void {
    this.filters = { ...this.filters, search: text };
    this.#cancelSearch();
    this.#searchTimer = setTimeout(() => {
      this.#searchTimer = null;
      this.page = 0;
      this.selectedIndex = 0;
        void this.loadPage();
    }, SEARCH_DEBOUNCE_MS);
  }

  #cancelSearch(): void {
    if (this.#searchTimer !== null) {
      clearTimeout(this.#searchTimer);
      this.#searchTimer = null;
    }
  }

  /**
   * Shows exactly the complaints behind one of the header counts. The counts are Mine's while
   * Mine is on, so it stays on.
   */
  showCount(which: CountKey): Promise<void> {
    const base = { ...defaultFilters(), mine: this.filters.mine };
    switch (which) {
      case "open":
        break;
      case "overdue":
        base.status = "overdue";
        break;
      default:
        base.quick = which;
    }
    this.filters = base;
    this.page = 0;
    this.selectedIndex = 0;
    this.#cancelSearch();
    return this.loadPage();
  }

  /** Back to every open complaint (Mine off, and the counts of all again). */
  async resetFilters(): Promise<void> {
    const rescoped = this.filters.mine;
    this.filters = { ...this.filters, mine: false };
    await Promise.all([this.showCount("open"), rescoped ? this.loadCounts() : Promise.resolve()]);
  }

  goToPage(page: number): Promise<void> {
    const p = Math.min(Math.max(0, page), this.pageCount - 1);
    if (p === this.page) return Promise.resolve();
    this.page = p;
    this.selectedIndex = 0;
    return this.loadPage();
  }

  moveSelection(delta: number): void {
    if (this.items.length === 0) return;
    this.selectedIndex = Math.min(Math.max(0, this.selectedIndex + delta), this.items.length - 1);
  }

  select(index: number): void {
    if (index >= 0 && index < this.items.length) this.selectedIndex = index;
  }
}

function activeCountOf(f: RegisterFilters): CountKey | null {
  const plain = f.kind === null && f.product === null && !f.dueThisWeek && f.search.trim() === "";
  if (!plain) return null;
  if (f.quick) return f.quick;
  if (f.status === "overdue") return "overdue";
  if (f.status === "open") return "open";
  return null;
}

function isFiltered(f: RegisterFilters): boolean {
  const d = defaultFilters();
  return (
    f.status !== d.status ||
    f.kind !== d.kind ||
    f.product !== d.product ||
    f.dueThisWeek !== d.dueThisWeek ||
    f.search.trim() !== "" ||
    f.quick !== null ||
    f.mine !== d.mine
  );
}

export const register = new RegisterStore();
