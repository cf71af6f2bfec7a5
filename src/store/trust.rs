//! What `verify` proves beyond the replay of the rules: that it saw the whole history (not a
//! shallow clone's part), that the anchors of closed stages are still in it, that it holds
//! the revision it is checked against, and that decisions carry their member's signature
//! where the forum asks for one.

pub mod anchors;
pub mod signatures;

use crate::store::error::StoreError;
use crate::store::history::{Entry, first_parent};
use crate::store::repo::ForumRepo;
use anchors::Lost;
use git2::Oid;
use serde::Serialize;
use signatures::BadSignature;
use std::collections::HashSet;

/// The revision a history is checked against (`verify --against REF`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Against {
    pub rev: String,
    pub commit: String,
    /// True when the branch's history holds that commit.
    pub contained: bool,
}

/// What the history checks found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trust {
    /// A shallow clone: the first commit it can see (the history before it is cut off).
    pub cut: Option<Entry>,
    /// Anchor tags of this forum whose commit is in the branch's history.
    pub anchors: usize,
    /// Anchor tags whose commit is no longer in it.
    pub lost: Vec<Lost>,
    pub against: Option<Against>,
    /// True when some commit of the history asks for signed decisions.
    pub signing: bool,
    /// Decisions whose signature was checked against their member's key.
    pub signed: usize,
    /// Decisions unsigned or not signed by their member, where the forum asks.
    pub unsigned: Vec<BadSignature>,
}

impl Trust {
    /// True when nothing is wrong, a cut history aside.
    pub fn holds(&self) -> bool {
        self.lost.is_empty()
            && self.unsigned.is_empty()
            && self.against.as_ref().is_none_or(|a| a.contained)
    }
}

/// Checks the first-parent history of `tip` (`rev` resolved) for one forum; `against` is a
/// revision the history must contain.
pub fn check(
    repo: &ForumRepo,
    forum: &str,
    (tip, rev): (Oid, &str),
    against: Option<&str>,
) -> Result<Trust, StoreError> {
    let history = first_parent(repo, tip)?;
    let cut = if repo.repo.is_shallow() {
        history
            .first()
            .map(|oid| repo.repo.find_commit(*oid).map(|c| Entry::of(&c)))
            .transpose()?
    } else {
        None
    };
    let in_history: HashSet<Oid> = history.iter().copied().collect();
    let branch = anchors::branch_of(repo, rev);
    let (anchors, lost) = anchors::check(repo, forum, (tip, branch.as_deref()), &in_history)?;
    let against = match against {
        Some(rev) => {
            let commit = repo.resolve(rev)?;
            let contained = commit == tip || repo.repo.graph_descendant_of(tip, commit)?;
            Some(Against {
                rev: rev.to_string(),
                commit: commit.to_string(),
                contained,
            })
        }
        None => None,
    };
    let signed = signatures::check(repo, forum, &history)?;
    Ok(Trust {
        cut,
        anchors,
        lost,
        against,
        signing: signed.asked,
        signed: signed.good,
        unsigned: signed.bad,
    })
}
