//! The desktop shell: opens the database, registers one-line commands that delegate to the use
//! cases, and nothing else. No business rules here.

use std::path::PathBuf;
use std::sync::Mutex;

use cdesk_domain::Taxonomy;
use cdesk_usecases::{
    default_actor, default_database_path, AddClosureInput, AppInfo, AuditReport, ComplaintDetail, ComplaintPage, Desk,
    ErrorBody, ListComplaintsInput, LogComplaintInput, RecomputeOutput, RecordStepInput, RegisterCounts,
    RemoveClosureInput, SetTimezoneInput, SettingsView,
};
use tauri::State;

/// The open desk, or why the database could not be opened: the window still opens and every
/// command answers with that reason, so the officer sees it instead of a silent exit.
type Shared<'a> = State<'a, Mutex<Result<Desk, ErrorBody>>>;

/// Runs `f` on the desk; a poisoned lock (a panic in an earlier call) becomes an internal error.
fn with<T>(desk: &Shared<'_>, f: impl FnOnce(&mut Desk) -> Result<T, ErrorBody>) -> Result<T, ErrorBody> {
    let mut guard = desk.lock().map_err(|_| ErrorBody::internal("an earlier request failed; restart the app"))?;
    match guard.as_mut() {
        Ok(desk) => f(desk),
        Err(e) => Err(e.clone()),
    }
}

#[tauri::command]
fn app_info(desk: Shared<'_>) -> Result<AppInfo, ErrorBody> {
    with(&desk, |d| Ok(d.app_info()))
}

#[tauri::command]
fn log_complaint(desk: Shared<'_>, input: LogComplaintInput) -> Result<ComplaintDetail, ErrorBody> {
    with(&desk, |d| d.log_complaint(input))
}

#[tauri::command]
fn get_complaint(desk: Shared<'_>, id: String) -> Result<ComplaintDetail, ErrorBody> {
    with(&desk, |d| d.complaint(&id))
}

#[tauri::command]
fn list_complaints(desk: Shared<'_>, input: ListComplaintsInput) -> Result<ComplaintPage, ErrorBody> {
    with(&desk, |d| d.list_complaints(input))
}

#[tauri::command]
fn register_counts(desk: Shared<'_>) -> Result<RegisterCounts, ErrorBody> {
    with(&desk, |d| d.register_counts())
}

#[tauri::command]
fn record_step(desk: Shared<'_>, input: RecordStepInput) -> Result<ComplaintDetail, ErrorBody> {
    with(&desk, |d| d.record_step(input))
}

#[tauri::command]
fn get_settings(desk: Shared<'_>) -> Result<SettingsView, ErrorBody> {
    with(&desk, |d| d.settings())
}

#[tauri::command]
fn set_timezone(desk: Shared<'_>, input: SetTimezoneInput) -> Result<RecomputeOutput, ErrorBody> {
    with(&desk, |d| d.set_timezone(input))
}

#[tauri::command]
fn add_closure(desk: Shared<'_>, input: AddClosureInput) -> Result<RecomputeOutput, ErrorBody> {
    with(&desk, |d| d.add_closure(input))
}

#[tauri::command]
fn remove_closure(desk: Shared<'_>, input: RemoveClosureInput) -> Result<RecomputeOutput, ErrorBody> {
    with(&desk, |d| d.remove_closure(input))
}

#[tauri::command]
fn taxonomy(desk: Shared<'_>) -> Result<Taxonomy, ErrorBody> {
    with(&desk, |d| Ok(d.taxonomy()))
}

#[tauri::command]
fn verify_audit(desk: Shared<'_>) -> Result<AuditReport, ErrorBody> {
    with(&desk, |d| d.verify_audit())
}

/// The database the app opens: `--db PATH` (or `--db=PATH`), else `CDESK_DB`, else the default.
fn database_path(args: impl Iterator<Item = String>) -> PathBuf {
    let mut args = args.skip(1);
    while let Some(a) = args.next() {
        if a == "--db" {
            if let Some(p) = args.next() {
                return PathBuf::from(p);
            }
        } else if let Some(p) = a.strip_prefix("--db=") {
            return PathBuf::from(p);
        }
    }
    std::env::var_os("CDESK_DB").map(PathBuf::from).unwrap_or_else(default_database_path)
}

/// Starts the app. A database that cannot be opened is reported on stderr and in the window.
pub fn run() {
    let path = database_path(std::env::args());
    let desk = Desk::open(&path, default_actor()).and_then(Desk::with_now_from_env);
    if let Err(e) = &desk {
        eprintln!("Compliance Desk cannot open its database: {e}");
    }
    let result = tauri::Builder::default()
        .manage(Mutex::new(desk))
        .invoke_handler(tauri::generate_handler![
            app_info,
            log_complaint,
            get_complaint,
            list_complaints,
            register_counts,
            record_step,
            get_settings,
            set_timezone,
            add_closure,
            remove_closure,
            taxonomy,
            verify_audit,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Compliance Desk stopped: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::database_path;
    use std::path::PathBuf;

    #[test]
    fn the_db_flag_picks_the_database_file() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>().into_iter();
        assert_eq!(database_path(args(&["app", "--db", "/x/a.db"])), PathBuf::from("/x/a.db"));
        assert_eq!(database_path(args(&["app", "--db=/x/b.db"])), PathBuf::from("/x/b.db"));
    }
}
