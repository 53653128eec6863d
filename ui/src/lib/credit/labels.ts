// Words for the codes of credit cases, steps and terms, as officers read them, in the interface
// language (`messages/*/credit.json`). Each table of labels is a function of its code; the tables
// other areas read by code (`PURPOSE_LABEL[p]`, `PROGRAM_FIELD_LABEL[f]`) are kept, and read the
// catalogue each time, so they follow a change of language too.
import type { ApplicationPurpose } from "../bindings/ApplicationPurpose";
import type { CaseStep } from "../bindings/CaseStep";
import type { ClockState } from "../bindings/ClockState";
import type { Language } from "../bindings/Language";
import type { NoticeChannel } from "../bindings/NoticeChannel";
import type { PeriodInterval } from "../bindings/PeriodInterval";
import type { RevocationReason } from "../bindings/RevocationReason";
import type { StepState } from "../bindings/StepState";
import { t, tOr } from "../i18n";
import { humanize } from "../reports/format";

/** A code as words when no better label is known: `line_is_active` → "Line is active". */
export { humanize };

export type Tone = "danger" | "warning" | "caution" | "success" | "hold" | "neutral" | "info";

/**
 * A table of labels by code whose entries are read from the catalogue when they are read, so
 * that `TABLE[code]` in markup follows the interface language. Codes outside `codes` are
 * `undefined`, as in a plain table.
 */
function labelTable<K extends string>(codes: ReadonlyArray<K>, label: (code: K) => string): Readonly<Record<K, string>> {
  const table = {} as Record<K, string>;
  for (const code of codes) Object.defineProperty(table, code, { enumerable: true, get: () => label(code) });
  return Object.freeze(table);
}

/** Stripe's decision types, as a case or an underwriting exception names them. */
export const DECISION_TYPES = [
  "application_rejected",
  "credit_limit_approved",
  "credit_limit_decreased",
  "credit_line_closed",
  "no_changes",
  "withdrawn_by_applicant",
] as const;

/** "Credit line closed"; a decision type the catalogue does not know as words made of its code. */
export function decisionTypeLabel(decisionType: string): string {
  return tOr(`credit.decisionType.${decisionType}`, humanize(decisionType));
}

/** What a case is, by its decision type: "Closure", "Limit decrease". */
export function caseKindLabel(decisionType: string): string {
  return tOr(`credit.caseKind.${decisionType}`, decisionType);
}

export const CASE_STATUSES = ["awaiting_approval", "open", "winding_down", "complete", "superseded"] as const;

export function caseStatusLabel(status: string): string {
  return tOr(`credit.caseStatus.${status}`, status);
}

export const CASE_STATUS_TONE: Record<string, Tone> = {
  awaiting_approval: "warning",
  open: "info",
  winding_down: "caution",
  complete: "success",
  superseded: "neutral",
};

export const CASE_STEPS: ReadonlyArray<CaseStep> = ["decision", "approval", "notice_sent", "deactivated", "wind_down_complete", "capability_revoked", "limit_applied"];

/** A step's title: "Underwriting decision", "31-day wind-down". */
export function stepTitle(step: string): string {
  return tOr(`credit.step.${step}`, humanize(step));
}

/** The step as a list names what is left to do: "Send the notice". */
export function nextStepLabel(step: string): string {
  return tOr(`credit.nextStep.${step}`, step);
}

/** The actions a case's timeline records. */
export const CASE_ACTIONS = [
  "decision_recorded",
  "notice_sent",
  "policy_deactivated",
  "capability_revoked",
  "limit_applied",
  "decision_approved",
  "assigned",
  "stripe_object_recorded",
  "voided",
] as const;

/** An entry of a case's timeline, by the action the backend records. */
export function caseActionName(action: string): string {
  return tOr(`credit.timelineAction.${action}`, humanize(action));
}

export const CLOCK_STATES: ReadonlyArray<ClockState> = ["pending", "overdue", "met", "missed"];

