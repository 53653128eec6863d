//! The desktop shell: opens the database, registers one-line commands that delegate to the use
//! cases, and nothing else. No business rules here.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use cdesk_domain::Taxonomy;
use cdesk_usecases::{
    default_actor, default_database_path, AddClosureInput, ApproveCaseInput, ApproveReclassificationInput, AssignCaseInput,
    AssignComplaintInput, SetFourEyesInput, AnchorOptions, BackupList, BackupOutput, AppInfo, AuditReport, ComplaintDetail,
    ComplaintPage, Desk, ErrorBody, ExportReportInput, ImportOutput, ListComplaintsInput, LogComplaintInput, RecomputeOutput,
    RecordStepInput, RegisterCounts, RemoveClosureInput, ReportFormat, ReportInput, ReportPreview, ReportStatus,
    SetTimezoneInput, SettingsView, SubmissionView, SubmitReportInput, AccountRow, AccountView, AddAccountInput, SetBalanceInput,
    AccountImportOutput, CreditProgramView, SetCreditProgramInput, CloseCreditLineInput, CreditCaseView, DecreaseLimitInput,
    CreditStepInput, CreditCaseRow, NoticeCounts, ApplicationInput, SetLimitInput, PeriodApprovalInput, SchedulePeriodInput,
    ReactivateInput, CreditNoticeInput, AccountObjectInput, SetProgramNameInput, VoidEntryInput, NotAComplaintInput, VoidCaseEntryInput, SetBusinessTypeInput,
    TrackInput, ReserveView, ReserveBalanceInput, ReserveRecorded, BankDebitInput, PlatformBalanceInput, RejectForFraudInput, RejectedForFraud,
    DebitNegativeBalancesInput, TransactionsImported, PlaybookInput, PlaybookSearchInput, Operation, OperationView, Progress, SetDeadlinePolicyInput,
    ConnectTeamInput, PasswordKept, TeamAddress, TeamConnectionView, TeamLink,
};
use cdesk_domain::playbook::Guide;
use cdesk_domain::reserve::ReserveStatus;
use tauri::{Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_notification::NotificationExt;

/// The open desk, or why the database could not be opened: the window still opens and every
/// command answers with that reason, so the officer sees it instead of a silent exit. Every
/// command runs off the main thread (`async`), so a long one (verifying a large file, a report)
/// never freezes the window; calls wait for each other at this one desk.
type Shared<'a> = State<'a, Mutex<Result<Desk, ErrorBody>>>;

/// Runs `f` on the desk; a poisoned lock (a panic in an earlier call) becomes an internal error.
fn with<T: Send>(desk: &Shared<'_>, f: impl FnOnce(&mut Desk) -> Result<T, ErrorBody> + Send) -> Result<T, ErrorBody> {
    off_runtime(|| {
        let mut guard = desk.lock().map_err(|_| ErrorBody::internal("an earlier request failed; restart the app"))?;
        match guard.as_mut() {
            Ok(desk) => f(desk),
            Err(e) => Err(e.clone()),
        }
    })
}

/// Runs `f` on a thread of its own, off the async runtime the commands are called on: the team
/// database's client blocks on a runtime of its own, which may not be started inside another.
fn off_runtime<T: Send>(f: impl FnOnce() -> Result<T, ErrorBody> + Send) -> Result<T, ErrorBody> {
    std::thread::scope(|s| s.spawn(f).join().unwrap_or_else(|_| Err(ErrorBody::internal("the request failed; try again, and restart the app if it fails again"))))
}

#[tauri::command(async)]
fn app_info(desk: Shared<'_>) -> Result<AppInfo, ErrorBody> {
    with(&desk, |d| Ok(d.app_info()))
}

#[tauri::command(async)]
fn log_complaint(desk: Shared<'_>, input: LogComplaintInput) -> Result<ComplaintDetail, ErrorBody> {
    with(&desk, |d| d.log_complaint(input))
}

#[tauri::command(async)]
fn get_complaint(desk: Shared<'_>, id: String) -> Result<ComplaintDetail, ErrorBody> {
    with(&desk, |d| d.complaint(&id))
}

#[tauri::command(async)]
fn list_complaints(desk: Shared<'_>, input: ListComplaintsInput) -> Result<ComplaintPage, ErrorBody> {
    with(&desk, |d| d.list_complaints(input))
}

#[tauri::command(async)]
fn register_counts(desk: Shared<'_>, mine: Option<bool>) -> Result<RegisterCounts, ErrorBody> {
    with(&desk, |d| d.register_counts_scoped(mine.unwrap_or(false)))
}

#[tauri::command(async)]
fn assign_complaint(desk: Shared<'_>, input: AssignComplaintInput) -> Result<ComplaintDetail, ErrorBody> {
    with(&desk, |d| d.assign_complaint(input))
}

/// Four eyes: a second officer approves a pending reclassification.
#[tauri::command(async)]
fn approve_reclassification(desk: Shared<'_>, input: ApproveReclassificationInput) -> Result<ComplaintDetail, ErrorBody> {
    with(&desk, |d| d.approve_reclassification(input))
}

/// Four eyes: a second officer approves a case's decision.
#[tauri::command(async)]
fn approve_credit_case(desk: Shared<'_>, input: ApproveCaseInput) -> Result<CreditCaseView, ErrorBody> {
    with(&desk, |d| d.approve_credit_case(input))
}

#[tauri::command(async)]
fn assign_credit_case(desk: Shared<'_>, input: AssignCaseInput) -> Result<CreditCaseView, ErrorBody> {
    with(&desk, |d| d.assign_credit_case(input))
}

/// Turns four eyes on or off (audited).
#[tauri::command(async)]
fn set_four_eyes(desk: Shared<'_>, input: SetFourEyesInput) -> Result<SettingsView, ErrorBody> {
    with(&desk, |d| d.set_four_eyes(input))
}

#[tauri::command(async)]
fn record_step(desk: Shared<'_>, input: RecordStepInput) -> Result<ComplaintDetail, ErrorBody> {
    with(&desk, |d| d.record_step(input))
}

#[tauri::command(async)]
fn void_complaint_entry(desk: Shared<'_>, input: VoidEntryInput) -> Result<ComplaintDetail, ErrorBody> {
    with(&desk, |d| d.void_complaint_entry(input))
}

#[tauri::command(async)]
fn mark_not_a_complaint(desk: Shared<'_>, input: NotAComplaintInput) -> Result<ComplaintDetail, ErrorBody> {
    with(&desk, |d| d.mark_not_a_complaint(input))
}

#[tauri::command(async)]
fn void_credit_entry(desk: Shared<'_>, input: VoidCaseEntryInput) -> Result<CreditCaseView, ErrorBody> {
    with(&desk, |d| d.void_credit_entry(input))
}

#[tauri::command(async)]
fn set_business_type(desk: Shared<'_>, input: SetBusinessTypeInput) -> Result<AccountView, ErrorBody> {
    with(&desk, |d| d.set_business_type(input))
}

#[tauri::command(async)]
fn get_settings(desk: Shared<'_>) -> Result<SettingsView, ErrorBody> {
    with(&desk, |d| d.settings())
}

#[tauri::command(async)]
fn set_timezone(desk: Shared<'_>, input: SetTimezoneInput) -> Result<RecomputeOutput, ErrorBody> {
    with(&desk, |d| d.set_timezone(input))
}

#[tauri::command(async)]
fn set_program_name(desk: Shared<'_>, input: SetProgramNameInput) -> Result<SettingsView, ErrorBody> {
    with(&desk, |d| d.set_program_name(input))
}

/// Sets one clock of the deadline policy (audited; open complaints recomputed).
#[tauri::command(async)]
fn set_deadline_policy(desk: Shared<'_>, input: SetDeadlinePolicyInput) -> Result<RecomputeOutput, ErrorBody> {
    with(&desk, |d| d.set_deadline_policy(input))
}

#[tauri::command(async)]
fn add_closure(desk: Shared<'_>, input: AddClosureInput) -> Result<RecomputeOutput, ErrorBody> {
    with(&desk, |d| d.add_closure(input))
}

#[tauri::command(async)]
fn remove_closure(desk: Shared<'_>, input: RemoveClosureInput) -> Result<RecomputeOutput, ErrorBody> {
    with(&desk, |d| d.remove_closure(input))
}

#[tauri::command(async)]
fn taxonomy(desk: Shared<'_>) -> Result<Taxonomy, ErrorBody> {
    with(&desk, |d| Ok(d.taxonomy()))
}

/// Verifies the file on a connection of its own, so the register stays usable meanwhile; the
/// window follows it with `operation_progress` and may stop it with `cancel_operation`.
#[tauri::command(async)]
fn verify_audit(running: State<'_, Running>, open: State<'_, Opened>) -> Result<AuditReport, ErrorBody> {
    let progress = running.start(Operation::Verify)?;
    off_runtime(|| second_desk(&open)?.verify_audit_with(&progress))
}

/// The long operation running now (import, export, verification, backup) and how far it got.
#[tauri::command(async)]
fn operation_progress(running: State<'_, Running>) -> Option<OperationView> {
    running.view()
}

/// Asks the running long operation to stop; whether it still could (nothing written yet).
#[tauri::command(async)]
fn cancel_operation(running: State<'_, Running>) -> bool {
    running.cancel()
}

/// Imports complaints from a CSV file the officer chose: every row or none.
/// Imports complaints from a CSV file the officer picks in the open dialog; None when cancelled.
/// Runs on a connection of its own (the register stays usable), followed by `operation_progress`.
#[tauri::command]
async fn import_complaints(app: tauri::AppHandle, running: State<'_, Running>, open: State<'_, Opened>) -> Result<Option<ImportOutput>, ErrorBody> {
    let Some(path) = pick_csv(&app, "Import complaints")? else { return Ok(None) };
    let progress = running.start(Operation::Import)?;
    off_runtime(|| second_desk(&open)?.import_csv_file_with(&path, &progress).map(Some))
}

#[tauri::command(async)]
fn report_preview(desk: Shared<'_>, input: ReportInput) -> Result<ReportPreview, ErrorBody> {
    with(&desk, |d| d.report_preview(input))
}

#[tauri::command(async)]
fn report_status(desk: Shared<'_>, input: ReportInput) -> Result<ReportStatus, ErrorBody> {
    with(&desk, |d| d.report_status(input))
}

/// Saves the month's report where the officer picks in the save dialog (or in the export
/// folder); the path written, or None when the dialog was cancelled.
/// The report is made on a connection of its own, followed by `operation_progress`.
#[tauri::command]
async fn export_report(
    app: tauri::AppHandle,
    desk: Shared<'_>,
    running: State<'_, Running>,
    open: State<'_, Opened>,
    input: ExportReportInput,
) -> Result<Option<String>, ErrorBody> {
    let file = {
        let progress = running.start(Operation::Export)?;
        off_runtime(|| second_desk(&open)?.export_report_with(input, &progress))?
    };
    save_file(&app, &desk, &file.file_name, &file.bytes)
}

#[tauri::command(async)]
fn submit_report(desk: Shared<'_>, input: SubmitReportInput) -> Result<SubmissionView, ErrorBody> {
    with(&desk, |d| d.submit_report(input))
}

/// Saves a file exactly as it was submitted, as [`export_report`] does.
#[tauri::command]
async fn save_submitted_file(app: tauri::AppHandle, desk: Shared<'_>, seq: i64, format: ReportFormat) -> Result<Option<String>, ErrorBody> {
    let file = with(&desk, |d| d.submitted_file(seq, format))?;
    save_file(&app, &desk, &file.file_name, &file.bytes)
}

#[tauri::command(async)]
fn list_accounts(desk: Shared<'_>) -> Result<Vec<AccountRow>, ErrorBody> {
    with(&desk, |d| d.list_accounts())
}

#[tauri::command(async)]
fn get_account(desk: Shared<'_>, id: String) -> Result<AccountView, ErrorBody> {
    with(&desk, |d| d.account(&id))
}

#[tauri::command(async)]
fn add_account(desk: Shared<'_>, input: AddAccountInput) -> Result<AccountView, ErrorBody> {
    with(&desk, |d| d.add_account(input))
}

#[tauri::command(async)]
fn set_balance(desk: Shared<'_>, input: SetBalanceInput) -> Result<AccountView, ErrorBody> {
    with(&desk, |d| d.set_balance(input))
}

/// Imports connected accounts from a CSV file the officer picks in the open dialog; None when cancelled.
#[tauri::command]
async fn import_accounts(app: tauri::AppHandle, desk: Shared<'_>) -> Result<Option<AccountImportOutput>, ErrorBody> {
    let Some(path) = pick_csv(&app, "Import connected accounts")? else { return Ok(None) };
    with(&desk, |d| d.import_accounts_file(&path)).map(Some)
}

#[tauri::command(async)]
fn track_complaint(desk: Shared<'_>, input: TrackInput) -> Result<ComplaintDetail, ErrorBody> {
    with(&desk, |d| d.track(input))
}

#[tauri::command(async)]
fn reserve_view(desk: Shared<'_>) -> Result<ReserveView, ErrorBody> {
    with(&desk, |d| d.reserve_view())
}

#[tauri::command(async)]
fn reserve_status(desk: Shared<'_>, at: Option<String>) -> Result<ReserveStatus, ErrorBody> {
    with(&desk, |d| d.reserve_status(at.as_deref()))
}

#[tauri::command(async)]
fn record_reserve_balance(desk: Shared<'_>, input: ReserveBalanceInput) -> Result<ReserveRecorded, ErrorBody> {
    with(&desk, |d| d.record_reserve_balance(input))
}

#[tauri::command(async)]
fn record_bank_debit(desk: Shared<'_>, input: BankDebitInput) -> Result<ReserveRecorded, ErrorBody> {
    with(&desk, |d| d.record_bank_debit(input))
}

#[tauri::command(async)]
fn record_platform_balance(desk: Shared<'_>, input: PlatformBalanceInput) -> Result<ReserveRecorded, ErrorBody> {
    with(&desk, |d| d.record_platform_balance(input))
}

#[tauri::command(async)]
fn reject_for_fraud(desk: Shared<'_>, input: RejectForFraudInput) -> Result<RejectedForFraud, ErrorBody> {
    with(&desk, |d| d.reject_for_fraud(input))
}

#[tauri::command(async)]
fn set_debit_negative_balances(desk: Shared<'_>, input: DebitNegativeBalancesInput) -> Result<AccountView, ErrorBody> {
    with(&desk, |d| d.set_debit_negative_balances(input))
}

/// Imports available-balance readings from a CSV file the officer picks; None when cancelled.
#[tauri::command]
async fn import_reserve_balances(app: tauri::AppHandle, desk: Shared<'_>) -> Result<Option<ReserveRecorded>, ErrorBody> {
    let Some(path) = pick_csv(&app, "Import available balances")? else { return Ok(None) };
    with(&desk, |d| d.import_reserve_file(&path)).map(Some)
}

/// Imports a Stripe balance-transactions export the officer picks; None when cancelled.
#[tauri::command]
async fn import_balance_transactions(app: tauri::AppHandle, desk: Shared<'_>) -> Result<Option<TransactionsImported>, ErrorBody> {
    let Some(path) = pick_csv(&app, "Import a balance-transactions export")? else { return Ok(None) };
    with(&desk, |d| d.import_balance_transactions_file(&path)).map(Some)
}

#[tauri::command(async)]
fn playbook_guide(desk: Shared<'_>, input: PlaybookInput) -> Result<Guide, ErrorBody> {
    with(&desk, |d| d.playbook_guide(input))
}

#[tauri::command(async)]
fn playbook_search(desk: Shared<'_>, input: PlaybookSearchInput) -> Result<Vec<Guide>, ErrorBody> {
    with(&desk, |d| d.playbook_search(input))
}

#[tauri::command(async)]
fn credit_program(desk: Shared<'_>) -> Result<CreditProgramView, ErrorBody> {
    with(&desk, |d| d.credit_program())
}

#[tauri::command(async)]
fn set_credit_program(desk: Shared<'_>, input: SetCreditProgramInput) -> Result<CreditProgramView, ErrorBody> {
    with(&desk, |d| d.set_credit_program(input))
}

#[tauri::command(async)]
fn close_credit_line(desk: Shared<'_>, input: CloseCreditLineInput) -> Result<CreditCaseView, ErrorBody> {
    with(&desk, |d| d.close_credit_line(input))
}

#[tauri::command(async)]
fn decrease_credit_limit(desk: Shared<'_>, input: DecreaseLimitInput) -> Result<CreditCaseView, ErrorBody> {
    with(&desk, |d| d.decrease_credit_limit(input))
}

#[tauri::command(async)]
fn credit_step(desk: Shared<'_>, input: CreditStepInput) -> Result<CreditCaseView, ErrorBody> {
    with(&desk, |d| d.credit_step(input))
}

#[tauri::command(async)]
fn get_credit_case(desk: Shared<'_>, id: String) -> Result<CreditCaseView, ErrorBody> {
    with(&desk, |d| d.credit_case(&id))
}

#[tauri::command(async)]
fn list_credit_cases(desk: Shared<'_>) -> Result<Vec<CreditCaseRow>, ErrorBody> {
    with(&desk, |d| d.credit_cases())
}

#[tauri::command(async)]
fn notice_counts(desk: Shared<'_>) -> Result<NoticeCounts, ErrorBody> {
    with(&desk, |d| d.notice_counts())
}

#[tauri::command(async)]
fn record_application(desk: Shared<'_>, input: ApplicationInput) -> Result<AccountView, ErrorBody> {
    with(&desk, |d| d.record_application(input))
}

#[tauri::command(async)]
fn set_credit_limit(desk: Shared<'_>, input: SetLimitInput) -> Result<AccountView, ErrorBody> {
    with(&desk, |d| d.set_credit_limit(input))
}

#[tauri::command(async)]
fn record_period_approval(desk: Shared<'_>, input: PeriodApprovalInput) -> Result<AccountView, ErrorBody> {
    with(&desk, |d| d.record_period_approval(input))
}

#[tauri::command(async)]
fn schedule_period_change(desk: Shared<'_>, input: SchedulePeriodInput) -> Result<AccountView, ErrorBody> {
    with(&desk, |d| d.schedule_period_change(input))
}

#[tauri::command(async)]
fn record_account_stripe_object(desk: Shared<'_>, input: AccountObjectInput) -> Result<AccountView, ErrorBody> {
    with(&desk, |d| d.record_account_stripe_object(input))
}

#[tauri::command(async)]
fn reactivate_credit_line(desk: Shared<'_>, input: ReactivateInput) -> Result<(), ErrorBody> {
    with(&desk, |d| d.reactivate_credit_line(input))
}

#[tauri::command(async)]
fn credit_notice_text(desk: Shared<'_>, input: CreditNoticeInput) -> Result<String, ErrorBody> {
    with(&desk, |d| d.credit_notice(CreditNoticeInput { format: "text".into(), ..input }).map(|f| String::from_utf8_lossy(&f.bytes).into_owned()))
}

/// Saves a case's notice (PDF or text), as [`export_report`] does.
#[tauri::command]
async fn save_credit_notice(app: tauri::AppHandle, desk: Shared<'_>, input: CreditNoticeInput) -> Result<Option<String>, ErrorBody> {
    let case = input.case_id.clone();
    let file = with(&desk, |d| d.credit_notice(input))?;
    let saved = save_file(&app, &desk, &file.file_name, &file.bytes)?;
    if saved.is_some() {
        with(&desk, |d| d.record_notice_written(&case, &file))?;
    }
    Ok(saved)
}

/// Where an exported file goes: straight into the export folder when one is set
/// (`CDESK_EXPORT_DIR`), else where the officer picks in the save dialog, which runs here, in
/// Rust: no command takes a path from the webview. The write itself is the use case's (atomic,
/// never over the database or a link). None when the dialog was cancelled.
fn save_file(app: &tauri::AppHandle, desk: &Shared<'_>, file_name: &str, bytes: &[u8]) -> Result<Option<String>, ErrorBody> {
    let export_dir = with(desk, |d| Ok(d.app_info().export_dir))?;
    let target = match export_dir {
        Some(dir) => Some(std::path::Path::new(&dir).join(file_name)),
        None => {
            let ext = std::path::Path::new(file_name).extension().and_then(|e| e.to_str()).unwrap_or("");
            let dialog = app.dialog().file().set_file_name(file_name).set_title("Save as").set_directory(dialog_folder(app));
            let dialog = match FILTERS.iter().find(|(e, _)| *e == ext) {
                Some((e, name)) => dialog.add_filter(*name, &[*e]),
                None => dialog,
            };
            match dialog.blocking_save_file() {
                Some(p) => Some(remember_folder(app, p.into_path().map_err(|e| ErrorBody::internal(format!("the chosen file cannot be used: {e}")))?)),
                None => None,
            }
        }
    };
    let Some(target) = target else { return Ok(None) };
    with(desk, |d| d.write_export(&target, bytes))?;
    Ok(Some(target.display().to_string()))
}

/// What the save and open dialogs offer, by extension.
const FILTERS: &[(&str, &str)] =
    &[("csv", "CSV (comma-separated values)"), ("xlsx", "Excel workbook"), ("pdf", "PDF document"), ("txt", "Plain text")];

/// Asks in the open dialog (here, in Rust) for a CSV file to import; None when cancelled.
fn pick_csv(app: &tauri::AppHandle, title: &str) -> Result<Option<PathBuf>, ErrorBody> {
    let dialog = app.dialog().file().set_title(title).set_directory(dialog_folder(app)).add_filter("CSV (comma-separated values)", &["csv"]);
    match dialog.blocking_pick_file() {
        Some(p) => Ok(Some(remember_folder(app, p.into_path().map_err(|e| ErrorBody::internal(format!("the chosen file cannot be used: {e}")))?))),
        None => Ok(None),
    }
}

/// The folder the open and save dialogs start in: the last one the officer used in this
/// session, else their documents folder (never the app's working directory).
#[derive(Default)]
struct DialogFolder(Mutex<Option<PathBuf>>);

fn dialog_folder(app: &tauri::AppHandle) -> PathBuf {
    let last = app.state::<DialogFolder>().0.lock().ok().and_then(|f| f.clone());
    last.or_else(dirs::document_dir).or_else(dirs::home_dir).unwrap_or_else(|| PathBuf::from("."))
}

fn remember_folder(app: &tauri::AppHandle, chosen: PathBuf) -> PathBuf {
    if let (Some(parent), Ok(mut last)) = (chosen.parent(), app.state::<DialogFolder>().0.lock()) {
        *last = Some(parent.to_owned());
    }
    chosen
}

/// The backups of the open database, newest first.
#[tauri::command(async)]
fn list_backups(desk: Shared<'_>) -> Result<BackupList, ErrorBody> {
    with(&desk, |d| d.list_backups())
}

/// A backup made now into the backups folder.
#[tauri::command]
async fn back_up_now(running: State<'_, Running>, open: State<'_, Opened>) -> Result<BackupOutput, ErrorBody> {
    let progress = running.start(Operation::Backup)?;
    off_runtime(|| second_desk(&open)?.back_up_now_with(&progress))
}

/// Puts backup `name` (from the list) in place of the database: the desk is closed and the
/// open lock released for the restore, then the database (restored, or as it was when the
/// restore was refused) is opened again.
#[tauri::command]
async fn restore_backup(desk: Shared<'_>, open: State<'_, Opened>, name: String) -> Result<BackupOutput, ErrorBody> {
    let mut guard = desk.lock().map_err(|_| ErrorBody::internal("an earlier request failed; restart the app"))?;
    let path = match guard.as_ref() {
        Err(e) => return Err(e.clone()),
        Ok(_) => open.file()?,
    };
    *guard = Err(ErrorBody::internal("a backup is being restored; try again in a moment"));
    let lock = open.lock.lock().map_err(|_| ErrorBody::internal("an earlier request failed; restart the app"))?;
    // The app keeps its open lock through the restore: no other window opens the file meanwhile.
    let restored = Desk::restore_named(&path, &name, chrono::Utc::now(), AnchorOptions::from_env(), lock.as_ref());
    *guard = Desk::open_existing(&path, default_actor()).and_then(Desk::with_now_from_env);
    restored
}

/// What the app works on: a database file, or a team database on a PostgreSQL server.
#[derive(Clone)]
enum Target {
    File(PathBuf),
    /// `url` holds the password for this session (in memory only); `address` is set when the
    /// sign-in came from Settings, with where its password is kept.
    Team { url: String, address: Option<TeamAddress>, kept: Option<PasswordKept> },
}

/// The database the app has open; for a file, the lock it holds on it while it runs (so that
/// `cdesk restore` cannot replace the file under it; released only to restore from the app).
struct Opened {
    target: Mutex<Target>,
    lock: Mutex<Option<cdesk_usecases::OpenLock>>,
    /// Named with `--db` or `CDESK_DB` at start: Settings do not change it.
    fixed_at_start: bool,
    /// Why the team database saved in Settings could not be opened at start.
    problem: Mutex<Option<String>>,
    /// Bumped whenever the target changes: a change watcher of an earlier target stops.
    watching: AtomicU64,
}

impl Opened {
    fn target(&self) -> Result<Target, ErrorBody> {
        self.target.lock().map(|t| t.clone()).map_err(|_| ErrorBody::internal("an earlier request failed; restart the app"))
    }

    /// The open database file (an error naming the rule on a team database).
    fn file(&self) -> Result<PathBuf, ErrorBody> {
        match self.target()? {
            Target::File(path) => Ok(path),
            Target::Team { .. } => Err(cdesk_domain::team::check_backup_of_a_file(true).unwrap_err().into()),
        }
    }
}

/// Opens `target` as a desk.
fn open_desk(target: &Target) -> Result<Desk, ErrorBody> {
    match target {
        Target::File(path) => Desk::open_existing(path, default_actor()),
        Target::Team { url, .. } => Desk::connect(url),
    }
    .and_then(Desk::with_now_from_env)
}

/// A connection of its own to the open database, for a long operation: the shared desk (and so
/// the register) stays free meanwhile.
fn second_desk(open: &Opened) -> Result<Desk, ErrorBody> {
    open_desk(&open.target()?)
}

/// Where the app works now and what Settings keep, for the Team database section.
#[tauri::command(async)]
fn team_connection(desk: Shared<'_>, open: State<'_, Opened>) -> Result<TeamConnectionView, ErrorBody> {
    connection_view(&desk, &open)
}

fn connection_view(desk: &Shared<'_>, open: &Opened) -> Result<TeamConnectionView, ErrorBody> {
    let signed_in = desk.lock().ok().and_then(|d| d.as_ref().ok().and_then(Desk::team_sign_in));
    let kept = match open.target()? {
        Target::Team { kept, .. } => kept,
        Target::File(_) => None,
    };
    Ok(TeamConnectionView {
        saved: cdesk_usecases::saved_team_address(&cdesk_usecases::config_folder())?,
        signed_in,
        password_kept: kept,
        fixed_at_start: open.fixed_at_start,
        keychain_available: cdesk_usecases::keychain_available(),
        problem: open.problem.lock().ok().and_then(|p| p.clone()),
    })
}

/// Signs in to a team database from Settings: the app then works on it (and opens it at the
/// next start); the password is kept in the OS keychain when asked and one is reachable.
#[tauri::command]
async fn connect_team(app: tauri::AppHandle, desk: Shared<'_>, open: State<'_, Opened>, input: ConnectTeamInput) -> Result<TeamConnectionView, ErrorBody> {
    if open.fixed_at_start {
        return Err(fixed_at_start());
    }
    let (address, url) = input.checked()?;
    let team = off_runtime(|| Desk::connect(&url).and_then(Desk::with_now_from_env))?;
    let kept = cdesk_usecases::save_team_address(&cdesk_usecases::config_folder(), &address, &input.password, input.remember)?;
    // The desk it replaces is closed off the runtime too (a team client's goodbye blocks).
    off_runtime(|| switch_to(&app, &desk, &open, Target::Team { url, address: Some(address), kept: Some(kept) }, Ok(team)))?;
    connection_view(&desk, &open)
}

/// Leaves the team database for this computer's own file (and forgets the saved sign-in).
#[tauri::command]
async fn disconnect_team(app: tauri::AppHandle, desk: Shared<'_>, open: State<'_, Opened>) -> Result<TeamConnectionView, ErrorBody> {
    if open.fixed_at_start {
        return Err(fixed_at_start());
    }
    cdesk_usecases::forget_team_address(&cdesk_usecases::config_folder())?;
    let path = default_database_path();
    let lock = cdesk_usecases::hold_open_lock(&path)?;
    let local = Desk::open(&path, default_actor()).and_then(Desk::with_now_from_env);
    if let Ok(mut held) = open.lock.lock() {
        *held = Some(lock);
    }
    off_runtime(|| switch_to(&app, &desk, &open, Target::File(path), local))?;
    connection_view(&desk, &open)
}

fn fixed_at_start() -> ErrorBody {
    ErrorBody::from(cdesk_domain::DomainError::rule(
        "database_fixed_at_start",
        "this window was started on a database named with --db or CDESK_DB; start the app without it to choose the database in Settings",
    ))
}

/// Puts `desk` in place of the open one and watches the new target for others' changes.
fn switch_to(app: &tauri::AppHandle, shared: &Shared<'_>, open: &Opened, target: Target, desk: Result<Desk, ErrorBody>) -> Result<(), ErrorBody> {
    let poisoned = || ErrorBody::internal("an earlier request failed; restart the app");
    *shared.lock().map_err(|_| poisoned())? = desk;
    if matches!(target, Target::Team { .. }) {
        // The local file's lock is let go: the file is not in use while the team database is.
        *open.lock.lock().map_err(|_| poisoned())? = None;
    }
    *open.target.lock().map_err(|_| poisoned())? = target.clone();
    *open.problem.lock().map_err(|_| poisoned())? = None;
    let generation = open.watching.fetch_add(1, Ordering::SeqCst) + 1;
    if let Target::Team { url, .. } = target {
        watch_team(app.clone(), url, generation);
    }
    Ok(())
}

/// Hears of every change committed on the team database and tells the window (`team-change`),
/// and whether the server is reachable (`team-connection`); stops when the app leaves it.
fn watch_team(app: tauri::AppHandle, url: String, generation: u64) {
    std::thread::spawn(move || {
        let mut watcher = cdesk_usecases::ChangeWatcher::new(&url);
        let mut connected = true;
        while app.state::<Opened>().watching.load(Ordering::SeqCst) == generation {
            match watcher.next(std::time::Duration::from_secs(2)) {
                Ok(changes) => {
                    if !connected {
                        connected = true;
                        let _ = app.emit("team-connection", TeamLink { connected, message: None });
                    }
                    for change in changes {
                        let _ = app.emit("team-change", change);
                    }
                }
                Err(e) => {
                    if connected {
                        log::warn!("the team database cannot be reached ({:?})", e.code);
                    }
                    connected = false;
                    let message = format!("{}; the desk tries again every few seconds, and nothing is written meanwhile", e.message);
                    let _ = app.emit("team-connection", TeamLink { connected, message: Some(message) });
                    std::thread::sleep(std::time::Duration::from_secs(5));
                }
            }
        }
    });
}

/// The long operation running now, if any: one at a time, so that the progress bar has one
/// thing to show and two imports never race.
#[derive(Default)]
struct Running(Mutex<Option<(Operation, Progress)>>);

/// Clears the running operation when the command that started it returns (or fails).
struct RunningGuard<'a> {
    running: &'a Running,
    progress: Progress,
}

