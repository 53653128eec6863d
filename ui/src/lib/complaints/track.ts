// A support fact tracked on a complaint, as the track dialog builds it for `track_complaint`:
// the event, when it happened, and the one detail the event needs (how a card was shipped, or
// the merchant of an authorization). What the fact starts is the backend's to say.
import type { MerchantCategory } from "../bindings/MerchantCategory";
import type { Shipping } from "../bindings/Shipping";
import type { TrackedFact } from "../bindings/TrackedFact";
import type { TrackInput } from "../bindings/TrackInput";
import { t } from "../i18n/translate";
import { inFutureMessage, isInFuture, localToRfc3339 } from "../shared/datetime";
import { optionalText } from "../shared/forms";

export type TrackEvent = TrackedFact["event"];

export interface TrackValues {
  event: TrackEvent;
  date: string;
  time: string;
  shipping: Shipping | "";
  merchant_category: MerchantCategory | "";
  note: string;
}

/** The dialog's fields, named as the backend names them. */
export const TRACK_FIELDS = ["event", "at", "shipping", "merchant_category", "note"] as const;

export type BuiltTrack = { ok: true; input: TrackInput } | { ok: false; errors: Record<string, string> };

/** Which detail an event asks for. */
export function trackDetail(event: TrackEvent): "shipping" | "merchant_category" | null {
  if (event === "card_shipped") return "shipping";
  if (event === "authorization_created") return "merchant_category";
  return null;
}

/**
 * Checks the dialog's values and builds the input: the instant with the program zone's offset, and
 * only the detail the event has (the other is sent as null).
 */
export function buildTrack(complaintId: string, v: TrackValues, now: Date = new Date()): BuiltTrack {
  const errors: Record<string, string> = {};
  const at = localToRfc3339(v.date, v.time);
  if (!at) errors.at = t("complaints.step.error.at");
  else if (isInFuture(at, now)) errors.at = inFutureMessage();
  const detail = trackDetail(v.event);
  if (detail === "shipping" && v.shipping === "") errors.shipping = t("complaints.track.error.shipping");
  if (detail === "merchant_category" && v.merchant_category === "") errors.merchant_category = t("complaints.track.error.merchant");
  if (Object.keys(errors).length > 0 || !at) return { ok: false, errors };
  return {
    ok: true,
    input: {
      complaint_id: complaintId,
      event: v.event,
      at,
      shipping: detail === "shipping" ? v.shipping || null : null,
      merchant_category: detail === "merchant_category" ? v.merchant_category || null : null,
      note: optionalText(v.note),
    },
  };
}
