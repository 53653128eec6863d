//! Importing complaints from CSV: every row or none.

use std::io::Read;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::complaints::{log_in_tx, LogComplaintInput};
use crate::{instant_text, load_rules, record, Desk, ErrorBody, Result};

/// The columns a complaint CSV may have; named like the `cdesk complaint add` flags.
pub const IMPORT_COLUMNS: &[&str] = &[
    "received", "kind", "channel", "summary", "grounds", "product", "topic", "issue_type", "description",
    "complainant_name", "complainant_email", "account", "cardholder",
];
const REQUIRED: &[&str] = &["received", "kind", "channel", "summary"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ImportOutput {
    #[ts(type = "number")]
    pub imported: i64,
    pub first_id: Option<String>,
    pub last_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Row {
    received: Option<String>,
    kind: Option<String>,
    channel: Option<String>,
    summary: Option<String>,
    grounds: Option<String>,
    product: Option<String>,
    topic: Option<String>,
    issue_type: Option<String>,
    description: Option<String>,
    complainant_name: Option<String>,
    complainant_email: Option<String>,
    account: Option<String>,
    cardholder: Option<String>,
}

/// The CSV column that carries an input field.
fn column_of(field: &str) -> &str {
    match field {
        "received_at" => "received",
        other => other,
    }
}

/// Opens a CSV file to import and names it for the audit event.
///
/// # Errors
/// `InvalidInput` naming `file` when it cannot be read.
pub(crate) fn open_csv(path: &std::path::Path) -> Result<(String, std::io::BufReader<std::fs::File>)> {
    let file = std::fs::File::open(path).map_err(|e| ErrorBody::invalid("file", format!("cannot read {}: {e}", path.display())))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok((name, std::io::BufReader::new(file)))
}

/// A CSV reader over `reader` (values trimmed) and its header row, checked: every column known,
/// every required one present.
///
/// # Errors
/// `InvalidInput` naming row 1 and the column.
pub(crate) fn read_headers<R: Read>(reader: R, columns: &[&str], required: &[&str]) -> Result<(csv::Reader<R>, csv::StringRecord)> {
    let mut rdr = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(reader);
    let headers = rdr.headers().map_err(|e| ErrorBody::invalid("row 1", format!("row 1: the header cannot be read: {e}")))?.clone();
    for h in headers.iter() {
        if !columns.contains(&h) {
            return Err(ErrorBody::invalid(
                format!("row 1, column {h}"),
                format!("row 1: unknown column {h:?}; columns are {}", columns.join(", ")),
            ));
        }
    }
    for r in required {
        if !headers.iter().any(|h| h == *r) {
            return Err(ErrorBody::invalid(format!("row 1, column {r}"), format!("row 1: the required column {r} is missing")));
        }
    }
    Ok((rdr, headers))
}

pub(crate) fn at_row(row: u64, e: ErrorBody) -> ErrorBody {
    let column = e.field.as_deref().map(column_of).unwrap_or("").to_owned();
    let message = if column.is_empty() {
        format!("row {row}: {}", e.message)
    } else {
        format!("row {row}, column {column}: {}", e.message)
    };
    ErrorBody { message, field: Some(format!("row {row}, column {column}")).filter(|_| !column.is_empty()), ..e }
}

impl Desk {
    /// Imports complaints from a CSV file; see [`Desk::import_csv`].
    ///
    /// # Errors
    /// `InvalidInput` naming `file` when it cannot be read, or the row and column of the first
    /// bad value; nothing is written.
    pub fn import_csv_file(&mut self, path: &std::path::Path) -> Result<ImportOutput> {
        let (name, reader) = open_csv(path)?;
        self.import_csv(&name, reader)
    }

    /// Imports complaints from CSV text (header row first). Rows are numbered from 1 for the
    /// header, so the first complaint is row 2. All rows are imported, or none.
    ///
    /// # Errors
    /// `InvalidInput` naming the row and column of the first bad value; nothing is written.
    pub fn import_csv(&mut self, source_name: &str, reader: impl Read) -> Result<ImportOutput> {
        let (mut rdr, _) = read_headers(reader, IMPORT_COLUMNS, REQUIRED)?;
        let mut intakes = Vec::new();
        for (i, rec) in rdr.deserialize::<Row>().enumerate() {
            let row_no = i as u64 + 2;
            let row = rec.map_err(|e| ErrorBody::invalid(format!("row {row_no}"), format!("row {row_no}: {e}")))?;
            let input = LogComplaintInput {
                received_at: row.received.unwrap_or_default(),
                kind: row.kind.unwrap_or_default(),
                grounds: row.grounds.into_iter().collect(),
                channel: row.channel.unwrap_or_default(),
                product: row.product,
                topic: row.topic,
                issue_type: row.issue_type,
                summary: row.summary.unwrap_or_default(),
                description: row.description,
                complainant_name: row.complainant_name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| "Not given".into()),
                complainant_email: row.complainant_email,
                account: row.account,
                cardholder: row.cardholder,
            };
            intakes.push(input.validate(&self.taxonomy).map_err(|e| at_row(row_no, e))?);
        }
        let now = self.now();
        let recorded_at = instant_text(now);
        let (actor, taxonomy) = (self.actor.clone(), self.taxonomy.clone());
        let source = source_name.to_owned();
        self.store.write(|tx| {
            let rules = load_rules(tx)?;
            let mut first = None;
            let mut last = None;
            let count = intakes.len() as i64;
            for (i, intake) in intakes.into_iter().enumerate() {
                let id = log_in_tx(tx, &rules, &taxonomy, intake, now, &actor).map_err(|e| at_row(i as u64 + 2, e))?;
                if first.is_none() {
                    first = Some(id.clone());
                }
                last = Some(id);
            }
            let payload = serde_json::json!({ "source": source, "rows": count, "first_id": first, "last_id": last });
            record(tx, &recorded_at, &actor, "import", &source, "csv_imported", &payload)?;
            Ok(ImportOutput { imported: count, first_id: first, last_id: last })
        })
    }
}
