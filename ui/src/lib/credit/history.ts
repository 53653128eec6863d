// An account's and its cases' recorded events in words. Each event carries its details as the
// JSON the backend stored; what is not understood is shown as it is rather than hidden.
import type { AccountHistoryEntry } from "../bindings/AccountHistoryEntry";
import type { Money } from "../bindings/Money";
import { formatInstant } from "../shared/datetime";
import { formatMoney } from "../shared/money";
import { caseKindLabel, CHANNEL_LABEL, daysText, humanize, LANGUAGE_LABEL, periodText, REVOCATION_LABEL, STEP_TITLE } from "./labels";

export interface HistoryLine {
  /** What happened, in a few words. */
  title: string;
  /** The facts of it, e.g. amounts and dates. */
  detail: string | null;
  /** When it happened, when the event says (it is recorded at `recorded_at`). */
  at: string | null;
  tone: "neutral" | "danger" | "warning" | "success" | "info";
}

type Json = Record<string, unknown>;

function parse(details: string): Json | null {
  try {
    const v: unknown = JSON.parse(details);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : null;
  } catch {
    return null;
  }
}

function isMoney(v: unknown): v is Money {
  return typeof v === "object" && v !== null && typeof (v as Money).amount_minor === "number" && typeof (v as Money).currency === "string";
}

function money(v: unknown): string {
  return isMoney(v) ? formatMoney(v) : "?";
}

function str(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === "number" ? v : null;
}

function obj(v: unknown): Json | null {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : null;
}

