//! The monthly complaint report for Stripe: preview, export, submit, and what changed since.

use cdesk_domain::complaint::local_date;
use cdesk_domain::report::{diff_from_submitted, ComplaintHistory, MonthlyReport, ReportBuilder, ReportDiff, ReportMonth};
use cdesk_domain::timeline::Entry;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashSet};
use cdesk_store::{NewSubmission, SubmittedFile, Tx};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::{instant_text, load_rules, record, Desk, ErrorBody, Result};

const ENTITY: &str = "report";
pub(crate) const SETTING_PROGRAM: &str = "program_name";
const DEFAULT_PROGRAM: &str = "Issuing and Treasury program";

/// The program's name on reports: the setting, else a neutral default.
pub(crate) fn program_name(tx: &Tx<'_>) -> Result<String> {
    Ok(tx.setting(SETTING_PROGRAM)?.unwrap_or_else(|| DEFAULT_PROGRAM.to_owned()))
}

/// The file formats of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum ReportFormat {
    Csv,
    Xlsx,
    Pdf,
}

impl std::str::FromStr for ReportFormat {
    type Err = ErrorBody;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(ReportFormat::Csv),
            "xlsx" => Ok(ReportFormat::Xlsx),
            "pdf" => Ok(ReportFormat::Pdf),
            other => Err(ErrorBody::invalid("format", format!("{other:?} is not one of csv, xlsx, pdf"))),
        }
    }
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Csv => "csv",
            ReportFormat::Xlsx => "xlsx",
            ReportFormat::Pdf => "pdf",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReportInput {
    /// `YYYY-MM`.
    pub month: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ExportReportInput {
    pub month: String,
    pub format: ReportFormat,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct SubmitReportInput {
    pub month: String,
    pub note: Option<String>,
}

/// A month's report as the Reports view previews it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReportPreview {
    pub report: MonthlyReport,
    /// Whether the month is over in the program's time zone (only then can it be submitted).
    pub month_ended: bool,
    pub status: ReportStatus,
}

/// One submission of a month's report, without its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct SubmissionView {
    #[ts(type = "number")]
    pub seq: i64,
    pub month: String,
    pub submitted_at: String,
    pub submitted_by: String,
    pub note: Option<String>,
    #[ts(type = "number")]
    pub rows: i64,
    pub csv_sha256: String,
    pub xlsx_sha256: String,
    /// The PDF sent; null for submissions made before PDFs were kept.
    pub pdf_sha256: Option<String>,
}

/// Whether a month was submitted, and whether what feeds it changed since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReportStatus {
    pub month: String,
    /// When the latest submission was made, or null.
    pub submitted_at: Option<String>,
    pub changed_since_submission: bool,
    /// From the latest submission to the report as it is now.
    pub differences: ReportDiff,
    pub submissions: Vec<SubmissionView>,
}

/// The first bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

impl Desk {
    /// Writes an exported file whole or not at all: a temporary file beside `path`, flushed to
    /// disk, then renamed over it. It never writes over a database: not this desk's own file,
    /// its WAL or journal, nor any other SQLite file, and never through a symbolic link.
    ///
    /// # Errors
    /// `InvalidInput` naming `out` when the place cannot or must not be written (missing folder,
    /// no permission, a folder, a link, a database); nothing is left behind.
    pub fn write_export(&self, path: &std::path::Path, bytes: &[u8]) -> Result<()> {
        write_export_beside(path, bytes, self.store.path())
    }

    /// A month's report written to `path` (as [`Desk::write_export`] writes a file: never over
    /// a database, whole or not at all); a CSV is written row by row, not held in memory.
    /// Returns the file's size in bytes.
    ///
    /// # Errors
    /// As [`Desk::export_report`] and [`Desk::write_export`].
    pub fn export_report_to(&mut self, input: ExportReportInput, path: &std::path::Path) -> Result<u64> {
        if input.format == ReportFormat::Pdf {
            let file = self.export_report(input)?;
            self.write_export(path, &file.bytes)?;
            return Ok(file.bytes.len() as u64);
        }
        let month = parse_month(&input.month)?;
        let now = self.now();
        let report = self.store.read(|tx| build(tx, month, now, &mut self.register_checked))?;
        self.seal_checked_register();
        crate::progress::begin(crate::ProgressStep::Rendering, Some(report.rows.len() as u64))?;
        let mut size = 0;
        let mut failed = None;
        write_export_with(path, self.store.path(), |f| {
            if input.format == ReportFormat::Xlsx {
                if let Err(e) = cdesk_exports::write_report_xlsx(&report, &mut *f) {
                    failed = Some(export_error(e));
                    return Err(std::io::Error::other("the workbook could not be written"));
                }
            } else {
                let mut w = std::io::BufWriter::with_capacity(1 << 16, &mut *f);
                cdesk_exports::write_report_csv(&report, &mut w)?;
                std::io::Write::flush(&mut w)?;
            }
            size = f.metadata()?.len();
            Ok(())
        })
        .map_err(|e| failed.take().unwrap_or(e))?;
        Ok(size)
    }
}

