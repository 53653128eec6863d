use cdesk_usecases::{AddClosureInput, ErrorCode, RemoveClosureInput, SetDeadlinePolicyInput, SetTimezoneInput};

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
        .record_step(cdesk_usecases::RecordStepInput { seen: None,
            complaint_id: id.clone(),
            at: "2026-11-21T10:00:00-05:00".into(),
            step: cdesk_usecases::ComplaintStep::Resolve { summary: "Explained".into(), outcome: None, compensation: None, root_cause: None, remediation: None, remediation_note: None },
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
    let mut again = f.reopen("someone");
    let s = again.settings().unwrap();
    assert_eq!(s.timezone, "Europe/Berlin");
    assert_eq!(s.closures[0].name, "Heiligabend");
}

#[test]
fn rule_executive_complaints_resolve_within_15_business_days_by_default() {
    let mut f = desk_at("2026-11-24T15:00:00Z");
    // Received Tue 24 Nov: 15 business days skip Thanksgiving (26 Nov) and the weekends.
    let d = f.desk.log_complaint(executive("2026-11-24T10:00:00-05:00")).unwrap();
    assert_eq!(d.deadlines.notify_stripe_by.as_deref(), Some("2026-11-25"));
    assert_eq!(d.deadlines.resolve_by.as_deref(), Some("2026-12-16"));
    assert!(d.clocks.iter().any(|c| c.clock.code() == "resolve"), "the resolve clock is listed beside notify_stripe");
}

#[test]
fn rule_deadline_policy_change_is_audited_and_recomputes_open_complaints() {
    let mut f = desk_at("2026-11-24T15:00:00Z");
    let id = f.desk.log_complaint(executive("2026-11-24T10:00:00-05:00")).unwrap().id;
    let set = |days| SetDeadlinePolicyInput { kind: "executive".into(), clock: "resolve".into(), business_days: days };
    let out = f.desk.set_deadline_policy(set(10)).unwrap();
    assert_eq!(out.settings.policy.executive.resolve, Some(10));
    assert_eq!(out.recomputed.len(), 1);
    let d = f.desk.complaint(&id).unwrap();
    assert_eq!(d.deadlines.resolve_by.as_deref(), Some("2026-12-09"));
    let last = d.timeline.last().unwrap();
    assert_eq!(last.action, "deadlines_recomputed");
    assert!(last.description.contains("2026-12-16 → 2026-12-09"), "{}", last.description);
    assert_eq!(f.desk.deadline_policy().unwrap().executive.resolve, Some(10));
    // Refused without writing: a clock the kind does not run, and 0 days.
    let before = f.desk.verify_audit().unwrap().events;
    let e = f.desk.set_deadline_policy(SetDeadlinePolicyInput { kind: "executive".into(), clock: "acknowledge".into(), business_days: 5 }).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidInput, Some("clock")));
    assert_eq!(f.desk.set_deadline_policy(set(0)).unwrap_err().field.as_deref(), Some("business_days"));
    assert_eq!(f.desk.set_deadline_policy(SetDeadlinePolicyInput { kind: "vip".into(), ..set(3) }).unwrap_err().field.as_deref(), Some("kind"));
    let r = f.desk.verify_audit().unwrap();
    assert_eq!(r.events, before, "nothing written");
    assert!(r.ok, "the policy in the file is the one its history sets: {:?}", r.problem);
    // Reopened, the file keeps the policy.
    let mut again = f.reopen("officer");
    assert_eq!(again.deadline_policy().unwrap().executive.resolve, Some(10));
}

#[test]
fn rule_deadline_notifications_once_per_business_day_and_once_per_stripe_deadline() {
    let at = |now: &str| {
        let now = chrono::DateTime::parse_from_rfc3339(now).unwrap().with_timezone(&chrono::Utc);
        move || now
    };
    // Monday 30 Nov 2026, 07:00 in New York: before the summary hours.
    let mut f = desk_at("2026-11-30T12:00:00Z");
    f.desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap(); // acknowledge due 30 Nov: due today
    let exec = f.desk.log_complaint(executive("2026-11-27T10:00:00-05:00")).unwrap().id; // notify due 30 Nov
    assert!(f.desk.take_deadline_reminders().unwrap().is_empty(), "nothing at 07:00");
    let desk = |now: &str| f.reopen("officer").with_now(at(now));
    // 09:00: the morning summary, once.
    let first = desk("2026-11-30T14:00:00Z").take_deadline_reminders().unwrap();
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(first[0].kind, "summary");
    assert_eq!(first[0].body, "0 complaints overdue, 2 due today.");
    assert!(desk("2026-11-30T15:00:00Z").take_deadline_reminders().unwrap().is_empty(), "not again the same day, even after a restart");
    // 21:30: the executive complaint's Stripe deadline (end of the day) is 2.5 hours away.
    let warn = desk("2026-12-01T02:30:00Z").take_deadline_reminders().unwrap();
    assert_eq!(warn.len(), 1, "{warn:?}");
    assert_eq!((warn[0].kind.as_str(), warn[0].complaint_id.as_deref()), ("stripe_notice", Some(exec.as_str())));
    assert!(warn[0].body.contains("23:59"), "{}", warn[0].body);
    assert!(desk("2026-12-01T03:00:00Z").take_deadline_reminders().unwrap().is_empty(), "warned once");
    // Each notification is in the audit history.
    let r = desk("2026-12-01T03:00:00Z").verify_audit().unwrap();
    assert!(r.ok, "{:?}", r.problem);
    // On a team every officer's desk hands out its own: the second officer gets the summary too.
    if let Some(admin) = f.team_admin_url() {
        let second = cdesk_usecases::Desk::connect(&crate::officer_role(&admin, crate::SECOND_OFFICER)).unwrap();
        let theirs = second.with_now(at("2026-11-30T14:30:00Z")).take_deadline_reminders().unwrap();
        assert!(theirs.iter().any(|r| r.kind == "summary"), "{theirs:?}");
    }
}
