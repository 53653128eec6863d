//! The lived-in register benchmark: a database of 1,000,000 complaints with the history of a
//! register in use (acknowledged, Stripe notified and reviewed, resolved, reopened and resolved
//! again; carried over into the report month; German and Japanese text), built once through the
//! use cases, then every operation of the register timed through the `cdesk` binary (or the
//! use-case API, for what the app calls) against the sqlite3 CLI doing the same work on the same
//! file, in the same run, with the ratio and the peak memory of each.
//!
//! Run: `cargo bench -p cdesk --bench million`. `CDESK_BENCH_COMPLAINTS` sets another size
//! (e.g. 100000 for a quick look); `CDESK_BENCH_DIR` keeps the built files in that folder and
//! reuses them on the next run of the same size. Needs the sqlite3 CLI and sha256sum.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cdesk_usecases::{Desk, ListComplaintsInput};

mod lived_in;
use lived_in::{in_process, median, LivedIn, MONTH, MONTH_END, MONTH_START, NOW};

const RUNS: usize = 3;

/// The register's columns in its order, as the sqlite3 yardstick prints them.
const REGISTER_COLUMNS: &str = "id, received_at, kind, grounds, status, product, channel, summary, complainant_name, contact_hold, \
     acknowledge_by, resolve_by, notify_stripe_by, next_clock, next_due";
const REGISTER_ORDER: &str = "ORDER BY sort_due, received_at, id";

/// One timed run of a child process.
fn run(cmd: &mut Command) -> Duration {
    let t = Instant::now();
    let status = cmd.stdin(Stdio::null()).status().expect("a process");
    let elapsed = t.elapsed();
    assert!(status.success(), "{cmd:?} failed with {status}");
    elapsed
}

/// The peak resident memory of `cmd` in MB, measured in a run of its own (not timed), by GNU
/// time wrapped around it (`/usr/bin/time -f %M`): a child spawned straight from this process
/// would report this process's own memory (it starts as a copy of it until it execs).
fn peak_mb(cmd: &mut Command) -> Option<f64> {
    let out = tempfile::NamedTempFile::new().ok()?;
    let mut timed = Command::new("/usr/bin/time");
    timed.arg("-f").arg("%M").arg("-o").arg(out.path()).arg(cmd.get_program()).args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => timed.env(k, v),
            None => timed.env_remove(k),
        };
    }
    run(timed.stdout(Stdio::null()));
    let kb: f64 = std::fs::read_to_string(out.path()).ok()?.trim().lines().last()?.trim().parse().ok()?;
    Some(kb / 1024.0)
}

/// A row of the table: `cdesk` and its yardstick run in turns, `RUNS` times each, medians.
struct Table {
    rows: Vec<String>,
}

impl Table {
    fn pair(&mut self, label: &str, target: &str, mut cdesk: impl FnMut() -> Command, mut reference: impl FnMut() -> Command) {
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        // A first pair warms the page cache and is not counted; cdesk's memory is taken in it.
        let peak = peak_mb(&mut cdesk());
        run(&mut reference());
        for _ in 0..RUNS {
            ours.push(run(&mut cdesk()));
            theirs.push(run(&mut reference()));
        }
        self.row(label, median(ours), Some(median(theirs)), peak, target);
    }

    fn row(&mut self, label: &str, ours: Duration, reference: Option<Duration>, peak: Option<f64>, target: &str) {
        let s = |d: Duration| match d.as_secs_f64() {
            secs if secs < 1.0 => format!("{:.1} ms", secs * 1000.0),
            secs => format!("{secs:.2} s"),
        };
        let line = format!(
            "| {label} | {} | {} | {} | {} | {target} |",
            s(ours),
            reference.map(s).unwrap_or_else(|| "—".into()),
            reference.map(|r| format!("{:.2}×", ours.as_secs_f64() / r.as_secs_f64().max(1e-9))).unwrap_or_else(|| "—".into()),
            peak.map(|p| format!("{p:.0} MB")).unwrap_or_else(|| "—".into()),
        );
        println!("{line}");
        self.rows.push(line);
    }
}

fn sqlite3(db: &Path, args: &[&str], out: Option<&Path>) -> Command {
    // Options first, then the file, then the SQL (the last of `args`).
    let (sql, options) = args.split_last().expect("an SQL statement");
    let mut c = Command::new("sqlite3");
    c.args(options).arg(db).arg(sql);
    c.stdout(match out {
        Some(p) => Stdio::from(std::fs::File::create(p).expect("output file")),
        None => Stdio::null(),
    });
    c
}

