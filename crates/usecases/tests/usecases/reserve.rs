//! The Connect reserve monitor and the support timers through the use cases, on a real file.

use cdesk_usecases::{
    BankDebitInput, DebitNegativeBalancesInput, ErrorCode, ListComplaintsInput, PlatformBalanceInput, PlaybookInput, RecordStepInput,
    RejectForFraudInput, ReserveBalanceInput, TrackInput,
};

use crate::credit::account;
use crate::{desk_at, operational};

fn add(desk: &mut cdesk_usecases::Desk, id: &str, losses: &str, country: Option<&str>) {
    let mut a = account(0);
    a.id = id.into();
    a.losses = Some(losses.into());
    a.country = country.map(str::to_owned);
    desk.add_account(a).unwrap();
}

fn balance(desk: &mut cdesk_usecases::Desk, id: &str, available: i64, at: &str) -> cdesk_usecases::Result<cdesk_usecases::ReserveRecorded> {
    desk.record_reserve_balance(ReserveBalanceInput { account: id.into(), currency: "USD".into(), available, at: at.into() })
}

#[test]
fn the_reserve_sums_the_negative_balances_of_the_accounts_whose_losses_the_platform_carries() {
    let mut f = desk_at("2026-11-20T15:00:00Z");
    add(&mut f.desk, "acct_1Plat", "platform", Some("US"));
    add(&mut f.desk, "acct_1Strp", "stripe", Some("US"));
    balance(&mut f.desk, "acct_1Plat", -5_000, "2026-06-01T15:00:00Z").unwrap();
    let r = balance(&mut f.desk, "acct_1Strp", -9_000, "2026-06-01T15:00:00Z").unwrap();
    assert_eq!(r.status.reserve.len(), 1);
    assert_eq!((r.status.reserve[0].currency.as_str(), r.status.reserve[0].amount), ("usd", 5_000));
    let s = f.desk.reserve_status(None).unwrap();
    assert_eq!(s.accounts.len(), 1, "only the platform's account is listed");
    assert_eq!(s.accounts[0].sweep_on.to_string(), "2026-11-28");
    assert!(s.accounts[0].sweep_soon);
    // The past, as of its own instant.
    assert!(f.desk.reserve_status(Some("2026-05-31T00:00:00Z")).unwrap().reserve.is_empty());
    assert_eq!(f.desk.reserve_status(Some("2026-11-28T05:00:00Z")).unwrap().reserve.len(), 0, "swept 180 days in");
}

#[test]
fn bad_reserve_input_names_the_field_and_writes_nothing() {
    let mut f = desk_at("2026-11-20T15:00:00Z");
    add(&mut f.desk, "acct_1Plat", "platform", Some("US"));
    let before = f.desk.verify_audit().unwrap().events;
    let e = balance(&mut f.desk, "acct_1Nope", -5, "2026-11-20T10:00:00Z").unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound, "{}", e.message);
    let e = f.desk.record_reserve_balance(ReserveBalanceInput { account: "acct_1Plat".into(), currency: "XYZ".into(), available: -5, at: "2026-11-20T10:00:00Z".into() }).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("currency"));
    let e = balance(&mut f.desk, "acct_1Plat", -5, "2026-12-20T10:00:00Z").unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("step_in_future"));
    let e = f
        .desk
        .record_bank_debit(BankDebitInput { account: "acct_1Plat".into(), currency: "usd".into(), amount: 0, completed_at: "2026-11-20T10:00:00Z".into() })
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("amount"));
    let csv = "account,at,currency,available\nacct_1Plat,2026-11-19T10:00:00Z,usd,-100\nacct_1Zed,2026-11-19T10:00:00Z,usd,-100\n";
    let e = f.desk.import_reserve_csv("readings.csv", csv.as_bytes()).unwrap_err();
    assert!(e.message.starts_with("row 3, column account"), "{}", e.message);
    assert_eq!(f.desk.verify_audit().unwrap().events, before, "nothing was written");
    assert!(f.desk.reserve_status(None).unwrap().reserve.is_empty());
}

