//! Time as a rule through `cdesk complaint ...`: steps judged at their own instant, voids,
//! "not a complaint", and the timeline and clocks in `complaint show --json`.

use super::{json_of, log_operational, Db};


fn events(db: &Db) -> String {
    let out = db.cmd().args(["audit", "verify"]).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn executive(db: &Db) -> String {
    let out = db
        .cmd()
        .args(["complaint", "add", "--received", "2026-11-02T10:00:00-05:00", "--kind", "executive", "--grounds", "litigation"])
        .args(["--channel", "letter", "--summary", "Lawyer's letter about a frozen card", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    json_of(&out)["id"].as_str().unwrap().to_owned()
}

fn show(db: &Db, id: &str) -> serde_json::Value {
    json_of(&db.cmd().args(["complaint", "show", id, "--json"]).assert().success().get_output().stdout.clone())
}

/// Refused with exit 2, one line on stderr naming the rule, and nothing written.
fn refused(db: &Db, args: &[&str], rule: &str) {
    let before = events(db);
    let out = db.cmd().args(args).assert().code(2).get_output().stderr.clone();
    let err = String::from_utf8(out).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(rule), "the refusal names {rule}: {err}");
    assert_eq!(events(db), before, "a refusal writes nothing");
}

#[test]
fn a_contact_dated_before_stripes_review_is_refused_however_late_it_is_entered() {
    let db = Db::new();
    let id = executive(&db);
    db.cmd().args(["complaint", "notify-stripe", &id, "--at", "2026-11-02T15:00:00-05:00"]).assert().success();
    db.cmd().args(["complaint", "stripe-reviewed", &id, "--at", "2026-11-05T12:00:00-05:00"]).assert().success();
    refused(&db, &["complaint", "contact", &id, "--at", "2026-11-03T09:00:00-05:00", "--note", "Called back"], "executive_contact_hold");
    refused(&db, &["complaint", "acknowledge", &id, "--at", "2026-11-04T09:00:00-05:00"], "executive_contact_hold");
    refused(&db, &["complaint", "resolve", &id, "--at", "2026-11-04T09:00:00-05:00", "--summary", "x"], "executive_resolve_with_stripe");
    db.cmd().args(["complaint", "contact", &id, "--at", "2026-11-06T09:00:00-05:00", "--note", "Called back"]).assert().success();
}

#[test]
fn steps_in_the_future_are_refused() {
    let db = Db::new();
    let id = executive(&db);
    refused(&db, &["complaint", "notify-stripe", &id, "--at", "2026-12-03T15:00:00Z"], "step_in_future");
    refused(
        &db,
        &["complaint", "add", "--received", "2026-11-24T15:00:00Z", "--kind", "operational", "--channel", "email", "--summary", "x"],
        "step_in_future",
    );
    db.cmd().args(["complaint", "notify-stripe", &id, "--at", "2026-11-23T15:04:00Z"]).assert().success();
}

#[test]
fn a_reopen_dated_before_its_resolution_is_refused() {
    let db = Db::new();
    let id = log_operational(&db, "2026-11-02T10:00:00-05:00", "email", "Card declined");
    db.cmd().args(["complaint", "resolve", &id, "--at", "2026-11-05T10:00:00-05:00", "--summary", "Refunded"]).assert().success();
    refused(&db, &["complaint", "reopen", &id, "--at", "2026-11-04T10:00:00-05:00", "--reason", "wrote again"], "reopen_resolved_only");
    db.cmd().args(["complaint", "reopen", &id, "--at", "2026-11-06T10:00:00-05:00", "--reason", "wrote again"]).assert().success();
    let v = show(&db, &id);
    assert_eq!(v["complaint"]["first_resolution"]["at"], "2026-11-05T15:00:00Z", "the first resolution stays on the record");
    let resolve = v["clocks"].as_array().unwrap().iter().find(|c| c["clock"] == "resolve").unwrap();
    assert_eq!(resolve["state"], "met", "met before the reopen");
}

#[test]
fn show_json_has_the_timeline_with_both_instants_and_clock_states() {
    let db = Db::new();
    let id = executive(&db);
    db.cmd().args(["complaint", "notify-stripe", &id, "--at", "2026-11-02T15:00:00-05:00"]).assert().success();
    let v = show(&db, &id);
    let timeline = v["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 2);
    let notify = &timeline[1];
    assert_eq!(notify["seq"], 2);
    assert_eq!(notify["occurred_at"], "2026-11-02T20:00:00Z");
    assert_eq!(notify["recorded_at"], "2026-11-23T15:00:00Z");
    assert_eq!(notify["voided"], false);
    assert_eq!(notify["entered_late"], true, "recorded three weeks after it happened");
    for c in v["clocks"].as_array().unwrap() {
        let state = c["state"].as_str().unwrap();
        assert!(["met", "missed", "pending"].contains(&state), "{state}");
    }
    assert_eq!(v["clocks"][0]["state"], "met", "Stripe was notified on the day it was received");
}

#[test]
fn an_entry_recorded_in_error_is_voided_and_stays_in_the_history() {
    let db = Db::new();
    let id = executive(&db);
    db.cmd().args(["complaint", "notify-stripe", &id, "--at", "2026-11-02T15:00:00-05:00"]).assert().success();
    db.cmd().args(["complaint", "stripe-reviewed", &id, "--at", "2026-11-05T12:00:00-05:00"]).assert().success();
    db.cmd().args(["complaint", "contact", &id, "--at", "2026-11-06T09:00:00-05:00", "--note", "Called"]).assert().success();
    // The review cannot go while the contact after it stands: the refusal names the contact.
    let before = events(&db);
    let out = db.cmd().args(["complaint", "void", &id, "--seq", "3", "--reason", "Wrong complaint"]).assert().code(2).get_output().stderr.clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("executive_contact_hold") && err.contains("entry 4"), "{err}");
    assert_eq!(events(&db), before);
    db.cmd().args(["complaint", "void", &id, "--seq", "4", "--reason", "Logged on the wrong complaint"]).assert().success();
    let v = show(&db, &id);
    let t = v["timeline"].as_array().unwrap();
    assert_eq!(t.len(), 5, "the void is an entry of its own and the original stays");
    assert_eq!(t[3]["voided"], true);
    assert_eq!(t[3]["void_reason"], "Logged on the wrong complaint");
    assert_eq!(t[4]["action"], "voided");
    refused(&db, &["complaint", "void", &id, "--seq", "4", "--reason", "again"], "void_once");
    refused(&db, &["complaint", "void", &id, "--seq", "1", "--reason", "x"], "void_intake");
    let out = db.cmd().args(["complaint", "show", &id]).assert().success().get_output().stdout.clone();
    assert!(String::from_utf8(out).unwrap().contains("[VOIDED by #5: Logged on the wrong complaint]"));
}

#[test]
fn not_a_complaint_leaves_the_register_and_the_report() {
    let db = Db::new();
    let id = log_operational(&db, "2026-11-02T10:00:00-05:00", "in_person", "Our support agent complained about the refund tool");
    db.cmd().args(["complaint", "not-a-complaint", &id, "--reason", "Raised by our own employee"]).assert().success();
    let v = show(&db, &id);
    assert_eq!(v["status"], "not_a_complaint");
    assert!(v["clocks"].as_array().unwrap().is_empty(), "no clock runs");
    let open = json_of(&db.cmd().args(["complaint", "list", "--json"]).assert().success().get_output().stdout.clone());
    assert!(open.as_array().unwrap().is_empty(), "it leaves the open register");
    let all = json_of(&db.cmd().args(["complaint", "list", "--status", "all", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(all.as_array().unwrap().len(), 1, "and stays on record");
    let csv = db.dir.path().join("nov.csv");
    db.cmd().env("CDESK_NOW", "2026-12-02T15:00:00Z").args(["report", "monthly", "--month", "2026-11", "--format", "csv", "--out"]).arg(&csv).assert().success();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(!text.contains(&id), "it is not in the monthly report: {text}");
    refused(&db, &["complaint", "acknowledge", &id, "--at", "2026-11-23T15:00:00Z"], "not_a_complaint");
}

#[test]
fn classification_rules_refuse_with_their_names() {
    let db = Db::new();
    db.cmd().arg("init").assert().success();
    refused(
        &db,
        &["complaint", "add", "--received", "2026-11-02T10:00:00-05:00", "--kind", "operational", "--channel", "regulator", "--summary", "CFPB portal"],
        "regulator_complaint_is_executive",
    );
    refused(
        &db,
        &[
            "complaint", "add", "--received", "2026-11-02T10:00:00-05:00", "--kind", "operational", "--channel", "email",
            "--summary", "Transfer stuck", "--product", "issuing", "--topic", "treasury_money_movement",
        ],
        "topic_belongs_to_product",
    );
    let id = executive(&db);
    refused(&db, &["complaint", "reclassify", &id, "--kind", "operational", "--at", "2026-11-03T10:00:00-05:00", "--reason", "x"], "executive_downgrade_needs_stripe_review");
    refused(&db, &["complaint", "resolve", &id, "--at", "2026-11-03T10:00:00-05:00", "--summary", "x", "--compensation", "100", "XYZ"], "compensation");
}