impl std::ops::Deref for RunningGuard<'_> {
    type Target = Progress;
    fn deref(&self) -> &Progress {
        &self.progress
    }
}

impl Drop for RunningGuard<'_> {
    fn drop(&mut self) {
        if let Ok(mut current) = self.running.0.lock() {
            *current = None;
        }
    }
}

impl Running {
    fn start(&self, operation: Operation) -> Result<RunningGuard<'_>, ErrorBody> {
        let mut current = self.0.lock().map_err(|_| ErrorBody::internal("an earlier request failed; restart the app"))?;
        if let Some((other, _)) = current.as_ref() {
            return Err(ErrorBody::from(cdesk_domain::DomainError::rule(
                "operation_running",
                format!("{} is still running; wait for it to finish or stop it first", operation_name(*other)),
            )));
        }
        let progress = Progress::new();
        *current = Some((operation, progress.clone()));
        Ok(RunningGuard { running: self, progress })
    }

    fn view(&self) -> Option<OperationView> {
        let current = self.0.lock().ok()?;
        current.as_ref().map(|(operation, progress)| OperationView { operation: *operation, progress: progress.report() })
    }

    fn cancel(&self) -> bool {
        self.0.lock().ok().and_then(|c| c.as_ref().map(|(_, p)| p.cancel())).unwrap_or(false)
    }
}

