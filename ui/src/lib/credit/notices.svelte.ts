// Adverse-action notices not yet sent, for the header: past their due date, or due within 7 days.
import type { NoticeCounts } from "../bindings/NoticeCounts";
import { IpcError, noticeCounts, toIpcError } from "../ipc";

export class NoticeStore {
  counts = $state<NoticeCounts | null>(null);
  error = $state<IpcError | null>(null);

  async load(): Promise<void> {
    try {
      this.counts = await noticeCounts();
      this.error = null;
    } catch (e) {
      this.error = toIpcError(e);
    }
  }
}

export const notices = new NoticeStore();
