//! Support timers: the playbook's time facts as clocks on a complaint (a card not arriving, a
//! pending authorization expiring, the window to return an ACH debit). Each explains itself like
//! a deadline; the numbers are data (`rules/support-timers.toml`).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::complaint::{end_of_local_day, Complaint, ComplaintStatus, DeadlineRules};
use crate::{DeadlineExplanation, DomainError};

const RULES: &str = include_str!("../rules/support-timers.toml");

/// How a physical card was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum Shipping {
    /// Untracked.
    Standard,
    Express,
    Priority,
}

/// The merchant of an authorization, as far as its expiry is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum MerchantCategory {
    Hotel,
    Airline,
    CarRental,
    Other,
}

impl MerchantCategory {
    pub fn code(self) -> &'static str {
        match self {
            MerchantCategory::Hotel => "hotel",
            MerchantCategory::Airline => "airline",
            MerchantCategory::CarRental => "car_rental",
            MerchantCategory::Other => "other",
        }
    }
}

impl std::str::FromStr for Shipping {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "standard" => Ok(Shipping::Standard),
            "express" => Ok(Shipping::Express),
            "priority" => Ok(Shipping::Priority),
            other => Err(DomainError::invalid("shipping", format!("{other:?} is not one of standard, express, priority"))),
        }
    }
}

impl std::str::FromStr for MerchantCategory {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "hotel" => Ok(MerchantCategory::Hotel),
            "airline" => Ok(MerchantCategory::Airline),
            "car_rental" => Ok(MerchantCategory::CarRental),
            "other" => Ok(MerchantCategory::Other),
            other => Err(DomainError::invalid("merchant_category", format!("{other:?} is not one of hotel, airline, car_rental, other"))),
        }
    }
}

/// A fact of the case that starts a timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "event", rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum TrackedFact {
    CardShipped { shipping: Shipping },
    AuthorizationCreated { merchant_category: MerchantCategory },
    AchDebitReceived,
}

impl TrackedFact {
    pub fn code(self) -> &'static str {
        match self {
            TrackedFact::CardShipped { .. } => "card_shipped",
            TrackedFact::AuthorizationCreated { .. } => "authorization_created",
            TrackedFact::AchDebitReceived => "ach_debit_received",
        }
    }

    /// One line for a timeline.
    pub fn describe(self) -> String {
        match self {
            TrackedFact::CardShipped { shipping: Shipping::Standard } => "Card shipped by standard shipping (untracked)".into(),
            TrackedFact::CardShipped { shipping } => {
                format!("Card shipped by {} shipping (tracking number available)", if shipping == Shipping::Express { "express" } else { "priority" })
            }
            TrackedFact::AuthorizationCreated { merchant_category } => {
                format!("Pending authorization created ({})", merchant_category.code().replace('_', " "))
            }
            TrackedFact::AchDebitReceived => "ACH debit received".into(),
        }
    }

    /// The fact from the CLI's or the form's words: the event and its one detail.
    ///
    /// # Errors
    /// `Invalid` naming `event`, `shipping` or `merchant_category`.
    pub fn parse(event: &str, shipping: Option<&str>, merchant_category: Option<&str>) -> Result<Self, DomainError> {
        fn required<'a>(event: &str, v: Option<&'a str>, field: &str) -> Result<&'a str, DomainError> {
            v.filter(|s| !s.trim().is_empty()).ok_or_else(|| DomainError::invalid(field, format!("{event} needs --{}", field.replace('_', "-"))))
        }
        match event.trim() {
            "card_shipped" => Ok(TrackedFact::CardShipped { shipping: required(event, shipping, "shipping")?.parse()? }),
            "authorization_created" => {
                Ok(TrackedFact::AuthorizationCreated { merchant_category: required(event, merchant_category, "merchant_category")?.parse()? })
            }
            "ach_debit_received" => Ok(TrackedFact::AchDebitReceived),
            other => Err(DomainError::invalid("event", format!("{other:?} is not one of card_shipped, authorization_created, ach_debit_received"))),
        }
    }
}

/// A tracked fact as the complaint holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Tracked {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub fact: TrackedFact,
}

/// The timers' numbers, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct TimerRules {
    pub reorder_card_business_days: u32,
    pub authorization_expiry_days: u32,
    pub authorization_expiry_days_travel: u32,
    pub travel_categories: Vec<String>,
    pub ach_return_business_days: u32,
}

impl Default for TimerRules {
    fn default() -> Self {
        toml::from_str(RULES).expect("the shipped timer rules parse")
    }
}

