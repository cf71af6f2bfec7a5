//! Dependency blocks: the bound's answer to "funds a high-ratio initiative without the
//! low-ratio one it depends on" (and "funds both of two alternatives").
//!
//! The candidates linked by dependencies and exclusions form small components (a block).
//! Within a block the only fundable sets are the closed ones (each funded member's
//! dependencies funded too, no two alternatives), so
//! the block's best value for a given amount of money is at most the upper concave hull of
//! its closed sets' (money, value) points. Filling the budget by value per money over the
//! single candidates and the hull's segments is then the linear relaxation with the
//! dependencies kept, a far tighter upper bound than the plain fractional knapsack, which
//! funds a fraction of the dependent without its dependency. A component of more than [`LARGEST`] candidates
//! is not enumerated: its members are bounded one by one, as without this module.

use crate::domain::allocation::state::{Compiled, Decision};

/// The most candidates in one block whose closed sets are enumerated (2^LARGEST sets).
pub(crate) const LARGEST: usize = 10;

/// One step of a block's hull: extra money and the extra value it buys at most.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Segment {
    pub ratio: f64,
    pub cost: u128,
    pub value: f64,
    /// The silo whose cap the money counts against (`None`: the budget only).
    pub silo: Option<usize>,
    /// The block, and the closed set at the segment's end as a mask over its members.
    pub block: usize,
    pub set: u32,
}

/// One closed set of a block: its mask over the members, its money and its value.
#[derive(Debug, Clone, Copy)]
struct Closed {
    mask: u32,
    cost: u128,
    value: f64,
}

/// The dependency components of two or more candidates.
#[derive(Debug, Clone, Default)]
pub(crate) struct Blocks {
    /// The block each candidate belongs to, if any.
    pub of: Vec<Option<usize>>,
    /// The members of each block.
    members: Vec<Vec<usize>>,
    /// Each block's silo when all its members are single-silo initiatives of one silo.
    silo: Vec<Option<usize>>,
    /// Each block's closed sets with nothing decided (the empty set included), worked out
    /// once: under decisions, the closed sets are those holding every funded member and no
    /// member left out.
    closed: Vec<Vec<Closed>>,
}

impl Blocks {
    /// The blocks of a compiled instance.
    pub fn new(c: &Compiled) -> Self {
        let n = c.len();
        let mut parent: Vec<usize> = (0..n).collect();
        fn root(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        for i in 0..n {
            for &j in c.deps[i].iter().chain(&c.excludes[i]) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                if a != b {
                    parent[a] = b;
                }
            }
        }
        let mut by_root: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for i in 0..n {
            let r = root(&mut parent, i);
            by_root.entry(r).or_default().push(i);
        }
        let mut blocks = Blocks {
            of: vec![None; n],
            ..Blocks::default()
        };
        for (_, members) in by_root {
            if members.len() < 2 || members.len() > LARGEST {
                continue;
            }
            let k = blocks.members.len();
            for &i in &members {
                blocks.of[i] = Some(k);
            }
            let single = |i: usize| (c.shares[i].len() == 1).then(|| c.shares[i][0].0);
            let first = single(members[0]);
            let same = first.is_some() && members.iter().all(|&i| single(i) == first);
            blocks.silo.push(if same { first } else { None });
            blocks.closed.push(closed_sets(c, &members));
            blocks.members.push(members);
        }
        blocks
    }

    /// The number of blocks.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// The silo of `block` when all its members are single-silo initiatives of one silo.
    pub fn silo(&self, block: usize) -> Option<usize> {
        self.silo.get(block).copied().flatten()
    }

    /// The members of `block`; set masks count them in this order.
    pub fn members(&self, block: usize) -> &[usize] {
        &self.members[block]
    }

    /// The masks of the members of `block` funded and left out in `decision`.
    fn decided(&self, block: usize, decision: &[Decision]) -> (u32, u32) {
        let (mut funded, mut out) = (0, 0);
        for (p, &i) in self.members[block].iter().enumerate() {
            match decision[i] {
                Decision::In => funded |= 1 << p,
                Decision::Out => out |= 1 << p,
                Decision::Open => {}
            }
        }
        (funded, out)
    }

    /// The closed sets of `block` that `decision` still allows, as masks over its members
    /// (each holds the funded members; the one holding no open member included); returns the
    /// work done.
    pub fn allowed(&self, block: usize, decision: &[Decision], sets: &mut Vec<u32>) -> u64 {
        let (funded, out) = self.decided(block, decision);
        sets.clear();
        let all = &self.closed[block];
        sets.extend(
            all.iter()
                .filter(|k| k.mask & funded == funded && k.mask & out == 0)
                .map(|k| k.mask),
        );
        all.len() as u64
    }

