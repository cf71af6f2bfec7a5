//! Each initiative's value V_i = Σ w_k · s̄_ik, with its breakdown, scorers and flags.

use crate::domain::records::{CONSENSUS, Money};
use crate::domain::scoring::{ScoreStats, krippendorff_interval, summarise};
use crate::domain::snapshot::Snapshot;
use serde::Serialize;
use std::collections::BTreeMap;

/// What a flag is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagKind {
    /// Scores split between the bottom and the top of the scale.
    Polarised,
    /// Interquartile range above 1.
    LowConsensus,
    /// A score 2 or more from the median.
    Outlier,
    /// Nobody (and no consensus scorecard) scored it: its value is 0.
    Unscored,
}

impl FlagKind {
    /// The name as printed (`low-consensus`).
    pub fn name(self) -> &'static str {
        match self {
            FlagKind::Polarised => "polarised",
            FlagKind::LowConsensus => "low-consensus",
            FlagKind::Outlier => "outlier",
            FlagKind::Unscored => "unscored",
        }
    }
}

/// A flag for discussion on one initiative.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    /// The priority it is about (none for `unscored`).
    pub priority: Option<String>,
    /// The members concerned (the outlying scorers for `outlier`).
    pub members: Vec<String>,
}

/// One scorer's scores on one initiative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScorerScores {
    pub member: String,
    /// True when the member's silo proposed the initiative and recusal is on: not counted.
    pub recused: bool,
    /// priority id → score (priorities left out count 0).
    pub scores: BTreeMap<String, u8>,
}

/// One initiative's value and how it is made up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Valuation {
    pub id: String,
    pub silo: String,
    pub title: String,
    pub cost: Money,
    pub mandatory: bool,
    pub depends_on: Vec<String>,
    pub excludes: Vec<String>,
    /// V_i = Σ w_k · s̄_ik.
    pub value: f64,
    /// Value per 100,000 of money (0 when free).
    pub value_per_100k: f64,
    /// priority id → aggregated score s̄_ik (priorities of the order in force).
    pub scores: BTreeMap<String, f64>,
    /// priority id → w_k · s̄_ik.
    pub contributions: BTreeMap<String, f64>,
    /// True when the consensus scorecard `forum` replaced the aggregate.
    pub consensus: bool,
    /// Every member scorecard that scored it (recused ones marked), by member id.
    pub scorers: Vec<ScorerScores>,
    /// priority id → figures of the counted members' scores.
    pub stats: BTreeMap<String, ScoreStats>,
    pub flags: Vec<Flag>,
    /// Funded by the exact optimum (filled in by `analyse`).
    pub funded_optimal: bool,
    /// Funded by greedy (filled in by `analyse`).
    pub funded_greedy: bool,
}

impl Valuation {
    /// The distinct flag names, sorted (`["outlier", "polarised"]`).
    pub fn flag_names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self.flags.iter().map(|f| f.kind.name()).collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

/// The priorities of the order in force sorted by id, each with its place in the order: a
/// scorecard's row (sorted by id too) is read in one merge, and maps keyed by priority are
/// built from sorted input.
fn by_id(order: &[String]) -> Vec<(&str, usize)> {
    let mut sorted: Vec<(&str, usize)> = order
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_str(), i))
        .collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
    sorted
}

/// A scorecard's row for one initiative, in the order in force (left out = 0, capped at the scale).
fn card_row(card: &BTreeMap<String, u8>, by_id: &[(&str, usize)], n: usize, scale: u8) -> Vec<u8> {
    let mut row = vec![0u8; n];
    let mut given = card.iter().peekable();
    for (p, i) in by_id {
        while let Some((k, s)) = given.peek() {
            match k.as_str().cmp(p) {
                std::cmp::Ordering::Less => {
                    given.next();
                }
                std::cmp::Ordering::Equal => {
                    row[*i] = (**s).min(scale);
                    break;
                }
                std::cmp::Ordering::Greater => break,
            }
        }
    }
    row
}

