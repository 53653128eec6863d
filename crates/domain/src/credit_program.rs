//! The platform's credit program as its notices need it: who the creditor is, which federal
//! agency the ECOA notice names, which of Stripe's decline reasons the bank approved and how
//! each reads for the customer, and how long the notice may take.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::account::PeriodInterval;
use crate::credit::{stripe_reason_codes, AdverseReasons, DEFAULT_NOTICE_DAYS};
use crate::wording::{Language, ReasonPhrases, ReasonWording};
use crate::DomainError;

/// The longest notice period a program may set: Regulation B's 30 days.
pub const MAX_NOTICE_DAYS: i64 = 30;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct CreditProgram {
    pub creditor_name: String,
    /// Postal address, lines separated by newlines.
    pub creditor_address: String,
    pub creditor_phone: String,
    pub creditor_email: Option<String>,
    /// The federal agency that administers ECOA compliance for this creditor.
    pub agency_name: String,
    pub agency_address: String,
    /// The bank-approved decline reasons: a subset of Stripe's codes.
    pub approved_reasons: Vec<String>,
    /// Customer wording that replaces the shipped wording, by code.
    pub wording: BTreeMap<String, ReasonPhrases>,
    /// Calendar days after a decision by which its adverse-action notice must be sent.
    #[ts(type = "number")]
    pub notice_days: i64,
    /// The language notices are written in unless another is chosen.
    pub notice_language: Language,
    /// The credit periods the bank-approved credit policy allows; a period change must be one
    /// of them. Empty: the program has not listed them, and any period may be scheduled.
    #[serde(default)]
    pub approved_periods: Vec<ApprovedPeriod>,
}

/// A credit period the bank approved, e.g. 1 month or 14 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ApprovedPeriod {
    pub interval: PeriodInterval,
    pub count: u32,
}

impl ApprovedPeriod {
    /// Reads a list like "1 month, 14 days" (an empty list: the program does not restrict).
    ///
    /// # Errors
    /// `Invalid` naming `approved_periods` and the part that is not a period.
    pub fn parse_list(text: &str) -> Result<Vec<ApprovedPeriod>, DomainError> {
        text.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                let bad = || DomainError::invalid("approved_periods", format!("{p:?} is not a period like \"1 month\" or \"14 days\""));
                let (n, unit) = p.split_once(' ').ok_or_else(bad)?;
                let count = n.trim().parse::<u32>().map_err(|_| bad())?;
                let interval = match unit.trim() {
                    "day" | "days" => PeriodInterval::Day,
                    "month" | "months" => PeriodInterval::Month,
                    _ => return Err(bad()),
                };
                Ok(ApprovedPeriod { interval, count })
            })
            .collect()
    }
}

impl std::fmt::Display for ApprovedPeriod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let unit = match (self.interval, self.count) {
            (PeriodInterval::Day, 1) => "day",
            (PeriodInterval::Day, _) => "days",
            (PeriodInterval::Month, 1) => "month",
            (PeriodInterval::Month, _) => "months",
        };
        write!(f, "{} {unit}", self.count)
    }
}

impl Default for CreditProgram {
    fn default() -> Self {
        CreditProgram {
            creditor_name: String::new(),
            creditor_address: String::new(),
            creditor_phone: String::new(),
            creditor_email: None,
            agency_name: String::new(),
            agency_address: String::new(),
            approved_reasons: stripe_reason_codes().into_iter().map(str::to_owned).collect(),
            wording: BTreeMap::new(),
            notice_days: DEFAULT_NOTICE_DAYS,
            notice_language: Language::En,
            approved_periods: Vec::new(),
        }
    }
}

impl CreditProgram {
    /// Checks the program's own rules.
    ///
    /// # Errors
    /// `Invalid` naming `approved_reasons`, `wording`, `notice_days` or `creditor_email`.
    pub fn validate(&self) -> Result<(), DomainError> {
        let known = stripe_reason_codes();
        if self.approved_reasons.is_empty() {
            return Err(DomainError::invalid("approved_reasons", "approve at least one decline reason"));
        }
        for (i, c) in self.approved_reasons.iter().enumerate() {
            if !known.contains(&c.as_str()) {
                return Err(DomainError::invalid("approved_reasons", format!("{c:?} is not one of Stripe's credit decision reason codes")));
            }
            if self.approved_reasons[..i].contains(c) {
                return Err(DomainError::invalid("approved_reasons", format!("{c} is listed twice")));
            }
        }
        for (code, p) in &self.wording {
            if !known.contains(&code.as_str()) {
                return Err(DomainError::invalid("wording", format!("{code:?} is not one of Stripe's credit decision reason codes")));
            }
            for lang in Language::ALL {
                if p.get(lang).trim().is_empty() {
                    return Err(DomainError::invalid("wording", format!("the {lang} wording of {code} is empty")));
                }
            }
        }
        if !(1..=MAX_NOTICE_DAYS).contains(&self.notice_days) {
            return Err(DomainError::invalid(
                "notice_days",
                format!("the notice period is 1 to {MAX_NOTICE_DAYS} calendar days (Regulation B allows at most 30)"),
            ));
        }
        for (i, p) in self.approved_periods.iter().enumerate() {
            if p.count == 0 {
                return Err(DomainError::invalid("approved_periods", "a credit period needs a count of at least 1"));
            }
            if self.approved_periods[..i].contains(p) {
                return Err(DomainError::invalid("approved_periods", format!("{p} is listed twice")));
            }
        }
        if let Some(e) = &self.creditor_email {
            if !crate::is_email(e) {
                return Err(DomainError::invalid("creditor_email", format!("{e:?} is not an email address")));
            }
        }
        Ok(())
    }

