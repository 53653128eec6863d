//! Four eyes and assignment through the use cases, on a real database file: a decision or a
//! reclassification waits for a second officer, the requester cannot approve their own, the
//! history says who did what, and the register's "Mine" shows each officer their complaints.

use cdesk_usecases::{
    ApproveCaseInput, ApproveReclassificationInput, AssignCaseInput, AssignComplaintInput, ComplaintStep, CreditStep, Desk,
    ListComplaintsInput, RecordStepInput, SetFourEyesInput,
};

use super::credit::{account, close, complete_program, step};
use super::{desk_at, executive, operational};

fn events(desk: &mut Desk) -> i64 {
    desk.verify_audit().unwrap().events
}

fn record(desk: &mut Desk, id: &str, at: &str, step: ComplaintStep) -> cdesk_usecases::Result<cdesk_usecases::ComplaintDetail> {
    desk.record_step(RecordStepInput { seen: None, complaint_id: id.into(), at: at.into(), step })
}

#[test]
fn rule_four_eyes_a_closure_waits_for_a_second_officer_and_the_requester_cannot_approve_it() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    if f.on_team() {
        return; // a single-user desk's four eyes, with a second local name; the team's below
    }
    complete_program(&mut f.desk);
    f.desk.add_account(account(0)).unwrap();
    assert!(!f.desk.settings().unwrap().four_eyes, "off unless the program turns it on");
    let n = events(&mut f.desk);
    assert!(f.desk.set_four_eyes(SetFourEyesInput { on: true }).unwrap().four_eyes);
    assert_eq!(events(&mut f.desk), n + 1, "turning four eyes on is audited");
    f.desk.set_four_eyes(SetFourEyesInput { on: true }).unwrap();
    assert_eq!(events(&mut f.desk), n + 1, "setting it to what it is records nothing");

    let id = close(&mut f, "2026-11-20T10:00:00Z").unwrap();
    let v = f.desk.credit_case(&id).unwrap();
    assert_eq!(v.status, "awaiting_approval");
    assert_eq!(v.next_step.as_deref(), Some("approval"));
    assert_eq!(v.notice_due, "2026-12-20T10:00:00Z", "the notice clock runs from the decision");
    let deact = v.steps.iter().find(|s| s.step.as_str() == "deactivated").unwrap();
    assert!(deact.blocked_by.as_deref().unwrap().contains("second officer"), "{:?}", deact.blocked_by);

    let before = events(&mut f.desk);
    let e = step(&mut f.desk, &id, CreditStep::Deactivate { at: "2026-11-21T10:00:00Z".into() }).unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("four_eyes_awaiting_approval"));
    let own = ApproveCaseInput { seen: None, case_id: id.clone(), at: None, approver: None };
    let e = f.desk.approve_credit_case(own).unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("four_eyes_not_own_decision"), "{e}");
    let e = f.desk.approve_credit_case(ApproveCaseInput { seen: None, case_id: id.clone(), at: None, approver: Some(" TEST officer ".into()) }).unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("four_eyes_not_own_decision"), "names compare without case and spaces");
    assert_eq!(events(&mut f.desk), before, "refusals wrote nothing");

    let at = Some("2026-11-21T09:00:00Z".into());
    let v = f.desk.approve_credit_case(ApproveCaseInput { seen: None, case_id: id.clone(), at, approver: Some("Ben Okafor".into()) }).unwrap();
    assert_eq!(v.status, "open");
    let approval = v.timeline.iter().find(|t| t.action == "decision_approved").expect("the approval is in the case's history");
    assert_eq!(approval.actor, "Ben Okafor", "recorded under the second officer's name");
    assert_eq!(v.timeline.iter().find(|t| t.action == "decision_recorded").unwrap().actor, "test officer");
    step(&mut f.desk, &id, CreditStep::Deactivate { at: "2026-11-21T10:00:00Z".into() }).unwrap();
    let report = f.desk.verify_audit().unwrap();
    assert!(report.ok, "{report:?}");

    // Turned off later, a decision already waiting keeps its rule; a new one takes effect at once.
    f.desk.set_four_eyes(SetFourEyesInput { on: false }).unwrap();
    f.desk.add_account(cdesk_usecases::AddAccountInput { id: "acct_2Kite".into(), ..account(0) }).unwrap();
    let other = f
        .desk
        .close_credit_line(cdesk_usecases::CloseCreditLineInput {
            account: "acct_2Kite".into(),
            decided_at: "2026-11-22T10:00:00Z".into(),
            reasons: vec!["bankruptcy".into()],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(other.status, "open");
    let e = f.desk.approve_credit_case(ApproveCaseInput { seen: None, case_id: other.id, at: None, approver: Some("Ben".into()) }).unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("four_eyes_not_required"));
}