/// A row in the order in force as a map keyed by priority.
fn keyed<T: Clone>(row: &[T], by_id: &[(&str, usize)]) -> BTreeMap<String, T> {
    by_id
        .iter()
        .filter_map(|(p, i)| row.get(*i).map(|v| (p.to_string(), v.clone())))
        .collect()
}

/// Values every initiative of the snapshot; also returns the panel's Krippendorff's alpha.
pub fn value_all(
    snapshot: &Snapshot,
    order: &[String],
    weights: &BTreeMap<String, f64>,
) -> (Vec<Valuation>, Option<f64>) {
    value_all_from(snapshot, order, weights, SHARED_FROM)
}

/// [`value_all`], shared between two threads from `shared_from` initiatives on.
fn value_all_from(
    snapshot: &Snapshot,
    order: &[String],
    weights: &BTreeMap<String, f64>,
    shared_from: usize,
) -> (Vec<Valuation>, Option<f64>) {
    let by_id = by_id(order);
    // Each member scorecard with its member's silo (looked up once, not once per initiative).
    let cards: Vec<(&String, &crate::domain::records::Scorecard, Option<&str>)> = snapshot
        .scorecards
        .iter()
        .filter(|(member, _)| member.as_str() != CONSENSUS)
        .map(|(member, card)| {
            let silo = snapshot.member(member).map(|m| m.silo.as_str());
            (member, card, silo)
        })
        .collect();
    let consensus_card = snapshot.scorecards.get(CONSENSUS);
    let context = Context {
        snapshot,
        order,
        weights,
        by_id: &by_id,
        cards: &cards,
        consensus_card,
    };
    let proposals: Vec<(&String, &crate::domain::snapshot::Proposal)> =
        snapshot.initiatives.iter().collect();
    // Each initiative is valued on its own: a large forum is shared between two threads
    // (both cores), each half kept in order, so the result is the same bit for bit.
    let (first, second) = proposals.split_at(if proposals.len() >= shared_from {
        proposals.len() / 2
    } else {
        proposals.len()
    });
    let (mut out, units) = std::thread::scope(|s| {
        let other = (!second.is_empty()).then(|| s.spawn(|| value_some(&context, second)));
        let mut mine = value_some(&context, first);
        if let Some(other) = other {
            let theirs = other
                .join()
                .unwrap_or_else(|_| value_some(&context, second));
            mine.0.extend(theirs.0);
            mine.1.extend(theirs.1);
        }
        mine
    });
    out.sort_by(|a, b| b.value.total_cmp(&a.value).then_with(|| a.id.cmp(&b.id)));
    (out, krippendorff_interval(&units))
}

fn flag(kind: FlagKind, priority: &str, members: Vec<String>) -> Flag {
    Flag {
        kind,
        priority: Some(priority.to_string()),
        members,
    }
}

/// What valuing one initiative reads, shared by the threads.
struct Context<'a> {
    snapshot: &'a Snapshot,
    order: &'a [String],
    weights: &'a BTreeMap<String, f64>,
    by_id: &'a [(&'a str, usize)],
    cards: &'a [(
        &'a String,
        &'a crate::domain::records::Scorecard,
        Option<&'a str>,
    )],
    consensus_card: Option<&'a crate::domain::records::Scorecard>,
}

/// Forums of this many initiatives or more are valued on two threads.
const SHARED_FROM: usize = 200;