    /// Appends to `out` the hull segments of every block with an open member, as the state
    /// `decision` leaves it; returns the work done (closed sets looked at).
    /// Only the blocks of `live` are looked at (the others have no open member).
    pub fn segments(&self, decision: &[Decision], live: &[usize], hulls: &mut Hulls) -> u64 {
        let mut work = 0;
        let Hulls {
            list: out,
            points,
            chain,
        } = hulls;
        for &b in live {
            let (funded, left) = self.decided(b, decision);
            let full = (1u32 << self.members[b].len()) - 1;
            if funded | left == full {
                continue;
            }
            let all = &self.closed[b];
            work += all.len() as u64;
            let Some(base) = all.iter().find(|k| k.mask == funded) else {
                continue;
            };
            points.clear();
            for k in all {
                if k.mask & funded == funded && k.mask & left == 0 && k.mask != funded {
                    let value = k.value - base.value;
                    if value > 0.0 {
                        points.push((k.cost - base.cost, value, k.mask));
                    }
                }
            }
            let first = out.len();
            hull(points, self.silo[b], chain, out);
            for s in &mut out[first..] {
                s.block = b;
            }
        }
        work
    }
}

/// Every closed set of `members` (each member's dependencies inside, no two alternatives),
/// the empty one included.
fn closed_sets(c: &Compiled, members: &[usize]) -> Vec<Closed> {
    let bit = |j: usize| members.iter().position(|&m| m == j).map(|p| 1u32 << p);
    let mut out = Vec::new();
    for mask in 0u32..(1 << members.len()) {
        let inside = |j: usize| bit(j).is_some_and(|b| mask & b != 0);
        let closed = members.iter().enumerate().all(|(p, &i)| {
            mask & (1 << p) == 0
                || (c.deps[i].iter().all(|&j| inside(j))
                    && !c.excludes[i].iter().any(|&j| inside(j)))
        });
        if closed {
            let (mut cost, mut value) = (0u128, 0.0);
            for (p, &i) in members.iter().enumerate() {
                if mask & (1 << p) != 0 {
                    cost += u128::from(c.cost[i]);
                    value += c.value[i];
                }
            }
            out.push(Closed { mask, cost, value });
        }
    }
    out
}

/// A closed set as a point: (money, value, mask) over its block's base.
type Point = (u128, f64, u32);

/// Hull segments, with the room to work them out in, kept between calls so the search's
/// bound allocates nothing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hulls {
    /// The segments, block by block.
    pub list: Vec<Segment>,
    points: Vec<Point>,
    chain: Vec<Point>,
}

/// The upper concave hull from (0, 0) over `points`, as segments of falling value per money
/// (`chain` is room to work in).
fn hull(points: &mut [Point], silo: Option<usize>, chain: &mut Vec<Point>, out: &mut Vec<Segment>) {
    points.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    chain.clear();
    chain.push((0, 0.0, 0));
    for &mut p in points {
        // Sorted by money, then more value first: only a point that adds value over the last
        // vertex can lie on the rising hull (a set costing nothing rises straight up).
        if p.1 <= chain[chain.len() - 1].1 {
            continue;
        }
        while chain.len() >= 2 && !convex(chain[chain.len() - 2], chain[chain.len() - 1], p) {
            chain.pop();
        }
        chain.push(p);
    }
    for w in chain.windows(2) {
        let (cost, value) = (w[1].0 - w[0].0, w[1].1 - w[0].1);
        let ratio = if cost == 0 {
            f64::INFINITY
        } else {
            value / cost as f64
        };
        out.push(Segment {
            ratio,
            cost,
            value,
            silo,
            block: 0,
            set: w[1].2,
        });
    }
}

/// True when `b` lies strictly above the line from `a` to `c` (a left turn on the hull).
fn convex(a: (u128, f64, u32), b: (u128, f64, u32), c: (u128, f64, u32)) -> bool {
    let (x1, y1) = ((b.0 - a.0) as f64, b.1 - a.1);
    let (x2, y2) = ((c.0 - a.0) as f64, c.1 - a.1);
    // slope(a→b) > slope(a→c)  ⇔  y1·x2 > y2·x1
    y1 * x2 > y2 * x1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(points: &[(u128, f64)]) -> Vec<(u128, f64)> {
        let mut pts: Vec<(u128, f64, u32)> = points
            .iter()
            .enumerate()
            .map(|(k, &(c, v))| (c, v, 1 << k))
            .collect();
        let mut out = Vec::new();
        hull(&mut pts, None, &mut Vec::new(), &mut out);
        out.iter().map(|s| (s.cost, s.value)).collect()
    }

    #[test]
    fn two_alternatives_give_a_cheap_step_then_a_dear_one() {
        // A cheap alternative (225, 0.207) and a dear one (1188, 0.5477) that excludes it:
        // the hull climbs to the cheap one, then on to the dear one for the rest.
        let s = segments(&[(225, 0.207), (1188, 0.5477)]);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].0, 225);
        assert_eq!(s[1].0, 963);
        assert!((s[1].1 - 0.3407).abs() < 1e-12);
    }

    #[test]
    fn a_point_under_the_hull_is_no_step() {
        // (100, 1) then (300, 1.5) lies below the line from (100, 1) to (400, 3).
        let s = segments(&[(100, 1.0), (300, 1.5), (400, 3.0)]);
        assert_eq!(s, vec![(100, 1.0), (300, 2.0)]);
    }

    #[test]
    fn a_free_set_rises_straight_up() {
        let s = segments(&[(0, 0.5), (10, 1.0)]);
        assert_eq!(s, vec![(0, 0.5), (10, 0.5)]);
    }
}
