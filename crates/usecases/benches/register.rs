//! Register benchmark: imports 100,000 complaints into a new database file through the use
//! case that `cdesk import` calls, then times the register's first page, the header counts and
//! a text search through the use-case API. Run: `cargo bench -p cdesk-usecases --bench register`.
//! Goals: import under 10 s; each query under 50 ms.

use std::time::{Duration, Instant};

use cdesk_usecases::{Desk, ListComplaintsInput};

const ROWS: usize = 100_000;

fn csv_of(rows: usize) -> String {
    // A complaint through a regulator is always executive: the executive rows come that way.
    let channels = ["phone", "email", "letter", "in_person", "social_media", "web_form"];
    let names = ["Ada Example", "Jürgen Müller", "山田 花子", "Grace Hopper", "Émile Zola"];
    let mut s = String::from("received,kind,channel,summary,grounds,product,complainant_name,account\n");
    for i in 0..rows {
        // Spread over 2026, about 270 a day.
        let day = 1 + (i * 320 / rows);
        let date = chrono::NaiveDate::from_yo_opt(2026, day as u32).expect("a day of 2026");
        let executive = i % 10 == 0;
        s.push_str(&format!(
            "{}T{:02}:{:02}:00-05:00,{},{},Complaint number {i} about card {},{},{},{},acct_{:08}\n",
            date,
            8 + i % 10,
            i % 60,
            if executive { "executive" } else { "operational" },
            if executive { "regulator" } else { channels[i % channels.len()] },
            i % 977,
            if executive { "regulator" } else { "" },
            if i % 3 == 0 { "treasury" } else { "issuing" },
            names[i % names.len()],
            i
        ));
    }
    s
}

fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> T) {
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label:<44} median {:>7.2} ms   p95 {:>7.2} ms   max {:>7.2} ms   ({runs} runs)",
        ms(samples[runs / 2]),
        ms(samples[runs * 95 / 100]),
        ms(samples[runs - 1])
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("a temp dir");
    // The bench signs its history with a key of its own, not the keychain's or config folder's.
    std::env::set_var("CDESK_KEY_FILE", dir.path().join("history.key"));
    let path = dir.path().join("bench.db");
    let csv = csv_of(ROWS);
    let csv_path = dir.path().join("bench.csv");
    std::fs::write(&csv_path, &csv).expect("csv written");
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T15:00:00Z").unwrap().with_timezone(&chrono::Utc);
    let mut desk = Desk::open(&path, "bench").expect("db").with_now(move || now);

    // The same file with one bad row at the end: parsing and validating everything, writing nothing.
    let t = Instant::now();
    let refused = desk.import_csv("bad.csv", format!("{csv}2026-11-20T10:00:00-05:00,operational,fax,x,,,,\n").as_bytes());
    assert!(refused.is_err(), "the bad row must refuse the import");
    println!("{:<44} {:>7.2} s", "  of which parsing and validation", t.elapsed().as_secs_f64());

    let t = Instant::now();
    let file = std::fs::File::open(&csv_path).expect("csv");
    let out = desk.import_csv("bench.csv", std::io::BufReader::new(file)).expect("import");
    println!("{:<44} {:>7.2} s  ({} rows)", "import_csv of 100,000 rows", t.elapsed().as_secs_f64(), out.imported);

    let db_mb = std::fs::metadata(&path).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0);
    println!("{:<44} {db_mb:>7.1} MB", "database size");

    time("register first page (open, 50 rows)", 50, || desk.list_complaints(ListComplaintsInput::default()).unwrap());
    time("register first page (all, 50 rows)", 50, || {
        desk.list_complaints(ListComplaintsInput { status: "all".into(), ..Default::default() }).unwrap()
    });
    time("register first page (overdue, 50 rows)", 50, || {
        desk.list_complaints(ListComplaintsInput { status: "overdue".into(), ..Default::default() }).unwrap()
    });
    time("register first page (due_soon, 50 rows)", 50, || {
        desk.list_complaints(ListComplaintsInput { status: "due_soon".into(), ..Default::default() }).unwrap()
    });
    time("header counts", 50, || desk.register_counts().unwrap());
    time("text search \"card 976\" (open)", 50, || {
        desk.list_complaints(ListComplaintsInput { search: Some("card 976".into()), ..Default::default() }).unwrap()
    });
    time("text search \"müller\" (all)", 50, || {
        desk.list_complaints(ListComplaintsInput { status: "all".into(), search: Some("müller".into()), ..Default::default() }).unwrap()
    });
    time("text search with no match (all)", 50, || {
        desk.list_complaints(ListComplaintsInput { status: "all".into(), search: Some("zzzz-none".into()), ..Default::default() }).unwrap()
    });
    time("complaint detail", 50, || desk.complaint("CMP-2026-50000").unwrap());
}
