//! The adverse-action notice: the plain-text email against golden files, the order and
//! numbering of the reasons, the ECOA statement's agency, and the text of the PDF.

use std::path::PathBuf;
use std::process::Command;

use cdesk_domain::wording::{Language, ReasonWording};
use cdesk_domain::Money;
use cdesk_exports::{notice_pdf, notice_text, NoticeAction, NoticeInput};
use chrono::NaiveDate;

const AGENCY: &str = "Federal Trade Commission";
const AGENCY_ADDRESS: [&str; 2] = ["Consumer Response Center", "Washington, DC 20580"];

fn reasons(lang: Language, codes: &[&str]) -> Vec<String> {
    let w = ReasonWording::default();
    codes
        .iter()
        .map(|c| {
            w.phrase(c, lang)
                .unwrap_or_else(|| panic!("{c} has wording"))
                .to_owned()
        })
        .collect()
}

/// A credit line closed for three reasons, to a company, addressed in `lang`.
fn closed(lang: Language) -> NoticeInput {
    let (name, address) = match lang {
        Language::Ja => ("山田商店株式会社", "〒100-0005\n東京都千代田区丸の内一丁目1番1号"),
        Language::De => ("Müller & Partner GmbH", "Friedrichstraße 12\n10117 Berlin\nDeutschland"),
        Language::En => ("Lovelace Analytics LLC", "221 Mission Street, Floor 5\nSan Francisco, CA 94105"),
    };
    NoticeInput {
        recipient_name: name.into(),
        recipient_address: Some(address.into()),
        recipient_is_company: true,
        template_version: cdesk_exports::NOTICE_TEMPLATE_VERSION,
        ..closed_v1(lang)
    }
}

/// The same notice to a person, as written before the template knew businesses (version 1):
/// notices kept as sent then must be written again exactly as they were.
fn closed_v1(lang: Language) -> NoticeInput {
    let (recipient_name, recipient_address) = match lang {
        Language::Ja => (
            "山田 花子",
            "〒100-0005\n東京都千代田区丸の内一丁目1番1号\n山田商店株式会社",
        ),
        Language::De => (
            "Jürgen Müller",
            "Müller & Partner GmbH\nFriedrichstraße 12\n10117 Berlin\nDeutschland",
        ),
        Language::En => (
            "Ada Lovelace",
            "Lovelace Analytics LLC\n221 Mission Street, Floor 5\nSan Francisco, CA 94105",
        ),
    };
    NoticeInput {
        language: lang,
        case_id: "CRD-2026-00001".into(),
        notice_date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        creditor_name: "Northwind Card Services, Inc.".into(),
        creditor_address: "500 Howard Street, Suite 300\nSan Francisco, CA 94105".into(),
        creditor_phone: "+1 415 555 0142".into(),
        creditor_email: Some("credit-notices@northwind.example".into()),
        recipient_name: recipient_name.into(),
        recipient_address: Some(recipient_address.into()),
        recipient_email: "owner@customer.example".into(),
        account_id: "acct_1PqRsT2eZvKYlo2C".into(),
        action: NoticeAction::CreditLineClosed,
        decided_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        reasons: reasons(
            lang,
            &[
                "delinquent_credit_obligations",
                "debt_to_cash_balance_ratio_too_high",
                "insufficient_cash_flow",
            ],
        ),
        agency_name: AGENCY.into(),
        agency_address: AGENCY_ADDRESS.join("\n"),
        recipient_is_company: false,
        template_version: 1,
    }
}

/// A credit limit reduced from 5,000 to 2,000 USD, without a postal address or creditor email.
fn decreased() -> NoticeInput {
    NoticeInput {
        action: NoticeAction::CreditLimitDecreased {
            from: Money {
                amount_minor: 500_000,
                currency: "USD".into(),
            },
            to: Money {
                amount_minor: 200_000,
                currency: "USD".into(),
            },
        },
        recipient_address: None,
        creditor_email: None,
        reasons: reasons(Language::En, &["insufficient_revenue"]),
        ..closed(Language::En)
    }
}

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Compares `actual` with the golden file byte for byte; with `UPDATE_GOLDEN=1` rewrites it.
fn assert_golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(&path, actual).unwrap();
        eprintln!("rewrote tests/golden/{name}");
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!("tests/golden/{name}: {e} (run with UPDATE_GOLDEN=1 to write it)")
    });
    if expected == actual.as_bytes() {
        return;
    }
    let expected = String::from_utf8_lossy(&expected);
    let mut msg = format!(
        "the notice differs from tests/golden/{name} (run with UPDATE_GOLDEN=1 to accept the new text after reading it):\n"
    );
    let (exp, act): (Vec<&str>, Vec<&str>) = (
        expected.split_inclusive('\n').collect(),
        actual.split_inclusive('\n').collect(),
    );
    for i in 0..exp.len().max(act.len()) {
        let (e, a) = (exp.get(i), act.get(i));
        if e != a {
            msg.push_str(&format!(
                "line {}:\n  expected: {:?}\n  actual:   {:?}\n",
                i + 1,
                e.unwrap_or(&"<none>"),
                a.unwrap_or(&"<none>")
            ));
        }
    }
    panic!("{msg}");
}