fn write_export_beside(path: &std::path::Path, bytes: &[u8], database: Option<&std::path::Path>) -> Result<()> {
    write_export_with(path, database, |f| std::io::Write::write_all(f, bytes))
}

fn write_export_with(
    path: &std::path::Path,
    database: Option<&std::path::Path>,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<()> {
    use std::io::Read;
    let refuse = |e: String| ErrorBody::invalid("out", format!("cannot write {}: {e}", path.display()));
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() {
            return Err(refuse("it is a symbolic link; give the file itself".into()));
        }
        if meta.is_dir() {
            return Err(refuse("it is a folder; give a file name".into()));
        }
        let mut head = [0u8; 16];
        let is_database = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok() && &head == SQLITE_HEADER;
        if is_database {
            return Err(refuse("it is a database; an export never writes over a database".into()));
        }
    }
    let name = path.file_name().ok_or_else(|| refuse("it has no file name".into()))?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    if let (Some(db), Ok(dir_real)) = (database, dir.canonicalize()) {
        let target = dir_real.join(name);
        let db_real = db.canonicalize().unwrap_or_else(|_| db.to_path_buf());
        let own = ["", "-wal", "-shm", "-journal"].iter().any(|suffix| {
            let mut p = db_real.clone().into_os_string();
            p.push(suffix);
            target.as_os_str() == p
        });
        if own {
            return Err(refuse("it is this desk's own database file; choose another name".into()));
        }
    }
    let tmp = dir.join(format!(".{}.{}.partial", name.to_string_lossy(), std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        fill(&mut f)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // The rename itself reaches the disk with the folder.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        refuse(e.to_string())
    })
}

/// The bytes of an exported file and the name to offer for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(bytes);
    format!("{:x}", h.finalize())
}

fn parse_month(s: &str) -> Result<ReportMonth> {
    Ok(s.parse::<ReportMonth>()?)
}

fn export_error(e: cdesk_exports::ExportError) -> ErrorBody {
    ErrorBody::internal(format!("the report could not be written: {e}"))
}

fn render(report: &MonthlyReport, format: ReportFormat, now: chrono::DateTime<chrono::Utc>) -> Result<Vec<u8>> {
    match format {
        ReportFormat::Csv => Ok(cdesk_exports::report_csv(report)),
        ReportFormat::Xlsx => cdesk_exports::report_xlsx(report).map_err(export_error),
        ReportFormat::Pdf => cdesk_exports::report_pdf(report, now).map_err(export_error),
    }
}

/// Builds a month's report from the store inside the caller's transaction.
/// Builds a month's report from the register and the complaints' histories. The register is
/// first checked against the history: the report picks its complaints from it, and a row
/// changed or deleted in the file (not through the history) would change the report sent to
/// Stripe unseen. `checked` remembers the file's data version last checked by this desk, so that
/// the check runs again only after another connection changed the file.
fn build(tx: &Tx<'_>, month: ReportMonth, now: chrono::DateTime<chrono::Utc>, checked: &mut RegisterCheck) -> Result<MonthlyReport> {
    let changes = tx.register_changes()?.unwrap_or(1);
    if changes > 0 {
        let version = tx.data_version()?;
        if checked.version != Some(version) {
            check_register(tx)?;
            checked.version = Some(version);
            checked.unseal = Some(changes);
        }
    }
    build_unchecked(tx, month, now)
}

/// What the desk remembers of its last check of the register (see [`build`]): the file's data
/// version it checked, and the seal count to clear once the report's read is over.
#[derive(Debug, Default)]
pub(crate) struct RegisterCheck {
    version: Option<i64>,
    unseal: Option<i64>,
}

impl Desk {
    /// Seals the register after a full check found it equal to its history, so that later
    /// reports (in this process or another) need not check it again. Best effort: a file that
    /// is busy is sealed by a later report instead.
    fn seal_checked_register(&mut self) {
        if let Some(seen) = self.register_checked.unseal.take() {
            let _ = self.store.write(|tx| tx.seal_register(seen).map_err(ErrorBody::from));
        }
    }
}

