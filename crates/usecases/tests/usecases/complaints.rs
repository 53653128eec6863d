use cdesk_usecases::{ComplaintStep, ErrorCode, ListComplaintsInput, RecordStepInput, Urgency};

use crate::{desk_at, executive, operational};

fn step(id: &str, at: &str, step: ComplaintStep) -> RecordStepInput {
    RecordStepInput { seen: None, complaint_id: id.into(), at: at.into(), step }
}

#[test]
fn rule_complaint_ids_are_readable_and_sequential_per_year() {
    let mut f = desk_at("2027-01-05T15:00:00Z");
    let a = f.desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap();
    let b = f.desk.log_complaint(operational("2026-11-20T11:00:00-05:00")).unwrap();
    let c = f.desk.log_complaint(operational("2027-01-04T11:00:00-05:00")).unwrap();
    assert_eq!((a.id.as_str(), b.id.as_str(), c.id.as_str()), ("CMP-2026-00001", "CMP-2026-00002", "CMP-2027-00001"));
}

#[test]
fn rule_operational_deadlines_shown_on_logging() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let d = f.desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap();
    assert_eq!(d.deadlines.acknowledge_by.as_deref(), Some("2026-11-30"), "5 business days, skipping Thanksgiving");
    assert_eq!(d.deadlines.resolve_by.as_deref(), Some("2026-12-14"));
    assert_eq!(d.deadlines.notify_stripe_by, None);
    let next = d.next_deadline.expect("an open complaint has a next deadline");
    assert_eq!(next.due, "2026-11-30");
    assert_eq!(next.business_days_left, 4, "Tue 24, Wed 25, Fri 27, Mon 30");
}

#[test]
fn bad_input_names_the_field_and_writes_nothing() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let mut bad = operational("2026-11-20T10:00:00-05:00");
    bad.channel = "carrier pigeon".into();
    let err = f.desk.log_complaint(bad).unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("channel")));
    let mut bad = executive("2026-11-20T10:00:00-05:00");
    bad.grounds.clear();
    assert_eq!(f.desk.log_complaint(bad).unwrap_err().field.as_deref(), Some("grounds"));
    assert_eq!(f.desk.register_counts().unwrap().open, 0, "a refused complaint must not be stored");
    assert_eq!(f.desk.verify_audit().unwrap().events, 0, "a refused complaint must not leave an audit event");
}

#[test]
fn steps_recorded_together_are_all_written_or_none_and_the_refused_one_is_named() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let a = f.desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap().id;
    let b = f.desk.log_complaint(executive("2026-11-20T11:00:00-05:00")).unwrap().id;
    let ack = |id: &str| step(id, "2026-11-21T10:00:00-05:00", ComplaintStep::Acknowledge { how: Some("email".into()), note: None });
    let contact = step(&b, "2026-11-21T11:00:00-05:00", ComplaintStep::ContactCustomer { how: None, note: "Called".into() });
    // The executive complaint's customer may not be contacted before Stripe's review: the
    // acknowledgement before it in the list is not written either.
    let err = f.desk.record_steps(vec![ack(&a), contact]).unwrap_err();
    assert_eq!(err.rule.as_deref(), Some("executive_contact_hold"));
    assert!(err.message.starts_with(&format!("steps[1] ({b})")), "names the step: {}", err.message);
    assert_eq!(f.desk.complaint(&a).unwrap().timeline.len(), 1, "nothing written");
    let notify = step(&b, "2026-11-20T12:00:00-05:00", ComplaintStep::NotifyStripe { how: None, reference: None, note: None });
    let review = step(&b, "2026-11-21T09:00:00-05:00", ComplaintStep::StripeReviewCompleted { note: None, resolve_by: None });
    // Steps of one complaint are judged in order: the review is allowed after the notification.
    assert_eq!(f.desk.record_steps(vec![ack(&a), notify, review]).unwrap(), 3);
    assert!(f.desk.complaint(&a).unwrap().complaint.acknowledged_at.is_some());
    assert!(!f.desk.complaint(&b).unwrap().contact_hold, "the review lifted the hold");
    assert!(f.desk.verify_audit().unwrap().ok);
}

