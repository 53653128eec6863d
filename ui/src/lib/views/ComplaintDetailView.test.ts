import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ComplaintDetail } from "../bindings/ComplaintDetail";
import type { TeamChange } from "../bindings/TeamChange";
import type { Taxonomy } from "../bindings/Taxonomy";
import { complaint, complaintDetail, loggedEntry, recorded, recordedActions, timelineEntry, timer } from "../complaints/fixtures";
import { guide } from "../playbook/fixtures";
import { settingsStore } from "../settings/settings.svelte";
import { toasts } from "../shared/toast.svelte";
import { appInfo, teamChange, teamSignIn } from "../team/fixtures";
import { teamLive } from "../team/live.svelte";
import ComplaintDetailView from "./ComplaintDetailView.svelte";

/** The taxonomy's root causes and remediations the examiner's fields are shown with (a few of each). */
const TAXONOMY: Taxonomy = {
  topic: [],
  root_cause: [{ code: "disclosure_unclear", label: "Disclosure, terms or communication unclear" }],
  remediation: [{ code: "disclosure_updated", label: "Disclosure or customer communication updated" }],
};

/** Answers the detail view's commands; `commands` gets the ones that change something. */
function backend(detail: ComplaintDetail, answers: Record<string, () => ComplaintDetail> = {}) {
  const commands: { cmd: string; input: unknown }[] = [];
  mockIPC((cmd, args) => {
    if (cmd === "get_complaint") return detail;
    if (cmd === "taxonomy") return TAXONOMY;
    if (cmd === "list_complaints") return { items: [], total: 0, total_exact: true, today: detail.today };
    if (cmd === "playbook_guide") return guide("en", { issue_type: (args as { input: { issue_type: string } }).input.issue_type });
    if (cmd === "register_counts") return { today: detail.today, open: 0, overdue: 0, due_today: 0, due_soon: 0, on_hold: 0, report_due: null };
    const answer = answers[cmd];
    if (!answer) throw { code: "internal", message: `unexpected ${cmd}`, field: null, rule: null };
    commands.push({ cmd, input: (args as { input: unknown }).input });
    return answer();
  });
  return commands;
}

afterEach(() => clearMocks());

