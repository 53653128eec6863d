//! The `cdesk` interface as scripts and checks use it: arguments, output, exit codes.

mod crash;
mod credit;
mod fuzz;
mod policy;
mod reserve;
mod team;
mod timeline;

use assert_cmd::Command;
use predicates::prelude::*;

pub(crate) struct Db {
    dir: tempfile::TempDir,
    /// The team database the commands run on, when the suite runs against a PostgreSQL server
    /// (`CDESK_TEST_PG`, a superuser's URL): `--db` is then its URL, signed in as "cli test".
    team: Option<String>,
}

/// The PostgreSQL server the suite runs against as well, if any.
pub(crate) fn team_server() -> Option<String> {
    std::env::var("CDESK_TEST_PG").ok().filter(|s| !s.trim().is_empty())
}

impl Drop for Db {
    /// A team database is dropped with its test: the test server holds hundreds of them.
    fn drop(&mut self) {
        if let (Some(server), Some(url)) = (team_server(), &self.team) {
            let db = url.rsplit_once('/').map_or("", |(_, d)| d);
            let admin = format!("{}/{db}", server.rsplit_once('/').map_or("", |(b, _)| b));
            cdesk_store::pg::schema::drop_scratch_database(&server, &admin);
        }
    }
}

impl Db {
    /// A new database: a file, or on the test server a new team database.
    pub(crate) fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let team = team_server().map(|server| {
            let admin = cdesk_store::pg::schema::scratch_database(&server).unwrap();
            cdesk_store::pg::schema::scratch_officer(&admin, "cli test", "the cli test password", "admin").unwrap()
        });
        Db { dir, team }
    }

    /// A new database file, whatever server the suite runs against (what a file alone does).
    pub(crate) fn file() -> Self {
        Db { dir: tempfile::tempdir().unwrap(), team: None }
    }

    /// On a team database, a command run by a second officer with the approver role ("cli
    /// second", signed in on their own); none on a file.
    pub(crate) fn second_officer(&self) -> Option<Command> {
        let url = self.team.as_ref()?;
        let admin = url.rsplit_once('@').map(|(_, rest)| rest)?;
        let server = team_server()?;
        let db_admin = format!("{}@{admin}", server.rsplit_once('@')?.0);
        let second = cdesk_store::pg::schema::scratch_officer(&db_admin, "cli second", "the second cli password", "approver").unwrap();
        let mut c = Command::from_std(self.cmd_std());
        c.env("CDESK_DB", second);
        Some(c)
    }

    /// On a team database (four eyes always on), the second officer approves case `case` at
    /// `at`, so that it goes on as on a single-user desk.
    pub(crate) fn approve_on_team(&self, case: &str, at: &str) {
        if let Some(mut c) = self.second_officer() {
            c.args(["credit", "approve", case, "--at", at]).assert().success();
        }
    }
    pub(crate) fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("cli.db")
    }
    pub(crate) fn cmd(&self) -> Command {
        Command::from_std(self.cmd_std())
    }
    /// The same command as a plain process, to be spawned (and killed).
    pub(crate) fn cmd_std(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("cdesk"));
        match &self.team {
            Some(url) => c.env("CDESK_DB", url),
            None => c.env("CDESK_DB", self.path()),
        };
        c.env("CDESK_NOW", "2026-11-23T15:00:00Z").env("CDESK_ACTOR", "cli test");
        c.env("CDESK_KEY_FILE", self.dir.path().join("history.key"));
        c
    }
}

pub(crate) fn json_of(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("valid JSON")
}

