//! `cdesk calendar ...`: business-day questions, answered by the shipped calendar when there is no database.

use std::path::PathBuf;

use clap::Subcommand;

use crate::output::{out, Failure};

#[derive(Subcommand)]
pub(crate) enum CalendarCmd {
    /// The N-th business day strictly after DATE.
    AddBusinessDays { date: String, n: u32 },
    /// Whether DATE is a business day.
    IsBusinessDay { date: String },
    /// Every closed weekday of YEAR, one "YYYY-MM-DD name" per line.
    Holidays { year: i32 },
}

pub(crate) fn date(text: &str) -> Result<chrono::NaiveDate, Failure> {
    Ok(cdesk_usecases::parse_date(text, "DATE")?)
}

/// Answers a calendar question.
pub(crate) fn run(db: &Option<PathBuf>, cmd: CalendarCmd) -> Result<(), Failure> {
    let mut desk = crate::open_for_calendar(db)?;
    match cmd {
        CalendarCmd::AddBusinessDays { date: d, n } => out(&desk.add_business_days(date(&d)?, n)?.to_string())?,
        CalendarCmd::IsBusinessDay { date: d } => out(&desk.is_business_day(date(&d)?)?.to_string())?,
        CalendarCmd::Holidays { year } => {
            for day in desk.closed_weekdays(year)? {
                out(&format!("{} {}", day.date, day.name))?;
            }
        }
    }
    Ok(())
}
