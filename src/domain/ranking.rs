//! Ballots → one order of the priorities: Schulze (default), Borda, and the agreement figures.
//!
//! METHODS.md §1. Every ballot is an ordered list of priority ids; priorities a ballot leaves
//! out tie last on it. Ids a ballot names that are not priorities are ignored.

// Pairwise matrices read best with explicit indices.
#![allow(clippy::needless_range_loop)]

use crate::domain::records::RankingMethod;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The facilitator's one-sentence explanation of Schulze.
pub const SCHULZE_SENTENCE: &str = "A beats B if more of you put A above B; where preferences go round in a circle, the chain with the strongest weakest link wins.";

/// The facilitator's one-sentence explanation of Borda.
pub const BORDA_SENTENCE: &str = "Each ballot gives a priority one point for every priority placed below it; the most points wins.";

/// The facilitator's one-sentence explanation of a Manual order.
pub const MANUAL_SENTENCE: &str =
    "The forum set the order by hand, with its reason; the computed order is kept beside it.";

/// The sentence for a method.
pub fn sentence(method: RankingMethod) -> &'static str {
    match method {
        RankingMethod::Schulze => SCHULZE_SENTENCE,
        RankingMethod::Borda => BORDA_SENTENCE,
        RankingMethod::Manual => MANUAL_SENTENCE,
    }
}

/// Everything the room sees about the ballots: the computed order and how much people agree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankOutcome {
    /// The method the forum runs (`Manual` computes the Schulze order for reference).
    pub method: RankingMethod,
    /// The computed order, best first, with no ties (Borda, then id break them).
    pub order: Vec<String>,
    /// The Schulze order (ties broken by Borda, then id), whatever the method.
    pub schulze_order: Vec<String>,
    /// Borda points per priority: n−1−position per ballot, tied-last positions share the mean.
    pub borda: BTreeMap<String, f64>,
    /// The Schulze winner (first of `schulze_order`).
    pub schulze_winner: Option<String>,
    /// The priority with the most Borda points (ties by id).
    pub borda_winner: Option<String>,
    /// True when Borda's winner differs from Schulze's.
    pub borda_differs: bool,
    /// True when the head-to-head majorities go round in a circle.
    pub cycle: bool,
    /// Kendall's W (0 = no agreement, 1 = everyone submitted the same order).
    pub kendall_w: f64,
    /// Each member's share of priority pairs ordered the same way as `order`.
    pub agreement: BTreeMap<String, f64>,
    /// Head-to-head margins: margins[a][b] = ballots with a above b minus ballots with b above a.
    pub margins: BTreeMap<String, BTreeMap<String, i64>>,
    /// How many ballots were counted.
    pub ballots: usize,
}

/// Positions (0-based, ties share the mean) of every item on one ballot.
fn positions(items: &[String], ballot: &[String]) -> Vec<f64> {
    let n = items.len();
    let index: BTreeMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let mut pos = vec![f64::NAN; n];
    let mut next = 0usize;
    for id in ballot {
        if let Some(&i) = index.get(id.as_str())
            && pos[i].is_nan()
        {
            pos[i] = next as f64;
            next += 1;
        }
    }
    // Unlisted items share positions next..n-1: their mean.
    let tied_last = (next + n.saturating_sub(1)) as f64 / 2.0;
    for p in pos.iter_mut() {
        if p.is_nan() {
            *p = tied_last;
        }
    }
    pos
}

