// What the timeline shows of each event's payload, beyond its one-line description.
import type { ComplaintEvent } from "../bindings/ComplaintEvent";
import { formatMoney } from "../shared/money";
import { CLOCK_LABEL, GROUND_LABEL, KIND_LABEL, OUTCOME_LABEL } from "./labels";

export interface EventDetail {
  label: string;
  value: string;
  /** Long free text (notes, reasons) is shown as a quoted block. */
  long?: boolean;
}

export function eventDetails(event: ComplaintEvent): EventDetail[] {
  const out: EventDetail[] = [];
  const push = (label: string, value: string | null | undefined, long = false) => {
    if (value !== null && value !== undefined && value.trim() !== "") out.push({ label, value, long });
  };
  switch (event.type) {
    case "logged":
      // The intake is shown beside the timeline.
      break;
    case "acknowledged":
      push("How", event.how);
      push("Note", event.note, true);
      break;
    case "stripe_notified":
      push("How", event.how);
      push("Reference", event.reference);
      push("Note", event.note, true);
      break;
    case "stripe_review_completed":
      push("Note", event.note, true);
      break;
    case "customer_contacted":
      push("How", event.how);
      push("Note", event.note, true);
      break;
    case "reclassified":
      push("Kind", `${KIND_LABEL[event.from] ?? event.from} → ${KIND_LABEL[event.to] ?? event.to}`);
      push("Grounds", event.grounds.map((g) => GROUND_LABEL[g] ?? g).join(", "));
      push("Reason", event.reason, true);
      break;
    case "resolved":
      push("Outcome", event.outcome ? (OUTCOME_LABEL[event.outcome] ?? event.outcome) : null);
      push("Compensation", event.compensation ? formatMoney(event.compensation) : null);
      push("Resolution", event.summary, true);
      break;
    case "reopened":
      push("Reason", event.reason, true);
      break;
    case "note_added":
      push("Note", event.note, true);
      break;
    case "deadlines_recomputed":
      push("Reason", event.reason);
      for (const c of event.changes) {
        push(CLOCK_LABEL[c.clock] ?? c.clock, `${c.from ?? "none"} → ${c.to ?? "none"}`);
      }
      break;
  }
  return out;
}
