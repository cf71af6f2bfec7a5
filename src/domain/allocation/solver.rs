//! The exact 0/1 optimum by branch and bound, with an LP bound and a work limit.
//!
//! The search starts from greedy's portfolio (so its answer is never worse than greedy's),
//! and when greedy funds every initiative that adds value, that is the optimum at once. The
//! bound at each node is the fractional knapsack (Dantzig) bound over the undecided
//! candidates under the remaining budget and the remaining silo caps; budget and caps form a
//! laminar family, for which filling by value per money is the exact LP optimum, so the bound
//! is valid. A shared initiative (shares in several silos) is bounded by the budget alone in
//! this fill, a relaxation that keeps the family laminar. Before branching, every candidate whose bound with it funded (or left out)
//! cannot beat the incumbent is fixed the other way ([`super::reduce`]), so the search runs
//! over the few candidates near the critical value per money. Candidates are branched on in
//! order of value per money (fund first, then leave out); funding propagates dependencies and
//! exclusions (see [`super::state`]). Ties follow [`super::prefer`]. The search counts its
//! work (nodes plus candidates scanned by the bound); past `work_limit` it stops and returns
//! the best portfolio found, not proven optimal.

use crate::domain::allocation::reduce::reduce;
use crate::domain::allocation::state::{Compiled, Conflict, Decision, State};
use crate::domain::allocation::{Forcing, Instance, Portfolio, TIE};
use crate::domain::money::amount;

/// Describes a conflict met before any choice was made (the constraints cannot all hold).
pub(crate) fn describe(conflict: &Conflict) -> String {
    match conflict {
        Conflict::Budget { needed, budget } => format!(
            "the initiatives that must be funded cost {}, more than the budget of {}",
            wide_amount(*needed),
            amount(*budget)
        ),
        Conflict::Cap { silo, cap } => format!(
            "the initiatives that must be funded exceed the cap of {} on silo `{silo}`",
            amount(*cap)
        ),
        Conflict::Blocked { id } => {
            format!("`{id}` would have to be both funded and not funded")
        }
    }
}

