//! The team register at 1,000,000 complaints: the lived-in database of the `million` benchmark
//! moved onto a PostgreSQL server with `team migrate`, then what the app's register asks for
//! (the first page, the header counts, the searches) timed on the team database beside the same
//! calls on the SQLite file, in the same run, with the ratio of the two.
//!
//! Run: `cargo bench -p cdesk --bench team`. The server is `CDESK_BENCH_PG` (a superuser's URL);
//! without it the bench starts a throwaway cluster with `scripts/pg-cluster.sh` (PostgreSQL's
//! server must be installed) and stops it after. `CDESK_BENCH_COMPLAINTS` and `CDESK_BENCH_DIR`
//! as for `million` (the SQLite file built there is reused); `CDESK_BENCH_KEEP` keeps the team
//! database on the server afterwards, to look at its plans.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use cdesk_usecases::{Desk, ListComplaintsInput};

mod lived_in;
use lived_in::{in_process, LivedIn};

const RUNS: usize = 10;

/// One call the register makes, on either desk.
type Call = Box<dyn Fn(&mut Desk)>;

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// A throwaway cluster of the repository's script, stopped when dropped.
struct Cluster(PathBuf);

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new(script()).arg("stop").arg(&self.0).status();
    }
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pg-cluster.sh")
}

fn main() {
    let bench = LivedIn::prepare();
    let (total, db, now) = (bench.total, bench.db.clone(), bench.now);

    let (server, _cluster) = match std::env::var("CDESK_BENCH_PG").ok().filter(|s| !s.is_empty()) {
        Some(url) => (url, None),
        None => {
            let cluster = bench.scratch().join("pg");
            std::fs::create_dir_all(&cluster).expect("cluster dir");
            let out = Command::new(script()).arg("start").arg(&cluster).output().expect("scripts/pg-cluster.sh runs");
            assert!(out.status.success(), "the cluster did not start: {}", String::from_utf8_lossy(&out.stderr));
            (String::from_utf8(out.stdout).expect("a URL").trim().to_owned(), Some(Cluster(cluster)))
        }
    };
    let admin = cdesk_store::pg::schema::scratch_database(&server).expect("a team database");
    let t = Instant::now();
    let moved = cdesk_usecases::team_migrate(&db, &admin).expect("team migrate");
    let migrate = t.elapsed();
    let officer = cdesk_store::pg::schema::scratch_officer(&admin, "bench officer", "a long bench password", "officer").expect("an officer");
    // The server's statistics, as an autovacuum would have them after a while.
    cdesk_store::pg::connect_client(&admin).expect("admin").batch_execute("VACUUM ANALYZE").expect("analyze");

    let mut file = Desk::open(&db, "bench officer").expect("open").with_now(move || now);
    let mut team = Desk::connect(&officer).expect("sign in").with_now(move || now);
    println!(
        "\n{total} complaints, {} events moved onto PostgreSQL by `team migrate` in {:.1} s (verified on both sides); medians of {RUNS} calls through the use cases, as the app makes them\n",
        moved.events,
        migrate.as_secs_f64()
    );
    println!("| operation | SQLite file | PostgreSQL (team) | ratio |");
    println!("|---|---|---|---|");
    let page = |desk: &mut Desk, status: &str, search: Option<&str>, mine: bool| {
        desk.list_complaints(ListComplaintsInput { status: status.into(), search: search.map(str::to_owned), mine, ..Default::default() }).expect("page")
    };
    let rare = format!("r{:07}", total / 3);
    let cases: Vec<(String, Call)> = vec![
        ("register first page, open".into(), Box::new(move |d: &mut Desk| drop(page(d, "open", None, false)))),
        ("register first page, all".into(), Box::new(move |d: &mut Desk| drop(page(d, "all", None, false)))),
        ("register first page, mine".into(), Box::new(move |d: &mut Desk| drop(page(d, "open", None, true)))),
        ("header counts".into(), Box::new(|d: &mut Desk| drop(d.register_counts().expect("counts")))),
        ("header counts, mine".into(), Box::new(|d: &mut Desk| drop(d.register_counts_scoped(true).expect("counts")))),
        (format!("search, rare term ({rare})"), Box::new(move |d: &mut Desk| drop(page(d, "all", Some(&rare.clone()), false)))),
        (format!("search, broad term ({} rows)", total / 5), Box::new(move |d: &mut Desk| drop(page(d, "all", Some("chargeback"), false)))),
        ("search, no match".into(), Box::new(move |d: &mut Desk| drop(page(d, "all", Some("zzqqxx"), false)))),
    ];
    for (label, call) in &cases {
        let lite = in_process(RUNS, || call(&mut file));
        let pg = in_process(RUNS, || call(&mut team));
        println!("| {label} | {} | {} | {:.2}× |", ms(lite), ms(pg), pg.as_secs_f64() / lite.as_secs_f64().max(1e-9));
    }
    println!();
    drop(team);
    if std::env::var_os("CDESK_BENCH_KEEP").is_some() {
        println!("kept the team database for a look: {}", cdesk_store::pg::shown_url(&admin));
    } else {
        cdesk_store::pg::schema::drop_scratch_database(&server, &admin);
    }
}
