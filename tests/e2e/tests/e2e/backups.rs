//! Backups in the app: the daily one made at start, Back up now, and a restore from Settings.

use cdesk_e2e::App;

use crate::log_complaint;

#[tokio::test(flavor = "multi_thread")]
async fn settings_backs_up_now_and_restores_a_backup_in_place_of_the_database() {
    let app = App::start().await;
    app.el("register-view").await;
    log_complaint(&app, "operational", "Logged before the backup", &[]).await;
    let kept = app.text("complaint-id").await;

    app.click("nav-settings").await;
    app.el("backups-section").await;
    // The policy line shows once the backups are read: the button below it has its place.
    app.el("backup-policy").await;
    app.click("backup-now").await;
    app.wait_text("backup-status", "Backup written").await;
    let list = app.wait_text("backup-list", "Manual").await;
    assert!(list.to_lowercase().contains("daily"), "the daily backup made at start is listed too: {list}");
    let db_dir = app.db.parent().unwrap().join("backups");
    let files: Vec<String> = std::fs::read_dir(&db_dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(files.iter().any(|f| f.contains("-manual-") && f.ends_with(".db")), "Back up now wrote into the backups folder: {files:?}");
    assert!(files.iter().any(|f| f.contains("-daily-") && f.ends_with(".db")), "the daily backup is in the backups folder: {files:?}");
    app.screenshot("backups-listed").await;

    // Recorded after the backup: gone once the backup is restored.
    app.click("nav-register").await;
    log_complaint(&app, "operational", "Logged after the backup", &[]).await;
    let gone = app.text("complaint-id").await;

    app.click("nav-settings").await;
    app.wait_text("backup-list", "Manual").await;
    // Newest first: the manual backup is the first row.
    app.click("backup-restore").await;
    app.click("backup-restore-confirm").await;
    // The app reloads from the restored file and says what it restored.
    app.wait_text("backup-status", "Restored").await;
    app.screenshot("backup-restored").await;
    app.click("nav-register").await;
    // The app reloads what it shows from the restored file.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let register = app.wait_text("register-view", &kept).await;
        if !register.contains(&gone) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{gone}, recorded after the backup, stays in the register: {register}");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }

    app.click("nav-settings").await;
    app.click("verify-audit").await;
    assert_eq!(app.attr("audit-result", "data-ok").await.as_deref(), Some("true"), "the restored file verifies against its journal");
    let kept_aside: Vec<String> = std::fs::read_dir(app.db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".replaced-"))
        .collect();
    assert!(!kept_aside.is_empty(), "the database it replaced is kept aside");
    app.stop().await;
}