/// The sqlite3 CLI importing the same rows into the same schema: the CSV read into a staging
/// table, then a logged event (JSON payload, a SHA-3 for its hash), a register row and its
/// search text for each, the trigram index filled in bulk as cdesk fills it, in one transaction.
fn reference_import_script(csv: &Path) -> String {
    format!(
        ".import --csv {csv} staging
BEGIN;
INSERT INTO audit_events (seq, recorded_at, actor, entity, entity_id, action, payload, prev_hash, hash)
  SELECT rowid, '{NOW}', 'bench officer', 'complaint', printf('CMP-%07d', rowid), 'logged',
    json_object('received_at', received, 'kind', kind, 'channel', channel, 'summary', summary, 'grounds', grounds,
      'product', product, 'complainant', json_object('name', complainant_name, 'account', account)),
    '', hex(sha3(received || kind || channel || summary || complainant_name || account, 256))
  FROM staging;
INSERT INTO complaints (id, received_at, received_date, kind, grounds, status, product, channel, topic, summary,
    complainant_name, contact_hold, acknowledge_by, resolve_by, notify_stripe_by, next_clock, next_due, sort_due,
    last_event_seq, resolved_at)
  SELECT printf('CMP-%07d', rowid), received, substr(received, 1, 10), kind, grounds, 'open', product, channel, NULL,
    summary, complainant_name, kind = 'executive', date(substr(received, 1, 10), '+7 days'),
    date(substr(received, 1, 10), '+21 days'), NULL, 'acknowledge', date(substr(received, 1, 10), '+7 days'),
    date(substr(received, 1, 10), '+7 days'), rowid, NULL
  FROM staging;
DROP TRIGGER complaint_search_ai;
INSERT INTO complaint_search (rowid, text) SELECT rowid, lower(id || ' ' || summary || ' ' || complainant_name) FROM complaints;
INSERT INTO complaint_fts (complaint_fts) VALUES ('rebuild');
CREATE TRIGGER complaint_search_ai AFTER INSERT ON complaint_search BEGIN
  INSERT INTO complaint_fts (rowid, text) VALUES (new.rowid, new.text);
END;
DROP TABLE staging;
COMMIT;
",
        csv = csv.display()
    )
}

