// Where report files go: the configured export folder when there is one (managed desktops,
// end-to-end tests), otherwise wherever the officer picks in the save dialog.
import type { ReportFormat } from "../bindings/ReportFormat";
import type { FileFilter } from "../ipc";
import { saveFile } from "../shared/save";

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

export { joinPath } from "../shared/save";

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
 * Saves a report file: straight into the export folder when there is one, otherwise where the
 * save dialog says. Resolves to the path written, or null when the officer cancelled.
 */
export function saveReportFile(req: SaveRequest): Promise<string | null> {
  return saveFile({ fileName: req.fileName, filter: formatFilter(req.format), exportDir: req.exportDir, write: req.write, title: req.title });
}
