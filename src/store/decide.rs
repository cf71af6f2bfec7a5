//! A decision → one git commit on the forum's branch, moved with a compare-and-swap.
//!
//! The new tree is built in memory from the branch tip (never through the shared index), the
//! new forum is re-assembled from the very bytes that will be written and judged by the phase
//! gates, and only then are objects written and the branch moved from its old value. When the
//! branch is checked out, the work tree and index are brought along for the changed files only.
//! A caller holding the forum at the tip ([`decide_held`]) has only the changed files decoded
//! and applied to it (`held`); otherwise the whole forum is read again ([`prepare`]).

mod branch;
mod held;
mod identity;
pub mod journal;
pub mod seal;
mod sign;
mod tree;
pub mod worktree;
mod write;

pub use branch::{BRANCH_KEY, named_forum_branch};
use branch::{durable_objects, short};
pub use identity::parse_git_date;
use identity::{identity, who};
use write::{NOTHING, refuse, write};

use crate::domain::decision::{Deed, Plan, Written, authority};
use crate::domain::phase::{DecisionKind, Move, Violation, judge};
use crate::domain::snapshot::{RecordRef, Snapshot};
use crate::store::error::StoreError;
use crate::store::housekeeping;
use crate::store::repo::{Decoded, ForumRepo, Loaded, combine, decode_file};
use crate::store::source::{self, Listing, RawFile};
use git2::{ErrorCode, Oid};
use serde::Serialize;
use std::collections::BTreeMap;

/// File changes by repository path: the new bytes, or `None` to delete the file.
pub type Changes = BTreeMap<String, Option<Vec<u8>>>;

/// One decision, ready to be written as a commit.
#[derive(Debug, Clone)]
pub struct Decision {
    /// The forum id (the `Forum:` trailer).
    pub forum: String,
    pub kind: DecisionKind,
    /// The commit's first line.
    pub summary: String,
    /// The commit's body: why.
    pub reason: String,
    /// The deciding member's id; the commit's author is this member.
    pub decided_by: String,
    /// Member ids present; empty means the decider alone.
    pub present: Vec<String>,
    pub changes: Changes,
    /// A second parent (e.g. the proposal branch an `accept` merges).
    pub merge: Option<Oid>,
    /// For an `accept` of a shared initiative: the contributing leads who approved it (the
    /// `Approved-By:` trailer, written only when not empty).
    pub approved_by: Vec<String>,
    /// A fixed time (seconds since the epoch, offset in minutes) for author and committer;
    /// `None` uses `GIT_AUTHOR_DATE`/`GIT_COMMITTER_DATE` when set, else now.
    pub when: Option<(i64, i32)>,
}

/// What a decision wrote.
#[derive(Debug, Clone)]
pub struct Decided {
    pub commit: Oid,
    /// The branch moved (a full ref name).
    pub branch: String,
    /// The forum as it stands after the decision.
    pub loaded: Loaded,
}

/// The new forum a decision would produce, judged but not written.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub before: Option<Snapshot>,
    pub after: Loaded,
    /// Broken gates; the decision is refused when there is any.
    pub violations: Vec<Violation>,
}

impl Decision {
    /// A decision with no changes yet.
    pub fn new(
        forum: impl Into<String>,
        kind: DecisionKind,
        summary: impl Into<String>,
        reason: impl Into<String>,
        decided_by: impl Into<String>,
    ) -> Self {
        Decision {
            forum: forum.into(),
            kind,
            summary: summary.into(),
            reason: reason.into(),
            decided_by: decided_by.into(),
            present: Vec::new(),
            changes: Changes::new(),
            merge: None,
            approved_by: Vec::new(),
            when: None,
        }
    }