describe("complaint detail", () => {
  it("shows the complaint asked for last when the one left answers after it", async () => {
    const answers = new Map<string, (d: ComplaintDetail) => void>();
    mockIPC((cmd, args) => {
      if (cmd === "get_complaint") return new Promise<ComplaintDetail>((resolve) => answers.set((args as { id: string }).id, resolve));
      if (cmd === "taxonomy") return TAXONOMY;
      if (cmd === "playbook_guide") return guide("en", { issue_type: (args as { input: { issue_type: string } }).input.issue_type });
      throw { code: "internal", message: `unexpected ${cmd}`, field: null, rule: null };
    });
    const first = complaintDetail({}, complaint({ id: "CMP-2026-00007" }));
    const second = complaintDetail({}, complaint({ id: "CMP-2026-00008" }));
    const view = render(ComplaintDetailView, { id: first.id });
    expect(screen.getByText(/CMP-2026-00007/)).toBeTruthy();
    await view.rerender({ id: second.id });
    await waitFor(() => expect(answers.has(second.id)).toBe(true));
    answers.get(second.id)?.(second);
    expect((await screen.findByTestId("complaint-id")).textContent).toBe("CMP-2026-00008");
    answers.get(first.id)?.(first);
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByTestId("complaint-id").textContent).toBe("CMP-2026-00008");
  });

  it("marks an open complaint as not a complaint and then says so with the date and reason", async () => {
    const open = complaintDetail();
    const markedComplaint = complaint({
      status: "not_a_complaint",
      not_a_complaint: { at: "2026-11-23T16:00:00Z", reason: "Raised by our own support agent" },
    });
    const marked = complaintDetail({ status: "not_a_complaint" }, markedComplaint);
    const commands = backend(open, { mark_not_a_complaint: () => marked });
    render(ComplaintDetailView, { id: open.id });
    await fireEvent.click(await screen.findByTestId("action-not-a-complaint"));
    await fireEvent.input(screen.getByTestId("not-a-complaint-reason"), { target: { value: "Raised by our own support agent" } });
    await fireEvent.click(screen.getByTestId("not-a-complaint-submit"));
    const banner = await screen.findByTestId("not-a-complaint-banner");
    expect(commands).toEqual([{ cmd: "mark_not_a_complaint", input: { complaint_id: open.id, reason: "Raised by our own support agent", at: null, seen: 1 } }]);
    expect(banner.textContent).toContain("2026-11-23 11:00 EST");
    expect(banner.textContent).toContain("Raised by our own support agent");
    expect(screen.getByTestId("complaint-status").textContent).toContain("Not a complaint");
    const again = screen.getByTestId("action-not-a-complaint") as HTMLButtonElement;
    expect(again.disabled).toBe(true);
    expect(again.getAttribute("title")).toContain("was marked not a complaint");
    expect(screen.queryByTestId("dialog-not-a-complaint")).toBeNull();
  });

  it("keeps every action in its place, disables the closed ones with the backend's reason, and offers Not a complaint last", async () => {
    const ids = [
      "action-notify_stripe",
      "action-stripe_review_completed",
      "action-acknowledge",
      "action-contact_customer",
      "action-resolve",
      "action-reopen",
      "action-reclassify",
      "action-approve_reclassification",
      "action-add_note",
      "action-assign",
      "track-button",
      "action-not-a-complaint",
    ];
    for (const detail of [recorded.operationalOpen, recorded.operationalResolved, recorded.executiveOpen, recorded.reclassificationPending, recorded.assigned]) {
      expect(detail.actions, `${detail.id}: the backend lists every action`).toHaveLength(12);
      backend(detail);
      const view = render(ComplaintDetailView, { id: detail.id });
      await screen.findByTestId("action-not-a-complaint");
      const buttons = within(screen.getByRole("toolbar")).getAllByRole("button") as HTMLButtonElement[];
      expect(buttons.map((b) => b.getAttribute("data-testid"))).toEqual(ids);
      for (const a of detail.actions) {
        const b = buttons[detail.actions.indexOf(a)];
        expect(b.disabled).toBe(!a.allowed);
        if (a.reason) expect(b.getAttribute("title")).toBe(a.reason);
      }
      view.unmount();
      clearMocks();
    }
    // An executive complaint on hold: the customer-facing steps say why they are closed.
    backend(recorded.executiveOpen);
    render(ComplaintDetailView, { id: recorded.executiveOpen.id });
    const contact = (await screen.findByTestId("action-contact_customer")) as HTMLButtonElement;
    expect(contact.disabled).toBe(true);
    expect(contact.title).toMatch(/^contact hold: .* Stripe has not yet reviewed it/);
    expect(screen.getByTestId("action-notify_stripe").className).toContain("primary");
    // Nothing waits for approval: the approval is closed with the backend's reason.
    const approve = screen.getByTestId("action-approve_reclassification") as HTMLButtonElement;
    expect(approve.disabled).toBe(true);
    expect(approve.getAttribute("data-rule")).toBe("no_reclassification_pending");
    expect(approve.title).toContain("has no reclassification waiting for approval");
    expect(screen.getByTestId("action-assign").textContent).toContain("Assign");
  });

  it("shows the first resolution and the reopenings of a reopened complaint", async () => {
    const first = { at: "2026-11-21T20:00:00Z", summary: "Refunded", outcome: "upheld" as const, compensation: null, root_cause: null };
    const c = complaint({
      reopened: true,
      first_resolution: first,
      reopenings: [
        { at: "2026-11-22T15:00:00Z", reason: "Customer says the refund never arrived" },
        { at: "2026-11-23T15:00:00Z", reason: "Again" },
      ],
    });
    backend(complaintDetail({}, c));
    render(ComplaintDetailView, { id: c.id });
    const firstLine = await screen.findByTestId("first-resolution");
    expect(firstLine.textContent).toContain("2026-11-21 15:00 EST");
    expect(firstLine.textContent).toContain("Upheld");
    const reopenings = screen.getByTestId("reopenings");
    expect(reopenings.getAttribute("data-count")).toBe("2");
    expect(reopenings.textContent).toContain("Reopened 2 times");
    expect(reopenings.textContent).toContain("2026-11-22 10:00 EST");
    expect(reopenings.textContent).toContain("2026-11-23 10:00 EST");
    expect(screen.queryByTestId("resolution")).toBeNull();
  });

  it("voids an entry from the history and shows the complaint the backend returns", async () => {
    const entry = timelineEntry(2);
    const before = complaintDetail({ timeline: [loggedEntry(), entry] });
    const after = complaintDetail({
      timeline: [
        loggedEntry(),
        { ...entry, voided: true, voided_by: 3, void_reason: "Wrong complaint", can_void: false },
        timelineEntry(3, { action: "voided", occurred_at: null, description: "Voided entry 2", event: { type: "voided", seq: 2, reason: "Wrong complaint" }, can_void: false }),
      ],
    });
    const commands = backend(before, { void_complaint_entry: () => after });
    render(ComplaintDetailView, { id: before.id });
    await fireEvent.click(await screen.findByTestId("void-entry-2"));
    await fireEvent.input(screen.getByTestId("void-reason"), { target: { value: "Wrong complaint" } });
    await fireEvent.click(screen.getByTestId("void-submit"));
    await waitFor(() => expect(screen.queryByTestId("dialog-void")).toBeNull());
    expect(commands).toEqual([{ cmd: "void_complaint_entry", input: { complaint_id: before.id, seq: 2, reason: "Wrong complaint", seen: 2 } }]);
    expect(within(screen.getByTestId("timeline-entry-2")).getByTestId("timeline-void-reason").textContent).toBe("Voided by entry 3: Wrong complaint");
    expect(screen.queryByTestId("void-entry-2")).toBeNull();
  });

  it("shows the support timers and tracks a fact, then shows the timer it started", async () => {
    const before = complaintDetail();
    const shipped = timelineEntry(2, {
      action: "tracked",
      description: "Card shipped by standard shipping (untracked)",
      event: { type: "tracked", at: "2026-11-20T15:00:00Z", fact: { event: "card_shipped", shipping: "standard" }, note: null },
    });
    const after = complaintDetail({ timers: [timer()], timeline: [loggedEntry(), shipped] });
    const commands = backend(before, { track_complaint: () => after });
    render(ComplaintDetailView, { id: before.id });
    await screen.findByTestId("track-button");
    expect(screen.queryByTestId("timer-card")).toBeNull();
    await fireEvent.click(screen.getByTestId("track-button"));
    await fireEvent.input(screen.getByTestId("track-at"), { target: { value: "2026-11-20" } });
    await fireEvent.input(screen.getByTestId("track-at_time"), { target: { value: "10:00" } });
    await fireEvent.change(screen.getByTestId("track-shipping"), { target: { value: "standard" } });
    await fireEvent.click(screen.getByTestId("track-save"));
    await waitFor(() => expect(screen.queryByTestId("track-dialog")).toBeNull());
    expect(commands).toEqual([
      { cmd: "track_complaint", input: { complaint_id: before.id, event: "card_shipped", at: "2026-11-20T10:00:00-05:00", shipping: "standard", merchant_category: null, note: null, seen: 1 } },
    ]);
    const card = screen.getByTestId("timer-card");
    expect(card.getAttribute("data-kind")).toBe("reorder_card");
    expect(within(card).getByTestId("timer-state").textContent).toBe("Running");
    const entry = screen.getByTestId("timeline-entry-2");
    expect(entry.getAttribute("data-action")).toBe("tracked");
    expect(entry.textContent).toContain("Card shipped by standard shipping (untracked)");
    expect(entry.textContent).toContain("Standard (no tracking)");
  });

  it("shows the playbook's path for the complaint's topic and issue type beside the intake", async () => {
    const c = complaint({ intake: { ...complaint().intake, topic: "card_ordering", issue_type: "physical_card_delayed" } });
    backend(complaintDetail({}, c));
    render(ComplaintDetailView, { id: c.id });
    const panel = await screen.findByTestId("playbook-panel");
    const card = await within(panel).findByTestId("playbook-guide");
    expect(card.getAttribute("data-topic")).toBe("card_ordering");
    expect(card.getAttribute("data-issue-type")).toBe("physical_card_delayed");
  });

  it("shows the examiner's fields: the regulator and its reference, Stripe's reference, the reclassification trail and the root cause", async () => {
    const c = complaint({
      intake: { ...complaint().intake, channel: "regulator", regulator: { name: "CFPB", reference: "261102-0001" } },
      kind: "executive",
      grounds: ["regulator"],
      status: "resolved",
      stripe_reference: "SUP-4411",
      reclassifications: [{ at: "2026-11-21T15:00:00Z", from: "operational", to: "executive", reason: "The CFPB forwarded it" }],
      resolution: {
        at: "2026-11-23T16:00:00Z",
        summary: "Fee refunded",
        outcome: "upheld",
        compensation: null,
        root_cause: { cause: "disclosure_unclear", remediation: "disclosure_updated", note: "Fee table reworded" },
      },
    });
    backend(complaintDetail({ kind: "executive", status: "resolved" }, c));
    render(ComplaintDetailView, { id: c.id });
    const facts = await screen.findByTestId("intake-facts");
    expect(within(facts).getByTestId("intake-regulator").textContent).toBe("CFPB");
    expect(within(facts).getByTestId("intake-regulator-reference").textContent).toBe("261102-0001");
    expect(within(facts).getByTestId("intake-stripe-reference").textContent).toBe("SUP-4411");
    expect(facts.textContent).toContain("Via a regulator");
    expect(facts.textContent).toContain("Operational (reclassified since)");
    const trail = screen.getByTestId("reclassifications");
    expect(trail.getAttribute("data-count")).toBe("1");
    const first = within(trail).getByTestId("reclassification-0");
    expect(first.textContent).toContain("2026-11-21 10:00 EST");
    expect(first.textContent).toContain("Operational → Executive");
    expect(first.textContent).toContain("The CFPB forwarded it");
    // The codes are shown with the taxonomy's words.
    const rootCause = await screen.findByTestId("resolution-root-cause");
    expect(rootCause.getAttribute("data-cause")).toBe("disclosure_unclear");
    await waitFor(() => expect(screen.getByTestId("resolution-cause").textContent).toBe("Disclosure, terms or communication unclear"));
    expect(screen.getByTestId("resolution-remediation").textContent).toContain("Disclosure or customer communication updated");
    expect(screen.getByTestId("resolution-remediation-note").textContent).toBe("Fee table reworded");
    expect(rootCause.textContent).toContain("Root cause");
    expect(rootCause.textContent).toContain("Remediation");
  });

  it("shows none of the examiner's fields a complaint does not have", async () => {
    const detail = complaintDetail();
    backend(detail);
    render(ComplaintDetailView, { id: detail.id });
    await screen.findByTestId("intake-facts");
    expect(screen.queryByTestId("intake-regulator")).toBeNull();
    expect(screen.queryByTestId("intake-regulator-reference")).toBeNull();
    expect(screen.queryByTestId("intake-stripe-reference")).toBeNull();
    expect(screen.queryByTestId("reclassifications")).toBeNull();
    expect(screen.queryByTestId("resolution-root-cause")).toBeNull();
  });
});

