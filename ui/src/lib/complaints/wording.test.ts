import { afterEach, describe, expect, it } from "vitest";
import type { ClockView } from "../bindings/ClockView";
import type { ComplaintDetail } from "../bindings/ComplaintDetail";
import type { ComplaintEvent } from "../bindings/ComplaintEvent";
import type { DeadlineExplanation } from "../bindings/DeadlineExplanation";
import type { TimelineEntry } from "../bindings/TimelineEntry";
import type { Timer } from "../bindings/Timer";
import { setLanguage } from "../i18n";
import { complaint, timelineEntry, timer } from "./fixtures";
import { clockExplanation, entryLine, explanationText, timerExplanation, timerTitle } from "./wording";

// Every complaint the real backend answered for the UI's tests (scripts/record-ui-fixtures.sh).
const RECORDED = import.meta.glob<ComplaintDetail>("../recorded/complaint-*.json", { import: "default", eager: true });

afterEach(() => {
  setLanguage("en");
  localStorage.clear();
});

function line(event: ComplaintEvent, description = "(the backend's line)"): string {
  return entryLine(timelineEntry(2, { action: event.type, event, description }));
}

function explanation(patch: Partial<DeadlineExplanation>): DeadlineExplanation {
  return { start: "2026-11-20", business_days: 5, due: "2026-11-30", skipped: [], set_by_stripe: false, ...patch };
}

/** The resolve clock the backend recorded for an executive complaint received Thu 19 Nov 2026. */
function recordedResolveClock(): ClockView {
  const detail = Object.entries(RECORDED).find(([path]) => path.endsWith("complaint-executive-notified.json"))?.[1];
  const clock = detail?.clocks.find((c) => c.clock === "resolve");
  if (!clock) throw new Error("the recorded executive complaint has no resolve clock");
  return clock;
}

