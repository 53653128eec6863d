//! The playbook's topics and issue types (data: `rules/complaint-taxonomy.toml`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::DomainError;

const TAXONOMY: &str = include_str!("../rules/complaint-taxonomy.toml");

/// The issue type every topic accepts when none of its listed ones fits.
pub const OTHER: &str = "other";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct IssueType {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Topic {
    pub code: String,
    pub label: String,
    /// The products the topic belongs to (both when it is about complaints in general).
    pub products: Vec<crate::Product>,
    pub issue_types: Vec<IssueType>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Taxonomy {
    #[serde(rename = "topic")]
    pub topics: Vec<Topic>,
    /// Why complaints arise, for the root cause recorded with a resolution.
    #[serde(rename = "root_cause", default)]
    pub root_causes: Vec<Category>,
    /// What the program did beyond the one customer, recorded with the root cause.
    #[serde(rename = "remediation", default)]
    pub remediations: Vec<Category>,
}

/// One entry of a list of codes with its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Category {
    pub code: String,
    pub label: String,
}

impl Default for Taxonomy {
    fn default() -> Self {
        toml::from_str(TAXONOMY).expect("the shipped taxonomy parses")
    }
}

impl Taxonomy {
    /// Checks a root cause recorded with a resolution: both codes on their lists, a note of
    /// reasonable length.
    ///
    /// # Errors
    /// `Invalid` naming `root_cause`, `remediation` or `remediation_note`.
    pub fn check_root_cause(&self, r: &crate::RootCause) -> Result<(), DomainError> {
        let known = |list: &[Category], code: &str, field: &str| {
            if list.iter().any(|c| c.code == code) {
                Ok(())
            } else {
                let codes: Vec<&str> = list.iter().map(|c| c.code.as_str()).collect();
                Err(DomainError::invalid(field, format!("unknown {} {code:?}; expected one of {}", field.replace('_', " "), codes.join(", "))))
            }
        };
        known(&self.root_causes, &r.cause, "root_cause")?;
        known(&self.remediations, &r.remediation, "remediation")?;
        if r.note.as_deref().is_some_and(|n| n.chars().count() > 2_000) {
            return Err(DomainError::invalid("remediation_note", "keep the remediation note under 2,000 characters"));
        }
        Ok(())
    }

    /// Checks a topic and issue type pair. `other` is accepted as an issue type of any topic.
    ///
    /// # Errors
    /// `Invalid` naming `topic` or `issue_type`.
    pub fn check(&self, topic: &str, issue_type: Option<&str>) -> Result<(), DomainError> {
        let Some(t) = self.topics.iter().find(|t| t.code == topic) else {
            let known: Vec<&str> = self.topics.iter().map(|t| t.code.as_str()).collect();
            return Err(DomainError::invalid(
                "topic",
                format!("unknown topic {topic:?}; expected one of {}", known.join(", ")),
            ));
        };
        if let Some(it) = issue_type {
            if it != OTHER && !t.issue_types.iter().any(|i| i.code == it) {
                let mut known: Vec<&str> = t.issue_types.iter().map(|i| i.code.as_str()).collect();
                known.push(OTHER);
                return Err(DomainError::invalid(
                    "issue_type",
                    format!("{it:?} is not an issue type of topic {topic}; expected one of {}", known.join(", ")),
                ));
            }
        }
        Ok(())
    }

    /// Checks that a topic belongs to the complaint's product (a Treasury money-movement topic
    /// on an Issuing complaint is a misfiling).
    ///
    /// # Errors
    /// `Rule` `topic_belongs_to_product`; `Invalid` naming `topic` for an unknown topic.
    pub fn check_product(&self, topic: &str, product: crate::Product) -> Result<(), DomainError> {
        let t = self
            .topics
            .iter()
            .find(|t| t.code == topic)
            .ok_or_else(|| DomainError::invalid("topic", format!("unknown topic {topic:?}")))?;
        if t.products.contains(&product) {
            return Ok(());
        }
        Err(DomainError::rule(
            "topic_belongs_to_product",
            format!("the topic {} ({}) belongs to {}, not to {product}", t.code, t.label, join(&t.products)),
        ))
    }

    pub fn topic_label(&self, code: &str) -> Option<&str> {
        self.topics.iter().find(|t| t.code == code).map(|t| t.label.as_str())
    }
}

fn join(products: &[crate::Product]) -> String {
    products.iter().map(|p| p.code()).collect::<Vec<_>>().join(" and ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_topic_belongs_to_product() {
        use crate::Product;
        let t = Taxonomy::default();
        let err = t.check_product("treasury_money_movement", Product::Issuing).unwrap_err();
        assert!(matches!(&err, DomainError::Rule { rule, .. } if rule == "topic_belongs_to_product"), "{err}");
        t.check_product("treasury_money_movement", Product::Treasury).expect("money movement is Treasury's");
        t.check_product("card_ordering", Product::Issuing).expect("card ordering is Issuing's");
        assert!(t.check_product("card_ordering", Product::Treasury).is_err(), "cards are not a Treasury topic");
        t.check_product("other", Product::Issuing).expect("the general topic fits both products");
        t.check_product("other", Product::Treasury).expect("the general topic fits both products");
    }

    #[test]
    fn rule_playbook_topics_accept_other_issue_type() {
        let t = Taxonomy::default();
        assert!(t.check("cardholder_experience", Some("pin_blocked")).is_ok());
        assert!(t.check("cardholder_experience", Some("other")).is_ok());
        assert!(t.check("other", Some("other")).is_ok());
    }

    #[test]
    fn unknown_topic_or_issue_type_is_refused_naming_the_field() {
        let t = Taxonomy::default();
        assert!(t.check("weather", None).unwrap_err().to_string().starts_with("topic:"));
        assert!(t.check("card_ordering", Some("pin_blocked")).unwrap_err().to_string().starts_with("issue_type:"));
    }
}
