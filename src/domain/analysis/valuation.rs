//! Each initiative's value V_i = Σ w_k · s̄_ik, with its breakdown, scorers and flags.

use crate::domain::records::{CONSENSUS, Money, Scorecard};
use crate::domain::scoring::{ScoreStats, krippendorff_interval, summarise, trimmed_mean};
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
    /// priority id → score, the scores above 0 only (a priority left out counts 0): a
    /// large forum holds a row per scorer per initiative, and most of a row is 0.
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

/// A scorer's row as a map keyed by priority, the scores above 0 only (left out = 0).
fn given_scores(row: &[u8], by_id: &[(&str, usize)]) -> BTreeMap<String, u8> {
    by_id
        .iter()
        .filter_map(|(p, i)| row.get(*i).filter(|s| **s > 0).map(|s| (p.to_string(), *s)))
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
    let cards = member_cards(snapshot);
    let context = Context::new(snapshot, order, weights, &by_id, &cards, None);
    let (out, units) = value_shared(&context, shared_from);
    (out, krippendorff_interval(&units))
}

/// Every initiative's value, bit for bit as [`value_all`] gives it, with the breakdown
/// (scores, contributions, scorers, stats, flags) of initiative `id` alone and no alpha:
/// what the audit of one initiative needs, for a small part of the work on a large forum.
pub fn value_around(
    snapshot: &Snapshot,
    order: &[String],
    weights: &BTreeMap<String, f64>,
    id: &str,
) -> Vec<Valuation> {
    let by_id = by_id(order);
    let cards = member_cards(snapshot);
    let context = Context::new(snapshot, order, weights, &by_id, &cards, Some(id));
    value_shared(&context, usize::MAX).0
}

/// The valuations (sorted by value, then id) and the units of agreement; a large forum is
/// shared between two threads (both cores), each half kept in order, so the result is the
/// same bit for bit.
fn value_shared(context: &Context<'_>, shared_from: usize) -> (Vec<Valuation>, Vec<Vec<f64>>) {
    let proposals: Vec<(&String, &crate::domain::snapshot::Proposal)> =
        context.snapshot.initiatives.iter().collect();
    let (first, second) = proposals.split_at(if proposals.len() >= shared_from {
        proposals.len() / 2
    } else {
        proposals.len()
    });
    let (mut out, units) = std::thread::scope(|s| {
        let other = (!second.is_empty()).then(|| s.spawn(|| value_some(context, second)));
        let mut mine = value_some(context, first);
        if let Some(other) = other {
            let theirs = other.join().unwrap_or_else(|_| value_some(context, second));
            mine.0.extend(theirs.0);
            mine.1.extend(theirs.1);
        }
        mine
    });
    out.sort_by(|a, b| b.value.total_cmp(&a.value).then_with(|| a.id.cmp(&b.id)));
    (out, units)
}

/// A member scorecard with its member's silo.
type MemberCard<'a> = (&'a String, &'a Scorecard, Option<&'a str>);

/// Each member scorecard with its member's silo (looked up once, not once per initiative).
fn member_cards(snapshot: &Snapshot) -> Vec<MemberCard<'_>> {
    snapshot
        .scorecards
        .iter()
        .filter(|(member, _)| member.as_str() != CONSENSUS)
        .map(|(member, card)| {
            let silo = snapshot.member(member).map(|m| m.silo.as_str());
            (member, card, silo)
        })
        .collect()
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
    cards: &'a [MemberCard<'a>],
    consensus_card: Option<&'a Scorecard>,
    /// The one initiative valued with its breakdown; `None`: every one.
    full: Option<&'a str>,
}

