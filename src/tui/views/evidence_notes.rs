//! What the app reads out of evidence: response rates, quiet segments, trends, age, coverage.

use crate::domain::evidence::{age, coverage, hearing, trend};
use crate::domain::records::{Evidence, Metric, Phase};
use crate::domain::snapshot::Snapshot;
use crate::tui::theme::Theme;
use crate::tui::views::common::clean;
use ratatui::text::{Line, Span};

/// The survey's response rate, the segment heard least from, old age and carried-over origin.
pub fn detail_lines(snap: &Snapshot, e: &Evidence, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if let Some(h) = hearing(e) {
        out.push(Line::styled(clean(&h.rate_line()), theme.text()));
        if let Some(w) = h.warning() {
            out.push(Line::styled(format!("⚠ {}", clean(&w)), theme.warning()));
        }
    }
    if let Some(old) = age(&snap.forum, e) {
        out.push(Line::styled(
            format!("⚠ {}", old.message()),
            theme.warning(),
        ));
    }
    if let Some(from) = &e.carried_from {
        out.push(Line::styled(
            format!("Carried over from {}: to refresh", clean(from)),
            theme.warning(),
        ));
    }
    out
}

/// `  ▁▃▅█ rising +0.9 per 1k 2026-01 → 2026-04` under a metric with a series.
pub fn series_line(m: &Metric, theme: &Theme) -> Option<Line<'static>> {
    let t = trend(m)?;
    let values: Vec<f64> = m.series.iter().map(|(_, v)| *v).collect();
    Some(Line::from(vec![
        Span::styled(format!("  {} ", sparkline(&values)), theme.accent()),
        Span::styled(clean(&t.line(&m.unit)), theme.muted()),
    ]))
}

/// One block character per finite reading, low to high (at most 24, the latest).
pub fn sparkline(values: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let shown = &finite[finite.len().saturating_sub(24)..];
    let lo = shown.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = shown.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    shown
        .iter()
        .map(|v| {
            let step = if hi > lo {
                ((v - lo) / (hi - lo) * 7.0).round() as usize
            } else {
                3
            };
            BARS.get(step).copied().unwrap_or('█')
        })
        .collect()
}

/// For the Overview: the forum's evidence rule met or not (in Evidence and Priorities), and the
/// evidence carried over from the last cycle, to refresh.
pub fn overview_lines(snap: &Snapshot, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if snap.forum.phase <= Phase::Priorities {
        let cov = coverage(snap);
        if !cov.is_empty() {
            let mut spans = vec![Span::styled("Evidence rule: ", theme.text())];
            for (i, c) in cov.iter().enumerate() {
                if i > 0 {
                    spans.push(Span::styled(" · ", theme.muted()));
                }
                let (mark, style) = if c.is_met() {
                    ("✓", theme.funded())
                } else {
                    ("✗", theme.warning())
                };
                spans.push(Span::styled(format!("{mark} {}", c.label()), style));
            }
            out.push(Line::from(spans));
        }
    }
    let carried: Vec<String> = snap
        .evidence
        .iter()
        .filter(|(_, e)| e.carried_from.is_some())
        .map(|(id, _)| clean(id))
        .collect();
    if !carried.is_empty() {
        out.push(Line::styled(
            format!("To refresh (carried over): {}", carried.join(", ")),
            theme.warning(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::sparkline;

    #[test]
    fn a_sparkline_runs_low_to_high() {
        assert_eq!(sparkline(&[1.0, 2.0, 3.0, 8.0]), "▁▂▃█");
        assert_eq!(sparkline(&[5.0, 5.0]), "▄▄");
        assert_eq!(sparkline(&[f64::NAN, 1.0, 2.0]), "▁█");
        assert_eq!(sparkline(&[]), "");
    }
}
