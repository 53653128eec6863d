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
    d.record_step(RecordStepInput { seen: None,
        complaint_id: first,
        at: "2026-10-22T10:00:00-05:00".into(),
        step: ComplaintStep::Resolve { summary: "Refunded".into(), outcome: None, compensation: None, root_cause: None, remediation: None, remediation_note: None },
    })
    .unwrap();
    d.log_complaint(executive("2026-11-02T09:00:00-06:00")).unwrap();
    d.log_complaint(operational("2026-11-18T09:00:00-06:00")).unwrap();
    complete_program(d);
    d.add_account(account(0)).unwrap();
    d.set_balance(SetBalanceInput { account: "acct_1Kite".into(), amount: 2_500, at: "2026-11-05T10:00:00Z".into() }).unwrap();
    let case = close(&mut f, "2026-11-10T10:00:00Z").unwrap();
    let d = &mut f.desk;
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
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
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
        mine: false,
    };
    assert_eq!(f.desk.list_complaints(all).unwrap().total, 3, "the inserted row is gone, the others are back");
}

#[test]
fn tamper_search_text_edit_is_found_and_repaired() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    sql(&f, "UPDATE complaint_search SET text = 'nothing to see' WHERE rowid = (SELECT rowid FROM complaints WHERE id = 'CMP-2026-00002')");
    caught(&mut f, "complaint_search", Some("text"), true);
}

#[test]
fn tamper_search_index_emptied_is_found_and_rebuilt_so_search_finds_again() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    let search = |d: &mut cdesk_usecases::Desk| {
        d.list_complaints(cdesk_usecases::ListComplaintsInput { status: "all".into(), search: Some("ada".into()), ..Default::default() }).unwrap().total
    };
    let found = search(&mut f.desk);
    assert!(found > 0);
    // Every row taken out of the index, the text left as it was: search would find nothing.
    sql(&f, "INSERT INTO complaint_fts (complaint_fts, rowid, text) SELECT 'delete', rowid, text FROM complaint_search");
    assert_eq!(search(&mut f.desk), 0);
    caught(&mut f, "complaint_fts", None, true);
    assert_eq!(search(&mut f.desk), found, "the rebuilt index finds them again");
}

#[test]
fn tamper_a_register_row_deleted_stops_the_report_until_repaired() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
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

/// A fresh desk on the file, as the next `cdesk report monthly` would be: nothing remembered.
fn reopened(f: &Fixture) -> cdesk_usecases::Desk {
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T15:00:00Z").unwrap().with_timezone(&chrono::Utc);
    cdesk_usecases::Desk::open(&f.path, "officer").unwrap().with_now(move || now)
}

#[test]
fn tamper_after_a_clean_report_is_still_found_by_the_next_report_in_another_process() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    // A clean report seals the register: the next desks do not check it again...
    f.desk.report_preview(ReportInput { month: "2026-11".into() }).unwrap();
    // ...until a row changes outside the desk: a complaint of November moved to another year.
    sql(&f, "UPDATE complaints SET received_at = '2025-01-05T15:00:00Z' WHERE id = 'CMP-2026-00003'");
    let err = reopened(&f).report_preview(ReportInput { month: "2026-11".into() }).unwrap_err();
    assert_eq!(err.rule.as_deref(), Some("register_differs_from_history"), "{}", err.message);
    assert!(err.message.contains("CMP-2026-00003"), "names the complaint: {}", err.message);
}

#[test]
fn tamper_is_not_forgotten_when_the_desk_writes_afterwards() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    f.desk.report_preview(ReportInput { month: "2026-11".into() }).unwrap();
    sql(&f, "DELETE FROM complaints WHERE id = 'CMP-2026-00002'");
    // The officer goes on working: the desk's own write must not seal over the deletion.
    let mut desk = reopened(&f);
    desk.log_complaint(operational("2026-11-20T09:00:00-06:00")).unwrap();
    let err = reopened(&f).report_preview(ReportInput { month: "2026-11".into() }).unwrap_err();
    assert_eq!(err.rule.as_deref(), Some("register_differs_from_history"), "{}", err.message);
    // Repair rebuilds and seals it: the report is made again, the deleted complaint back in it.
    desk.repair_read_models().unwrap();
    let rows = reopened(&f).report_preview(ReportInput { month: "2026-11".into() }).unwrap().report.rows;
    assert!(rows.iter().any(|r| r.id == "CMP-2026-00002"), "{rows:?}");
}

