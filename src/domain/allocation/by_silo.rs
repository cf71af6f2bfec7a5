//! The exact solve by silo, for forums whose silo caps bind.
//!
//! When every dependency and alternative stays inside one silo, no initiative is shared and
//! none is free, a capped silo's initiatives interact with the rest only through the money they
//! take. So each capped silo is worked out on its own first: every set of its initiatives that
//! fits its cap, kept only where no cheaper set is worth as much (the silo's frontier). An
//! uncapped silo's initiatives (and dependency blocks) are frontiers of their own. The forum
//! then picks one point of each frontier under the budget: a multiple-choice knapsack, whose
//! linear relaxation (the frontiers' concave hulls filled by value per money) is far tighter
//! than the one over single initiatives, because it never funds a fraction of an initiative
//! inside a capped silo. Its price of money λ fixes most points out at once (a point whose
//! value at that price falls short of its frontier's best by more than the gap can be in no
//! better portfolio), and a short search over the few points left proves the optimum.
//!
//! Ties are broken as [`super::prefer`] breaks them: value beyond [`TIE`], then money, then the
//! sorted ids. Returns `None` when the forum has another shape or a frontier or the search
//! grows past its limit; the branch and bound then runs as before.

use super::TIE;
use super::blocks::Blocks;
use super::solver::Best;
use super::state::{Compiled, Decision, State};

/// The most points a frontier may hold before this method gives way.
const FRONTIER_LIMIT: usize = 200_000;

/// One point of a frontier: its money, its value and the candidates it funds (a node of the
/// arena, `NONE` for none).
#[derive(Debug, Clone, Copy)]
struct Point {
    cost: u128,
    value: f64,
    node: u32,
}

const NONE: u32 = u32::MAX;

/// Candidate sets as linked nodes: each adds some candidates to the set before it. An arena
/// may sit on a base (the cached frontiers' arena): indices below the base's lengths are the
/// base's.
#[derive(Debug, Clone, Default)]
pub(crate) struct Arena<'b> {
    base: Option<&'b Arena<'b>>,
    nodes: Vec<(u32, u32)>,
    adds: Vec<Vec<usize>>,
}

impl<'b> Arena<'b> {
    fn over(base: Option<&'b Arena<'b>>) -> Self {
        Arena {
            base,
            ..Arena::default()
        }
    }

    fn base_lens(&self) -> (usize, usize) {
        self.base.map_or((0, 0), |b| (b.nodes.len(), b.adds.len()))
    }

    fn push(&mut self, prev: u32, add: u32) -> u32 {
        self.nodes.push((prev, add));
        u32::try_from(self.base_lens().0 + self.nodes.len() - 1).unwrap_or(NONE)
    }

    fn add(&mut self, items: Vec<usize>) -> u32 {
        self.adds.push(items);
        u32::try_from(self.base_lens().1 + self.adds.len() - 1).unwrap_or(NONE)
    }

    fn node(&self, k: u32) -> (u32, u32) {
        let (n, _) = self.base_lens();
        match self.base {
            Some(b) if (k as usize) < n => b.nodes[k as usize],
            _ => self.nodes[k as usize - n],
        }
    }

    fn added(&self, a: u32) -> &[usize] {
        let (_, n) = self.base_lens();
        match self.base {
            Some(b) if (a as usize) < n => &b.adds[a as usize],
            _ => &self.adds[a as usize - n],
        }
    }

    fn items(&self, mut node: u32, out: &mut Vec<usize>) {
        while node != NONE {
            let (prev, add) = self.node(node);
            out.extend_from_slice(self.added(add));
            node = prev;
        }
    }
}

/// The capped silos' frontiers at the root with no forcing, kept with the compiled instance:
/// a re-solve that forces one initiative recomputes only its silo's frontier.
#[derive(Debug, Clone)]
pub(crate) struct Frontiers {
    decision: Vec<Decision>,
    arena: Arena<'static>,
    silos: Vec<Option<Vec<Point>>>,
}