fn check_register(tx: &Tx<'_>) -> Result<()> {
    if let Some(d) = crate::verify::register(tx)? {
        return Err(ErrorBody::from(cdesk_domain::DomainError::rule(
            "register_differs_from_history",
            format!(
                "the register in the file differs from its audit history ({}); no report is made from it: run `cdesk audit verify`, then `cdesk audit repair` to rebuild the register from the history",
                d.describe()
            ),
        )));
    }
    Ok(())
}

fn build_unchecked(tx: &Tx<'_>, month: ReportMonth, now: chrono::DateTime<chrono::Utc>) -> Result<MonthlyReport> {
    let rules = load_rules(tx)?;
    let (start, end) = (instant_text(month.start(rules.timezone)), instant_text(month.end(rules.timezone)));
    let program = program_name(tx)?;
    let submitted = first_submissions(tx)?;
    // One complaint's history at a time: read, folded into its row, dropped.
    let mut builder = ReportBuilder::new(month, &rules, local_date(now, rules.timezone), &submitted);
    let mut current: Option<(String, Vec<Entry>)> = None;
    let mut done: HashSet<String> = HashSet::new();
    let mut flush = |current: &mut Option<(String, Vec<Entry>)>, builder: &mut ReportBuilder<'_>| -> Result<()> {
        if let Some((id, mut entries)) = current.take() {
            entries.sort_by_key(|e| e.seq);
            builder.add(&ComplaintHistory { id: &id, entries: &entries });
            if !done.insert(id.clone()) {
                return Err(ErrorBody::internal(format!("the events of {id} were read apart; no report is made")));
            }
        }
        crate::progress::count(1)
    };
    crate::progress::begin(crate::ProgressStep::ReadingReport, None)?;
    let streamed = tx.with_small_cache(|| tx.each_report_candidate_event(&start, &end, |row| -> Result<()> {
        if current.as_ref().is_none_or(|(id, _)| id != row.complaint_id) {
            flush(&mut current, &mut builder)?;
            current = Some((row.complaint_id.to_owned(), Vec::new()));
        }
        let entry = crate::complaints::entry(row.seq, row.recorded_at, row.complaint_id, row.payload)?;
        if let Some((_, entries)) = current.as_mut() {
            entries.push(entry);
        }
        Ok(())
    }))?;
    streamed?;
    flush(&mut current, &mut builder)?;
    let mut report = builder.finish(&program)?;
    // A version that differs from the latest submission is an amendment of it, and says so.
    if let Some((last, sent)) = latest_submission(tx, month)? {
        if !diff_from_submitted(&sent, &report).is_empty() {
            report.amends = Some(last.submitted_at);
        }
    }
    Ok(report)
}

/// When each month was first submitted to Stripe: entries recorded after it are entered late.
pub(crate) fn first_submissions(tx: &Tx<'_>) -> Result<BTreeMap<ReportMonth, DateTime<Utc>>> {
    tx.first_submissions()?
        .into_iter()
        .map(|(month, at)| Ok((parse_month(&month)?, crate::stored_instant(&at)?)))
        .collect()
}

/// The latest submission of a month with the report it was made from.
fn latest_submission(tx: &Tx<'_>, month: ReportMonth) -> Result<Option<(cdesk_store::Submission, MonthlyReport)>> {
    let Some(last) = tx.submissions(&month.to_string())?.pop() else { return Ok(None) };
    let sent: MonthlyReport = serde_json::from_str(&last.report_json)
        .map_err(|e| ErrorBody::internal(format!("the submitted report of {month} cannot be read: {e}")))?;
    Ok(Some((last, sent)))
}

fn submission_view(s: &cdesk_store::Submission) -> Result<SubmissionView> {
    let report: MonthlyReport = serde_json::from_str(&s.report_json)
        .map_err(|e| ErrorBody::internal(format!("the submitted report of {} cannot be read: {e}", s.month)))?;
    Ok(SubmissionView {
        seq: s.seq,
        month: s.month.clone(),
        submitted_at: s.submitted_at.clone(),
        submitted_by: s.actor.clone(),
        note: s.note.clone(),
        rows: report.rows.len() as i64,
        csv_sha256: s.csv_sha256.clone(),
        xlsx_sha256: s.xlsx_sha256.clone(),
        pdf_sha256: s.pdf_sha256.clone(),
    })
}

