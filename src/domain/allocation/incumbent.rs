//! First portfolios for the search to beat: greedy by item, and the bound's own answer
//! rounded down. The closer the first incumbent, the more candidates the bounds fix before
//! the search begins.

use crate::domain::allocation::blocks::Blocks;
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

/// One step of the rounded fill: a single candidate, or a block's closed set.
enum Step {
    One(usize),
    Set(Vec<usize>),
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
    let mut steps: Vec<(f64, Step)> = Vec::new();
    let mut segments = Vec::new();
    let live: Vec<usize> = (0..blocks.len()).collect();
    blocks.segments(&st.decision, &live, &mut segments);
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
            steps.push((ratio(cost, value), Step::Set(set)));
        }
    }
    for &i in order {
        if st.decision[i] == Decision::Open && c.value[i] > 0.0 && blocks.of[i].is_none() {
            steps.push((ratio(u128::from(c.cost[i]), c.value[i]), Step::One(i)));
        }
    }
    // A stable sort keeps the singles in `order` among equal ratios.
    steps.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, step) in steps {
        match step {
            Step::One(i) => fund_all(st, [i]),
            Step::Set(set) => fund_all(st, set),
        }
    }
    fill(st, order);
}
