// Report files: the formats offered and the name the backend gives a month's report. Where a
// file goes is the backend's business (the export folder, or the save dialog it shows).
import type { ReportFormat } from "../bindings/ReportFormat";

export const FORMATS: ReadonlyArray<ReportFormat> = ["csv", "xlsx", "pdf"];

export const FORMAT_LABEL: Record<ReportFormat, string> = { csv: "CSV", xlsx: "XLSX", pdf: "PDF" };

/** `complaints-2026-10.csv`. */
export function reportFileName(month: string, format: ReportFormat): string {
  return `complaints-${month}.${format}`;
}
