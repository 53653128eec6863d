// ============================================================================================
// DEVELOPMENT ONLY — SAMPLE DATA. NOT THE REAL BACKEND.
//
// Loaded by main.ts only when `import.meta.env.DEV` is true (plain `vite` dev server) and the
// page is not running inside Tauri. `vite build` drops it from the production bundle. It
// answers the Tauri commands in memory with invented complaints so the UI can be looked at in
// a browser; nothing is stored and the rules are a rough imitation of the Rust domain.
// ============================================================================================
import { mockIPC } from "@tauri-apps/api/mocks";

import type { AddClosureInput } from "../bindings/AddClosureInput";
import type { AppInfo } from "../bindings/AppInfo";
import type { AuditReport } from "../bindings/AuditReport";
import type { BackupEntry } from "../bindings/BackupEntry";
import type { BackupList } from "../bindings/BackupList";
import type { BackupOutput } from "../bindings/BackupOutput";
import type { Channel } from "../bindings/Channel";
import type { Clock } from "../bindings/Clock";
import type { ClockStatus } from "../bindings/ClockStatus";
import type { ClosedReason } from "../bindings/ClosedReason";
import type { ClosureDay } from "../bindings/ClosureDay";
import type { Complaint } from "../bindings/Complaint";
import type { ComplaintDetail } from "../bindings/ComplaintDetail";
import type { ComplaintEvent } from "../bindings/ComplaintEvent";
import type { ComplaintKind } from "../bindings/ComplaintKind";
import type { ComplaintPage } from "../bindings/ComplaintPage";
import type { ComplaintRow } from "../bindings/ComplaintRow";
import type { DeadlineChange } from "../bindings/DeadlineChange";
import type { DeadlineDates } from "../bindings/DeadlineDates";
import type { DeadlineExplanation } from "../bindings/DeadlineExplanation";
import type { DeadlinePolicy } from "../bindings/DeadlinePolicy";
import type { ExportReportInput } from "../bindings/ExportReportInput";
import type { FieldChange } from "../bindings/FieldChange";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { Ground } from "../bindings/Ground";
import type { Intake } from "../bindings/Intake";
import type { ListComplaintsInput } from "../bindings/ListComplaintsInput";
import type { LogComplaintInput } from "../bindings/LogComplaintInput";
import type { NextDeadline } from "../bindings/NextDeadline";
import type { Operation } from "../bindings/Operation";
import type { OperationView } from "../bindings/OperationView";
import type { Outcome } from "../bindings/Outcome";
import type { Product } from "../bindings/Product";
import type { ProgressStep } from "../bindings/ProgressStep";
import type { RecomputedComplaint } from "../bindings/RecomputedComplaint";
import type { RecomputeOutput } from "../bindings/RecomputeOutput";
import type { RecordStepInput } from "../bindings/RecordStepInput";
import type { NotAComplaintInput } from "../bindings/NotAComplaintInput";
import type { VoidEntryInput } from "../bindings/VoidEntryInput";
import type { MonthlyReport } from "../bindings/MonthlyReport";
import type { RegisterCounts } from "../bindings/RegisterCounts";
import type { ReportClock } from "../bindings/ReportClock";
import type { ReportDiff } from "../bindings/ReportDiff";
import type { ReportFormat } from "../bindings/ReportFormat";
import type { ReportInput } from "../bindings/ReportInput";
import type { ReportPreview } from "../bindings/ReportPreview";
import type { ReportRow } from "../bindings/ReportRow";
import type { ReportSection } from "../bindings/ReportSection";
import type { ReportStatus } from "../bindings/ReportStatus";
import type { ReportSummary } from "../bindings/ReportSummary";
import type { Share } from "../bindings/Share";
import type { SubmissionView } from "../bindings/SubmissionView";
import type { SubmitReportInput } from "../bindings/SubmitReportInput";
import type { Tally } from "../bindings/Tally";
import type { WeekCount } from "../bindings/WeekCount";
import type { SetDeadlinePolicyInput } from "../bindings/SetDeadlinePolicyInput";
import type { SettingsView } from "../bindings/SettingsView";
import type { SkippedDay } from "../bindings/SkippedDay";
import type { Taxonomy } from "../bindings/Taxonomy";
import type { TimelineEntry } from "../bindings/TimelineEntry";
import type { Urgency } from "../bindings/Urgency";
import type { MerchantCategory } from "../bindings/MerchantCategory";
import type { Shipping } from "../bindings/Shipping";
import type { Timer } from "../bindings/Timer";
import type { TimerDue } from "../bindings/TimerDue";
import type { TimerKind } from "../bindings/TimerKind";
import type { TimerState } from "../bindings/TimerState";
import type { TrackedFact } from "../bindings/TrackedFact";
import type { TrackInput } from "../bindings/TrackInput";
import { addDays, dateInZone, formatOffset, toUtcRfc3339, weekdayOf } from "../shared/datetime";
import { formatMoney } from "../shared/money";
import { lastDay, parseMonth, stepMonth } from "../reports/month";
import type { BankDebitInput } from "../bindings/BankDebitInput";
import type { PlatformBalanceInput } from "../bindings/PlatformBalanceInput";
import type { PlaybookInput } from "../bindings/PlaybookInput";
import type { PlaybookSearchInput } from "../bindings/PlaybookSearchInput";
import type { ReserveBalanceInput } from "../bindings/ReserveBalanceInput";
import { playbookGuide, playbookSearch } from "./devmockPlaybook";
import * as reserve from "./devmockReserve";

// ---------------------------------------------------------------------------- static data

const TAXONOMY: Taxonomy = {
  topic: [
    {
      code: "card_ordering",
      label: "Card ordering and reissue",
      products: ["issuing"],
      issue_types: [
        { code: "lost_or_stolen_card", label: "Lost or stolen card" },
        { code: "expired_or_damaged_card", label: "Expired or damaged physical card" },
        { code: "physical_card_delayed", label: "Physical card delayed" },
      ],
    },
    {
      code: "cardholder_experience",
      label: "Cardholder experience",
      products: ["issuing"],
      issue_types: [
        { code: "authorization_declined", label: "Authorization declined" },
        { code: "cancel_pending_authorization", label: "Cancel a pending authorization" },
        { code: "missing_refund", label: "Missing refund" },
        { code: "dispute_transaction", label: "Dispute a transaction" },
        { code: "dispute_lost", label: "Why a dispute was lost" },
        { code: "pin_blocked", label: "Too many PIN retries" },
        { code: "cardholder_inactive", label: "Cardholder inactive" },
        { code: "digital_wallet", label: "Cannot add card to a digital wallet" },
      ],
    },
    {
      code: "fraud_management",
      label: "Fraud management",
      products: ["issuing"],
      issue_types: [
        { code: "enable_3ds", label: "Enable 3D Secure" },
        { code: "spending_controls", label: "Update spending controls" },
        { code: "fraud_challenges", label: "Fraud challenges" },
      ],
    },
    {
      code: "issuing_balance",
      label: "Issuing balance",
      products: ["issuing"],
      issue_types: [
        { code: "top_up", label: "Top-up from an external bank" },
        { code: "balance_transfer", label: "Transfer from the Stripe balance" },
        { code: "payout", label: "Payout to an external bank" },
      ],
    },
    {
      code: "treasury_accounts",
      label: "Treasury financial accounts",
      products: ["treasury"],
      issue_types: [
        { code: "missing_capability", label: "Missing capability" },
        { code: "restricted_capability", label: "Restricted capability" },
        { code: "account_routing_numbers", label: "Account and routing numbers" },
      ],
    },
    {
      code: "treasury_money_movement",
      label: "Treasury money movement",
      products: ["treasury"],
      issue_types: [
        { code: "payments_to_treasury", label: "Payments balance to Treasury balance" },
        { code: "cancel_transfer", label: "Cancel a transfer" },
        { code: "unexpected_funds", label: "Unexpected funds or returns" },
        { code: "wrong_debit", label: "Wrong debit or reversal" },
        { code: "processing_times", label: "Processing times" },
      ],
    },
    {
      code: "complaints",
      label: "Complaints",
      products: ["issuing", "treasury"],
      issue_types: [
        { code: "operational_complaint", label: "Operational complaint" },
        { code: "government_complaint", label: "Government or regulator complaint" },
      ],
    },
    { code: "other", label: "Other", products: ["issuing", "treasury"], issue_types: [] },
  ],
};

const POLICY: DeadlinePolicy = {
  name: "Stripe Issuing and Treasury (US)",
  timezone: "America/New_York",
  operational: { acknowledge: 5, resolve: 15, notify_stripe: null },
  executive: { acknowledge: null, resolve: 15, notify_stripe: 1 },
  late_entry_business_days: 5,
};

/** The clocks each kind of complaint runs, as the backend allows them to be set. */
const POLICY_CLOCKS: Record<ComplaintKind, ReadonlyArray<Clock>> = {
  operational: ["acknowledge", "resolve"],
  executive: ["notify_stripe", "resolve"],
};
const MAX_POLICY_DAYS = 250;

const ACTOR = "dev.sample";
const CLOCK_ORDER: Clock[] = ["acknowledge", "resolve", "notify_stripe"];
const CLOCK_TEXT: Record<Clock, string> = { acknowledge: "Acknowledge", resolve: "Resolve", notify_stripe: "Notify Stripe" };

// ---------------------------------------------------------------------------- state

interface StoredEvent {
  seq: number;
  recorded_at: string;
  actor: string;
  event: ComplaintEvent;
}

interface Stored {
  id: string;
  events: StoredEvent[];
}

interface StoredSubmission {
  view: SubmissionView;
  /** The report's rows as submitted, to tell what changed since. */
  rows: ReportRow[];
}

const state = {
  timezone: POLICY.timezone,
  policy: { ...POLICY, operational: { ...POLICY.operational }, executive: { ...POLICY.executive } } as DeadlinePolicy,
  closures: [] as ClosureDay[],
  complaints: [] as Stored[],
  submissions: [] as StoredSubmission[],
  seq: 0,
};

function fail(code: ErrorBody["code"], message: string, field: string | null = null, rule: string | null = null): never {
  const body: ErrorBody = { code, message, field, rule };
  throw body;
}

// ---------------------------------------------------------------------------- calendar

function ymd(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function dow(date: string): number {
  return ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(weekdayOf(date));
}

function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  let d = ymd(year, month, 1);
  while (dow(d) !== weekday) d = addDays(d, 1);
  return addDays(d, 7 * (n - 1));
}