#[test]
fn tamper_with_the_seal_triggers_dropped_is_still_found() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    f.desk.report_preview(ReportInput { month: "2026-11".into() }).unwrap();
    sql(
        &f,
        "DROP TRIGGER complaints_seal_ai; DROP TRIGGER complaints_seal_au; DROP TRIGGER complaints_seal_ad;
         DELETE FROM complaints WHERE id = 'CMP-2026-00003';",
    );
    let err = reopened(&f).report_preview(ReportInput { month: "2026-11".into() }).unwrap_err();
    assert_eq!(err.rule.as_deref(), Some("register_differs_from_history"), "{}", err.message);
}

#[test]
fn tamper_accounts_edit_delete_insert_are_found_and_repaired() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
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
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
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
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
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
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
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
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
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
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
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
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    sql(&f, "INSERT INTO audit_events SELECT seq + 1000, recorded_at, actor, entity, entity_id, action, payload, prev_hash, hash FROM audit_events WHERE seq = 3");
    let r = f.desk.verify_audit().unwrap();
    assert!(!r.ok && r.first_bad_seq.is_some(), "an inserted event is found: {:?}", r.problem);
    let mut f = rich();
    sql(&f, "PRAGMA foreign_keys = OFF; UPDATE audit_events SET seq = -1 WHERE seq = 4; UPDATE audit_events SET seq = 4 WHERE seq = 5; UPDATE audit_events SET seq = 5 WHERE seq = -1;");
    let r = f.desk.verify_audit().unwrap();
    assert!(!r.ok && r.first_bad_seq.is_some(), "a reordering is found: {:?}", r.problem);
}

/// The chain's hash of one event, computed as the store does (what an insider who read the
/// code could do: every field length-prefixed, after the previous hash).
fn chain_hash(prev: &str, seq: i64, fields: [&str; 6]) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    for part in [prev, &seq.to_string()].into_iter().chain(fields) {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Re-hashes the whole chain from `from` on and updates the head, as an insider would after
/// deleting or editing events, so that the chain itself is whole again.
fn rehash_chain(f: &Fixture) {
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    let rows: Vec<(i64, [String; 6])> = conn
        .prepare("SELECT seq, recorded_at, actor, entity, entity_id, action, payload FROM audit_events ORDER BY seq")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?])))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut prev = cdesk_store::GENESIS_HASH.to_owned();
    let mut last = 0;
    for (seq, fields) in rows {
        let fields_ref = [fields[0].as_str(), &fields[1], &fields[2], &fields[3], &fields[4], &fields[5]];
        let hash = chain_hash(&prev, seq, fields_ref);
        conn.execute("UPDATE audit_events SET prev_hash = ?1, hash = ?2 WHERE seq = ?3", rusqlite::params![prev, hash, seq]).unwrap();
        prev = hash;
        last = seq;
    }
    conn.execute("UPDATE audit_head SET seq = ?1, hash = ?2", rusqlite::params![last, prev]).unwrap();
}

fn chain_broken(f: &mut Fixture, says: &str) {
    let r = f.desk.verify_audit().unwrap();
    assert!(!r.ok, "must be found");
    assert!(r.first_bad_seq.is_some(), "{:?}", r.problem);
    assert!(r.problem.as_deref().unwrap_or_default().contains(says), "expected {says:?} in {:?}", r.problem);
}

#[test]
fn tamper_truncation_with_the_head_updated_is_found_by_the_anchor_journal() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    let events = f.desk.verify_audit().unwrap().events;
    sql(
        &f,
        &format!(
            "PRAGMA foreign_keys = OFF; DELETE FROM audit_events WHERE seq > {n};
             UPDATE audit_head SET seq = {n}, hash = (SELECT hash FROM audit_events WHERE seq = {n});",
            n = events - 2
        ),
    );
    chain_broken(&mut f, "the latest events were deleted");
}

