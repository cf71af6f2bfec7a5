//! Listing the open proposal branches: local and remote-tracking, not merged, touching the
//! forum's initiatives.

use super::OpenProposal;
use super::check::{Base, changed_paths, judge_deltas, merge_base};
use crate::store::decide::{branch_tip, named_forum_branch};
use crate::store::error::StoreError;
use crate::store::layout::FORUMS;
use crate::store::repo::ForumRepo;
use git2::{BranchType, Oid};
use std::collections::BTreeMap;

/// Local and remote-tracking branches whose changes since their merge-base with the forum's
/// branch touch `forums/<forum>/initiatives/` and which are not merged, each judged like
/// `check --proposal` against the forum branch's tip. Locals first, then by name; a
/// remote-tracking branch at the same commit as the local branch of the same name is left out.
pub fn open_proposals(repo: &ForumRepo, forum: &str) -> Result<Vec<OpenProposal>, StoreError> {
    let git = &repo.repo;
    // A listing reads: it names the forum's branch whatever is checked out.
    let branch = named_forum_branch(git);
    let Some(tip) = branch_tip(repo, &branch)? else {
        return Ok(Vec::new());
    };
    let short = branch
        .strip_prefix("refs/heads/")
        .unwrap_or(&branch)
        .to_string();
    let upstream = git
        .find_branch(&short, BranchType::Local)
        .ok()
        .and_then(|b| b.upstream().ok())
        .and_then(|u| u.get().name().ok().map(str::to_string));
    let mut locals: BTreeMap<String, Oid> = BTreeMap::new();
    let mut candidates: Vec<(String, String, bool, Oid)> = Vec::new();
    for item in git.branches(None)? {
        let (b, kind) = item?;
        let r = b.get();
        if r.symbolic_target().ok().flatten().is_some() {
            continue;
        }
        let (Ok(name), Some(oid)) = (r.name(), r.target()) else {
            continue;
        };
        let remote = kind == BranchType::Remote;
        let shown = name
            .strip_prefix(if remote {
                "refs/remotes/"
            } else {
                "refs/heads/"
            })
            .unwrap_or(name)
            .to_string();
        let same_as_forum = remote && shown.split_once('/').is_some_and(|(_, b)| b == short);
        if name == branch || upstream.as_deref() == Some(name) || same_as_forum {
            continue;
        }
        // A branch whose tip is a decision holds a line of the forum's own decisions (a
        // rehearsal, a clone's work), not a silo's proposal: a proposal commit decides nothing.
        let decided = git.find_commit(oid).ok().is_some_and(|c| {
            crate::store::history::parse_message(&String::from_utf8_lossy(c.message_bytes()))
                .trailers
                .kind()
                .is_some()
        });
        if decided {
            continue;
        }
        if !remote {
            locals.insert(shown.clone(), oid);
        }
        candidates.push((shown, name.to_string(), remote, oid));
    }
    candidates.sort_by(|a, b| (a.2, &a.0).cmp(&(b.2, &b.0)));
    let prefix = format!("{FORUMS}/{forum}/initiatives/");
    let mut base: Option<Base> = None;
    let mut out = Vec::new();
    for (shown, refname, remote, oid) in candidates {
        if remote {
            let local = shown.split_once('/').map(|(_, b)| b);
            if local.and_then(|l| locals.get(l)) == Some(&oid) {
                continue;
            }
        }
        let Some(mb) = merge_base(git, tip, oid)? else {
            continue;
        };
        if mb == oid {
            continue; // merged: the forum's branch already contains it
        }
        let (deltas, problems) = changed_paths(git, mb, oid)?;
        // Evidence comes by a silo's `proposal/<silo>/…` branch; initiatives by any branch.
        let evidence = format!("{FORUMS}/{forum}/evidence/");
        let a_silos = shown.split('/').any(|part| part == "proposal");
        if !deltas
            .iter()
            .any(|d| d.path.starts_with(&prefix) || (a_silos && d.path.starts_with(&evidence)))
        {
            continue;
        }
        if base.is_none() {
            base = Some(Base::at(git, forum, tip)?);
        }
        let Some(base) = &base else { continue };
        let mut check = judge_deltas(git, base, mb, &deltas, problems);
        check.hold_to_branch(&refname);
        let commit = git.find_commit(oid)?;
        let date = chrono::DateTime::from_timestamp(commit.time().seconds(), 0)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        out.push(OpenProposal {
            branch: shown,
            refname,
            remote,
            tip: oid,
            summary: commit
                .summary_bytes()
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_default(),
            author: commit.author().name().unwrap_or("").to_string(),
            date,
            silos: check.silos.clone(),
            changed: check.changed.clone(),
            status: check.status(),
            problems: check.problems,
            fields: check.fields,
            pitches: check.pitches,
            approvals: check.approvals,
        });
    }
    Ok(out)
}