function lastWeekday(year: number, month: number, weekday: number): string {
  let d = addDays(month === 12 ? ymd(year + 1, 1, 1) : ymd(year, month + 1, 1), -1);
  while (dow(d) !== weekday) d = addDays(d, -1);
  return d;
}

const holidayCache = new Map<number, Map<string, string>>();

function holidays(year: number): Map<string, string> {
  let h = holidayCache.get(year);
  if (h) return h;
  h = new Map();
  const fixed: [number, number, string][] = [
    [1, 1, "New Year's Day"],
    [6, 19, "Juneteenth National Independence Day"],
    [7, 4, "Independence Day"],
    [11, 11, "Veterans Day"],
    [12, 25, "Christmas Day"],
  ];
  for (const [m, d, name] of fixed) {
    const date = ymd(year, m, d);
    if (dow(date) === 0) h.set(addDays(date, 1), `${name} (observed)`);
    else h.set(date, name);
  }
  h.set(nthWeekday(year, 1, 1, 3), "Birthday of Martin Luther King, Jr.");
  h.set(nthWeekday(year, 2, 1, 3), "Washington's Birthday");
  h.set(lastWeekday(year, 5, 1), "Memorial Day");
  h.set(nthWeekday(year, 9, 1, 1), "Labor Day");
  h.set(nthWeekday(year, 10, 1, 2), "Columbus Day");
  h.set(nthWeekday(year, 11, 4, 4), "Thanksgiving Day");
  holidayCache.set(year, h);
  return h;
}

function closedReason(date: string): ClosedReason | null {
  const wd = dow(date);
  if (wd === 0 || wd === 6) return { kind: "weekend" };
  const holiday = holidays(Number(date.slice(0, 4))).get(date);
  if (holiday) return { kind: "holiday", name: holiday };
  const closure = state.closures.find((c) => c.date === date);
  if (closure) return { kind: "closure", name: closure.name };
  return null;
}

function explainAdd(start: string, n: number): DeadlineExplanation {
  let date = start;
  let counted = 0;
  const skipped: SkippedDay[] = [];
  while (counted < n) {
    date = addDays(date, 1);
    const reason = closedReason(date);
    if (reason) skipped.push({ date, reason });
    else counted++;
  }
  return { start, business_days: n, due: date, skipped, set_by_stripe: false };
}

function businessDaysBetween(from: string, to: string): number {
  const [lo, hi, sign] = to >= from ? [from, to, 1] : [to, from, -1];
  let n = 0;
  let d = lo;
  while (d < hi) {
    d = addDays(d, 1);
    if (!closedReason(d)) n++;
  }
  return sign * n;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function longDay(date: string): string {
  return `${weekdayOf(date)} ${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

function describeReason(r: ClosedReason): string {
  return r.kind === "weekend" ? "weekend" : r.kind === "holiday" ? r.name : `closure: ${r.name}`;
}

function sentence(e: DeadlineExplanation): string {
  let s = `${e.business_days} business day${e.business_days === 1 ? "" : "s"} after ${longDay(e.start)} is ${longDay(e.due)}`;
  if (e.skipped.length === 0) return `${s}; no day was skipped.`;
  const parts = e.skipped.map((d) => `${longDay(d.date).replace(/ \d{4}$/, "")} (${describeReason(d.reason)})`);
  s += `; skipped ${parts.join(", ")}.`;
  return s;
}

function localDate(iso: string): string {
  return dateInZone(iso, state.timezone);
}

function today(): string {
  return localDate(new Date().toISOString());
}

/** Minutes east of UTC of an IANA zone around noon of a local date. */
function zoneOffsetMinutes(date: string, timeZone: string): number {
  const text = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .find((p) => p.type === "timeZoneName")?.value;
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(text ?? "");
  if (!m) return 0;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** The last second of a local day, as UTC. */
function endOfLocalDay(date: string): string {
  const offset = zoneOffsetMinutes(date, state.timezone);
  return new Date(Date.parse(`${date}T23:59:59Z`) - offset * 60_000).toISOString().replace(".000Z", "Z");
}

// ---------------------------------------------------------------------------- complaints

function fold(s: Stored): Complaint {
  const first = s.events[0].event;
  if (first.type !== "logged") throw new Error("history must start with logged");
  const c: Complaint = {
    id: s.id,
    intake: first.intake,
    kind: first.intake.kind,
    grounds: [...first.intake.grounds],
    status: "open",
    acknowledged_at: null,
    stripe_notified_at: null,
    stripe_reviewed_at: null,
    stripe_resolve_by: null,
    resolution: null,
    reopened: false,
    first_resolution: null,
    reopenings: [],
    not_a_complaint: null,
    tracked: [],
  };
  const voided = voidedSeqs(s);
  for (const { seq, event: e } of s.events.slice(1)) {
    if (voided.has(seq)) continue;
    switch (e.type) {
      case "acknowledged":
        c.acknowledged_at = e.at;
        break;
      case "stripe_notified":
        c.stripe_notified_at = e.at;
        break;
      case "stripe_review_completed":
        c.stripe_reviewed_at = e.at;
        break;
      case "reclassified":
        c.kind = e.to;
        c.grounds = [...e.grounds];
        break;
      case "resolved":
        c.status = "resolved";
        c.resolution = { at: e.at, summary: e.summary, outcome: e.outcome, compensation: e.compensation };
        c.first_resolution ??= c.resolution;
        break;
      case "reopened":
        c.status = "open";
        c.resolution = null;
        c.reopened = true;
        c.reopenings.push({ at: e.at, reason: e.reason });
        break;
      case "marked_not_a_complaint":
        c.status = "not_a_complaint";
        c.not_a_complaint = { at: e.at, reason: e.reason };
        break;
      case "tracked":
        c.tracked.push({ at: e.at, fact: e.fact });
        break;
      default:
        break;
    }
  }
  return c;
}

/** The entries voided since, by seq, with the void's seq and reason. */
function voidedSeqs(s: Stored): Map<number, { by: number; reason: string }> {
  const out = new Map<number, { by: number; reason: string }>();
  for (const e of s.events) if (e.event.type === "voided") out.set(e.event.seq, { by: e.seq, reason: e.event.reason });
  return out;
}

function contactHold(c: Complaint): boolean {
  return c.status === "open" && c.kind === "executive" && c.stripe_reviewed_at === null;
}

function dueDates(c: Complaint): [Clock, DeadlineExplanation][] {
  if (c.status === "not_a_complaint") return [];
  const start = localDate(c.intake.received_at);
  const days = c.kind === "operational" ? state.policy.operational : state.policy.executive;
  const out: [Clock, DeadlineExplanation][] = [];
  for (const clock of CLOCK_ORDER) {
    const n = days[clock];
    if (n !== null) out.push([clock, explainAdd(start, n)]);
  }
  return out;
}

function doneAt(c: Complaint, clock: Clock): string | null {
  // A clock met by the first resolution stays met through reopenings.
  const resolved = c.resolution?.at ?? c.first_resolution?.at ?? null;
  switch (clock) {
    case "acknowledge":
      if (c.acknowledged_at && resolved) return c.acknowledged_at < resolved ? c.acknowledged_at : resolved;
      return c.acknowledged_at ?? resolved;
    case "resolve":
      return resolved;
    case "notify_stripe":
      return c.stripe_notified_at;
  }
}

function clocksOf(c: Complaint, t: string): ClockStatus[] {
  return dueDates(c).map(([clock, explanation]) => {
    const due = explanation.due;
    const done = doneAt(c, clock);
    const state: ClockStatus["state"] = done ? (localDate(done) <= due ? "met" : "missed") : "pending";
    const left = done ? null : businessDaysBetween(t, due);
    return {
      clock,
      due,
      due_at: endOfLocalDay(due),
      done_at: done,
      state,
      overdue: state === "pending" && t > due,
      business_days_left: left,
      explanation,
      explanation_text: sentence(explanation),
    };
  });
}

function urgencyOf(due: string, t: string): Urgency {
  if (t > due) return "overdue";
  if (t === due) return "due_today";
  return businessDaysBetween(t, due) <= 3 ? "due_soon" : "later";
}

function nextDeadline(c: Complaint, t: string): NextDeadline | null {
  if (c.status !== "open") return null;
  const running = dueDates(c)
    .filter(([clock]) => doneAt(c, clock) === null)
    .sort((a, b) => a[1].due.localeCompare(b[1].due));
  if (running.length === 0) return null;
  const [clock, e] = running[0];
  return { clock, due: e.due, business_days_left: businessDaysBetween(t, e.due), urgency: urgencyOf(e.due, t) };
}

function deadlineDates(c: Complaint): DeadlineDates {
  const due = new Map(dueDates(c).map(([k, e]) => [k, e.due]));
  return {
    acknowledge_by: due.get("acknowledge") ?? null,
    resolve_by: due.get("resolve") ?? null,
    notify_stripe_by: due.get("notify_stripe") ?? null,
  };
}

function describe(e: ComplaintEvent): string {
  switch (e.type) {
    case "logged":
      return `Logged as ${e.intake.kind} complaint via ${e.intake.channel.replace(/_/g, " ")}`;
    case "acknowledged":
      return e.how ? `Acknowledged to the customer by ${e.how}` : "Acknowledged to the customer";
    case "stripe_notified":
      return e.reference ? `Stripe notified (reference ${e.reference})` : "Stripe notified";
    case "stripe_review_completed":
      return "Stripe completed its review; customer contact allowed";
    case "customer_contacted":
      return e.how ? `Customer contacted by ${e.how}` : "Customer contacted";
    case "reclassified":
      if (e.from === e.to) return `Grounds changed to ${e.grounds.join(", ")}`;
      return e.grounds.length === 0 ? `Reclassified from ${e.from} to ${e.to}` : `Reclassified from ${e.from} to ${e.to} (${e.grounds.join(", ")})`;
    case "resolved": {
      let s = "Resolved";
      if (e.outcome) s += `: ${e.outcome.replace(/_/g, " ")}`;
      if (e.compensation) s += `, compensation ${formatMoney(e.compensation).replace(/,/g, "")}`;
      return s;
    }
    case "reopened":
      return "Reopened";
    case "note_added":
      return "Note";
    case "deadlines_recomputed":
      return `Deadlines recomputed: ${e.changes.map((c) => `${CLOCK_TEXT[c.clock]} ${c.from ?? "none"} → ${c.to ?? "none"}`).join("; ")}`;
    case "marked_not_a_complaint":
      return "Marked as not a complaint";
    case "tracked":
      return trackedText(e.fact);
    case "voided":
      return `Voided entry ${e.seq}`;
  }
}

// ---------------------------------------------------------------------------- support timers

const TIMER_NAME: Record<TimerKind, string> = {
  reorder_card: "Cancel and reorder the card",
  authorization_expires: "Authorization expires",
  ach_return_window: "ACH return window closes",
};
const TRAVEL: ReadonlyArray<string> = ["hotel", "airline", "car_rental"];

function trackedText(f: TrackedFact): string {
  switch (f.event) {
    case "card_shipped":
      return f.shipping === "standard" ? "Card shipped by standard shipping (untracked)" : `Card shipped by ${f.shipping} shipping (tracking number available)`;
    case "authorization_created":
      return `Pending authorization created (${f.merchant_category.replace(/_/g, " ")})`;
    case "ach_debit_received":
      return "ACH debit received";
  }
}

function trackedFact(event: string, shipping: string | null, merchant: string | null): TrackedFact {
  switch (event) {
    case "card_shipped":
      if (!shipping) return fail("invalid_input", "card_shipped needs --shipping", "shipping");
      if (!["standard", "express", "priority"].includes(shipping)) return fail("invalid_input", `"${shipping}" is not one of standard, express, priority`, "shipping");
      return { event, shipping: shipping as Shipping };
    case "authorization_created":
      if (!merchant) return fail("invalid_input", "authorization_created needs --merchant-category", "merchant_category");
      if (!["hotel", "airline", "car_rental", "other"].includes(merchant)) return fail("invalid_input", `"${merchant}" is not one of hotel, airline, car_rental, other`, "merchant_category");
      return { event, merchant_category: merchant as MerchantCategory };
    case "ach_debit_received":
      return { event };
    default:
      return fail("invalid_input", `"${event}" is not one of card_shipped, authorization_created, ach_debit_received`, "event");
  }
}

/** The timers of the tracked facts, roughly as the backend counts them (sample data only). */
function timersOf(c: Complaint): Timer[] {
  const t = today();
  const lastShipment = c.tracked.map((x) => x.fact.event).lastIndexOf("card_shipped");
  const out: Timer[] = [];
  c.tracked.forEach((tr, i) => {
    const start = localDate(tr.at);
    let timer: Omit<Timer, "state"> | null = null;
    if (tr.fact.event === "card_shipped") {
      if (i !== lastShipment || tr.fact.shipping !== "standard") return;
      const e = explainAdd(start, 10);
      timer = {
        kind: "reorder_card",
        label: TIMER_NAME.reorder_card,
        due: e.due,
        due_at: endOfLocalDay(e.due),
        started_at: tr.at,
        explanation: e,
        explanation_text: `Shipped by standard shipping, which has no tracking, on ${longDay(start)}. If the cardholder has not received it by the end of ${longDay(e.due)}, cancel the card and order a new one; Stripe refunds the cost of making and shipping it. ${sentence(e)}`,
      };
    } else if (tr.fact.event === "authorization_created") {
      const travel = TRAVEL.includes(tr.fact.merchant_category);
      const days = travel ? 31 : 7;
      const dueAt = new Date(Date.parse(tr.at) + days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, "Z");
      timer = {
        kind: "authorization_expires",
        label: TIMER_NAME.authorization_expires,
        due: localDate(dueAt),
        due_at: dueAt,
        started_at: tr.at,
        explanation: null,
        explanation_text: `The authorization was created ${longDay(start)}. The card issuer cannot cancel a pending authorization (only the merchant's acquirer can); it expires ${days} days after it was created, on ${longDay(localDate(dueAt))}, and the held funds are released then.`,
      };
    } else {
      const e = explainAdd(start, 1);
      timer = {
        kind: "ach_return_window",
        label: TIMER_NAME.ach_return_window,
        due: e.due,
        due_at: endOfLocalDay(e.due),
        started_at: tr.at,
        explanation: e,
        explanation_text: `The ACH debit was received on ${longDay(start)}. It can be returned through the API until the end of ${longDay(e.due)}; after that only on a best-effort basis through Stripe support. ${sentence(e)}`,
      };
    }
    const state: TimerState = Date.now() > Date.parse(timer.due_at) ? "passed" : timer.due === t ? "due_today" : "running";
    out.push({ ...timer, state });
  });
  return out.sort((a, b) => a.due_at.localeCompare(b.due_at));
}

