//! Credit cases through the use cases: one transaction and one audit event per step, refusals
//! that write nothing, notices due in the header, the notice in the customer's language, and a
//! property test over sequences of officer actions on one account.

use std::collections::BTreeMap;

use cdesk_domain::wording::ReasonPhrases;
use cdesk_usecases::{
    AddAccountInput, ApplicationInput, CloseCreditLineInput, CreditNoticeInput, CreditStep, CreditStepInput, Desk, ReactivateInput,
    SetBalanceInput, SetCreditProgramInput,
};
use proptest::prelude::*;

use super::{desk_at, Fixture};

pub(crate) fn account(balance: i64) -> AddAccountInput {
    AddAccountInput {
        id: "acct_1Kite".into(),
        name: "Kite Logistik GmbH".into(),
        email: "buchhaltung@kite.example".into(),
        address: Some("Hafenstraße 12\n20457 Hamburg".into()),
        limit: 500_000,
        currency: "USD".into(),
        period: "month".into(),
        period_count: 1,
        days_until_due: 15,
        balance,
        business_type: None,
        losses: None,
        country: None,
        debit_negative_balances: None,
    }
}

/// Closes the line of acct_1Kite; on a team database (four eyes always on) a second officer
/// approves the decision at its own instant, so that the case goes on as on a single-user desk.
pub(crate) fn close(f: &mut Fixture, decided_at: &str) -> cdesk_usecases::Result<String> {
    let id = f
        .desk
        .close_credit_line(CloseCreditLineInput {
            account: "acct_1Kite".into(),
            decided_at: decided_at.into(),
            reasons: vec!["dispute_rate_too_high".into(), "other".into()],
            other_explanation: Some("Rückzug aus dem Marktsegment".into()),
            ..Default::default()
        })
        .map(|v| v.id)?;
    approve_on_team(f, &id, decided_at);
    Ok(id)
}

/// On a team database, the second officer approves case `id` at `at`.
pub(crate) fn approve_on_team(f: &mut Fixture, id: &str, at: &str) {
    if let Some(second) = f.second_officer() {
        second.approve_credit_case(cdesk_usecases::ApproveCaseInput { seen: None, case_id: id.into(), at: Some(at.into()), approver: None }).unwrap();
    }
}

pub(crate) fn step(desk: &mut Desk, case: &str, step: CreditStep) -> cdesk_usecases::Result<cdesk_usecases::CreditCaseView> {
    desk.credit_step(CreditStepInput { seen: None, case_id: case.into(), step })
}

/// The creditor and the agency a notice must name before it is recorded as sent, with Stripe's
/// reason codes all approved.
pub(crate) fn complete_program(desk: &mut Desk) {
    let p = desk.credit_program().unwrap().program;
    desk.set_credit_program(SetCreditProgramInput {
        creditor_name: "Kite Cards Inc.".into(),
        creditor_address: "1 Main St\nPortland, OR 97201".into(),
        creditor_phone: "+1 503 555 0100".into(),
        creditor_email: None,
        agency_name: "Federal Trade Commission".into(),
        agency_address: "600 Pennsylvania Avenue NW, Washington, DC 20580".into(),
        approved_reasons: p.approved_reasons,
        wording: BTreeMap::new(),
        notice_days: p.notice_days,
        notice_language: "en".into(),
        approved_periods: vec![],
    })
    .unwrap();
}

fn events(desk: &mut Desk) -> i64 {
    desk.verify_audit().unwrap().events
}

fn program_de() -> SetCreditProgramInput {
    let mut wording = BTreeMap::new();
    wording.insert(
        "dispute_rate_too_high".to_owned(),
        ReasonPhrases {
            en: "Too many of your card payments were disputed".into(),
            de: "Zu viele Ihrer Kartenzahlungen wurden beanstandet".into(),
            ja: "カード決済に対する異議申立てが多すぎます".into(),
        },
    );
    SetCreditProgramInput {
        creditor_name: "Nordlicht Bank AG".into(),
        creditor_address: "Am Sandtorkai 1\n20457 Hamburg".into(),
        creditor_phone: "+49 40 555 0100".into(),
        creditor_email: Some("kredit@nordlicht.example".into()),
        agency_name: "Federal Deposit Insurance Corporation".into(),
        agency_address: "Consumer Response Center, 1100 Walnut Street, Box #11, Kansas City, MO 64106".into(),
        approved_reasons: vec!["dispute_rate_too_high".into(), "other".into(), "bankruptcy".into()],
        wording,
        notice_days: 21,
        notice_language: "de".into(),
        approved_periods: vec![],
    }
}

