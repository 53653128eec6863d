import { clearMocks } from "@tauri-apps/api/mocks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { installDevMock } from "./devmock";
import {
  backUpNow,
  cancelOperation,
  exportReport,
  getComplaint,
  getSettings,
  importComplaints,
  IpcError,
  listBackups,
  listComplaints,
  operationProgress,
  playbookGuide,
  playbookSearch,
  recordReserveBalance,
  reportPreview,
  reserveView,
  restoreBackup,
  saveSubmittedFile,
  setDeadlinePolicy,
  trackComplaint,
  verifyAudit,
} from "./index";

// The sample backend of `npm run dev` answers the commands as the real one is called.
describe("development sample backend", () => {
  beforeAll(() => installDevMock({ longOperationMs: 1000 }));
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

  it("follows a long operation with its progress, refuses a second one meanwhile, and stops it on cancel", async () => {
    expect(await operationProgress()).toBeNull();
    expect(await cancelOperation()).toBe(false);

    const before = (await listBackups()).backups.length;
    const backup = backUpNow();
    const outcome = backup.then(
      () => "written",
      (e: unknown) => e,
    );
    await vi.waitFor(async () => expect((await operationProgress())?.progress.step).toBe("copying"));
    const running = await operationProgress();
    expect(running).toMatchObject({ operation: "backup", progress: { can_cancel: true, cancelled: false } });
    expect(running?.progress.total).toBeGreaterThan(0);
    await expect(verifyAudit()).rejects.toMatchObject({ code: "rule", rule: "operation_running", message: "A backup is still running; wait for it to finish or stop it first" });

    expect(await cancelOperation()).toBe(true);
    const err = await outcome;
    expect(err).toBeInstanceOf(IpcError);
    expect(err).toMatchObject({ code: "cancelled", message: "stopped as asked; nothing was written" });
    expect((await listBackups()).backups).toHaveLength(before);
    expect(await operationProgress()).toBeNull();

    // Run to the end, a verification reports what it checked.
    expect((await verifyAudit()).ok).toBe(true);
  });

  it("shows a reserve with an account to act on, a hold and a shortfall, and echoes a reading", async () => {
    const view = await reserveView();
    expect(view.status.reserve.length).toBeGreaterThan(0);
    expect(view.status.accounts[0].actions.map((a) => a.action)).toContain("transfer_funds");
    expect(view.status.holds.some((h) => h.releases_today)).toBe(true);
    expect(view.status.shortfall).toHaveLength(1);
    const before = view.history.length;
    const out = await recordReserveBalance({ account: view.liable_accounts[0].id, currency: "USD", available: -100, at: new Date(Date.now() - 60_000).toISOString() });
    expect(out.recorded).toBe(1);
    expect((await reserveView()).history).toHaveLength(before + 1);
    await expect(recordReserveBalance({ account: "acct_unknown", currency: "USD", available: -1, at: new Date().toISOString() })).rejects.toMatchObject({ code: "not_found" });
  });

  it("answers the playbook in the language asked, and finds paths by their words", async () => {
    const g = await playbookGuide({ topic: "card_ordering", issue_type: "physical_card_delayed", lang: "ja" });
    expect(g).toMatchObject({ lang: "ja", timers: ["reorder_card"] });
    expect(g.steps.length).toBeGreaterThan(0);
    const found = await playbookSearch({ query: "ReceivedDebit", lang: "en" });
    expect(found.map((x) => x.issue_type)).toEqual(["wrong_debit"]);
    await expect(playbookGuide({ topic: "nope", issue_type: null, lang: "en" })).rejects.toMatchObject({ field: "topic" });
  });

  it("sets one clock of the deadline policy, moving open executive complaints' deadlines, and refuses a clock the kind does not run", async () => {
    expect((await getSettings()).policy.executive).toEqual({ acknowledge: null, resolve: 15, notify_stripe: 1 });
    const out = await setDeadlinePolicy({ kind: "executive", clock: "resolve", business_days: 20 });
    expect(out.settings.policy.executive.resolve).toBe(20);
    expect((await getSettings()).policy.executive.resolve).toBe(20);
    expect(out.recomputed.length).toBeGreaterThan(0);
    expect(out.recomputed.every((r) => r.changes.every((c) => c.clock === "resolve"))).toBe(true);
    await expect(setDeadlinePolicy({ kind: "executive", clock: "acknowledge", business_days: 5 })).rejects.toMatchObject({ code: "invalid_input", field: "clock" });
    await expect(setDeadlinePolicy({ kind: "operational", clock: "notify_stripe", business_days: 5 })).rejects.toMatchObject({ field: "clock" });
    await expect(setDeadlinePolicy({ kind: "operational", clock: "resolve", business_days: 251 })).rejects.toMatchObject({ field: "business_days" });
    await expect(setDeadlinePolicy({ kind: "regulator", clock: "resolve", business_days: 5 })).rejects.toMatchObject({ field: "kind" });
    await setDeadlinePolicy({ kind: "executive", clock: "resolve", business_days: 15 });
  });

  it("tracks a fact on a complaint and shows the timer it starts", async () => {
    const page = await listComplaints({ status: "open", kind: null, product: null, due_this_week: false, search: null, limit: 1, offset: 0 });
    const id = page.items[0].id;
    const d = await getComplaint(id);
    const at = new Date(Math.max(Date.parse(d.received_at) + 60_000, Date.now() - 3_600_000)).toISOString();
    const after = await trackComplaint({ complaint_id: id, event: "ach_debit_received", at, shipping: null, merchant_category: null, note: null });
    expect(after.timers.map((t) => t.kind)).toContain("ach_return_window");
    expect(after.timeline[after.timeline.length - 1]?.action).toBe("tracked");
    await expect(trackComplaint({ complaint_id: id, event: "card_shipped", at, shipping: null, merchant_category: null, note: null })).rejects.toMatchObject({ field: "shipping" });
  });
});
