//! Time as a rule in the app: a contact backdated before Stripe's review is refused, and an
//! entry voided by the officer stays in the timeline, struck through with its reason.

use cdesk_e2e::App;
use cdesk_usecases::{ComplaintStep, Desk, LogComplaintInput, RecordStepInput};
use chrono::{Duration, Utc};

/// An executive complaint received three days ago, sent to Stripe two days ago and reviewed by
/// Stripe yesterday, recorded before the app starts.
fn reviewed_executive(db: &std::path::Path) -> String {
    let mut desk = Desk::open(db, "setup").unwrap();
    let day = |n: i64| (Utc::now() - Duration::days(n)).to_rfc3339();
    let id = desk
        .log_complaint(LogComplaintInput {
            received_at: day(3),
            kind: "executive".into(),
            grounds: vec!["litigation".into()],
            channel: "letter".into(),
            summary: "Lawyer's letter about a frozen card".into(),
            complainant_name: "Jürgen Müller".into(),
            ..Default::default()
        })
        .unwrap()
        .id;
    for (at, step) in [
        (day(2), ComplaintStep::NotifyStripe { how: None, reference: Some("SUP-4821".into()), note: None }),
        (day(1), ComplaintStep::StripeReviewCompleted { note: None, resolve_by: None }),
    ] {
        desk.record_step(RecordStepInput { seen: None, complaint_id: id.clone(), at, step }).unwrap();
    }
    id
}

async fn open(app: &App, id: &str) {
    app.el(&format!("register-row-{id}")).await;
    let link = format!("[data-testid=\"register-row-{id}\"] a");
    app.client.find(fantoccini::Locator::Css(&link)).await.unwrap().click().await.unwrap();
    app.el("complaint-view").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_contact_backdated_before_stripes_review_is_refused() {
    let mut id = String::new();
    let app = App::start_with(|db| id = reviewed_executive(db)).await;
    open(&app, &id).await;
    app.click("action-contact_customer").await;
    app.el("dialog-contact_customer").await;
    // Two days ago: after Stripe was notified, before its review.
    let two_days_ago = (Utc::now() - Duration::days(2)).with_timezone(&chrono::Local).date_naive();
    app.fill("field-at", &two_days_ago.to_string()).await;
    app.fill("field-at_time", "12:00").await;
    app.fill("field-note", "Called the customer back").await;
    app.click("dialog-submit").await;
    let banner = app.el("error-banner").await;
    assert_eq!(banner.attr("data-rule").await.unwrap().as_deref(), Some("executive_contact_hold"), "the hold is judged at the contact's own instant");
    app.wait_text("error-banner", "Stripe").await;
    app.screenshot("backdated-contact-refused").await;
    app.click("dialog-cancel").await;
    assert!(!app.text("timeline").await.contains("Customer contacted"), "nothing was recorded");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_voided_entry_stays_in_the_timeline_struck_through() {
    let mut id = String::new();
    let app = App::start_with(|db| {
        id = reviewed_executive(db);
        let mut desk = Desk::open(db, "setup").unwrap();
        desk.record_step(RecordStepInput { seen: None,
            complaint_id: id.clone(),
            at: Utc::now().to_rfc3339(),
            step: ComplaintStep::AddNote { note: "Note meant for another complaint".into() },
        })
        .unwrap();
    })
    .await;
    open(&app, &id).await;
    // The setup wrote entries 1 to 4: logged, notified, reviewed, the note.
    assert_eq!(app.attr("timeline-entry-4", "data-action").await.as_deref(), Some("note_added"));
    app.click("void-entry-4").await;
    app.el("dialog-void").await;
    app.fill("void-reason", "Recorded on the wrong complaint").await;
    app.click("void-submit").await;
    app.wait_text("timeline-void-reason", "Recorded on the wrong complaint").await;
    assert_eq!(app.attr("timeline-entry-4", "data-voided").await.as_deref(), Some("true"));
    let struck = app.el("timeline-voided").await;
    let style = struck.css_value("text-decoration-line").await.unwrap_or_default();
    let style = if style.is_empty() { struck.css_value("text-decoration").await.unwrap_or_default() } else { style };
    assert!(style.contains("line-through"), "a voided entry is struck through, got {style:?}");
    assert!(app.text("timeline").await.contains("Note meant for another complaint"), "the original stays in the history");
    app.screenshot("voided-entry").await;
    app.stop().await;
}
