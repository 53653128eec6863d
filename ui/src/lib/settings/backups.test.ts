import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BackupList } from "../bindings/BackupList";
import { IpcError } from "../ipc";
import { BackupsStore, formatSize, keptAsLabel, kindLabel, RESTORED_KEY, restoredText, retentionText, writtenText } from "./backups.svelte";
import { backupList, backupOutput } from "./fixtures";

describe("backup wording", () => {
  it("says the retention rule with the backend's numbers", () => {
    expect(retentionText({ keep_daily: 7, keep_monthly: 12 })).toBe("the last 7 daily backups and one per month for 12 months");
    expect(retentionText({ keep_daily: 1, keep_monthly: 1 })).toBe("the last daily backup and one per month for 1 month");
  });

  it("shows sizes in KB and MB", () => {
    expect(formatSize(812)).toBe("812 B");
    expect(formatSize(49_357)).toBe("48.2 KB");
    expect(formatSize(512_000)).toBe("500 KB");
    expect(formatSize(2_516_582)).toBe("2.4 MB");
    expect(formatSize(3 * 1024 ** 3)).toBe("3.0 GB");
  });

  it("names kinds and retention, keeping an unknown value as the backend wrote it", () => {
    expect(kindLabel("daily")).toBe("Daily");
    expect(kindLabel("before_migration")).toBe("Before upgrade");
    expect(keptAsLabel("monthly")).toBe("Monthly");
    expect(keptAsLabel("weekly")).toBe("weekly");
  });

  it("says where a backup was written and how many events were verified", () => {
    expect(writtenText(backupOutput())).toBe("Backup written: /home/officer/.local/share/compliance-desk/backups/cdesk-2026-11-23T15-04-00Z-manual.sqlite3, 1,234 events verified");
    expect(restoredText("b.sqlite3", backupOutput({ events: 1, replaced_kept_at: "/data/cdesk-replaced.sqlite3" }))).toBe(
      "Restored b.sqlite3: 1 event verified. The database it replaced is kept at /data/cdesk-replaced.sqlite3.",
    );
  });
});

describe("backups store", () => {
  let calls: [string, unknown][];
  let list: BackupList;
  let answers: Record<string, () => unknown>;

  beforeEach(() => {
    calls = [];
    list = backupList();
    sessionStorage.clear();
    answers = {
      list_backups: () => list,
      back_up_now: () => {
        list = { ...list, backups: [{ name: "cdesk-2026-11-23T15-04-00Z-manual.sqlite3", kind: "manual", made_at: "2026-11-23T15:04:00Z", bytes: 2_520_000, kept_as: "manual" }, ...list.backups] };
        return backupOutput();
      },
      restore_backup: () => backupOutput({ path: "/b/cdesk-2026-11-01T07-30-00Z-daily.sqlite3", replaced_kept_at: "/data/cdesk-replaced-2026-11-23T15-10-00Z.sqlite3" }),
    };
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      const answer = answers[cmd];
      if (!answer) throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
      return answer();
    });
  });

  afterEach(() => clearMocks());

  it("reads the list", async () => {
    const store = new BackupsStore(vi.fn());
    await store.load();
    expect(store.list?.backups.map((b) => b.kept_as)).toEqual(["daily", "monthly", "before_migration"]);
    expect(store.failure).toBeNull();
    expect(calls).toEqual([["list_backups", {}]]);
  });

  it("backs up now, then reads the list again so the new backup shows", async () => {
    const store = new BackupsStore(vi.fn());
    await store.load();
    const pending = store.backUpNow();
    expect(store.backingUp).toBe(true);
    expect(await pending).toEqual(backupOutput());
    expect(store.backingUp).toBe(false);
    expect(store.written?.events).toBe(1234);
    expect(store.list?.backups[0].kind).toBe("manual");
    expect(calls.map(([c]) => c)).toEqual(["list_backups", "back_up_now", "list_backups"]);
  });

  it("keeps the backend's refusal of a backup", async () => {
    answers.back_up_now = () => {
      throw { code: "internal", message: "cannot write /mnt/backups/cdesk.sqlite3: no space left on device", field: null, rule: null };
    };
    const store = new BackupsStore(vi.fn());
    expect(await store.backUpNow()).toBeNull();
    expect(store.failure?.action).toBe("backup");
    expect(store.failure?.error).toBeInstanceOf(IpcError);
    expect(store.failure?.error.message).toBe("cannot write /mnt/backups/cdesk.sqlite3: no space left on device");
    expect(store.written).toBeNull();
    expect(store.backingUp).toBe(false);
  });

  it("takes a backup stopped by the officer as no failure", async () => {
    answers.back_up_now = () => {
      throw { code: "cancelled", message: "stopped as asked; nothing was written", field: null, rule: null };
    };
    const store = new BackupsStore(vi.fn());
    expect(await store.backUpNow()).toBeNull();
    expect(store.stopped).toBe(true);
    expect(store.failure).toBeNull();
    expect(store.written).toBeNull();
    expect(store.backingUp).toBe(false);
    answers.back_up_now = () => backupOutput();
    await store.backUpNow();
    expect(store.stopped).toBe(false);
  });

  it("restores by name and then reloads, leaving what to say after the reload", async () => {
    const reload = vi.fn();
    const store = new BackupsStore(reload);
    const out = await store.restore({ name: "cdesk-2026-11-01T07-30-00Z-daily.sqlite3" });
    expect(out?.replaced_kept_at).toBe("/data/cdesk-replaced-2026-11-23T15-10-00Z.sqlite3");
    expect(calls).toEqual([["restore_backup", { name: "cdesk-2026-11-01T07-30-00Z-daily.sqlite3" }]]);
    expect(reload).toHaveBeenCalledTimes(1);

    // The page after the reload: a fresh store says once what was restored.
    const after = new BackupsStore(vi.fn());
    await after.load();
    expect(after.restored?.name).toBe("cdesk-2026-11-01T07-30-00Z-daily.sqlite3");
    expect(after.restored?.output.replaced_kept_at).toBe("/data/cdesk-replaced-2026-11-23T15-10-00Z.sqlite3");
    expect(sessionStorage.getItem(RESTORED_KEY)).toBeNull();
    const again = new BackupsStore(vi.fn());
    await again.load();
    expect(again.restored).toBeNull();
  });

  it("does not reload when the restore is refused", async () => {
    answers.restore_backup = () => {
      throw { code: "invalid_input", message: "backup cdesk-x.sqlite3 does not verify: event #12 does not chain to #11", field: "name", rule: null };
    };
    const reload = vi.fn();
    const store = new BackupsStore(reload);
    expect(await store.restore({ name: "cdesk-x.sqlite3" })).toBeNull();
    expect(reload).not.toHaveBeenCalled();
    expect(store.restoring).toBeNull();
    expect(store.failure).toMatchObject({ action: "restore", error: { message: "backup cdesk-x.sqlite3 does not verify: event #12 does not chain to #11" } });
    expect(sessionStorage.getItem(RESTORED_KEY)).toBeNull();
  });

  it("keeps a refusal to list the backups", async () => {
    answers.list_backups = () => {
      throw { code: "internal", message: "cannot read the backups folder /mnt/backups: permission denied", field: null, rule: null };
    };
    const store = new BackupsStore(vi.fn());
    await store.load();
    expect(store.list).toBeNull();
    expect(store.failure).toMatchObject({ action: "list", error: { message: "cannot read the backups folder /mnt/backups: permission denied" } });
  });
});
