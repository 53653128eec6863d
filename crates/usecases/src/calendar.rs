//! Calendar questions asked of the program's business calendar (holidays plus closures).

use cdesk_domain::calendar::ClosedDay;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::{load_rules, Desk, ErrorBody, Result};

/// A closed weekday with a readable name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct CalendarDay {
    pub date: String,
    pub name: String,
}

/// Parses a `YYYY-MM-DD` date.
///
/// # Errors
/// `InvalidInput` naming `field`.
pub fn parse_date(text: &str, field: &str) -> Result<NaiveDate> {
    text.trim()
        .parse::<NaiveDate>()
        .map_err(|_| ErrorBody::invalid(field, format!("{text:?} is not a date in the form YYYY-MM-DD")))
}

impl Desk {
    /// The `n`-th business day strictly after `date`.
    ///
    /// # Errors
    /// `InvalidInput` naming `DATE` or `N` beyond what the calendar answers for; `Storage`.
    pub fn add_business_days(&mut self, date: NaiveDate, n: u32) -> Result<NaiveDate> {
        self.store.read(|tx| Ok(load_rules(tx)?.calendar.checked_add_business_days(date, n, "DATE", "N")?))
    }

    /// Whether `date` is a business day in the program's calendar.
    ///
    /// # Errors
    /// `Storage` if the calendar cannot be read.
    pub fn is_business_day(&mut self, date: NaiveDate) -> Result<bool> {
        cdesk_domain::calendar::check_date(date, "DATE")?;
        self.store.read(|tx| Ok(load_rules(tx)?.calendar.is_business_day(date)))
    }

    /// Every closed weekday of `year`: holidays as observed, and closure days.
    ///
    /// # Errors
    /// `Storage` if the calendar cannot be read.
    pub fn closed_weekdays(&mut self, year: i32) -> Result<Vec<CalendarDay>> {
        cdesk_domain::calendar::check_year(year, "YEAR")?;
        self.store.read(|tx| {
            Ok(load_rules(tx)?
                .calendar
                .closed_weekdays(year)
                .into_iter()
                .map(|ClosedDay { date, reason }| CalendarDay { date: date.to_string(), name: reason.describe() })
                .collect())
        })
    }
}
