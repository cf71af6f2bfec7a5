//! Replaying a forum's first-parent history commit by commit, judging every transition.
//!
//! Fast by construction: only the forum's subtree is diffed (by oid, so unchanged folders are
//! skipped), only changed record blobs are read, and parsed records are cached by blob oid.

use crate::domain::phase::reproduce::unexplained;
use crate::domain::phase::{DecisionKind, Move, judge};
use crate::domain::records::Forum;
use crate::domain::snapshot::{Proposal, RecordKind, RecordRef, Snapshot};
use crate::store::decode::{AnyRecord, decode};
use crate::store::error::StoreError;
use crate::store::history::{Entry, first_parent, parse_message};
use crate::store::layout::{FORUMS, Place, classify};
use crate::store::repo::ForumRepo;
use git2::{Oid, Tree};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The first commit that broke a rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Broken {
    /// The commit as the decision log shows it (hash, date, author, trailers).
    pub entry: Entry,
    /// The gate's short name (`ranking-locked`, `hand-edit`, …).
    pub rule: String,
    /// Every message of that commit, for people.
    pub messages: Vec<String>,
}

/// The outcome of a replay.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub forum: String,
    /// Commits replayed (the first-parent history up to the tip, or up to the broken one).
    pub commits: usize,
    /// Commits that changed the forum's records.
    pub changes: usize,
    pub broken: Option<Broken>,
}

/// Parses blobs once per (oid, kind).
#[derive(Default)]
struct Cache {
    parsed: HashMap<(Oid, RecordKind), Option<AnyRecord>>,
}

impl Cache {
    fn get(
        &mut self,
        repo: &git2::Repository,
        oid: Oid,
        path: &str,
        kind: RecordKind,
    ) -> Option<AnyRecord> {
        self.parsed
            .entry((oid, kind))
            .or_insert_with(|| {
                let blob = repo.find_blob(oid).ok()?;
                decode(path, kind, blob.content()).ok()
            })
            .clone()
    }
}

/// Replays the first-parent history of `tip` for one forum and stops at the first broken rule.
pub fn verify(repo: &ForumRepo, forum: &str, tip: Oid) -> Result<Verdict, StoreError> {
    let git = &repo.repo;
    let prefix = format!("{FORUMS}/{forum}");
    let mut cache = Cache::default();
    let mut files: BTreeMap<String, Oid> = BTreeMap::new();
    let mut current: Option<Snapshot> = None;
    let mut old_tree: Option<Tree> = None;
    let mut verdict = Verdict {
        forum: forum.to_string(),
        commits: 0,
        changes: 0,
        broken: None,
    };
    for oid in first_parent(repo, tip)? {
        verdict.commits += 1;
        let commit = git.find_commit(oid)?;
        let new_tree = match commit.tree()?.get_path(Path::new(&prefix)) {
            Ok(entry) => git.find_tree(entry.id()).ok(),
            Err(_) => None,
        };
        if old_tree.as_ref().map(Tree::id) == new_tree.as_ref().map(Tree::id) {
            continue;
        }
        verdict.changes += 1;
        let mut touched = Vec::new();
        changed_files(
            git,
            old_tree.as_ref(),
            new_tree.as_ref(),
            &prefix,
            &mut touched,
        )?;
        for (path, blob) in &touched {
            match blob {
                Some(oid) => files.insert(path.clone(), *oid),
                None => files.remove(path),
            };
        }
        old_tree = new_tree;
        let message = parse_message(&String::from_utf8_lossy(commit.message_bytes()));
        // A reorganisation is judged whole: merging silos can change what the rule funds.
        let light = current.is_some()
            && message.trailers.kind() != Some(DecisionKind::Reorg)
            && touched.iter().all(|(p, _)| is_light(p));
        let (before, light_pair) = if light {
            (None, Some(light_scores(current.as_ref(), &touched)))
        } else {
            (current.clone(), None)
        };
        current = match current.take() {
            Some(mut snap) if !touched.iter().any(|(p, _)| p.ends_with("/forum.ron")) => {
                // Deletions first: an initiative moved to another silo's folder is removed
                // from the old one before it is put in the new one.
                let (gone, kept): (Vec<_>, Vec<_>) = touched.iter().partition(|(_, b)| b.is_none());
                for (path, blob) in gone.into_iter().chain(kept) {
                    apply(git, &mut cache, &mut snap, path, *blob);
                }
                Some(snap)
            }
            _ => rebuild(git, &mut cache, forum, &files),
        };
        let Some(after) = &current else { continue };
        let by = Move {
            kind: message.trailers.kind(),
            reason: &message.reason,
        };
        let judged = match light_pair {
            // Only records no gate compares changed (besides scorecards): judge the
            // scorecards that moved, inside the forum's settings, without cloning the forum.
            Some(old_cards) => {
                let new_cards = light_scores(Some(after), &touched);
                judge(
                    Some(&old_cards.with_forum(after)),
                    &new_cards.with_forum(after),
                    by,
                )
            }
            None => judge(before.as_ref(), after, by),
        };
        let mut violations: Vec<(String, String)> = judged
            .into_iter()
            .map(|v| (v.gate.name().to_string(), v.message))
            .collect();
        if let Some(kind) = by.kind.filter(|k| k.needs_facilitator()) {
            let who = message.trailers.decided_by.as_deref().unwrap_or_default();
            let facilitator = after
                .member(who)
                .is_some_and(|m| m.role == crate::domain::records::Role::Facilitator);
            if !facilitator {
                violations.push((
                    "facilitator".to_string(),
                    format!("a {kind} decision must be made by a facilitator; `{who}` is not one"),
                ));
            }
        }
        let allocation_moved = before
            .as_ref()
            .is_none_or(|b| b.allocation != after.allocation);
        if violations.is_empty() && allocation_moved {
            violations.extend(
                unexplained(after)
                    .into_iter()
                    .map(|m| ("allocation-reproducible".to_string(), m)),
            );
        }
        if let Some((rule, _)) = violations.first() {
            verdict.broken = Some(Broken {
                entry: Entry::of(&commit),
                rule: rule.clone(),
                messages: violations.iter().map(|(_, m)| m.clone()).collect(),
            });
            return Ok(verdict);
        }
    }
    Ok(verdict)
}