fn operation_name(operation: Operation) -> &'static str {
    match operation {
        Operation::Import => "An import",
        Operation::Export => "A report export",
        Operation::Verify => "A verification",
        Operation::Backup => "A backup",
    }
}

/// Makes the daily backup at start and checks every hour after (a connection of its own, so
/// the window is never held up by a copy); failures go to stderr and are tried again.
fn automatic_backups(path: PathBuf) {
    std::thread::spawn(move || loop {
        let made = Desk::open_existing(&path, "automatic backup").and_then(Desk::with_now_from_env).and_then(|mut d| d.automatic_backup());
        if let Err(e) = made {
            // The message may name a folder (a person's name in it): the log keeps the code only.
            eprintln!("Compliance Desk could not make its daily backup: {e}");
            log::error!("daily backup failed ({:?})", e.code);
        }
        std::thread::sleep(std::time::Duration::from_secs(3600));
    });
}

/// Sends the monthly-report reminder as a desktop notification, once per month.
fn notify_report_due(app: &tauri::AppHandle) {
    let state = app.state::<Mutex<Result<Desk, ErrorBody>>>();
    let reminder = with(&state, |d| d.take_report_reminder());
    if let Ok(Some(r)) = reminder {
        if let Err(e) = app.notification().builder().title(&r.title).body(&r.body).show() {
            log::warn!("a notification could not be shown: {e}");
        }
    }
}

