//! The business calendar against an independent model of the US Federal Reserve schedule.
//!
//! Expectations never come from the code under test: they come from `reference` (a separate,
//! deliberately naive implementation of the published rules) and from hand-written dates checked
//! with python3's `datetime` and against the Fed's published holiday schedules.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use cdesk_domain::calendar::ClosedDay;
use cdesk_domain::{BusinessCalendar, ClosedReason, ClosureDay};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use proptest::prelude::*;

const FIRST_YEAR: i32 = 2020;
const LAST_YEAR: i32 = 2040;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("bad date in the test itself: {s}: {e}"))
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_else(|| panic!("no such date {year}-{month}-{day}"))
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The shipped Federal Reserve calendar, built once (its per-year cache is shared by every test).
fn fed() -> &'static BusinessCalendar {
    static FED: OnceLock<BusinessCalendar> = OnceLock::new();
    FED.get_or_init(BusinessCalendar::default)
}

fn closure(date: NaiveDate, name: &str) -> ClosureDay {
    ClosureDay { date, name: name.to_owned() }
}

fn holiday(name: &str) -> Option<ClosedReason> {
    Some(ClosedReason::Holiday { name: name.to_owned() })
}

/// An independent, naive model of the Federal Reserve schedule. It shares no code with
/// `cdesk_domain::calendar`: it finds weekdays of a month by walking the month day by day,
/// and counts business days one date at a time.
mod reference {
    use super::*;

    /// The `n`-th (1-based) `weekday` of `month`.
    fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u32) -> NaiveDate {
        (1..=31)
            .filter_map(|day| NaiveDate::from_ymd_opt(year, month, day))
            .filter(|date| date.weekday() == weekday)
            .nth(n as usize - 1)
            .unwrap_or_else(|| panic!("no {n}-th {weekday} in {year}-{month}"))
    }

    /// The last `weekday` of `month`.
    fn last_weekday(year: i32, month: u32, weekday: Weekday) -> NaiveDate {
        (1..=31)
            .rev()
            .filter_map(|day| NaiveDate::from_ymd_opt(year, month, day))
            .find(|date| date.weekday() == weekday)
            .unwrap_or_else(|| panic!("no {weekday} in {year}-{month}"))
    }

    /// The Fed's holidays on their actual dates in `year`, whatever weekday they fall on:
    /// eleven from 2021, ten before (Juneteenth became a holiday in 2021).
    pub fn actual_holidays(year: i32) -> Vec<(&'static str, NaiveDate)> {
        let mut out = vec![
            ("New Year's Day", ymd(year, 1, 1)),
            ("Birthday of Martin Luther King, Jr.", nth_weekday(year, 1, Weekday::Mon, 3)),
            ("Washington's Birthday", nth_weekday(year, 2, Weekday::Mon, 3)),
            ("Memorial Day", last_weekday(year, 5, Weekday::Mon)),
        ];
        if year >= 2021 {
            out.push(("Juneteenth National Independence Day", ymd(year, 6, 19)));
        }
        out.extend([
            ("Independence Day", ymd(year, 7, 4)),
            ("Labor Day", nth_weekday(year, 9, Weekday::Mon, 1)),
            ("Columbus Day", nth_weekday(year, 10, Weekday::Mon, 2)),
            ("Veterans Day", ymd(year, 11, 11)),
            ("Thanksgiving Day", nth_weekday(year, 11, Weekday::Thu, 4)),
            ("Christmas Day", ymd(year, 12, 25)),
        ]);
        out
    }

    /// The weekdays of `year` the Fed is closed, sorted, with the holiday's name: a Sunday
    /// holiday is observed the following Monday as "<name> (observed)"; a Saturday holiday is
    /// not moved, so it closes no weekday. (No Fed holiday falls on 31 December, so moving a
    /// Sunday forward never leaves the year.)
    pub fn closed_weekdays(year: i32) -> Vec<(NaiveDate, String)> {
        let mut out: Vec<(NaiveDate, String)> = actual_holidays(year)
            .into_iter()
            .filter_map(|(name, date)| match date.weekday() {
                Weekday::Sat => None,
                Weekday::Sun => Some((date + Duration::days(1), format!("{name} (observed)"))),
                _ => Some((date, name.to_owned())),
            })
            .collect();
        out.sort();
        out
    }

    /// The Fed calendar plus closure dates, valid for dates in 2019..=2043.
    pub struct Model {
        closed: BTreeSet<NaiveDate>,
    }

    impl Model {
        pub fn federal_reserve(closures: &[NaiveDate]) -> Self {
            let mut closed: BTreeSet<NaiveDate> =
                (2019..=2043).flat_map(closed_weekdays).map(|(date, _)| date).collect();
            closed.extend(closures.iter().copied());
            Model { closed }
        }

        pub fn is_business_day(&self, date: NaiveDate) -> bool {
            assert!((2019..=2043).contains(&date.year()), "the model only covers 2019..=2043, asked {date}");
            !is_weekend(date) && !self.closed.contains(&date)
        }

        /// The `n`-th business day strictly after `start`.
        pub fn add(&self, start: NaiveDate, n: u32) -> NaiveDate {
            let mut date = start;
            let mut counted = 0;
            while counted < n {
                date += Duration::days(1);
                if self.is_business_day(date) {
                    counted += 1;
                }
            }
            date
        }

        /// Business days in `(from, to]`, negated when `to` is before `from`.
        pub fn between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
            if to < from {
                return -self.between(to, from);
            }
            let mut count = 0;
            let mut date = from;
            while date < to {
                date += Duration::days(1);
                if self.is_business_day(date) {
                    count += 1;
                }
            }
            count
        }
    }

    pub fn fed() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Model::federal_reserve(&[]))
    }
}

