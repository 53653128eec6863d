import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ComplaintPage } from "../bindings/ComplaintPage";
import type { ComplaintRow } from "../bindings/ComplaintRow";
import type { ListComplaintsInput } from "../bindings/ListComplaintsInput";
import type { Urgency } from "../bindings/Urgency";
import { defaultFilters, PAGE_SIZE, RegisterStore, SEARCH_DEBOUNCE_MS, toListInput } from "./register.svelte";

function row(id: string, urgency: Urgency | null, hold = false): ComplaintRow {
  return {
    id,
    received_at: "2026-11-20T15:00:00Z",
    received_date: "2026-11-20",
    kind: hold ? "executive" : "operational",
    grounds: hold ? ["regulator"] : [],
    status: "open",
    overdue: urgency === "overdue",
    product: "issuing",
    channel: "email",
    summary: "s",
    complainant_name: "n",
    contact_hold: hold,
    deadlines: { acknowledge_by: null, resolve_by: null, notify_stripe_by: null },
    next_deadline: urgency ? { clock: "acknowledge", due: "2026-11-23", business_days_left: 0, urgency } : null,
    next_timer: null,
    assignee: null,
  };
}

describe("filters → list_complaints input", () => {
  it("asks for the first page of open complaints by default", () => {
    expect(toListInput(defaultFilters(), 0)).toEqual({
      status: "open",
      kind: null,
      product: null,
      due_this_week: false,
      search: null,
      limit: 50,
      offset: 0,
      mine: false,
    });
  });

  it("maps every filter and the page", () => {
    const f = { ...defaultFilters(), status: "resolved" as const, kind: "executive" as const, product: "treasury" as const, dueThisWeek: true, search: "  acct_123 ", mine: true };
    expect(toListInput(f, 2)).toEqual({
      status: "resolved",
      kind: "executive",
      product: "treasury",
      due_this_week: true,
      search: "acct_123",
      limit: PAGE_SIZE,
      offset: 100,
      mine: true,
    });
  });

  it("turns a blank search into null", () => {
    expect(toListInput({ ...defaultFilters(), search: "   " }, 0).search).toBeNull();
  });

  it("asks the backend for exactly the complaints behind the header's counts", () => {
    expect(toListInput({ ...defaultFilters(), status: "resolved", quick: "due_today" }, 0).status).toBe("due_today");
    expect(toListInput({ ...defaultFilters(), quick: "on_hold" }, 0)).toMatchObject({ status: "on_hold", kind: null });
  });
});

