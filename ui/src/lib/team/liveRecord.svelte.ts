// The view of one record (a complaint, a credit case) kept live on a team database: when another
// desk's change to the record arrives (`team-change`), the view reads it again, or, while a
// dialog is open on it, says it changed elsewhere instead (the banner and the dialogs' Reload
// read the record this provides).
import { onMount } from "svelte";
import { provideViewedRecord, ViewedRecord } from "../shared/viewedRecord.svelte";
import { teamLive, unseenChanges } from "./live.svelte";

export interface LiveRecordOptions {
  /** The record's entity as team changes name it ("complaint", "credit_case"). */
  entity: string;
  /** The id of the record the view is open on. */
  id: () => string;
  /** The reading shown (its id and revision), or null while there is none. */
  shown: () => { id: string; revision: number } | null;
  /** A dialog is open on the record: a change made elsewhere is then announced, not loaded. */
  busy: () => boolean;
  /** Closes every dialog opened on the record. */
  closeDialogs: () => void;
  /** Reads the record again. */
  load: () => void;
}

/**
 * Makes the record the view shows live (call it while the view's component is created) and
 * provides it to the components inside the view. Its `reload` gives the record as it is now:
 * what was opened on the old reading closes, and the officer decides again on what they see
 * (after a `stale_view` refusal, or a change made elsewhere).
 */
export function liveRecord(options: LiveRecordOptions): ViewedRecord {
  const viewed = provideViewedRecord(
    new ViewedRecord(() => {
      options.closeDialogs();
      viewed.forget();
      options.load();
    }),
  );

  // A reading that includes the change announced settles it.
  $effect(() => {
    const shown = options.shown();
    if (shown) viewed.read(shown.revision);
  });

  // On a team database: another desk changed this record (or a bulk change may have).
  onMount(() =>
    teamLive.watch((changes) => {
      const id = options.id();
      const shown = options.shown();
      if (shown && shown.id !== id) return;
      const unseen = unseenChanges(changes, options.entity, id, shown?.revision ?? null);
      if (unseen.length === 0) return;
      const last = unseen[unseen.length - 1];
      if (options.busy()) viewed.changed(last.actor, last.last_seq);
      else options.load();
    }),
  );

  return viewed;
}