describe("the wording in English is the backend's, word for word", () => {
  it("for every clock, timer and history entry the backend recorded", () => {
    const files = Object.values(RECORDED);
    expect(files.length).toBeGreaterThanOrEqual(5);
    let clocks = 0;
    let entries = 0;
    for (const detail of files) {
      for (const c of detail.clocks) {
        // The fallback is a different text, so a match can only come from the wording.
        expect(explanationText(c.explanation, "(not worded)"), `${detail.id} ${c.clock}`).toBe(c.explanation_text);
        clocks++;
      }
      for (const tm of detail.timers) {
        if (tm.explanation) expect(timerExplanation({ ...tm, explanation_text: "(not worded)" }), `${detail.id} ${tm.kind}`).toBe(tm.explanation_text);
        expect(timerTitle({ ...tm, label: "(not worded)" })).toBe(tm.label);
      }
      for (const e of detail.timeline) {
        expect(entryLine({ ...e, description: "(not worded)" }), `${detail.id} entry ${e.seq}`).toBe(e.description);
        entries++;
      }
    }
    expect(clocks).toBeGreaterThanOrEqual(8);
    expect(entries).toBeGreaterThanOrEqual(7);
  });

  it("for deadlines set by Stripe, closure days, holidays and a count of one", () => {
    expect(explanationText(explanation({ start: "2026-11-24", due: "2026-12-18", business_days: 18, set_by_stripe: true }), "")).toBe(
      "Fri 18 Dec 2026: the date Stripe set with its review on Tue 24 Nov 2026",
    );
    const christmas = explanation({
      start: "2026-12-23",
      business_days: 1,
      due: "2026-12-28",
      skipped: [
        { date: "2026-12-24", reason: { kind: "closure", name: "Christmas Eve" } },
        { date: "2026-12-25", reason: { kind: "holiday", name: "Christmas Day" } },
        { date: "2026-12-26", reason: { kind: "weekend" } },
        { date: "2026-12-27", reason: { kind: "weekend" } },
      ],
    });
    expect(explanationText(christmas, "")).toBe(
      "1 business day after Wed 23 Dec 2026 is Mon 28 Dec 2026; skipped Thu 24 Dec (closure: Christmas Eve), Fri 25 Dec (Christmas Day), Sat 26 Dec (weekend), Sun 27 Dec (weekend).",
    );
    const labor = explanation({
      start: "2027-09-03",
      business_days: 1,
      due: "2027-09-07",
      skipped: [
        { date: "2027-09-04", reason: { kind: "weekend" } },
        { date: "2027-09-05", reason: { kind: "weekend" } },
        { date: "2027-09-06", reason: { kind: "holiday", name: "Labor Day" } },
      ],
    });
    expect(explanationText(labor, "")).toBe("1 business day after Fri 3 Sep 2027 is Tue 7 Sep 2027; skipped Sat 4 Sep (weekend), Sun 5 Sep (weekend), Mon 6 Sep (Labor Day).");
    expect(explanationText(explanation({ start: "2026-11-13", due: "2026-11-20" }), "")).toBe("5 business days after Fri 13 Nov 2026 is Fri 20 Nov 2026; no day was skipped.");
  });

  it("for every kind of history entry", () => {
    const at = "2026-11-21T15:00:00Z";
    expect(line({ type: "logged", intake: { ...complaint().intake, kind: "executive", channel: "social_media" } })).toBe("Logged as executive complaint via social media");
    expect(line({ type: "logged", intake: { ...complaint().intake, channel: "web_form" } })).toBe("Logged as operational complaint via web form");
    expect(line({ type: "acknowledged", at, how: "phone", note: null })).toBe("Acknowledged to the customer by phone");
    expect(line({ type: "acknowledged", at, how: null, note: "Sent" })).toBe("Acknowledged to the customer");
    expect(line({ type: "stripe_notified", at, how: "email", reference: "SUP-4411", note: null })).toBe("Stripe notified (reference SUP-4411)");
    expect(line({ type: "stripe_notified", at, how: null, reference: null, note: null })).toBe("Stripe notified");
    expect(line({ type: "stripe_review_completed", at, note: null, resolve_by: "2026-12-18" })).toBe("Stripe completed its review; customer contact allowed");
    expect(line({ type: "customer_contacted", at, how: "email", note: "Explained the fee" })).toBe("Customer contacted by email");
    expect(line({ type: "customer_contacted", at, how: null, note: "Explained the fee" })).toBe("Customer contacted");
    expect(line({ type: "reclassified", at, from: "operational", to: "executive", grounds: ["udap", "consumer_harm"], reason: "r" })).toBe(
      "Reclassified from operational to executive (udap, consumer_harm)",
    );
    expect(line({ type: "reclassified", at, from: "executive", to: "operational", grounds: [], reason: "r" })).toBe("Reclassified from executive to operational");
    expect(line({ type: "reclassified", at, from: "executive", to: "executive", grounds: ["litigation", "regulator"], reason: "r" })).toBe(
      "Grounds changed to litigation, regulator",
    );
    expect(
      line({ type: "reclassification_requested", at, from: "executive", to: "operational", grounds: [], reason: "Allegation withdrawn", by: "a.okafor" }),
    ).toBe("Reclassification from executive to operational asked for by a.okafor, awaiting a second officer's approval");
    expect(line({ type: "reclassification_approved", at, by: "Ben Okafor" })).toBe("Reclassification approved by Ben Okafor (four eyes)");
    expect(line({ type: "assigned", at, to: "a.okafor" })).toBe("Assigned to a.okafor");
    expect(line({ type: "resolved", at, summary: "s", outcome: null, compensation: null })).toBe("Resolved");
    expect(line({ type: "resolved", at, summary: "s", outcome: "upheld", compensation: null })).toBe("Resolved: upheld");
    expect(
      line({
        type: "resolved",
        at,
        summary: "Fee refunded",
        outcome: "partially_upheld",
        compensation: { amount_minor: 125050, currency: "usd" },
        root_cause: { cause: "disclosure_unclear", remediation: "disclosure_updated", note: null },
      }),
    ).toBe("Resolved: partially upheld, compensation 1250.50 USD; root cause disclosure unclear, remediation disclosure updated");
    expect(line({ type: "resolved", at, summary: "s", outcome: null, compensation: { amount_minor: 1250, currency: "jpy" } })).toBe("Resolved, compensation 1250 JPY");
    expect(line({ type: "resolved", at, summary: "s", outcome: "withdrawn", compensation: { amount_minor: -5, currency: "eur" } })).toBe(
      "Resolved: withdrawn, compensation -0.05 EUR",
    );
    expect(line({ type: "reopened", at, reason: "r" })).toBe("Reopened");
    expect(line({ type: "note_added", at, note: "n" })).toBe("Note");
    expect(line({ type: "marked_not_a_complaint", at, reason: "r" })).toBe("Marked not a complaint");
    expect(line({ type: "tracked", at, fact: { event: "card_shipped", shipping: "standard" }, note: null })).toBe("Card shipped by standard shipping (untracked)");
    expect(line({ type: "tracked", at, fact: { event: "card_shipped", shipping: "express" }, note: null })).toBe("Card shipped by express shipping (tracking number available)");
    expect(line({ type: "tracked", at, fact: { event: "card_shipped", shipping: "priority" }, note: null })).toBe("Card shipped by priority shipping (tracking number available)");
    expect(line({ type: "tracked", at, fact: { event: "authorization_created", merchant_category: "car_rental" }, note: null })).toBe(
      "Pending authorization created (car rental)",
    );
    expect(line({ type: "tracked", at, fact: { event: "authorization_created", merchant_category: "other" }, note: null })).toBe("Pending authorization created (other)");
    expect(line({ type: "tracked", at, fact: { event: "ach_debit_received" }, note: null })).toBe("ACH debit received");
    expect(line({ type: "voided", seq: 4, reason: "r" })).toBe("Entry 4 voided");
    expect(
      line({
        type: "deadlines_recomputed",
        reason: "calendar changed",
        changes: [
          { clock: "acknowledge", from: "2026-11-30", to: "2026-12-01" },
          { clock: "notify_stripe", from: null, to: "2026-11-24" },
        ],
      }),
    ).toBe("Deadlines recomputed: Acknowledge 2026-11-30 → 2026-12-01; Notify Stripe none → 2026-11-24");
    expect(line({ type: "deadlines_recomputed", reason: "calendar changed", changes: [] })).toBe("Support timers recomputed with the new calendar");
  });

  it("for the support timers counted in business days", () => {
    const reorder: Timer = timer({
      due: "2026-12-07",
      explanation: {
        start: "2026-11-20",
        business_days: 10,
        due: "2026-12-07",
        skipped: [
          { date: "2026-11-21", reason: { kind: "weekend" } },
          { date: "2026-11-22", reason: { kind: "weekend" } },
          { date: "2026-11-26", reason: { kind: "holiday", name: "Thanksgiving Day" } },
          { date: "2026-11-28", reason: { kind: "weekend" } },
          { date: "2026-11-29", reason: { kind: "weekend" } },
          { date: "2026-12-05", reason: { kind: "weekend" } },
          { date: "2026-12-06", reason: { kind: "weekend" } },
        ],
        set_by_stripe: false,
      },
      explanation_text: "(not worded)",
    });
    expect(timerExplanation(reorder)).toBe(
      "Shipped by standard shipping, which has no tracking, on Fri 20 Nov 2026. If the cardholder has not received it by the end of Mon 7 Dec 2026, cancel the card and order a new one; Stripe refunds the cost of making and shipping it. " +
        "10 business days after Fri 20 Nov 2026 is Mon 7 Dec 2026; skipped Sat 21 Nov (weekend), Sun 22 Nov (weekend), Thu 26 Nov (Thanksgiving Day), Sat 28 Nov (weekend), Sun 29 Nov (weekend), Sat 5 Dec (weekend), Sun 6 Dec (weekend).",
    );
    const ach = timer({
      kind: "ach_return_window",
      label: "ACH return window closes",
      due: "2026-11-23",
      explanation: {
        start: "2026-11-20",
        business_days: 1,
        due: "2026-11-23",
        skipped: [
          { date: "2026-11-21", reason: { kind: "weekend" } },
          { date: "2026-11-22", reason: { kind: "weekend" } },
        ],
        set_by_stripe: false,
      },
      explanation_text: "(not worded)",
    });
    expect(timerExplanation(ach)).toBe(
      "The ACH debit was received on Fri 20 Nov 2026. It can be returned through the API until the end of Mon 23 Nov 2026 (about 1 business day after receipt); after that only on a best-effort basis through Stripe support. " +
        "1 business day after Fri 20 Nov 2026 is Mon 23 Nov 2026; skipped Sat 21 Nov (weekend), Sun 22 Nov (weekend).",
    );
    expect(timerTitle(reorder)).toBe("Cancel and reorder the card");
    expect(timerTitle({ kind: "authorization_expires", label: "(not worded)" })).toBe("Authorization expires");
    expect(timerTitle(ach)).toBe("ACH return window closes");
  });
});

