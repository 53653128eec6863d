use crate::desk_at;

const GOOD: &str = "received,kind,channel,summary,grounds,product,topic,complainant_name,complainant_email,account
2026-11-20T10:00:00-05:00,operational,email,Card declined,,issuing,cardholder_experience,Ada Example,ada@example.com,acct_1A2b
2026-11-20T11:00:00-05:00,executive,regulator,CFPB forwarded,\"regulator,udap\",treasury,,Jürgen Müller,,
";

#[test]
fn import_adds_every_row() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let out = f.desk.import_csv("complaints.csv", GOOD.as_bytes()).unwrap();
    assert_eq!(out.imported, 2);
    assert_eq!(out.last_id.as_deref(), Some("CMP-2026-00002"));
    let d = f.desk.complaint("CMP-2026-00002").unwrap();
    assert_eq!(d.complaint.grounds.len(), 2);
    assert_eq!(d.complaint.intake.complainant.name, "Jürgen Müller");
}

#[test]
fn import_is_all_or_nothing_and_names_row_and_column() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let bad = format!("{GOOD}2026-11-21T10:00:00-05:00,operational,fax,Bad channel,,,,X,,\n");
    let err = f.desk.import_csv("complaints.csv", bad.as_bytes()).unwrap_err();
    assert!(err.message.starts_with("row 4, column channel:"), "{}", err.message);
    assert_eq!(f.desk.register_counts().unwrap().open, 0, "no row may be imported when one is bad");
    let bad = "received,kind,channel,summary\nyesterday,operational,email,x\n";
    let err = f.desk.import_csv("c.csv", bad.as_bytes()).unwrap_err();
    assert!(err.message.starts_with("row 2, column received:"), "{}", err.message);
}

#[test]
fn import_refuses_unknown_or_missing_columns() {
    let mut f = desk_at("2026-11-23T15:00:00Z");
    let err = f.desk.import_csv("c.csv", "received,kind,channel\n".as_bytes()).unwrap_err();
    assert!(err.message.contains("summary"), "{}", err.message);
    let err = f.desk.import_csv("c.csv", "received,kind,channel,summary,colour\n".as_bytes()).unwrap_err();
    assert!(err.message.contains("colour"), "{}", err.message);
}
