// The Reports view's state: the month shown, its report and submission status, and the
// actions on it (export, submit, save a submitted file).
import type { ReportFormat } from "../bindings/ReportFormat";
import type { ReportPreview } from "../bindings/ReportPreview";
import type { ReportStatus } from "../bindings/ReportStatus";
import type { SubmissionView } from "../bindings/SubmissionView";
import { exportReport, IpcError, reportPreview, saveSubmittedFile, submitReport } from "../ipc";
import { optionalText } from "../shared/forms";
import { Latest } from "../shared/latest.svelte";

/** Rows shown in the preview table; the export has them all. */
export const PREVIEW_ROWS = 200;

export type ReportState = "not_submitted" | "submitted" | "changed";

/** Where a month stands with Stripe. */
export function reportState(status: ReportStatus): ReportState {
  if (status.submissions.length === 0) return "not_submitted";
  return status.changed_since_submission ? "changed" : "submitted";
}

function lastOf<T>(items: ReadonlyArray<T>): T | null {
  return items.length > 0 ? items[items.length - 1] : null;
}

export class ReportsStore {
  /** The month asked for (`YYYY-MM`). */
  month = $state<string | null>(null);
  preview = $state.raw<ReportPreview | null>(null);
  /** What is being written: a format of the current report, or `<seq>-<format>` of a submission. */
  busy = $state<string | null>(null);

  /** The preview on screen belongs to another month than the one asked for (still loading). */
  stale = $derived(this.preview !== null && this.preview.status.month !== this.month);
  standing = $derived<ReportState | null>(this.preview ? reportState(this.preview.status) : null);
  /** The latest submission: the one the difference is measured from. */
  latest = $derived<SubmissionView | null>(lastOf(this.preview?.status.submissions ?? []));

  readonly #load = new Latest();

  get loading(): boolean {
    return this.#load.loading;
  }

  /** Why the month asked for could not be read. */
  get error(): IpcError | null {
    return this.#load.error;
  }

  set error(value: IpcError | null) {
    this.#load.error = value;
  }

  /**
   * Shows a month, reading it afresh: complaints may have changed since it was last shown.
   * The previous preview stays on screen (marked stale when it is another month) until the
   * answer arrives; only the latest request's answer is kept.
   */
  open(month: string): Promise<void> {
    this.month = month;
    return this.reload();
  }

  async reload(): Promise<void> {
    const month = this.month;
    if (!month) return;
    await this.#load.run(() => reportPreview({ month }), {
      done: (preview) => (this.preview = preview),
      failed: () => (this.preview = null),
    });
  }

  /**
   * Records the shown month as submitted. Throws an IpcError when refused (e.g. rule
   * `month_not_ended`); on success the preview is read again.
   */
  async submit(note: string): Promise<SubmissionView> {
    const month = this.preview?.status.month ?? this.month;
    if (!month) throw new Error("no month to submit");
    const submission = await submitReport({ month, note: optionalText(note) });
    await this.reload();
    return submission;
  }

  /**
   * Exports the shown month: the backend saves it into the export folder, or where the officer
   * picks in its save dialog (busy until then). Resolves to the path written, or null when the
   * dialog was cancelled. Throws an IpcError when the file could not be written.
   */
  async exportReport(format: ReportFormat): Promise<string | null> {
    const month = this.preview?.status.month ?? this.month;
    if (!month || this.busy) return null;
    this.busy = format;
    try {
      return await exportReport({ month, format });
    } finally {
      this.busy = null;
    }
  }

  /** Saves a file exactly as it was submitted, like {@link exportReport}: the path written, or null when cancelled. */
  async saveSubmitted(submission: SubmissionView, format: ReportFormat): Promise<string | null> {
    if (this.busy) return null;
    this.busy = `${submission.seq}-${format}`;
    try {
      return await saveSubmittedFile(submission.seq, format);
    } finally {
      this.busy = null;
    }
  }
}

export const reports = new ReportsStore();