/** Describes one history entry; `zone` is the zone instants are shown in. */
export function describeEntry(entry: AccountHistoryEntry, zone: string, reasonText: (code: string) => string = (c) => c): HistoryLine {
  const d = parse(entry.details);
  const when = (v: unknown) => (str(v) ? formatInstant(str(v) as string, zone) : null);
  const line = (title: string, detail: string | null, at: unknown = null, tone: HistoryLine["tone"] = "neutral"): HistoryLine => ({
    title,
    detail,
    at: when(at),
    tone,
  });
  if (!d) return line(humanize(entry.action), entry.details || null);

  switch (entry.action) {
    case "added": {
      const policy = obj(d.policy);
      const parts: string[] = [];
      if (policy) {
        parts.push(`limit ${money(policy.limit)}`);
        const count = num(policy.period_count);
        if (str(policy.period_interval) && count !== null) parts.push(`credit period ${periodText(policy.period_interval as string, count)}`);
        const due = num(policy.days_until_due);
        if (due !== null) parts.push(`due ${daysText(due)} after the period`);
      }
      if (isMoney(d.balance)) parts.push(`Issuing balance ${formatMoney(d.balance)}`);
      return line("Account added", parts.length ? capitalize(parts.join(", ")) + "." : null);
    }
    case "balance_recorded": {
      const owes = isMoney(d.balance) && d.balance.amount_minor < 0;
      return line(`Issuing balance recorded: ${money(d.balance)}`, owes ? "The account owes Stripe." : null, d.read_at, owes ? "warning" : "neutral");
    }
    case "decision_recorded": {
      const type = str(d.decision_type) ?? "";
      const reasons = obj(d.reasons);
      const codes = Array.isArray(reasons?.codes) ? (reasons?.codes as unknown[]).filter((c): c is string => typeof c === "string") : [];
      const kind = obj(d.kind);
      const parts: string[] = [];
      if (kind && isMoney(kind.from) && isMoney(kind.to)) parts.push(`Limit ${formatMoney(kind.from)} → ${formatMoney(kind.to)}.`);
      if (codes.length) parts.push(`Reasons: ${codes.map((c, i) => `${i + 1}. ${reasonText(c)}`).join("; ")}.`);
      const other = str(reasons?.other_explanation);
      if (other) parts.push(`Other: “${other}”.`);
      const exception = obj(d.exception);
      if (exception) parts.push(`Underwriting exception: ${str(exception.explanation) ?? ""}.`);
      const due = when(d.notice_due);
      if (due) parts.push(`Notice due by ${due}.`);
      return line(`${caseKindLabel(type)} decided`, parts.join(" ") || null, d.decided_at, "warning");
    }
    case "notice_sent": {
      const channel = str(d.channel);
      const language = str(d.language);
      const late = d.late === true;
      const parts: string[] = [];
      if (language) parts.push(`In ${LANGUAGE_LABEL[language as keyof typeof LANGUAGE_LABEL] ?? language}.`);
      if (late) parts.push("Sent after its due date.");
      return line(
        `Adverse-action notice sent${channel ? ` by ${(CHANNEL_LABEL[channel as keyof typeof CHANNEL_LABEL] ?? channel).toLowerCase()}` : ""}`,
        parts.join(" ") || null,
        d.at,
        late ? "danger" : "success",
      );
    }
    case "voided": {
      const seq = num(d.seq);
      return line(seq !== null ? `Entry ${seq} voided` : "Entry voided", str(d.reason));
    }
    case "policy_deactivated": {
      const end = when(d.wind_down_ends);
      const parts = [`Issuing balance ${money(d.balance)} at deactivation.`];
      if (end) parts.push(`Funding obligations may still change until ${end}.`);
      return line("Credit policy deactivated", parts.join(" "), d.at, "warning");
    }
    case "capability_revoked": {
      const reason = str(d.reason);
      return line(
        "card_issuing_charge_card capability revoked",
        reason ? REVOCATION_LABEL[reason as keyof typeof REVOCATION_LABEL] ?? humanize(reason) : null,
        d.at,
        "danger",
      );
    }
    case "limit_applied":
      return line(`Decreased limit applied: ${money(d.limit)}`, null, d.at, "success");
    case "stripe_object_recorded": {
      const step = str(d.step) ?? "";
      return line("Stripe object recorded", `${STEP_TITLE[step as keyof typeof STEP_TITLE] ?? humanize(step)}: ${str(d.object_id) ?? "?"}`);
    }
    case "application_approved": {
      const opening = d.purpose === "credit_line_opening";
      return line(
        opening ? `New credit line approved: ${money(d.amount)}` : `Limit increase approved: ${money(d.amount)}`,
        opening ? "The line is active again with this limit." : "The limit may now be set to exactly this amount.",
        d.decided_at,
        "success",
      );
    }
    case "limit_changed":
      return line(`Credit limit changed: ${money(d.from)} → ${money(d.to)}`, null, d.at, "info");
    case "period_change_approved":
      return line("Stripe approved a credit period change", str(d.reference) ? `Reference ${str(d.reference)}` : null, d.approved_at, "info");
    case "period_change_scheduled": {
      const u = obj(d.upcoming_attributes);
      const count = num(u?.period_count);
      const period = u && str(u.period_interval) && count !== null ? periodText(u.period_interval as string, count) : "?";
      const eff = str(u?.effective_at) ? formatInstant(str(u?.effective_at) as string, "UTC") : "?";
      const due = num(u?.days_until_due);
      return line(`Credit period change scheduled: ${period}`, `Takes effect ${eff}.${due !== null ? ` Due ${daysText(due)} after the period from then.` : ""}`, null, "info");
    }
    case "period_change_applied": {
      const count = num(d.period_count);
      const period = str(d.period_interval) && count !== null ? periodText(d.period_interval as string, count) : "?";
      return line(`Credit period changed to ${period}`, null, d.effective_at, "info");
    }
    case "rejected_for_fraud":
      return line("Rejected for fraud", "Payouts disabled (Stripe's account rejection, reason fraud). The account stays in the Connect reserve until its balance is zeroed.", d.at, "danger");
    case "debit_negative_balances_set":
      return d.debit_negative_balances === true
        ? line("debit_negative_balances turned on", "Stripe debits the account's bank for a negative balance.", null, "info")
        : line("debit_negative_balances turned off", null, null, "info");
    default:
      return line(humanize(entry.action), entry.details);
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