#[test]
fn each_step_is_one_audit_event_and_refusals_write_nothing() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    complete_program(&mut f.desk);
    f.desk.add_account(account(-4_000)).unwrap();
    let id = close(&mut f, "2026-11-20T10:00:00Z").unwrap();
    let n = events(&mut f.desk);
    let e = step(&mut f.desk, &id, CreditStep::Deactivate { at: "2026-11-19T10:00:00Z".into() }).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("at"), "no step before the decision");
    let e = step(&mut f.desk, &id, CreditStep::NoticeSent { at: "2026-11-21T10:00:00Z".into(), channel: "fax".into(), language: None }).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("channel"));
    let e = step(&mut f.desk, &id, CreditStep::NoticeSent { at: "2026-12-21T10:00:00Z".into(), channel: "mail".into(), language: None }).unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("step_in_future"), "a step is recorded once it has happened");
    assert_eq!(events(&mut f.desk), n, "refusals wrote nothing");
    step(&mut f.desk, &id, CreditStep::NoticeSent { at: "2026-11-21T10:00:00Z".into(), channel: "mail".into(), language: None }).unwrap();
    assert_eq!(events(&mut f.desk), n + 1);
    let e = step(&mut f.desk, &id, CreditStep::Deactivate { at: "2026-11-22T10:00:00Z".into() }).unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("deactivate_with_negative_balance"));
    assert!(e.message.contains("40.00 USD"), "{}", e.message);
    let v = f.desk.credit_case(&id).unwrap();
    let deact = v.steps.iter().find(|s| s.step.as_str() == "deactivated").unwrap();
    assert!(deact.blocked_by.as_deref().unwrap().contains("top it up by 40.00 USD"), "the wizard shows what blocks the step");
    f.desk.set_balance(SetBalanceInput { account: "acct_1Kite".into(), amount: 0, at: "2026-11-22T09:00:00Z".into() }).unwrap();
    step(&mut f.desk, &id, CreditStep::Deactivate { at: "2026-11-22T10:00:00Z".into() }).unwrap();
    let a = f.desk.account("acct_1Kite").unwrap();
    let actions: Vec<&str> = a.history.iter().map(|h| h.action.as_str()).collect();
    let expected: &[&str] = if f.on_team() {
        // A team has four eyes: the second officer's approval follows the decision.
        &["added", "decision_recorded", "decision_approved", "notice_sent", "balance_recorded", "policy_deactivated"]
    } else {
        &["added", "decision_recorded", "notice_sent", "balance_recorded", "policy_deactivated"]
    };
    assert_eq!(actions, expected);
    assert!(f.desk.verify_audit().unwrap().ok);
}

#[test]
fn rule_notice_past_its_deadline_counts_as_overdue_in_the_header() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    complete_program(&mut f.desk);
    f.desk.add_account(account(0)).unwrap();
    let id = close(&mut f, "2026-10-20T10:00:00Z").unwrap();
    let c = f.desk.notice_counts().unwrap();
    assert_eq!((c.overdue, c.due_soon), (1, 0), "decided 34 days ago: the 30-day notice is late");
    assert!(f.desk.credit_cases().unwrap()[0].notice_overdue);
    let v = step(&mut f.desk, &id, CreditStep::NoticeSent { at: "2026-11-23T14:00:00Z".into(), channel: "email".into(), language: None }).unwrap();
    assert!(!v.notice_overdue);
    assert_eq!(f.desk.notice_counts().unwrap().overdue, 0);
    assert!(v.history.last().unwrap().details.contains("\"late\":true"), "a late notice stays on the record as late");
    assert!(v.case.notice.as_ref().unwrap().late, "the case says the notice went out late");
}

#[test]
fn rule_notice_deadline_follows_the_program_setting() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    complete_program(&mut f.desk);
    f.desk.set_credit_program(program_de()).unwrap();
    f.desk.add_account(account(0)).unwrap();
    let id = close(&mut f, "2026-11-20T10:00:00Z").unwrap();
    let v = f.desk.credit_case(&id).unwrap();
    assert_eq!(v.notice_due, "2026-12-11T10:00:00Z");
    assert_eq!(f.desk.notice_counts().unwrap().due_soon, 0);
    assert!(!f.desk.credit_cases().unwrap()[0].notice_due_soon, "due in 18 days is not soon");
    let soon = close(&mut f, "2026-11-20T10:00:00Z");
    assert!(soon.is_err(), "one closure per line");
    let mut other = account(0);
    other.id = "acct_2Soon".into();
    f.desk.add_account(other).unwrap();
    f.desk
        .close_credit_line(CloseCreditLineInput {
            account: "acct_2Soon".into(),
            decided_at: "2026-11-08T10:00:00Z".into(),
            reasons: vec!["bankruptcy".into()],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(f.desk.notice_counts().unwrap().due_soon, 1, "due 2026-11-29: within 7 days");
    let rows = f.desk.credit_cases().unwrap();
    assert!(rows.iter().any(|r| r.account_id == "acct_2Soon" && r.notice_due_soon && !r.notice_overdue));
    let e = f.desk.set_credit_program(SetCreditProgramInput { notice_days: 45, ..program_de() }).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("notice_days"));
}