/// Shows the deadline notifications due now (a morning summary on business days, a warning
/// hours before an executive complaint's Stripe deadline); each is recorded once by the desk.
fn notify_deadlines(app: &tauri::AppHandle) {
    let state = app.state::<Mutex<Result<Desk, ErrorBody>>>();
    let reminders = with(&state, |d| d.take_deadline_reminders());
    if let Ok(reminders) = reminders {
        for r in reminders {
            if let Err(e) = app.notification().builder().title(&r.title).body(&r.body).show() {
                log::warn!("a notification could not be shown: {e}");
            }
        }
    }
}

/// Asks for deadline notifications at start and every five minutes after.
fn deadline_notifications(app: tauri::AppHandle) {
    std::thread::spawn(move || loop {
        notify_deadlines(&app);
        std::thread::sleep(std::time::Duration::from_secs(300));
    });
}

/// The database named at start: `--db PATH|URL` (or `--db=...`), else `CDESK_DB`.
fn named_database(args: impl Iterator<Item = String>) -> Option<String> {
    let mut args = args.skip(1);
    while let Some(a) = args.next() {
        if a == "--db" {
            if let Some(p) = args.next() {
                return Some(p);
            }
        } else if let Some(p) = a.strip_prefix("--db=") {
            return Some(p.to_owned());
        }
    }
    std::env::var("CDESK_DB").ok().filter(|s| !s.trim().is_empty())
}

