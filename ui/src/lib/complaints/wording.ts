// The backend's sentences about a complaint, worded again in the interface language from the
// structured data it sends with them: why a deadline falls on its day (`DeadlineExplanation`),
// what a support timer asks for, and each history entry's one line (`ComplaintEvent`).
//
// In English the words are exactly the backend's (`DeadlineExplanation::sentence`,
// `ComplaintEvent::describe`, the timers' texts in crates/domain), values included: days as
// `Fri 20 Nov 2026`, amounts as `1250.50 USD`, codes as the backend writes them. German and
// Japanese write the values their own way (`Fr., 20.11.2026`, `1.250,50 USD`). What the data
// itself holds in English (a holiday's name, a closure's name, how a step was done, a
// reference) is shown as it comes. When the data has a shape this file does not know (a new
// event type, a new code), the backend's own text is shown instead.
import type { ClosedReason } from "../bindings/ClosedReason";
import type { ComplaintEvent } from "../bindings/ComplaintEvent";
import type { DeadlineChange } from "../bindings/DeadlineChange";
import type { DeadlineExplanation } from "../bindings/DeadlineExplanation";
import type { Money } from "../bindings/Money";
import type { TimelineEntry } from "../bindings/TimelineEntry";
import type { Timer } from "../bindings/Timer";
import { language, LOCALE_TAGS, type UiLanguage } from "../i18n/language.svelte";
import { hasMessage, t, type Params } from "../i18n/translate";
import { formatDate, formatDay, parseLocalDate } from "../shared/datetime";
import { formatMoney, minorToMajorText } from "../shared/money";
import { taxonomyStore } from "./taxonomy.svelte";

/** Thrown (and caught here) when the data has a code or shape the catalogue has no words for. */
class Unworded extends Error {}

/** The message `key`, or Unworded when the catalogue lacks it (a code it does not know yet). */
function known(key: string, params?: Params): string {
  if (!hasMessage(key)) throw new Unworded(key);
  return t(key, params);
}

/** Free text the backend expects to be there. */
function text(value: unknown): string {
  if (typeof value !== "string") throw new Unworded("text");
  return value;
}

/** Our wording, or the backend's text when ours cannot be made from the data. */
function orBackend(fallback: string, word: () => string): string {
  try {
    return word();
  } catch {
    // Unworded, or data of another shape than the bindings say: the backend's words stand.
    return fallback;
  }
}

// ---------------------------------------------------------------------------------------------
// Values

// chrono's `%a` and `%b`, which the backend's English sentences use.
const EN_WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const dayMonthFormats = new Map<UiLanguage, Intl.DateTimeFormat>();

function parsed(date: string): { year: number; month: number; day: number } {
  const d = parseLocalDate(String(date));
  if (!d) throw new Unworded("date");
  return d;
}

/** A date with its weekday: `Fri 20 Nov 2026` (the backend's), `Fr., 20.11.2026`, `2026/11/20(金)`. */
function sentenceDay(date: string): string {
  const d = parsed(date);
  if (language() !== "en") return formatDay(date);
  const weekday = EN_WEEKDAYS[new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay()];
  return `${weekday} ${d.day} ${EN_MONTHS[d.month - 1]} ${d.year}`;
}

/** A skipped day within a sentence that gave the year already: `Thu 26 Nov`, `Do., 26.11.`, `11/26(木)`. */
function sentenceDayMonth(date: string): string {
  const d = parsed(date);
  const lang = language();
  const at = new Date(Date.UTC(d.year, d.month - 1, d.day, 12));
  if (lang === "en") return `${EN_WEEKDAYS[at.getUTCDay()]} ${d.day} ${EN_MONTHS[d.month - 1]}`;
  let f = dayMonthFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE_TAGS[lang], { timeZone: "UTC", weekday: "short", month: "2-digit", day: "2-digit" });
    dayMonthFormats.set(lang, f);
  }
  return f.format(at);
}

/** A plain date, or none: `2026-11-30` in English (the backend's), else the language's way. */
function sentenceDate(date: string | null): string {
  if (date === null) return t("complaints.timeline.none");
  parsed(date);
  return formatDate(date);
}

