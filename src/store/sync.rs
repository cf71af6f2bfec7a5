//! `sync` with a remote: fetch, then fast-forward, push with a lease, or replay the local
//! decisions on the remote's tip, each judged again; a push lost to another clone is retried.
//!
//! Transport is the `git` command ([`git`]), so the user's ssh agent, credential helpers and
//! config apply exactly as for `git fetch`; the refs, the judging and the work tree are
//! handled here with git2, as every decision is.

pub mod git;
mod local;
mod replay;

pub use git::Prompt;
pub use replay::HELD;

use crate::store::decide::{branch_tip, forum_branch};
use crate::store::error::StoreError;
use crate::store::repo::ForumRepo;
use git::Pushed;
use git2::Oid;
use serde::Serialize;

/// How many times a push lost to another clone is fetched, replayed and pushed again.
const ATTEMPTS: usize = 5;

/// What `sync` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The remote (default: the branch's upstream remote, else `origin`).
    pub remote: Option<String>,
    pub prompt: Prompt,
    /// Push the branch when the remote does not have it yet (`sync` from the command line);
    /// the app's background sync never creates a branch on the remote.
    pub create: bool,
}

/// A local decision that no longer holds on the remote's tip, kept aside.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Held {
    /// The ref that keeps the local branch as it was (`refs/roundtable/held/<n>`).
    pub reference: String,
    /// The decision that no longer holds (its original commit).
    pub commit: String,
    pub summary: String,
    /// Why it no longer holds.
    pub why: String,
    /// How many local decisions are kept there unreplayed (this one and those after it).
    pub kept: usize,
}

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Synced {
    pub remote: String,
    /// The forum branch's short name.
    pub branch: String,
    /// Commits that came in from the remote.
    pub arrived: usize,
    /// Local decisions judged again on the remote's tip and kept.
    pub replayed: usize,
    /// Commits pushed to the remote.
    pub pushed: usize,
    /// Anchor tags new on the remote.
    pub anchors: usize,
    /// Pushes lost to another clone (each followed by a new fetch).
    pub races: usize,
    pub held: Option<Held>,
    /// The local branch's tip afterwards.
    pub tip: Option<String>,
}

/// Where the local branch stands against its remote-tracking ref.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Standing {
    /// Local commits the remote does not have.
    pub ahead: usize,
    /// Remote commits the local branch does not have.
    pub behind: usize,
}

/// The remote a branch syncs with: `wanted`, else `branch.<name>.remote`, else `origin`.
pub fn pick_remote(
    repo: &ForumRepo,
    branch: &str,
    wanted: Option<&str>,
) -> Result<String, StoreError> {
    let configured = || {
        repo.repo
            .config()
            .ok()
            .and_then(|c| c.get_string(&format!("branch.{branch}.remote")).ok())
            .filter(|r| r != ".")
    };
    let name = wanted
        .map(str::to_string)
        .or_else(configured)
        .unwrap_or_else(|| "origin".to_string());
    match repo.repo.find_remote(&name) {
        Ok(_) => Ok(name),
        Err(_) => Err(StoreError::Refused(format!(
            "no remote `{name}` in this repository: add the forum's host with `git remote add \
             {name} URL`, or name another with --remote"
        ))),
    }
}

/// The local forum branch against `refs/remotes/<remote>/<branch>` as last fetched; `None`
/// when there is no such ref (never fetched, or the remote has no such branch).
pub fn standing(repo: &ForumRepo, remote: &str) -> Result<Option<Standing>, StoreError> {
    let branch = forum_branch(repo)?;
    let tracking = tracking_ref(remote, &branch);
    let (Some(ours), Some(theirs)) = (branch_tip(repo, &branch)?, branch_tip(repo, &tracking)?)
    else {
        return Ok(None);
    };
    let (ahead, behind) = repo.repo.graph_ahead_behind(ours, theirs)?;
    Ok(Some(Standing { ahead, behind }))
}

fn tracking_ref(remote: &str, branch: &str) -> String {
    let short = branch.strip_prefix("refs/heads/").unwrap_or(branch);
    format!("refs/remotes/{remote}/{short}")
}

