use crate::{desk_at, operational};

#[test]
fn rule_every_change_appends_a_chained_audit_event() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let id = f.desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap().id;
    f.desk
        .record_step(cdesk_usecases::RecordStepInput { seen: None,
            complaint_id: id,
            at: "2026-11-20T12:00:00-05:00".into(),
            step: cdesk_usecases::ComplaintStep::AddNote { note: "Called the bank".into() },
        })
        .unwrap();
    let r = f.desk.verify_audit().unwrap();
    assert!(r.ok);
    assert_eq!(r.events, 2);
}

#[test]
fn rule_audit_verify_finds_an_event_edited_in_the_file() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    if f.on_team() {
        return; // the team server refuses any edit of an event (tests/cli team)
    }
    f.desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap();
    f.desk.log_complaint(operational("2026-11-20T11:00:00-05:00")).unwrap();
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    conn.execute("UPDATE audit_events SET actor = 'someone else' WHERE seq = 1", []).unwrap();
    drop(conn);
    let r = f.desk.verify_audit().unwrap();
    assert!(!r.ok);
    assert_eq!(r.first_bad_seq, Some(1));
}

#[test]
fn rule_audit_verify_finds_a_bit_flipped_in_a_submitted_file() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    if f.on_team() {
        return; // edits the database file itself
    }
    f.desk.log_complaint(operational("2026-10-20T10:00:00-04:00")).unwrap();
    f.desk.submit_report(cdesk_usecases::SubmitReportInput { month: "2026-10".into(), note: None }).unwrap();
    assert!(f.desk.verify_audit().unwrap().ok, "as submitted it verifies");
    for (column, name) in [("csv", "CSV"), ("xlsx", "XLSX"), ("pdf", "PDF"), ("report_json", "REPORT")] {
        let conn = rusqlite::Connection::open(&f.path).unwrap();
        let original: Vec<u8> = conn.query_row(&format!("SELECT CAST({column} AS BLOB) FROM report_submissions"), [], |r| r.get(0)).unwrap();
        let mut flipped = original.clone();
        let at = flipped.len() / 2;
        flipped[at] ^= 0x01;
        if column == "report_json" {
            conn.execute("UPDATE report_submissions SET report_json = ?1", [String::from_utf8_lossy(&flipped).into_owned()]).unwrap();
        } else {
            conn.execute(&format!("UPDATE report_submissions SET {column} = ?1"), [&flipped]).unwrap();
        }
        drop(conn);
        let r = f.desk.verify_audit().unwrap();
        assert!(!r.ok, "one flipped bit in the stored {name} must be found");
        assert!(r.problem.as_deref().unwrap_or_default().contains(name), "{:?}", r.problem);
        let conn = rusqlite::Connection::open(&f.path).unwrap();
        if column == "report_json" {
            conn.execute("UPDATE report_submissions SET report_json = ?1", [String::from_utf8(original).unwrap()]).unwrap();
        } else {
            conn.execute(&format!("UPDATE report_submissions SET {column} = ?1"), [&original]).unwrap();
        }
        drop(conn);
        assert!(f.desk.verify_audit().unwrap().ok, "put back, it verifies again");
    }
}
