// A Stripe request as the officer sends it from the platform's own integration. Commands that
// return a request without its curl form (the reserve's actions) get one written here the way
// the backend writes it (`StripeRequest::curl`), so every request panel reads the same.
import type { StepRequest } from "../bindings/StepRequest";
import type { StripeRequest } from "../bindings/StripeRequest";

/** `application/x-www-form-urlencoded` encoding of one value (spaces as `+`). */
function formEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");
}

/** The request as a curl command, with the secret key taken from the shell. */
export function curlOf(r: StripeRequest): string {
  let out = `curl -X ${r.method} https://api.stripe.com${r.path} \\\n  -u "$STRIPE_SECRET_KEY:"`;
  if (r.stripe_account) out += ` \\\n  -H "Stripe-Account: ${r.stripe_account}"`;
  out += ` \\\n  -H "Idempotency-Key: ${r.idempotency_key}"`;
  for (const [k, v] of r.params) {
    out += ` \\\n  --data '${`${formEncode(k)}=${formEncode(v)}`.replace(/'/g, "'\\''")}'`;
  }
  return out;
}

/** A request shown in a {@link StepRequest} panel under the name `step` (its test ids). */
export function requestPanelOf(step: string, request: StripeRequest, curl: string = curlOf(request)): StepRequest {
  return { step, request, curl, note: null, object_id: null };
}

/** `POST /v1/transfers`: the request's first line, for a sentence. */
export function requestLine(r: StripeRequest): string {
  return `${r.method} ${r.path}`;
}
