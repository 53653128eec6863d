//! `cdesk credit ...`: closing a credit line step by step, the notice, term changes, and the
//! refusals (exit 2, one line naming the rule, nothing written).

use super::{json_of, Db};
use predicates::prelude::*;

/// The creditor and the agency a notice must name before it can be recorded as sent.
pub(super) fn program(db: &Db) {
    db.cmd()
        .args(["credit", "program", "--creditor-name", "Kite Cards Inc.", "--creditor-address", "1 Main St, Portland, OR 97201"])
        .args(["--creditor-phone", "+1 503 555 0100", "--agency-name", "Federal Trade Commission"])
        .args(["--agency-address", "600 Pennsylvania Avenue NW, Washington, DC 20580"])
        .assert()
        .success();
}

pub(super) fn add_account(db: &Db, balance: &str) {
    program(db);
    add_bare_account(db, balance);
}

/// An account on a desk whose credit program is not filled in yet.
fn add_bare_account(db: &Db, balance: &str) {
    db.cmd()
        .args(["account", "add", "--id", "acct_1Kite", "--name", "Kite Logistics LLC", "--email", "ap@kite.example"])
        .args(["--limit", "200000", "--currency", "USD", "--period", "month", "--period-count", "1", "--days-until-due", "10"])
        .args(["--balance", balance, "--address", "12 Harbor Rd, Portland, OR 97201"])
        .assert()
        .success();
}

/// What `audit verify` says (its event count changes with every write).
pub(super) fn events(db: &Db) -> String {
    String::from_utf8(db.cmd().args(["audit", "verify"]).assert().success().get_output().stdout.clone()).unwrap()
}

