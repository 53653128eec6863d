// The only module that talks to the Rust side. One typed function per Tauri command.
import { invoke } from "@tauri-apps/api/core";

import type { AccountImportOutput } from "../bindings/AccountImportOutput";
import type { AccountRow } from "../bindings/AccountRow";
import type { AccountView } from "../bindings/AccountView";
import type { AddAccountInput } from "../bindings/AddAccountInput";
import type { ApplicationInput } from "../bindings/ApplicationInput";
import type { CloseCreditLineInput } from "../bindings/CloseCreditLineInput";
import type { CreditCaseRow } from "../bindings/CreditCaseRow";
import type { CreditCaseView } from "../bindings/CreditCaseView";
import type { CreditNoticeInput } from "../bindings/CreditNoticeInput";
import type { CreditProgramView } from "../bindings/CreditProgramView";
import type { CreditStepInput } from "../bindings/CreditStepInput";
import type { DecreaseLimitInput } from "../bindings/DecreaseLimitInput";
import type { NoticeCounts } from "../bindings/NoticeCounts";
import type { PeriodApprovalInput } from "../bindings/PeriodApprovalInput";
import type { ReactivateInput } from "../bindings/ReactivateInput";
import type { AccountObjectInput } from "../bindings/AccountObjectInput";
import type { SchedulePeriodInput } from "../bindings/SchedulePeriodInput";
import type { SetBalanceInput } from "../bindings/SetBalanceInput";
import type { SetCreditProgramInput } from "../bindings/SetCreditProgramInput";
import type { SetLimitInput } from "../bindings/SetLimitInput";
import type { AppInfo } from "../bindings/AppInfo";
import type { AuditReport } from "../bindings/AuditReport";
import type { BackupList } from "../bindings/BackupList";
import type { BackupOutput } from "../bindings/BackupOutput";
import type { ImportOutput } from "../bindings/ImportOutput";
import type { OperationView } from "../bindings/OperationView";
import type { AddClosureInput } from "../bindings/AddClosureInput";
import type { ApproveCaseInput } from "../bindings/ApproveCaseInput";
import type { ApproveReclassificationInput } from "../bindings/ApproveReclassificationInput";
import type { AssignCaseInput } from "../bindings/AssignCaseInput";
import type { AssignComplaintInput } from "../bindings/AssignComplaintInput";
import type { ComplaintDetail } from "../bindings/ComplaintDetail";
import type { ComplaintPage } from "../bindings/ComplaintPage";
import type { ExportReportInput } from "../bindings/ExportReportInput";
import type { ListComplaintsInput } from "../bindings/ListComplaintsInput";
import type { LogComplaintInput } from "../bindings/LogComplaintInput";
import type { RecomputeOutput } from "../bindings/RecomputeOutput";
import type { RecordStepInput } from "../bindings/RecordStepInput";
import type { VoidEntryInput } from "../bindings/VoidEntryInput";
import type { NotAComplaintInput } from "../bindings/NotAComplaintInput";
import type { VoidCaseEntryInput } from "../bindings/VoidCaseEntryInput";
import type { SetBusinessTypeInput } from "../bindings/SetBusinessTypeInput";
import type { RegisterCounts } from "../bindings/RegisterCounts";
import type { RemoveClosureInput } from "../bindings/RemoveClosureInput";
import type { ReportFormat } from "../bindings/ReportFormat";
import type { ReportInput } from "../bindings/ReportInput";
import type { ReportPreview } from "../bindings/ReportPreview";
import type { ReportStatus } from "../bindings/ReportStatus";
import type { SetDeadlinePolicyInput } from "../bindings/SetDeadlinePolicyInput";
import type { SetFourEyesInput } from "../bindings/SetFourEyesInput";
import type { SetProgramNameInput } from "../bindings/SetProgramNameInput";
import type { SetTimezoneInput } from "../bindings/SetTimezoneInput";
import type { SettingsView } from "../bindings/SettingsView";
import type { SubmissionView } from "../bindings/SubmissionView";
import type { SubmitReportInput } from "../bindings/SubmitReportInput";
import type { Taxonomy } from "../bindings/Taxonomy";
import type { TrackInput } from "../bindings/TrackInput";
import type { BankDebitInput } from "../bindings/BankDebitInput";
import type { DebitNegativeBalancesInput } from "../bindings/DebitNegativeBalancesInput";
import type { Guide } from "../bindings/Guide";
import type { PlatformBalanceInput } from "../bindings/PlatformBalanceInput";
import type { PlaybookInput } from "../bindings/PlaybookInput";
import type { PlaybookSearchInput } from "../bindings/PlaybookSearchInput";
import type { RejectForFraudInput } from "../bindings/RejectForFraudInput";
import type { RejectedForFraud } from "../bindings/RejectedForFraud";
import type { ReserveBalanceInput } from "../bindings/ReserveBalanceInput";
import type { ReserveRecorded } from "../bindings/ReserveRecorded";
import type { ReserveStatus } from "../bindings/ReserveStatus";
import type { ReserveView } from "../bindings/ReserveView";
import type { TransactionsImported } from "../bindings/TransactionsImported";
import type { ConnectTeamInput } from "../bindings/ConnectTeamInput";
import type { TeamConnectionView } from "../bindings/TeamConnectionView";
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

