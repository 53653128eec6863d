// Human labels for the domain's codes. Codes are what crosses IPC; these are what people read,
// in the interface language (`messages/<language>/complaints.json`). The functions translate when
// called; the `*_LABEL` tables (kept for the views that index them by code) do too: each entry is
// read through the catalogue at the moment it is looked up, so markup using them follows a change
// of language. A code the catalogue does not know yet shows as the code itself.
import type { Channel } from "../bindings/Channel";
import type { Clock } from "../bindings/Clock";
import type { ClockState } from "../bindings/ClockState";
import type { ClosedReason } from "../bindings/ClosedReason";
import type { ComplaintKind } from "../bindings/ComplaintKind";
import type { ComplaintStatus } from "../bindings/ComplaintStatus";
import type { Ground } from "../bindings/Ground";
import type { Outcome } from "../bindings/Outcome";
import type { MerchantCategory } from "../bindings/MerchantCategory";
import type { Product } from "../bindings/Product";
import type { Shipping } from "../bindings/Shipping";
import type { TimerKind } from "../bindings/TimerKind";
import type { TimerState } from "../bindings/TimerState";
import type { TrackedFact } from "../bindings/TrackedFact";
import { t, tOr } from "../i18n/translate";

/** A label of a code under `complaints.<group>.`, or the code itself when the catalogue lacks it. */
function codeLabel(group: string, code: string): string {
  return tOr(`complaints.${group}.${code}`, code);
}

/**
 * A table of labels by code whose entries are looked up in the catalogue when read: indexing it
 * (`KIND_LABEL[kind]`) gives the label in the current language. Unknown codes read undefined.
 */
function labelTable<K extends string>(codes: ReadonlyArray<K>, label: (code: K) => string): Record<K, string> {
  const table = {} as Record<K, string>;
  for (const code of codes) Object.defineProperty(table, code, { enumerable: true, get: () => label(code) });
  return Object.freeze(table);
}

export const KINDS: ReadonlyArray<ComplaintKind> = ["operational", "executive"];
export function kindLabel(kind: ComplaintKind): string {
  return codeLabel("kind", kind);
}
export const KIND_LABEL: Record<ComplaintKind, string> = labelTable(KINDS, kindLabel);

export const GROUNDS: ReadonlyArray<Ground> = ["regulator", "litigation", "udap", "discrimination", "consumer_harm", "legal"];
export function groundLabel(ground: Ground): string {
  return codeLabel("ground", ground);
}
export const GROUND_LABEL: Record<Ground, string> = labelTable(GROUNDS, groundLabel);

export const CHANNELS: ReadonlyArray<Channel> = ["phone", "email", "letter", "in_person", "social_media", "web_form", "regulator"];
export function channelLabel(channel: Channel): string {
  return codeLabel("channel", channel);
}
export const CHANNEL_LABEL: Record<Channel, string> = labelTable(CHANNELS, channelLabel);

export const PRODUCTS: ReadonlyArray<Product> = ["issuing", "treasury"];
export function productLabel(product: Product): string {
  return codeLabel("product", product);
}
export const PRODUCT_LABEL: Record<Product, string> = labelTable(PRODUCTS, productLabel);

export const CLOCKS: ReadonlyArray<Clock> = ["notify_stripe", "acknowledge", "resolve"];
export function clockLabel(clock: Clock): string {
  return codeLabel("clock", clock);
}
export const CLOCK_LABEL: Record<Clock, string> = labelTable(CLOCKS, clockLabel);

export const CLOCK_STATES: ReadonlyArray<ClockState> = ["pending", "overdue", "met", "missed"];
export function clockStateLabel(state: ClockState): string {
  return codeLabel("clockState", state);
}
export const CLOCK_STATE_LABEL: Record<ClockState, string> = labelTable(CLOCK_STATES, clockStateLabel);

export const STATUSES: ReadonlyArray<ComplaintStatus> = ["open", "resolved", "not_a_complaint"];
export function statusLabel(status: ComplaintStatus): string {
  return codeLabel("status", status);
}
export const STATUS_LABEL: Record<ComplaintStatus, string> = labelTable(STATUSES, statusLabel);