describe("register store", () => {
  let inputs: ListComplaintsInput[];
  const last = () => inputs[inputs.length - 1];
  let pages: (input: ListComplaintsInput) => ComplaintPage;

  beforeEach(() => {
    inputs = [];
    pages = () => ({ items: [], total: 0, total_exact: true, today: "2026-11-23" });
    mockIPC((cmd, args) => {
      if (cmd === "list_complaints") {
        const input = (args as { input: ListComplaintsInput }).input;
        inputs.push(input);
        return pages(input);
      }
      if (cmd === "register_counts") return { today: "2026-11-23", open: 3, overdue: 1, due_today: 1, due_soon: 0, on_hold: 1, report_due: null };
      throw { code: "internal", message: `unexpected ${cmd}`, field: null, rule: null };
    });
  });

  afterEach(() => {
    clearMocks();
    vi.useRealTimers();
  });

  it("sends the filters it holds and resets to the first page", async () => {
    const store = new RegisterStore();
    store.page = 3;
    await store.setFilters({ status: "overdue", product: "issuing" });
    expect(last()).toMatchObject({ status: "overdue", product: "issuing", offset: 0, limit: 50 });
    expect(store.page).toBe(0);
  });

  it("pages through the results", async () => {
    pages = (input) => ({ items: [row(`CMP-${input.offset}`, "later")], total: 120, total_exact: true, today: "2026-11-23" });
    const store = new RegisterStore();
    await store.loadPage();
    expect(store.pageCount).toBe(3);
    await store.goToPage(2);
    expect(last()?.offset).toBe(100);
    expect(store.firstShown).toBe(101);
    await store.goToPage(5);
    expect(last()?.offset).toBe(100);
  });

  it("a broad search's count is a lower bound: the pages go on while they are full", async () => {
    const full = (offset: number) => Array.from({ length: 50 }, (_, i) => row(`CMP-${offset + i}`, "later"));
    pages = (input) => ({ items: full(input.offset), total: 2000, total_exact: false, today: "2026-11-23" });
    const store = new RegisterStore();
    await store.loadPage();
    expect(store.totalExact).toBe(false);
    await store.goToPage(39);
    expect(store.pageCount).toBe(41);
    await store.goToPage(40);
    expect(last()?.offset).toBe(2000); // past the counted 2,000
    expect([store.firstShown, store.lastShown]).toEqual([2001, 2050]);
  });

  it("waits for typing to pause before searching", async () => {
    vi.useFakeTimers();
    const store = new RegisterStore();
    store.setSearch("ma");
    store.setSearch("mar");
    store.setSearch("maria");
    expect(inputs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 10);
    expect(inputs).toHaveLength(1);
    expect(inputs[0].search).toBe("maria");
  });

  it("shows exactly the complaints behind a header count", async () => {
    pages = (input) =>
      input.status === "due_today"
        ? { items: [row("B", "due_today"), row("C", "due_today", true)], total: 2, total_exact: true, today: "2026-11-23" }
        : { items: [row("C", "due_today", true), row("E", null, true)], total: 2, total_exact: true, today: "2026-11-23" };
    const store = new RegisterStore();
    await store.showCount("due_today");
    expect(last()).toMatchObject({ status: "due_today", kind: null, search: null, offset: 0 });
    expect(store.items.map((r) => r.id)).toEqual(["B", "C"]);
    expect(store.total).toBe(2);
    expect(store.activeCount).toBe("due_today");

    await store.showCount("on_hold");
    expect(last()).toMatchObject({ status: "on_hold" });
    expect(store.items.map((r) => r.id)).toEqual(["C", "E"]);

    await store.showCount("overdue");
    expect(last()).toMatchObject({ status: "overdue", kind: null, search: null });
    expect(store.activeCount).toBe("overdue");
  });

  it("moves the selection within the page", async () => {
    pages = () => ({ items: [row("A", "later"), row("B", "later")], total: 2, total_exact: true, today: "2026-11-23" });
    const store = new RegisterStore();
    await store.loadPage();
    store.moveSelection(1);
    expect(store.selected?.id).toBe("B");
    store.moveSelection(5);
    expect(store.selected?.id).toBe("B");
    store.moveSelection(-9);
    expect(store.selected?.id).toBe("A");
  });

  it("keeps the page asked for last when an earlier answer arrives after it", async () => {
    const answers = new Map<number, (page: ComplaintPage) => void>();
    mockIPC((_cmd, args) => {
      const input = (args as { input: ListComplaintsInput }).input;
      return new Promise<ComplaintPage>((resolve) => answers.set(input.offset, resolve));
    });
    const store = new RegisterStore();
    store.total = 120;
    const first = store.loadPage();
    const second = store.goToPage(1);
    expect(store.loading).toBe(true);
    answers.get(50)?.({ items: [row("CMP-50", "later")], total: 120, total_exact: true, today: "2026-11-23" });
    await second;
    expect(store.loading).toBe(false);
    answers.get(0)?.({ items: [row("CMP-0", "later")], total: 999, total_exact: true, today: "2026-11-23" });
    await first;
    expect(store.items.map((r) => r.id)).toEqual(["CMP-50"]);
    expect(store.total).toBe(120);
    expect(store.loaded).toBe(true);
  });

  it("keeps the refusal when the list cannot be loaded", async () => {
    pages = () => {
      throw { code: "storage", message: "database is locked", field: null, rule: null };
    };
    const store = new RegisterStore();
    await store.refresh();
    expect(store.error?.code).toBe("storage");
    expect(store.error?.message).toBe("database is locked");
    expect(store.counts?.open).toBe(3);
  });
});
