//! Results after the plan: how far a goal has moved from its baseline towards its target,
//! and whether it is on track against a straight line from the planning date to the goal date.
//! Pure computation; the readings and dates come from records read elsewhere.

use chrono::NaiveDate;

/// One measured value of a goal's metric on a day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    pub date: NaiveDate,
    pub value: f64,
}

/// Where a goal stands against its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Track {
    /// At or beyond where the straight line says it should be by now.
    OnTrack,
    /// Behind the straight line.
    Behind,
    /// No reading yet, or no goal date to draw the line to.
    Unknown,
}

/// The fraction of the way from baseline to target a value has come (0 at the baseline,
/// 1 at the target, negative when it moved the wrong way). None when baseline equals target.
pub fn progress(baseline: f64, target: f64, value: f64) -> Option<f64> {
    let span = target - baseline;
    if span == 0.0 || !span.is_finite() || !value.is_finite() {
        return None;
    }
    Some((value - baseline) / span)
}

/// The fraction of the way the straight line from `planned` to `due` expects by `today`,
/// clamped to 0..=1. None when the goal date is not after the planning date.
pub fn expected(planned: NaiveDate, due: NaiveDate, today: NaiveDate) -> Option<f64> {
    let whole = (due - planned).num_days();
    if whole <= 0 {
        return None;
    }
    let gone = (today - planned).num_days();
    Some((gone as f64 / whole as f64).clamp(0.0, 1.0))
}

/// The latest reading (by date; the later of two on one day wins as given).
pub fn latest(readings: &[Reading]) -> Option<Reading> {
    readings
        .iter()
        .copied()
        .reduce(|best, r| if r.date >= best.date { r } else { best })
}

/// On track when the latest reading has come at least as far as the line expects by its date.
pub fn track(
    baseline: f64,
    target: f64,
    planned: NaiveDate,
    due: Option<NaiveDate>,
    readings: &[Reading],
) -> Track {
    let (Some(due), Some(last)) = (due, latest(readings)) else {
        return Track::Unknown;
    };
    match (
        progress(baseline, target, last.value),
        expected(planned, due, last.date),
    ) {
        (Some(done), Some(line)) if done + 1e-9 >= line => Track::OnTrack,
        (Some(_), Some(_)) => Track::Behind,
        _ => Track::Unknown,
    }
}

/// True when the latest reading is older than `days` days on `today` (or there is none).
pub fn stale(readings: &[Reading], today: NaiveDate, days: i64) -> bool {
    latest(readings).is_none_or(|r| (today - r.date).num_days() > days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(date: &str, value: f64) -> Reading {
        Reading {
            date: day(date),
            value,
        }
    }

    #[test]
    fn progress_is_the_fraction_of_the_way_either_direction() {
        assert_eq!(progress(40.0, 60.0, 50.0), Some(0.5));
        // a goal that goes down: waiting time from 10 days to 4
        assert_eq!(progress(10.0, 4.0, 7.0), Some(0.5));
        assert_eq!(progress(10.0, 4.0, 12.0), Some(-2.0 / 6.0));
        assert_eq!(progress(5.0, 5.0, 5.0), None);
    }

    #[test]
    fn expected_follows_the_straight_line_and_is_clamped() {
        let (p, d) = (day("2026-01-01"), day("2026-12-31"));
        assert_eq!(expected(p, d, p), Some(0.0));
        assert_eq!(expected(p, d, d), Some(1.0));
        assert_eq!(expected(p, d, day("2027-06-01")), Some(1.0));
        assert_eq!(expected(p, d, day("2025-06-01")), Some(0.0));
        let mid = expected(p, d, day("2026-07-02")).unwrap();
        assert!((mid - 0.5).abs() < 0.01, "{mid}");
        assert_eq!(expected(d, p, d), None);
    }

    #[test]
    fn track_compares_the_latest_reading_with_the_line() {
        let (p, d) = (day("2026-01-01"), day("2026-12-31"));
        let ahead = [at("2026-03-01", 41.0), at("2026-07-02", 55.0)];
        assert_eq!(track(40.0, 60.0, p, Some(d), &ahead), Track::OnTrack);
        let behind = [at("2026-07-02", 44.0), at("2026-03-01", 58.0)];
        assert_eq!(track(40.0, 60.0, p, Some(d), &behind), Track::Behind);
        assert_eq!(track(40.0, 60.0, p, None, &ahead), Track::Unknown);
        assert_eq!(track(40.0, 60.0, p, Some(d), &[]), Track::Unknown);
    }

    #[test]
    fn stale_when_no_reading_within_the_window() {
        let rs = [at("2026-01-10", 1.0), at("2026-03-01", 2.0)];
        assert!(!stale(&rs, day("2026-05-30"), 90));
        assert!(stale(&rs, day("2026-06-01"), 90));
        assert!(stale(&[], day("2026-06-01"), 90));
    }
}
