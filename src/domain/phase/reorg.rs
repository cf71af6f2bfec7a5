//! The reorganisation gate: a `reorg` decision changes no number the standing allocation
//! depends on, so the allocation stays the result of its rule.

use crate::domain::phase::reproduce::rule_result;
use crate::domain::snapshot::Snapshot;
use std::collections::BTreeSet;

/// What the allocation's rule would fund differently after a reorganisation, for people:
/// `None` when there is no allocation or the rule funds the same initiatives.
///
/// A rename or a reassignment never changes it. A merge can: with recusal, the members of the
/// merged silos stop counting on each other's initiatives, and caps join.
pub fn allocation_change(before: &Snapshot, after: &Snapshot) -> Option<String> {
    let allocation = before.allocation.as_ref()?;
    let funded = |s: &Snapshot| -> BTreeSet<String> {
        rule_result(s, allocation.rule)
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    };
    let (was, would) = (funded(before), funded(after));
    if was == would {
        return None;
    }
    let listed = |a: &BTreeSet<String>, b: &BTreeSet<String>| {
        a.difference(b)
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let change: Vec<String> = [
        ("stop funding", listed(&was, &would)),
        ("fund", listed(&would, &was)),
    ]
    .into_iter()
    .filter(|(_, list)| !list.is_empty())
    .map(|(verb, list)| format!("{verb} {list}"))
    .collect();
    Some(format!(
        "after this reorganisation the {} rule would {}, so the standing allocation would no longer be its result: reorganise before allocating, or reopen to Scoring (which withdraws the allocation), reorganise, and allocate again",
        allocation.rule.name(),
        change.join(" and ")
    ))
}
