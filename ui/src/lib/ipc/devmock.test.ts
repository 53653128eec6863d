import { clearMocks } from "@tauri-apps/api/mocks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDevMock } from "./devmock";
import { backUpNow, exportReport, importComplaints, IpcError, listBackups, reportPreview, restoreBackup, saveSubmittedFile } from "./index";

// The sample backend of `npm run dev` answers the commands as the real one is called.
describe("development sample backend", () => {
  beforeAll(() => installDevMock());
  afterAll(() => clearMocks());

  it("answers a save with the path it pretends to have written", async () => {
    expect(await exportReport({ month: "2026-10", format: "csv" })).toBe("~/Documents/complaints-2026-10.csv");
  });

  it("saves a submitted file under the submission's month", async () => {
    // The sample data submits two of the last few months.
    const now = new Date();
    const months = [1, 2, 3, 4].map((back) => {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
      return d.toISOString().slice(0, 7);
    });
    const previews = await Promise.all(months.map((month) => reportPreview({ month })));
    const submission = previews.flatMap((p) => p.status.submissions)[0];
    expect(submission).toBeDefined();
    expect(await saveSubmittedFile(submission.seq, "xlsx")).toBe(`~/Documents/complaints-${submission.month}-submitted-${submission.seq}.xlsx`);
  });

  it("says plainly that importing is not available in the browser preview", async () => {
    const err = await importComplaints().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect((err as IpcError).message).toMatch(/not available in the browser preview/);
  });

  it("lists backups newest first, adds one with Back up now and restores one by name", async () => {
    const before = await listBackups();
    expect(before.keep_daily).toBeGreaterThan(0);
    expect(before.backups.length).toBeGreaterThan(0);
    const times = before.backups.map((b) => b.made_at);
    expect([...times].sort().reverse()).toEqual(times);
    const out = await backUpNow();
    const after = await listBackups();
    expect(after.backups).toHaveLength(before.backups.length + 1);
    expect(after.backups[0]).toMatchObject({ kind: "manual", kept_as: "manual" });
    expect(out.path.endsWith(after.backups[0].name)).toBe(true);
    const restored = await restoreBackup(after.backups[1].name);
    expect(restored.replaced_kept_at).not.toBeNull();
    await expect(restoreBackup("no-such-backup.sqlite3")).rejects.toMatchObject({ code: "not_found" });
  });
});
