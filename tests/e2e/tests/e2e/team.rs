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
        cdesk_store::pg::schema::drop_scratch_database(&self.server, &self.admin);
    }
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
    let admin = cdesk_store::pg::schema::scratch_database(&server).unwrap();
    let _db = TeamDatabase { server, admin: admin.clone() };
    let ana = cdesk_store::pg::schema::scratch_officer(&admin, "ana", "ana-long-password-1", "officer").unwrap();
    let ben = cdesk_store::pg::schema::scratch_officer(&admin, "ben", "ben-long-password-1", "approver").unwrap();
    let before = id_of(&cdesk(
        &ben,
        &["complaint", "add", "--json", "--kind", "operational", "--channel", "email", "--complainant-name", "Jürgen Müller", "--product", "issuing", "--summary", "Card declined at the bakery"],
    ));

    let app = App::start_on(&ana, &[]).await;
    app.wait_text("team-badge", "ana").await;
    app.wait_text(&format!("register-row-{before}"), "Card declined at the bakery").await;
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
        &["complaint", "add", "--json", "--kind", "operational", "--channel", "phone", "--complainant-name", "Ada Lovelace", "--product", "issuing", "--summary", "Refund missing after a return"],
    ));
    app.wait_text(&format!("register-row-{logged}"), "Refund missing after a return").await;
    app.screenshot("team-register").await;

    // Opened in the window, then changed by the other officer: the detail shows it, and who did it.
    app.click(&format!("register-row-{before}")).await;
    app.wait_text("complaint-assignee", "ana").await;
    cdesk(&ben, &["complaint", "note", &before, "--note", "Called the cardholder back about the bakery"]);
    let timeline = app.wait_text("timeline", "Called the cardholder back").await;
    assert!(timeline.contains("ben"), "the timeline names the officer the server signed in: {timeline}");
    app.screenshot("team-detail-changed-elsewhere").await;
    app.stop().await;
}
