//! Renders Compliance Desk's reports into files: CSV, XLSX and PDF.
//!
//! Every function takes a computed [`MonthlyReport`] and returns the file's bytes; nothing here
//! reads the database or the clock. The CSV and the XLSX are byte-identical for the same report.
//! The PDF reads system fonts (Noto Sans and Noto Sans CJK, see [`report_pdf`]).
//!
//! It also writes the adverse-action notice that goes to a customer whose credit line was closed
//! or reduced ([`notice_text`], [`notice_pdf`]), from a [`NoticeInput`] in English, German or
//! Japanese.

mod cells;
mod csv_export;
mod labels;
mod notice;
mod pdf;
mod xlsx;

use cdesk_domain::report::MonthlyReport;

pub use cells::REPORT_COLUMNS;
pub use notice::{NoticeAction, NoticeInput, NOTICE_TEMPLATE_VERSION};

/// Why an export could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// No font that the PDF can use was found.
    #[error(
        "no usable font found for the PDF report: install the Debian packages fonts-noto-core and fonts-noto-cjk \
         (apt-get install fonts-noto-core fonts-noto-cjk), or set CDESK_FONT_DIR to a folder holding \
         NotoSans-Regular.ttf or NotoSansCJK-Regular.ttc; searched {searched}"
    )]
    NoFont { searched: String },
    /// The report has Chinese, Japanese or Korean text and no font covering it was found.
    #[error(
        "the report contains Chinese, Japanese or Korean text (e.g. {sample:?}) but no CJK font was found: install the \
         Debian package fonts-noto-cjk (apt-get install fonts-noto-cjk), or set CDESK_FONT_DIR to a folder holding \
         NotoSansCJK-Regular.ttc; searched {searched}"
    )]
    NoCjkFont { sample: String, searched: String },
    /// The XLSX writer refused the workbook.
    #[error("could not write the XLSX report: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The PDF writer refused the document.
    #[error("could not write the PDF report: {0}")]
    Pdf(String),
}

/// The report's rows as CSV: RFC 4180, UTF-8 with a byte-order mark so that Excel opens Japanese
/// and German text correctly, CRLF line ends, one header row ([`REPORT_COLUMNS`]).
///
/// Text that a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) is prefixed with a single quote.
pub fn report_csv(report: &MonthlyReport) -> Vec<u8> {
    csv_export::report_csv(report)
}

/// The same CSV as [`report_csv`], written into `out` as it is made.
///
/// # Errors
/// The writer's I/O errors.
pub fn write_report_csv(report: &MonthlyReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    csv_export::write_report_csv(report, out)
}

/// XLSX with a "Summary" sheet and a "Complaints" sheet (the columns of [`REPORT_COLUMNS`]).
/// Dates are date cells, counts and amounts are numbers, text is always a string cell (never a
/// formula). The same report always gives the same bytes.
///
/// # Errors
/// [`ExportError::Xlsx`] when the writer refuses the workbook.
pub fn report_xlsx(report: &MonthlyReport) -> Result<Vec<u8>, ExportError> {
    xlsx::report_xlsx(report)
}

/// The same XLSX as [`report_xlsx`], written into `out` as it is zipped.
///
/// # Errors
/// [`ExportError::Xlsx`] when the writer refuses the workbook or the file.
pub fn write_report_xlsx<W: std::io::Write + std::io::Seek + Send>(report: &MonthlyReport, out: W) -> Result<(), ExportError> {
    xlsx::write_report_xlsx(report, out)
}

/// PDF (A4 landscape): a cover, the summary with charts, then the list of complaints as a table
/// with a repeated header row and "Page N of M" on every page.
///
/// Fonts are the system's Noto Sans (Debian package `fonts-noto-core`) and Noto Sans CJK
/// (`fonts-noto-cjk`), embedded as subsets. The folder named by the environment variable
/// `CDESK_FONT_DIR` is searched first.
///
/// # Errors
/// [`ExportError::NoFont`] when no font is found, [`ExportError::NoCjkFont`] when the report has
/// CJK text and no CJK font is found, [`ExportError::Pdf`] when the PDF writer fails.
pub fn report_pdf(report: &MonthlyReport, generated_at: chrono::DateTime<chrono::Utc>) -> Result<Vec<u8>, ExportError> {
    pdf::report_pdf(report, generated_at)
}

/// The same PDF as [`report_pdf`], from a report it takes: the report's rows are let go once
/// every page is drawn, before the document is put together (a month of a hundred thousand rows
/// then never sits in memory beside the finished file).
///
/// # Errors
/// As [`report_pdf`].
pub fn report_pdf_from(report: MonthlyReport, generated_at: chrono::DateTime<chrono::Utc>) -> Result<Vec<u8>, ExportError> {
    pdf::report_pdf_from(report, generated_at)
}

/// The adverse-action notice as the body of a plain-text email: a `Subject:` line first (the
/// header name stays English, the subject is in the notice's language), a blank line, then the
/// letter: creditor with phone, date, recipient and account, the action taken, the principal
/// reasons numbered in the given order, the ECOA statement naming the agency, whom to ask, and
/// the reference. Lines end with `\n` and are wrapped at 76 columns (a Japanese character
/// counts as two). The same input always gives the same text.
pub fn notice_text(notice: &NoticeInput) -> String {
    notice::notice_text(notice)
}

/// The adverse-action notice as a letter on US Letter paper, in the same order as
/// [`notice_text`]; one page unless the addresses and reasons are unusually long. Fonts as in
/// [`report_pdf`].
///
/// # Errors
/// [`ExportError::NoFont`] when no font is found, [`ExportError::NoCjkFont`] when the notice has
/// CJK text and no CJK font is found, [`ExportError::Pdf`] when the PDF writer fails.
pub fn notice_pdf(notice: &NoticeInput) -> Result<Vec<u8>, ExportError> {
    notice::notice_pdf(notice)
}
