import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SettingsView as Settings } from "../bindings/SettingsView";
import { programView } from "../credit/fixtures";
import { programStore } from "../credit/program.svelte";
import { backupsStore } from "../settings/backups.svelte";
import { backupList } from "../settings/fixtures";
import { settingsStore } from "../settings/settings.svelte";
import SettingsView from "./SettingsView.svelte";

function settings(timezone: string): Settings {
  return {
    program_name: "Kite Card Program",
    timezone,
    closures: [],
    policy: {
      name: "Stripe Issuing and Treasury (US)",
      timezone,
      operational: { acknowledge: 5, resolve: 15, notify_stripe: null },
      executive: { acknowledge: null, resolve: null, notify_stripe: 1 },
      late_entry_business_days: 5,
    },
    calendar_name: "US Federal Reserve",
    actor: "a.okafor",
    database_path: "/data/desk.db",
  };
}

describe("Settings view", () => {
  let calls: string[];

  beforeEach(() => {
    calls = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      switch (cmd) {
        case "get_settings":
          return settings("Asia/Tokyo");
        case "app_info":
          return { version: "1.4.0", database_path: "/data/desk.db", export_dir: "/srv/exports" };
        case "list_backups":
          return backupList();
        case "credit_program":
          return programView();
        default:
          throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
      }
    });
  });

  afterEach(() => {
    clearMocks();
    settingsStore.settings = null;
    settingsStore.info = null;
    backupsStore.list = null;
    programStore.view = null;
  });

  it("has a Backups section listing the backups in the program's time zone, and still shows the export folder", async () => {
    render(SettingsView);
    const section = await screen.findByTestId("backups-section");
    const rows = await within(section).findAllByTestId("backup-row");
    expect(rows).toHaveLength(3);
    expect(rows[0].querySelector("td")?.textContent).toBe("2026-11-23 16:30 GMT+9");
    expect(within(section).getByTestId("backup-now").textContent).toContain("Back up now");
    expect(calls).toContain("list_backups");
    expect(screen.getByTestId("settings-export-dir").textContent).toBe("/srv/exports");
  });
});
