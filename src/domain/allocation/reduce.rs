//! Fixing candidates by bounds before the search (the classic knapsack reduction).
//!
//! For each open candidate, an upper bound on every portfolio that funds it, and one on every
//! portfolio that leaves it out, is compared with the incumbent: when one side cannot be
//! preferred to it, the candidate is fixed the other way. A first pass uses the Dantzig bound
//! without caps, dependencies or exclusions (a relaxation, so still an upper bound), in
//! O(log n) per candidate from prefix sums; the next passes use the search's own bound with
//! caps and propagation over the candidates still open. When a fix meets a conflict, nothing
//! under the root can beat the incumbent: it is optimal.

use crate::domain::allocation::solver::Search;
use crate::domain::allocation::state::{Decision, State};

/// Reduces the root; returns false when no search is needed any more (the incumbent is
/// proven optimal) or the work limit was hit (`search.stopped` is then set).
pub(crate) fn reduce(search: &mut Search, st: &mut State) -> bool {
    let extra = search.bound(st, 0);
    if search.hopeless(st.value + extra, st.cost) {
        return false;
    }
    let quick = quick_verdicts(search, st);
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
fn fix(search: &mut Search, st: &mut State, verdicts: &[(usize, Decision)]) -> bool {
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
fn compact(search: &mut Search, st: &State) {
    search.order.retain(|&i| st.decision[i] == Decision::Open);
}

/// The first pass: for each open candidate, Dantzig bounds with it forced in and forced out,
/// over the open candidates that add value, under the remaining budget only.
fn quick_verdicts(search: &mut Search, st: &State) -> Vec<(usize, Decision)> {
    let c = st.c;
    let items: Vec<usize> = search
        .order
        .iter()
        .copied()
        .filter(|&i| st.decision[i] == Decision::Open && c.value[i] > 0.0)
        .collect();
    // prefix[k] = (money, value) of the first k items.
    let mut prefix: Vec<(u128, f64)> = Vec::with_capacity(items.len() + 1);
    prefix.push((0, 0.0));
    for &i in &items {
        let (m, v) = prefix[prefix.len() - 1];
        prefix.push((m + u128::from(c.cost[i]), v + c.value[i]));
    }
    search.work += items.len() as u64;
    // The LP value of all items under `room`, and the index of the first item not fully taken.
    let lp = |room: u128| -> (f64, usize) {
        let k = prefix.partition_point(|&(m, _)| m <= room) - 1;
        let (m, v) = prefix[k];
        let frac = items.get(k).map_or(0.0, |&i| {
            let cost = c.cost[i] as f64;
            if cost > 0.0 {
                c.value[i] * ((room - m) as f64 / cost)
            } else {
                0.0
            }
        });
        (v + frac, k)
    };
    let room = st.room();
    let (_, critical) = lp(room);
    let mut verdicts = Vec::new();
    for (k, &i) in items.iter().enumerate() {
        search.work += 1;
        let cost = u128::from(c.cost[i]);
        if k < critical {
            // Fully taken by the LP: leaving it out frees its money for the rest.
            let ub_out = st.value + lp(room + cost).0 - c.value[i];
            if search.hopeless(ub_out, st.cost) {
                verdicts.push((i, Decision::In));
            }
        } else {
            // Not (fully) taken: funding it leaves less for the items before it.
            let hopeless = match room.checked_sub(cost) {
                None => true,
                Some(rest) => {
                    let ub_in = st.value + c.value[i] + lp(rest).0;
                    search.hopeless(ub_in, st.cost + cost)
                }
            };
            if hopeless {
                verdicts.push((i, Decision::Out));
            }
        }
    }
    verdicts
}
