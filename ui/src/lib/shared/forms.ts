// Helpers for forms that send to a command and show its refusals.
import type { IpcError } from "../ipc/error";

/** A trimmed text, or null when it is empty. */
export function optionalText(value: string): string | null {
  const t = value.trim();
  return t === "" ? null : t;
}

export interface RoutedError {
  /** The form field the message belongs next to, or null for a banner. */
  field: string | null;
  message: string;
}

/**
 * Decides where a command's refusal is shown: next to the field it names when the form has
 * that field (directly or through an alias such as `email` → `complainant_email`), otherwise
 * in the form's banner.
 */
export function routeError(
  error: Pick<IpcError, "field" | "message">,
  fields: ReadonlyArray<string>,
  aliases: Readonly<Record<string, string>> = {},
): RoutedError {
  const named = error.field;
  if (named) {
    const candidates = [named, aliases[named], named.split(".").pop() ?? named];
    for (const c of candidates) {
      if (c && fields.includes(c)) return { field: c, message: error.message };
      if (c && aliases[c] && fields.includes(aliases[c])) return { field: aliases[c], message: error.message };
    }
  }
  return { field: null, message: error.message };
}

/** Focuses the control of the first field with an error (controls carry `data-field`). */
export function focusFirstError(root: HTMLElement | undefined, errors: Record<string, string>, order: ReadonlyArray<string>): void {
  if (!root) return;
  const first = order.find((f) => errors[f]);
  if (!first) return;
  root.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
}
