import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The native save dialog: what the officer "picks" is set per test.
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn() }));
import { save } from "@tauri-apps/plugin-dialog";

import type { SubmissionView } from "../bindings/SubmissionView";
import { IpcError } from "../ipc";
import { joinPath, reportFileName, saveReportFile, submittedFileName } from "./files";
import { ReportsStore } from "./reports.svelte";

const dialog = vi.mocked(save);

describe("report file names", () => {
  it("offers complaints-YYYY-MM.<ext>", () => {
    expect(reportFileName("2026-10", "csv")).toBe("complaints-2026-10.csv");
    expect(reportFileName("2026-10", "xlsx")).toBe("complaints-2026-10.xlsx");
    expect(reportFileName("2027-01", "pdf")).toBe("complaints-2027-01.pdf");
    expect(submittedFileName("2026-10", 3, "xlsx")).toBe("complaints-2026-10-submitted-3.xlsx");
  });

  it("joins the export folder with its own separator", () => {
    expect(joinPath("/srv/exports", "complaints-2026-10.csv")).toBe("/srv/exports/complaints-2026-10.csv");
    expect(joinPath("/srv/exports/", "a.csv")).toBe("/srv/exports/a.csv");
    expect(joinPath("C:\\Exports\\", "a.csv")).toBe("C:\\Exports\\a.csv");
    expect(joinPath("D:\\", "a.csv")).toBe("D:\\a.csv");
    expect(joinPath("/", "a.csv")).toBe("/a.csv");
  });
});

describe("saving a report file", () => {
  let calls: [string, unknown][];
  let exportDir: string | null;

  beforeEach(() => {
    calls = [];
    exportDir = null;
    dialog.mockReset();
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "app_info") return { version: "1.0.0", database_path: "cdesk.sqlite3", export_dir: exportDir };
      if (cmd === "export_report" || cmd === "save_submitted_file") return null;
      throw { code: "internal", message: `unexpected ${cmd}`, field: null, rule: null };
    });
  });

  afterEach(() => clearMocks());

  it("writes straight into the export folder without a dialog", async () => {
    exportDir = "/srv/exports";
    const store = new ReportsStore();
    store.month = "2026-10";
    const path = await store.exportReport("csv");
    expect(path).toBe("/srv/exports/complaints-2026-10.csv");
    expect(dialog).not.toHaveBeenCalled();
    expect(calls).toEqual([
      ["app_info", {}],
      ["export_report", { input: { month: "2026-10", format: "csv" }, path: "/srv/exports/complaints-2026-10.csv" }],
    ]);
  });

  it("asks where to save with the default name and a filter when there is no export folder", async () => {
    dialog.mockResolvedValue("/home/officer/Reports/october.xlsx");
    const store = new ReportsStore();
    store.month = "2026-10";
    const path = await store.exportReport("xlsx");
    expect(path).toBe("/home/officer/Reports/october.xlsx");
    expect(dialog).toHaveBeenCalledTimes(1);
    expect(dialog.mock.calls[0][0]).toMatchObject({
      defaultPath: "complaints-2026-10.xlsx",
      filters: [{ name: "Excel workbook", extensions: ["xlsx"] }],
    });
    expect(calls[calls.length - 1]).toEqual([
      "export_report",
      { input: { month: "2026-10", format: "xlsx" }, path: "/home/officer/Reports/october.xlsx" },
    ]);
  });

  it("does nothing when the dialog is cancelled", async () => {
    dialog.mockResolvedValue(null);
    const store = new ReportsStore();
    store.month = "2026-10";
    expect(await store.exportReport("pdf")).toBeNull();
    expect(calls.map(([c]) => c)).toEqual(["app_info"]);
    expect(store.busy).toBeNull();
  });

  it("asks the backend for the export folder once", async () => {
    exportDir = "/srv/exports";
    const store = new ReportsStore();
    store.month = "2026-10";
    await store.exportReport("csv");
    await store.exportReport("pdf");
    expect(calls.filter(([c]) => c === "app_info")).toHaveLength(1);
  });

  it("saves a submitted file exactly as sent under its own name", async () => {
    exportDir = "C:\\Exports";
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
    const store = new ReportsStore();
    expect(await store.saveSubmitted(submission, "xlsx")).toBe("C:\\Exports\\complaints-2026-09-submitted-3.xlsx");
    expect(calls[calls.length - 1]).toEqual([
      "save_submitted_file",
      { seq: 3, format: "xlsx", path: "C:\\Exports\\complaints-2026-09-submitted-3.xlsx" },
    ]);
  });

  it("rejects with an IpcError when writing is refused", async () => {
    dialog.mockResolvedValue("/read-only/complaints-2026-10.csv");
    mockIPC((cmd) => {
      if (cmd === "app_info") return { version: "1.0.0", database_path: "x", export_dir: null };
      throw { code: "invalid_input", message: "cannot write /read-only/complaints-2026-10.csv: permission denied", field: "out", rule: null };
    });
    const err = await saveReportFile({
      fileName: "complaints-2026-10.csv",
      format: "csv",
      exportDir: null,
      write: (path) => import("../ipc").then((m) => m.exportReport({ month: "2026-10", format: "csv" }, path)),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect(err).toMatchObject({ code: "invalid_input", field: "out" });
  });

  it("turns a failing dialog into an IpcError", async () => {
    dialog.mockRejectedValue("dialog plugin not initialised");
    const err = await saveReportFile({ fileName: "a.csv", format: "csv", exportDir: null, write: async () => null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect(err).toMatchObject({ code: "internal", message: "dialog plugin not initialised" });
  });
});
