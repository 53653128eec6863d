//! Business calendars: which local dates are business days, and counting business days.
//!
//! Holidays come from rule data (`rules/federal-reserve-holidays.toml`) and hold for any year;
//! closure days are plain dates the user adds. Nothing here knows about time zones or clocks:
//! callers pass local dates.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::DomainError;

const FEDERAL_RESERVE_RULES: &str = include_str!("../rules/federal-reserve-holidays.toml");


/// The first and last years the calendar answers for (its holiday rules are written for them).
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2999;
/// The most business days one question may count.
pub const MAX_BUSINESS_DAYS: u32 = 10_000;

/// Refuses a year the calendar does not answer for.
///
/// # Errors
/// `Invalid` naming `field`.
pub fn check_year(year: i32, field: &str) -> Result<(), crate::DomainError> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(crate::DomainError::invalid(field, format!("{year} is outside {FIRST_YEAR} to {LAST_YEAR}")));
    }
    Ok(())
}

/// Refuses a date in a year the calendar does not answer for.
///
/// # Errors
/// `Invalid` naming `field`.
pub fn check_date(date: NaiveDate, field: &str) -> Result<(), crate::DomainError> {
    use chrono::Datelike;
    check_year(date.year(), field).map_err(|_| {
        crate::DomainError::invalid(field, format!("{date} is outside the years the calendar answers for ({FIRST_YEAR} to {LAST_YEAR})"))
    })
}

/// How a holiday's date is found in a given year.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum DateRule {
    Fixed { month: u32, day: u32 },
    NthWeekday { month: u32, weekday: WeekdayName, n: u8 },
    LastWeekday { month: u32, weekday: WeekdayName },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum WeekdayName {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
}

impl From<WeekdayName> for Weekday {
    fn from(w: WeekdayName) -> Self {
        match w {
            WeekdayName::Mon => Weekday::Mon,
            WeekdayName::Tue => Weekday::Tue,
            WeekdayName::Wed => Weekday::Wed,
            WeekdayName::Thu => Weekday::Thu,
            WeekdayName::Fri => Weekday::Fri,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
struct HolidayRule {
    name: String,
    #[serde(flatten)]
    date: DateRule,
    from_year: Option<i32>,
    until_year: Option<i32>,
}

impl HolidayRule {
    fn actual_date(&self, year: i32) -> Option<NaiveDate> {
        if self.from_year.is_some_and(|from| year < from) || self.until_year.is_some_and(|until| year > until) {
            return None;
        }
        match &self.date {
            DateRule::Fixed { month, day } => NaiveDate::from_ymd_opt(year, *month, *day),
            DateRule::NthWeekday { month, weekday, n } => {
                NaiveDate::from_weekday_of_month_opt(year, *month, (*weekday).into(), *n)
            }
            DateRule::LastWeekday { month, weekday } => {
                let first_next = if *month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1)
                }?;
                let mut d = first_next - Duration::days(1);
                let target: Weekday = (*weekday).into();
                while d.weekday() != target {
                    d -= Duration::days(1);
                }
                Some(d)
            }
        }
    }
}

/// A holiday schedule defined by rules (data), valid for any year.
#[derive(Debug, Clone, Deserialize)]
pub struct HolidayRules {
    name: String,
    sunday_observed_on_monday: bool,
    saturday_observed_on_friday: bool,
    #[serde(rename = "holiday")]
    holidays: Vec<HolidayRule>,
}

impl HolidayRules {
    /// The Federal Reserve schedule shipped with the program.
    pub fn federal_reserve() -> Self {
        Self::from_toml(FEDERAL_RESERVE_RULES).expect("the shipped holiday rules parse")
    }

