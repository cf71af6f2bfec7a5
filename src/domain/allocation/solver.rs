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

use crate::domain::allocation::blocks::{Blocks, Hulls};
use crate::domain::allocation::by_silo;
use crate::domain::allocation::incumbent::{fill, fill_by_bound, fund_all};
use crate::domain::allocation::reduce::reduce;
use crate::domain::allocation::rooms::Rooms;
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
    /// Candidate indices, ascending (the compiled order is id order, so these compare as the
    /// ids would).
    pub funded: Vec<usize>,
}

impl Best {
    pub(crate) fn of(st: &State) -> Self {
        Best {
            value: st.exact_value(),
            cost: st.cost,
            funded: st.funded_indices(),
        }
    }
}

/// The search: the open candidates in branching order, the incumbent and the work spent.
pub(crate) struct Search<'a> {
    pub order: Vec<usize>,
    pub best: Best,
    pub work: u64,
    pub limit: u64,
    pub stopped: bool,
    pub rooms: Rooms,
    /// Set by [`Search::bound`]: the first position in `order` not taken whole by its fill.
    whole_before: usize,
    /// Set by [`Search::bound`]: the value per money at which its fill ran out of budget
    /// (0 when it did not).
    pub critical: f64,
    ceilings: &'a [f64],
    pub blocks: &'a Blocks,
    /// The blocks that may still have an open member.
    pub live: Vec<usize>,
    hulls: Hulls,
}

