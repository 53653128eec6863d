use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, DataType, Range, Reader, Xlsx};
use cdesk_exports::{report_xlsx, REPORT_COLUMNS};

use crate::fixtures;

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).expect("a readable XLSX")
}

fn col(name: &str) -> usize {
    REPORT_COLUMNS.iter().position(|c| *c == name).unwrap()
}

fn row_of<'a>(range: &'a Range<Data>, id: &str) -> Vec<&'a Data> {
    range.rows().find(|r| r[0] == Data::String(id.to_owned())).unwrap_or_else(|| panic!("row {id}")).iter().collect()
}

fn texts(range: &Range<Data>) -> Vec<String> {
    range.rows().flat_map(|r| r.iter()).filter_map(|c| c.get_string().map(str::to_owned)).collect()
}

#[test]
fn xlsx_is_byte_identical_every_time() {
    let r = fixtures::report();
    let a = report_xlsx(&r).unwrap();
    let b = report_xlsx(&r).unwrap();
    assert!(a.starts_with(b"PK"), "a zip file");
    assert!(a == b, "two builds of the same report differ");
    let e = fixtures::empty_report();
    assert!(report_xlsx(&e).unwrap() == report_xlsx(&e).unwrap());
}

#[test]
fn xlsx_has_summary_and_complaints_sheets_with_the_shared_headings() {
    let mut wb = open(report_xlsx(&fixtures::report()).unwrap());
    assert_eq!(wb.sheet_names(), ["Summary", "Complaints"]);
    let range = wb.worksheet_range("Complaints").unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, REPORT_COLUMNS);
    assert_eq!(range.height(), 1 + fixtures::rows().len());
}

#[test]
fn xlsx_writes_formula_like_text_as_strings_and_no_formulas() {
    let mut wb = open(report_xlsx(&fixtures::report()).unwrap());
    for sheet in ["Summary", "Complaints"] {
        let formulas = wb.worksheet_formula(sheet).unwrap();
        assert!(formulas.rows().flat_map(|r| r.iter()).all(String::is_empty), "a formula in {sheet}");
    }
    let range = wb.worksheet_range("Complaints").unwrap();
    let r3 = row_of(&range, "CMP-2026-00103");
    assert_eq!(*r3[col("Complainant name")], Data::String("=HYPERLINK(\"x\")".into()));
    assert_eq!(*r3[col("Summary")], Data::String("+1 says the card was blocked without notice and will write to the regulator".into()));
    let r4 = row_of(&range, "CMP-2026-00104");
    assert_eq!(*r4[col("Complainant name")], Data::String("-2".into()));
    assert_eq!(*r4[col("Connected account")], Data::String("@SUM(A1)".into()));
    assert_eq!(*r4[col("Summary")], Data::String("\tleading tab".into()));
}

#[test]
fn xlsx_dates_are_dates_and_counts_and_amounts_are_numbers() {
    let mut wb = open(report_xlsx(&fixtures::report()).unwrap());
    let range = wb.worksheet_range("Complaints").unwrap();
    let r1 = row_of(&range, "CMP-2026-00101");
    let received = r1[col("Received on")];
    assert!(received.is_datetime(), "{received:?}");
    assert_eq!(received.as_date(), Some(fixtures::d(10, 2)));
    assert_eq!(r1[col("Resolved on")].as_date(), Some(fixtures::d(10, 9)));
    assert_eq!(*r1[col("Business days to acknowledge")], Data::Float(1.0));
    assert_eq!(*r1[col("Business days to resolve")], Data::Float(5.0));
    assert_eq!(*r1[col("Compensation amount")], Data::Float(25.0));
    assert_eq!(*r1[col("Compensation currency")], Data::String("USD".into()));
    assert_eq!(*r1[col("Complainant name")], Data::String("Jürgen Müller".into()));
    let r2 = row_of(&range, "CMP-2026-00102");
    assert_eq!(*r2[col("Compensation amount")], Data::Float(5000.0));
    assert_eq!(*r2[col("Complainant name")], Data::String("山田 花子".into()));
    let r3 = row_of(&range, "CMP-2026-00103");
    assert_eq!(*r3[col("Acknowledged on")], Data::Empty);
    assert_eq!(*r3[col("Executive grounds")], Data::String("regulator,udap".into()));
    assert_eq!(r3[col("Stripe review completed on")].as_date(), Some(fixtures::d(10, 16)));
}

#[test]
fn xlsx_summary_has_the_figures() {
    let mut wb = open(report_xlsx(&fixtures::report()).unwrap());
    let range = wb.worksheet_range("Summary").unwrap();
    let t = texts(&range);
    for expected in ["Acme Card Program", "October 2026", "Europe/Berlin", "Overdue at the end of the month", "JPY", "USD", "Fraud management"] {
        assert!(t.iter().any(|s| s == expected), "{expected} missing from {t:?}");
    }
    assert!(!t.iter().any(|s| s == "No complaints in this month"));
    let value = |label: &str| -> Data {
        let row = range.rows().find(|r| r[0] == Data::String(label.to_owned())).unwrap_or_else(|| panic!("{label}"));
        row[1].clone()
    };
    assert_eq!(value("Total in this report"), Data::Float(5.0));
    assert_eq!(value("Overdue at the end of the month"), Data::Float(1.0));
    assert_eq!(value("Acknowledged within the deadline"), Data::Float(0.5));
    assert_eq!(value("Median business days to resolve"), Data::Float(9.0));
    assert_eq!(value("USD"), Data::Float(25.0));
    assert_eq!(value("JPY"), Data::Float(5000.0));
}

#[test]
fn empty_month_xlsx_says_so_and_has_only_headers() {
    let mut wb = open(report_xlsx(&fixtures::empty_report()).unwrap());
    let summary = wb.worksheet_range("Summary").unwrap();
    assert!(texts(&summary).iter().any(|s| s == "No complaints in this month"));
    let complaints = wb.worksheet_range("Complaints").unwrap();
    assert_eq!(complaints.height(), 1);
    let header: Vec<String> = complaints.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, REPORT_COLUMNS);
}