/// The files that differ between two trees, by oid: equal subtrees are skipped unread.
fn changed_files(
    git: &git2::Repository,
    old: Option<&Tree>,
    new: Option<&Tree>,
    prefix: &str,
    out: &mut Vec<(String, Option<Oid>)>,
) -> Result<(), StoreError> {
    let entries = |t: Option<&Tree>| -> BTreeMap<String, (Oid, bool)> {
        t.map(|t| {
            t.iter()
                .filter_map(|e| {
                    let name = e.name().ok()?.to_string();
                    Some((name, (e.id(), e.kind() == Some(git2::ObjectType::Tree))))
                })
                .collect()
        })
        .unwrap_or_default()
    };
    let (old_entries, new_entries) = (entries(old), entries(new));
    let names: std::collections::BTreeSet<&String> =
        old_entries.keys().chain(new_entries.keys()).collect();
    for name in names {
        let path = format!("{prefix}/{name}");
        let (before, after) = (old_entries.get(name), new_entries.get(name));
        if before.map(|b| b.0) == after.map(|a| a.0) {
            continue;
        }
        let old_sub = match before {
            Some((oid, true)) => Some(git.find_tree(*oid)?),
            _ => None,
        };
        match after {
            Some((oid, true)) => {
                let new_sub = git.find_tree(*oid)?;
                changed_files(git, old_sub.as_ref(), Some(&new_sub), &path, out)?;
                if before.is_some_and(|b| !b.1) {
                    out.push((path, None));
                }
            }
            Some((oid, false)) => {
                if old_sub.is_some() {
                    changed_files(git, old_sub.as_ref(), None, &path, out)?;
                }
                out.push((path, Some(*oid)));
            }
            None => match old_sub {
                Some(sub) => changed_files(git, Some(&sub), None, &path, out)?,
                None => out.push((path, None)),
            },
        }
    }
    Ok(())
}

/// True for records no gate compares except scorecards: they take the light path.
fn is_light(path: &str) -> bool {
    match classify(path) {
        Place::Record { record, .. } => matches!(
            record.kind,
            RecordKind::Scorecard | RecordKind::Ballot | RecordKind::Evidence | RecordKind::Silo
        ),
        Place::Stray { .. } => true,
    }
}

