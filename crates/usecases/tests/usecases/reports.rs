use cdesk_usecases::{ComplaintStep, ErrorCode, ExportReportInput, RecordStepInput, ReportFormat, ReportInput, SubmitReportInput};

use crate::{desk_at, executive, operational};

fn month(m: &str) -> ReportInput {
    ReportInput { month: m.into() }
}

#[test]
fn rule_a_month_can_be_submitted_only_after_it_ends() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let err = f.desk.submit_report(SubmitReportInput { month: "2026-11".into(), note: None }).unwrap_err();
    assert_eq!((err.code, err.rule.as_deref()), (ErrorCode::Rule, Some("month_not_ended")));
    assert!(f.desk.report_status(month("2026-11")).unwrap().submissions.is_empty(), "a refused submission stores nothing");
    let err = f.desk.submit_report(SubmitReportInput { month: "2026-13".into(), note: None }).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("month"));
}

#[test]
fn rule_submission_keeps_the_exact_files_and_their_hashes() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    f.desk.log_complaint(operational("2026-10-05T10:00:00-04:00")).unwrap();
    let s = f.desk.submit_report(SubmitReportInput { month: "2026-10".into(), note: Some("Sent by email to Stripe".into()) }).unwrap();
    assert_eq!((s.rows, s.submitted_by.as_str(), s.note.as_deref()), (1, "test officer", Some("Sent by email to Stripe")));
    let csv = f.desk.export_report(ExportReportInput { month: "2026-10".into(), format: ReportFormat::Csv }).unwrap();
    let kept = f.desk.submitted_file(s.seq, ReportFormat::Csv).unwrap();
    assert_eq!(kept.bytes, csv.bytes, "the stored CSV is what the same month exports");
    let xlsx = f.desk.export_report(ExportReportInput { month: "2026-10".into(), format: ReportFormat::Xlsx }).unwrap();
    assert_eq!(f.desk.submitted_file(s.seq, ReportFormat::Xlsx).unwrap().bytes, xlsx.bytes, "same database and month give byte-identical XLSX");
    assert_eq!(s.csv_sha256.len(), 64);
    let pdf = f.desk.submitted_file(s.seq, ReportFormat::Pdf).unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF"), "the PDF sent is kept too");
    // The export lets the report's rows go as it draws them; the submission draws from a report
    // it keeps: the same month at the same instant is the same file either way.
    let exported = f.desk.export_report(ExportReportInput { month: "2026-10".into(), format: ReportFormat::Pdf }).unwrap();
    assert!(exported.bytes == pdf.bytes, "the PDF exported now is the one kept with the submission");
    assert_eq!(pdf.file_name, format!("complaints-2026-10-submitted-{}.pdf", s.seq));
    assert_eq!(s.pdf_sha256.as_deref().map(str::len), Some(64));
    let missing = f.desk.submitted_file(s.seq + 1, ReportFormat::Pdf).unwrap_err();
    assert!(missing.message.contains("no submission"), "{}", missing.message);
    let history = f.desk.verify_audit().unwrap();
    assert!(history.ok && history.events == 2, "the submission is in the audit chain");
}

#[test]
fn rule_changes_after_submission_are_shown_row_by_row() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let id = f.desk.log_complaint(operational("2026-10-05T10:00:00-04:00")).unwrap().id;
    f.desk.submit_report(SubmitReportInput { month: "2026-10".into(), note: None }).unwrap();
    let st = f.desk.report_status(month("2026-10")).unwrap();
    assert!(st.submitted_at.is_some() && !st.changed_since_submission);

    // An acknowledgement recorded today but dated in October changes October's report.
    f.desk
        .record_step(RecordStepInput { seen: None,
            complaint_id: id.clone(),
            at: "2026-10-06T10:00:00-04:00".into(),
            step: ComplaintStep::Acknowledge { how: Some("email".into()), note: None },
        })
        .unwrap();
    // A late-logged complaint received in October joins it.
    let late = f.desk.log_complaint(executive("2026-10-30T10:00:00-04:00")).unwrap().id;
    // A step dated in November does not change October.
    let st = f.desk.report_status(month("2026-10")).unwrap();
    assert!(st.changed_since_submission);
    assert_eq!(st.differences.added, vec![late]);
    let changed = &st.differences.changed[0];
    assert_eq!(changed.id, id);
    assert!(changed.changes.iter().any(|c| c.field == "acknowledge.done_on" && c.after == "2026-10-06"), "{changed:?}");
    assert!(changed.entered_late, "recorded after October was submitted: the change came from a late entry");
    let amended = f.desk.report_preview(month("2026-10")).unwrap().report;
    assert_eq!(amended.amends, st.submitted_at, "the report made now says which submission it amends");
    let resubmitted = f.desk.submit_report(SubmitReportInput { month: "2026-10".into(), note: Some("Amendment".into()) }).unwrap();
    assert_eq!(resubmitted.rows, 2);
    let st = f.desk.report_status(month("2026-10")).unwrap();
    assert!(!st.changed_since_submission && st.submissions.len() == 2, "the amendment is now what Stripe holds");
}

