//! Use-case tests through the real open-and-migrate path, on a temporary database file.

mod audit;
mod credit;
mod fuzz;
mod complaints;
mod import;
mod progress;
mod reports;
mod reserve;
mod settings;
mod tamper;
mod team;
mod timeline;

use cdesk_usecases::{Desk, LogComplaintInput};
use chrono::{DateTime, Utc};

pub struct Fixture {
    pub desk: Desk,
    pub path: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

/// Every desk of these tests signs its history with one key kept in a file of their own, never
/// in the keychain or the config folder of whoever runs them.
pub fn test_key() {
    static KEY: std::sync::Once = std::sync::Once::new();
    KEY.call_once(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        std::env::set_var("CDESK_KEY_FILE", dir.join("history.key"));
    });
}

/// A desk on a new database file whose clock stands at `now`.
pub fn desk_at(now: &str) -> Fixture {
    test_key();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let at: DateTime<Utc> = DateTime::parse_from_rfc3339(now).unwrap().with_timezone(&Utc);
    let desk = Desk::open(&path, "test officer").unwrap().with_now(move || at);
    Fixture { desk, path, _dir: dir }
}

pub fn operational(received: &str) -> LogComplaintInput {
    LogComplaintInput {
        received_at: received.into(),
        kind: "operational".into(),
        channel: "email".into(),
        summary: "Card declined at a grocery store".into(),
        complainant_name: "Ada Example".into(),
        complainant_email: Some("ada@example.com".into()),
        product: Some("issuing".into()),
        ..Default::default()
    }
}

pub fn executive(received: &str) -> LogComplaintInput {
    LogComplaintInput {
        kind: "executive".into(),
        grounds: vec!["regulator".into(), "udap".into()],
        channel: "regulator".into(),
        summary: "State regulator forwarded a complaint about fees".into(),
        ..operational(received)
    }
}

/// How many cases a fuzz test runs: `default` in CI, `CDESK_FUZZ_CASES` for a longer run.
pub(crate) fn fuzz_cases(default: u32) -> u32 {
    std::env::var("CDESK_FUZZ_CASES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}