#[test]
fn golden_german_notice_through_the_use_cases() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    complete_program(&mut f.desk);
    f.desk.set_credit_program(program_de()).unwrap();
    f.desk.add_account(account(0)).unwrap();
    let id = close(&mut f, "2026-11-20T10:00:00Z").unwrap();
    let file = f.desk.credit_notice(CreditNoticeInput { case_id: id.clone(), format: "text".into(), language: None }).unwrap();
    assert!(file.missing.is_empty());
    assert_eq!(file.file_name, format!("adverse-action-notice-{id}-de.txt"));
    let text = String::from_utf8(file.bytes).unwrap();
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/notice-closure-de.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&golden).expect("the golden file exists (UPDATE_GOLDEN=1 writes it)");
    assert_eq!(text, expected);
    assert!(text.contains("Zu viele Ihrer Kartenzahlungen wurden beanstandet"), "the program's own wording is used");
    assert!(text.contains("Rückzug aus dem Marktsegment"), "the explanation of other follows its lead-in");
    let first = text.find("Zu viele").unwrap();
    assert!(first < text.find("Rückzug").unwrap(), "reasons keep their order of importance");
    let ja = f.desk.credit_notice(CreditNoticeInput { case_id: id, format: "text".into(), language: Some("ja".into()) }).unwrap();
    assert!(String::from_utf8(ja.bytes).unwrap().contains("カード決済に対する異議申立てが多すぎます"));
}

#[derive(Debug, Clone)]
enum Action {
    Balance(i64),
    Close,
    Notice,
    Deactivate,
    Reactivate,
    Revoke,
    Reopen,
}

fn action() -> impl Strategy<Value = (Action, u32, bool)> {
    let a = prop_oneof![
        (-30_000i64..30_000).prop_map(Action::Balance),
        Just(Action::Close),
        Just(Action::Notice),
        Just(Action::Deactivate),
        Just(Action::Reactivate),
        Just(Action::Revoke),
        Just(Action::Reopen),
    ];
    // A day of November 2026 (in any order) and whether to act on the first case or the latest.
    (a, 2u32..23, any::<bool>())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// Whatever an officer does, in any order and with any dates, on the latest case or an
    /// earlier one: a policy is deactivated only at a balance of zero or more, a refused action
    /// writes nothing, a closed line is active again only after a newly recorded approved
    /// application, and an active line never has its capability revoked.
    #[test]
    fn no_sequence_deactivates_owing_accounts_or_reopens_without_application(start in -30_000i64..30_000, actions in proptest::collection::vec(action(), 1..14)) {
        let mut f = desk_at("2026-11-23T15:00:00Z");
        complete_program(&mut f.desk);
    complete_program(&mut f.desk);
        f.desk.add_account(account(start)).unwrap();
        let mut cases: Vec<String> = Vec::new();
        let mut closed_since_application = false;
        for (a, day, first) in &actions {
            let at = format!("2026-11-{day:02}T10:00:00Z");
            let target = if *first { cases.first().cloned() } else { cases.last().cloned() };
            let before = events(&mut f.desk);
            let instant = chrono::DateTime::parse_from_rfc3339(&at).unwrap().with_timezone(&chrono::Utc);
            let balance_before = f.desk.account("acct_1Kite").unwrap().account.balance_as_of(instant).map_or(0, |b| b.amount_minor);
            let result: Result<(), cdesk_usecases::ErrorBody> = match a {
                Action::Balance(b) => f.desk.set_balance(SetBalanceInput { account: "acct_1Kite".into(), amount: *b, at: at.clone() }).map(drop),
                Action::Close => close(&mut f, "2026-11-01T10:00:00Z").map(|id| cases.push(id)),
                Action::Notice => match &target {
                    Some(c) => step(&mut f.desk, c, CreditStep::NoticeSent { at: at.clone(), channel: "email".into(), language: None }).map(drop),
                    None => Ok(()),
                },
                Action::Deactivate => match &target {
                    Some(c) => step(&mut f.desk, c, CreditStep::Deactivate { at: at.clone() }).map(|_| {
                        closed_since_application = true;
                    }),
                    None => Ok(()),
                },
                Action::Revoke => match &target {
                    Some(c) => step(&mut f.desk, c, CreditStep::RevokeCapability { at: at.clone(), reason: "criteria_not_met".into() }).map(drop),
                    None => Ok(()),
                },
                Action::Reactivate => f.desk.reactivate_credit_line(ReactivateInput { account: "acct_1Kite".into(), at: at.clone() }),
                Action::Reopen => f
                    .desk
                    .record_application(ApplicationInput { account: "acct_1Kite".into(), decided_at: at.clone(), purpose: "credit_line_opening".into(), amount: 100_000 })
                    .map(|_| { closed_since_application = false; }),
            };
            let after = f.desk.account("acct_1Kite").unwrap().account;
            match result {
                Ok(()) => {
                    prop_assert!(!matches!(a, Action::Reactivate), "reactivation was accepted");
                    if matches!(a, Action::Deactivate) && target.is_some() {
                        prop_assert!(balance_before >= 0, "deactivated while the account owed {balance_before} at that instant");
                    }
                }
                Err(_) => prop_assert_eq!(events(&mut f.desk), before, "a refused action wrote to the audit log"),
            }
            let active = after.policy.status == cdesk_domain::account::PolicyStatus::Active;
            prop_assert!(!(active && closed_since_application), "a closed line is active without a new application");
            prop_assert!(
                !(active && after.capability == cdesk_domain::account::CapabilityStatus::Revoked),
                "an active line has its capability revoked"
            );
        }
        let report = f.desk.verify_audit().unwrap();
        prop_assert!(report.ok, "{:?}", report.problem);
    }
}