/// Ranks `items` (the forum's priority ids) from the ballots (member id → order).
pub fn rank(
    items: &[String],
    ballots: &BTreeMap<String, Vec<String>>,
    method: RankingMethod,
) -> RankOutcome {
    let mut items: Vec<String> = items.to_vec();
    items.sort();
    items.dedup();
    let n = items.len();
    let m = ballots.len();
    let all_positions: Vec<(String, Vec<f64>)> = ballots
        .iter()
        .map(|(member, b)| (member.clone(), positions(&items, b)))
        .collect();

    let mut d = vec![vec![0i64; n]; n];
    let mut borda_pts = vec![0.0f64; n];
    let mut rank_sums = vec![0.0f64; n];
    for (_, pos) in &all_positions {
        for i in 0..n {
            borda_pts[i] += (n as f64 - 1.0) - pos[i];
            rank_sums[i] += pos[i] + 1.0;
            for j in 0..n {
                if pos[i] < pos[j] {
                    d[i][j] += 1;
                }
            }
        }
    }

    let by_borda = |a: &usize, b: &usize| {
        borda_pts[*b]
            .total_cmp(&borda_pts[*a])
            .then_with(|| items[*a].cmp(&items[*b]))
    };
    let schulze_idx = schulze(&d, &by_borda);
    let mut borda_idx: Vec<usize> = (0..n).collect();
    borda_idx.sort_by(by_borda);

    let schulze_order: Vec<String> = schulze_idx.iter().map(|&i| items[i].clone()).collect();
    let order = match method {
        RankingMethod::Borda => borda_idx.iter().map(|&i| items[i].clone()).collect(),
        RankingMethod::Schulze | RankingMethod::Manual => schulze_order.clone(),
    };
    let schulze_winner = schulze_order.first().cloned();
    let borda_winner = borda_idx.first().map(|&i| items[i].clone());

    let kendall_w = kendall(&rank_sums, m, n);
    let group_pos: BTreeMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(k, s)| (s.as_str(), k))
        .collect();
    let group: Vec<usize> = items
        .iter()
        .map(|s| group_pos.get(s.as_str()).copied().unwrap_or(0))
        .collect();
    let agreement = all_positions
        .iter()
        .map(|(member, pos)| (member.clone(), agreement_with(pos, &group)))
        .collect();

    let mut margins = BTreeMap::new();
    for i in 0..n {
        let row: BTreeMap<String, i64> = (0..n)
            .filter(|&j| j != i)
            .map(|j| (items[j].clone(), d[i][j] - d[j][i]))
            .collect();
        margins.insert(items[i].clone(), row);
    }

    RankOutcome {
        method,
        order,
        schulze_order,
        borda: items
            .iter()
            .cloned()
            .zip(borda_pts.iter().copied())
            .collect(),
        borda_differs: schulze_winner != borda_winner,
        schulze_winner,
        borda_winner,
        cycle: has_cycle(&d),
        kendall_w,
        agreement,
        margins,
        ballots: m,
    }
}

/// Schulze strongest paths; order by number beaten, ties by the given comparator.
fn schulze(d: &[Vec<i64>], tie: &dyn Fn(&usize, &usize) -> std::cmp::Ordering) -> Vec<usize> {
    let n = d.len();
    let mut p = vec![vec![0i64; n]; n];
    for i in 0..n {
        for j in 0..n {
            if i != j && d[i][j] > d[j][i] {
                p[i][j] = d[i][j] - d[j][i];
            }
        }
    }
    for k in 0..n {
        for i in 0..n {
            if i == k {
                continue;
            }
            for j in 0..n {
                if j == i || j == k {
                    continue;
                }
                p[i][j] = p[i][j].max(p[i][k].min(p[k][j]));
            }
        }
    }
    let beaten: Vec<usize> = (0..n)
        .map(|i| (0..n).filter(|&j| j != i && p[i][j] > p[j][i]).count())
        .collect();
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|a, b| beaten[*b].cmp(&beaten[*a]).then_with(|| tie(a, b)));
    idx
}

/// True when the strict head-to-head majorities contain a directed cycle.
fn has_cycle(d: &[Vec<i64>]) -> bool {
    let n = d.len();
    let mut reach = vec![vec![false; n]; n];
    for i in 0..n {
        for j in 0..n {
            reach[i][j] = i != j && d[i][j] > d[j][i];
        }
    }
    for k in 0..n {
        for i in 0..n {
            if reach[i][k] {
                for j in 0..n {
                    if reach[k][j] {
                        reach[i][j] = true;
                    }
                }
            }
        }
    }
    (0..n).any(|i| reach[i][i])
}

