// Live refresh on a team database. The app shell hears of every change committed on the team
// database (`team-change`, this desk's own included) and of the change watcher losing or
// finding the server again (`team-connection`). Changes heard within a short burst are handed
// on together, once, to whoever watches: the shell (counts, the register page shown) and the
// view of one record (which reloads it, or says it changed when a dialog is open on it).
import type { TeamChange } from "../bindings/TeamChange";
import type { TeamLink } from "../bindings/TeamLink";
import { onTeamChange, onTeamConnection, type Unsubscribe } from "../ipc";

/** Changes heard within this long of each other are handed on together. */
export const CHANGE_DEBOUNCE_MS = 300;
/** A steady stream of changes is still handed on at least this often. */
export const CHANGE_MAX_WAIT_MS = 1_000;

/** Takes the changes of one burst, in the order heard. */
export type ChangeWatcher = (changes: ReadonlyArray<TeamChange>) => void;

/**
 * True when `change` touched the record, or may have: a bulk change (fewer records named than
 * entries made) names only its first records.
 */
export function touches(change: TeamChange, entity: string, id: string): boolean {
  if (change.records.length < change.events) return true;
  return change.records.some((r) => r.entity === entity && r.id === id);
}

/**
 * The changes of a burst that a view of one record, read at `revision` (the seq of its last
 * entry), does not show yet. Entries are numbered across the whole history, so a change whose
 * last entry is at or before the revision is already in the view (this desk's own, typically).
 */
export function unseenChanges(changes: ReadonlyArray<TeamChange>, entity: string, id: string, revision: number | null): TeamChange[] {
  return changes.filter((c) => touches(c, entity, id) && (revision === null || c.last_seq > revision));
}

export class TeamLive {
  /**
   * The watcher lost the team server: what failed (it keeps trying), empty when it did not say.
   * Null while connected.
   */
  offline = $state<string | null>(null);

  readonly #watchers = new Set<ChangeWatcher>();
  #pending: TeamChange[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #firstAt = 0;

  /** Hands every burst of changes to `watcher` until the returned function is called. */
  watch(watcher: ChangeWatcher): () => void {
    this.#watchers.add(watcher);
    return () => {
      this.#watchers.delete(watcher);
    };
  }

  /** A change was committed on the team database: handed on once the burst it belongs to is over. */
  heard(change: TeamChange): void {
    const now = Date.now();
    if (this.#pending.length === 0) this.#firstAt = now;
    this.#pending.push(change);
    if (this.#timer !== null) clearTimeout(this.#timer);
    const wait = Math.max(0, Math.min(CHANGE_DEBOUNCE_MS, this.#firstAt + CHANGE_MAX_WAIT_MS - now));
    this.#timer = setTimeout(() => this.flush(), wait);
  }

  /** Hands on the changes heard so far, now. */
  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const changes = this.#pending;
    this.#pending = [];
    if (changes.length === 0) return;
    for (const w of [...this.#watchers]) {
      try {
        w(changes);
      } catch (e) {
        // One watcher failing must not keep the others stale.
        console.error("a view could not take a team change", e);
      }
    }
  }

  /** The watcher lost the server (with what failed) or has it again. */
  linked(link: TeamLink): void {
    this.offline = link.connected ? null : (link.message?.trim() ?? "");
  }

  /** Listens to the shell's events; resolves to the way to stop listening. */
  async listen(): Promise<Unsubscribe> {
    const [changes, link] = await Promise.all([onTeamChange((c) => this.heard(c)), onTeamConnection((l) => this.linked(l))]);
    return () => {
      changes();
      link();
      if (this.#timer !== null) clearTimeout(this.#timer);
      this.#timer = null;
      this.#pending = [];
    };
  }

  /** Forgets the changes not handed on yet and the link's state (tests); watchers stay. */
  reset(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = [];
    this.offline = null;
  }
}

export const teamLive = new TeamLive();
