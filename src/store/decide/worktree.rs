//! The checked-out side of a decision: lock files, uncommitted edits, and updating the work
//! tree and index for the files a decision changed.

use crate::store::error::StoreError;
use fs4::TryLockError;
use git2::{ObjectType, Oid, Repository};
use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::path::Path;
use std::time::{Duration, Instant};

/// The name of roundtable's own lock, held while a decision is being written.
pub const DECIDE_LOCK: &str = "roundtable-decide.lock";

/// How long a decision waits for another roundtable writer on the same work tree.
const WAIT: Duration = Duration::from_secs(10);

/// True when `branch` (a full ref name) is checked out in this (non-bare) repository.
pub fn is_checked_out(repo: &Repository, branch: &str) -> bool {
    if repo.is_bare() || repo.workdir().is_none() {
        return false;
    }
    repo.find_reference("HEAD")
        .ok()
        .and_then(|h| h.symbolic_target().ok().flatten().map(str::to_string))
        .is_some_and(|t| t == branch)
}

/// Refuses when a git lock file sits where this decision must write.
pub fn check_locks(repo: &Repository, branch: &str, checked_out: bool) -> Result<(), StoreError> {
    let mut paths = vec![repo.commondir().join(format!("{branch}.lock"))];
    if checked_out {
        paths.push(repo.path().join("index.lock"));
    }
    match paths.into_iter().find(|p| p.exists()) {
        Some(p) => Err(StoreError::Locked {
            path: p.display().to_string(),
        }),
        None => Ok(()),
    }
}

/// roundtable's own lock on a repository: an OS advisory lock on [`DECIDE_LOCK`], released by
/// the kernel when the file is closed or the process dies (even by `kill -9`), so it never
/// goes stale. The file itself stays: deleting it would let two writers lock two inodes.
pub struct Guard {
    _file: File,
}

/// Takes roundtable's lock on the repository, waiting a little for another roundtable writer.
pub fn lock(repo: &Repository) -> Result<Guard, StoreError> {
    let path = repo.path().join(DECIDE_LOCK);
    let io = |source| StoreError::Io {
        path: path.display().to_string(),
        source,
    };
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io)?;
    let start = Instant::now();
    loop {
        // fs4 rather than `File::try_lock`, which needs Rust 1.89 (the crate's MSRV is 1.85).
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => return Ok(Guard { _file: file }),
            Err(TryLockError::WouldBlock) if start.elapsed() <= WAIT => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Busy {
                    path: path.display().to_string(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
    }
}

/// The changed paths that have uncommitted edits (in the work tree or the index).
///
/// Judged by content, not by git's cached file stamps: an edit of the same size made in the
/// same second as the last index write looks clean to a stat-based status ("racy git").
pub fn dirty_files(repo: &Repository, changes: &BTreeMap<String, Option<Vec<u8>>>) -> Vec<String> {
    let head = repo.head().ok().and_then(|h| h.peel_to_tree().ok());
    // The repository caches its index; `read(false)` reads it again when the file on disk is
    // not the one cached (its size, modification time or inode differ: git and libgit2 write
    // the index by renaming a new file over it, so every write by them gets a new inode).
    // An app that keeps the repository open so reads it once, not at every decision.
    let index = repo
        .index()
        .ok()
        .and_then(|mut i| i.read(false).ok().map(|()| i));
    let root = repo.workdir().map(Path::to_path_buf);
    changes
        .iter()
        .filter(|(rel, new)| {
            // The work tree (and index) may already hold exactly what the decision writes
            // (an `edit` made in the work tree): that is not an edit in the way.
            let new = new
                .as_ref()
                .and_then(|b| Oid::hash_object(ObjectType::Blob, b).ok());
            let path = Path::new(rel.as_str());
            let committed = head
                .as_ref()
                .and_then(|t| t.get_path(path).ok())
                .map(|e| e.id());
            let staged = index
                .as_ref()
                .and_then(|i| i.get_path(path, 0))
                .map(|e| e.id);
            let on_disk = match root.as_ref().map(|r| std::fs::read(r.join(path))) {
                None => committed,
                Some(Ok(bytes)) => Oid::hash_object(ObjectType::Blob, &bytes).ok(),
                Some(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => None,
                Some(Err(_)) => return true,
            };
            (staged != committed && staged != new) || (on_disk != committed && on_disk != new)
        })
        .map(|(rel, _)| rel.clone())
        .collect()
}

/// Writes the changed files into the work tree and stages exactly them in the index.
pub fn update(
    repo: &Repository,
    changes: &BTreeMap<String, Option<Vec<u8>>>,
) -> Result<(), StoreError> {
    let Some(root) = repo.workdir() else {
        return Ok(());
    };
    let io = |path: &Path, source: std::io::Error| StoreError::Io {
        path: path.display().to_string(),
        source,
    };
    let mut index = repo.index()?;
    index.read(false)?;
    for (rel, bytes) in changes {
        let file = root.join(rel);
        match bytes {
            Some(bytes) => {
                if let Some(dir) = file.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
                }
                write_whole(&file, bytes).map_err(|e| io(&file, e))?;
                index.add_path(Path::new(rel))?;
            }
            None => {
                match std::fs::remove_file(&file) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(io(&file, e)),
                }
                remove_empty_dirs(root, file.parent());
                if index.get_path(Path::new(rel), 0).is_some() {
                    index.remove_path(Path::new(rel))?;
                }
            }
        }
    }
    index.write()?;
    Ok(())
}

/// Replaces a file in one step (a sibling temporary file renamed over it), so a process
/// killed mid-write leaves the old file or the new one, never half of one.
fn write_whole(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let tmp = file.with_file_name(format!(".{name}.roundtable-new"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, file)
}

fn remove_empty_dirs(root: &Path, mut dir: Option<&Path>) {
    while let Some(d) = dir {
        if d == root || std::fs::remove_dir(d).is_err() {
            return;
        }
        dir = d.parent();
    }
}