fn status_in_tx(tx: &Tx<'_>, month: ReportMonth, current: &MonthlyReport) -> Result<ReportStatus> {
    let subs = tx.submissions(&month.to_string())?;
    let mut differences = match latest_submission(tx, month)? {
        Some((_, sent)) => diff_from_submitted(&sent, current),
        None => ReportDiff::default(),
    };
    if !differences.removed.is_empty() {
        let (rules, submitted) = (load_rules(tx)?, first_submissions(tx)?);
        for id in &differences.removed {
            let history = crate::complaints::load_history(tx, id)?;
            if cdesk_domain::report::entered_late_in_month(&history.entries, month, &rules, &submitted) {
                differences.removed_late.push(id.clone());
            }
        }
    }
    Ok(ReportStatus {
        month: month.to_string(),
        submitted_at: subs.last().map(|s| s.submitted_at.clone()),
        changed_since_submission: !differences.is_empty(),
        differences,
        submissions: subs.iter().map(submission_view).collect::<Result<_>>()?,
    })
}

impl Desk {
    /// The report for a month, with its submission status.
    ///
    /// # Errors
    /// `InvalidInput` naming `month`.
    pub fn report_preview(&mut self, input: ReportInput) -> Result<ReportPreview> {
        let month = parse_month(&input.month)?;
        let now = self.now();
        let preview = self.store.read(|tx| {
            let report = build(tx, month, now, &mut self.register_checked)?;
            let tz = load_rules(tx)?.timezone;
            let status = status_in_tx(tx, month, &report)?;
            Ok::<_, ErrorBody>(ReportPreview { month_ended: month.end(tz) <= now, report, status })
        })?;
        self.seal_checked_register();
        Ok(preview)
    }

    /// A month's report as a file.
    ///
    /// # Errors
    /// `InvalidInput` naming `month` or `format`; `Internal` when the file cannot be rendered
    /// (for a PDF, when no usable font is installed).
    pub fn export_report(&mut self, input: ExportReportInput) -> Result<ExportedFile> {
        let month = parse_month(&input.month)?;
        let now = self.now();
        let report = self.store.read(|tx| build(tx, month, now, &mut self.register_checked))?;
        self.seal_checked_register();
        crate::progress::begin(crate::ProgressStep::Rendering, Some(report.rows.len() as u64))?;
        let bytes = match input.format {
            ReportFormat::Pdf => cdesk_exports::report_pdf_from(report, now).map_err(export_error)?,
            format => render(&report, format, now)?,
        };
        crate::progress::stop_if_cancelled()?;
        Ok(ExportedFile { file_name: format!("complaints-{month}.{}", input.format.extension()), bytes })
    }