#[test]
fn rule_four_eyes_an_executive_complaint_reclassified_as_operational_waits_for_approval() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    if f.on_team() {
        return; // a single-user desk's four eyes, with a second local name; the team's below
    }
    f.desk.set_four_eyes(SetFourEyesInput { on: true }).unwrap();
    let input = cdesk_usecases::LogComplaintInput { channel: "email".into(), grounds: vec!["udap".into()], ..executive("2026-11-16T10:00:00-05:00") };
    let id = f.desk.log_complaint(input).unwrap().id;
    record(&mut f.desk, &id, "2026-11-16T15:00:00-05:00", ComplaintStep::NotifyStripe { how: None, reference: None, note: None }).unwrap();
    record(&mut f.desk, &id, "2026-11-18T11:00:00-05:00", ComplaintStep::StripeReviewCompleted { note: None, resolve_by: None }).unwrap();
    let reclassify = ComplaintStep::Reclassify { kind: "operational".into(), grounds: vec![], reason: "UDAP allegation withdrawn".into() };
    let d = record(&mut f.desk, &id, "2026-11-19T10:00:00-05:00", reclassify).unwrap();
    assert_eq!(d.kind.code(), "executive", "it stays executive until approved");
    let pending = d.complaint.pending_reclassification.as_ref().expect("a pending request");
    assert_eq!(pending.requested_by, "test officer");
    let approve = d.actions.iter().find(|a| a.action == cdesk_domain::actions::ComplaintAction::ApproveReclassification).unwrap();
    assert!(approve.allowed && approve.primary);

    let e = f.desk.approve_reclassification(ApproveReclassificationInput { seen: None, complaint_id: id.clone(), at: None, approver: None }).unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("four_eyes_not_own_request"));
    let at = Some("2026-11-20T09:00:00-05:00".into());
    let d = f.desk.approve_reclassification(ApproveReclassificationInput { seen: None, complaint_id: id.clone(), at, approver: Some("Ben Okafor".into()) }).unwrap();
    assert_eq!(d.kind.code(), "operational");
    let last = d.timeline.last().unwrap();
    assert_eq!((last.actor.as_str(), last.action.as_str()), ("Ben Okafor", "reclassification_approved"));
    assert_eq!(d.complaint.reclassifications.last().unwrap().at.to_rfc3339(), "2026-11-20T14:00:00+00:00");
    // Operational now: its acknowledgement clock runs, counted from the original submission.
    assert!(d.clocks.iter().any(|c| c.status.clock.code() == "acknowledge"), "{:?}", d.clocks);
}