    /// Refuses a credit period the bank did not approve (when the program lists them).
    ///
    /// # Errors
    /// `Rule` `period_not_bank_approved` naming the approved periods.
    pub fn check_period(&self, interval: PeriodInterval, count: u32) -> Result<(), DomainError> {
        let p = ApprovedPeriod { interval, count };
        if self.approved_periods.is_empty() || self.approved_periods.contains(&p) {
            return Ok(());
        }
        let list: Vec<String> = self.approved_periods.iter().map(ToString::to_string).collect();
        Err(DomainError::rule(
            "period_not_bank_approved",
            format!("a credit period of {p} is not in the bank-approved credit policy ({})", list.join(", ")),
        ))
    }

    /// The fields a notice names the creditor and the agency with.
    fn notice_fields(&mut self) -> [(&'static str, &mut String); 5] {
        [
            ("creditor_name", &mut self.creditor_name),
            ("creditor_address", &mut self.creditor_address),
            ("creditor_phone", &mut self.creditor_phone),
            ("agency_name", &mut self.agency_name),
            ("agency_address", &mut self.agency_address),
        ]
    }

    /// What a notice still needs from the program (empty when it can be written).
    pub fn missing_for_notice(&self) -> Vec<&'static str> {
        self.clone().notice_fields().into_iter().filter(|(_, v)| v.trim().is_empty()).map(|(k, _)| k).collect()
    }

    /// Why a notice cannot be recorded as sent yet: it must name the creditor (name and address)
    /// and the agency that administers compliance (12 CFR 1002.9(b)(1)). A missing phone or email
    /// does not stop it; it stays a marked gap on the record. Drafts can be written either way.
    pub fn notice_send_blocker(&self) -> Option<DomainError> {
        const BLOCKING: [(&str, &str); 4] = [
            ("creditor_name", "Creditor name"),
            ("creditor_address", "Creditor address"),
            ("agency_name", "ECOA agency name"),
            ("agency_address", "ECOA agency address"),
        ];
        let missing = self.missing_for_notice();
        let lacking: Vec<&str> = BLOCKING.iter().filter(|(f, _)| missing.contains(f)).map(|(_, label)| *label).collect();
        (!lacking.is_empty()).then(|| {
            DomainError::rule(
                "notice_needs_creditor_and_agency",
                format!(
                    "The notice cannot be recorded as sent until the credit program has the creditor's and the ECOA agency's name and address. Missing: {}.",
                    lacking.join(", ")
                ),
            )
        })
    }

    /// The program with each field a notice lacks shown as a marked gap ("[not set: agency
    /// name]"), so a draft can be written and nobody mistakes the gap for a value.
    pub fn with_gaps_marked(mut self) -> Self {
        for (name, value) in self.notice_fields() {
            if value.trim().is_empty() {
                *value = format!("[not set: {}]", name.replace('_', " "));
            }
        }
        self
    }

    /// The wording in force for a code: the program's own, else the shipped one.
    pub fn phrases(&self, code: &str, shipped: &ReasonWording) -> Option<ReasonPhrases> {
        self.wording.get(code).cloned().or_else(|| shipped.reasons.get(code).cloned())
    }

