//! How safe each funding decision is: value margins, weight thresholds, budget what-ifs (§5).

use crate::domain::allocation::{self, Forcing, Instance, Portfolio, Prepared};
use crate::domain::analysis::Analysis;
use crate::domain::analysis::valuation::Valuation;
use crate::domain::records::{AllocationRule, Money};
use crate::domain::snapshot::Snapshot;
use serde::Serialize;
use std::collections::BTreeMap;

mod pool;
use pool::Pool;

/// The facilitator's one-sentence explanation of the value margin.
pub const MARGIN_SENTENCE: &str = "The margin is how much an initiative's value could fall before it drops out (negative), or must rise before it gets in (positive).";

/// How far one priority's weight can move, each way, before the funded set changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Threshold {
    /// Smallest increase of the weight that changes the funded set (`None`: none in (0,1)).
    pub up: Option<f64>,
    /// Smallest decrease of the weight that changes the funded set.
    pub down: Option<f64>,
    /// The weight now.
    pub weight: f64,
}

/// Margins of the exact optimum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    /// Funded: −(how far its value can fall before it drops); unfunded: +(how far it must
    /// rise to get in); `None` when forcing it the other way is impossible.
    pub margins: BTreeMap<String, Option<f64>>,
    /// The margin in score points on the strongest priority where that move fits the scale
    /// (else the strongest that can move that way at all).
    pub margin_points: BTreeMap<String, Option<f64>>,
    /// The priority `margin_points` is counted on.
    pub margin_priority: BTreeMap<String, Option<String>>,
    /// priority id → thresholds (others rescaled proportionally to keep the sum 1).
    pub weight_thresholds: BTreeMap<String, Threshold>,
    /// False when some re-solve hit the work limit (figures are then approximate).
    pub proven: bool,
}

/// A budget what-if.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIf {
    pub rule: AllocationRule,
    pub budget: Money,
    /// The budget in force now.
    pub base_budget: Money,
    pub funded: Vec<String>,
    /// Funded now, not at the new budget.
    pub dropped: Vec<String>,
    /// Funded at the new budget, not now.
    pub added: Vec<String>,
    pub total_cost: Money,
    pub total_value: f64,
    /// True when the change is not nested: a cut brings something in, or a rise drops some.
    pub non_nested: bool,
    pub proven_optimal: bool,
    pub feasible: bool,
    /// True when compared with the allocation the forum recorded (what it agreed), not with
    /// the rule's result today.
    pub against_standing: bool,
    /// The compared plan's total cost and value (the standing allocation's, or the rule's).
    pub base_cost: Money,
    pub base_value: f64,
}

fn run(rule: AllocationRule, instance: &Instance, limit: u64) -> Portfolio {
    match rule {
        AllocationRule::Optimal => allocation::solve(instance, &Forcing::default(), limit),
        AllocationRule::Greedy => allocation::greedy(instance).0,
    }
}

/// Re-solves at `budget` with the forum's rule and compares with what the forum agreed: the
/// standing allocation when one is recorded (its lines above 0), else the rule's result.
pub fn whatif(snapshot: &Snapshot, analysis: &Analysis, budget: Money) -> WhatIf {
    let p = run(
        analysis.rule,
        &analysis.instance(snapshot, budget),
        analysis.options.work_limit,
    );
    let value = |id: &str| analysis.valuation(id).map_or(0.0, |v| v.value);
    let (base, base_cost, against_standing): (Vec<String>, Money, bool) = match &snapshot.allocation
    {
        Some(a) => {
            let funded: Vec<&crate::domain::records::Line> =
                a.lines.iter().filter(|l| l.amount > 0).collect();
            (
                funded.iter().map(|l| l.initiative.clone()).collect(),
                funded.iter().fold(0u64, |t, l| t.saturating_add(l.amount)),
                true,
            )
        }
        None => {
            let r = analysis.portfolio();
            (r.funded.clone(), r.total_cost, false)
        }
    };
    let base_value: f64 = base.iter().map(|id| value(id)).sum();
    let dropped: Vec<String> = base.iter().filter(|id| !p.funds(id)).cloned().collect();
    let added: Vec<String> = p
        .funded
        .iter()
        .filter(|id| !base.contains(id))
        .cloned()
        .collect();
    let non_nested = (budget < analysis.budget && !added.is_empty())
        || (budget > analysis.budget && !dropped.is_empty());
    WhatIf {
        rule: analysis.rule,
        budget,
        base_budget: analysis.budget,
        funded: p.funded,
        dropped,
        added,
        total_cost: p.total_cost,
        total_value: p.total_value,
        non_nested,
        proven_optimal: p.proven_optimal,
        feasible: p.feasible,
        against_standing,
        base_cost,
        base_value,
    }
}

/// One share of sensitivity's work: the margins of some initiatives, the thresholds of some
/// priorities.
type Share = (Vec<(String, Margin)>, Vec<(String, Threshold, bool)>);

