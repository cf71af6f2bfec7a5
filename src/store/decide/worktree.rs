//! The checked-out side of a decision: lock files, uncommitted edits, and updating the work
//! tree and index for the files a decision changed.

use crate::store::error::StoreError;
use fs4::TryLockError;
use git2::{Index, IndexEntry, IndexTime, ObjectType, Oid, Repository};
use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
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

/// Writes the changed files into the work tree and stages exactly them in the index (the
/// index through libgit2, which takes and releases git's `index.lock` itself).
pub fn update(
    repo: &Repository,
    changes: &BTreeMap<String, Option<Vec<u8>>>,
) -> Result<(), StoreError> {
    if repo.workdir().is_none() {
        return Ok(());
    }
    let mut index = repo.index()?;
    index.read(false)?;
    write_files(repo, changes)?;
    for (rel, bytes) in changes {
        match bytes {
            Some(_) => index.add_path(Path::new(rel))?,
            None if index.get_path(Path::new(rel), 0).is_some() => {
                index.remove_path(Path::new(rel))?;
            }
            None => {}
        }
    }
    index.write()?;
    Ok(())
}

/// The index a decision leaves, staged before the branch moves: built in a scratch file, then
/// put in place as git's `index.lock` in one step (a hard link, which fails when the lock is
/// taken). While it stands, `git commit`, `git add` and every other index writer refuse, so
/// none can commit the old index on top of the decision; [`IndexLock::commit`] renames it
/// over the index once the work tree is written.
pub struct IndexLock {
    path: PathBuf,
    index: PathBuf,
}

/// The scratch file the staged index is built in, inside the git directory.
pub const STAGED: &str = "roundtable-index.new";

/// Builds the index the decision leaves in [`STAGED`]; returns its content hash.
pub fn build_index(
    repo: &Repository,
    changes: &BTreeMap<String, Option<Vec<u8>>>,
) -> Result<Oid, StoreError> {
    let scratch = repo.path().join(STAGED);
    let index_file = repo.path().join("index");
    let _ = std::fs::remove_file(&scratch);
    // A scratch lock left by a killed decision (roundtable's own lock is held here).
    let _ = std::fs::remove_file(repo.path().join(format!("{STAGED}.lock")));
    match std::fs::copy(&index_file, &scratch) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(&scratch, e)),
    }
    let mut index = Index::open(&scratch)?;
    for (rel, bytes) in changes {
        let path = Path::new(rel);
        match bytes {
            Some(bytes) => {
                let mode = index.get_path(path, 0).map_or(0o100_644, |e| e.mode);
                index.add(&entry(rel, mode, bytes)?)?;
            }
            None if index.get_path(path, 0).is_some() => index.remove_path(path)?,
            None => {}
        }
    }
    index.write()?;
    Ok(Oid::hash_file(ObjectType::Blob, &scratch)?)
}

/// An index entry for `bytes` at `rel`, with no file stamps: git compares such an entry with
/// the work tree by content and refreshes its stamps on the next `git status`.
fn entry(rel: &str, mode: u32, bytes: &[u8]) -> Result<IndexEntry, StoreError> {
    let zero = IndexTime::new(0, 0);
    Ok(IndexEntry {
        ctime: zero,
        mtime: zero,
        dev: 0,
        ino: 0,
        mode,
        uid: 0,
        gid: 0,
        file_size: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
        id: Oid::hash_object(ObjectType::Blob, bytes)?,
        flags: u16::try_from(rel.len().min(0xfff)).unwrap_or(0xfff),
        flags_extended: 0,
        path: rel.as_bytes().to_vec(),
    })
}

/// Puts the staged index in place as `index.lock`; a lock already there → [`StoreError::Locked`].
pub fn lock_index(repo: &Repository) -> Result<IndexLock, StoreError> {
    let scratch = repo.path().join(STAGED);
    let lock = IndexLock {
        path: repo.path().join("index.lock"),
        index: repo.path().join("index"),
    };
    let linked = std::fs::hard_link(&scratch, &lock.path);
    let _ = std::fs::remove_file(&scratch);
    match linked {
        Ok(()) => Ok(lock),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(StoreError::Locked {
            path: lock.path.display().to_string(),
        }),
        Err(e) => Err(io(&lock.path, e)),
    }
}