function nextTimer(c: Complaint, t: string): TimerDue | null {
  if (c.status !== "open") return null;
  const next = timersOf(c).find((x) => x.due >= t);
  return next ? { kind: next.kind, due: next.due, urgency: urgencyOf(next.due, t) } : null;
}

function occurredAt(e: ComplaintEvent): string | null {
  if (e.type === "logged") return e.intake.received_at;
  if (e.type === "deadlines_recomputed" || e.type === "voided") return null;
  return e.at;
}

function receivedLocal(intake: Intake): string {
  const ms = Date.parse(intake.received_at) + intake.received_offset_minutes * 60_000;
  const d = new Date(ms).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)} (UTC${formatOffset(intake.received_offset_minutes)})`;
}

function detailOf(s: Stored): ComplaintDetail {
  const c = fold(s);
  const t = today();
  const voided = voidedSeqs(s);
  const timeline: TimelineEntry[] = s.events.map((e) => {
    const v = voided.get(e.seq) ?? null;
    const occurred = occurredAt(e.event);
    const step = !["logged", "voided", "deadlines_recomputed"].includes(e.event.type);
    // Roughly the backend's rule: a step voids only while no later step stands on it.
    const later = s.events.some((x) => x.seq > e.seq && !voided.has(x.seq) && !["voided", "deadlines_recomputed", "note_added"].includes(x.event.type));
    const voidable = step && v === null;
    const blocked = voidable && later && e.event.type !== "note_added" ? "A later entry depends on it: void that one first." : null;
    return {
      seq: e.seq,
      recorded_at: e.recorded_at,
      actor: e.actor,
      action: e.event.type,
      occurred_at: occurred,
      description: describe(e.event),
      event: e.event,
      voided: v !== null,
      voided_by: v?.by ?? null,
      void_reason: v?.reason ?? null,
      entered_late: occurred !== null && businessDaysBetween(localDate(occurred), localDate(e.recorded_at)) > state.policy.late_entry_business_days,
      can_void: voidable && blocked === null,
      void_blocked_by: blocked,
    };
  });
  const clocks = clocksOf(c, t);
  return {
    id: c.id,
    kind: c.kind,
    status: c.status,
    overdue: clocks.some((k) => k.overdue),
    received_at: c.intake.received_at,
    deadlines: deadlineDates(c),
    complaint: c,
    received_local: receivedLocal(c.intake),
    received_date: localDate(c.intake.received_at),
    clocks,
    next_deadline: nextDeadline(c, t),
    timers: timersOf(c),
    contact_hold: contactHold(c),
    timeline,
    today: t,
    timezone: state.timezone,
  };
}

function rowOf(s: Stored): ComplaintRow {
  const c = fold(s);
  const next = nextDeadline(c, today());
  return {
    id: c.id,
    received_at: c.intake.received_at,
    received_date: localDate(c.intake.received_at),
    kind: c.kind,
    grounds: c.grounds,
    status: c.status,
    overdue: next?.urgency === "overdue",
    product: c.intake.product,
    channel: c.intake.channel,
    summary: c.intake.summary,
    complainant_name: c.intake.complainant.name,
    contact_hold: contactHold(c),
    deadlines: deadlineDates(c),
    next_deadline: next,
    next_timer: nextTimer(c, today()),
  };
}

function find(id: string): Stored {
  const s = state.complaints.find((c) => c.id === id);
  if (!s) fail("not_found", `no complaint ${id}`);
  return s;
}

function push(s: Stored, event: ComplaintEvent, recordedAt = new Date().toISOString()): void {
  s.events.push({ seq: ++state.seq, recorded_at: recordedAt, actor: ACTOR, event });
}

function nextId(receivedAt: string): string {
  const year = localDate(receivedAt).slice(0, 4);
  const n = state.complaints.filter((c) => c.id.startsWith(`CMP-${year}-`)).length + 1;
  return `CMP-${year}-${String(n).padStart(5, "0")}`;
}

// ---------------------------------------------------------------------------- commands

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(text: string, field: string): { iso: string; offset: number } {
  const t = text.trim();
  if (!RFC3339.test(t) || Number.isNaN(Date.parse(t))) {
    fail("invalid_input", `"${text}" is not an RFC 3339 instant such as 2026-11-20T14:30:00-05:00`, field);
  }
  const m = /([+-])(\d{2}):(\d{2})$/.exec(t);
  const offset = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return { iso: new Date(Date.parse(t)).toISOString().replace(".000Z", "Z"), offset };
}

function checkGrounds(kind: string, grounds: string[]): void {
  if (kind === "executive" && grounds.length === 0) {
    fail("invalid_input", "an executive complaint needs at least one ground (regulator, litigation, udap, discrimination, consumer_harm, legal)", "grounds");
  }
  if (kind === "operational" && grounds.length > 0) {
    fail("invalid_input", "grounds apply only to executive complaints; choose kind executive or leave grounds empty", "grounds");
  }
}

function logComplaint(input: LogComplaintInput): ComplaintDetail {
  const { iso, offset } = parseInstant(input.received_at, "received_at");
  if (Date.parse(iso) > Date.now() + 60_000) fail("invalid_input", "the complaint cannot be received in the future", "received_at");
  if (!["operational", "executive"].includes(input.kind)) fail("invalid_input", `"${input.kind}" is not one of operational, executive`, "kind");
  checkGrounds(input.kind, input.grounds);
  if (input.complainant_name.trim() === "") fail("invalid_input", "the complainant's name is required", "complainant_name");
  if (input.summary.trim() === "") fail("invalid_input", "a summary is required", "summary");
  const email = input.complainant_email;
  if (email && !(/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))) fail("invalid_input", `"${email}" is not an email address`, "complainant_email");
  if (input.account && !/^acct_[A-Za-z0-9]+$/.test(input.account)) fail("invalid_input", `"${input.account}" is not a Stripe id of the form acct_...`, "account");
  if (input.cardholder && !/^ich_[A-Za-z0-9]+$/.test(input.cardholder)) fail("invalid_input", `"${input.cardholder}" is not a Stripe id of the form ich_...`, "cardholder");
  if (input.issue_type && !input.topic) fail("invalid_input", "an issue type needs a topic", "topic");
  if (input.topic) {
    const topic = TAXONOMY.topic.find((t) => t.code === input.topic);
    if (!topic) fail("invalid_input", `unknown topic "${input.topic}"`, "topic");
    if (input.issue_type && input.issue_type !== "other" && !topic.issue_types.some((i) => i.code === input.issue_type)) {
      fail("invalid_input", `"${input.issue_type}" is not an issue type of topic ${topic.code}`, "issue_type");
    }
  }
  const intake: Intake = {
    received_at: iso,
    received_offset_minutes: offset,
    channel: input.channel as Channel,
    complainant: { name: input.complainant_name.trim(), email: email, account: input.account, cardholder: input.cardholder },
    product: input.product as Product | null,
    topic: input.topic,
    issue_type: input.issue_type,
    summary: input.summary.trim(),
    description: input.description,
    kind: input.kind as ComplaintKind,
    grounds: input.grounds as Ground[],
  };
  const s: Stored = { id: nextId(iso), events: [] };
  push(s, { type: "logged", intake });
  state.complaints.push(s);
  return detailOf(s);
}

function recordStep(input: RecordStepInput): ComplaintDetail {
  const s = find(input.complaint_id);
  const c = fold(s);
  const { iso: at } = parseInstant(input.at, "at");
  if (at < c.intake.received_at) fail("invalid_input", `${at} is before the complaint was received (${c.intake.received_at})`, "at");
  if (Date.parse(at) > Date.now() + 60_000) fail("invalid_input", "a step cannot happen in the future", "at");
  if (c.status === "not_a_complaint" && input.step.type !== "add_note") fail("rule", `${c.id} is marked as not a complaint; no step can be recorded on it`, null, "not_a_complaint_is_closed");
  const resolved = c.status === "resolved";
  const step = input.step;
  const need = (v: string, field: string) => {
    if (v.trim() === "") fail("invalid_input", `${field} is required`, field);
  };
  let event: ComplaintEvent;
  switch (step.type) {
    case "acknowledge":
      if (c.acknowledged_at) fail("rule", `${c.id} was already acknowledged on ${c.acknowledged_at}`, null, "acknowledged_once");
      event = { type: "acknowledged", at, how: step.how, note: step.note };
      break;
    case "notify_stripe":
      if (c.stripe_notified_at) fail("rule", `Stripe was already notified of ${c.id} on ${c.stripe_notified_at}`, null, "stripe_notified_once");
      event = { type: "stripe_notified", at, how: step.how, reference: step.reference, note: step.note };
      break;
    case "stripe_review_completed":
      if (c.stripe_reviewed_at) fail("rule", `Stripe's review of ${c.id} is already recorded`, null, "stripe_review_once");
      if (!c.stripe_notified_at) fail("rule", `record that Stripe was notified of ${c.id} before recording its review`, null, "stripe_review_after_notification");
      if (at < c.stripe_notified_at) fail("invalid_input", "Stripe's review cannot come before Stripe was notified", "at");
      event = { type: "stripe_review_completed", at, note: step.note };
      break;
    case "contact_customer":
      if (contactHold(c)) {
        fail(
          "rule",
          `contact hold: ${c.id} is an executive complaint and Stripe has not yet reviewed it; no contact with the customer until Stripe's review is recorded`,
          null,
          "executive_contact_hold",
        );
      }
      need(step.note, "note");
      event = { type: "customer_contacted", at, how: step.how, note: step.note };
      break;
    case "reclassify":
      if (resolved) fail("rule", `${c.id} is resolved; reopen it before reclassifying`, null, "reclassify_open_only");
      checkGrounds(step.kind, step.grounds);
      if (step.kind === c.kind && step.grounds.join() === c.grounds.join()) {
        fail("rule", `${c.id} is already ${step.kind} with these grounds`, null, "reclassify_changes_something");
      }
      need(step.reason, "reason");
      event = { type: "reclassified", at, from: c.kind, to: step.kind as ComplaintKind, grounds: step.grounds as Ground[], reason: step.reason };
      break;
    case "resolve":
      if (resolved) fail("rule", `${c.id} is already resolved`, null, "resolve_open_only");
      if (c.kind === "executive" && !c.stripe_reviewed_at) {
        fail("rule", `${c.id} is executive: it is resolved together with Stripe, after Stripe's review is recorded`, null, "executive_resolve_with_stripe");
      }
      need(step.summary, "summary");
      if (step.compensation && !/^[A-Za-z]{3}$/.test(step.compensation.currency.trim())) {
        fail("invalid_input", "currency must be a three-letter ISO 4217 code", "compensation");
      }
      event = {
        type: "resolved",
        at,
        summary: step.summary,
        outcome: step.outcome as Outcome | null,
        // Kept lower-case, as Stripe writes it (and the backend does).
        compensation: step.compensation ? { amount_minor: step.compensation.amount_minor, currency: step.compensation.currency.trim().toLowerCase() } : null,
      };
      break;
    case "reopen":
      if (!resolved) fail("rule", `${c.id} is not resolved`, null, "reopen_resolved_only");
      need(step.reason, "reason");
      event = { type: "reopened", at, reason: step.reason };
      break;
    case "add_note":
      need(step.note, "note");
      event = { type: "note_added", at, note: step.note };
      break;
    case "track":
      if (resolved && at >= (c.resolution?.at ?? "")) fail("rule", `${c.id} is resolved at this instant; a timer is started on an open complaint`, null, "track_open_only");
      event = { type: "tracked", at, fact: trackedFact(step.event, step.shipping, step.merchant_category), note: step.note };
      break;
  }
  push(s, event);
  return detailOf(s);
}

