//! Harness for end-to-end tests: starts `tauri-driver` on free loopback ports, opens a
//! WebDriver session that launches the real app binary on a scratch database, and stops
//! everything (SIGTERM, so tauri-driver also stops WebKitWebDriver) when dropped.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};

/// The app binary under test: `CDESK_APP_BIN`, else the workspace's debug build.
pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("CDESK_APP_BIN") {
        return PathBuf::from(p);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
    target.join("debug").join("compliance-desk")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free loopback port")
}

/// The `cdesk` CLI of the same build: `CDESK_CLI_BIN`, else the workspace's debug build.
pub fn cli_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("CDESK_CLI_BIN") {
        return PathBuf::from(p);
    }
    app_binary().with_file_name("cdesk")
}

/// A running app driven through WebDriver.
pub struct App {
    pub client: Client,
    driver: Child,
    pub db: PathBuf,
    _dir: tempfile::TempDir,
}

impl App {
    /// Starts tauri-driver and the app on a new database.
    pub async fn start() -> App {
        Self::start_with(|_| {}).await
    }

    /// Starts the app on a database file that `prepare` may create first.
    pub async fn start_with(prepare: impl FnOnce(&std::path::Path)) -> App {
        Self::start_with_env(prepare, &[]).await
    }

    /// Like [`App::start_with`], with extra environment variables for the app.
    pub async fn start_with_env(prepare: impl FnOnce(&std::path::Path), env: &[(&str, &std::path::Path)]) -> App {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("e2e.db");
        // The setup and the app (which inherits this environment through tauri-driver) sign the
        // history with one key of the test's own, never one of the keychain or config folder.
        std::env::set_var("CDESK_KEY_FILE", dir.path().join("history.key"));
        prepare(&db);
        let arg = db.display().to_string();
        Self::launch(dir, db, &arg, env).await
    }

    /// Starts the app on the database `--db` names: a team database's URL (signed in as the
    /// officer it names), or a file.
    pub async fn start_on(database: &str, env: &[(&str, &std::path::Path)]) -> App {
        let dir = tempfile::tempdir().unwrap();
        std::env::set_var("CDESK_KEY_FILE", dir.path().join("history.key"));
        let db = dir.path().join("unused.db");
        Self::launch(dir, db, database, env).await
    }

    /// Starts the app as an officer starts it, on no database named: the one its Settings
    /// choose, with its data and configuration folders (`XDG_DATA_HOME`, `XDG_CONFIG_HOME`) in
    /// `home`, which a later start may use again.
    pub async fn start_as_installed(home: &std::path::Path) -> App {
        let dir = tempfile::tempdir().unwrap();
        std::env::set_var("CDESK_KEY_FILE", home.join("history.key"));
        let (data, config) = (home.join("data"), home.join("config"));
        std::fs::create_dir_all(&data).unwrap();
        std::fs::create_dir_all(&config).unwrap();
        let db = data.join("compliance-desk").join("compliance-desk.db");
        Self::launch_with(dir, db, None, &[("XDG_DATA_HOME", &data), ("XDG_CONFIG_HOME", &config)]).await
    }

    async fn launch(dir: tempfile::TempDir, db: PathBuf, database: &str, env: &[(&str, &std::path::Path)]) -> App {
        Self::launch_with(dir, db, Some(database), env).await
    }

