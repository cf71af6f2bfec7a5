//! `audit` as of the decision: the steps told with the records of the allocation decision in
//! force (the silos members belonged to then, the scores then), a note for each thing that
//! changed since, and the initiative's allocation history.

use crate::domain::analysis::{Options, allocate, analyse_ranking, value_around};
use crate::domain::audit::{Chain, chain, since::since};
use crate::domain::records::Money;
use crate::domain::snapshot::{RecordKind, Snapshot};
use crate::store::audit::index::Index;
use crate::store::audit::walk::Rows;
use crate::store::audit::{Trail, follow, trail_for};
use crate::store::decode::{AnyRecord, decode};
use crate::store::error::StoreError;
use crate::store::history::Entry;
use crate::store::layout::FORUMS;
use crate::store::repo::ForumRepo;
use git2::Oid;
use serde::Serialize;
use std::path::Path;

/// The chain as the allocation decision in force saw it, when the forum changed since.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AsDecided {
    /// The allocation decision whose records steps 2 to 8 use.
    pub commit: Entry,
    pub chain: Chain,
    /// The commits behind each step, found from that decision back.
    pub trail: Trail,
    /// What this audit rests on that changed since, for people.
    pub since: Vec<String>,
}

/// One allocation decision that changed the initiative's line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AllocationChange {
    pub commit: Entry,
    /// Its amount from this decision on; `None`: no line (or the allocation withdrawn).
    pub amount: Option<Money>,
    /// The line's reason.
    pub reason: String,
    /// True when the decision removed the whole allocation (a `reopen`).
    pub withdrawn: bool,
}

/// The audit at the commit audited, that [`as_decided`] looks back from.
#[derive(Debug, Clone, Copy)]
pub struct Now<'a> {
    pub tip: Oid,
    pub snapshot: &'a Snapshot,
    pub chain: &'a Chain,
    pub trail: &'a Trail,
}

/// The chain at the allocation decision of `now.trail` (`None` when there is none, when the
/// forum has not changed since it, or when the initiative was not there yet). Rows of the
/// initiative already read from scorecards are taken from `rows`.
pub fn as_decided(
    repo: &ForumRepo,
    forum: &str,
    index: &Index,
    rows: &Rows,
    now: Now<'_>,
) -> Result<Option<AsDecided>, StoreError> {
    let Some(entry) = &now.trail.allocated else {
        return Ok(None);
    };
    let at = Oid::from_str(&entry.commit)?;
    let id = &now.chain.initiative.id;
    let Some(then) = look_back(repo, forum, index, rows, now.tip, at, id)? else {
        return Ok(None);
    };
    Ok(Some(told(entry, then, now)))
}

/// The forum at an allocation decision, worked out for one initiative: its records, its
/// chain, and the commits behind that chain.
#[derive(Debug)]
pub struct Then {
    /// The allocation decision.
    pub at: Oid,
    pub snapshot: Snapshot,
    pub chain: Chain,
    pub trail: Trail,
}

/// The forum at allocation decision `at`, for initiative `id`: `None` when the forum has not
/// changed between `at` and `tip`, or when the initiative was not there yet.
pub fn look_back(
    repo: &ForumRepo,
    forum: &str,
    index: &Index,
    rows: &Rows,
    tip: Oid,
    at: Oid,
    id: &str,
) -> Result<Option<Then>, StoreError> {
    if forum_tree(repo, forum, at)? == forum_tree(repo, forum, tip)? {
        return Ok(None);
    }
    let snapshot = repo.load_records_at(forum, &at.to_string())?.snapshot;
    // Valued around the initiative: every value as a whole analysis gives it, one breakdown.
    let valued = value_around(&snapshot, analyse_ranking(&snapshot), id);
    let analysis = allocate(&snapshot, valued, Options::default());
    let Some(chain) = chain(&snapshot, &analysis, id) else {
        return Ok(None);
    };
    let trail = trail_for(repo, forum, at, &follow(&chain), index, rows)?;
    Ok(Some(Then {
        at,
        snapshot,
        chain,
        trail,
    }))
}

/// The chain as decided, with what changed since, for people.
pub fn told(entry: &Entry, then: Then, now: Now<'_>) -> AsDecided {
    AsDecided {
        commit: entry.clone(),
        since: since(&then.snapshot, &then.chain, now.snapshot, now.chain),
        chain: then.chain,
        trail: then.trail,
    }
}

/// The last allocation decision at or before position `start` of the index (the commit that
/// last changed `allocation.ron`), when the forum at that position has one: the commit the
/// trail will name, found before the trail is walked.
pub fn last_allocation(index: &Index, start: usize) -> Option<Oid> {
    let file = index.paths.iter().position(|p| p == "allocation.ron")?;
    let (at, change) = index.changes_from(start).find_map(|(at, group)| {
        group
            .iter()
            .find(|c| c.path as usize == file)
            .map(|c| (at, c))
    })?;
    change.new.map(|_| index.commits[at])
}

fn forum_tree(repo: &ForumRepo, forum: &str, commit: Oid) -> Result<Option<Oid>, StoreError> {
    let tree = repo.repo.find_commit(commit)?.tree()?;
    Ok(tree
        .get_path(Path::new(&format!("{FORUMS}/{forum}")))
        .ok()
        .map(|e| e.id()))
}

/// Every first-parent commit up to `tip` that changed initiative `id`'s allocation line (its
/// amount or reason, whether it has one, or whether there is an allocation), oldest first.
pub fn allocations(
    repo: &ForumRepo,
    forum: &str,
    index: &Index,
    tip: Oid,
    id: &str,
) -> Result<Vec<AllocationChange>, StoreError> {
    let Some(start) = index.position(tip) else {
        return allocations(repo, forum, &Index::for_tip(repo, forum, tip)?, tip, id);
    };
    let git = &repo.repo;
    let path = format!("{FORUMS}/{forum}/allocation.ron");
    let Some(file) = index.paths.iter().position(|p| p == "allocation.ron") else {
        return Ok(Vec::new());
    };
    // Each version of allocation.ron from `tip` back, taken oldest first.
    let versions: Vec<(Oid, Option<Oid>)> = index
        .changes_from(start)
        .flat_map(|(at, group)| {
            group
                .iter()
                .filter(|c| c.path as usize == file)
                .map(move |c| (index.commits[at], c.new))
        })
        .collect();
    let mut out = Vec::new();
    // The allocation in force (`None`: none), and its line for the initiative (amount, reason).
    let mut state: Option<Option<(Money, String)>> = None;
    for (oid, here) in versions.into_iter().rev() {
        let new = match here {
            None => None,
            Some(b) => {
                let data = git.find_blob(b)?;
                match decode(&path, RecordKind::Allocation, data.content()) {
                    Ok(AnyRecord::Allocation(a)) => Some(
                        a.lines
                            .iter()
                            .find(|l| l.initiative == id)
                            .map(|l| (l.amount, l.reason.clone())),
                    ),
                    // A broken allocation.ron is `verify`'s to name; its line is unknown.
                    _ => continue,
                }
            }
        };
        if new != state {
            let line = new.clone().flatten();
            out.push(AllocationChange {
                commit: Entry::of(&git.find_commit(oid)?),
                amount: line.as_ref().map(|(m, _)| *m),
                reason: line.map(|(_, r)| r).unwrap_or_default(),
                withdrawn: new.is_none(),
            });
            state = new;
        }
    }
    Ok(out)
}
