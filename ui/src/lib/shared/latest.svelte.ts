// One loader for "the latest request wins": a view or store that asks the backend again before
// the previous answer has come (another month, another page, typing in a search, another id)
// keeps only the answer to its latest request. An answer to a request superseded since is
// dropped, whether it arrives early or late, and does not touch `loading` or `error`.
import { IpcError, toIpcError } from "../ipc/error";

/** What the latest request answered: its value, or the refusal as an IpcError. */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export interface Handlers<T> {
  /** Takes the value of a request that is still the latest (`error` is already cleared). */
  done?: (value: T) => void;
  /** Takes the refusal of a request that is still the latest (`error` is already set to it). */
  failed?: (error: IpcError) => void;
}

export class Latest {
  /** The latest request has not answered yet. */
  loading = $state(false);
  /** The latest request's refusal; cleared when a later request succeeds. */
  error = $state<IpcError | null>(null);
  #current = 0;

  /** @param loading whether to count as loading before the first request (a view that loads on mount). */
  constructor(loading = false) {
    this.loading = loading;
  }

  /**
   * Runs `request`, superseding any request under way. Its value goes to `done`, its refusal
   * to `failed`, only while it is the latest; `request` is given `current()` to check the same
   * between steps of its own (an answer it shows before asking for more).
   * Resolves to the answer, or to null when the request was superseded.
   */
  async run<T>(request: (current: () => boolean) => Promise<T>, handlers: Handlers<T> = {}): Promise<Answer<T> | null> {
    const mine = ++this.#current;
    const current = () => mine === this.#current;
    this.loading = true;
    let answer: Answer<T>;
    try {
      answer = { ok: true, value: await request(current) };
    } catch (e) {
      answer = { ok: false, error: toIpcError(e) };
    }
    if (!current()) return null;
    this.loading = false;
    if (answer.ok) {
      this.error = null;
      handlers.done?.(answer.value);
    } else {
      this.error = answer.error;
      handlers.failed?.(answer.error);
    }
    return answer;
  }

  /** Drops the request under way, if any: its answer will be ignored. `error` is left as it is. */
  drop(): void {
    this.#current++;
    this.loading = false;
  }
}
