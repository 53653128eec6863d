// Words for the codes of credit cases, steps and terms, as officers read them.
import type { ApplicationPurpose } from "../bindings/ApplicationPurpose";
import type { CaseStep } from "../bindings/CaseStep";
import type { ClockState } from "../bindings/ClockState";
import type { Language } from "../bindings/Language";
import type { NoticeChannel } from "../bindings/NoticeChannel";
import type { PeriodInterval } from "../bindings/PeriodInterval";
import type { RevocationReason } from "../bindings/RevocationReason";
import type { StepState } from "../bindings/StepState";
import { humanize } from "../reports/format";

/** A code as words when no better label is known: `line_is_active` → "Line is active". */
export { humanize };

export type Tone = "danger" | "warning" | "caution" | "success" | "hold" | "neutral" | "info";

/** Stripe's decision types, as a case or an underwriting exception names them. */
export const DECISION_TYPE_LABEL: Record<string, string> = {
  application_rejected: "Application rejected",
  credit_limit_approved: "Credit limit approved",
  credit_limit_decreased: "Credit limit decreased",
  credit_line_closed: "Credit line closed",
  no_changes: "No changes",
  withdrawn_by_applicant: "Withdrawn by applicant",
};

/** What a case is, by its decision type. */
export const CASE_KIND_LABEL: Record<string, string> = {
  credit_line_closed: "Closure",
  credit_limit_decreased: "Limit decrease",
};

export function caseKindLabel(decisionType: string): string {
  return CASE_KIND_LABEL[decisionType] ?? decisionType;
}

export const CASE_STATUS_LABEL: Record<string, string> = {
  open: "Open",
  winding_down: "Winding down",
  complete: "Complete",
  superseded: "Superseded",
};

export const CASE_STATUS_TONE: Record<string, Tone> = {
  open: "info",
  winding_down: "caution",
  complete: "success",
  superseded: "neutral",
};

export const STEP_TITLE: Record<CaseStep, string> = {
  decision: "Underwriting decision",
  notice_sent: "Adverse-action notice",
  deactivated: "Deactivate credit policy",
  wind_down_complete: "31-day wind-down",
  capability_revoked: "Revoke card-issuing capability",
  limit_applied: "Apply new limit",
};

/** The step as a list names what is left to do. */
export const NEXT_STEP_LABEL: Record<string, string> = {
  decision: "Record the decision",
  notice_sent: "Send the notice",
  deactivated: "Deactivate the policy",
  wind_down_complete: "Wind-down running",
  capability_revoked: "Revoke the capability",
  limit_applied: "Apply the new limit",
};

/** The entries of a case's timeline, by the action the backend records. */
export const CASE_ACTION_LABEL: Record<string, string> = {
  decision_recorded: "Decision",
  notice_sent: "Notice sent",
  policy_deactivated: "Deactivated",
  capability_revoked: "Capability revoked",
  limit_applied: "Limit applied",
  stripe_object_recorded: "Stripe object",
  voided: "Void",
};

/** Where the notice's deadline stands. */
export const NOTICE_CLOCK_LABEL: Record<ClockState, string> = {
  pending: "Pending",
  overdue: "Overdue",
  met: "Met",
  missed: "Missed",
};

export const NOTICE_CLOCK_TONE: Record<ClockState, Tone> = {
  pending: "info",
  overdue: "danger",
  met: "success",
  missed: "danger",
};

/** What each state of the notice's deadline means, for its badge's title. */
export const NOTICE_CLOCK_TITLE: Record<ClockState, string> = {
  pending: "Not recorded as sent yet.",
  overdue: "Not recorded as sent, and past its due date.",
  met: "Sent by its due date.",
  missed: "Sent after its due date.",
};

export const STEP_STATE_LABEL: Record<StepState, string> = {
  done: "Done",
  ready: "Ready",
  blocked: "Blocked",
  waiting: "Waiting",
  optional: "Optional",
};

export const STEP_STATE_TONE: Record<StepState, Tone> = {
  done: "success",
  ready: "info",
  blocked: "neutral",
  waiting: "caution",
  optional: "neutral",
};

export const LANGUAGES: ReadonlyArray<Language> = ["en", "de", "ja"];

export const LANGUAGE_LABEL: Record<Language, string> = {
  en: "English",
  de: "Deutsch",
  ja: "日本語",
};

/** The languages' names in English, for sentences such as "in Japanese (日本語)". */
export const LANGUAGE_NAME: Record<Language, string> = {
  en: "English",
  de: "German",
  ja: "Japanese",
};

export const CHANNELS: ReadonlyArray<NoticeChannel> = ["email", "mail"];

export const CHANNEL_LABEL: Record<NoticeChannel, string> = {
  email: "Email",
  mail: "Post (mail)",
};

/** How the notice went, in a sentence: "sent … by email". */
export const CHANNEL_BY: Record<NoticeChannel, string> = {
  email: "by email",
  mail: "by post (mail)",
};

export const REVOCATION_REASONS: ReadonlyArray<RevocationReason> = ["criteria_not_met", "terms_violated"];

export const REVOCATION_LABEL: Record<RevocationReason, string> = {
  criteria_not_met: "Underwriting criteria no longer met",
  terms_violated: "Terms of the credit line violated",
};

export const PURPOSES: ReadonlyArray<ApplicationPurpose> = ["credit_limit_increase", "credit_line_opening"];

export const PURPOSE_LABEL: Record<ApplicationPurpose, string> = {
  credit_limit_increase: "Limit increase on the open line",
  credit_line_opening: "New credit line (reopens a closed line)",
};

export const PERIOD_INTERVALS: ReadonlyArray<PeriodInterval> = ["day", "month"];

/** `1 month`, `30 days`. */
export function periodText(interval: PeriodInterval | string, count: number): string {
  const unit = interval === "month" ? "month" : interval === "day" ? "day" : interval;
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

/** `10 days`, `1 day`. */
export function daysText(n: number): string {
  return `${n} day${n === 1 ? "" : "s"}`;
}

/** Credit program fields a notice needs, by the name the backend gives them. */
export const PROGRAM_FIELD_LABEL: Record<string, string> = {
  creditor_name: "Creditor name",
  creditor_address: "Creditor address",
  creditor_phone: "Creditor phone",
  creditor_email: "Creditor email",
  agency_name: "ECOA agency name",
  agency_address: "ECOA agency address",
};

/** The program fields without which a notice cannot be recorded as sent (rule `notice_needs_creditor_and_agency`). */