impl TimerRules {
    /// The shipped rules, read once.
    pub fn shipped() -> &'static TimerRules {
        static RULES: std::sync::OnceLock<TimerRules> = std::sync::OnceLock::new();
        RULES.get_or_init(TimerRules::default)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum TimerKind {
    ReorderCard,
    AuthorizationExpires,
    AchReturnWindow,
}

impl TimerKind {
    pub fn code(self) -> &'static str {
        match self {
            TimerKind::ReorderCard => "reorder_card",
            TimerKind::AuthorizationExpires => "authorization_expires",
            TimerKind::AchReturnWindow => "ach_return_window",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TimerKind::ReorderCard => "Cancel and reorder the card",
            TimerKind::AuthorizationExpires => "Authorization expires",
            TimerKind::AchReturnWindow => "ACH return window closes",
        }
    }
}

impl std::str::FromStr for TimerKind {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        match s {
            "reorder_card" => Ok(TimerKind::ReorderCard),
            "authorization_expires" => Ok(TimerKind::AuthorizationExpires),
            "ach_return_window" => Ok(TimerKind::AchReturnWindow),
            other => Err(DomainError::invalid("timer", format!("{other:?} is not a timer"))),
        }
    }
}

/// Whether the timer's moment has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum TimerState {
    Running,
    DueToday,
    Passed,
}

/// A timer on a complaint, explaining itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Timer {
    pub kind: TimerKind,
    pub label: String,
    /// The local day it falls on.
    #[ts(type = "string")]
    pub due: NaiveDate,
    /// The instant it falls: the end of `due` for business-day timers, the expiry itself for
    /// an authorization.
    #[ts(type = "string")]
    pub due_at: DateTime<Utc>,
    /// The tracked fact that started it.
    #[ts(type = "string")]
    pub started_at: DateTime<Utc>,
    pub state: TimerState,
    /// How the business days were counted, for business-day timers.
    pub explanation: Option<DeadlineExplanation>,
    pub explanation_text: String,
}

fn instant(at: DateTime<Utc>, rules: &DeadlineRules) -> String {
    at.with_timezone(&rules.timezone).format("%a %-d %b %Y %H:%M %Z").to_string()
}

/// The complaint's timers as of `now`: one per tracked fact that starts one (a later shipment
/// of a card replaces the timer of an earlier one: the card was reordered), soonest first.
pub fn timers(c: &Complaint, rules: &DeadlineRules, timer_rules: &TimerRules, now: DateTime<Utc>) -> Vec<Timer> {
    let today = rules.local_date(now);
    let mut out: Vec<Timer> = running(c, rules, timer_rules)
        .map(|mut t| {
            t.state = if now > t.due_at {
                TimerState::Passed
            } else if t.due == today {
                TimerState::DueToday
            } else {
                TimerState::Running
            };
            t
        })
        .collect();
    out.sort_by_key(|t| t.due_at);
    out
}

/// Every timer the tracked facts start, before their state is judged.
fn running<'a>(c: &'a Complaint, rules: &'a DeadlineRules, timer_rules: &'a TimerRules) -> impl Iterator<Item = Timer> + 'a {
    let last_shipment = c.tracked.iter().rposition(|t| matches!(t.fact, TrackedFact::CardShipped { .. }));
    c.tracked
        .iter()
        .enumerate()
        .filter(move |(i, t)| !matches!(t.fact, TrackedFact::CardShipped { .. }) || Some(*i) == last_shipment)
        .filter_map(|(_, t)| timer(t, rules, timer_rules))
}

/// The due dates that count in the register's due lists: the timers of an open complaint.
pub fn counted_due_dates(c: &Complaint, rules: &DeadlineRules, timer_rules: &TimerRules) -> Vec<(TimerKind, NaiveDate)> {
    if c.status != ComplaintStatus::Open {
        return Vec::new();
    }
    let mut dates: Vec<(TimerKind, NaiveDate)> = running(c, rules, timer_rules).map(|t| (t.kind, t.due)).collect();
    dates.sort_by_key(|(_, d)| *d);
    dates
}

