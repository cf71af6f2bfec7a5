//! Several scorers → one score per (initiative, priority), with flags for discussion (§3).

use serde::Serialize;

/// The facilitator's one-sentence explanation of the Olympic trimmed mean.
pub const TRIMMED_SENTENCE: &str = "With three or more scores we drop the highest and the lowest and average the rest, so one enthusiast or one sceptic cannot swing the result.";

/// Summary figures of the scores given to one initiative on one priority.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreStats {
    /// How many scores were counted (recused scorers excluded).
    pub count: usize,
    pub mean: f64,
    pub median: f64,
    /// Olympic trimmed mean: with 3+ scores drop one highest and one lowest; else the mean.
    pub trimmed: f64,
    /// Interquartile range with linear interpolation.
    pub iqr: f64,
    /// At least k scores in {0,1} and at least k in {scale−1, scale}, k = max(1, round(n/3)).
    pub polarised: bool,
    /// IQR above 1.
    pub low_consensus: bool,
    /// Indices (into the input) of scores 2 or more away from the median.
    pub outliers: Vec<usize>,
}

/// The q-quantile (0..=1) of sorted values, linear interpolation between closest ranks.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    let (a, b) = (sorted[lo], sorted[hi.min(sorted.len() - 1)]);
    a + (b - a) * (h - lo as f64)
}

/// The scores as numbers, lowest first.
fn sorted(scores: &[u8]) -> Vec<f64> {
    let mut sorted: Vec<f64> = scores.iter().map(|&s| f64::from(s)).collect();
    sorted.sort_by(f64::total_cmp);
    sorted
}

/// The mean and the Olympic trimmed mean of scores sorted lowest first.
fn means(sorted: &[f64]) -> (f64, f64) {
    let n = sorted.len();
    let sum: f64 = sorted.iter().sum();
    let mean = if n == 0 { 0.0 } else { sum / n as f64 };
    let trimmed = if n >= 3 {
        (sum - sorted[0] - sorted[n - 1]) / (n - 2) as f64
    } else {
        mean
    };
    (mean, trimmed)
}

/// The Olympic trimmed mean alone, the same number [`summarise`] gives as `trimmed`.
pub fn trimmed_mean(scores: &[u8]) -> f64 {
    if scores.iter().all(|&s| s == 0) {
        // No score above 0: every mean is 0 (no sort needed; the common case by far).
        return 0.0;
    }
    means(&sorted(scores)).1
}

/// Summarises one set of scores on a scale 0..=scale.
pub fn summarise(scores: &[u8], scale: u8) -> ScoreStats {
    let n = scores.len();
    let sorted = sorted(scores);
    let (mean, trimmed) = means(&sorted);
    let median = quantile(&sorted, 0.5);
    let iqr = quantile(&sorted, 0.75) - quantile(&sorted, 0.25);
    let k = ((n as f64 / 3.0).round() as usize).max(1);
    let low = scores.iter().filter(|&&s| s <= 1).count();
    let high = scores
        .iter()
        .filter(|&&s| s >= scale.saturating_sub(1))
        .count();
    let polarised = n >= 2 && low >= k && high >= k;
    let outliers = scores
        .iter()
        .enumerate()
        .filter(|(_, s)| (f64::from(**s) - median).abs() >= 2.0)
        .map(|(i, _)| i)
        .collect();
    ScoreStats {
        count: n,
        mean,
        median,
        trimmed,
        iqr,
        polarised,
        low_consensus: iqr > 1.0,
        outliers,
    }
}