impl Frontiers {
    /// The frontiers of the capped silos of `c` with nothing forced (`None` when the root
    /// has no portfolio or the forum's shape does not suit the solve by silo).
    pub(crate) fn of(c: &Compiled, blocks: &Blocks) -> Option<Frontiers> {
        let mut st = State::new(c);
        st.root(&super::Forcing::default()).ok()?;
        let units = units(&st, blocks)?;
        let room = st.room();
        let mut arena = Arena::default();
        let mut silos = vec![None; units.len()];
        for (s, list) in units.iter().enumerate() {
            let cap = u128::from(c.caps[s]).saturating_sub(st.silo_used[s]);
            if cap < room {
                silos[s] = Some(frontier(&st, blocks, list, cap, &mut arena)?);
            }
        }
        Some(Frontiers {
            decision: st.decision.clone(),
            arena,
            silos,
        })
    }
}

/// The choices of one unit (a candidate or a block) as the root leaves it: the extra money,
/// the extra value and the candidates each adds; the first adds nothing when leaving the
/// unit as it is is allowed.
fn unit_choices(
    st: &State,
    blocks: &Blocks,
    unit: Unit,
    sets: &mut Vec<u32>,
) -> Vec<(u128, f64, Vec<usize>)> {
    let c = st.c;
    match unit {
        Unit::One(i) => {
            if c.value[i] <= 0.0 {
                // Money for no value: never preferred.
                vec![(0, 0.0, Vec::new())]
            } else {
                vec![
                    (0, 0.0, Vec::new()),
                    (u128::from(c.cost[i]), c.value[i], vec![i]),
                ]
            }
        }
        Unit::Block(b) => {
            blocks.allowed(b, &st.decision, sets);
            let members = blocks.members(b);
            sets.iter()
                .map(|&mask| {
                    let items: Vec<usize> = (0..members.len())
                        .filter(|p| mask & (1 << p) != 0)
                        .map(|p| members[p])
                        .filter(|&i| st.decision[i] == Decision::Open)
                        .collect();
                    let cost = items.iter().map(|&i| u128::from(c.cost[i])).sum();
                    let value = items.iter().map(|&i| c.value[i]).sum();
                    (cost, value, items)
                })
                .collect()
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Unit {
    One(usize),
    Block(usize),
}

/// A point of a frontier being worked out: the set `prev` with the candidates `add` (NONE:
/// nothing more).
#[derive(Debug, Clone, Copy)]
struct Step {
    cost: u128,
    value: f64,
    prev: u32,
    add: u32,
}

impl Arena<'_> {
    fn step_set(&self, s: &Step) -> Vec<usize> {
        let mut out = Vec::new();
        self.items(s.prev, &mut out);
        if s.add != NONE {
            out.extend_from_slice(self.added(s.add));
        }
        out.sort_unstable();
        out
    }
}

/// The frontier of `units` under `room`: every point no cheaper point is worth as much as,
/// sorted by money with value rising; `None` past [`FRONTIER_LIMIT`].
fn frontier(
    st: &State,
    blocks: &Blocks,
    units: &[Unit],
    room: u128,
    arena: &mut Arena<'_>,
) -> Option<Vec<Point>> {
    let mut points = vec![Point {
        cost: 0,
        value: 0.0,
        node: NONE,
    }];
    let mut sets = Vec::new();
    let mut next: Vec<Step> = Vec::new();
    for &unit in units {
        next.clear();
        for (cost, value, items) in unit_choices(st, blocks, unit, &mut sets) {
            let add = if items.is_empty() {
                NONE
            } else {
                arena.add(items)
            };
            next.extend(
                points
                    .iter()
                    .filter(|p| p.cost + cost <= room)
                    .map(|p| Step {
                        cost: p.cost + cost,
                        value: p.value + value,
                        prev: p.node,
                        add,
                    }),
            );
        }
        let kept = prune(&mut next, arena);
        if kept.len() > FRONTIER_LIMIT {
            return None;
        }
        points = kept
            .into_iter()
            .map(|s| Point {
                cost: s.cost,
                value: s.value,
                node: if s.add == NONE {
                    s.prev
                } else {
                    arena.push(s.prev, s.add)
                },
            })
            .collect();
    }
    Some(points)
}

/// Keeps the points no other point is preferred to in every portfolio: by money, each worth
/// more than the cheaper ones beyond [`TIE`]; among points of the same money worth the same
/// (within [`TIE`] of the best of them), the one preferred on ids.
fn prune(steps: &mut [Step], arena: &Arena<'_>) -> Vec<Step> {
    steps.sort_by(|a, b| a.cost.cmp(&b.cost).then(b.value.total_cmp(&a.value)));
    let mut out: Vec<Step> = Vec::new();
    let mut k = 0;
    while k < steps.len() {
        let (cost, top) = (steps[k].cost, steps[k].value);
        let mut end = k;
        while end < steps.len() && steps[end].cost == cost {
            end += 1;
        }
        let mut pick = steps[k];
        if out.last().is_none_or(|last| top > last.value + TIE) {
            if steps[k + 1..end].iter().any(|p| p.value >= top - TIE) {
                let mut best = arena.step_set(&pick);
                for p in steps[k + 1..end].iter().filter(|p| p.value >= top - TIE) {
                    let set = arena.step_set(p);
                    if set < best {
                        best = set;
                        pick = *p;
                    }
                }
            }
            out.push(pick);
        }
        k = end;
    }
    out
}

/// The search over the frontiers' points left after the price of money fixed the rest.
struct Search<'a> {
    groups: &'a [Vec<Point>],
    /// Σ over the groups from each position on of their best value at the price λ
    /// (max of v − λ·cost), and the least money of the groups from there.
    reduced_after: Vec<f64>,
    least_after: Vec<u128>,
    lambda: f64,
    room: u128,
    arena: &'a Arena<'a>,
    chosen: Vec<usize>,
    best: (f64, u128, Vec<usize>),
    nodes: u64,
    limit: u64,
}

impl Search<'_> {
    fn dfs(&mut self, g: usize, value: f64, cost: u128) -> bool {
        self.nodes += 1;
        if self.nodes > self.limit {
            return false;
        }
        if g == self.groups.len() {
            self.offer(value, cost);
            return true;
        }
        let left = self.room - cost;
        let bound = value + self.reduced_after[g] + self.lambda * left as f64;
        if bound < self.best.0 - TIE {
            return true;
        }
        for k in 0..self.groups[g].len() {
            let p = self.groups[g][k];
            if cost + p.cost + self.least_after[g + 1] > self.room {
                continue;
            }
            // The bound with this point taken: its shortfall at the price λ replaces the
            // group's best.
            let taken = value
                + p.value
                + self.reduced_after[g + 1]
                + self.lambda * (self.room - cost - p.cost) as f64;
            if taken < self.best.0 - TIE {
                continue;
            }
            self.chosen[g] = k;
            if !self.dfs(g + 1, value + p.value, cost + p.cost) {
                return false;
            }
        }
        true
    }

    fn offer(&mut self, value: f64, cost: u128) {
        let (bv, bc) = (self.best.0, self.best.1);
        let better = if value > bv + TIE {
            true
        } else if bv > value + TIE {
            false
        } else if cost != bc {
            cost < bc
        } else {
            let set = self.set();
            let better = set < self.best.2;
            if better {
                self.best = (value, cost, set);
            }
            return;
        };
        if better {
            self.best = (value, cost, self.set());
        }
    }

    fn set(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for (g, &k) in self.chosen.iter().enumerate() {
            self.arena.items(self.groups[g][k].node, &mut out);
        }
        out.sort_unstable();
        out
    }
}

