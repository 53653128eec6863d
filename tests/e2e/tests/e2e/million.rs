//! A bench, not a CI test: how soon the real app shows the register of a million complaints,
//! beside how soon it shows an empty one in the same run. Build the register with
//! `CDESK_BENCH_DIR=DIR cargo bench -p cdesk --bench million`, then run
//! `CDESK_BENCH_DB=DIR/lived-in-1000000.db xvfb-run -a cargo test -p cdesk-e2e first_page_at_a_million -- --ignored --nocapture`.
//! The app opens a copy (it may write its daily backup and its checks).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cdesk_e2e::App;

/// From launching the app to its register's first row (or its empty state) on screen.
async fn time_to_first_page(prepare: impl FnOnce(&Path)) -> (Duration, Duration) {
    let started = Instant::now();
    let app = App::start_with(prepare).await;
    let launched = started.elapsed();
    app.client
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(fantoccini::Locator::Css("[data-testid^=\"register-row-\"], [data-testid=\"register-empty\"]"))
        .await
        .expect("the register shows");
    let shown = started.elapsed();
    app.stop().await;
    (launched, shown)
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a bench: needs CDESK_BENCH_DB, see the module's comment"]
async fn first_page_at_a_million_beside_an_empty_register() {
    let Some(big) = std::env::var_os("CDESK_BENCH_DB").map(PathBuf::from) else {
        panic!("set CDESK_BENCH_DB to a register built by the million bench");
    };
    let (_, empty) = time_to_first_page(|_| {}).await;
    // The copy is made before the clock starts; the app's own file is a hard link to it.
    let staged = tempfile::tempdir_in(big.parent().unwrap_or(Path::new("."))).unwrap();
    let copy = staged.path().join("million.db");
    std::fs::copy(&big, &copy).expect("copy the register");
    let anchors = big.with_extension("db.anchors");
    let link = |db: &Path| {
        std::fs::hard_link(&copy, db).or_else(|_| std::fs::copy(&copy, db).map(drop)).expect("the register in place");
        if anchors.exists() {
            std::fs::copy(&anchors, db.with_extension("db.anchors")).expect("its anchor journal");
        }
    };
    let (launched, million) = time_to_first_page(link).await;
    println!(
        "first page: empty register {:.2} s; a million complaints {:.2} s (session up after {:.2} s); ratio {:.2}",
        empty.as_secs_f64(),
        million.as_secs_f64(),
        launched.as_secs_f64(),
        million.as_secs_f64() / empty.as_secs_f64()
    );
}