    /// The decision's reasons in the customer's words, in order.
    pub fn worded_reasons(&self, reasons: &AdverseReasons, lang: Language, shipped: &ReasonWording) -> Vec<String> {
        reasons
            .codes
            .iter()
            .map(|code| {
                let worded = match self.wording.get(code) {
                    Some(own) => ReasonWording { reasons: BTreeMap::from([(code.clone(), own.clone())]) }.reason(
                        code,
                        reasons.other_explanation.as_deref(),
                        lang,
                    ),
                    None => shipped.reason(code, reasons.other_explanation.as_deref(), lang),
                };
                worded.unwrap_or_else(|| code.clone())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approved_periods_are_read_from_a_list_naming_the_bad_part() {
        let list = ApprovedPeriod::parse_list("1 month, 14 days,").unwrap();
        assert_eq!(list, vec![ApprovedPeriod { interval: PeriodInterval::Month, count: 1 }, ApprovedPeriod { interval: PeriodInterval::Day, count: 14 }]);
        assert!(ApprovedPeriod::parse_list("").unwrap().is_empty());
        let e = ApprovedPeriod::parse_list("1 month, fortnight").unwrap_err().to_string();
        assert!(e.starts_with("approved_periods:") && e.contains("fortnight"), "{e}");
    }

    fn field(p: &CreditProgram) -> String {
        match p.validate().unwrap_err() {
            DomainError::Invalid { field, .. } => field,
            other => panic!("{other}"),
        }
    }

    #[test]
    fn rule_approved_reasons_default_to_all_of_stripes_codes() {
        let p = CreditProgram::default();
        assert_eq!(p.approved_reasons.len(), stripe_reason_codes().len());
        p.validate().unwrap();
        assert_eq!(p.notice_days, 30);
    }

    #[test]
    fn rule_approved_reasons_are_a_subset_of_stripes_codes() {
        let p = CreditProgram { approved_reasons: vec!["debt_to_cash_ratio_too_high".into()], ..Default::default() };
        assert_eq!(field(&p), "approved_reasons");
        let p = CreditProgram { approved_reasons: vec![], ..Default::default() };
        assert_eq!(field(&p), "approved_reasons");
        let p = CreditProgram { notice_days: 31, ..Default::default() };
        assert_eq!(field(&p), "notice_days");
    }

    #[test]
    fn rule_period_change_matches_the_bank_approved_periods() {
        let mut p = CreditProgram::default();
        p.check_period(PeriodInterval::Day, 9).expect("no list: any period");
        p.approved_periods = vec![ApprovedPeriod { interval: PeriodInterval::Month, count: 1 }, ApprovedPeriod { interval: PeriodInterval::Day, count: 14 }];
        p.check_period(PeriodInterval::Day, 14).unwrap();
        let e = p.check_period(PeriodInterval::Day, 9).unwrap_err();
        assert!(e.to_string().contains("(1 month, 14 days)"), "{e}");
        p.approved_periods.push(ApprovedPeriod { interval: PeriodInterval::Day, count: 14 });
        assert_eq!(field(&p), "approved_periods");
    }

    #[test]
    fn rule_notice_needs_creditor_and_agency() {
        let missing = CreditProgram::default().missing_for_notice();
        assert!(missing.contains(&"creditor_name") && missing.contains(&"agency_address"), "{missing:?}");
        let set = CreditProgram {
            creditor_name: "Harbor Bank".into(),
            creditor_address: "1 Bank Plaza".into(),
            creditor_phone: "+1 800 555 0100".into(),
            agency_name: "FDIC".into(),
            agency_address: "Kansas City, MO".into(),
            ..Default::default()
        };
        assert!(set.missing_for_notice().is_empty());
        let marked = CreditProgram { creditor_phone: " ".into(), ..set }.with_gaps_marked();
        assert_eq!(marked.creditor_phone, "[not set: creditor phone]");
        assert_eq!(marked.agency_name, "FDIC", "a field that is set stays as it is");
    }

    #[test]
    fn rule_program_wording_replaces_shipped_wording_in_each_language() {
        let shipped = ReasonWording::default();
        let mut p = CreditProgram::default();
        p.wording.insert(
            "bankruptcy".into(),
            ReasonPhrases { en: "You filed for bankruptcy".into(), de: "Insolvenzantrag".into(), ja: "破産手続の申立て".into() },
        );
        let r = AdverseReasons { codes: vec!["bankruptcy".into(), "other".into()], other_explanation: Some("Platform exit".into()) };
        let de = p.worded_reasons(&r, Language::De, &shipped);
        assert_eq!(de[0], "Insolvenzantrag");
        assert!(de[1].ends_with("Platform exit"), "{de:?}");
        assert_eq!(p.worded_reasons(&r, Language::Ja, &shipped)[0], "破産手続の申立て");
    }

    #[test]
    fn rule_notice_needs_creditor_and_agency_not_the_phone() {
        let full = CreditProgram {
            creditor_name: "Kite Cards Inc.".into(),
            creditor_address: "1 Main St".into(),
            creditor_phone: "+1 555 0100".into(),
            agency_name: "Federal Trade Commission".into(),
            agency_address: "Washington, DC 20580".into(),
            ..CreditProgram::default()
        };
        assert!(full.notice_send_blocker().is_none());
        let no_phone = CreditProgram { creditor_phone: String::new(), creditor_email: None, ..full.clone() };
        assert!(no_phone.notice_send_blocker().is_none(), "a missing phone or email stays a gap on the record");
        let lacking = CreditProgram { agency_address: String::new(), creditor_phone: String::new(), creditor_name: String::new(), ..full };
        let err = lacking.notice_send_blocker().expect("the creditor's name and the agency's address are missing");
        assert!(matches!(&err, DomainError::Rule { rule, .. } if rule == "notice_needs_creditor_and_agency"));
        assert!(err.to_string().ends_with("Missing: Creditor name, ECOA agency address."), "{err}");
    }
}