/// The optimum from the root `st` (mandatory items and forcing applied), proven, or `None`
/// when the forum's shape does not suit this method or its limits were reached. `incumbent`
/// is the best portfolio known so far (from the root's fills).
pub(crate) fn solve(
    st: &State,
    blocks: &Blocks,
    incumbent: &Best,
    limit: u64,
    cache: Option<&Frontiers>,
) -> Option<Best> {
    let c: &Compiled = st.c;
    let units = units(st, blocks)?;
    // The silos where this root decides something the cached one does not.
    let mut changed = vec![cache.is_none(); units.len()];
    if let Some(f) = cache {
        for i in 0..c.len() {
            if f.decision.get(i) != Some(&st.decision[i]) {
                changed[c.silo[i]] = true;
            }
        }
    }
    let room = st.room();
    let mut arena = Arena::over(cache.map(|f| &f.arena));
    let mut groups: Vec<Vec<Point>> = Vec::new();
    for (s, list) in units.iter().enumerate() {
        let cap = u128::from(c.caps[s]).saturating_sub(st.silo_used[s]);
        if cap < room {
            let cached = cache
                .filter(|_| !changed[s])
                .and_then(|f| f.silos.get(s).cloned().flatten());
            groups.push(match cached {
                Some(points) => points,
                None => frontier(st, blocks, list, cap, &mut arena)?,
            });
        } else {
            for &unit in list {
                groups.push(frontier(st, blocks, &[unit], room, &mut arena)?);
            }
        }
    }
    // A group with no point that fits is left to the branch and bound to report.
    if groups.iter().any(Vec::is_empty) {
        return None;
    }
    let base_cost: u128 = groups.iter().map(|g| g[0].cost).sum();
    if base_cost > room {
        return None;
    }
    let lambda = price(&groups, room - base_cost);
    let reduced = |g: &[Point]| {
        g.iter()
            .map(|p| p.value - lambda * p.cost as f64)
            .fold(f64::NEG_INFINITY, f64::max)
    };
    let ub = st.value + groups.iter().map(|g| reduced(g)).sum::<f64>() + lambda * room as f64;
    let rounded = round(&groups, room);
    let floor = incumbent.value.max(st.value + rounded.0);
    // Fix the points out that the price of money rules out.
    let gap = ub - floor + TIE;
    let mut kept: Vec<Vec<Point>> = groups
        .iter()
        .map(|g| {
            let best = reduced(g);
            let mut pts: Vec<Point> = g
                .iter()
                .copied()
                .filter(|p| best - (p.value - lambda * p.cost as f64) <= gap + 1e-12)
                .collect();
            pts.sort_by(|a, b| {
                let (ra, rb) = (
                    a.value - lambda * a.cost as f64,
                    b.value - lambda * b.cost as f64,
                );
                rb.total_cmp(&ra).then(a.cost.cmp(&b.cost))
            });
            pts
        })
        .collect();
    // Groups with one point left are settled: searched first costs nothing, so they go first.
    kept.sort_by_key(Vec::len);
    let n = kept.len();
    let mut reduced_after = vec![0.0; n + 1];
    let mut least_after = vec![0u128; n + 1];
    for g in (0..n).rev() {
        reduced_after[g] = reduced_after[g + 1] + reduced(&kept[g]);
        least_after[g] = least_after[g + 1] + kept[g].iter().map(|p| p.cost).min().unwrap_or(0);
    }
    let mut search = Search {
        groups: &kept,
        reduced_after,
        least_after,
        lambda,
        room,
        arena: &arena,
        chosen: vec![0; n],
        best: (
            incumbent.value - st.value,
            incumbent.cost.saturating_sub(st.cost),
            Vec::new(),
        ),
        nodes: 0,
        limit,
    };
    // The incumbent's own candidates (beyond the root's), to break ties against it.
    search.best.2 = incumbent
        .funded
        .iter()
        .copied()
        .filter(|&i| st.decision[i] != Decision::In)
        .collect();
    if !search.dfs(0, 0.0, 0) {
        return None;
    }
    let mut out = st.clone();
    for &i in &search.best.2 {
        if out.decision[i] == Decision::Open && out.set(i, Decision::In).is_err() {
            return None;
        }
    }
    let best = Best::of(&out);
    Some(best)
}

