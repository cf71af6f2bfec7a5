//! Fixing candidates by bounds before the search (the classic knapsack reduction).
//!
//! For each open candidate, an upper bound on every portfolio that funds it, and one on every
//! portfolio that leaves it out, is compared with the incumbent: when one side cannot be
//! preferred to it, the candidate is fixed the other way. A first pass prices the bound's
//! fill (reduced costs, [`priced_verdicts`]), O(1) per candidate; the next passes use the search's own bound with
//! caps and propagation over the candidates still open. When a fix meets a conflict, nothing
//! under the root can beat the incumbent: it is optimal.

use crate::domain::allocation::solver::Search;
use crate::domain::allocation::state::{Decision, State};

/// Reduces the root; returns false when no search is needed any more (the incumbent is
/// proven optimal) or the work limit was hit (`search.stopped` is then set).
pub(crate) fn reduce(search: &mut Search<'_>, st: &mut State) -> bool {
    let extra = search.bound(st, 0);
    if search.hopeless(st.value + extra, st.cost) {
        return false;
    }
    let quick = priced_verdicts(search, st);
    if !fix(search, st, &quick) {
        return false;
    }
    for _ in 0..2 {
        compact(search, st);
        let mut verdicts = Vec::new();
        for k in 0..search.order.len() {
            if search.work > search.limit {
                search.stopped = true;
                return false;
            }
            let i = search.order[k];
            let mark = st.mark();
            let in_hopeless = match st.set(i, Decision::In) {
                Err(_) => true,
                Ok(()) => {
                    let extra = search.bound(st, 0);
                    search.hopeless(st.value + extra, st.cost)
                }
            };
            st.undo(mark);
            let out_hopeless = match st.set(i, Decision::Out) {
                Err(_) => true,
                Ok(()) => {
                    let extra = search.bound(st, 0);
                    search.hopeless(st.value + extra, st.cost)
                }
            };
            st.undo(mark);
            match (in_hopeless, out_hopeless) {
                (true, true) => return false,
                (true, false) => verdicts.push((i, Decision::Out)),
                (false, true) => verdicts.push((i, Decision::In)),
                (false, false) => {}
            }
        }
        if verdicts.is_empty() {
            break;
        }
        if !fix(search, st, &verdicts) {
            return false;
        }
    }
    compact(search, st);
    true
}

/// Applies the fixes; false when one conflicts (then the incumbent is optimal).
fn fix(search: &mut Search<'_>, st: &mut State, verdicts: &[(usize, Decision)]) -> bool {
    for &(i, d) in verdicts {
        search.work += 1;
        let mark = st.mark();
        if st.set(i, d).is_err() {
            st.undo(mark);
            return false;
        }
    }
    true
}

/// Keeps only the open candidates in the branching order.
fn compact(search: &mut Search<'_>, st: &State) {
    search.order.retain(|&i| st.decision[i] == Decision::Open);
    let blocks = &search.blocks;
    search.live.retain(|&b| {
        blocks
            .members(b)
            .iter()
            .any(|&i| st.decision[i] == Decision::Open)
    });
}

/// The first pass, by reduced costs. The bound's fill at the root yields prices: λ for the
/// budget (the value per money where the fill ran out of money) and μ for each silo whose cap
/// it spent (the value per money where it did, less λ). For any such prices, the sum of
/// λ·(money left), Σ μ·(cap left), Σ over single candidates of max(0, reduced value) and
/// Σ over blocks of the best closed set's reduced value, with the reduced value
/// v − λ·cost − Σ μ·share, is an upper bound on what the open candidates can add (weak
/// duality; dependencies and alternatives are kept inside the blocks). Forcing a candidate
/// against its sign costs that bound exactly its reduced value (for a block, the best closed
/// set's value with and without it), so every candidate is judged in O(1), O(2^block).
fn priced_verdicts(search: &mut Search<'_>, st: &State) -> Vec<(usize, Decision)> {
    let c = st.c;
    search.bound(st, 0);
    let lambda = search.critical;
    let mu: Vec<f64> = search
        .rooms
        .full_at
        .iter()
        .map(|&r| if r > lambda { r - lambda } else { 0.0 })
        .collect();
    let reduced = |i: usize| -> f64 {
        if c.cost[i] == 0 {
            return c.value[i];
        }
        let mut price = lambda * c.cost[i] as f64;
        for &(s, share) in &c.shares[i] {
            let m = mu.get(s).copied().unwrap_or(0.0);
            if share > 0 && m > 0.0 {
                price += m * share as f64;
            }
        }
        c.value[i] - price
    };
    let mut ub = st.value + lambda * st.room() as f64;
    for (s, &m) in mu.iter().enumerate() {
        let left = u128::from(c.caps[s]).saturating_sub(st.silo_used[s]);
        if m > 0.0 && left > 0 {
            ub += m * left as f64;
        }
    }
    let mut rc = vec![0.0; c.len()];
    for &i in &search.order {
        if st.decision[i] == Decision::Open {
            rc[i] = reduced(i);
            search.work += 1;
        }
    }
    let blocks = search.blocks;
    let mut sets = Vec::new();
    // Per block: the best reduced value of a closed set (0: the one adding no member), and
    // per open member the best with it and the best without it.
    let mut with = vec![f64::NEG_INFINITY; c.len()];
    let mut without = vec![f64::NEG_INFINITY; c.len()];
    for b in 0..blocks.len() {
        search.work += blocks.allowed(b, &st.decision, &mut sets);
        let members = blocks.members(b);
        let mut best = f64::NEG_INFINITY;
        for &mask in &sets {
            // Funded members are not open: their rc is 0.
            let sum: f64 = (0..members.len())
                .filter(|p| mask & (1 << p) != 0)
                .map(|p| rc[members[p]])
                .sum();
            best = best.max(sum);
            for (p, &i) in members.iter().enumerate() {
                if mask & (1 << p) != 0 {
                    with[i] = with[i].max(sum);
                } else {
                    without[i] = without[i].max(sum);
                }
            }
        }
        if sets.is_empty() {
            continue;
        }
        ub += best;
        for &i in members {
            // As changes of the block's best: forcing in loses best − with, out best − without.
            with[i] -= best;
            without[i] -= best;
        }
    }
    for &i in &search.order {
        if st.decision[i] == Decision::Open && blocks.of[i].is_none() {
            ub += rc[i].max(0.0);
        }
    }
    if !ub.is_finite() {
        return Vec::new();
    }
    let mut verdicts = Vec::new();
    for &i in &search.order {
        if st.decision[i] != Decision::Open {
            continue;
        }
        search.work += 1;
        let (in_change, out_change) = if blocks.of[i].is_some() {
            (with[i], without[i])
        } else if rc[i] >= 0.0 {
            (0.0, -rc[i])
        } else {
            (rc[i], 0.0)
        };
        let cost = st.cost + u128::from(c.cost[i]);
        if search.hopeless(ub + out_change, st.cost) {
            verdicts.push((i, Decision::In));
        } else if search.hopeless(ub + in_change, cost) {
            verdicts.push((i, Decision::Out));
        }
    }
    verdicts
}
