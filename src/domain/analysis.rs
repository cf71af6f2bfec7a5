//! One call from a snapshot to every number the forum sees: ranking, weights, values, budget.
//!
//! [`analyse`] is what the app, the commands and the report read; [`whatif`] and
//! [`sensitivity`] re-solve from an analysis. All pure and deterministic.

pub mod valuation;

pub use valuation::{Flag, FlagKind, ScorerScores, Valuation};

use crate::domain::allocation::{
    self, Candidate, DEFAULT_WORK_LIMIT, Differences, Forcing, GreedyStep, Instance, Portfolio,
};
use crate::domain::ranking::{RankOutcome, clean_order, rank};
use crate::domain::records::{AllocationRule, Money, Phase, RankingMethod};
use crate::domain::snapshot::Snapshot;
use crate::domain::weights::weights_for_order;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub use crate::domain::sensitivity::{Sensitivity, Threshold, WhatIf};

/// Limits for the exact solver (a work count, so results never depend on the clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Work units (search nodes plus candidates scanned) before the solver returns its best.
    pub work_limit: u64,
}

/// The work limit [`Options::default`] gives, when the binary set one
/// (`ROUNDTABLE_WORK_LIMIT`); 0 means none was set.
static WORK_LIMIT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Sets the work limit every default analysis uses from now on (the binary reads it from
/// `ROUNDTABLE_WORK_LIMIT` at start). A count of search steps, not a time: the same limit
/// gives the same answer on any machine.
pub fn set_default_work_limit(limit: u64) {
    WORK_LIMIT.store(limit, std::sync::atomic::Ordering::Relaxed);
}

impl Default for Options {
    fn default() -> Self {
        let set = WORK_LIMIT.load(std::sync::atomic::Ordering::Relaxed);
        Options {
            work_limit: if set == 0 { DEFAULT_WORK_LIMIT } else { set },
        }
    }
}

/// A priority in the order in force, with its weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriorityWeight {
    pub id: String,
    pub title: String,
    /// 1-based position in the order in force.
    pub rank: usize,
    pub weight: f64,
}

/// Everything computed from one snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// The forum id.
    pub forum: String,
    pub currency: String,
    pub budget: Money,
    pub scale: u8,
    pub phase: Phase,
    /// The ranking computed from the ballots (whatever ranking.ron says).
    pub ranking: RankOutcome,
    /// True when ranking.ron exists: the order in force is the forum's decision.
    pub decided: bool,
    /// The method written in ranking.ron, when decided.
    pub decided_method: Option<RankingMethod>,
    /// The note written in ranking.ron (required for Manual), when decided.
    pub decided_note: String,
    /// The order in force: ranking.ron's if decided, else the computed one.
    pub order: Vec<String>,
    /// The forum's weighting, by name (`RankOrderCentroid`, …).
    pub weighting: String,
    /// priority id → weight (sum 1 over the order in force; priorities outside it get 0).
    pub weights: BTreeMap<String, f64>,
    /// The priorities in the order in force, with titles and weights.
    pub priorities: Vec<PriorityWeight>,
    /// Every initiative's value and breakdown, by value (highest first), then id.
    pub initiatives: Vec<Valuation>,
    /// Krippendorff's alpha (interval) over all members' scores; `None` if not computable.
    pub alpha: Option<f64>,
    /// The allocation rule the forum runs.
    pub rule: AllocationRule,
    /// The exact optimum.
    pub optimal: Portfolio,
    /// Greedy by value per money.
    pub greedy: Portfolio,
    /// What greedy did with each initiative, in its order.
    pub greedy_steps: Vec<GreedyStep>,
    /// Where the optimum and greedy differ, and why.
    pub differences: Differences,
    /// Things people should know about the numbers (e.g. a priority missing from the ranking).
    pub notes: Vec<String>,
    /// The solver limits used (kept so what-ifs re-solve the same way).
    #[serde(skip)]
    pub options: Options,
}