fn main() {
    let bench = LivedIn::prepare();
    let (total, dir, db, csv, now) = (bench.total, bench.dir.clone(), bench.db.clone(), bench.csv.clone(), bench.now);
    let cdesk_bin = env!("CARGO_BIN_EXE_cdesk");
    let cdesk = |args: &[&str]| {
        let mut c = Command::new(cdesk_bin);
        c.arg("--db").arg(&db).args(args).stdout(Stdio::null()).env("CDESK_ACTOR", "bench officer");
        c
    };
    let conn = rusqlite::Connection::open(&db).expect("sqlite");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    let events = count("SELECT count(*) FROM audit_events");
    let open = count("SELECT count(*) FROM complaints WHERE status = 'open'");
    let carried = count(&format!(
        "SELECT count(*) FROM complaints WHERE received_at < '{MONTH_START}' AND (status = 'open' OR resolved_at >= '{MONTH_START}')"
    ));
    let middle: String = conn.query_row("SELECT id FROM complaints WHERE rowid = ?1", [total as i64 / 2], |r| r.get(0)).expect("an id");
    drop(conn);
    let size = std::fs::metadata(&db).map(|m| m.len() as f64 / 1e9).unwrap_or(0.0);
    println!(
        "\n{total} complaints, {events} events, {open} open, {carried} carried over into {MONTH}, {size:.2} GB; medians of {RUNS} paired runs\n"
    );
    println!("| operation | cdesk | sqlite3 | ratio | cdesk peak RSS | target |");
    println!("|---|---|---|---|---|---|");
    let mut table = Table { rows: Vec::new() };

    // Opening: the use case's open of the file, in process (the app and every command pay it).
    let opened = in_process(5, || Desk::open(&db, "bench officer").expect("open"));
    table.row("open a database (use case, in process)", opened, None, None, "< 30 ms");

    let show_sql = format!(
        "SELECT * FROM complaints WHERE id = '{middle}'; SELECT * FROM audit_events WHERE entity = 'complaint' AND entity_id = '{middle}' ORDER BY seq;"
    );
    table.pair("`complaint show ID` (whole process)", "< 50 ms", || cdesk(&["complaint", "show", &middle]), || sqlite3(&db, &[&show_sql], None));

    let open_sql = format!("SELECT {REGISTER_COLUMNS} FROM complaints WHERE status = 'open' {REGISTER_ORDER}");
    table.pair(
        &format!("`complaint list --status open --json` ({open} rows)"),
        "≤ 2×",
        || cdesk(&["complaint", "list", "--status", "open", "--json"]),
        || sqlite3(&db, &["-json", &open_sql], None),
    );
    let all_sql = format!("SELECT {REGISTER_COLUMNS} FROM complaints {REGISTER_ORDER}");
    table.pair(
        &format!("`complaint list --status all` ({total} rows, table)"),
        "≤ 2×",
        || cdesk(&["complaint", "list", "--status", "all"]),
        || sqlite3(&db, &["-column", &all_sql], None),
    );
    table.pair(
        "`complaint list --status all --format jsonl`",
        "≤ 2×",
        || cdesk(&["complaint", "list", "--status", "all", "--format", "jsonl"]),
        || sqlite3(&db, &["-json", &all_sql], None),
    );

    // The report: the yardstick writes the month's candidates and every event of each as CSV.
    let month_sql = format!(
        "SELECT a.entity_id, a.seq, a.recorded_at, a.payload FROM (
             SELECT id, received_at FROM complaints WHERE received_at >= '{MONTH_START}' AND received_at < '{MONTH_END}'
             UNION SELECT id, received_at FROM complaints WHERE status = 'open' AND received_at < '{MONTH_START}'
             UNION SELECT id, received_at FROM complaints WHERE resolved_at >= '{MONTH_START}' AND received_at < '{MONTH_START}'
         ) c CROSS JOIN audit_events a ON a.entity = 'complaint' AND a.entity_id = c.id ORDER BY c.received_at, c.id, a.seq"
    );
    let reference_out = dir.join("reference.csv");
    for (format, target) in [("csv", "≤ 1.5×, < 200 MB"), ("xlsx", "≤ 2.5×, < 200 MB"), ("pdf", "< 200 MB")] {
        let out = dir.join(format!("report.{format}"));
        table.pair(
            &format!("monthly report {}", format.to_uppercase()),
            target,
            || {
                let _ = std::fs::remove_file(&out);
                cdesk(&["report", "monthly", "--month", MONTH, "--format", format, "--out", out.to_str().expect("a path")])
            },
            || sqlite3(&db, &["-csv", &month_sql], Some(&reference_out)),
        );
    }

    // Search as the app's register calls it (first page and count), in process.
    let mut desk = Desk::open(&db, "bench officer").expect("open").with_now(move || now);
    let page = |desk: &mut Desk, status: &str, search: Option<&str>| {
        desk.list_complaints(ListComplaintsInput { status: status.into(), search: search.map(str::to_owned), ..Default::default() }).expect("page")
    };
    let rare = format!("r{:07}", total / 3);
    // The broad term is in a fifth of the rows (the page's count stops at its cap).
    let broad_hits = total / 5;
    for (label, term) in [(format!("search, rare term ({rare})"), rare.as_str()), (format!("search, broad term ({broad_hits} rows)"), "chargeback"), ("search, no match".to_owned(), "zzqqxx")] {
        let d = in_process(10, || page(&mut desk, "all", Some(term)));
        table.row(&format!("{label} (use case, first page + count)"), d, None, None, "< 50 ms");
    }
    table.row("register first page, open (use case)", in_process(10, || page(&mut desk, "open", None)), None, None, "< 50 ms");
    table.row("header counts (use case)", in_process(10, || desk.register_counts().expect("counts")), None, None, "< 50 ms");

    // Verify: the chain part against sha256sum hashing the same fields of every event.
    let dump = dir.join("chain-bytes.txt");
    run(&mut sqlite3(&db, &["SELECT prev_hash || seq || recorded_at || actor || entity || entity_id || action || payload FROM audit_events"], Some(&dump)));
    let chain = in_process(RUNS, || desk.verify_chain().expect("chain"));
    let mut sums = Vec::new();
    for _ in 0..RUNS {
        let mut c = Command::new("sha256sum");
        c.arg(&dump).stdout(Stdio::null());
        sums.push(run(&mut c));
    }
    table.row("`audit verify`, chain part (use case)", chain, Some(median(sums)), None, "≤ 1.5× sha256sum");
    table.pair(
        "`audit verify` (chain, register, search index, file)",
        "—",
        || cdesk(&["audit", "verify"]),
        || sqlite3(&db, &["SELECT seq, recorded_at, actor, entity, entity_id, action, payload, prev_hash, hash FROM audit_events"], None),
    );
    let _ = std::fs::remove_file(&dump);

    // Import into a new file, against sqlite3 importing the same rows into the same schema.
    let script = dir.join("reference-import.sql");
    std::fs::write(&script, reference_import_script(&csv)).expect("script");
    let fresh = dir.join("import.db");
    let reference = dir.join("import-reference.db");
    let (mut ours, mut theirs, mut peak) = (Vec::new(), Vec::new(), None);
    let import = || {
        let mut c = Command::new(cdesk_bin);
        c.arg("--db").arg(&fresh).arg("import").arg(&csv).stdout(Stdio::null());
        c
    };
    for round in 0..RUNS.min(2) + 1 {
        for p in [&fresh, &reference] {
            let _ = std::fs::remove_file(p);
            run(Command::new(cdesk_bin).arg("--db").arg(p).arg("init").stdout(Stdio::null()));
        }
        // The first round measures the memory (under GNU time) and is not timed.
        if round == 0 {
            peak = peak_mb(&mut import());
            continue;
        }
        ours.push(run(&mut import()));
        let mut c = Command::new("sqlite3");
        c.arg(&reference).stdin(Stdio::null()).arg(format!(".read {}", script.display())).stdout(Stdio::null());
        theirs.push(run(&mut c));
    }
    table.row(&format!("import {total} rows into a new file"), median(ours), Some(median(theirs)), peak, "≤ 1.3×, < 200 MB");
    for p in [&fresh, &reference, &script, &reference_out] {
        let _ = std::fs::remove_file(p);
    }
    println!();
}
