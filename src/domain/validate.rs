//! The rules of FORMAT.md that can be judged on one snapshot → findings.

use crate::domain::finding::Finding;
use crate::domain::snapshot::Snapshot;

/// Every finding on one snapshot, errors and warnings, in a stable order.
pub fn validate(_snapshot: &Snapshot) -> Vec<Finding> {
    Vec::new()
}
