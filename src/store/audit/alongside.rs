//! One audit on both cores: the history index is read while the forum loads, and the walk
//! for the trail runs while the forum is valued and allocated. What to follow is worked out
//! from the initiative's own valuation, before the rest of the forum is valued; the chain
//! then checks it, and the trail is walked again, on this thread, in the rare case it
//! differs.

use crate::domain::analysis::{Analysis, Options, allocate, analyse_ranking, value_around};
use crate::domain::audit::{chain, listed};
use crate::domain::finding::closest;
use crate::domain::records::CONSENSUS;
use crate::domain::snapshot::Snapshot;
use crate::store::audit::index::Index;
use crate::store::audit::then::{Now, Then, as_decided, last_allocation, look_back, told};
use crate::store::audit::walk::{Follow, Rows, walk_indexed};
use crate::store::audit::{Audit, AuditError, Trail, follow, then, trail_for};
use crate::store::error::StoreError;
use crate::store::layout::FORUMS;
use crate::store::repo::ForumRepo;
use git2::Oid;
use std::path::Path;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// The audit of initiative `id` at `rev`.
pub fn audit(repo: &ForumRepo, forum: &str, rev: &str, id: &str) -> Result<Audit, AuditError> {
    let tip = repo.resolve(rev)?;
    // A git handle is not shared between threads: the history part opens its own.
    let other = repo.reopen()?;
    let (ask, asked) = channel::<Follow>();
    std::thread::scope(|s| {
        let history = s.spawn(move || history(&other, forum, tip, id, &asked));
        let loaded = repo.load_records_at(forum, &tip.to_string());
        let loaded = match loaded {
            Ok(l) => l,
            Err(e) => {
                drop(ask);
                let _ = history.join();
                return Err(e.into());
            }
        };
        let snapshot = &loaded.snapshot;
        if !snapshot.initiatives.contains_key(id) {
            drop(ask);
            let _ = history.join();
            return Err(AuditError::Unknown {
                id: id.to_string(),
                forum: forum.to_string(),
                closest: closest(id, snapshot.initiatives.keys().map(String::as_str))
                    .map(str::to_string),
            });
        }
        let valued = value_around(snapshot, analyse_ranking(snapshot), id);
        if let Some(ahead) = follow_ahead(snapshot, &valued, id) {
            let _ = ask.send(ahead);
        }
        drop(ask);
        let analysis = allocate(snapshot, valued, Options::default());
        let chain = chain(snapshot, &analysis, id);
        let History {
            index,
            rows,
            walked,
            then,
        } = history
            .join()
            .map_err(|_| StoreError::Refused("the audit's history thread failed".into()))??;
        let Some(chain) = chain else {
            return Err(AuditError::Unknown {
                id: id.to_string(),
                forum: forum.to_string(),
                closest: None,
            });
        };
        let wanted = follow(&chain);
        let trail = match walked {
            Some((followed, trail)) if followed == wanted => trail,
            _ => trail_for(repo, forum, tip, &wanted, &index, &rows)?,
        };
        let now = Now {
            tip,
            snapshot,
            chain: &chain,
            trail: &trail,
        };
        // The look back worked out ahead holds when it is at the decision the trail names.
        let named = trail.allocated.as_ref();
        let as_decided = match (named, then) {
            (Some(entry), Some((at, found))) if Oid::from_str(&entry.commit).ok() == Some(at) => {
                found.map(|then| told(entry, then, now))
            }
            _ => as_decided(repo, forum, &index, &rows, now)?,
        };
        Ok(Audit {
            commit: tip.to_string(),
            as_decided,
            allocations: then::allocations(repo, forum, &index, tip, id)?,
            chain,
            trail,
        })
    })
}

/// What the history part hands back.
struct History {
    index: Index,
    /// The initiative's rows it read.
    rows: Rows,
    /// The trail, with what it followed.
    walked: Option<(Follow, Trail)>,
    /// The last allocation decision, and the forum at it when it changed since and held the
    /// initiative (`None` inside when not).
    then: Option<(Oid, Option<Then>)>,
}