#[test]
fn notice_text_matches_the_golden_files() {
    assert_golden("notice-closed-en.txt", &notice_text(&closed(Language::En)));
    assert_golden("notice-closed-de.txt", &notice_text(&closed(Language::De)));
    assert_golden("notice-closed-ja.txt", &notice_text(&closed(Language::Ja)));
    assert_golden("notice-decrease-en.txt", &notice_text(&decreased()));
}

#[test]
fn a_notice_kept_before_the_template_changed_is_written_exactly_as_sent() {
    for (lang, name) in [(Language::En, "en"), (Language::De, "de"), (Language::Ja, "ja")] {
        assert_golden(&format!("notice-closed-{name}-v1.txt"), &notice_text(&closed_v1(lang)));
    }
}

#[test]
fn rule_a_notice_to_a_company_opens_as_a_letter_to_a_business() {
    let de = notice_text(&closed(Language::De));
    assert!(de.contains("\nSehr geehrte Damen und Herren,\n"), "{de}");
    assert!(de.starts_with("Betreff: "), "the subject line is translated: {de}");
    let ja = notice_text(&closed(Language::Ja));
    assert!(ja.contains("山田商店株式会社 御中"), "{ja}");
    assert!(ja.starts_with("件名："), "{ja}");
    let person = NoticeInput { recipient_is_company: false, ..closed(Language::De) };
    assert!(notice_text(&person).contains("Guten Tag Müller & Partner GmbH,"), "a person is greeted by name");
}

#[test]
fn rule_a_notice_in_german_or_japanese_offers_an_english_version() {
    assert!(flat(&notice_text(&closed(Language::De))).contains("auch in englischer Sprache"));
    assert!(flat(&notice_text(&closed(Language::Ja))).contains("英語版をお送りします"));
    let en = notice_text(&closed(Language::En));
    assert!(!en.to_lowercase().contains("english version"), "an English notice needs no such sentence");
}

#[test]
fn rule_a_multi_line_address_prints_as_lines() {
    let typed = NoticeInput { recipient_address: Some("Friedrichstraße 12\\n10117 Berlin".into()), ..closed(Language::De) };
    let text = notice_text(&typed);
    assert!(text.contains("\nFriedrichstraße 12\n10117 Berlin\n"), "a typed \\n is a line break: {text}");
    assert!(!text.contains("\\n"), "no literal backslash-n in the letter");
}

#[test]
fn notice_text_is_the_same_for_the_same_input() {
    for lang in Language::ALL {
        assert_eq!(notice_text(&closed(lang)), notice_text(&closed(lang)));
    }
}

/// Byte offset of `needle` in `text`, failing the test when it is missing.
fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the notice:\n{text}"))
}

#[test]
fn notice_lists_the_reasons_numbered_in_the_given_order() {
    for lang in Language::ALL {
        let mut n = closed(lang);
        n.reasons.reverse();
        n.reasons.push(
            ReasonWording::default()
                .reason("other", Some("Program ended"), lang)
                .unwrap(),
        );
        let text = notice_text(&n);
        let mut last = 0;
        for (i, reason) in n.reasons.iter().enumerate() {
            let pos = at(&text, &format!("  {}. {reason}\n", i + 1));
            assert!(
                pos > last,
                "{lang}: reason {} must follow reason {i}",
                i + 1
            );
            last = pos;
        }
        assert!(
            !text.contains("  5. "),
            "{lang}: only the reasons given are numbered"
        );
    }
}