/// The steps of a frontier's upper concave hull from its cheapest point: (value per money,
/// money, the point reached).
fn hull(g: &[Point]) -> Vec<(f64, u128, usize)> {
    let mut chain: Vec<usize> = vec![0];
    for k in 1..g.len() {
        // Points come by money with value rising; keep the chain concave.
        while chain.len() >= 2 {
            let (a, b) = (g[chain[chain.len() - 2]], g[chain[chain.len() - 1]]);
            let p = g[k];
            let left = (b.value - a.value) * (p.cost - a.cost) as f64;
            let right = (p.value - a.value) * (b.cost - a.cost) as f64;
            if left > right {
                break;
            }
            chain.pop();
        }
        chain.push(k);
    }
    chain
        .windows(2)
        .map(|w| {
            let (a, b) = (g[w[0]], g[w[1]]);
            let cost = b.cost - a.cost;
            ((b.value - a.value) / cost.max(1) as f64, cost, w[1])
        })
        .filter(|(slope, _, _)| *slope > 0.0)
        .collect()
}

/// The hulls' steps of every group, by value per money: (slope, money, group, point).
fn steps(groups: &[Vec<Point>]) -> Vec<(f64, u128, usize, usize)> {
    let mut out: Vec<(f64, u128, usize, usize)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, pts)| hull(pts).into_iter().map(move |(s, c, k)| (s, c, g, k)))
        .collect();
    out.sort_by(|a, b| b.0.total_cmp(&a.0));
    out
}

