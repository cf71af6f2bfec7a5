//! Budget → which initiatives are funded: the exact 0/1 optimum and the greedy list (§4).
//!
//! An [`Instance`] is plain data (ids, costs, values, constraints); [`solve`] finds the exact
//! optimum by branch and bound, [`greedy`] fills the budget by value per money. Both are
//! deterministic and independent of the order the candidates are given in.

mod blocks;
pub mod brute;
mod by_silo;
pub mod greedy;
mod incumbent;
mod reduce;
mod rooms;
pub mod solver;
pub mod state;

pub use greedy::{GreedyStep, greedy};
pub use solver::{Prepared, Solved, solve};

use crate::domain::records::Money;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// The facilitator's one-sentence explanation of the exact rule.
pub const OPTIMAL_SENTENCE: &str = "Of every set of initiatives that fits the budget and the rules, we fund the one with the most total value.";

/// The facilitator's one-sentence explanation of the greedy rule.
pub const GREEDY_SENTENCE: &str =
    "We fund initiatives in order of value per money until the next one no longer fits.";

/// Two portfolio values closer than this are equally valuable.
pub const TIE: f64 = 1e-9;

/// Work allowed to the exact solver before it returns the best found (about 2 s in release).
pub const DEFAULT_WORK_LIMIT: u64 = 40_000_000;

/// One initiative as the allocation sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub id: String,
    pub silo: String,
    pub cost: Money,
    pub value: f64,
    pub mandatory: bool,
    /// Ids that must be funded for this one to be funded (unknown ids make it unfundable).
    pub depends_on: Vec<String>,
    /// Alternatives: at most one of this and each of these is funded (symmetric).
    pub excludes: Vec<String>,
    /// Shares of the cost carried by other silos (silo id, money); the lead silo `silo`
    /// carries the rest. Each share counts against its own silo's cap.
    pub contributions: Vec<(String, Money)>,
}

impl Candidate {
    /// Every silo's share of the cost, the lead silo first: the lead carries what the
    /// contributions leave (never below zero). A silo named twice is summed.
    pub fn shares(&self) -> Vec<(&str, Money)> {
        let given: u128 = self.contributions.iter().map(|(_, m)| u128::from(*m)).sum();
        let lead = u128::from(self.cost).saturating_sub(given);
        let mut out: Vec<(&str, Money)> = vec![(
            self.silo.as_str(),
            Money::try_from(lead).unwrap_or(Money::MAX),
        )];
        for (s, m) in &self.contributions {
            match out.iter_mut().find(|(o, _)| *o == s.as_str()) {
                Some(slot) => slot.1 = slot.1.saturating_add(*m),
                None => out.push((s.as_str(), *m)),
            }
        }
        out
    }
}

/// An allocation problem: candidates, the budget and optional per-silo caps.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Instance {
    pub candidates: Vec<Candidate>,
    pub budget: Money,
    /// silo id → the most its initiatives may be allocated in total.
    pub caps: BTreeMap<String, Money>,
}

/// Decisions fixed from outside the rule (used by sensitivity: "what if this were forced?").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Forcing {
    pub funded: BTreeSet<String>,
    pub unfunded: BTreeSet<String>,
}

/// A set of funded initiatives and its totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Portfolio {
    /// Funded initiative ids, sorted.
    pub funded: Vec<String>,
    pub total_cost: Money,
    pub total_value: f64,
    /// True when the exact solver finished its search (always false for greedy).
    pub proven_optimal: bool,
    /// False when no portfolio satisfies the constraints (e.g. mandatory items over budget).
    pub feasible: bool,
    /// Why the portfolio is infeasible or not proven, for people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Portfolio {
    /// The empty infeasible portfolio, with a reason.
    pub fn infeasible(note: impl Into<String>) -> Self {
        Portfolio {
            funded: Vec::new(),
            total_cost: 0,
            total_value: 0.0,
            proven_optimal: false,
            feasible: false,
            note: Some(note.into()),
        }
    }

    /// True when `id` is funded.
    pub fn funds(&self, id: &str) -> bool {
        self.funded.binary_search_by(|f| f.as_str().cmp(id)).is_ok()
    }
}

