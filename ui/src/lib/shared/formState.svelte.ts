// The state every form that sends to a command shares: its field errors, its banner, and
// whether it is sending. A refusal naming a field of the form goes next to that field; any
// other refusal (a rule, a missing record) goes to the banner with the rule's name.
import { toIpcError } from "../ipc/error";
import { focusFirstError, routeError } from "./forms";

/** A refusal shown in a form's banner. */
export interface Refusal {
  message: string;
  /** The backend rule that refused, when it was a rule. */
  rule: string | null;
}

export class FormState {
  errors = $state<Record<string, string>>({});
  banner = $state<Refusal | null>(null);
  busy = $state(false);
  /** The form's element, to focus the first field in error. */
  root: HTMLElement | undefined = undefined;

  /**
   * @param fields the fields of the form as the backend names them, in display order.
   * @param aliases backend field names that stand for a field of the form.
   */
  constructor(
    public fields: ReadonlyArray<string>,
    public aliases: Readonly<Record<string, string>> = {},
  ) {}

  /** Forgets the error of a field (as soon as it is edited). */
  clear(field: string): void {
    if (this.errors[field]) {
      const { [field]: _, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  /** Shows errors found before sending; true when there were none. */
  check(errors: Record<string, string>): boolean {
    this.errors = errors;
    if (Object.keys(errors).length === 0) return true;
    this.banner = null;
    focusFirstError(this.root, errors, this.fields);
    return false;
  }

  /**
   * Sends with `run`. Resolves to its result, or to null when the command refused (the refusal
   * is then on screen) or another send is under way.
   */
  async submit<T>(run: () => Promise<T>): Promise<T | null> {
    if (this.busy) return null;
    this.banner = null;
    this.busy = true;
    try {
      const out = await run();
      this.errors = {};
      return out;
    } catch (e) {
      const err = toIpcError(e);
      const routed = err.code === "invalid_input" ? routeError(err, this.fields, this.aliases) : { field: null, message: err.message };
      if (routed.field) {
        this.errors = { [routed.field]: routed.message };
        focusFirstError(this.root, this.errors, this.fields);
      } else {
        this.banner = { message: routed.message, rule: err.rule };
      }
      return null;
    } finally {
      this.busy = false;
    }
  }
}