/** An amount: `1250.50 USD` in English (the backend's `Money::display`), `1.250,50 USD` in German. */
function sentenceMoney(money: Money): string {
  if (typeof money.amount_minor !== "number" || typeof money.currency !== "string") throw new Unworded("money");
  if (language() !== "en") return formatMoney(money);
  const code = money.currency.trim().toUpperCase();
  return `${minorToMajorText(money.amount_minor, code)} ${code}`;
}

/**
 * A taxonomy code in a sentence: its words in English (`disclosure unclear`, the backend's), its
 * label elsewhere (the taxonomy's, English data), its words while the taxonomy is not loaded.
 */
function taxonomyWords(code: string, label: (code: string) => string): string {
  const words = text(code).replace(/_/g, " ");
  if (language() === "en") return words;
  const own = label(code);
  return own === code ? words : own;
}

function list(items: ReadonlyArray<string>, separator: "comma" | "semicolon"): string {
  return items.join(separator === "comma" ? t("complaints.separator.comma") : t("complaints.separator.semicolon"));
}

// ---------------------------------------------------------------------------------------------
// Deadlines and timers

function closedReason(reason: ClosedReason): string {
  switch (reason.kind) {
    case "weekend":
      return t("complaints.explain.weekend");
    case "holiday":
      return text(reason.name);
    case "closure":
      return t("complaints.explain.closure", { name: text(reason.name) });
    default:
      throw new Unworded("reason");
  }
}

function sentence(e: DeadlineExplanation): string {
  if (e.set_by_stripe) return t("complaints.explain.setByStripe", { due: sentenceDay(e.due), start: sentenceDay(e.start) });
  if (typeof e.business_days !== "number" || !Array.isArray(e.skipped)) throw new Unworded("explanation");
  const params = { count: e.business_days, start: sentenceDay(e.start), due: sentenceDay(e.due) };
  if (e.skipped.length === 0) return t("complaints.explain.countedNone", params);
  const days = e.skipped.map((s) => t("complaints.explain.skippedDay", { day: sentenceDayMonth(s.date), reason: closedReason(s.reason) }));
  return t("complaints.explain.countedSkipped", { ...params, days: list(days, "comma") });
}

/**
 * How a deadline was counted, in the interface language: `5 business days after Fri 20 Nov 2026
 * is Mon 30 Nov 2026; skipped Sat 21 Nov (weekend), …` (the backend's `explanation_text`, word
 * for word, in English), `5 Geschäftstage nach Fr., 20.11.2026 ist der Mo., 30.11.2026; …`.
 */
export function explanationText(explanation: DeadlineExplanation | null | undefined, fallback: string): string {
  return orBackend(fallback, () => {
    if (!explanation) throw new Unworded("explanation");
    return sentence(explanation);
  });
}

/** A clock's explanation (a deadline card's "Why this date"). */
export function clockExplanation(status: { explanation: DeadlineExplanation; explanation_text: string }): string {
  return explanationText(status.explanation, status.explanation_text);
}

/**
 * What a support timer asks for and how its day was counted. A timer counted in business days
 * (reordering a card, the ACH return window) is worded from its explanation; one counted in
 * calendar days from the authorization (which names the merchant's category, not sent with the
 * timer) keeps the backend's text.
 */
export function timerExplanation(timer: Pick<Timer, "kind" | "explanation" | "explanation_text">): string {
  return orBackend(timer.explanation_text, () => {
    const e = timer.explanation;
    if (!e || e.set_by_stripe) throw new Unworded("timer");
    const params = { start: sentenceDay(e.start), due: sentenceDay(e.due), counted: sentence(e) };
    switch (timer.kind) {
      case "reorder_card":
        return t("complaints.explain.timer.reorder_card", params);
      case "ach_return_window":
        return t("complaints.explain.timer.ach_return_window", { ...params, count: e.business_days });
      default:
        throw new Unworded("timer");
    }
  });
}

/** A support timer's heading (`Cancel and reorder the card`); the backend's label for a kind not known here. */
export function timerTitle(timer: Pick<Timer, "kind" | "label">): string {
  return orBackend(timer.label, () => known(`complaints.explain.timerTitle.${timer.kind}`));
}

// ---------------------------------------------------------------------------------------------
// History lines