    /// Marks a month as submitted to Stripe, keeping the exact CSV and XLSX files sent, their
    /// SHA-256, who and when, and a note.
    ///
    /// # Errors
    /// `InvalidInput` naming `month`; `Rule` (`month_not_ended`) for a month not yet over.
    pub fn submit_report(&mut self, input: SubmitReportInput) -> Result<SubmissionView> {
        let month = parse_month(&input.month)?;
        let now = self.now();
        let recorded_at = instant_text(now);
        let actor = self.actor.clone();
        let note = input.note.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned);
        let view = self.store.write(|tx| {
            let tz = load_rules(tx)?.timezone;
            if month.end(tz) > now {
                return Err(ErrorBody::from(cdesk_domain::DomainError::rule(
                    "month_not_ended",
                    format!("{month} has not ended yet in {}; submit it from {}", tz.name(), month.next().first_day()),
                )));
            }
            let report = build(tx, month, now, &mut self.register_checked)?;
            let csv = render(&report, ReportFormat::Csv, now)?;
            let xlsx = render(&report, ReportFormat::Xlsx, now)?;
            let pdf = render(&report, ReportFormat::Pdf, now)?;
            let (csv_sha256, xlsx_sha256, pdf_sha256) = (sha256_hex(&csv), sha256_hex(&xlsx), sha256_hex(&pdf));
            let report_json = serde_json::to_string(&report).map_err(|e| ErrorBody::internal(e.to_string()))?;
            let payload = serde_json::json!({
                "month": month.to_string(),
                "rows": report.rows.len(),
                "csv_sha256": csv_sha256,
                "xlsx_sha256": xlsx_sha256,
                "pdf_sha256": pdf_sha256,
                "report_sha256": sha256_hex(report_json.as_bytes()),
                "note": note,
            });
            let audit_seq = record(tx, &recorded_at, &actor, ENTITY, &month.to_string(), "submitted", &payload)?;
            tx.insert_submission(&NewSubmission {
                month: &month.to_string(),
                submitted_at: &recorded_at,
                actor: &actor,
                note: note.as_deref(),
                report_json: &report_json,
                csv: &csv,
                csv_sha256: &csv_sha256,
                xlsx: &xlsx,
                xlsx_sha256: &xlsx_sha256,
                pdf: &pdf,
                pdf_sha256: &pdf_sha256,
                audit_seq,
            })?;
            let last = tx.submissions(&month.to_string())?.pop().ok_or_else(|| ErrorBody::internal("the submission was not stored"))?;
            submission_view(&last)
        })?;
        self.seal_checked_register();
        Ok(view)
    }

    /// Whether a month was submitted and what changed since.
    ///
    /// # Errors
    /// `InvalidInput` naming `month`.
    pub fn report_status(&mut self, input: ReportInput) -> Result<ReportStatus> {
        let month = parse_month(&input.month)?;
        let now = self.now();
        let status = self.store.read(|tx| {
            let report = build(tx, month, now, &mut self.register_checked)?;
            status_in_tx(tx, month, &report)
        })?;
        self.seal_checked_register();
        Ok(status)
    }

    /// A file exactly as it was submitted.
    ///
    /// # Errors
    /// `NotFound` when there is no such submission, or no PDF kept with an older one.
    pub fn submitted_file(&mut self, seq: i64, format: ReportFormat) -> Result<ExportedFile> {
        let which = match format {
            ReportFormat::Csv => SubmittedFile::Csv,
            ReportFormat::Xlsx => SubmittedFile::Xlsx,
            ReportFormat::Pdf => SubmittedFile::Pdf,
        };
        let (bytes, month) = self.store.read(|tx| {
            let Some(month) = tx.submission_month(seq)? else {
                return Err(ErrorBody::not_found(format!("no submission {seq}")));
            };
            let bytes = tx.submitted_file(seq, which)?.ok_or_else(|| {
                ErrorBody::not_found(format!("submission {seq} was made before PDFs were kept with submissions: it has its CSV and XLSX"))
            })?;
            Ok::<_, ErrorBody>((bytes, month))
        })?;
        Ok(ExportedFile { file_name: format!("complaints-{month}-submitted-{seq}.{}", format.extension()), bytes })
    }

}

/// A reminder to show once: the previous month's report is due and not submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReportReminder {
    pub month: String,
    pub title: String,
    pub body: String,
}

impl Desk {
    /// The reminder to send as a desktop notification, once per month: `Some` the first time it
    /// is asked for after the previous month became due unsubmitted, `None` afterwards. The
    /// reminder is recorded in the audit history.
    ///
    /// # Errors
    /// `Storage` only.
    pub fn take_report_reminder(&mut self) -> Result<Option<ReportReminder>> {
        let now = self.now();
        let recorded_at = instant_text(now);
        let actor = self.actor.clone();
        self.store.write(|tx| {
            let rules = load_rules(tx)?;
            let Some(month) = report_due_in_tx(tx, &rules, local_date(now, rules.timezone))? else { return Ok(None) };
            if tx.setting(SETTING_REMINDED)?.as_deref() == Some(month.as_str()) {
                return Ok(None);
            }
            tx.set_setting(SETTING_REMINDED, &month)?;
            record(tx, &recorded_at, &actor, ENTITY, &month, "reminder_sent", &serde_json::json!({ "month": month }))?;
            let title = parse_month(&month)?.title();
            Ok(Some(ReportReminder {
                body: format!("The {title} complaint report for Stripe is due and has not been submitted."),
                title: "Monthly complaint report due".to_owned(),
                month,
            }))
        })
    }
}

pub(crate) const SETTING_REMINDED: &str = "report_reminder_sent_for";

/// The previous month, if it is due for submission (today is on or after this month's first
/// business day) and has not been submitted.
pub(crate) fn report_due_in_tx(
    tx: &Tx<'_>,
    rules: &cdesk_domain::complaint::DeadlineRules,
    today: chrono::NaiveDate,
) -> Result<Option<String>> {
    let this_month = ReportMonth::of_date(today);
    let first_business = rules.calendar.add_business_days(this_month.first_day().pred_opt().expect("a valid date"), 1);
    if today < first_business {
        return Ok(None);
    }
    let previous = this_month.previous();
    Ok(tx.submissions(&previous.to_string())?.is_empty().then(|| previous.to_string()))
}