describe("data the wording does not know keeps the backend's text", () => {
  it("a new event type, a new code, a new reason for a closed day", () => {
    expect(line({ type: "escalated", at: "2026-11-21T15:00:00Z" } as unknown as ComplaintEvent, "Escalated to the board")).toBe("Escalated to the board");
    expect(line({ type: "logged", intake: { ...complaint().intake, channel: "fax" } } as unknown as ComplaintEvent, "Logged as operational complaint via fax")).toBe(
      "Logged as operational complaint via fax",
    );
    expect(
      line({ type: "tracked", at: "2026-11-21T15:00:00Z", fact: { event: "card_frozen" }, note: null } as unknown as ComplaintEvent, "Card frozen"),
    ).toBe("Card frozen");
    const request = { type: "reclassification_requested", at: "2026-11-21T15:00:00Z", from: "executive", to: "dormant", grounds: [], reason: "r", by: "a.okafor" };
    setLanguage("de");
    expect(line(request as unknown as ComplaintEvent, "Reclassification from executive to dormant asked for by a.okafor")).toBe(
      "Reclassification from executive to dormant asked for by a.okafor",
    );
    setLanguage("en");
    const strike = explanation({ skipped: [{ date: "2026-11-23", reason: { kind: "strike" } as never }] });
    expect(explanationText(strike, "the backend's sentence")).toBe("the backend's sentence");
    expect(explanationText(null, "the backend's sentence")).toBe("the backend's sentence");
    expect(entryLine({ description: "the backend's line" } as TimelineEntry)).toBe("the backend's line");
  });

  it("an authorization timer, counted in calendar days, and a timer kind not known here", () => {
    const text = "The authorization was created Fri 20 Nov 2026 10:00 EST. The card issuer cannot cancel a pending authorization.";
    setLanguage("de");
    expect(timerExplanation({ kind: "authorization_expires", explanation: null, explanation_text: text })).toBe(text);
    expect(timerExplanation({ ...timer(), kind: "card_expires" as never, explanation_text: text })).toBe(text);
    expect(timerTitle({ kind: "card_expires" as never, label: "Card expires" })).toBe("Card expires");
  });
});

