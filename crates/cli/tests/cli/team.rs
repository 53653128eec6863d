//! Four eyes and assignment from the command line: `credit approve`, `complaint
//! approve-reclassification`, `complaint assign`, `credit assign`, `complaint list --mine` and
//! `four-eyes`, with the refusals a script branches on (exit 2, the rule named, nothing written).

use super::credit::{add_account, events as verify_events};
use super::{json_of, log_operational, Db};
use predicates::prelude::*;

#[test]
fn credit_approve_needs_a_second_officer() {
    let db = Db::file(); // a single-user desk's four eyes, with CDESK_ACTOR as the second name
    db.cmd().args(["four-eyes", "on"]).assert().success().stdout(predicate::str::contains("four eyes: on"));
    db.cmd().args(["four-eyes", "--json"]).assert().success().stdout(predicate::str::contains("\"four_eyes\": true"));
    add_account(&db, "0");
    let out = db
        .cmd()
        .args(["credit", "close", "acct_1Kite", "--decided-at", "2026-11-20T15:00:00Z", "--reason", "delinquent_credit_obligations", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["status"], "awaiting_approval");
    let case = v["id"].as_str().unwrap().to_owned();
    let before = verify_events(&db);
    db.cmd()
        .args(["credit", "deactivate", &case, "--at", "2026-11-21T10:00:00Z"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("four_eyes_awaiting_approval"));
    db.cmd().args(["credit", "approve", &case]).assert().code(2).stderr(predicate::str::contains("four_eyes_not_own_decision"));
    assert_eq!(verify_events(&db), before, "refusals wrote nothing");
    let approve = ["credit", "approve", &case, "--at", "2026-11-21T09:00:00Z", "--json"];
    let out = db.cmd().args(approve).env("CDESK_ACTOR", "Ben Okafor").assert().success().get_output().stdout.clone();
    let v = json_of(&out);
    assert_eq!(v["status"], "open");
    assert_eq!(v["case"]["approval"]["approved_by"], "Ben Okafor");
    let approval = v["timeline"].as_array().unwrap().iter().find(|t| t["action"] == "decision_approved").unwrap().clone();
    assert_eq!(approval["actor"], "Ben Okafor");
    db.cmd().args(["credit", "deactivate", &case, "--at", "2026-11-21T10:00:00Z"]).assert().success();
    db.cmd().args(["credit", "assign", &case, "--to", "Ben Okafor"]).assert().success().stdout(predicate::str::contains("assigned to Ben Okafor"));
    let out = db.cmd().args(["credit", "list", "--json"]).assert().success().get_output().stdout.clone();
    assert_eq!(json_of(&out)[0]["assignee"], "Ben Okafor");
}

#[test]
fn complaint_reclassification_waits_for_approval_and_assignment_makes_mine() {
    let db = Db::file(); // a single-user desk's four eyes, with CDESK_ACTOR as the second name
    db.cmd().args(["four-eyes", "on"]).assert().success();
    let out = db
        .cmd()
        .args(["complaint", "add", "--received", "2026-11-16T10:00:00-05:00", "--kind", "executive", "--channel", "email"])
        .args(["--grounds", "udap", "--summary", "Fee called deceptive", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let id = json_of(&out)["id"].as_str().unwrap().to_owned();
    db.cmd().args(["complaint", "notify-stripe", &id, "--at", "2026-11-16T15:00:00-05:00"]).assert().success();
    db.cmd().args(["complaint", "stripe-reviewed", &id, "--at", "2026-11-18T11:00:00-05:00"]).assert().success();
    db.cmd()
        .args(["complaint", "reclassify", &id, "--kind", "operational", "--at", "2026-11-19T10:00:00-05:00", "--reason", "Withdrawn"])
        .assert()
        .success()
        .stdout(predicate::str::contains("awaiting a second officer"));
    let shown = |db: &Db| json_of(&db.cmd().args(["complaint", "show", &id, "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(shown(&db)["kind"], "executive");
    db.cmd()
        .args(["complaint", "approve-reclassification", &id])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("four_eyes_not_own_request"));
    db.cmd().args(["complaint", "approve-reclassification", &id, "--as", "Ben Okafor"]).assert().success();
    let v = shown(&db);
    assert_eq!(v["kind"], "operational");
    assert_eq!(v["timeline"].as_array().unwrap().last().unwrap()["actor"], "Ben Okafor");

    let other = log_operational(&db, "2026-11-20T10:00:00-05:00", "email", "Card declined");
    db.cmd().args(["complaint", "assign", &other, "--to", "cli test"]).assert().success();
    db.cmd().args(["complaint", "assign", &id, "--to", "Ben Okafor"]).assert().success();
    let mine = json_of(&db.cmd().args(["complaint", "list", "--status", "all", "--mine", "--json"]).assert().success().get_output().stdout.clone());
    let ids: Vec<&str> = mine.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [other.as_str()]);
    assert_eq!(mine[0]["assignee"], "cli test");
    let bens = db.cmd().args(["complaint", "list", "--status", "all", "--mine"]).env("CDESK_ACTOR", "ben okafor").assert().success();
    bens.stdout(predicate::str::contains(&id).and(predicate::str::contains("[Ben Okafor]")));
    db.cmd().args(["complaint", "assign", &id, "--to", ""]).assert().code(2).stderr(predicate::str::contains("to"));
}

/// A new, empty database on the test server, by its superuser's URL (None without a server).
fn empty_team_database() -> Option<String> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let server = super::team_server()?;
    let name = format!("cdesk_cli{}_{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst));
    let mut client = cdesk_store::pg::connect_client(&server).unwrap();
    client.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
    Some(format!("{}/{name}", server.rsplit_once('/').unwrap().0))
    // (dropped with the cluster at the end of the run: three small databases)
}

/// The URL on which `name` signs in with `password` to the database `admin` names.
fn signed_in(admin: &str, name: &str, password: &str) -> String {
    let (base, db) = admin.rsplit_once('/').unwrap();
    let host = base.rsplit_once('@').unwrap().1;
    format!("postgres://{name}:{}@{host}/{db}", password.replace(' ', "%20"))
}

fn cdesk(db: &Db, url: &str) -> assert_cmd::Command {
    let mut c = db.cmd();
    c.env("CDESK_DB", url).env_remove("CDESK_ACTOR");
    c
}

#[test]
fn a_team_is_set_up_its_people_added_and_the_server_names_who_did_what() {
    let Some(admin) = empty_team_database() else {
        return; // needs the test server (scripts/test-all.sh starts one)
    };
    let db = Db::file();
    let tag = std::process::id();
    let (ana, olga, aud) = (format!("ana{tag}"), format!("olga{tag}"), format!("aud{tag}"));
    let init = cdesk(&db, &admin).args(["team", "init", "--json"]).assert().success().get_output().stdout.clone();
    let init = json_of(&init);
    assert_eq!(init["roles"], serde_json::json!(["cdesk_officer", "cdesk_approver", "cdesk_auditor", "cdesk_admin"]));
    cdesk(&db, &admin).args(["team", "init"]).assert().success(); // again: nothing to do
    cdesk(&db, &admin).args(["team", "people", "add", &ana, "--role", "admin", "--password-stdin"]).write_stdin("ana's long password\n").assert().success();
    let ana_url = signed_in(&admin, &ana, "ana's long password");
    // The admin adds the others.
    for (who, role) in [(&olga, "officer"), (&aud, "auditor")] {
        cdesk(&db, &ana_url)
            .args(["team", "people", "add", who, "--role", role, "--password-stdin"])
            .write_stdin(format!("{who}'s long password\n"))
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("{who} added as {role}")));
    }
    let (olga_url, aud_url) = (signed_in(&admin, &olga, &format!("{olga}'s long password")), signed_in(&admin, &aud, &format!("{aud}'s long password")));
    let people = json_of(&cdesk(&db, &ana_url).args(["team", "people", "list", "--json"]).assert().success().get_output().stdout.clone());
    let role_of = |name: &str| people.as_array().unwrap().iter().find(|p| p["name"] == name).map(|p| p["role"].clone());
    assert_eq!((role_of(&ana), role_of(&olga), role_of(&aud)), (Some("admin".into()), Some("officer".into()), Some("auditor".into())));
    // An officer may not add people; an auditor may not write.
    cdesk(&db, &olga_url)
        .args(["team", "people", "add", "mallory", "--role", "admin", "--password-stdin"])
        .write_stdin("a long enough password\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("role_not_allowed"));
    let add = ["complaint", "add", "--received", "2026-11-20T10:00:00-05:00", "--kind", "operational", "--channel", "email", "--summary", "Card declined", "--json"];
    cdesk(&db, &aud_url).args(add).assert().code(2).stderr(predicate::str::contains("role_not_allowed"));

    // Who did it is the server's word, whatever CDESK_ACTOR says.
    let out = cdesk(&db, &olga_url).env("CDESK_ACTOR", "someone else").args(add).assert().success().get_output().stdout.clone();
    let id = json_of(&out)["id"].as_str().unwrap().to_owned();
    let shown = json_of(&cdesk(&db, &aud_url).args(["complaint", "show", &id, "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(shown["timeline"][0]["actor"], olga.as_str(), "the auditor reads; the actor is the signed-in role");
    cdesk(&db, &ana_url).args(["complaint", "assign", &id, "--to", &olga]).assert().success();
    let mine = json_of(&cdesk(&db, &olga_url).args(["complaint", "list", "--mine", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(mine[0]["id"], id.as_str());
    assert_eq!(mine[0]["assignee"], olga.as_str());
    let none = json_of(&cdesk(&db, &ana_url).args(["complaint", "list", "--mine", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(none, serde_json::json!([]));

    // The history is append-only on the server, even to the admin's own sessions.
    let mut client = cdesk_store::pg::connect_client(&ana_url).unwrap();
    let err = client.batch_execute("UPDATE audit_events SET actor = 'nobody' WHERE seq = 1").unwrap_err();
    assert!(format!("{err:?}").contains("permission denied"), "no role the app uses may change an event: {err:?}");
    let mut owner = cdesk_store::pg::connect_client(&admin).unwrap();
    let err = owner.batch_execute("DELETE FROM audit_events WHERE seq = 1").unwrap_err();
    assert!(format!("{err:?}").contains("append-only"), "even the owner: {err:?}");
    cdesk(&db, &aud_url).args(["audit", "verify"]).assert().success().stdout(predicate::str::starts_with("ok: "));

    // Retired, an officer can no longer sign in; their name stays in the history.
    cdesk(&db, &ana_url).args(["team", "people", "retire", &olga]).assert().success();
    cdesk(&db, &olga_url).args(["complaint", "list"]).assert().code(1).stderr(predicate::str::contains("cannot reach the team database"));
    let shown = json_of(&cdesk(&db, &ana_url).args(["complaint", "show", &id, "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(shown["timeline"][0]["actor"], olga.as_str());
}

#[test]
fn on_a_team_a_closure_is_approved_by_another_approver_and_the_server_refuses_the_requester() {
    let Some(admin) = empty_team_database() else {
        return; // needs the test server
    };
    let db = Db::file();
    let tag = std::process::id();
    let (boss, olga) = (format!("boss{tag}"), format!("olgac{tag}"));
    cdesk(&db, &admin).args(["team", "init"]).assert().success();
    for (who, role) in [(&boss, "approver"), (&olga, "approver")] {
        cdesk(&db, &admin).args(["team", "people", "add", who, "--role", role, "--password-stdin"]).write_stdin("a long password here\n").assert().success();
    }
    let (boss_url, olga_url) = (signed_in(&admin, &boss, "a long password here"), signed_in(&admin, &olga, "a long password here"));
    cdesk(&db, &olga_url)
        .args(["account", "add", "--id", "acct_1Kite", "--name", "Kite Logistics LLC", "--email", "ap@kite.example"])
        .args(["--limit", "200000", "--currency", "USD", "--period", "month", "--period-count", "1", "--days-until-due", "10", "--balance", "0"])
        .assert()
        .success();
    let out = cdesk(&db, &olga_url)
        .args(["credit", "close", "acct_1Kite", "--decided-at", "2026-11-20T15:00:00Z", "--reason", "bankruptcy", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["status"], "awaiting_approval", "a team always has four eyes");
    let case = v["id"].as_str().unwrap().to_owned();
    cdesk(&db, &olga_url).args(["credit", "approve", &case]).assert().code(2).stderr(predicate::str::contains("four_eyes_not_own_decision"));
    cdesk(&db, &olga_url).args(["four-eyes", "off"]).assert().code(2).stderr(predicate::str::contains("four_eyes_always_on_a_team"));
    // The server holds the rule too: an event of approval by the requester is refused there.
    let mut client = cdesk_store::pg::connect_client(&olga_url).unwrap();
    let err = client
        .batch_execute(&format!(
            "INSERT INTO audit_events VALUES (99, '2026-11-23T15:00:00Z', '{olga}', 'credit_case', '{case}', 'decision_approved', '{{}}', 'x', 'y')"
        ))
        .unwrap_err();
    assert!(format!("{err:?}").contains("four_eyes_not_own_decision"), "{err:?}");
    let approved = json_of(
        &cdesk(&db, &boss_url).args(["credit", "approve", &case, "--at", "2026-11-21T09:00:00Z", "--json"]).assert().success().get_output().stdout.clone(),
    );
    assert_eq!(approved["status"], "open");
    assert_eq!(approved["case"]["approval"]["approved_by"], boss.as_str());
    cdesk(&db, &olga_url).args(["credit", "deactivate", &case, "--at", "2026-11-21T10:00:00Z"]).assert().success();
}

#[test]
fn a_file_is_moved_onto_an_empty_team_database_with_its_history_intact() {
    let Some(server) = super::team_server() else {
        return; // needs the test server
    };
    // `team init` makes the database when the server has none of that name.
    let admin = format!("{}/cdesk_moved{}", server.rsplit_once('/').unwrap().0, std::process::id());
    let file = Db::file();
    for i in 0..3 {
        log_operational(&file, &format!("2026-11-1{i}T10:00:00-05:00"), "email", &format!("Complaint {i}"));
    }
    file.cmd().args(["complaint", "acknowledge", "CMP-2026-00001", "--at", "2026-11-11T10:00:00-05:00"]).assert().success();
    // An executive complaint too: its register row is the file's, of the file's read-model version.
    file.cmd()
        .args(["complaint", "add", "--received", "2026-11-16T10:00:00-05:00", "--kind", "executive", "--grounds", "regulator"])
        .args(["--channel", "regulator", "--summary", "Forwarded by the state regulator", "--complainant-name", "Ada Lovelace"])
        .assert()
        .success();
    let file_ok = String::from_utf8(file.cmd().args(["audit", "verify"]).assert().success().get_output().stdout.clone()).unwrap();
    cdesk(&file, &admin).args(["team", "init"]).assert().success();
    let moved = cdesk(&file, &admin)
        .env_remove("CDESK_DB")
        .args(["team", "migrate", "--from", file.path().to_str().unwrap(), "--to", &admin, "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let moved = json_of(&moved);
    assert_eq!((moved["events"].as_i64(), moved["complaints"].as_u64(), moved["verified"].as_bool()), (Some(5), Some(4), Some(true)));
    let team_ok = String::from_utf8(cdesk(&file, &admin).args(["audit", "verify"]).assert().success().get_output().stdout.clone()).unwrap();
    assert_eq!(team_ok, file_ok, "the same chain on both sides");
    let listed = json_of(&cdesk(&file, &admin).args(["complaint", "list", "--status", "all", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(listed.as_array().unwrap().len(), 4);
    let shown = json_of(&cdesk(&file, &admin).args(["complaint", "show", "CMP-2026-00001", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(shown["timeline"][0]["actor"], "cli test", "the file's actors are kept");
    // Only into an empty team database.
    cdesk(&file, &admin)
        .args(["team", "migrate", "--from", file.path().to_str().unwrap(), "--to", &admin])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already holds a register"));
}
