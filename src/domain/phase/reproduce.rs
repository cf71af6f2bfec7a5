//! Whether an allocation can be reproduced by its recorded rule, or carries reasons where not.

use crate::domain::analysis::{Analysis, analyse};
use crate::domain::records::AllocationRule;
use crate::domain::snapshot::Snapshot;

/// What the recorded rule would fund, by initiative id → amount (its full cost).
pub fn rule_result(snapshot: &Snapshot, rule: AllocationRule) -> Vec<(String, u64)> {
    let analysis: Analysis = analyse(snapshot);
    let portfolio = match rule {
        AllocationRule::Optimal => &analysis.optimal,
        AllocationRule::Greedy => &analysis.greedy,
    };
    portfolio
        .funded
        .iter()
        .map(|id| (id.clone(), snapshot.initiative(id).map_or(0, |i| i.cost)))
        .collect()
}

/// Lines that differ from the recorded rule without a reason, for people (empty when the
/// allocation is reproduced, or every difference is explained).
pub fn unexplained(snapshot: &Snapshot) -> Vec<String> {
    let Some(allocation) = &snapshot.allocation else {
        return Vec::new();
    };
    let rule = allocation.rule;
    let expected = rule_result(snapshot, rule);
    let mut out = Vec::new();
    for line in &allocation.lines {
        let by_rule = expected
            .iter()
            .find(|(id, _)| *id == line.initiative)
            .map(|(_, amount)| *amount);
        let differs = by_rule != Some(line.amount);
        if differs && line.reason.trim().is_empty() {
            out.push(format!(
                "`{}` gets {} where the {} rule gives {}, and the line gives no reason",
                line.initiative,
                crate::domain::money::amount(line.amount),
                rule.name(),
                crate::domain::money::amount(by_rule.unwrap_or(0))
            ));
        }
    }
    for (id, amount) in &expected {
        if !allocation.lines.iter().any(|l| &l.initiative == id) {
            out.push(format!(
                "the {} rule funds `{id}` ({}) but the allocation leaves it out without a reason (add a line with amount 0 and the reason)",
                rule.name(),
                crate::domain::money::amount(*amount)
            ));
        }
    }
    out
}