fn close(db: &Db) -> String {
    let out = db
        .cmd()
        .args(["credit", "close", "acct_1Kite", "--decided-at", "2026-11-02T15:00:00Z"])
        .args(["--reason", "delinquent_credit_obligations", "--reason", "insufficient_cash_flow", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    let id = v["id"].as_str().unwrap().to_owned();
    db.approve_on_team(&id, "2026-11-02T15:00:00Z");
    id
}

fn refused(db: &Db, args: &[&str], rule: &str) {
    let before = events(db);
    let assert = db.cmd().args(args).assert().code(2).stderr(predicate::str::contains(rule));
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert_eq!(events(db), before, "a refusal wrote something");
}

#[test]
fn rule_closure_goes_through_every_step_in_order() {
    let db = Db::new();
    add_account(&db, "-12550");
    let id = close(&db);
    assert_eq!(id, "CRD-2026-00001");
    let v = json_of(&db.cmd().args(["credit", "show", &id, "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(v["notice_due"], "2026-12-02T15:00:00Z");
    assert_eq!(v["case"]["reasons"]["codes"][0], "delinquent_credit_obligations");
    // After the decision (and on a team database its approval), the notice is ready.
    let notice = v["steps"].as_array().unwrap().iter().find(|s| s["step"] == "notice_sent").unwrap();
    assert_eq!(notice["state"], "ready");

    refused(&db, &["credit", "deactivate", &id, "--at", "2026-11-01T10:00:00Z"], "at");
    db.cmd().args(["credit", "notice-sent", &id, "--at", "2026-11-03T10:00:00Z", "--channel", "email"]).assert().success();
    refused(&db, &["credit", "deactivate", &id, "--at", "2026-11-04T10:00:00Z"], "deactivate_with_negative_balance");
    let err = db.cmd().args(["credit", "deactivate", &id, "--at", "2026-11-04T10:00:00Z"]).assert().code(2).get_output().stderr.clone();
    assert!(String::from_utf8(err).unwrap().contains("top it up by 125.50 USD"), "the refusal says how much to top up");

    db.cmd().args(["account", "set-balance", "acct_1Kite", "--amount", "0", "--at", "2026-11-05T09:00:00Z"]).assert().success();
    db.cmd().args(["credit", "deactivate", &id, "--at", "2026-11-05T10:00:00Z"]).assert().success();
    let a = json_of(&db.cmd().args(["account", "show", "acct_1Kite", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(a["account"]["policy"]["status"], "inactive");

    let v = json_of(&db.cmd().args(["credit", "show", &id, "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(v["wind_down_ends"], "2026-12-06T10:00:00Z");
    assert_eq!(v["status"], "winding_down", "as of 2026-11-23 the 31 days have not passed");

    refused(&db, &["credit", "reactivate", "acct_1Kite", "--at", "2026-11-20T10:00:00Z"], "closed_line_reopens_by_application");
    db.cmd()
        .args(["credit", "revoke-capability", &id, "--at", "2026-11-06T10:00:00Z", "--reason", "terms_violated"])
        .assert()
        .success();
    let a = json_of(&db.cmd().args(["account", "show", "acct_1Kite", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(a["account"]["capability"], "revoked");

    // After the wind-down the case is complete.
    let later = json_of(
        &db.cmd().env("CDESK_NOW", "2026-12-06T10:00:00Z").args(["credit", "show", &id, "--json"]).assert().success().get_output().stdout.clone(),
    );
    assert_eq!(later["status"], "complete");
}

#[test]
fn rule_reason_refusals_exit_2_naming_the_rule() {
    let db = Db::new();
    add_account(&db, "0");
    let base = ["credit", "close", "acct_1Kite", "--decided-at", "2026-11-02T15:00:00Z"];
    fn join<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<&'a str> {
        a.iter().chain(b.iter()).copied().collect()
    }
    let with = |extra: &[&'static str]| join(&base, extra);
    refused(&db, &with(&[]), "reasons_required");
    refused(
        &db,
        &with(&["--reason", "bankruptcy", "--reason", "unprofitable", "--reason", "runway_too_short", "--reason", "suspected_fraud", "--reason", "insufficient_revenue"]),
        "reasons_at_most_four",
    );
    refused(&db, &with(&["--reason", "bankruptcy", "--reason", "bankruptcy"]), "reasons_distinct");
    refused(&db, &with(&["--reason", "debt_to_cash_ratio_too_high"]), "reason_unknown");
    refused(&db, &with(&["--reason", "other"]), "other_needs_explanation");
    db.cmd().args(["credit", "program", "--approved-reasons", "bankruptcy,other"]).assert().success();
    refused(&db, &with(&["--reason", "unprofitable"]), "reason_not_approved");
    db.cmd().args(with(&["--reason", "other", "--other-explanation", "Platform exits the market"])).assert().success();
    refused(&db, &with(&["--reason", "bankruptcy"]), "closure_in_progress");
}

#[test]
fn notice_is_written_as_text_and_pdf_with_reasons_in_order() {
    let db = Db::new();
    add_account(&db, "0");
    db.cmd()
        .args(["credit", "program", "--creditor-name", "Harbor Bank N.A.", "--creditor-address", "1 Bank Plaza\\nSalt Lake City, UT 84101"])
        .args(["--creditor-phone", "+1 800 555 0100", "--agency-name", "Federal Deposit Insurance Corporation"])
        .args(["--agency-address", "Consumer Response Center, 1100 Walnut Street, Box #11, Kansas City, MO 64106"])
        .assert()
        .success();
    let id = close(&db);
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("notice.txt");
    db.cmd().args(["credit", "notice", &id, "--format", "text", "--out"]).arg(&txt).assert().success().stderr("");
    let text = std::fs::read_to_string(&txt).unwrap();
    assert!(text.contains("Harbor Bank N.A."));
    assert!(text.contains("Federal Deposit Insurance Corporation"));
    assert!(text.contains("Kite Logistics LLC"));
    let first = text.find("1.").expect("numbered reasons");
    let second = text.find("2.").expect("two reasons");
    assert!(first < second);
    let pdf = dir.path().join("notice.pdf");
    db.cmd().args(["credit", "notice", &id, "--format", "pdf", "--out"]).arg(&pdf).assert().success();
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    refused(&db, &["credit", "notice", &id, "--format", "docx", "--out", "x.docx"], "format");
}

#[test]
fn notice_without_program_details_marks_the_gaps_and_warns() {
    let db = Db::new();
    add_bare_account(&db, "0");
    let id = close(&db);
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("n.txt");
    db.cmd()
        .args(["credit", "notice", &id, "--format", "text", "--out"])
        .arg(&txt)
        .assert()
        .success()
        .stderr(predicate::str::contains("creditor_name"));
    assert!(std::fs::read_to_string(&txt).unwrap().contains("[not set: creditor name]"));
    refused(&db, &["credit", "notice-sent", &id, "--at", "2026-11-03T10:00:00Z", "--channel", "mail"], "notice_needs_creditor_and_agency");
    program(&db);
    db.cmd().args(["credit", "notice-sent", &id, "--at", "2026-11-03T10:00:00Z", "--channel", "mail"]).assert().success();
}

#[test]
fn deactivation_does_not_wait_for_the_notice_and_is_judged_at_its_instant() {
    let db = Db::new();
    add_account(&db, "-5000");
    let id = close(&db);
    db.cmd().args(["account", "set-balance", "acct_1Kite", "--amount", "0", "--at", "2026-11-10T12:00:00Z"]).assert().success();
    // The top-up was read at 12:00: at 11:30 the account still owed Stripe.
    refused(&db, &["credit", "deactivate", &id, "--at", "2026-11-10T11:30:00Z"], "deactivate_with_negative_balance");
    db.cmd().args(["credit", "deactivate", &id, "--at", "2026-11-10T12:30:00Z"]).assert().success();
    let v = json_of(&db.cmd().args(["credit", "show", &id, "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(v["clocks"][0]["clock"], "notice");
    assert_eq!(v["clocks"][0]["state"], "pending", "the notice is still owed after deactivation");
    let t = v["timeline"].as_array().unwrap();
    assert_eq!(t.last().unwrap()["occurred_at"], "2026-11-10T12:30:00Z");
    assert_eq!(t.last().unwrap()["recorded_at"], "2026-11-23T15:00:00Z");
    assert_eq!(t.last().unwrap()["voided"], false);
    assert_eq!(t.last().unwrap()["entered_late"], true);
    // A backdated negative reading cannot unmake the deactivation already judged.
    refused(&db, &["account", "set-balance", "acct_1Kite", "--amount", "-10", "--at", "2026-11-10T12:15:00Z"], "deactivate_with_negative_balance");
    db.cmd().args(["account", "set-balance", "acct_1Kite", "--amount", "-10", "--at", "2026-11-10T11:45:00Z"]).assert().success();
    refused(&db, &["credit", "notice-sent", &id, "--at", "2026-12-03T10:00:00Z", "--channel", "mail"], "step_in_future");
}

#[test]
fn a_case_entry_recorded_in_error_is_voided_and_its_effect_undone() {
    let db = Db::new();
    add_account(&db, "0");
    let id = close(&db);
    db.cmd().args(["credit", "deactivate", &id, "--at", "2026-11-05T10:00:00Z"]).assert().success();
    db.cmd()
        .args(["credit", "revoke-capability", &id, "--at", "2026-11-06T10:00:00Z", "--reason", "terms_violated"])
        .assert()
        .success();
    // The entries' numbers in the history (a team database has its approval among them).
    let shown = json_of(&db.cmd().args(["credit", "show", &id, "--json"]).assert().success().get_output().stdout.clone());
    let seq_of = |action: &str| -> String {
        let e = shown["timeline"].as_array().unwrap().iter().find(|e| e["action"] == action).unwrap();
        e["seq"].as_i64().unwrap().to_string()
    };
    let (decision, deactivation, revocation) = (seq_of("decision_recorded"), seq_of("policy_deactivated"), seq_of("capability_revoked"));
    refused(&db, &["credit", "void", &id, "--seq", &deactivation, "--reason", "wrong case"], "step_order");
    refused(&db, &["credit", "void", &id, "--seq", &decision, "--reason", "x"], "void_decision");
    db.cmd().args(["credit", "void", &id, "--seq", &revocation, "--reason", "Revoked on the wrong account"]).assert().success();
    let a = json_of(&db.cmd().args(["account", "show", "acct_1Kite", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(a["account"]["capability"], "active", "the voided revocation is undone");
    db.cmd().args(["credit", "void", &id, "--seq", &deactivation, "--reason", "Deactivated the wrong line"]).assert().success();
    let a = json_of(&db.cmd().args(["account", "show", "acct_1Kite", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(a["account"]["policy"]["status"], "active");
    let v = json_of(&db.cmd().args(["credit", "show", &id, "--json"]).assert().success().get_output().stdout.clone());
    let t = v["timeline"].as_array().unwrap();
    let voided: Vec<i64> = t.iter().filter(|e| e["voided"] == true).map(|e| e["seq"].as_i64().unwrap()).collect();
    let expected: Vec<i64> = [&deactivation, &revocation].iter().map(|s| s.parse().unwrap()).collect();
    assert_eq!(voided, expected, "both stay in the history, voided");
    refused(&db, &["credit", "void", &id, "--seq", &revocation, "--reason", "again"], "void_once");
}

#[test]
fn schedule_period_can_change_days_until_due() {
    let db = Db::new();
    add_account(&db, "0");
    db.cmd().args(["credit", "period-approval", "acct_1Kite", "--approved-at", "2026-11-20T10:00:00Z", "--reference", "SUP-77"]).assert().success();
    db.cmd()
        .args(["credit", "schedule-period", "acct_1Kite", "--period", "day", "--period-count", "7", "--effective-at", "2026-12-01T00:00:00Z"])
        .args(["--days-until-due", "0"])
        .assert()
        .success();
    let a = json_of(&db.cmd().args(["account", "show", "acct_1Kite", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(a["account"]["upcoming"]["days_until_due"], 0);
    let later = db.cmd().env("CDESK_NOW", "2026-12-01T00:00:01Z").args(["account", "show", "acct_1Kite", "--json"]).assert().success().get_output().stdout.clone();
    let a = json_of(&later);
    assert_eq!(a["account"]["policy"]["days_until_due"], 0, "it switched with the period");
    assert_eq!(a["account"]["last_effective"]["days_until_due"], 10);
}

#[test]
fn rule_limit_change_needs_underwriting_record_for_that_amount() {
    let db = Db::new();
    add_account(&db, "0");
    refused(&db, &["credit", "set-limit", "acct_1Kite", "--amount", "300000", "--at", "2026-11-20T10:00:00Z"], "limit_needs_underwriting_record");
    db.cmd()
        .args(["credit", "application", "acct_1Kite", "--decided-at", "2026-11-20T09:00:00Z", "--purpose", "credit_limit_increase", "--amount", "300000"])
        .assert()
        .success();
    refused(&db, &["credit", "set-limit", "acct_1Kite", "--amount", "350000", "--at", "2026-11-20T10:00:00Z"], "limit_needs_underwriting_record");
    let pending = json_of(&db.cmd().args(["account", "show", "acct_1Kite", "--json"]).assert().success().get_output().stdout.clone());
    let record = &pending["requests"][0];
    assert_eq!(record["step"], "underwriting_record");
    assert_eq!(record["request"]["path"], "/v1/issuing/credit_underwriting_records/create_from_application");
    let key = record["request"]["idempotency_key"].as_str().unwrap().to_owned();
    refused(&db, &["account", "stripe-object", "acct_1Kite", "--key", "cdesk-nothing", "--id", "icur_1"], "idempotency_key");
    db.cmd().args(["account", "stripe-object", "acct_1Kite", "--key", &key, "--id", "icur_1Raise"]).assert().success();
    db.cmd().args(["credit", "set-limit", "acct_1Kite", "--amount", "300000", "--at", "2026-11-20T10:00:00Z"]).assert().success();
    let a = json_of(&db.cmd().args(["account", "show", "acct_1Kite", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(a["account"]["policy"]["limit"]["amount_minor"], 300000);
    assert_eq!(a["account"]["last_effective"]["limit"]["amount_minor"], 200000);
    assert_eq!(a["requests"][0]["object_id"], "icur_1Raise", "the recorded object stays with its request");

    // A proactive decrease is an adverse action with its own case and notice.
    let v = json_of(
        &db.cmd()
            .args(["credit", "decrease", "acct_1Kite", "--amount", "100000", "--decided-at", "2026-11-21T09:00:00Z"])
            .args(["--reason", "insufficient_cash_flow", "--json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    );
    assert_eq!(v["decision_type"], "credit_limit_decreased");
    let id = v["id"].as_str().unwrap().to_owned();
    db.approve_on_team(&id, "2026-11-21T09:00:00Z");
    db.cmd().args(["credit", "apply-limit", &id, "--at", "2026-11-21T10:00:00Z"]).assert().success();
    let rows = json_of(&db.cmd().args(["credit", "list", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(rows[0]["next_step"], "notice_sent");
}

#[test]
fn rule_period_change_needs_approval_and_midnight_utc_then_applies() {
    let db = Db::new();
    add_account(&db, "0");
    let schedule = ["credit", "schedule-period", "acct_1Kite", "--period", "day", "--period-count", "14", "--effective-at"];
    let with = |at: &'static str| schedule.iter().copied().chain([at]).collect::<Vec<_>>();
    refused(&db, &with("2026-12-01T00:00:00Z"), "period_change_needs_stripe_approval");
    db.cmd()
        .args(["credit", "period-approval", "acct_1Kite", "--approved-at", "2026-11-20T12:00:00Z", "--reference", "STRIPE-APPROVAL-7"])
        .assert()
        .success();
    refused(&db, &with("2026-12-01T00:00:00-05:00"), "effective_at_midnight_utc");
    db.cmd().args(["credit", "program", "--approved-periods", "1 month,30 days"]).assert().success();
    refused(&db, &with("2026-12-01T00:00:00Z"), "period_not_bank_approved");
    refused(&db, &["credit", "program", "--approved-periods", "2 weeks"], "approved_periods");
    db.cmd().args(["credit", "program", "--approved-periods", "1 month, 14 days"]).assert().success();
    db.cmd().args(with("2026-12-01T00:00:00Z")).assert().success();
    let a = json_of(&db.cmd().args(["account", "show", "acct_1Kite", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(a["account"]["upcoming"]["effective_at"], "2026-12-01T00:00:00Z");
    assert_eq!(a["requests"][0]["request"]["params"][2][1], "1796083200");
    let before = json_of(&db.cmd().args(["account", "list", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(before[0]["upcoming_at"], "2026-12-01T00:00:00Z");
    let listed = json_of(
        &db.cmd().env("CDESK_NOW", "2026-12-01T00:00:00Z").args(["account", "list", "--json"]).assert().success().get_output().stdout.clone(),
    );
    assert_eq!(listed[0]["upcoming_at"], serde_json::Value::Null, "listing applies a change whose instant has passed");
    let later = json_of(
        &db.cmd()
            .env("CDESK_NOW", "2026-12-01T00:00:00Z")
            .args(["account", "show", "acct_1Kite", "--json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    );
    assert_eq!(later["account"]["policy"]["period_interval"], "day");
    assert_eq!(later["account"]["last_effective"]["period_interval"], "month");
    assert!(later["history"].as_array().unwrap().iter().any(|e| e["action"] == "period_change_applied"));
}

#[test]
fn every_step_shows_its_stripe_request_and_records_the_object_id() {
    let db = Db::new();
    add_account(&db, "0");
    let id = close(&db);
    let v = json_of(&db.cmd().args(["credit", "show", &id, "--json"]).assert().success().get_output().stdout.clone());
    let decision = &v["requests"][0];
    assert_eq!(decision["request"]["method"], "POST");
    assert_eq!(decision["request"]["stripe_account"], "acct_1Kite");
    assert_eq!(decision["request"]["idempotency_key"], format!("cdesk-{id}-decision"));
    assert!(decision["request"]["body"].as_str().unwrap().contains("decision%5Btype%5D=credit_line_closed"));
    refused(&db, &["credit", "stripe-object", &id, "--step", "deactivated", "--id", "x"], "step_order");
    db.cmd().args(["credit", "stripe-object", &id, "--step", "decision", "--id", "icur_1Abc"]).assert().success();
    let v = json_of(&db.cmd().args(["credit", "show", &id, "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(v["requests"][0]["object_id"], "icur_1Abc");
    assert_eq!(v["requests"][0]["request"]["idempotency_key"], format!("cdesk-{id}-decision"), "the key is stable");
}

#[test]
fn new_approved_application_reopens_a_closed_line() {
    let db = Db::new();
    add_account(&db, "0");
    let id = close(&db);
    db.cmd().args(["credit", "notice-sent", &id, "--at", "2026-11-03T10:00:00Z", "--channel", "mail"]).assert().success();
    db.cmd().args(["credit", "deactivate", &id, "--at", "2026-11-04T10:00:00Z"]).assert().success();
    refused(
        &db,
        &["credit", "application", "acct_1Kite", "--decided-at", "2026-11-20T10:00:00Z", "--purpose", "credit_limit_increase", "--amount", "900000"],
        "closed_line_reopens_by_application",
    );
    db.cmd()
        .args(["credit", "application", "acct_1Kite", "--decided-at", "2026-11-20T10:00:00Z", "--purpose", "credit_line_opening", "--amount", "100000"])
        .assert()
        .success();
    let a = json_of(&db.cmd().args(["account", "show", "acct_1Kite", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(a["account"]["policy"]["status"], "active");
    assert_eq!(a["account"]["policy"]["limit"]["amount_minor"], 100000);
}

#[test]
fn account_import_is_all_rows_or_none() {
    let db = Db::new();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "id,name,email,limit,currency,period,period_count,days_until_due,balance\n\
         acct_1A,Alpha Co,a@alpha.example,100000,USD,month,1,10,0\n\
         acct_1B,Beta Co,b@beta.example,lots,USD,month,1,10,0\n",
    )
    .unwrap();
    db.cmd().args(["account", "import"]).arg(&bad).assert().code(2).stderr(predicate::str::contains("row 3, column limit"));
    db.cmd().args(["audit", "verify"]).assert().success().stdout("ok: 0 events\n");
    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "id,name,email,address,limit,currency,period,period_count,days_until_due,balance\n\
         acct_1A,Alpha Co,a@alpha.example,\"1 Main St, Austin, TX\",100000,USD,month,1,10,0\n\
         acct_1B,Beta Co,b@beta.example,,50000,USD,day,30,5,-2500\n",
    )
    .unwrap();
    db.cmd().args(["account", "import"]).arg(&good).assert().success().stdout(predicate::str::contains("imported 2 accounts"));
    let b = json_of(&db.cmd().args(["account", "show", "acct_1B", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(b["owes"], true);
    let list = String::from_utf8(db.cmd().args(["account", "list"]).assert().success().get_output().stdout.clone()).unwrap();
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2, "{list}");
    assert!(lines[0].starts_with("acct_1A  Alpha Co") && !lines[0].contains("OWES STRIPE"), "by legal name: {list}");
    assert!(lines[1].starts_with("acct_1B  Beta Co") && lines[1].contains("balance -25.00 USD  OWES STRIPE"), "{list}");
    let rows = json_of(&db.cmd().args(["account", "list", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(rows[1]["owes"], true);
}

#[test]
fn a_notice_to_a_person_greets_them_by_name_once_the_account_says_so() {
    let db = Db::new();
    add_account(&db, "0");
    let id = close(&db);
    db.cmd().args(["account", "set-business-type", "acct_1Kite", "individual"]).assert().success();
    refused(&db, &["account", "set-business-type", "acct_1Kite", "individual"], "business_type");
    refused(&db, &["account", "set-business-type", "acct_1Kite", "partnership"], "business_type");
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("n.txt");
    db.cmd().args(["credit", "notice", &id, "--format", "text", "--lang", "de", "--out"]).arg(&txt).assert().success();
    let text = std::fs::read_to_string(&txt).unwrap();
    assert!(text.contains("Guten Tag Kite Logistics LLC,"), "{text}");
    assert!(text.contains("12 Harbor Rd, Portland, OR 97201"), "{text}");
}

#[test]
fn the_notice_recorded_is_in_the_language_chosen_and_imported_holders_keep_their_type() {
    let db = Db::new();
    add_account(&db, "0");
    let id = close(&db);
    db.cmd().args(["credit", "notice-sent", &id, "--at", "2026-11-03T10:00:00Z", "--channel", "mail", "--lang", "de"]).assert().success();
    let v = json_of(&db.cmd().args(["credit", "show", &id, "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(v["case"]["notice"]["language"], "de", "the kept notice is the German one the officer sent, not the program's default");
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("holders.csv");
    std::fs::write(
        &csv,
        "id,name,email,address,limit,currency,period,period_count,days_until_due,balance,business_type\n\
         acct_1P,Pat Person,p@person.example,12 Elm St\\nSpringfield,1000,usd,month,1,10,0,individual\n\
         acct_1Q,Quay Ltd,q@quay.example,,1000,EUR,month,1,10,0,\n",
    )
    .unwrap();
    db.cmd().args(["account", "import"]).arg(&csv).assert().success();
    let p = json_of(&db.cmd().args(["account", "show", "acct_1P", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(p["account"]["business_type"], "individual");
    assert_eq!(p["account"]["address"], "12 Elm St\nSpringfield", "a typed \\n in a cell is a line break");
    let q = json_of(&db.cmd().args(["account", "show", "acct_1Q", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!((q["account"]["business_type"].as_str(), q["account"]["policy"]["limit"]["currency"].as_str()), (Some("company"), Some("eur")));
}

#[test]
fn notice_sent_keeps_the_language_the_notice_was_last_written_in() {
    let db = Db::new();
    add_account(&db, "0");
    program(&db);
    let id = close(&db);
    let dir = tempfile::tempdir().unwrap();
    let ja = dir.path().join("notice-ja.txt");
    db.cmd().args(["credit", "notice", &id, "--format", "text", "--lang", "ja", "--out"]).arg(&ja).assert().success();
    db.cmd().args(["credit", "notice-sent", &id, "--at", "2026-11-03T10:00:00Z", "--channel", "email"]).assert().success();
    let v = json_of(&db.cmd().args(["credit", "show", &id, "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(v["notice_sent"]["language"], "ja", "{}", v["notice_sent"]);
    assert_eq!(v["notice_sent"]["channel"], "email");
    assert_eq!(v["notice_sent"]["sha256"].as_str().map(str::len), Some(64));
    // Written again, the kept notice is the Japanese one.
    let again = dir.path().join("again.txt");
    db.cmd().args(["credit", "notice", &id, "--format", "text", "--out"]).arg(&again).assert().success();
    let text = std::fs::read_to_string(&again).unwrap();
    assert!(text.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)), "Japanese text: {text}");
}

#[test]
fn notice_sent_lang_flag_wins_over_the_last_written_language() {
    let db = Db::new();
    add_account(&db, "0");
    program(&db);
    let id = close(&db);
    let dir = tempfile::tempdir().unwrap();
    db.cmd().args(["credit", "notice", &id, "--format", "text", "--lang", "ja", "--out"]).arg(dir.path().join("n.txt")).assert().success();
    db.cmd().args(["credit", "notice-sent", &id, "--at", "2026-11-03T10:00:00Z", "--channel", "mail", "--lang", "de"]).assert().success();
    let v = json_of(&db.cmd().args(["credit", "show", &id, "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(v["notice_sent"]["language"], "de");
}
