//! A note of the decision in flight on a checked-out branch, so that a process killed between
//! moving the branch and updating the work tree is finished by `roundtable recover` or the
//! next decision.
//!
//! The note names the old and the new commit and the hash of the index the decision staged as
//! git's `index.lock` (see [`worktree::IndexLock`]): while that lock stands no `git commit`
//! can commit the old index over the decision. Recovery (holding the work-tree lock): when
//! the branch is at the new commit, every file the commit changed whose work-tree copy is
//! still the old or the new version is brought to the new one (a file edited by hand since is
//! left alone) and the staged index replaces the index. When the branch is still at the old
//! commit, nothing had been touched: the staged lock goes. Either way the note goes.

use crate::store::decide::worktree;
use crate::store::error::StoreError;
use git2::{ObjectType, Oid, Repository};
use std::collections::BTreeMap;
use std::path::Path;

/// The note's file name, inside the git directory.
pub const PENDING: &str = "roundtable-decide.pending";

fn io(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Writes the note (atomically: a temporary file renamed into place).
pub fn write(
    repo: &Repository,
    old: Option<Oid>,
    new: Oid,
    index: Option<Oid>,
) -> Result<(), StoreError> {
    let path = repo.path().join(PENDING);
    let tmp = repo.path().join(format!("{PENDING}.new"));
    let old = old.map(|o| o.to_string()).unwrap_or_else(|| "none".into());
    let mut text = format!("old {old}\nnew {new}\n");
    if let Some(index) = index {
        text.push_str(&format!("index {index}\n"));
    }
    std::fs::write(&tmp, text).map_err(|e| io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| io(&path, e))
}

/// The note of an interrupted decision, when one is waiting in this repository.
pub fn pending(repo: &Repository) -> Option<std::path::PathBuf> {
    let path = repo.path().join(PENDING);
    path.exists().then_some(path)
}

/// What recovery found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovered {
    /// No decision was interrupted.
    Nothing,
    /// The branch had moved: the work tree and index were brought to the decision.
    Finished(Oid),
    /// The branch had not moved: what the decision had staged was removed.
    Undone,
}

/// Removes the note (a missing note is fine).
pub fn clear(repo: &Repository) -> Result<(), StoreError> {
    let path = repo.path().join(PENDING);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io(&path, e)),
    }
}

struct Note {
    old: Option<Oid>,
    new: Oid,
    index: Option<Oid>,
}

fn parse(text: &str) -> Option<Note> {
    let mut old = None;
    let mut new = None;
    let mut index = None;
    for line in text.lines() {
        match line.split_once(' ') {
            Some(("old", "none")) => old = Some(None),
            Some(("old", id)) => old = Some(Some(Oid::from_str(id).ok()?)),
            Some(("new", id)) => new = Some(Oid::from_str(id).ok()?),
            Some(("index", id)) => index = Some(Oid::from_str(id).ok()?),
            _ => {}
        }
    }
    Some(Note {
        old: old?,
        new: new?,
        index,
    })
}

/// Finishes a decision a killed process left half-done (or undoes what it staged when the
/// branch never moved), then removes the note. A lock in the way that is not the decision's
/// own is refused as [`StoreError::Locked`], and the note stays.
pub fn recover(repo: &Repository, tip: Option<Oid>) -> Result<Recovered, StoreError> {
    let path = repo.path().join(PENDING);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Recovered::Nothing),
        Err(e) => return Err(io(&path, e)),
    };
    let _ = std::fs::remove_file(repo.path().join(worktree::STAGED));
    let Some(note) = parse(&text) else {
        clear(repo)?;
        return Ok(Recovered::Undone);
    };
    let ours = note.index.and_then(|h| worktree::IndexLock::ours(repo, h));
    let outcome = if tip == Some(note.new) {
        match ours {
            Some(lock) => {
                worktree::write_files(repo, &changes(repo, note.old, note.new, None)?)?;
                lock.commit()?;
            }
            None => {
                let lock = repo.path().join("index.lock");
                if lock.exists() {
                    return Err(StoreError::Locked {
                        path: lock.display().to_string(),
                    });
                }
                let index = repo.index()?;
                worktree::update(repo, &changes(repo, note.old, note.new, Some(&index))?)?;
            }
        }
        Recovered::Finished(note.new)
    } else {
        if let Some(lock) = ours {
            lock.abandon()?;
        }
        Recovered::Undone
    };
    clear(repo)?;
    Ok(outcome)
}

/// The files `new` changed from `old`, with their new content, where the work-tree copy (and,
/// given the index, its entry) is still the old or the new version: untouched by hand.
fn changes(
    repo: &Repository,
    old: Option<Oid>,
    new: Oid,
    index: Option<&git2::Index>,
) -> Result<BTreeMap<String, Option<Vec<u8>>>, StoreError> {
    let mut changes = BTreeMap::new();
    let Some(root) = repo.workdir() else {
        return Ok(changes);
    };
    let old_tree = old.map(|o| repo.find_commit(o)?.tree()).transpose()?;
    let new_tree = repo.find_commit(new)?.tree()?;
    let diff = repo.diff_tree_to_tree(old_tree.as_ref(), Some(&new_tree), None)?;
    let present = |id: Oid| (!id.is_zero()).then_some(id);
    for delta in diff.deltas() {
        let Some(rel) = delta.new_file().path().or(delta.old_file().path()) else {
            continue;
        };
        let was = present(delta.old_file().id());
        let now = present(delta.new_file().id());
        let staged = match index {
            Some(index) => index.get_path(rel, 0).map(|e| e.id),
            None => was,
        };
        let file = root.join(rel);
        let on_disk = match file.is_file() {
            true => Some(Oid::hash_file(ObjectType::Blob, &file)?),
            false => None,
        };
        if ![was, now].contains(&staged) || ![was, now].contains(&on_disk) {
            continue;
        }
        let bytes = now.map(|id| repo.find_blob(id)).transpose()?;
        changes.insert(
            rel.to_string_lossy().into_owned(),
            bytes.map(|b| b.content().to_vec()),
        );
    }
    Ok(changes)
}

/// `roundtable recover` and the app's start: takes roundtable's lock, then finishes the
/// interrupted decision on the checked-out branch (or undoes what it staged).
pub fn recover_checked_out(repo: &Repository) -> Result<Recovered, StoreError> {
    if pending(repo).is_none() {
        return Ok(Recovered::Nothing);
    }
    let _guard = worktree::lock(repo)?;
    let tip = repo.head().ok().and_then(|h| h.target());
    recover(repo, tip)
}

/// Refuses to read a forum while a decision is half-written: its work tree and index are
/// neither the old commit's nor the new one's.
pub fn refuse_interrupted(repo: &Repository) -> Result<(), StoreError> {
    match pending(repo) {
        Some(path) => Err(StoreError::Interrupted {
            path: path.display().to_string(),
        }),
        None => Ok(()),
    }
}
