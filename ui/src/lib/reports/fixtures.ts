// Report data for tests.
import type { ReportPreview } from "../bindings/ReportPreview";
import type { ReportRow } from "../bindings/ReportRow";
import type { SubmissionView } from "../bindings/SubmissionView";

export function reportRow(id: string, patch: Partial<ReportRow> = {}): ReportRow {
  return {
    id,
    section: "new",
    received_on: "2026-10-05",
    channel: "email",
    product: "issuing",
    topic: "cardholder_experience",
    issue_type: "authorization_declined",
    kind: "operational",
    grounds: [],
    complainant_name: "Ada Lovelace",
    account: "acct_1",
    summary: "Card declined",
    status: "resolved",
    overdue: false,
    acknowledge: { due: "2026-10-12", done_on: "2026-10-06", business_days: null, state: "met" },
    notify_stripe: null,
    stripe_reviewed_on: null,
    resolve: { due: "2026-10-26", done_on: "2026-10-28", business_days: null, state: "missed" },
    resolved_on: "2026-10-28",
    outcome: "upheld",
    resolution_summary: "Refunded",
    compensation_minor: 2500,
    compensation_currency: "usd",
    first_resolved_on: null,
    reopen_count: 0,
    reopened_on: [],
    entered_late: false,
    received_at: "2026-10-05T14:00:00Z",
    logged_on: "2026-10-05",
    regulator_name: null,
    regulator_reference: null,
    stripe_reference: null,
    original_kind: "operational",
    reclassifications: [],
    root_cause: null,
    remediation: null,
    remediation_note: null,
    ...patch,
  };
}

export function submissionView(seq: number, month = "2026-10"): SubmissionView {
  return {
    seq,
    month,
    submitted_at: "2026-11-03T15:12:00Z",
    submitted_by: "a.okafor",
    note: "Uploaded to the Stripe portal",
    rows: 1,
    csv_sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    xlsx_sha256: "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
    pdf_sha256: "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
  };
}

export function reportPreview(month: string, rows: ReportRow[], patch: Partial<ReportPreview> = {}): ReportPreview {
  const [year, m] = month.split("-").map(Number);
  return {
    report: {
      program: "Acme Cards",
      month: { year, month: m },
      timezone: "America/New_York",
      amends: null,
    version: 2,
      rows,
      summary: {
        total: rows.length,
        new: rows.filter((r) => r.section === "new").length,
        carried_over: rows.filter((r) => r.section === "carried_over").length,
        resolved_in_month: rows.filter((r) => r.status === "resolved").length,
        open_at_end: rows.filter((r) => r.status === "open").length,
        overdue_at_end: rows.filter((r) => r.overdue).length,
        by_kind: [{ key: "operational", count: rows.length }],
        by_product: [{ key: "issuing", count: rows.length }],
        by_topic: [{ key: "cardholder_experience", count: rows.length }],
        by_channel: [{ key: "email", count: rows.length }],
        acknowledged_in_time: { met: 1, decided: 1 },
        resolved_in_time: { met: 0, decided: 1 },
        stripe_notified_in_time: { met: 0, decided: 0 },
        median_business_days_to_resolve: 17,
        compensation_totals: [{ currency: "usd", amount_minor: 2500 }],
        weekly_new: [{ from: "2026-10-01", to: "2026-10-04", count: 0 }, { from: "2026-10-05", to: "2026-10-11", count: rows.length }],
      },
    },
    month_ended: true,
    status: { month, submitted_at: null, changed_since_submission: false, differences: { added: [], removed: [], removed_late: [], changed: [] }, submissions: [] },
    ...patch,
  };
}