function trackComplaint(input: TrackInput): ComplaintDetail {
  return recordStep({
    complaint_id: input.complaint_id,
    at: input.at,
    step: { type: "track", event: input.event, shipping: input.shipping, merchant_category: input.merchant_category, note: input.note },
  });
}

function voidEntry(input: VoidEntryInput): ComplaintDetail {
  const s = find(input.complaint_id);
  const entry = detailOf(s).timeline.find((e) => e.seq === input.seq);
  if (!entry) fail("not_found", `${s.id} has no entry ${input.seq}`, "seq");
  if (input.reason.trim() === "") fail("invalid_input", "give the reason the entry was recorded in error", "reason");
  if (!entry.can_void) fail("rule", entry.void_blocked_by ?? `entry ${input.seq} cannot be voided`, null, "void_not_allowed");
  push(s, { type: "voided", seq: input.seq, reason: input.reason.trim() });
  return detailOf(s);
}

function markNotAComplaint(input: NotAComplaintInput): ComplaintDetail {
  const s = find(input.complaint_id);
  const c = fold(s);
  if (c.status !== "open") fail("rule", `${c.id} is not open`, null, "not_a_complaint_open_only");
  if (input.reason.trim() === "") fail("invalid_input", "say why this is not a complaint", "reason");
  const at = input.at ? parseInstant(input.at, "at").iso : new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  push(s, { type: "marked_not_a_complaint", at, reason: input.reason.trim() });
  return detailOf(s);
}

function endOfWeek(t: string): string {
  const wd = dow(t);
  return addDays(t, wd === 0 ? 0 : 7 - wd);
}

function listComplaints(input: ListComplaintsInput): ComplaintPage {
  const t = today();
  const q = input.search?.trim().toLowerCase() ?? "";
  let rows = state.complaints.map((s) => ({ row: rowOf(s), c: fold(s) }));
  rows = rows.filter(({ row, c }) => {
    if (input.status === "open" && row.status !== "open") return false;
    if (input.status === "resolved" && row.status !== "resolved") return false;
    if (input.status === "overdue" && row.next_deadline?.urgency !== "overdue") return false;
    if (input.status === "due_today" && row.next_deadline?.urgency !== "due_today") return false;
    if (input.status === "due_soon" && row.next_deadline?.urgency !== "due_soon") return false;
    if (input.status === "on_hold" && !(row.status === "open" && row.contact_hold)) return false;
    if (input.kind && row.kind !== input.kind) return false;
    if (input.product && row.product !== input.product) return false;
    if (input.due_this_week && !(row.next_deadline && row.next_deadline.due <= endOfWeek(t))) return false;
    if (q) {
      const hay = [row.id, row.summary, row.complainant_name, c.intake.complainant.email, c.intake.complainant.account, c.intake.complainant.cardholder, c.intake.description]
        .filter(Boolean)
        .join(" ")
        .toLowerCase();
      if (!hay.includes(q)) return false;
    }
    return true;
  });
  rows.sort((a, b) => {
    const da = a.row.next_deadline?.due ?? "9999";
    const db = b.row.next_deadline?.due ?? "9999";
    if (da !== db) return da.localeCompare(db);
    return b.row.received_at.localeCompare(a.row.received_at);
  });
  const items = rows.slice(input.offset, input.offset + input.limit).map((r) => r.row);
  return { items, total: rows.length, total_exact: true, today: t };
}

function registerCounts(): RegisterCounts {
  const rows = state.complaints.map(rowOf).filter((r) => r.status === "open");
  const by = (u: Urgency) => rows.filter((r) => r.next_deadline?.urgency === u).length;
  return {
    today: today(),
    open: rows.length,
    overdue: by("overdue"),
    due_today: by("due_today"),
    due_soon: by("due_soon"),
    on_hold: rows.filter((r) => r.contact_hold).length,
    report_due: reportDue(),
  };
}

function settingsView(): SettingsView {
  return {
    program_name: PROGRAM,
    timezone: state.timezone,
    closures: [...state.closures].sort((a, b) => a.date.localeCompare(b.date)),
    policy: { ...state.policy, operational: { ...state.policy.operational }, executive: { ...state.policy.executive } },
    calendar_name: "US Federal Reserve",
    actor: ACTOR,
    database_path: "(development sample data: nothing is stored)",
  };
}

function recompute(reason: string, change: () => void): RecomputeOutput {
  const before = new Map(state.complaints.map((s) => [s.id, new Map(dueDates(fold(s)).map(([k, e]) => [k, e.due]))]));
  change();
  const recomputed: RecomputedComplaint[] = [];
  for (const s of state.complaints) {
    const c = fold(s);
    if (c.status !== "open") continue;
    const after = new Map(dueDates(c).map(([k, e]) => [k, e.due]));
    const was = before.get(s.id) ?? new Map();
    const changes: DeadlineChange[] = [];
    for (const clock of CLOCK_ORDER) {
      const from = was.get(clock) ?? null;
      const to = after.get(clock) ?? null;
      if (from !== to) changes.push({ clock, from, to });
    }
    if (changes.length > 0) {
      push(s, { type: "deadlines_recomputed", reason, changes });
      recomputed.push({ complaint_id: s.id, changes });
    }
  }
  return { recomputed, settings: settingsView() };
}