/// Brings the forum branch and its remote together (see the module's doc).
pub fn sync(repo: &ForumRepo, options: &Options) -> Result<Synced, StoreError> {
    let branch = forum_branch(repo)?;
    let short = branch.strip_prefix("refs/heads/").unwrap_or(&branch);
    let remote = pick_remote(repo, short, options.remote.as_deref())?;
    let dir = repo
        .root
        .clone()
        .unwrap_or_else(|| repo.repo.path().to_path_buf());
    let tracking = tracking_ref(&remote, &branch);
    let mut synced = Synced {
        remote: remote.clone(),
        branch: short.to_string(),
        arrived: 0,
        replayed: 0,
        pushed: 0,
        anchors: 0,
        races: 0,
        held: None,
        tip: None,
    };
    for _ in 0..ATTEMPTS {
        git::fetch(&dir, &remote, options.prompt)?;
        let theirs = branch_tip(repo, &tracking)?;
        let ours = branch_tip(repo, &branch)?;
        synced.tip = ours.map(|o| o.to_string());
        let to_push = match (ours, theirs) {
            (None, None) => return Ok(synced),
            (Some(_), None) if !options.create => return Ok(synced),
            (ours, Some(t)) if ours == Some(t) => return Ok(synced),
            (None, Some(t)) => {
                synced.arrived += count(repo, t)?;
                local::move_to(repo, &branch, None, t)?;
                synced.tip = Some(t.to_string());
                return Ok(synced);
            }
            (Some(o), None) => o,
            (Some(o), Some(t)) if repo.repo.graph_descendant_of(t, o)? => {
                synced.arrived += repo.repo.graph_ahead_behind(t, o)?.0;
                local::move_to(repo, &branch, Some(o), t)?;
                synced.tip = Some(t.to_string());
                return Ok(synced);
            }
            (Some(o), Some(t)) if repo.repo.graph_descendant_of(o, t)? => o,
            (Some(o), Some(t)) => {
                synced.arrived += repo.repo.graph_ahead_behind(t, o)?.0;
                let done = replay::replay(repo, &branch, o, t)?;
                synced.replayed += done.replayed;
                if done.held.is_some() {
                    synced.held = done.held;
                }
                synced.tip = Some(done.tip.to_string());
                if done.tip == t {
                    return Ok(synced);
                }
                done.tip
            }
        };
        let pushing = match theirs {
            Some(t) => repo.repo.graph_ahead_behind(to_push, t)?.0,
            None => count(repo, to_push)?,
        };
        let tags = anchors_in(repo, to_push)?;
        let old = theirs.map(|t| t.to_string());
        match git::push(
            &dir,
            &remote,
            (&branch, old.as_deref()),
            &tags,
            options.prompt,
        )? {
            Pushed::Done { anchors } => {
                synced.pushed += pushing;
                synced.anchors += anchors;
                return Ok(synced);
            }
            Pushed::Rejected(_) => synced.races += 1,
        }
    }
    Err(StoreError::Refused(format!(
        "the remote's {short} kept moving: {ATTEMPTS} pushes were rejected; run sync again"
    )))
}

/// How many commits `tip` has in all.
fn count(repo: &ForumRepo, tip: Oid) -> Result<usize, StoreError> {
    let mut walk = repo.repo.revwalk()?;
    walk.push(tip)?;
    Ok(walk.count())
}

/// The anchor tags (full ref names) whose commit is `tip` or one of its ancestors.
fn anchors_in(repo: &ForumRepo, tip: Oid) -> Result<Vec<String>, StoreError> {
    let git = &repo.repo;
    let prefix = format!("{}/", crate::store::decide::seal::ANCHORS);
    let mut out = Vec::new();
    for reference in git.references_glob("refs/tags/*")? {
        let reference = reference?;
        let Ok(commit) = reference.peel_to_commit() else {
            continue;
        };
        let id = commit.id();
        if (id == tip || git.graph_descendant_of(tip, id)?)
            && let Ok(name) = reference.name()
            && name.starts_with(&prefix)
        {
            out.push(name.to_string());
        }
    }
    Ok(out)
}
