//! Monthly reports as submitted: the exact files sent and the report they were made from.

use rusqlite::{params, OptionalExtension};

use crate::{LiteTx, StoreError};

/// A submission to store.
pub struct NewSubmission<'a> {
    pub month: &'a str,
    pub submitted_at: &'a str,
    pub actor: &'a str,
    pub note: Option<&'a str>,
    pub report_json: &'a str,
    pub csv: &'a [u8],
    pub csv_sha256: &'a str,
    pub xlsx: &'a [u8],
    pub xlsx_sha256: &'a str,
    pub pdf: &'a [u8],
    pub pdf_sha256: &'a str,
    pub audit_seq: i64,
}

/// A stored submission, without its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub seq: i64,
    pub month: String,
    pub submitted_at: String,
    pub actor: String,
    pub note: Option<String>,
    pub report_json: String,
    pub csv_sha256: String,
    pub xlsx_sha256: String,
    /// None for submissions made before PDFs were kept.
    pub pdf_sha256: Option<String>,
}

/// Which stored file of a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmittedFile {
    Csv,
    Xlsx,
    Pdf,
}

fn row_to_submission(r: &rusqlite::Row<'_>) -> rusqlite::Result<Submission> {
    Ok(Submission {
        seq: r.get(0)?,
        month: r.get(1)?,
        submitted_at: r.get(2)?,
        actor: r.get(3)?,
        note: r.get(4)?,
        report_json: r.get(5)?,
        csv_sha256: r.get(6)?,
        xlsx_sha256: r.get(7)?,
        pdf_sha256: r.get(8)?,
    })
}

const COLUMNS: &str = "seq, month, submitted_at, actor, note, report_json, csv_sha256, xlsx_sha256, pdf_sha256";

impl LiteTx<'_> {
    /// Stores a submission; returns its sequence number.
    ///
    /// # Errors
    /// Store errors only.
    pub fn insert_submission(&self, s: &NewSubmission<'_>) -> Result<i64, StoreError> {
        self.conn().execute(
            "INSERT INTO report_submissions (month, submitted_at, actor, note, report_json, csv, csv_sha256, xlsx, xlsx_sha256,
                pdf, pdf_sha256, audit_seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                s.month,
                s.submitted_at,
                s.actor,
                s.note,
                s.report_json,
                s.csv,
                s.csv_sha256,
                s.xlsx,
                s.xlsx_sha256,
                s.pdf,
                s.pdf_sha256,
                s.audit_seq
            ],
        )?;
        Ok(self.conn().last_insert_rowid())
    }

    /// Every submission of a month, oldest first.
    ///
    /// # Errors
    /// Store errors only.
    pub fn submissions(&self, month: &str) -> Result<Vec<Submission>, StoreError> {
        let mut stmt = self.conn().prepare(&format!("SELECT {COLUMNS} FROM report_submissions WHERE month = ?1 ORDER BY seq"))?;
        let rows = stmt.query_map(params![month], row_to_submission)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One stored file of a submission, as it was sent.
    ///
    /// # Errors
    /// Store errors only.
    pub fn submitted_file(&self, seq: i64, file: SubmittedFile) -> Result<Option<Vec<u8>>, StoreError> {
        let column = match file {
            SubmittedFile::Csv => "csv",
            SubmittedFile::Xlsx => "xlsx",
            SubmittedFile::Pdf => "pdf",
        };
        // A submission made before PDFs were kept has a NULL pdf: the same as no file.
        let bytes: Option<Option<Vec<u8>>> = self
            .conn()
            .query_row(&format!("SELECT {column} FROM report_submissions WHERE seq = ?1"), params![seq], |r| r.get(0))
            .optional()?;
        Ok(bytes.flatten())
    }
}

/// A stored submission with its files, to check them against the event that recorded them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSubmission {
    pub seq: i64,
    pub month: String,
    pub audit_seq: i64,
    pub report_json: String,
    pub csv: Vec<u8>,
    pub xlsx: Vec<u8>,
    pub pdf: Option<Vec<u8>>,
}

impl LiteTx<'_> {
    /// Every submission with its files, oldest first.
    ///
    /// # Errors
    /// Store errors only.
    pub fn stored_submissions(&self) -> Result<Vec<StoredSubmission>, StoreError> {
        let mut stmt = self.conn().prepare("SELECT seq, month, audit_seq, report_json, csv, xlsx, pdf FROM report_submissions ORDER BY seq")?;
        let rows = stmt.query_map([], |r| {
            Ok(StoredSubmission {
                seq: r.get(0)?,
                month: r.get(1)?,
                audit_seq: r.get(2)?,
                report_json: r.get(3)?,
                csv: r.get(4)?,
                xlsx: r.get(5)?,
                pdf: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// When each submitted month was first submitted: `(month, submitted_at)`, by month.
    ///
    /// # Errors
    /// Store errors only.
    pub fn first_submissions(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn().prepare_cached("SELECT month, MIN(submitted_at) FROM report_submissions GROUP BY month ORDER BY month")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The month of a submission.
    ///
    /// # Errors
    /// Store errors only.
    pub fn submission_month(&self, seq: i64) -> Result<Option<String>, StoreError> {
        Ok(self.conn().query_row("SELECT month FROM report_submissions WHERE seq = ?1", params![seq], |r| r.get(0)).optional()?)
    }
}