    async fn launch_with(dir: tempfile::TempDir, db: PathBuf, database: Option<&str>, env: &[(&str, &std::path::Path)]) -> App {
        let bin = app_binary();
        assert!(bin.exists(), "build the app first: {} is missing", bin.display());
        let (port, native) = (free_port(), free_port());
        let driver = Command::new(std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into()))
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .env("CDESK_ACTOR", "e2e officer")
            .env_remove("CDESK_DB")
            .envs(env.iter().map(|(k, v)| (k.to_string(), v.as_os_str().to_owned())))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver runs (cargo install tauri-driver)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not listen on {port}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            match database {
                Some(database) => serde_json::json!({ "application": bin, "args": ["--db", database] }),
                None => serde_json::json!({ "application": bin, "args": [] }),
            },
        );
        // tauri-driver accepts connections a moment before WebKitWebDriver answers them: a
        // session request may be cut off then, so try a few times before giving up.
        let mut attempt = 0;
        let client = loop {
            attempt += 1;
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => break c,
                Err(e) if attempt < 5 => {
                    eprintln!("WebDriver session attempt {attempt} failed: {e}; retrying");
                    tokio::time::sleep(Duration::from_millis(500 * attempt)).await;
                }
                Err(e) => panic!("a WebDriver session with the app: {e}"),
            }
        };
        App { client, driver, db, _dir: dir }
    }

    /// Waits for an element by `data-testid`.
    pub async fn el(&self, testid: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(&format!("[data-testid=\"{testid}\"]")))
            .await
            .unwrap_or_else(|e| panic!("element {testid} did not appear: {e}"))
    }

    /// Waits for an element by CSS selector (a test id with other attributes, e.g.
    /// `[data-testid="reserve-action"][data-action="reject_for_fraud"]`).
    pub async fn el_css(&self, selector: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("element {selector} did not appear: {e}"))
    }

    /// Whether an element matching the CSS selector is present now.
    pub async fn has_css(&self, selector: &str) -> bool {
        self.client.find(Locator::Css(selector)).await.is_ok()
    }

    pub async fn click_css(&self, selector: &str) {
        let e = self.el_css(selector).await;
        self.hold_still(&e).await;
        e.click().await.unwrap_or_else(|err| panic!("click {selector}: {err}"));
    }

    /// Whether an element with `data-testid` is present now.
    pub async fn has(&self, testid: &str) -> bool {
        self.client.find(Locator::Css(&format!("[data-testid=\"{testid}\"]"))).await.is_ok()
    }

    pub async fn click(&self, testid: &str) {
        let e = self.el(testid).await;
        self.hold_still(&e).await;
        e.click().await.unwrap_or_else(|err| panic!("click {testid}: {err}"));
    }

    /// Waits (up to 3 s) until the element has kept its place on the page for a few frames: a
    /// panel that finishes loading above it moves it, and a click aimed before the move lands
    /// on whatever took its place, as it would for a person.
    async fn hold_still(&self, e: &Element) {
        let el = serde_json::to_value(e).expect("element reference");
        let _ = self
            .client
            .execute_async(
                "const [el, done] = arguments; const t0 = performance.now(); let last = ''; let same = 0; \
                 const step = () => { const r = el.getBoundingClientRect(); \
                   const k = [r.x, r.y, r.width, r.height, window.scrollY].join(','); \
                   same = k === last ? same + 1 : 0; last = k; \
                   if (same >= 4 || performance.now() - t0 > 3000) { done(same >= 4); return; } \
                   setTimeout(step, 25); }; step();",
                vec![el],
            )
            .await;
    }

    /// Replaces the value of an input or textarea.
    pub async fn fill(&self, testid: &str, text: &str) {
        let e = self.el(testid).await;
        e.clear().await.unwrap_or_else(|err| panic!("clear {testid}: {err}"));
        e.send_keys(text).await.unwrap_or_else(|err| panic!("type into {testid}: {err}"));
    }

    /// Picks an option of a `<select>` by its value, as a user's choice would (change event).
    pub async fn select(&self, testid: &str, value: &str) {
        let e = self.el(testid).await;
        e.click().await.unwrap_or_else(|err| panic!("open {testid}: {err}"));
        let el = serde_json::to_value(&e).expect("element reference");
        self.client
            .execute(
                "const [el, v] = arguments; el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); \
                 el.dispatchEvent(new Event('change', {bubbles: true})); return el.value;",
                vec![el, serde_json::json!(value)],
            )
            .await
            .unwrap_or_else(|err| panic!("select {value} in {testid}: {err}"));
    }

    /// The value of an attribute of an element found by `data-testid`.
    pub async fn attr(&self, testid: &str, name: &str) -> Option<String> {
        self.el(testid).await.attr(name).await.ok().flatten()
    }

    pub async fn text(&self, testid: &str) -> String {
        self.el(testid).await.text().await.unwrap_or_default()
    }

    /// Waits until the element's text contains `needle`, returning the text.
    pub async fn wait_text(&self, testid: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let t = match self.client.find(Locator::Css(&format!("[data-testid=\"{testid}\"]"))).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if t.contains(needle) {
                return t;
            }
            if Instant::now() >= deadline {
                self.screenshot(&format!("failed-{testid}")).await;
                let alerts = self.alerts().await;
                panic!("{testid} never showed {needle:?}; it shows {t:?}; the window's alerts: {alerts:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The texts of the error banners and status lines the window shows now (for a failure's
    /// message: what the officer would have read).
    pub async fn alerts(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Ok(found) = self.client.find_all(Locator::Css("[role=\"alert\"], [role=\"status\"]")).await {
            for e in found {
                if let Ok(t) = e.text().await {
                    if !t.trim().is_empty() {
                        out.push(t);
                    }
                }
            }
        }
        out
    }

    /// Saves a screenshot into `tests/e2e/artifacts/` for people to look at.
    pub async fn screenshot(&self, name: &str) {
        if let Ok(png) = self.client.screenshot().await {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts");
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }

    /// Ends the session (which closes the app) and stops tauri-driver.
    pub async fn stop(mut self) {
        let _ = self.client.clone().close().await;
        terminate(&mut self.driver);
    }
}

fn terminate(child: &mut Child) {
    // SIGTERM lets tauri-driver stop its WebKitWebDriver child; SIGKILL would orphan it.
    let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
}

impl Drop for App {
    fn drop(&mut self) {
        if let Ok(None) = self.driver.try_wait() {
            terminate(&mut self.driver);
        }
    }
}

/// Today's date in the program's default zone, and `n` business days after it, as the app
/// should compute them for a complaint received now.
pub fn expected_due(n: u32) -> String {
    let today = chrono::Utc::now().with_timezone(&chrono_tz::America::New_York).date_naive();
    cdesk_domain::BusinessCalendar::default().add_business_days(today, n).to_string()
}
