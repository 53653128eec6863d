//! `cdesk deadline-policy`: shown as text and JSON, one clock changed at a time, open complaints
//! recomputed, bad input refused naming the flag's field.

use super::{json_of, log_from_regulator, Db};
use predicates::prelude::*;

fn policy(db: &Db) -> serde_json::Value {
    json_of(&db.cmd().args(["deadline-policy", "--json"]).assert().success().get_output().stdout.clone())
}

#[test]
fn the_policy_shows_an_executive_resolve_clock_of_15_business_days() {
    let db = Db::new();
    let v = policy(&db);
    assert_eq!(v["operational"]["acknowledge"], 5);
    assert_eq!(v["operational"]["resolve"], 15);
    assert_eq!(v["executive"]["notify_stripe"], 1);
    assert_eq!(v["executive"]["resolve"], 15);
    db.cmd().args(["deadline-policy"]).assert().success().stdout(predicate::str::contains("resolve: 15 business days"));
}

#[test]
fn setting_a_clock_recomputes_open_complaints_and_is_kept() {
    let db = Db::new();
    let id = log_from_regulator(&db, "2026-11-23T10:00:00-05:00", "Letter from the state regulator");
    let show = |db: &Db| json_of(&db.cmd().args(["complaint", "show", &id, "--json"]).assert().success().get_output().stdout.clone());
    let before = show(&db);
    let clocks: Vec<&str> = before["clocks"].as_array().unwrap().iter().map(|c| c["clock"].as_str().unwrap()).collect();
    assert!(clocks.contains(&"resolve") && clocks.contains(&"notify_stripe"), "{clocks:?}");
    assert_eq!(before["deadlines"]["resolve_by"], "2026-12-15");

    db.cmd()
        .args(["deadline-policy", "set", "--kind", "executive", "--clock", "resolve", "--business-days", "20"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 open complaints' deadlines moved"));
    assert_eq!(policy(&db)["executive"]["resolve"], 20);
    assert_eq!(show(&db)["deadlines"]["resolve_by"], "2026-12-22");
    db.cmd().args(["audit", "verify"]).assert().success();
}

#[test]
fn a_clock_the_kind_does_not_run_or_a_bad_count_is_refused_and_writes_nothing() {
    let db = Db::new();
    db.cmd().args(["init"]).assert().success();
    for (args, field) in [
        (["--kind", "executive", "--clock", "acknowledge", "--business-days", "5"], "clock"),
        (["--kind", "operational", "--clock", "resolve", "--business-days", "0"], "business_days"),
        (["--kind", "retail", "--clock", "resolve", "--business-days", "5"], "kind"),
    ] {
        db.cmd().args(["deadline-policy", "set"]).args(args).assert().code(2).stderr(predicate::str::contains(field));
    }
    assert_eq!(policy(&db)["operational"]["resolve"], 15);
}

#[test]
fn a_resolution_date_stripe_sets_with_its_review_replaces_the_programs_clock() {
    let db = Db::new();
    let id = log_from_regulator(&db, "2026-11-02T10:00:00-05:00", "Regulator forwarded a fee complaint");
    db.cmd().args(["complaint", "notify-stripe", &id, "--at", "2026-11-02T15:00:00-05:00"]).assert().success();
    // A date before the review is refused, naming the field.
    db.cmd()
        .args(["complaint", "stripe-reviewed", &id, "--at", "2026-11-05T12:00:00-05:00", "--resolve-by", "2026-10-30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("resolve_by"));
    db.cmd().args(["complaint", "stripe-reviewed", &id, "--at", "2026-11-05T12:00:00-05:00", "--resolve-by", "2026-12-18"]).assert().success();
    let v = json_of(&db.cmd().args(["complaint", "show", &id, "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(v["deadlines"]["resolve_by"], "2026-12-18");
    let resolve = v["clocks"].as_array().unwrap().iter().find(|c| c["clock"] == "resolve").unwrap().clone();
    assert!(resolve["explanation_text"].as_str().unwrap().contains("Stripe set"), "{resolve}");
    db.cmd().args(["audit", "verify"]).assert().success();
}
