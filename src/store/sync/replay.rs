//! Replaying the local decisions on the remote's tip, one by one, each judged again by the
//! store's decide path exactly as if it were made now; the first that no longer holds stops
//! the replay, and the local branch as it was is kept on `refs/roundtable/held/<n>`.

use super::Held;
use super::local::{changes_between, move_to};
use crate::store::decide::{Decision, decide_held};
use crate::store::error::StoreError;
use crate::store::history::{first_parent_since, parse_message};
use crate::store::repo::{ForumRepo, Loaded};
use git2::{Commit, Oid};
use std::collections::HashSet;

/// The prefix of the refs that keep local decisions a sync could not replay.
pub const HELD: &str = "refs/roundtable/held";

/// What a replay did.
pub(super) struct Replayed {
    /// The local branch's tip afterwards.
    pub tip: Oid,
    pub replayed: usize,
    pub held: Option<Held>,
}

/// Why one decision was not replayed.
enum Stop {
    /// It no longer holds: the reason, for people.
    No(String),
    /// Something else went wrong (git, the file system).
    Failed(StoreError),
}

/// Replays the first-parent decisions of `ours` that `theirs` lacks on top of `theirs`.
pub(super) fn replay(
    repo: &ForumRepo,
    branch: &str,
    ours: Oid,
    theirs: Oid,
) -> Result<Replayed, StoreError> {
    let git = &repo.repo;
    let chain = first_parent_since(repo, ours, Some(theirs))?;
    // Kept first, so nothing is lost whatever happens next; dropped when all hold.
    let kept = keep(repo, ours)?;
    if let Err(e) = move_to(repo, branch, Some(ours), theirs) {
        drop_ref(repo, &kept);
        return Err(e);
    }
    let mut tip = theirs;
    let mut held: Option<Loaded> = None;
    let mut stop = None;
    for (i, oid) in chain.iter().enumerate() {
        let commit = git.find_commit(*oid)?;
        match again(repo, branch, tip, &commit, &mut held) {
            Ok(new) => tip = new,
            Err(why) => {
                stop = Some((i, commit.id(), summary(&commit), why));
                break;
            }
        }
    }
    // The replaced and the held commits are local only: their anchors go with them.
    drop_anchors(repo, &chain)?;
    let Some((i, commit, summary, why)) = stop else {
        drop_ref(repo, &kept);
        return Ok(Replayed {
            tip,
            replayed: chain.len(),
            held: None,
        });
    };
    let why = match why {
        Stop::No(why) => why,
        Stop::Failed(e) => return Err(e),
    };
    Ok(Replayed {
        tip,
        replayed: i,
        held: Some(Held {
            reference: kept,
            commit: commit.to_string(),
            summary,
            why,
            kept: chain.len() - i,
        }),
    })
}

fn summary(commit: &Commit) -> String {
    commit
        .summary_bytes()
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .unwrap_or_default()
}

/// Decides `commit`'s decision again on `tip`; the new commit, or why it no longer holds.
fn again(
    repo: &ForumRepo,
    branch: &str,
    tip: Oid,
    commit: &Commit,
    held: &mut Option<Loaded>,
) -> Result<Oid, Stop> {
    let git = &repo.repo;
    let failed = Stop::Failed;
    let message = parse_message(&String::from_utf8_lossy(commit.message_bytes()));
    let t = &message.trailers;
    let (Some(kind), Some(forum), Some(by)) = (t.kind(), &t.forum, &t.decided_by) else {
        return Err(Stop::No(
            "it is no decision (no Forum, Decision and Decided-By trailers): a hand edit is \
             not judged again; apply it by hand if it still stands"
                .into(),
        ));
    };
    let parent = commit.parent_id(0).map_err(|e| failed(e.into()))?;
    let changes = changes_between(git, Some(parent), commit.id()).map_err(failed)?;
    // A record the remote changed since this decision was made: deciding it again would
    // overwrite a decision made elsewhere.
    let (was, now) = (
        tree(repo, parent).map_err(failed)?,
        tree(repo, tip).map_err(failed)?,
    );
    for path in changes.keys() {
        let p = std::path::Path::new(path);
        let id = |t: &git2::Tree| t.get_path(p).ok().map(|e| e.id());
        if id(&was) != id(&now) {
            let by_whom = last_change(repo, tip, parent, p).unwrap_or_default();
            return Err(Stop::No(format!(
                "{path} changed on the remote since this decision was made{by_whom}"
            )));
        }
    }
    let when = commit.author().when();
    let decision = Decision {
        forum: forum.clone(),
        kind,
        summary: message.summary.clone(),
        reason: message.reason.clone(),
        decided_by: by.clone(),
        present: t.present.clone(),
        changes,
        merge: commit.parent_id(1).ok(),
        approved_by: t.approved_by.clone(),
        when: Some((when.seconds(), when.offset_minutes())),
    };
    match decide_held(repo, branch, Some(tip), &decision, held) {
        Ok(decided) => {
            let new = decided.commit;
            *held = Some(decided.loaded);
            Ok(new)
        }
        Err(e @ (StoreError::Refused(_) | StoreError::Broken(_))) => Err(Stop::No(e.to_string())),
        Err(e) => Err(failed(e)),
    }
}

