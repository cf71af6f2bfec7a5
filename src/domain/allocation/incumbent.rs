//! First portfolios for the search to beat: greedy by item, and the bound's own answer
//! rounded down. The closer the first incumbent, the more candidates the bounds fix before
//! the search begins.

use crate::domain::allocation::blocks::{Blocks, Hulls};
use crate::domain::allocation::state::{Decision, State};

/// Greedy from the current state: each open candidate that adds value, in `order`, with what
/// it depends on, if it fits. The state is left as greedy leaves it.
pub(crate) fn fill(st: &mut State, order: &[usize]) {
    for &i in order {
        if st.decision[i] != Decision::Open || st.c.value[i] <= 0.0 {
            continue;
        }
        let mark = st.mark();
        if st.set(i, Decision::In).is_err() {
            st.undo(mark);
        }
    }
}

/// Funds every candidate of `items` (and what they depend on), or none of them if they do not
/// all fit.
pub(crate) fn fund_all(st: &mut State, items: impl IntoIterator<Item = usize>) {
    let mark = st.mark();
    for i in items {
        if st.decision[i] == Decision::In {
            continue;
        }
        if st.set(i, Decision::In).is_err() {
            st.undo(mark);
            return;
        }
    }
}

/// The bound's fill rounded down. Each dependency block goes straight to the closed set its
/// hull reaches at `critical`, the value per money where the bound's fill ran out of money
/// (its hull's sets need not contain one another: one alternative may give way to a dearer
/// one); then singles and blocks by value per money, each if it fits, and greedy by item
/// for what is left.
pub(crate) fn fill_by_bound(st: &mut State, order: &[usize], blocks: &Blocks, critical: f64) {
    let c = st.c;
    let ratio = |cost: u128, value: f64| {
        if cost == 0 {
            f64::INFINITY
        } else {
            value / cost as f64
        }
    };
    // The blocks' closed sets, by value per money; the singles come in `order`, which is
    // already by value per money, so the two lists are merged, not sorted together.
    let mut sets: Vec<(f64, Vec<usize>)> = Vec::new();
    let mut hulls = Hulls::default();
    let live: Vec<usize> = (0..blocks.len()).collect();
    blocks.segments(&st.decision, &live, &mut hulls);
    let segments = &hulls.list;
    // Segments come block by block, each block's in rising money.
    let mut k = 0;
    while k < segments.len() {
        let block = segments[k].block;
        let mut reach = None;
        let (mut cost, mut value) = (0u128, 0.0);
        while k < segments.len() && segments[k].block == block {
            let s = segments[k];
            if s.ratio >= critical {
                reach = Some(s.set);
                cost += s.cost;
                value += s.value;
            }
            k += 1;
        }
        if let Some(mask) = reach {
            let members = blocks.members(block);
            let set = (0..members.len())
                .filter(|p| mask & (1 << p) != 0)
                .map(|p| members[p])
                .collect();
            sets.push((ratio(cost, value), set));
        }
    }
    // A stable sort keeps the blocks in block order among equal ratios.
    sets.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut sets = sets.into_iter().peekable();
    for &i in order {
        if st.decision[i] != Decision::Open || c.value[i] <= 0.0 || blocks.of[i].is_some() {
            continue;
        }
        let r = ratio(u128::from(c.cost[i]), c.value[i]);
        // A set goes before the singles of its ratio or lower.
        while let Some((_, set)) = sets.next_if(|(sr, _)| *sr >= r) {
            fund_all(st, set);
        }
        fund_all(st, [i]);
    }
    for (_, set) in sets {
        fund_all(st, set);
    }
    fill(st, order);
}