// ---------------------------------------------------------------------------------------------
// Hand-checked dates (python3 `datetime`, and the Fed's published schedules for 2021..2023).
// ---------------------------------------------------------------------------------------------

/// Exact closed weekdays of years with interesting Saturday / Sunday cases.
const HAND_CHECKED_CLOSED_WEEKDAYS: &[(i32, &[&str])] = &[
    // Independence Day is a Saturday (3 July stays open); Juneteenth is not a holiday yet: 9 days.
    (2020, &["2020-01-01", "2020-01-20", "2020-02-17", "2020-05-25", "2020-09-07", "2020-10-12", "2020-11-11", "2020-11-26", "2020-12-25"]),
    // Juneteenth and Christmas are Saturdays (not listed); Independence Day is a Sunday (5 July).
    (2021, &["2021-01-01", "2021-01-18", "2021-02-15", "2021-05-31", "2021-07-05", "2021-09-06", "2021-10-11", "2021-11-11", "2021-11-25"]),
    // New Year's Day is a Saturday (not listed); Juneteenth and Christmas are Sundays (20 June, 26 Dec).
    (2022, &["2022-01-17", "2022-02-21", "2022-05-30", "2022-06-20", "2022-07-04", "2022-09-05", "2022-10-10", "2022-11-11", "2022-11-24", "2022-12-26"]),
    // New Year's Day is a Sunday (2 Jan); Veterans Day is a Saturday (10 Nov stays open).
    (2023, &["2023-01-02", "2023-01-16", "2023-02-20", "2023-05-29", "2023-06-19", "2023-07-04", "2023-09-04", "2023-10-09", "2023-11-23", "2023-12-25"]),
    // No weekend holiday: all eleven on their own dates.
    (2024, &["2024-01-01", "2024-01-15", "2024-02-19", "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02", "2024-10-14", "2024-11-11", "2024-11-28", "2024-12-25"]),
    // Like 2021: Juneteenth and Christmas on Saturdays, Independence Day on a Sunday.
    (2027, &["2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-07-05", "2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25"]),
    // New Year's Day and Veterans Day both on Saturdays: 9 days.
    (2028, &["2028-01-17", "2028-02-21", "2028-05-29", "2028-06-19", "2028-07-04", "2028-09-04", "2028-10-09", "2028-11-23", "2028-12-25"]),
    // Veterans Day is a Sunday (12 Nov).
    (2029, &["2029-01-01", "2029-01-15", "2029-02-19", "2029-05-28", "2029-06-19", "2029-07-04", "2029-09-03", "2029-10-08", "2029-11-12", "2029-11-22", "2029-12-25"]),
    // New Year's Day a Saturday; Juneteenth and Christmas Sundays.
    (2033, &["2033-01-17", "2033-02-21", "2033-05-30", "2033-06-20", "2033-07-04", "2033-09-05", "2033-10-10", "2033-11-11", "2033-11-24", "2033-12-26"]),
    // Juneteenth and Christmas Saturdays; Independence Day a Sunday.
    (2038, &["2038-01-01", "2038-01-18", "2038-02-15", "2038-05-31", "2038-07-05", "2038-09-06", "2038-10-11", "2038-11-11", "2038-11-25"]),
    // New Year's Day a Saturday; Juneteenth and Christmas Sundays.
    (2039, &["2039-01-17", "2039-02-21", "2039-05-30", "2039-06-20", "2039-07-04", "2039-09-05", "2039-10-10", "2039-11-11", "2039-11-24", "2039-12-26"]),
    // New Year's Day and Veterans Day both Sundays: two observed Mondays, eleven days.
    (2040, &["2040-01-02", "2040-01-16", "2040-02-20", "2040-05-28", "2040-06-19", "2040-07-04", "2040-09-03", "2040-10-08", "2040-11-12", "2040-11-22", "2040-12-25"]),
];

