//! The exact 0/1 optimum by branch and bound, with an LP bound and a work limit.
//!
//! Candidates are branched on in order of value per money (fund first, then leave out);
//! funding propagates dependencies and exclusions (see [`super::state`]). The bound at each
//! node is the fractional knapsack over the undecided candidates under the remaining budget
//! and the remaining silo caps; budget and caps form a laminar family, for which filling by
//! value per money is the exact LP optimum, so the bound is valid. Ties follow
//! [`super::prefer`]. The search counts its work (nodes plus candidates scanned by the bound);
//! past `work_limit` it stops and returns the best portfolio found, not proven optimal.

use crate::domain::allocation::state::{Compiled, Conflict, Decision, State};
use crate::domain::allocation::{Forcing, Instance, Portfolio, TIE, prefer};
use crate::domain::records::Money;
use std::cmp::Ordering;

/// Describes a conflict met before any choice was made (the constraints cannot all hold).
pub(crate) fn describe(conflict: &Conflict) -> String {
    match conflict {
        Conflict::Budget { needed, budget } => format!(
            "the initiatives that must be funded cost {needed}, more than the budget of {budget}"
        ),
        Conflict::Cap { silo, cap } => {
            format!("the initiatives that must be funded exceed the cap of {cap} on silo `{silo}`")
        }
        Conflict::Blocked { id } => {
            format!("`{id}` would have to be both funded and not funded")
        }
    }
}

/// Candidate indices by value per money (free items first), then higher value, lower
/// cost, id.
pub(crate) fn ratio_order(c: &Compiled) -> Vec<usize> {
    let ratio = |i: usize| {
        if c.cost[i] == 0 {
            if c.value[i] > 0.0 { f64::INFINITY } else { 0.0 }
        } else {
            c.value[i] / c.cost[i] as f64
        }
    };
    let mut order: Vec<usize> = (0..c.len()).collect();
    order.sort_by(|&a, &b| {
        ratio(b)
            .total_cmp(&ratio(a))
            .then_with(|| c.value[b].total_cmp(&c.value[a]))
            .then_with(|| c.cost[a].cmp(&c.cost[b]))
            .then_with(|| c.ids[a].cmp(&c.ids[b]))
    });
    order
}

struct Best {
    value: f64,
    cost: Money,
    funded: Vec<String>,
}

struct Search {
    order: Vec<usize>,
    best: Option<Best>,
    work: u64,
    limit: u64,
    stopped: bool,
    silo_room: Vec<Money>,
}

impl Search {
    fn consider(&mut self, st: &State) {
        let value = st.exact_value();
        let better = match &self.best {
            None => true,
            Some(b) => {
                let quick = prefer((value, st.cost, &[]), (b.value, b.cost, &[]));
                match quick {
                    Ordering::Less => true,
                    Ordering::Greater => false,
                    Ordering::Equal => {
                        let funded = st.funded();
                        prefer((value, st.cost, &funded), (b.value, b.cost, &b.funded))
                            == Ordering::Less
                    }
                }
            }
        };
        if better {
            self.best = Some(Best {
                value,
                cost: st.cost,
                funded: st.funded(),
            });
        }
    }

    /// Extra value the undecided candidates could add, fractionally (an upper bound).
    fn bound(&mut self, st: &State, from: usize) -> f64 {
        let c = st.c;
        let mut room = c.budget.saturating_sub(st.cost);
        for (s, r) in self.silo_room.iter_mut().enumerate() {
            *r = c.caps[s].saturating_sub(st.silo_used[s]);
        }
        let mut extra = 0.0;
        for &i in &self.order[from..] {
            self.work += 1;
            if st.decision[i] != Decision::Open || c.value[i] <= 0.0 {
                continue;
            }
            let cost = c.cost[i];
            if cost == 0 {
                extra += c.value[i];
                continue;
            }
            let s = c.silo[i];
            let avail = room.min(self.silo_room[s]);
            if avail == 0 {
                if room == 0 {
                    break;
                }
                continue;
            }
            let take = cost.min(avail);
            extra += c.value[i] * (take as f64 / cost as f64);
            room -= take;
            self.silo_room[s] -= take;
            if room == 0 {
                break;
            }
        }
        extra
    }

    fn dfs(&mut self, st: &mut State, from: usize) {
        if self.stopped {
            return;
        }
        self.work += 1;
        if self.work > self.limit {
            self.stopped = true;
            return;
        }
        let mut pos = from;
        while pos < self.order.len() && st.decision[self.order[pos]] != Decision::Open {
            pos += 1;
        }
        if pos == self.order.len() {
            self.consider(st);
            return;
        }
        let extra = self.bound(st, pos);
        if extra <= 0.0 {
            // Nothing undecided can add value: leaving it all out is best below here.
            self.consider(st);
            return;
        }
        if let Some(b) = &self.best {
            let ub = st.value + extra;
            if ub < b.value - TIE || (ub <= b.value + TIE && st.cost > b.cost) {
                return;
            }
        }
        let i = self.order[pos];
        let mark = st.mark();
        if st.set(i, Decision::In).is_ok() {
            self.dfs(st, pos + 1);
        }
        st.undo(mark);
        if st.set(i, Decision::Out).is_ok() {
            self.dfs(st, pos + 1);
        }
        st.undo(mark);
    }
}

/// Finds the best portfolio under budget, caps, mandatory items, dependencies, exclusions
/// and the outside `forcing`, spending at most `work_limit` units of work.
pub fn solve(instance: &Instance, forcing: &Forcing, work_limit: u64) -> Portfolio {
    let c = Compiled::new(instance);
    let mut st = State::new(&c);
    if let Err(conflict) = st.root(forcing) {
        return Portfolio::infeasible(describe(&conflict));
    }
    let mut search = Search {
        order: ratio_order(&c),
        best: None,
        work: 0,
        limit: work_limit.max(1),
        stopped: false,
        silo_room: vec![0; c.silo_names.len()],
    };
    search.dfs(&mut st, 0);
    let proven = !search.stopped;
    let best = match search.best {
        Some(b) => b,
        None => {
            // Stopped before any complete portfolio; the search has unwound to the root,
            // whose forced set is feasible on its own.
            Best {
                value: st.exact_value(),
                cost: st.cost,
                funded: st.funded(),
            }
        }
    };
    Portfolio {
        funded: best.funded,
        total_cost: best.cost,
        total_value: best.value,
        proven_optimal: proven,
        feasible: true,
        note: (!proven).then(|| {
            "the exact search hit its work limit: this is the best portfolio found, not proven optimal"
                .to_string()
        }),
    }
}