#[test]
fn rule_assigned_complaints_show_as_mine_to_their_officer_only() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let a = f.desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap().id;
    let b = f.desk.log_complaint(operational("2026-11-20T11:00:00-05:00")).unwrap().id;
    let n = events(&mut f.desk);
    let d = f.desk.assign_complaint(AssignComplaintInput { seen: None, complaint_id: a.clone(), to: "Test Officer".into() }).unwrap();
    assert_eq!(d.complaint.assignee.as_deref(), Some("Test Officer"));
    assert_eq!(d.timeline.last().unwrap().action, "assigned");
    f.desk.assign_complaint(AssignComplaintInput { seen: None, complaint_id: b.clone(), to: "Ben Okafor".into() }).unwrap();
    assert_eq!(events(&mut f.desk), n + 2, "each assignment is audited");
    let e = f.desk.assign_complaint(AssignComplaintInput { seen: None, complaint_id: b.clone(), to: "ben okafor".into() }).unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("assign_changes_something"));
    let e = f.desk.assign_complaint(AssignComplaintInput { seen: None, complaint_id: b.clone(), to: " ".into() }).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("to"));

    let mine = f.desk.list_complaints(ListComplaintsInput { status: "all".into(), mine: true, ..Default::default() }).unwrap();
    assert_eq!(mine.items.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), [a.as_str()], "names compare without case");
    assert_eq!(mine.items[0].assignee.as_deref(), Some("Test Officer"));
    let all = f.desk.list_complaints(ListComplaintsInput { status: "all".into(), ..Default::default() }).unwrap();
    assert_eq!(all.total, 2);
    assert_eq!(f.desk.register_counts_scoped(true).unwrap().open, 1);
    assert_eq!(f.desk.register_counts_scoped(false).unwrap().open, 2);
    let mut streamed = Vec::new();
    f.desk
        .stream_complaints(ListComplaintsInput { status: "open".into(), mine: true, ..Default::default() }, None, None, |r, _| {
            streamed.push(r.id.clone());
            Ok(())
        })
        .unwrap();
    assert_eq!(streamed, std::slice::from_ref(&a));

    // Reassigned, it leaves the first officer's list.
    f.desk.assign_complaint(AssignComplaintInput { seen: None, complaint_id: a, to: "Ben Okafor".into() }).unwrap();
    assert_eq!(f.desk.register_counts_scoped(true).unwrap().open, 0);
    assert!(f.desk.verify_audit().unwrap().ok);
}

#[test]
fn rule_mine_counts_match_the_mine_lists() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    for received in ["2026-11-02T10:00:00-05:00", "2026-11-20T10:00:00-05:00", "2026-11-23T08:00:00-05:00"] {
        let id = f.desk.log_complaint(operational(received)).unwrap().id;
        f.desk.assign_complaint(AssignComplaintInput { seen: None, complaint_id: id, to: "test officer".into() }).unwrap();
    }
    let hold = f.desk.log_complaint(executive("2026-11-23T09:00:00-05:00")).unwrap().id;
    f.desk.assign_complaint(AssignComplaintInput { seen: None, complaint_id: hold, to: "test officer".into() }).unwrap();
    f.desk.log_complaint(operational("2026-11-02T11:00:00-05:00")).unwrap();
    let counts = f.desk.register_counts_scoped(true).unwrap();
    let listed = |desk: &mut Desk, status: &str| {
        desk.list_complaints(ListComplaintsInput { status: status.into(), mine: true, ..Default::default() }).unwrap().total
    };
    assert_eq!(counts.open, listed(&mut f.desk, "open"));
    assert_eq!(counts.overdue, listed(&mut f.desk, "overdue"));
    assert_eq!(counts.due_today, listed(&mut f.desk, "due_today"));
    assert_eq!(counts.due_soon, listed(&mut f.desk, "due_soon"));
    assert_eq!(counts.on_hold, listed(&mut f.desk, "on_hold"));
    assert_eq!((counts.open, counts.on_hold), (4, 1));
    assert!(counts.overdue >= 1, "the complaint of 2 November is past its acknowledgement");
    assert_eq!(f.desk.register_counts_scoped(false).unwrap().open, 5);
}

#[test]
fn credit_cases_are_assigned_and_audited() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    complete_program(&mut f.desk);
    f.desk.add_account(account(0)).unwrap();
    let id = close(&mut f, "2026-11-20T10:00:00Z").unwrap();
    let v = f.desk.assign_credit_case(AssignCaseInput { seen: None, case_id: id.clone(), to: "Ben Okafor".into() }).unwrap();
    assert_eq!(v.case.assignee.as_deref(), Some("Ben Okafor"));
    assert_eq!(v.timeline.last().unwrap().action, "assigned");
    let rows = f.desk.credit_cases().unwrap();
    assert_eq!(rows[0].assignee.as_deref(), Some("Ben Okafor"));
    let e = f.desk.assign_credit_case(AssignCaseInput { seen: None, case_id: id, to: "BEN OKAFOR".into() }).unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("assign_changes_something"));
}