/// The valuations of `proposals`, in their order, and the units of agreement they add.
fn value_some(
    cx: &Context<'_>,
    proposals: &[(&String, &crate::domain::snapshot::Proposal)],
) -> (Vec<Valuation>, Vec<Vec<f64>>) {
    let Context {
        snapshot,
        order,
        weights,
        by_id,
        cards,
        consensus_card,
    } = *cx;
    let forum = &snapshot.forum;
    let (scale, n) = (forum.scale, order.len());
    let mut units: Vec<Vec<f64>> = Vec::new();
    let mut out = Vec::new();
    for &(id, proposal) in proposals {
        let init = &proposal.initiative;
        let mut scorers = Vec::new();
        // The counted scorers' rows, in the order in force.
        let mut counted: Vec<(usize, Vec<u8>)> = Vec::new();
        for (member, card, silo) in cards {
            if let Some(given) = card.scores.get(id) {
                let recused = forum.recusal && silo.is_some_and(|s| proposal.involves(s));
                let row = card_row(given, by_id, n, scale);
                scorers.push(ScorerScores {
                    member: (*member).clone(),
                    recused,
                    scores: keyed(&row, by_id),
                });
                if !recused {
                    counted.push((scorers.len() - 1, row));
                }
            }
        }
        let consensus = consensus_card
            .and_then(|c| c.scores.get(id))
            .map(|given| card_row(given, by_id, n, scale));
        let mut scores_row = vec![0.0f64; n];
        let mut stats_row = Vec::with_capacity(n);
        let mut flags = Vec::new();
        for (j, p) in order.iter().enumerate() {
            let given: Vec<u8> = counted.iter().map(|(_, row)| row[j]).collect();
            let st = summarise(&given, scale);
            if given.len() >= 2 {
                units.push(given.iter().map(|&g| f64::from(g)).collect());
            }
            if st.polarised {
                flags.push(flag(FlagKind::Polarised, p, Vec::new()));
            }
            if st.low_consensus {
                flags.push(flag(FlagKind::LowConsensus, p, Vec::new()));
            }
            if !st.outliers.is_empty() {
                let who = st
                    .outliers
                    .iter()
                    .filter_map(|&k| counted.get(k).map(|(s, _)| scorers[*s].member.clone()))
                    .collect();
                flags.push(flag(FlagKind::Outlier, p, who));
            }
            scores_row[j] = match &consensus {
                Some(c) => f64::from(c[j]),
                None => st.trimmed,
            };
            stats_row.push(st);
        }
        if consensus.is_none() && counted.is_empty() {
            flags.push(Flag {
                kind: FlagKind::Unscored,
                priority: None,
                members: Vec::new(),
            });
        }
        let scores = keyed(&scores_row, by_id);
        let stats = keyed(&stats_row, by_id);
        let contributions: BTreeMap<String, f64> = scores
            .iter()
            .map(|(p, s)| (p.clone(), weights.get(p).copied().unwrap_or(0.0) * s))
            .collect();
        // Summed in the order in force, so equal inputs give bit-identical values.
        let value: f64 = order
            .iter()
            .map(|p| contributions.get(p).copied().unwrap_or(0.0))
            .sum();
        out.push(Valuation {
            id: id.clone(),
            silo: proposal.silo.clone(),
            title: init.title.clone(),
            cost: init.cost,
            mandatory: init.mandatory,
            depends_on: init.depends_on.clone(),
            excludes: init.excludes.clone(),
            value,
            value_per_100k: if init.cost == 0 {
                0.0
            } else {
                value * 100_000.0 / init.cost as f64
            },
            scores,
            contributions,
            consensus: consensus.is_some(),
            scorers,
            stats,
            flags,
            funded_optimal: false,
            funded_greedy: false,
        });
    }
    (out, units)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_threads_value_as_one_does_bit_for_bit() {
        let snapshot = crate::domain::analysis::tests::six_forum();
        let ranked = crate::domain::analysis::analyse_ranking(&snapshot);
        let one = value_all_from(&snapshot, &ranked.order, &ranked.weights, usize::MAX);
        let two = value_all_from(&snapshot, &ranked.order, &ranked.weights, 1);
        assert_eq!(one.0.len(), 6);
        assert_eq!(one.0, two.0);
        assert_eq!(one.1.map(f64::to_bits), two.1.map(f64::to_bits));
        for (a, b) in one.0.iter().zip(&two.0) {
            assert_eq!(a.value.to_bits(), b.value.to_bits(), "{}", a.id);
        }
    }
}
