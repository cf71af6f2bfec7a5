//! A note of the decision in flight on a checked-out branch, so that a process killed between
//! moving the branch and updating the work tree is finished by the next decision.
//!
//! The note names the old and the new commit. The next decision (holding the work-tree lock)
//! reads it first: when the branch is at the new commit, every file the commit changed whose
//! index entry and work-tree copy are still the old or the new version is brought to the new
//! one; a file edited by hand since is left alone (the dirty check then names it). When the
//! branch is still at the old commit, nothing had been touched. Either way the note goes.

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
pub fn write(repo: &Repository, old: Option<Oid>, new: Oid) -> Result<(), StoreError> {
    let path = repo.path().join(PENDING);
    let tmp = repo.path().join(format!("{PENDING}.new"));
    let old = old.map(|o| o.to_string()).unwrap_or_else(|| "none".into());
    std::fs::write(&tmp, format!("old {old}\nnew {new}\n")).map_err(|e| io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| io(&path, e))
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

fn parse(text: &str) -> Option<(Option<Oid>, Oid)> {
    let mut old = None;
    let mut new = None;
    for line in text.lines() {
        match line.split_once(' ') {
            Some(("old", "none")) => old = Some(None),
            Some(("old", id)) => old = Some(Some(Oid::from_str(id).ok()?)),
            Some(("new", id)) => new = Some(Oid::from_str(id).ok()?),
            _ => {}
        }
    }
    Some((old?, new?))
}

/// Finishes a decision a killed process left half-done, then removes the note.
pub fn recover(repo: &Repository, tip: Option<Oid>) -> Result<(), StoreError> {
    let path = repo.path().join(PENDING);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(&path, e)),
    };
    if let Some((old, new)) = parse(&text)
        && tip == Some(new)
    {
        finish(repo, old, new)?;
    }
    clear(repo)
}

/// Brings the files `new` changed from `old` to their new version, where untouched by hand.
fn finish(repo: &Repository, old: Option<Oid>, new: Oid) -> Result<(), StoreError> {
    let Some(root) = repo.workdir() else {
        return Ok(());
    };
    let old_tree = old.map(|o| repo.find_commit(o)?.tree()).transpose()?;
    let new_tree = repo.find_commit(new)?.tree()?;
    let diff = repo.diff_tree_to_tree(old_tree.as_ref(), Some(&new_tree), None)?;
    let index = repo.index()?;
    let present = |id: Oid| (!id.is_zero()).then_some(id);
    let mut changes = BTreeMap::new();
    for delta in diff.deltas() {
        let Some(rel) = delta.new_file().path().or(delta.old_file().path()) else {
            continue;
        };
        let was = present(delta.old_file().id());
        let now = present(delta.new_file().id());
        let staged = index.get_path(rel, 0).map(|e| e.id);
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
    worktree::update(repo, &changes)
}
