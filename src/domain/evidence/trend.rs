//! A metric's trend, read from its dated readings.

use crate::domain::records::Metric;

/// Which way a series moved from its first reading to its last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Rising,
    Falling,
    Flat,
}

impl Direction {
    /// `rising`, `falling` or `flat`.
    pub fn word(self) -> &'static str {
        match self {
            Direction::Rising => "rising",
            Direction::Falling => "falling",
            Direction::Flat => "flat",
        }
    }

    /// `↑`, `↓` or `→`.
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Rising => "↑",
            Direction::Falling => "↓",
            Direction::Flat => "→",
        }
    }
}

/// A series' direction and change, first reading to last.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    pub direction: Direction,
    /// Last reading minus first.
    pub change: f64,
    /// The labels of the first and last readings (`2026-01`, `2026-09`).
    pub from: String,
    pub to: String,
}

impl Trend {
    /// `rising +0.6 since 2026-01`.
    pub fn line(&self, unit: &str) -> String {
        let unit = if unit.is_empty() {
            String::new()
        } else {
            format!(" {unit}")
        };
        format!(
            "{} {:+.1}{unit} {} → {}",
            self.direction.word(),
            self.change,
            self.from,
            self.to
        )
    }
}

/// The trend of a metric with at least two finite readings.
pub fn trend(m: &Metric) -> Option<Trend> {
    let readings: Vec<&(String, f64)> = m.series.iter().filter(|(_, v)| v.is_finite()).collect();
    let (first, last) = (readings.first()?, readings.last()?);
    if readings.len() < 2 {
        return None;
    }
    let change = last.1 - first.1;
    let scale = first.1.abs().max(last.1.abs()).max(f64::MIN_POSITIVE);
    let direction = if change.abs() <= scale * 1e-9 {
        Direction::Flat
    } else if change > 0.0 {
        Direction::Rising
    } else {
        Direction::Falling
    };
    Some(Trend {
        direction,
        change,
        from: first.0.clone(),
        to: last.0.clone(),
    })
}
