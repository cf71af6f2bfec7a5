//! `audit`: the chain of why for one initiative, with the commits behind each step.
//!
//! The chain comes from `domain::audit` (the forum at the revision, analysed); the commits
//! come from a walk back along the forum branch's first parents ([`walk`]), over the
//! commits that changed the forum as the history index lists them ([`index`]), keyed by
//! record id so an initiative whose silo folder was renamed keeps its trail.

mod alongside;
pub mod index;
pub mod raw;
pub mod then;
pub mod walk;

use crate::domain::audit::Chain;
use crate::domain::records::CONSENSUS;
use crate::domain::snapshot::Snapshot;
use crate::store::error::StoreError;
use crate::store::history::Entry;
use crate::store::repo::ForumRepo;
use git2::Oid;
use serde::Serialize;
use std::collections::BTreeMap;
use thiserror::Error;
use walk::{Follow, Found, Rows};

/// Why an audit could not be made.
#[derive(Debug, Error)]
pub enum AuditError {
    #[error("no initiative `{id}` in forum `{forum}`")]
    Unknown {
        id: String,
        forum: String,
        /// The closest known id, for "did you mean".
        closest: Option<String>,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<git2::Error> for AuditError {
    fn from(e: git2::Error) -> Self {
        AuditError::Store(StoreError::Git(e))
    }
}

/// A move of the initiative's file to another silo folder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moved {
    pub from: String,
    pub to: String,
    pub commit: Entry,
}

/// The commits behind each step; each one as the decision log shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trail {
    /// The first commit that wrote the initiative: on its proposal branch when it came in
    /// by a merge, else the same commit as `accepted`.
    pub proposed: Option<Entry>,
    /// The commit on the forum branch that brought it in (the `accept` merge, or a direct
    /// `propose` decision).
    pub accepted: Option<Entry>,
    /// Later commits on the forum branch that changed its file, oldest first.
    pub changes: Vec<Entry>,
    /// Those of `changes` that moved it to another silo folder.
    pub moves: Vec<Moved>,
    /// Evidence id → commits that added or changed it, oldest first.
    pub evidence: BTreeMap<String, Vec<Entry>>,
    /// Priority id → commits that added or changed it, oldest first.
    pub priorities: BTreeMap<String, Vec<Entry>>,
    /// The last commit that recorded ranking.ron.
    pub ranked: Option<Entry>,
    /// The advance that locked the ranking (Ranking → Scoring), in force.
    pub locked: Option<Entry>,
    /// Scorecard id → the commit that set this initiative's scores now in force.
    pub scores: BTreeMap<String, Entry>,
    /// The last commit that recorded allocation.ron.
    pub allocated: Option<Entry>,
    /// First-parent commits walked.
    pub walked: usize,
}

/// The chain of why and its commits, at one revision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Audit {
    /// The commit audited (full hash).
    pub commit: String,
    pub chain: Chain,
    pub trail: Trail,
    /// The chain with the records of the allocation decision in force, when the forum changed
    /// since: the steps it explains are told as of that decision.
    pub as_decided: Option<then::AsDecided>,
    /// Every allocation decision that changed the initiative's line, oldest first.
    pub allocations: Vec<then::AllocationChange>,
}

impl Audit {
    /// The chain and trail the decision's steps are told with: as of the allocation decision
    /// when the forum changed since, else at the commit audited.
    pub fn told(&self) -> (&Chain, &Trail) {
        match &self.as_decided {
            Some(d) => (&d.chain, &d.trail),
            None => (&self.chain, &self.trail),
        }
    }
}

/// Audits initiative `id` of `forum` at `rev` (its history part on the second core).
pub use alongside::audit;

/// The audit of a chain already worked out from the forum at `tip`: the commits behind each
/// step, the chain as the allocation decision in force saw it, and the allocation history,
/// all from the forum's history index.
pub fn assemble(
    repo: &ForumRepo,
    forum: &str,
    tip: Oid,
    snapshot: &Snapshot,
    chain: Chain,
) -> Result<Audit, StoreError> {
    let index = index::Index::for_tip(repo, forum, tip)?;
    let rows = Rows::default();
    let trail = trail_for(repo, forum, tip, &follow(&chain), &index, &rows)?;
    let id = chain.initiative.id.clone();
    let now = then::Now {
        tip,
        snapshot,
        chain: &chain,
        trail: &trail,
    };
    Ok(Audit {
        commit: tip.to_string(),
        as_decided: then::as_decided(repo, forum, &index, &rows, now)?,
        allocations: then::allocations(repo, forum, &index, tip, &id)?,
        chain,
        trail,
    })
}

/// What a chain needs followed through history.
pub fn follow(chain: &Chain) -> Follow {
    let mut evidence: Vec<String> = chain
        .priorities
        .iter()
        .flat_map(|p| p.evidence.iter().filter(|e| e.known).map(|e| e.id.clone()))
        .collect();
    evidence.sort();
    evidence.dedup();
    let mut cards: Vec<String> = chain
        .scoring
        .scorers
        .iter()
        .map(|s| s.member.clone())
        .collect();
    if chain.scoring.consensus_scores.is_some() {
        cards.push(CONSENSUS.to_string());
    }
    Follow {
        initiative: chain.initiative.id.clone(),
        evidence,
        priorities: chain.priorities.iter().map(|p| p.id.clone()).collect(),
        cards,
    }
}