function setTimezone(tz: string): RecomputeOutput {
  const name = tz.trim();
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    if (!name.includes("/") && name !== "UTC") throw new Error();
  } catch {
    fail("invalid_input", `"${tz}" is not an IANA time zone such as America/New_York`, "timezone");
  }
  return recompute(`time zone changed from ${state.timezone} to ${name}`, () => {
    state.timezone = name;
  });
}

function setDeadlinePolicy(input: SetDeadlinePolicyInput): RecomputeOutput {
  const kind = input.kind.trim() as ComplaintKind;
  const clock = input.clock.trim() as Clock;
  if (!(kind in POLICY_CLOCKS)) fail("invalid_input", `"${input.kind}" is not one of operational, executive`, "kind");
  if (!CLOCK_ORDER.includes(clock)) fail("invalid_input", `"${input.clock}" is not one of acknowledge, resolve, notify_stripe`, "clock");
  if (!POLICY_CLOCKS[kind].includes(clock)) fail("invalid_input", `${kind} complaints do not run a ${clock} clock`, "clock");
  const days = input.business_days;
  if (!Number.isInteger(days) || days < 1 || days > MAX_POLICY_DAYS) fail("invalid_input", `give 1 to ${MAX_POLICY_DAYS} business days, not ${days}`, "business_days");
  const from = state.policy[kind][clock];
  return recompute(`deadline policy changed: ${kind} complaints' ${clock} clock from ${from ?? "none"} to ${days} business days`, () => {
    state.policy = { ...state.policy, [kind]: { ...state.policy[kind], [clock]: days } };
  });
}

function addClosure(c: AddClosureInput): RecomputeOutput {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(c.date)) fail("invalid_input", `"${c.date}" is not a date such as 2026-12-24`, "date");
  if (c.name.trim() === "") fail("invalid_input", "name the closure", "name");
  if (state.closures.some((x) => x.date === c.date)) fail("rule", `${c.date} is already a closure day`, null, "closure_once");
  return recompute(`closure day ${c.date} (${c.name}) added`, () => {
    state.closures.push({ date: c.date, name: c.name.trim() });
  });
}

function removeClosure(date: string): RecomputeOutput {
  if (!state.closures.some((x) => x.date === date)) fail("not_found", `${date} is not a closure day`);
  return recompute(`closure day ${date} removed`, () => {
    state.closures = state.closures.filter((x) => x.date !== date);
  });
}

// ---------------------------------------------------------------------------- reports

const PROGRAM = "Acme Cards Issuing and Treasury program";

function checkMonth(month: string): string {
  if (!parseMonth(month)) fail("invalid_input", `"${month}" is not a month in the form YYYY-MM, e.g. 2026-10`, "month");
  return month;
}

/** The complaint as it stood before (or, with `inclusive`, at the end of) a local day. */
function foldUntil(s: Stored, day: string, inclusive: boolean): Complaint {
  const events = s.events.filter((e) => {
    if (e.event.type === "logged" || e.event.type === "voided") return true;
    const at = occurredAt(e.event);
    if (at === null) return false;
    const d = localDate(at);
    return inclusive ? d <= day : d < day;
  });
  return fold({ id: s.id, events });
}

function reportClock(c: Complaint, clock: Clock, receivedOn: string, last: string): ReportClock | null {
  const entry = dueDates(c).find(([k]) => k === clock);
  if (!entry) return null;
  const due = entry[1].due;
  const done = doneAt(c, clock);
  const doneOn = done ? localDate(done) : null;
  return {
    due,
    done_on: doneOn,
    // The generated binding says bigint (an i64 without a type override); JSON carries a number.
    business_days: (doneOn ? businessDaysBetween(receivedOn, doneOn) : null) as unknown as ReportClock["business_days"],
    state: doneOn ? (doneOn <= due ? "met" : "missed") : last > due ? "overdue" : "pending",
  };
}

function reportRow(c: Complaint, section: ReportSection, last: string): ReportRow {
  const receivedOn = localDate(c.intake.received_at);
  const acknowledge = reportClock(c, "acknowledge", receivedOn, last);
  const notify = reportClock(c, "notify_stripe", receivedOn, last);
  const resolve = reportClock(c, "resolve", receivedOn, last);
  const r = c.resolution;
  return {
    id: c.id,
    section,
    received_on: receivedOn,
    channel: c.intake.channel,
    product: c.intake.product,
    topic: c.intake.topic,
    issue_type: c.intake.issue_type,
    kind: c.kind,
    grounds: [...c.grounds],
    complainant_name: c.intake.complainant.name,
    account: c.intake.complainant.account,
    summary: c.intake.summary,
    status: c.status,
    overdue: c.status === "open" && [acknowledge, notify, resolve].some((k) => k?.state === "overdue"),
    acknowledge,
    notify_stripe: notify,
    stripe_reviewed_on: c.stripe_reviewed_at ? localDate(c.stripe_reviewed_at) : null,
    resolve,
    resolved_on: r ? localDate(r.at) : null,
    outcome: r?.outcome ?? null,
    resolution_summary: r?.summary ?? null,
    compensation_minor: r?.compensation?.amount_minor ?? null,
    compensation_currency: r?.compensation?.currency ?? null,
    first_resolved_on: c.first_resolution ? localDate(c.first_resolution.at) : null,
    reopen_count: c.reopenings.length,
    reopened_on: c.reopenings.map((x) => localDate(x.at)),
    entered_late: false,
  };
}

function tally(values: string[]): Tally[] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function share(clocks: (ReportClock | null)[]): Share {
  const s: Share = { met: 0, decided: 0 };
  for (const c of clocks) {
    if (!c || c.state === "pending") continue;
    s.decided++;
    if (c.state === "met") s.met++;
  }
  return s;
}

function summarise(rows: ReportRow[], month: string): ReportSummary {
  const first = `${month}-01`;
  const last = lastDay(month);
  const inMonth = (d: string | null) => d !== null && d >= first && d <= last;
  const resolved = rows.filter((r) => r.status === "resolved" && inMonth(r.resolved_on));
  const days = resolved.map((r) => businessDaysBetween(r.received_on, r.resolved_on as string)).sort((a, b) => a - b);
  const n = days.length;
  const median = n === 0 ? null : n % 2 === 1 ? days[(n - 1) / 2] : (days[n / 2 - 1] + days[n / 2]) / 2;
  const totals = new Map<string, number>();
  for (const r of resolved) {
    if (r.compensation_minor !== null && r.compensation_currency) {
      totals.set(r.compensation_currency, (totals.get(r.compensation_currency) ?? 0) + r.compensation_minor);
    }
  }
  const weekly: WeekCount[] = [];
  let from = first;
  while (from <= last) {
    let to = from;
    while (dow(to) !== 0 && addDays(to, 1) <= last) to = addDays(to, 1);
    const f = from;
    weekly.push({ from: f, to, count: rows.filter((r) => r.section === "new" && r.received_on >= f && r.received_on <= to).length });
    from = addDays(to, 1);
  }
  return {
    total: rows.length,
    new: rows.filter((r) => r.section === "new").length,
    carried_over: rows.filter((r) => r.section === "carried_over").length,
    resolved_in_month: resolved.length,
    open_at_end: rows.filter((r) => r.status === "open").length,
    overdue_at_end: rows.filter((r) => r.overdue).length,
    by_kind: tally(rows.map((r) => r.kind)),
    by_product: tally(rows.map((r) => r.product ?? "not stated")),
    by_topic: tally(rows.map((r) => r.topic ?? "not classified")),
    by_channel: tally(rows.map((r) => r.channel)),
    acknowledged_in_time: share(rows.map((r) => r.acknowledge)),
    resolved_in_time: share(rows.map((r) => r.resolve)),
    stripe_notified_in_time: share(rows.map((r) => r.notify_stripe)),
    median_business_days_to_resolve: median,
    compensation_totals: [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount_minor]) => ({ currency, amount_minor })),
    weekly_new: weekly,
  };
}

function monthlyReport(month: string): MonthlyReport {
  const first = `${month}-01`;
  const last = lastDay(month);
  const rows: ReportRow[] = [];
  for (const s of state.complaints) {
    const first0 = s.events[0].event;
    if (first0.type !== "logged") continue;
    const receivedOn = localDate(first0.intake.received_at);
    if (receivedOn > last) continue;
    let section: ReportSection = "new";
    if (receivedOn < first) {
      if (foldUntil(s, first, false).status !== "open") continue;
      section = "carried_over";
    }
    const atEnd = foldUntil(s, last, true);
    // Not a complaint: left out of the report.
    if (atEnd.status === "not_a_complaint") continue;
    rows.push(reportRow(atEnd, section, last));
  }
  rows.sort(
    (a, b) =>
      Number(a.section === "carried_over") - Number(b.section === "carried_over") ||
      a.received_on.localeCompare(b.received_on) ||
      a.id.localeCompare(b.id),
  );
  const p = parseMonth(month) as { year: number; month: number };
  return { program: PROGRAM, month: p, timezone: state.timezone, rows, summary: summarise(rows, month), amends: null, version: 2 };
}

function flatten(prefix: string, v: unknown, out: Map<string, string>): void {
  if (v === null || v === undefined) out.set(prefix, "");
  else if (Array.isArray(v)) out.set(prefix, v.map(String).join(","));
  else if (typeof v === "object") {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) flatten(prefix ? `${prefix}.${k}` : k, x, out);
  } else out.set(prefix, String(v));
}

function fields(row: ReportRow): Map<string, string> {
  const out = new Map<string, string>();
  flatten("", row, out);
  for (const clock of ["acknowledge", "notify_stripe", "resolve"]) {
    if (out.get(clock) === "") {
      out.delete(clock);
      for (const part of ["due", "done_on", "business_days", "state"]) out.set(`${clock}.${part}`, "");
    }
  }
  return out;
}