impl Search<'_> {
    /// Offers a complete portfolio; it becomes the incumbent when preferred
    /// ([`super::prefer`]: more value beyond [`TIE`], then less money, then the ids).
    pub(crate) fn consider(&mut self, st: &State) {
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
            st.funded_indices() < b.funded
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

    /// Extra value the undecided candidates could add, fractionally (an upper bound): the
    /// single candidates and the dependency blocks' hull segments ([`super::blocks`]) by
    /// value per money, under the remaining budget and silo caps. Records in `whole_before`
    /// the first position of `order` from `from` whose candidate the fill did not take whole.
    pub(crate) fn bound(&mut self, st: &State, from: usize) -> f64 {
        let c = st.c;
        self.rooms.reset(st, self.ceilings);
        let mut hulls = std::mem::take(&mut self.hulls);
        hulls.list.clear();
        self.work += self.blocks.segments(&st.decision, &self.live, &mut hulls);
        let segments = &mut hulls.list;
        segments.sort_by(|a, b| b.ratio.total_cmp(&a.ratio));
        let mut next = 0;
        let mut extra = 0.0;
        self.whole_before = self.order.len();
        self.critical = 0.0;
        for pos in from..self.order.len() {
            let i = self.order[pos];
            self.work += 1;
            if self.rooms.budget == 0 {
                self.whole_before = self.whole_before.min(pos);
                break;
            }
            if st.decision[i] != Decision::Open {
                continue;
            }
            if self.blocks.of[i].is_some() {
                // Bounded with its block, never a forward move.
                self.whole_before = self.whole_before.min(pos);
                continue;
            }
            let cost = u128::from(c.cost[i]);
            if c.value[i] <= 0.0 {
                if cost > 0 {
                    self.whole_before = self.whole_before.min(pos);
                }
                continue;
            }
            let ratio = if cost == 0 {
                f64::INFINITY
            } else {
                c.value[i] / cost as f64
            };
            while next < segments.len() && segments[next].ratio >= ratio && self.rooms.budget > 0 {
                let s = segments[next];
                extra += self.rooms.take(s.cost, s.value, s.silo);
                self.critical = s.ratio;
                next += 1;
            }
            // A shared candidate is bounded by the budget alone: relaxing its caps keeps
            // budget and caps laminar, so this fill stays an upper bound.
            let single = (c.shares[i].len() == 1).then(|| c.shares[i][0].0);
            let got = self.rooms.take(cost, c.value[i], single);
            self.critical = ratio;
            if got < c.value[i] {
                self.whole_before = self.whole_before.min(pos);
            }
            extra += got;
        }
        for s in &segments[next.min(segments.len())..] {
            if self.rooms.budget == 0 {
                break;
            }
            extra += self.rooms.take(s.cost, s.value, s.silo);
            self.critical = s.ratio;
        }
        if self.rooms.budget > 0 {
            self.critical = 0.0;
        }
        self.hulls = hulls;
        extra
    }

    /// Searches below the node `st`, whose undecided candidates all sit at `from` or later
    /// in `order`. `known` is the bound of this node when its parent already knows it: the
    /// parent funded a candidate its own fractional fill took whole, which leaves that fill,
    /// and so the bound, as it was (Horowitz and Sahni's forward move).
    fn dfs(&mut self, st: &mut State, from: usize, known: Option<(f64, usize)>) {
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
        let (ub, whole_before) = match known {
            Some((ub, whole_before)) if pos < whole_before => (ub, whole_before),
            _ => {
                let extra = self.bound(st, pos);
                (st.value + extra, self.whole_before)
            }
        };
        if ub - st.value <= 0.0 {
            // Nothing undecided can add value: leaving it all out is best below here.
            self.consider(st);
            return;
        }
        if self.hopeless(ub, st.cost) {
            return;
        }
        let i = self.order[pos];
        let mark = st.mark();
        let before = st.decided();
        if st.set(i, Decision::In).is_ok() {
            let forward = pos < whole_before && st.decided() == before + 1;
            self.dfs(st, pos + 1, forward.then_some((ub, whole_before)));
        }
        st.undo(mark);
        if st.set(i, Decision::Out).is_ok() {
            self.dfs(st, pos + 1, None);
        }
        st.undo(mark);
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
    blocks: Blocks,
    /// Per silo, the most its single-silo initiatives can be worth under its cap (see
    /// [`super::rooms`]); empty when no cap binds.
    ceilings: Vec<f64>,
    /// Per silo whose cap binds, the set worth its ceiling (candidate indices).
    ceiling_sets: Vec<Vec<usize>>,
    /// The capped silos' frontiers with nothing forced, worked out at the first solve that
    /// needs them (see [`by_silo`]).
    frontiers: std::sync::OnceLock<Option<by_silo::Frontiers>>,
}

impl Prepared {
    /// Compiles the instance and orders it by value per money.
    pub fn new(instance: &Instance) -> Self {
        let c = Compiled::new(instance);
        let order = ratio_order(&c);
        let blocks = Blocks::new(&c);
        let (ceilings, ceiling_sets) = ceilings(instance, &c);
        Prepared {
            c,
            order,
            blocks,
            ceilings,
            ceiling_sets,
            frontiers: std::sync::OnceLock::new(),
        }
    }

    /// [`solve`] under `forcing`.
    pub fn solve(&self, forcing: &Forcing, work_limit: u64) -> Portfolio {
        self.portfolio(solve_compiled(self, forcing, work_limit, &[]))
    }

    /// [`solve`] under `forcing` by candidate index ([`Prepared::ids`]), warm-started from
    /// `hint` (a portfolio known to be good without the forcing: as much of it as still holds,
    /// then greedy, is a first incumbent), for callers that solve many times and compare
    /// answers: no id is copied or compared. `None` when no portfolio satisfies the rules.
    pub fn solve_indexed(
        &self,
        forcing: &Forcing,
        work_limit: u64,
        hint: &[usize],
    ) -> Option<Solved> {
        solve_compiled(self, forcing, work_limit, hint).ok()
    }

    /// The candidates' ids in index order (sorted).
    pub fn ids(&self) -> &[String] {
        &self.c.ids
    }

    /// The index of candidate `id`.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.c.ids.binary_search_by(|k| k.as_str().cmp(id)).ok()
    }

    /// The portfolio of an answer by index.
    fn portfolio(&self, solved: Result<Solved, Conflict>) -> Portfolio {
        let c = &self.c;
        match solved {
            Err(conflict) => Portfolio::infeasible(describe(&conflict)),
            Ok(best) => Portfolio {
                funded: best.funded.iter().map(|&i| c.ids[i].clone()).collect(),
                total_cost: crate::domain::records::Money::try_from(best.cost).unwrap_or(c.budget),
                total_value: best.value,
                proven_optimal: best.proven,
                feasible: true,
                note: (!best.proven).then(|| {
                    "the exact search hit its work limit: this is the best portfolio found (never worse than greedy's), not proven optimal"
                        .to_string()
                }),
            },
        }
    }

    /// The same constraints with the values `values`, in index order (negative counts as 0).
    pub fn with_value_list(&self, values: Vec<f64>) -> Self {
        let mut c = self.c.clone();
        c.value = values.into_iter().map(|v| v.max(0.0)).collect();
        let order = ratio_order(&c);
        // The silos' ceilings were worked out for the old values: none is known for these.
        // The blocks hold their closed sets' values: work them out again.
        let blocks = Blocks::new(&c);
        Prepared {
            c,
            order,
            blocks,
            ceilings: Vec::new(),
            ceiling_sets: Vec::new(),
            frontiers: std::sync::OnceLock::new(),
        }
    }
}

/// An exact solve's answer by candidate index.
#[derive(Debug, Clone, PartialEq)]
pub struct Solved {
    /// The funded candidates' indices, ascending.
    pub funded: Vec<usize>,
    /// Their money.
    pub cost: u128,
    /// Their value, summed in index order.
    pub value: f64,
    /// False when the search hit its work limit.
    pub proven: bool,
}

impl Solved {
    fn of(best: Best, proven: bool) -> Self {
        Solved {
            funded: best.funded,
            cost: best.cost,
            value: best.value,
            proven,
        }
    }
}

/// Work allowed to each silo's own knapsack when its ceiling is worked out.
const CEILING_WORK: u64 = 2_000_000;