impl IndexLock {
    /// The lock of this repository, when it is the staged index whose hash is `hash`.
    pub fn ours(repo: &Repository, hash: Oid) -> Option<IndexLock> {
        let path = repo.path().join("index.lock");
        let theirs = Oid::hash_file(ObjectType::Blob, &path).ok()?;
        (theirs == hash).then(|| IndexLock {
            path,
            index: repo.path().join("index"),
        })
    }

    /// Makes the staged index the index (git's own way of releasing its lock).
    pub fn commit(self) -> Result<(), StoreError> {
        std::fs::rename(&self.path, &self.index).map_err(|e| io(&self.path, e))
    }

    /// Removes the lock, leaving the index as it was.
    pub fn abandon(self) -> Result<(), StoreError> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io(&self.path, e)),
        }
    }
}

fn io(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Writes (or removes) the changed files in the work tree, never through a symbolic link: a
/// path whose folder is a link, or that is one, is refused before anything is written.
pub fn write_files(
    repo: &Repository,
    changes: &BTreeMap<String, Option<Vec<u8>>>,
) -> Result<(), StoreError> {
    let Some(root) = repo.workdir() else {
        return Ok(());
    };
    refuse_links(repo, changes)?;
    for (rel, bytes) in changes {
        let file = root.join(rel);
        match bytes {
            Some(bytes) => {
                if let Some(dir) = file.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
                }
                write_whole(&file, bytes).map_err(|e| io(&file, e))?;
            }
            None => {
                match std::fs::remove_file(&file) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(io(&file, e)),
                }
                remove_empty_dirs(root, file.parent());
            }
        }
    }
    Ok(())
}

/// Refuses a decision that would write through a symbolic link in the work tree.
pub fn refuse_links(
    repo: &Repository,
    changes: &BTreeMap<String, Option<Vec<u8>>>,
) -> Result<(), StoreError> {
    let Some(root) = repo.workdir() else {
        return Ok(());
    };
    match changes
        .keys()
        .find_map(|rel| symlink_on_path(root, Path::new(rel)))
    {
        Some(link) => Err(StoreError::Refused(format!(
            "{} is a symbolic link: a decision writes no file through a link",
            link.display()
        ))),
        None => Ok(()),
    }
}

/// The first component of `rel` under `root` that is a symbolic link, if any.
pub fn symlink_on_path(root: &Path, rel: &Path) -> Option<PathBuf> {
    let mut at = root.to_path_buf();
    for part in rel.components() {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return Some(PathBuf::from(rel_of(root, &at))),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

fn rel_of(root: &Path, at: &Path) -> String {
    at.strip_prefix(root)
        .unwrap_or(at)
        .to_string_lossy()
        .into_owned()
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

#[cfg(test)]
mod tests {
    use super::{refuse_links, write_files};
    use std::collections::BTreeMap;

    #[test]
    fn no_file_is_written_through_a_symlinked_folder() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        std::fs::create_dir_all(dir.path().join("forums/f")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("forums/f/scores")).unwrap();
        let mut changes = BTreeMap::new();
        changes.insert("forums/f/scores/sam.ron".to_string(), Some(b"x".to_vec()));
        let err = refuse_links(&repo, &changes).unwrap_err().to_string();
        assert!(err.contains("forums/f/scores is a symbolic link"), "{err}");
        assert!(write_files(&repo, &changes).is_err());
        assert!(!outside.path().join("sam.ron").exists(), "written outside");
        // A plain folder is fine.
        let mut plain = BTreeMap::new();
        plain.insert("forums/f/ballots/sam.ron".to_string(), Some(b"x".to_vec()));
        write_files(&repo, &plain).unwrap();
        assert!(dir.path().join("forums/f/ballots/sam.ron").exists());
    }
}
