//! The Connect reserve monitor, the playbook and a complaint's support timers in the app.

use cdesk_e2e::App;
use cdesk_usecases::{AddAccountInput, BankDebitInput, PlatformBalanceInput, ReserveBalanceInput};

fn instant(days_ago: i64, hours_ago: i64) -> String {
    (chrono::Utc::now() - chrono::Duration::days(days_ago) - chrono::Duration::hours(hours_ago)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn account(id: &str, name: &str, losses: &str, country: &str) -> AddAccountInput {
    AddAccountInput {
        id: id.into(),
        name: name.into(),
        email: "finance@example.com".into(),
        address: None,
        limit: 100_000,
        currency: "usd".into(),
        period: "month".into(),
        period_count: 1,
        days_until_due: 10,
        balance: 0,
        business_type: None,
        losses: Some(losses.into()),
        country: Some(country.into()),
        debit_negative_balances: None,
    }
}

/// Three platform-liable accounts (one 170 days negative, one in a country without bank debits,
/// one just debited), one whose losses Stripe carries, and a platform balance below the reserve.
fn prepare(db: &std::path::Path) {
    let mut desk = cdesk_usecases::Desk::open(db, "setup").unwrap();
    desk.add_account(account("acct_1Sweep", "Sweep Soon LLC", "platform", "US")).unwrap();
    desk.add_account(account("acct_1Fraud", "Dubious Ltda", "platform", "BR")).unwrap();
    desk.add_account(account("acct_1Debit", "Debited Inc", "platform", "US")).unwrap();
    desk.add_account(account("acct_1Strp", "Stripe Carries Co", "stripe", "US")).unwrap();
    let reading = |id: &str, available: i64, at: String| ReserveBalanceInput { account: id.into(), currency: "usd".into(), available, at };
    desk.record_reserve_balance(reading("acct_1Sweep", -12_500, instant(170, 0))).unwrap();
    desk.record_reserve_balance(reading("acct_1Fraud", -4_000, instant(20, 0))).unwrap();
    desk.record_reserve_balance(reading("acct_1Strp", -99_000, instant(30, 0))).unwrap();
    desk.record_reserve_balance(reading("acct_1Debit", -2_000, instant(5, 0))).unwrap();
    desk.record_reserve_balance(reading("acct_1Debit", 0, instant(0, 2))).unwrap();
    desk.record_bank_debit(BankDebitInput { account: "acct_1Debit".into(), currency: "usd".into(), amount: 2_000, completed_at: instant(0, 2) }).unwrap();
    desk.record_platform_balance(PlatformBalanceInput { currency: "usd".into(), available: 5_000, at: instant(0, 1) }).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_reserve_view_shows_the_reserve_the_accounts_to_act_on_and_records_a_fraud_rejection() {
    let app = App::start_with(prepare).await;
    app.el("register-view").await;
    // 170 days negative: the sweep is 10 days away, inside the 14-day warning.
    app.el("reserve-alert").await;
    app.click("nav-reserve").await;
    // 125.00 + 40.00 + the 20.00 debit still held; Stripe's account is not the platform's reserve.
    app.wait_text("reserve-total", "185.00").await;
    app.wait_text("reserve-shortfall", "135.00").await;
    let first = app.el_css("[data-testid=\"reserve-account-row\"]").await;
    assert_eq!(first.attr("data-account").await.unwrap().as_deref(), Some("acct_1Sweep"), "the soonest sweep first");
    let rows = app.text("reserve-accounts").await;
    assert!(!rows.contains("acct_1Strp"), "an account whose losses Stripe carries is not listed: {rows}");
    let fraud_row = app.el_css("[data-testid=\"reserve-account-row\"][data-account=\"acct_1Fraud\"]").await;
    let fraud_text = fraud_row.text().await.unwrap();
    assert!(fraud_text.contains("BR"), "the blocked bank debit says why: {fraud_text}");
    assert!(
        !app.has_css("[data-testid=\"reserve-action\"][data-account=\"acct_1Fraud\"][data-action=\"enable_debit_negative_balances\"]").await,
        "no bank debit is offered where the country has none"
    );
    app.wait_text("reserve-holds", "acct_1Debit").await;
    app.el("reserve-chart").await;
    app.screenshot("reserve").await;

    app.click_css("[data-testid=\"reserve-action\"][data-account=\"acct_1Fraud\"][data-action=\"reject_for_fraud\"]").await;
    app.wait_text("reject-dialog", "/v1/accounts/acct_1Fraud/reject").await;
    app.screenshot("reserve-reject").await;
    app.click("reject-confirm").await;
    app.el_css("[data-testid=\"reserve-rejected-row\"][data-account=\"acct_1Fraud\"]").await;
    assert!(!app.has_css("[data-testid=\"reserve-account-row\"][data-account=\"acct_1Fraud\"]").await, "off the list to act on");
    app.wait_text("reserve-total", "185.00").await;

    app.click("nav-settings").await;
    app.click("verify-audit").await;
    assert_eq!(app.attr("audit-result", "data-ok").await.as_deref(), Some("true"), "the rejection is in the verified history");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_playbook_is_searched_in_three_languages_and_a_tracked_shipment_starts_its_timer() {
    let app = App::start().await;
    app.el("register-view").await;
    app.click("nav-playbook").await;
    app.fill("playbook-search", "PIN").await;
    let pin = app.el_css("[data-testid=\"playbook-guide\"][data-issue-type=\"pin_blocked\"]").await;
    assert!(pin.text().await.unwrap().contains('3'), "three wrong tries block the PIN");
    app.select("playbook-lang", "ja").await;
    app.wait_text("playbook-view", "カード").await;
    app.screenshot("playbook-ja").await;
    app.select("playbook-lang", "en").await;

    app.click("new-complaint").await;
    app.el("new-complaint-form").await;
    app.select("field-channel", "email").await;
    app.select("field-kind", "operational").await;
    app.select("field-product", "issuing").await;
    app.select("field-topic", "card_ordering").await;
    app.select("field-issue_type", "physical_card_delayed").await;
    app.wait_text("playbook-panel", "10 business days").await;
    app.fill("field-complainant_name", "Keiko Tanaka").await;
    app.fill("field-summary", "My new card never arrived").await;
    app.screenshot("new-complaint-playbook").await;
    app.click("submit-complaint").await;
    app.el("complaint-view").await;
    app.el("playbook-panel").await;

    app.click("track-button").await;
    app.el("track-dialog").await;
    app.select("track-event", "card_shipped").await;
    app.select("track-shipping", "standard").await;
    app.click("track-save").await;
    let timer = app.el_css("[data-testid=\"timer-card\"][data-kind=\"reorder_card\"]").await;
    let text = timer.text().await.unwrap();
    assert!(text.to_lowercase().contains("reorder") && text.contains("Stripe refunds"), "the timer explains itself: {text}");
    app.wait_text("timeline", "standard shipping").await;
    app.screenshot("complaint-timer").await;
    app.stop().await;
}