/// The commits behind a chain, found from the forum's history index (kept under `.git/`,
/// brought up to `tip` first): the same answers as one first-parent walk from `tip`.
pub fn trail(repo: &ForumRepo, forum: &str, tip: Oid, chain: &Chain) -> Result<Trail, StoreError> {
    let index = index::Index::for_tip(repo, forum, tip)?;
    trail_for(repo, forum, tip, &follow(chain), &index, &Rows::default())
}

/// The commits behind what `follow` names, from the history index (the initiative's rows
/// read through `rows`).
pub fn trail_for(
    repo: &ForumRepo,
    forum: &str,
    tip: Oid,
    follow: &Follow,
    index: &index::Index,
    rows: &Rows,
) -> Result<Trail, StoreError> {
    let odb = repo.repo.odb()?;
    let found = walk::walk_indexed(&odb, forum, tip, follow, index, rows)?;
    to_trail(repo, forum, &follow.initiative, found)
}

fn entry(repo: &ForumRepo, oid: Oid) -> Result<Entry, StoreError> {
    Ok(Entry::of(&repo.repo.find_commit(oid)?))
}

fn entries(repo: &ForumRepo, oids: &[Oid]) -> Result<Vec<Entry>, StoreError> {
    oids.iter().rev().map(|o| entry(repo, *o)).collect()
}

fn to_trail(repo: &ForumRepo, forum: &str, id: &str, found: Found) -> Result<Trail, StoreError> {
    let accepted = found.introduced.map(|o| entry(repo, o)).transpose()?;
    let proposed = match found.introduced {
        Some(merge) => Some(entry(repo, first_on_branch(repo, forum, merge, id)?)?),
        None => None,
    };
    let mut changes = Vec::new();
    let mut moves = Vec::new();
    for (oid, moved) in found.changes.iter().rev() {
        let e = entry(repo, *oid)?;
        if let Some((from, to)) = moved {
            moves.push(Moved {
                from: from.clone(),
                to: to.clone(),
                commit: e.clone(),
            });
        }
        changes.push(e);
    }
    let lists = |m: &std::collections::HashMap<String, Vec<Oid>>| {
        m.iter()
            .map(|(k, v)| Ok((k.clone(), entries(repo, v)?)))
            .collect::<Result<BTreeMap<_, _>, StoreError>>()
    };
    Ok(Trail {
        proposed,
        accepted,
        changes,
        moves,
        evidence: lists(&found.evidence)?,
        priorities: lists(&found.priorities)?,
        ranked: found.ranked.map(|o| entry(repo, o)).transpose()?,
        locked: found.locked.map(|o| entry(repo, o)).transpose()?,
        scores: found
            .cards
            .iter()
            .map(|(k, o)| Ok((k.clone(), entry(repo, *o)?)))
            .collect::<Result<_, StoreError>>()?,
        allocated: found.allocated.map(|o| entry(repo, o)).transpose()?,
        walked: found.walked,
    })
}

/// The initiative's file (any silo folder) in a commit's tree.
fn has_initiative(
    repo: &ForumRepo,
    forum: &str,
    commit: Oid,
    id: &str,
) -> Result<bool, StoreError> {
    let tree = repo.repo.find_commit(commit)?.tree()?;
    let prefix = format!("forums/{forum}/initiatives/");
    let file = format!("{id}.ron");
    let mut found = false;
    tree.walk(git2::TreeWalkMode::PreOrder, |dir, e| {
        if dir.starts_with(&prefix) && e.name().ok() == Some(file.as_str()) {
            found = true;
            return git2::TreeWalkResult::Abort;
        }
        git2::TreeWalkResult::Ok
    })
    .or_else(|e| if found { Ok(()) } else { Err(e) })?;
    Ok(found)
}

/// For a merge that brought the initiative in, the oldest commit of the merged branch (not
/// on the forum branch) that already had it; for any other commit, the commit itself.
fn first_on_branch(
    repo: &ForumRepo,
    forum: &str,
    introduced: Oid,
    id: &str,
) -> Result<Oid, StoreError> {
    let commit = repo.repo.find_commit(introduced)?;
    if commit.parent_count() < 2 {
        return Ok(introduced);
    }
    let (main, side) = (commit.parent_id(0)?, commit.parent_id(1)?);
    let base = repo.repo.merge_base(main, side).ok();
    let mut first = introduced;
    let mut at = Some(side);
    while let Some(oid) = at {
        if Some(oid) == base || !has_initiative(repo, forum, oid, id)? {
            break;
        }
        first = oid;
        at = repo.repo.find_commit(oid)?.parent_id(0).ok();
    }
    Ok(first)
}

#[cfg(test)]
mod tests;
