import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReportPreview } from "../bindings/ReportPreview";
import type { ReportStatus } from "../bindings/ReportStatus";
import type { SubmissionView } from "../bindings/SubmissionView";
import { reportState, ReportsStore } from "./reports.svelte";

function submission(seq: number, month = "2026-10"): SubmissionView {
  return { seq, month, submitted_at: "2026-11-03T15:12:00Z", submitted_by: "a.okafor", note: null, rows: 0, csv_sha256: "c", xlsx_sha256: "x", pdf_sha256: null };
}

function status(month: string, submissions: SubmissionView[] = [], changed = false): ReportStatus {
  return {
    month,
    submitted_at: submissions.length > 0 ? submissions[submissions.length - 1].submitted_at : null,
    changed_since_submission: changed,
    differences: { added: changed ? ["CMP-2026-00009"] : [], removed: [], removed_late: [], changed: [] },
    submissions,
  };
}

function preview(month: string, st: ReportStatus = status(month)): ReportPreview {
  const [year, m] = month.split("-").map(Number);
  return {
    report: {
      program: "Acme Cards",
      month: { year, month: m },
      timezone: "America/New_York",
      amends: null,
    version: 2,
      rows: [],
      summary: {
        total: 0, new: 0, carried_over: 0, resolved_in_month: 0, open_at_end: 0, overdue_at_end: 0,
        by_kind: [], by_product: [], by_topic: [], by_channel: [],
        acknowledged_in_time: { met: 0, decided: 0 }, resolved_in_time: { met: 0, decided: 0 }, stripe_notified_in_time: { met: 0, decided: 0 },
        median_business_days_to_resolve: null, compensation_totals: [], weekly_new: [],
      },
    },
    month_ended: true,
    status: st,
  };
}

describe("where a month stands", () => {
  it("is not submitted, submitted, or changed since submission", () => {
    expect(reportState(status("2026-10"))).toBe("not_submitted");
    expect(reportState(status("2026-10", [submission(1)]))).toBe("submitted");
    expect(reportState(status("2026-10", [submission(1)], true))).toBe("changed");
  });
});

describe("reports store", () => {
  let calls: [string, unknown][];
  let submitted: SubmissionView[];

  beforeEach(() => {
    calls = [];
    submitted = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      const month = (args as { input?: { month?: string } }).input?.month ?? "";
      if (cmd === "report_preview") return preview(month, status(month, submitted));
      if (cmd === "report_status") return status(month, submitted);
      if (cmd === "submit_report") {
        const s = submission(submitted.length + 1, month);
        submitted.push(s);
        return s;
      }
      throw { code: "internal", message: `unexpected ${cmd}`, field: null, rule: null };
    });
  });

  afterEach(() => clearMocks());

  it("reads the month afresh each time and keeps the last answer when months change quickly", async () => {
    const store = new ReportsStore();
    await store.open("2026-10");
    await store.open("2026-10");
    expect(calls).toEqual([
      ["report_preview", { input: { month: "2026-10" } }],
      ["report_preview", { input: { month: "2026-10" } }],
    ]);
    expect(store.standing).toBe("not_submitted");
    const a = store.open("2026-09");
    const b = store.open("2026-08");
    await Promise.all([a, b]);
    expect(store.preview?.status.month).toBe("2026-08");
    expect(store.stale).toBe(false);
  });

  it("submits with a trimmed note (blank is null) and reads the month again", async () => {
    const store = new ReportsStore();
    await store.open("2026-10");
    await store.submit("  Uploaded to the portal  ");
    await store.submit("   ");
    const sent = calls.filter(([c]) => c === "submit_report").map(([, a]) => a);
    expect(sent).toEqual([
      { input: { month: "2026-10", note: "Uploaded to the portal" } },
      { input: { month: "2026-10", note: null } },
    ]);
    expect(store.standing).toBe("submitted");
    expect(store.latest?.seq).toBe(2);
  });

  it("passes a refusal on as an IpcError", async () => {
    mockIPC((cmd) => {
      if (cmd === "report_preview") return { ...preview("2026-11"), month_ended: false };
      throw { code: "rule", message: "2026-11 has not ended yet in America/New_York; submit it from 2026-12-01", field: null, rule: "month_not_ended" };
    });
    const store = new ReportsStore();
    await store.open("2026-11");
    await expect(store.submit("")).rejects.toMatchObject({ name: "IpcError", rule: "month_not_ended" });
  });

  it("shows the load error and clears it on the next success", async () => {
    let fail = true;
    mockIPC(() => {
      if (fail) throw { code: "invalid_input", message: "\"2026-13\" is not a month", field: "month", rule: null };
      return preview("2026-10");
    });
    const store = new ReportsStore();
    await store.open("2026-10");
    expect(store.error?.field).toBe("month");
    fail = false;
    await store.reload();
    expect(store.error).toBeNull();
    expect(store.preview).not.toBeNull();
  });
});
