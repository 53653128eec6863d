// What the timeline shows of each event's payload, beyond its one-line description.
import type { ComplaintEvent } from "../bindings/ComplaintEvent";
import { formatMoney } from "../shared/money";
import type { EventDetail } from "../shared/timeline";
import { CLOCK_LABEL, GROUND_LABEL, KIND_LABEL, MERCHANT_LABEL, OUTCOME_LABEL, SHIPPING_LABEL, TRACK_EVENT_LABEL } from "./labels";

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
    case "marked_not_a_complaint":
      push("Reason", event.reason, true);
      break;
    case "tracked":
      push("Fact", TRACK_EVENT_LABEL[event.fact.event] ?? event.fact.event);
      if (event.fact.event === "card_shipped") push("Shipping", SHIPPING_LABEL[event.fact.shipping] ?? event.fact.shipping);
      if (event.fact.event === "authorization_created") push("Merchant", MERCHANT_LABEL[event.fact.merchant_category] ?? event.fact.merchant_category);
      push("Note", event.note, true);
      break;
    case "voided":
      push("Voids", `Entry ${event.seq}`);
      push("Reason", event.reason, true);
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

/** Why an entry is marked entered late (the badge's title). */
export const ENTERED_LATE_TITLE =
  "Recorded after its month's report was submitted to Stripe, or more than the program's late-entry threshold of business days after it happened.";
