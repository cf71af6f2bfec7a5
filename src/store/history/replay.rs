//! Replaying a forum's first-parent history commit by commit, judging every transition.
//!
//! Fast by construction: only the forum's subtree is diffed (by oid, so unchanged folders are
//! skipped), only changed record blobs are read, parsed records are cached by blob oid, and
//! the snapshots before and after a commit are updated in place, never copied whole (`replay::pair`).

use crate::domain::decision::{Deed, authority};
use crate::domain::phase::reproduce::unexplained;
use crate::domain::phase::{DecisionKind, Gate, Move, judge};
use crate::domain::records::Member;
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::store::error::StoreError;
use crate::store::history::{Entry, Message, first_parent, parse_message};
mod pair;

use crate::store::layout::{FORUMS, Place, classify};
use crate::store::repo::ForumRepo;
use git2::{Oid, Tree};
use pair::{Pair, Touched};
use serde::Serialize;
use std::collections::BTreeMap;
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
    /// Commits replayed (the whole first-parent history up to the tip).
    pub commits: usize,
    /// Commits that changed the forum's records.
    pub changes: usize,
    /// Decision commits (with a `Decision:` trailer) that changed the forum.
    pub decisions: usize,
    /// The members who decided, by id, sorted.
    pub deciders: Vec<String>,
    /// The oldest and the newest commit replayed (full hashes).
    pub first: Option<String>,
    pub last: Option<String>,
    /// The first commit that broke a rule (the first of `violations`).
    pub broken: Option<Broken>,
    /// Every commit that broke a rule, oldest first; the replay goes on after each.
    pub violations: Vec<Broken>,
}

/// Replays the first-parent history of `tip` for one forum, judging every commit, and names
/// every commit that broke a rule.
pub fn verify(repo: &ForumRepo, forum: &str, tip: Oid) -> Result<Verdict, StoreError> {
    let git = &repo.repo;
    let prefix = format!("{FORUMS}/{forum}");
    let mut pair = Pair::new(forum);
    let mut old_tree: Option<Tree> = None;
    let mut verdict = Verdict {
        forum: forum.to_string(),
        commits: 0,
        changes: 0,
        decisions: 0,
        deciders: Vec::new(),
        first: None,
        last: None,
        broken: None,
        violations: Vec::new(),
    };
    let mut deciders = std::collections::BTreeSet::new();
    // The members as the rules left them, once a broken commit changed them.
    let mut trusted: Option<Vec<Member>> = None;
    for oid in first_parent(repo, tip)? {
        verdict.commits += 1;
        if verdict.first.is_none() {
            verdict.first = Some(oid.to_string());
        }
        verdict.last = Some(oid.to_string());
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
        old_tree = new_tree;
        let message = parse_message(&String::from_utf8_lossy(commit.message_bytes()));
        // A reorganisation is judged whole: merging silos can change what the rule funds.
        let reorg = message.trailers.kind() == Some(DecisionKind::Reorg);
        let light = pair.after.is_some() && !reorg && touched.iter().all(|(p, _)| is_light(p));
        pair.advance(git, &touched, reorg);
        if message.trailers.kind().is_some() {
            verdict.decisions += 1;
            if let Some(by) = &message.trailers.decided_by {
                deciders.insert(by.clone());
            }
        }
        let author = commit.author();
        let author = (
            String::from_utf8_lossy(author.name_bytes()).into_owned(),
            String::from_utf8_lossy(author.email_bytes()).into_owned(),
        );
        let broken = judge_commit(
            &pair,
            &touched,
            light,
            &message,
            &author,
            trusted.as_deref(),
        );
        trusted = keep_trust(trusted, &pair, broken.is_some());
        if let Some(broken) = broken {
            verdict.violations.push(Broken {
                entry: Entry::of(&commit),
                rule: broken.0,
                messages: broken.1,
            });
        }
        pair.settle(git);
    }
    verdict.deciders = deciders.into_iter().collect();
    verdict.broken = verdict.violations.first().cloned();
    Ok(verdict)
}