/// The forum's allocation problem compiled once, with what every re-solve compares against.
struct Frame<'a> {
    prepared: Prepared,
    analysis: &'a Analysis,
    /// Each candidate's valuation, in the compiled (index) order.
    valued: Vec<Option<&'a Valuation>>,
    /// The optimum's candidates by index, ascending.
    best: Vec<usize>,
}

impl<'a> Frame<'a> {
    fn new(snapshot: &Snapshot, analysis: &'a Analysis) -> Self {
        let prepared = Prepared::new(&analysis.instance(snapshot, analysis.budget));
        let by_id: std::collections::HashMap<&str, &Valuation> = analysis
            .initiatives
            .iter()
            .map(|v| (v.id.as_str(), v))
            .collect();
        let valued = prepared
            .ids()
            .iter()
            .map(|id| by_id.get(id.as_str()).copied())
            .collect();
        let mut best: Vec<usize> = analysis
            .optimal
            .funded
            .iter()
            .filter_map(|id| prepared.index_of(id))
            .collect();
        best.sort_unstable();
        Frame {
            prepared,
            analysis,
            valued,
            best,
        }
    }

    /// A pool of portfolios for warm starts, holding the optimum.
    fn pool(&self) -> Pool {
        let mut pool = Pool::new(self.prepared.ids().len());
        pool.offer(&self.best, self.analysis.optimal.total_value);
        pool
    }
}

/// Value margins, score-point margins and weight thresholds of the exact optimum.
///
/// The instance is compiled once; each margin is a re-solve under one forcing, warm-started
/// from the best portfolio found so far that the forcing leaves feasible ([`pool`]), where
/// the solver's bounds settle many at the root and a short search settles the rest. The work
/// is shared between two threads (both cores): every other initiative and every other
/// priority.
pub fn sensitivity(snapshot: &Snapshot, analysis: &Analysis) -> Sensitivity {
    let frame = Frame::new(snapshot, analysis);
    let best = &analysis.optimal;
    let share = |part: usize| -> Share {
        let mut pool = frame.pool();
        let margins = analysis
            .initiatives
            .iter()
            .skip(part)
            .step_by(2)
            .map(|v| (v.id.clone(), margin_of(&frame, v, &mut pool)))
            .collect();
        let thresholds = analysis
            .priorities
            .iter()
            .skip(part)
            .step_by(2)
            .map(|p| {
                let (up, down, ok) = if best.feasible {
                    let (up, ok_up) = threshold(&frame, &p.id, true);
                    let (down, ok_down) = threshold(&frame, &p.id, false);
                    (up, down, ok_up && ok_down)
                } else {
                    (None, None, true)
                };
                let t = Threshold {
                    up,
                    down,
                    weight: p.weight,
                };
                (p.id.clone(), t, ok)
            })
            .collect();
        (margins, thresholds)
    };
    let (first, second) = std::thread::scope(|s| {
        let other = s.spawn(|| share(1));
        let first = share(0);
        // A thread that could not finish is redone here.
        let second = other.join().unwrap_or_else(|_| share(1));
        (first, second)
    });
    let mut proven = best.proven_optimal;
    let mut margins = BTreeMap::new();
    let mut margin_points = BTreeMap::new();
    let mut margin_priority = BTreeMap::new();
    let mut weight_thresholds = BTreeMap::new();
    for (ms, ts) in [first, second] {
        for (id, m) in ms {
            proven &= m.proven;
            margins.insert(id.clone(), m.value);
            margin_points.insert(id.clone(), m.points);
            margin_priority.insert(id, m.priority);
        }
        for (id, t, ok) in ts {
            proven &= ok;
            weight_thresholds.insert(id, t);
        }
    }
    Sensitivity {
        margins,
        margin_points,
        margin_priority,
        weight_thresholds,
        proven,
    }
}

/// One initiative's value margin (§5), as [`Sensitivity`] holds it for every initiative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Margin {
    /// Funded: −(how far its value can fall before it drops); unfunded: +(how far it must
    /// rise to get in); `None` when forcing it the other way is impossible.
    pub value: Option<f64>,
    /// The margin in score points on `priority`.
    pub points: Option<f64>,
    /// The priority the points are counted on.
    pub priority: Option<String>,
    /// False when the re-solve hit the work limit.
    pub proven: bool,
}

/// The value margin of one initiative of the analysis (one re-solve), `None` if unknown.
pub fn margin(snapshot: &Snapshot, analysis: &Analysis, id: &str) -> Option<Margin> {
    let v = analysis.valuation(id)?;
    let frame = Frame::new(snapshot, analysis);
    Some(margin_of(&frame, v, &mut frame.pool()))
}

