//! How old a piece of evidence is against the forum's planning date.

use crate::domain::records::{Evidence, Forum};

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    pub year: u32,
    /// 1..=12.
    pub month: u32,
}

impl Month {
    fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Evidence that is old: when its period ended, how long before the planning date, the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Age {
    pub ended: Month,
    pub planning: Month,
    pub months: i64,
    pub limit: u32,
}

impl Age {
    /// `old: its period ended 2025-03, 22 months before planning (2027-01; limit 12)`.
    pub fn message(&self) -> String {
        format!(
            "old evidence: its period ended {}, {} months before the planning date {} (the limit is {})",
            self.ended, self.months, self.planning, self.limit
        )
    }
}

/// The month the forum plans in: `planning_date`, else January of the cycle's year.
pub fn planning_month(forum: &Forum) -> Option<Month> {
    match &forum.planning_date {
        Some(date) => year_month(date.trim()),
        None => first_year(&forum.cycle).map(|year| Month { year, month: 1 }),
    }
}

/// The last month of a period such as `2026-01..2026-09`, `2026-Q3`, `2026-10`, `FY2026` or
/// `2025..2028`; `None` when no year can be read.
pub fn period_end(period: &str) -> Option<Month> {
    let end = period.rsplit("..").next().unwrap_or(period).trim();
    if let Some(m) = year_month(end) {
        return Some(m);
    }
    let year = first_year(end)?;
    let quarter = end
        .to_ascii_uppercase()
        .split_once('Q')
        .and_then(|(_, q)| q.chars().next())
        .and_then(|c| c.to_digit(10))
        .filter(|q| (1..=4).contains(q));
    Some(Month {
        year,
        month: quarter.map_or(12, |q| q * 3),
    })
}

/// The evidence's age if it is old (ended more than the forum's limit before planning).
pub fn age(forum: &Forum, e: &Evidence) -> Option<Age> {
    let planning = planning_month(forum)?;
    let ended = period_end(&e.period)?;
    let months = planning.index() - ended.index();
    let limit = forum.evidence_max_age_months.unwrap_or(12);
    (months > i64::from(limit)).then_some(Age {
        ended,
        planning,
        months,
        limit,
    })
}

/// `2026-09` → September 2026.
fn year_month(s: &str) -> Option<Month> {
    let (y, m) = s.split_once('-')?;
    let year = four_digits(y)?;
    let month: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
    Some(Month { year, month })
}

fn four_digits(s: &str) -> Option<u32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// The first run of exactly four digits in `s`.
fn first_year(s: &str) -> Option<u32> {
    s.split(|c: char| !c.is_ascii_digit()).find_map(four_digits)
}
