//! A hostile insider edits the file with SQL, table by table: verification must name what was
//! changed, the monthly report must refuse a register that differs from its history, and
//! repair must rebuild what the history holds.

use cdesk_usecases::{
    AddClosureInput, ComplaintStep, CreditStep, ErrorCode, RecordStepInput, ReportInput, SetBalanceInput, SetProgramNameInput,
    SetTimezoneInput, SubmitReportInput,
};

use crate::credit::{account, close, complete_program, step};
use crate::{desk_at, executive, operational, Fixture};

/// A file holding some of everything: complaints (one resolved, one executive), a setting of
/// each kind, a closure day, an account with a later balance reading, a closure case whose notice
/// was sent, and a month submitted to Stripe.
fn rich() -> Fixture {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let d = &mut f.desk;
    d.set_program_name(SetProgramNameInput { name: "Kite Cards".into() }).unwrap();
    d.set_timezone(SetTimezoneInput { timezone: "America/Chicago".into() }).unwrap();
    d.add_closure(AddClosureInput { date: "2026-12-24".into(), name: "Office closed".into() }).unwrap();
    let first = d.log_complaint(operational("2026-10-20T10:00:00-05:00")).unwrap().id;
    d.record_step(RecordStepInput {
        complaint_id: first,
        at: "2026-10-22T10:00:00-05:00".into(),
        step: ComplaintStep::Resolve { summary: "Refunded".into(), outcome: None, compensation: None },
    })
    .unwrap();
    d.log_complaint(executive("2026-11-02T09:00:00-06:00")).unwrap();
    d.log_complaint(operational("2026-11-18T09:00:00-06:00")).unwrap();
    complete_program(d);
    d.add_account(account(0)).unwrap();
    d.set_balance(SetBalanceInput { account: "acct_1Kite".into(), amount: 2_500, at: "2026-11-05T10:00:00Z".into() }).unwrap();
    let case = close(d, "2026-11-10T10:00:00Z").unwrap();
    step(d, &case, CreditStep::NoticeSent { at: "2026-11-12T10:00:00Z".into(), channel: "email".into(), language: None }).unwrap();
    d.submit_report(SubmitReportInput { month: "2026-10".into(), note: Some("as agreed".into()) }).unwrap();
    let r = d.verify_audit().unwrap();
    assert!(r.ok, "untouched, the file verifies: {:?}", r.problem);
    assert_eq!((r.complaints_checked, r.accounts_checked, r.credit_cases_checked), (3, 1, 1));
    f
}

fn sql(f: &Fixture, statements: &str) {
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    conn.execute_batch(statements).unwrap();
}

/// Verify finds the change and names `table` (and `field` when given); then repair mends it
/// (when `repairable`) and the file verifies again.
fn caught(f: &mut Fixture, table: &str, field: Option<&str>, repairable: bool) {
    let r = f.desk.verify_audit().unwrap();
    assert!(!r.ok, "a change to {table} must be found");
    let d = r.difference.clone().unwrap_or_else(|| panic!("{table}: a difference is named, got {:?}", r.problem));
    assert_eq!(d.table, table, "{:?}", r.problem);
    if let Some(field) = field {
        assert_eq!(d.field.as_deref(), Some(field), "{:?}", r.problem);
    }
    assert!(r.problem.as_deref().unwrap_or_default().contains(table), "the message names the table: {:?}", r.problem);
    let repair = f.desk.repair_read_models().unwrap();
    if repairable {
        assert!(repair.unrepairable.is_empty(), "{:?}", repair.unrepairable);
        assert!(!repair.repaired.is_empty());
        let after = f.desk.verify_audit().unwrap();
        assert!(after.ok, "after repair the file verifies: {:?}", after.problem);
        let again = f.desk.repair_read_models().unwrap();
        assert!(again.repaired.is_empty() && again.audit_seq.is_none(), "a second repair finds nothing");
    } else {
        assert!(!repair.unrepairable.is_empty(), "{table}: the history cannot mend it and says so");
        assert!(!f.desk.verify_audit().unwrap().ok, "still found after a repair attempt");
    }
}