impl Analysis {
    /// The portfolio of the rule the forum runs.
    pub fn portfolio(&self) -> &Portfolio {
        match self.rule {
            AllocationRule::Optimal => &self.optimal,
            AllocationRule::Greedy => &self.greedy,
        }
    }

    /// The valuation of one initiative.
    pub fn valuation(&self, id: &str) -> Option<&Valuation> {
        self.initiatives.iter().find(|v| v.id == id)
    }

    /// The allocation problem at a budget, with the current values.
    pub fn instance(&self, snapshot: &Snapshot, budget: Money) -> Instance {
        let values: BTreeMap<&str, f64> = self
            .initiatives
            .iter()
            .map(|v| (v.id.as_str(), v.value))
            .collect();
        instance_with(snapshot, budget, |id| {
            values.get(id).copied().unwrap_or(0.0)
        })
    }
}

/// The allocation problem of a snapshot at a budget, with values given per initiative id.
pub fn instance_with(snapshot: &Snapshot, budget: Money, value: impl Fn(&str) -> f64) -> Instance {
    Instance {
        candidates: snapshot
            .initiatives
            .iter()
            .map(|(id, p)| Candidate {
                id: id.clone(),
                silo: p.silo.clone(),
                cost: p.initiative.cost,
                value: value(id),
                mandatory: p.initiative.mandatory,
                depends_on: p.initiative.depends_on.clone(),
                excludes: p.initiative.excludes.clone(),
                contributions: p
                    .initiative
                    .contributions
                    .iter()
                    .map(|c| (c.silo.clone(), c.cost))
                    .collect(),
            })
            .collect(),
        budget,
        caps: snapshot
            .silos
            .iter()
            .filter_map(|(id, s)| s.cap.map(|c| (id.clone(), c)))
            .collect(),
    }
}

/// Analyses a snapshot with the default solver limits.
pub fn analyse(snapshot: &Snapshot) -> Analysis {
    analyse_with(snapshot, Options::default())
}

/// Analyses a snapshot.
pub fn analyse_with(snapshot: &Snapshot, options: Options) -> Analysis {
    allocate(
        snapshot,
        value(snapshot, analyse_ranking(snapshot)),
        options,
    )
}

/// The cheap first part of an analysis: the ranking, the order in force and its weights.
///
/// Nothing is valued or allocated yet: `initiatives` is empty, the portfolios are empty and
/// `alpha` is `None` until [`value`] and [`allocate`] fill them in (what [`analyse_with`] does).
pub fn analyse_ranking(snapshot: &Snapshot) -> Analysis {
    let forum = &snapshot.forum;
    let known: BTreeSet<String> = snapshot.priorities.keys().cloned().collect();
    let items: Vec<String> = known.iter().cloned().collect();
    let ballots: BTreeMap<String, Vec<String>> = snapshot
        .ballots
        .iter()
        .map(|(m, b)| (m.clone(), b.order.clone()))
        .collect();
    let ranking = rank(&items, &ballots, forum.ranking_method);
    let mut notes = Vec::new();

    let order = match &snapshot.ranking {
        Some(r) => {
            let cleaned = clean_order(&r.order, &known);
            for p in &items {
                if !cleaned.contains(p) {
                    notes.push(format!(
                        "priority {p} is not in the decided ranking: its weight is 0"
                    ));
                }
            }
            cleaned
        }
        None => ranking.order.clone(),
    };
    let mut weights = weights_for_order(&order, &forum.weighting);
    for p in &items {
        weights.entry(p.clone()).or_insert(0.0);
    }
    let priorities = order
        .iter()
        .enumerate()
        .map(|(k, id)| PriorityWeight {
            id: id.clone(),
            title: snapshot
                .priorities
                .get(id)
                .map(|p| p.title.clone())
                .unwrap_or_default(),
            rank: k + 1,
            weight: weights.get(id).copied().unwrap_or(0.0),
        })
        .collect();
    let nothing = Portfolio {
        funded: Vec::new(),
        total_cost: 0,
        total_value: 0.0,
        proven_optimal: false,
        feasible: true,
        note: None,
    };
    Analysis {
        forum: snapshot.id.clone(),
        currency: forum.currency.clone(),
        budget: forum.budget,
        scale: forum.scale,
        phase: forum.phase,
        ranking,
        decided: snapshot.ranking.is_some(),
        decided_method: snapshot.ranking.as_ref().map(|r| r.method),
        decided_note: snapshot
            .ranking
            .as_ref()
            .map(|r| r.note.clone())
            .unwrap_or_default(),
        order,
        weighting: forum.weighting.name().to_string(),
        weights,
        priorities,
        initiatives: Vec::new(),
        alpha: None,
        rule: forum.allocation_rule,
        differences: allocation::differences(forum.budget, &nothing, &nothing, &[]),
        optimal: nothing.clone(),
        greedy: nothing,
        greedy_steps: Vec::new(),
        notes,
        options: Options::default(),
    }
}