#[test]
fn rule_report_is_the_same_whenever_it_is_made() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let id = f.desk.log_complaint(operational("2026-10-28T10:00:00-04:00")).unwrap().id;
    let before = f.desk.export_report(ExportReportInput { month: "2026-10".into(), format: ReportFormat::Csv }).unwrap();
    f.desk
        .record_step(RecordStepInput { seen: None,
            complaint_id: id,
            at: "2026-11-20T10:00:00-05:00".into(),
            step: ComplaintStep::Resolve { summary: "Refunded".into(), outcome: Some("upheld".into()), compensation: None, root_cause: None, remediation: None, remediation_note: None },
        })
        .unwrap();
    let after = f.desk.export_report(ExportReportInput { month: "2026-10".into(), format: ReportFormat::Csv }).unwrap();
    assert_eq!(before.bytes, after.bytes, "a November step leaves October's report as it was");
    let nov = f.desk.report_preview(month("2026-11")).unwrap();
    assert_eq!(nov.report.summary.resolved_in_month, 1);
    assert!(!nov.month_ended);
}

#[test]
fn rule_previous_month_is_flagged_from_the_first_business_day_until_submitted() {
    // Sunday 1 November 2026: the first business day is Monday 2 November.
    let mut f = desk_at("2026-11-01T15:00:00Z");
    assert_eq!(f.desk.register_counts().unwrap().report_due, None);
    let mut f = desk_at("2026-11-02T15:00:00Z");
    assert_eq!(f.desk.register_counts().unwrap().report_due.as_deref(), Some("2026-10"));
    f.desk.submit_report(SubmitReportInput { month: "2026-10".into(), note: None }).unwrap();
    assert_eq!(f.desk.register_counts().unwrap().report_due, None, "an empty month submitted clears the reminder");
}

#[test]
fn rule_one_desktop_reminder_per_unsubmitted_month() {
    let mut f = desk_at("2026-11-02T15:00:00Z");
    let r = f.desk.take_report_reminder().unwrap().expect("October is due and unsubmitted");
    assert_eq!(r.month, "2026-10");
    assert!(r.body.contains("October 2026"), "{}", r.body);
    assert_eq!(f.desk.take_report_reminder().unwrap(), None, "only one notification per month");
}

