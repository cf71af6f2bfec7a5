//! `roundtable export hledger`: the allocation as an hledger journal for finance.

use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::report::write_out;
use crate::domain::analysis::analyse;
use crate::domain::text::sanitize;
use crate::report::build::build;
use crate::report::hledger::{Start, journal};
use chrono::{Datelike, NaiveDate};
use std::process::ExitCode;

/// What `roundtable export` writes.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum ExportKind {
    /// The allocation as an hledger/ledger journal of periodic budget transactions.
    Hledger {
        #[arg(long, value_name = "REV")]
        rev: Option<String>,
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        /// The first day of the budget year, YYYY-MM-DD (default: 1 January of the year in
        /// the forum's cycle, e.g. FY2027 → 2027-01-01).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
    },
}

/// Runs one export.
pub fn run(g: &Global, what: &ExportKind) -> CmdResult {
    let ExportKind::Hledger { rev, out, from } = what;
    let (_repo, loaded) = g.load_at(rev.as_deref())?;
    if loaded.has_errors() {
        return Err(refuse(
            "the forum has errors; the export would be built on broken records",
            Some("run `roundtable check` and fix the errors first"),
        ));
    }
    let snapshot = &loaded.snapshot;
    let start = start(from.as_deref(), &snapshot.forum.cycle)?;
    let analysis = analyse(snapshot);
    let commit = loaded
        .commit
        .map(|c| c.to_string().chars().take(10).collect());
    let brief = build(snapshot, &analysis, commit);
    write_out(out.as_deref(), &journal(&brief, start))?;
    Ok(ExitCode::SUCCESS)
}

/// The start of the budget year: `--from`, or 1 January of the cycle's four-digit year.
fn start(from: Option<&str>, cycle: &str) -> anyhow::Result<Start> {
    let date = match from {
        Some(f) => NaiveDate::parse_from_str(f, "%Y-%m-%d").map_err(|_| {
            refuse(
                format!("`{}` is not a date", sanitize(f)),
                Some("write it as YYYY-MM-DD, e.g. --from 2027-04-01"),
            )
        })?,
        None => year_of(cycle)
            .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
            .ok_or_else(|| {
                refuse(
                    format!("the cycle `{}` names no year", sanitize(cycle)),
                    Some("give the first day of the budget year with --from YYYY-MM-DD"),
                )
            })?,
    };
    Ok(Start {
        year: date.year(),
        month: date.month(),
        day: date.day(),
    })
}

/// The first run of four digits in the cycle name (`FY2027` → 2027).
fn year_of(cycle: &str) -> Option<i32> {
    let digits: Vec<char> = cycle.chars().collect();
    digits.windows(4).enumerate().find_map(|(i, w)| {
        let before = i == 0 || !digits[i - 1].is_ascii_digit();
        let after = digits.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        (before && after && w.iter().all(char::is_ascii_digit))
            .then(|| w.iter().collect::<String>().parse().ok())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_comes_from_the_cycle() {
        assert_eq!(year_of("FY2027"), Some(2027));
        assert_eq!(year_of("2026-Q3"), Some(2026));
        assert_eq!(year_of("FY27"), None);
        assert_eq!(year_of("12345"), None);
    }
}