#[test]
fn rule_a_reopened_line_ends_its_old_closure_case() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    complete_program(&mut f.desk);
    f.desk.add_account(account(0)).unwrap();
    let id = close(&mut f, "2026-11-01T10:00:00Z").unwrap();
    step(&mut f.desk, &id, CreditStep::NoticeSent { at: "2026-11-02T10:00:00Z".into(), channel: "email".into(), language: None }).unwrap();
    step(&mut f.desk, &id, CreditStep::Deactivate { at: "2026-11-03T10:00:00Z".into() }).unwrap();
    let a = f
        .desk
        .record_application(ApplicationInput {
            account: "acct_1Kite".into(),
            decided_at: "2026-11-20T10:00:00Z".into(),
            purpose: "credit_line_opening".into(),
            amount: 100_000,
        })
        .unwrap();
    let steps: Vec<&str> = a.requests.iter().map(|r| r.step.as_str()).collect();
    assert_eq!(steps, ["underwriting_record", "reopen_policy"], "reopening shows its Stripe requests");
    let e = step(&mut f.desk, &id, CreditStep::RevokeCapability { at: "2026-11-21T10:00:00Z".into(), reason: "terms_violated".into() })
        .unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("case_superseded"));
    let v = f.desk.credit_case(&id).unwrap();
    assert_eq!(v.status, "superseded");
    assert!(v.steps.iter().any(|s| s.blocked_by.as_deref().is_some_and(|b| b.contains("reopened"))));
}

#[test]
fn rule_a_closure_replaces_a_pending_decrease_whose_notice_is_still_owed() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    complete_program(&mut f.desk);
    f.desk.add_account(account(0)).unwrap();
    let dec = f
        .desk
        .decrease_credit_limit(cdesk_usecases::DecreaseLimitInput {
            account: "acct_1Kite".into(),
            decided_at: "2026-11-10T10:00:00Z".into(),
            amount: 100_000,
            reasons: vec!["bankruptcy".into()],
            ..Default::default()
        })
        .unwrap();
    approve_on_team(&mut f, &dec.id, "2026-11-10T10:00:00Z");
    assert!(dec.account_id == "acct_1Kite" && f.desk.account("acct_1Kite").unwrap().requests.is_empty(), "the case carries the limit request");
    close(&mut f, "2026-11-12T10:00:00Z").unwrap();
    let e = step(&mut f.desk, &dec.id, CreditStep::ApplyLimit { at: "2026-11-13T10:00:00Z".into() }).unwrap_err();
    assert_eq!(e.rule.as_deref(), Some("case_superseded"));
    step(&mut f.desk, &dec.id, CreditStep::NoticeSent { at: "2026-11-13T10:00:00Z".into(), channel: "mail".into(), language: None })
        .expect("the notice of a decision taken is still owed");
    assert_eq!(f.desk.credit_cases().unwrap().iter().find(|r| r.id == dec.id).unwrap().status, "superseded");
}

