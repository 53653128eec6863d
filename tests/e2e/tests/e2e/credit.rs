//! The closure wizard in the real app: decision, notice, a refused deactivation while the
//! account owes Stripe, the top-up, deactivation, the wind-down and the refused reactivation.

use cdesk_e2e::App;
use chrono::Datelike;

async fn wait_attr(app: &App, testid: &str, name: &str, value: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let v = if app.has(testid).await { app.attr(testid, name).await } else { None };
        if v.as_deref() == Some(value) {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "{testid} never had {name}={value:?}; it has {v:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn closure_wizard_walks_every_step_in_order() {
    let exports = tempfile::tempdir().unwrap();
    let app = App::start_with_env(
        |db| {
            let mut desk = cdesk_usecases::Desk::open(db, "setup").unwrap();
            desk.set_credit_program(cdesk_usecases::SetCreditProgramInput {
                creditor_name: "Harbor Bank N.A.".into(),
                creditor_address: "1 Bank Plaza\nSalt Lake City, UT 84101".into(),
                creditor_phone: "+1 800 555 0100".into(),
                creditor_email: None,
                agency_name: "Federal Deposit Insurance Corporation".into(),
                agency_address: "Consumer Response Center, 1100 Walnut Street, Box #11, Kansas City, MO 64106".into(),
                approved_reasons: vec!["delinquent_credit_obligations".into(), "insufficient_cash_flow".into(), "other".into()],
                wording: Default::default(),
                notice_days: 30,
                notice_language: "en".into(),
                approved_periods: vec![],
            })
            .unwrap();
            desk.add_account(cdesk_usecases::AddAccountInput {
                id: "acct_1Kite".into(),
                name: "Kite Logistics LLC".into(),
                email: "ap@kite.example".into(),
                address: Some("12 Harbor Rd\nPortland, OR 97201".into()),
                limit: 200_000,
                currency: "USD".into(),
                period: "month".into(),
                period_count: 1,
                days_until_due: 10,
                balance: -12_550,
                business_type: None,
                losses: None,
                country: None,
                debit_negative_balances: None,
            })
            .unwrap();
            // A closure decided 40 days ago whose notice was never sent: overdue in the header.
            desk.add_account(cdesk_usecases::AddAccountInput {
                id: "acct_2Gull".into(),
                name: "Gull Freight Inc.".into(),
                email: "ops@gull.example".into(),
                address: None,
                limit: 50_000,
                currency: "USD".into(),
                period: "day".into(),
                period_count: 30,
                days_until_due: 5,
                balance: 0,
                business_type: None,
                losses: None,
                country: None,
                debit_negative_balances: None,
            })
            .unwrap();
            let decided = (chrono::Utc::now() - chrono::Duration::days(40)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            desk.close_credit_line(cdesk_usecases::CloseCreditLineInput {
                account: "acct_2Gull".into(),
                decided_at: decided,
                reasons: vec!["insufficient_cash_flow".into()],
                ..Default::default()
            })
            .unwrap();
        },
        &[("CDESK_EXPORT_DIR", exports.path())],
    )
    .await;
    // Case numbers run per year of the decision.
    let (this_year, old_year) = (chrono::Utc::now().year(), (chrono::Utc::now() - chrono::Duration::days(40)).year());
    let overdue_case = format!("CRD-{old_year}-00001");
    let case = format!("CRD-{this_year}-0000{}", if old_year == this_year { 2 } else { 1 });

    // The late notice shows in the header; clicking it lists the cases with notices due.
    wait_attr(&app, "count-notices-overdue", "data-count", "1").await;
    app.click("count-notices-overdue").await;
    wait_attr(&app, &format!("case-row-{overdue_case}"), "data-notice", "overdue").await;

    app.click("nav-accounts").await;
    app.el("accounts-table").await;
    wait_attr(&app, "account-row-acct_1Kite", "data-owes", "true").await;
    app.client
        .find(fantoccini::Locator::Css("[data-testid=\"account-row-acct_1Kite\"] a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.el("account-view").await;

    // 1. The decision: two approved reasons, in order of importance.
    app.click("close-credit-line").await;
    app.el("decision-form").await;
    app.select("reason-add", "delinquent_credit_obligations").await;
    app.select("reason-add", "insufficient_cash_flow").await;
    wait_attr(&app, "reason-list", "data-count", "2").await;
    app.click("decision-save").await;
    app.el("credit-case-view").await;
    app.wait_text("case-id", &case).await;
    wait_attr(&app, "case-step-decision", "data-state", "done").await;
    wait_attr(&app, "case-step-deactivated", "data-state", "blocked").await;
    // Deactivation does not wait for the notice, only for the account to stop owing Stripe.
    app.wait_text("case-step-deactivated-blocked", "top it up by 125.50 USD").await;

    // 2. The notice, saved as text, then recorded as sent.
    app.click("notice-save-text").await;
    let txt = exports.path().join(format!("adverse-action-notice-{case}-en.txt"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !txt.exists() {
        assert!(std::time::Instant::now() < deadline, "the notice was not saved to {}", txt.display());
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let text = std::fs::read_to_string(&txt).unwrap();
    assert!(text.contains("Harbor Bank N.A.") && text.contains("Federal Deposit Insurance Corporation"));
    let (first, second) = (text.find("  1. ").expect("reason 1"), text.find("  2. ").expect("reason 2"));
    assert!(first < second);
    // The officer previews the Japanese notice and sends that one: the record dialog offers its
    // language, and the case keeps the notice in it.
    app.select("notice-language", "ja").await;
    app.click("case-step-notice_sent-action").await;
    app.el("dialog-step-notice_sent").await;
    let offered = app.client.execute("return document.querySelector('[data-testid=\"step-language\"]').value", vec![]).await.unwrap();
    assert_eq!(offered.as_str(), Some("ja"), "the dialog offers the language being previewed");
    app.select("step-channel", "email").await;
    app.click("step-submit").await;
    wait_attr(&app, "case-step-notice_sent", "data-state", "done").await;
    wait_attr(&app, "notice-kept", "data-language", "ja").await;

    // 3. Deactivation is blocked while the account owes Stripe, and says how much to top up.
    wait_attr(&app, "case-step-deactivated", "data-state", "blocked").await;
    app.wait_text("case-step-deactivated-blocked", "top it up by 125.50 USD").await;
    app.client.execute("window.scrollTo(0, 0); document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; });", vec![]).await.unwrap();
    app.screenshot("credit-case-blocked").await;
    app.click("case-record-balance").await;
    app.el("dialog-record-balance").await;
    app.fill("field-amount", "0").await;
    app.click("dialog-submit").await;
    wait_attr(&app, "case-step-deactivated", "data-state", "ready").await;
    app.click("case-step-deactivated-action").await;
    app.el("dialog-step-deactivate").await;
    app.click("step-submit").await;
    wait_attr(&app, "case-step-deactivated", "data-state", "done").await;

    // 4. The wind-down runs for 31 days; the case says until when.
    wait_attr(&app, "case-status", "data-status", "winding_down").await;
    wait_attr(&app, "case-step-wind_down_complete", "data-state", "waiting").await;
    app.wait_text("case-wind-down", "until").await;
    app.el("stripe-request-deactivated-object-missing").await;
    app.click("stripe-request-deactivated-toggle").await;
    app.wait_text("stripe-request-deactivated-idempotency-key", &format!("cdesk-{case}-deactivated")).await;
    app.screenshot("credit-case-winding-down").await;

    // 5. A closed line is never set active again by hand.
    app.click("case-account").await;
    app.el("account-view").await;
    wait_attr(&app, "account-status", "data-status", "inactive").await;
    app.click("reactivate").await;
    app.wait_text("reactivate-refusal", "closed_line_reopens_by_application").await;
    wait_attr(&app, "count-notices-overdue", "data-count", "1").await;
    app.client.execute("window.scrollTo(0, 0); document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; });", vec![]).await.unwrap();
    app.screenshot("account-closed").await;
    app.stop().await;
}
