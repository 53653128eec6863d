use std::path::PathBuf;

use cdesk_exports::{report_csv, REPORT_COLUMNS};

use crate::fixtures;

const BOM: &str = "\u{feff}";

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name)
}

/// Compares `actual` with the golden file; with `UPDATE_GOLDEN=1` rewrites it instead.
fn assert_golden(name: &str, actual: &[u8]) {
    let path = golden_path(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        eprintln!("rewrote tests/golden/{name}");
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| panic!("tests/golden/{name}: {e} (run with UPDATE_GOLDEN=1 to write it)"));
    if expected == actual {
        return;
    }
    let exp = String::from_utf8_lossy(&expected);
    let act = String::from_utf8_lossy(actual);
    let (exp_lines, act_lines): (Vec<&str>, Vec<&str>) = (exp.split_inclusive('\n').collect(), act.split_inclusive('\n').collect());
    let mut msg = format!("CSV differs from tests/golden/{name} (run with UPDATE_GOLDEN=1 to accept the new output after checking it):\n");
    for i in 0..exp_lines.len().max(act_lines.len()) {
        let (e, a) = (exp_lines.get(i), act_lines.get(i));
        if e != a {
            msg.push_str(&format!("line {}:\n  expected: {:?}\n  actual:   {:?}\n", i + 1, e.unwrap_or(&"<none>"), a.unwrap_or(&"<none>")));
        }
    }
    panic!("{msg}");
}

fn records(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let text = text.strip_prefix(BOM).expect("a byte-order mark");
    let mut r = ::csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    r.records().map(|rec| rec.unwrap().iter().map(str::to_owned).collect()).collect()
}

#[test]
fn report_csv_matches_the_golden_file() {
    assert_golden("report.csv", &report_csv(&fixtures::report()));
}

#[test]
fn empty_month_csv_matches_the_golden_file() {
    let csv = report_csv(&fixtures::empty_report());
    assert_golden("empty.csv", &csv);
    assert_eq!(records(&csv).len(), 1, "only the header row");
}

#[test]
fn csv_has_bom_crlf_and_one_header_row() {
    let csv = report_csv(&fixtures::report());
    assert!(csv.starts_with(BOM.as_bytes()));
    let text = String::from_utf8(csv.clone()).unwrap();
    let header = format!("{BOM}{}\r\n", REPORT_COLUMNS.join(","));
    assert!(text.starts_with(&header), "{text}");
    assert!(text.ends_with("\r\n"));
    // Every line end outside quoted fields is CRLF.
    let mut quoted = false;
    let bytes = text.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => assert_eq!(bytes[i - 1], b'\r', "bare LF at byte {i}"),
            _ => {}
        }
    }
    let recs = records(&csv);
    assert_eq!(recs.len(), 1 + fixtures::rows().len());
    assert!(recs.iter().all(|r| r.len() == REPORT_COLUMNS.len()));
}

#[test]
fn csv_neutralises_formula_like_text() {
    let recs = records(&report_csv(&fixtures::report()));
    let col = |name: &str| REPORT_COLUMNS.iter().position(|c| *c == name).unwrap();
    let row = |id: &str| recs.iter().find(|r| r[0] == id).unwrap().clone();
    let r3 = row("CMP-2026-00103");
    assert_eq!(r3[col("Complainant name")], "'=HYPERLINK(\"x\")");
    assert_eq!(r3[col("Summary")], "'+1 says the card was blocked without notice and will write to the regulator");
    let r4 = row("CMP-2026-00104");
    assert_eq!(r4[col("Complainant name")], "'-2");
    assert_eq!(r4[col("Connected account")], "'@SUM(A1)");
    assert_eq!(r4[col("Summary")], "'\tleading tab");
    // No cell of any row starts with a formula character.
    for r in &recs[1..] {
        for cell in r {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?} in {r:?}");
        }
    }
}

#[test]
fn csv_values_are_formatted_per_column() {
    let recs = records(&report_csv(&fixtures::report()));
    let col = |name: &str| REPORT_COLUMNS.iter().position(|c| *c == name).unwrap();
    let row = |id: &str| recs.iter().find(|r| r[0] == id).unwrap().clone();
    let r1 = row("CMP-2026-00101");
    assert_eq!(r1[col("Received on")], "2026-10-02");
    assert_eq!(r1[col("Compensation amount")], "25.00");
    assert_eq!(r1[col("Compensation currency")], "USD");
    assert_eq!(r1[col("Acknowledge deadline")], "met");
    assert_eq!(r1[col("Complainant name")], "Jürgen Müller");
    let r2 = row("CMP-2026-00102");
    assert_eq!(r2[col("Compensation amount")], "5000");
    assert_eq!(r2[col("Acknowledge deadline")], "missed");
    assert_eq!(r2[col("Complainant name")], "山田 花子");
    let r3 = row("CMP-2026-00103");
    assert_eq!(r3[col("Executive grounds")], "regulator,udap");
    assert_eq!(r3[col("Overdue at end of month")], "yes");
    assert_eq!(r3[col("Acknowledge deadline")], "missed", "overdue counts as missed");
    assert_eq!(r3[col("Resolve deadline")], "", "no resolve clock");
    let r4 = row("CMP-2026-00104");
    assert_eq!(r4[col("Resolve deadline")], "pending");
    assert_eq!(r4[col("Product")], "");
    let r5 = row("CMP-2026-00090");
    assert_eq!(r5[col("Section")], "carried over");
    assert_eq!(r5[col("Summary")], "Line one\r\nLine two, with a comma");
    assert_eq!(r5[col("Complainant name")], "Ann O'Neil, \"Nan\"");
}

#[test]
fn csv_carries_what_an_examiner_asks_for() {
    let recs = records(&report_csv(&fixtures::report()));
    let col = |name: &str| REPORT_COLUMNS.iter().position(|c| *c == name).unwrap_or_else(|| panic!("no column {name}"));
    let row = |id: &str| recs.iter().find(|r| r[0] == id).unwrap().clone();
    let r1 = row("CMP-2026-00101");
    // The time received in the program's zone (the fixture's is Berlin), with its abbreviation.
    assert_eq!(r1[col("Received at")], "2026-10-02 15:15 CEST");
    assert_eq!(r1[col("Logged on")], "2026-10-02");
    assert_eq!((r1[col("Root cause")].as_str(), r1[col("Remediation")].as_str()), ("system_error", "system_fixed"));
    assert_eq!(r1[col("Program")], fixtures::report().program);
    let r3 = row("CMP-2026-00103");
    assert_eq!(r3[col("Regulator")], "Consumer Financial Protection Bureau");
    assert_eq!(r3[col("Regulator reference")], "261012-0004521");
    assert_eq!(r3[col("Stripe reference")], "SUP-2026-3391");
    assert_eq!((r3[col("Original kind")].as_str(), r3[col("Kind")].as_str()), ("operational", "executive"));
    assert_eq!(r3[col("Reclassified on")], "2026-10-13");
    assert!(r3[col("Reclassification reason")].starts_with("The CFPB forwarded it"));
    // A note a spreadsheet would run as a formula is neutralised like any other text.
    assert_eq!(row("CMP-2026-00090")[col("Remediation note")], "'=Fee wording rewritten");
}

#[test]
fn csv_is_deterministic() {
    let r = fixtures::report();
    assert_eq!(report_csv(&r), report_csv(&r));
}