function change(c: DeadlineChange): string {
  return t("complaints.line.change", { clock: known(`complaints.clock.${c.clock}`), from: sentenceDate(c.from), to: sentenceDate(c.to) });
}

function eventLine(event: ComplaintEvent): string {
  switch (event.type) {
    case "logged":
      return known(`complaints.line.logged.${event.intake.kind}`, { channel: known(`complaints.line.via.${event.intake.channel}`) });
    case "acknowledged":
      return event.how !== null ? t("complaints.line.acknowledgedBy", { how: text(event.how) }) : t("complaints.line.acknowledged");
    case "stripe_notified":
      return event.reference !== null ? t("complaints.line.stripeNotifiedRef", { reference: text(event.reference) }) : t("complaints.line.stripeNotified");
    case "stripe_review_completed":
      return t("complaints.line.stripeReviewCompleted");
    case "customer_contacted":
      return event.how !== null ? t("complaints.line.customerContactedBy", { how: text(event.how) }) : t("complaints.line.customerContacted");
    case "reclassified": {
      const grounds = list(event.grounds.map((g) => known(`complaints.line.groundWord.${g}`)), "comma");
      if (event.from === event.to) return t("complaints.line.groundsChanged", { grounds });
      const from = known(`complaints.line.kindWord.${event.from}`);
      const to = known(`complaints.line.kindWord.${event.to}`);
      return event.grounds.length === 0 ? t("complaints.line.reclassified", { from, to }) : t("complaints.line.reclassifiedGrounds", { from, to, grounds });
    }
    case "reclassification_requested":
      return t("complaints.line.reclassificationRequested", {
        from: known(`complaints.line.kindWord.${event.from}`),
        to: known(`complaints.line.kindWord.${event.to}`),
        by: text(event.by),
      });
    case "reclassification_approved":
      return t("complaints.line.reclassificationApproved", { by: text(event.by) });
    case "assigned":
      return t("complaints.line.assigned", { to: text(event.to) });
    case "resolved": {
      let line = t("complaints.line.resolved.base");
      if (event.outcome) line += t("complaints.line.resolved.outcome", { outcome: known(`complaints.line.outcomeWord.${event.outcome}`) });
      if (event.compensation) line += t("complaints.line.resolved.compensation", { amount: sentenceMoney(event.compensation) });
      if (event.root_cause) {
        line += t("complaints.line.resolved.rootCause", {
          cause: taxonomyWords(event.root_cause.cause, (c) => taxonomyStore.rootCauseLabel(c)),
          remediation: taxonomyWords(event.root_cause.remediation, (c) => taxonomyStore.remediationLabel(c)),
        });
      }
      return line;
    }
    case "reopened":
      return t("complaints.line.reopened");
    case "note_added":
      return t("complaints.line.noteAdded");
    case "marked_not_a_complaint":
      return t("complaints.line.notAComplaint");
    case "tracked": {
      const fact = event.fact;
      switch (fact.event) {
        case "card_shipped":
          return known(`complaints.line.cardShipped.${fact.shipping}`);
        case "authorization_created": {
          const category = fact.merchant_category === "other" ? "other_merchant" : fact.merchant_category;
          return t("complaints.line.authorizationCreated", { merchant: known(`complaints.line.merchantWord.${category}`) });
        }
        case "ach_debit_received":
          return t("complaints.line.achDebitReceived");
        default:
          throw new Unworded("fact");
      }
    }
    case "voided":
      return t("complaints.line.voided", { seq: event.seq });
    case "deadlines_recomputed":
      return event.changes.length === 0
        ? t("complaints.line.recomputedNone")
        : t("complaints.line.recomputed", { changes: list(event.changes.map(change), "semicolon") });
    default:
      throw new Unworded("event");
  }
}

/**
 * A history entry's one line in the interface language: `Acknowledged to the customer by email`
 * (the backend's `description`, word for word, in English), `Eingang gegenüber dem Kunden
 * bestätigt (email)`. An event this file does not know keeps the backend's description.
 */
export function entryLine(entry: Pick<TimelineEntry, "event" | "description">): string {
  return orBackend(entry.description, () => {
    if (!entry.event) throw new Unworded("event");
    return eventLine(entry.event);
  });
}

