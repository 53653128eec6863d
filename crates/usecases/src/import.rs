//! Importing complaints from CSV: every row or none.

use std::io::Read;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::complaints::{log_in_tx, LogComplaintInput};
use crate::progress::{self, ProgressStep};
use crate::{instant_text, load_rules, record, Desk, ErrorBody, Result};

/// The columns a complaint CSV may have; named like the `cdesk complaint add` flags.
pub const IMPORT_COLUMNS: &[&str] = &[
    "received", "kind", "channel", "summary", "grounds", "product", "topic", "issue_type", "description",
    "complainant_name", "complainant_email", "account", "cardholder", "regulator_name", "regulator_reference",
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
    regulator_name: Option<String>,
    regulator_reference: Option<String>,
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

/// Reads a complaint CSV row by row, validating each into an intake; `each` gets its row number.
fn each_intake(reader: impl Read, taxonomy: &cdesk_domain::Taxonomy, mut each: impl FnMut(u64, cdesk_domain::Intake) -> Result<()>) -> Result<()> {
    let (mut rdr, _) = read_headers(reader, IMPORT_COLUMNS, REQUIRED)?;
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
            regulator_name: row.regulator_name,
            regulator_reference: row.regulator_reference,
        };
        each(row_no, input.validate(taxonomy).map_err(|e| at_row(row_no, e))?)?;
    }
    Ok(())
}

impl Desk {
    /// Imports complaints from a CSV file: every row is validated in a first reading of the
    /// file (nothing kept), then the file is read again and every row logged in one
    /// transaction, so that memory does not grow with the file. Every row or none.
    ///
    /// # Errors
    /// `InvalidInput` naming `file` when it cannot be read (or changed between the readings),
    /// or the row and column of the first bad value; nothing is written.
    pub fn import_csv_file(&mut self, path: &std::path::Path) -> Result<ImportOutput> {
        let (name, reader) = open_csv(path)?;
        let taxonomy = self.taxonomy.clone();
        let mut rows = 0u64;
        progress::begin(ProgressStep::CheckingRows, None)?;
        each_intake(reader, &taxonomy, |_, _| {
            rows += 1;
            progress::count(1)
        })?;
        progress::begin(ProgressStep::WritingRows, Some(rows))?;
        let (_, again) = open_csv(path)?;
        self.log_intakes(&name, |log| each_intake(again, &taxonomy, log), Some(rows))
    }

    /// Imports complaints from CSV text (header row first). Rows are numbered from 1 for the
    /// header, so the first complaint is row 2. All rows are imported, or none.
    ///
    /// # Errors
    /// `InvalidInput` naming the row and column of the first bad value; nothing is written.
    pub fn import_csv(&mut self, source_name: &str, reader: impl Read) -> Result<ImportOutput> {
        let mut intakes = Vec::new();
        each_intake(reader, &self.taxonomy, |row, intake| {
            intakes.push((row, intake));
            Ok(())
        })?;
        self.log_intakes(source_name, |log| intakes.into_iter().try_for_each(|(row, intake)| log(row, intake)), None)
    }

    /// Logs the intakes `rows` gives, in one transaction with the import's audit event; `expected`
    /// is the count a first reading found (a file changed in between is refused).
    fn log_intakes(
        &mut self,
        source_name: &str,
        rows: impl FnOnce(&mut dyn FnMut(u64, cdesk_domain::Intake) -> Result<()>) -> Result<()>,
        expected: Option<u64>,
    ) -> Result<ImportOutput> {
        let now = self.now();
        let recorded_at = instant_text(now);
        let (actor, taxonomy) = (self.actor.clone(), self.taxonomy.clone());
        let source = source_name.to_owned();
        self.store.write(|tx| {
            let rules = load_rules(tx)?;
            // The search index is filled in one pass at the end (several times faster than row by
            // row); a failed import rolls this back with the rest.
            let indexed_up_to = tx.suspend_search_index()?;
            // So is the register's seal: the import counts as one change rather than one per row.
            tx.suspend_register_seal()?;
            let mut first = None;
            let mut last = None;
            let mut count = 0i64;
            rows(&mut |row, intake| {
                let id = log_in_tx(tx, &rules, &taxonomy, intake, now, &actor).map_err(|e| at_row(row, e))?;
                if first.is_none() {
                    first = Some(id.clone());
                }
                last = Some(id);
                count += 1;
                progress::count(1)
            })?;
            progress::begin(ProgressStep::Indexing, None)?;
            tx.resume_search_index(indexed_up_to)?;
            tx.resume_register_seal()?;
            progress::begin(ProgressStep::Finishing, None)?;
            if expected.is_some_and(|n| n != count as u64) {
                return Err(ErrorBody::invalid("file", format!("{source} changed while it was imported; nothing was imported: import it again")));
            }
            let payload = serde_json::json!({ "source": source, "rows": count, "first_id": first, "last_id": last });
            record(tx, &recorded_at, &actor, "import", &source, "csv_imported", &payload)?;
            Ok(ImportOutput { imported: count, first_id: first, last_id: last })
        })
    }
}

/// The columns of a balance-transactions export this desk reads (others are ignored).
const TRANSACTION_COLUMNS: &[&str] = &["id", "type", "amount", "currency", "created", "description"];
const TRANSACTION_REQUIRED: &[&str] = &["id", "type", "amount", "currency", "created"];