describe("complaint detail: four eyes and assignment", () => {
  const pending = recorded.reclassificationPending;
  const request = pending.complaint.pending_reclassification!;

  /** The complaint once Ben Okafor approved the request: operational, nothing pending. */
  function approved(): ComplaintDetail {
    const c = pending.complaint;
    const after = {
      ...c,
      kind: "operational" as const,
      grounds: [],
      pending_reclassification: null,
      reclassifications: [{ at: "2026-11-23T15:00:00Z", from: request.from, to: request.to, reason: request.reason }],
    };
    return {
      ...pending,
      kind: "operational",
      complaint: after,
      actions: recordedActions(after),
      timeline: [
        ...pending.timeline,
        timelineEntry(15, {
          actor: "Ben Okafor",
          action: "reclassification_approved",
          occurred_at: "2026-11-23T15:00:00Z",
          description: "Reclassification approved by Ben Okafor (four eyes)",
          event: { type: "reclassification_approved", at: "2026-11-23T15:00:00Z", by: "Ben Okafor" },
        }),
      ],
    };
  }

  it("says a reclassification awaits approval, and offers its approval as the step to take", async () => {
    backend(pending);
    render(ComplaintDetailView, { id: pending.id });
    const banner = await screen.findByTestId("reclassification-pending-banner");
    expect(banner.textContent).toContain("Reclassification to operational awaiting approval (asked by a.okafor on 2026-11-19 10:00 EST)");
    expect(banner.textContent).toContain("stays executive");
    expect(screen.getByTestId("reclassification-pending-reason").textContent).toBe("The customer withdrew the UDAP allegation");
    // Still executive until a second officer approves.
    expect(screen.getByTestId("complaint-kind").textContent).toContain("Executive");
    const approve = screen.getByTestId("action-approve_reclassification") as HTMLButtonElement;
    expect(approve.disabled).toBe(false);
    expect(approve.className).toContain("primary");
    expect(approve.textContent).toContain("Approve reclassification");
    const primaries = within(screen.getByRole("toolbar"))
      .getAllByRole("button")
      .filter((b) => b.className.includes("primary"));
    expect(primaries).toEqual([approve]);
    const reclassify = screen.getByTestId("action-reclassify") as HTMLButtonElement;
    expect(reclassify.disabled).toBe(true);
    expect(reclassify.getAttribute("data-rule")).toBe("reclassification_pending");
    expect(reclassify.title).toBe("CMP-2026-00006 waits for a second officer to approve its reclassification asked for by a.okafor");
    const entry = screen.getByTestId("timeline-entry-14");
    expect(entry.textContent).toContain("Reclassification from executive to operational asked for by a.okafor, awaiting a second officer's approval");
  });

  it("approves only with the approver's name and their confirmation, and then shows the backend's answer", async () => {
    const commands = backend(pending, { approve_reclassification: () => approved() });
    render(ComplaintDetailView, { id: pending.id });
    await fireEvent.click(await screen.findByTestId("action-approve_reclassification"));
    const dialog = screen.getByTestId("dialog-approve-reclassification");
    const asked = within(dialog).getByTestId("approve-asked").textContent;
    expect(asked).toBe("a.okafor asked on 2026-11-19 10:00 EST to reclassify this complaint from executive to operational.");
    expect(within(dialog).getByTestId("approve-reason").textContent).toBe("The customer withdrew the UDAP allegation");
    const name = within(dialog).getByTestId("approve-approver") as HTMLInputElement;
    expect(name.value).toBe("");
    const confirm = within(dialog).getByTestId("approve-confirm") as HTMLInputElement;
    expect(confirm.checked).toBe(false);
    expect(confirm.disabled).toBe(true);
    await fireEvent.input(within(dialog).getByTestId("approve-at"), { target: { value: "2026-11-23" } });
    await fireEvent.input(within(dialog).getByTestId("approve-at_time"), { target: { value: "10:00" } });

    // No name: nothing is sent.
    await fireEvent.click(screen.getByTestId("approve-submit"));
    expect(screen.getByTestId("error-approver").textContent).toBe("Give the name of the officer who approves.");
    expect(commands).toEqual([]);

    // A name, not confirmed: still nothing.
    await fireEvent.input(name, { target: { value: " Ben Okafor " } });
    expect(screen.getByTestId("approve-confirm-text").textContent).toBe("I, Ben Okafor, have reviewed this and approve it.");
    await fireEvent.click(screen.getByTestId("approve-submit"));
    expect(screen.getByTestId("error-confirm").textContent).toBe("Tick the box to confirm that you approve.");
    expect(commands).toEqual([]);

    await fireEvent.click(confirm);
    await fireEvent.click(screen.getByTestId("approve-submit"));
    await waitFor(() => expect(screen.queryByTestId("dialog-approve-reclassification")).toBeNull());
    expect(commands).toEqual([
      { cmd: "approve_reclassification", input: { complaint_id: pending.id, at: "2026-11-23T10:00:00-05:00", approver: "Ben Okafor", seen: pending.revision } },
    ]);
    expect(screen.queryByTestId("reclassification-pending-banner")).toBeNull();
    expect(screen.getByTestId("complaint-kind").textContent).toContain("Operational");
    expect(screen.getByTestId("timeline-entry-15").textContent).toContain("Reclassification approved by Ben Okafor (four eyes)");
  });

  it("shows the backend's refusal when the officer who asked tries to approve", async () => {
    backend(pending, {
      approve_reclassification: () => {
        throw { code: "rule", message: "a.okafor asked for this reclassification and cannot approve it: a second officer must", field: null, rule: "four_eyes_not_own_request" };
      },
    });
    render(ComplaintDetailView, { id: pending.id });
    await fireEvent.click(await screen.findByTestId("action-approve_reclassification"));
    await fireEvent.input(screen.getByTestId("approve-approver"), { target: { value: "a.okafor" } });
    await fireEvent.click(screen.getByTestId("approve-confirm"));
    await fireEvent.click(screen.getByTestId("approve-submit"));
    const refusal = await screen.findByTestId("error-banner");
    expect(refusal.textContent).toContain("Not approved.");
    expect(refusal.textContent).toContain("cannot approve it: a second officer must");
    expect(screen.getByTestId("error-banner-rule").textContent).toBe("four_eyes_not_own_request");
    expect(screen.getByTestId("dialog-approve-reclassification")).toBeTruthy();
    expect(screen.getByTestId("reclassification-pending-banner")).toBeTruthy();
  });

  it("shows who the complaint is assigned to, and assigns it", async () => {
    const open = recorded.operationalOpen;
    expect(open.complaint.assignee).toBeNull();
    const commands = backend(open, { assign_complaint: () => ({ ...recorded.assigned, id: open.id, complaint: { ...recorded.assigned.complaint, id: open.id } }) });
    render(ComplaintDetailView, { id: open.id });
    expect((await screen.findByTestId("complaint-assignee")).textContent?.trim()).toBe("Unassigned");
    await fireEvent.click(screen.getByTestId("action-assign"));
    expect(screen.getByTestId("assign-current").textContent?.trim()).toBe("Not assigned to anyone yet.");
    await fireEvent.click(screen.getByTestId("assign-submit"));
    expect(screen.getByTestId("error-to").textContent).toBe("Give the officer's name.");
    expect(commands).toEqual([]);
    await fireEvent.input(screen.getByTestId("assign-to"), { target: { value: "a.okafor " } });
    await fireEvent.click(screen.getByTestId("assign-submit"));
    await waitFor(() => expect(screen.queryByTestId("dialog-assign")).toBeNull());
    expect(commands).toEqual([{ cmd: "assign_complaint", input: { complaint_id: open.id, to: "a.okafor", seen: open.revision } }]);
    expect(screen.getByTestId("complaint-assignee").textContent?.trim()).toBe("Assigned to a.okafor");
    expect(screen.getByTestId("timeline-entry-16").textContent).toContain("Assigned to a.okafor");
  });

  it("shows the assignee the backend recorded", async () => {
    backend(recorded.assigned);
    render(ComplaintDetailView, { id: recorded.assigned.id });
    const assignee = await screen.findByTestId("complaint-assignee");
    expect(assignee.textContent?.trim()).toBe("Assigned to a.okafor");
    expect(assignee.getAttribute("data-assignee")).toBe("a.okafor");
    expect(screen.queryByTestId("reclassification-pending-banner")).toBeNull();
  });
});