#[test]
fn rule_executive_contact_refused_until_stripe_review_and_nothing_written() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let id = f.desk.log_complaint(executive("2026-11-20T10:00:00-05:00")).unwrap().id;
    let contact = || step(&id, "2026-11-21T10:00:00-05:00", ComplaintStep::ContactCustomer { how: Some("phone".into()), note: "Called back".into() });
    let err = f.desk.record_step(contact()).unwrap_err();
    assert_eq!(err.code, ErrorCode::Rule);
    assert_eq!(err.rule.as_deref(), Some("executive_contact_hold"));
    assert!(err.message.contains("Stripe"), "the refusal must say why: {}", err.message);
    assert_eq!(f.desk.complaint(&id).unwrap().timeline.len(), 1, "a refused step must not reach the history");
    f.desk.record_step(step(&id, "2026-11-20T12:00:00-05:00", ComplaintStep::NotifyStripe { how: Some("email".into()), reference: Some("SUP-77".into()), note: None })).unwrap();
    assert!(f.desk.record_step(contact()).is_err(), "notifying Stripe does not lift the hold");
    f.desk.record_step(step(&id, "2026-11-21T09:00:00-05:00", ComplaintStep::StripeReviewCompleted { note: None, resolve_by: None })).unwrap();
    let d = f.desk.record_step(contact()).unwrap();
    assert!(!d.contact_hold);
    assert_eq!(d.timeline.last().unwrap().action, "customer_contacted");
}

#[test]
fn the_detail_offers_every_action_in_one_place_and_a_closed_one_says_why_in_the_zone() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let id = f.desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap().id;
    let order = |d: &cdesk_usecases::ComplaintDetail| d.actions.iter().map(|a| a.action).collect::<Vec<_>>();
    let before = f.desk.complaint(&id).unwrap();
    let d = f.desk.record_step(step(&id, "2026-11-20T11:00:00-05:00", ComplaintStep::Acknowledge { how: None, note: None })).unwrap();
    assert_eq!(order(&before), order(&d), "a step moves no button");
    let ack = d.actions.iter().find(|a| a.action == cdesk_domain::actions::ComplaintAction::Acknowledge).unwrap();
    assert!(!ack.allowed);
    assert_eq!(ack.rule.as_deref(), Some("acknowledged_once"));
    let reason = ack.reason.as_deref().unwrap();
    assert!(reason.contains("Fri 20 Nov 2026 11:00 EST"), "the instant as people read it, in the program's zone: {reason}");
    let primary: Vec<_> = d.actions.iter().filter(|a| a.primary).map(|a| a.action).collect();
    assert_eq!(primary, [cdesk_domain::actions::ComplaintAction::Resolve]);
    // Each clock says how urgent it is as the register judges it; a done one has no urgency.
    let urgency = |d: &cdesk_usecases::ComplaintDetail, clock: &str| d.clocks.iter().find(|c| c.clock.code() == clock).unwrap().urgency;
    assert_eq!(urgency(&d, "acknowledge"), None);
    assert_eq!(urgency(&d, "resolve"), Some(cdesk_usecases::Urgency::Later));
    let mut f = desk_at("2026-12-09T15:00:00Z");
    let late = f.desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap().id;
    let d = f.desk.complaint(&late).unwrap();
    assert_eq!((urgency(&d, "acknowledge"), urgency(&d, "resolve")), (Some(cdesk_usecases::Urgency::Overdue), Some(cdesk_usecases::Urgency::DueSoon)));
}