#[test]
fn tamper_complaints_edit_delete_insert_are_found_and_repaired() {
    let mut f = rich();
    sql(&f, "UPDATE complaints SET status = 'resolved', resolved_at = '2026-11-03T00:00:00Z' WHERE kind = 'executive'");
    caught(&mut f, "complaints", Some("status"), true);
    sql(&f, "UPDATE complaints SET resolve_by = '2027-06-30' WHERE id = 'CMP-2026-00003'");
    caught(&mut f, "complaints", Some("resolve_by"), true);
    sql(&f, "DELETE FROM complaints WHERE id = 'CMP-2026-00002'");
    caught(&mut f, "complaints", None, true);
    sql(&f, "INSERT INTO complaints SELECT 'CMP-2026-00099', received_at, received_date, kind, grounds, status, product, channel, topic,
              summary, complainant_name, contact_hold, acknowledge_by, resolve_by, notify_stripe_by, next_clock, next_due, sort_due,
              last_event_seq, resolved_at FROM complaints WHERE id = 'CMP-2026-00003'");
    caught(&mut f, "complaints", None, true);
    let all = cdesk_usecases::ListComplaintsInput {
        status: "all".into(),
        kind: None,
        product: None,
        due_this_week: false,
        search: None,
        limit: 100,
        offset: 0,
    };
    assert_eq!(f.desk.list_complaints(all).unwrap().total, 3, "the inserted row is gone, the others are back");
}

#[test]
fn tamper_search_text_edit_is_found_and_repaired() {
    let mut f = rich();
    sql(&f, "UPDATE complaint_search SET text = 'nothing to see' WHERE rowid = (SELECT rowid FROM complaints WHERE id = 'CMP-2026-00002')");
    caught(&mut f, "complaint_search", Some("text"), true);
}

#[test]
fn tamper_a_register_row_deleted_stops_the_report_until_repaired() {
    let mut f = rich();
    let before = f.desk.report_preview(ReportInput { month: "2026-11".into() }).unwrap().report.rows.len();
    sql(&f, "DELETE FROM complaints WHERE id = 'CMP-2026-00002'");
    let err = f.desk.report_preview(ReportInput { month: "2026-11".into() }).unwrap_err();
    assert_eq!(err.code, ErrorCode::Rule);
    assert_eq!(err.rule.as_deref(), Some("register_differs_from_history"), "{}", err.message);
    assert!(err.message.contains("CMP-2026-00002"), "names the complaint: {}", err.message);
    let submit = f.desk.submit_report(SubmitReportInput { month: "2026-10".into(), note: None }).unwrap_err();
    assert_eq!(submit.rule.as_deref(), Some("register_differs_from_history"), "nothing is submitted from it either");
    f.desk.repair_read_models().unwrap();
    let after = f.desk.report_preview(ReportInput { month: "2026-11".into() }).unwrap().report.rows.len();
    assert_eq!(after, before, "the repaired register gives the report it gave before");
}

#[test]
fn tamper_accounts_edit_delete_insert_are_found_and_repaired() {
    let mut f = rich();
    sql(&f, "UPDATE accounts SET account_json = json_set(account_json, '$.balance.amount_minor', -900000)");
    caught(&mut f, "accounts", Some("account_json.balance"), true);
    assert_eq!(f.desk.account("acct_1Kite").unwrap().account.balance.amount_minor, 2_500, "the balance the history recorded");
    sql(&f, "UPDATE accounts SET legal_name = 'Someone Else'");
    caught(&mut f, "accounts", Some("legal_name"), true);
    sql(&f, "PRAGMA foreign_keys = OFF; DELETE FROM accounts;");
    caught(&mut f, "accounts", None, true);
    sql(&f, "INSERT INTO accounts SELECT 'acct_1Fake', replace(account_json, 'acct_1Kite', 'acct_1Fake'), 'Fake', last_event_seq FROM accounts");
    caught(&mut f, "accounts", None, true);
}

#[test]
fn tamper_credit_cases_edit_delete_insert_are_found_and_repaired() {
    let mut f = rich();
    sql(&f, "UPDATE credit_cases SET notice_sent = 0");
    caught(&mut f, "credit_cases", Some("notice_sent"), true);
    sql(&f, "UPDATE credit_cases SET case_json = json_remove(case_json, '$.notice')");
    caught(&mut f, "credit_cases", Some("case_json.notice"), true);
    sql(&f, "DELETE FROM credit_cases");
    caught(&mut f, "credit_cases", None, true);
    sql(&f, "INSERT INTO credit_cases SELECT 'CRD-2026-00042', account_id, kind, case_json, notice_due, notice_sent, last_event_seq FROM credit_cases");
    caught(&mut f, "credit_cases", None, true);
}

#[test]
fn tamper_counters_lowered_or_deleted_are_found_and_repaired() {
    let mut f = rich();
    sql(&f, "UPDATE id_counters SET last = 1 WHERE scope = 'complaint-2026'");
    caught(&mut f, "id_counters", Some("last"), true);
    sql(&f, "DELETE FROM id_counters WHERE scope = 'credit-case-2026'");
    caught(&mut f, "id_counters", Some("last"), true);
    let id = f.desk.log_complaint(operational("2026-11-20T09:00:00-06:00")).unwrap().id;
    assert_eq!(id, "CMP-2026-00004", "the repaired counter gives the next number, not one already used");
}

#[test]
fn tamper_settings_and_closures_are_found_and_repaired() {
    let mut f = rich();
    sql(&f, "UPDATE settings SET value = 'Other Program' WHERE key = 'program_name'");
    caught(&mut f, "settings", Some("value"), true);
    sql(&f, "DELETE FROM settings WHERE key = 'timezone'");
    caught(&mut f, "settings", Some("value"), true);
    assert_eq!(f.desk.settings().unwrap().timezone, "America/Chicago");
    sql(&f, "INSERT INTO settings (key, value) VALUES ('deadline_policy', 'resolve_business_days = 90')");
    caught(&mut f, "settings", Some("value"), true);
    sql(&f, "INSERT INTO closures (day, name) VALUES ('2026-11-24', 'Invented closure')");
    caught(&mut f, "closures", None, true);
    sql(&f, "DELETE FROM closures");
    caught(&mut f, "closures", None, true);
    assert_eq!(f.desk.settings().unwrap().closures.len(), 1);
}

#[test]
fn tamper_submissions_edited_or_deleted_are_found_and_only_a_backup_mends_them() {
    let mut f = rich();
    sql(&f, "UPDATE report_submissions SET note = 'never said this'");
    caught(&mut f, "report_submissions", Some("note"), false);
    let mut f = rich();
    sql(&f, "UPDATE report_submissions SET csv_sha256 = 'f00d'");
    caught(&mut f, "report_submissions", Some("csv_sha256"), false);
    let mut f = rich();
    sql(&f, "DELETE FROM report_submissions");
    caught(&mut f, "report_submissions", None, false);
}

#[test]
fn tamper_repair_refuses_a_broken_history() {
    let mut f = rich();
    sql(&f, "UPDATE audit_events SET payload = replace(payload, 'Refunded', 'Nothing') WHERE action = 'resolved'");
    let r = f.desk.verify_audit().unwrap();
    assert!(!r.ok && r.first_bad_seq.is_some(), "an edited event breaks the chain");
    let err = f.desk.repair_read_models().unwrap_err();
    assert_eq!(err.rule.as_deref(), Some("audit_chain_broken"), "{}", err.message);
    assert!(err.message.contains("backup"), "{}", err.message);
}

#[test]
fn tamper_events_inserted_or_reordered_break_the_chain() {
    let mut f = rich();
    sql(&f, "INSERT INTO audit_events SELECT seq + 1000, recorded_at, actor, entity, entity_id, action, payload, prev_hash, hash FROM audit_events WHERE seq = 3");
    let r = f.desk.verify_audit().unwrap();
    assert!(!r.ok && r.first_bad_seq.is_some(), "an inserted event is found: {:?}", r.problem);
    let mut f = rich();
    sql(&f, "PRAGMA foreign_keys = OFF; UPDATE audit_events SET seq = -1 WHERE seq = 4; UPDATE audit_events SET seq = 4 WHERE seq = 5; UPDATE audit_events SET seq = 5 WHERE seq = -1;");
    let r = f.desk.verify_audit().unwrap();
    assert!(!r.ok && r.first_bad_seq.is_some(), "a reordering is found: {:?}", r.problem);
}
