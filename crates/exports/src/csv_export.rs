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
    let mut record: Vec<String> = Vec::with_capacity(REPORT_COLUMNS.len());
    let cx = RowContext::of(report);
    for row in &report.rows {
        record.clear();
        record.extend(row_cells(row, &cx).iter().map(csv_field));
        w.write_record(&record)?;
    }
    w.flush()?;
    Ok(())
}

fn csv_field(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) if looks_like_formula(s) => format!("'{s}"),
        Cell::Text(s) => s.clone(),
        // NaiveDate shows itself as YYYY-MM-DD, without parsing a format string for each cell.
        Cell::Date(d) => d.to_string(),
        Cell::Int(n) => n.to_string(),
        Cell::Amount { minor, exponent } => amount_text(*minor, *exponent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_gets_a_quote_and_other_cells_do_not() {
        assert_eq!(csv_field(&Cell::Text("=HYPERLINK(\"x\")".into())), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_field(&Cell::Text("\tx".into())), "'\tx");
        assert_eq!(csv_field(&Cell::Text("Müller".into())), "Müller");
        assert_eq!(csv_field(&Cell::Amount { minor: -5, exponent: 2 }), "-0.05");
        assert_eq!(csv_field(&Cell::Int(-1)), "-1");
    }
}