/// Krippendorff's alpha with the interval metric over units of scores.
///
/// Each unit is the set of scores different scorers gave to one (initiative, priority); units
/// with fewer than two scores are not pairable and are left out. `None` when there is nothing
/// to compare or no variation at all.
pub fn krippendorff_interval(units: &[Vec<f64>]) -> Option<f64> {
    let pairable: Vec<&Vec<f64>> = units.iter().filter(|u| u.len() >= 2).collect();
    let n: f64 = pairable.iter().map(|u| u.len() as f64).sum();
    if n < 2.0 {
        return None;
    }
    // Σ over ordered pairs (i≠j) of (a−b)² = 2(m Σv² − (Σv)²).
    let ordered = |vals: &mut dyn Iterator<Item = f64>| {
        let (mut m, mut s, mut s2) = (0.0, 0.0, 0.0);
        for v in vals {
            m += 1.0;
            s += v;
            s2 += v * v;
        }
        2.0 * (m * s2 - s * s)
    };
    let observed: f64 = pairable
        .iter()
        .map(|u| ordered(&mut u.iter().copied()) / (u.len() as f64 - 1.0))
        .sum::<f64>()
        / n;
    let expected = ordered(&mut pairable.iter().flat_map(|u| u.iter().copied())) / (n * (n - 1.0));
    if expected <= 0.0 {
        return None;
    }
    Some(1.0 - observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_vector() {
        let s = summarise(&[3, 4, 4, 1, 4], 4);
        assert!((s.mean - 3.2).abs() < 1e-4);
        assert!((s.median - 4.0).abs() < 1e-4);
        assert!((s.trimmed - 3.6667).abs() < 1e-4);
        assert!((s.iqr - 1.0).abs() < 1e-4);
        assert!(!s.polarised);
        assert!(!s.low_consensus);
        assert_eq!(s.outliers, vec![3]);
    }

    #[test]
    fn the_trimmed_mean_alone_is_the_summary_s_bit_for_bit() {
        let sets: [&[u8]; 9] = [
            &[],
            &[0],
            &[0, 0, 0],
            &[4],
            &[1, 3],
            &[3, 4, 4, 1, 4],
            &[0, 1, 4, 4, 3],
            &[2, 2, 0, 4, 1, 3, 0],
            &[0, 0, 0, 0, 1],
        ];
        for set in sets {
            assert_eq!(
                trimmed_mean(set).to_bits(),
                summarise(set, 4).trimmed.to_bits(),
                "{set:?}"
            );
        }
    }

    #[test]
    fn second_vector() {
        let s = summarise(&[0, 1, 4, 4, 3], 4);
        assert!((s.mean - 2.4).abs() < 1e-4);
        assert!((s.median - 3.0).abs() < 1e-4);
        assert!((s.trimmed - 2.6667).abs() < 1e-4);
        assert!((s.iqr - 3.0).abs() < 1e-4);
        assert!(s.polarised);
        assert!(s.low_consensus);
    }

    #[test]
    fn one_or_two_scores_take_the_mean() {
        assert!((summarise(&[1, 4], 4).trimmed - 2.5).abs() < 1e-9);
        assert!((summarise(&[3], 4).trimmed - 3.0).abs() < 1e-9);
        assert_eq!(summarise(&[], 4).count, 0);
    }

    #[test]
    fn alpha_perfect_and_none() {
        let units = vec![vec![1.0, 1.0], vec![3.0, 3.0], vec![4.0, 4.0]];
        assert!((krippendorff_interval(&units).unwrap_or(0.0) - 1.0).abs() < 1e-9);
        assert_eq!(krippendorff_interval(&[vec![2.0, 2.0]]), None);
        assert_eq!(krippendorff_interval(&[vec![2.0]]), None);
    }

    #[test]
    fn alpha_known_value() {
        // Two coders, interval data: units (1,2), (3,3), (4,2).
        // Pooled values 1,2,3,3,4,2: n=6. D_o = (2+0+8)/6 = 1.6667.
        // Σ ordered pairs = 2(6·43 − 15²) = 66 → D_e = 66/30 = 2.2 → alpha = 0.2424.
        let units = vec![vec![1.0, 2.0], vec![3.0, 3.0], vec![4.0, 2.0]];
        let a = krippendorff_interval(&units).unwrap_or(f64::NAN);
        assert!((a - (1.0 - (10.0 / 6.0) / 2.2)).abs() < 1e-9, "{a}");
    }
}