/// A fixed October through the whole path (log, work, export): every column, met, missed and
/// pending clocks, a carried-over row, a complaint on the month's edge in New York time,
/// non-ASCII and formula-like text. Set `UPDATE_GOLDEN=1` to rewrite the file after checking it.
#[test]
fn golden_october_csv_through_the_use_cases() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let step = |f: &mut crate::Fixture, id: &str, at: &str, step: ComplaintStep| {
        f.desk.record_step(RecordStepInput { seen: None, complaint_id: id.into(), at: at.into(), step }).unwrap();
    };
    // Carried over from September, resolved in October with compensation in JPY.
    let mut carried = operational("2026-09-28T10:00:00-04:00");
    carried.complainant_name = "山田 花子".into();
    carried.summary = "カードが届かない".into();
    let carried = f.desk.log_complaint(carried).unwrap().id;
    step(&mut f, &carried, "2026-09-29T10:00:00-04:00", ComplaintStep::Acknowledge { how: None, note: None });
    step(
        &mut f,
        &carried,
        "2026-10-21T10:00:00-04:00",
        ComplaintStep::Resolve {
            summary: "Reissued by express".into(),
            outcome: Some("upheld".into()),
            compensation: Some(cdesk_usecases::MoneyInput { amount_minor: 1500, currency: "JPY".into() }),
            root_cause: None,
            remediation: None,
            remediation_note: None,
        },
    );
    // New, acknowledged late, still open at the end of October (resolve clock missed).
    let mut late = operational("2026-10-01T09:00:00-04:00");
    late.summary = "=HYPERLINK(\"http://example.com\")".into();
    late.complainant_name = "Jürgen Müller".into();
    late.account = Some("acct_1Late".into());
    let late = f.desk.log_complaint(late).unwrap().id;
    step(&mut f, &late, "2026-10-15T09:00:00-04:00", ComplaintStep::Acknowledge { how: None, note: None });
    // Executive, Stripe notified on time, reviewed, resolved in USD.
    let exec = f.desk.log_complaint(executive("2026-10-14T16:00:00-04:00")).unwrap().id;
    step(&mut f, &exec, "2026-10-15T09:00:00-04:00", ComplaintStep::NotifyStripe { how: None, reference: Some("SUP-1".into()), note: None });
    step(&mut f, &exec, "2026-10-19T09:00:00-04:00", ComplaintStep::StripeReviewCompleted { note: None, resolve_by: None });
    step(
        &mut f,
        &exec,
        "2026-10-28T09:00:00-04:00",
        ComplaintStep::Resolve {
            summary: "+ fee reversed".into(),
            outcome: Some("partially_upheld".into()),
            compensation: Some(cdesk_usecases::MoneyInput { amount_minor: 2500, currency: "USD".into() }),
            root_cause: None,
            remediation: None,
            remediation_note: None,
        },
    );
    // Received at 23:30 on 31 October in New York (1 November in UTC): October, pending clocks.
    f.desk.log_complaint(operational("2026-11-01T03:30:00Z")).unwrap();
    // Received in November: not in October's report.
    f.desk.log_complaint(operational("2026-11-02T10:00:00-05:00")).unwrap();

    let csv = f.desk.export_report(ExportReportInput { month: "2026-10".into(), format: ReportFormat::Csv }).unwrap().bytes;
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/october-2026.csv");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &csv).unwrap();
    }
    let expected = std::fs::read(&golden).expect("the golden file exists (UPDATE_GOLDEN=1 writes it)");
    let (got, want) = (String::from_utf8_lossy(&csv), String::from_utf8_lossy(&expected));
    for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        assert_eq!(g, w, "line {} of the October report differs from the golden file", i + 1);
    }
    assert_eq!(got.lines().count(), want.lines().count(), "the October report has a different number of rows");
}

#[test]
fn a_complaint_that_left_a_submitted_month_through_a_late_entry_is_marked_so() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let id = f.desk.log_complaint(operational("2026-10-05T10:00:00-04:00")).unwrap().id;
    f.desk.submit_report(SubmitReportInput { month: "2026-10".into(), note: None }).unwrap();
    f.desk
        .mark_not_a_complaint(cdesk_usecases::NotAComplaintInput { seen: None,
            complaint_id: id.clone(),
            reason: "Raised by our own support agent".into(),
            at: Some("2026-10-06T10:00:00-04:00".into()),
        })
        .unwrap();
    let st = f.desk.report_status(month("2026-10")).unwrap();
    assert_eq!(st.differences.removed, vec![id.clone()], "it leaves the report");
    assert_eq!(st.differences.removed_late, vec![id], "and the removal came from an entry recorded after the submission");
}

#[test]
fn a_report_written_to_a_file_as_it_is_made_has_the_same_bytes_as_the_one_in_memory() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    f.desk.log_complaint(operational("2026-10-05T10:00:00-04:00")).unwrap();
    f.desk.log_complaint(executive("2026-10-06T10:00:00-04:00")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for format in [ReportFormat::Csv, ReportFormat::Xlsx] {
        let in_memory = f.desk.export_report(ExportReportInput { month: "2026-10".into(), format }).unwrap().bytes;
        let path = dir.path().join(format!("october.{}", format.extension()));
        let size = f.desk.export_report_to(ExportReportInput { month: "2026-10".into(), format }, &path).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), in_memory, "{format:?}");
        assert_eq!(size, in_memory.len() as u64);
    }
    // Never over the desk's own database file, as any export.
    if !f.on_team() {
        let err = f.desk.export_report_to(ExportReportInput { month: "2026-10".into(), format: ReportFormat::Csv }, &f.path).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("out"), "{}", err.message);
    }
}