#[test]
fn tamper_a_deleted_head_and_all_events_are_found() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    sql(&f, "PRAGMA foreign_keys = OFF; DELETE FROM audit_events; DELETE FROM audit_head;");
    chain_broken(&mut f, "the latest events were deleted");
}

#[test]
fn tamper_a_rewritten_chain_is_found_by_the_anchor_journal() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    sql(&f, "UPDATE audit_events SET payload = replace(payload, 'Refunded', 'Nothing done') WHERE action = 'resolved'");
    rehash_chain(&f);
    chain_broken(&mut f, "rewritten");
}

#[test]
fn tamper_a_full_rewrite_with_a_forged_journal_but_without_the_key_is_found() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    sql(&f, "UPDATE audit_events SET actor = 'someone else'");
    rehash_chain(&f);
    // The insider writes a journal line for the new head, signed with a key of their own.
    let journal = cdesk_usecases::journal_path(&f.path, &Default::default());
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    let (seq, hash): (i64, String) = conn.query_row("SELECT seq, hash FROM audit_head", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    let first: String = conn.query_row("SELECT hash FROM audit_events WHERE seq = 1", [], |r| r.get(0)).unwrap();
    drop(conn);
    let forged = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    let at = "2026-11-23T15:00:00Z";
    let message = format!("compliance-desk-anchor-v1\n{first}\n{seq}\n{hash}\n0\n{at}");
    use ed25519_dalek::Signer;
    let line = serde_json::json!({ "v": 1, "history": first, "seq": seq, "hash": hash, "prev_seq": 0, "at": at,
        "key": hex::encode(forged.verifying_key().to_bytes()), "sig": hex::encode(forged.sign(message.as_bytes()).to_bytes()) });
    let mut text = std::fs::read_to_string(&journal).unwrap();
    text.push_str(&format!("{line}\n"));
    std::fs::write(&journal, text).unwrap();
    chain_broken(&mut f, "signed with key");
    // An edited journal line (the right key, a changed head) fails its signature.
    let mut f = rich();
    let mut lines: Vec<String> = std::fs::read_to_string(journal_of(&f)).unwrap().lines().map(str::to_owned).collect();
    let last = lines.pop().unwrap().replace("\"seq\":", "\"seq\":1");
    lines.push(last);
    std::fs::write(journal_of(&f), lines.join("\n") + "\n").unwrap();
    chain_broken(&mut f, "not validly signed");
}

fn journal_of(f: &Fixture) -> std::path::PathBuf {
    cdesk_usecases::journal_path(&f.path, &Default::default())
}

#[test]
fn tamper_a_deleted_journal_is_reported_not_ignored() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    std::fs::remove_file(journal_of(&f)).unwrap();
    let r = f.desk.verify_audit().unwrap();
    assert!(!r.ok);
    assert!(r.problem.unwrap().contains("there is no anchor journal"));
}

#[test]
fn checkpoint_verifies_until_the_history_is_shortened_or_the_checkpoint_edited() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    let c = f.desk.checkpoint().unwrap();
    assert_eq!(c.seq, c.count, "the head and the number of events");
    assert_eq!(c.key_fingerprint.len(), 16);
    assert!(f.desk.verify_audit_against(Some(&c)).unwrap().ok);
    f.desk.log_complaint(operational("2026-11-20T09:00:00-06:00")).unwrap();
    assert!(f.desk.verify_audit_against(Some(&c)).unwrap().ok, "a history that grew still holds the checkpoint");
    let mut edited = c.clone();
    edited.count += 1;
    let r = f.desk.verify_audit_against(Some(&edited)).unwrap();
    assert!(!r.ok && r.problem.unwrap().contains("altered"));
    // Shortened below the checkpoint, journal and all (an insider with the journal too).
    let journal = journal_of(&f);
    std::fs::remove_file(&journal).unwrap();
    sql(&f, &format!("PRAGMA foreign_keys = OFF; DELETE FROM audit_events WHERE seq >= {};", c.seq));
    rehash_chain(&f);
    let mut again = cdesk_usecases::Desk::open(&f.path, "examiner").unwrap();
    let r = again.verify_audit_against(Some(&c)).unwrap();
    assert!(!r.ok, "the checkpoint a third party kept still finds it");
}

