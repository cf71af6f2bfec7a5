//! Keeping a forum repository small: pack loose objects the way `git gc --auto` does.
//!
//! Every decision commit writes a few loose objects (a blob, the trees on its path, the
//! commit). A year of meetings leaves tens of thousands of small files. libgit2 has no gc, so
//! when git's own threshold is passed (about 6,700 loose objects, estimated like git does
//! from one fan-out folder) this runs `git gc --auto` in the foreground. It is called after
//! `bench-forum` and may be called after a decision; the check costs one directory listing.

use std::path::Path;
use std::process::Command;

/// git's default `gc.auto`: more loose objects than this and `git gc --auto` packs them.
pub const LOOSE_LIMIT: usize = 6_700;

/// Estimates the loose objects the way git does: the files in `objects/17`, times 256.
pub fn loose_estimate(git_dir: &Path) -> usize {
    std::fs::read_dir(git_dir.join("objects").join("17"))
        .map(|d| d.filter_map(Result::ok).count() * 256)
        .unwrap_or(0)
}

/// The bytes under `objects/` (loose objects, packs, indexes, the commit-graph).
pub fn objects_size(git_dir: &Path) -> u64 {
    fn walk(dir: &Path) -> u64 {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return 0;
        };
        entries
            .filter_map(Result::ok)
            .map(|e| match e.metadata() {
                Ok(m) if m.is_dir() => walk(&e.path()),
                Ok(m) => m.len(),
                Err(_) => 0,
            })
            .sum()
    }
    walk(&git_dir.join("objects"))
}

/// How packing went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Packed {
    /// Below the threshold: nothing to do.
    NotNeeded,
    /// `git gc --auto` ran and succeeded.
    Packed,
    /// git is missing or failed; the repository is still valid, only larger.
    Failed(String),
}

/// Runs `git gc --auto` in the foreground when the loose objects pass [`LOOSE_LIMIT`].
pub fn pack_if_needed(git_dir: &Path) -> Packed {
    if loose_estimate(git_dir) <= LOOSE_LIMIT {
        return Packed::NotNeeded;
    }
    pack(git_dir)
}

/// Runs `git gc --auto --quiet` in the foreground (no detached background gc).
pub fn pack(git_dir: &Path) -> Packed {
    let out = Command::new("git")
        .arg("--git-dir")
        .arg(git_dir)
        .args(["-c", "gc.autoDetach=false", "gc", "--auto", "--quiet"])
        .output();
    match out {
        Ok(o) if o.status.success() => Packed::Packed,
        Ok(o) => Packed::Failed(String::from_utf8_lossy(&o.stderr).trim().to_string()),
        Err(e) => Packed::Failed(format!("cannot run git: {e}")),
    }
}
