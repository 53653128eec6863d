//! The support playbook: for every topic and issue type of the taxonomy, the resolution path
//! in the product's own words, in English, German and Japanese (data: `rules/playbook.toml`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::timers::TimerKind;
use crate::taxonomy::OTHER;
use crate::{DomainError, Taxonomy};

const PLAYBOOK: &str = include_str!("../rules/playbook.toml");

/// A language the playbook is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum Lang {
    #[default]
    En,
    De,
    Ja,
}

impl std::str::FromStr for Lang {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "de" => Ok(Lang::De),
            "ja" => Ok(Lang::Ja),
            other => Err(DomainError::invalid("lang", format!("{other:?} is not one of en, de, ja"))),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
struct Label {
    code: String,
    en: String,
    de: String,
    ja: String,
}

impl Label {
    fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::De => &self.de,
            Lang::Ja => &self.ja,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
struct Text {
    steps: Vec<String>,
    facts: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Entry {
    topic: String,
    issue_type: String,
    #[serde(rename = "where")]
    places: Vec<String>,
    timers: Vec<TimerKind>,
    en: Text,
    de: Text,
    ja: Text,
}

impl Entry {
    fn text(&self, lang: Lang) -> &Text {
        match lang {
            Lang::En => &self.en,
            Lang::De => &self.de,
            Lang::Ja => &self.ja,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
struct Data {
    topic: Vec<Label>,
    issue_type: Vec<Label>,
    guide: Vec<Entry>,
}

/// One resolution path in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Guide {
    pub topic: String,
    pub topic_label: String,
    pub issue_type: String,
    pub issue_type_label: String,
    pub lang: Lang,
    pub steps: Vec<String>,
    pub facts: Vec<String>,
    /// The Stripe objects, API fields and Dashboard places involved.
    #[serde(rename = "where")]
    pub places: Vec<String>,
    /// The timers this path starts on a complaint (through its tracked facts).
    pub timers: Vec<TimerKind>,
}

/// The whole playbook.
#[derive(Debug, Clone)]
pub struct Playbook {
    data: Data,
}

impl Default for Playbook {
    fn default() -> Self {
        Playbook { data: toml::from_str(PLAYBOOK).expect("the shipped playbook parses") }
    }
}

impl Playbook {
    fn label<'a>(labels: &'a [Label], code: &'a str, lang: Lang) -> &'a str {
        labels.iter().find(|l| l.code == code).map_or(code, |l| l.get(lang))
    }

    fn guide_of(&self, e: &Entry, lang: Lang) -> Guide {
        let t = e.text(lang);
        Guide {
            topic: e.topic.clone(),
            topic_label: Self::label(&self.data.topic, &e.topic, lang).to_owned(),
            issue_type: e.issue_type.clone(),
            issue_type_label: Self::label(&self.data.issue_type, &e.issue_type, lang).to_owned(),
            lang,
            steps: t.steps.clone(),
            facts: t.facts.clone(),
            places: e.places.clone(),
            timers: e.timers.clone(),
        }
    }

    /// The path for a topic and issue type (an issue type left out is the topic's `other`).
    ///
    /// # Errors
    /// `Invalid` naming `topic` or `issue_type` when the taxonomy has no such pair.
    pub fn guide(&self, taxonomy: &Taxonomy, topic: &str, issue_type: Option<&str>, lang: Lang) -> Result<Guide, DomainError> {
        let issue_type = issue_type.map(str::trim).filter(|s| !s.is_empty()).unwrap_or(OTHER);
        taxonomy.check(topic.trim(), Some(issue_type))?;
        self.data
            .guide
            .iter()
            .find(|e| e.topic == topic.trim() && e.issue_type == issue_type)
            .map(|e| self.guide_of(e, lang))
            .ok_or_else(|| DomainError::invalid("issue_type", format!("the playbook has no path for {topic} / {issue_type}")))
    }

    /// Every path whose labels, steps, facts or places contain each word of `query` (any
    /// case), in taxonomy order; all of them for an empty query.
    pub fn search(&self, query: &str, lang: Lang) -> Vec<Guide> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        self.data
            .guide
            .iter()
            .map(|e| self.guide_of(e, lang))
            .filter(|g| {
                let text = [g.topic.as_str(), &g.issue_type, &g.topic_label, &g.issue_type_label]
                    .into_iter()
                    .chain(g.steps.iter().map(String::as_str))
                    .chain(g.facts.iter().map(String::as_str))
                    .chain(g.places.iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join("\n")
                    .to_lowercase();
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .collect()
    }

    /// The label of a topic in a language.
    pub fn topic_label(&self, code: &str, lang: Lang) -> String {
        Self::label(&self.data.topic, code, lang).to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_playbook_has_a_path_for_every_topic_and_issue_type_in_all_three_languages() {
        let (taxonomy, playbook) = (Taxonomy::default(), Playbook::default());
        let mut expected = Vec::new();
        for t in &taxonomy.topics {
            for it in t.issue_types.iter().map(|i| i.code.as_str()).chain([OTHER]) {
                expected.push((t.code.clone(), it.to_owned()));
            }
        }
        for (topic, issue_type) in &expected {
            let n = playbook.data.guide.iter().filter(|e| &e.topic == topic && &e.issue_type == issue_type).count();
            assert_eq!(n, 1, "{topic} / {issue_type} has exactly one path");
            let en = playbook.guide(&taxonomy, topic, Some(issue_type), Lang::En).unwrap();
            assert!(!en.steps.is_empty() && !en.facts.is_empty(), "{topic} / {issue_type}");
            for lang in [Lang::De, Lang::Ja] {
                let g = playbook.guide(&taxonomy, topic, Some(issue_type), lang).unwrap();
                assert_eq!((g.steps.len(), g.facts.len()), (en.steps.len(), en.facts.len()), "{topic} / {issue_type} in {lang:?} says as much as in English");
                assert_ne!(g.steps, en.steps, "{topic} / {issue_type} is translated into {lang:?}");
                assert_ne!(g.topic_label, g.topic, "{topic} has a {lang:?} label");
                assert!(g.steps.iter().chain(&g.facts).all(|s| !s.trim().is_empty()));
            }
        }
        assert_eq!(playbook.data.guide.len(), expected.len(), "no path for a pair the taxonomy does not have");
    }

    #[test]
    fn rule_playbook_timers_are_on_the_paths_the_seed_gives_them() {
        let (taxonomy, playbook) = (Taxonomy::default(), Playbook::default());
        let timers = |topic: &str, it: &str| playbook.guide(&taxonomy, topic, Some(it), Lang::En).unwrap().timers;
        assert_eq!(timers("card_ordering", "physical_card_delayed"), vec![TimerKind::ReorderCard]);
        assert_eq!(timers("cardholder_experience", "cancel_pending_authorization"), vec![TimerKind::AuthorizationExpires]);
        assert_eq!(timers("treasury_money_movement", "wrong_debit"), vec![TimerKind::AchReturnWindow]);
        assert!(timers("cardholder_experience", "pin_blocked").is_empty(), "PIN unblocking is guidance, no timer");
        let pin = playbook.guide(&taxonomy, "cardholder_experience", Some("pin_blocked"), Lang::En).unwrap();
        assert!(pin.facts.iter().any(|f| f.contains('3')), "the 3 tries: {:?}", pin.facts);
        let with_timers = playbook.data.guide.iter().filter(|e| !e.timers.is_empty()).count();
        assert_eq!(with_timers, 3);
    }

    #[test]
    fn playbook_refuses_an_unknown_pair_naming_the_field_and_searches_every_language() {
        let (taxonomy, playbook) = (Taxonomy::default(), Playbook::default());
        assert!(playbook.guide(&taxonomy, "weather", None, Lang::En).unwrap_err().to_string().starts_with("topic:"));
        assert!(playbook.guide(&taxonomy, "card_ordering", Some("pin_blocked"), Lang::En).unwrap_err().to_string().starts_with("issue_type:"));
        assert_eq!(playbook.guide(&taxonomy, "card_ordering", None, Lang::En).unwrap().issue_type, "other");
        assert!("fr".parse::<Lang>().unwrap_err().to_string().starts_with("lang:"));
        let pin = playbook.search("PIN", Lang::En);
        assert!(pin.iter().any(|g| g.issue_type == "pin_blocked"), "{:?}", pin.iter().map(|g| &g.issue_type).collect::<Vec<_>>());
        assert!(playbook.search("オーソリ", Lang::Ja).iter().any(|g| g.issue_type == "cancel_pending_authorization"));
        assert!(playbook.search("Autorisierung", Lang::De).iter().any(|g| g.issue_type == "cancel_pending_authorization"));
        assert_eq!(playbook.search("", Lang::En).len(), playbook.data.guide.len());
    }
}
