//! The decided order → one weight per priority (METHODS.md §2); weights sum to 1.

use crate::domain::records::Weighting;
use std::collections::BTreeMap;

/// The facilitator's one-sentence explanation of rank-order centroid weights.
pub const ROC_SENTENCE: &str = "We know the order, not the exact sizes; ROC uses the average of every weighting that fits the order.";

/// The raw weight of position `k` (1-based) of `n` under a rank-based weighting.
fn positional(weighting: &Weighting, k: usize, n: usize) -> f64 {
    let (kf, nf) = (k as f64, n as f64);
    match weighting {
        Weighting::RankSum => 2.0 * (nf + 1.0 - kf) / (nf * (nf + 1.0)),
        Weighting::RankReciprocal => {
            let h: f64 = (1..=n).map(|j| 1.0 / j as f64).sum();
            (1.0 / kf) / h
        }
        // Explicit weights never reach here; ROC is the default.
        Weighting::RankOrderCentroid | Weighting::Explicit(_) => {
            (k..=n).map(|i| 1.0 / i as f64).sum::<f64>() / nf
        }
    }
}

/// Weights for an order given as tiers (each tier one or more tied priorities, best first).
///
/// Tied positions share the mean of their weights. `Explicit` weights ignore the order: each
/// listed priority gets its given weight, normalised to sum 1 (unlisted or negative count 0;
/// if nothing positive is given, every priority gets the same weight).
pub fn weights_for_tiers(tiers: &[Vec<String>], weighting: &Weighting) -> BTreeMap<String, f64> {
    let n: usize = tiers.iter().map(Vec::len).sum();
    let mut out = BTreeMap::new();
    if n == 0 {
        return out;
    }
    if let Weighting::Explicit(given) = weighting {
        let raw: Vec<(String, f64)> = tiers
            .iter()
            .flatten()
            .map(|id| {
                let w = given.get(id).copied().unwrap_or(0.0);
                (id.clone(), if w.is_finite() && w > 0.0 { w } else { 0.0 })
            })
            .collect();
        let total: f64 = raw.iter().map(|(_, w)| w).sum();
        for (id, w) in raw {
            let share = if total > 0.0 {
                w / total
            } else {
                1.0 / n as f64
            };
            out.insert(id, share);
        }
        return out;
    }
    let mut k = 1usize;
    for tier in tiers {
        if tier.is_empty() {
            continue;
        }
        let sum: f64 = (k..k + tier.len())
            .map(|p| positional(weighting, p, n))
            .sum();
        let mean = sum / tier.len() as f64;
        for id in tier {
            out.insert(id.clone(), mean);
        }
        k += tier.len();
    }
    out
}

/// Weights for a strict order (no ties).
pub fn weights_for_order(order: &[String], weighting: &Weighting) -> BTreeMap<String, f64> {
    let tiers: Vec<Vec<String>> = order.iter().map(|id| vec![id.clone()]).collect();
    weights_for_tiers(&tiers, weighting)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::maps::UniqueMap;

    fn order(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("p{i}")).collect()
    }

    fn check(w: &BTreeMap<String, f64>, ids: &[String], expected: &[f64]) {
        for (id, e) in ids.iter().zip(expected) {
            assert!((w[id] - e).abs() < 1e-4, "{id}: {} vs {e}", w[id]);
        }
        assert!((w.values().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn roc_4_and_5() {
        let o = order(4);
        let w = weights_for_order(&o, &Weighting::RankOrderCentroid);
        check(&w, &o, &[25.0 / 48.0, 13.0 / 48.0, 7.0 / 48.0, 3.0 / 48.0]);
        check(&w, &o, &[0.5208, 0.2708, 0.1458, 0.0625]);
        let o = order(5);
        let w = weights_for_order(&o, &Weighting::RankOrderCentroid);
        check(&w, &o, &[0.4567, 0.2567, 0.1567, 0.0900, 0.0400]);
    }

    #[test]
    fn rank_sum_and_reciprocal() {
        let o = order(4);
        check(
            &weights_for_order(&o, &Weighting::RankSum),
            &o,
            &[0.4, 0.3, 0.2, 0.1],
        );
        check(
            &weights_for_order(&o, &Weighting::RankReciprocal),
            &o,
            &[0.48, 0.24, 0.16, 0.12],
        );
    }

    #[test]
    fn roc_tie_shares_the_mean() {
        let tiers = vec![
            vec!["A".to_string()],
            vec!["B".to_string(), "C".to_string()],
            vec!["D".to_string()],
        ];
        let w = weights_for_tiers(&tiers, &Weighting::RankOrderCentroid);
        let ids: Vec<String> = ["A", "B", "C", "D"].map(String::from).to_vec();
        check(&w, &ids, &[0.5208, 0.2083, 0.2083, 0.0625]);
    }

    #[test]
    fn explicit_is_normalised() {
        let o: Vec<String> = ["A", "B", "C", "D"].map(String::from).to_vec();
        let given: UniqueMap<f64> = [("A", 100.0), ("B", 70.0), ("C", 40.0), ("D", 10.0)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let w = weights_for_order(&o, &Weighting::Explicit(given));
        check(&w, &o, &[0.4545, 0.3182, 0.1818, 0.0455]);
    }
}
