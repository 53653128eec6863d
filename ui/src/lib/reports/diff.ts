// The difference between a submitted report and the report as it is now, in words.
import type { ClockState } from "../bindings/ClockState";
import type { ComplaintStatus } from "../bindings/ComplaintStatus";
import type { FieldChange } from "../bindings/FieldChange";
import type { Ground } from "../bindings/Ground";
import type { Outcome } from "../bindings/Outcome";
import type { ReportDiff } from "../bindings/ReportDiff";
import type { ReportSection } from "../bindings/ReportSection";
import { CHANNEL_LABEL, CLOCK_STATE_LABEL, GROUND_LABEL, KIND_LABEL, OUTCOME_LABEL, PRODUCT_LABEL, STATUS_LABEL } from "../complaints/labels";
import { formatMoney } from "../shared/money";
import { humanize, SECTION_LABEL } from "./format";

/** Row fields as the backend names them in a difference (clock parts are dotted), in reading order. */
const FIELD_LABEL: Record<string, string> = {
  id: "Complaint",
  section: "Section",
  received_on: "Received on",
  channel: "Channel",
  product: "Product",
  topic: "Topic",
  issue_type: "Issue type",
  kind: "Kind",
  grounds: "Grounds",
  complainant_name: "Complainant",
  account: "Account",
  summary: "Summary",
  status: "Status at month end",
  overdue: "Overdue at month end",
  stripe_reviewed_on: "Stripe review completed on",
  resolved_on: "Resolved on",
  outcome: "Outcome",
  resolution_summary: "Resolution summary",
  compensation_minor: "Compensation",
  compensation_currency: "Compensation currency",
  "acknowledge.done_on": "Acknowledged on",
  "acknowledge.state": "Acknowledge verdict",
  "acknowledge.business_days": "Business days to acknowledge",
  "acknowledge.due": "Acknowledge by",
  "notify_stripe.done_on": "Stripe notified on",
  "notify_stripe.state": "Notify Stripe verdict",
  "notify_stripe.business_days": "Business days to notify Stripe",
  "notify_stripe.due": "Notify Stripe by",
  "resolve.done_on": "Resolved on (resolve clock)",
  "resolve.state": "Resolve verdict",
  "resolve.business_days": "Business days to resolve",
  "resolve.due": "Resolve by",
};

/** `acknowledge.done_on` → `Acknowledged on`; an unknown field still reads as words. */
export function fieldLabel(field: string): string {
  const known = FIELD_LABEL[field];
  if (known) return known;
  const parts = field.split(".").map(humanize);
  return parts.length > 1 ? `${parts[0]}: ${parts.slice(1).join(" ").toLowerCase()}` : parts[0];
}

export interface ValueContext {
  /** The row's compensation currency, to show minor units as money. */
  currency?: string | null;
  topicLabel?: (code: string) => string | null;
  issueTypeLabel?: (code: string) => string | null;
}

function lookup<K extends string>(labels: Record<K, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? humanize(value);
}

/**
 * One side of a changed field for people: empty is `—`, codes become labels, clock states
 * read as on the deadline cards, compensation in major units when the currency is known.
 */
export function fieldValue(field: string, value: string, ctx: ValueContext = {}): string {
  if (value === "") return "—";
  const part = field.includes(".") ? field.slice(field.lastIndexOf(".") + 1) : field;
  switch (part) {
    case "state":
      return lookup<ClockState>(CLOCK_STATE_LABEL, value);
    case "business_days": {
      const n = Number(value);
      return Number.isFinite(n) ? `${n} business ${n === 1 ? "day" : "days"}` : value;
    }
    case "status":
      return lookup<ComplaintStatus>(STATUS_LABEL, value);
    case "section":
      return lookup<ReportSection>(SECTION_LABEL, value);
    case "kind":
      return lookup(KIND_LABEL, value);
    case "channel":
      return lookup(CHANNEL_LABEL, value);
    case "product":
      return lookup(PRODUCT_LABEL, value);
    case "outcome":
      return lookup<Outcome>(OUTCOME_LABEL, value);
    case "grounds":
      return value
        .split(",")
        .map((g) => (GROUND_LABEL as Record<string, string>)[g as Ground] ?? humanize(g))
        .join("; ");
    case "overdue":
      return value === "true" ? "Yes" : value === "false" ? "No" : value;
    case "topic":
      return ctx.topicLabel?.(value) ?? humanize(value);
    case "issue_type":
      return ctx.issueTypeLabel?.(value) ?? humanize(value);
    case "compensation_currency":
      return value.toUpperCase();
    case "compensation_minor": {
      const n = Number(value);
      if (ctx.currency && Number.isSafeInteger(n)) return formatMoney({ amount_minor: n, currency: ctx.currency });
      return value;
    }
    default:
      return value;
  }
}

const FIELD_ORDER = Object.keys(FIELD_LABEL);

function order(field: string): number {
  const i = FIELD_ORDER.indexOf(field);
  return i < 0 ? FIELD_ORDER.length : i;
}

/**
 * The changes of one row worth showing, in reading order: the resolve clock's "done on"
 * repeats the resolution date, so it is left out when it changed exactly like `resolved_on`.
 */
export function visibleChanges(changes: ReadonlyArray<FieldChange>): FieldChange[] {
  const resolved = changes.find((c) => c.field === "resolved_on");
  return changes
    .filter((c) => !(c.field === "resolve.done_on" && resolved && resolved.before === c.before && resolved.after === c.after))
    .sort((a, b) => order(a.field) - order(b.field) || a.field.localeCompare(b.field));
}

/** `2 added, 1 removed, 3 changed`; `no differences`. */
export function diffSummary(diff: ReportDiff): string {
  const parts: string[] = [];
  if (diff.added.length > 0) parts.push(`${diff.added.length} added`);
  if (diff.removed.length > 0) parts.push(`${diff.removed.length} removed`);
  if (diff.changed.length > 0) parts.push(`${diff.changed.length} changed`);
  return parts.length === 0 ? "no differences" : parts.join(", ");
}