impl<'a> Context<'a> {
    fn new(
        snapshot: &'a Snapshot,
        order: &'a [String],
        weights: &'a BTreeMap<String, f64>,
        by_id: &'a [(&'a str, usize)],
        cards: &'a [MemberCard<'a>],
        full: Option<&'a str>,
    ) -> Self {
        Context {
            snapshot,
            order,
            weights,
            by_id,
            cards,
            consensus_card: snapshot.scorecards.get(CONSENSUS),
            full,
        }
    }

    /// True when the member's silo (`silo`) is involved in the proposal and recusal is on.
    fn recused(&self, silo: Option<&str>, proposal: &crate::domain::snapshot::Proposal) -> bool {
        self.snapshot.forum.recusal && silo.is_some_and(|s| proposal.involves(s))
    }

    /// The consensus card's row for the initiative, in the order in force.
    fn consensus_row(&self, id: &str) -> Option<Vec<u8>> {
        let (n, scale) = (self.order.len(), self.snapshot.forum.scale);
        self.consensus_card
            .and_then(|c| c.scores.get(id))
            .map(|given| card_row(given, self.by_id, n, scale))
    }

    /// V_i = Σ w_k · s̄_ik, summed in the order in force (equal inputs, bit-identical values).
    fn value_of(&self, scores_row: &[f64]) -> f64 {
        self.order
            .iter()
            .zip(scores_row)
            .map(|(p, s)| self.weights.get(p).copied().unwrap_or(0.0) * s)
            .sum()
    }
}

/// The value of one initiative without its breakdown: the same arithmetic as
/// [`value_some`], none of the maps.
fn value_only(
    cx: &Context<'_>,
    id: &str,
    proposal: &crate::domain::snapshot::Proposal,
) -> Valuation {
    let (n, scale) = (cx.order.len(), cx.snapshot.forum.scale);
    let consensus = cx.consensus_row(id);
    let scores_row: Vec<f64> = match &consensus {
        Some(c) => c.iter().map(|&s| f64::from(s)).collect(),
        None => {
            let counted: Vec<Vec<u8>> = cx
                .cards
                .iter()
                .filter_map(|(_, card, silo)| {
                    let given = card.scores.get(id)?;
                    (!cx.recused(*silo, proposal)).then(|| card_row(given, cx.by_id, n, scale))
                })
                .collect();
            let mut given = Vec::with_capacity(counted.len());
            (0..n)
                .map(|j| {
                    given.clear();
                    given.extend(counted.iter().map(|row| row[j]));
                    trimmed_mean(&given)
                })
                .collect()
        }
    };
    bare(id, proposal, cx.value_of(&scores_row), consensus.is_some())
}

/// A valuation without its breakdown (no scores, contributions, scorers, stats or flags).
fn bare(
    id: &str,
    proposal: &crate::domain::snapshot::Proposal,
    value: f64,
    consensus: bool,
) -> Valuation {
    let init = &proposal.initiative;
    Valuation {
        id: id.to_string(),
        silo: proposal.silo.clone(),
        title: init.title.clone(),
        cost: init.cost,
        mandatory: init.mandatory,
        depends_on: init.depends_on.clone(),
        excludes: init.excludes.clone(),
        value,
        value_per_100k: per_100k(value, init.cost),
        scores: BTreeMap::new(),
        contributions: BTreeMap::new(),
        consensus,
        scorers: Vec::new(),
        stats: BTreeMap::new(),
        flags: Vec::new(),
        funded_optimal: false,
        funded_greedy: false,
    }
}

