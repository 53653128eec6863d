use crate::{desk_at, operational};

#[test]
fn rule_every_change_appends_a_chained_audit_event() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let id = f.desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap().id;
    f.desk
        .record_step(cdesk_usecases::RecordStepInput {
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
    f.desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap();
    f.desk.log_complaint(operational("2026-11-20T11:00:00-05:00")).unwrap();
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    conn.execute("UPDATE audit_events SET actor = 'someone else' WHERE seq = 1", []).unwrap();
    drop(conn);
    let r = f.desk.verify_audit().unwrap();
    assert!(!r.ok);
    assert_eq!(r.first_bad_seq, Some(1));
}