#[test]
fn rule_four_eyes_on_a_team_database_the_approver_signs_in_and_the_server_names_them() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    if !f.on_team() {
        return; // a team database's four eyes
    }
    assert!(f.desk.settings().unwrap().four_eyes, "always on for a team");
    let e = f.desk.set_four_eyes(SetFourEyesInput { on: false }).unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("four_eyes_always_on_a_team"));
    complete_program(&mut f.desk);
    f.desk.add_account(account(0)).unwrap();
    let v = f
        .desk
        .close_credit_line(cdesk_usecases::CloseCreditLineInput {
            account: "acct_1Kite".into(),
            decided_at: "2026-11-20T10:00:00Z".into(),
            reasons: vec!["bankruptcy".into()],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(v.status, "awaiting_approval");
    let e = f.desk.approve_credit_case(ApproveCaseInput { seen: None, case_id: v.id.clone(), at: None, approver: Some("second officer".into()) }).unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("approver_is_the_signed_in_officer"), "no other name is given on a team");
    let e = f.desk.approve_credit_case(ApproveCaseInput { seen: None, case_id: v.id.clone(), at: None, approver: None }).unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("four_eyes_not_own_decision"));
    let second = f.second_officer().unwrap();
    let done = second.approve_credit_case(ApproveCaseInput { seen: None, case_id: v.id.clone(), at: Some("2026-11-21T09:00:00Z".into()), approver: None }).unwrap();
    assert_eq!(done.status, "open");
    let approval = done.timeline.iter().find(|t| t.action == "decision_approved").unwrap();
    assert_eq!(approval.actor, "second officer", "the server's name for who signed in");
    assert!(f.desk.verify_audit().unwrap().ok);

    let input = cdesk_usecases::LogComplaintInput { channel: "email".into(), grounds: vec!["udap".into()], ..executive("2026-11-16T10:00:00-05:00") };
    let id = f.desk.log_complaint(input).unwrap().id;
    record(&mut f.desk, &id, "2026-11-16T15:00:00-05:00", ComplaintStep::NotifyStripe { how: None, reference: None, note: None }).unwrap();
    record(&mut f.desk, &id, "2026-11-18T11:00:00-05:00", ComplaintStep::StripeReviewCompleted { note: None, resolve_by: None }).unwrap();
    let reclassify = ComplaintStep::Reclassify { kind: "operational".into(), grounds: vec![], reason: "Withdrawn".into() };
    assert_eq!(record(&mut f.desk, &id, "2026-11-19T10:00:00-05:00", reclassify).unwrap().kind.code(), "executive");
    let second = f.second_officer().unwrap();
    let d = second.approve_reclassification(ApproveReclassificationInput { seen: None, complaint_id: id, at: None, approver: None }).unwrap();
    assert_eq!(d.kind.code(), "operational");
    assert_eq!(d.timeline.last().unwrap().actor, "second officer");
}

