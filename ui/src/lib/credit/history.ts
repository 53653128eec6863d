// An account's and its cases' recorded events in words, in the interface language. Each event carries its details as the
// JSON the backend stored; what is not understood is shown as it is rather than hidden.
import type { AccountHistoryEntry } from "../bindings/AccountHistoryEntry";
import type { Money } from "../bindings/Money";
import { t } from "../i18n";
import { formatInstant } from "../shared/datetime";
import { formatMoney } from "../shared/money";
import { caseKindLabel, channelBy, daysText, humanize, LANGUAGE_LABEL, listText, periodText, revocationLabel, stepTitle } from "./labels";

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

/** Parts of a sentence joined the interface language's way, ending as a sentence does. */
function sentence(parts: ReadonlyArray<string>): string {
  return t("credit.history.sentence", { text: capitalize(listText(parts)) });
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
        parts.push(t("credit.history.added.limit", { amount: money(policy.limit) }));
        const count = num(policy.period_count);
        if (str(policy.period_interval) && count !== null) parts.push(t("credit.history.added.period", { period: periodText(policy.period_interval as string, count) }));
        const due = num(policy.days_until_due);
        if (due !== null) parts.push(t("credit.history.added.due", { days: daysText(due) }));
      }
      if (isMoney(d.balance)) parts.push(t("credit.history.added.balance", { amount: formatMoney(d.balance) }));
      return line(t("credit.history.added.title"), parts.length ? sentence(parts) : null);
    }
    case "balance_recorded": {
      const owes = isMoney(d.balance) && d.balance.amount_minor < 0;
      return line(t("credit.history.balanceRecorded", { amount: money(d.balance) }), owes ? t("credit.history.owes") : null, d.read_at, owes ? "warning" : "neutral");
    }
    case "decision_recorded": {
      const type = str(d.decision_type) ?? "";
      const reasons = obj(d.reasons);
      const codes = Array.isArray(reasons?.codes) ? (reasons?.codes as unknown[]).filter((c): c is string => typeof c === "string") : [];
      const kind = obj(d.kind);
      const parts: string[] = [];
      if (kind && isMoney(kind.from) && isMoney(kind.to)) parts.push(t("credit.history.decision.limit", { from: formatMoney(kind.from), to: formatMoney(kind.to) }));
      if (codes.length) parts.push(t("credit.history.decision.reasons", { list: codes.map((c, i) => `${i + 1}. ${reasonText(c)}`).join(t("credit.history.decision.reasonSeparator")) }));
      const other = str(reasons?.other_explanation);
      if (other) parts.push(t("credit.history.decision.otherExplanation", { text: other }));
      const exception = obj(d.exception);
      if (exception) parts.push(t("credit.history.decision.exception", { text: str(exception.explanation) ?? "" }));
      const due = when(d.notice_due);
      if (due) parts.push(t("credit.history.decision.noticeDue", { at: due }));
      const approval = obj(d.approval);
      if (approval) parts.push(t("credit.history.decision.fourEyes"));
      return line(t("credit.history.decision.title", { kind: caseKindLabel(type) }), parts.join(" ") || null, d.decided_at, "warning");
    }
    case "notice_sent": {
      const channel = str(d.channel);
      const language = str(d.language);
      const late = d.late === true;
      const parts: string[] = [];
      if (language) parts.push(t("credit.history.notice.language", { language: LANGUAGE_LABEL[language as keyof typeof LANGUAGE_LABEL] ?? language }));
      if (late) parts.push(t("credit.history.notice.late"));
      return line(channel ? t("credit.history.notice.titleBy", { by: channelBy(channel) }) : t("credit.history.notice.title"), parts.join(" ") || null, d.at, late ? "danger" : "success");
    }
    case "voided": {
      const seq = num(d.seq);
      return line(seq !== null ? t("credit.history.voided.entry", { seq }) : t("credit.history.voided.title"), str(d.reason));
    }
    case "policy_deactivated": {
      const end = when(d.wind_down_ends);
      const parts = [t("credit.history.deactivated.balance", { amount: money(d.balance) })];
      if (end) parts.push(t("credit.history.deactivated.windDown", { at: end }));
      return line(t("credit.history.deactivated.title"), parts.join(" "), d.at, "warning");
    }
    case "capability_revoked": {
      const reason = str(d.reason);
      return line(t("credit.history.capabilityRevoked"), reason ? revocationLabel(reason) : null, d.at, "danger");
    }
    case "limit_applied":
      return line(t("credit.history.limitApplied", { amount: money(d.limit) }), null, d.at, "success");
    case "decision_approved": {
      const by = str(d.by);
      return line(by ? t("credit.history.decisionApproved", { by }) : t("credit.history.decisionApprovedAnyone"), null, d.at, "success");
    }
    case "assigned": {
      const to = str(d.to);
      return line(to ? t("credit.history.assigned", { to }) : humanize(entry.action), null);
    }
    case "stripe_object_recorded": {
      const step = str(d.step) ?? "";
      return line(t("credit.history.stripeObject"), `${stepTitle(step)}: ${str(d.object_id) ?? "?"}`);
    }
    case "application_approved": {
      const opening = d.purpose === "credit_line_opening";
      return line(
        opening ? t("credit.history.approved.opening", { amount: money(d.amount) }) : t("credit.history.approved.increase", { amount: money(d.amount) }),
        opening ? t("credit.history.approved.openingDetail") : t("credit.history.approved.increaseDetail"),
        d.decided_at,
        "success",
      );
    }
    case "limit_changed":
      return line(t("credit.history.limitChanged", { from: money(d.from), to: money(d.to) }), null, d.at, "info");
    case "period_change_approved": {
      const reference = str(d.reference);
      return line(t("credit.history.period.approved"), reference ? t("credit.history.period.reference", { reference }) : null, d.approved_at, "info");
    }
    case "period_change_scheduled": {
      const u = obj(d.upcoming_attributes);
      const count = num(u?.period_count);
      const period = u && str(u.period_interval) && count !== null ? periodText(u.period_interval as string, count) : "?";
      const eff = str(u?.effective_at) ? formatInstant(str(u?.effective_at) as string, "UTC") : "?";
      const due = num(u?.days_until_due);
      const parts = [t("credit.history.period.takesEffect", { at: eff })];
      if (due !== null) parts.push(t("credit.history.period.dueFromThen", { days: daysText(due) }));
      return line(t("credit.history.period.scheduled", { period }), parts.join(" "), null, "info");
    }
    case "period_change_applied": {
      const count = num(d.period_count);
      const period = str(d.period_interval) && count !== null ? periodText(d.period_interval as string, count) : "?";
      return line(t("credit.history.period.applied", { period }), null, d.effective_at, "info");
    }
    case "rejected_for_fraud":
      return line(t("credit.history.fraud.title"), t("credit.history.fraud.detail"), d.at, "danger");
    case "debit_negative_balances_set":
      return d.debit_negative_balances === true
        ? line(t("credit.history.debitNegative.on"), t("credit.history.debitNegative.onDetail"), null, "info")
        : line(t("credit.history.debitNegative.off"), null, null, "info");
    default:
      return line(humanize(entry.action), entry.details);
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
