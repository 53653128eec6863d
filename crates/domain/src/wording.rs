//! How Stripe's credit decision reason codes read for the customer, in English, German and
//! Japanese, as an adverse-action notice lists them (data: `rules/credit-reason-wording.toml`).
//! Only words: which reasons a decision may give is the business of [`crate::credit`].

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::DomainError;

const WORDING: &str = include_str!("../rules/credit-reason-wording.toml");

/// The code whose phrase is a lead-in to the explanation recorded with the decision.
const OTHER: &str = "other";

/// A language a customer-facing text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum Language {
    En,
    De,
    Ja,
}

impl Language {
    /// Every language, in the order they are offered.
    pub const ALL: [Language; 3] = [Language::En, Language::De, Language::Ja];

    /// The code on the wire: `en`, `de` or `ja`.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::De => "de",
            Language::Ja => "ja",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = DomainError;

    /// Reads `en`, `de` or `ja` (surrounding spaces and letter case ignored).
    ///
    /// # Errors
    /// `Invalid` naming `language` and the accepted values.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let code = s.trim().to_ascii_lowercase();
        Language::ALL
            .into_iter()
            .find(|l| l.code() == code)
            .ok_or_else(|| {
                let accepted: Vec<&str> = Language::ALL.iter().map(|l| l.code()).collect();
                DomainError::invalid(
                    "language",
                    format!(
                        "unknown language {s:?}; expected one of {}",
                        accepted.join(", ")
                    ),
                )
            })
    }
}

/// One reason's phrase in each language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReasonPhrases {
    pub en: String,
    pub de: String,
    pub ja: String,
}

impl ReasonPhrases {
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::En => &self.en,
            Language::De => &self.de,
            Language::Ja => &self.ja,
        }
    }
}

/// The customer-facing phrase of every reason code, by code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ReasonWording {
    pub reasons: BTreeMap<String, ReasonPhrases>,
}

impl Default for ReasonWording {
    fn default() -> Self {
        toml::from_str(WORDING).expect("the shipped reason wording parses")
    }
}

impl ReasonWording {
    /// The phrase of `code` in `lang`, as written in the data. For `other` it is a lead-in
    /// ("Other: ") that the explanation follows; [`ReasonWording::reason`] joins the two.
    pub fn phrase(&self, code: &str, lang: Language) -> Option<&str> {
        self.reasons.get(code).map(|p| p.get(lang))
    }

    /// The reason as the notice lists it: the phrase of `code`, and for `other` the lead-in
    /// followed by `other_explanation` (just "Other" when there is none). `None` for a code
    /// without wording.
    pub fn reason(
        &self,
        code: &str,
        other_explanation: Option<&str>,
        lang: Language,
    ) -> Option<String> {
        let phrase = self.phrase(code, lang)?;
        if code != OTHER {
            return Some(phrase.to_owned());
        }
        Some(
            match other_explanation.map(str::trim).filter(|e| !e.is_empty()) {
                Some(explanation) => format!("{phrase}{explanation}"),
                None => phrase.trim_end_matches([' ', ':', '：']).to_owned(),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credit::stripe_reason_codes;

    fn has_japanese(s: &str) -> bool {
        s.chars()
            .any(|c| matches!(c as u32, 0x3040..=0x30FF | 0x4E00..=0x9FFF | 0xFF01..=0xFF60))
    }

    #[test]
    fn rule_every_stripe_reason_has_wording_in_en_de_ja() {
        let w = ReasonWording::default();
        for code in stripe_reason_codes() {
            let p = w
                .reasons
                .get(code)
                .unwrap_or_else(|| panic!("{code} has no wording"));
            for lang in Language::ALL {
                assert!(
                    !p.get(lang).trim().is_empty(),
                    "{code} needs a {lang} phrase"
                );
            }
            assert_ne!(
                p.de, p.en,
                "the German phrase of {code} must be German, not a copy"
            );
            assert!(
                has_japanese(&p.ja),
                "the Japanese phrase of {code} must be Japanese: {:?}",
                p.ja
            );
        }
    }

    #[test]
    fn rule_wording_exists_only_for_stripe_reason_codes() {
        let codes = stripe_reason_codes();
        for key in ReasonWording::default().reasons.keys() {
            assert!(
                codes.contains(&key.as_str()),
                "{key} is worded but is not a Stripe reason code"
            );
        }
    }

    #[test]
    fn wording_phrase_is_looked_up_by_code_and_language() {
        let w = ReasonWording::default();
        assert_eq!(
            w.phrase("bankruptcy", Language::En),
            Some("A bankruptcy is on record")
        );
        assert_eq!(
            w.phrase("bankruptcy", Language::De),
            Some("Es liegt eine Insolvenz vor")
        );
        assert_eq!(w.phrase("no_such_reason", Language::Ja), None);
    }

    #[test]
    fn wording_of_other_is_followed_by_the_explanation() {
        let w = ReasonWording::default();
        let en = w.reason("other", Some("  Card program ended "), Language::En);
        assert_eq!(en.as_deref(), Some("Other: Card program ended"));
        let ja = w.reason("other", Some("プログラム終了"), Language::Ja);
        assert_eq!(ja.as_deref(), Some("その他：プログラム終了"));
        assert_eq!(
            w.reason("other", None, Language::De).as_deref(),
            Some("Sonstiges")
        );
        let plain = w.reason("bankruptcy", Some("ignored"), Language::En);
        assert_eq!(plain.as_deref(), Some("A bankruptcy is on record"));
    }

    #[test]
    fn wording_language_reads_its_code_and_names_the_accepted_ones() {
        assert_eq!("ja".parse::<Language>(), Ok(Language::Ja));
        assert_eq!(" DE ".parse::<Language>(), Ok(Language::De));
        let err = "fr".parse::<Language>().unwrap_err();
        assert!(
            matches!(&err, DomainError::Invalid { field, .. } if field == "language"),
            "{err}"
        );
        assert!(err.to_string().contains("en, de, ja"), "{err}");
        assert_eq!(serde_json::to_string(&Language::En).unwrap(), "\"en\"");
        assert_eq!(
            serde_json::from_str::<Language>("\"ja\"").unwrap(),
            Language::Ja
        );
    }
}
