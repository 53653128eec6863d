import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { NO_BACKEND_MESSAGE } from "./commands";
import {
  addClosure,
  approveCreditCase,
  approveReclassification,
  assignComplaint,
  assignCreditCase,
  connectTeam,
  disconnectTeam,
  setFourEyes,
  teamConnection,
  backUpNow,
  exportReport,
  getComplaint,
  importAccounts,
  importComplaints,
  listBackups,
  IpcError,
  listComplaints,
  recordStep,
  registerCounts,
  reportPreview,
  reportStatus,
  restoreBackup,
  saveCreditNotice,
  saveSubmittedFile,
  submitReport,
  toIpcError,
  importBalanceTransactions,
  importReserveBalances,
  playbookGuide,
  playbookSearch,
  recordBankDebit,
  recordPlatformBalance,
  recordReserveBalance,
  rejectForFraud,
  reserveStatus,
  reserveView,
  setDebitNegativeBalances,
  trackComplaint,
} from "./index";

afterEach(() => clearMocks());

/** Mocks the backend to answer every command with `answer()`; returns the commands sent, with their arguments, in order. */
function recordCalls(answer: () => unknown): [string, unknown][] {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    return answer();
  });
  return calls;
}

describe("IpcError from a rejection", () => {
  it("keeps the backend's code, message, field and rule", () => {
    const e = toIpcError({ code: "invalid_input", message: "a summary is required", field: "summary", rule: null });
    expect(e).toBeInstanceOf(IpcError);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe("invalid_input");
    expect(e.message).toBe("a summary is required");
    expect(e.field).toBe("summary");
    expect(e.rule).toBeNull();
    expect(e.isFieldError).toBe(true);
  });

  it("keeps a rule refusal's rule name", () => {
    const e = toIpcError({ code: "rule", message: "contact hold: …", field: null, rule: "executive_contact_hold" });
    expect(e.code).toBe("rule");
    expect(e.rule).toBe("executive_contact_hold");
    expect(e.isFieldError).toBe(false);
  });

  it("turns a bare string or an unknown shape into an internal error", () => {
    expect(toIpcError("command log_complaint not found")).toMatchObject({
      code: "internal",
      message: "command log_complaint not found",
      field: null,
      rule: null,
    });
    expect(toIpcError({ code: "teapot", message: "?" }).code).toBe("internal");
    expect(toIpcError(undefined).message).toMatch(/did not answer/);
  });
});