describe("the wording in German", () => {
  it("counts the business days with German dates, holiday names as the calendar gives them", () => {
    setLanguage("de");
    expect(clockExplanation(recordedResolveClock())).toBe(
      "15 Geschäftstage nach Do., 19.11.2026 ist der Fr., 11.12.2026; übersprungen: Sa., 21.11. (Wochenende), So., 22.11. (Wochenende), Do., 26.11. (Thanksgiving Day), " +
        "Sa., 28.11. (Wochenende), So., 29.11. (Wochenende), Sa., 05.12. (Wochenende), So., 06.12. (Wochenende).",
    );
    expect(explanationText(explanation({ start: "2026-11-19", business_days: 1, due: "2026-11-20" }), "")).toBe(
      "1 Geschäftstag nach Do., 19.11.2026 ist der Fr., 20.11.2026; kein Tag übersprungen.",
    );
    expect(explanationText(explanation({ skipped: [{ date: "2026-11-24", reason: { kind: "closure", name: "Office move" } }] }), "")).toContain(
      "übersprungen: Di., 24.11. (Schließtag: Office move).",
    );
    expect(explanationText(explanation({ start: "2026-11-24", due: "2026-12-18", set_by_stripe: true }), "")).toBe(
      "Fr., 18.12.2026: das Datum, das Stripe mit seiner Prüfung am Di., 24.11.2026 festgelegt hat",
    );
  });

  it("words the history's lines, amounts and dates the German way", () => {
    setLanguage("de");
    const at = "2026-11-21T15:00:00Z";
    expect(line({ type: "logged", intake: complaint().intake })).toBe("Als operative Beschwerde erfasst, eingegangen per E-Mail");
    expect(line({ type: "acknowledged", at, how: "email", note: null })).toBe("Eingang gegenüber dem Kunden bestätigt (email)");
    expect(line({ type: "reclassified", at, from: "operational", to: "executive", grounds: ["udap", "consumer_harm"], reason: "r" })).toBe(
      "Von „Operativ“ zu „Executive“ umgestuft (UDAP, Verbraucherschaden)",
    );
    expect(
      line({
        type: "resolved",
        at,
        summary: "s",
        outcome: "partially_upheld",
        compensation: { amount_minor: 125050, currency: "usd" },
        root_cause: { cause: "disclosure_unclear", remediation: "disclosure_updated", note: null },
      }),
    ).toBe("Erledigt: teilweise begründet, Entschädigung 1.250,50 USD; Grundursache: disclosure unclear, Abhilfe: disclosure updated");
    expect(line({ type: "tracked", at, fact: { event: "card_shipped", shipping: "standard" }, note: null })).toBe("Karte per Standardversand verschickt (ohne Sendungsverfolgung)");
    expect(line({ type: "voided", seq: 4, reason: "r" })).toBe("Eintrag 4 storniert");
    expect(
      line({ type: "reclassification_requested", at, from: "executive", to: "operational", grounds: [], reason: "r", by: "a.okafor" }),
    ).toBe("Umstufung von „Executive“ zu „Operativ“ von a.okafor beantragt, wartet auf Freigabe durch eine zweite Person");
    expect(line({ type: "reclassification_approved", at, by: "Ben Okafor" })).toBe("Umstufung von Ben Okafor freigegeben (Vier-Augen-Prinzip)");
    expect(line({ type: "assigned", at, to: "a.okafor" })).toBe("Zugewiesen an a.okafor");
    expect(line({ type: "deadlines_recomputed", reason: "r", changes: [{ clock: "acknowledge", from: "2026-11-30", to: null }] })).toBe(
      "Fristen neu berechnet: Eingangsbestätigung 30.11.2026 → keine",
    );
  });

  it("words a timer's explanation and heading", () => {
    setLanguage("de");
    const text = timerExplanation(timer());
    expect(text).toMatch(/^Am Fr\., 20\.11\.2026 per Standardversand ohne Sendungsverfolgung verschickt\. Hat der Karteninhaber die Karte bis Ende Fr\., 04\.12\.2026 nicht erhalten/);
    expect(text).toContain("10 Geschäftstage nach Fr., 20.11.2026 ist der Fr., 04.12.2026; übersprungen: Do., 26.11. (Thanksgiving Day).");
    expect(timerTitle(timer())).toBe("Karte sperren und neu bestellen");
  });
});