/// What the app opens: the database named at start; else the team database saved in Settings
/// (signed in with the password the keychain keeps, else `PGPASSWORD`); else this computer's
/// file. With it, why a saved team database cannot be opened without the officer (no password).
fn start_target(named: Option<String>) -> (Target, Option<String>) {
    if let Some(db) = named {
        return match cdesk_usecases::is_team_url(&db) {
            true => (Target::Team { url: db, address: None, kept: None }, None),
            false => (Target::File(PathBuf::from(db)), None),
        };
    }
    match cdesk_usecases::saved_team_address(&cdesk_usecases::config_folder()) {
        Ok(Some(address)) => match cdesk_usecases::kept_team_password(&address) {
            Some(password) => {
                let url = address.url(Some(&password));
                (Target::Team { url, address: Some(address), kept: Some(PasswordKept::Keychain) }, None)
            }
            None if std::env::var_os("PGPASSWORD").is_some() => {
                (Target::Team { url: address.url(None), address: Some(address), kept: None }, None)
            }
            None => {
                let why = format!(
                    "sign in to the team database {} as {}: its password is not kept on this computer",
                    address.url(None),
                    address.user
                );
                (Target::Team { url: address.url(None), address: Some(address), kept: None }, Some(why))
            }
        },
        Ok(None) => (Target::File(default_database_path()), None),
        Err(e) => (Target::File(default_database_path()), Some(e.message)),
    }
}

