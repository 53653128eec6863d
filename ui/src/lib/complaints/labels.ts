// Human labels for the domain's codes. Codes are what crosses IPC; these are what people read.
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

export const KINDS: ReadonlyArray<ComplaintKind> = ["operational", "executive"];
export const KIND_LABEL: Record<ComplaintKind, string> = {
  operational: "Operational",
  executive: "Executive",
};

export const GROUNDS: ReadonlyArray<Ground> = ["regulator", "litigation", "udap", "discrimination", "consumer_harm", "legal"];
export const GROUND_LABEL: Record<Ground, string> = {
  regulator: "Regulator or government agency",
  litigation: "Litigation threat",
  udap: "Unfair or deceptive practice (UDAP)",
  discrimination: "Discrimination",
  consumer_harm: "Consumer harm",
  legal: "Other legal concern",
};

export const CHANNELS: ReadonlyArray<Channel> = ["phone", "email", "letter", "in_person", "social_media", "web_form", "regulator"];
export const CHANNEL_LABEL: Record<Channel, string> = {
  phone: "Phone",
  email: "Email",
  letter: "Letter",
  in_person: "In person",
  social_media: "Social media",
  web_form: "Web form",
  regulator: "Via a regulator",
};

export const PRODUCTS: ReadonlyArray<Product> = ["issuing", "treasury"];
export const PRODUCT_LABEL: Record<Product, string> = {
  issuing: "Issuing",
  treasury: "Treasury",
};

export const CLOCKS: ReadonlyArray<Clock> = ["notify_stripe", "acknowledge", "resolve"];
export const CLOCK_LABEL: Record<Clock, string> = {
  acknowledge: "Acknowledge",
  resolve: "Resolve",
  notify_stripe: "Notify Stripe",
};

export const CLOCK_STATE_LABEL: Record<ClockState, string> = {
  pending: "Pending",
  overdue: "Overdue",
  met: "Met",
  missed: "Missed",
};

export const STATUS_LABEL: Record<ComplaintStatus, string> = {
  open: "Open",
  resolved: "Resolved",
  not_a_complaint: "Not a complaint",
};

export const OUTCOMES: ReadonlyArray<Outcome> = ["upheld", "partially_upheld", "not_upheld", "withdrawn"];
export const OUTCOME_LABEL: Record<Outcome, string> = {
  upheld: "Upheld",
  partially_upheld: "Partially upheld",
  not_upheld: "Not upheld",
  withdrawn: "Withdrawn",
};

/** Labels for the timeline's stable action names. */
export const ACTION_LABEL: Record<string, string> = {
  logged: "Logged",
  acknowledged: "Acknowledged",
  stripe_notified: "Stripe notified",
  stripe_review_completed: "Stripe review completed",
  customer_contacted: "Customer contacted",
  reclassified: "Reclassified",
  resolved: "Resolved",
  reopened: "Reopened",
  note_added: "Note",
  deadlines_recomputed: "Deadlines recomputed",
  marked_not_a_complaint: "Not a complaint",
  tracked: "Tracked",
  voided: "Void",
};

/** A support timer's name where space is short (the register, the playbook's chips). */
export const TIMER_LABEL: Record<TimerKind, string> = {
  reorder_card: "Reorder card",
  authorization_expires: "Authorization expires",
  ach_return_window: "ACH return window",
};

export const TIMER_STATE_LABEL: Record<TimerState, string> = {
  running: "Running",
  due_today: "Due today",
  passed: "Passed",
};

/** The facts that start support timers, as the track dialog offers them. */
export const TRACK_EVENTS: ReadonlyArray<TrackedFact["event"]> = ["card_shipped", "authorization_created", "ach_debit_received"];
export const TRACK_EVENT_LABEL: Record<TrackedFact["event"], string> = {
  card_shipped: "Physical card shipped",
  authorization_created: "Pending authorization created",
  ach_debit_received: "ACH debit received",
};

export const SHIPPINGS: ReadonlyArray<Shipping> = ["standard", "express", "priority"];
export const SHIPPING_LABEL: Record<Shipping, string> = {
  standard: "Standard (no tracking)",
  express: "Express (tracked)",
  priority: "Priority (tracked)",
};

export const MERCHANT_CATEGORIES: ReadonlyArray<MerchantCategory> = ["hotel", "airline", "car_rental", "other"];
export const MERCHANT_LABEL: Record<MerchantCategory, string> = {
  hotel: "Hotel",
  airline: "Airline",
  car_rental: "Car rental",
  other: "Other merchant",
};

export function actionLabel(action: string): string {
  return ACTION_LABEL[action] ?? action.replace(/_/g, " ");
}

/** Why a day was skipped: `weekend`, a holiday's name, or `closure: <name>`. */
export function closedReasonText(reason: ClosedReason): string {
  switch (reason.kind) {
    case "weekend":
      return "Weekend";
    case "holiday":
      return reason.name;
    case "closure":
      return `Closure: ${reason.name}`;
  }
}

export function groundsText(grounds: ReadonlyArray<Ground>): string {
  return grounds.map((g) => GROUND_LABEL[g] ?? g).join("; ");
}
