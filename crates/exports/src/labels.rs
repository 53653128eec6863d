//! Words for people (the PDF and the XLSX summary), from the register's codes.

use cdesk_domain::report::{ReportMonth, WeekCount};
use cdesk_domain::Taxonomy;

/// `social_media` → `Social media`.
pub(crate) fn humanize(code: &str) -> String {
    let spaced = code.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Topic and issue-type labels of the shipped taxonomy, falling back to the code.
pub(crate) struct Labels {
    taxonomy: Taxonomy,
}

impl Labels {
    pub(crate) fn new() -> Self {
        Labels { taxonomy: Taxonomy::default() }
    }

    pub(crate) fn topic(&self, code: &str) -> String {
        self.taxonomy.topic_label(code).map_or_else(|| humanize(code), str::to_owned)
    }

    pub(crate) fn root_cause(&self, code: &str) -> String {
        self.taxonomy.root_causes.iter().find(|c| c.code == code).map_or_else(|| humanize(code), |c| c.label.clone())
    }

    pub(crate) fn remediation(&self, code: &str) -> String {
        self.taxonomy.remediations.iter().find(|c| c.code == code).map_or_else(|| humanize(code), |c| c.label.clone())
    }

    pub(crate) fn issue_type(&self, topic: Option<&str>, code: &str) -> String {
        let in_topic = self.taxonomy.topics.iter().filter(|t| topic.is_none_or(|c| c == t.code));
        in_topic
            .flat_map(|t| t.issue_types.iter())
            .find(|i| i.code == code)
            .map_or_else(|| humanize(code), |i| i.label.clone())
    }
}

/// `Oct 1–4`, or `Oct 31` for a one-day week.
pub(crate) fn week_label(w: &WeekCount) -> String {
    if w.from == w.to {
        w.from.format("%b %-d").to_string()
    } else {
        format!("{}–{}", w.from.format("%b %-d"), w.to.format("%-d"))
    }
}

/// `2026-10-01 to 2026-10-31`.
pub(crate) fn period(month: ReportMonth) -> String {
    format!("{} to {}", month.first_day().format("%Y-%m-%d"), month.last_day().format("%Y-%m-%d"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn codes_become_words() {
        assert_eq!(humanize("social_media"), "Social media");
        assert_eq!(humanize(""), "");
        let l = Labels::new();
        assert_eq!(l.topic("fraud_management"), "Fraud management");
        assert_eq!(l.topic("made_up"), "Made up");
        assert_eq!(l.issue_type(Some("cardholder_experience"), "pin_blocked"), "Too many PIN retries");
        assert_eq!(l.issue_type(None, "other"), "Other");
    }

    #[test]
    fn weeks_read_well() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 10, day).unwrap();
        assert_eq!(week_label(&WeekCount { from: d(1), to: d(4), count: 0 }), "Oct 1–4");
        assert_eq!(week_label(&WeekCount { from: d(31), to: d(31), count: 0 }), "Oct 31");
    }
}
