//! A soak bench, not a CI test: an officer's scripted day on the real app, sampling the memory
//! of the app and its web process. Run it with
//! `CDESK_SOAK_MINUTES=60 xvfb-run -a cargo test -p cdesk-e2e soak -- --ignored --nocapture`
//! (default 3 minutes). It prints the resident memory at idle and as the session goes on, and
//! the ratio of the last sample to the first one after warming up: growth shows as a ratio
//! well above 1.

use std::time::{Duration, Instant};

use cdesk_e2e::App;

/// Resident memory of a process in KiB, from /proc.
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmRSS:")).and_then(|v| v.split_whitespace().next()).and_then(|n| n.parse().ok())
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: the fields after it are fixed.
    stat.rsplit_once(')')?.1.split_whitespace().nth(1)?.parse().ok()
}

fn command_line(pid: u32) -> String {
    std::fs::read(format!("/proc/{pid}/cmdline")).map(|b| String::from_utf8_lossy(&b).replace('\0', " ")).unwrap_or_default()
}

/// The app on `db` and every process below it (the WebKit web and network processes).
fn app_processes(db: &std::path::Path) -> Vec<(u32, String)> {
    let pids: Vec<u32> = std::fs::read_dir("/proc").into_iter().flatten().flatten().filter_map(|e| e.file_name().to_str()?.parse().ok()).collect();
    let db = db.display().to_string();
    let Some(app) = pids.iter().copied().find(|p| {
        let cmd = command_line(*p);
        cmd.contains("compliance-desk") && cmd.contains(&db)
    }) else {
        return Vec::new();
    };
    let below = |p: u32| {
        let mut at = p;
        while let Some(parent) = parent_of(at) {
            if parent == app {
                return true;
            }
            if parent <= 1 {
                return false;
            }
            at = parent;
        }
        false
    };
    let name = |p: u32| command_line(p).split_whitespace().next().unwrap_or("").rsplit('/').next().unwrap_or("").to_owned();
    std::iter::once(app).chain(pids.iter().copied().filter(|p| *p != app && below(*p))).map(|p| (p, name(p))).collect()
}

/// Total resident memory of the app's processes, in MiB, with the app's own and the largest
/// web process's.
fn sample(db: &std::path::Path) -> (f64, f64, f64) {
    let procs = app_processes(db);
    let mib = |k: u64| k as f64 / 1024.0;
    let app = procs.first().and_then(|(p, _)| rss_kib(*p)).unwrap_or(0);
    let web = procs.iter().filter(|(_, n)| n.contains("WebKitWebProcess")).filter_map(|(p, _)| rss_kib(*p)).max().unwrap_or(0);
    let total: u64 = procs.iter().filter_map(|(p, _)| rss_kib(*p)).sum();
    (mib(total), mib(app), mib(web))
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a soak bench: run it on purpose, see the module's comment"]
async fn soak_an_officers_day_keeps_memory_flat() {
    let minutes: u64 = std::env::var("CDESK_SOAK_MINUTES").ok().and_then(|m| m.parse().ok()).unwrap_or(3);
    let app = App::start().await;
    app.el("register-view").await;
    tokio::time::sleep(Duration::from_secs(10)).await;
    let idle = sample(&app.db);
    println!("idle after start: total {:.0} MiB (app {:.0} MiB, web process {:.0} MiB)", idle.0, idle.1, idle.2);
    let end = Instant::now() + Duration::from_secs(minutes * 60);
    let (mut rounds, mut warm) = (0u64, None);
    while Instant::now() < end {
        rounds += 1;
        if rounds % 5 == 1 {
            crate::log_complaint(&app, "operational", &format!("Soak round {rounds}: card declined"), &[]).await;
            app.click("back-to-register").await;
        }
        for view in ["nav-reports", "nav-accounts", "nav-reserve", "nav-playbook", "nav-settings", "nav-register"] {
            if app.has(view).await {
                app.click(view).await;
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
        }
        if rounds == 3 {
            warm = Some(sample(&app.db));
        }
        if rounds % 10 == 0 {
            let now = sample(&app.db);
            println!("round {rounds}: total {:.0} MiB (app {:.0}, web {:.0})", now.0, now.1, now.2);
        }
    }
    let last = sample(&app.db);
    let warm = warm.unwrap_or(idle);
    println!(
        "after {rounds} rounds in {minutes} min: total {:.0} MiB; last / warmed-up = {:.2} (web process {:.2})",
        last.0,
        last.0 / warm.0.max(1.0),
        last.2 / warm.2.max(1.0)
    );
    app.stop().await;
}
