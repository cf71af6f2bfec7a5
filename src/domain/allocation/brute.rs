//! The reference: every subset, checked one by one (for tests, up to about 20 candidates).

use crate::domain::allocation::{Instance, Portfolio, is_feasible, prefer, total_value};
use std::cmp::Ordering;
use std::collections::BTreeSet;

/// The best feasible portfolio by trying all 2^n subsets; `None` when none is feasible.
pub fn brute_force(instance: &Instance) -> Option<Portfolio> {
    let mut ids: Vec<&str> = instance.candidates.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let n = ids.len();
    if n > 24 {
        return None;
    }
    let cost_of = |id: &str| {
        instance
            .candidates
            .iter()
            .find(|c| c.id == id)
            .map_or(0, |c| c.cost)
    };
    let mut best: Option<Portfolio> = None;
    for mask in 0u64..(1u64 << n) {
        let set: BTreeSet<&str> = (0..n)
            .filter(|b| mask >> b & 1 == 1)
            .map(|b| ids[b])
            .collect();
        if !is_feasible(instance, &set) {
            continue;
        }
        let funded: Vec<String> = set.iter().map(|s| s.to_string()).collect();
        let cost: u128 = funded.iter().map(|id| u128::from(cost_of(id))).sum();
        let cost = u64::try_from(cost).unwrap_or(u64::MAX);
        let value = total_value(instance, &funded);
        let better = match &best {
            None => true,
            Some(b) => {
                prefer(
                    (value, cost, &funded),
                    (b.total_value, b.total_cost, &b.funded),
                ) == Ordering::Less
            }
        };
        if better {
            best = Some(Portfolio {
                funded,
                total_cost: cost,
                total_value: value,
                proven_optimal: true,
                feasible: true,
                note: None,
            });
        }
    }
    best
}
