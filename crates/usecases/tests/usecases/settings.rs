use cdesk_usecases::{AddClosureInput, ErrorCode, RemoveClosureInput, SetTimezoneInput};

use crate::{desk_at, executive, operational};

#[test]
fn rule_closure_day_recomputes_open_deadlines_and_history_shows_it() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let id = f.desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap().id;
    let out = f.desk.add_closure(AddClosureInput { date: "2026-11-24".into(), name: "Office move".into() }).unwrap();
    assert_eq!(out.recomputed.len(), 1);
    let d = f.desk.complaint(&id).unwrap();
    assert_eq!(d.deadlines.acknowledge_by.as_deref(), Some("2026-12-01"), "one business day later");
    let last = d.timeline.last().unwrap();
    assert_eq!(last.action, "deadlines_recomputed");
    assert!(last.description.contains("2026-11-30 → 2026-12-01"), "{}", last.description);
    let ack = d.clocks.iter().find(|c| c.clock.code() == "acknowledge").unwrap();
    assert!(ack.explanation_text.contains("closure: Office move"), "{}", ack.explanation_text);
    f.desk.remove_closure(RemoveClosureInput { date: "2026-11-24".into() }).unwrap();
    assert_eq!(f.desk.complaint(&id).unwrap().deadlines.acknowledge_by.as_deref(), Some("2026-11-30"));
}

#[test]
fn rule_time_zone_change_recomputes_open_deadlines() {
    let mut f = desk_at("2026-11-24T15:00:00Z");
    // 02:00 UTC Tuesday is Monday evening in New York, Tuesday morning in Tokyo.
    let id = f.desk.log_complaint(executive("2026-11-24T02:00:00Z")).unwrap().id;
    assert_eq!(f.desk.complaint(&id).unwrap().deadlines.notify_stripe_by.as_deref(), Some("2026-11-24"));
    let out = f.desk.set_timezone(SetTimezoneInput { timezone: "Asia/Tokyo".into() }).unwrap();
    assert_eq!(out.settings.timezone, "Asia/Tokyo");
    assert_eq!(out.recomputed[0].complaint_id, id);
    assert_eq!(f.desk.complaint(&id).unwrap().deadlines.notify_stripe_by.as_deref(), Some("2026-11-25"));
}

#[test]
fn resolved_complaints_keep_their_deadlines_when_the_calendar_changes() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let id = f.desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap().id;
    f.desk
        .record_step(cdesk_usecases::RecordStepInput {
            complaint_id: id.clone(),
            at: "2026-11-21T10:00:00-05:00".into(),
            step: cdesk_usecases::ComplaintStep::Resolve { summary: "Explained".into(), outcome: None, compensation: None },
        })
        .unwrap();
    let out = f.desk.add_closure(AddClosureInput { date: "2026-11-24".into(), name: "Office move".into() }).unwrap();
    assert!(out.recomputed.is_empty(), "only open complaints are recomputed");
}

#[test]
fn unknown_time_zone_is_refused_naming_the_field() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let err = f.desk.set_timezone(SetTimezoneInput { timezone: "Mars/Olympus".into() }).unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("timezone")));
    assert_eq!(f.desk.settings().unwrap().timezone, "America/New_York");
}

#[test]
fn settings_survive_reopening_the_database() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    f.desk.set_timezone(SetTimezoneInput { timezone: "Europe/Berlin".into() }).unwrap();
    f.desk.add_closure(AddClosureInput { date: "2026-12-24".into(), name: "Heiligabend".into() }).unwrap();
    let mut again = cdesk_usecases::Desk::open(&f.path, "someone").unwrap();
    let s = again.settings().unwrap();
    assert_eq!(s.timezone, "Europe/Berlin");
    assert_eq!(s.closures[0].name, "Heiligabend");
}
