// The difference between a submitted report and the report as it is now, in words.
import type { ClockState } from "../bindings/ClockState";
import type { ComplaintStatus } from "../bindings/ComplaintStatus";
import type { FieldChange } from "../bindings/FieldChange";
import type { Ground } from "../bindings/Ground";
import type { Outcome } from "../bindings/Outcome";
import type { ReportDiff } from "../bindings/ReportDiff";
import { CHANNEL_LABEL, CLOCK_STATE_LABEL, GROUND_LABEL, KIND_LABEL, OUTCOME_LABEL, PRODUCT_LABEL, STATUS_LABEL } from "../complaints/labels";
import { hasMessage, t } from "../i18n/translate";
import { formatDate } from "../shared/datetime";
import { formatMoney } from "../shared/money";
import { businessDaysText, humanize, listText, sectionLabel } from "./format";

/**
 * Row fields as the backend names them in a difference (clock parts are dotted), in reading
 * order. Their labels are `reports.field.<field>` in the catalogue.
 */
export const DIFF_FIELDS: ReadonlyArray<string> = [
  "id",
  "section",
  "received_on",
  "channel",
  "product",
  "topic",
  "issue_type",
  "kind",
  "grounds",
  "complainant_name",
  "account",
  "summary",
  "status",
  "overdue",
  "stripe_reviewed_on",
  "resolved_on",
  "outcome",
  "resolution_summary",
  "compensation_minor",
  "compensation_currency",
  "acknowledge.done_on",
  "acknowledge.state",
  "acknowledge.business_days",
  "acknowledge.due",
  "notify_stripe.done_on",
  "notify_stripe.state",
  "notify_stripe.business_days",
  "notify_stripe.due",
  "resolve.done_on",
  "resolve.state",
  "resolve.business_days",
  "resolve.due",
];

/** `acknowledge.done_on` → `Acknowledged on`; an unknown field still reads as words. */
export function fieldLabel(field: string): string {
  const key = `reports.field.${field}`;
  if (hasMessage(key)) return t(key);
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
 * read as on the deadline cards, dates as the language writes them, compensation in major
 * units when the currency is known.
 */
export function fieldValue(field: string, value: string, ctx: ValueContext = {}): string {
  if (value === "") return "—";
  const part = field.includes(".") ? field.slice(field.lastIndexOf(".") + 1) : field;
  switch (part) {
    case "state":
      return lookup<ClockState>(CLOCK_STATE_LABEL, value);
    case "business_days": {
      const n = Number(value);
      return Number.isFinite(n) ? businessDaysText(n) : value;
    }
    case "done_on":
    case "due":
    case "received_on":
    case "resolved_on":
    case "stripe_reviewed_on":
      return formatDate(value);
    case "status":
      return lookup<ComplaintStatus>(STATUS_LABEL, value);
    case "section":
      return sectionLabel(value);
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
      return value === "true" ? t("reports.diff.yes") : value === "false" ? t("reports.diff.no") : value;
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

function order(field: string): number {
  const i = DIFF_FIELDS.indexOf(field);
  return i < 0 ? DIFF_FIELDS.length : i;
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
  if (diff.added.length > 0) parts.push(t("reports.diff.count.added", { count: diff.added.length }));
  if (diff.removed.length > 0) parts.push(t("reports.diff.count.removed", { count: diff.removed.length }));
  if (diff.changed.length > 0) parts.push(t("reports.diff.count.changed", { count: diff.changed.length }));
  return parts.length === 0 ? t("reports.diff.count.none") : listText(parts);
}
