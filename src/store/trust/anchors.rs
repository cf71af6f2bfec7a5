//! Anchor tags (`refs/tags/roundtable/<forum>/…`) still in the branch's history, and lost.

use crate::store::decide::seal::{ANCHORS, BRANCH};
use crate::store::error::StoreError;
use crate::store::repo::ForumRepo;
use git2::Oid;
use serde::Serialize;
use std::collections::HashSet;

/// An anchor whose commit the branch's history no longer holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lost {
    /// The tag's name (`roundtable/<forum>/allocation-…`).
    pub tag: String,
    /// The commit it anchors (full hash); `None` when this repository does not have it.
    pub commit: Option<String>,
    /// The anchored commit's summary, when this repository has it.
    pub summary: String,
}

/// Counts this forum's anchors in `history` (the first-parent history of `tip` on `branch`)
/// and lists those outside it. An anchor made on another branch, or on a commit after `tip`
/// (an older revision verified), is neither: it is not this history's to hold.
pub fn check(
    repo: &ForumRepo,
    forum: &str,
    (tip, branch): (Oid, Option<&str>),
    history: &HashSet<Oid>,
) -> Result<(usize, Vec<Lost>), StoreError> {
    let git = &repo.repo;
    let pattern = format!("{ANCHORS}/{forum}/*");
    let mut held = 0;
    let mut lost = Vec::new();
    for reference in git.references_glob(&pattern)? {
        let reference = reference?;
        let tag = reference
            .name()
            .unwrap_or_default()
            .trim_start_matches("refs/tags/")
            .to_string();
        let commit = reference.peel_to_commit().ok();
        if let Some(c) = &commit {
            if history.contains(&c.id()) {
                held += 1;
                continue;
            }
            if git.graph_descendant_of(c.id(), tip).unwrap_or(false) {
                continue;
            }
        }
        let made_on = reference
            .peel_to_tag()
            .ok()
            .and_then(|t| {
                t.message_bytes()
                    .map(|m| String::from_utf8_lossy(m).into_owned())
            })
            .and_then(|m| {
                m.lines()
                    .find_map(|l| l.strip_prefix(BRANCH).map(|b| b.trim().to_string()))
            });
        if let (Some(made_on), Some(branch)) = (&made_on, branch)
            && made_on != branch
        {
            continue;
        }
        lost.push(Lost {
            tag,
            commit: commit.as_ref().map(|c| c.id().to_string()),
            summary: commit
                .as_ref()
                .and_then(|c| {
                    c.summary_bytes()
                        .map(|s| String::from_utf8_lossy(s).into_owned())
                })
                .unwrap_or_default(),
        });
    }
    Ok((held, lost))
}

/// The branch a revision names (`HEAD` when it is a branch, `main`, `refs/heads/main`, a remote's
/// `origin/main`), by its short name; `None` for a commit or a tag.
pub fn branch_of(repo: &ForumRepo, rev: &str) -> Option<String> {
    let git = &repo.repo;
    if rev == "HEAD" {
        let head = git.find_reference("HEAD").ok()?;
        let target = head.symbolic_target().ok()??;
        return target.strip_prefix("refs/heads/").map(str::to_string);
    }
    let name = rev.strip_prefix("refs/heads/").unwrap_or(rev);
    if git.find_reference(&format!("refs/heads/{name}")).is_ok() {
        return Some(name.to_string());
    }
    let remote = rev.strip_prefix("refs/remotes/").unwrap_or(rev);
    if git
        .find_reference(&format!("refs/remotes/{remote}"))
        .is_ok()
    {
        return remote.split_once('/').map(|(_, b)| b.to_string());
    }
    None
}
