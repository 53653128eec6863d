//! The adverse-action notice (Regulation B): the letter telling a customer that their credit
//! line was closed or their credit limit reduced, with the principal reasons and the ECOA
//! statement, as a plain-text email and as a one-page PDF letter.
//!
//! The fixed sentences are data (`templates/adverse-action-notice.toml`, English, German and
//! Japanese). Nothing here reads the clock or the database; the same input gives the same bytes.

mod pdf;

use std::sync::LazyLock;

use cdesk_domain::money::minor_unit_exponent;
use cdesk_domain::wording::Language;
use cdesk_domain::Money;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use crate::pdf::text::is_cjk;
use crate::ExportError;

/// Everything a notice says. Plain data: the caller has already chosen the language and put
/// the reasons into the customer's words.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NoticeInput {
    pub language: Language,
    /// Shown as the reference, e.g. `CRD-2026-00001`.
    pub case_id: String,
    pub notice_date: NaiveDate,
    pub creditor_name: String,
    /// May hold several lines.
    pub creditor_address: String,
    pub creditor_phone: String,
    pub creditor_email: Option<String>,
    pub recipient_name: String,
    /// May hold several lines.
    pub recipient_address: Option<String>,
    pub recipient_email: String,
    /// The connected account, `acct_...`.
    pub account_id: String,
    pub action: NoticeAction,
    pub decided_on: NaiveDate,
    /// The principal reasons (1 to 4) in the customer's words and language, most important first.
    pub reasons: Vec<String>,
    /// The federal agency that administers compliance with the ECOA for this creditor.
    pub agency_name: String,
    /// May hold several lines.
    pub agency_address: String,
    /// The recipient is a business (addressed as such), not a person.
    #[serde(default)]
    pub recipient_is_company: bool,
    /// Which wording the notice was written with: 1 for notices kept before the business
    /// greeting, the translated subject label and the English-version sentence (they are
    /// written again exactly as sent), [`NOTICE_TEMPLATE_VERSION`] for new ones.
    #[serde(default = "first_template_version")]
    pub template_version: u32,
}

/// The template version new notices are written with.
pub const NOTICE_TEMPLATE_VERSION: u32 = 2;

fn first_template_version() -> u32 {
    1
}

/// The adverse action the notice reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum NoticeAction {
    CreditLineClosed,
    CreditLimitDecreased { from: Money, to: Money },
}

/// Plain-text lines are wrapped to this many columns (a CJK character takes two).
const TEXT_COLUMNS: usize = 76;

const TEMPLATES: &str = include_str!("../templates/adverse-action-notice.toml");

/// The fixed sentences of one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sentences {
    subject_label: String,
    subject: String,
    heading: String,
    phone: String,
    email: String,
    account: String,
    greeting: String,
    greeting_company: String,
    action_closed: String,
    action_decreased: String,
    reasons_intro: String,
    reason_number: String,
    ecoa: String,
    contact: String,
    contact_email: String,
    /// Empty in English.
    english_version: String,
    reference: String,
    date: String,
    /// Empty where the date shows the month as a number.
    #[serde(default)]
    month_names: Vec<String>,
    thousands_separator: String,
    decimal_separator: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Templates {
    en: Sentences,
    de: Sentences,
    ja: Sentences,
}

static SENTENCES: LazyLock<Templates> =
    LazyLock::new(|| toml::from_str(TEMPLATES).expect("the shipped notice template parses"));

fn sentences(lang: Language) -> &'static Sentences {
    match lang {
        Language::En => &SENTENCES.en,
        Language::De => &SENTENCES.de,
        Language::Ja => &SENTENCES.ja,
    }
}

