// The long operation running now (an import, a report export, a verification, a backup): while
// one of their commands is pending, the backend is asked how far it has got every 250 ms, for
// the shell's progress bar and its Cancel. The rest of the app stays usable meanwhile: the
// backend runs these on a connection of its own.
import type { Operation } from "../bindings/Operation";
import type { OperationView } from "../bindings/OperationView";
import type { ProgressReport } from "../bindings/ProgressReport";
import type { ProgressStep } from "../bindings/ProgressStep";
import { formatNumber } from "../i18n/format";
import { tOr, t } from "../i18n/translate";
import { cancelOperation, operationProgress, watchOperations, type OperationWatcher } from "../ipc";

/** How often the progress is read while an operation's command is pending. */
export const POLL_MS = 250;

// The operations' and steps' names are in the `common.operation` catalogue, by code.

/** Why Cancel is disabled once the operation has started committing its work. */
export function cannotStopReason(): string {
  return t("common.operation.cannotStop");
}

/** What is said, neutrally, when a stopped operation's command rejects with code `cancelled`. */
export function stoppedNotice(): string {
  return t("common.operation.stopped");
}

/** The count in words: "12,345 of 1,000,000", "12,345 so far"; null when there is nothing counted yet. */
export function countText(progress: Pick<ProgressReport, "done" | "total">): string | null {
  if (progress.total !== null) return t("common.operation.countOf", { done: formatNumber(progress.done), total: formatNumber(progress.total) });
  return progress.done > 0 ? t("common.operation.soFar", { count: progress.done }) : null;
}

/** "Checking rows"; the code itself for a step the catalogue does not know yet. */
export function stepLabel(step: ProgressStep): string {
  return tOr(`common.operation.step.${step}`, step);
}

/** "Importing complaints"; the code itself for an operation the catalogue does not know yet. */
export function operationLabel(operation: Operation): string {
  return tOr(`common.operation.name.${operation}`, operation);
}

/** The Cancel button's title: "Stop importing complaints; nothing is written". */
export function stopTitle(operation: Operation): string {
  return tOr(`common.operation.stop.${operation}`, t("common.operation.stopAny"));
}

type Read = () => Promise<OperationView | null>;
type Cancel = () => Promise<boolean>;

export class OperationStore implements OperationWatcher {
  /** The operation running now as last read; null while none is pending (or before the first read). */
  view = $state<OperationView | null>(null);
  /** A cancel was taken: the operation is stopping and will reject with code `cancelled`. */
  stopping = $state(false);
  /** `cancel_operation` was sent and has not answered yet. */
  cancelling = $state(false);

  readonly #read: Read;
  readonly #cancel: Cancel;
  readonly #interval: number;
  /** Commands of long operations pending (a second one is refused by the backend, but is pending a moment). */
  #pending = 0;
  /** Changes whenever the polling stops, so that an answer arriving later is dropped. */
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(read: Read = operationProgress, cancel: Cancel = cancelOperation, interval = POLL_MS) {
    this.#read = read;
    this.#cancel = cancel;
    this.#interval = interval;
  }

  /** Whether a long operation's command is pending. */
  get pending(): boolean {
    return this.#pending > 0;
  }

  started(): void {
    this.#pending++;
    if (this.#pending === 1) this.#schedule();
  }

  settled(): void {
    if (this.#pending === 0) return;
    this.#pending--;
    if (this.#pending > 0) return;
    this.#generation++;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.view = null;
    this.stopping = false;
    this.cancelling = false;
  }

  /**
   * Asks the backend to stop the operation. Resolves to whether the cancel was taken; when it was
   * not (it is finishing), the bar says so at once. Rejects with the IpcError when the backend
   * could not be asked.
   */
  async cancel(): Promise<boolean> {
    if (!this.view?.progress.can_cancel || this.stopping || this.cancelling) return false;
    const generation = this.#generation;
    this.cancelling = true;
    try {
      const taken = await this.#cancel();
      if (generation !== this.#generation) return taken;
      if (taken) {
        this.stopping = true;
      } else if (this.view) {
        this.view = { ...this.view, progress: { ...this.view.progress, can_cancel: false } };
      }
      return taken;
    } finally {
      if (generation === this.#generation) this.cancelling = false;
    }
  }

  #schedule(): void {
    const generation = this.#generation;
    this.#timer = setTimeout(() => void this.#poll(generation), this.#interval);
  }

  async #poll(generation: number): Promise<void> {
    this.#timer = null;
    let view: OperationView | null | undefined;
    try {
      view = await this.#read();
    } catch {
      // The bar keeps what it read last; the operation's own answer says how it ended.
      view = undefined;
    }
    if (generation !== this.#generation) return;
    if (view !== undefined) this.view = view;
    this.#schedule();
  }
}

export const operation = new OperationStore();
watchOperations(operation);