/// Kendall's W = 12S / (m²(n³−n)); 0 without ballots or with fewer than 2 items.
fn kendall(rank_sums: &[f64], m: usize, n: usize) -> f64 {
    if m == 0 || n < 2 {
        return 0.0;
    }
    let (mf, nf) = (m as f64, n as f64);
    let mean = mf * (nf + 1.0) / 2.0;
    let s: f64 = rank_sums.iter().map(|r| (r - mean).powi(2)).sum();
    12.0 * s / (mf * mf * (nf.powi(3) - nf))
}

/// Share of item pairs a ballot orders the same way as the group order (ties disagree).
fn agreement_with(pos: &[f64], group: &[usize]) -> f64 {
    let n = pos.len();
    let (mut same, mut pairs) = (0usize, 0usize);
    for i in 0..n {
        for j in (i + 1)..n {
            pairs += 1;
            let ballot = pos[i].total_cmp(&pos[j]);
            if ballot != std::cmp::Ordering::Equal && ballot == group[i].cmp(&group[j]) {
                same += 1;
            }
        }
    }
    if pairs == 0 {
        1.0
    } else {
        same as f64 / pairs as f64
    }
}

/// The ids that appear in `order` once each and are known priorities, in order.
pub fn clean_order(order: &[String], known: &BTreeSet<String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    order
        .iter()
        .filter(|id| known.contains(*id) && seen.insert((*id).clone()))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(s: &str) -> Vec<String> {
        s.split('>').map(str::to_string).collect()
    }

    fn ballots(list: &[(&str, &str)]) -> BTreeMap<String, Vec<String>> {
        list.iter().map(|(m, o)| (m.to_string(), ids(o))).collect()
    }

    #[test]
    fn t1_schulze_borda_w_agreement() {
        let b = ballots(&[
            ("m1", "A>B>C>D"),
            ("m2", "A>B>C>D"),
            ("m3", "A>B>C>D"),
            ("m4", "B>C>D>A"),
            ("m5", "B>C>D>A"),
        ]);
        let r = rank(&ids("A>B>C>D"), &b, RankingMethod::Schulze);
        assert_eq!(r.order, ids("A>B>C>D"));
        assert_eq!(r.borda["A"], 9.0);
        assert_eq!(r.borda["B"], 12.0);
        assert_eq!(r.borda["C"], 7.0);
        assert_eq!(r.borda["D"], 2.0);
        assert_eq!(r.borda_winner.as_deref(), Some("B"));
        assert!(r.borda_differs);
        assert!(!r.cycle);
        assert!((r.kendall_w - 0.424).abs() < 1e-4);
        for m in ["m1", "m2", "m3"] {
            assert!((r.agreement[m] - 1.0).abs() < 1e-4);
        }
        for m in ["m4", "m5"] {
            assert!((r.agreement[m] - 0.5).abs() < 1e-4);
        }
        assert_eq!(r.margins["A"]["B"], 1);
        assert_eq!(r.margins["B"]["A"], -1);
    }

    #[test]
    fn t2_cycle_ties_by_id() {
        let b = ballots(&[("x", "A>B>C"), ("y", "B>C>A"), ("z", "C>A>B")]);
        let r = rank(&ids("C>B>A"), &b, RankingMethod::Schulze);
        assert_eq!(r.order, ids("A>B>C"));
        assert_eq!(r.borda["A"], 3.0);
        assert_eq!(r.borda["B"], 3.0);
        assert_eq!(r.borda["C"], 3.0);
        assert!(r.kendall_w.abs() < 1e-4);
        assert!(r.cycle);
    }

    #[test]
    fn unlisted_tie_last_and_unknown_ignored() {
        let b = ballots(&[("x", "B>zz")]);
        let r = rank(&ids("A>B>C"), &b, RankingMethod::Borda);
        assert_eq!(r.borda["B"], 2.0);
        assert_eq!(r.borda["A"], 0.5);
        assert_eq!(r.order, ids("B>A>C"));
    }

    #[test]
    fn no_ballots_orders_by_id() {
        let r = rank(&ids("b>a"), &BTreeMap::new(), RankingMethod::Schulze);
        assert_eq!(r.order, ids("a>b"));
        assert_eq!(r.kendall_w, 0.0);
    }
}
