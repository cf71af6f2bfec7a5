//! The forum's branch (named in the repository), moving it with a compare-and-swap, and
//! asking git to keep what it writes.

use crate::store::error::StoreError;
use git2::{ErrorCode, Oid, Repository};

/// The git config key that names the forum's branch when it is not `main`.
pub const BRANCH_KEY: &str = "roundtable.branch";

/// The forum's branch as a full ref name: `roundtable.branch` from git config when set, else
/// `main`. A repository with no commits yet whose HEAD names another branch (a `git init`
/// with `master`) and no `main` takes that branch: its first decision creates it.
pub fn named_forum_branch(git: &Repository) -> String {
    let configured = git
        .config()
        .and_then(|c| c.get_string(BRANCH_KEY))
        .ok()
        .map(|b| b.trim().trim_start_matches("refs/heads/").to_string())
        .filter(|b| !b.is_empty());
    if let Some(b) = configured {
        return format!("refs/heads/{b}");
    }
    let main = "refs/heads/main".to_string();
    if git.find_reference(&main).is_ok() {
        return main;
    }
    let unborn_head = git
        .find_reference("HEAD")
        .ok()
        .and_then(|h| h.symbolic_target().ok().flatten().map(str::to_string))
        .filter(|t: &String| git.find_reference(t).is_err());
    let any_branch = git
        .branches(Some(git2::BranchType::Local))
        .is_ok_and(|mut b| b.next().is_some());
    match unborn_head {
        Some(target) if !any_branch => target,
        _ => main,
    }
}

/// The forum's branch, checked out: decisions are written there and its work tree is updated,
/// so a decision made while another branch is checked out (or HEAD is detached) is refused.
pub fn checked_out_forum_branch(git: &Repository) -> Result<String, StoreError> {
    let forum = named_forum_branch(git);
    let head = git.find_reference("HEAD")?;
    match head.symbolic_target()? {
        Some(target) if target == forum => Ok(forum),
        Some(target) => Err(StoreError::OffBranch {
            forum: short(&forum),
            current: short(target),
        }),
        None => Err(StoreError::Detached {
            forum: short(&forum),
        }),
    }
}

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

/// Asks libgit2 to fsync what it writes exactly when git would for this repository: when
/// `core.fsync` names loose objects or references (`loose-object`, `objects`, `committed`,
/// `added`, `all`, `reference`), or `core.fsyncObjectFiles` is true. git's own default
/// (`committed,-loose-object`) fsyncs neither loose objects nor references, so neither does a
/// decision unless the repository asks. libgit2 has one switch for both (`fsync_gitdir`).
pub fn durable_objects(git: &Repository) {
    let wanted = git.config().is_ok_and(|c| wants_fsync(&c));
    // SAFETY: a libgit2 global option taking one int; libgit2 is initialised because a
    // repository is already open.
    unsafe {
        libgit2_sys::git_libgit2_opts(
            libgit2_sys::GIT_OPT_ENABLE_FSYNC_GITDIR as std::ffi::c_int,
            std::ffi::c_int::from(wanted),
        );
    }
}

/// True when git, with this configuration, would fsync loose objects or references.
pub fn wants_fsync(config: &git2::Config) -> bool {
    let forced = config.get_bool("core.fsyncObjectFiles").is_ok_and(|on| on);
    let components = config.get_string("core.fsync").unwrap_or_default();
    forced
        || fsync_components(&components)
            .iter()
            .any(|c| *c == "loose-object" || *c == "reference")
}

/// The components a `core.fsync` value hardens, as git reads it: starting from the platform
/// default (`committed,-loose-object`, i.e. packs), `none` clears, `-x` removes, `x` adds;
/// aggregates expand; an empty value is the default.
pub fn fsync_components(value: &str) -> Vec<&'static str> {
    fn expand(name: &str) -> &'static [&'static str] {
        match name {
            "loose-object" => &["loose-object"],
            "pack" => &["pack"],
            "pack-metadata" => &["pack-metadata"],
            "commit-graph" => &["commit-graph"],
            "index" => &["index"],
            "reference" => &["reference"],
            "objects" | "committed" => &["loose-object", "pack"],
            "derived-metadata" => &["pack-metadata", "commit-graph"],
            "added" => &["loose-object", "pack", "index"],
            "all" => &[
                "loose-object",
                "pack",
                "pack-metadata",
                "commit-graph",
                "index",
                "reference",
            ],
            _ => &[],
        }
    }
    let mut set: Vec<&'static str> = vec!["pack"];
    for item in value.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        if item == "none" {
            set.clear();
        } else if let Some(off) = item.strip_prefix('-') {
            set.retain(|c| !expand(off).contains(c));
        } else {
            for c in expand(item) {
                if !set.contains(c) {
                    set.push(c);
                }
            }
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::{fsync_components, wants_fsync};

    fn config(text: &str) -> git2::Config {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(&path, text).unwrap();
        let mut config = git2::Config::open(&path).unwrap();
        // The values are read now; the file may go.
        config.snapshot().unwrap()
    }

    #[test]
    fn a_repository_asks_for_fsync_as_git_reads_it() {
        assert!(!wants_fsync(&config("[core]\n\tbare = false\n")));
        assert!(!wants_fsync(&config(
            "[core]\n\tfsyncObjectFiles = false\n"
        )));
        assert!(wants_fsync(&config("[core]\n\tfsyncObjectFiles = true\n")));
        assert!(wants_fsync(&config("[core]\n\tfsync = committed\n")));
        assert!(wants_fsync(&config("[core]\n\tfsync = reference\n")));
        assert!(!wants_fsync(&config("[core]\n\tfsync = pack,index\n")));
        // The last value counts, as in git.
        assert!(!wants_fsync(&config(
            "[core]\n\tfsync = all\n\tfsync = committed,-loose-object\n"
        )));
    }

    #[test]
    fn git_default_hardens_packs_only() {
        assert_eq!(fsync_components(""), vec!["pack"]);
        assert_eq!(fsync_components("committed,-loose-object"), vec!["pack"]);
    }

    #[test]
    fn aggregates_and_removals_follow_git() {
        assert!(fsync_components("committed").contains(&"loose-object"));
        assert!(fsync_components("objects").contains(&"loose-object"));
        assert!(fsync_components("all").contains(&"reference"));
        assert!(!fsync_components("committed").contains(&"reference"));
        assert!(!fsync_components("all,-loose-object").contains(&"loose-object"));
        assert_eq!(fsync_components("none"), Vec::<&str>::new());
        assert_eq!(fsync_components("none,reference"), vec!["reference"]);
        assert!(fsync_components("pack, index").contains(&"index"));
    }
}