function diffReports(before: ReportRow[], after: ReportRow[]): ReportDiff {
  const old = new Map(before.map((r) => [r.id, r]));
  const now = new Map(after.map((r) => [r.id, r]));
  const diff: ReportDiff = { added: [], removed: [], removed_late: [], changed: [] };
  for (const [id, row] of [...now.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const prev = old.get(id);
    if (!prev) {
      diff.added.push(id);
      continue;
    }
    const a = fields(prev);
    const b = fields(row);
    const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
    const changes: FieldChange[] = keys
      .map((k) => ({ field: k, before: a.get(k) ?? "", after: b.get(k) ?? "" }))
      .filter((c) => c.before !== c.after);
    if (changes.length > 0) diff.changed.push({ id, changes, entered_late: row.entered_late });
  }
  diff.removed = [...old.keys()].filter((id) => !now.has(id)).sort();
  return diff;
}

function reportStatus(month: string, current: MonthlyReport = monthlyReport(month)): ReportStatus {
  const subs = state.submissions.filter((s) => s.view.month === month).sort((a, b) => a.view.seq - b.view.seq);
  const last = subs[subs.length - 1];
  const differences = last ? diffReports(last.rows, current.rows) : { added: [], removed: [], removed_late: [], changed: [] };
  return {
    month,
    submitted_at: last?.view.submitted_at ?? null,
    changed_since_submission: differences.added.length + differences.removed.length + differences.changed.length > 0,
    differences,
    submissions: subs.map((s) => s.view),
  };
}

function monthEnded(month: string): boolean {
  return lastDay(month) < today();
}

function reportPreview(month: string): ReportPreview {
  const report = monthlyReport(checkMonth(month));
  return { report, month_ended: monthEnded(month), status: reportStatus(month, report) };
}

/** A stand-in for SHA-256 (64 hex digits, stable for the same text). Not a real digest. */
function fakeSha256(text: string): string {
  let out = "";
  for (let round = 0; round < 8; round++) {
    let h = 0x811c9dc5 ^ (round * 0x9e3779b9);
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, "0");
  }
  return out;
}

function submit(month: string, note: string | null, at: string = new Date().toISOString(), by: string = ACTOR): SubmissionView {
  checkMonth(month);
  if (!monthEnded(month)) {
    const next = stepMonth(month, 1);
    fail("rule", `${month} has not ended yet in ${state.timezone}; submit it from ${next}-01`, null, "month_not_ended");
  }
  const report = monthlyReport(month);
  const text = JSON.stringify(report.rows);
  const view: SubmissionView = {
    seq: state.submissions.length + 1,
    month,
    submitted_at: at.replace(/\.\d{3}Z$/, "Z"),
    submitted_by: by,
    note: note?.trim() ? note.trim() : null,
    rows: report.rows.length,
    csv_sha256: fakeSha256(`csv${at}${text}`),
    xlsx_sha256: fakeSha256(`xlsx${at}${text}`),
    pdf_sha256: fakeSha256(`pdf${at}${text}`),
  };
  state.submissions.push({ view, rows: JSON.parse(JSON.stringify(report.rows)) as ReportRow[] });
  return view;
}

/**
 * Where the backend's save dialog would have put a file: the preview pretends the officer
 * accepted the offered name. Nothing is written.
 */
function savedPath(fileName: string): string {
  return `~/Documents/${fileName}`;
}

function exportReport(input: ExportReportInput): string | null {
  checkMonth(input.month);
  if (!["csv", "xlsx", "pdf"].includes(input.format)) fail("invalid_input", `"${input.format}" is not one of csv, xlsx, pdf`, "format");
  const path = savedPath(`complaints-${input.month}.${input.format}`);
  console.info(`[Compliance Desk] (sample) would write the ${input.month} report as ${input.format} to ${path}`);
  return path;
}

function saveSubmittedFile(seq: number, format: ReportFormat): string | null {
  if (format === "pdf") fail("invalid_input", "submissions keep the CSV and XLSX files sent", "format");
  const submission = state.submissions.find((s) => s.view.seq === seq);
  if (!submission) return fail("not_found", `no submission ${seq}`);
  const path = savedPath(`complaints-${submission.view.month}-submitted-${seq}.${format}`);
  console.info(`[Compliance Desk] (sample) would write submission ${seq} as ${format} to ${path}`);
  return path;
}

/** The previous month, once this month's first business day has come, if not submitted. */
function reportDue(): string | null {
  const t = today();
  const thisMonth = t.slice(0, 7);
  const firstBusiness = explainAdd(addDays(`${thisMonth}-01`, -1), 1).due;
  if (t < firstBusiness) return null;
  const previous = stepMonth(thisMonth, -1) as string;
  return state.submissions.some((s) => s.view.month === previous) ? null : previous;
}

// ---------------------------------------------------------------------------- backups

const BACKUP_FOLDER = "(development sample data: no backups are written)";
const KEEP_DAILY = 7;
const KEEP_MONTHLY = 12;
const DAY_MS = 86_400_000;

/** Backups "in the folder", newest first. Only a list: nothing is copied or restored. */
const backups: BackupEntry[] = [];

function backupBytes(): number {
  return 180_224 + state.seq * 912;
}

function backupEntry(kind: string, keptAs: string, ms: number): BackupEntry {
  const madeAt = toUtcRfc3339(ms);
  return { name: `cdesk-${madeAt.replace(/:/g, "-")}-${kind}.sqlite3`, kind, made_at: madeAt, bytes: backupBytes(), kept_as: keptAs };
}

function seedBackups(): void {
  const now = new Date();
  const at = (year: number, month: number, day: number) => Date.UTC(year, month, day, 7, 30);
  const todayMs = at(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const first = todayMs <= now.getTime() ? todayMs : todayMs - DAY_MS;
  for (let i = 0; i < KEEP_DAILY; i++) backups.push(backupEntry("daily", "daily", first - i * DAY_MS));
  for (let m = 1; m <= 4; m++) backups.push(backupEntry("daily", "monthly", at(now.getUTCFullYear(), now.getUTCMonth() - m, 1)));
  backups.push(backupEntry("before_migration", "before_migration", first - 40 * DAY_MS + 3_600_000));
  backups.sort((x, y) => y.made_at.localeCompare(x.made_at));
}

function listBackups(): BackupList {
  return { folder: BACKUP_FOLDER, keep_daily: KEEP_DAILY, keep_monthly: KEEP_MONTHLY, backups: backups.map((b) => ({ ...b })) };
}

function backUpNow(): BackupOutput {
  const entry = backupEntry("manual", "manual", Date.now());
  backups.unshift(entry);
  const path = `${BACKUP_FOLDER}/${entry.name}`;
  console.info(`[Compliance Desk] (sample) would write a backup to ${path}`);
  return { path, events: state.seq, bytes: entry.bytes, sha256: fakeSha256(entry.name), replaced_kept_at: null };
}

function restoreBackup(name: string): BackupOutput {
  const entry = backups.find((b) => b.name === name);
  if (!entry) return fail("not_found", `no backup ${name} in ${BACKUP_FOLDER}`, "name");
  console.info(`[Compliance Desk] (sample) would restore ${name}; the sample data is made again on reload`);
  return {
    path: `${BACKUP_FOLDER}/${name}`,
    events: state.seq,
    bytes: entry.bytes,
    sha256: fakeSha256(name),
    replaced_kept_at: `${BACKUP_FOLDER}/cdesk-replaced-${toUtcRfc3339(Date.now()).replace(/:/g, "-")}.sqlite3`,
  };
}

// ---------------------------------------------------------------------------- long operations

/** How long an imitated long operation takes (a report export, a verification, Back up now). */
let longOperationMs = 2400;

interface Run {
  view: OperationView;
  stop: boolean;
}

/** The long operation running now: one at a time, as in the backend. */
let run: Run | null = null;

const RUNNING_WHAT: Record<Operation, string> = {
  import: "An import",
  export: "A report export",
  verify: "A verification",
  backup: "A backup",
};

interface Part {
  step: ProgressStep;
  total: number | null;
}

/**
 * Walks the steps over `longOperationMs` with a count the window can read
 * (`operation_progress`), then finishes (no longer stoppable) with `finish`. Refused while another
 * runs (rule `operation_running`); stopped by `cancel_operation` before finishing, with nothing done.
 */
async function longOperation<T>(operation: Operation, parts: Part[], finish: () => T): Promise<T> {
  if (run) fail("rule", `${RUNNING_WHAT[run.view.operation]} is still running; wait for it to finish or stop it first`, null, "operation_running");
  const current: Run = { view: { operation, progress: { step: "starting", done: 0, total: null, can_cancel: true, cancelled: false } }, stop: false };
  run = current;
  const ticks = 8;
  const slots = parts.length * ticks + 4;
  const pause = (n = 1) => new Promise((r) => setTimeout(r, (n * longOperationMs) / slots));
  try {
    await pause();
    for (const part of parts) {
      Object.assign(current.view.progress, { step: part.step, done: 0, total: part.total });
      for (let i = 1; i <= ticks; i++) {
        await pause();
        if (current.stop) fail("cancelled", "stopped as asked; nothing was written");
        current.view.progress.done = part.total === null ? i * 1_237 : Math.round((part.total * i) / ticks);
      }
    }
    Object.assign(current.view.progress, { step: "finishing", done: 0, total: null, can_cancel: false });
    await pause(3);
    return finish();
  } finally {
    run = null;
  }
}

function operationProgress(): OperationView | null {
  return run ? { operation: run.view.operation, progress: { ...run.view.progress } } : null;
}

/** Taken until the operation starts finishing (and again once taken). */
function cancelOperation(): boolean {
  if (!run) return false;
  if (run.stop) return true;
  if (!run.view.progress.can_cancel) return false;
  run.stop = true;
  Object.assign(run.view.progress, { can_cancel: false, cancelled: true });
  return true;
}

// ---------------------------------------------------------------------------- sample data

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  "Maria Gonzalez", "James O'Brien", "Jürgen Weiß", "山田 太郎", "Aisha Bello", "Chen Wei", "Sophie Martin",
  "Zoë Dubois-Laurent", "Rahul Nair", "Olga Petrova", "Kwame Mensah", "佐藤 花子", "Lukas Müller", "Fatima Al-Sayed",
  "Daniel Kim", "Hannah Schröder", "Miguel Ángel Torres", "Emily Nguyen", "Björn Andersson", "Grace Thompson",
];

interface Sample {
  summary: string;
  product: Product;
  topic: string;
  issue: string | null;
  exec?: Ground[];
}

