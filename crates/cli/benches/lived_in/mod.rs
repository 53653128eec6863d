//! The lived-in register both benchmarks measure: 1,000,000 complaints (or
//! `CDESK_BENCH_COMPLAINTS`) with the history of a register in use, built once through the use
//! cases from an import file.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cdesk_usecases::{ComplaintStep, Desk, RecordStepInput};
use chrono::{DateTime, Duration as Days, NaiveDate, TimeZone, Utc};

/// The bench's "now": after every step it records.
#[allow(dead_code)] // the million bench writes it into its yardstick
pub const NOW: &str = "2026-12-01T15:00:00Z";
/// The report month, and the instants that bound it in New York.
#[allow(dead_code)] // the million bench reports on it
pub const MONTH: &str = "2026-10";
pub const MONTH_START: &str = "2026-10-01T04:00:00Z";
#[allow(dead_code)]
pub const MONTH_END: &str = "2026-11-01T04:00:00Z";
/// Complaints are received from this day on, evenly, to a few days before `NOW`.
const FIRST_DAY: (i32, u32, u32) = (2023, 1, 2);
const DAYS: i64 = 1_425;

struct Complaint {
    received: DateTime<Utc>,
    executive: bool,
}

fn complaint(i: usize, total: usize) -> Complaint {
    let first = NaiveDate::from_ymd_opt(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2).expect("a day");
    let day = first + Days::days(i as i64 * DAYS / total as i64);
    let at = day.and_hms_opt(13 + (i % 8) as u32, (i % 60) as u32, 0).expect("a time");
    Complaint { received: Utc.from_utc_datetime(&at), executive: i.is_multiple_of(20) }
}

/// The import file: one row per complaint, a fifth of them mentioning a chargeback (the broad
/// search term), every one with its own reference (the rare term), German and Japanese text.
fn write_csv(path: &Path, total: usize) {
    use std::io::Write;
    let channels = ["phone", "email", "letter", "in_person", "social_media", "web_form"];
    let names = ["Ada Example", "Jürgen Müller", "山田 花子", "Grace Hopper", "Émile Zola", "Zoë Straße"];
    let summaries = [
        "Card declined at the till",
        "Karte an der Kasse abgelehnt, Händler unbekannt",
        "カードが店頭で使えませんでした",
        "Late fee charged twice",
        "Chargeback not credited after 30 days",
    ];
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("csv file"));
    writeln!(out, "received,kind,channel,summary,grounds,product,complainant_name,account").unwrap();
    for i in 0..total {
        let c = complaint(i, total);
        writeln!(
            out,
            "{},{},{},\"{} (ref R{i:07})\",{},{},{},acct_{i:08}",
            c.received.to_rfc3339(),
            if c.executive { "executive" } else { "operational" },
            if c.executive { "regulator" } else { channels[i % channels.len()] },
            summaries[i % summaries.len()],
            if c.executive { "regulator" } else { "" },
            if i % 3 == 0 { "treasury" } else { "issuing" },
            names[i % names.len()],
        )
        .unwrap();
    }
}