describe("commands", () => {
  it("says plainly when there is no backend to talk to", async () => {
    const err = await registerCounts().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect(err).toMatchObject({ code: "internal", message: NO_BACKEND_MESSAGE, command: "register_counts" });
  });

  it("rejects with an IpcError when the backend refuses", async () => {
    mockIPC(() => {
      throw { code: "not_found", message: "no complaint CMP-2026-99999", field: null, rule: null };
    });
    const err = await getComplaint("CMP-2026-99999").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect(err).toMatchObject({ code: "not_found", message: "no complaint CMP-2026-99999", command: "get_complaint" });
  });

  it("sends each command's arguments under the agreed keys", async () => {
    const calls = recordCalls(() => ({}));
    await getComplaint("CMP-2026-00001");
    await registerCounts();
    await listComplaints({ status: "open", kind: null, product: null, due_this_week: false, search: null, limit: 50, offset: 0, mine: false });
    await recordStep({ complaint_id: "CMP-2026-00001", at: "2026-11-20T10:00:00-05:00", step: { type: "add_note", note: "n" } });
    await addClosure({ date: "2026-12-24", name: "Christmas Eve" });
    expect(calls).toEqual([
      ["get_complaint", { id: "CMP-2026-00001" }],
      ["register_counts", {}],
      ["list_complaints", { input: { status: "open", kind: null, product: null, due_this_week: false, search: null, limit: 50, offset: 0, mine: false } }],
      ["record_step", { input: { complaint_id: "CMP-2026-00001", at: "2026-11-20T10:00:00-05:00", step: { type: "add_note", note: "n" } } }],
      ["add_closure", { input: { date: "2026-12-24", name: "Christmas Eve" } }],
    ]);
  });

  it("sends the four-eyes and assignment commands' arguments under the agreed keys", async () => {
    const calls = recordCalls(() => ({}));
    await registerCounts(true);
    await registerCounts(false);
    await setFourEyes({ on: true });
    await approveReclassification({ complaint_id: "CMP-2026-00006", at: "2026-11-23T10:00:00-05:00", approver: "Ben Okafor" });
    await assignComplaint({ complaint_id: "CMP-2026-00007", to: "a.okafor" });
    await approveCreditCase({ case_id: "CRD-2026-00001", at: null, approver: "Ben Okafor" });
    await assignCreditCase({ case_id: "CRD-2026-00001", to: "Ben Okafor" });
    expect(calls).toEqual([
      ["register_counts", { mine: true }],
      ["register_counts", {}],
      ["set_four_eyes", { input: { on: true } }],
      ["approve_reclassification", { input: { complaint_id: "CMP-2026-00006", at: "2026-11-23T10:00:00-05:00", approver: "Ben Okafor" } }],
      ["assign_complaint", { input: { complaint_id: "CMP-2026-00007", to: "a.okafor" } }],
      ["approve_credit_case", { input: { case_id: "CRD-2026-00001", at: null, approver: "Ben Okafor" } }],
      ["assign_credit_case", { input: { case_id: "CRD-2026-00001", to: "Ben Okafor" } }],
    ]);
  });

  it("sends the team database commands' arguments under the agreed keys", async () => {
    const calls = recordCalls(() => ({}));
    await teamConnection();
    await connectTeam({ address: { host: "db", port: 5432, database: "desk", user: "ana" }, password: "pw", remember: true });
    await disconnectTeam();
    expect(calls).toEqual([
      ["team_connection", {}],
      ["connect_team", { input: { address: { host: "db", port: 5432, database: "desk", user: "ana" }, password: "pw", remember: true } }],
      ["disconnect_team", {}],
    ]);
  });

  it("sends the revision a change was made from as seen, and leaves it out when not given", async () => {
    const calls = recordCalls(() => ({}));
    await recordStep({ complaint_id: "CMP-2026-00001", at: "2026-11-20T10:00:00-05:00", step: { type: "add_note", note: "n" }, seen: 41 });
    await assignCreditCase({ case_id: "CRD-2026-00001", to: "ana", seen: 7 });
    await recordStep({ complaint_id: "CMP-2026-00001", at: "2026-11-20T10:00:00-05:00", step: { type: "add_note", note: "n" } });
    expect(calls[0]).toEqual(["record_step", { input: { complaint_id: "CMP-2026-00001", at: "2026-11-20T10:00:00-05:00", step: { type: "add_note", note: "n" }, seen: 41 } }]);
    expect(calls[1]).toEqual(["assign_credit_case", { input: { case_id: "CRD-2026-00001", to: "ana", seen: 7 } }]);
    expect(Object.keys((calls[2][1] as { input: object }).input)).not.toContain("seen");
  });

  it("sends the report commands' arguments under the agreed keys, never a path", async () => {
    const calls = recordCalls(() => null);
    await reportPreview({ month: "2026-10" });
    await reportStatus({ month: "2026-10" });
    await exportReport({ month: "2026-10", format: "pdf" });
    await submitReport({ month: "2026-10", note: null });
    await saveSubmittedFile(3, "xlsx");
    await saveCreditNotice({ case_id: "CRD-2026-00001", format: "pdf", language: "de" });
    expect(calls).toEqual([
      ["report_preview", { input: { month: "2026-10" } }],
      ["report_status", { input: { month: "2026-10" } }],
      ["export_report", { input: { month: "2026-10", format: "pdf" } }],
      ["submit_report", { input: { month: "2026-10", note: null } }],
      ["save_submitted_file", { seq: 3, format: "xlsx" }],
      ["save_credit_notice", { input: { case_id: "CRD-2026-00001", format: "pdf", language: "de" } }],
    ]);
  });

  it("passes on the path a save wrote, and null for a cancelled dialog", async () => {
    let answer: string | null = "/srv/exports/complaints-2026-10.csv";
    mockIPC(() => answer);
    expect(await exportReport({ month: "2026-10", format: "csv" })).toBe("/srv/exports/complaints-2026-10.csv");
    answer = null;
    expect(await saveSubmittedFile(1, "csv")).toBeNull();
    expect(await saveCreditNotice({ case_id: "CRD-2026-00001", format: "text", language: "en" })).toBeNull();
  });

  it("imports a CSV with no arguments and keeps a row-and-column refusal", async () => {
    const calls = recordCalls(() => {
      throw { code: "invalid_input", message: "row 4, column channel: \"fax\" is not one of phone, email", field: "row 4, column channel", rule: null };
    });
    const err = await importComplaints().catch((e: unknown) => e);
    expect(calls).toEqual([["import_complaints", {}]]);
    expect(err).toBeInstanceOf(IpcError);
    expect((err as IpcError).message).toContain("row 4, column channel");
  });

  it("passes on null when the open dialog of an import was cancelled", async () => {
    const calls = recordCalls(() => null);
    expect(await importComplaints()).toBeNull();
    expect(await importAccounts()).toBeNull();
    expect(calls).toEqual([
      ["import_complaints", {}],
      ["import_accounts", {}],
    ]);
  });

  it("sends the backup commands' arguments under the agreed keys", async () => {
    const calls = recordCalls(() => ({}));
    await listBackups();
    await backUpNow();
    await restoreBackup("cdesk-2026-11-20-daily.sqlite3");
    expect(calls).toEqual([
      ["list_backups", {}],
      ["back_up_now", {}],
      ["restore_backup", { name: "cdesk-2026-11-20-daily.sqlite3" }],
    ]);
  });

  it("keeps a month_not_ended refusal's rule", async () => {
    mockIPC(() => {
      throw { code: "rule", message: "2026-11 has not ended yet in America/New_York; submit it from 2026-12-01", field: null, rule: "month_not_ended" };
    });
    const err = await submitReport({ month: "2026-11", note: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect(err).toMatchObject({ code: "rule", rule: "month_not_ended", command: "submit_report" });
  });

  it("sends the reserve, playbook and tracking commands' arguments under the agreed keys", async () => {
    const calls = recordCalls(() => null);
    await reserveView();
    await reserveStatus(null);
    await reserveStatus("2026-11-20T15:00:00Z");
    await recordReserveBalance({ account: "acct_1", currency: "USD", available: -12550, at: "2026-11-20T15:00:00Z" });
    await recordBankDebit({ account: "acct_1", currency: "USD", amount: 12550, completed_at: "2026-11-20T15:00:00Z" });
    await recordPlatformBalance({ currency: "USD", available: 5000000, at: "2026-11-20T15:00:00Z" });
    await rejectForFraud({ account: "acct_1", at: "2026-11-20T15:00:00Z" });
    await setDebitNegativeBalances({ account: "acct_1", on: true });
    expect(await importReserveBalances()).toBeNull();
    expect(await importBalanceTransactions()).toBeNull();
    await playbookGuide({ topic: "card_ordering", issue_type: null, lang: "ja" });
    await playbookSearch({ query: "shipping", lang: "de" });
    await trackComplaint({ complaint_id: "CMP-2026-00001", event: "ach_debit_received", at: "2026-11-20T10:00:00-05:00", shipping: null, merchant_category: null, note: null });
    expect(calls).toEqual([
      ["reserve_view", {}],
      ["reserve_status", { at: null }],
      ["reserve_status", { at: "2026-11-20T15:00:00Z" }],
      ["record_reserve_balance", { input: { account: "acct_1", currency: "USD", available: -12550, at: "2026-11-20T15:00:00Z" } }],
      ["record_bank_debit", { input: { account: "acct_1", currency: "USD", amount: 12550, completed_at: "2026-11-20T15:00:00Z" } }],
      ["record_platform_balance", { input: { currency: "USD", available: 5000000, at: "2026-11-20T15:00:00Z" } }],
      ["reject_for_fraud", { input: { account: "acct_1", at: "2026-11-20T15:00:00Z" } }],
      ["set_debit_negative_balances", { input: { account: "acct_1", on: true } }],
      ["import_reserve_balances", {}],
      ["import_balance_transactions", {}],
      ["playbook_guide", { input: { topic: "card_ordering", issue_type: null, lang: "ja" } }],
      ["playbook_search", { input: { query: "shipping", lang: "de" } }],
      ["track_complaint", { input: { complaint_id: "CMP-2026-00001", event: "ach_debit_received", at: "2026-11-20T10:00:00-05:00", shipping: null, merchant_category: null, note: null } }],
    ]);
  });
});
