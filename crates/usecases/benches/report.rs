//! Monthly report benchmark: a database of 1,000,000 complaints, 20,000 of them received in
//! October 2026 (the rest in later months), then the October report as CSV, XLSX and PDF through
//! the use case the app and `cdesk report monthly` call, with the peak memory of each export.
//! Run: `cargo bench -p cdesk-usecases --bench report`. Goals: CSV 1 s, XLSX 3 s, PDF 10 s.
//! Each export is also given as a ratio to the sqlite3 CLI reading the month's events, when
//! sqlite3 is installed; so is `audit verify`, to the sqlite3 CLI reading every event.

use std::time::Instant;

use cdesk_usecases::{Desk, ExportReportInput, ReportFormat};

const TOTAL: usize = 1_000_000;
const IN_MONTH: usize = 20_000;
const BATCH: usize = 100_000;
/// What any October report must at least read: the month's complaints and all their events.
const MONTH_EVENTS_SQL: &str = "SELECT a.entity_id, a.seq, a.recorded_at, a.payload FROM complaints c \
     JOIN audit_events a ON a.entity = 'complaint' AND a.entity_id = c.id \
     WHERE c.received_at >= '2026-10-01T04:00:00Z' AND c.received_at < '2026-11-01T04:00:00Z'";

fn rows(from: usize, to: usize) -> String {
    // A complaint through a regulator is always executive: the executive rows come that way.
    let channels = ["phone", "email", "letter", "in_person", "social_media", "web_form"];
    let names = ["Ada Example", "Jürgen Müller", "山田 花子", "Grace Hopper", "Émile Zola"];
    let mut s = String::from("received,kind,channel,summary,grounds,product,complainant_name,account\n");
    for i in from..to {
        // The first 20,000 in October 2026; the rest spread over the following months.
        let date = if i < IN_MONTH {
            chrono::NaiveDate::from_ymd_opt(2026, 10, 1 + (i % 31) as u32).unwrap()
        } else {
            chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap() + chrono::Duration::days(((i - IN_MONTH) / 700) as i64)
        };
        let executive = i % 10 == 0;
        s.push_str(&format!(
            "{date}T{:02}:{:02}:00-04:00,{},{},Complaint {i} about a declined card,{},{},{},acct_{i:08}\n",
            8 + i % 10,
            i % 60,
            if executive { "executive" } else { "operational" },
            if executive { "regulator" } else { channels[i % channels.len()] },
            if executive { "regulator" } else { "" },
            if i % 3 == 0 { "treasury" } else { "issuing" },
            names[i % names.len()],
        ));
    }
    s
}

/// Peak resident memory (VmHWM) in MB, then reset so the next step is measured alone.
fn peak_mb_and_reset() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    kb / 1024.0
}

/// The sqlite3 CLI running `sql` on the file: a first run warms the cache and tells whether
/// sqlite3 is installed; the second is timed.
fn sqlite3_secs(path: &std::path::Path, sql: &str) -> Option<f64> {
    let run = || std::process::Command::new("sqlite3").arg(path).arg(sql).stdout(std::process::Stdio::null()).status();
    run().ok().filter(|s| s.success())?;
    let t = Instant::now();
    run().ok()?;
    Some(t.elapsed().as_secs_f64())
}

fn main() {
    let dir = tempfile::tempdir().expect("a temp dir");
    // The bench signs its history with a key of its own, not the keychain's or config folder's.
    std::env::set_var("CDESK_KEY_FILE", dir.path().join("history.key"));
    let path = dir.path().join("report-bench.db");
    // After the last complaint received (steps are never dated in the future).
    let now = chrono::DateTime::parse_from_rfc3339("2030-12-01T15:00:00Z").unwrap().with_timezone(&chrono::Utc);
    let mut desk = Desk::open(&path, "bench").expect("db").with_now(move || now);
    let t = Instant::now();
    for from in (0..TOTAL).step_by(BATCH) {
        desk.import_csv("bench.csv", rows(from, from + BATCH).as_bytes()).expect("import");
    }
    println!("{:<34} {:>8.1} s", "import of 1,000,000 complaints", t.elapsed().as_secs_f64());
    println!("{:<34} {:>8.1} MB", "peak memory while importing", peak_mb_and_reset());
    // The yardstick: the sqlite3 CLI on the same file reading the same month's events.
    let reference = sqlite3_secs(&path, MONTH_EVENTS_SQL);
    if let Some(r) = reference {
        println!("{:<34} {:>8.2} s", "sqlite3 reading the month's events", r);
    }
    // Verification rebuilds all 1,000,000 complaints from the history; its yardstick is the
    // sqlite3 CLI reading every event of the same file.
    let all_events = sqlite3_secs(&path, "SELECT seq, recorded_at, actor, entity, entity_id, action, payload, prev_hash, hash FROM audit_events");
    if let Some(r) = all_events {
        println!("{:<34} {:>8.2} s", "sqlite3 reading every event", r);
    }
    let t = Instant::now();
    let report = desk.verify_audit().expect("verify");
    assert!(report.ok, "{:?}", report.problem);
    let secs = t.elapsed().as_secs_f64();
    let ratio = all_events.map(|r| format!("   {:>5.1}x sqlite3", secs / r)).unwrap_or_default();
    println!("{:<34} {:>8.2} s   peak {:>6.1} MB{ratio}", "audit verify (every read model)", secs, peak_mb_and_reset());
    // The first report of a session checks the register against the history first (the
    // figures below include it for CSV; later reports of the same desk skip it until another
    // connection changes the file).
    for format in [ReportFormat::Csv, ReportFormat::Xlsx, ReportFormat::Pdf] {
        let t = Instant::now();
        let file = desk.export_report(ExportReportInput { month: "2026-10".into(), format }).expect("export");
        let secs = t.elapsed().as_secs_f64();
        let ratio = reference.map(|r| format!("   {:>5.1}x sqlite3", secs / r)).unwrap_or_default();
        println!(
            "{:<34} {:>8.2} s   {:>6.1} MB file   peak {:>6.1} MB{ratio}",
            format!("October report as {}", format.extension()),
            secs,
            file.bytes.len() as f64 / 1e6,
            peak_mb_and_reset()
        );
    }
}