/// Per silo whose cap binds, the best value of its single-silo initiatives alone under the
/// cap, each counted at its share of the silo's money (their dependencies and alternatives
/// among themselves kept, the rest dropped: a relaxation); infinite where the cap does not
/// bind or the small solve was not proven. Beside it, the set that is worth it.
fn ceilings(instance: &Instance, c: &Compiled) -> (Vec<f64>, Vec<Vec<usize>>) {
    let alone = |s: usize| -> Vec<usize> {
        (0..c.len())
            .filter(|&i| matches!(c.shares[i][..], [(k, _)] if k == s))
            .collect()
    };
    let binding: Vec<usize> = (0..c.silo_names.len())
        .filter(|&s| instance.caps.contains_key(&c.silo_names[s]))
        .filter(|&s| {
            let asked: u128 = alone(s).iter().map(|&i| u128::from(c.shares[i][0].1)).sum();
            asked > u128::from(c.caps[s])
        })
        .collect();
    if binding.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let mut out = vec![f64::INFINITY; c.silo_names.len()];
    let mut sets = vec![Vec::new(); c.silo_names.len()];
    for s in binding {
        let mine = alone(s);
        let keep = |list: &[usize]| -> Vec<String> {
            list.iter()
                .filter(|j| mine.binary_search(j).is_ok())
                .map(|&j| c.ids[j].clone())
                .collect()
        };
        let sub = Instance {
            candidates: mine
                .iter()
                .map(|&i| crate::domain::allocation::Candidate {
                    id: c.ids[i].clone(),
                    silo: c.silo_names[s].clone(),
                    cost: c.shares[i][0].1,
                    value: c.value[i],
                    mandatory: false,
                    depends_on: keep(&c.deps[i]),
                    excludes: keep(&c.excludes[i]),
                    contributions: Vec::new(),
                })
                .collect(),
            budget: c.caps[s],
            caps: Default::default(),
        };
        let p = solve(&sub, &Forcing::default(), CEILING_WORK);
        if p.feasible {
            sets[s] = p
                .funded
                .iter()
                .filter_map(|id| c.ids.binary_search(id).ok())
                .collect();
        }
        if p.proven_optimal && p.feasible {
            out[s] = p.total_value;
        }
    }
    (out, sets)
}

/// [`solve`] on an instance compiled once, by candidate index; a conflict when no portfolio
/// satisfies the constraints.
fn solve_compiled(
    prepared: &Prepared,
    forcing: &Forcing,
    work_limit: u64,
    hint: &[usize],
) -> Result<Solved, Conflict> {
    let Prepared {
        c,
        order,
        blocks,
        ceilings,
        ceiling_sets,
        frontiers,
    } = prepared;
    let mut st = State::new(c);
    st.root(forcing)?;
    let open: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| st.decision[i] == Decision::Open)
        .collect();
    let root = st.mark();
    fill(&mut st, &open);
    let best = Best::of(&st);
    let trivial = takes_everything(&st, &open);
    st.undo(root);
    let mut search = Search {
        order: open,
        best,
        work: 0,
        limit: work_limit.max(1),
        stopped: false,
        rooms: Rooms::default(),
        whole_before: 0,
        critical: 0.0,
        ceilings,
        blocks,
        live: (0..blocks.len()).collect(),
        hulls: Hulls::default(),
    };
    if !trivial {
        // The bound's own answer rounded down: each silo its fill spends to the cap gets the
        // best set under its cap, then the rest in the fill's order.
        search.bound(&st, 0);
        for (s, set) in ceiling_sets.iter().enumerate() {
            if !set.is_empty() && search.rooms.spent(s) {
                fund_all(&mut st, set.iter().copied());
            }
        }
        fill_by_bound(&mut st, &search.order, blocks, search.critical);
        search.consider(&st);
        st.undo(root);
    }
    if !hint.is_empty() && !trivial {
        let mut in_hint = vec![false; c.len()];
        for &i in hint {
            if let Some(h) = in_hint.get_mut(i) {
                *h = true;
            }
        }
        let hinted: Vec<usize> = search
            .order
            .iter()
            .copied()
            .filter(|&i| in_hint[i])
            .collect();
        fill(&mut st, &hinted);
        fill(&mut st, &search.order);
        search.consider(&st);
        st.undo(root);
    }
    if !trivial && c.capped {
        // Caps that bind: silo by silo, when the forum's shape allows (see [`by_silo`]).
        let cache = frontiers
            .get_or_init(|| by_silo::Frontiers::of(c, blocks))
            .as_ref();
        if let Some(best) = by_silo::solve(&st, blocks, &search.best, work_limit, cache) {
            return Ok(Solved::of(best, true));
        }
    }
    if !trivial && reduce(&mut search, &mut st) {
        search.dfs(&mut st, 0, None);
    }
    Ok(Solved::of(search.best, !search.stopped))
}