/// `template` with every `{name}` replaced by its value. Values are inserted as they are (a
/// brace in a value is never read as a placeholder); an unknown name stays as written.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            values
                .iter()
                .find(|(k, _)| *k == &after[..close])
                .map(|(_, v)| (close, *v))
        });
        match value {
            Some((close, v)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A date in the language's words: `November 23, 2026`, `23. November 2026`, `2026年11月23日`.
fn date(d: NaiveDate, t: &Sentences) -> String {
    let month_name = t
        .month_names
        .get(d.month0() as usize)
        .cloned()
        .unwrap_or_default();
    fill(
        &t.date,
        &[
            ("year", &d.year().to_string()),
            ("month", &d.month().to_string()),
            ("month_name", &month_name),
            ("day", &d.day().to_string()),
        ],
    )
}

/// An amount with the language's separators and the currency code: `2,000.00 USD`,
/// `2.000,00 USD`, `500,000 JPY`.
fn amount(m: &Money, t: &Sentences) -> String {
    let exp = minor_unit_exponent(&m.currency);
    let div = 10u64.pow(exp);
    let abs = m.amount_minor.unsigned_abs();
    let digits = (abs / div).to_string();
    let mut whole = String::with_capacity(digits.len() * 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            whole.push_str(&t.thousands_separator);
        }
        whole.push(c);
    }
    let sign = if m.amount_minor < 0 { "-" } else { "" };
    if exp == 0 {
        format!("{sign}{whole} {}", m.currency)
    } else {
        let frac = abs % div;
        let dec = &t.decimal_separator;
        format!(
            "{sign}{whole}{dec}{frac:0width$} {}",
            m.currency,
            width = exp as usize
        )
    }
}

/// The lines of a multi-line field, each on one line, empty ones left out. From template
/// version 2 a literal `\n` (typed on a command line or in a CSV cell) is a line break too;
/// notices kept before are written again as they were sent.
fn lines(text: &str, version: u32) -> Vec<String> {
    let text = if version >= 2 { text.replace("\\n", "\n") } else { text.to_owned() };
    text.lines().map(clean).filter(|l| !l.is_empty()).collect()
}

/// The notice's words, in order, shared by the text and the PDF.
struct Letter {
    language: Language,
    subject_label: String,
    subject_separator: &'static str,
    subject: String,
    /// The creditor's name first, then the address lines and the phone line.
    creditor: Vec<String>,
    date: String,
    /// The recipient's name first, then the address lines, the email and the account.
    recipient: Vec<String>,
    heading: String,
    greeting: String,
    action: String,
    reasons_intro: String,
    /// Number and reason, in order.
    reasons: Vec<(String, String)>,
    ecoa: String,
    /// The agency's name first, then its address lines.
    agency: Vec<String>,
    contact: String,
    /// That an English version is available on request; empty in English.
    english_version: String,
    reference: String,
}

impl Letter {
    fn new(n: &NoticeInput) -> Letter {
        let t = sentences(n.language);
        let one = clean;
        let creditor_name = one(&n.creditor_name);
        let creditor_phone = one(&n.creditor_phone).replace(' ', "\u{a0}");
        let case_id = one(&n.case_id);
        let account_id = one(&n.account_id);
        let recipient_name = one(&n.recipient_name);
        let decided_on = date(n.decided_on, t);

        let mut creditor = vec![creditor_name.clone()];
        creditor.extend(lines(&n.creditor_address, n.template_version));
        creditor.push(fill(&t.phone, &[("creditor_phone", &creditor_phone)]));

        let mut recipient = vec![recipient_name.clone()];
        recipient.extend(
            n.recipient_address
                .as_deref()
                .map(|a| lines(a, n.template_version))
                .unwrap_or_default(),
        );
        recipient.push(fill(
            &t.email,
            &[("recipient_email", &one(&n.recipient_email))],
        ));
        recipient.push(fill(&t.account, &[("account_id", &account_id)]));

        let action = match &n.action {
            NoticeAction::CreditLineClosed => fill(
                &t.action_closed,
                &[("decided_on", &decided_on), ("account_id", &account_id)],
            ),
            NoticeAction::CreditLimitDecreased { from, to } => fill(
                &t.action_decreased,
                &[
                    ("decided_on", &decided_on),
                    ("account_id", &account_id),
                    ("from", &amount(from, t)),
                    ("to", &amount(to, t)),
                ],
            ),
        };

        let reasons = n
            .reasons
            .iter()
            .map(|r| one(r))
            .filter(|r| !r.is_empty())
            .enumerate()
            .map(|(i, r)| (fill(&t.reason_number, &[("n", &(i + 1).to_string())]), r))
            .collect();

        let mut agency = vec![one(&n.agency_name)];
        agency.extend(lines(&n.agency_address, n.template_version));

        let contact_email = n
            .creditor_email
            .as_deref()
            .map(one)
            .filter(|e| !e.is_empty())
            .map(|e| fill(&t.contact_email, &[("creditor_email", &e)]))
            .unwrap_or_default();

        let current = n.template_version >= 2;
        let greeting = if current && n.recipient_is_company { &t.greeting_company } else { &t.greeting };
        Letter {
            language: n.language,
            subject_label: if current { t.subject_label.clone() } else { "Subject".to_owned() },
            subject_separator: if current && n.language == Language::Ja { "：" } else { ": " },
            english_version: if current { t.english_version.clone() } else { String::new() },
            subject: fill(&t.subject, &[("case_id", &case_id)]),
            creditor,
            date: date(n.notice_date, t),
            recipient,
            heading: t.heading.clone(),
            greeting: fill(greeting, &[("recipient_name", &recipient_name)]),
            action,
            reasons_intro: t.reasons_intro.clone(),
            reasons,
            ecoa: fill(&t.ecoa, &[("creditor_name", &creditor_name)]),
            agency,
            contact: fill(
                &t.contact,
                &[
                    ("creditor_name", &creditor_name),
                    ("creditor_phone", &creditor_phone),
                    ("contact_email", &contact_email),
                ],
            ),
            reference: fill(&t.reference, &[("case_id", &case_id)]),
        }
    }
}

/// Columns a text takes in a monospace mail client: two for a CJK character, one otherwise.
fn columns(text: &str) -> usize {
    text.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum()
}

/// Japanese characters that must not start a line (closing brackets and punctuation, small
/// kana, the prolonged sound mark).
fn no_break_before(c: char) -> bool {
    "、。，．・：；？！ー」』）］｝〉》】〕ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ".contains(c)
}

/// Opening brackets, which must not end a line.
fn no_break_after(c: char) -> bool {
    "「『（［｛〈《【〔".contains(c)
}

/// A space at which a line must not break (inside a phone number); written as a plain space.
const NO_BREAK_SPACE: char = '\u{a0}';

/// `text` on one line: runs of whitespace (line breaks, tabs) become one space, other control
/// characters are dropped, no-break spaces are kept.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c == NO_BREAK_SPACE {
            out.push(c);
            space = false;
        } else if c.is_whitespace() {
            space = !out.is_empty();
        } else if !c.is_control() {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// `text` cut into pieces that may not be broken: at spaces (`.0` says whether a space came
/// before) and between CJK characters where Japanese line breaking allows it.
fn pieces(text: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut space_before = false;
    let mut prev: Option<char> = None;
    for c in clean(text).chars() {
        if c == ' ' {
            if !cur.is_empty() {
                out.push((space_before, std::mem::take(&mut cur)));
            }
            space_before = true;
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            if (is_cjk(p) || is_cjk(c)) && !no_break_before(c) && !no_break_after(p) {
                out.push((space_before, std::mem::take(&mut cur)));
                space_before = false;
            }
        }
        cur.push(c);
        prev = Some(c);
    }
    if !cur.is_empty() {
        out.push((space_before, cur));
    }
    out
}

/// `text` wrapped into lines no wider than `width` as `measure` counts. A piece wider than a
/// line gets a line of its own, broken between characters only when `break_long` (the PDF
/// must stay inside its margins; an email keeps a long address whole).
fn wrap_by(text: &str, width: f32, break_long: bool, measure: impl Fn(&str) -> f32) -> Vec<String> {
    let space = measure(" ");
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0.0;
    for (space_before, piece) in pieces(text) {
        let piece = piece.replace(NO_BREAK_SPACE, " ");
        let w = measure(&piece);
        let sp = if space_before && !cur.is_empty() {
            space
        } else {
            0.0
        };
        if !cur.is_empty() && cur_w + sp + w > width {
            lines.push(std::mem::take(&mut cur));
            cur_w = 0.0;
        } else if sp > 0.0 {
            cur.push(' ');
            cur_w += sp;
        }
        if cur.is_empty() && w > width && break_long {
            for c in piece.chars() {
                let mut buf = [0; 4];
                let cw = measure(c.encode_utf8(&mut buf));
                if !cur.is_empty() && cur_w + cw > width {
                    lines.push(std::mem::take(&mut cur));
                    cur_w = 0.0;
                }
                cur.push(c);
                cur_w += cw;
            }
            continue;
        }
        cur.push_str(&piece);
        cur_w += w;
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// `text` wrapped to `width` columns of plain text.
fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_by(text, width as f32, false, |s| columns(s) as f32)
}

/// Appends `text` wrapped, the first line after `first`, the others after `rest`.
fn push_wrapped(out: &mut String, text: &str, first: &str, rest: &str) {
    let width = TEXT_COLUMNS
        .saturating_sub(columns(first).max(columns(rest)))
        .max(20);
    for (i, line) in wrap(text, width).iter().enumerate() {
        out.push_str(if i == 0 { first } else { rest });
        out.push_str(line);
        out.push('\n');
    }
}

pub(crate) fn notice_text(n: &NoticeInput) -> String {
    let l = Letter::new(n);
    let mut out = format!("{}{}{}\n\n", l.subject_label, l.subject_separator, l.subject);
    let block = |out: &mut String, lines: &[String]| {
        for line in lines {
            push_wrapped(out, line, "", "");
        }
        out.push('\n');
    };
    block(&mut out, &l.creditor);
    block(&mut out, std::slice::from_ref(&l.date));
    block(&mut out, &l.recipient);
    out.push_str(&l.heading);
    out.push('\n');
    out.push_str(&"=".repeat(columns(&l.heading)));
    out.push_str("\n\n");
    for paragraph in [&l.greeting, &l.action, &l.reasons_intro] {
        push_wrapped(&mut out, paragraph, "", "");
        out.push('\n');
    }
    out.pop();
    for (number, reason) in &l.reasons {
        let first = format!("  {number} ");
        let rest = " ".repeat(columns(&first));
        push_wrapped(&mut out, reason, &first, &rest);
    }
    out.push('\n');
    push_wrapped(&mut out, &l.ecoa, "", "");
    for line in &l.agency {
        push_wrapped(&mut out, line, "    ", "    ");
    }
    out.push('\n');
    push_wrapped(&mut out, &l.contact, "", "");
    out.push('\n');
    if !l.english_version.is_empty() {
        push_wrapped(&mut out, &l.english_version, "", "");
        out.push('\n');
    }
    push_wrapped(&mut out, &l.reference, "", "");
    out
}

pub(crate) fn notice_pdf(n: &NoticeInput) -> Result<Vec<u8>, ExportError> {
    pdf::notice_pdf(&Letter::new(n), n.notice_date)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use cdesk_domain::wording::ReasonWording;

    /// A notice in `lang`; `long` gives four reasons, one of them long, and long addresses.
    pub(crate) fn sample(lang: Language, long: bool) -> NoticeInput {
        let w = ReasonWording::default();
        let mut codes = vec!["delinquent_credit_obligations", "insufficient_cash_balance"];
        if long {
            codes.extend([
                "too_many_non_sufficient_funds_or_overdrafts",
                "excessive_income_or_revenue_obligations",
            ]);
        }
        let mut reasons: Vec<String> = codes
            .iter()
            .map(|c| w.phrase(c, lang).unwrap().to_owned())
            .collect();
        if long {
            let explanation = "The card program that backed this credit line ended on October 31, 2026, and no other program of ours can take it over";
            reasons[3] = w.reason("other", Some(explanation), lang).unwrap();
        }
        let street = if long {
            "Suite 4200, Embarcadero Center Four, 1 Very Long Street Name Boulevard"
        } else {
            "Suite 300"
        };
        NoticeInput {
            language: lang,
            case_id: "CRD-2026-00001".into(),
            notice_date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            creditor_name: "Northwind Card Services, Inc.".into(),
            creditor_address: format!("500 Howard Street\n{street}\nSan Francisco, CA 94105"),
            creditor_phone: "+1 415 555 0142".into(),
            creditor_email: Some("credit@northwind.example".into()),
            recipient_name: if lang == Language::Ja {
                "山田 花子"
            } else {
                "Jürgen Müller"
            }
            .into(),
            recipient_address: Some(if lang == Language::Ja {
                "〒100-0005\n東京都千代田区丸の内一丁目1番1号".into()
            } else {
                "Müller & Partner GmbH\nFriedrichstraße 12\n10117 Berlin".into()
            }),
            recipient_email: "jm@mueller-partner.example".into(),
            account_id: "acct_1PqRsT2eZvKYlo2C".into(),
            action: NoticeAction::CreditLineClosed,
            decided_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            reasons,
            agency_name: "Federal Trade Commission".into(),
            agency_address: "Consumer Response Center\nWashington, DC 20580".into(),
            recipient_is_company: true,
            template_version: NOTICE_TEMPLATE_VERSION,
        }
    }

    #[test]
    fn every_notice_fills_every_placeholder() {
        for lang in Language::ALL {
            for long in [false, true] {
                let mut n = sample(lang, long);
                for action in [
                    NoticeAction::CreditLineClosed,
                    NoticeAction::CreditLimitDecreased {
                        from: Money {
                            amount_minor: 500_000,
                            currency: "USD".into(),
                        },
                        to: Money {
                            amount_minor: 200_000,
                            currency: "USD".into(),
                        },
                    },
                ] {
                    n.action = action;
                    let text = notice_text(&n);
                    assert!(
                        !text.contains('{') && !text.contains('}'),
                        "{lang}: a placeholder was left:\n{text}"
                    );
                    for line in text.lines() {
                        assert!(columns(line) <= TEXT_COLUMNS, "{lang}: too long: {line:?}");
                    }
                }
            }
        }
    }

    /// Every `{name}` in `text`.
    fn placeholders(text: &str) -> Vec<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn every_language_has_the_same_placeholders_in_each_sentence() {
        let all = [&SENTENCES.en, &SENTENCES.de, &SENTENCES.ja];
        let fields = |t: &'static Sentences| -> Vec<(&'static str, &'static str)> {
            vec![
                ("subject", t.subject.as_str()),
                ("heading", t.heading.as_str()),
                ("phone", t.phone.as_str()),
                ("email", t.email.as_str()),
                ("account", t.account.as_str()),
                ("greeting", t.greeting.as_str()),
                ("action_closed", t.action_closed.as_str()),
                ("action_decreased", t.action_decreased.as_str()),
                ("reasons_intro", t.reasons_intro.as_str()),
                ("reason_number", t.reason_number.as_str()),
                ("ecoa", t.ecoa.as_str()),
                ("contact", t.contact.as_str()),
                ("contact_email", t.contact_email.as_str()),
                ("reference", t.reference.as_str()),
            ]
        };
        let en = fields(all[0]);
        for t in &all[1..] {
            for ((name, en_text), (_, text)) in en.iter().zip(fields(t)) {
                let (mut a, mut b) = (placeholders(en_text), placeholders(text));
                a.sort_unstable();
                b.sort_unstable();
                assert_eq!(a, b, "{name}: every language fills the same values");
            }
        }
        for t in all {
            assert!(t.month_names.is_empty() || t.month_names.len() == 12);
            let mut date = placeholders(&t.date);
            date.sort_unstable();
            assert!(
                date.contains(&"year") && date.contains(&"day"),
                "{:?}",
                t.date
            );
        }
    }

    #[test]
    fn fill_inserts_values_once_and_keeps_unknown_names() {
        assert_eq!(
            fill("{a} and {b}", &[("a", "{b}"), ("b", "x")]),
            "{b} and x"
        );
        assert_eq!(fill("{unknown} {", &[]), "{unknown} {");
    }

    #[test]
    fn dates_and_amounts_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(date(d, sentences(Language::En)), "November 23, 2026");
        assert_eq!(date(d, sentences(Language::De)), "23. November 2026");
        assert_eq!(date(d, sentences(Language::Ja)), "2026年11月23日");
        let usd = Money {
            amount_minor: 25_000_000,
            currency: "USD".into(),
        };
        assert_eq!(amount(&usd, sentences(Language::En)), "250,000.00 USD");
        assert_eq!(amount(&usd, sentences(Language::De)), "250.000,00 USD");
        let jpy = Money {
            amount_minor: -1_500_000,
            currency: "JPY".into(),
        };
        assert_eq!(amount(&jpy, sentences(Language::Ja)), "-1,500,000 JPY");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_between_japanese_characters_but_not_before_punctuation() {
        let w = wrap("aaa bbb ccc", 7);
        assert_eq!(w, ["aaa bbb", "ccc"]);
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            ["averyveryverylongword", "x"]
        );
        // Two columns per character: three characters a line, and "。" stays with "す".
        assert_eq!(wrap("あいうです。", 6), ["あいう", "です。"]);
        assert_eq!(
            wrap("あい（acct_1）です", 8),
            ["あい", "（acct_1）", "です"]
        );
        // A phone number is never broken, and its spaces are plain spaces again.
        assert_eq!(
            wrap("call +1\u{a0}415\u{a0}555 now", 14),
            ["call", "+1 415 555 now"]
        );
        assert_eq!(
            wrap_by("abcdefgh", 3.0, true, |s| s.chars().count() as f32),
            ["abc", "def", "gh"]
        );
        assert_eq!(clean(" a\r\n\tb\u{7} "), "a b");
    }
}