/// The touched scorecards of a snapshot, to judge a light commit.
struct Cards(crate::domain::records::IdMap<crate::domain::records::Scorecard>);

impl Cards {
    fn with_forum(self, after: &Snapshot) -> Snapshot {
        let mut s = Snapshot::new(after.id.clone(), after.forum.clone());
        s.scorecards = self.0;
        s
    }
}

fn light_scores(snap: Option<&Snapshot>, touched: &[(String, Option<Oid>)]) -> Cards {
    let mut cards = crate::domain::records::IdMap::new();
    for (path, _) in touched {
        if let Place::Record { record, .. } = classify(path)
            && record.kind == RecordKind::Scorecard
            && let Some(card) = snap.and_then(|s| s.scorecards.get(&record.id))
        {
            cards.insert(record.id.clone(), card.clone());
        }
    }
    Cards(cards)
}

fn rebuild(
    git: &git2::Repository,
    cache: &mut Cache,
    forum: &str,
    files: &BTreeMap<String, Oid>,
) -> Option<Snapshot> {
    let path = format!("{FORUMS}/{forum}/forum.ron");
    let oid = files.get(&path)?;
    let Some(AnyRecord::Forum(f)) = cache.get(git, *oid, &path, RecordKind::Forum) else {
        return None;
    };
    let mut snap = Snapshot::new(forum, Forum::clone(&f));
    for (path, oid) in files {
        apply(git, cache, &mut snap, path, Some(*oid));
    }
    Some(snap)
}

fn apply(
    git: &git2::Repository,
    cache: &mut Cache,
    snap: &mut Snapshot,
    path: &str,
    blob: Option<Oid>,
) {
    let Place::Record { record, .. } = classify(path) else {
        return;
    };
    let parsed = blob.and_then(|oid| cache.get(git, oid, path, record.kind));
    put(snap, &record, parsed);
}

/// Puts one record into a snapshot (`None` removes it), as `repo::assemble` would.
fn put(snap: &mut Snapshot, record: &RecordRef, value: Option<AnyRecord>) {
    let id = record.id.clone();
    match (record.kind, value) {
        (RecordKind::Forum, Some(AnyRecord::Forum(f))) => snap.forum = f,
        (RecordKind::Silo, Some(AnyRecord::Silo(r))) => {
            snap.silos.insert(id, r);
        }
        (RecordKind::Evidence, Some(AnyRecord::Evidence(r))) => {
            snap.evidence.insert(id, r);
        }
        (RecordKind::Priority, Some(AnyRecord::Priority(r))) => {
            snap.priorities.insert(id, r);
        }
        (RecordKind::Ballot, Some(AnyRecord::Ballot(r))) => {
            snap.ballots.insert(id, r);
        }
        (RecordKind::Scorecard, Some(AnyRecord::Scorecard(r))) => {
            snap.scorecards.insert(id, r);
        }
        (RecordKind::Ranking, Some(AnyRecord::Ranking(r))) => snap.ranking = Some(r),
        (RecordKind::Allocation, Some(AnyRecord::Allocation(r))) => snap.allocation = Some(r),
        (RecordKind::Initiative, Some(AnyRecord::Initiative(r))) => {
            let silo = record.silo.clone().unwrap_or_default();
            let taken = snap.initiatives.get(&id).is_some_and(|p| p.silo != silo);
            if !taken {
                snap.initiatives.insert(
                    id,
                    Proposal {
                        silo,
                        initiative: r,
                    },
                );
            }
        }
        (RecordKind::Forum, _) => {}
        (RecordKind::Silo, _) => {
            snap.silos.remove(&id);
        }
        (RecordKind::Evidence, _) => {
            snap.evidence.remove(&id);
        }
        (RecordKind::Priority, _) => {
            snap.priorities.remove(&id);
        }
        (RecordKind::Ballot, _) => {
            snap.ballots.remove(&id);
        }
        (RecordKind::Scorecard, _) => {
            snap.scorecards.remove(&id);
        }
        (RecordKind::Ranking, _) => snap.ranking = None,
        (RecordKind::Allocation, _) => snap.allocation = None,
        (RecordKind::Initiative, _) => {
            let silo = record.silo.as_deref().unwrap_or_default();
            if snap.initiatives.get(&id).is_some_and(|p| p.silo == silo) {
                snap.initiatives.remove(&id);
            }
        }
    }
}