#[test]
fn backup_carries_its_journal_and_restore_round_trips() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    let dir = f.path.parent().unwrap().to_path_buf();
    let backup = dir.join("backup.db");
    let made = f.desk.backup(&backup).unwrap();
    let mut copy = cdesk_usecases::Desk::open_existing(&backup, "examiner").unwrap();
    let r = copy.verify_audit().unwrap();
    assert!(r.ok, "the backup verifies where it lies: {:?}", r.problem);
    assert_eq!(r.events, made.events);
    drop(copy);
    // Later work, then the backup restored in place of the database.
    f.desk.log_complaint(operational("2026-11-20T09:00:00-06:00")).unwrap();
    let path = f.path.clone();
    drop(f.desk);
    let restored = cdesk_usecases::Desk::restore(&path, &backup, chrono::Utc::now()).unwrap();
    assert_eq!(restored.events, made.events);
    let mut desk = cdesk_usecases::Desk::open_existing(&path, "examiner").unwrap();
    let r = desk.verify_audit().unwrap();
    assert!(r.ok, "the restored file verifies against the journal, which records the restore: {:?}", r.problem);
    assert_eq!(r.events, made.events, "it holds exactly what the backup held");
    assert_eq!(r.complaints_checked, 3);
}

#[test]
fn automatic_backup_is_made_once_a_day_and_listed_and_a_named_one_restores() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    let made = f.desk.automatic_backup().unwrap().expect("the first of the day is made");
    assert!(f.desk.automatic_backup().unwrap().is_none(), "one a day");
    let manual = f.desk.back_up_now().unwrap();
    let list = f.desk.list_backups().unwrap();
    assert_eq!((list.keep_daily, list.keep_monthly), (14, 24));
    let kinds: Vec<(&str, &str)> = list.backups.iter().map(|b| (b.kind.as_str(), b.kept_as.as_str())).collect();
    assert!(kinds.contains(&("daily", "daily")) && kinds.contains(&("manual", "manual")), "{kinds:?}");
    let daily = list.backups.iter().find(|b| b.kind == "daily").unwrap();
    assert!(made.path.ends_with(&daily.name) && daily.name.contains("2026-11-23"), "named by the program's day: {}", daily.name);
    assert!(manual.path.contains("backups"), "in the backups folder: {}", manual.path);
    // A complaint after the backup, then the daily backup restored by its name.
    f.desk.log_complaint(operational("2026-11-20T09:00:00-06:00")).unwrap();
    let path = f.path.clone();
    drop(f.desk);
    for bad in ["../desk.db", "desk-daily-2026-11-23.db/../../x", "nonsense.db"] {
        let err = cdesk_usecases::Desk::restore_named(&path, bad, chrono::Utc::now(), cdesk_usecases::AnchorOptions::from_env(), None).unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound, "{bad}: {}", err.message);
    }
    let restored = cdesk_usecases::Desk::restore_named(&path, &daily.name, chrono::Utc::now(), cdesk_usecases::AnchorOptions::from_env(), None).unwrap();
    assert_eq!(restored.events, made.events);
    let mut desk = cdesk_usecases::Desk::open_existing(&path, "examiner").unwrap();
    let r = desk.verify_audit().unwrap();
    assert!(r.ok, "{:?}", r.problem);
    assert_eq!(r.complaints_checked, 3, "the complaint logged after the backup is not in the restored register");
}

#[test]
fn a_file_of_an_older_schema_is_copied_into_the_backups_folder_before_it_is_upgraded() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let f = rich();
    let path = f.path.clone();
    drop(f.desk);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    conn.pragma_update(None, "user_version", current - 1).unwrap();
    drop(conn);
    let mut desk = cdesk_usecases::Desk::open_existing(&path, "officer").unwrap();
    let list = desk.list_backups().unwrap();
    let before = list.backups.iter().find(|b| b.kind == "before_migration").expect("a copy made before the upgrade");
    let copy = rusqlite::Connection::open(std::path::Path::new(&list.folder).join(&before.name)).unwrap();
    let version: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, current - 1, "the copy is the file as it was before the upgrade");
    let events: i64 = copy.query_row("SELECT count(*) FROM audit_events", [], |r| r.get(0)).unwrap();
    assert_eq!(events, desk.verify_audit().unwrap().events, "with every event");
}