    /// Parses a holiday schedule.
    ///
    /// # Errors
    /// `DomainError::Invalid` naming `holiday_rules` when the text is not a valid schedule.
    pub fn from_toml(text: &str) -> Result<Self, DomainError> {
        toml::from_str(text).map_err(|e| DomainError::invalid("holiday_rules", e.to_string()))
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Weekdays on which the schedule closes, with the holiday's name, for one year.
    fn observed_in(&self, year: i32) -> Vec<(NaiveDate, String)> {
        let mut out = Vec::new();
        for rule in &self.holidays {
            // A holiday observed in `year` may come from a rule date in the year before or after
            // (a Saturday 1 January observed on Friday 31 December, for schedules that move it).
            for y in [year - 1, year, year + 1] {
                let Some(actual) = rule.actual_date(y) else { continue };
                let observed = match actual.weekday() {
                    Weekday::Sun if self.sunday_observed_on_monday => {
                        Some((actual + Duration::days(1), format!("{} (observed)", rule.name)))
                    }
                    Weekday::Sat if self.saturday_observed_on_friday => {
                        Some((actual - Duration::days(1), format!("{} (observed)", rule.name)))
                    }
                    Weekday::Sat | Weekday::Sun => None,
                    _ => Some((actual, rule.name.clone())),
                };
                if let Some((date, name)) = observed {
                    if date.year() == year {
                        out.push((date, name));
                    }
                }
            }
        }
        out.sort();
        out
    }
}

/// Why a date is not a business day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum ClosedReason {
    Weekend,
    Holiday { name: String },
    Closure { name: String },
}

impl ClosedReason {
    pub fn describe(&self) -> String {
        match self {
            ClosedReason::Weekend => "weekend".to_owned(),
            ClosedReason::Holiday { name } => name.clone(),
            ClosedReason::Closure { name } => format!("closure: {name}"),
        }
    }
}

/// A day skipped while counting business days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct SkippedDay {
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub reason: ClosedReason,
}

/// How a deadline was found: the start date, the count, and every day passed over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct DeadlineExplanation {
    /// The local submission date; counting starts the day after it.
    #[ts(type = "string")]
    pub start: NaiveDate,
    pub business_days: u32,
    #[ts(type = "string")]
    pub due: NaiveDate,
    pub skipped: Vec<SkippedDay>,
    /// True when the date was set by Stripe with its review (`start` is then the review's day),
    /// not counted from the submission.
    #[serde(default)]
    pub set_by_stripe: bool,
}

impl DeadlineExplanation {
    /// A due date Stripe set with its review on `reviewed_on`.
    pub fn set_by_stripe(reviewed_on: NaiveDate, due: NaiveDate, calendar: &BusinessCalendar) -> Self {
        let business_days = calendar.business_days_between(reviewed_on, due).max(0) as u32;
        DeadlineExplanation { start: reviewed_on, business_days, due, skipped: Vec::new(), set_by_stripe: true }
    }

    /// One sentence a user can read.
    pub fn sentence(&self) -> String {
        if self.set_by_stripe {
            return format!(
                "{}: the date Stripe set with its review on {}",
                self.due.format("%a %-d %b %Y"),
                self.start.format("%a %-d %b %Y")
            );
        }
        let mut s = format!(
            "{} business day{} after {} is {}",
            self.business_days,
            if self.business_days == 1 { "" } else { "s" },
            self.start.format("%a %-d %b %Y"),
            self.due.format("%a %-d %b %Y"),
        );
        if self.skipped.is_empty() {
            s.push_str("; no day was skipped.");
        } else {
            let parts: Vec<String> = self
                .skipped
                .iter()
                .map(|d| format!("{} ({})", d.date.format("%a %-d %b"), d.reason.describe()))
                .collect();
            s.push_str(&format!("; skipped {}.", parts.join(", ")));
        }
        s
    }
}

/// A closure day the program's user added (office closed, local holiday...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ClosureDay {
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub name: String,
}

/// One closed weekday of a year, as `cdesk calendar holidays` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ClosedDay {
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub reason: ClosedReason,
}

