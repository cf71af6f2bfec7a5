//! Anchor tags (`refs/tags/roundtable/<forum>/…`) still in the branch's history, and lost.

use crate::store::decide::seal::ANCHORS;
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

/// Counts this forum's anchors in `history` and lists those outside it.
pub fn check(
    repo: &ForumRepo,
    forum: &str,
    history: &HashSet<Oid>,
) -> Result<(usize, Vec<Lost>), StoreError> {
    let pattern = format!("{ANCHORS}/{forum}/*");
    let mut held = 0;
    let mut lost = Vec::new();
    for reference in repo.repo.references_glob(&pattern)? {
        let reference = reference?;
        let tag = reference
            .name()
            .unwrap_or_default()
            .trim_start_matches("refs/tags/")
            .to_string();
        let commit = reference.peel_to_commit().ok();
        match &commit {
            Some(c) if history.contains(&c.id()) => held += 1,
            _ => lost.push(Lost {
                tag,
                commit: commit.as_ref().map(|c| c.id().to_string()),
                summary: commit
                    .as_ref()
                    .and_then(|c| {
                        c.summary_bytes()
                            .map(|s| String::from_utf8_lossy(s).into_owned())
                    })
                    .unwrap_or_default(),
            }),
        }
    }
    Ok((held, lost))
}
