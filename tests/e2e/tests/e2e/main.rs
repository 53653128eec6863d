//! What a compliance officer does in the real app, start to finish.

mod backups;
mod credit;
mod languages;
mod million;
mod reserve;
mod soak;
mod team;
mod timeline;

use cdesk_e2e::{expected_due, App};

pub(crate) async fn log_complaint(app: &App, kind: &str, summary: &str, grounds: &[&str]) {
    app.click("new-complaint").await;
    app.el("new-complaint-form").await;
    app.select("field-channel", "email").await;
    app.select("field-kind", kind).await;
    for g in grounds {
        app.click(&format!("field-ground-{g}")).await;
    }
    app.select("field-product", "issuing").await;
    app.fill("field-complainant_name", "Jürgen Müller").await;
    app.fill("field-summary", summary).await;
    app.click("submit-complaint").await;
    app.el("complaint-view").await;
}

async fn take_step(app: &App, action: &str, fields: &[(&str, &str)]) {
    app.click(&format!("action-{action}")).await;
    app.el(&format!("dialog-{action}")).await;
    for (field, value) in fields {
        app.fill(&format!("field-{field}"), value).await;
    }
    app.click("dialog-submit").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn operational_complaint_shows_deadlines_then_is_acknowledged_and_resolved() {
    let app = App::start().await;
    app.el("register-view").await;
    log_complaint(&app, "operational", "Card declined at the pharmacy", &[]).await;

    let id = app.text("complaint-id").await;
    assert!(id.starts_with("CMP-"), "a readable id is shown, got {id:?}");
    assert_eq!(app.attr("deadline-acknowledge", "data-due").await.as_deref(), Some(expected_due(5).as_str()), "acknowledge by the 5th business day");
    assert_eq!(app.attr("deadline-resolve", "data-due").await.as_deref(), Some(expected_due(15).as_str()), "resolve by the 15th business day");
    assert!(!app.has("deadline-notify_stripe").await, "an operational complaint has no Stripe clock");
    app.wait_text("deadline-acknowledge-state", "Pending").await;
    app.screenshot("operational-logged").await;

    take_step(&app, "acknowledge", &[("how", "email")]).await;
    app.wait_text("deadline-acknowledge-state", "Met").await;
    app.wait_text("timeline", "Acknowledged").await;

    take_step(&app, "resolve", &[("summary", "Merchant reversed the charge; explained to the customer")]).await;
    app.wait_text("complaint-status", "Resolved").await;
    app.wait_text("deadline-resolve-state", "Met").await;
    app.screenshot("operational-resolved").await;

    app.click("back-to-register").await;
    app.click("filter-status-resolved").await;
    app.wait_text(&format!("register-row-{id}"), "Resolved").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn executive_complaint_holds_contact_until_stripe_review_is_recorded() {
    let app = App::start().await;
    log_complaint(&app, "executive", "State regulator forwarded a complaint about fees", &["regulator"]).await;

    assert_eq!(app.attr("deadline-notify_stripe", "data-due").await.as_deref(), Some(expected_due(1).as_str()), "notify Stripe by the next business day");
    app.wait_text("contact-hold-banner", "Stripe").await;
    let contact = app.el("action-contact_customer").await;
    assert!(!contact.is_enabled().await.unwrap(), "contact must be refused while Stripe has not reviewed the complaint");
    app.screenshot("executive-on-hold").await;

    take_step(&app, "notify_stripe", &[("reference", "SUP-4821")]).await;
    app.wait_text("deadline-notify_stripe-state", "Met").await;
    assert!(!app.el("action-contact_customer").await.is_enabled().await.unwrap(), "notifying Stripe alone does not lift the hold");

    take_step(&app, "stripe_review_completed", &[]).await;
    app.wait_text("timeline", "Stripe completed its review").await;
    assert!(!app.has("contact-hold-banner").await, "the hold banner goes once Stripe's review is recorded");
    take_step(&app, "contact_customer", &[("note", "Called the customer to explain the fee")]).await;
    app.wait_text("timeline", "Customer contacted").await;
    app.screenshot("executive-contacted").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn header_counts_and_register_show_what_is_due() {
    let app = App::start().await;
    log_complaint(&app, "executive", "Lawyer's letter about a declined payment", &["litigation"]).await;
    let id = app.text("complaint-id").await;
    app.click("back-to-register").await;
    app.wait_text("count-on_hold", "1").await;
    app.wait_text(&format!("register-row-{id}"), "Notify Stripe").await;
    app.fill("search", "lawyer").await;
    app.wait_text("register-table", &id).await;
    app.screenshot("register").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_database_is_explained_in_the_window() {
    let app = App::start_with(|db| std::fs::write(db, vec![b'#'; 8192]).unwrap()).await;
    app.wait_text("register-view", "damaged").await;
    app.screenshot("damaged-database").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn monthly_report_exports_submits_and_shows_a_later_change() {
    use chrono::Datelike;
    let today = chrono::Utc::now().with_timezone(&chrono_tz::America::New_York).date_naive();
    let first_of_this = today.with_day(1).unwrap();
    let prev = first_of_this.pred_opt().unwrap().with_day(1).unwrap();
    let month = prev.format("%Y-%m").to_string();
    let received = format!("{}T10:00:00-05:00", prev.with_day(5).unwrap());
    let exports = tempfile::tempdir().unwrap();
    let app = App::start_with_env(
        |db| {
            let mut desk = cdesk_usecases::Desk::open(db, "setup").unwrap();
            desk.log_complaint(cdesk_usecases::LogComplaintInput {
                received_at: received.clone(),
                kind: "operational".into(),
                channel: "letter".into(),
                summary: "Überweisung nicht angekommen".into(),
                complainant_name: "山田 花子".into(),
                ..Default::default()
            })
            .unwrap();
        },
        &[("CDESK_EXPORT_DIR", exports.path())],
    )
    .await;
    app.click("nav-reports").await;
    app.el("reports-view").await;
    app.wait_text("report-table", "CMP-").await;

    app.click("export-csv").await;
    let csv = exports.path().join(format!("complaints-{month}.csv"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !csv.exists() {
        assert!(std::time::Instant::now() < deadline, "the export did not produce {}", csv.display());
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(String::from_utf8(std::fs::read(&csv).unwrap()).unwrap().contains("山田 花子"));

    app.click("submit-report").await;
    app.el("dialog-submit-report").await;
    app.fill("field-note", "Sent to Stripe by secure email").await;
    app.click("dialog-submit").await;
    app.wait_text("submissions", "e2e officer").await;
    assert!(!app.has("report-due").await || app.attr("report-due", "data-month").await.as_deref() != Some(month.as_str()));

    // An acknowledgement dated in the submitted month changes what was sent.
    let id = format!("CMP-{}-00001", prev.year());
    app.client.find(fantoccini::Locator::Css(&format!("[data-testid=\"report-row-{id}\"] a"))).await.unwrap().click().await.unwrap();
    app.el("complaint-view").await;
    app.click("action-acknowledge").await;
    app.el("dialog-acknowledge").await;
    app.fill("field-at", &prev.with_day(6).unwrap().to_string()).await;
    app.click("dialog-submit").await;
    app.wait_text("timeline", "Acknowledged").await;

    app.click("nav-reports").await;
    app.wait_text("report-changed", "").await;
    app.wait_text("report-diff", &id).await;
    app.screenshot("report-changed").await;
    app.stop().await;
}