describe("the wording in Japanese", () => {
  it("counts the business days with Japanese dates", () => {
    setLanguage("ja");
    expect(clockExplanation(recordedResolveClock())).toBe(
      "2026/11/19(木) の 15 営業日後は 2026/12/11(金) です。除外した日：11/21(土)（週末）、11/22(日)（週末）、11/26(木)（Thanksgiving Day）、" +
        "11/28(土)（週末）、11/29(日)（週末）、12/05(土)（週末）、12/06(日)（週末）。",
    );
    expect(explanationText(explanation({ start: "2026-11-13", due: "2026-11-20" }), "")).toBe("2026/11/13(金) の 5 営業日後は 2026/11/20(金) です。除外した日はありません。");
  });

  it("words the history's lines", () => {
    setLanguage("ja");
    const at = "2026-11-21T15:00:00Z";
    expect(line({ type: "logged", intake: { ...complaint().intake, kind: "executive", channel: "letter" } })).toBe("エグゼクティブ苦情として登録（受付経路：書面）");
    expect(line({ type: "stripe_notified", at, how: null, reference: "SUP-4411", note: null })).toBe("Stripe に通知（参照番号 SUP-4411）");
    expect(line({ type: "reclassified", at, from: "executive", to: "executive", grounds: ["litigation", "regulator"], reason: "r" })).toBe("根拠を変更：訴訟の示唆、規制当局");
    expect(line({ type: "resolved", at, summary: "s", outcome: "upheld", compensation: { amount_minor: 1250, currency: "jpy" } })).toBe("解決：認容、補償 1,250 JPY");
    expect(line({ type: "tracked", at, fact: { event: "authorization_created", merchant_category: "hotel" }, note: null })).toBe("保留中のオーソリを作成（ホテル）");
    expect(line({ type: "deadlines_recomputed", reason: "r", changes: [] })).toBe("新しいカレンダーでサポートタイマーを再計算");
    expect(
      line({ type: "reclassification_requested", at, from: "executive", to: "operational", grounds: [], reason: "r", by: "a.okafor" }),
    ).toBe("a.okafor が「エグゼクティブ」から「通常」への再分類を申請（別の担当者の承認待ち）");
    expect(line({ type: "reclassification_approved", at, by: "Ben Okafor" })).toBe("Ben Okafor が再分類を承認（二者承認）");
    expect(line({ type: "assigned", at, to: "a.okafor" })).toBe("a.okafor に割り当て");
  });
});
