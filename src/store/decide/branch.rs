//! Moving the forum's branch with a compare-and-swap, and asking git to keep what it writes.

use crate::store::error::StoreError;
use git2::{ErrorCode, Oid, Repository};
use std::sync::Once;

/// Moves `branch` from `expected` to `commit`; a lock → [`StoreError::Locked`], a branch that
/// moved meanwhile → [`StoreError::Moved`].
pub fn move_branch(
    git: &Repository,
    branch: &str,
    expected: Option<Oid>,
    commit: Oid,
    summary: &str,
) -> Result<(), StoreError> {
    let log = format!("roundtable: {summary}");
    let result = match expected {
        Some(old) => git.reference_matching(branch, commit, true, old, &log),
        None => git.reference(branch, commit, false, &log),
    };
    match result {
        Ok(_) => Ok(()),
        Err(e) if e.code() == ErrorCode::Locked => Err(StoreError::Locked {
            path: git
                .commondir()
                .join(format!("{branch}.lock"))
                .display()
                .to_string(),
        }),
        Err(e)
            if matches!(
                e.code(),
                ErrorCode::Modified | ErrorCode::Exists | ErrorCode::NotFound
            ) =>
        {
            Err(StoreError::Moved {
                branch: short(branch),
            })
        }
        Err(e) => Err(e.into()),
    }
}

/// A branch's short name (`main` for `refs/heads/main`).
pub fn short(branch: &str) -> String {
    branch
        .strip_prefix("refs/heads/")
        .unwrap_or(branch)
        .to_string()
}

/// Asks libgit2 to fsync objects and refs, unless `core.fsyncObjectFiles` is set to false.
pub fn durable_objects(git: &Repository) {
    static ONCE: Once = Once::new();
    let off = git
        .config()
        .and_then(|c| c.get_bool("core.fsyncObjectFiles"))
        .is_ok_and(|v| !v);
    if off {
        return;
    }
    ONCE.call_once(|| {
        // SAFETY: a libgit2 global option taking one int, set once; libgit2 is initialised
        // because a repository is already open.
        unsafe {
            libgit2_sys::git_libgit2_opts(
                libgit2_sys::GIT_OPT_ENABLE_FSYNC_GITDIR as std::ffi::c_int,
                1 as std::ffi::c_int,
            );
        }
    });
}
