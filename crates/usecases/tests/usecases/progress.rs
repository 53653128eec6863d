//! Long operations followed by a progress bar and stopped by the officer: what was counted, and
//! that a stopped operation wrote nothing.

use std::time::Duration;

use cdesk_usecases::{ErrorCode, ExportReportInput, ListComplaintsInput, Progress, ProgressStep, ReportFormat};

use crate::desk_at;

fn csv(rows: usize) -> String {
    let mut s = String::from("received,kind,channel,summary,complainant_name\n");
    for i in 0..rows {
        s.push_str(&format!("2026-11-{:02}T10:{:02}:00-05:00,operational,email,Card declined {i},Jürgen Müller\n", 2 + i % 20, i % 60));
    }
    s
}

/// Cancels `progress` from another thread as soon as it reaches `step`; returns whether it did.
fn cancel_at(progress: &Progress, step: ProgressStep) -> std::thread::JoinHandle<bool> {
    let p = progress.clone();
    std::thread::spawn(move || {
        for _ in 0..20_000 {
            if p.report().step == step && p.report().done > 0 {
                return p.cancel();
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        false
    })
}

#[test]
fn an_import_counts_its_rows_and_a_stopped_one_writes_nothing() {
    let mut f = desk_at("2026-11-30T15:00:00Z");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("complaints.csv");
    std::fs::write(&file, csv(20_000)).unwrap();

    let progress = Progress::new();
    let stopper = cancel_at(&progress, ProgressStep::WritingRows);
    let err = f.desk.import_csv_file_with(&file, &progress).unwrap_err();
    assert!(stopper.join().unwrap(), "the cancel was taken while rows were written");
    assert_eq!(err.code, ErrorCode::Cancelled, "{}", err.message);
    assert!(err.message.contains("nothing was written"));
    let all = ListComplaintsInput { status: "all".into(), ..Default::default() };
    assert_eq!(f.desk.list_complaints(all.clone()).unwrap().total, 0, "no row of the stopped import is kept");
    assert_eq!(f.desk.verify_audit().unwrap().events, 0, "nor an event");

    // Followed to the end: the last step counted every row of its total.
    let progress = Progress::new();
    let out = f.desk.import_csv_file_with(&file, &progress).unwrap();
    assert_eq!(out.imported, 20_000);
    let last = progress.report();
    assert_eq!(last.step, ProgressStep::Finishing);
    assert!(!last.can_cancel, "committed: too late to stop");
    assert!(!progress.cancel(), "a cancel after the commit is not taken");
    assert_eq!(f.desk.list_complaints(all).unwrap().total, 20_000);
}

#[test]
fn a_verification_shows_its_steps_and_can_be_stopped() {
    let mut f = desk_at("2026-11-30T15:00:00Z");
    f.desk.import_csv("many.csv", csv(20_000).as_bytes()).unwrap();
    let progress = Progress::new();
    let stopper = cancel_at(&progress, ProgressStep::CheckingRecords);
    let err = f.desk.verify_audit_with(&progress).unwrap_err();
    assert!(stopper.join().unwrap());
    assert_eq!(err.code, ErrorCode::Cancelled);
    // Not stopped: it reaches the end and says the file is sound.
    let progress = Progress::new();
    let report = f.desk.verify_audit_with(&progress).unwrap();
    assert!(report.ok);
    let last = progress.report();
    assert!(last.done > 0 && last.total.is_some(), "{last:?}");
}

#[test]
fn an_export_stopped_before_it_is_saved_gives_no_file() {
    let mut f = desk_at("2026-12-01T15:00:00Z");
    f.desk.import_csv("many.csv", csv(20_000).as_bytes()).unwrap();
    let progress = Progress::new();
    let stopper = cancel_at(&progress, ProgressStep::ReadingReport);
    let err = f.desk.export_report_with(ExportReportInput { month: "2026-11".into(), format: ReportFormat::Xlsx }, &progress).unwrap_err();
    assert!(stopper.join().unwrap());
    assert_eq!(err.code, ErrorCode::Cancelled);
    let file = f.desk.export_report_with(ExportReportInput { month: "2026-11".into(), format: ReportFormat::Csv }, &Progress::new()).unwrap();
    assert!(file.bytes.len() > 20_000 * 20, "the whole month");
}