/// Mondays closed because the holiday fell on the Sunday before, with the name they must carry.
const HAND_CHECKED_OBSERVED: &[(&str, &str)] = &[
    ("2021-07-05", "Independence Day (observed)"),
    ("2022-06-20", "Juneteenth National Independence Day (observed)"),
    ("2022-12-26", "Christmas Day (observed)"),
    ("2023-01-02", "New Year's Day (observed)"),
    ("2027-07-05", "Independence Day (observed)"),
    ("2029-11-12", "Veterans Day (observed)"),
    ("2033-06-20", "Juneteenth National Independence Day (observed)"),
    ("2033-12-26", "Christmas Day (observed)"),
    ("2034-01-02", "New Year's Day (observed)"),
    ("2035-11-12", "Veterans Day (observed)"),
    ("2040-01-02", "New Year's Day (observed)"),
    ("2040-11-12", "Veterans Day (observed)"),
];

/// Fridays that stay business days, and why.
const HAND_CHECKED_OPEN_FRIDAYS: &[(&str, &str)] = &[
    ("2020-06-19", "Juneteenth was not a Fed holiday before 2021"),
    ("2020-07-03", "Independence Day 2020 is a Saturday, not moved"),
    ("2021-06-18", "Juneteenth 2021 is a Saturday, not moved"),
    ("2021-12-24", "Christmas 2021 is a Saturday, not moved"),
    ("2021-12-31", "New Year's Day 2022 is a Saturday, not moved"),
    ("2023-11-10", "Veterans Day 2023 is a Saturday, not moved"),
    ("2026-07-03", "Independence Day 2026 is a Saturday, not moved"),
    ("2027-12-24", "Christmas 2027 is a Saturday, not moved"),
    ("2027-12-31", "New Year's Day 2028 is a Saturday, not moved"),
    ("2028-11-10", "Veterans Day 2028 is a Saturday, not moved"),
    ("2032-06-18", "Juneteenth 2032 is a Saturday, not moved"),
    ("2032-12-31", "New Year's Day 2033 is a Saturday, not moved"),
    ("2034-11-10", "Veterans Day 2034 is a Saturday, not moved"),
    ("2037-07-03", "Independence Day 2037 is a Saturday, not moved"),
    ("2038-12-24", "Christmas 2038 is a Saturday, not moved"),
];

// ---------------------------------------------------------------------------------------------
// 1. The closed weekdays of every year 2020..=2040.
// ---------------------------------------------------------------------------------------------

#[test]
fn rule_reference_model_agrees_with_hand_checked_dates() {
    // The model is only worth comparing against if it is itself right.
    for (year, dates) in HAND_CHECKED_CLOSED_WEEKDAYS {
        let model: Vec<String> = reference::closed_weekdays(*year).into_iter().map(|(date, _)| date.to_string()).collect();
        assert_eq!(model, *dates, "the reference model must reproduce the hand-checked closed weekdays of {year}");
    }
    for (date, name) in HAND_CHECKED_OBSERVED {
        let year = d(date).year();
        assert!(
            reference::closed_weekdays(year).contains(&(d(date), (*name).to_owned())),
            "the reference model must close {date} as {name:?}"
        );
    }
    for (date, why) in HAND_CHECKED_OPEN_FRIDAYS {
        assert!(reference::fed().is_business_day(d(date)), "the reference model must keep {date} open: {why}");
    }
}