/// Eight officers on their own connections (six officers, an approver, an auditor) work the same
/// complaints at once for a bounded time: afterwards the chain verifies, every change that was
/// accepted is in the history exactly once (none lost, none doubled), every refusal named its
/// reason, and the roles held (the auditor's writes and an officer's approval of their own
/// request were refused by the server or the domain).
#[test]
fn eight_officers_at_once_lose_no_change_and_the_roles_hold() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let f = desk_at("2026-11-23T15:00:00Z");
    let Some(admin) = f.team_admin_url() else {
        return; // needs the test server
    };
    let tag = std::process::id();
    let people: Vec<(String, &str)> = (0..8)
        .map(|i| {
            let role = match i {
                6 => "approver",
                7 => "auditor",
                _ => "officer",
            };
            (format!("conc{tag}_{i}"), role)
        })
        .collect();
    let urls: Vec<String> = people.iter().map(|(n, r)| super::officer_role(&admin, (n, "a concurrent password", r))).collect();
    let mut setup = Desk::connect(&urls[0]).unwrap();
    let ids: Vec<String> = (0..6).map(|i| setup.log_complaint(operational(&format!("2026-11-1{i}T08:00:00-05:00"))).unwrap().id).collect();
    let by_email = cdesk_usecases::LogComplaintInput { channel: "email".into(), grounds: vec!["udap".into()], ..executive("2026-11-16T10:00:00-05:00") };
    let exec = setup.log_complaint(by_email).unwrap().id;
    for (at, step) in [
        ("2026-11-16T15:00:00-05:00", ComplaintStep::NotifyStripe { how: None, reference: None, note: None }),
        ("2026-11-18T11:00:00-05:00", ComplaintStep::StripeReviewCompleted { note: None, resolve_by: None }),
        ("2026-11-19T10:00:00-05:00", ComplaintStep::Reclassify { kind: "operational".into(), grounds: vec![], reason: "Withdrawn".into() }),
    ] {
        record(&mut setup, &exec, at, step).unwrap();
    }
    let before = setup.verify_audit().unwrap().events;
    let stop = Arc::new(AtomicBool::new(false));
    let handles: Vec<_> = urls
        .iter()
        .enumerate()
        .map(|(n, url)| {
            let (url, ids, exec, stop) = (url.clone(), ids.clone(), exec.clone(), stop.clone());
            let others: Vec<String> = people.iter().map(|(p, _)| p.clone()).collect();
            std::thread::spawn(move || {
                let mut desk = Desk::connect(&url).unwrap();
                let mut seed = 0x9E37_79B9_u64.wrapping_mul(n as u64 + 1);
                let mut next = || {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed
                };
                let (mut accepted, mut refusals) = (0u64, Vec::new());
                while !stop.load(Ordering::Relaxed) {
                    let id = &ids[(next() % ids.len() as u64) as usize];
                    let r = match next() % 5 {
                        0 => desk.assign_complaint(AssignComplaintInput { seen: None, complaint_id: id.clone(), to: others[(next() % 8) as usize].clone() }).map(drop),
                        // From a view, as the app acts: refused when someone changed the complaint since.
                        4 => desk.complaint(id).and_then(|view| {
                            let to = others[(next() % 8) as usize].clone();
                            desk.assign_complaint(AssignComplaintInput { seen: Some(view.revision), complaint_id: id.clone(), to }).map(drop)
                        }),
                        1 => record(&mut desk, id, "2026-11-23T09:00:00-05:00", ComplaintStep::AddNote { note: format!("note {}", next()) }).map(drop),
                        2 => desk.log_complaint(operational("2026-11-23T08:30:00-05:00")).map(drop),
                        _ => desk.approve_reclassification(ApproveReclassificationInput { seen: None, complaint_id: exec.clone(), at: None, approver: None }).map(drop),
                    };
                    match r {
                        Ok(()) => accepted += 1,
                        Err(e) => refusals.push(e),
                    }
                }
                (n, accepted, refusals)
            })
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_secs(4));
    stop.store(true, Ordering::Relaxed);
    let mut accepted_total = 0;
    for h in handles {
        let (n, accepted, refusals) = h.join().unwrap();
        accepted_total += accepted;
        for e in &refusals {
            assert!(e.rule.is_some() || e.field.is_some(), "officer {n}: a refusal names its reason: {e:?}");
            if e.rule.as_deref() == Some("stale_view") {
                assert!(e.message.contains("conc") && e.message.contains("reload"), "a stale view names who changed it: {}", e.message);
            }
        }
        if n == 7 {
            assert_eq!(accepted, 0, "the auditor changed nothing");
            // What the domain allowed the server refused: the auditor has no write grant.
            assert!(refusals.iter().any(|e| e.rule.as_deref() == Some("role_not_allowed")), "{refusals:?}");
        }
        if n < 6 {
            let approvals = ["four_eyes_not_own_request", "four_eyes_needs_an_approver", "no_reclassification_pending"];
            let tried = refusals.iter().filter(|e| e.rule.as_deref().is_some_and(|r| approvals.contains(&r))).count();
            assert!(tried > 0, "officer {n}'s attempts to approve were refused: {refusals:?}");
        }
    }
    let after = setup.verify_audit().unwrap();
    assert!(after.ok, "{:?}", after.problem);
    assert_eq!(after.events - before, accepted_total as i64, "every accepted change is in the history once");
    let approvals = setup.complaint(&exec).unwrap();
    let approved: Vec<_> = approvals.timeline.iter().filter(|t| t.action == "reclassification_approved").collect();
    assert_eq!(approved.len(), 1, "approved once, by the approver");
    assert!(approved.iter().all(|t| t.actor == people[6].0), "only the approver approved: {approved:?}");
}

