//! A decision from the room → the store's decide code → one commit (or the gate's refusal).

use crate::domain::decision::plan;
use crate::domain::snapshot::Snapshot;
use crate::store::decide::{self, forum_branch};
use crate::store::error::StoreError;
use crate::store::repo::{ForumRepo, Loaded};
use crate::tui::msg::{DecideRequest, Msg};
use crate::tui::stale::STALE;

/// Makes the decision on the forum's branch with a compare-and-swap; answers with the new
/// commit, or with the refusal (gate broken, branch moved, bad input). `held` is the forum
/// as last loaded (judged on instead of reading it again when it is still the tip); after a
/// decision it holds the forum the decision made.
pub fn make(
    repo: &ForumRepo,
    forum: &str,
    shown: Option<&str>,
    snapshot: &Snapshot,
    computed: &[String],
    req: &DecideRequest,
    held: &mut Option<Loaded>,
) -> Msg {
    if req.seen.as_deref() != shown {
        // The room computed it on another forum than the one held here: never commit it.
        return Msg::Refused(stale());
    }
    match try_make(repo, forum, snapshot, computed, req, held) {
        Ok(msg) => msg,
        Err(message) => Msg::Refused(message),
    }
}

fn try_make(
    repo: &ForumRepo,
    forum: &str,
    snapshot: &Snapshot,
    computed: &[String],
    req: &DecideRequest,
    held: &mut Option<Loaded>,
) -> Result<Msg, String> {
    if let crate::tui::msg::Motion::Accept { branch } = &req.decision {
        return accept(repo, forum, branch, req, held);
    }
    let p = plan(snapshot, &req.decision, &req.reason, computed)?;
    let d = decide::Decision::planned(
        forum,
        &p,
        req.reason.clone(),
        req.by.clone(),
        req.present.clone(),
    )
    .map_err(|e| e.to_string())?;
    let branch = forum_branch(repo).map_err(refusal)?;
    let done = decide::decide_held(repo, &branch, seen(req)?, &d, held).map_err(refusal)?;
    *held = Some(done.loaded);
    Ok(Msg::Decided {
        commit: done.commit.to_string().chars().take(7).collect(),
        summary: p.summary,
    })
}

/// Merges a proposal branch as an `accept` decision.
fn accept(
    repo: &ForumRepo,
    forum: &str,
    branch: &str,
    req: &DecideRequest,
    held: &mut Option<Loaded>,
) -> Result<Msg, String> {
    let target = forum_branch(repo).map_err(refusal)?;
    let tip = seen(req)?;
    let d = crate::store::proposals::accept_decision(
        repo,
        forum,
        branch,
        &req.by,
        &req.reason,
        &req.present,
    )
    .map_err(refusal)?;
    let done = decide::decide_held(repo, &target, tip, &d, held).map_err(refusal)?;
    *held = Some(done.loaded);
    Ok(Msg::Decided {
        commit: done.commit.to_string().chars().take(7).collect(),
        summary: d.summary,
    })
}

/// The commit the decision was computed on: the branch must still point at it when the
/// decision is written (a compare-and-swap), or nothing is written.
fn seen(req: &DecideRequest) -> Result<Option<git2::Oid>, String> {
    req.seen
        .as_deref()
        .map(git2::Oid::from_str)
        .transpose()
        .map_err(|_| stale())
}

fn stale() -> String {
    format!("{STALE}: nothing was written; the app reloads and shows the new forum")
}

fn refusal(e: StoreError) -> String {
    match e {
        StoreError::Moved { .. } => stale(),
        other if !other.rules().is_empty() => {
            format!("refused [{}]: {other}", other.rules().join(", "))
        }
        other => other.to_string(),
    }
}
