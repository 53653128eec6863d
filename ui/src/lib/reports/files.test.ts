import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { SubmissionView } from "../bindings/SubmissionView";
import { IpcError } from "../ipc";
import { reportFileName } from "./files";
import { ReportsStore } from "./reports.svelte";

describe("report file names", () => {
  it("offers complaints-YYYY-MM.<ext>", () => {
    expect(reportFileName("2026-10", "csv")).toBe("complaints-2026-10.csv");
    expect(reportFileName("2026-10", "xlsx")).toBe("complaints-2026-10.xlsx");
    expect(reportFileName("2027-01", "pdf")).toBe("complaints-2027-01.pdf");
  });
});

describe("saving a report file", () => {
  let calls: [string, unknown][];
  /** What the backend answers `export_report` / `save_submitted_file` with: the path, or null when the dialog was cancelled. */
  let answer: () => unknown;

  const submission: SubmissionView = {
    seq: 3,
    month: "2026-09",
    submitted_at: "2026-10-02T18:40:00Z",
    submitted_by: "a.okafor",
    note: null,
    rows: 51,
    csv_sha256: "a".repeat(64),
    xlsx_sha256: "b".repeat(64),
    pdf_sha256: null,
  };

  beforeEach(() => {
    calls = [];
    answer = () => null;
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "export_report" || cmd === "save_submitted_file") return answer();
      throw { code: "internal", message: `unexpected ${cmd}`, field: null, rule: null };
    });
  });

  afterEach(() => clearMocks());

  it("asks the backend for the month and format only, and gives back the path it wrote", async () => {
    answer = () => "/srv/exports/complaints-2026-10.csv";
    const store = new ReportsStore();
    store.month = "2026-10";
    expect(await store.exportReport("csv")).toBe("/srv/exports/complaints-2026-10.csv");
    // No path and no export folder from the webview: the backend decides where the file goes.
    expect(calls).toEqual([["export_report", { input: { month: "2026-10", format: "csv" } }]]);
    expect(store.busy).toBeNull();
  });

  it("resolves to null when the officer cancelled the save dialog", async () => {
    answer = () => null;
    const store = new ReportsStore();
    store.month = "2026-10";
    expect(await store.exportReport("pdf")).toBeNull();
    expect(calls).toEqual([["export_report", { input: { month: "2026-10", format: "pdf" } }]]);
    expect(store.busy).toBeNull();
  });

  it("stays busy with the format while the backend's dialog is open and ignores another export meanwhile", async () => {
    let finish: (path: string | null) => void = () => {};
    answer = () => new Promise((resolve) => (finish = resolve));
    const store = new ReportsStore();
    store.month = "2026-10";
    const first = store.exportReport("xlsx");
    expect(store.busy).toBe("xlsx");
    expect(await store.exportReport("pdf")).toBeNull();
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    finish("/home/officer/Reports/october.xlsx");
    expect(await first).toBe("/home/officer/Reports/october.xlsx");
    expect(store.busy).toBeNull();
    expect(calls.map(([c, a]) => [c, (a as { input: { format: string } }).input.format])).toEqual([["export_report", "xlsx"]]);
  });

  it("saves a submitted file by its sequence number and format", async () => {
    answer = () => "C:\\Exports\\complaints-2026-09-submitted-3.xlsx";
    const store = new ReportsStore();
    expect(await store.saveSubmitted(submission, "xlsx")).toBe("C:\\Exports\\complaints-2026-09-submitted-3.xlsx");
    expect(calls).toEqual([["save_submitted_file", { seq: 3, format: "xlsx" }]]);
    expect(store.busy).toBeNull();
  });

  it("resolves a cancelled save of a submitted file to null", async () => {
    answer = () => null;
    const store = new ReportsStore();
    expect(await store.saveSubmitted(submission, "csv")).toBeNull();
    expect(store.busy).toBeNull();
  });

  it("rejects with the backend's IpcError when the file cannot be written, and is no longer busy", async () => {
    answer = () => {
      throw { code: "invalid_input", message: "cannot write /read-only/complaints-2026-10.csv: permission denied", field: "out", rule: null };
    };
    const store = new ReportsStore();
    store.month = "2026-10";
    const err = await store.exportReport("csv").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect(err).toMatchObject({ code: "invalid_input", field: "out", message: "cannot write /read-only/complaints-2026-10.csv: permission denied", command: "export_report" });
    expect(store.busy).toBeNull();
  });
});