/**
 * Told when the command of a long operation (import, export, verification, backup) is sent and
 * when it settles, so that the window can follow it with {@link operationProgress}.
 */
export interface OperationWatcher {
  started(): void;
  settled(): void;
}

let watcher: OperationWatcher | null = null;

/** Sets who is told about the long operations (the shell's progress bar); null: nobody. */
export function watchOperations(next: OperationWatcher | null): void {
  watcher = next;
}

/** {@link call} for a long operation: the watcher knows it is pending until it settles. */
function tracked<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  const w = watcher;
  if (!w) return call<T>(command, args);
  w.started();
  return call<T>(command, args).finally(() => w.settled());
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

/**
 * The register's header counts: of every open complaint, or with `mine` of those assigned to
 * the desk's officer (the register's "Mine").
 */
export function registerCounts(mine: boolean = false): Promise<RegisterCounts> {
  return mine ? call("register_counts", { mine: true }) : call("register_counts");
}

export function recordStep(input: RecordStepInput): Promise<ComplaintDetail> {
  return call("record_step", { input });
}

/**
 * Records a support fact on a complaint (card shipped, authorization created, ACH debit
 * received); the timers it starts come back in the complaint's `timers`.
 */
export function trackComplaint(input: TrackInput): Promise<ComplaintDetail> {
  return call("track_complaint", { input });
}

/**
 * Four eyes: a second officer approves the reclassification another asked for; it takes effect
 * at `at` (now when null). On a single-user desk `approver` names the second officer. Refused
 * with rule `four_eyes_not_own_request` when the approver is the one who asked.
 */
export function approveReclassification(input: ApproveReclassificationInput): Promise<ComplaintDetail> {
  return call("approve_reclassification", { input });
}

/** Gives a complaint to an officer (the register's "Mine" shows it to them). */
export function assignComplaint(input: AssignComplaintInput): Promise<ComplaintDetail> {
  return call("assign_complaint", { input });
}

export function voidComplaintEntry(input: VoidEntryInput): Promise<ComplaintDetail> {
  return call("void_complaint_entry", { input });
}

export function markNotAComplaint(input: NotAComplaintInput): Promise<ComplaintDetail> {
  return call("mark_not_a_complaint", { input });
}

export function voidCreditEntry(input: VoidCaseEntryInput): Promise<CreditCaseView> {
  return call("void_credit_entry", { input });
}

export function setBusinessType(input: SetBusinessTypeInput): Promise<AccountView> {
  return call("set_business_type", { input });
}

export function getSettings(): Promise<SettingsView> {
  return call("get_settings");
}

export function setTimezone(input: SetTimezoneInput): Promise<RecomputeOutput> {
  return call("set_timezone", { input });
}

/**
 * Sets one clock of the deadline policy (business days for a kind's clock); open complaints'
 * deadlines are recomputed and the change is recorded in the audit history. Refusals name
 * `kind`, `clock` (one the kind does not run) or `business_days`.
 */
export function setDeadlinePolicy(input: SetDeadlinePolicyInput): Promise<RecomputeOutput> {
  return call("set_deadline_policy", { input });
}

/**
 * Turns four eyes on or off: closures, limit decreases and an executive complaint's
 * reclassification as operational then take effect only once a second officer approves them.
 */
export function setFourEyes(input: SetFourEyesInput): Promise<SettingsView> {
  return call("set_four_eyes", { input });
}