/// Monday to Friday, minus a holiday schedule, minus closure days.
#[derive(Debug, Clone)]
pub struct BusinessCalendar {
    rules: HolidayRules,
    closures: BTreeMap<NaiveDate, String>,
    /// Each year asked about, worked out once (shared by clones of this calendar).
    cache: std::sync::Arc<std::sync::Mutex<BTreeMap<i32, std::sync::Arc<YearDays>>>>,
}

/// One year of a calendar, worked out once: its observed holidays, which of its days are
/// closed (weekends, holidays, closure days), and how many business days it has up to each day,
/// so that counting business days between two dates takes a few lookups, not a walk.
#[derive(Debug)]
struct YearDays {
    holidays: BTreeMap<NaiveDate, String>,
    /// By day of the year from 0.
    closed: Vec<bool>,
    /// Business days from the year's first day up to and including each day.
    through: Vec<u16>,
}

impl YearDays {
    fn business_through(&self, date: NaiveDate) -> i64 {
        i64::from(self.through[date.ordinal0() as usize])
    }

    fn total(&self) -> i64 {
        i64::from(*self.through.last().unwrap_or(&0))
    }
}

impl Default for BusinessCalendar {
    fn default() -> Self {
        Self::new(HolidayRules::federal_reserve(), Vec::new())
    }
}

impl BusinessCalendar {
    pub fn new(rules: HolidayRules, closures: Vec<ClosureDay>) -> Self {
        Self {
            rules,
            closures: closures.into_iter().map(|c| (c.date, c.name)).collect(),
            cache: Default::default(),
        }
    }

    /// The US Federal Reserve calendar with the given closure days.
    pub fn federal_reserve(closures: Vec<ClosureDay>) -> Self {
        Self::new(HolidayRules::federal_reserve(), closures)
    }

    pub fn name(&self) -> &str {
        self.rules.name()
    }

    fn year(&self, year: i32) -> std::sync::Arc<YearDays> {
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        cache.entry(year).or_insert_with(|| std::sync::Arc::new(self.work_out(year))).clone()
    }

    fn work_out(&self, year: i32) -> YearDays {
        let holidays: BTreeMap<NaiveDate, String> = self.rules.observed_in(year).into_iter().collect();
        let first = NaiveDate::from_ymd_opt(year, 1, 1).expect("a year the calendar answers for");
        let mut closed = Vec::with_capacity(366);
        let mut through = Vec::with_capacity(366);
        let mut count = 0u16;
        for date in first.iter_days().take_while(|d| d.year() == year) {
            let shut = matches!(date.weekday(), Weekday::Sat | Weekday::Sun) || holidays.contains_key(&date) || self.closures.contains_key(&date);
            if !shut {
                count += 1;
            }
            closed.push(shut);
            through.push(count);
        }
        YearDays { holidays, closed, through }
    }

    fn holiday_on(&self, date: NaiveDate) -> Option<String> {
        self.year(date.year()).holidays.get(&date).cloned()
    }

