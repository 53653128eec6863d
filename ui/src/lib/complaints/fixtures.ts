// Complaint data for tests.
import type { Complaint } from "../bindings/Complaint";
import type { ComplaintDetail } from "../bindings/ComplaintDetail";
import type { TimelineEntry } from "../bindings/TimelineEntry";
import type { Timer } from "../bindings/Timer";
import { plainEntry } from "../shared/fixtures";
import assigned from "../recorded/complaint-assigned.json";
import executiveNotified from "../recorded/complaint-executive-notified.json";
import executiveOpen from "../recorded/complaint-executive-open.json";
import notAComplaint from "../recorded/complaint-not-a-complaint.json";
import operationalOpen from "../recorded/complaint-operational-open.json";
import operationalResolved from "../recorded/complaint-operational-resolved.json";
import reclassificationPending from "../recorded/complaint-reclassification-pending.json";
import registerMine from "../recorded/register-mine.json";
import type { ComplaintRow } from "../bindings/ComplaintRow";

/**
 * Details answered by the real backend (`scripts/record-ui-fixtures.sh` records them with the
 * CLI), for what only the backend decides: the actions a complaint allows and why others are closed.
 */
export const recorded = {
  operationalOpen: operationalOpen as ComplaintDetail,
  operationalResolved: operationalResolved as ComplaintDetail,
  executiveOpen: executiveOpen as ComplaintDetail,
  executiveNotified: executiveNotified as ComplaintDetail,
  notAComplaint: notAComplaint as ComplaintDetail,
  /** Four eyes on: an executive complaint's reclassification as operational, asked for and waiting. */
  reclassificationPending: reclassificationPending as ComplaintDetail,
  /** An operational complaint assigned to the desk's officer. */
  assigned: assigned as ComplaintDetail,
};

/** The register's rows with Mine on (`complaint list --mine`), as the backend answered. */
export const recordedMine = registerMine as ComplaintRow[];

/** The actions the backend offers a complaint of `c`'s kind and status (recorded). */
export function recordedActions(c: Pick<Complaint, "kind" | "status" | "stripe_notified_at">): ComplaintDetail["actions"] {
  if (c.status === "not_a_complaint") return recorded.notAComplaint.actions;
  if (c.status === "resolved") return recorded.operationalResolved.actions;
  if (c.kind === "executive") return (c.stripe_notified_at ? recorded.executiveNotified : recorded.executiveOpen).actions;
  return recorded.operationalOpen.actions;
}

export function complaint(patch: Partial<Complaint> = {}): Complaint {
  return {
    id: "CMP-2026-00007",
    intake: {
      received_at: "2026-11-20T15:00:00Z",
      received_offset_minutes: -300,
      channel: "email",
      complainant: { name: "Ada Lovelace", email: null, account: null, cardholder: null },
      product: "issuing",
      topic: null,
      issue_type: null,
      summary: "Card declined abroad",
      description: null,
      kind: "operational",
      grounds: [],
    },
    kind: "operational",
    grounds: [],
    status: "open",
    acknowledged_at: null,
    stripe_notified_at: null,
    stripe_reviewed_at: null,
    stripe_resolve_by: null,
    resolution: null,
    reopened: false,
    first_resolution: null,
    reopenings: [],
    not_a_complaint: null,
    tracked: [],
    stripe_reference: null,
    reclassifications: [],
    pending_reclassification: null,
    assignee: null,
    ...patch,
  };
}

/** A timeline entry: an acknowledgement recorded when it happened, voidable. */
export function timelineEntry(seq: number, patch: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    seq,
    recorded_at: "2026-11-21T15:00:00Z",
    actor: "a.okafor",
    action: "acknowledged",
    occurred_at: "2026-11-21T15:00:00Z",
    description: "Acknowledged to the customer by email",
    event: { type: "acknowledged", at: "2026-11-21T15:00:00Z", how: "email", note: "Sent the standard letter" },
    ...plainEntry,
    ...patch,
  };
}

/** The logging entry every history starts with: never voidable. */
export function loggedEntry(c: Complaint = complaint()): TimelineEntry {
  return timelineEntry(1, {
    recorded_at: c.intake.received_at,
    action: "logged",
    occurred_at: c.intake.received_at,
    description: "Logged as operational complaint via email",
    event: { type: "logged", intake: c.intake },
    can_void: false,
  });
}

/**
 * A complaint's detail; its `revision` is the seq of the last entry of its timeline (as the
 * backend sets it) unless `patch` gives one.
 */
export function complaintDetail(patch: Partial<ComplaintDetail> = {}, c: Complaint = complaint()): ComplaintDetail {
  const timeline = patch.timeline ?? [loggedEntry(c)];
  return {
    id: c.id,
    kind: c.kind,
    status: c.status,
    overdue: false,
    received_at: c.intake.received_at,
    deadlines: { acknowledge_by: "2026-11-30", resolve_by: "2026-12-14", notify_stripe_by: null },
    complaint: c,
    received_local: "2026-11-20 10:00 (UTC-05:00)",
    received_date: "2026-11-20",
    clocks: [],
    next_deadline: null,
    timers: [],
    contact_hold: false,
    actions: recordedActions(c),
    revision: timeline.length > 0 ? timeline[timeline.length - 1].seq : 1,
    timeline,
    today: "2026-11-23",
    timezone: "America/New_York",
    ...patch,
  };
}

/** A reorder-card timer: a card sent by standard shipping on Fri 2026-11-20. */
export function timer(patch: Partial<Timer> = {}): Timer {
  return {
    kind: "reorder_card",
    label: "Cancel and reorder the card",
    due: "2026-12-04",
    due_at: "2026-12-05T04:59:59Z",
    started_at: "2026-11-20T15:00:00Z",
    state: "running",
    explanation: { start: "2026-11-20", business_days: 10, due: "2026-12-04", skipped: [{ date: "2026-11-26", reason: { kind: "holiday", name: "Thanksgiving Day" } }], set_by_stripe: false },
    explanation_text:
      "Shipped by standard shipping, which has no tracking, on Fri 20 Nov 2026. If the cardholder has not received it by the end of Fri 4 Dec 2026, cancel the card and order a new one.",
    ...patch,
  };
}