/// The text with every run of whitespace as one space, so that phrases can be found wherever
/// the lines were wrapped.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn notice_parts_come_in_the_required_order() {
    for lang in Language::ALL {
        let n = closed(lang);
        let text = notice_text(&n);
        let (subject, body) = text.split_once('\n').unwrap();
        let label = match lang {
            Language::En => "Subject: ",
            Language::De => "Betreff: ",
            Language::Ja => "件名：",
        };
        assert!(subject.starts_with(label) && subject.contains("CRD-2026-00001"), "{subject}");
        let body = flat(body);
        let (notice_date, decided_on) = match lang {
            Language::En => ("November 23, 2026", "November 20, 2026"),
            Language::De => ("23. November 2026", "20. November 2026"),
            Language::Ja => ("2026年11月23日", "2026年11月20日"),
        };
        let order = [
            at(
                &body,
                "Northwind Card Services, Inc. 500 Howard Street, Suite 300",
            ),
            at(&body, "+1 415 555 0142"),
            at(&body, notice_date),
            at(&body, &n.recipient_name),
            at(&body, "acct_1PqRsT2eZvKYlo2C"),
            at(&body, decided_on),
            at(&body, &format!("1. {}", n.reasons[0])),
            at(&body, "Equal Credit Opportunity Act"),
            at(&body, AGENCY),
            at(&body, "credit-notices@northwind.example"),
        ];
        let mut order = order.to_vec();
        // In German and Japanese the offer of an English version comes before the reference.
        match lang {
            Language::De => order.push(at(&body, "englischer Sprache")),
            Language::Ja => order.push(at(&body, "英語版")),
            Language::En => {}
        }
        order.push(body.rfind("CRD-2026-00001").unwrap());
        assert!(
            order.windows(2).all(|w| w[0] < w[1]),
            "{lang}: parts out of order {order:?}:\n{text}"
        );
        assert!(
            text.ends_with("CRD-2026-00001\n"),
            "{lang}: the reference ends the notice"
        );
    }
}

#[test]
fn ecoa_paragraph_names_the_agency_and_its_address() {
    for lang in Language::ALL {
        let text = notice_text(&closed(lang));
        let paragraph = text
            .split("\n\n")
            .find(|p| flat(p).contains("Equal Credit Opportunity Act"))
            .unwrap_or_else(|| panic!("{lang}: no ECOA paragraph:\n{text}"));
        assert!(
            flat(paragraph).contains("Consumer Credit Protection Act"),
            "{lang}: {paragraph}"
        );
        let lines: Vec<String> = paragraph.lines().map(str::to_owned).collect();
        let expected: Vec<String> = [AGENCY]
            .iter()
            .chain(&AGENCY_ADDRESS)
            .map(|l| format!("    {l}"))
            .collect();
        assert!(
            lines.ends_with(&expected),
            "{lang}: the paragraph must end with the agency and its address:\n{paragraph}"
        );
    }
}

#[test]
fn a_decrease_names_both_limits_and_a_missing_email_is_left_out() {
    let text = notice_text(&decreased());
    assert!(text.contains("from 5,000.00 USD to 2,000.00 USD"), "{text}");
    assert!(
        !text.contains("by email"),
        "no creditor email, no email sentence:\n{text}"
    );
    let mut de = closed(Language::De);
    de.action = decreased().action;
    assert!(notice_text(&de).contains("von 5.000,00 USD auf 2.000,00 USD"));
}

#[test]
fn a_line_break_in_a_single_line_field_cannot_add_a_header() {
    let mut n = closed(Language::En);
    n.case_id = "CRD-1\nBcc: someone@else.example".into();
    let text = notice_text(&n);
    let first = text.lines().next().unwrap();
    assert!(first.contains("CRD-1 Bcc:"), "{first}");
    assert_eq!(
        text.lines().nth(1),
        Some(""),
        "the subject is one line, followed by a blank line"
    );
}

/// The text of a PDF by `pdftotext` (poppler-utils), whitespace collapsed, or `None` when it is
/// not installed.
fn pdftotext(bytes: &[u8], name: &str) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    match Command::new("pdftotext").arg(&path).arg("-").output() {
        Ok(o) if o.status.success() => Some(
            String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        ),
        Ok(o) => panic!("pdftotext failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(_) => {
            eprintln!(
                "note: pdftotext (poppler-utils) is not installed; text extraction not checked"
            );
            None
        }
    }
}

/// Pages counted from the page objects (`/Type/Page`, not `/Type/Pages`).
fn page_count(bytes: &[u8]) -> usize {
    let needle = b"/Type/Page";
    bytes
        .windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}

#[test]
fn notice_pdf_is_one_page_with_the_creditor_the_reasons_and_the_agency() {
    for lang in Language::ALL {
        let n = closed(lang);
        let bytes = notice_pdf(&n).unwrap_or_else(|e| panic!("{e}"));
        assert!(bytes.starts_with(b"%PDF"));
        assert_eq!(page_count(&bytes), 1, "{lang}: one page");
        assert!(
            bytes == notice_pdf(&n).unwrap(),
            "{lang}: the same input gives the same PDF"
        );
        let Some(text) = pdftotext(&bytes, &format!("notice-{lang}")) else {
            return;
        };
        let mut expected = vec![
            n.creditor_name.clone(),
            n.recipient_name.clone(),
            "CRD-2026-00001".into(),
            AGENCY.into(),
        ];
        expected.extend(AGENCY_ADDRESS.map(str::to_owned));
        expected.extend(n.reasons.iter().cloned());
        for e in expected {
            assert!(
                text.contains(&e),
                "{lang}: {e:?} not in the PDF's text:\n{text}"
            );
        }
    }
}
