import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { flushSync } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ReportPreview } from "../bindings/ReportPreview";
import type { SubmissionView } from "../bindings/SubmissionView";
import { register } from "../complaints/register.svelte";
import { setLanguage } from "../i18n";
import { nav } from "../nav.svelte";
import Toaster from "../shared/Toaster.svelte";
import { toasts } from "../shared/toast.svelte";
import ReportsView from "../views/ReportsView.svelte";
import { reportPreview, reportRow, submissionView } from "./fixtures";
import ReportTable from "./ReportTable.svelte";
import SubmitDialog from "./SubmitDialog.svelte";

describe("Reports view", () => {
  let previews: Record<string, ReportPreview>;
  let asked: string[];
  /** The backend's answer to `export_report` / `save_submitted_file`: the path written, null when cancelled. */
  let saved: () => unknown;
  let saves: [string, unknown][];

  beforeEach(() => {
    asked = [];
    previews = {};
    saved = () => null;
    saves = [];
    mockIPC((cmd, args) => {
      if (cmd === "export_report" || cmd === "save_submitted_file") {
        saves.push([cmd, args]);
        return saved();
      }
      if (cmd === "register_counts") return { today: "2026-11-23", open: 0, overdue: 0, due_today: 0, due_soon: 0, on_hold: 0, report_due: "2026-10" };
      if (cmd === "report_preview") {
        const month = (args as { input: { month: string } }).input.month;
        asked.push(month);
        return previews[month] ?? reportPreview(month, []);
      }
      if (cmd === "get_settings") throw { code: "internal", message: "not in this test", field: null, rule: null };
      if (cmd === "app_info") return { version: "1", database_path: "x", export_dir: null };
      if (cmd === "taxonomy") return { topic: [] };
      throw { code: "internal", message: `unexpected ${cmd}`, field: null, rule: null };
    });
  });

  afterEach(() => {
    clearMocks();
    register.counts = null;
    toasts.items = [];
    nav.register();
    setLanguage("en");
    localStorage.clear();
  });

  /** October 2026 submitted and changed since, with one reopened row whose acknowledgement came late. */
  function changedOctober(): ReportPreview {
    const row = reportRow("CMP-2026-00007", { reopen_count: 1, reopened_on: ["2026-10-09"], first_resolved_on: "2026-10-07" });
    return reportPreview("2026-10", [row], {
      status: {
        month: "2026-10",
        submitted_at: "2026-11-03T15:12:00Z",
        changed_since_submission: true,
        differences: {
          added: [],
          removed: [],
          removed_late: [],
          changed: [{ id: "CMP-2026-00007", changes: [{ field: "acknowledge.done_on", before: "", after: "2026-10-06" }], entered_late: false }],
        },
        submissions: [submissionView(1)],
      },
    });
  }

  it("reads in German once the language is switched, dates and numbers included", async () => {
    previews["2026-10"] = changedOctober();
    nav.reports("2026-10");
    render(ReportsView);
    await screen.findByTestId("report-row-CMP-2026-00007");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Monthly complaint report to Stripe");
    setLanguage("de");
    flushSync();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Monatlicher Beschwerdebericht an Stripe");
    expect(screen.getByText("Oktober 2026")).toBeTruthy();
    expect(screen.getByTestId("report-status").textContent).toContain("Seit Einreichung geändert");
    expect(screen.getByTestId("report-changed").textContent).toContain("Der Bericht für Oktober 2026 wurde am 03.11.2026, 10:12 EST von a.okafor eingereicht.");
    expect(screen.getByRole("group", { name: "Berichtigten Bericht exportieren" })).toBeTruthy();
    expect(screen.getByTestId("diff-change-CMP-2026-00007-acknowledge.done_on").textContent).toBe("Eingang bestätigt am");
    expect(screen.getByTestId("diff-change-CMP-2026-00007-acknowledge.done_on").closest("tr")?.textContent).toContain("06.10.2026");
    expect(screen.getByTestId("summary-acknowledged_in_time").textContent).toContain("Eingang bestätigt binnen 5 Geschäftstagen");
    expect(screen.getByTestId("summary-resolved_in_time").textContent).toContain("0/1 (0,0 %)");
    expect(screen.getByTestId("summary-median").textContent).toBe("17 Geschäftstage");
    expect(screen.getByTestId("summary-compensation").textContent).toContain("25,00 USD");
    const row = screen.getByTestId("report-row-CMP-2026-00007");
    expect(row.textContent).toContain("05.10.2026");
    expect(screen.getByTestId("report-CMP-2026-00007-acknowledge").textContent).toContain("Eingehalten");
    expect(screen.getByTestId("report-CMP-2026-00007-resolve").textContent).toContain("Verfehlt");
    expect(screen.getByTestId("report-CMP-2026-00007-notify_stripe").textContent?.trim()).toBe("entfällt");
    expect(screen.getByTestId("report-CMP-2026-00007-reopened").getAttribute("title")).toBe("Zuerst erledigt am 07.10.2026; wiedereröffnet am 09.10.2026.");
    expect(within(screen.getByTestId("report-table")).getByText("Eingangsbestätigung")).toBeTruthy();
    expect(screen.getByTestId("submission-1-csv").getAttribute("title")).toBe("Die CSV-Datei genau wie eingereicht speichern");
    expect(screen.getByTestId("submit-report").textContent).toContain("Berichtigten Bericht als eingereicht markieren…");
  });

  it("reads in Japanese once the language is switched", async () => {
    previews["2026-11"] = { ...reportPreview("2026-11", [reportRow("CMP-2026-00001", { status: "open" })]), month_ended: false };
    nav.reports("2026-11");
    render(ReportsView);
    await screen.findByTestId("report-table");
    setLanguage("ja");
    flushSync();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Stripe 向け月次苦情報告書");
    expect(screen.getByText("2026年11月")).toBeTruthy();
    expect(screen.getByTestId("report-status").textContent).toContain("当月進行中 · 未提出");
    expect(screen.getByTestId("report-not-ended").textContent).toBe("2026年11月はまだ終わっていません。数値はまだ変わる可能性があり、2026/12/01 から提出済みとして記録できます。");
    expect(screen.getByTestId("summary-resolved_in_time").textContent).toContain("0/1（0.0%）");
    expect(screen.getByTestId("summary-stripe_notified_in_time").textContent).toContain("1 営業日以内に Stripe へ報告");
    expect(screen.getByTestId("tally-kind").textContent).toContain("区分別");
    expect(screen.getByTestId("weekly-chart").textContent).toContain("週ごとの新規苦情");
    expect(screen.getByTestId("report-CMP-2026-00001-acknowledge").textContent).toContain("遵守");
    expect(screen.getByTestId("submissions-empty").textContent).toBe("この月はまだ提出されていません。");
    expect(screen.getByTestId("report-month-prev").getAttribute("aria-label")).toBe("前の月");
  });

  it("names the path the backend saved the export to", async () => {
    saved = () => "/home/officer/Reports/complaints-2026-10.xlsx";
    nav.reports("2026-10");
    render(ReportsView);
    render(Toaster);
    await screen.findByTestId("report-empty");
    await fireEvent.click(screen.getByTestId("export-xlsx"));
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toContain("October 2026 report (XLSX) saved to /home/officer/Reports/complaints-2026-10.xlsx");
    expect(saves).toEqual([["export_report", { input: { month: "2026-10", format: "xlsx" } }]]);
    expect(screen.queryByTestId("error-banner")).toBeNull();
  });

  it("says nothing when the officer cancels the save dialog", async () => {
    saved = () => null;
    nav.reports("2026-10");
    render(ReportsView);
    render(Toaster);
    await screen.findByTestId("report-empty");
    await fireEvent.click(screen.getByTestId("export-csv"));
    await waitFor(() => expect(saves).toHaveLength(1));
    await waitFor(() => expect((screen.getByTestId("export-csv") as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId("toast")).toBeNull();
    expect(screen.queryByTestId("error-banner")).toBeNull();
  });

  it("shows the backend's refusal when the file cannot be written", async () => {
    saved = () => {
      throw { code: "invalid_input", message: "cannot write /read-only/complaints-2026-10.pdf: permission denied", field: "out", rule: null };
    };
    nav.reports("2026-10");
    render(ReportsView);
    render(Toaster);
    await screen.findByTestId("report-empty");
    await fireEvent.click(screen.getByTestId("export-pdf"));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("The PDF could not be saved.");
    expect(banner.textContent).toContain("cannot write /read-only/complaints-2026-10.pdf: permission denied");
    expect(screen.queryByTestId("toast")).toBeNull();
  });

  it("says neutrally that a stopped export wrote nothing, with no error banner", async () => {
    saved = () => {
      throw { code: "cancelled", message: "stopped as asked; nothing was written", field: null, rule: null };
    };
    nav.reports("2026-10");
    render(ReportsView);
    render(Toaster);
    await screen.findByTestId("report-empty");
    await fireEvent.click(screen.getByTestId("export-pdf"));
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toContain("Stopped; nothing was written.");
    expect(toast.getAttribute("role")).toBe("status");
    expect(screen.queryByTestId("error-banner")).toBeNull();
    await waitFor(() => expect((screen.getByTestId("export-pdf") as HTMLButtonElement).disabled).toBe(false));
  });

  it("names the path a submitted file was saved to", async () => {
    saved = () => "/srv/exports/complaints-2026-10-submitted-1.csv";
    previews["2026-10"] = reportPreview("2026-10", [], {
      status: { month: "2026-10", submitted_at: "2026-11-03T15:12:00Z", changed_since_submission: false, differences: { added: [], removed: [], removed_late: [], changed: [] }, submissions: [submissionView(1)] },
    });
    nav.reports("2026-10");
    render(ReportsView);
    render(Toaster);
    await fireEvent.click(await screen.findByTestId("submission-1-csv"));
    expect((await screen.findByTestId("toast")).textContent).toContain("Submitted CSV saved to /srv/exports/complaints-2026-10-submitted-1.csv");
    expect(saves).toEqual([["save_submitted_file", { seq: 1, format: "csv" }]]);
  });

  it("says each submission keeps the CSV, XLSX and PDF, and which older one has no PDF", async () => {
    previews["2026-10"] = reportPreview("2026-10", [], {
      status: {
        month: "2026-10",
        submitted_at: "2026-11-03T15:12:00Z",
        changed_since_submission: false,
        differences: { added: [], removed: [], removed_late: [], changed: [] },
        submissions: [{ ...submissionView(1), pdf_sha256: null }, submissionView(2)],
      },
    });
    nav.reports("2026-10");
    render(ReportsView);
    const hint = await screen.findByTestId("submissions-hint");
    expect(hint.textContent).toContain("CSV, XLSX and PDF exactly as sent, each with its SHA-256");
    expect(hint.textContent).not.toContain("CSV and XLSX");
    expect(screen.getByTestId("submission-1-no-pdf").textContent).toBe("No PDF kept");
    expect(screen.queryByTestId("submission-1-pdf")).toBeNull();
    expect(screen.getByTestId("submission-2-pdf")).toBeTruthy();
    expect(screen.queryByTestId("submission-2-no-pdf")).toBeNull();
  });

  it("opens on the previous month of the program's today and says an empty month can be submitted", async () => {
    nav.reports();
    render(ReportsView);
    const empty = await screen.findByTestId("report-empty");
    expect(asked).toEqual(["2026-10"]);
    expect(empty.textContent).toContain("No complaints were received or open in October 2026.");
    expect(empty.textContent).toContain("can still be submitted");
    expect(screen.getByTestId("report-status").getAttribute("data-state")).toBe("not_submitted");
    expect((screen.getByTestId("report-month") as HTMLInputElement).value).toBe("2026-10");
    expect(screen.getByTestId("submit-report").hasAttribute("disabled")).toBe(false);
  });

  it("moves between months with the buttons and [ ]", async () => {
    nav.reports("2026-01");
    render(ReportsView);
    await screen.findByTestId("report-empty");
    await fireEvent.click(screen.getByTestId("report-month-prev"));
    await waitFor(() => expect(asked).toContain("2025-12"));
    expect(window.location.hash).toBe("#/reports/2025-12");
    await fireEvent.keyDown(window, { key: "]" });
    await fireEvent.keyDown(window, { key: "]" });
    await waitFor(() => expect(nav.route).toEqual({ name: "reports", month: "2026-02" }));
  });

  it("does not offer to submit a month that has not ended", async () => {
    previews["2026-11"] = { ...reportPreview("2026-11", [reportRow("CMP-2026-00001", { status: "open" })]), month_ended: false };
    nav.reports("2026-11");
    render(ReportsView);
    await screen.findByTestId("report-table");
    expect(screen.getByTestId("submit-report").hasAttribute("disabled")).toBe(true);
    expect(screen.getByTestId("report-not-ended").textContent).toContain("2026-12-01");
  });

  it("shows prominently that a submitted month changed, with the difference in words", async () => {
    const row = reportRow("CMP-2026-00007");
    previews["2026-10"] = reportPreview("2026-10", [row], {
      status: {
        month: "2026-10",
        submitted_at: "2026-11-03T15:12:00Z",
        changed_since_submission: true,
        differences: {
          added: ["CMP-2026-00012"],
          removed: ["CMP-2026-00003"],
          removed_late: ["CMP-2026-00003"],
          changed: [{ id: "CMP-2026-00007", changes: [{ field: "acknowledge.done_on", before: "", after: "2026-10-06" }], entered_late: true }],
        },
        submissions: [submissionView(1)],
      },
    });
    nav.reports("2026-10");
    render(ReportsView);
    const banner = await screen.findByTestId("report-changed");
    expect(screen.getByTestId("diff-late-CMP-2026-00007").textContent).toBe("Entered late");
    expect(screen.getByTestId("diff-removed-late-CMP-2026-00003").textContent).toBe("Entered late");
    expect(banner.textContent).toContain("Changed since submission");
    expect(screen.getByTestId("report-status").getAttribute("data-state")).toBe("changed");
    expect(screen.getByTestId("diff-added-CMP-2026-00012")).toBeTruthy();
    expect(screen.getByTestId("diff-removed-CMP-2026-00003")).toBeTruthy();
    const change = screen.getByTestId("diff-change-CMP-2026-00007-acknowledge.done_on");
    expect(change.textContent).toBe("Acknowledged on");
    expect(change.closest("tr")?.textContent).toContain("2026-10-06");
    expect(screen.getByRole("group", { name: "Export amended report" })).toBeTruthy();
    expect(screen.getByTestId("submission-1-csv")).toBeTruthy();
    expect(screen.getByTestId("submission-1-csv-sha256").getAttribute("title")).toBe(submissionView(1).csv_sha256);
    expect(screen.getByTestId("submission-1-pdf-sha256").getAttribute("title")).toBe(submissionView(1).pdf_sha256);
    expect(screen.getByTestId("submission-1-pdf")).toBeTruthy();
  });

  it("shows each row's clocks as met, missed or pending", async () => {
    previews["2026-10"] = reportPreview("2026-10", [
      reportRow("CMP-2026-00001", {
        status: "open",
        overdue: true,
        acknowledge: { due: "2026-10-12", done_on: null, business_days: null, state: "overdue" },
        resolve: { due: "2026-11-02", done_on: null, business_days: null, state: "pending" },
        resolved_on: null,
        outcome: null,
        compensation_minor: null,
        compensation_currency: null,
      }),
    ]);
    nav.reports("2026-10");
    render(ReportsView);
    await screen.findByTestId("report-row-CMP-2026-00001");
    expect(screen.getByTestId("report-CMP-2026-00001-acknowledge").getAttribute("data-verdict")).toBe("missed");
    expect(screen.getByTestId("report-CMP-2026-00001-resolve").getAttribute("data-verdict")).toBe("pending");
    expect(screen.getByTestId("report-CMP-2026-00001-notify_stripe").textContent?.trim()).toBe("n/a");
    expect(screen.getByTestId("summary-resolved_in_time").textContent).toContain("0/1 (0.0 %)");
    expect(screen.getByTestId("summary-stripe_notified_in_time").textContent).toContain("—");
    expect(screen.getByTestId("summary-compensation").textContent).toContain("25.00 USD");
  });
});

describe("report table", () => {
  it("shows the first 200 rows and says how many more are in the export", () => {
    const rows = Array.from({ length: 250 }, (_, i) => reportRow(`CMP-2026-${String(i + 1).padStart(5, "0")}`));
    render(ReportTable, { rows, limit: 200, onopen: () => {} });
    expect(screen.getAllByTestId(/^report-row-/)).toHaveLength(200);
    expect(screen.getByTestId("report-more").textContent).toContain("and 50 more in the export");
  });

  it("opens a complaint from its id", async () => {
    const onopen = vi.fn();
    render(ReportTable, { rows: [reportRow("CMP-2026-00042")], limit: 200, onopen });
    await fireEvent.click(screen.getByText("CMP-2026-00042"));
    expect(onopen).toHaveBeenCalledWith("CMP-2026-00042");
  });

  it("marks reopened rows with the count and the first resolution, and late entries", () => {
    const rows = [
      reportRow("CMP-2026-00001", { status: "open", reopen_count: 2, reopened_on: ["2026-10-09", "2026-10-20"], first_resolved_on: "2026-10-07", entered_late: true }),
      reportRow("CMP-2026-00002"),
    ];
    render(ReportTable, { rows, limit: 200, onopen: () => {} });
    const reopened = screen.getByTestId("report-CMP-2026-00001-reopened");
    expect(reopened.textContent).toBe("Reopened ×2");
    expect(reopened.getAttribute("title")).toBe("First resolved 2026-10-07; reopened 2026-10-09, 2026-10-20.");
    expect(screen.getByTestId("report-CMP-2026-00001-late").textContent).toBe("Entered late");
    expect(screen.queryByTestId("report-CMP-2026-00002-reopened")).toBeNull();
    expect(screen.queryByTestId("report-CMP-2026-00002-late")).toBeNull();
  });

  it("shows the backend's lower-case currency codes upper-case", () => {
    render(ReportTable, { rows: [reportRow("CMP-2026-00003", { compensation_minor: 2500, compensation_currency: "usd" })], limit: 200, onopen: () => {} });
    expect(screen.getByTestId("report-row-CMP-2026-00003").textContent).toContain("25.00 USD");
  });
});

describe("submit dialog", () => {
  const base = { month: "2026-10", standing: "not_submitted" as const, latest: null, rows: 42, actor: "a.okafor", timezone: "America/New_York" };

  it("states what will be stored and sends the note", async () => {
    const submit = vi.fn(async () => submissionView(1));
    const onsubmitted = vi.fn();
    render(SubmitDialog, { ...base, submit, onclose: () => {}, onsubmitted });
    const dialog = screen.getByTestId("dialog-submit-report");
    expect(dialog.textContent).toContain("The CSV, XLSX and PDF files exactly as sent (42 rows)");
    expect(dialog.textContent).toContain("save the stored CSV, XLSX or PDF");
    expect(dialog.textContent).not.toContain("CSV and XLSX");
    expect(dialog.textContent).toContain("SHA-256");
    expect(dialog.textContent).toContain("a.okafor");
    await fireEvent.input(screen.getByTestId("field-note"), { target: { value: "Uploaded" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    await waitFor(() => expect(onsubmitted).toHaveBeenCalledWith(submissionView(1)));
    expect(submit).toHaveBeenCalledWith("Uploaded");
  });

  it("shows a refusal in the banner", async () => {
    const submit = vi.fn(async () => {
      throw { code: "rule", message: "2026-10 has not ended yet in America/New_York; submit it from 2026-11-01", field: null, rule: "month_not_ended" };
    });
    const onsubmitted = vi.fn();
    render(SubmitDialog, { ...base, submit, onclose: () => {}, onsubmitted });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("has not ended yet");
    expect(onsubmitted).not.toHaveBeenCalled();
  });

  it("names the rule that refused, and puts a refusal of the note under the note", async () => {
    let refusal: unknown = { code: "rule", message: "2026-10 has not ended yet in America/New_York; submit it from 2026-11-01", field: null, rule: "month_not_ended" };
    const submit = vi.fn(async () => {
      throw refusal;
    });
    render(SubmitDialog, { ...base, submit, onclose: () => {}, onsubmitted: () => {} });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    expect((await screen.findByTestId("error-banner-rule")).textContent).toBe("month_not_ended");
    refusal = { code: "invalid_input", message: "a note is at most 2000 characters", field: "note", rule: null };
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    expect((await screen.findByTestId("error-note")).textContent).toBe("a note is at most 2000 characters");
    expect(screen.queryByTestId("error-banner")).toBeNull();
    expect(screen.getByTestId("field-note").getAttribute("aria-invalid")).toBe("true");
    await fireEvent.input(screen.getByTestId("field-note"), { target: { value: "Uploaded" } });
    expect(screen.queryByTestId("error-note")).toBeNull();
  });

  it("submits with Ctrl+Enter, only once while it is being recorded, and closes with Cancel", async () => {
    let answer: (s: SubmissionView) => void = () => {};
    const submit = vi.fn(() => new Promise<SubmissionView>((resolve) => (answer = resolve)));
    const onsubmitted = vi.fn();
    const onclose = vi.fn();
    render(SubmitDialog, { ...base, submit, onclose, onsubmitted });
    expect(screen.getByTestId("dialog-submit-report").textContent).toContain("Ctrl+Enter");
    await fireEvent.keyDown(window, { key: "Enter", ctrlKey: true });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    expect(submit).toHaveBeenCalledTimes(1);
    answer(submissionView(1));
    await waitFor(() => expect(onsubmitted).toHaveBeenCalledWith(submissionView(1)));
    await fireEvent.click(screen.getByTestId("dialog-cancel"));
    expect(onclose).toHaveBeenCalled();
  });
});
