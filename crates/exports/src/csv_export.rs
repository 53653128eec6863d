//! The complaint table as CSV for spreadsheets.

use cdesk_domain::report::MonthlyReport;

use crate::cells::{amount_text, looks_like_formula, row_cells, Cell, RowContext, REPORT_COLUMNS};

const BOM: &[u8] = "\u{feff}".as_bytes();

pub(crate) fn report_csv(report: &MonthlyReport) -> Vec<u8> {
    let mut out = Vec::with_capacity(BOM.len() + 400 * (report.rows.len() + 1));
    // Writing into a Vec cannot fail: the only errors are I/O errors of the writer.
    write_report_csv(report, &mut out).expect("writing CSV to memory");
    out
}

/// Writes the CSV into `out` row by row (a file need not be held in memory whole).
pub(crate) fn write_report_csv(report: &MonthlyReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(BOM)?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out);
    w.write_record(REPORT_COLUMNS)?;
    let cx = RowContext::of(report);
    // Each field is written as it is: text straight from the row, numbers and dates through one
    // reused buffer, so a row costs no allocation per cell.
    let mut buf = String::with_capacity(32);
    for row in &report.rows {
        for cell in row_cells(row, &cx).iter() {
            w.write_field(field(cell, &mut buf))?;
        }
        w.write_record(None::<&[u8]>)?;
    }
    w.flush()?;
    Ok(())
}

/// The bytes of one field: text straight from the row, dates, numbers and neutralised
/// formula-like text through `buf`, so a row costs no allocation per cell.
fn field<'c>(cell: &'c Cell<'_>, buf: &'c mut String) -> &'c [u8] {
    use std::fmt::Write;
    buf.clear();
    // Writing into a String cannot fail.
    let _ = match cell {
        Cell::Empty => return b"",
        Cell::Text(s) if looks_like_formula(s) => write!(buf, "'{s}"),
        Cell::Text(s) => return s.as_bytes(),
        // NaiveDate shows itself as YYYY-MM-DD, without parsing a format string for each cell.
        Cell::Date(d) => write!(buf, "{d}"),
        Cell::Int(n) => write!(buf, "{n}"),
        Cell::Amount { minor, exponent } => {
            buf.push_str(&amount_text(*minor, *exponent));
            Ok(())
        }
    };
    buf.as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_field(cell: &Cell<'_>) -> String {
        String::from_utf8(field(cell, &mut String::new()).to_vec()).unwrap()
    }

    #[test]
    fn formula_like_text_gets_a_quote_and_other_cells_do_not() {
        assert_eq!(csv_field(&Cell::Text("=HYPERLINK(\"x\")".into())), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_field(&Cell::Text("\tx".into())), "'\tx");
        assert_eq!(csv_field(&Cell::Text("Müller".into())), "Müller");
        assert_eq!(csv_field(&Cell::Amount { minor: -5, exponent: 2 }), "-0.05");
        assert_eq!(csv_field(&Cell::Int(-1)), "-1");
    }
}
