//! Which automatic backups are kept: the latest daily ones, and the first backup of each month
//! for the latest months.

use chrono::{Datelike, NaiveDate};

use crate::DomainError;

/// How many automatic backups are kept: the latest `daily`, plus the first of each month for
/// the latest `monthly` months (months that have backups).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub daily: u32,
    pub monthly: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention { daily: 14, monthly: 24 }
    }
}

/// The most either count may be: ten years of days.
pub const MAX_KEPT: u32 = 3650;

impl Retention {
    /// A retention of `daily` days and `monthly` months, each from 1 to [`MAX_KEPT`].
    ///
    /// # Errors
    /// `Invalid` naming `field_daily` or `field_monthly`.
    pub fn new(daily: u32, monthly: u32, (field_daily, field_monthly): (&str, &str)) -> Result<Self, DomainError> {
        for (n, field) in [(daily, field_daily), (monthly, field_monthly)] {
            if !(1..=MAX_KEPT).contains(&n) {
                return Err(DomainError::invalid(field, format!("{n} is not a whole number from 1 to {MAX_KEPT}")));
            }
        }
        Ok(Retention { daily, monthly })
    }

    /// What each daily backup is kept as, for `days` newest first: `Some(Kept::Daily)` for the
    /// latest ones, `Some(Kept::Monthly)` for the first of a recent month, `None` for one no
    /// longer kept.
    pub fn keep(&self, days: &[NaiveDate]) -> Vec<Option<Kept>> {
        let mut out: Vec<Option<Kept>> = vec![None; days.len()];
        for slot in out.iter_mut().take(self.daily as usize) {
            *slot = Some(Kept::Daily);
        }
        // Oldest first within each month: the first day of a month is the one kept for it.
        let mut months: Vec<(i32, u32)> = Vec::new();
        for i in (0..days.len()).rev() {
            let m = (days[i].year(), days[i].month());
            if !months.contains(&m) {
                months.push(m);
                out[i].get_or_insert(Kept::Monthly);
            }
        }
        // Only the latest `monthly` months keep their first backup.
        months.sort_unstable_by(|a, b| b.cmp(a));
        months.truncate(self.monthly as usize);
        for (slot, d) in out.iter_mut().zip(days) {
            if *slot == Some(Kept::Monthly) && !months.contains(&(d.year(), d.month())) {
                *slot = None;
            }
        }
        out
    }
}

/// Why a daily backup is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    Daily,
    Monthly,
}

impl Kept {
    pub fn code(self) -> &'static str {
        match self {
            Kept::Daily => "daily",
            Kept::Monthly => "monthly",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn rule_backup_retention_keeps_the_latest_days_and_the_first_of_each_recent_month() {
        // Newest first: 2026-12-03 back to 2026-10-01, one a day.
        let mut days = Vec::new();
        let mut d = day("2026-12-03");
        while d >= day("2026-10-01") {
            days.push(d);
            d = d.pred_opt().unwrap();
        }
        let kept = Retention { daily: 14, monthly: 2 }.keep(&days);
        let as_of = |s: &str| kept[days.iter().position(|x| *x == day(s)).unwrap()];
        assert_eq!(kept.iter().take(14).filter(|k| **k == Some(Kept::Daily)).count(), 14);
        assert_eq!(as_of("2026-11-19"), None, "the 15th newest is not a daily one any more");
        assert_eq!(as_of("2026-11-01"), Some(Kept::Monthly), "the first of November is kept for its month");
        assert_eq!(as_of("2026-10-01"), None, "October is older than the 2 months kept");
        assert_eq!(as_of("2026-12-01"), Some(Kept::Daily), "a first of the month among the latest days is a daily one");
    }

    #[test]
    fn rule_backup_retention_counts_are_bounded() {
        assert!(Retention::new(14, 24, ("d", "m")).is_ok());
        let err = Retention::new(0, 24, ("d", "m")).unwrap_err();
        assert!(err.to_string().contains('d'), "{err}");
        assert!(Retention::new(14, MAX_KEPT + 1, ("d", "m")).is_err());
    }
}