#[test]
fn a_bank_debit_is_held_then_released_and_a_shortfall_is_named() {
    let mut f = desk_at("2026-11-30T15:00:00Z");
    add(&mut f.desk, "acct_1Plat", "platform", Some("US"));
    balance(&mut f.desk, "acct_1Plat", -8_000, "2026-11-20T15:00:00Z").unwrap();
    balance(&mut f.desk, "acct_1Plat", 0, "2026-11-25T18:00:00Z").unwrap();
    let r = f
        .desk
        .record_bank_debit(BankDebitInput { account: "acct_1Plat".into(), currency: "usd".into(), amount: 8_000, completed_at: "2026-11-25T18:00:00Z".into() })
        .unwrap();
    assert_eq!(r.status.holds[0].release_on.to_string(), "2026-12-01", "three business days over Thanksgiving");
    let r = f.desk.record_platform_balance(PlatformBalanceInput { currency: "usd".into(), available: 3_000, at: "2026-11-30T10:00:00Z".into() }).unwrap();
    assert_eq!(r.status.shortfall[0].amount, 5_000);
    assert!(f.desk.reserve_status(Some("2026-12-02T05:00:00Z")).unwrap().reserve.is_empty(), "released after the third business day");
    let view = f.desk.reserve_view().unwrap();
    assert!(view.history.iter().any(|p| p.mark == cdesk_domain::reserve::ReserveMark::Debit));
}

#[test]
fn a_fraud_rejection_is_recorded_once_and_keeps_the_account_in_the_reserve() {
    let mut f = desk_at("2026-11-20T15:00:00Z");
    add(&mut f.desk, "acct_1Plat", "platform", Some("BR"));
    balance(&mut f.desk, "acct_1Plat", -2_500, "2026-11-10T15:00:00Z").unwrap();
    let s = f.desk.reserve_status(None).unwrap();
    assert!(s.accounts[0].blocked.iter().any(|b| b.reason.contains("BR does not allow bank debits")));
    let e = f.desk.set_debit_negative_balances(DebitNegativeBalancesInput { account: "acct_1Plat".into(), on: true }).unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("bank_debits_not_available"));
    let r = f.desk.reject_for_fraud(RejectForFraudInput { account: "acct_1Plat".into(), at: "2026-11-20T14:00:00Z".into() }).unwrap();
    assert_eq!(r.request.path, "/v1/accounts/acct_1Plat/reject");
    assert!(r.curl.contains("reason=fraud"));
    let e = f.desk.reject_for_fraud(RejectForFraudInput { account: "acct_1Plat".into(), at: "2026-11-20T14:30:00Z".into() }).unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("account_already_rejected"));
    let s = f.desk.reserve_status(None).unwrap();
    assert!(s.accounts.is_empty() && s.rejected.len() == 1);
    assert_eq!(s.reserve[0].amount, 2_500);
    assert!(f.desk.verify_audit().unwrap().ok, "the rejection is in the account's history");
}

#[test]
fn a_balance_transactions_export_is_imported_once_and_reconciled() {
    let mut f = desk_at("2026-11-20T15:00:00Z");
    add(&mut f.desk, "acct_1Plat", "platform", None);
    balance(&mut f.desk, "acct_1Plat", -5_000, "2026-11-02T15:00:00Z").unwrap();
    balance(&mut f.desk, "acct_1Plat", -7_000, "2026-11-03T15:00:00Z").unwrap();
    let export = "id,Type,Amount,Currency,Created (UTC),Description\n\
                  txn_1,reserve_transaction,-50.00,usd,2026-11-02 15:00:05,Connect reserve\n\
                  txn_2,reserve_transaction,-15.00,usd,2026-11-03 15:00:05,Connect reserve\n\
                  txn_3,charge,99.00,usd,2026-11-03 16:00:00,\n";
    let r = f.desk.import_balance_transactions_csv("balance.csv", export.as_bytes()).unwrap();
    assert_eq!((r.imported, r.already_imported), (3, 0));
    assert_eq!(r.reconciliation.differences.len(), 1);
    assert_eq!(r.reconciliation.differences[0].difference, 500, "{:?}", r.reconciliation.differences);
    let again = f.desk.import_balance_transactions_csv("balance.csv", export.as_bytes()).unwrap();
    assert_eq!((again.imported, again.already_imported), (0, 3), "nothing is imported twice");
    let changed = export.replace("-15.00", "-20.00");
    let e = f.desk.import_balance_transactions_csv("balance.csv", changed.as_bytes()).unwrap_err();
    assert!(e.message.starts_with("row 3, column id") && e.message.contains("another amount"), "{}", e.message);
    assert!(f.desk.verify_audit().unwrap().ok);
}