/// The members whose roles give authority after this commit: unchanged while the members are
/// as the rules left them; the members before a broken commit that changed them (a role taken
/// by hand gives nothing); after a clean change, its members with the roles the rules gave.
fn keep_trust(trusted: Option<Vec<Member>>, pair: &Pair, broken: bool) -> Option<Vec<Member>> {
    let (Some(before), Some(after)) = (pair.before.as_ref(), pair.after.as_ref()) else {
        return trusted;
    };
    let (was, now) = (&before.forum.members, &after.forum.members);
    if was == now {
        return trusted;
    }
    if broken {
        return trusted.or_else(|| Some(was.clone()));
    }
    let kept = trusted?;
    let merged: Vec<Member> = now
        .iter()
        .map(|m| {
            let mut m = m.clone();
            if let Some(k) = kept.iter().find(|k| k.id == m.id) {
                m.role = k.role;
            }
            m
        })
        .collect();
    (merged != *now).then_some(merged)
}

/// The first broken rule's name and every message, when the commit (`pair.before` →
/// `pair.after`) breaks a gate.
fn judge_commit(
    pair: &Pair,
    touched: &[Touched],
    light: bool,
    message: &Message,
    author: &(String, String),
    trusted: Option<&[Member]>,
) -> Option<(String, Vec<String>)> {
    let after = pair.after.as_ref()?;
    let before = pair.before.as_ref();
    let by = Move {
        kind: message.trailers.kind(),
        reason: &message.reason,
    };
    let judged = if light {
        // Only records no gate compares changed (besides scorecards): judge the scorecards
        // that moved, inside the forum's settings, without copying the forum.
        let (old_cards, new_cards) = (
            light_scores(before, touched),
            light_scores(Some(after), touched),
        );
        judge(
            Some(&old_cards.with_forum(after)),
            &new_cards.with_forum(after),
            by,
        )
    } else {
        judge(before, after, by)
    };
    let mut violations: Vec<(String, String)> = judged
        .into_iter()
        .map(|v| (v.gate.name().to_string(), v.message))
        .collect();
    // Who may change what: the same definitions a decision is made with.
    let changed: Vec<RecordRef> = touched
        .iter()
        .filter_map(|(path, _)| match classify(path) {
            Place::Record { record, .. } => Some(record),
            Place::Stray { .. } => None,
        })
        .collect();
    let decider = message.trailers.decided_by.as_deref().unwrap_or_default();
    let present: Vec<String> = message.trailers.present.clone();
    let authority = authority(
        before,
        after,
        &changed,
        &Deed {
            kind: by.kind,
            decided_by: decider,
            present: &present,
            reason: &message.reason,
            approved_by: &message.trailers.approved_by,
            author: Some((&author.0, &author.1)),
            trusted,
        },
    );
    let hand_edit = authority.iter().any(|v| v.gate == Gate::HandEdit);
    violations.retain(|(rule, _)| !(hand_edit && rule == Gate::HandEdit.name()));
    violations.extend(
        authority
            .into_iter()
            .map(|v| (v.gate.name().to_string(), v.message)),
    );
    // A light commit can move the scores the allocation's rule is solved from.
    let allocation_moved = light || before.is_none_or(|b| b.allocation != after.allocation);
    if violations.is_empty() && allocation_moved {
        violations.extend(
            unexplained(after)
                .into_iter()
                .map(|m| ("allocation-reproducible".to_string(), m)),
        );
    }
    let rule = violations.first()?.0.clone();
    Some((rule, violations.into_iter().map(|(_, m)| m).collect()))
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
            RecordKind::Scorecard
                | RecordKind::Ballot
                | RecordKind::Evidence
                | RecordKind::Silo
                | RecordKind::Action
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
