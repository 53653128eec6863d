// What the timeline shows of each event: its one line, worded in the interface language from the
// event (`wording.ts`; the backend's description in English, and for an event not known here),
// and the facts of its payload under it. Labels are in the interface language; the taxonomy's
// root causes and remediations are the backend's words.
import type { ComplaintEvent } from "../bindings/ComplaintEvent";
import type { TimelineEntry } from "../bindings/TimelineEntry";
import { t } from "../i18n/translate";
import { formatDate } from "../shared/datetime";
import { formatMoney } from "../shared/money";
import type { EventDetail } from "../shared/timeline";
import { clockLabel, commaList, groundLabel, kindLabel, merchantLabel, outcomeLabel, shippingLabel, trackEventLabel } from "./labels";
import { taxonomyStore } from "./taxonomy.svelte";
import { entryLine } from "./wording";

/** The entries with each one's line in the interface language, for the shared timeline to show. */
export function wordedEntries(entries: ReadonlyArray<TimelineEntry>): TimelineEntry[] {
  return entries.map((e) => ({ ...e, description: entryLine(e) }));
}

export function eventDetails(event: ComplaintEvent): EventDetail[] {
  const out: EventDetail[] = [];
  const push = (key: string, value: string | null | undefined, long = false) => {
    if (value !== null && value !== undefined && value.trim() !== "") out.push({ label: t(`complaints.timeline.${key}`), value, long });
  };
  const change = (from: string, to: string) => t("complaints.timeline.change", { from, to });
  switch (event.type) {
    case "logged":
      // The intake is shown beside the timeline.
      break;
    case "acknowledged":
      push("how", event.how);
      push("note", event.note, true);
      break;
    case "stripe_notified":
      push("how", event.how);
      push("reference", event.reference);
      push("note", event.note, true);
      break;
    case "stripe_review_completed":
      push("note", event.note, true);
      break;
    case "customer_contacted":
      push("how", event.how);
      push("note", event.note, true);
      break;
    case "reclassified":
      push("kind", change(kindLabel(event.from), kindLabel(event.to)));
      push("grounds", commaList(event.grounds.map(groundLabel)));
      push("reason", event.reason, true);
      break;
    case "reclassification_requested":
      push("kind", change(kindLabel(event.from), kindLabel(event.to)));
      push("grounds", commaList(event.grounds.map(groundLabel)));
      push("reason", event.reason, true);
      break;
    case "reclassification_approved":
    case "assigned":
      // The line names the officer; there is nothing more to show.
      break;
    case "resolved":
      push("outcome", event.outcome ? outcomeLabel(event.outcome) : null);
      push("compensation", event.compensation ? formatMoney(event.compensation) : null);
      push("rootCause", event.root_cause ? taxonomyStore.rootCauseLabel(event.root_cause.cause) : null);
      push("remediation", event.root_cause ? taxonomyStore.remediationLabel(event.root_cause.remediation) : null);
      push("resolution", event.summary, true);
      push("remediationNote", event.root_cause?.note, true);
      break;
    case "reopened":
      push("reason", event.reason, true);
      break;
    case "note_added":
      push("note", event.note, true);
      break;
    case "marked_not_a_complaint":
      push("reason", event.reason, true);
      break;
    case "tracked":
      push("fact", trackEventLabel(event.fact.event));
      if (event.fact.event === "card_shipped") push("shipping", shippingLabel(event.fact.shipping));
      if (event.fact.event === "authorization_created") push("merchant", merchantLabel(event.fact.merchant_category));
      push("note", event.note, true);
      break;
    case "voided":
      push("voids", t("complaints.timeline.entry", { seq: event.seq }));
      push("reason", event.reason, true);
      break;
    case "deadlines_recomputed": {
      const none = t("complaints.timeline.none");
      push("reason", event.reason);
      for (const c of event.changes) {
        const value = change(c.from ? formatDate(c.from) : none, c.to ? formatDate(c.to) : none);
        out.push({ label: clockLabel(c.clock), value });
      }
      break;
    }
  }
  return out;
}

/** Why an entry is marked entered late (the badge's title). */
export function enteredLateTitle(): string {
  return t("complaints.timeline.enteredLateTitle");
}