/// A journal line as a writer that stopped before its commit left it, signed with this desk's
/// key (the tests' key file).
fn stale_intent(f: &Fixture, seq: i64, prev_seq: i64) -> String {
    use ed25519_dalek::Signer;
    let seed: [u8; 32] = hex::decode(std::fs::read_to_string(std::env::var("CDESK_KEY_FILE").unwrap()).unwrap().trim()).unwrap().try_into().unwrap();
    let key = ed25519_dalek::SigningKey::from_bytes(&seed);
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    let first: String = conn.query_row("SELECT hash FROM audit_events WHERE seq = 1", [], |r| r.get(0)).unwrap();
    let (at, hash) = ("2026-11-23T15:00:00Z", "ab".repeat(32));
    let message = format!("compliance-desk-anchor-v1\n{first}\n{seq}\n{hash}\n{prev_seq}\n{at}");
    serde_json::json!({ "v": 1, "history": first, "seq": seq, "hash": hash, "prev_seq": prev_seq, "at": at,
        "key": hex::encode(key.verifying_key().to_bytes()), "sig": hex::encode(key.sign(message.as_bytes()).to_bytes()) })
    .to_string()
}

fn append_journal(f: &Fixture, text: &str) {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().append(true).open(journal_of(f)).unwrap();
    file.write_all(text.as_bytes()).unwrap();
}

#[test]
fn crash_lines_left_in_the_journal_are_not_taken_for_tampering() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    let n = f.desk.verify_audit().unwrap().events;
    // An import stopped before its commit (5 events), then a single entry stopped likewise.
    append_journal(&f, &format!("{}\n{}\n", stale_intent(&f, n + 5, n), stale_intent(&f, n + 1, n)));
    let r = f.desk.verify_audit().unwrap();
    assert!(r.ok, "two crashes in a row are crashes: {:?}", r.problem);
    // The next commit takes the place of both.
    f.desk.log_complaint(operational("2026-11-20T09:00:00-06:00")).unwrap();
    let r = f.desk.verify_audit().unwrap();
    assert!(r.ok, "{:?}", r.problem);
    // A line cut short by a power failure, then more work: still whole.
    append_journal(&f, "{\"v\":1,\"history\":\"ab");
    assert!(f.desk.verify_audit().unwrap().ok, "a torn last line is not an entry");
    f.desk.log_complaint(operational("2026-11-20T10:00:00-06:00")).unwrap();
    let r = f.desk.verify_audit().unwrap();
    assert!(r.ok, "the next line starts on a line of its own: {:?}", r.problem);
    // But a confirmed commit deleted from the file is still found.
    let events = r.events;
    sql(
        &f,
        &format!(
            "PRAGMA foreign_keys = OFF; DELETE FROM audit_events WHERE seq = {events};
             UPDATE audit_head SET seq = {n}, hash = (SELECT hash FROM audit_events WHERE seq = {n});",
            n = events - 1
        ),
    );
    chain_broken(&mut f, "the latest events were deleted");
}

#[test]
fn a_backup_cut_short_in_the_backups_folder_is_refused_and_restores_keep_every_replaced_file() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    let backup = f.desk.back_up_now().unwrap();
    let copy = std::path::PathBuf::from(&backup.path);
    let good = f.path.parent().unwrap().join("good-backup.db");
    f.desk.backup(&good).unwrap();
    let path = f.path.clone();
    drop(f.desk);
    // Someone removes the newest events of the backup and updates its head: its chain is whole.
    let conn = rusqlite::Connection::open(&copy).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF; DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events);
         UPDATE audit_head SET seq = seq - 1, hash = (SELECT hash FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events));",
    )
    .unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let err = cdesk_usecases::Desk::restore(&path, &copy, chrono::Utc::now()).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("backup"), "{}", err.message);
    assert!(err.message.contains("journal") || err.message.contains("does not verify"), "{}", err.message);
    assert_eq!(std::fs::read(&path).unwrap(), before, "the database is left as it was");
    // Two restores in the same second keep both files they replaced.
    let stamp = chrono::Utc::now();
    let a = cdesk_usecases::Desk::restore(&path, &good, stamp).unwrap();
    let b = cdesk_usecases::Desk::restore(&path, &good, stamp).unwrap();
    let (ka, kb) = (a.replaced_kept_at.unwrap(), b.replaced_kept_at.unwrap());
    assert_ne!(ka, kb, "a kept file is never replaced");
    assert!(std::path::Path::new(&ka).exists() && std::path::Path::new(&kb).exists());
    let mut desk = cdesk_usecases::Desk::open_existing(&path, "examiner").unwrap();
    assert!(desk.verify_audit().unwrap().ok);
}

