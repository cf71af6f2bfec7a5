//! The checked-out side of a decision: lock files, uncommitted edits, and updating the work
//! tree and index for the files a decision changed.

use crate::store::error::StoreError;
use git2::{ObjectType, Oid, Repository};
use std::collections::BTreeMap;
use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The name of roundtable's own lock, held while a checked-out branch is being updated.
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

/// roundtable's own lock on a work tree; removed when dropped.
pub struct Guard {
    path: PathBuf,
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Takes roundtable's lock on the work tree, waiting a little for another roundtable writer.
pub fn lock(repo: &Repository) -> Result<Guard, StoreError> {
    let path = repo.path().join(DECIDE_LOCK);
    let start = Instant::now();
    loop {
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(_) => return Ok(Guard { path }),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                if start.elapsed() > WAIT {
                    return Err(StoreError::Locked {
                        path: path.display().to_string(),
                    });
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(source) => {
                return Err(StoreError::Io {
                    path: path.display().to_string(),
                    source,
                });
            }
        }
    }
}

/// The changed paths that have uncommitted edits (in the work tree or the index).
///
/// Judged by content, not by git's cached file stamps: an edit of the same size made in the
/// same second as the last index write looks clean to a stat-based status ("racy git").
pub fn dirty_files<'a>(repo: &Repository, paths: impl Iterator<Item = &'a String>) -> Vec<String> {
    let head = repo.head().ok().and_then(|h| h.peel_to_tree().ok());
    // The repository caches its index: read what is on disk now.
    let index = repo
        .index()
        .ok()
        .and_then(|mut i| i.read(true).ok().map(|()| i));
    let root = repo.workdir().map(Path::to_path_buf);
    paths
        .filter(|rel| {
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
            staged != committed || on_disk != committed
        })
        .cloned()
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
                std::fs::write(&file, bytes).map_err(|e| io(&file, e))?;
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

fn remove_empty_dirs(root: &Path, mut dir: Option<&Path>) {
    while let Some(d) = dir {
        if d == root || std::fs::remove_dir(d).is_err() {
            return;
        }
        dir = d.parent();
    }
}
