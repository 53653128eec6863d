// Program settings: the time zone, closure days and deadline policy that deadlines are computed with.
// The settings read last also give the whole UI the program's time zone (`shared/zone.svelte.ts`).
import type { AppInfo } from "../bindings/AppInfo";
import type { AuditReport } from "../bindings/AuditReport";
import type { AddClosureInput } from "../bindings/AddClosureInput";
import type { Clock } from "../bindings/Clock";
import type { ComplaintKind } from "../bindings/ComplaintKind";
import type { RecomputedComplaint } from "../bindings/RecomputedComplaint";
import type { RecomputeOutput } from "../bindings/RecomputeOutput";
import type { SetDeadlinePolicyInput } from "../bindings/SetDeadlinePolicyInput";
import type { SettingsView } from "../bindings/SettingsView";
import { t } from "../i18n/translate";
import {
  addClosure,
  appInfo,
  getSettings,
  IpcError,
  removeClosure,
  setDeadlinePolicy,
  setFourEyes,
  setProgramName,
  setTimezone,
  toIpcError,
  verifyAudit,
} from "../ipc";
import { formatDate } from "../shared/datetime";
import { setProgramTimeZone } from "../shared/zone.svelte";
import { policyChangeText } from "./policy";

/** Zones offered first; any IANA name can be typed. */
export const COMMON_TIMEZONES: ReadonlyArray<string> = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
  "America/Puerto_Rico",
  "America/Toronto",
  "Europe/London",
  "Europe/Dublin",
  "Europe/Berlin",
  "Europe/Paris",
  "Europe/Amsterdam",
  "Asia/Tokyo",
  "Asia/Singapore",
  "Australia/Sydney",
  "UTC",
];

export interface RecomputeResult {
  /** What was changed, e.g. "Time zone set to Europe/Berlin", in the interface language now. */
  what: () => string;
  recomputed: RecomputedComplaint[];
}

/** "3 open complaints had deadlines recomputed", "1 open complaint had…", "No open complaint…". */
export function recomputeSummary(count: number): string {
  return t("settings.recompute.summary", { count });
}

export class SettingsStore {
  #settings = $state<SettingsView | null>(null);

  /** The settings as the backend last gave them; setting them also sets the program's time zone. */
  get settings(): SettingsView | null {
    return this.#settings;
  }

  set settings(value: SettingsView | null) {
    this.#settings = value;
    setProgramTimeZone(value?.timezone ?? null);
  }

  info = $state<AppInfo | null>(null);
  error = $state<IpcError | null>(null);
  loading = $state(false);
  lastRecompute = $state<RecomputeResult | null>(null);
  audit = $state<AuditReport | null>(null);
  auditError = $state<IpcError | null>(null);
  auditBusy = $state(false);
  /** The last verification was stopped by the officer: no result, and nothing failed. */
  auditStopped = $state(false);

  /** Reads the settings once (for the program's time zone), unless they are read or being read. */
  ensure(): void {
    if (!this.settings && !this.loading) void this.load();
  }

  async load(): Promise<void> {
    this.loading = true;
    try {
      const [settings, info] = await Promise.all([getSettings(), appInfo()]);
      this.settings = settings;
      this.info = info;
      this.error = null;
    } catch (e) {
      this.error = toIpcError(e);
    } finally {
      this.loading = false;
    }
  }

  #apply(what: () => string, output: RecomputeOutput): RecomputeResult {
    this.settings = output.settings;
    const result = { what, recomputed: output.recomputed };
    this.lastRecompute = result;
    return result;
  }

  /** Throws an IpcError when refused (field `timezone`). */
  async setTimezone(timezone: string): Promise<RecomputeResult> {
    const tz = timezone.trim();
    return this.#apply(() => t("settings.timezone.set", { zone: tz }), await setTimezone({ timezone: tz }));
  }

  /**
   * Sets one clock of the deadline policy; the settings shown become the backend's answer.
   * Throws an IpcError when refused (fields `kind`, `clock`, `business_days`).
   */
  async setDeadlinePolicy(input: SetDeadlinePolicyInput): Promise<RecomputeResult> {
    const output = await setDeadlinePolicy(input);
    return this.#apply(() => policyChangeText(input.kind as ComplaintKind, input.clock as Clock, input.business_days), output);
  }

  /** Throws an IpcError when refused (field `name`). Deadlines do not depend on the name. */
  async setProgramName(name: string): Promise<void> {
    this.settings = await setProgramName({ name: name.trim() });
  }

  /** Turns four eyes on or off (audited by the backend). Throws an IpcError when refused. */
  async setFourEyes(on: boolean): Promise<void> {
    this.settings = await setFourEyes({ on });
  }

  /** Throws an IpcError when refused (fields `date`, `name`). */
  async addClosure(closure: AddClosureInput): Promise<RecomputeResult> {
    const c = { date: closure.date, name: closure.name.trim() };
    return this.#apply(() => t("settings.closures.added", { date: formatDate(c.date), name: c.name }), await addClosure(c));
  }

  async removeClosure(date: string): Promise<RecomputeResult> {
    return this.#apply(() => t("settings.closures.removed", { date: formatDate(date) }), await removeClosure({ date }));
  }

  /** Verifies the file; a stop from the progress bar leaves no result and no error (`auditStopped`). */
  async verifyAudit(): Promise<void> {
    this.auditBusy = true;
    this.auditStopped = false;
    try {
      this.audit = await verifyAudit();
      this.auditError = null;
    } catch (e) {
      const error = toIpcError(e);
      this.audit = null;
      this.auditError = error.isCancelled ? null : error;
      this.auditStopped = error.isCancelled;
    } finally {
      this.auditBusy = false;
    }
  }
}

export const settingsStore = new SettingsStore();
