//! Timings for a month of 20,000 complaints. Ignored by default; run in release mode:
//! `cargo test -p cdesk-exports --release --test exports -- --ignored --nocapture`.
//! Set `CDESK_EXPORTS_SAMPLE_DIR` to a folder to also write the files there for a look.

use std::time::Instant;

use cdesk_exports::{report_csv, report_pdf, report_xlsx};
use chrono::{TimeZone, Utc};

use crate::fixtures;

fn save(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("CDESK_EXPORTS_SAMPLE_DIR") {
        let path = std::path::Path::new(&dir).join(name);
        std::fs::write(&path, bytes).unwrap();
        println!("wrote {}", path.display());
    }
}

#[test]
#[ignore = "timing run; use --release --ignored --nocapture"]
fn timings_for_20000_rows() {
    let report = fixtures::large_report(20_000);
    let at = Utc.with_ymd_and_hms(2026, 11, 2, 8, 15, 0).unwrap();

    let t = Instant::now();
    let csv = report_csv(&report);
    println!("CSV:  {:>8.3} s, {} bytes", t.elapsed().as_secs_f64(), csv.len());

    let t = Instant::now();
    let xlsx = report_xlsx(&report).unwrap();
    println!("XLSX: {:>8.3} s, {} bytes", t.elapsed().as_secs_f64(), xlsx.len());

    let t = Instant::now();
    let pdf = report_pdf(&report, at).unwrap();
    println!("PDF:  {:>8.3} s, {} bytes", t.elapsed().as_secs_f64(), pdf.len());
    save("large.pdf", &pdf);
}

#[test]
#[ignore = "writes sample files for a look; set CDESK_EXPORTS_SAMPLE_DIR"]
fn write_samples() {
    let at = Utc.with_ymd_and_hms(2026, 11, 2, 8, 15, 0).unwrap();
    save("report.pdf", &report_pdf(&fixtures::report(), at).unwrap());
    save("empty.pdf", &report_pdf(&fixtures::empty_report(), at).unwrap());
    save("long.pdf", &report_pdf(&fixtures::large_report(120), at).unwrap());
    save("report.xlsx", &report_xlsx(&fixtures::report()).unwrap());
    save("report.csv", &report_csv(&fixtures::report()));
}