fn timer(t: &Tracked, rules: &DeadlineRules, timer_rules: &TimerRules) -> Option<Timer> {
    let start = rules.local_date(t.at);
    let business = |kind: TimerKind, n: u32, says: &dyn Fn(&DeadlineExplanation) -> String| {
        let e = rules.calendar.explain_add(start, n);
        Timer {
            kind,
            label: kind.label().into(),
            due: e.due,
            due_at: end_of_local_day(e.due, rules.timezone),
            started_at: t.at,
            state: TimerState::Running,
            explanation_text: says(&e),
            explanation: Some(e),
        }
    };
    match t.fact {
        TrackedFact::CardShipped { shipping: Shipping::Standard } => Some(business(TimerKind::ReorderCard, timer_rules.reorder_card_business_days, &|e| {
            format!(
                "Shipped by standard shipping, which has no tracking, on {}. If the cardholder has not received it by the end of {}, cancel the card and order a new one; Stripe refunds the cost of making and shipping it. {}",
                start.format("%a %-d %b %Y"),
                e.due.format("%a %-d %b %Y"),
                e.sentence()
            )
        })),
        TrackedFact::CardShipped { .. } => None,
        TrackedFact::AuthorizationCreated { merchant_category } => {
            let travel = timer_rules.travel_categories.iter().any(|c| c == merchant_category.code());
            let days = if travel { timer_rules.authorization_expiry_days_travel } else { timer_rules.authorization_expiry_days };
            let due_at = t.at + Duration::days(i64::from(days));
            Some(Timer {
                kind: TimerKind::AuthorizationExpires,
                label: TimerKind::AuthorizationExpires.label().into(),
                due: rules.local_date(due_at),
                due_at,
                started_at: t.at,
                state: TimerState::Running,
                explanation: None,
                explanation_text: format!(
                    "The authorization was created {}. The card issuer cannot cancel a pending authorization (only the merchant's acquirer can); it expires {days} days after it was created{}, at {}, and the held funds are released then.",
                    instant(t.at, rules),
                    if travel { format!(" ({} authorizations run {days} days)", merchant_category.code().replace('_', " ")) } else { String::new() },
                    instant(due_at, rules)
                ),
            })
        }
        TrackedFact::AchDebitReceived => Some(business(TimerKind::AchReturnWindow, timer_rules.ach_return_business_days, &|e| {
            format!(
                "The ACH debit was received on {}. It can be returned through the API until the end of {} (about {} business day after receipt); after that only on a best-effort basis through Stripe support. {}",
                start.format("%a %-d %b %Y"),
                e.due.format("%a %-d %b %Y"),
                e.business_days,
                e.sentence()
            )
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaint::{Channel, ComplaintEvent, ComplaintKind, Intake};
    use crate::{BusinessCalendar, DeadlinePolicy, Taxonomy};

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    fn rules() -> DeadlineRules {
        DeadlineRules { calendar: BusinessCalendar::federal_reserve(vec![]), timezone: chrono_tz::America::New_York, policy: DeadlinePolicy::default() }
    }

    fn complaint_with(facts: &[(&str, TrackedFact)]) -> Complaint {
        let intake: Intake = serde_json::from_value(serde_json::json!({
            "received_at": "2026-11-02T14:00:00Z",
            "received_offset_minutes": -300,
            "kind": "operational",
            "grounds": [],
            "channel": "email",
            "summary": "Card never arrived",
            "complainant": { "name": "A. Customer", "email": null, "account": null, "cardholder": null },
        }))
        .unwrap_or_else(|e| panic!("intake: {e}"));
        let mut c = Complaint::log("CMP-2026-00001".into(), intake, &Taxonomy::default(), at("2026-11-02T14:00:00Z")).unwrap();
        assert_eq!((c.kind, c.intake.channel), (ComplaintKind::Operational, Channel::Email));
        for (when, fact) in facts {
            c.apply(&ComplaintEvent::Tracked { at: at(when), fact: *fact, note: None }).unwrap();
        }
        c
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn rule_timer_reorder_card_after_10_business_days_over_a_weekend_and_a_holiday() {
        // Shipped Wednesday 2026-11-04; Veterans Day (Wed 11 Nov) and two weekends are skipped.
        let c = complaint_with(&[("2026-11-04T15:00:00Z", TrackedFact::CardShipped { shipping: Shipping::Standard })]);
        let t = timers(&c, &rules(), &TimerRules::default(), at("2026-11-05T12:00:00Z"));
        assert_eq!(t.len(), 1);
        assert_eq!((t[0].kind, t[0].due), (TimerKind::ReorderCard, date(2026, 11, 19)));
        assert_eq!(t[0].due_at, at("2026-11-20T04:59:59Z"), "the end of that day in New York");
        assert!(t[0].explanation_text.contains("Veterans Day") && t[0].explanation_text.contains("Stripe refunds"), "{}", t[0].explanation_text);
        assert_eq!(t[0].state, TimerState::Running);
        assert_eq!(timers(&c, &rules(), &TimerRules::default(), at("2026-11-19T15:00:00Z"))[0].state, TimerState::DueToday);
        assert_eq!(timers(&c, &rules(), &TimerRules::default(), at("2026-11-20T05:00:00Z"))[0].state, TimerState::Passed);
    }

    #[test]
    fn rule_timer_tracked_shipping_has_no_reorder_timer_and_a_reshipment_replaces_it() {
        for shipping in [Shipping::Express, Shipping::Priority] {
            let c = complaint_with(&[("2026-11-04T15:00:00Z", TrackedFact::CardShipped { shipping })]);
            assert!(timers(&c, &rules(), &TimerRules::default(), at("2026-11-05T12:00:00Z")).is_empty(), "{shipping:?} has a tracking number");
        }
        let c = complaint_with(&[
            ("2026-11-04T15:00:00Z", TrackedFact::CardShipped { shipping: Shipping::Standard }),
            ("2026-11-20T15:00:00Z", TrackedFact::CardShipped { shipping: Shipping::Standard }),
        ]);
        let t = timers(&c, &rules(), &TimerRules::default(), at("2026-11-21T12:00:00Z"));
        assert_eq!(t.len(), 1, "the reordered card's timer replaces the first");
        // Fri 20 Nov + 10 business days, skipping Thanksgiving (Thu 26 Nov): Mon 7 Dec.
        assert_eq!(t[0].due, date(2026, 12, 7));
    }

    #[test]
    fn rule_timer_authorization_expires_after_7_days_or_31_for_travel() {
        let c = complaint_with(&[
            ("2026-11-02T20:30:00Z", TrackedFact::AuthorizationCreated { merchant_category: MerchantCategory::Other }),
            ("2026-11-03T12:00:00Z", TrackedFact::AuthorizationCreated { merchant_category: MerchantCategory::Hotel }),
        ]);
        let t = timers(&c, &rules(), &TimerRules::default(), at("2026-11-04T12:00:00Z"));
        assert_eq!(t[0].kind, TimerKind::AuthorizationExpires);
        assert_eq!(t[0].due_at, at("2026-11-09T20:30:00Z"), "7 calendar days, weekend included");
        assert_eq!(t[0].due, date(2026, 11, 9));
        assert_eq!(t[1].due_at, at("2026-12-04T12:00:00Z"), "31 days for a hotel");
        assert!(t[1].explanation_text.contains("cannot cancel"), "{}", t[1].explanation_text);
        assert!(t[0].explanation.is_none(), "calendar days: no business-day count");
    }

    #[test]
    fn rule_timer_ach_return_window_is_one_business_day_over_a_weekend_and_a_holiday() {
        // Received Friday 2026-11-20: the window runs to the end of Monday 23 Nov.
        let c = complaint_with(&[("2026-11-20T16:00:00Z", TrackedFact::AchDebitReceived)]);
        let t = timers(&c, &rules(), &TimerRules::default(), at("2026-11-20T17:00:00Z"));
        assert_eq!((t[0].kind, t[0].due), (TimerKind::AchReturnWindow, date(2026, 11, 23)));
        // Received Wednesday 2026-11-25, the day before Thanksgiving: to the end of Friday 27 Nov.
        let c = complaint_with(&[("2026-11-25T16:00:00Z", TrackedFact::AchDebitReceived)]);
        let t = timers(&c, &rules(), &TimerRules::default(), at("2026-11-25T17:00:00Z"));
        assert_eq!(t[0].due, date(2026, 11, 27));
        assert!(t[0].explanation_text.contains("Thanksgiving"), "{}", t[0].explanation_text);
    }

    #[test]
    fn timers_count_in_the_due_lists_only_while_the_complaint_is_open() {
        let mut c = complaint_with(&[("2026-11-20T16:00:00Z", TrackedFact::AchDebitReceived)]);
        assert_eq!(counted_due_dates(&c, &rules(), &TimerRules::default()), vec![(TimerKind::AchReturnWindow, date(2026, 11, 23))]);
        c.apply(&ComplaintEvent::Resolved { at: at("2026-11-21T12:00:00Z"), summary: "Returned".into(), outcome: None, compensation: None, root_cause: None }).unwrap();
        assert!(counted_due_dates(&c, &rules(), &TimerRules::default()).is_empty());
        let refused = c.apply(&ComplaintEvent::Tracked { at: at("2026-11-22T12:00:00Z"), fact: TrackedFact::AchDebitReceived, note: None }).unwrap_err();
        assert!(matches!(refused, DomainError::Rule { ref rule, .. } if rule == "track_open_only"), "{refused}");
    }

    #[test]
    fn a_tracked_fact_is_parsed_from_the_cli_words_naming_the_missing_detail() {
        assert_eq!(TrackedFact::parse("card_shipped", Some("standard"), None).unwrap(), TrackedFact::CardShipped { shipping: Shipping::Standard });
        assert!(TrackedFact::parse("card_shipped", None, None).unwrap_err().to_string().starts_with("shipping:"));
        assert!(TrackedFact::parse("authorization_created", None, Some("boat")).unwrap_err().to_string().starts_with("merchant_category:"));
        assert!(TrackedFact::parse("card_lost", None, None).unwrap_err().to_string().starts_with("event:"));
    }
}
