//! Team mode in the real app: the window signed in to a team database on a PostgreSQL server as
//! one officer, the `cdesk` CLI acting as a second officer on the same register; the window
//! shows the other officer's changes as they are committed, without being told to reload.

use std::process::Command;

use cdesk_e2e::{cli_binary, App};

/// The test server's superuser URL (`scripts/test-all.sh` starts one), if there is one.
fn server() -> Option<String> {
    std::env::var("CDESK_TEST_PG").ok().filter(|s| !s.trim().is_empty())
}

/// Drops the test's team database when the test ends, passed or not.
struct TeamDatabase {
    server: String,
    admin: String,
}

impl Drop for TeamDatabase {
    fn drop(&mut self) {
        let (server, admin) = (self.server.clone(), self.admin.clone());
        off_the_runtime(move || cdesk_store::pg::schema::drop_scratch_database(&server, &admin));
    }
}

/// Runs the synchronous PostgreSQL client on a thread of its own (it starts a runtime of its
/// own, which the test's would refuse).
fn off_the_runtime<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::spawn(f).join().expect("the server set-up ran")
}

/// `cdesk` as the officer `url` signs in as; its standard output.
fn cdesk(url: &str, args: &[&str]) -> String {
    let out = Command::new(cli_binary()).arg("--db").arg(url).args(args).env_remove("CDESK_DB").output().expect("cdesk runs");
    assert!(out.status.success(), "cdesk {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn id_of(json: &str) -> String {
    serde_json::from_str::<serde_json::Value>(json).unwrap()["id"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_app_signed_in_to_the_team_database_shows_another_officers_change_and_assignment() {
    let Some(server) = server() else {
        eprintln!("skipped: CDESK_TEST_PG names no PostgreSQL server (scripts/test-all.sh starts one)");
        return;
    };
    let (admin, ana, ben) = off_the_runtime({
        let server = server.clone();
        move || {
            let admin = cdesk_store::pg::schema::scratch_database(&server).unwrap();
            let ana = cdesk_store::pg::schema::scratch_officer(&admin, "ana", "ana-long-password-1", "officer").unwrap();
            let ben = cdesk_store::pg::schema::scratch_officer(&admin, "ben", "ben-long-password-1", "approver").unwrap();
            (admin, ana, ben)
        }
    });
    let _db = TeamDatabase { server, admin };
    let received = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let before = id_of(&cdesk(
        &ben,
        &["complaint", "add", "--json", "--received", &received, "--kind", "operational", "--channel", "email", "--complainant-name", "Jürgen Müller", "--product", "issuing", "--summary", "Card declined at the bakery"],
    ));

    let app = App::start_on(&ana, &[]).await;
    app.wait_text("team-badge", "ana").await;
    app.wait_text(&format!("register-row-{before}"), "Operational").await;
    assert_eq!(app.attr(&format!("register-assignee-{before}"), "data-assignee").await.as_deref(), Some(""), "nobody has it yet");

    // The second officer works the register from the CLI; the window follows on its own.
    cdesk(&ben, &["complaint", "assign", &before, "--to", "ana"]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while app.attr(&format!("register-assignee-{before}"), "data-assignee").await.as_deref() != Some("ana") {
        assert!(std::time::Instant::now() < deadline, "the register shows the assignment made by the other officer");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let logged = id_of(&cdesk(
        &ben,
        &["complaint", "add", "--json", "--received", &received, "--kind", "operational", "--channel", "phone", "--complainant-name", "Ada Lovelace", "--product", "issuing", "--summary", "Refund missing after a return"],
    ));
    app.wait_text(&format!("register-row-{logged}"), &logged).await;
    app.screenshot("team-register").await;

    // Opened in the window, then changed by the other officer: the detail shows it, and who did it.
    app.click_css(&format!("[data-testid=\"register-row-{before}\"] a.id")).await;
    app.wait_text("complaint-assignee", "ana").await;
    let noted = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    cdesk(&ben, &["complaint", "note", &before, "--at", &noted, "--note", "Called the cardholder back about the bakery"]);
    let timeline = app.wait_text("timeline", "Called the cardholder back").await;
    assert!(timeline.contains("ben"), "the timeline names the officer the server signed in: {timeline}");
    app.screenshot("team-detail-changed-elsewhere").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_officer_signs_in_to_the_team_database_in_settings_and_the_next_start_opens_it() {
    let Some(server) = server() else {
        eprintln!("skipped: CDESK_TEST_PG names no PostgreSQL server (scripts/test-all.sh starts one)");
        return;
    };
    let (admin, ben) = off_the_runtime({
        let server = server.clone();
        move || {
            let admin = cdesk_store::pg::schema::scratch_database(&server).unwrap();
            cdesk_store::pg::schema::scratch_officer(&admin, "cleo", "cleo-long-password-1", "approver").unwrap();
            let ben = cdesk_store::pg::schema::scratch_officer(&admin, "ben", "ben-long-password-1", "approver").unwrap();
            (admin, ben)
        }
    });
    let _db = TeamDatabase { server, admin: admin.clone() };
    let (host_port, database) = {
        let rest = admin.rsplit_once('@').unwrap().1;
        let (hp, db) = rest.split_once('/').unwrap();
        (hp.to_owned(), db.split('?').next().unwrap().to_owned())
    };
    let (host, port) = host_port.split_once(':').unwrap();
    let received = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let on_team = id_of(&cdesk(
        &ben,
        &["complaint", "add", "--json", "--received", &received, "--kind", "operational", "--channel", "email", "--complainant-name", "Zoë Straße", "--product", "issuing", "--summary", "Logged on the team"],
    ));

    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let app = App::start_as_installed(home).await;
    app.click("nav-settings").await;
    app.el("team-section").await;
    let _ = app.client.execute("document.querySelector('[data-testid=\"team-section\"]').scrollIntoView()", vec![]).await;
    app.screenshot("team-settings-start").await;
    app.wait_text("team-status", "local file").await;
    app.fill("team-host", host).await;
    app.fill("team-port", port).await;
    app.fill("team-database", &database).await;
    app.fill("team-user", "cleo").await;
    app.fill("team-password", "cleo-long-password-1").await;
    app.screenshot("team-settings-form").await;
    app.click("team-connect").await;
    app.wait_text("team-badge", "cleo").await;
    app.click("nav-register").await;
    app.wait_text(&format!("register-row-{on_team}"), &on_team).await;
    let saved = std::fs::read_to_string(home.join("config").join("compliance-desk").join("team-database.json")).unwrap();
    assert!(saved.contains("\"user\": \"cleo\"") && !saved.contains("cleo-long-password"), "the address is kept, never the password: {saved}");
    app.click("nav-settings").await;
    app.wait_text("team-status", "cleo").await;
    app.screenshot("team-settings-signed-in").await;
    app.stop().await;

    // The next start opens the team database again; with no keychain here the password was kept
    // for that session only, so the window asks for it, then works on the team's register.
    let app = App::start_as_installed(home).await;
    app.wait_text("team-open-problem-text", "cleo").await;
    tokio::time::sleep(std::time::Duration::from_millis(700)).await; // painted, for the screenshot
    app.screenshot("team-next-start-asks-the-password").await;
    app.fill("team-password", "cleo-long-password-1").await;
    app.click("team-connect").await;
    app.wait_text("team-badge", "cleo").await;
    app.wait_text(&format!("register-row-{on_team}"), &on_team).await;
    app.stop().await;
}
