import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BackupList } from "../bindings/BackupList";
import Toaster from "../shared/Toaster.svelte";
import { toasts } from "../shared/toast.svelte";
import BackupsPanel from "./BackupsPanel.svelte";
import { BackupsStore } from "./backups.svelte";
import { backupList, backupOutput } from "./fixtures";

describe("Backups in Settings", () => {
  let calls: [string, unknown][];
  let list: BackupList;
  let answers: Record<string, () => unknown>;
  let reload: ReturnType<typeof vi.fn<() => void>>;
  let store: BackupsStore;

  beforeEach(async () => {
    calls = [];
    list = backupList();
    sessionStorage.clear();
    answers = {
      list_backups: () => list,
      back_up_now: () => {
        list = { ...list, backups: [{ name: "cdesk-2026-11-23T15-04-00Z-manual.sqlite3", kind: "manual", made_at: "2026-11-23T15:04:00Z", bytes: 2_520_000, kept_as: "manual" }, ...list.backups] };
        return backupOutput();
      },
      restore_backup: () => backupOutput({ replaced_kept_at: "/data/cdesk-replaced.sqlite3" }),
    };
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      const answer = answers[cmd];
      if (!answer) throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
      return answer();
    });
    reload = vi.fn<() => void>();
    store = new BackupsStore(reload);
    await store.load();
  });

  afterEach(() => {
    clearMocks();
    toasts.items = [];
  });

  const rows = () => within(screen.getByTestId("backup-list")).getAllByTestId("backup-row");

  it("explains the automatic backups with the backend's folder and numbers, and lists them in the program's zone", () => {
    render(BackupsPanel, { store, timezone: "America/New_York" });
    const policy = screen.getByTestId("backup-policy").textContent?.replace(/\s+/g, " ") ?? "";
    expect(policy).toContain("every day and before every upgrade of the file");
    expect(policy).toContain("into /home/officer/.local/share/compliance-desk/backups.");
    expect(policy).toContain("It keeps the last 7 daily backups and one per month for 12 months.");
    expect(rows().map((r) => [r.getAttribute("data-name"), r.getAttribute("data-kept-as")])).toEqual([
      ["cdesk-2026-11-23T07-30-00Z-daily.sqlite3", "daily"],
      ["cdesk-2026-11-01T07-30-00Z-daily.sqlite3", "monthly"],
      ["cdesk-2026-10-14T16-02-11Z-before_migration.sqlite3", "before_migration"],
    ]);
    const [first, second, third] = rows().map((r) => Array.from(r.querySelectorAll("td")).map((td) => td.textContent?.trim()));
    expect(first.slice(0, 4)).toEqual(["2026-11-23 02:30 EST", "Daily", "Daily", "2.4 MB"]);
    expect(second.slice(0, 4)).toEqual(["2026-11-01 02:30 EST", "Daily", "Monthly", "48.2 KB"]);
    expect(third.slice(0, 4)).toEqual(["2026-10-14 12:02 EDT", "Before upgrade", "Before upgrade", "812 B"]);
    expect(screen.queryByTestId("backup-status")).toBeNull();
  });

  it("shows when a backup was made in the program's time zone, whatever it is", () => {
    render(BackupsPanel, { store, timezone: "Europe/Berlin" });
    expect(rows()[0].querySelector("td")?.textContent).toBe("2026-11-23 08:30 GMT+1");
  });

  it("backs up now: busy, then the status line and the new backup in the list", async () => {
    let finish: () => void = () => {};
    const made = answers.back_up_now;
    answers.back_up_now = () => new Promise((resolve) => (finish = () => resolve(made())));
    render(BackupsPanel, { store, timezone: "America/New_York" });
    const button = screen.getByTestId("backup-now") as HTMLButtonElement;
    await fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute("aria-busy")).toBe("true"));
    expect(button.disabled).toBe(true);
    finish();
    const status = await screen.findByTestId("backup-status");
    expect(status.textContent?.trim()).toBe("Backup written: /home/officer/.local/share/compliance-desk/backups/cdesk-2026-11-23T15-04-00Z-manual.sqlite3, 1,234 events verified");
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(rows()[0].getAttribute("data-kept-as")).toBe("manual");
    expect(rows()[0].textContent).toContain("Manual");
    expect(button.disabled).toBe(false);
  });

  it("shows the backend's refusal of a backup and no status line", async () => {
    answers.back_up_now = () => {
      throw { code: "internal", message: "cannot write /mnt/backups: no space left on device", field: null, rule: null };
    };
    render(BackupsPanel, { store, timezone: "America/New_York" });
    await fireEvent.click(screen.getByTestId("backup-now"));
    const banner = await screen.findByTestId("backup-error");
    expect(banner.textContent).toContain("The backup could not be made.");
    expect(banner.textContent).toContain("cannot write /mnt/backups: no space left on device");
    expect(screen.queryByTestId("backup-status")).toBeNull();
    await fireEvent.click(screen.getByTestId("backup-error-dismiss"));
    expect(screen.queryByTestId("backup-error")).toBeNull();
  });

  it("says neutrally that a stopped backup wrote nothing, with no error banner and no status line", async () => {
    answers.back_up_now = () => {
      throw { code: "cancelled", message: "stopped as asked; nothing was written", field: null, rule: null };
    };
    render(BackupsPanel, { store, timezone: "America/New_York" });
    render(Toaster);
    await fireEvent.click(screen.getByTestId("backup-now"));
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toContain("Stopped; nothing was written.");
    expect(toast.getAttribute("role")).toBe("status");
    expect(screen.queryByTestId("backup-error")).toBeNull();
    expect(screen.queryByTestId("backup-status")).toBeNull();
    expect(rows()).toHaveLength(3);
    expect((screen.getByTestId("backup-now") as HTMLButtonElement).disabled).toBe(false);
  });

  it("asks before restoring, saying what happens, and cancelling restores nothing", async () => {
    render(BackupsPanel, { store, timezone: "America/New_York" });
    await fireEvent.click(within(rows()[1]).getByTestId("backup-restore"));
    const dialog = await screen.findByTestId("dialog-restore-backup");
    const text = dialog.textContent?.replace(/\s+/g, " ") ?? "";
    expect(text).toContain("The backup made 2026-11-01 02:30 EST (cdesk-2026-11-01T07-30-00Z-daily.sqlite3)");
    expect(text).toContain("The current database is kept aside");
    expect(text).toContain("The backup is verified, then put in its place.");
    expect(text).toContain("Anything recorded after 2026-11-01 02:30 EST is no longer in the register; it stays in the kept-aside file.");
    await fireEvent.click(within(dialog).getByTestId("dialog-cancel"));
    expect(screen.queryByTestId("dialog-restore-backup")).toBeNull();
    expect(calls.some(([c]) => c === "restore_backup")).toBe(false);
    expect(reload).not.toHaveBeenCalled();
  });

  it("restores the row's backup on confirmation and reloads the app", async () => {
    render(BackupsPanel, { store, timezone: "America/New_York" });
    await fireEvent.click(within(rows()[1]).getByTestId("backup-restore"));
    await fireEvent.click(await screen.findByTestId("backup-restore-confirm"));
    await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(calls.filter(([c]) => c === "restore_backup")).toEqual([["restore_backup", { name: "cdesk-2026-11-01T07-30-00Z-daily.sqlite3" }]]);
  });

  it("says after the reload what was restored and where the replaced database is kept", async () => {
    render(BackupsPanel, { store, timezone: "America/New_York" });
    await fireEvent.click(within(rows()[0]).getByTestId("backup-restore"));
    await fireEvent.click(await screen.findByTestId("backup-restore-confirm"));
    await waitFor(() => expect(reload).toHaveBeenCalled());
    const after = new BackupsStore(vi.fn());
    await after.load();
    const { container } = render(BackupsPanel, { store: after, timezone: "America/New_York" });
    const status = within(container).getByTestId("backup-status");
    expect(status.getAttribute("data-action")).toBe("restore");
    expect(status.textContent).toContain("Restored cdesk-2026-11-23T07-30-00Z-daily.sqlite3: 1,234 events verified.");
    expect(status.textContent).toContain("The database it replaced is kept at /data/cdesk-replaced.sqlite3.");
  });

  it("keeps the dialog open with the backend's refusal when the restore is refused, and does not reload", async () => {
    answers.restore_backup = () => {
      throw { code: "invalid_input", message: "backup cdesk-2026-11-01T07-30-00Z-daily.sqlite3 does not verify: event #12 does not chain to #11", field: "name", rule: null };
    };
    render(BackupsPanel, { store, timezone: "America/New_York" });
    await fireEvent.click(within(rows()[1]).getByTestId("backup-restore"));
    await fireEvent.click(await screen.findByTestId("backup-restore-confirm"));
    const dialog = screen.getByTestId("dialog-restore-backup");
    const banner = await within(dialog).findByTestId("backup-error");
    expect(banner.textContent).toContain("does not verify: event #12 does not chain to #11");
    expect(screen.getAllByTestId("backup-error")).toHaveLength(1);
    expect(reload).not.toHaveBeenCalled();
    await fireEvent.click(within(dialog).getByTestId("dialog-cancel"));
    expect(screen.queryByTestId("backup-error")).toBeNull();
  });

  it("says so when there are no backups yet", async () => {
    list = backupList({ backups: [] });
    await store.load();
    render(BackupsPanel, { store, timezone: "America/New_York" });
    expect(screen.getByTestId("backup-empty").textContent).toContain("No backups in the folder yet.");
    expect(screen.queryByTestId("backup-list")).toBeNull();
  });
});