    /// The decision the one builder planned ([`crate::domain::decision::plan`]): its kind,
    /// summary and records, by `decided_by` with `reason`, `present` in the room.
    pub fn planned(
        forum: impl Into<String>,
        plan: &Plan,
        reason: impl Into<String>,
        decided_by: impl Into<String>,
        present: Vec<String>,
    ) -> Result<Self, StoreError> {
        let mut d = Decision::new(forum, plan.kind, plan.summary.clone(), reason, decided_by);
        d.present = present;
        for (record, written) in &plan.writes {
            match written {
                Written::Forum(x) => d.put(record, x)?,
                Written::Ranking(x) => d.put(record, x)?,
                Written::Scorecard(x) => d.put(record, x)?,
                Written::Allocation(x) => d.put(record, x)?,
                Written::Ballot(x) => d.put(record, x)?,
                Written::Evidence(x) => d.put(record, x)?,
                Written::Priority(x) => d.put(record, x)?,
                Written::Withdrawn => d.remove(record),
            }
        }
        Ok(d)
    }

    /// Writes (or replaces) one record of this forum.
    pub fn put<T: Serialize>(&mut self, record: &RecordRef, value: &T) -> Result<(), StoreError> {
        let bytes = to_ron(value)?;
        self.changes
            .insert(record.repo_path(&self.forum), Some(bytes));
        Ok(())
    }

    /// Deletes one record of this forum.
    pub fn remove(&mut self, record: &RecordRef) {
        self.changes.insert(record.repo_path(&self.forum), None);
    }

    /// The commit message: summary, blank line, reason, blank line, trailers.
    pub fn message(&self) -> String {
        let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut msg = one_line(&self.summary);
        msg.push_str("\n\n");
        // Control, bidi and invisible characters never reach a commit message.
        let reason = crate::domain::text::sanitize_multiline(self.reason.trim());
        if !reason.is_empty() {
            msg.push_str(&reason);
            msg.push_str("\n\n");
        }
        let present = if self.present.is_empty() {
            one_line(&self.decided_by)
        } else {
            self.present
                .iter()
                .map(|p| one_line(p))
                .collect::<Vec<_>>()
                .join(", ")
        };
        msg.push_str(&format!(
            "Forum: {}\nDecision: {}\nDecided-By: {}\nPresent: {}\n",
            one_line(&self.forum),
            self.kind.name(),
            one_line(&self.decided_by),
            present
        ));
        if !self.approved_by.is_empty() {
            let ids: Vec<String> = self.approved_by.iter().map(|p| one_line(p)).collect();
            msg.push_str(&format!("Approved-By: {}\n", ids.join(", ")));
        }
        msg
    }
}

/// Serialises a record as readable, stable RON (the same bytes for the same record).
pub fn to_ron<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ".to_string())
        .struct_names(true)
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let mut text = ron::Options::default()
        .to_string_pretty(value, config)
        .map_err(|e| StoreError::Refused(format!("cannot write the record: {e}")))?;
    text.push('\n');
    Ok(text.into_bytes())
}

/// The forum's branch (a full ref name such as `refs/heads/main`: `roundtable.branch` in git
/// config, else `main`), refused unless it is checked out (see [`branch::checked_out_forum_branch`]).
pub fn forum_branch(repo: &ForumRepo) -> Result<String, StoreError> {
    branch::checked_out_forum_branch(&repo.repo)
}