/// What happens to complaint `i` after it is logged, in order: the history of a register in use.
fn steps_of(i: usize, total: usize, now: DateTime<Utc>, id: &str) -> Vec<RecordStepInput> {
    let c = complaint(i, total);
    let step = |at: DateTime<Utc>, step| RecordStepInput { seen: None, complaint_id: id.to_owned(), at: at.to_rfc3339(), step };
    let mut steps = Vec::new();
    let hours = |h| Days::hours(h);
    if c.executive {
        steps.push(step(c.received + hours(2), ComplaintStep::NotifyStripe { how: Some("email".into()), reference: Some(format!("SR-{i}")), note: None }));
        steps.push(step(c.received + hours(30), ComplaintStep::StripeReviewCompleted { note: None, resolve_by: None }));
    } else {
        steps.push(step(c.received + hours(20), ComplaintStep::Acknowledge { how: Some("email".into()), note: None }));
    }
    let resolve = |at, summary: &str| {
        step(at, ComplaintStep::Resolve { summary: summary.into(), outcome: Some("upheld".into()), compensation: None, root_cause: None, remediation: None, remediation_note: None })
    };
    let month_start: DateTime<Utc> = MONTH_START.parse().expect("an instant");
    let resolved_at = match i % 100 {
        // Received before September, still open when October began: carried over, resolved in it.
        0..=4 if c.received < month_start - Days::days(30) => Some(month_start + Days::days(19) + hours((i % 9) as i64)),
        // Left open.
        5..=10 => None,
        _ => Some(c.received + Days::days(6)),
    };
    if let Some(at) = resolved_at.filter(|at| *at < now - hours(2)) {
        steps.push(resolve(at, "Refunded and explained"));
        // Reopened the next day and resolved again, now and then.
        if i % 50 == 13 && at + Days::days(3) < now {
            steps.push(step(at + Days::days(1), ComplaintStep::Reopen { reason: "The customer wrote back".into() }));
            steps.push(resolve(at + Days::days(3), "Refunded the second fee as well"));
        }
    }
    steps
}

/// Builds the lived-in database at `path` (the import, then the history in batches).
fn build(path: &Path, csv: &Path, total: usize, now: DateTime<Utc>) {
    let t = Instant::now();
    let mut desk = Desk::open(path, "bench officer").expect("db").with_now(move || now);
    desk.import_csv_file(csv).expect("import");
    let conn = rusqlite::Connection::open(path).expect("sqlite");
    let mut ids: Vec<String> = conn.prepare("SELECT id FROM complaints ORDER BY rowid").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    drop(conn);
    let mut steps = 0;
    for (chunk, batch) in ids.chunks_mut(20_000).enumerate() {
        let inputs: Vec<RecordStepInput> =
            batch.iter().enumerate().flat_map(|(k, id)| steps_of(chunk * 20_000 + k, total, now, id)).collect();
        steps += desk.record_steps(inputs).expect("steps");
    }
    eprintln!("built {total} complaints and {steps} steps in {:.0} s", t.elapsed().as_secs_f64());
}

/// The lived-in database of `CDESK_BENCH_COMPLAINTS` complaints (1,000,000 unless told), built
/// in `CDESK_BENCH_DIR` (kept for the next run of the same size) or in a temporary folder.
#[allow(dead_code)] // each bench reads what it needs
pub struct LivedIn {
    pub total: usize,
    pub dir: PathBuf,
    pub db: PathBuf,
    pub csv: PathBuf,
    pub now: DateTime<Utc>,
    temp: tempfile::TempDir,
}

impl LivedIn {
    /// Finds or builds the database (and its import file); the bench's history is signed with a
    /// key of its own, not the keychain's or the config folder's.
    pub fn prepare() -> Self {
        let total: usize = std::env::var("CDESK_BENCH_COMPLAINTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
        let temp = tempfile::tempdir().expect("a temp dir");
        let dir: PathBuf = std::env::var_os("CDESK_BENCH_DIR").map(PathBuf::from).unwrap_or_else(|| temp.path().to_owned());
        std::fs::create_dir_all(&dir).expect("bench dir");
        std::env::set_var("CDESK_KEY_FILE", dir.join("history.key"));
        let now: DateTime<Utc> = NOW.parse().expect("an instant");
        let db = dir.join(format!("lived-in-{total}.db"));
        let csv = dir.join(format!("complaints-{total}.csv"));
        if !csv.exists() {
            write_csv(&csv, total);
        }
        if !db.exists() {
            build(&db, &csv, total, now);
        }
        LivedIn { total, dir, db, csv, now, temp }
    }

    /// A folder of this run's own, removed after it.
    #[allow(dead_code)]
    pub fn scratch(&self) -> &Path {
        self.temp.path()
    }
}

pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The median of `runs` calls in this process, after one not counted.
pub fn in_process<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    f();
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}