export function setProgramName(input: SetProgramNameInput): Promise<SettingsView> {
  return call("set_program_name", { input });
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

/**
 * Imports complaints from a CSV file the officer picks in the open dialog (the backend shows
 * it): every row or none. Resolves to null when the dialog was cancelled (nothing imported). A
 * long operation (see {@link operationProgress}).
 */
export function importComplaints(): Promise<ImportOutput | null> {
  return tracked("import_complaints");
}

/** Verifies the audit history; a long operation (see {@link operationProgress}). */
export function verifyAudit(): Promise<AuditReport> {
  return tracked("verify_audit");
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

/**
 * Saves the month's report in `input.format`: into `AppInfo.export_dir` when set, otherwise
 * where the officer picks in the save dialog (the backend shows it). Resolves to the path
 * written, or null when the dialog was cancelled (nothing written). A long operation (see
 * {@link operationProgress}).
 */
export function exportReport(input: ExportReportInput): Promise<string | null> {
  return tracked("export_report", { input });
}

/** Records the month's report as submitted to Stripe, keeping the CSV and XLSX as sent. */
export function submitReport(input: SubmitReportInput): Promise<SubmissionView> {
  return call("submit_report", { input });
}

/**
 * Saves a file exactly as it was submitted (`csv` or `xlsx`), like {@link exportReport}: the
 * path written, or null when the save dialog was cancelled.
 */
export function saveSubmittedFile(seq: number, format: ReportFormat): Promise<string | null> {
  return call("save_submitted_file", { seq, format });
}

// ---------------------------------------------------------------- connected accounts and credit

export function listAccounts(): Promise<AccountRow[]> {
  return call("list_accounts");
}

export function getAccount(id: string): Promise<AccountView> {
  return call("get_account", { id });
}

export function addAccount(input: AddAccountInput): Promise<AccountView> {
  return call("add_account", { input });
}

/** Records the account's Issuing balance as read at an instant (may be below zero). */
export function setBalance(input: SetBalanceInput): Promise<AccountView> {
  return call("set_balance", { input });
}

/**
 * Imports connected accounts from a CSV file the officer picks in the open dialog (the backend
 * shows it): every row or none. Resolves to null when the dialog was cancelled.
 */
export function importAccounts(): Promise<AccountImportOutput | null> {
  return call("import_accounts");
}

export function creditProgram(): Promise<CreditProgramView> {
  return call("credit_program");
}

export function setCreditProgram(input: SetCreditProgramInput): Promise<CreditProgramView> {
  return call("set_credit_program", { input });
}

/** Opens a closure case with its underwriting decision. */
export function closeCreditLine(input: CloseCreditLineInput): Promise<CreditCaseView> {
  return call("close_credit_line", { input });
}

/** Opens a limit-decrease case with its underwriting decision. */
export function decreaseCreditLimit(input: DecreaseLimitInput): Promise<CreditCaseView> {
  return call("decrease_credit_limit", { input });
}

/** Records a step of a credit case; refused naming the rule when it is out of order. */
export function creditStep(input: CreditStepInput): Promise<CreditCaseView> {
  return call("credit_step", { input });
}

/**
 * Four eyes: a second officer approves a case's decision, after which its steps may follow.
 * Refused with rule `four_eyes_not_own_decision` when the approver recorded the decision.
 */
export function approveCreditCase(input: ApproveCaseInput): Promise<CreditCaseView> {
  return call("approve_credit_case", { input });
}

/** Gives a credit case to an officer. */
export function assignCreditCase(input: AssignCaseInput): Promise<CreditCaseView> {
  return call("assign_credit_case", { input });
}

export function getCreditCase(id: string): Promise<CreditCaseView> {
  return call("get_credit_case", { id });
}

export function listCreditCases(): Promise<CreditCaseRow[]> {
  return call("list_credit_cases");
}

export function noticeCounts(): Promise<NoticeCounts> {
  return call("notice_counts");
}

export function recordApplication(input: ApplicationInput): Promise<AccountView> {
  return call("record_application", { input });
}

export function setCreditLimit(input: SetLimitInput): Promise<AccountView> {
  return call("set_credit_limit", { input });
}

export function recordPeriodApproval(input: PeriodApprovalInput): Promise<AccountView> {
  return call("record_period_approval", { input });
}

export function schedulePeriodChange(input: SchedulePeriodInput): Promise<AccountView> {
  return call("schedule_period_change", { input });
}

/**
 * Setting a credit line active again by hand. Always refused (rule
 * `closed_line_reopens_by_application` or `line_is_active`); offered so the officer reads why.
 */
export function reactivateCreditLine(input: ReactivateInput): Promise<null> {
  return call("reactivate_credit_line", { input });
}

export function recordAccountStripeObject(input: AccountObjectInput): Promise<AccountView> {
  return call("record_account_stripe_object", { input });
}

/** The case's adverse-action notice as plain text, for a preview. */
export function creditNoticeText(input: CreditNoticeInput): Promise<string> {
  return call("credit_notice_text", { input });
}

/**
 * Saves the case's adverse-action notice (`input.format`: `pdf` or `text`), like
 * {@link exportReport}: the path written, or null when the save dialog was cancelled.
 */
export function saveCreditNotice(input: CreditNoticeInput): Promise<string | null> {
  return call("save_credit_notice", { input });
}

// ---------------------------------------------------------------- Connect reserve

/** The reserve now, its history, the last reconciliation and the accounts it covers. */
export function reserveView(): Promise<ReserveView> {
  return call("reserve_view");
}

/** The reserve as of an instant (RFC 3339), or now when null. */
export function reserveStatus(at: string | null = null): Promise<ReserveStatus> {
  return call("reserve_status", { at });
}

/** Records an account's available balance as read (signed minor units). */
export function recordReserveBalance(input: ReserveBalanceInput): Promise<ReserveRecorded> {
  return call("record_reserve_balance", { input });
}

/** Records a completed debit of an account's bank (positive minor units). */
export function recordBankDebit(input: BankDebitInput): Promise<ReserveRecorded> {
  return call("record_bank_debit", { input });
}

/** Records the platform's own available balance as read. */
export function recordPlatformBalance(input: PlatformBalanceInput): Promise<ReserveRecorded> {
  return call("record_platform_balance", { input });
}

/** Records that an account was rejected for fraud; resolves to the Stripe request to send. */
export function rejectForFraud(input: RejectForFraudInput): Promise<RejectedForFraud> {
  return call("reject_for_fraud", { input });
}

/** Records `debit_negative_balances` as on or off for an account. */
export function setDebitNegativeBalances(input: DebitNegativeBalancesInput): Promise<AccountView> {
  return call("set_debit_negative_balances", { input });
}

/**
 * Imports available-balance readings from a CSV file the officer picks in the open dialog (the
 * backend shows it): every row or none. Resolves to null when the dialog was cancelled.
 */
export function importReserveBalances(): Promise<ReserveRecorded | null> {
  return call("import_reserve_balances");
}

/**
 * Imports a Stripe balance-transactions export the officer picks in the open dialog; resolves
 * to null when the dialog was cancelled.
 */
export function importBalanceTransactions(): Promise<TransactionsImported | null> {
  return call("import_balance_transactions");
}

// ---------------------------------------------------------------- playbook

/** The resolution path of a topic and issue type (the topic's `other` when null). */
export function playbookGuide(input: PlaybookInput): Promise<Guide> {
  return call("playbook_guide", { input });
}

/** Every path whose text holds each word of the query; all of them for an empty query. */
export function playbookSearch(input: PlaybookSearchInput): Promise<Guide[]> {
  return call("playbook_search", { input });
}

// ---------------------------------------------------------------- backups

/** The backups folder, its retention and the backups in it, newest first. */
export function listBackups(): Promise<BackupList> {
  return call("list_backups");
}

/** Writes a backup into the backups folder now, verified; a long operation (see {@link operationProgress}). */
export function backUpNow(): Promise<BackupOutput> {
  return tracked("back_up_now");
}

/**
 * Puts the backup `name` (as `list_backups` names it) in place of the database, after
 * verifying it; the database it replaces is kept aside (`replaced_kept_at`). Everything the
 * app holds must be read again afterwards.
 */
export function restoreBackup(name: string): Promise<BackupOutput> {
  return call("restore_backup", { name });
}

// ---------------------------------------------------------------- long operations

/**
 * The long operation running now (import, export, verification, backup) and how far it has
 * got; null when none is running. Each of them runs on a connection of its own, one at a time:
 * another one meanwhile is refused (rule `operation_running`).
 */
export function operationProgress(): Promise<OperationView | null> {
  return call("operation_progress");
}

/**
 * Asks the long operation running now to stop; its command then rejects with code `cancelled`
 * and nothing is written. False when nothing runs or it is already finishing (too late to stop).
 */
export function cancelOperation(): Promise<boolean> {
  return call("cancel_operation");
}

// ---------------------------------------------------------------- team database

/**
 * Where the app works: the team database Settings keep (if any), who is signed in, where the
 * password is kept, and why the saved team database could not be opened at start (`problem`).
 * Answers even when the database could not be opened, so that the officer can sign in again.
 */
export function teamConnection(): Promise<TeamConnectionView> {
  return call("team_connection");
}

/**
 * Signs in to a team database; from then on the whole app works on it (every view must read
 * again). Refusals name `host`, `port`, `database`, `user` or `password`, or say what failed
 * (server unreachable, sign-in refused, no team schema).
 */
export function connectTeam(input: ConnectTeamInput): Promise<TeamConnectionView> {
  return call("connect_team", { input });
}

/** Back to the local single-user file; forgets the saved address and the kept password. */
export function disconnectTeam(): Promise<TeamConnectionView> {
  return call("disconnect_team");
}