/// METHODS.md's order among portfolios: more value (beyond [`TIE`]), then lower cost, then
/// the lexicographically smaller sorted list of ids. `Less` means `a` is preferred.
pub fn prefer(a: (f64, Money, &[String]), b: (f64, Money, &[String])) -> Ordering {
    if a.0 > b.0 + TIE {
        return Ordering::Less;
    }
    if b.0 > a.0 + TIE {
        return Ordering::Greater;
    }
    a.1.cmp(&b.1).then_with(|| a.2.cmp(b.2))
}

/// Sums the values of funded ids in id order, so equal sets give bit-identical totals.
pub fn total_value(instance: &Instance, funded: &[String]) -> f64 {
    let by_id: BTreeMap<&str, f64> = instance
        .candidates
        .iter()
        .map(|c| (c.id.as_str(), c.value))
        .collect();
    funded
        .iter()
        .map(|id| by_id.get(id.as_str()).copied().unwrap_or(0.0))
        .sum()
}

/// True when the set satisfies budget, caps, mandatory items, dependencies and exclusions.
pub fn is_feasible(instance: &Instance, funded: &BTreeSet<&str>) -> bool {
    let known: BTreeSet<&str> = instance.candidates.iter().map(|c| c.id.as_str()).collect();
    // u128: a sum of u64 costs cannot wrap, so an overflow is never counted as a fit.
    let mut cost: u128 = 0;
    let mut per_silo: BTreeMap<&str, u128> = BTreeMap::new();
    for c in &instance.candidates {
        let on = funded.contains(c.id.as_str());
        if c.mandatory && !on {
            return false;
        }
        if !on {
            continue;
        }
        cost += u128::from(c.cost);
        for (silo, share) in c.shares() {
            *per_silo.entry(silo).or_insert(0) += u128::from(share);
        }
        let deps_ok = c
            .depends_on
            .iter()
            .all(|d| known.contains(d.as_str()) && funded.contains(d.as_str()));
        let excl_ok = c
            .excludes
            .iter()
            .all(|e| e == &c.id || !funded.contains(e.as_str()));
        if !deps_ok || !excl_ok {
            return false;
        }
    }
    cost <= u128::from(instance.budget)
        && per_silo.iter().all(|(s, used)| {
            instance
                .caps
                .get(*s)
                .is_none_or(|cap| *used <= u128::from(*cap))
        })
}

/// How the optimum and the greedy list differ, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Differences {
    /// Funded by the optimum, not by greedy.
    pub only_optimal: Vec<String>,
    /// Funded by greedy, not by the optimum.
    pub only_greedy: Vec<String>,
    /// Optimum's value minus greedy's.
    pub value_gain: f64,
    /// Money greedy leaves unspent.
    pub greedy_unspent: Money,
    /// Money the optimum leaves unspent.
    pub optimal_unspent: Money,
    /// One sentence per differing initiative, for people.
    pub reasons: BTreeMap<String, String>,
}

/// Compares the optimum with greedy, explaining each difference from greedy's own steps.
pub fn differences(
    budget: Money,
    optimal: &Portfolio,
    greedy: &Portfolio,
    steps: &[GreedyStep],
) -> Differences {
    let only_optimal: Vec<String> = optimal
        .funded
        .iter()
        .filter(|id| !greedy.funds(id))
        .cloned()
        .collect();
    let only_greedy: Vec<String> = greedy
        .funded
        .iter()
        .filter(|id| !optimal.funds(id))
        .cloned()
        .collect();
    let mut reasons = BTreeMap::new();
    for id in &only_optimal {
        let why = steps
            .iter()
            .find(|s| &s.id == id)
            .map(|s| format!("greedy skipped it: {}", s.reason))
            .unwrap_or_else(|| "greedy never reached it".into());
        reasons.insert(id.clone(), why);
    }
    for id in &only_greedy {
        let why = if only_optimal.is_empty() {
            "the optimum leaves it out: it adds less value than it costs in other rules".to_string()
        } else {
            format!(
                "greedy took it early for its value per money; the optimum spends that money on {} for more total value",
                only_optimal.join(", ")
            )
        };
        reasons.insert(id.clone(), why);
    }
    Differences {
        only_optimal,
        only_greedy,
        value_gain: optimal.total_value - greedy.total_value,
        greedy_unspent: budget.saturating_sub(greedy.total_cost),
        optimal_unspent: budget.saturating_sub(optimal.total_cost),
        reasons,
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod proptests;
