//! Moving the local forum branch to another commit with a compare-and-swap, bringing the
//! checked-out work tree and index along for the files that differ (never over an edit).

use crate::store::decide::{Changes, worktree};
use crate::store::error::StoreError;
use crate::store::repo::ForumRepo;
use git2::{ErrorCode, Oid, Repository};

/// The files that differ from `from` (`None`: nothing) to `to`: new bytes, or `None` when
/// the file is gone.
pub fn changes_between(
    git: &Repository,
    from: Option<Oid>,
    to: Oid,
) -> Result<Changes, StoreError> {
    let old = from.map(|o| git.find_commit(o)?.tree()).transpose()?;
    let new = git.find_commit(to)?.tree()?;
    let diff = git.diff_tree_to_tree(old.as_ref(), Some(&new), None)?;
    let mut changes = Changes::new();
    for delta in diff.deltas() {
        let file = delta.new_file();
        let Some(path) = file.path().or_else(|| delta.old_file().path()) else {
            continue;
        };
        let path = path.to_string_lossy().into_owned();
        let bytes = if delta.status() == git2::Delta::Deleted {
            None
        } else {
            Some(git.find_blob(file.id())?.content().to_vec())
        };
        changes.insert(path, bytes);
    }
    Ok(changes)
}

/// Moves `branch` from `from` to `to`; when it is checked out, the files that differ are
/// written and staged, and an uncommitted edit to any of them refuses the move.
pub fn move_to(
    repo: &ForumRepo,
    branch: &str,
    from: Option<Oid>,
    to: Oid,
) -> Result<(), StoreError> {
    let git = &repo.repo;
    let checked_out = worktree::is_checked_out(git, branch);
    let _guard = worktree::lock(git)?;
    worktree::check_locks(git, branch, checked_out)?;
    let short = branch.strip_prefix("refs/heads/").unwrap_or(branch);
    let moved = || StoreError::Moved {
        branch: short.to_string(),
    };
    if crate::store::decide::branch_tip(repo, branch)? != from {
        return Err(moved());
    }
    let changes = if checked_out {
        changes_between(git, from, to)?
    } else {
        Changes::new()
    };
    let dirty = worktree::dirty_files(git, &changes);
    if !dirty.is_empty() {
        return Err(StoreError::DirtyFiles(dirty));
    }
    let log = format!("roundtable sync: {short} to {to}");
    let result = match from {
        Some(old) => git.reference_matching(branch, to, true, old, &log),
        None => git.reference(branch, to, false, &log),
    };
    match result {
        Ok(_) => {}
        Err(e) if matches!(e.code(), ErrorCode::Modified | ErrorCode::Exists) => {
            return Err(moved());
        }
        Err(e) => return Err(e.into()),
    }
    if checked_out {
        worktree::update(git, &changes)?;
    }
    Ok(())
}