#[test]
fn rule_closed_weekdays_2020_to_2040_are_exactly_the_federal_reserve_holidays() {
    for year in FIRST_YEAR..=LAST_YEAR {
        let expected: Vec<ClosedDay> = reference::closed_weekdays(year)
            .into_iter()
            .map(|(date, name)| ClosedDay { date, reason: ClosedReason::Holiday { name } })
            .collect();
        let actual = fed().closed_weekdays(year);
        assert_eq!(
            actual, expected,
            "closed weekdays of {year} must be exactly the Fed holidays, Sunday ones moved to Monday, Saturday ones dropped"
        );
        let expected_count = if year >= 2021 { 11 } else { 10 };
        let weekend = reference::actual_holidays(year).iter().filter(|(_, date)| date.weekday() == Weekday::Sat).count();
        assert_eq!(
            actual.len(),
            expected_count - weekend,
            "{year}: every holiday closes one weekday except those falling on a Saturday"
        );
    }
}

#[test]
fn rule_closed_weekdays_match_hand_checked_lists() {
    for (year, dates) in HAND_CHECKED_CLOSED_WEEKDAYS {
        let actual: Vec<String> = fed().closed_weekdays(*year).into_iter().map(|c| c.date.to_string()).collect();
        assert_eq!(actual, *dates, "closed weekdays of {year} must match the hand-checked list");
    }
}

#[test]
fn rule_every_day_2020_to_2040_is_open_or_closed_as_the_schedule_says() {
    let model = reference::fed();
    let mut date = ymd(FIRST_YEAR, 1, 1);
    while date <= ymd(LAST_YEAR, 12, 31) {
        let reason = fed().closed_reason(date);
        assert_eq!(
            fed().is_business_day(date),
            model.is_business_day(date),
            "{date} ({}) must be a business day exactly when it is a weekday that is not a (observed) holiday; reason given: {reason:?}",
            date.weekday()
        );
        assert_eq!(reason.is_none(), fed().is_business_day(date), "{date}: closed_reason must be None exactly on business days");
        if is_weekend(date) {
            assert_eq!(reason, Some(ClosedReason::Weekend), "{date}: a Saturday or Sunday must be closed as a weekend, even on a holiday");
        }
        date += Duration::days(1);
    }
}

