//! What the forum reads out of its evidence: survey response, trends, age and coverage.

mod age;
mod coverage;
mod survey;
#[cfg(test)]
mod tests;
mod trend;

pub use age::{Age, Month, age, period_end, planning_month};
pub use coverage::{Coverage, DEFAULT_REQUIRED, coverage, requirement_label};
pub use survey::{Hearing, Quiet, hearing, percent};
pub use trend::{Direction, Trend, trend};

/// Evidence ids in the order the forum reads them: customer sessions first (the customer at
/// the table), then by kind, then by id.
pub fn display_order(s: &crate::domain::snapshot::Snapshot) -> Vec<String> {
    use crate::domain::records::EvidenceKind;
    let mut v: Vec<(&String, &crate::domain::records::Evidence)> = s.evidence.iter().collect();
    v.sort_by(|a, b| {
        let rank = |e: &crate::domain::records::Evidence| e.kind != EvidenceKind::CustomerSession;
        (rank(a.1), a.1.kind, a.0).cmp(&(rank(b.1), b.1.kind, b.0))
    });
    v.into_iter().map(|(id, _)| id.clone()).collect()
}