/// A header as the API (`created`) or the Dashboard (`Created (UTC)`) names it.
fn header_key(h: &str) -> String {
    h.split(" (").next().unwrap_or(h).trim().to_ascii_lowercase()
}

/// An amount as exported: minor units, or major units with a decimal point.
fn export_amount(text: &str, currency: &str) -> std::result::Result<i64, String> {
    let t = text.trim().replace(',', "");
    let bad = || format!("{text:?} is not an amount");
    if !t.contains('.') {
        return t.parse::<i64>().map_err(|_| bad());
    }
    let exponent = cdesk_domain::money::minor_unit_exponent(currency);
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').ok_or_else(bad)?;
    if fraction.len() > exponent as usize || !whole.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit()) {
        return Err(format!("{text:?} has more decimals than {} has ({exponent})", currency.to_ascii_uppercase()));
    }
    let scale = 10i64.pow(exponent);
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
    let fraction: i64 = if fraction.is_empty() { 0 } else { format!("{fraction:0<width$}", width = exponent as usize).parse().map_err(|_| bad())? };
    let minor = whole.checked_mul(scale).and_then(|w| w.checked_add(fraction)).ok_or_else(bad)?;
    Ok(if negative { -minor } else { minor })
}

/// An instant as exported: Unix seconds, RFC 3339, or `YYYY-MM-DD HH:MM[:SS]` in UTC.
fn export_instant(text: &str) -> std::result::Result<chrono::DateTime<chrono::Utc>, String> {
    let t = text.trim();
    if let Ok(secs) = t.parse::<i64>() {
        return chrono::DateTime::from_timestamp(secs, 0).ok_or_else(|| format!("{t:?} is not a time"));
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(d.with_timezone(&chrono::Utc));
    }
    for format in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(n) = chrono::NaiveDateTime::parse_from_str(t, format) {
            return Ok(n.and_utc());
        }
    }
    Err(format!("{t:?} is not a time (Unix seconds, RFC 3339, or YYYY-MM-DD HH:MM:SS in UTC)"))
}

/// Reads a balance-transactions export into entries with their row numbers.
///
/// # Errors
/// `InvalidInput` naming the row and column of the first bad value.
pub(crate) fn read_balance_transactions(reader: impl Read) -> Result<Vec<(u64, cdesk_domain::reserve::BalanceTransaction)>> {
    let mut rdr = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(reader);
    let headers: Vec<String> =
        rdr.headers().map_err(|e| ErrorBody::invalid("row 1", format!("row 1: the header cannot be read: {e}")))?.iter().map(header_key).collect();
    for r in TRANSACTION_REQUIRED {
        if !headers.iter().any(|h| h == r) {
            return Err(ErrorBody::invalid(
                format!("row 1, column {r}"),
                format!("row 1: the required column {r} is missing (a balance-transactions export has {})", TRANSACTION_COLUMNS.join(", ")),
            ));
        }
    }
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let row = i as u64 + 2;
        let rec = rec.map_err(|e| ErrorBody::invalid(format!("row {row}"), format!("row {row}: {e}")))?;
        let get = |c: &str| headers.iter().position(|h| h == c).and_then(|p| rec.get(p)).unwrap_or("").trim().to_owned();
        let id = get("id");
        if id.is_empty() {
            return Err(at_row(row, ErrorBody::invalid("id", "the transaction id is empty")));
        }
        let currency = cdesk_domain::money::currency(&get("currency"), "currency").map_err(|e| at_row(row, e.into()))?;
        let amount = export_amount(&get("amount"), &currency).map_err(|m| at_row(row, ErrorBody::invalid("amount", m)))?;
        let created = export_instant(&get("created")).map_err(|m| at_row(row, ErrorBody::invalid("created", m)))?;
        let kind = get("type");
        if kind.is_empty() {
            return Err(at_row(row, ErrorBody::invalid("type", "the transaction type is empty")));
        }
        let description = Some(get("description")).filter(|d| !d.is_empty());
        out.push((row, cdesk_domain::reserve::BalanceTransaction { id, kind, amount, currency, created, description }));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_amounts_in_minor_or_major_units() {
        assert_eq!(export_amount("-5000", "usd"), Ok(-5000));
        assert_eq!(export_amount("-50.00", "usd"), Ok(-5000));
        assert_eq!(export_amount("1,234.5", "usd"), Ok(123_450));
        assert_eq!(export_amount("1200", "jpy"), Ok(1200));
        assert!(export_amount("12.345", "usd").is_err(), "more decimals than the currency has");
        assert!(export_amount("12.5", "jpy").is_err());
        assert!(export_amount("ten", "usd").is_err());
    }

    #[test]
    fn export_instants_as_unix_seconds_rfc3339_or_dashboard_text() {
        let want = chrono::DateTime::parse_from_rfc3339("2026-11-02T15:00:00Z").unwrap().with_timezone(&chrono::Utc);
        assert_eq!(export_instant("1793631600"), Ok(want));
        assert_eq!(export_instant("2026-11-02T10:00:00-05:00"), Ok(want));
        assert_eq!(export_instant("2026-11-02 15:00:00"), Ok(want));
        assert_eq!(export_instant("2026-11-02 15:00"), Ok(want));
        assert!(export_instant("yesterday").is_err());
    }
}
