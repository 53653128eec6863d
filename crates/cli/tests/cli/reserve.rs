//! `cdesk reserve ...`, `cdesk complaint track` and `cdesk playbook` as scripts use them.

use predicates::prelude::*;

use super::{json_of, log_operational, Db};

fn account(db: &Db, id: &str, extra: &[&str]) {
    db.cmd()
        .args(["account", "add", "--id", id, "--name", "Alpha Co", "--email", "a@alpha.example", "--limit", "100000", "--currency", "USD"])
        .args(["--period", "month", "--period-count", "1", "--days-until-due", "10", "--balance", "0"])
        .args(extra)
        .assert()
        .success();
}

#[test]
fn reserve_status_json_lists_the_reserve_the_accounts_the_holds_and_the_shortfall() {
    let db = Db::new();
    account(&db, "acct_1A", &["--losses", "platform", "--country", "US", "--debit-negative-balances", "false"]);
    account(&db, "acct_1S", &["--losses", "stripe"]);
    db.cmd().args(["reserve", "balance", "acct_1A", "--currency", "usd", "--available", "-5000", "--at", "2026-06-01T15:00:00Z"]).assert().success();
    db.cmd().args(["reserve", "balance", "acct_1S", "--currency", "usd", "--available", "-9000", "--at", "2026-06-01T15:00:00Z"]).assert().success();
    db.cmd().args(["reserve", "bank-debit", "acct_1A", "--currency", "usd", "--amount", "1200", "--completed-at", "2026-11-20T15:00:00Z"]).assert().success();
    db.cmd().args(["reserve", "platform-balance", "--currency", "usd", "--available", "1000", "--at", "2026-11-21T15:00:00Z"]).assert().success();
    let v = json_of(&db.cmd().args(["reserve", "status", "--at", "2026-11-23T12:00:00Z", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(v["at"], "2026-11-23T12:00:00Z");
    assert_eq!(v["reserve"][0]["amount"], 6200, "5000 negative plus the 1200 debit still held: {v}");
    let accounts = v["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 1, "only loss-liable accounts: {v}");
    let a = &accounts[0];
    assert_eq!(a["account"], "acct_1A");
    assert_eq!(a["available"], -5000);
    assert_eq!(a["sweep_on"], "2026-11-28");
    assert_eq!(a["days_negative"], 175);
    let actions: Vec<&str> = a["actions"].as_array().unwrap().iter().map(|x| x["action"].as_str().unwrap()).collect();
    assert_eq!(actions, vec!["transfer_funds", "enable_debit_negative_balances", "reject_for_fraud"]);
    assert_eq!(v["holds"][0]["release_on"], "2026-11-25", "Fri 20 Nov + 3 business days");
    assert_eq!(v["holds"][0]["amount"], 1200);
    assert_eq!(v["shortfall"][0]["amount"], 5200);
    db.cmd().args(["reserve", "reject-for-fraud", "acct_1A", "--at", "2026-11-22T10:00:00Z"]).assert().success().stdout(predicate::str::contains("reason=fraud"));
    let v = json_of(&db.cmd().args(["reserve", "status", "--json"]).assert().success().get_output().stdout.clone());
    assert!(v["accounts"].as_array().unwrap().is_empty(), "off the list to act on");
    assert_eq!(v["reserve"][0]["amount"], 6200, "still in the reserve");
    db.cmd().args(["audit", "verify"]).assert().success();
}

#[test]
fn reserve_import_is_all_rows_or_none_naming_row_and_column() {
    let db = Db::new();
    account(&db, "acct_1A", &[]);
    let csv = db.dir.path().join("readings.csv");
    std::fs::write(&csv, "account,at,currency,available\nacct_1A,2026-11-19T10:00:00Z,usd,-100\nacct_1A,2026-11-19T11:00:00Z,usd,lots\n").unwrap();
    db.cmd().args(["reserve", "import"]).arg(&csv).assert().code(2).stderr(predicate::str::contains("row 3, column available"));
    let v = json_of(&db.cmd().args(["reserve", "status", "--json"]).assert().success().get_output().stdout.clone());
    assert!(v["reserve"].as_array().unwrap().is_empty(), "nothing was imported");
    std::fs::write(&csv, "account,at,currency,available\nacct_1A,2026-11-19T10:00:00Z,usd,-100\nacct_1A,2026-11-19T11:00:00Z,usd,-250\n").unwrap();
    db.cmd().args(["reserve", "import"]).arg(&csv).assert().success().stdout(predicate::str::contains("imported 2 readings"));
    let v = json_of(&db.cmd().args(["reserve", "status", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(v["reserve"][0]["amount"], 250);
}

#[test]
fn complaint_track_adds_timers_to_complaint_show() {
    let db = Db::new();
    let id = log_operational(&db, "2026-11-02T10:00:00-05:00", "email", "Card never arrived");
    db.cmd().args(["complaint", "track", &id, "--event", "card_shipped", "--at", "2026-11-04T15:00:00Z", "--shipping", "standard"]).assert().success();
    db.cmd().args(["complaint", "track", &id, "--event", "authorization_created", "--at", "2026-11-10T15:00:00Z", "--merchant-category", "car_rental"]).assert().success();
    db.cmd().args(["complaint", "track", &id, "--event", "ach_debit_received", "--at", "2026-11-20T16:00:00Z"]).assert().success();
    db.cmd()
        .args(["complaint", "track", &id, "--event", "card_shipped", "--at", "2026-11-04T15:00:00Z"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("shipping"));
    let v = json_of(&db.cmd().args(["complaint", "show", &id, "--json"]).assert().success().get_output().stdout.clone());
    let timers = v["timers"].as_array().unwrap();
    let find = |kind: &str| timers.iter().find(|t| t["kind"] == kind).unwrap_or_else(|| panic!("{kind} in {v}"));
    assert_eq!(find("reorder_card")["due"], "2026-11-19", "10 business days, Veterans Day skipped");
    assert_eq!(find("authorization_expires")["due_at"], "2026-12-11T15:00:00Z", "31 days for car rental");
    assert_eq!(find("ach_return_window")["due"], "2026-11-23", "Friday's debit: to the end of Monday");
    assert!(find("reorder_card")["explanation_text"].as_str().unwrap().contains("Stripe refunds"));
    db.cmd().args(["complaint", "track", &id, "--event", "card_shipped", "--at", "2026-11-04T15:00:00Z", "--shipping", "express"]).assert().success();
    let v = json_of(&db.cmd().args(["complaint", "show", &id, "--json"]).assert().success().get_output().stdout.clone());
    assert!(v["timers"].as_array().unwrap().iter().all(|t| t["kind"] != "reorder_card"), "a tracked reshipment has no timer");
}

#[test]
fn playbook_show_gives_the_path_in_each_language() {
    let db = Db::new();
    let v = json_of(&db.cmd().args(["playbook", "show", "card_ordering", "physical_card_delayed", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(v["lang"], "en");
    assert!(v["steps"].as_array().unwrap().len() >= 2);
    assert_eq!(v["timers"][0], "reorder_card");
    let ja = json_of(&db.cmd().args(["playbook", "show", "card_ordering", "physical_card_delayed", "--lang", "ja", "--json"]).assert().success().get_output().stdout.clone());
    assert_eq!(ja["steps"].as_array().unwrap().len(), v["steps"].as_array().unwrap().len());
    assert_ne!(ja["steps"], v["steps"]);
    db.cmd().args(["playbook", "show", "cardholder_experience", "pin_blocked", "--lang", "de"]).assert().success().stdout(predicate::str::contains("PIN"));
    db.cmd().args(["playbook", "show", "weather", "rain"]).assert().code(2).stderr(predicate::str::contains("topic"));
    db.cmd().args(["playbook", "show", "card_ordering", "pin_blocked"]).assert().code(2).stderr(predicate::str::contains("issue_type"));
    db.cmd().args(["playbook", "show", "card_ordering", "--lang", "fr"]).assert().code(2).stderr(predicate::str::contains("lang"));
}

#[test]
fn debit_negative_balances_turned_on_leaves_the_offered_actions_and_a_second_time_is_refused() {
    let db = Db::new();
    account(&db, "acct_1A", &["--country", "DE"]);
    account(&db, "acct_1B", &["--country", "BR"]);
    db.cmd().args(["reserve", "balance", "acct_1A", "--currency", "eur", "--available", "-500", "--at", "2026-11-20T15:00:00Z"]).assert().success();
    let actions = |db: &Db| {
        let v = json_of(&db.cmd().args(["reserve", "status", "--json"]).assert().success().get_output().stdout.clone());
        v["accounts"][0]["actions"].as_array().unwrap().iter().map(|a| a["action"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert!(actions(&db).contains(&"enable_debit_negative_balances".to_owned()));
    db.cmd().args(["reserve", "debit-negative-balances", "acct_1A", "true"]).assert().success().stdout(predicate::str::contains("on"));
    assert!(!actions(&db).contains(&"enable_debit_negative_balances".to_owned()), "already on: no longer offered");
    db.cmd().args(["reserve", "debit-negative-balances", "acct_1A", "true"]).assert().code(2).stderr(predicate::str::contains("debit_negative_balances"));
    db.cmd().args(["reserve", "debit-negative-balances", "acct_1B", "true"]).assert().code(2).stderr(predicate::str::contains("bank_debits_not_available"));
}

#[test]
fn import_transactions_then_reconcile_lists_the_day_that_differs() {
    let db = Db::new();
    account(&db, "acct_1A", &[]);
    db.cmd().args(["reserve", "balance", "acct_1A", "--currency", "usd", "--available", "-5000", "--at", "2026-11-02T15:00:00Z"]).assert().success();
    db.cmd().args(["reserve", "balance", "acct_1A", "--currency", "usd", "--available", "-7000", "--at", "2026-11-03T15:00:00Z"]).assert().success();
    let csv = db.dir.path().join("balance.csv");
    std::fs::write(&csv, "id,type,amount,currency,created\ntxn_1,reserve_transaction,-5000,usd,1793631605\ntxn_2,reserve_transaction,-1500,usd,2026-11-03T15:00:05Z\n").unwrap();
    db.cmd().args(["reserve", "import-transactions"]).arg(&csv).assert().success().stdout(predicate::str::contains("imported 2 balance transactions"));
    let v = json_of(&db.cmd().args(["reserve", "reconcile", "--json"]).assert().success().get_output().stdout.clone());
    let d = v["differences"].as_array().unwrap();
    assert_eq!(d.len(), 1, "{v}");
    assert_eq!((d[0]["date"].as_str(), d[0]["expected"].as_i64(), d[0]["recorded"].as_i64()), (Some("2026-11-03"), Some(-2000), Some(-1500)));
    db.cmd().args(["reserve", "import-transactions"]).arg(&csv).assert().success().stdout(predicate::str::contains("2 already imported"));
    db.cmd().args(["audit", "verify"]).assert().success();
}
