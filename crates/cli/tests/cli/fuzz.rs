//! Fuzzed command lines: whatever arguments a script passes, `cdesk` answers with exit 0, 1 or
//! 2 and a message, never a crash (exit 101).

use super::Db;
use proptest::prelude::*;

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "calendar", "add-business-days", "is-business-day", "holidays", "complaint", "add", "show", "list", "acknowledge",
            "notify-stripe", "stripe-reviewed", "contact", "reclassify", "resolve", "reopen", "note", "void", "not-a-complaint",
            "report", "monthly", "status", "submit", "account", "set-balance", "credit", "close", "notice", "deactivate",
            "audit", "verify", "backup", "--at", "--received", "--kind", "--channel", "--summary", "--seq", "--reason",
            "--month", "--format", "--out", "--json", "--status", "--compensation", "--amount", "CMP-2026-00001",
            "CRD-2026-00001", "acct_1Abc", "operational", "executive", "email", "regulator", "csv", "pdf", "2026-10",
            "2026-11-20T10:00:00-05:00", "2026-11-20", "+262142-12-20", "4294967295", "-1", "0", "XYZ", "",
        ])
        .prop_map(str::to_owned),
        1 => "[ -~]{0,10}",
        1 => "\\PC{0,6}",
    ]
}

proptest! {
    // CI runs 150 cases; `CDESK_FUZZ_CASES=N` runs more (scripts/fuzz-long.sh).
    #![proptest_config(ProptestConfig { cases: crate::fuzz_cases(150), ..ProptestConfig::default() })]

    #[test]
    fn any_command_line_ends_with_an_answer_not_a_crash(
        prefix in prop::sample::select(vec![
            vec![], vec!["calendar", "add-business-days"], vec!["calendar", "is-business-day"], vec!["calendar", "holidays"],
            vec!["complaint", "add", "--received"], vec!["complaint", "show"], vec!["complaint", "list", "--status"],
            vec!["report", "monthly", "--month"], vec!["report", "status", "--month"], vec!["credit", "show"],
            vec!["account", "show"], vec!["complaint", "void", "CMP-2026-00001", "--seq"],
        ]),
        tail in proptest::collection::vec(word(), 0..6),
    ) {
        let args: Vec<String> = prefix.iter().map(|s| s.to_string()).chain(tail).collect();
        let db = Db::new();
        let out = db.cmd().env("CDESK_NOW", "2026-11-23T15:00:00Z").args(&args).output().unwrap();
        let code = out.status.code();
        prop_assert!(matches!(code, Some(0..=2)), "{args:?} ended with {code:?}: {}", String::from_utf8_lossy(&out.stderr));
        if code != Some(0) {
            prop_assert!(!out.stderr.is_empty(), "{args:?}: a refusal or failure says why");
        }
    }
}
