// Backups of the database: the ones the backend keeps (every day, before every upgrade of the
// file, and by hand), a backup made now, and a restore, after which the app reads everything
// again (the page is reloaded).
import type { BackupEntry } from "../bindings/BackupEntry";
import type { BackupList } from "../bindings/BackupList";
import type { BackupOutput } from "../bindings/BackupOutput";
import { formatNumber } from "../i18n/format";
import { t, tOr } from "../i18n/translate";
import { backUpNow, IpcError, listBackups, restoreBackup, toIpcError } from "../ipc";

/** What a backup was made for (`BackupEntry.kind`): "Daily", "Manual", "Before upgrade". */
export function kindLabel(kind: string): string {
  return tOr(`settings.backups.kind.${kind}`, kind);
}

/** Why the backend keeps it (`BackupEntry.kept_as`): "Daily", "Monthly", "Manual", "Before upgrade". */
export function keptAsLabel(keptAs: string): string {
  return tOr(`settings.backups.keptAs.${keptAs}`, keptAs);
}

/** The retention rule in words: "the last 7 daily backups and one per month for 12 months". */
export function retentionText(list: Pick<BackupList, "keep_daily" | "keep_monthly">): string {
  return t("settings.backups.retention", {
    daily: t("settings.backups.lastDaily", { count: list.keep_daily }),
    months: t("settings.backups.months", { count: list.keep_monthly }),
  });
}

/** Why a backup is still kept, for its row's tooltip. */
export function keptAsTitle(keptAs: string, list: Pick<BackupList, "keep_daily" | "keep_monthly">): string {
  switch (keptAs) {
    case "daily":
      return t("settings.backups.keptAsTitle.daily", { count: list.keep_daily });
    case "monthly":
      return t("settings.backups.keptAsTitle.monthly", { months: t("settings.backups.months", { count: list.keep_monthly }) });
    case "manual":
      return t("settings.backups.keptAsTitle.manual");
    case "before_migration":
      return t("settings.backups.keptAsTitle.before_migration");
    default:
      return keptAs;
  }
}

/** A file size: "812 B", "48.2 KB", "3.4 MB", "1.2 GB" (1 KB = 1,024 bytes); German "48,2 KB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value < 100 ? formatNumber(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : formatNumber(Math.round(value));
  return `${shown} ${units[unit]}`;
}

/** The status line after Back up now: "Backup written: <path>, 1,234 events verified". */
export function writtenText(out: BackupOutput): string {
  return t("settings.backups.written", { path: out.path, events: t("settings.backups.events", { count: out.events }) });
}

/** The status line after a restore (shown once the app has reloaded). */
export function restoredText(name: string, out: BackupOutput): string {
  const restored = t("settings.backups.restored", { name, events: t("settings.backups.events", { count: out.events }) });
  return out.replaced_kept_at ? t("settings.backups.restoredKept", { restored, path: out.replaced_kept_at }) : restored;
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