/// Logs an operational complaint received at `received` and returns its id.
pub(crate) fn log_operational(db: &Db, received: &str, channel: &str, summary: &str) -> String {
    let out = db
        .cmd()
        .args(["complaint", "add", "--received", received, "--kind", "operational", "--channel", channel])
        .args(["--summary", summary, "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    json_of(&out)["id"].as_str().unwrap().to_owned()
}

/// Logs an executive complaint sent on by a regulator, received at `received`, and returns its id.
pub(crate) fn log_from_regulator(db: &Db, received: &str, summary: &str) -> String {
    let out = db
        .cmd()
        .args(["complaint", "add", "--received", received, "--kind", "executive", "--channel", "regulator"])
        .args(["--grounds", "regulator", "--summary", summary, "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    json_of(&out)["id"].as_str().unwrap().to_owned()
}

#[test]
fn calendar_add_business_days_prints_the_date() {
    let db = Db::new();
    db.cmd().args(["calendar", "add-business-days", "2026-11-20", "1"]).assert().success().stdout("2026-11-23\n");
    db.cmd().args(["calendar", "add-business-days", "2026-11-25", "1"]).assert().success().stdout("2026-11-27\n");
}

#[test]
fn calendar_is_business_day_prints_true_or_false() {
    let db = Db::new();
    db.cmd().args(["calendar", "is-business-day", "2026-11-26"]).assert().success().stdout("false\n");
    db.cmd().args(["calendar", "is-business-day", "2026-07-03"]).assert().success().stdout("true\n");
    assert!(!db.path().exists(), "a calendar question must not create a database");
}

#[test]
fn calendar_holidays_lists_closed_weekdays() {
    let db = Db::new();
    let out = db.cmd().args(["calendar", "holidays", "2022"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("2022-06-20 Juneteenth National Independence Day (observed)\n"), "{text}");
    assert!(text.contains("2022-12-26 Christmas Day (observed)\n"), "{text}");
    assert!(!text.contains("2022-01-01"), "Saturday New Year's Day is not a closed weekday");
    assert_eq!(text.lines().count(), 10);
}

#[test]
fn bad_date_is_refused_with_exit_2() {
    let db = Db::new();
    db.cmd().args(["calendar", "is-business-day", "2026-13-01"]).assert().code(2).stderr(predicate::str::contains("DATE"));
}

#[test]
fn complaint_add_json_has_id_kind_status_and_deadlines() {
    let db = Db::new();
    let out = db
        .cmd()
        .args(["complaint", "add", "--received", "2026-11-20T10:00:00-05:00", "--kind", "operational", "--channel", "email"])
        .args(["--summary", "Card declined", "--product", "issuing", "--complainant-name", "山田 花子", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["id"], "CMP-2026-00001");
    assert_eq!(v["kind"], "operational");
    assert_eq!(v["status"], "open");
    assert_eq!(v["received_at"], "2026-11-20T15:00:00Z");
    assert_eq!(v["deadlines"]["acknowledge_by"], "2026-11-30");
    assert_eq!(v["deadlines"]["resolve_by"], "2026-12-14");
    assert!(v["deadlines"]["notify_stripe_by"].is_null());
}

#[test]
fn executive_contact_is_refused_until_stripe_review() {
    let db = Db::new();
    db.cmd()
        .args(["complaint", "add", "--received", "2026-11-20T16:00:00-05:00", "--kind", "executive", "--grounds", "regulator,udap"])
        .args(["--channel", "regulator", "--summary", "Regulator letter"])
        .assert()
        .success()
        .stdout(predicate::str::contains("notify Stripe by 2026-11-23"));
    let contact = |db: &Db| {
        let mut c = db.cmd();
        c.args(["complaint", "contact", "CMP-2026-00001", "--at", "2026-11-23T10:00:00-05:00", "--note", "Called"]);
        c
    };
    contact(&db).assert().code(2).stderr(predicate::str::contains("executive_contact_hold"));
    db.cmd().args(["complaint", "notify-stripe", "CMP-2026-00001", "--at", "2026-11-23T09:00:00-05:00", "--reference", "SUP-1"]).assert().success();
    contact(&db).assert().code(2);
    db.cmd().args(["complaint", "stripe-reviewed", "CMP-2026-00001", "--at", "2026-11-23T09:30:00-05:00"]).assert().success();
    contact(&db).assert().success();
    let v = json_of(&db.cmd().args(["complaint", "show", "CMP-2026-00001", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(v["timeline"].as_array().unwrap().len(), 4);
}

#[test]
fn refusals_write_nothing() {
    let db = Db::new();
    db.cmd()
        .args(["complaint", "add", "--received", "2026-11-20T10:00:00-05:00", "--kind", "executive", "--channel", "email", "--summary", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("grounds"));
    db.cmd().args(["audit", "verify"]).assert().success().stdout("ok: 0 events\n");
}

#[test]
fn list_acknowledge_resolve_and_status_filters() {
    let db = Db::new();
    db.cmd()
        .args(["complaint", "add", "--received", "2026-11-10T10:00:00-05:00", "--kind", "operational", "--channel", "phone", "--summary", "Late card"])
        .assert()
        .success();
    let overdue = json_of(&db.cmd().args(["complaint", "list", "--status", "overdue", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(overdue.as_array().unwrap().len(), 1, "acknowledgement was due 18 Nov (Veterans Day skipped)");
    db.cmd().args(["complaint", "acknowledge", "CMP-2026-00001", "--at", "2026-11-19T10:00:00-05:00", "--note", "Sorry"]).assert().success();
    db.cmd()
        .args(["complaint", "resolve", "CMP-2026-00001", "--at", "2026-11-20T10:00:00-05:00", "--summary", "Reissued card"])
        .args(["--compensation", "1500", "USD"])
        .assert()
        .success();
    let resolved = json_of(&db.cmd().args(["complaint", "list", "--status", "resolved", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(resolved[0]["status"], "resolved");
    let show = json_of(&db.cmd().args(["complaint", "show", "CMP-2026-00001", "--json"]).assert().success().get_output().stdout.clone());
    let states: Vec<&str> = show["clocks"].as_array().unwrap().iter().map(|c| c["state"].as_str().unwrap()).collect();
    assert_eq!(states, vec!["missed", "met"], "acknowledged late, resolved on time");
}

#[test]
fn reclassify_to_executive_from_cli() {
    let db = Db::new();
    db.cmd()
        .args(["complaint", "add", "--received", "2026-11-16T10:00:00-05:00", "--kind", "operational", "--channel", "email", "--summary", "Fees"])
        .assert()
        .success();
    db.cmd()
        .args(["complaint", "reclassify", "CMP-2026-00001", "--kind", "executive", "--grounds", "litigation"])
        .args(["--at", "2026-11-23T09:00:00-05:00", "--reason", "Lawyer's letter"])
        .assert()
        .success();
    let v = json_of(&db.cmd().args(["complaint", "show", "CMP-2026-00001", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(v["kind"], "executive");
    assert_eq!(v["deadlines"]["notify_stripe_by"], "2026-11-17");
    assert_eq!(v["overdue"], true);
}

#[test]
fn import_names_row_and_column_and_writes_nothing() {
    let db = Db::new();
    let csv = db.dir.path().join("in.csv");
    std::fs::write(&csv, "received,kind,channel,summary\n2026-11-20T10:00:00-05:00,operational,email,ok\n2026-11-20T10:00:00-05:00,opera,email,bad\n").unwrap();
    db.cmd().arg("import").arg(&csv).assert().code(2).stderr(predicate::str::contains("row 3, column kind"));
    db.cmd().args(["audit", "verify"]).assert().success().stdout("ok: 0 events\n");
    std::fs::write(&csv, "received,kind,channel,summary\n2026-11-20T10:00:00-05:00,operational,email,ok\n").unwrap();
    db.cmd().arg("import").arg(&csv).assert().success().stdout(predicate::str::contains("imported 1"));
}

#[test]
fn audit_verify_names_the_first_bad_event() {
    let db = Db::file(); // a property of the database file
    db.cmd()
        .args(["complaint", "add", "--received", "2026-11-20T10:00:00-05:00", "--kind", "operational", "--channel", "email", "--summary", "x"])
        .assert()
        .success();
    db.cmd().args(["audit", "verify"]).assert().success().stdout("ok: 1 events\n");
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    conn.execute("UPDATE audit_events SET payload = replace(payload, '\"summary\":\"x\"', '\"summary\":\"y\"') WHERE seq = 1", []).unwrap();
    drop(conn);
    db.cmd().args(["audit", "verify"]).assert().code(1).stderr(predicate::str::contains("event 1"));
}

#[test]
fn audit_verify_names_a_register_row_changed_in_the_file_and_repair_rebuilds_it() {
    let db = Db::file(); // a property of the database file
    let id = log_operational(&db, "2026-11-20T10:00:00-05:00", "email", "Card declined");
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    conn.execute("UPDATE complaints SET status = 'resolved'", []).unwrap();
    drop(conn);
    db.cmd()
        .args(["audit", "verify"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("table complaints, row {id}, field status")))
        .stderr(predicate::str::contains("cdesk audit repair"));
    db.cmd()
        .args(["report", "monthly", "--month", "2026-11", "--format", "csv", "--out", db.dir.path().join("r.csv").to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("differs from its audit history"));
    db.cmd().args(["audit", "repair"]).assert().success().stdout(predicate::str::contains(format!("repaired table complaints, row {id}, field status")));
    db.cmd().args(["audit", "verify"]).assert().success().stdout("ok: 2 events\n");
    db.cmd().args(["audit", "repair"]).assert().success().stdout("nothing to repair: every read model matches the history\n");
}

#[test]
fn audit_checkpoint_is_written_and_verify_checks_the_file_against_it() {
    let db = Db::file(); // a property of the database file
    log_operational(&db, "2026-11-20T10:00:00-05:00", "email", "Card declined");
    let cp = db.dir.path().join("checkpoint.json");
    db.cmd()
        .args(["audit", "checkpoint", "--out", cp.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("checkpoint of event 1 (1 events)"));
    let c = json_of(&std::fs::read(&cp).unwrap());
    assert_eq!((c["seq"].as_i64(), c["count"].as_i64()), (Some(1), Some(1)));
    assert!(c["sig"].as_str().unwrap().len() == 128, "an Ed25519 signature");
    db.cmd().args(["audit", "verify", "--checkpoint", cp.to_str().unwrap()]).assert().success().stdout("ok: 1 events\n");
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF; DELETE FROM audit_events; DELETE FROM audit_head; DELETE FROM complaints;").unwrap();
    drop(conn);
    std::fs::remove_file(db.dir.path().join("cli.db.anchors")).unwrap();
    db.cmd()
        .args(["audit", "verify", "--checkpoint", cp.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("events were deleted"));
    std::fs::write(&cp, "{}").unwrap();
    db.cmd().args(["audit", "verify", "--checkpoint", cp.to_str().unwrap()]).assert().code(2).stderr(predicate::str::contains("checkpoint"));
}

#[test]
fn init_creates_a_new_database_and_never_touches_an_existing_file() {
    let db = Db::file(); // a property of the database file
    db.cmd().arg("init").assert().success().stdout(predicate::str::contains("created a new Compliance Desk database"));
    db.cmd().args(["audit", "verify"]).assert().success().stdout("ok: 0 events\n");
    log_operational(&db, "2026-11-20T10:00:00-05:00", "email", "Card declined");
    let before = std::fs::read(db.path()).unwrap();
    db.cmd().arg("init").assert().code(2).stderr(predicate::str::contains("already exists"));
    assert_eq!(std::fs::read(db.path()).unwrap(), before, "the existing database is left as it was");
    db.cmd().args(["audit", "verify"]).assert().success().stdout("ok: 1 events\n");
}

#[test]
fn backups_lists_a_backup_made_into_the_backups_folder() {
    let db = Db::file(); // a property of the database file
    log_operational(&db, "2026-11-20T10:00:00-05:00", "email", "Card declined");
    db.cmd().args(["backups"]).assert().success().stdout(predicate::str::contains("the last 14 daily ones and one a month for 24 months"));
    let folder = db.dir.path().join("backups");
    std::fs::create_dir(&folder).unwrap();
    let target = folder.join("cli-manual-20261123T150000Z.db");
    db.cmd().args(["backup", "--out", target.to_str().unwrap()]).assert().success();
    let out = db.cmd().args(["backups", "--json"]).assert().success().get_output().stdout.clone();
    let list = json_of(&out);
    assert_eq!(list["backups"][0]["name"], "cli-manual-20261123T150000Z.db");
    assert_eq!(list["backups"][0]["kept_as"], "manual");
    assert_eq!(list["backups"][0]["made_at"], "2026-11-23T15:00:00Z");
    db.cmd().args(["backups"]).env("CDESK_BACKUP_KEEP_DAILY", "0").assert().code(2).stderr(predicate::str::contains("CDESK_BACKUP_KEEP_DAILY"));
}

#[test]
fn a_damaged_database_gives_a_clear_message() {
    let db = Db::file(); // a property of the database file
    std::fs::write(db.path(), vec![b'x'; 4096]).unwrap();
    db.cmd().args(["complaint", "list"]).assert().code(1).stderr(predicate::str::contains("damaged"));
}

fn add_october_complaint(db: &Db) {
    db.cmd()
        .args(["complaint", "add", "--received", "2026-10-05T10:00:00-04:00", "--kind", "operational", "--channel", "email"])
        .args(["--summary", "=HYPERLINK(\"http://x\")", "--complainant-name", "Jürgen Müller"])
        .assert()
        .success();
}

#[test]
fn report_monthly_writes_csv_and_xlsx() {
    let db = Db::new();
    add_october_complaint(&db);
    let csv = db.dir.path().join("oct.csv");
    db.cmd().args(["report", "monthly", "--month", "2026-10", "--format", "csv", "--out"]).arg(&csv).assert().success();
    let text = String::from_utf8(std::fs::read(&csv).unwrap()).unwrap();
    assert!(text.starts_with('\u{feff}'), "a byte-order mark lets Excel read UTF-8");
    assert!(text.contains("Jürgen Müller"));
    assert!(text.contains("'=HYPERLINK"), "formula-like text is neutralised");
    let xlsx = db.dir.path().join("oct.xlsx");
    db.cmd().args(["report", "monthly", "--month", "2026-10", "--format", "xlsx", "--out"]).arg(&xlsx).assert().success();
    assert_eq!(&std::fs::read(&xlsx).unwrap()[..2], b"PK", "an XLSX file is a zip");
    let pdf = db.dir.path().join("oct.pdf");
    db.cmd().args(["report", "monthly", "--month", "2026-10", "--format", "pdf", "--out"]).arg(&pdf).assert().success();
    assert_eq!(&std::fs::read(&pdf).unwrap()[..5], b"%PDF-");
}

#[test]
fn report_program_name_is_set_shown_and_printed_on_the_report() {
    let db = Db::new();
    db.cmd().args(["report", "program-name"]).assert().success().stdout("Issuing and Treasury program\n");
    db.cmd().args(["report", "program-name", "  "]).assert().code(2).stderr(predicate::str::contains("name"));
    db.cmd().args(["report", "program-name", "Kite Card Program"]).assert().success().stdout("Kite Card Program\n");
    add_october_complaint(&db);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("oct.pdf");
    db.cmd().args(["report", "monthly", "--month", "2026-10", "--format", "pdf", "--out"]).arg(&out).assert().success();
    let text = std::process::Command::new("pdftotext").arg(&out).arg("-").output().expect("pdftotext (poppler-utils) runs");
    assert!(String::from_utf8_lossy(&text.stdout).contains("Kite Card Program"), "the report names the program");
}

#[test]
fn report_refusals_exit_2_and_write_nothing() {
    let db = Db::new();
    add_october_complaint(&db);
    let missing_dir = db.dir.path().join("no-such-folder").join("r.csv");
    db.cmd()
        .args(["report", "monthly", "--month", "2026-10", "--format", "csv", "--out"])
        .arg(&missing_dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("out:"));
    assert!(!missing_dir.exists());
    let out = db.dir.path().join("r.csv");
    db.cmd().args(["report", "monthly", "--month", "2026-1", "--format", "csv", "--out"]).arg(&out).assert().code(2).stderr(predicate::str::contains("month"));
    assert!(!out.exists());
    db.cmd().args(["report", "submit", "--month", "2026-11"]).assert().code(2).stderr(predicate::str::contains("month_not_ended"));
}

#[test]
fn report_submit_then_change_shows_in_status() {
    let db = Db::new();
    add_october_complaint(&db);
    let status = |db: &Db| json_of(&db.cmd().args(["report", "status", "--month", "2026-10", "--json"]).assert().success().get_output().stdout.clone());
    let v = status(&db);
    assert!(v["submitted_at"].is_null());
    assert_eq!(v["changed_since_submission"], false);
    db.cmd().args(["report", "submit", "--month", "2026-10", "--note", "sent"]).assert().success().stdout(predicate::str::contains("1 complaints"));
    assert!(status(&db)["submitted_at"].is_string());
    db.cmd().args(["complaint", "acknowledge", "CMP-2026-00001", "--at", "2026-10-06T09:00:00-04:00"]).assert().success();
    let v = status(&db);
    assert_eq!(v["changed_since_submission"], true);
    assert_eq!(v["differences"]["changed"][0]["id"], "CMP-2026-00001");
}

#[test]
fn account_add_set_balance_and_show() {
    let db = Db::new();
    db.cmd()
        .args(["account", "add", "--id", "acct_1Mueller", "--name", "Müller Bau GmbH", "--email", "finance@mueller.example"])
        .args(["--limit", "200000", "--currency", "usd", "--period", "month", "--period-count", "1", "--days-until-due", "10"])
        .args(["--balance", "-5000", "--address", "Hauptstraße 1, Berlin"])
        .assert()
        .success()
        .stdout(predicate::str::contains("OWES STRIPE"));
    db.cmd()
        .args(["account", "add", "--id", "acct_1Mueller", "--name", "X", "--email", "x@y.example", "--limit", "1", "--currency", "USD"])
        .args(["--period", "day", "--period-count", "1", "--days-until-due", "1", "--balance", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("account_exists"));
    db.cmd().args(["account", "set-balance", "acct_1Mueller", "--amount", "0", "--at", "2026-11-23T10:00:00Z"]).assert().success();
    let v = json_of(&db.cmd().args(["account", "show", "acct_1Mueller", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(v["account"]["balance"]["amount_minor"], 0);
    assert_eq!(v["account"]["policy"]["limit"]["currency"], "usd", "given as USD, kept lower-case as Stripe writes it");
    assert_eq!(v["owes"], false);
    assert_eq!(v["history"].as_array().unwrap().len(), 2);
    db.cmd().args(["account", "show", "acct_nobody"]).assert().code(2);
    db.cmd()
        .args(["account", "add", "--id", "cus_1", "--name", "X", "--email", "x@y.example", "--limit", "1", "--currency", "USD"])
        .args(["--period", "week", "--period-count", "1", "--days-until-due", "1", "--balance", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("period"));
}

#[test]
fn calendar_arithmetic_refuses_what_it_cannot_count_instead_of_crashing() {
    let db = Db::new();
    for args in [
        ["calendar", "add-business-days", "+262142-12-20", "30"],
        ["calendar", "add-business-days", "2026-01-01", "4294967295"],
        ["calendar", "add-business-days", "2999-12-30", "5"],
    ] {
        let out = db.cmd().args(args).assert().code(2).get_output().stderr.clone();
        let err = String::from_utf8(out).unwrap();
        assert!(err.starts_with("refused: DATE:") || err.starts_with("refused: N:"), "names what it cannot count: {err}");
    }
    db.cmd().args(["calendar", "holidays", "3000"]).assert().code(2).stderr(predicate::str::contains("YEAR"));
}

#[test]
fn an_import_error_names_its_row_and_column_once() {
    let db = Db::new();
    let csv = db.dir.path().join("bad.csv");
    std::fs::write(&csv, "received,kind,channel,summary\n2026-11-02T10:00:00Z,operational,fax,x\n").unwrap();
    let out = db.cmd().arg("import").arg(&csv).assert().code(2).get_output().stderr.clone();
    let err = String::from_utf8(out).unwrap();
    assert_eq!(err.matches("row 2, column channel").count(), 1, "{err}");
}

#[test]
fn terminal_escape_sequences_in_complaint_text_do_not_reach_the_terminal() {
    let db = Db::new();
    let id = log_operational(&db, "2026-11-20T10:00:00-05:00", "email", "Refund \u{1b}[2J\u{1b}]0;owned\u{7} please");
    for args in [vec!["complaint", "show", id.as_str()], vec!["complaint", "list"]] {
        let text = String::from_utf8(db.cmd().args(&args).assert().success().get_output().stdout.clone()).unwrap();
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "no control character reaches the terminal: {text:?}");
        assert!(text.contains("\\u{1b}[2J"), "it is shown, escaped: {text:?}");
    }
    let json = db.cmd().args(["complaint", "show", &id, "--json"]).assert().success().get_output().stdout.clone();
    assert_eq!(json_of(&json)["complaint"]["intake"]["summary"], "Refund \u{1b}[2J\u{1b}]0;owned\u{7} please", "JSON keeps the text exactly, escaped by JSON");
}

#[test]
fn an_export_never_writes_over_a_database() {
    let db = Db::file(); // a property of the database file
    db.cmd()
        .args(["complaint", "add", "--received", "2026-10-05T10:00:00-04:00", "--kind", "operational", "--channel", "email", "--summary", "x"])
        .assert()
        .success();
    let own = db.path();
    let before = std::fs::read(&own).unwrap();
    let other = db.dir.path().join("other.sqlite");
    std::fs::copy(&own, &other).unwrap();
    let wal = db.dir.path().join("cli.db-wal");
    for target in [&own, &other, &wal] {
        let out = db.cmd().args(["report", "monthly", "--month", "2026-10", "--format", "csv", "--out"]).arg(target).assert().code(2).get_output().stderr.clone();
        let err = String::from_utf8(out).unwrap();
        assert!(err.contains("out:") && err.contains("database"), "{err}");
    }
    assert_eq!(std::fs::read(&own).unwrap(), before, "the database is untouched");
    #[cfg(unix)]
    {
        let link = db.dir.path().join("link.csv");
        std::os::unix::fs::symlink(db.dir.path().join("elsewhere.csv"), &link).unwrap();
        db.cmd().args(["report", "monthly", "--month", "2026-10", "--format", "csv", "--out"]).arg(&link).assert().code(2).stderr(predicate::str::contains("symbolic link"));
        assert!(!db.dir.path().join("elsewhere.csv").exists(), "no link is followed");
    }
    let fine = db.dir.path().join("october.csv");
    db.cmd().args(["report", "monthly", "--month", "2026-10", "--format", "csv", "--out"]).arg(&fine).assert().success();
    assert!(std::fs::read_to_string(&fine).unwrap().contains("Complaint ID"));
}

#[test]
fn another_programs_sqlite_file_is_refused_and_left_as_it_was() {
    let db = Db::new();
    let other = db.dir.path().join("photos.sqlite");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);").unwrap();
    drop(conn);
    let before = std::fs::read(&other).unwrap();
    db.cmd().env("CDESK_DB", &other).args(["audit", "verify"]).assert().code(1).stderr(predicate::str::contains("another program"));
    assert_eq!(std::fs::read(&other).unwrap(), before);
}

fn add_complaint(db: &Db, summary: &str) {
    db.cmd()
        .args(["complaint", "add", "--received", "2026-11-20T10:00:00-05:00", "--kind", "operational", "--channel", "email", "--summary", summary])
        .assert()
        .success();
}

fn summaries(db: &Db) -> Vec<String> {
    let v = json_of(&db.cmd().args(["complaint", "list", "--status", "all", "--json"]).assert().success().get_output().stdout.clone());
    v.as_array().unwrap().iter().map(|r| r["summary"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn backup_and_restore_round_trip_holds_exactly_what_the_backup_held() {
    let db = Db::file(); // a property of the database file
    add_complaint(&db, "Before the backup");
    let backup = db.dir.path().join("backup.db");
    let out = String::from_utf8(db.cmd().args(["backup", "--out"]).arg(&backup).assert().success().get_output().stdout.clone()).unwrap();
    assert!(out.contains("1 events verified") || out.contains("events verified"), "{out}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777, 0o600, "a backup holds the same personal data");
    }
    db.cmd().args(["backup", "--out"]).arg(&backup).assert().code(2).stderr(predicate::str::contains("already exists"));
    add_complaint(&db, "After the backup");
    assert_eq!(summaries(&db).len(), 2);
    let restored = String::from_utf8(db.cmd().arg("restore").arg(&backup).assert().success().get_output().stdout.clone()).unwrap();
    assert!(restored.contains("kept at"), "{restored}");
    assert_eq!(summaries(&db), vec!["Before the backup".to_string()], "the restored file holds what the backup held");
    db.cmd().args(["audit", "verify"]).assert().success();
    let kept: Vec<_> = std::fs::read_dir(db.dir.path()).unwrap().filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().contains(".replaced-")).collect();
    assert!(!kept.is_empty(), "the replaced database is kept aside");
}

#[test]
fn a_backup_that_does_not_verify_or_a_database_in_use_is_not_restored() {
    let db = Db::file(); // a property of the database file
    add_complaint(&db, "Keep me");
    let backup = db.dir.path().join("tampered.db");
    db.cmd().args(["backup", "--out"]).arg(&backup).assert().success();
    let conn = rusqlite::Connection::open(&backup).unwrap();
    conn.execute("UPDATE audit_events SET payload = replace(payload, 'Keep me', 'Changed') WHERE seq = 1", []).unwrap();
    drop(conn);
    db.cmd().arg("restore").arg(&backup).assert().code(2).stderr(predicate::str::contains("does not verify"));
    assert_eq!(summaries(&db), vec!["Keep me".to_string()], "nothing was replaced");
    let good = db.dir.path().join("good.db");
    db.cmd().args(["backup", "--out"]).arg(&good).assert().success();
    let app = cdesk_usecases_lock(&db.path());
    db.cmd().arg("restore").arg(&good).assert().code(2).stderr(predicate::str::contains("database_in_use"));
    drop(app);
    db.cmd().arg("restore").arg(&good).assert().success();
}

/// Holds the lock the app holds while it runs on `db`.
fn cdesk_usecases_lock(db: &std::path::Path) -> std::fs::File {
    let mut p = db.as_os_str().to_owned();
    p.push(".lock");
    let f = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(std::path::PathBuf::from(p)).unwrap();
    f.try_lock().unwrap();
    f
}

/// How many cases a fuzz test runs: `default` in CI, `CDESK_FUZZ_CASES` for a longer run.
pub(crate) fn fuzz_cases(default: u32) -> u32 {
    // On a team server each case makes a database: a tenth of the cases there.
    let default = if team_server().is_some() { (default / 10).max(15) } else { default };
    std::env::var("CDESK_FUZZ_CASES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

#[test]
fn a_mistyped_path_or_an_empty_file_is_refused_and_no_database_is_left_behind() {
    let db = Db::file(); // a property of the database file
    for args in [&["audit", "verify"][..], &["audit", "repair"], &["backups"], &["audit", "checkpoint", "--out", "cp.json"]] {
        db.cmd()
            .args(args)
            .assert()
            .failure()
            .stdout("")
            .stderr(predicate::str::contains("there is no database at").and(predicate::str::contains("cdesk init")));
        assert!(!db.path().exists(), "`{}` on a mistyped path leaves no new database behind", args.join(" "));
    }
    std::fs::write(db.path(), b"").unwrap();
    db.cmd().args(["audit", "verify"]).assert().failure().stderr(predicate::str::contains("is an empty file"));
    db.cmd()
        .args(["complaint", "add", "--received", "2026-11-20T10:00:00-05:00", "--kind", "operational", "--channel", "email", "--summary", "x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("is an empty file"));
    assert_eq!(std::fs::metadata(db.path()).unwrap().len(), 0, "nothing is written into an empty file");
    db.cmd().arg("init").assert().success().stdout(predicate::str::contains("created a new Compliance Desk database"));
    db.cmd().args(["audit", "verify"]).assert().success().stdout("ok: 0 events\n");
}

#[test]
fn a_damaged_page_is_found_by_verify_though_opening_reads_only_the_header() {
    let db = Db::file(); // a property of the database file
    for i in 0..40 {
        log_operational(&db, "2026-11-20T10:00:00-05:00", "email", &format!("Card declined, case {i}, with a long enough summary to fill pages"));
    }
    let mut bytes = std::fs::read(db.path()).unwrap();
    let page = 4096;
    assert!(bytes.len() > page * 8, "a file of several pages: {}", bytes.len());
    // Overwrite a page in the middle of the file (not the header page).
    let start = (bytes.len() / page / 2) * page;
    for b in &mut bytes[start..start + page] {
        *b = 0xA5;
    }
    std::fs::write(db.path(), &bytes).unwrap();
    db.cmd().args(["audit", "verify"]).assert().code(1).stderr(predicate::str::contains("damaged"));
}

#[test]
fn complaint_list_streams_pages_by_cursor_in_each_format() {
    let db = Db::new();
    let mut ids = Vec::new();
    for day in 10..16 {
        ids.push(log_operational(&db, &format!("2026-11-{day}T10:00:00-05:00"), "email", &format!("Complaint of the {day}th")));
    }
    let all = json_of(&db.cmd().args(["complaint", "list", "--status", "all", "--json"]).assert().success().get_output().stdout.clone());
    let listed: Vec<&str> = all.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(listed, ids.iter().map(String::as_str).collect::<Vec<_>>(), "oldest deadline first");
    // Pages of 4 by cursor, as JSON lines.
    let out = db.cmd().args(["complaint", "list", "--status", "all", "--format", "jsonl", "--limit", "4"]).assert().success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out.get_output().stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    let cursor = lines[3]["cursor"].as_str().unwrap().to_owned();
    assert!(stderr.contains(&format!("--after {cursor}")), "{stderr}");
    let rest = db.cmd().args(["complaint", "list", "--status", "all", "--format", "jsonl", "--after", &cursor]).assert().success();
    let rest: Vec<serde_json::Value> = String::from_utf8(rest.get_output().stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let rest_ids: Vec<&str> = rest.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(rest_ids, ids[4..].iter().map(String::as_str).collect::<Vec<_>>(), "the next page starts right after the cursor");
    db.cmd().args(["complaint", "list", "--format", "table", "--limit", "2"]).assert().success().stdout(predicate::str::contains(&ids[0]).and(predicate::str::contains(&ids[2]).not()));
    db.cmd().args(["complaint", "list", "--after", "nonsense"]).assert().code(2).stderr(predicate::str::contains("after"));
    let empty = json_of(&db.cmd().args(["complaint", "list", "--status", "on_hold", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(empty, serde_json::json!([]));
}

#[test]
fn the_report_csv_carries_the_regulator_the_stripe_reference_and_the_root_cause() {
    let db = Db::new();
    let out = db
        .cmd()
        .args(["complaint", "add", "--received", "2026-11-02T10:00:00-05:00", "--kind", "executive", "--channel", "regulator"])
        .args(["--grounds", "regulator", "--summary", "Fee charged twice", "--json"])
        .args(["--regulator-name", "CFPB", "--regulator-reference", "261102-0001"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let id = json_of(&out)["id"].as_str().unwrap().to_owned();
    db.cmd().args(["complaint", "notify-stripe", &id, "--at", "2026-11-02T12:00:00-05:00", "--reference", "SUP-4411"]).assert().success();
    db.cmd().args(["complaint", "stripe-reviewed", &id, "--at", "2026-11-03T12:00:00-05:00"]).assert().success();
    // A root cause off the taxonomy's list is refused with exit 2, naming the field.
    db.cmd()
        .args(["complaint", "resolve", &id, "--at", "2026-11-04T12:00:00-05:00", "--summary", "Refunded"])
        .args(["--root-cause", "bad_luck", "--remediation", "none_needed"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("root_cause"));
    db.cmd()
        .args(["complaint", "resolve", &id, "--at", "2026-11-04T12:00:00-05:00", "--summary", "Refunded"])
        .args(["--root-cause", "system_error", "--remediation", "system_fixed", "--remediation-note", "Retry fixed"])
        .assert()
        .success();
    let csv = db.dir.path().join("nov.csv");
    db.cmd().args(["report", "monthly", "--month", "2026-11", "--format", "csv", "--out"]).arg(&csv).assert().success();
    let text = String::from_utf8(std::fs::read(&csv).unwrap()).unwrap();
    let mut rows = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = rows.headers().unwrap().clone();
    let row = rows.records().next().unwrap().unwrap();
    let cell = |name: &str| row.get(headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"))).unwrap().to_owned();
    assert_eq!(cell("Regulator"), "CFPB");
    assert_eq!(cell("Regulator reference"), "261102-0001");
    assert_eq!(cell("Stripe reference"), "SUP-4411");
    assert_eq!((cell("Root cause"), cell("Remediation"), cell("Remediation note")), ("system_error".into(), "system_fixed".into(), "Retry fixed".into()));
    assert_eq!(cell("Received at"), "2026-11-02 10:00 EST");
    assert_eq!(cell("Program"), "Issuing and Treasury program");
}
