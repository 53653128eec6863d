// Where report files go: the configured export folder when there is one (managed desktops,
// end-to-end tests), otherwise wherever the officer picks in the save dialog.
import type { ReportFormat } from "../bindings/ReportFormat";
import { chooseSavePath, type FileFilter } from "../ipc";

export const FORMATS: ReadonlyArray<ReportFormat> = ["csv", "xlsx", "pdf"];

export const FORMAT_LABEL: Record<ReportFormat, string> = { csv: "CSV", xlsx: "XLSX", pdf: "PDF" };

const FILTER: Record<ReportFormat, FileFilter> = {
  csv: { name: "CSV (comma-separated values)", extensions: ["csv"] },
  xlsx: { name: "Excel workbook", extensions: ["xlsx"] },
  pdf: { name: "PDF document", extensions: ["pdf"] },
};

export function formatFilter(format: ReportFormat): FileFilter {
  return FILTER[format];
}

/** `complaints-2026-10.csv`. */
export function reportFileName(month: string, format: ReportFormat): string {
  return `complaints-${month}.${format}`;
}

/** `complaints-2026-10-submitted-3.xlsx`: a file exactly as submission 3 sent it. */
export function submittedFileName(month: string, seq: number, format: ReportFormat): string {
  return `complaints-${month}-submitted-${seq}.${format}`;
}

/** `dir` + `name` with the folder's own separator (a backslash for a Windows path). */
export function joinPath(dir: string, name: string): string {
  const windows = /^[A-Za-z]:\\/.test(dir) || (dir.includes("\\") && !dir.includes("/"));
  const sep = windows ? "\\" : "/";
  const trimmed = dir.replace(/[\\/]+$/, "");
  // The root itself ("/" or "C:\") keeps its separator.
  return `${trimmed === "" && !windows ? "" : trimmed}${sep}${name}`;
}

export interface SaveRequest {
  /** The name offered, e.g. `complaints-2026-10.csv`. */
  fileName: string;
  format: ReportFormat;
  /** `AppInfo.export_dir`: save there without asking when set. */
  exportDir: string | null;
  /** Writes the file at the path (a command such as `export_report`). */
  write: (path: string) => Promise<unknown>;
  /** The dialog's title. */
  title?: string;
}

/**
 * Saves a report file. With an export folder the file goes straight to
 * `<export_dir>/<fileName>`; otherwise the save dialog asks where. Resolves to the path
 * written, or null when the officer cancelled the dialog (nothing is written then).
 * Rejects with an IpcError when the dialog or the write fails.
 */
export async function saveReportFile(req: SaveRequest): Promise<string | null> {
  const dir = req.exportDir?.trim() ?? "";
  const path = dir !== "" ? joinPath(dir, req.fileName) : await chooseSavePath(req.fileName, [formatFilter(req.format)], req.title);
  if (path === null) return null;
  await req.write(path);
  return path;
}
