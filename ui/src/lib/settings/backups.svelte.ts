// Backups of the database: the ones the backend keeps (every day, before every upgrade of the
// file, and by hand), a backup made now, and a restore, after which the app reads everything
// again (the page is reloaded).
import type { BackupEntry } from "../bindings/BackupEntry";
import type { BackupList } from "../bindings/BackupList";
import type { BackupOutput } from "../bindings/BackupOutput";
import { backUpNow, IpcError, listBackups, restoreBackup, toIpcError } from "../ipc";

/** What a backup was made for (`BackupEntry.kind`). */
export const KIND_LABEL: Readonly<Record<string, string>> = {
  daily: "Daily",
  manual: "Manual",
  before_migration: "Before upgrade",
};

/** Why the backend keeps it (`BackupEntry.kept_as`). */
export const KEPT_AS_LABEL: Readonly<Record<string, string>> = {
  daily: "Daily",
  monthly: "Monthly",
  manual: "Manual",
  before_migration: "Before upgrade",
};

export function kindLabel(kind: string): string {
  return KIND_LABEL[kind] ?? kind;
}

export function keptAsLabel(keptAs: string): string {
  return KEPT_AS_LABEL[keptAs] ?? keptAs;
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** The retention rule in words: "the last 7 daily backups and one per month for 12 months". */
export function retentionText(list: Pick<BackupList, "keep_daily" | "keep_monthly">): string {
  const daily = list.keep_daily === 1 ? "the last daily backup" : `the last ${count(list.keep_daily, "daily backup", "daily backups")}`;
  return `${daily} and one per month for ${count(list.keep_monthly, "month", "months")}`;
}

/** Why a backup is still kept, for its row's tooltip. */
export function keptAsTitle(keptAs: string, list: Pick<BackupList, "keep_daily" | "keep_monthly">): string {
  switch (keptAs) {
    case "daily":
      return `One of the last ${count(list.keep_daily, "daily backup", "daily backups")}`;
    case "monthly":
      return `The first backup of its month (one per month is kept for ${count(list.keep_monthly, "month", "months")})`;
    case "manual":
      return "Made by hand (Back up now)";
    case "before_migration":
      return "Made before an upgrade changed the file";
    default:
      return keptAs;
  }
}

/** A file size: "812 B", "48.2 KB", "3.4 MB", "1.2 GB" (1 KB = 1,024 bytes). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString("en-US")} ${units[unit]}`;
}

/** The status line after Back up now: "Backup written: <path>, 1,234 events verified". */
export function writtenText(out: BackupOutput): string {
  return `Backup written: ${out.path}, ${count(out.events, "event", "events")} verified`;
}

/** The status line after a restore (shown once the app has reloaded). */
export function restoredText(name: string, out: BackupOutput): string {
  const kept = out.replaced_kept_at ? ` The database it replaced is kept at ${out.replaced_kept_at}.` : "";
  return `Restored ${name}: ${count(out.events, "event", "events")} verified.${kept}`;
}

/** Session storage key carrying a restore's result across the reload that follows it. */
export const RESTORED_KEY = "cdesk.backup-restored";

export interface Restored {
  name: string;
  output: BackupOutput;
}

export type BackupAction = "list" | "backup" | "restore";

export interface BackupFailure {
  action: BackupAction;
  error: IpcError;
}

function session(): Storage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null;
  }
}

export class BackupsStore {
  list = $state<BackupList | null>(null);
  loading = $state(false);
  /** The latest refusal, with what was being done; the message is the backend's. */
  failure = $state<BackupFailure | null>(null);
  backingUp = $state(false);
  /** The name of the backup being restored. */
  restoring = $state<string | null>(null);
  /** The last Back up now was stopped by the officer: no backup written, and nothing failed. */
  stopped = $state(false);
  /** The backup Back up now just wrote. */
  written = $state<BackupOutput | null>(null);
  /** The restore the app was reloaded after. */
  restored = $state<Restored | null>(null);

  readonly #reload: () => void;

  /** `reload` reads every store again after a restore: the page is reloaded. */
  constructor(reload: () => void = () => location.reload()) {
    this.#reload = reload;
  }

  /** Reads the list (and, once, what a restore before the reload left to say). */
  async load(): Promise<void> {
    this.#takeRestored();
    this.loading = true;
    try {
      this.list = await listBackups();
      if (this.failure?.action === "list") this.failure = null;
    } catch (e) {
      this.failure = { action: "list", error: toIpcError(e) };
    } finally {
      this.loading = false;
    }
  }

  /**
   * Makes a backup now; the list is read again so that it shows. Null when refused (see
   * `failure`) or stopped from the progress bar (`stopped`, no failure).
   */
  async backUpNow(): Promise<BackupOutput | null> {
    if (this.backingUp || this.restoring) return null;
    this.backingUp = true;
    this.failure = null;
    this.stopped = false;
    try {
      const out = await backUpNow();
      this.written = out;
      this.restored = null;
      await this.load();
      return out;
    } catch (e) {
      const error = toIpcError(e);
      if (error.isCancelled) this.stopped = true;
      else this.failure = { action: "backup", error };
      return null;
    } finally {
      this.backingUp = false;
    }
  }

  /**
   * Puts a backup in place of the database, then reloads the app so that every view reads the
   * restored file (`restoring` stays set until the page goes). Null when refused (see
   * `failure`): the database is then as it was.
   */
  async restore(entry: Pick<BackupEntry, "name">): Promise<BackupOutput | null> {
    if (this.backingUp || this.restoring) return null;
    this.restoring = entry.name;
    this.failure = null;
    let out: BackupOutput;
    try {
      out = await restoreBackup(entry.name);
    } catch (e) {
      this.failure = { action: "restore", error: toIpcError(e) };
      this.restoring = null;
      return null;
    }
    try {
      session()?.setItem(RESTORED_KEY, JSON.stringify({ name: entry.name, output: out } satisfies Restored));
    } catch {
      // Only the line saying so after the reload is lost.
    }
    this.#reload();
    return out;
  }

  #takeRestored(): void {
    const storage = session();
    const text = storage?.getItem(RESTORED_KEY);
    if (!storage || text == null) return;
    storage.removeItem(RESTORED_KEY);
    try {
      const value = JSON.parse(text) as Restored;
      if (typeof value?.name === "string" && typeof value.output?.path === "string") {
        this.restored = value;
        this.written = null;
      }
    } catch {
      // Not ours to read.
    }
  }
}

export const backupsStore = new BackupsStore();