/// The log an officer can send to support: a file in the app's log folder, rotated at 512 KiB
/// (four kept), and standard error; warnings and errors of the libraries, information of the app.
fn log_plugin<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    use tauri_plugin_log::{RotationStrategy, Target, TargetKind};
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .target(Target::new(TargetKind::LogDir { file_name: Some("compliance-desk".into()) }))
        .target(Target::new(TargetKind::Stderr))
        .max_file_size(512 * 1024)
        .rotation_strategy(RotationStrategy::KeepSome(4))
        .level(log::LevelFilter::Warn)
        .level_for("compliance_desk_lib", log::LevelFilter::Info)
        .build()
}

/// Starts the app. A database that cannot be opened is reported on stderr and in the window.
pub fn run() {
    let named = named_database(std::env::args());
    let fixed_at_start = named.is_some();
    let (target, problem) = start_target(named);
    let (open_lock, desk) = match (&target, &problem) {
        (_, Some(why)) => (None, Err(ErrorBody::storage(why.clone()))),
        // Held while the app runs, so that `cdesk restore` cannot replace the file under it.
        // A second window on the same file would have it replaced under it by a restore in the
        // first: it says so instead of opening the database (as it says why a lock cannot be made).
        (Target::File(path), None) => match cdesk_usecases::hold_open_lock(path) {
            Ok(lock) => (Some(lock), Desk::open(path, default_actor()).and_then(Desk::with_now_from_env)),
            Err(e) => (None, Err(e)),
        },
        (Target::Team { url, .. }, None) => (None, Desk::connect(url).and_then(Desk::with_now_from_env)),
    };
    // A saved team database that cannot be signed in to is fixed in Settings, on the screen
    // that says why.
    let problem = match (&target, &desk) {
        (Target::Team { address: Some(_), .. }, Err(e)) => Some(e.message.clone()),
        _ => problem,
    };
    match (&desk, &target) {
        (Err(e), _) => eprintln!("Compliance Desk cannot open its database: {e}"),
        (Ok(_), Target::File(path)) => automatic_backups(path.clone()),
        (Ok(_), Target::Team { .. }) => {}
    }
    let opened = desk.as_ref().map(|_| ()).map_err(|e| e.code);
    let watch = match (&desk, &target) {
        (Ok(_), Target::Team { url, .. }) => Some(url.clone()),
        _ => None,
    };
    let mut builder = tauri::Builder::default();
    // A second launch on the usual database focuses the open window instead of opening the file
    // twice. A database named with --db or CDESK_DB is a desk of its own (a second register, a
    // test's), which may run beside it.
    if !fixed_at_start {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }));
    }
    let result = builder
        .plugin(log_plugin())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .manage(Mutex::new(desk))
        .manage(Opened {
            target: Mutex::new(target),
            lock: Mutex::new(open_lock),
            fixed_at_start,
            problem: Mutex::new(problem),
            watching: AtomicU64::new(0),
        })
        .manage(Running::default())
        .manage(DialogFolder::default())
        .setup(move |app| {
            // What the log says: versions, whether the database opened, what failed, by code;
            // never a complaint, a name or a path (a folder may carry a person's name).
            log::info!("Compliance Desk {} started", env!("CARGO_PKG_VERSION"));
            match opened {
                Ok(()) => log::info!("database opened"),
                Err(code) => log::error!("database could not be opened ({code:?})"),
            }
            notify_report_due(app.handle());
            deadline_notifications(app.handle().clone());
            if let Some(url) = watch {
                watch_team(app.handle().clone(), url, 0);
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            app_info,
            log_complaint,
            get_complaint,
            list_complaints,
            register_counts,
            assign_complaint,
            approve_reclassification,
            approve_credit_case,
            assign_credit_case,
            set_four_eyes,
            record_step,
            void_complaint_entry,
            mark_not_a_complaint,
            void_credit_entry,
            set_business_type,
            get_settings,
            set_timezone,
            set_program_name,
            add_closure,
            remove_closure,
            taxonomy,
            verify_audit,
            import_complaints,
            report_preview,
            report_status,
            export_report,
            submit_report,
            save_submitted_file,
            list_accounts,
            get_account,
            add_account,
            set_balance,
            import_accounts,
            credit_program,
            set_credit_program,
            close_credit_line,
            decrease_credit_limit,
            credit_step,
            get_credit_case,
            list_credit_cases,
            notice_counts,
            record_application,
            set_credit_limit,
            record_period_approval,
            schedule_period_change,
            reactivate_credit_line,
            record_account_stripe_object,
            credit_notice_text,
            save_credit_notice,
            list_backups,
            back_up_now,
            restore_backup,
            track_complaint,
            reserve_view,
            reserve_status,
            record_reserve_balance,
            record_bank_debit,
            record_platform_balance,
            reject_for_fraud,
            set_debit_negative_balances,
            import_reserve_balances,
            import_balance_transactions,
            playbook_guide,
            playbook_search,
            operation_progress,
            cancel_operation,
            set_deadline_policy,
            team_connection,
            connect_team,
            disconnect_team,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        log::error!("stopped: {e}");
        eprintln!("Compliance Desk stopped: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::{named_database, start_target, Target};

    #[test]
    fn the_db_flag_picks_the_database_file() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>().into_iter();
        assert_eq!(named_database(args(&["app", "--db", "/x/a.db"])).as_deref(), Some("/x/a.db"));
        assert_eq!(named_database(args(&["app", "--db=/x/b.db"])).as_deref(), Some("/x/b.db"));
        assert!(matches!(start_target(Some("/x/a.db".into())).0, Target::File(p) if p == std::path::Path::new("/x/a.db")));
        let (team, problem) = start_target(Some("postgres://ana@db.example.com:5432/desk".into()));
        assert!(matches!(team, Target::Team { ref url, .. } if url == "postgres://ana@db.example.com:5432/desk"), "a URL is a team database");
        assert_eq!(problem, None);
    }
}

#[cfg(test)]
mod command_list {
    /// The commands the window may call are registered three times: in the handler list above,
    /// in `build.rs` (so that Tauri checks each call) and in the main window's capability. A
    /// command missing from either of the last two answers "not allowed" in the real app only.
    #[test]
    fn every_command_is_declared_and_allowed_for_the_main_window() {
        let lib = include_str!("lib.rs");
        let start = lib.find("generate_handler![").expect("the handler list") + "generate_handler![".len();
        let handlers: Vec<&str> = lib[start..lib[start..].find(']').unwrap() + start]
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        assert!(handlers.len() > 50, "{handlers:?}");
        let build = include_str!("../build.rs");
        let capability = include_str!("../capabilities/main-window.json");
        for c in &handlers {
            assert!(build.contains(&format!("\"{c}\"")), "{c} is not declared in build.rs");
            assert!(capability.contains(&format!("\"allow-{}\"", c.replace('_', "-"))), "{c} is not allowed in capabilities/main-window.json");
        }
    }
}
