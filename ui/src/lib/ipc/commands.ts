// The only module that talks to the Rust side. One typed function per Tauri command.
import { invoke } from "@tauri-apps/api/core";

import type { AppInfo } from "../bindings/AppInfo";
import type { AuditReport } from "../bindings/AuditReport";
import type { AddClosureInput } from "../bindings/AddClosureInput";
import type { ComplaintDetail } from "../bindings/ComplaintDetail";
import type { ComplaintPage } from "../bindings/ComplaintPage";
import type { ListComplaintsInput } from "../bindings/ListComplaintsInput";
import type { LogComplaintInput } from "../bindings/LogComplaintInput";
import type { RecomputeOutput } from "../bindings/RecomputeOutput";
import type { RecordStepInput } from "../bindings/RecordStepInput";
import type { RegisterCounts } from "../bindings/RegisterCounts";
import type { RemoveClosureInput } from "../bindings/RemoveClosureInput";
import type { SetTimezoneInput } from "../bindings/SetTimezoneInput";
import type { SettingsView } from "../bindings/SettingsView";
import type { Taxonomy } from "../bindings/Taxonomy";
import { IpcError, toIpcError } from "./error";

export const NO_BACKEND_MESSAGE =
  "The Compliance Desk backend is not reachable: this page is not running inside the desktop app.";

/** True when the Tauri bridge is there to carry commands. */
function bridgeAvailable(): boolean {
  if (typeof window === "undefined") return false;
  const internals = (window as unknown as { __TAURI_INTERNALS__?: { invoke?: unknown } }).__TAURI_INTERNALS__;
  return typeof internals?.invoke === "function";
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  if (!bridgeAvailable()) {
    throw new IpcError({ code: "internal", message: NO_BACKEND_MESSAGE, field: null, rule: null }, command);
  }
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

export function verifyAudit(): Promise<AuditReport> {
  return call("verify_audit");
}

export function appInfo(): Promise<AppInfo> {
  return call("app_info");
}
