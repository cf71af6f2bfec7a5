//! The first, cheap analysis of a load: the greedy allocation stands in until the exact solve lands.

use crate::domain::allocation;
use crate::domain::analysis::{Analysis, Options, analyse_with};
use crate::domain::snapshot::Snapshot;

/// Analyses a snapshot without the exact solve: ranking, weights and values are final; the
/// rule's portfolio is the greedy one until [`crate::domain::analysis::analyse`] replaces it.
pub fn analyse_quick(snapshot: &Snapshot) -> Analysis {
    // One unit of work: the exact search stops at once; its result is then discarded.
    let mut a = analyse_with(snapshot, Options { work_limit: 1 });
    a.optimal = a.greedy.clone();
    for v in &mut a.initiatives {
        v.funded_optimal = v.funded_greedy;
    }
    a.differences = allocation::differences(a.budget, &a.greedy, &a.greedy, &a.greedy_steps);
    a.notes.retain(|n| !n.contains("work limit"));
    // What-ifs asked meanwhile re-solve with the real limits.
    a.options = Options::default();
    a
}