/// A sum of money that may pass `Money::MAX`, in the same digits as [`amount`].
fn wide_amount(v: u128) -> String {
    match crate::domain::records::Money::try_from(v) {
        Ok(m) => amount(m),
        Err(_) => v.to_string(),
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

/// The best portfolio found so far.
pub(crate) struct Best {
    pub value: f64,
    pub cost: u128,
    pub funded: Vec<String>,
}

impl Best {
    fn of(st: &State) -> Self {
        Best {
            value: st.exact_value(),
            cost: st.cost,
            funded: st.funded(),
        }
    }
}

/// The search: the open candidates in branching order, the incumbent and the work spent.
pub(crate) struct Search {
    pub order: Vec<usize>,
    pub best: Best,
    pub work: u64,
    pub limit: u64,
    pub stopped: bool,
    silo_room: Vec<u128>,
}

impl Search {
    /// Offers a complete portfolio; it becomes the incumbent when preferred
    /// ([`super::prefer`]: more value beyond [`TIE`], then less money, then the ids).
    fn consider(&mut self, st: &State) {
        if st.value < self.best.value - 1e-6 {
            return; // clearly worse, whatever the rounding of the running sum
        }
        let value = st.exact_value();
        let b = &self.best;
        let better = if value > b.value + TIE {
            true
        } else if b.value > value + TIE {
            false
        } else if st.cost != b.cost {
            st.cost < b.cost
        } else {
            st.funded() < b.funded
        };
        if better {
            self.best = Best::of(st);
        }
    }

    /// True when nothing below a node of value bound `ub` and money `cost` can be preferred
    /// to the incumbent.
    pub(crate) fn hopeless(&self, ub: f64, cost: u128) -> bool {
        ub < self.best.value - TIE || (ub <= self.best.value + TIE && cost > self.best.cost)
    }

    /// Extra value the undecided candidates could add, fractionally (an upper bound).
    pub(crate) fn bound(&mut self, st: &State, from: usize) -> f64 {
        let c = st.c;
        let mut room = st.room();
        for (s, r) in self.silo_room.iter_mut().enumerate() {
            *r = u128::from(c.caps[s]).saturating_sub(st.silo_used[s]);
        }
        let mut extra = 0.0;
        for &i in &self.order[from..] {
            self.work += 1;
            if st.decision[i] != Decision::Open || c.value[i] <= 0.0 {
                continue;
            }
            let cost = u128::from(c.cost[i]);
            if cost == 0 {
                extra += c.value[i];
                continue;
            }
            // A shared candidate is bounded by the budget alone: relaxing its caps keeps
            // budget and caps laminar, so this fill stays an upper bound.
            let single = (c.shares[i].len() == 1).then(|| c.shares[i][0].0);
            let avail = single.map_or(room, |s| room.min(self.silo_room[s]));
            if avail == 0 {
                if room == 0 {
                    break;
                }
                continue;
            }
            let take = cost.min(avail);
            extra += c.value[i] * (take as f64 / cost as f64);
            room -= take;
            if let Some(s) = single {
                self.silo_room[s] -= take;
            }
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
        if self.hopeless(st.value + extra, st.cost) {
            return;
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

/// True when every open candidate that adds value is funded in `st` and dropping any of them
/// loses more than [`TIE`]: nothing can then be preferred to it.
fn takes_everything(st: &State, open: &[usize]) -> bool {
    open.iter().all(|&i| {
        let v = st.c.value[i];
        v <= 0.0 || (st.decision[i] == Decision::In && v > TIE)
    })
}

/// Finds the best portfolio under budget, caps, mandatory items, dependencies, exclusions
/// and the outside `forcing`, spending at most `work_limit` units of work.
pub fn solve(instance: &Instance, forcing: &Forcing, work_limit: u64) -> Portfolio {
    Prepared::new(instance).solve(forcing, work_limit)
}

/// An instance compiled once for many solves (sensitivity's re-solves under forcings and
/// other values); it can be shared between threads.
#[derive(Debug, Clone)]
pub struct Prepared {
    c: Compiled,
    order: Vec<usize>,
}

impl Prepared {
    /// Compiles the instance and orders it by value per money.
    pub fn new(instance: &Instance) -> Self {
        let c = Compiled::new(instance);
        let order = ratio_order(&c);
        Prepared { c, order }
    }

    /// [`solve`] under `forcing`.
    pub fn solve(&self, forcing: &Forcing, work_limit: u64) -> Portfolio {
        solve_compiled(&self.c, &self.order, forcing, work_limit, &[])
    }

    /// [`solve`] under `forcing`, warm-started from a portfolio known to be good without it
    /// (sorted ids, e.g. the optimum before the forcing): as much of it as still holds, then
    /// greedy, is the first incumbent when it beats greedy's own.
    pub fn solve_from(&self, forcing: &Forcing, work_limit: u64, hint: &[String]) -> Portfolio {
        solve_compiled(&self.c, &self.order, forcing, work_limit, hint)
    }

    /// The same constraints with each candidate's value given by id (negative counts as 0).
    pub fn with_values(&self, value: impl Fn(&str) -> f64) -> Self {
        let mut c = self.c.clone();
        for (i, id) in c.ids.iter().enumerate() {
            c.value[i] = value(id).max(0.0);
        }
        let order = ratio_order(&c);
        Prepared { c, order }
    }
}

/// [`solve`] on an instance compiled once.
fn solve_compiled(
    c: &Compiled,
    order: &[usize],
    forcing: &Forcing,
    work_limit: u64,
    hint: &[String],
) -> Portfolio {
    let mut st = State::new(c);
    if let Err(conflict) = st.root(forcing) {
        return Portfolio::infeasible(describe(&conflict));
    }
    let open: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| st.decision[i] == Decision::Open)
        .collect();
    let root = st.mark();
    fill(&mut st, &open);
    let mut best = Best::of(&st);
    let trivial = takes_everything(&st, &open);
    st.undo(root);
    if !hint.is_empty() && !trivial {
        let hinted: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&i| hint.binary_search(&c.ids[i]).is_ok())
            .collect();
        fill(&mut st, &hinted);
        fill(&mut st, &open);
        let warm = Best::of(&st);
        if warm.value > best.value + TIE
            || (warm.value >= best.value - TIE && warm.cost < best.cost)
        {
            best = warm;
        }
        st.undo(root);
    }
    let mut search = Search {
        order: open,
        best,
        work: 0,
        limit: work_limit.max(1),
        stopped: false,
        silo_room: vec![0; c.silo_names.len()],
    };
    if !trivial && reduce(&mut search, &mut st) {
        search.dfs(&mut st, 0);
    }
    let proven = !search.stopped;
    let best = search.best;
    Portfolio {
        funded: best.funded,
        total_cost: crate::domain::records::Money::try_from(best.cost).unwrap_or(c.budget),
        total_value: best.value,
        proven_optimal: proven,
        feasible: true,
        note: (!proven).then(|| {
            "the exact search hit its work limit: this is the best portfolio found (never worse than greedy's), not proven optimal"
                .to_string()
        }),
    }
}