#[test]
fn rule_notify_stripe_clock_met_or_missed() {
    let mut f = desk_at("2026-11-30T15:00:00Z");
    let on_time = f.desk.log_complaint(executive("2026-11-20T10:00:00-05:00")).unwrap().id;
    let late = f.desk.log_complaint(executive("2026-11-20T10:00:00-05:00")).unwrap().id;
    let d = f.desk.record_step(step(&on_time, "2026-11-23T17:00:00-05:00", ComplaintStep::NotifyStripe { how: None, reference: None, note: None })).unwrap();
    assert_eq!(d.clocks[0].state.code(), "met");
    let d = f.desk.record_step(step(&late, "2026-11-24T09:00:00-05:00", ComplaintStep::NotifyStripe { how: None, reference: None, note: None })).unwrap();
    assert_eq!(d.clocks[0].state.code(), "missed");
}

#[test]
fn rule_reclassified_complaint_is_overdue_at_once_when_past_its_stripe_deadline() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let id = f.desk.log_complaint(operational("2026-11-16T10:00:00-05:00")).unwrap().id;
    let d = f
        .desk
        .record_step(step(
            &id,
            "2026-11-23T09:00:00-05:00",
            ComplaintStep::Reclassify { kind: "executive".into(), grounds: vec!["litigation".into()], reason: "Customer threatens to sue".into() },
        ))
        .unwrap();
    assert_eq!(d.deadlines.notify_stripe_by.as_deref(), Some("2026-11-17"));
    assert!(d.overdue, "past the 1-business-day clock counted from the original submission");
    assert!(d.contact_hold);
    let entry = d.timeline.last().unwrap();
    assert!(entry.description.contains("operational to executive"), "{}", entry.description);
    assert_eq!(f.desk.register_counts().unwrap().overdue, 1);
}

#[test]
fn rule_resolution_records_outcome_and_compensation_in_minor_units() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let id = f.desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap().id;
    f.desk.record_step(step(&id, "2026-11-20T11:00:00-05:00", ComplaintStep::Acknowledge { how: Some("email".into()), note: None })).unwrap();
    let d = f
        .desk
        .record_step(step(
            &id,
            "2026-11-23T09:00:00-05:00",
            ComplaintStep::Resolve {
                summary: "Fee refunded".into(),
                outcome: Some("upheld".into()),
                compensation: Some(cdesk_usecases::MoneyInput { amount_minor: 2500, currency: "usd".into() }),
                root_cause: None,
                remediation: None,
                remediation_note: None,
            },
        ))
        .unwrap();
    assert_eq!(d.status.code(), "resolved");
    let r = d.complaint.resolution.expect("resolution kept");
    assert_eq!(r.compensation.unwrap().display(), "25.00 USD");
    assert!(d.clocks.iter().all(|c| c.state.code() == "met"), "acknowledged and resolved on time");
    assert!(d.next_deadline.is_none());
}