/// Value per 100,000 of money (0 when free).
fn per_100k(value: f64, cost: Money) -> f64 {
    if cost == 0 {
        0.0
    } else {
        value * 100_000.0 / cost as f64
    }
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
        ..
    } = *cx;
    let (scale, n) = (snapshot.forum.scale, order.len());
    let mut units: Vec<Vec<f64>> = Vec::new();
    let mut out = Vec::with_capacity(proposals.len());
    for &(id, proposal) in proposals {
        if cx.full.is_some_and(|f| f != id.as_str()) {
            out.push(value_only(cx, id, proposal));
            continue;
        }
        let mut scorers = Vec::new();
        // The counted scorers' rows, in the order in force.
        let mut counted: Vec<(usize, Vec<u8>)> = Vec::new();
        for (member, card, silo) in cards {
            if let Some(given) = card.scores.get(id) {
                let recused = cx.recused(*silo, proposal);
                let row = card_row(given, by_id, n, scale);
                scorers.push(ScorerScores {
                    member: (*member).clone(),
                    recused,
                    scores: given_scores(&row, by_id),
                });
                if !recused {
                    counted.push((scorers.len() - 1, row));
                }
            }
        }
        let consensus = cx.consensus_row(id);
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
        out.push(Valuation {
            scores,
            contributions,
            scorers,
            stats,
            flags,
            ..bare(id, proposal, cx.value_of(&scores_row), consensus.is_some())
        });
    }
    (out, units)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The six forum scored by a panel: four members (dana's silo proposed every initiative:
    /// recused), rows that leave priorities out or give 0, and the consensus card kept for
    /// `i6` alone.
    fn panel() -> Snapshot {
        use crate::domain::analysis::tests::member;
        let mut s = crate::domain::analysis::tests::six_forum();
        for (m, silo) in [("ana", "care"), ("ben", "sales"), ("cy", "care")] {
            s.forum.members.push(member(m, silo));
        }
        let consensus = s.scorecards.get_mut(CONSENSUS).unwrap();
        consensus.scores.retain(|id, _| id == "i6");
        type Given<'a> = &'a [(&'a str, u8)];
        let rows: [(&str, &str, Given); 9] = [
            ("ana", "i1", &[("a", 4), ("b", 0), ("c", 3)]),
            ("ben", "i1", &[("a", 3), ("d", 2)]),
            ("cy", "i1", &[("a", 1), ("b", 4), ("c", 4), ("d", 1)]),
            ("dana", "i1", &[("a", 4), ("b", 4)]),
            ("ana", "i2", &[("b", 2)]),
            ("ben", "i3", &[("a", 0), ("c", 0)]),
            ("cy", "i3", &[("d", 3)]),
            ("ana", "i5", &[("a", 2), ("b", 2), ("c", 2), ("d", 9)]),
            ("ben", "i6", &[("a", 4)]),
        ];
        for (m, id, given) in rows {
            let card = s.scorecards.entry(m.to_string()).or_default();
            let row = given.iter().map(|(p, v)| (p.to_string(), *v)).collect();
            card.scores.insert(id.to_string(), row);
        }
        s
    }

    #[test]
    fn valued_around_one_initiative_every_value_is_the_same_and_only_its_breakdown_is_kept() {
        let snapshot = panel();
        let ranked = crate::domain::analysis::analyse_ranking(&snapshot);
        let (all, _) = value_all(&snapshot, &ranked.order, &ranked.weights);
        for id in snapshot.initiatives.keys() {
            let around = value_around(&snapshot, &ranked.order, &ranked.weights, id);
            let order = |vs: &[Valuation]| vs.iter().map(|v| v.id.clone()).collect::<Vec<_>>();
            assert_eq!(order(&around), order(&all), "sorted alike around {id}");
            for (a, w) in around.iter().zip(&all) {
                assert_eq!(a.value.to_bits(), w.value.to_bits(), "{} around {id}", a.id);
                assert_eq!(a.value_per_100k.to_bits(), w.value_per_100k.to_bits());
                assert_eq!(a.consensus, w.consensus);
                if &a.id == id {
                    assert_eq!(a, w, "the breakdown of {id}");
                } else {
                    assert!(a.scores.is_empty() && a.scorers.is_empty() && a.flags.is_empty());
                }
            }
        }
    }

    #[test]
    fn a_scorers_row_holds_the_scores_above_0() {
        let snapshot = panel();
        let ranked = crate::domain::analysis::analyse_ranking(&snapshot);
        let (all, _) = value_all(&snapshot, &ranked.order, &ranked.weights);
        let i1 = all.iter().find(|v| v.id == "i1").unwrap();
        type Row<'a> = (&'a str, bool, Vec<(&'a str, u8)>);
        let rows: Vec<Row> = i1
            .scorers
            .iter()
            .map(|r| {
                let given = r.scores.iter().map(|(p, s)| (p.as_str(), *s)).collect();
                (r.member.as_str(), r.recused, given)
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("ana", false, vec![("a", 4), ("c", 3)]),
                ("ben", false, vec![("a", 3), ("d", 2)]),
                ("cy", false, vec![("a", 1), ("b", 4), ("c", 4), ("d", 1)]),
                ("dana", true, vec![("a", 4), ("b", 4)]),
            ]
        );
        // Above the scale is capped, as every score is.
        let i5 = all.iter().find(|v| v.id == "i5").unwrap();
        assert_eq!(i5.scorers[0].scores.get("d"), Some(&4));
    }

    #[test]
    fn two_threads_value_as_one_does_bit_for_bit() {
        let snapshot = panel();
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
