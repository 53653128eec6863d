import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ComplaintRow } from "../bindings/ComplaintRow";
import type { ListComplaintsInput } from "../bindings/ListComplaintsInput";
import type { RegisterCounts } from "../bindings/RegisterCounts";
import { recorded, recordedMine } from "../complaints/fixtures";
import { defaultFilters, register } from "../complaints/register.svelte";
import { nav } from "../nav.svelte";
import { teamConnectionStore } from "../team/connection.svelte";
import { localConnection } from "../team/fixtures";
import AppHeader from "./AppHeader.svelte";
import RegisterView from "./RegisterView.svelte";

/** The register's row of a recorded complaint (the open, unassigned operational one). */
function unassignedRow(): ComplaintRow {
  const d = recorded.operationalOpen;
  const c = d.complaint;
  return {
    id: d.id,
    received_at: d.received_at,
    received_date: d.received_date,
    kind: d.kind,
    grounds: c.grounds,
    status: d.status,
    overdue: d.overdue,
    product: c.intake.product,
    channel: c.intake.channel,
    summary: c.intake.summary,
    complainant_name: c.intake.complainant.name,
    contact_hold: d.contact_hold,
    deadlines: d.deadlines,
    next_deadline: d.next_deadline,
    next_timer: null,
    assignee: c.assignee,
  };
}

/** The last element of a list (the last command of a kind). */
const last = <T,>(list: ReadonlyArray<T>): T | undefined => list[list.length - 1];

const counts = (open: number): RegisterCounts => ({ today: "2026-11-23", open, overdue: 0, due_today: 0, due_soon: 0, on_hold: 0, report_due: null });

describe("register: Mine", () => {
  let lists: ListComplaintsInput[];
  let countArgs: Record<string, unknown>[];

  beforeEach(() => {
    lists = [];
    countArgs = [];
    mockIPC((cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      switch (cmd) {
        case "list_complaints": {
          const input = a.input as ListComplaintsInput;
          lists.push(input);
          const items = input.mine ? recordedMine : [unassignedRow(), ...recordedMine];
          return { items, total: items.length, total_exact: true, today: "2026-11-23" };
        }
        case "register_counts":
          countArgs.push(a);
          return a.mine ? counts(1) : counts(7);
        default:
          throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
      }
    });
  });

  afterEach(() => {
    clearMocks();
    register.filters = defaultFilters();
    register.items = [];
    register.counts = null;
    nav.register();
  });

  it("shows who each complaint is assigned to", async () => {
    render(RegisterView);
    const assigned = await screen.findByTestId(`register-assignee-${recordedMine[0].id}`);
    expect(recordedMine[0].assignee).toBe("a.okafor");
    expect(assigned.textContent?.trim()).toBe("a.okafor");
    const nobody = screen.getByTestId(`register-assignee-${recorded.operationalOpen.id}`);
    expect(nobody.textContent?.trim()).toBe("—");
    expect(within(nobody).getByTitle("Unassigned")).toBeTruthy();
    const headers = within(screen.getByTestId("register-table")).getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers).toContain("Assigned to");
  });

  it("asks for the officer's complaints only, and scopes the header counts to them", async () => {
    render(AppHeader, { onhelp: () => {} });
    render(RegisterView);
    await waitFor(() => expect(screen.getByTestId("count-open").getAttribute("data-count")).toBe("7"));
    expect(last(lists)?.mine).toBe(false);
    expect(last(countArgs)).toEqual({});
    expect(screen.queryByTestId("counts-mine")).toBeNull();

    const mine = screen.getByTestId("filter-mine");
    expect(mine.getAttribute("aria-pressed")).toBe("false");
    await fireEvent.click(mine);
    await waitFor(() => expect(screen.getByTestId("count-open").getAttribute("data-count")).toBe("1"));
    expect(mine.getAttribute("aria-pressed")).toBe("true");
    expect(last(lists)).toMatchObject({ status: "open", mine: true, offset: 0 });
    expect(last(countArgs)).toEqual({ mine: true });
    expect(screen.getByTestId("counts-mine").textContent).toBe("Mine only");
    const rows = within(screen.getByTestId("register-table")).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.getAttribute("data-testid"))).toEqual(recordedMine.map((r) => `register-row-${r.id}`));

    // A header count shows its complaints within Mine, since it counted them.
    await fireEvent.click(screen.getByTestId("count-overdue"));
    await waitFor(() => expect(last(lists)).toMatchObject({ status: "overdue", mine: true }));

    // Reset filters: every open complaint again, and the counts of all.
    await fireEvent.click(screen.getByTestId("filter-reset"));
    await waitFor(() => expect(screen.getByTestId("count-open").getAttribute("data-count")).toBe("7"));
    expect(last(lists)).toMatchObject({ status: "open", mine: false });
    expect(last(countArgs)).toEqual({});
    expect(screen.getByTestId("filter-mine").getAttribute("aria-pressed")).toBe("false");
  });
});

describe("register: a database that cannot be opened", () => {
  let problem: string | null;
  let calls: string[];
  const damaged = { code: "storage", message: "the database file /data/desk.db is damaged (file is not a database): restore a backup from Settings", field: null, rule: null };
  const signIn = {
    code: "storage",
    message: "the team database postgres://ana@db:5432/desk could not be opened: the password of ana is not kept; sign in again",
    field: null,
    rule: null,
  };

  beforeEach(() => {
    calls = [];
    problem = null;
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "team_connection") {
        return localConnection(problem ? { saved: { host: "db", port: 5432, database: "desk", user: "ana" }, problem } : {});
      }
      throw problem ? signIn : damaged;
    });
  });

  afterEach(() => {
    clearMocks();
    register.filters = defaultFilters();
    register.items = [];
    register.counts = null;
    register.error = null;
    teamConnectionStore.view = null;
    nav.register();
  });

  it("says why, in the register, and offers no sign-in when the team database is not the cause", async () => {
    render(RegisterView);
    const view = screen.getByTestId("register-view");
    await waitFor(() => expect(view.textContent).toContain("damaged"));
    await waitFor(() => expect(calls).toContain("team_connection"));
    expect(screen.queryByTestId("team-open-problem")).toBeNull();
    expect(screen.queryByTestId("team-form")).toBeNull();
  });

  it("offers to sign in to the saved team database again, or to use the local file, when that is why", async () => {
    problem = "the password of ana for postgres://ana@db:5432/desk is not kept: type it to sign in";
    render(RegisterView);
    const view = screen.getByTestId("register-view");
    const offer = await within(view).findByTestId("team-open-problem");
    expect(view.textContent).toContain("could not be opened");
    expect(within(offer).getByTestId("team-open-problem-text").textContent).toBe(problem);
    expect((within(offer).getByTestId("team-database") as HTMLInputElement).value).toBe("desk");
    expect(within(offer).getByTestId("team-password")).toBeTruthy();
    expect(within(offer).getByTestId("team-connect")).toBeTruthy();
    expect(within(offer).getByTestId("team-disconnect").textContent).toContain("Use the local file instead");
  });
});
