use std::process::Command;

use cdesk_domain::report::MonthlyReport;
use cdesk_exports::{report_pdf, report_pdf_from};
use chrono::{TimeZone, Utc};

use crate::fixtures;

fn generated_at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 8, 15, 0).unwrap()
}

fn pdf(report: &MonthlyReport) -> Vec<u8> {
    report_pdf(report, generated_at()).unwrap_or_else(|e| panic!("{e}"))
}

/// Pages counted from the page objects (`/Type/Page`, not `/Type/Pages`).
fn page_count(bytes: &[u8]) -> usize {
    let needle = b"/Type/Page";
    bytes.windows(needle.len() + 1).filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's').count()
}

fn contains(bytes: &[u8], s: &str) -> bool {
    bytes.windows(s.len()).any(|w| w == s.as_bytes())
}

/// The text of the PDF by `pdftotext` (poppler-utils), or `None` when it is not installed.
fn pdftotext(bytes: &[u8], name: &str) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output();
    match out {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        Ok(o) => panic!("pdftotext failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(_) => {
            eprintln!("note: pdftotext (poppler-utils) is not installed; text extraction not checked");
            None
        }
    }
}

#[test]
fn pdf_has_cover_summary_and_list_with_embedded_fonts() {
    let bytes = pdf(&fixtures::report());
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(page_count(&bytes), 3, "cover, summary, one list page");
    assert!(contains(&bytes, "/FontFile"), "fonts are embedded");
    if let Some(text) = pdftotext(&bytes, "report") {
        for expected in [
            "Complaint report for Stripe",
            "Acme Card Program",
            "October 2026",
            "Europe/Berlin",
            "2026-11-02 08:15 UTC",
            "2026-11-02 09:15 CET",
            "Jürgen Müller",
            "Müller",
            "山田 花子",
            "漢字かなカナ",
            "Straße",
            "=HYPERLINK(\"x\")",
            "CMP-2026-00090",
            "Page 1 of 3",
            "Page 3 of 3",
            "25.00 USD",
            "5000 JPY",
            "Reopened ×1",
            "first resolved",
            "2026-09-30",
            "Entered late",
        ] {
            assert!(text.contains(expected), "{expected:?} not in the PDF's text:\n{text}");
        }
    }
}

#[test]
fn empty_month_pdf_says_so() {
    let bytes = pdf(&fixtures::empty_report());
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(page_count(&bytes), 3);
    if let Some(text) = pdftotext(&bytes, "empty") {
        assert!(text.contains("No complaints in this month"), "{text}");
    }
}

#[test]
fn long_list_runs_over_pages_with_numbers_and_repeated_header() {
    let report = fixtures::large_report(300);
    let bytes = pdf(&report);
    let pages = page_count(&bytes);
    assert!(pages > 6, "{pages} pages for 300 rows");
    if let Some(text) = pdftotext(&bytes, "long") {
        assert!(text.contains(&format!("Page {pages} of {pages}")), "last page number");
        // The header row is on every list page (cover and summary have none).
        assert_eq!(text.matches("Complainant /").count(), pages - 2);
        assert!(text.contains("(continued)"));
        // Every complaint is listed once.
        for i in [1, 150, 300] {
            assert_eq!(text.matches(&format!("CMP-2026-{i:05}")).count(), 1, "CMP-2026-{i:05}");
        }
    }
}

#[test]
fn a_pdf_made_from_a_report_it_takes_is_the_same_file() {
    // The export lets each row go as its page is drawn: the file must not change for it, over
    // sections, continued bands and many pages, nor for an empty month.
    for report in [fixtures::large_report(300), fixtures::report(), fixtures::empty_report()] {
        let taken = report_pdf_from(report.clone(), generated_at()).unwrap();
        assert!(taken == pdf(&report), "{} rows: the PDFs differ", report.rows.len());
    }
}

#[test]
fn pdf_is_the_same_for_the_same_input() {
    let r = fixtures::report();
    assert!(pdf(&r) == pdf(&r));
}

#[test]
fn many_tallies_move_to_a_summary_page_of_their_own() {
    let mut report = fixtures::report();
    report.summary.by_topic = (0..20).map(|i| cdesk_domain::report::Tally { key: format!("topic_{i:02}"), count: 1 }).collect();
    let bytes = pdf(&report);
    assert_eq!(page_count(&bytes), 4, "cover, summary, tallies, list");
    if let Some(text) = pdftotext(&bytes, "tallies") {
        assert!(text.contains("Summary (continued)"));
        assert!(text.contains("Topic 19"), "every topic listed");
        assert!(text.contains("Page 4 of 4"));
    }
}