/** Where the notice's deadline stands: "Pending", "Met". */
export function noticeClockLabel(state: ClockState): string {
  return t(`credit.noticeClock.label.${state}`);
}

/** What each state of the notice's deadline means, for its badge's title. */
export function noticeClockTitle(state: ClockState): string {
  return t(`credit.noticeClock.title.${state}`);
}

export const NOTICE_CLOCK_TONE: Record<ClockState, Tone> = {
  pending: "info",
  overdue: "danger",
  met: "success",
  missed: "danger",
};

export const STEP_STATES: ReadonlyArray<StepState> = ["done", "ready", "blocked", "waiting", "optional"];

export function stepStateLabel(state: StepState): string {
  return t(`credit.stepState.${state}`);
}

export const STEP_STATE_TONE: Record<StepState, Tone> = {
  done: "success",
  ready: "info",
  blocked: "neutral",
  waiting: "caution",
  optional: "neutral",
};

export const LANGUAGES: ReadonlyArray<Language> = ["en", "de", "ja"];

/** Each notice language by its own name, the same in every interface language. */
export const LANGUAGE_LABEL: Record<Language, string> = {
  en: "English",
  de: "Deutsch",
  ja: "日本語",
};

/** A notice language's name in the interface language, for sentences such as "in Japanese (日本語)". */
export function languageName(language: Language): string {
  return t(`credit.languageName.${language}`);
}

export const CHANNELS: ReadonlyArray<NoticeChannel> = ["email", "mail"];

/** How a notice went: "Email", "Post (mail)". */
export function channelLabel(channel: NoticeChannel): string {
  return t(`credit.channel.label.${channel}`);
}

/** How the notice went, in a sentence: "sent … by email"; a channel the catalogue lacks by its code. */
export function channelBy(channel: string): string {
  return tOr(`credit.channel.by.${channel}`, t("credit.channel.byCode", { channel }));
}

export const REVOCATION_REASONS: ReadonlyArray<RevocationReason> = ["criteria_not_met", "terms_violated"];

export function revocationLabel(reason: string): string {
  return tOr(`credit.revocation.${reason}`, humanize(reason));
}

export const PURPOSES: ReadonlyArray<ApplicationPurpose> = ["credit_limit_increase", "credit_line_opening"];

export function purposeLabel(purpose: ApplicationPurpose): string {
  return t(`credit.purpose.${purpose}`);
}

/** The purposes of a credit application by code, in the interface language. */
export const PURPOSE_LABEL: Readonly<Record<ApplicationPurpose, string>> = labelTable(PURPOSES, purposeLabel);

export const PERIOD_INTERVALS: ReadonlyArray<PeriodInterval> = ["day", "month"];

/** `1 month`, `30 days`, in the interface language. */
export function periodText(interval: PeriodInterval | string, count: number): string {
  if (interval === "day" || interval === "month") return t(`credit.period.${interval}`, { count });
  return `${count} ${interval}${count === 1 ? "" : "s"}`;
}

/** `10 days`, `1 day`, in the interface language. */
export function daysText(n: number): string {
  return t("credit.period.day", { count: n });
}

/** Credit program fields a notice needs, by the name the backend gives them. */
export const PROGRAM_FIELDS = ["creditor_name", "creditor_address", "creditor_phone", "creditor_email", "agency_name", "agency_address"] as const;

/** "Creditor name"; a field the catalogue does not know by its code. */
export function programFieldLabel(field: string): string {
  return tOr(`credit.programField.${field}`, field);
}

/** The program fields by the backend's name, in the interface language (`undefined` for others). */
export const PROGRAM_FIELD_LABEL: Readonly<Record<string, string>> = labelTable(PROGRAM_FIELDS, programFieldLabel);

/** Codes and names joined the interface language's way: "Creditor address, ECOA agency name". */
export function listText(items: ReadonlyArray<string>): string {
  return items.join(t("credit.listSeparator"));
}