#[test]
fn rule_sunday_holidays_are_observed_monday_under_an_observed_name() {
    for (date, name) in HAND_CHECKED_OBSERVED {
        assert_eq!(fed().closed_reason(d(date)), holiday(name), "{date} must be closed as {name:?}");
    }
    for year in FIRST_YEAR..=LAST_YEAR {
        let actual: Vec<(&'static str, NaiveDate)> = reference::actual_holidays(year);
        for day in fed().closed_weekdays(year) {
            let ClosedReason::Holiday { name } = &day.reason else {
                panic!("{}: the plain Fed calendar has no closure days, got {:?}", day.date, day.reason)
            };
            match name.strip_suffix(" (observed)") {
                Some(base) => {
                    assert_eq!(day.date.weekday(), Weekday::Mon, "{}: an observed holiday ({name}) must be a Monday", day.date);
                    let sunday = day.date - Duration::days(1);
                    assert!(
                        actual.contains(&(base, sunday)),
                        "{}: {name:?} must be observed the day after {base} fell on Sunday {sunday}",
                        day.date
                    );
                }
                None => assert!(
                    actual.contains(&(name.as_str(), day.date)),
                    "{}: a holiday named without \" (observed)\" ({name:?}) must fall on its actual date",
                    day.date
                ),
            }
        }
        for (name, date) in actual.iter().filter(|(_, date)| date.weekday() == Weekday::Sun) {
            let monday = *date + Duration::days(1);
            let expected = format!("{name} (observed)");
            assert_eq!(
                fed().closed_reason(monday),
                holiday(&expected),
                "{name} fell on Sunday {date}: Monday {monday} must be closed, named with \" (observed)\""
            );
        }
    }
}

#[test]
fn rule_saturday_holidays_are_not_moved_and_the_friday_before_stays_open() {
    for (date, why) in HAND_CHECKED_OPEN_FRIDAYS {
        assert_eq!(d(date).weekday(), Weekday::Fri, "test data: {date} must be a Friday");
        assert!(fed().is_business_day(d(date)), "{date} must be a business day: {why}");
    }
    for year in FIRST_YEAR..=LAST_YEAR {
        for (name, date) in reference::actual_holidays(year).into_iter().filter(|(_, date)| date.weekday() == Weekday::Sat) {
            let friday = date - Duration::days(1);
            assert!(fed().is_business_day(friday), "{name} fell on Saturday {date}: Friday {friday} must stay a business day");
            assert_eq!(fed().closed_reason(date), Some(ClosedReason::Weekend), "{name} on Saturday {date} is simply a weekend day");
            for listed_year in [year - 1, year, year + 1] {
                assert!(
                    !fed().closed_weekdays(listed_year).iter().any(|c| c.date == date || c.date == friday),
                    "{name} fell on Saturday {date}: neither it nor {friday} may be listed among closed weekdays of {listed_year}"
                );
            }
        }
    }
}

#[test]
fn rule_juneteenth_is_a_holiday_only_from_2021() {
    assert!(fed().is_business_day(d("2020-06-19")), "Friday 19 June 2020 was a business day: Juneteenth became a Fed holiday in 2021");
    assert!(
        !fed().closed_weekdays(2020).iter().any(|c| c.date.month() == 6),
        "2020 has no June holiday at all"
    );
    assert_eq!(
        fed().closed_reason(d("2023-06-19")),
        holiday("Juneteenth National Independence Day"),
        "Monday 19 June 2023 is Juneteenth"
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Year boundaries.
// ---------------------------------------------------------------------------------------------

#[test]
fn rule_deadlines_cross_year_boundaries_per_the_schedule() {
    let cases: &[(&str, u32, &str, &str)] = &[
        ("2020-12-31", 1, "2021-01-04", "1 Jan 2021 is a Friday holiday, then the weekend"),
        ("2021-12-23", 1, "2021-12-24", "Christmas 2021 is a Saturday, not moved: Friday 24 Dec is open"),
        ("2021-12-30", 1, "2021-12-31", "New Year 2022 is a Saturday, not moved: Friday 31 Dec is open"),
        ("2022-12-23", 1, "2022-12-27", "Christmas 2022 is a Sunday, observed Monday 26 Dec"),
        ("2022-12-30", 1, "2023-01-03", "New Year 2023 is a Sunday, observed Monday 2 Jan"),
        ("2022-12-23", 5, "2023-01-03", "27, 28, 29, 30 Dec, then 3 Jan (26 Dec and 2 Jan observed)"),
        ("2023-12-29", 1, "2024-01-02", "1 Jan 2024 is a Monday holiday"),
        ("2027-12-31", 1, "2028-01-03", "New Year 2028 is a Saturday, not moved: nothing but the weekend is skipped"),
        ("2032-12-31", 1, "2033-01-03", "New Year 2033 is a Saturday, not moved"),
        ("2033-12-30", 1, "2034-01-03", "New Year 2034 is a Sunday, observed Monday 2 Jan"),
        ("2034-12-29", 3, "2035-01-04", "Monday 1 Jan 2035 is a holiday: 2, 3, 4 Jan count"),
        ("2039-12-30", 1, "2040-01-03", "New Year 2040 is a Sunday, observed Monday 2 Jan"),
        ("2040-12-31", 1, "2041-01-02", "1 Jan 2041 is a Tuesday holiday"),
    ];
    for (start, n, due, why) in cases {
        assert_eq!(fed().add_business_days(d(start), *n), d(due), "{start} + {n} business days must be {due}: {why}");
        assert_eq!(
            fed().business_days_between(d(start), d(due)),
            i64::from(*n),
            "{start} to {due} must count {n} business days: {why}"
        );
        assert_eq!(
            fed().business_days_between(d(due), d(start)),
            -i64::from(*n),
            "counting back from {due} to {start} must give -{n}"
        );
    }
}

#[test]
fn rule_every_year_boundary_2020_to_2040_counts_like_the_schedule() {
    let model = reference::fed();
    for year in FIRST_YEAR..LAST_YEAR {
        // Last business day of `year` and first of the next, from the model: one business day apart.
        let mut last = ymd(year, 12, 31);
        while !model.is_business_day(last) {
            last -= Duration::days(1);
        }
        let first = model.add(last, 1);
        assert_eq!(first.year(), year + 1, "test model: the business day after {last} must be in {}", year + 1);
        assert_eq!(
            fed().add_business_days(last, 1),
            first,
            "the business day after {last} (last of {year}) must be {first} (first of {})",
            year + 1
        );
        assert_eq!(
            fed().business_days_between(last, first),
            1,
            "{last} and {first} are consecutive business days across the {year}/{} boundary",
            year + 1
        );

        let mut start = ymd(year, 12, 10);
        while start <= ymd(year + 1, 1, 20) {
            for n in 0..=15 {
                let expected = model.add(start, n);
                assert_eq!(
                    fed().add_business_days(start, n),
                    expected,
                    "{start} + {n} business days must be {expected} (crossing {year}/{})",
                    year + 1
                );
            }
            for to in [ymd(year, 12, 24), ymd(year + 1, 1, 1), ymd(year + 1, 1, 5)] {
                assert_eq!(
                    fed().business_days_between(start, to),
                    model.between(start, to),
                    "business days between {start} and {to} must match the schedule"
                );
            }
            start += Duration::days(1);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Closure days.
// ---------------------------------------------------------------------------------------------

#[test]
fn rule_weekday_closure_pushes_the_deadline() {
    // Fri 20 Nov 2026 + 3: (weekend) Mon 23, Tue 24, Wed 25. Closing Tue 24 adds a day, and
    // Thu 26 is Thanksgiving, so the deadline moves to Fri 27.
    let start = d("2026-11-20");
    assert_eq!(fed().add_business_days(start, 3), d("2026-11-25"), "without closures: Mon 23, Tue 24, Wed 25");
    let cal = BusinessCalendar::federal_reserve(vec![closure(d("2026-11-24"), "Office move")]);
    let e = cal.explain_add(start, 3);
    assert_eq!(e.due, d("2026-11-27"), "a closure on Tue 24 must push the deadline past Thanksgiving to Fri 27");
    assert_eq!(
        e.skipped.iter().map(|s| (s.date, s.reason.clone())).collect::<Vec<_>>(),
        vec![
            (d("2026-11-21"), ClosedReason::Weekend),
            (d("2026-11-22"), ClosedReason::Weekend),
            (d("2026-11-24"), ClosedReason::Closure { name: "Office move".into() }),
            (d("2026-11-26"), ClosedReason::Holiday { name: "Thanksgiving Day".into() }),
        ],
        "the explanation must name the weekend, the closure and the holiday it skipped"
    );
    assert_eq!(
        cal.closed_reason(d("2026-11-24")),
        Some(ClosedReason::Closure { name: "Office move".into() }),
        "a closure day must be closed with its name"
    );
    assert_eq!(cal.business_days_between(start, d("2026-11-27")), 3, "the closure is not counted");
    let listed: Vec<ClosedDay> = cal.closed_weekdays(2026).into_iter().filter(|c| c.date.month() == 11).collect();
    assert_eq!(
        listed,
        vec![
            ClosedDay { date: d("2026-11-11"), reason: ClosedReason::Holiday { name: "Veterans Day".into() } },
            ClosedDay { date: d("2026-11-24"), reason: ClosedReason::Closure { name: "Office move".into() } },
            ClosedDay { date: d("2026-11-26"), reason: ClosedReason::Holiday { name: "Thanksgiving Day".into() } },
        ],
        "a weekday closure must be listed, in date order, among the closed weekdays of its year"
    );
    assert_eq!(cal.closed_weekdays(2027), fed().closed_weekdays(2027), "a closure must only be listed in its own year");
}

#[test]
fn rule_saturday_closure_is_not_listed_and_changes_nothing() {
    let saturday = d("2026-11-21");
    assert_eq!(saturday.weekday(), Weekday::Sat, "test data: 21 Nov 2026 is a Saturday");
    let cal = BusinessCalendar::federal_reserve(vec![closure(saturday, "Weekend event")]);
    assert_eq!(cal.closed_weekdays(2026), fed().closed_weekdays(2026), "a Saturday closure is not a closed weekday");
    assert_eq!(cal.closed_reason(saturday), Some(ClosedReason::Weekend), "a Saturday is closed as a weekend, closure or not");
    let mut start = d("2026-11-01");
    while start <= d("2026-12-15") {
        for n in 0..=20 {
            assert_eq!(
                cal.explain_add(start, n),
                fed().explain_add(start, n),
                "a Saturday closure must change no deadline nor explanation ({start} + {n})"
            );
        }
        start += Duration::days(1);
    }
}

#[test]
fn rule_closure_on_a_holiday_keeps_the_holiday_and_changes_nothing() {
    let thanksgiving = d("2026-11-26");
    let cal = BusinessCalendar::federal_reserve(vec![closure(thanksgiving, "Turkey")]);
    assert_eq!(cal.closed_reason(thanksgiving), holiday("Thanksgiving Day"), "the holiday wins over a closure on the same day");
    assert_eq!(cal.closed_weekdays(2026), fed().closed_weekdays(2026), "a closure on a holiday adds no closed weekday");
    assert_eq!(cal.add_business_days(d("2026-11-25"), 5), d("2026-12-03"), "the deadline is the same as without the closure");
}

// ---------------------------------------------------------------------------------------------
// 3. Properties over 2020..=2040.
// ---------------------------------------------------------------------------------------------

/// Any date of 2020..=2040, drawn either uniformly or near a holiday (where bugs hide).
fn date_in_range() -> impl Strategy<Value = NaiveDate> {
    let first = ymd(FIRST_YEAR, 1, 1);
    let last = ymd(LAST_YEAR, 12, 31);
    let uniform = (0..=(last - first).num_days()).prop_map(move |offset| first + Duration::days(offset));
    let holidays: Vec<NaiveDate> = (FIRST_YEAR..=LAST_YEAR)
        .flat_map(reference::actual_holidays)
        .map(|(_, date)| date)
        .collect();
    let near_holiday = (proptest::sample::select(holidays), -12i64..=3)
        .prop_map(|(date, offset)| date + Duration::days(offset))
        .prop_filter("stay within 2020..=2040", move |date| (first..=last).contains(date));
    prop_oneof![uniform, near_holiday]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn rule_deadline_is_a_business_day_when_n_is_positive(start in date_in_range(), n in 1u32..=40) {
        let due = fed().add_business_days(start, n);
        prop_assert!(fed().is_business_day(due), "{} + {} gave {}, which is closed ({:?}): a deadline must be a business day", start, n, due, fed().closed_reason(due));
        prop_assert!(due > start, "{} + {} gave {}: a deadline of n > 0 business days is strictly after the start", start, n, due);
    }

    #[test]
    fn rule_zero_business_days_is_the_start_itself(start in date_in_range()) {
        let e = fed().explain_add(start, 0);
        prop_assert_eq!(e.due, start, "0 business days after a date is that date, business day or not");
        prop_assert!(e.skipped.is_empty(), "nothing is skipped for 0 business days");
    }

    #[test]
    fn rule_deadline_strictly_increases_with_n(start in date_in_range()) {
        let mut previous = fed().add_business_days(start, 0);
        for n in 1..=40 {
            let due = fed().add_business_days(start, n);
            prop_assert!(due > previous, "{} + {} = {} must be later than {} + {} = {}", start, n, due, start, n - 1, previous);
            previous = due;
        }
    }

    #[test]
    fn rule_business_days_between_inverts_add(start in date_in_range(), n in 0u32..=40) {
        let due = fed().add_business_days(start, n);
        prop_assert_eq!(fed().business_days_between(start, due), i64::from(n), "counting from {} to its deadline {} must give back n", start, due);
        prop_assert_eq!(fed().business_days_between(due, start), -i64::from(n), "counting backwards from {} to {} must give -n", due, start);
    }

    #[test]
    fn rule_deadline_matches_the_reference_schedule(start in date_in_range(), n in 0u32..=40) {
        prop_assert_eq!(fed().add_business_days(start, n), reference::fed().add(start, n), "{} + {} business days must match the independent model", start, n);
    }

    #[test]
    fn rule_business_days_between_matches_the_reference_schedule(from in date_in_range(), to in date_in_range()) {
        // Bound the walk so the test stays fast; both directions are covered.
        let to = if (to - from).num_days().abs() > 400 { from + Duration::days((to - from).num_days().signum() * 400) } else { to };
        prop_assert_eq!(fed().business_days_between(from, to), reference::fed().between(from, to), "business days from {} to {} must match the independent model", from, to);
    }

    #[test]
    fn rule_skipped_days_are_the_gap_between_calendar_and_business_days(start in date_in_range(), n in 0u32..=40) {
        let e = fed().explain_add(start, n);
        prop_assert_eq!(e.start, start, "the explanation must restate the start");
        prop_assert_eq!(e.business_days, n, "the explanation must restate n");
        prop_assert_eq!(e.due, fed().add_business_days(start, n), "explain_add and add_business_days must agree");
        let calendar_days = (e.due - start).num_days();
        prop_assert_eq!(e.skipped.len() as i64, calendar_days - i64::from(n), "{} + {}: every calendar day in (start, due] is either counted or skipped", start, n);
    }

    #[test]
    fn rule_skipped_days_are_closed_and_every_other_day_is_open(start in date_in_range(), n in 0u32..=40) {
        let e = fed().explain_add(start, n);
        for pair in e.skipped.windows(2) {
            prop_assert!(pair[0].date < pair[1].date, "skipped days must be in increasing order without repeats: {:?}", pair);
        }
        for s in &e.skipped {
            prop_assert!(s.date > start && s.date < e.due, "skipped {} must lie strictly between start {} and due {}", s.date, start, e.due);
            prop_assert_eq!(fed().closed_reason(s.date), Some(s.reason.clone()), "skipped {} must be closed, for the reason given", s.date);
        }
        let skipped: BTreeSet<NaiveDate> = e.skipped.iter().map(|s| s.date).collect();
        let mut date = start + Duration::days(1);
        while date <= e.due {
            if !skipped.contains(&date) {
                prop_assert!(fed().is_business_day(date), "{} in ({}, {}] was not skipped, so it must be a business day", date, start, e.due);
            }
            date += Duration::days(1);
        }
    }

    #[test]
    fn rule_a_closure_never_makes_a_deadline_earlier(start in date_in_range(), n in 0u32..=40, offset in -5i64..=70) {
        let closed = start + Duration::days(offset);
        let cal = BusinessCalendar::federal_reserve(vec![closure(closed, "Closed")]);
        let without = fed().add_business_days(start, n);
        let with = cal.add_business_days(start, n);
        prop_assert!(with >= without, "closing {} moved {} + {} earlier: {} < {}", closed, start, n, with, without);
        // Exactly: a closure on a business day that was counted costs one more business day;
        // any other closure changes nothing.
        let counted = closed > start && closed <= without && fed().is_business_day(closed);
        let expected = if counted { fed().add_business_days(start, n + 1) } else { without };
        prop_assert_eq!(with, expected, "closing {} (counted: {}) must move {} + {} from {} to exactly {}", closed, counted, start, n, without, expected);
    }

    #[test]
    fn rule_weekends_are_never_business_days(date in date_in_range(), offset in -5i64..=5) {
        // Also with a closure on or near the date: a closure never opens a weekend.
        let cal = BusinessCalendar::federal_reserve(vec![closure(date + Duration::days(offset), "Closed")]);
        if is_weekend(date) {
            prop_assert!(!fed().is_business_day(date), "{} is a {}: never a business day", date, date.weekday());
            prop_assert!(!cal.is_business_day(date), "{} is a {}: never a business day, closures or not", date, date.weekday());
            prop_assert_eq!(fed().closed_reason(date), Some(ClosedReason::Weekend), "{} must be closed as a weekend", date);
        }
    }
}
