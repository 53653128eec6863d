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
    /// The team database the desk is on, when the suite runs against a PostgreSQL server
    /// (the officer's URL and the server admin's).
    pub team: Option<String>,
    team_admin: Option<String>,
    now: DateTime<Utc>,
    second: Option<Desk>,
    _dir: tempfile::TempDir,
    _team_db: DropsTeamDatabase,
}

/// Drops a fixture's team database with the fixture: the test server would otherwise keep
/// hundreds of them.
pub struct DropsTeamDatabase(Option<String>);

impl Drop for DropsTeamDatabase {
    fn drop(&mut self) {
        if let (Some(server), Some(admin)) = (team_server(), &self.0) {
            cdesk_store::pg::schema::drop_scratch_database(&server, admin);
        }
    }
}

impl Fixture {
    /// Whether this desk is on a team database (then what is a property of the file alone,
    /// such as its pages, its anchor journal or its backups, is not tested on it).
    pub fn on_team(&self) -> bool {
        self.team.is_some()
    }

    /// On a team database, a second officer with the approver role ("second officer"), signed
    /// in on their own connection, at the same clock; none on a single-user file.
    pub fn second_officer(&mut self) -> Option<&mut Desk> {
        let admin = self.team_admin.clone()?;
        if self.second.is_none() {
            let url = officer_role(&admin, SECOND_OFFICER);
            let at = self.now;
            self.second = Some(Desk::connect(&url).unwrap().with_now(move || at));
        }
        self.second.as_mut()
    }

    /// The server admin's URL of this fixture's team database, if it is on one.
    pub fn team_admin_url(&self) -> Option<String> {
        self.team_admin.clone()
    }

    /// The same database opened again by `actor` (on a team database: signed in again as the
    /// suite's officer, whose name the server gives).
    pub fn reopen(&self, actor: &str) -> Desk {
        match &self.team {
            Some(url) => Desk::connect(url).unwrap(),
            None => Desk::open(&self.path, actor).unwrap(),
        }
    }
}

/// The PostgreSQL server the suite runs against as well, when `CDESK_TEST_PG` names one (a
/// superuser's URL, as `scripts/test-all.sh` starts it): each fixture then gets a new team
/// database on it, signed in as an admin officer named "test officer".
pub fn team_server() -> Option<String> {
    std::env::var("CDESK_TEST_PG").ok().filter(|s| !s.trim().is_empty())
}

/// The officer every team fixture signs in as, and their password.
pub const TEAM_OFFICER: (&str, &str) = ("test officer", "a long test password");

/// The approver who approves what the team fixture's officer decides (four eyes).
pub const SECOND_OFFICER: (&str, &str, &str) = ("second officer", "another long test password", "approver");

/// A new team database on the test server (its admin URL), and the URL of `who` on it.
pub fn new_team_database(who: (&str, &str, &str)) -> (String, String) {
    let admin = cdesk_store::pg::schema::scratch_database(&team_server().expect("a test server")).unwrap();
    let url = officer_role(&admin, who);
    (admin, url)
}

/// Makes sure the server has the officer `who` (name, password, team role); their URL on the
/// database `db_admin` names.
pub fn officer_role(db_admin: &str, (name, password, role): (&str, &str, &str)) -> String {
    cdesk_store::pg::schema::scratch_officer(db_admin, name, password, role).unwrap()
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

/// A desk on a new database whose clock stands at `now`: a file, or on the test server a new
/// team database signed in as "test officer".
pub fn desk_at(now: &str) -> Fixture {
    test_key();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let at: DateTime<Utc> = DateTime::parse_from_rfc3339(now).unwrap().with_timezone(&Utc);
    if team_server().is_some() {
        let (admin, url) = new_team_database((TEAM_OFFICER.0, TEAM_OFFICER.1, "admin"));
        let desk = Desk::connect(&url).unwrap().with_now(move || at);
        let guard = DropsTeamDatabase(Some(admin.clone()));
        return Fixture { desk, path, team: Some(url), team_admin: Some(admin), now: at, second: None, _dir: dir, _team_db: guard };
    }
    let desk = Desk::open(&path, "test officer").unwrap().with_now(move || at);
    Fixture { desk, path, team: None, team_admin: None, now: at, second: None, _dir: dir, _team_db: DropsTeamDatabase(None) }
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

/// How many cases a fuzz test runs: `default` in CI (a tenth of it on a team server),
/// `CDESK_FUZZ_CASES` for a longer run.
pub(crate) fn fuzz_cases(default: u32) -> u32 {
    // On a team server each case makes a database (about half a second): a tenth of the cases
    // there, the full count on the file.
    let default = if team_server().is_some() { (default / 10).max(20) } else { default };
    std::env::var("CDESK_FUZZ_CASES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}