/// Another officer's desk on the same register: on a team database the second officer signed in
/// on a connection of their own, on a file the same file opened under another name.
fn other_officer(f: &mut super::Fixture) -> Desk {
    let at = f.now;
    match f.team_admin_url() {
        Some(admin) => Desk::connect(&super::officer_role(&admin, ("ben okafor", "ben-password-1", "approver"))).unwrap().with_now(move || at),
        None => f.reopen("ben okafor").with_now(move || at),
    }
}

#[test]
fn rule_stale_view_a_change_made_after_someone_elses_is_refused_with_who_and_when() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let id = f.desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap().id;
    let seen = f.desk.complaint(&id).unwrap();
    assert_eq!(seen.revision, seen.timeline.last().unwrap().seq, "the view's revision is its last entry");
    let mut ben = other_officer(&mut f);
    let note = ComplaintStep::AddNote { note: "Called the cardholder back".into() };
    ben.record_step(RecordStepInput { seen: Some(seen.revision), complaint_id: id.clone(), at: "2026-11-23T14:00:00Z".into(), step: note })
        .unwrap();
    let before = events(&mut f.desk);

    let assign = |seen| AssignComplaintInput { seen, complaint_id: id.clone(), to: "Test Officer".into() };
    let e = f.desk.assign_complaint(assign(Some(seen.revision))).unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("stale_view"), "{e}");
    assert!(e.message.contains("ben okafor") && e.message.contains("reload"), "says who changed it: {}", e.message);
    assert!(e.message.contains("Mon 23 Nov 2026"), "and when, in the program's zone: {}", e.message);
    let ack = ComplaintStep::Acknowledge { how: None, note: None };
    let step = RecordStepInput { seen: Some(seen.revision), complaint_id: id.clone(), at: "2026-11-23T14:30:00Z".into(), step: ack };
    assert_eq!(f.desk.record_step(step).unwrap_err().rule.as_deref(), Some("stale_view"), "every step checks the view");
    assert_eq!(events(&mut f.desk), before, "nothing written on a refusal");

    let fresh = f.desk.complaint(&id).unwrap();
    assert!(fresh.revision > seen.revision, "the reloaded view moved on");
    let d = f.desk.assign_complaint(assign(Some(fresh.revision))).unwrap();
    assert_eq!(d.complaint.assignee.as_deref(), Some("Test Officer"));
    assert!(d.revision > fresh.revision);

    // A credit case the same way: the approval made after the other officer's assignment is refused.
    complete_program(&mut f.desk);
    f.desk.add_account(account(0)).unwrap();
    let case = close(&mut f, "2026-11-20T10:00:00Z").unwrap();
    let viewed = f.desk.credit_case(&case).unwrap();
    ben.assign_credit_case(AssignCaseInput { seen: Some(viewed.revision), case_id: case.clone(), to: "ben okafor".into() }).unwrap();
    let step_on = |seen| cdesk_usecases::CreditStepInput { seen, case_id: case.clone(), step: CreditStep::Deactivate { at: "2026-11-21T10:00:00Z".into() } };
    let e = f.desk.credit_step(step_on(Some(viewed.revision))).unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("stale_view"), "{e}");
    assert!(e.message.contains("ben okafor"), "{}", e.message);
    let now = f.desk.credit_case(&case).unwrap().revision;
    let after = f.desk.credit_step(step_on(Some(now))).unwrap();
    assert!(after.steps.iter().any(|s| s.step.as_str() == "deactivated" && s.done_at.is_some()), "the fresh view's step is taken");
    assert!(f.desk.verify_audit().unwrap().ok);
}

