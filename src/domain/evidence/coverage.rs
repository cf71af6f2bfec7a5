//! Which of the evidence the forum requires before Priorities is on record.

use crate::domain::records::{EvidenceKind, Forum};
use crate::domain::snapshot::Snapshot;

/// What a forum requires when `required_evidence` is left out: a loss review, a complaint
/// trend and one segment kind.
pub const DEFAULT_REQUIRED: &[&[EvidenceKind]] = &[
    &[EvidenceKind::LossReview],
    &[EvidenceKind::ComplaintTrend],
    &[
        EvidenceKind::SegmentProfitability,
        EvidenceKind::SegmentMovement,
    ],
];

/// One requirement and whether it is met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// Met by any one of these kinds.
    pub kinds: Vec<EvidenceKind>,
    /// The ids of the evidence that meets it (empty: missing).
    pub met_by: Vec<String>,
}

impl Coverage {
    /// True when some evidence meets it.
    pub fn is_met(&self) -> bool {
        !self.met_by.is_empty()
    }

    /// `a loss review`, `a segment profitability or segment movement`.
    pub fn label(&self) -> String {
        requirement_label(&self.kinds)
    }
}

/// `a loss review` / `a segment profitability or segment movement`.
pub fn requirement_label(kinds: &[EvidenceKind]) -> String {
    let names: Vec<String> = kinds.iter().map(|k| k.label().to_lowercase()).collect();
    format!("a {}", names.join(" or "))
}

fn required(forum: &Forum) -> Vec<Vec<EvidenceKind>> {
    match &forum.required_evidence {
        Some(r) => r.iter().filter(|k| !k.is_empty()).cloned().collect(),
        None => DEFAULT_REQUIRED.iter().map(|k| k.to_vec()).collect(),
    }
}

/// Each requirement of the forum with the evidence that meets it.
pub fn coverage(s: &Snapshot) -> Vec<Coverage> {
    required(&s.forum)
        .into_iter()
        .map(|kinds| {
            let met_by = s
                .evidence
                .iter()
                .filter(|(_, e)| kinds.contains(&e.kind))
                .map(|(id, _)| id.clone())
                .collect();
            Coverage { kinds, met_by }
        })
        .collect()
}