/** The message the backend refuses a change with when the complaint changed since it was read. */
const STALE = "CMP-2026-00007 was changed by ben on 2026-11-23 10:02 EST (entry 3) after you opened it; nothing was recorded: reload it and decide again";

describe("complaint detail: changes made elsewhere", () => {
  /** The complaint as first read (revision 2), and as another desk left it (revision 3). */
  const before = complaintDetail({ timeline: [loggedEntry(), timelineEntry(2)] });
  const after = complaintDetail({
    timeline: [loggedEntry(), timelineEntry(2), timelineEntry(3, { actor: "ben", action: "note_added", description: "Note: called the bank", event: { type: "note_added", at: "2026-11-23T15:02:00Z", note: "called the bank" } })],
  });
  let current: ComplaintDetail;
  let reads: number;
  let commands: { cmd: string; input: unknown }[];
  let answers: Record<string, () => ComplaintDetail>;
  let stopListening: () => void = () => {};

  beforeEach(async () => {
    current = before;
    reads = 0;
    commands = [];
    answers = {};
    mockIPC(
      (cmd, args) => {
        if (cmd === "get_complaint") {
          reads++;
          return current;
        }
        if (cmd === "taxonomy") return TAXONOMY;
        if (cmd === "list_complaints") return { items: [], total: 0, total_exact: true, today: current.today };
        if (cmd === "register_counts") return { today: current.today, open: 0, overdue: 0, due_today: 0, due_soon: 0, on_hold: 0, report_due: null };
        if (cmd === "playbook_guide") return guide("en", { issue_type: (args as { input: { issue_type: string } }).input.issue_type });
        const answer = answers[cmd];
        if (!answer) throw { code: "internal", message: `unexpected ${cmd}`, field: null, rule: null };
        commands.push({ cmd, input: (args as { input: unknown }).input });
        return answer();
      },
      { shouldMockEvents: true },
    );
    stopListening = await teamLive.listen();
  });

  afterEach(() => {
    stopListening();
    teamLive.reset();
    settingsStore.info = null;
    toasts.items = [];
  });

  /** Another desk committed `change` (the shell's `team-change`), and the burst is over. */
  async function changed(change: Partial<TeamChange>) {
    await emit("team-change", teamChange(change));
    teamLive.flush();
  }

  it("sends the revision of the complaint shown with a step, as seen", async () => {
    answers.record_step = () => after;
    render(ComplaintDetailView, { id: before.id });
    await fireEvent.click(await screen.findByTestId("action-add_note"));
    await fireEvent.input(screen.getByTestId("field-note"), { target: { value: "Called back" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    await waitFor(() => expect(screen.queryByTestId("dialog-add_note")).toBeNull());
    expect(before.revision).toBe(2);
    expect(commands).toHaveLength(1);
    expect(commands[0].input).toMatchObject({ complaint_id: before.id, step: { type: "add_note", note: "Called back" }, seen: 2 });
  });

  it("shows a stale-view refusal with the backend's words and a Reload that shows the complaint as it is now", async () => {
    answers.record_step = () => {
      throw { code: "rule", message: STALE, field: null, rule: "stale_view" };
    };
    render(ComplaintDetailView, { id: before.id });
    await fireEvent.click(await screen.findByTestId("action-add_note"));
    await fireEvent.input(screen.getByTestId("field-note"), { target: { value: "Called back" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    const dialog = screen.getByTestId("dialog-add_note");
    const banner = await within(dialog).findByTestId("error-banner");
    expect(banner.textContent).toContain(STALE);
    expect(banner.getAttribute("data-rule")).toBe("stale_view");
    expect(screen.queryByTestId("timeline-entry-3")).toBeNull();

    current = after;
    const readsBefore = reads;
    await fireEvent.click(within(banner).getByTestId("stale-reload"));
    await waitFor(() => expect(screen.getByTestId("timeline-entry-3")).toBeTruthy());
    expect(reads).toBe(readsBefore + 1);
    expect(screen.queryByTestId("dialog-add_note"), "the officer decides again on the complaint as it is now").toBeNull();
    expect(screen.getByTestId("timeline-entry-3").textContent).toContain("called the bank");
  });

  it("reloads the complaint shown when another desk changed it", async () => {
    render(ComplaintDetailView, { id: before.id });
    await screen.findByTestId("timeline-entry-2");
    current = after;
    await changed({ actor: "ben", last_seq: 3, records: [{ entity: "complaint", id: before.id }] });
    await waitFor(() => expect(screen.getByTestId("timeline-entry-3")).toBeTruthy());
    expect(reads).toBe(2);
    expect(screen.queryByTestId("changed-elsewhere")).toBeNull();
  });

  it("leaves it alone for another record's change and for a change it already shows, and reloads on a bulk change", async () => {
    render(ComplaintDetailView, { id: before.id });
    await screen.findByTestId("timeline-entry-2");
    await changed({ last_seq: 3, records: [{ entity: "complaint", id: "CMP-2026-00008" }] });
    await changed({ last_seq: 3, records: [{ entity: "credit_case", id: before.id }] });
    // This desk's own step: the complaint shown already ends with it.
    await changed({ actor: "a.okafor", last_seq: 2, records: [{ entity: "complaint", id: before.id }] });
    await new Promise((r) => setTimeout(r, 0));
    expect(reads).toBe(1);
    current = after;
    await changed({ actor: "import", last_seq: 340, events: 240, records: [{ entity: "complaint", id: "CMP-2026-00100" }] });
    await waitFor(() => expect(reads).toBe(2));
    expect(await screen.findByTestId("timeline-entry-3")).toBeTruthy();
  });

  it("does not pull the complaint from under an open dialog: it says who changed it, and reloads when asked", async () => {
    render(ComplaintDetailView, { id: before.id });
    await fireEvent.click(await screen.findByTestId("action-add_note"));
    await fireEvent.input(screen.getByTestId("field-note"), { target: { value: "Half typed" } });
    current = after;
    await changed({ actor: "ben", last_seq: 3, records: [{ entity: "complaint", id: before.id }] });
    const dialog = screen.getByTestId("dialog-add_note");
    const banner = await within(dialog).findByTestId("changed-elsewhere");
    expect(banner.textContent).toContain("Changed by ben");
    expect(banner.getAttribute("data-actor")).toBe("ben");
    expect(reads, "not reloaded under the dialog").toBe(1);
    expect((screen.getByTestId("field-note") as HTMLTextAreaElement).value).toBe("Half typed");
    expect(screen.getAllByTestId("changed-elsewhere"), "said once, in the dialog").toHaveLength(1);

    // Closed without recording: the page says it, until the officer reloads.
    await fireEvent.click(screen.getByTestId("dialog-cancel"));
    const onPage = screen.getByTestId("changed-elsewhere");
    expect(onPage.textContent).toContain("Changed by ben");
    expect(reads).toBe(1);
    await fireEvent.click(within(onPage).getByTestId("changed-elsewhere-reload"));
    await waitFor(() => expect(screen.getByTestId("timeline-entry-3")).toBeTruthy());
    expect(reads).toBe(2);
    expect(screen.queryByTestId("changed-elsewhere")).toBeNull();
  });

  it("reloads from the dialog's banner too, closing the dialog", async () => {
    render(ComplaintDetailView, { id: before.id });
    await fireEvent.click(await screen.findByTestId("action-assign"));
    current = after;
    await changed({ actor: "ben", last_seq: 3, records: [{ entity: "complaint", id: before.id }] });
    const banner = await within(screen.getByTestId("dialog-assign")).findByTestId("changed-elsewhere");
    await fireEvent.click(within(banner).getByTestId("changed-elsewhere-reload"));
    await waitFor(() => expect(screen.getByTestId("timeline-entry-3")).toBeTruthy());
    expect(screen.queryByTestId("dialog-assign")).toBeNull();
    expect(screen.queryByTestId("changed-elsewhere")).toBeNull();
  });
});

describe("complaint detail: on a team database", () => {
  const pending = recorded.reclassificationPending;
  let commands: { cmd: string; input: unknown }[];

  beforeEach(() => {
    settingsStore.info = appInfo(teamSignIn({ officer: "ben", roles: ["approver"], database: "postgres://ben@db:5432/desk" }));
  });

  afterEach(() => {
    settingsStore.info = null;
    toasts.items = [];
  });

  it("approves as the officer signed in: no name asked, the approval sent with no approver", async () => {
    commands = backend(pending, { approve_reclassification: () => ({ ...pending, complaint: { ...pending.complaint, pending_reclassification: null } }) });
    render(ComplaintDetailView, { id: pending.id });
    await fireEvent.click(await screen.findByTestId("action-approve_reclassification"));
    const dialog = screen.getByTestId("dialog-approve-reclassification");
    expect(within(dialog).queryByTestId("approve-approver"), "the sign-in says who approves").toBeNull();
    expect(within(dialog).queryByTestId("approve-confirm")).toBeNull();
    const as = within(dialog).getByTestId("approve-as");
    expect(as.textContent).toContain("Approve as ben");
    expect(as.getAttribute("data-approver")).toBe("ben");
    await fireEvent.input(within(dialog).getByTestId("approve-at"), { target: { value: "2026-11-23" } });
    await fireEvent.input(within(dialog).getByTestId("approve-at_time"), { target: { value: "10:00" } });
    await fireEvent.click(screen.getByTestId("approve-submit"));
    await waitFor(() => expect(screen.queryByTestId("dialog-approve-reclassification")).toBeNull());
    expect(commands).toEqual([
      { cmd: "approve_reclassification", input: { complaint_id: pending.id, at: "2026-11-23T10:00:00-05:00", approver: null, seen: pending.revision } },
    ]);
    expect(toasts.items.map((t) => t.message)).toContain(`Reclassification of ${pending.id} approved by ben.`);
  });

  it("offers to assign the complaint to the officer signed in", async () => {
    const open = recorded.operationalOpen;
    commands = backend(open, { assign_complaint: () => ({ ...open, complaint: { ...open.complaint, assignee: "ben" } }) });
    render(ComplaintDetailView, { id: open.id });
    await fireEvent.click(await screen.findByTestId("action-assign"));
    const me = screen.getByTestId("assign-me");
    expect(me.textContent).toBe("Assign to me (ben)");
    await fireEvent.click(me);
    await fireEvent.click(screen.getByTestId("assign-submit"));
    await waitFor(() => expect(screen.queryByTestId("dialog-assign")).toBeNull());
    expect(commands).toEqual([{ cmd: "assign_complaint", input: { complaint_id: open.id, to: "ben", seen: open.revision } }]);
  });
});