#[test]
fn reserve_rows_edited_in_the_file_are_found_and_repaired() {
    let mut f = desk_at("2026-11-20T15:00:00Z");
    if f.on_team() {
        return; // edits the database file itself
    }
    add(&mut f.desk, "acct_1Plat", "platform", None);
    balance(&mut f.desk, "acct_1Plat", -5_000, "2026-11-02T15:00:00Z").unwrap();
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    conn.execute_batch("UPDATE reserve_entries SET amount = -1").unwrap();
    drop(conn);
    let r = f.desk.verify_audit().unwrap();
    assert!(!r.ok);
    let d = r.difference.expect("named");
    assert_eq!((d.table.as_str(), d.field.as_deref()), ("reserve_entries", Some("amount")));
    f.desk.repair_read_models().unwrap();
    assert!(f.desk.verify_audit().unwrap().ok);
    assert_eq!(f.desk.reserve_status(None).unwrap().reserve[0].amount, 5_000, "rebuilt from the history");
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    conn.execute_batch("DELETE FROM reserve_entries").unwrap();
    drop(conn);
    assert_eq!(f.desk.verify_audit().unwrap().difference.unwrap().table, "reserve_entries");
}

#[test]
fn a_tracked_fact_starts_a_timer_counted_in_the_due_lists() {
    // Friday 2026-11-20; an ACH debit received on Thursday can be returned until the end of today.
    let mut f = desk_at("2026-11-20T15:00:00Z");
    let mut input = operational("2026-11-19T09:00:00-05:00");
    input.product = Some("treasury".into());
    input.topic = Some("treasury_money_movement".into());
    input.issue_type = Some("wrong_debit".into());
    let id = f.desk.log_complaint(input).unwrap().id;
    let before = f.desk.register_counts().unwrap();
    let d = f
        .desk
        .track(TrackInput { seen: None, complaint_id: id.clone(), event: "ach_debit_received".into(), at: "2026-11-19T16:00:00Z".into(), shipping: None, merchant_category: None, note: None })
        .unwrap();
    assert_eq!(d.timers.len(), 1);
    assert_eq!(d.timers[0].due.to_string(), "2026-11-20");
    let after = f.desk.register_counts().unwrap();
    assert_eq!(after.due_today, before.due_today + 1, "the timer due today is in the header count");
    let due_today = f.desk.list_complaints(ListComplaintsInput { status: "due_today".into(), ..Default::default() }).unwrap();
    assert_eq!(due_today.items.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), vec![id.as_str()]);
    assert_eq!(due_today.items[0].next_timer.as_ref().map(|t| t.due.as_str()), Some("2026-11-20"));
    let e = f
        .desk
        .track(TrackInput { seen: None, complaint_id: id.clone(), event: "card_shipped".into(), at: "2026-11-19T16:00:00Z".into(), shipping: None, merchant_category: None, note: None })
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("shipping"));
    // Resolved, it leaves the due lists.
    f.desk
        .record_step(RecordStepInput { seen: None,
            complaint_id: id.clone(),
            at: "2026-11-20T14:00:00Z".into(),
            step: cdesk_usecases::ComplaintStep::Resolve { summary: "Debit returned".into(), outcome: None, compensation: None, root_cause: None, remediation: None, remediation_note: None },
        })
        .unwrap();
    assert_eq!(f.desk.register_counts().unwrap().due_today, before.due_today);
    assert!(f.desk.verify_audit().unwrap().ok);
    let guide = f.desk.playbook_guide(PlaybookInput { topic: "treasury_money_movement".into(), issue_type: Some("wrong_debit".into()), lang: Some("de".into()) }).unwrap();
    assert_eq!(guide.timers, vec![cdesk_domain::timers::TimerKind::AchReturnWindow]);
}

#[test]
fn a_closure_day_moves_a_timer_and_says_so_in_the_history() {
    let mut f = desk_at("2026-11-20T15:00:00Z");
    let id = f.desk.log_complaint(operational("2026-11-19T09:00:00-05:00")).unwrap().id;
    f.desk
        .track(TrackInput { seen: None, complaint_id: id.clone(), event: "ach_debit_received".into(), at: "2026-11-19T16:00:00Z".into(), shipping: None, merchant_category: None, note: None })
        .unwrap();
    f.desk.add_closure(cdesk_usecases::AddClosureInput { date: "2026-11-20".into(), name: "Office move".into() }).unwrap();
    let d = f.desk.complaint(&id).unwrap();
    assert_eq!(d.timers[0].due.to_string(), "2026-11-23", "Friday closed: the window runs to Monday");
    assert!(d.timeline.iter().any(|t| t.action == "deadlines_recomputed"), "the move is on record");
    assert!(f.desk.verify_audit().unwrap().ok);
}