#[test]
fn a_team_address_makes_a_url_with_its_parts_encoded_and_is_kept_without_its_password() {
    use cdesk_usecases::{forget_team_address, save_team_address, saved_team_address, PasswordKept, TeamAddress};
    let a = TeamAddress { host: " db.example.com ".into(), port: 5432, database: "compliance desk".into(), user: "ana pérez".into() };
    let a = a.checked().unwrap();
    assert_eq!(a.host, "db.example.com");
    assert_eq!(a.url(Some("p@ss:w/rd")), "postgres://ana%20p%C3%A9rez:p%40ss%3Aw%2Frd@db.example.com:5432/compliance%20desk");
    assert_eq!(a.url(None), "postgres://ana%20p%C3%A9rez@db.example.com:5432/compliance%20desk");
    let bad = |host: &str, port: u16, user: &str| TeamAddress { host: host.into(), port, database: "d".into(), user: user.into() }.checked().unwrap_err();
    assert_eq!(bad("", 5432, "ana").field.as_deref(), Some("host"));
    assert_eq!(bad("a b", 5432, "ana").field.as_deref(), Some("host"));
    assert_eq!(bad("h", 0, "ana").field.as_deref(), Some("port"));
    assert_eq!(bad("h", 5432, "cdesk_admin").field.as_deref(), Some("user"));

    // Signing in from Settings: the password is checked beside the address, and goes only into the URL.
    let input = |password: &str| cdesk_usecases::ConnectTeamInput { address: a.clone(), password: password.into(), remember: true };
    let (checked, url) = input("s3cret").checked().unwrap();
    assert_eq!((checked, url.as_str()), (a.clone(), "postgres://ana%20p%C3%A9rez:s3cret@db.example.com:5432/compliance%20desk"));
    assert_eq!(input("").checked().unwrap_err().field.as_deref(), Some("password"));
    assert_eq!(input("two\nlines").checked().unwrap_err().field.as_deref(), Some("password"));

    let folder = tempfile::tempdir().unwrap();
    assert_eq!(saved_team_address(folder.path()).unwrap(), None);
    let kept = save_team_address(folder.path(), &a, "s3cret-password", false).unwrap();
    assert_eq!(kept, PasswordKept::Session, "not kept when the officer asks not to");
    assert_eq!(saved_team_address(folder.path()).unwrap().as_ref(), Some(&a));
    for entry in std::fs::read_dir(folder.path()).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!text.contains("s3cret"), "the password is never written to a file: {text}");
    }
    forget_team_address(folder.path()).unwrap();
    assert_eq!(saved_team_address(folder.path()).unwrap(), None);
}

#[test]
fn a_team_desk_hears_of_another_officers_change_and_signs_in_again_after_a_dropped_connection() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let (Some(url), Some(admin)) = (f.team.clone(), f.team_admin_url()) else { return };
    let mut watcher = cdesk_usecases::ChangeWatcher::new(&url);
    assert!(watcher.next(std::time::Duration::from_millis(50)).unwrap().is_empty(), "nothing changed yet");
    let id = f.second_officer().unwrap().log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap().id;
    let heard = watcher.next(std::time::Duration::from_secs(10)).unwrap();
    let change = heard.iter().find(|c| c.records.iter().any(|r| r.entity == "complaint" && r.id == id)).expect("the new complaint is heard of");
    assert_eq!(change.actor, "second officer", "who made it, as the server says");

    // The server drops the officer's sessions on this database (a restart, a network break);
    // the other tests' databases are left alone.
    let mut server = cdesk_store::pg::connect_client(&admin).unwrap();
    server
        .batch_execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE usename = 'test officer' AND datname = current_database() AND pid <> pg_backend_pid()",
        )
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let d = f.desk.complaint(&id).expect("the desk signs in again by itself for a read");
    let assign = AssignComplaintInput { seen: Some(d.revision), complaint_id: id.clone(), to: "test officer".into() };
    f.desk.assign_complaint(assign).expect("and for a write");
    assert!(watcher.next(std::time::Duration::from_millis(200)).is_err(), "the listener says its connection was lost");
    let back = watcher.next(std::time::Duration::from_millis(50));
    assert!(back.is_ok(), "and listens again on the next call: {back:?}");
    assert!(f.desk.verify_audit().unwrap().ok);
}

