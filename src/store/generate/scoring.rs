//! The long tail of the generated history: proposals, then scoring with edits and budgets.

use crate::domain::maps::UniqueMap;
use crate::domain::records::{CONSENSUS, Scorecard};
use crate::domain::snapshot::{RecordKind, RecordRef};
use crate::store::error::StoreError;
use crate::store::generate::Writer;
use std::collections::BTreeMap;

/// Member scorecards per initiative, beside the consensus card.
const SCORERS_PER_INITIATIVE: usize = 3;

/// What one commit of the tail does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    Score,
    Edit,
    Budget,
}

/// One scoring unit: a scorecard (`None` = consensus) scores one initiative.
type Unit = (Option<usize>, usize);

/// Writes the proposals and the scoring tail so the history has `commits` commits in all.
pub fn proposals_and_scores(w: &mut Writer<'_>, commits: usize) -> Result<(), StoreError> {
    let rest = commits.saturating_sub(w.commits).max(1);
    let n = w.cast.initiatives.len();
    let proposal_commits = n.min(rest * 2 / 3).max(1);
    for batch in 0..proposal_commits {
        let (from, to) = (
            batch * n / proposal_commits,
            (batch + 1) * n / proposal_commits,
        );
        let mut by = 0;
        let proposed = w.cast.initiatives[from..to].to_vec();
        for p in proposed {
            let silo = w.cast.silos[p.silo].0.clone();
            w.put(&RecordRef::initiative(&silo, &p.id), &p.record)?;
            by = p.silo;
        }
        let summary = match to - from {
            1 => format!("Propose {}", w.cast.initiatives[from].id),
            k => format!("Propose {k} initiatives"),
        };
        w.decide(
            by,
            "propose",
            &summary,
            "Submitted by the silo before the scoring deadline.",
        )?;
    }

    let tail_len = commits.saturating_sub(w.commits);
    let tail: Vec<Tail> = (0..tail_len)
        .map(|_| match w.rng.below(100) {
            0..3 => Tail::Budget,
            3..12 => Tail::Edit,
            _ => Tail::Score,
        })
        .collect();
    let mut units = scoring_units(w);
    let score_commits = tail.iter().filter(|t| **t == Tail::Score).count();
    let mut cards: BTreeMap<String, Scorecard> = BTreeMap::new();
    let mut done_scores = 0;
    for step in tail {
        match step {
            Tail::Budget => budget(w)?,
            Tail::Edit => edit(w)?,
            Tail::Score => {
                let left = score_commits - done_scores;
                done_scores += 1;
                let want = units.len().div_ceil(left.max(1));
                let card = units.first().map(|u| u.0);
                let take = if left == 1 {
                    units.len()
                } else {
                    units
                        .iter()
                        .take(want)
                        .take_while(|u| Some(u.0) == card)
                        .count()
                };
                let chunk: Vec<Unit> = units.drain(..take).collect();
                score(w, &mut cards, &chunk)?;
            }
        }
    }
    Ok(())
}

/// Every (scorecard, initiative) pair, in meeting order: batches of initiatives, and inside
/// a batch one card after another, so each commit touches one card.
fn scoring_units(w: &mut Writer<'_>) -> Vec<Unit> {
    let scorers = w.cast.scorers.clone();
    let mut units: Vec<(usize, Option<usize>, usize)> = Vec::new();
    for (i, p) in w.cast.initiatives.iter().enumerate() {
        let batch = i / 50;
        units.push((batch, None, i));
        let silo = &w.cast.silos[p.silo].0;
        let eligible: Vec<usize> = scorers
            .iter()
            .copied()
            .filter(|m| &w.cast.forum.members[*m].silo != silo)
            .collect();
        let mut chosen = std::collections::BTreeSet::new();
        for _ in 0..SCORERS_PER_INITIATIVE {
            if let Some(m) = w.rng.pick(&eligible) {
                chosen.insert(*m);
            }
        }
        units.extend(chosen.into_iter().map(|m| (batch, Some(m), i)));
    }
    units.sort();
    units.into_iter().map(|(_, card, i)| (card, i)).collect()
}

fn score(
    w: &mut Writer<'_>,
    cards: &mut BTreeMap<String, Scorecard>,
    chunk: &[Unit],
) -> Result<(), StoreError> {
    let mut touched = std::collections::BTreeSet::new();
    for (card, i) in chunk {
        let member = card.map(|m| w.cast.forum.members[m].id.clone());
        let key = member.unwrap_or_else(|| CONSENSUS.to_string());
        let p = &w.cast.initiatives[*i];
        let mut row = UniqueMap::new();
        for priority in &p.record.addresses {
            row.insert(priority.clone(), w.rng.below(5) as u8);
        }
        let id = p.id.clone();
        let note = w
            .rng
            .chance(10)
            .then(|| format!("Depends on the {} team's estimate.", w.cast.silos[p.silo].0));
        let sc = cards.entry(key.clone()).or_default();
        sc.scores.insert(id.clone(), row);
        if let Some(note) = note {
            sc.notes.insert(id, note);
        }
        touched.insert(key);
    }
    let mut by = 0;
    for key in &touched {
        if let Some(sc) = cards.get(key) {
            w.put(&RecordRef::new(RecordKind::Scorecard, key), sc)?;
        }
        by = w
            .cast
            .forum
            .members
            .iter()
            .position(|m| &m.id == key)
            .unwrap_or(0);
    }
    let who = touched.iter().cloned().collect::<Vec<_>>().join(", ");
    let summary = format!("Score {} initiative(s) ({who})", chunk.len());
    w.decide(
        by,
        "score",
        &summary,
        "Scored in the session against the locked ranking.",
    )
}

fn edit(w: &mut Writer<'_>) -> Result<(), StoreError> {
    let i = w.rng.below(w.cast.initiatives.len());
    let Some(p) = w.cast.initiatives.get_mut(i) else {
        return Ok(());
    };
    let old = p.record.cost;
    p.record.cost = (old / 100 * w.rng.between(90, 115)).max(5_000) / 1_000 * 1_000;
    let (silo, id, record, by) = (
        w.cast.silos[p.silo].0.clone(),
        p.id.clone(),
        p.record.clone(),
        p.silo,
    );
    w.put(&RecordRef::initiative(&silo, &id), &record)?;
    let summary = format!("Revise the cost of {id} to {}", record.cost);
    w.decide(
        by,
        "edit",
        &summary,
        "The silo re-estimated after vendor quotes.",
    )
}

fn budget(w: &mut Writer<'_>) -> Result<(), StoreError> {
    let old = w.cast.forum.budget;
    w.cast.forum.budget = (old / 100 * w.rng.between(95, 105)) / 1_000 * 1_000;
    let forum = w.cast.forum.clone();
    w.put(&RecordRef::new(RecordKind::Forum, ""), &forum)?;
    let summary = format!("Set the budget to {}", forum.budget);
    w.decide(0, "budget", &summary, "Finance revised the envelope.")
}
