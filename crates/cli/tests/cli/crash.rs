//! Writers killed at random points (SIGKILL: no chance to clean up) lose nothing they reported
//! as recorded, leave nothing half-written, and the file still verifies against its journal.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::{json_of, Db};

#[test]
fn crash_writers_killed_at_random_points_lose_nothing_committed() {
    let db = Db::new();
    // The first complaint makes the file, the journal and the key.
    let mut recorded = vec![crate::log_operational(&db, "2026-11-20T10:00:00-05:00", "email", "Before the crashes")];
    // A fixed seed: the same kill points on every run, spread over a writer's whole life.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut killed = 0;
    for round in 0..60 {
        // Two writers at once, so that the journal sees commits interleave.
        let mut children: Vec<_> = (0..2)
            .map(|w| {
                db.cmd_std()
                    .args(["complaint", "add", "--received", "2026-11-20T10:00:00-05:00", "--kind", "operational", "--channel", "email"])
                    .args(["--summary", &format!("Round {round} writer {w}"), "--json"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let wait = Duration::from_micros(next() % 30_000);
        let start = Instant::now();
        while start.elapsed() < wait {
            std::thread::sleep(Duration::from_micros(500));
        }
        for child in &mut children {
            if matches!(child.try_wait(), Ok(None)) {
                let _ = child.kill();
            }
        }
        for child in children {
            let out = child.wait_with_output().unwrap();
            if out.status.success() {
                recorded.push(json_of(&out.stdout)["id"].as_str().unwrap().to_owned());
            } else {
                killed += 1;
            }
        }
    }
    eprintln!("killed {killed} of 120 writers mid-way");
    // How many die depends on the machine's speed; some always do (a writer lives longer than
    // the shortest waits).
    assert!(killed >= 3, "some writers must have been killed mid-way (killed {killed} of 120)");
    // Every complaint a writer reported as recorded is in the register, and the file verifies.
    db.cmd().args(["audit", "verify"]).assert().success();
    let out = db.cmd().args(["complaint", "list", "--status", "all", "--json"]).assert().success().get_output().stdout.clone();
    let listed = json_of(&out);
    let text = listed.to_string();
    for id in &recorded {
        assert!(text.contains(id.as_str()), "{id} was reported as recorded but is missing");
    }
}