export const OUTCOMES: ReadonlyArray<Outcome> = ["upheld", "partially_upheld", "not_upheld", "withdrawn"];
export function outcomeLabel(outcome: Outcome): string {
  return codeLabel("outcome", outcome);
}
export const OUTCOME_LABEL: Record<Outcome, string> = labelTable(OUTCOMES, outcomeLabel);

/** The timeline's stable action names. */
export const ACTIONS: ReadonlyArray<string> = [
  "logged",
  "acknowledged",
  "stripe_notified",
  "stripe_review_completed",
  "customer_contacted",
  "reclassified",
  "reclassification_requested",
  "reclassification_approved",
  "assigned",
  "resolved",
  "reopened",
  "note_added",
  "deadlines_recomputed",
  "marked_not_a_complaint",
  "tracked",
  "voided",
];
/** Labels for the timeline's stable action names. */
export const ACTION_LABEL: Record<string, string> = labelTable(ACTIONS, (a) => actionLabel(a));

/** A timeline action's label; an action the catalogue does not know reads as its words. */
export function actionLabel(action: string): string {
  return tOr(`complaints.action.${action}`, action.replace(/_/g, " "));
}

/** A support timer's name where space is short (the register, the playbook's chips). */
export const TIMER_KINDS: ReadonlyArray<TimerKind> = ["reorder_card", "authorization_expires", "ach_return_window"];
export function timerLabel(kind: TimerKind): string {
  return codeLabel("timer", kind);
}
export const TIMER_LABEL: Record<TimerKind, string> = labelTable(TIMER_KINDS, timerLabel);

export const TIMER_STATES: ReadonlyArray<TimerState> = ["running", "due_today", "passed"];
export function timerStateLabel(state: TimerState): string {
  return codeLabel("timerState", state);
}
export const TIMER_STATE_LABEL: Record<TimerState, string> = labelTable(TIMER_STATES, timerStateLabel);

/** The facts that start support timers, as the track dialog offers them. */
export const TRACK_EVENTS: ReadonlyArray<TrackedFact["event"]> = ["card_shipped", "authorization_created", "ach_debit_received"];
export function trackEventLabel(event: TrackedFact["event"]): string {
  return codeLabel("trackEvent", event);
}
export const TRACK_EVENT_LABEL: Record<TrackedFact["event"], string> = labelTable(TRACK_EVENTS, trackEventLabel);

export const SHIPPINGS: ReadonlyArray<Shipping> = ["standard", "express", "priority"];
export function shippingLabel(shipping: Shipping): string {
  return codeLabel("shipping", shipping);
}
export const SHIPPING_LABEL: Record<Shipping, string> = labelTable(SHIPPINGS, shippingLabel);

export const MERCHANT_CATEGORIES: ReadonlyArray<MerchantCategory> = ["hotel", "airline", "car_rental", "other"];
/** A merchant category's label (the catalogue names `other` `other_merchant`: `other` is a plural form there). */
export function merchantLabel(category: MerchantCategory): string {
  return codeLabel("merchant", category === "other" ? "other_merchant" : category);
}
export const MERCHANT_LABEL: Record<MerchantCategory, string> = labelTable(MERCHANT_CATEGORIES, merchantLabel);

/** Why a day was skipped: `weekend`, a holiday's name (the calendar's own), or `closure: <name>`. */
export function closedReasonText(reason: ClosedReason): string {
  switch (reason.kind) {
    case "weekend":
      return t("complaints.closedReason.weekend");
    case "holiday":
      return reason.name;
    case "closure":
      return t("complaints.closedReason.closure", { name: reason.name });
  }
}

/** Labels joined as the language lists them: `a, b` (Japanese `a、b`). */
export function commaList(items: ReadonlyArray<string>): string {
  return items.join(t("complaints.separator.comma"));
}

export function groundsText(grounds: ReadonlyArray<Ground>): string {
  return grounds.map(groundLabel).join(t("complaints.separator.semicolon"));
}
