// The only module that talks to the Rust side. One typed function per Tauri command.
import { invoke } from "@tauri-apps/api/core";

import type { AppInfo } from "../bindings/AppInfo";
import type { AuditReport } from "../bindings/AuditReport";
import type { ImportOutput } from "../bindings/ImportOutput";
import type { AddClosureInput } from "../bindings/AddClosureInput";
import type { ComplaintDetail } from "../bindings/ComplaintDetail";
import type { ComplaintPage } from "../bindings/ComplaintPage";
import type { ExportReportInput } from "../bindings/ExportReportInput";
import type { ListComplaintsInput } from "../bindings/ListComplaintsInput";
import type { LogComplaintInput } from "../bindings/LogComplaintInput";
import type { RecomputeOutput } from "../bindings/RecomputeOutput";
import type { RecordStepInput } from "../bindings/RecordStepInput";
import type { RegisterCounts } from "../bindings/RegisterCounts";
import type { RemoveClosureInput } from "../bindings/RemoveClosureInput";
import type { ReportFormat } from "../bindings/ReportFormat";
import type { ReportInput } from "../bindings/ReportInput";
import type { ReportPreview } from "../bindings/ReportPreview";
import type { ReportStatus } from "../bindings/ReportStatus";
import type { SetTimezoneInput } from "../bindings/SetTimezoneInput";
import type { SettingsView } from "../bindings/SettingsView";
import type { SubmissionView } from "../bindings/SubmissionView";
import type { SubmitReportInput } from "../bindings/SubmitReportInput";
import type { Taxonomy } from "../bindings/Taxonomy";
import { IpcError, toIpcError } from "./error";

export const NO_BACKEND_MESSAGE =
  "The Compliance Desk backend is not reachable: this page is not running inside the desktop app.";

/** True when the Tauri bridge is there to carry commands. */
export function bridgeAvailable(): boolean {
  if (typeof window === "undefined") return false;
  const internals = (window as unknown as { __TAURI_INTERNALS__?: { invoke?: unknown } }).__TAURI_INTERNALS__;
  return typeof internals?.invoke === "function";
}

/** A rejection for when there is no bridge: the same shape as the backend's refusals. */
export function noBackend(command: string): IpcError {
  return new IpcError({ code: "internal", message: NO_BACKEND_MESSAGE, field: null, rule: null }, command);
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  if (!bridgeAvailable()) throw noBackend(command);
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toIpcError(reason, command);
  }
}

export function logComplaint(input: LogComplaintInput): Promise<ComplaintDetail> {
  return call("log_complaint", { input });
}

export function getComplaint(id: string): Promise<ComplaintDetail> {
  return call("get_complaint", { id });
}

export function listComplaints(input: ListComplaintsInput): Promise<ComplaintPage> {
  return call("list_complaints", { input });
}

export function registerCounts(): Promise<RegisterCounts> {
  return call("register_counts");
}

export function recordStep(input: RecordStepInput): Promise<ComplaintDetail> {
  return call("record_step", { input });
}

export function getSettings(): Promise<SettingsView> {
  return call("get_settings");
}

export function setTimezone(input: SetTimezoneInput): Promise<RecomputeOutput> {
  return call("set_timezone", { input });
}

export function addClosure(input: AddClosureInput): Promise<RecomputeOutput> {
  return call("add_closure", { input });
}

export function removeClosure(input: RemoveClosureInput): Promise<RecomputeOutput> {
  return call("remove_closure", { input });
}

export function taxonomy(): Promise<Taxonomy> {
  return call("taxonomy");
}

/** Imports complaints from the CSV file at `path`: every row or none. */
export function importComplaints(path: string): Promise<ImportOutput> {
  return call("import_complaints", { path });
}

export function verifyAudit(): Promise<AuditReport> {
  return call("verify_audit");
}

export function appInfo(): Promise<AppInfo> {
  return call("app_info");
}

export function reportPreview(input: ReportInput): Promise<ReportPreview> {
  return call("report_preview", { input });
}

export function reportStatus(input: ReportInput): Promise<ReportStatus> {
  return call("report_status", { input });
}

/** Writes the month's report in `input.format` to `path` (a file, not a folder). */
export function exportReport(input: ExportReportInput, path: string): Promise<null> {
  return call("export_report", { input, path });
}

/** Records the month's report as submitted to Stripe, keeping the CSV and XLSX as sent. */
export function submitReport(input: SubmitReportInput): Promise<SubmissionView> {
  return call("submit_report", { input });
}

/** Writes a file exactly as it was submitted (`csv` or `xlsx`) to `path`. */
export function saveSubmittedFile(seq: number, format: ReportFormat, path: string): Promise<null> {
  return call("save_submitted_file", { seq, format, path });
}
