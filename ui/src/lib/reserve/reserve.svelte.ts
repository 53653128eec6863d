// The Connect reserve's state: the Reserve view as the backend computed it, and the reserve's
// alerts for the header (sweeps coming, holds released today), read like the other counts.
import type { ReserveAlert } from "../bindings/ReserveAlert";
import type { ReserveStatus } from "../bindings/ReserveStatus";
import type { ReserveView } from "../bindings/ReserveView";
import { IpcError, reserveStatus, reserveView, toIpcError } from "../ipc";
import { Latest } from "../shared/latest.svelte";

/** The alert kinds the header shows (a shortfall is shown on the Reserve view). */
const HEADER_KINDS: ReadonlyArray<ReserveAlert["kind"]> = ["sweep_soon", "hold_releases_today"];

export class ReserveAlerts {
  status = $state<ReserveStatus | null>(null);
  error = $state<IpcError | null>(null);

  /** The alerts to show in the header, as the backend worded them. */
  get alerts(): ReserveAlert[] {
    return (this.status?.alerts ?? []).filter((a) => HEADER_KINDS.includes(a.kind));
  }

  async load(): Promise<void> {
    try {
      this.status = await reserveStatus(null);
      this.error = null;
    } catch (e) {
      this.error = toIpcError(e);
    }
  }
}

export const reserveAlerts = new ReserveAlerts();

export class ReserveStore {
  view = $state.raw<ReserveView | null>(null);
  readonly #load = new Latest();

  get loading(): boolean {
    return this.#load.loading;
  }

  get error(): IpcError | null {
    return this.#load.error;
  }

  set error(value: IpcError | null) {
    this.#load.error = value;
  }

  /** Reads the Reserve view; only the latest read's answer is kept. */
  async load(): Promise<void> {
    await this.#load.run(() => reserveView(), {
      done: (v) => {
        this.view = v;
        // The header reads the same status: keep the two in step.
        reserveAlerts.status = v.status;
        reserveAlerts.error = null;
      },
    });
  }
}

export const reserveStore = new ReserveStore();
