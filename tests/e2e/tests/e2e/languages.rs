//! The app switched to German and to Japanese: a complaint logged, a deadline explained, a
//! report exported, and the choice remembered across a restart. The words expected are read from
//! the app's own catalogues, so the test follows their wording.

use std::path::{Path, PathBuf};

use cdesk_e2e::App;

/// The catalogue text of `key` (`area.path.to.text`) in `lang`.
fn msg(lang: &str, key: &str) -> String {
    let (area, rest) = key.split_once('.').expect("an area and a key");
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/i18n/messages").join(lang).join(format!("{area}.json"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    for part in rest.split('.') {
        v = v.get(part).unwrap_or_else(|| panic!("{lang}: no key {key}")).clone();
    }
    v.as_str().unwrap_or_else(|| panic!("{lang}: {key} is not a plain text")).to_owned()
}

async fn choose_language(app: &App, lang: &str) {
    app.click("nav-settings").await;
    app.el("settings-view").await;
    app.select("settings-language", lang).await;
    app.wait_text("nav-settings", &msg(lang, "shell.views.settings")).await;
}

/// The first CSV that appears in `dir`.
async fn wait_for_csv(dir: &Path) -> PathBuf {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let found = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).find(|p| p.extension().is_some_and(|x| x == "csv"));
        if let Some(p) = found {
            return p;
        }
        assert!(std::time::Instant::now() < deadline, "the export did not produce a CSV in {}", dir.display());
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn a_day_in(lang: &str) {
    let exports = tempfile::tempdir().unwrap();
    let app = App::start_with_env(|_| {}, &[("CDESK_EXPORT_DIR", exports.path())]).await;
    app.el("register-view").await;
    choose_language(&app, lang).await;
    app.wait_text("nav-register", &msg(lang, "shell.views.register")).await;

    crate::log_complaint(&app, "operational", "Karte im Ausland abgelehnt / 海外でカードが拒否された", &[]).await;
    app.wait_text("deadline-acknowledge-state", &msg(lang, "complaints.clockState.pending")).await;
    // The deadline explains itself in the officer's language.
    app.click("deadline-acknowledge-why-toggle").await;
    app.wait_text("deadline-acknowledge-why-toggle", &msg(lang, "complaints.deadline.why")).await;
    let why = app.text("deadline-acknowledge-explanation").await;
    assert!(!why.trim().is_empty(), "the deadline is explained");
    app.screenshot(&format!("complaint-{lang}")).await;

    app.click("nav-reports").await;
    app.wait_text("reports-view", &msg(lang, "reports.title")).await;
    app.click("export-csv").await;
    let csv = wait_for_csv(exports.path()).await;
    // The report for Stripe stays in English whatever the officer reads.
    assert!(std::fs::read_to_string(&csv).unwrap().contains("Complaint ID"), "{}", csv.display());
    app.screenshot(&format!("reports-{lang}")).await;
    app.stop().await;

    // Remembered: the next start is in the same language; then back to English for the others.
    let app = App::start().await;
    app.wait_text("nav-settings", &msg(lang, "shell.views.settings")).await;
    choose_language(&app, "en").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_app_in_german_logs_explains_and_exports() {
    a_day_in("de").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_app_in_japanese_logs_explains_and_exports() {
    a_day_in("ja").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_regulator_channel_pre_ticks_its_ground_and_makes_the_complaint_executive() {
    let app = App::start().await;
    app.click("new-complaint").await;
    app.el("new-complaint-form").await;
    app.select("field-channel", "regulator").await;
    assert_eq!(app.el("field-kind").await.prop("value").await.unwrap().as_deref(), Some("executive"));
    let ground = app.el("field-ground-regulator").await;
    assert_eq!(ground.prop("checked").await.unwrap().as_deref(), Some("true"), "the regulator ground is ticked");
    app.el("field-regulator_name").await;
    app.fill("field-regulator_name", "Consumer Financial Protection Bureau").await;
    app.fill("field-regulator_reference", "261201-0001").await;
    app.select("field-product", "issuing").await;
    app.fill("field-complainant_name", "Ada Example").await;
    app.fill("field-summary", "Forwarded by the CFPB").await;
    app.click("submit-complaint").await;
    app.el("complaint-view").await;
    app.wait_text("complaint-view", "261201-0001").await;
    app.stop().await;
}