const SAMPLES: Sample[] = [
  { summary: "Card declined at grocery store despite available balance", product: "issuing", topic: "cardholder_experience", issue: "authorization_declined" },
  { summary: "Refund from airline not credited after 30 days", product: "issuing", topic: "cardholder_experience", issue: "missing_refund" },
  { summary: "Replacement card not received three weeks after reporting theft", product: "issuing", topic: "card_ordering", issue: "physical_card_delayed" },
  { summary: "Customer says dispute was closed without explanation", product: "issuing", topic: "cardholder_experience", issue: "dispute_lost", exec: ["udap"] },
  { summary: "Letter from state attorney general's office about fee disclosures", product: "treasury", topic: "treasury_accounts", issue: null, exec: ["regulator"] },
  { summary: "Outbound ACH debited twice from financial account", product: "treasury", topic: "treasury_money_movement", issue: "wrong_debit" },
  { summary: "Unable to add card to Apple Pay", product: "issuing", topic: "cardholder_experience", issue: "digital_wallet" },
  { summary: "Customer's lawyer threatens action over frozen funds", product: "treasury", topic: "treasury_money_movement", issue: "unexpected_funds", exec: ["litigation", "consumer_harm"] },
  { summary: "PIN blocked after travel; branch could not help", product: "issuing", topic: "cardholder_experience", issue: "pin_blocked" },
  { summary: "Wire transfer delayed five business days", product: "treasury", topic: "treasury_money_movement", issue: "processing_times" },
  { summary: "Alleges card applications treated differently by neighbourhood", product: "issuing", topic: "other", issue: "other", exec: ["discrimination"] },
  { summary: "Pending authorization still holding funds after cancelled hotel", product: "issuing", topic: "cardholder_experience", issue: "cancel_pending_authorization" },
  { summary: "Account number changed without notice; payroll deposit returned", product: "treasury", topic: "treasury_accounts", issue: "account_routing_numbers" },
  { summary: "Fraud challenge text messages never arrive", product: "issuing", topic: "fraud_management", issue: "fraud_challenges" },
  { summary: "Top-up from external bank missing", product: "issuing", topic: "issuing_balance", issue: "top_up" },
  { summary: "Complaint forwarded by CFPB portal about overdraft-like fees", product: "treasury", topic: "other", issue: "other", exec: ["regulator", "udap"] },
  { summary: "Spending controls blocked legitimate business purchase", product: "issuing", topic: "fraud_management", issue: "spending_controls" },
  { summary: "Payout to external bank reversed without explanation", product: "issuing", topic: "issuing_balance", issue: "payout" },
  { summary: "Kunde beschwert sich über doppelte Belastung im Ausland", product: "issuing", topic: "cardholder_experience", issue: "dispute_transaction" },
  { summary: "カードが海外で利用できないとの苦情", product: "issuing", topic: "cardholder_experience", issue: "authorization_declined" },
  { summary: "Restricted capability prevents outbound transfers", product: "treasury", topic: "treasury_accounts", issue: "restricted_capability" },
];

const CHANNELS: Channel[] = ["email", "phone", "web_form", "letter", "email", "phone", "social_media"];

function seed(): void {
  const r = rng(20261120);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const now = Date.now();
  const t = today();
  const specs: { ageDays: number; sample: Sample; name: string }[] = [];
  for (let i = 0; i < 42; i++) {
    const sample = SAMPLES[i % SAMPLES.length];
    specs.push({ ageDays: Math.floor(r() * 26), sample, name: pick(NAMES) });
  }
  // Three months of older complaints, nearly all closed, for the monthly reports.
  for (let i = 0; i < 96; i++) {
    const sample = SAMPLES[(i * 5 + 3) % SAMPLES.length];
    specs.push({ ageDays: 27 + Math.floor(r() * 96), sample, name: pick(NAMES) });
  }
  // A few fixed cases so every state shows: due today, due tomorrow, overdue executive.
  specs.push({ ageDays: 0, sample: SAMPLES[4], name: "Eleanor Whitfield" });
  specs.push({ ageDays: 1, sample: SAMPLES[7], name: "Tomás Herrera" });
  specs.sort((a, b) => b.ageDays - a.ageDays || a.name.localeCompare(b.name));

  for (const spec of specs) {
    const receivedDate = addDays(t, -spec.ageDays);
    const hour = 8 + Math.floor(r() * 9);
    const minute = Math.floor(r() * 60);
    const offset = zoneOffsetMinutes(receivedDate, state.timezone);
    const localIso = `${receivedDate}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00${formatOffset(offset)}`;
    let receivedMs = Date.parse(localIso);
    if (receivedMs > now) receivedMs = now - 3600_000;
    const received = new Date(receivedMs).toISOString().replace(".000Z", "Z");
    const kind: ComplaintKind = spec.sample.exec ? "executive" : "operational";
    const slug = spec.name.normalize("NFKD").replace(/[^A-Za-z]/g, "").toLowerCase() || "kunde";
    const intake: Intake = {
      received_at: received,
      received_offset_minutes: offset,
      channel: spec.sample.exec?.includes("regulator") ? "regulator" : pick(CHANNELS),
      complainant: {
        name: spec.name,
        email: r() < 0.8 ? `${slug.slice(0, 12)}@example.com` : null,
        account: `acct_1${Math.floor(r() * 1e9).toString(36).toUpperCase()}Q${Math.floor(r() * 1e6)}`,
        cardholder: spec.sample.product === "issuing" ? `ich_1${Math.floor(r() * 1e9).toString(36)}X${Math.floor(r() * 1e5)}` : null,
      },
      product: spec.sample.product,
      topic: spec.sample.topic,
      issue_type: spec.sample.issue,
      summary: spec.sample.summary,
      description:
        r() < 0.6
          ? "Customer called twice before writing in. States the issue has caused late fees with a third party and asks for a written explanation.\n\nAttached: screenshots of the declined transactions."
          : null,
      kind,
      grounds: spec.sample.exec ?? [],
    };
    const s: Stored = { id: nextId(received), events: [] };
    push(s, { type: "logged", intake }, new Date(receivedMs + 20 * 60_000).toISOString());
    const later = (days: number, extraMinutes = 0): string | null => {
      const ms = receivedMs + days * 86_400_000 + extraMinutes * 60_000;
      return ms < now ? new Date(ms).toISOString().replace(".000Z", "Z") : null;
    };
    const add = (at: string | null, event: (at: string) => ComplaintEvent, lagMinutes = 5) => {
      if (!at) return false;
      push(s, event(at), new Date(Date.parse(at) + lagMinutes * 60_000).toISOString());
      return true;
    };
    const old = spec.ageDays > 26;
    const compensation = (): { amount_minor: number; currency: string } | null => {
      if (r() >= 0.4) return null;
      const currency = pick(["USD", "USD", "USD", "USD", "EUR", "JPY"]);
      return { amount_minor: currency === "JPY" ? 1000 * (2 + Math.floor(r() * 18)) : 1500 + Math.floor(r() * 25000), currency };
    };
    if (kind === "operational" && old) {
      // Mostly on time; now and then late, and a few never closed.
      const ackDays = r() < 0.88 ? 1 + Math.floor(r() * 4) : 8 + Math.floor(r() * 4);
      add(later(ackDays, 30), (at) => ({ type: "acknowledged", at, how: pick(["email", "phone", "letter"]), note: null }));
      if (r() < 0.95) {
        const days = ackDays + 2 + Math.floor(r() * 14) + (r() < 0.1 ? 12 : 0);
        add(later(days, 90), (at) => ({
          type: "resolved",
          at,
          summary: pick([
            "Refund of the disputed amount issued; fee reversed and apology sent.",
            "Explained the decline reason; card limits adjusted at the customer's request.",
            "Replacement card shipped by express courier; delivery confirmed.",
            "Investigated; transaction was correctly processed. Written explanation sent.",
          ]),
          outcome: pick(["upheld", "upheld", "partially_upheld", "not_upheld", "withdrawn"] as Outcome[]),
          compensation: compensation(),
        }));
      }
    } else if (kind === "executive" && old) {
      const notified = add(later(r() < 0.85 ? 0 : 3, 120), (at) => ({ type: "stripe_notified", at, how: "email", reference: `SUP-${40000 + Math.floor(r() * 9999)}`, note: null }));
      if (notified && add(later(3 + Math.floor(r() * 3), 60), (at) => ({ type: "stripe_review_completed", at, note: "Stripe compliance agrees with the proposed response." }))) {
        if (r() < 0.92) {
          add(later(9 + Math.floor(r() * 10), 30), (at) => ({ type: "resolved", at, summary: "Response agreed with Stripe sent to the customer and the regulator.", outcome: pick(["partially_upheld", "not_upheld"] as Outcome[]), compensation: compensation() }));
        }
      }
    } else if (kind === "operational") {
      if (spec.ageDays >= 2 && r() < 0.75) add(later(1 + Math.floor(r() * 3), 30), (at) => ({ type: "acknowledged", at, how: pick(["email", "phone", "letter"]), note: null }));
      if (spec.ageDays >= 5 && r() < 0.3) add(later(3, 90), (at) => ({ type: "customer_contacted", at, how: "phone", note: "Explained the investigation steps and expected timeline." }), 240);
      if (spec.ageDays >= 9 && r() < 0.45) {
        add(later(6 + Math.floor(r() * 5), 60), (at) => ({
          type: "resolved",
          at,
          summary: "Refund of the disputed amount issued; fee reversed and apology sent.",
          outcome: pick(["upheld", "partially_upheld", "not_upheld"] as Outcome[]),
          compensation: r() < 0.5 ? { amount_minor: 2500 + Math.floor(r() * 20000), currency: "usd" } : null,
        }));
      }
    } else {
      const notified = spec.ageDays >= 1 && r() < 0.75 && add(later(0, 120), (at) => ({ type: "stripe_notified", at, how: "email", reference: `SUP-${40000 + Math.floor(r() * 9999)}`, note: null }));
      if (notified && spec.ageDays >= 3 && r() < 0.55) {
        const reviewed = add(later(2 + Math.floor(r() * 2), 60), (at) => ({ type: "stripe_review_completed", at, note: "Stripe compliance agrees with the proposed response." }));
        if (reviewed && spec.ageDays >= 7 && r() < 0.5) {
          add(later(5, 30), (at) => ({ type: "resolved", at, summary: "Response agreed with Stripe sent to the customer and the regulator.", outcome: "partially_upheld", compensation: null }));
        }
      }
    }
    // Support facts, so that the timers show (no random draw: the rest of the sample stays as it was).
    if (spec.sample.issue === "physical_card_delayed") {
      add(later(1, 45), (at) => ({ type: "tracked", at, fact: { event: "card_shipped", shipping: "standard" }, note: "Replacement card left the bureau." }));
    } else if (spec.sample.issue === "cancel_pending_authorization") {
      add(later(0, 25), (at) => ({ type: "tracked", at, fact: { event: "authorization_created", merchant_category: "hotel" }, note: null }));
    } else if (spec.sample.issue === "wrong_debit") {
      add(later(0, 15), (at) => ({ type: "tracked", at, fact: { event: "ach_debit_received" }, note: "Duplicate debit from the payroll provider." }));
    }
    if (r() < 0.15) add(later(1, 200), (at) => ({ type: "note_added", at, note: "Customer prefers contact by email after 5 pm Eastern." }), 60 * 26);
    state.complaints.push(s);
  }

  // One complaint reclassified to executive, and one reopened, to show those histories.
  const op = state.complaints.find((s) => {
    const c = fold(s);
    const age = Date.now() - Date.parse(c.intake.received_at);
    return c.kind === "operational" && c.status === "open" && age > 6 * 86_400_000 && age < 26 * 86_400_000;
  });
  if (op) {
    const c = fold(op);
    const at = new Date(Date.parse(c.intake.received_at) + 4 * 86_400_000).toISOString().replace(".000Z", "Z");
    push(op, { type: "reclassified", at, from: "operational", to: "executive", grounds: ["litigation"], reason: "Customer's solicitor wrote on the customer's behalf." });
  }
  const res = state.complaints.find((s) => {
    const c = fold(s);
    return c.status === "resolved" && c.kind === "operational" && Date.now() - Date.parse(c.intake.received_at) < 26 * 86_400_000;
  });
  if (res) {
    const at = new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    if (at > (fold(res).resolution?.at ?? "")) push(res, { type: "reopened", at, reason: "Customer says the refund never arrived." });
  }
  seedReports();
}