/// Each silo's units as the root leaves them: its open candidates outside blocks, and its
/// blocks with an open member; `None` when the forum's shape does not suit the solve by silo
/// (a shared initiative, or a link that leaves its silo or its block).
fn units(st: &State, blocks: &Blocks) -> Option<Vec<Vec<Unit>>> {
    let c = st.c;
    if (0..c.len()).any(|i| c.shares[i].len() != 1) {
        return None;
    }
    let linked = |i: usize| !c.deps[i].is_empty() || !c.excludes[i].is_empty();
    if (0..c.len()).any(|i| linked(i) && blocks.of[i].is_none_or(|b| blocks.silo(b).is_none())) {
        return None;
    }
    // Every open candidate costs something, so two sets of the same money are never one
    // inside the other, and their sorted ids compare, whatever the rest of the portfolio, as
    // the whole portfolios' do: at the smallest id they do not share. A free initiative would
    // break that (with it or without it, the same money).
    if (0..c.len()).any(|i| st.decision[i] == Decision::Open && c.cost[i] == 0) {
        return None;
    }
    let mut units: Vec<Vec<Unit>> = vec![Vec::new(); c.silo_names.len()];
    for i in 0..c.len() {
        if st.decision[i] == Decision::Open && blocks.of[i].is_none() {
            units[c.silo[i]].push(Unit::One(i));
        }
    }
    for b in 0..blocks.len() {
        let members = blocks.members(b);
        if members.iter().any(|&i| st.decision[i] == Decision::Open) {
            units[blocks.silo(b)?].push(Unit::Block(b));
        }
    }
    Some(units)
}

/// The price of money at which the frontiers' hulls, filled by value per money from each
/// one's cheapest point, spend `room` (0 when everything fits).
fn price(groups: &[Vec<Point>], room: u128) -> f64 {
    let mut left = room;
    for (slope, cost, _, _) in steps(groups) {
        if cost > left {
            return slope;
        }
        left -= cost;
    }
    0.0
}

/// A first portfolio: the hulls' steps that fit, by value per money (each group's steps
/// come in its own order, as its hull is concave); then each group moves to its dearest
/// point that the money left allows (a frontier's value rises with its money).
fn round(groups: &[Vec<Point>], room: u128) -> (f64, Vec<usize>) {
    let mut pick = vec![0usize; groups.len()];
    let mut cost: u128 = groups.iter().map(|g| g[0].cost).sum();
    for (_, step, g, k) in steps(groups) {
        if cost + step > room {
            break;
        }
        cost += step;
        pick[g] = k;
    }
    for (g, pts) in groups.iter().enumerate() {
        let limit = room - cost + pts[pick[g]].cost;
        let k = pts.partition_point(|p| p.cost <= limit) - 1;
        if k > pick[g] {
            cost = cost - pts[pick[g]].cost + pts[k].cost;
            pick[g] = k;
        }
    }
    let value = pick
        .iter()
        .enumerate()
        .map(|(g, &k)| groups[g][k].value)
        .sum();
    (value, pick)
}

#[cfg(test)]
mod tests;