/// The history part: the index brought up to `tip`; while the forum loads, the forum at the
/// last allocation decision (when it changed since) and the initiative's rows on every
/// scorecard at the tip with the versions that set them (the costly part of a trail); then
/// the trail of what it is asked to follow (none when the asking side stopped first).
fn history(
    repo: &ForumRepo,
    forum: &str,
    tip: Oid,
    id: &str,
    asked: &Receiver<Follow>,
) -> Result<History, StoreError> {
    let index = Index::for_tip(repo, forum, tip)?;
    let rows = Rows::default();
    // Ahead of the trail, and only a guess: what it gets wrong is worked out again later.
    let then = index
        .position(tip)
        .and_then(|start| last_allocation(&index, start))
        .and_then(|at| {
            let found = look_back(repo, forum, &index, &rows, tip, at, id).ok()?;
            Some((at, found))
        });
    let follow = match asked.try_recv() {
        Ok(follow) => Some(follow),
        Err(TryRecvError::Disconnected) => None,
        Err(TryRecvError::Empty) => {
            // Only a warm-up: whatever it could not read, the trail itself reads (or reports).
            let _ = warm_up(repo, forum, tip, id, &index, &rows);
            asked.recv().ok()
        }
    };
    let walked = match follow {
        Some(follow) => {
            let trail = trail_for(repo, forum, tip, &follow, &index, &rows)?;
            Some((follow, trail))
        }
        None => None,
    };
    Ok(History {
        index,
        rows,
        walked,
        then,
    })
}

/// Reads the initiative's row on every scorecard at the tip, and the versions that set them,
/// into `rows`.
fn warm_up(
    repo: &ForumRepo,
    forum: &str,
    tip: Oid,
    id: &str,
    index: &Index,
    rows: &Rows,
) -> Result<(), StoreError> {
    let every_card = Follow {
        initiative: id.to_string(),
        cards: card_ids(repo, forum, tip)?,
        ..Follow::default()
    };
    walk_indexed(&repo.repo.odb()?, forum, tip, &every_card, index, rows).map(|_| ())
}

/// The ids of the scorecards in the forum's `scores/` folder at `tip`.
fn card_ids(repo: &ForumRepo, forum: &str, tip: Oid) -> Result<Vec<String>, StoreError> {
    let tree = repo.repo.find_commit(tip)?.tree()?;
    let scores = tree
        .get_path(Path::new(&format!("{FORUMS}/{forum}/scores")))
        .ok()
        .and_then(|e| repo.repo.find_tree(e.id()).ok());
    Ok(scores
        .iter()
        .flat_map(|t| t.iter())
        .filter_map(|e| e.name().ok()?.strip_suffix(".ron").map(str::to_string))
        .collect())
}

/// What the chain of `id` follows, from its valuation alone (before the budget is
/// allocated): the priorities it lists, their evidence on record, and the scorecards that
/// scored it.
fn follow_ahead(snapshot: &Snapshot, valued: &Analysis, id: &str) -> Option<Follow> {
    let v = valued.valuation(id)?;
    let init = &snapshot.initiatives.get(id)?.initiative;
    let priorities: Vec<String> = listed(&init.addresses, v).into_iter().cloned().collect();
    let mut evidence: Vec<String> = priorities
        .iter()
        .filter_map(|p| snapshot.priorities.get(p))
        .flat_map(|p| p.evidence.iter())
        .filter(|e| snapshot.evidence.contains_key(*e))
        .cloned()
        .collect();
    evidence.sort();
    evidence.dedup();
    let mut cards: Vec<String> = v.scorers.iter().map(|s| s.member.clone()).collect();
    if snapshot
        .scorecards
        .get(CONSENSUS)
        .is_some_and(|c| c.scores.contains_key(id))
    {
        cards.push(CONSENSUS.to_string());
    }
    Some(Follow {
        initiative: id.to_string(),
        evidence,
        priorities,
        cards,
    })
}

#[cfg(test)]
mod tests;