#[test]
fn the_app_lock_makes_a_missing_folder_refuses_a_second_holder_and_is_kept_through_a_restore() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    crate::test_key();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("first start").join("desk.db");
    let lock = cdesk_usecases::hold_open_lock(&path).expect("the app's first start makes its folder and takes the lock");
    let again = cdesk_usecases::hold_open_lock(&path).unwrap_err();
    assert_eq!(again.rule.as_deref(), Some("database_in_use"), "{}", again.message);
    let mut desk = cdesk_usecases::Desk::open(&path, "officer").unwrap();
    desk.log_complaint(operational("2026-11-20T09:00:00-06:00")).unwrap();
    let backup = desk.back_up_now().unwrap();
    desk.log_complaint(operational("2026-11-20T10:00:00-06:00")).unwrap();
    drop(desk);
    let name = std::path::Path::new(&backup.path).file_name().unwrap().to_string_lossy().into_owned();
    let restored = cdesk_usecases::Desk::restore_named(&path, &name, chrono::Utc::now(), cdesk_usecases::AnchorOptions::from_env(), Some(&lock)).unwrap();
    assert_eq!(restored.events, backup.events);
    assert_eq!(cdesk_usecases::hold_open_lock(&path).unwrap_err().rule.as_deref(), Some("database_in_use"), "still held by the app after the restore");
    let err = cdesk_usecases::Desk::restore(&path, std::path::Path::new(&backup.path), chrono::Utc::now()).unwrap_err();
    assert_eq!(err.rule.as_deref(), Some("database_in_use"), "a restore from outside is refused while the app holds it");
    drop(lock);
    assert!(cdesk_usecases::hold_open_lock(&path).is_ok());
}

#[test]
fn tamper_before_an_import_is_still_found_after_it() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    f.desk.report_preview(ReportInput { month: "2026-11".into() }).unwrap();
    sql(&f, "DELETE FROM complaints WHERE id = 'CMP-2026-00002'");
    // A bulk import counts its rows in one go; it must not seal over the deletion either.
    let mut desk = reopened(&f);
    let csv = "received,kind,channel,summary\n2026-11-20T09:00:00-06:00,operational,email,Card declined twice\n";
    desk.import_csv("late.csv", csv.as_bytes()).unwrap();
    let err = reopened(&f).report_preview(ReportInput { month: "2026-11".into() }).unwrap_err();
    assert_eq!(err.rule.as_deref(), Some("register_differs_from_history"), "{}", err.message);
}

#[test]
fn an_import_keeps_an_intact_seal_and_its_row_by_row_count() {
    if crate::team_server().is_some() {
        return; // tampering with the file; the team server refuses edits of its history (tests/cli team)
    }
    let mut f = rich();
    f.desk.report_preview(ReportInput { month: "2026-11".into() }).unwrap();
    let csv = "received,kind,channel,summary\n2026-11-20T09:00:00-06:00,operational,email,Card declined twice\n";
    reopened(&f).import_csv("late.csv", csv.as_bytes()).unwrap();
    let rows = reopened(&f).report_preview(ReportInput { month: "2026-11".into() }).unwrap().report.rows;
    assert!(rows.iter().any(|r| r.summary == "Card declined twice"), "the imported complaint is reported: {rows:?}");
    // After the import the seal counts row by row again: an edit outside the desk is caught.
    sql(&f, "UPDATE complaints SET received_at = '2025-01-05T15:00:00Z' WHERE id = 'CMP-2026-00003'");
    let err = reopened(&f).report_preview(ReportInput { month: "2026-11".into() }).unwrap_err();
    assert_eq!(err.rule.as_deref(), Some("register_differs_from_history"), "{}", err.message);
}
