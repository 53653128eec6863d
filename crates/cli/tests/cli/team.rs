//! Four eyes and assignment from the command line: `credit approve`, `complaint
//! approve-reclassification`, `complaint assign`, `credit assign`, `complaint list --mine` and
//! `four-eyes`, with the refusals a script branches on (exit 2, the rule named, nothing written).

use super::{json_of, log_operational, Db};
use predicates::prelude::*;

fn verify_events(db: &Db) -> String {
    String::from_utf8(db.cmd().args(["audit", "verify"]).assert().success().get_output().stdout.clone()).unwrap()
}

#[test]
fn credit_approve_needs_a_second_officer() {
    let db = Db::new();
    db.cmd().args(["four-eyes", "on"]).assert().success().stdout(predicate::str::contains("four eyes: on"));
    db.cmd().args(["four-eyes", "--json"]).assert().success().stdout(predicate::str::contains("\"four_eyes\": true"));
    db.cmd()
        .args(["credit", "program", "--creditor-name", "Kite Cards Inc.", "--creditor-address", "1 Main St, Portland, OR 97201"])
        .args(["--creditor-phone", "+1 503 555 0100", "--agency-name", "Federal Trade Commission"])
        .args(["--agency-address", "600 Pennsylvania Avenue NW, Washington, DC 20580"])
        .assert()
        .success();
    db.cmd()
        .args(["account", "add", "--id", "acct_1Kite", "--name", "Kite Logistics LLC", "--email", "ap@kite.example"])
        .args(["--limit", "200000", "--currency", "USD", "--period", "month", "--period-count", "1", "--days-until-due", "10"])
        .args(["--balance", "0", "--address", "12 Harbor Rd, Portland, OR 97201"])
        .assert()
        .success();
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
    let db = Db::new();
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
