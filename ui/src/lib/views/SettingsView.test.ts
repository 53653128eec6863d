import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SettingsView as Settings } from "../bindings/SettingsView";
import { programView } from "../credit/fixtures";
import { programStore } from "../credit/program.svelte";
import { backupsStore } from "../settings/backups.svelte";
import { backupList, settingsView } from "../settings/fixtures";
import { settingsStore } from "../settings/settings.svelte";
import { language, LANGUAGE_KEY, setLanguage } from "../i18n";
import { teamConnectionStore } from "../team/connection.svelte";
import { localConnection } from "../team/fixtures";
import AppHeader from "./AppHeader.svelte";
import SettingsView from "./SettingsView.svelte";

function settings(timezone: string): Settings {
  const base = settingsView({ timezone });
  return { ...base, policy: { ...base.policy, timezone } };
}

describe("Settings view", () => {
  let calls: string[];
  /** The answer to `set_four_eyes`, given what it was asked. */
  let fourEyesAnswer: (on: boolean) => Settings;

  beforeEach(() => {
    calls = [];
    fourEyesAnswer = (on) => ({ ...settings("Asia/Tokyo"), four_eyes: on });
    mockIPC((cmd, args) => {
      calls.push(cmd);
      switch (cmd) {
        case "get_settings":
          return settings("Asia/Tokyo");
        case "set_deadline_policy": {
          const s = settings("Asia/Tokyo");
          const { business_days } = (args as { input: { business_days: number } }).input;
          return {
            recomputed: [{ complaint_id: "CMP-2026-00004", changes: [{ clock: "resolve", from: "2026-12-11", to: "2026-12-18" }] }],
            settings: { ...s, policy: { ...s.policy, executive: { ...s.policy.executive, resolve: business_days } } },
          };
        }
        case "set_four_eyes":
          return fourEyesAnswer((args as { input: { on: boolean } }).input.on);
        case "list_complaints":
        case "register_counts":
          throw { code: "internal", message: "the register is not on this page", field: null, rule: null };
        case "app_info":
          return { version: "1.4.0", database_path: "/data/desk.db", export_dir: "/srv/exports" };
        case "list_backups":
          return backupList();
        case "credit_program":
          return programView();
        case "team_connection":
          return localConnection();
        default:
          throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
      }
    });
  });

  afterEach(() => {
    clearMocks();
    settingsStore.settings = null;
    settingsStore.info = null;
    settingsStore.lastRecompute = null;
    backupsStore.list = null;
    programStore.view = null;
    teamConnectionStore.view = null;
    setLanguage("en");
    localStorage.clear();
  });

  it("opens at its top, not where the view before it was scrolled to", async () => {
    // The views share the app's scrolling <main>.
    const main = document.body.appendChild(document.createElement("main"));
    main.scrollTop = 1200;
    try {
      render(SettingsView, { target: main });
      expect(main.scrollTop).toBe(0);
      // Still at the top once the settings have loaded (scrolled meanwhile, as by scroll anchoring).
      main.scrollTop = 600;
      await screen.findByTestId("settings-timezone-current");
      await waitFor(() => expect(main.scrollTop).toBe(0));
    } finally {
      main.remove();
    }
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

  it("edits the deadline policy in place and lists the complaints whose deadlines moved", async () => {
    render(SettingsView);
    const field = (await screen.findByTestId("policy-executive-resolve")) as HTMLInputElement;
    expect(field.value).toBe("15");
    expect(screen.queryByText("Read-only")).toBeNull();
    await fireEvent.input(field, { target: { value: "20" } });
    await fireEvent.click(screen.getByTestId("policy-save-executive-resolve"));
    expect((await screen.findByTestId("policy-saved-executive-resolve")).textContent).toBe("Saved. 1 open complaint's deadlines moved.");
    const result = screen.getByTestId("recompute-result");
    expect(result.textContent).toContain("Executive complaints' Resolve clock set to 20 business days.");
    expect(within(result).getByTestId("recompute-CMP-2026-00004-resolve").textContent).toContain("2026-12-18");
  });

  it("turns four eyes on and off, saying what it applies to, and follows the backend's answer", async () => {
    render(SettingsView);
    const section = await screen.findByTestId("four-eyes-section");
    expect(section.textContent).toContain("Four eyes");
    expect(section.textContent).toContain(
      "Closures, limit decreases and reclassifying an executive complaint as operational take effect only once a second officer approves them.",
    );
    const toggle = within(section).getByTestId("settings-four-eyes") as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect(within(section).getByTestId("settings-four-eyes-state").textContent).toBe("Off");
    await fireEvent.click(toggle);
    await waitFor(() => expect(settingsStore.settings?.four_eyes).toBe(true));
    expect(toggle.checked).toBe(true);
    expect(within(section).getByTestId("settings-four-eyes-state").textContent).toBe("On");
    expect(calls.filter((c) => c === "set_four_eyes")).toHaveLength(1);

    // A refusal leaves the switch as the backend has it, and says why.
    fourEyesAnswer = () => {
      throw { code: "storage", message: "database is locked", field: null, rule: null };
    };
    await fireEvent.click(toggle);
    expect((await within(section).findByTestId("error-banner")).textContent).toContain("database is locked");
    expect(toggle.checked).toBe(true);
    expect(settingsStore.settings?.four_eyes).toBe(true);

    setLanguage("de");
    await waitFor(() => expect(section.textContent).toContain("Vier-Augen-Prinzip"));
    setLanguage("ja");
    await waitFor(() => expect(section.textContent).toContain("二者承認"));
  });

  it("has a Team database section saying where the app works, with the sign-in form", async () => {
    render(SettingsView);
    const section = await screen.findByTestId("team-section");
    expect(within(section).getByRole("heading", { level: 2 }).textContent).toBe("Team database");
    const status = await within(section).findByTestId("team-status");
    await waitFor(() => expect(status.textContent).toContain("Working on the local file /data/desk.db"));
    expect(within(section).getByTestId("team-host")).toBeTruthy();
    expect((within(section).getByTestId("team-port") as HTMLInputElement).value).toBe("5432");
    expect(within(section).getByTestId("team-connect").textContent).toContain("Sign in");
    expect(calls).toContain("team_connection");
  });

  it("has a Language section at the top that switches the whole interface at once and is remembered", async () => {
    render(AppHeader, { onhelp: () => {} });
    render(SettingsView);
    const section = screen.getByTestId("language-section");
    // Before the program, the time zone and every other panel.
    const view = screen.getByTestId("settings-view");
    expect(view.querySelector("section.panel")).toBe(section);
    const select = within(section).getByTestId("settings-language") as HTMLSelectElement;
    expect(select.value).toBe("en");
    expect([...select.options].map((o) => o.textContent)).toEqual(["English", "Deutsch", "日本語"]);
    const rows = await screen.findAllByTestId("backup-row");
    expect(rows[0].querySelector("td")?.textContent).toBe("2026-11-23 16:30 GMT+9");

    await fireEvent.change(select, { target: { value: "de" } });
    expect(language()).toBe("de");
    expect(localStorage.getItem(LANGUAGE_KEY)).toBe("de");
    expect(document.documentElement.lang).toBe("de");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Einstellungen");
    expect(within(section).getByRole("heading").textContent).toBe("Sprache");
    expect(screen.getByTestId("nav-settings").textContent).toBe("Einstellungen");
    expect(screen.getByTestId("nav-reports").textContent).toBe("Berichte");
    expect(screen.getByTestId("backup-now").textContent).toContain("Jetzt sichern");
    expect(screen.getAllByTestId("backup-row")[0].querySelector("td")?.textContent).toBe("23.11.2026, 16:30 GMT+9");
    expect(screen.getByTestId("policy-note").textContent).toBe(
      "Eine Änderung der Regelung berechnet die Fristen offener Beschwerden neu und wird im Prüfpfad festgehalten.",
    );

    await fireEvent.change(select, { target: { value: "ja" } });
    expect(localStorage.getItem(LANGUAGE_KEY)).toBe("ja");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("設定");
    expect(screen.getByTestId("nav-register").textContent).toBe("苦情一覧");
    expect(screen.getAllByTestId("backup-row")[0].querySelector("td")?.textContent).toBe("2026/11/23 16:30 JST");

    await fireEvent.change(select, { target: { value: "en" } });
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Settings");
    expect(screen.getByTestId("nav-register").textContent).toBe("Register");
    expect(localStorage.getItem(LANGUAGE_KEY)).toBe("en");
  });
});
