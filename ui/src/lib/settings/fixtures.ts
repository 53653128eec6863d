// Settings and backup data for tests.
import type { BackupList } from "../bindings/BackupList";
import type { BackupOutput } from "../bindings/BackupOutput";
import type { SettingsView } from "../bindings/SettingsView";

/** The desk's settings (`get_settings`): the Kite Card Program in New York, a.okafor on the local file, four eyes off. */
export function settingsView(patch: Partial<SettingsView> = {}): SettingsView {
  return {
    program_name: "Kite Card Program",
    timezone: "America/New_York",
    closures: [],
    policy: {
      name: "Stripe Issuing and Treasury (US)",
      timezone: "America/New_York",
      operational: { acknowledge: 5, resolve: 15, notify_stripe: null },
      executive: { acknowledge: null, resolve: 15, notify_stripe: 1 },
      late_entry_business_days: 5,
    },
    calendar_name: "US Federal Reserve",
    actor: "a.okafor",
    database_path: "/data/desk.db",
    four_eyes: false,
    ...patch,
  };
}

export function backupList(patch: Partial<BackupList> = {}): BackupList {
  return {
    folder: "/home/officer/.local/share/compliance-desk/backups",
    keep_daily: 7,
    keep_monthly: 12,
    backups: [
      { name: "cdesk-2026-11-23T07-30-00Z-daily.sqlite3", kind: "daily", made_at: "2026-11-23T07:30:00Z", bytes: 2_516_582, kept_as: "daily" },
      { name: "cdesk-2026-11-01T07-30-00Z-daily.sqlite3", kind: "daily", made_at: "2026-11-01T07:30:00Z", bytes: 49_357, kept_as: "monthly" },
      { name: "cdesk-2026-10-14T16-02-11Z-before_migration.sqlite3", kind: "before_migration", made_at: "2026-10-14T16:02:11Z", bytes: 812, kept_as: "before_migration" },
    ],
    ...patch,
  };
}

export function backupOutput(patch: Partial<BackupOutput> = {}): BackupOutput {
  return { path: "/home/officer/.local/share/compliance-desk/backups/cdesk-2026-11-23T15-04-00Z-manual.sqlite3", events: 1234, bytes: 2_520_000, sha256: "c".repeat(64), replaced_kept_at: null, ...patch };
}