fn tree(repo: &ForumRepo, commit: Oid) -> Result<git2::Tree<'_>, StoreError> {
    Ok(repo.repo.find_commit(commit)?.tree()?)
}

/// `: <summary> (<decider>, <short hash>)` of the newest first-parent commit between
/// `parent` and `tip` that changed `path`.
fn last_change(repo: &ForumRepo, tip: Oid, parent: Oid, path: &std::path::Path) -> Option<String> {
    let git = &repo.repo;
    let base = git.merge_base(tip, parent).ok()?;
    let chain = first_parent_since(repo, tip, Some(base)).ok()?;
    let entry = |c: &Commit| c.tree().ok()?.get_path(path).ok().map(|e| e.id());
    chain.iter().rev().find_map(|oid| {
        let c = git.find_commit(*oid).ok()?;
        let before = c.parent(0).ok().and_then(|p| entry(&p));
        (entry(&c) != before).then(|| {
            let m = parse_message(&String::from_utf8_lossy(c.message_bytes()));
            let by = m
                .trailers
                .decided_by
                .unwrap_or_else(|| String::from_utf8_lossy(c.author().name_bytes()).into_owned());
            let hash = oid.to_string();
            format!(
                ": \"{}\" ({by}, {})",
                m.summary,
                hash.get(..7).unwrap_or(&hash)
            )
        })
    })
}

/// Keeps `tip` on the next free `refs/roundtable/held/<n>`; returns its name.
fn keep(repo: &ForumRepo, tip: Oid) -> Result<String, StoreError> {
    let git = &repo.repo;
    let mut next = 1;
    for name in git.references_glob(&format!("{HELD}/*"))?.names() {
        let n = name?
            .rsplit('/')
            .next()
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0);
        next = next.max(n + 1);
    }
    let name = format!("{HELD}/{next}");
    git.reference(&name, tip, false, "roundtable sync: kept before the replay")?;
    Ok(name)
}

fn drop_ref(repo: &ForumRepo, name: &str) {
    if let Ok(mut r) = repo.repo.find_reference(name) {
        let _ = r.delete();
    }
}

/// Deletes the anchor tags of `commits` (local decisions replaced or held).
fn drop_anchors(repo: &ForumRepo, commits: &[Oid]) -> Result<(), StoreError> {
    let set: HashSet<Oid> = commits.iter().copied().collect();
    let git = &repo.repo;
    let prefix = format!("{}/", crate::store::decide::seal::ANCHORS);
    let mut doomed = Vec::new();
    for reference in git.references_glob("refs/tags/*")? {
        let reference = reference?;
        if let (Ok(c), Ok(name)) = (reference.peel_to_commit(), reference.name())
            && set.contains(&c.id())
            && name.starts_with(&prefix)
        {
            doomed.push(name.to_string());
        }
    }
    for name in doomed {
        git.find_reference(&name)?.delete()?;
    }
    Ok(())
}