    /// Why `date` is closed, or `None` for a business day.
    pub fn closed_reason(&self, date: NaiveDate) -> Option<ClosedReason> {
        if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            return Some(ClosedReason::Weekend);
        }
        if let Some(name) = self.holiday_on(date) {
            return Some(ClosedReason::Holiday { name });
        }
        self.closures.get(&date).map(|name| ClosedReason::Closure { name: name.clone() })
    }

    pub fn is_business_day(&self, date: NaiveDate) -> bool {
        !self.year(date.year()).closed[date.ordinal0() as usize]
    }

    /// The `n`-th business day strictly after `start` (`start` itself for `n == 0`).
    /// [`Self::add_business_days`] for dates and counts as typed: refused outside the years the
    /// calendar answers for ([`FIRST_YEAR`] to [`LAST_YEAR`]) or beyond [`MAX_BUSINESS_DAYS`].
    ///
    /// # Errors
    /// `Invalid` naming `date_field` or `count_field`.
    pub fn checked_add_business_days(&self, start: NaiveDate, n: u32, date_field: &str, count_field: &str) -> Result<NaiveDate, crate::DomainError> {
        check_date(start, date_field)?;
        if n > MAX_BUSINESS_DAYS {
            return Err(crate::DomainError::invalid(
                count_field,
                format!("{n} business days is more than the calendar counts ({MAX_BUSINESS_DAYS}, about 40 years)"),
            ));
        }
        let due = self.add_business_days(start, n);
        check_date(due, date_field)?;
        Ok(due)
    }

    pub fn add_business_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut date = start;
        let mut year = self.year(date.year());
        let mut counted = 0;
        while counted < n {
            date = date.succ_opt().expect("dates stay far from chrono's limits");
            if date.ordinal0() == 0 {
                year = self.year(date.year());
            }
            if !year.closed[date.ordinal0() as usize] {
                counted += 1;
            }
        }
        date
    }

    /// Like [`Self::add_business_days`], and says which days it skipped.
    pub fn explain_add(&self, start: NaiveDate, n: u32) -> DeadlineExplanation {
        let mut date = start;
        let mut counted = 0;
        let mut skipped = Vec::new();
        while counted < n {
            date = date.succ_opt().expect("dates stay far from chrono's limits");
            match self.closed_reason(date) {
                Some(reason) => skipped.push(SkippedDay { date, reason }),
                None => counted += 1,
            }
        }
        DeadlineExplanation { start, business_days: n, due: date, skipped, set_by_stripe: false }
    }

    /// Business days from `from` to `to`: the count in `(from, to]` when `to` is later,
    /// minus the count in `(to, from]` when it is earlier, 0 when equal.
    pub fn business_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (lo, hi, sign) = if to >= from { (from, to, 1) } else { (to, from, -1) };
        // The business days after `lo` up to and including `hi`, year by year.
        let low = self.year(lo.year());
        let n = if lo.year() == hi.year() {
            low.business_through(hi) - low.business_through(lo)
        } else {
            let between: i64 = (lo.year() + 1..hi.year()).map(|y| self.year(y).total()).sum();
            low.total() - low.business_through(lo) + between + self.year(hi.year()).business_through(hi)
        };
        sign * n
    }

    /// Every weekday of `year` that is closed: holidays (observed dates) and closure days.
    pub fn closed_weekdays(&self, year: i32) -> Vec<ClosedDay> {
        let mut days: BTreeMap<NaiveDate, ClosedReason> = self
            .rules
            .observed_in(year)
            .into_iter()
            .map(|(date, name)| (date, ClosedReason::Holiday { name }))
            .collect();
        for (date, name) in &self.closures {
            if date.year() == year && !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                days.entry(*date).or_insert_with(|| ClosedReason::Closure { name: name.clone() });
            }
        }
        days.into_iter().map(|(date, reason)| ClosedDay { date, reason }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn fed() -> BusinessCalendar {
        BusinessCalendar::default()
    }

    fn holiday_dates(year: i32) -> Vec<String> {
        fed().closed_weekdays(year).into_iter().map(|c| c.date.to_string()).collect()
    }

    #[test]
    fn rule_deadline_is_nth_business_day_strictly_after_submission() {
        // RULES §1: submitted Friday 20 Nov 2026, 1 business day → Monday 23 Nov.
        assert_eq!(fed().add_business_days(d("2026-11-20"), 1), d("2026-11-23"));
    }

    #[test]
    fn rule_saturday_submission_counts_from_the_following_monday() {
        assert_eq!(fed().add_business_days(d("2026-11-21"), 1), d("2026-11-23"));
        assert_eq!(fed().add_business_days(d("2026-11-22"), 1), d("2026-11-23"));
    }

    #[test]
    fn rule_sunday_holiday_is_observed_on_monday() {
        // Independence Day 2027 falls on a Sunday: Monday 5 July is closed.
        let cal = fed();
        assert!(!cal.is_business_day(d("2027-07-05")), "Sunday holiday must close the Monday");
        assert_eq!(
            cal.closed_reason(d("2027-07-05")),
            Some(ClosedReason::Holiday { name: "Independence Day (observed)".into() })
        );
    }

    #[test]
    fn rule_saturday_holiday_is_not_moved() {
        // Independence Day 2026 is a Saturday: Friday 3 July stays a business day.
        assert!(fed().is_business_day(d("2026-07-03")), "Saturday holiday must not close Friday");
        // New Year's Day 2022 was a Saturday: Friday 31 Dec 2021 was open.
        assert!(fed().is_business_day(d("2021-12-31")));
        assert!(!holiday_dates(2022).contains(&"2022-01-01".to_string()));
    }

    #[test]
    fn rule_juneteenth_only_from_2021() {
        assert!(fed().is_business_day(d("2020-06-19")), "Juneteenth was not a holiday in 2020");
        assert!(!fed().is_business_day(d("2023-06-19")));
        // 2022: Sunday the 19th, observed Monday the 20th.
        assert!(!fed().is_business_day(d("2022-06-20")));
    }

    #[test]
    fn rule_eleven_federal_reserve_holidays_2026() {
        assert_eq!(
            holiday_dates(2026),
            vec![
                "2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19",
                // 4 July 2026 is a Saturday: not moved, not listed.
                "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25",
            ]
        );
    }

    #[test]
    fn rule_closure_days_are_not_business_days() {
        let cal = BusinessCalendar::federal_reserve(vec![ClosureDay {
            date: d("2026-11-24"),
            name: "Office move".into(),
        }]);
        let e = cal.explain_add(d("2026-11-20"), 2);
        // Mon 23 counts, Tue 24 closed, Wed 25 counts.
        assert_eq!(e.due, d("2026-11-25"));
        assert!(e.skipped.iter().any(|s| s.reason == ClosedReason::Closure { name: "Office move".into() }));
    }

    #[test]
    fn explanation_names_weekends_and_holidays_skipped() {
        // Wed 25 Nov 2026 + 5: Thu 26 Thanksgiving, Sat, Sun → Fri 27, Mon 30, Tue 1, Wed 2, Thu 3 Dec.
        let e = fed().explain_add(d("2026-11-25"), 5);
        assert_eq!(e.due, d("2026-12-03"));
        assert_eq!(e.skipped.len(), 3);
        assert_eq!(e.skipped[0].reason, ClosedReason::Holiday { name: "Thanksgiving Day".into() });
        assert!(e.sentence().contains("Thanksgiving Day"), "{}", e.sentence());
    }

    proptest::proptest! {
        /// The counts worked out per year agree with walking day by day and asking each day
        /// why it is closed (weekends, holidays observed across a new year, a closure day).
        #[test]
        fn business_day_counts_agree_with_walking_the_days(start in 0i64..4_000, span in 0i64..1_200, n in 0u32..40) {
            let cal = BusinessCalendar::federal_reserve(vec![ClosureDay { date: d("2026-12-24"), name: "Office closed".into() }]);
            let from = d("2020-01-01") + chrono::Duration::days(start);
            let to = from + chrono::Duration::days(span);
            let walked = from.iter_days().skip(1).take_while(|x| *x <= to).filter(|x| cal.closed_reason(*x).is_none()).count() as i64;
            proptest::prop_assert_eq!(cal.business_days_between(from, to), walked);
            proptest::prop_assert_eq!(cal.business_days_between(to, from), -walked);
            proptest::prop_assert_eq!(cal.add_business_days(from, n), cal.explain_add(from, n).due);
        }
    }

    #[test]
    fn business_days_between_is_signed() {
        let cal = fed();
        assert_eq!(cal.business_days_between(d("2026-11-20"), d("2026-11-23")), 1);
        assert_eq!(cal.business_days_between(d("2026-11-23"), d("2026-11-20")), -1);
        assert_eq!(cal.business_days_between(d("2026-11-23"), d("2026-11-23")), 0);
    }
}
