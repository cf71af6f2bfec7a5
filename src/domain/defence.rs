//! A cut that follows the forum's defence plan: from the allocation the forum agreed, lines
//! are dropped in the plan's cut order (explicit lines first, then the ones worth least per
//! unit of money) until the total fits the new budget. Protected and mandatory lines are never
//! dropped; a line that a kept line depends on is not dropped either. Each line where the
//! result departs from what the forum's rule would fund at that budget is explained.

use crate::domain::analysis::Analysis;
use crate::domain::records::{CutOrder, Defence, Money};
use crate::domain::snapshot::Snapshot;

/// The result of a cut under a defence plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Cut {
    /// The lines kept, with the amounts they had.
    pub kept: Vec<(String, Money)>,
    /// The lines dropped, in the order they were cut.
    pub dropped: Vec<String>,
    /// True when the kept lines fit the budget.
    pub fits: bool,
    /// Why each line departs from the rule's result at the budget: (id, reason).
    pub departures: Vec<(String, String)>,
}

/// Cuts the standing allocation down to `budget` under `defence`; `rule` is what the forum's
/// rule funds at that budget (for the departures).
pub fn cut(
    snapshot: &Snapshot,
    analysis: &Analysis,
    defence: &Defence,
    budget: Money,
    rule: &[String],
) -> Cut {
    let standing: Vec<(String, Money)> = snapshot
        .allocation
        .as_ref()
        .map(|a| {
            a.lines
                .iter()
                .filter(|l| l.amount > 0)
                .map(|l| (l.initiative.clone(), l.amount))
                .collect()
        })
        .unwrap_or_default();
    let fixed = |id: &str| {
        defence.protected.iter().any(|p| p == id)
            || snapshot.initiative(id).is_some_and(|i| i.mandatory)
    };
    let worth = |id: &str| {
        let v = analysis.valuation(id).map_or(0.0, |v| v.value);
        let c = snapshot.initiative(id).map_or(1, |i| i.cost.max(1));
        v / c as f64
    };
    // The order lines go in: the explicit list, then the rest, least worth per money first.
    let mut order: Vec<String> = match &defence.cut_order {
        CutOrder::Explicit(ids) => ids.clone(),
        CutOrder::ByMargin => Vec::new(),
    };
    let mut rest: Vec<&(String, Money)> = standing
        .iter()
        .filter(|(id, _)| !order.contains(id))
        .collect();
    rest.sort_by(|a, b| worth(&a.0).total_cmp(&worth(&b.0)).then(a.0.cmp(&b.0)));
    order.extend(rest.into_iter().map(|(id, _)| id.clone()));

    let mut kept = standing.clone();
    let mut dropped = Vec::new();
    let total = |k: &[(String, Money)]| k.iter().fold(0u64, |t, (_, a)| t.saturating_add(*a));
    for id in order {
        if total(&kept) <= budget {
            break;
        }
        if fixed(&id) || !kept.iter().any(|(k, _)| *k == id) {
            continue;
        }
        let needed = kept.iter().any(|(k, _)| {
            snapshot
                .initiative(k)
                .is_some_and(|i| i.depends_on.contains(&id))
        });
        if needed {
            continue;
        }
        kept.retain(|(k, _)| *k != id);
        dropped.push(id);
    }
    let fits = total(&kept) <= budget;
    let mut departures = Vec::new();
    for (id, _) in &kept {
        if !rule.contains(id) {
            let why = if defence.protected.contains(id) {
                "defence plan: protected"
            } else {
                "defence plan: kept, later in the cut order than the lines dropped"
            };
            departures.push((id.clone(), why.to_string()));
        }
    }
    for id in rule {
        if !kept.iter().any(|(k, _)| k == id) {
            let why = if dropped.contains(id) {
                "defence plan: dropped in the cut order"
            } else {
                "defence plan: a cut brings nothing new in"
            };
            departures.push((id.clone(), why.to_string()));
        }
    }
    Cut {
        kept,
        dropped,
        fits,
        departures,
    }
}