#[test]
fn rule_the_notice_is_kept_exactly_as_sent() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    complete_program(&mut f.desk);
    f.desk.set_credit_program(program_de()).unwrap();
    f.desk.add_account(account(0)).unwrap();
    let id = close(&mut f, "2026-11-20T10:00:00Z").unwrap();
    let text = |desk: &mut Desk, lang: Option<&str>| {
        let file = desk.credit_notice(CreditNoticeInput { case_id: id.clone(), format: "text".into(), language: lang.map(Into::into) }).unwrap();
        String::from_utf8(file.bytes).unwrap()
    };
    let v = step(&mut f.desk, &id, CreditStep::NoticeSent { at: "2026-11-21T09:00:00Z".into(), channel: "mail".into(), language: None }).unwrap();
    let sent = text(&mut f.desk, None);
    assert!(sent.contains("21. November 2026"), "the notice is dated the day it was sent");
    let sha = v.case.notice.as_ref().unwrap().text_sha256.clone().unwrap();
    assert_eq!(sha.len(), 64);

    // The program's wording changes later: the notice as sent does not.
    let mut changed = program_de();
    changed.wording.get_mut("dispute_rate_too_high").unwrap().de = "Neue Formulierung".into();
    changed.creditor_phone = "+49 40 555 0199".into();
    f.desk.set_credit_program(changed).unwrap();
    assert_eq!(text(&mut f.desk, None), sent);
    assert_eq!(text(&mut f.desk, Some("de")), sent);
    assert!(text(&mut f.desk, Some("en")).contains("+49 40 555 0199"), "another language is written from the program as it is now");
    let pdf = f.desk.credit_notice(CreditNoticeInput { case_id: id.clone(), format: "pdf".into(), language: None }).unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF"));

    // An edit of the kept notice in the file is found.
    if f.on_team() {
        return; // the team server refuses any edit of an event
    }
    drop(f.desk);
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    conn.execute("UPDATE audit_events SET payload = replace(payload, 'Nordlicht', 'Südlicht') WHERE action = 'notice_sent'", []).unwrap();
    drop(conn);
    let mut desk = Desk::open(&f.path, "examiner").unwrap();
    let e = desk.credit_notice(CreditNoticeInput { case_id: id.clone(), format: "text".into(), language: None }).unwrap_err();
    assert!(e.message.contains("does not match its SHA-256"), "{}", e.message);
    assert!(!desk.verify_audit().unwrap().ok);
}

#[test]
fn rule_the_notice_kept_as_sent_is_in_the_language_it_was_last_written_in() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    f.desk.add_account(account(0)).unwrap();
    complete_program(&mut f.desk);
    let id = close(&mut f, "2026-11-20T10:00:00Z").unwrap();
    // The officer writes the Japanese notice to a file, then records it sent without naming a language.
    let written = f.desk.credit_notice(CreditNoticeInput { case_id: id.clone(), format: "text".into(), language: Some("ja".into()) }).unwrap();
    f.desk.record_notice_written(&id, &written).unwrap();
    let v = step(&mut f.desk, &id, CreditStep::NoticeSent { at: "2026-11-21T10:00:00Z".into(), channel: "email".into(), language: None }).unwrap();
    let sent = v.notice_sent.expect("kept");
    assert_eq!(sent.language.as_deref(), Some("ja"));
    assert_eq!(sent.channel, "email");
    // The kept text is exactly the Japanese one written again now (same words, same date).
    let again = f.desk.credit_notice(CreditNoticeInput { case_id: id.clone(), format: "text".into(), language: None }).unwrap();
    assert_eq!(again.language, "ja");
    let text = String::from_utf8(again.bytes).unwrap();
    use sha2::Digest;
    assert_eq!(sent.sha256.as_deref(), Some(hex::encode(sha2::Sha256::digest(text.as_bytes())).as_str()));
}

#[test]
fn rule_a_notice_never_written_is_kept_in_the_programs_language_unless_told() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    f.desk.add_account(account(0)).unwrap();
    complete_program(&mut f.desk);
    let id = close(&mut f, "2026-11-20T10:00:00Z").unwrap();
    let v = step(&mut f.desk, &id, CreditStep::NoticeSent { at: "2026-11-21T10:00:00Z".into(), channel: "mail".into(), language: Some("de".into()) }).unwrap();
    assert_eq!(v.notice_sent.unwrap().language.as_deref(), Some("de"), "the language given wins");
}
