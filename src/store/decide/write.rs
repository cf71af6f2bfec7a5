//! Writing a judged decision: the refusals in their order, the commit, the branch move and
//! the checked-out work tree.

use super::branch::move_branch;
use super::identity::signatures;
use super::seal::{Seal, anchor};
use super::{Decision, journal, sign, tree, worktree};
use crate::domain::phase::Violation;
use crate::store::error::StoreError;
use crate::store::problem::Problem;
use git2::{Oid, Repository};
use std::collections::BTreeMap;

pub(super) const NOTHING: &str = "nothing to decide: the records already say this";

/// The refusals of [`prepare`] and [`decide`], in their order, for a forum judged in place.
pub(super) fn refuse(
    violations: &[Violation],
    problems: &[Problem],
    decision: &Decision,
    unchanged: bool,
) -> Result<(), StoreError> {
    if !violations.is_empty() {
        return Err(StoreError::Broken(violations.to_vec()));
    }
    let broken: Vec<String> = problems
        .iter()
        .filter(|p| p.is_error() && decision.changes.contains_key(&p.path))
        .map(ToString::to_string)
        .collect();
    if !broken.is_empty() {
        return Err(StoreError::Refused(format!(
            "the decision would write a broken record: {}",
            broken.join("; ")
        )));
    }
    if decision.merge.is_none() && unchanged {
        return Err(StoreError::Refused(NOTHING.into()));
    }
    Ok(())
}

/// Writes the commit (signed when the seal asks), moves the branch and, when it is checked
/// out, the work tree and index; then the anchor tag of a decision that closes a stage.
pub(super) fn write(
    git: &Repository,
    branch: &str,
    expected: Option<Oid>,
    decision: &Decision,
    (who, seal): ((String, String), &Seal),
    checked_out: bool,
) -> Result<Oid, StoreError> {
    let (commit, author) = write_commit(git, expected, decision, who, seal)?;
    if checked_out {
        // The index is staged as git's index.lock before the branch moves: killed from here
        // until the note is cleared, no `git commit` can commit the old index over the
        // decision, and `roundtable recover` (or the next decision) finishes the job.
        worktree::refuse_links(git, &decision.changes)?;
        let staged = worktree::build_index(git, &decision.changes)?;
        journal::write(git, expected, commit, Some(staged))?;
        let lock = match worktree::lock_index(git) {
            Ok(lock) => lock,
            Err(e) => {
                journal::clear(git)?;
                return Err(e);
            }
        };
        if let Err(e) = move_branch(git, branch, expected, commit, &decision.summary) {
            lock.abandon()?;
            journal::clear(git)?;
            return Err(e);
        }
        worktree::write_files(git, &decision.changes)?;
        lock.commit()?;
        journal::clear(git)?;
    } else {
        move_branch(git, branch, expected, commit, &decision.summary)?;
    }
    if let Some(stage) = seal.anchor {
        anchor(git, decision, (stage, branch), commit, &author)?;
    }
    Ok(commit)
}

fn write_commit(
    git: &Repository,
    expected: Option<Oid>,
    decision: &Decision,
    who: (String, String),
    seal: &Seal,
) -> Result<(Oid, git2::Signature<'static>), StoreError> {
    let parent = expected.map(|oid| git.find_commit(oid)).transpose()?;
    let base = parent.as_ref().map(|c| c.tree()).transpose()?;
    let mut blobs = BTreeMap::new();
    for (path, bytes) in &decision.changes {
        let blob = bytes.as_ref().map(|b| git.blob(b)).transpose()?;
        blobs.insert(path.clone(), blob);
    }
    let tree = git.find_tree(tree::rebuild(git, base.as_ref(), &blobs)?)?;

    let (author, committer) = signatures(git, decision, who)?;
    let mut parents: Vec<git2::Commit> = parent.into_iter().collect();
    if let Some(merge) = decision.merge {
        parents.push(git.find_commit(merge)?);
    }
    let parent_refs: Vec<&git2::Commit> = parents.iter().collect();
    let message = decision.message();
    let commit = match &seal.sign {
        None => git.commit(None, &author, &committer, &message, &tree, &parent_refs)?,
        Some(key) => {
            let buffer =
                git.commit_create_buffer(&author, &committer, &message, &tree, &parent_refs)?;
            let signature = sign::sign(git, &buffer, key.as_deref(), &decision.decided_by)?;
            let text = String::from_utf8_lossy(&buffer);
            git.commit_signed(&text, &signature, Some("gpgsig"))?
        }
    };
    Ok((commit, author))
}
