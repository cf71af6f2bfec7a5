//! A new proposal as one commit on its own branch, made without touching the work tree.
//!
//! The commit is HEAD's tree plus one new file, written with tree builders; the branch is
//! created only if it does not exist yet, so nothing is ever overwritten.

use crate::store::error::StoreError;
use git2::{Oid, Repository, Signature, Tree};

/// Who the commit is by: `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL`, else git's `user.name` and
/// `user.email`.
pub fn signature(repo: &Repository) -> Result<Signature<'static>, StoreError> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    if let (Some(name), Some(email)) = (env("GIT_AUTHOR_NAME"), env("GIT_AUTHOR_EMAIL")) {
        return Ok(Signature::now(&name, &email)?);
    }
    repo.signature().map(|s| s.to_owned()).map_err(|_| {
        StoreError::Refused(
            "git does not know who you are: set `git config user.name` and `git config user.email`"
                .into(),
        )
    })
}

/// A tree equal to `base` with `bytes` at `path` (a `/`-separated path from the root).
pub fn tree_with_file(
    repo: &Repository,
    base: Option<&Tree>,
    path: &[&str],
    bytes: &[u8],
) -> Result<Oid, StoreError> {
    let mut builder = repo.treebuilder(base)?;
    match path {
        [] => return Err(StoreError::Refused("an empty path".into())),
        [name] => {
            let blob = repo.blob(bytes)?;
            builder.insert(name, blob, 0o100_644)?;
        }
        [dir, rest @ ..] => {
            let sub = base
                .and_then(|t| t.get_name(dir))
                .and_then(|e| e.to_object(repo).ok())
                .and_then(|o| o.into_tree().ok());
            let oid = tree_with_file(repo, sub.as_ref(), rest, bytes)?;
            builder.insert(dir, oid, 0o040_000)?;
        }
    }
    Ok(builder.write()?)
}

/// Commits `bytes` at `path` on top of `base` and creates `branch` pointing at it.
/// Refuses when the branch exists or the file is already there.
pub fn commit_on_new_branch(
    repo: &Repository,
    base: Oid,
    branch: &str,
    path: &str,
    bytes: &[u8],
    message: &str,
) -> Result<Oid, StoreError> {
    let refname = format!("refs/heads/{branch}");
    if repo.find_reference(&refname).is_ok() {
        return Err(StoreError::Refused(format!(
            "the branch {branch} already exists"
        )));
    }
    let parent = repo.find_commit(base)?;
    let base_tree = parent.tree()?;
    if base_tree.get_path(std::path::Path::new(path)).is_ok() {
        return Err(StoreError::Refused(format!("{path} already exists")));
    }
    let parts: Vec<&str> = path.split('/').collect();
    let tree_id = tree_with_file(repo, Some(&base_tree), &parts, bytes)?;
    let tree = repo.find_tree(tree_id)?;
    let sig = signature(repo)?;
    let commit = repo.commit(None, &sig, &sig, message, &tree, &[&parent])?;
    repo.reference(
        &refname,
        commit,
        false,
        &format!("roundtable propose: {path}"),
    )?;
    Ok(commit)
}
