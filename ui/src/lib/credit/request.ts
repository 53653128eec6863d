// A Stripe request as the officer sends it from the platform's own integration, with the curl
// form the backend wrote for it, shown in the same panel as the credit steps' requests.
import type { StepRequest } from "../bindings/StepRequest";
import type { StripeRequest } from "../bindings/StripeRequest";

/** A request shown in a {@link StepRequest} panel under the name `step` (its test ids). */
export function requestPanelOf(step: string, request: StripeRequest, curl: string): StepRequest {
  return { step, request, curl, note: null, object_id: null };
}

/** `POST /v1/transfers`: the request's first line, for a sentence. */
export function requestLine(r: StripeRequest): string {
  return `${r.method} ${r.path}`;
}