/// The commit a branch points at, or `None` when it does not exist yet.
pub fn branch_tip(repo: &ForumRepo, branch: &str) -> Result<Option<Oid>, StoreError> {
    match repo.repo.find_reference(branch) {
        Ok(r) => Ok(r.resolve()?.target()),
        Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Computes and judges the forum a decision would produce on top of `expected`.
pub fn prepare(
    repo: &ForumRepo,
    expected: Option<Oid>,
    decision: &Decision,
) -> Result<Prepared, StoreError> {
    let base = match expected {
        Some(oid) => Some(repo.repo.find_commit(oid)?.tree()?),
        None => None,
    };
    let listing = match &base {
        Some(tree) => source::read_tree(&repo.repo, tree, &decision.forum),
        None => Listing::default(),
    };
    // Every file is decoded once: the forum before, and after with only the changed files
    // decoded again.
    let decoded: Vec<Decoded> = listing.files.into_iter().map(decode_file).collect();
    let before = match expected {
        Some(_) if !decoded.is_empty() => combine(&decision.forum, decoded.clone(), Vec::new())
            .ok()
            .map(|l| l.snapshot),
        _ => None,
    };
    let after = combine(
        &decision.forum,
        apply(decoded, &decision.changes),
        listing.problems,
    )
    .map_err(|e| StoreError::Refused(format!("the decision would break the forum: {e}")))?;
    // The gates speak first: they name the facilitator's rule, not the record's symptom.
    let mut violations = judge(
        before.as_ref(),
        &after.snapshot,
        Move {
            kind: Some(decision.kind),
            reason: &decision.reason,
        },
    );
    violations.extend(authority_of(
        before.as_ref(),
        &after.snapshot,
        &changed_records(decision),
        decision,
    ));
    let broken: Vec<String> = after
        .problems
        .iter()
        .filter(|p| p.is_error() && decision.changes.contains_key(&p.path))
        .map(ToString::to_string)
        .collect();
    if violations.is_empty() && !broken.is_empty() {
        return Err(StoreError::Refused(format!(
            "the decision would write a broken record: {}",
            broken.join("; ")
        )));
    }
    Ok(Prepared {
        before,
        after,
        violations,
    })
}

/// The records a decision changes (files outside the forum's records are left to the gates).
fn changed_records(decision: &Decision) -> Vec<RecordRef> {
    decision
        .changes
        .keys()
        .filter_map(|path| match crate::store::layout::classify(path) {
            crate::store::layout::Place::Record { forum, record } if forum == decision.forum => {
                Some(record)
            }
            _ => None,
        })
        .collect()
}

/// The authority model on a decision being made: its decider, `Present`, the phase and the
/// records it changes (its author will be the decider, so that is not checked here).
fn authority_of(
    before: Option<&Snapshot>,
    after: &Snapshot,
    changed: &[RecordRef],
    decision: &Decision,
) -> Vec<Violation> {
    let present = if decision.present.is_empty() {
        std::slice::from_ref(&decision.decided_by)
    } else {
        &decision.present[..]
    };
    authority(
        before,
        after,
        changed,
        &Deed {
            kind: Some(decision.kind),
            decided_by: &decision.decided_by,
            present,
            reason: &decision.reason,
            approved_by: &decision.approved_by,
            author: None,
            trusted: None,
        },
    )
}

/// The decoded files with the decision's changes applied, in path order.
fn apply(decoded: Vec<Decoded>, changes: &Changes) -> Vec<Decoded> {
    let mut files: BTreeMap<String, Decoded> = decoded
        .into_iter()
        .map(|d| match &d {
            Decoded::Record { path, .. } => (path.clone(), d),
            Decoded::Skipped(p) => (p.path.clone(), d),
        })
        .filter(|(path, _)| !changes.contains_key(path))
        .collect();
    for (path, bytes) in changes {
        if let Some(bytes) = bytes {
            let file = RawFile {
                path: path.clone(),
                bytes: bytes.clone(),
            };
            files.insert(path.clone(), decode_file(file));
        }
    }
    files.into_values().collect()
}

/// Writes a decision as one commit on `branch`, which must still point at `expected`
/// (`None`: the branch must not exist yet). Refused by the gates → [`StoreError::Refused`];
/// the branch moved → [`StoreError::Moved`] and nothing is written. Afterwards, like
/// `git commit`, loose objects are packed when there are many (`git gc --auto`).
pub fn decide(
    repo: &ForumRepo,
    branch: &str,
    expected: Option<Oid>,
    decision: &Decision,
) -> Result<Decided, StoreError> {
    decide_held(repo, branch, expected, decision, &mut None)
}

/// [`decide`] on the forum the caller holds (`held`, as loaded at `expected`): only the
/// changed files are decoded and validated where the change reaches, instead of the whole
/// forum being read again. On success `held` is taken and returned, changed, as
/// [`Decided::loaded`]; on a refusal or an error it is left as it was. A held forum of
/// another commit, or none, takes the whole path; the answer is the same either way.
pub fn decide_held(
    repo: &ForumRepo,
    branch: &str,
    expected: Option<Oid>,
    decision: &Decision,
    held: &mut Option<Loaded>,
) -> Result<Decided, StoreError> {
    let decided = decide_locked(repo, branch, expected, decision, held)?;
    housekeeping::pack_if_needed(repo.repo.path());
    Ok(decided)
}

fn decide_locked(
    repo: &ForumRepo,
    branch: &str,
    expected: Option<Oid>,
    decision: &Decision,
    held: &mut Option<Loaded>,
) -> Result<Decided, StoreError> {
    let git = &repo.repo;
    durable_objects(git);
    let checked_out = worktree::is_checked_out(git, branch);
    // roundtable's writers take turns; a git lock seen while holding the turn is foreign.
    let _guard = worktree::lock(git)?;
    if checked_out {
        journal::recover(git, branch_tip(repo, branch)?)?;
    }
    worktree::check_locks(git, branch, checked_out)?;
    if branch_tip(repo, branch)? != expected {
        return Err(StoreError::Moved {
            branch: short(branch),
        });
    }
    if checked_out {
        let dirty = worktree::dirty_files(git, &decision.changes);
        if !dirty.is_empty() {
            return Err(StoreError::DirtyFiles(dirty));
        }
    }
    let write =
        |who, seal: &seal::Seal| write(git, branch, expected, decision, (who, seal), checked_out);
    if let Some(h) = held
        .as_mut()
        .filter(|h| h.commit.is_some() && h.commit == expected)
        && let Some(applied) = held::apply(h, decision)
    {
        let written = refuse(
            &applied.violations,
            &h.problems,
            decision,
            applied.unchanged,
        )
        .and_then(|()| {
            identity::present(
                &decision.present,
                |id| applied.member(&h.snapshot, id).is_some(),
                &h.snapshot.forum.members,
            )
        })
        .and_then(|()| {
            let member = applied.member(&h.snapshot, &decision.decided_by);
            let before = applied.old_forum().unwrap_or(&h.snapshot.forum);
            let seal = seal::seal(Some(before), &h.snapshot.forum, member, decision);
            write(who(member, &decision.decided_by)?, &seal)
        });
        let commit = match written {
            Ok(commit) => commit,
            Err(e) => {
                applied.undo(h);
                return Err(e);
            }
        };
        h.commit = Some(commit);
        if let Some(loaded) = held.take() {
            return Ok(Decided {
                commit,
                branch: branch.to_string(),
                loaded,
            });
        }
    }
    let prepared = prepare(repo, expected, decision)?;
    if !prepared.violations.is_empty() {
        return Err(StoreError::Broken(prepared.violations));
    }
    if decision.merge.is_none() && prepared.before.as_ref() == Some(&prepared.after.snapshot) {
        return Err(StoreError::Refused(NOTHING.into()));
    }
    identity::present(
        &decision.present,
        |id| {
            prepared.after.snapshot.member(id).is_some()
                || prepared
                    .before
                    .as_ref()
                    .is_some_and(|b| b.member(id).is_some())
        },
        &prepared.after.snapshot.forum.members,
    )?;
    let member = prepared
        .after
        .snapshot
        .member(&decision.decided_by)
        .or_else(|| {
            prepared
                .before
                .as_ref()
                .and_then(|b| b.member(&decision.decided_by))
        });
    let seal = seal::seal(
        prepared.before.as_ref().map(|b| &b.forum),
        &prepared.after.snapshot.forum,
        member,
        decision,
    );
    let commit = write(identity(&prepared, &decision.decided_by)?, &seal)?;
    let mut loaded = prepared.after;
    loaded.commit = Some(commit);
    Ok(Decided {
        commit,
        branch: branch.to_string(),
        loaded,
    })
}

#[cfg(test)]
mod tests;