/** An instant from a local date and time in the program's zone. */
function programInstant(date: string, time: string): string {
  const iso = `${date}T${time}:00${formatOffset(zoneOffsetMinutes(date, state.timezone))}`;
  return new Date(Date.parse(iso)).toISOString().replace(".000Z", "Z");
}

function logSample(received: string, sample: Sample, name: string, channel: Channel, recordedAt: string): Stored {
  const intake: Intake = {
    received_at: received,
    received_offset_minutes: zoneOffsetMinutes(localDate(received), state.timezone),
    channel,
    complainant: { name, email: null, account: "acct_1PX4LATE9Q20417", cardholder: sample.product === "issuing" ? "ich_1late8sX20417" : null },
    product: sample.product,
    topic: sample.topic,
    issue_type: sample.issue,
    summary: sample.summary,
    description: "Letter received at the registered office; scanned and logged late.",
    kind: sample.exec ? "executive" : "operational",
    grounds: sample.exec ?? [],
  };
  const s: Stored = { id: nextId(received), events: [] };
  push(s, { type: "logged", intake }, recordedAt);
  state.complaints.push(s);
  return s;
}

/**
 * Submissions: three months ago submitted and unchanged; two months ago submitted and then
 * changed by steps recorded late; last month not submitted (the header reminds).
 */
function seedReports(): void {
  const thisMonth = today().slice(0, 7);
  const [m1, m2, m3] = [1, 2, 3].map((n) => stepMonth(thisMonth, -n) as string);
  const firstBusiness = (month: string) => explainAdd(addDays(`${month}-01`, -1), 1).due;

  submit(m3, "Uploaded to the Stripe compliance portal.", programInstant(addDays(firstBusiness(m2), 1), "10:12"), "a.okafor");

  // Logged in time but acknowledged on paper; the acknowledgement is recorded after submission.
  let lateDay = addDays(lastDay(m2), -5);
  while (closedReason(lateDay) || closedReason(addDays(lateDay, 1))) lateDay = addDays(lateDay, -1);
  const lateAck = logSample(programInstant(lateDay, "11:20"), SAMPLES[1], "Priya Raman", "letter", programInstant(lateDay, "11:40"));
  const submittedAt = programInstant(addDays(firstBusiness(m1), 1), "14:40");
  submit(m2, "Sent by secure email to Stripe compliance (case 04412).", submittedAt, ACTOR);
  const afterwards = new Date(Date.parse(submittedAt) + 2 * 86_400_000).toISOString();
  push(lateAck, { type: "acknowledged", at: programInstant(addDays(lateDay, 1), "09:30"), how: "letter", note: "Acknowledgement letter posted; entered late." }, afterwards);
  push(lateAck, { type: "resolved", at: programInstant(addDays(firstBusiness(m1), 3), "16:05"), summary: "Refund credited; customer confirmed receipt.", outcome: "upheld", compensation: { amount_minor: 4250, currency: "usd" } }, afterwards);
  // A complaint received by letter in that month and only logged after the submission.
  let lateLetterDay = addDays(`${m2}-01`, 17);
  while (closedReason(lateLetterDay)) lateLetterDay = addDays(lateLetterDay, 1);
  const lateLetter = logSample(programInstant(lateLetterDay, "15:05"), SAMPLES[5], "Walter Brennan", "letter", afterwards);
  push(lateLetter, { type: "acknowledged", at: programInstant(addDays(lateLetterDay, 2), "10:00"), how: "letter", note: null }, afterwards);
  push(lateLetter, { type: "resolved", at: programInstant(addDays(lateLetterDay, 9), "12:30"), summary: "Duplicate ACH debit reversed.", outcome: "upheld", compensation: null }, afterwards);
}

// ---------------------------------------------------------------------------- install

export interface DevMockOptions {
  /** How long an export, a verification or a backup takes, so that the progress bar shows. */
  longOperationMs?: number;
}

export function installDevMock(options: DevMockOptions = {}): void {
  longOperationMs = options.longOperationMs ?? longOperationMs;
  seed();
  seedBackups();
  console.info("[Compliance Desk] Development sample data: the Tauri backend is not running.");
  mockIPC(async (cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    // Let the UI show its loading states.
    await new Promise((r) => setTimeout(r, 80));
    switch (cmd) {
      case "log_complaint":
        return logComplaint(a.input as LogComplaintInput);
      case "get_complaint":
        return detailOf(find(a.id as string));
      case "list_complaints":
        return listComplaints(a.input as ListComplaintsInput);
      case "register_counts":
        return registerCounts();
      case "record_step":
        return recordStep(a.input as RecordStepInput);
      case "track_complaint":
        return trackComplaint(a.input as TrackInput);
      case "void_complaint_entry":
        return voidEntry(a.input as VoidEntryInput);
      case "mark_not_a_complaint":
        return markNotAComplaint(a.input as NotAComplaintInput);
      case "get_settings":
        return settingsView();
      case "set_timezone":
        return setTimezone((a.input as { timezone: string }).timezone);
      case "set_deadline_policy":
        return setDeadlinePolicy(a.input as SetDeadlinePolicyInput);
      case "add_closure":
        return addClosure(a.input as AddClosureInput);
      case "remove_closure":
        return removeClosure((a.input as { date: string }).date);
      case "taxonomy":
        return TAXONOMY;
      case "verify_audit":
        return longOperation(
          "verify",
          [
            { step: "checking_file", total: null },
            { step: "checking_chain", total: state.seq },
            { step: "checking_records", total: state.complaints.length },
          ],
          () =>
            ({
              ok: true,
              events: state.seq,
              first_bad_seq: null,
              problem: null,
              difference: null,
              complaints_checked: state.complaints.length,
              accounts_checked: 0,
              credit_cases_checked: 0,
              anchor: null,
            }) satisfies AuditReport,
        );
      case "list_backups":
        return listBackups();
      case "back_up_now":
        return longOperation(
          "backup",
          [
            { step: "copying", total: Math.ceil(backupBytes() / 4096) },
            { step: "checking_chain", total: state.seq },
          ],
          backUpNow,
        );
      case "restore_backup":
        return restoreBackup(a.name as string);
      case "operation_progress":
        return operationProgress();
      case "cancel_operation":
        return cancelOperation();
      case "app_info":
        return { version: "0.1.0-dev", database_path: "(development sample data: nothing is stored)", export_dir: null } satisfies AppInfo;
      case "report_preview":
        return reportPreview((a.input as ReportInput).month);
      case "report_status":
        return reportStatus(checkMonth((a.input as ReportInput).month));
      case "export_report": {
        const input = a.input as ExportReportInput;
        checkMonth(input.month);
        return longOperation(
          "export",
          [
            { step: "reading_report", total: state.complaints.length },
            { step: "rendering", total: null },
          ],
          () => exportReport(input),
        );
      }
      case "submit_report": {
        const input = a.input as SubmitReportInput;
        return submit(input.month, input.note);
      }
      case "save_submitted_file":
        return saveSubmittedFile(a.seq as number, a.format as ReportFormat);
      case "import_complaints":
      case "import_reserve_balances":
      case "import_balance_transactions":
        // The backend's open dialog is not imitated.
        return fail("internal", "Importing a CSV file is not available in the browser preview: run the desktop app.");
      case "reserve_view":
        return reserve.reserveView(state.timezone);
      case "reserve_status":
        return reserve.reserveStatus(state.timezone);
      case "record_reserve_balance":
        return reserve.recordReserveBalance(state.timezone, a.input as ReserveBalanceInput);
      case "record_bank_debit":
        return reserve.recordBankDebit(state.timezone, a.input as BankDebitInput);
      case "record_platform_balance":
        return reserve.recordPlatformBalance(state.timezone, a.input as PlatformBalanceInput);
      case "playbook_guide":
        return playbookGuide(TAXONOMY, a.input as PlaybookInput);
      case "playbook_search":
        return playbookSearch(TAXONOMY, a.input as PlaybookSearchInput);
      // Connected accounts and credit cases live only in the real backend: the preview lists
      // none and refuses to change any.
      case "list_accounts":
      case "list_credit_cases":
        return [];
      case "notice_counts":
        return { overdue: 0, due_soon: 0 };
      case "get_account":
      case "add_account":
      case "set_balance":
      case "import_accounts":
      case "credit_program":
      case "set_credit_program":
      case "close_credit_line":
      case "decrease_credit_limit":
      case "credit_step":
      case "void_credit_entry":
      case "get_credit_case":
      case "record_application":
      case "set_credit_limit":
      case "record_period_approval":
      case "schedule_period_change":
      case "reactivate_credit_line":
      case "credit_notice_text":
      case "save_credit_notice":
      case "reject_for_fraud":
      case "set_debit_negative_balances":
        return fail("internal", "Connected accounts and credit cases are not available in the browser preview: run the desktop app.");
      default:
        fail("internal", `unknown command ${cmd}`);
    }
  });
}