/// The server signs in by client certificate (pg_hba `cert`): the officer's URL names the
/// certificate and key, the history's actor is the certificate's name as the server took it, and
/// a certificate the server's authority did not sign is refused. On a throwaway TLS-only server of
/// its own (`scripts/pg-cluster.sh start-tls`), when the suite runs on PostgreSQL.
#[test]
fn an_officer_signs_in_with_a_client_certificate_and_the_server_names_them() {
    if super::team_server().is_none() {
        return; // needs PostgreSQL's server (the team run of scripts/test-all.sh)
    }
    super::test_key();
    let dir = tempfile::tempdir().unwrap();
    let cluster = dir.path().join("tls");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pg-cluster.sh");
    struct Stop(std::path::PathBuf, std::path::PathBuf);
    impl Drop for Stop {
        fn drop(&mut self) {
            let _ = std::process::Command::new(&self.0).arg("stop").arg(&self.1).status();
        }
    }
    let out = std::process::Command::new(&script).arg("start-tls").arg(&cluster).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let _stop = Stop(script, cluster.clone());
    let server = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert!(server.contains("sslrootcert="), "the superuser's URL names the authority: {server}");

    let admin = cdesk_store::pg::schema::scratch_database(&server).unwrap();
    cdesk_store::pg::schema::scratch_officer(&admin, "cert officer", "unused: signs in by certificate", "officer").unwrap();
    let (path, query) = admin.split_once('?').unwrap();
    let host_db = path.rsplit_once('@').unwrap().1;
    let file = |n: &str| cluster.join(n).display().to_string();
    let url = format!("postgres://cert%20officer@{host_db}?{query}&sslcert={}&sslkey={}", file("officer.crt"), file("officer.key"));
    let mut desk = Desk::connect(&url).expect("signed in by certificate, no password");
    assert_eq!(desk.team_sign_in().unwrap().officer, "cert officer");
    let d = desk.log_complaint(operational("2026-11-20T10:00:00-05:00")).unwrap();
    assert_eq!(d.timeline[0].actor, "cert officer", "the actor is the name the server signed in");

    let Err(e) = Desk::connect(&format!("postgres://cert%20officer@{host_db}?{query}")) else { panic!("signed in without a certificate") };
    assert!(e.message.contains("cannot reach the team database"), "without a certificate the server refuses: {}", e.message);
    // A certificate of another authority (the server's own, signed by the same CA but named for
    // the host) signs in nobody.
    let other = format!("postgres://cert%20officer@{host_db}?{query}&sslcert={}&sslkey={}", file("server.crt"), file("server.key"));
    assert!(Desk::connect(&other).is_err(), "a certificate whose name is not the officer's is refused");
}

/// The app's team password in the OS keychain: kept there on request, read back at the next
/// start, never in a file, gone when the officer leaves the team database. Runs where a keychain
/// is reachable (`scripts/test-all.sh` runs it inside a D-Bus session with GNOME Keyring).
#[test]
fn a_team_password_is_kept_in_the_os_keychain_and_never_in_a_file() {
    use cdesk_usecases::{forget_team_address, kept_team_password, save_team_address, PasswordKept, TeamAddress};
    if !cdesk_usecases::keychain_available() {
        assert!(std::env::var_os("CDESK_TEST_KEYCHAIN").is_none(), "CDESK_TEST_KEYCHAIN asks for a keychain, and none is reachable");
        eprintln!("skipped: no OS keychain reachable (no D-Bus session with a Secret Service)");
        return;
    }
    let folder = tempfile::tempdir().unwrap();
    let user = format!("keychain-test-{}", std::process::id());
    let a = TeamAddress { host: "db.example.com".into(), port: 5432, database: "desk".into(), user }.checked().unwrap();
    assert_eq!(kept_team_password(&a), None);
    assert_eq!(save_team_address(folder.path(), &a, "kept-in-the-keychain-7", true).unwrap(), PasswordKept::Keychain);
    assert_eq!(kept_team_password(&a).as_deref(), Some("kept-in-the-keychain-7"), "read back as the next start reads it");
    for entry in std::fs::read_dir(folder.path()).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!text.contains("kept-in-the-keychain"), "never in a file: {text}");
    }
    forget_team_address(folder.path()).unwrap();
    assert_eq!(kept_team_password(&a), None, "forgotten with the address");
}