/// Values every initiative (and the panel's alpha) for the order of [`analyse_ranking`].
pub fn value(snapshot: &Snapshot, mut analysis: Analysis) -> Analysis {
    let (initiatives, alpha) = valuation::value_all(snapshot, &analysis.order, &analysis.weights);
    analysis.initiatives = initiatives;
    analysis.alpha = alpha;
    analysis
}

/// [`value`] with the breakdown of initiative `id` alone (and no alpha): every value is the
/// same, bit for bit, so [`allocate`] then gives the same portfolios, and a chain of `id`
/// the same steps.
pub fn value_around(snapshot: &Snapshot, mut analysis: Analysis, id: &str) -> Analysis {
    analysis.initiatives =
        valuation::value_around(snapshot, &analysis.order, &analysis.weights, id);
    analysis.alpha = None;
    analysis
}

/// Allocates the budget from the values of [`value`]: the exact optimum, greedy and where
/// they differ. Together, the three steps give exactly what [`analyse_with`] gives.
pub fn allocate(snapshot: &Snapshot, mut analysis: Analysis, options: Options) -> Analysis {
    let forum = &snapshot.forum;
    let values: std::collections::HashMap<&str, f64> = analysis
        .initiatives
        .iter()
        .map(|v| (v.id.as_str(), v.value))
        .collect();
    let instance = instance_with(snapshot, forum.budget, |id| {
        values.get(id).copied().unwrap_or(0.0)
    });
    drop(values);
    let optimal = allocation::solve(&instance, &Forcing::default(), options.work_limit);
    let (greedy, greedy_steps) = allocation::greedy(&instance);
    let differences = allocation::differences(forum.budget, &optimal, &greedy, &greedy_steps);
    for v in &mut analysis.initiatives {
        v.funded_optimal = optimal.funds(&v.id);
        v.funded_greedy = greedy.funds(&v.id);
    }
    if let Some(note) = &optimal.note {
        analysis.notes.push(note.clone());
    }
    analysis.optimal = optimal;
    analysis.greedy = greedy;
    analysis.greedy_steps = greedy_steps;
    analysis.differences = differences;
    analysis.options = options;
    analysis
}

/// The exact analysis from one already valued (e.g. with a smaller work limit): the values
/// are kept, the ranking recomputed (cheap) and the budget allocated again; equal to
/// [`analyse_with`] on the same snapshot.
pub fn reallocate(snapshot: &Snapshot, valued: &Analysis, options: Options) -> Analysis {
    let mut a = analyse_ranking(snapshot);
    a.initiatives = valued.initiatives.clone();
    a.alpha = valued.alpha;
    allocate(snapshot, a, options)
}

/// Re-solves at another budget with the forum's rule: what drops, what comes in.
pub fn whatif(snapshot: &Snapshot, analysis: &Analysis, budget: Money) -> WhatIf {
    crate::domain::sensitivity::whatif(snapshot, analysis, budget)
}

/// Value margins, margins in score points, and weight thresholds for the optimum.
pub fn sensitivity(snapshot: &Snapshot, analysis: &Analysis) -> Sensitivity {
    crate::domain::sensitivity::sensitivity(snapshot, analysis)
}

#[cfg(test)]
pub(crate) mod tests;
