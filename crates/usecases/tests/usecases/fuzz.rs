//! Fuzzed imports: CSV files mixing good values with garbage (wrong types, huge numbers,
//! control characters, quotes, missing and extra cells, other scripts) never panic, are taken
//! whole or not at all, and every refusal names what it refused.

use cdesk_usecases::ErrorCode;
use proptest::prelude::*;

use crate::desk_at;

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2026-11-20T10:00:00-05:00".to_owned()),
        Just("2026-11-20".to_owned()),
        Just("+262142-12-20T00:00:00Z".to_owned()),
        Just("2099-01-01T00:00:00Z".to_owned()),
        Just("operational".to_owned()),
        Just("executive".to_owned()),
        Just("email".to_owned()),
        Just("regulator".to_owned()),
        Just("issuing".to_owned()),
        Just("treasury_money_movement".to_owned()),
        Just("litigation,udap".to_owned()),
        Just("acct_1Abc".to_owned()),
        Just("=HYPERLINK(\"x\")".to_owned()),
        Just("\"quoted, with comma\"".to_owned()),
        Just("Jürgen Müller 山田".to_owned()),
        Just("\u{1b}[2J".to_owned()),
        Just("18446744073709551616".to_owned()),
        Just(String::new()),
        "[ -~]{0,12}",
        "\\PC{0,8}",
    ]
}

fn csv_text() -> impl Strategy<Value = String> {
    let header = prop_oneof![
        Just("received,kind,channel,summary".to_owned()),
        Just("received,kind,channel,summary,grounds,product,topic,complainant_name,account".to_owned()),
        Just("received,kind,channel".to_owned()),
        Just("received,kind,channel,summary,unknown".to_owned()),
        Just(String::new()),
    ];
    let row = proptest::collection::vec(cell(), 0..11).prop_map(|cells| cells.join(","));
    (header, proptest::collection::vec(row, 0..6)).prop_map(|(h, rows)| {
        let mut s = h;
        for r in rows {
            s.push('\n');
            s.push_str(&r);
        }
        s
    })
}

proptest! {
    // CI runs 600 cases; `CDESK_FUZZ_CASES=N` runs more (scripts/fuzz-long.sh).
    #![proptest_config(ProptestConfig { cases: crate::fuzz_cases(600), ..ProptestConfig::default() })]

    #[test]
    fn a_fuzzed_import_is_whole_or_nothing_and_every_refusal_names_what_it_refused(text in csv_text()) {
        let mut f = desk_at("2026-11-23T15:00:00Z");
        let before = f.desk.verify_audit().unwrap().events;
        match f.desk.import_csv("fuzz.csv", text.as_bytes()) {
            Ok(out) => {
                let after = f.desk.verify_audit().unwrap();
                prop_assert!(after.ok);
                prop_assert_eq!(after.events, before + out.imported + 1, "each row one event, plus the import's own");
            }
            Err(e) => {
                prop_assert!(matches!(e.code, ErrorCode::InvalidInput | ErrorCode::Rule), "a refusal, not a failure: {:?}", e);
                prop_assert!(e.field.is_some() || e.rule.is_some() || e.message.starts_with("row ") || e.message.contains("header") || e.message.contains("column"),
                    "the refusal names what it refused: {:?}", e);
                prop_assert!(!e.message.trim().is_empty());
                prop_assert_eq!(f.desk.verify_audit().unwrap().events, before, "a refused import writes nothing");
            }
        }
    }
}
