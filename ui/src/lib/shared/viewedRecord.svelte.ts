// The record a view shows (one complaint, one credit case), as the components inside that view
// see it: how to read it again, and whether someone else changed it while a dialog was open on
// it. The view provides it (`provideViewedRecord`); its dialogs and banners read it
// (`viewedRecord`) to offer a Reload where a refusal or a change notice says the view is stale.
import { getContext, setContext } from "svelte";

const KEY = Symbol("viewed-record");

export class ViewedRecord {
  /** Who changed the record elsewhere since it was read (while a dialog was open on it). */
  changedBy = $state<string | null>(null);
  /** The last event of that change: a view read at or after it is no longer stale. */
  changedSeq = $state<number | null>(null);

  /** @param reload reads the record again, closing what was opened on the old reading. */
  constructor(readonly reload: () => void) {}

  /** Someone else changed the record (at `seq`) while the officer was in the middle of something. */
  changed(actor: string, seq: number): void {
    this.changedBy = actor;
    this.changedSeq = Math.max(seq, this.changedSeq ?? seq);
  }

  /** The record as read now has revision `revision`: a change notice it includes is settled. */
  read(revision: number): void {
    if (this.changedSeq !== null && revision >= this.changedSeq) this.forget();
  }

  forget(): void {
    this.changedBy = null;
    this.changedSeq = null;
  }
}

/** Makes `record` the record the components inside the calling component's view show. */
export function provideViewedRecord(record: ViewedRecord): ViewedRecord {
  return setContext(KEY, record);
}

/** The record of the view this component is in, if it is in one. */
export function viewedRecord(): ViewedRecord | null {
  return getContext<ViewedRecord | undefined>(KEY) ?? null;
}

/** The rule of the backend's refusal of a change made from a view older than the record. */
export const STALE_VIEW = "stale_view";