fn margin_of(frame: &Frame, v: &Valuation, pool: &mut Pool) -> Margin {
    let analysis = frame.analysis;
    let limit = analysis.options.work_limit;
    let best = &analysis.optimal;
    let mut proven = true;
    let funded = best.funds(&v.id);
    let mut forcing = Forcing::default();
    if funded {
        forcing.unfunded.insert(v.id.clone());
    } else {
        forcing.funded.insert(v.id.clone());
    }
    let margin = if best.feasible {
        // The best portfolio found so far that the forcing leaves feasible, else the optimum.
        let index = frame.prepared.index_of(&v.id);
        let hint = index
            .and_then(|k| pool.best(k, !funded))
            .unwrap_or(&frame.best);
        let other = frame.prepared.solve_indexed(&forcing, limit, hint);
        other.map(|other| {
            pool.offer(&other.funded, other.value);
            proven &= other.proven;
            let gap = best.total_value - other.value;
            if funded { -gap } else { gap }
        })
    } else {
        None
    };
    // The strongest priority on which the move fits the scale (else the strongest
    // that can move at all).
    let on = margin.and_then(|m| {
        let mut movable: Vec<_> = analysis
            .priorities
            .iter()
            .filter(|p| p.weight > 0.0)
            .map(|p| {
                let s = v.scores.get(&p.id).copied().unwrap_or(0.0);
                let room = if m < 0.0 {
                    s
                } else {
                    f64::from(analysis.scale) - s
                };
                (p, room, m / p.weight)
            })
            .filter(|(_, room, _)| *room > 0.0)
            .collect();
        movable.sort_by(|a, b| {
            b.0.weight
                .total_cmp(&a.0.weight)
                .then(a.0.rank.cmp(&b.0.rank))
        });
        movable
            .iter()
            .find(|(_, room, pts)| pts.abs() <= *room + 1e-9)
            .or(movable.first())
            .map(|(p, _, pts)| (p.id.clone(), *pts))
    });
    Margin {
        value: margin,
        points: on.as_ref().map(|(_, pts)| *pts),
        priority: on.map(|(p, _)| p),
        proven,
    }
}

/// Per candidate, in index order: value = a + b·w when priority `k`'s weight is w (others
/// rescaled).
fn lines(frame: &Frame, k: &str) -> Vec<(f64, f64)> {
    let analysis = frame.analysis;
    let w0 = analysis.weights.get(k).copied().unwrap_or(0.0);
    frame
        .valued
        .iter()
        .map(|v| {
            let Some(v) = v else { return (0.0, 0.0) };
            let sk = v.scores.get(k).copied().unwrap_or(0.0);
            let rest: f64 = analysis
                .priorities
                .iter()
                .filter(|p| p.id != k)
                .map(|p| p.weight * v.scores.get(&p.id).copied().unwrap_or(0.0))
                .sum();
            // w·sk + (1−w)/(1−w0)·rest
            let r = rest / (1.0 - w0);
            (r, sk - r)
        })
        .collect()
}

fn set_value(lines: &[(f64, f64)], set: &[usize], w: f64) -> f64 {
    set.iter()
        .filter_map(|&i| lines.get(i))
        .map(|(a, b)| a + b * w)
        .sum()
}

/// The smallest change of priority `k`'s weight, up or down, that changes the funded set;
/// the flag is false when a re-solve was not proven optimal.
fn threshold(frame: &Frame, k: &str, up: bool) -> (Option<f64>, bool) {
    let analysis = frame.analysis;
    let w0 = analysis.weights.get(k).copied().unwrap_or(0.0);
    if w0 >= 1.0 - 1e-12 {
        return (None, true);
    }
    let lines = lines(frame, k);
    let base = &frame.best;
    let solve_at = |w: f64| {
        frame
            .prepared
            .with_value_list(lines.iter().map(|(a, b)| a + b * w).collect())
            .solve_indexed(&Forcing::default(), analysis.options.work_limit, base)
    };
    let mut end = if up { 1.0 } else { 0.0 };
    // The optimum at `end`; each step solves once, at the next crossing, which becomes the
    // next `end` when the set found there beats the current one.
    let Some(mut p) = solve_at(end) else {
        return (None, true);
    };
    let mut proven = p.proven;
    let (a_s, b_s) = (set_value(&lines, base, 0.0), set_value(&lines, base, 1.0));
    for _ in 0..64 {
        if &p.funded == base {
            return (None, proven);
        }
        // Where the line of the new set crosses the line of the current one.
        let (a_p, b_p) = (
            set_value(&lines, &p.funded, 0.0),
            set_value(&lines, &p.funded, 1.0),
        );
        let slope = (b_p - a_p) - (b_s - a_s);
        let cross = if slope.abs() < 1e-15 {
            w0
        } else {
            (a_s - a_p) / slope
        };
        let (lo, hi) = if up { (w0, end) } else { (end, w0) };
        let cross = cross.clamp(lo, hi);
        let inside = cross > 0.0 && cross < 1.0;
        if (cross - end).abs() < 1e-12 {
            return (inside.then_some((cross - w0).abs()), proven);
        }
        let Some(q) = solve_at(cross) else {
            return (inside.then_some((cross - w0).abs()), proven);
        };
        proven &= q.proven;
        let at_cross = set_value(&lines, base, cross);
        if q.funded == *base
            || q.funded == p.funded
            || set_value(&lines, &q.funded, cross) <= at_cross + allocation::TIE
        {
            return (inside.then_some((cross - w0).abs()), proven);
        }
        end = cross;
        p = q;
    }
    (None, false)
}