#[test]
fn register_filters_counts_and_search() {
    // Monday 30 Nov 2026.
    let mut f = desk_at("2026-11-30T15:00:00Z");
    let overdue = f.desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap().id; // ack due 30 Nov: due today
    let mut text = operational("2026-11-25T09:00:00-05:00"); // ack due Thu 3 Dec: due soon
    text.summary = "Überweisung fehlt – 返金されていません".into();
    let search_me = f.desk.log_complaint(text).unwrap().id;
    let exec = f.desk.log_complaint(executive("2026-11-25T10:00:00-05:00")).unwrap().id; // notify due 27 Nov: overdue
    let counts = f.desk.register_counts().unwrap();
    assert_eq!((counts.open, counts.overdue, counts.due_today, counts.on_hold), (3, 1, 1, 1));
    let page = f.desk.list_complaints(ListComplaintsInput { status: "overdue".into(), ..Default::default() }).unwrap();
    assert_eq!(page.items.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), vec![exec.as_str()]);
    assert_eq!(page.items[0].next_deadline.as_ref().unwrap().urgency, Urgency::Overdue);
    let page = f.desk.list_complaints(ListComplaintsInput { search: Some("返金".into()), ..Default::default() }).unwrap();
    assert_eq!(page.items.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), vec![search_me.as_str()]);
    let page = f.desk.list_complaints(ListComplaintsInput { search: Some("überweisung".into()), ..Default::default() }).unwrap();
    assert_eq!(page.total, 1, "search ignores case beyond ASCII");
    let page = f.desk.list_complaints(ListComplaintsInput { kind: Some("operational".into()), ..Default::default() }).unwrap();
    assert_eq!(page.total, 2);
    let ids = |status: &str, f: &mut crate::Fixture| -> Vec<String> {
        f.desk.list_complaints(ListComplaintsInput { status: status.into(), ..Default::default() }).unwrap().items.into_iter().map(|r| r.id).collect()
    };
    assert_eq!(ids("due_today", &mut f), vec![overdue.clone()], "the header's 'due today' count lists exactly these");
    assert_eq!(ids("on_hold", &mut f), vec![exec.clone()]);
    assert_eq!(ids("due_soon", &mut f), vec![search_me.clone()], "due within the next 3 business days");
    assert_eq!(counts.due_soon, 1);
    let first = &f.desk.list_complaints(ListComplaintsInput::default()).unwrap().items[0];
    assert_eq!(first.id, exec, "the most urgent complaint comes first");
    let _ = overdue;
}

#[test]
fn a_broad_search_gives_its_first_page_in_order_and_says_its_count_is_at_least() {
    let mut f = desk_at("2026-11-30T15:00:00Z");
    // 4,400 complaints, every other one about a chargeback, and one about a rare thing.
    let mut csv = String::from("received,kind,channel,summary\n");
    for i in 0..4_400 {
        let about = if i == 1_234 { "Plastikkarte verbogen" } else if i % 2 == 0 { "Chargeback refused" } else { "Card declined" };
        csv.push_str(&format!("2026-11-{:02}T10:{:02}:00-05:00,operational,email,{about} {i}\n", 2 + i % 25, i % 60));
    }
    f.desk.import_csv("many.csv", csv.as_bytes()).unwrap();
    let search = |f: &mut crate::Fixture, status: &str, term: &str| {
        f.desk.list_complaints(ListComplaintsInput { status: status.into(), search: Some(term.into()), limit: 50, ..Default::default() }).unwrap()
    };
    let broad = search(&mut f, "all", "chargeback");
    // On both stores: the team server counts a search up to the same cap as the file.
    assert!(!broad.total_exact, "2,200 matches are broad");
    assert_eq!(broad.total, 2_000, "counted up to the cap: at least 2,000");
    let all = search(&mut f, "all", "chargeback");
    assert_eq!(all.items.len(), 50);
    assert!(all.items.iter().all(|r| r.summary.starts_with("Chargeback")), "only matches");
    // The same first page as a filter on the whole register in its order would give.
    let everything: Vec<_> = (0..88)
        .flat_map(|p| {
            f.desk.list_complaints(ListComplaintsInput { status: "all".into(), limit: 50, offset: p * 50, ..Default::default() }).unwrap().items
        })
        .filter(|r| r.summary.starts_with("Chargeback"))
        .take(50)
        .map(|r| r.id)
        .collect();
    assert_eq!(all.items.iter().map(|r| r.id.clone()).collect::<Vec<_>>(), everything);
    let rare = search(&mut f, "all", "plastikkarte");
    assert!(rare.total_exact);
    assert_eq!(rare.total, 1);
    assert_eq!(search(&mut f, "all", "nothing like it").total, 0);
}

