//! Which forums a command covers when a repository holds several (`init NEW --from OLD`
//! leaves two side by side): `--forum` names one; without it, `check` and `verify` cover
//! every forum, and `check --proposal` and `accept` take the forum the change touches.

use crate::cli::context::{Global, refuse};
use crate::domain::text::sanitize;
use crate::store::error::StoreError;
use crate::store::repo::ForumRepo;
use git2::Oid;

/// The forum `--forum` names, else every forum at `rev` (an error when there is none).
pub fn covered_at(g: &Global, repo: &ForumRepo, rev: &str) -> Result<Vec<String>, StoreError> {
    match g.forum.as_deref() {
        Some(_) => Ok(vec![repo.pick_forum(g.forum.as_deref(), rev)?]),
        None => non_empty(repo.forum_ids_at(rev)?),
    }
}

/// The forum `--forum` names, else every forum of the work tree.
pub fn covered_in_worktree(g: &Global, repo: &ForumRepo) -> Result<Vec<String>, StoreError> {
    match g.forum.as_deref() {
        Some(_) => Ok(vec![repo.pick_forum_in_worktree(g.forum.as_deref())?]),
        None => non_empty(
            repo.root
                .as_deref()
                .map(crate::store::source::forum_ids_in_worktree)
                .unwrap_or_default(),
        ),
    }
}

fn non_empty(ids: Vec<String>) -> Result<Vec<String>, StoreError> {
    if ids.is_empty() {
        Err(StoreError::NoForum)
    } else {
        Ok(ids)
    }
}

/// The forum of a change from `base` to `tip` (a proposal): `--forum` when given, the only
/// forum at `base` when there is one, else the one forum whose files the change touches.
pub fn of_change(g: &Global, repo: &ForumRepo, base: Oid, tip: Oid) -> anyhow::Result<String> {
    if g.forum.is_some() {
        return Ok(repo.pick_forum(g.forum.as_deref(), &base.to_string())?);
    }
    let at_base = repo.forum_ids_at(&base.to_string())?;
    if at_base.len() == 1 {
        return Ok(at_base.into_iter().next().unwrap_or_default());
    }
    let from = repo.repo.merge_base(base, tip).unwrap_or(base);
    let touched: Vec<String> = repo
        .forums_changed(from, tip)?
        .into_iter()
        .filter(|id| at_base.contains(id))
        .collect();
    match touched.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(StoreError::SeveralForums(at_base).into()),
        many => Err(refuse(
            format!(
                "the change touches several forums ({}); a proposal belongs to one",
                sanitize(&many.join(", "))
            ),
            Some("split it into one branch per forum, or name the one to check with --forum"),
        )),
    }
}