#[test]
fn unknown_complaint_is_not_found() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    assert_eq!(f.desk.complaint("CMP-2026-09999").unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn a_refusal_says_its_instants_as_people_read_them_in_the_program_zone() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let id = f.desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap().id;
    let ack = |at: &str| step(&id, at, ComplaintStep::Acknowledge { how: None, note: None });
    f.desk.record_step(ack("2026-11-20T15:30:00-05:00")).unwrap();
    let e = f.desk.record_step(ack("2026-11-21T10:00:00-05:00")).unwrap_err();
    assert!(e.message.contains("Fri 20 Nov 2026 15:30 EST"), "{}", e.message);
    assert!(!e.message.contains("T20:30:00"), "no RFC 3339 left: {}", e.message);
}

#[test]
fn rule_the_examiners_fields_are_recorded_checked_and_reported() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    // A regulator is named only for a complaint that came through one.
    let by_email = LogComplaintInputExt::with_regulator(operational("2026-11-02T10:00:00-05:00"), "CFPB", None);
    let err = f.desk.log_complaint(by_email).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("regulator_name"), "{}", err.message);
    let via_cfpb = LogComplaintInputExt::with_regulator(executive("2026-11-02T10:00:00-05:00"), "CFPB", Some("261102-0001"));
    let id = f.desk.log_complaint(via_cfpb).unwrap().id;
    let step_at = |at: &str, s: ComplaintStep| step(&id, at, s);
    f.desk
        .record_step(step_at("2026-11-02T12:00:00-05:00", ComplaintStep::NotifyStripe { how: None, reference: Some("SUP-4411".into()), note: None }))
        .unwrap();
    f.desk.record_step(step_at("2026-11-03T12:00:00-05:00", ComplaintStep::StripeReviewCompleted { note: None, resolve_by: None })).unwrap();
    let resolve = |cause: Option<&str>, remediation: Option<&str>| ComplaintStep::Resolve {
        summary: "Fee refunded".into(),
        outcome: Some("upheld".into()),
        compensation: None,
        root_cause: cause.map(Into::into),
        remediation: remediation.map(Into::into),
        remediation_note: Some("Fee table reworded".into()),
    };
    // Codes off the taxonomy's lists, or one without the other, are refused by name.
    let err = f.desk.record_step(step_at("2026-11-04T12:00:00-05:00", resolve(Some("bad_luck"), Some("none_needed")))).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("root_cause"), "{}", err.message);
    assert!(err.message.contains("disclosure_unclear"), "lists the known codes: {}", err.message);
    let err = f.desk.record_step(step_at("2026-11-04T12:00:00-05:00", resolve(Some("disclosure_unclear"), None))).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("remediation"), "{}", err.message);
    assert_eq!(f.desk.complaint(&id).unwrap().complaint.status.code(), "open", "refusals wrote nothing");
    f.desk.record_step(step_at("2026-11-04T12:00:00-05:00", resolve(Some("disclosure_unclear"), Some("disclosure_updated")))).unwrap();
    let row = f.desk.report_preview(cdesk_usecases::ReportInput { month: "2026-11".into() }).unwrap().report.rows.into_iter().find(|r| r.id == id).unwrap();
    assert_eq!((row.regulator_name.as_deref(), row.regulator_reference.as_deref()), (Some("CFPB"), Some("261102-0001")));
    assert_eq!(row.stripe_reference.as_deref(), Some("SUP-4411"));
    assert_eq!((row.root_cause.as_deref(), row.remediation.as_deref()), (Some("disclosure_unclear"), Some("disclosure_updated")));
    assert_eq!(row.logged_on.map(|d| d.to_string()).as_deref(), Some("2026-11-23"), "logged the day the desk recorded it");
    assert!(f.desk.verify_audit().unwrap().ok);
}

trait LogComplaintInputExt {
    fn with_regulator(self, name: &str, reference: Option<&str>) -> Self;
}

impl LogComplaintInputExt for cdesk_usecases::LogComplaintInput {
    fn with_regulator(self, name: &str, reference: Option<&str>) -> Self {
        cdesk_usecases::LogComplaintInput { regulator_name: Some(name.into()), regulator_reference: reference.map(Into::into), ..self }
    }
}
