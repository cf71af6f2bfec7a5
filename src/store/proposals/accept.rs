//! Accepting a proposal: the `accept` decision that merges its branch into the forum's.

use super::check::{Base, check_proposal, merge_base};
use crate::domain::finding::closest;
use crate::domain::phase::DecisionKind;
use crate::domain::text::sanitize;
use crate::store::decide::{Decision, branch_tip, forum_branch};
use crate::store::error::StoreError;
use crate::store::repo::ForumRepo;
use git2::{BranchType, Oid};

/// The full ref name and tip of a branch named as `git branch -a` shows it
/// (`proposal/x`, `origin/proposal/x`) or by its full ref name.
pub fn find_branch(repo: &ForumRepo, name: &str) -> Result<(String, Oid), StoreError> {
    let name = name.trim();
    let mut candidates = Vec::new();
    if name.starts_with("refs/") {
        candidates.push(name.to_string());
    }
    candidates.push(format!("refs/heads/{name}"));
    candidates.push(format!("refs/remotes/{name}"));
    candidates.push(format!(
        "refs/remotes/{}",
        name.strip_prefix("remotes/").unwrap_or(name)
    ));
    for refname in candidates {
        if let Ok(r) = repo.repo.find_reference(&refname) {
            if let Ok(oid) = r.peel_to_commit().map(|c| c.id()) {
                return Ok((refname, oid));
            }
        }
    }
    let known: Vec<String> = repo
        .repo
        .branches(None)
        .map(|it| {
            it.filter_map(Result::ok)
                .filter_map(|(b, kind)| {
                    let full = b.get().name().ok()?.to_string();
                    let prefix = if kind == BranchType::Remote {
                        "refs/remotes/"
                    } else {
                        "refs/heads/"
                    };
                    full.strip_prefix(prefix).map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default();
    let hint = closest(name, known.iter().map(String::as_str))
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default();
    Err(StoreError::Refused(format!(
        "no branch `{}`{hint}; `roundtable proposals` lists the open ones",
        sanitize(name)
    )))
}

/// Builds the `accept` decision that merges proposal `branch` into the forum's branch: its
/// changed files as puts and removals, `merge = Some(tip)`. Refuses a branch that is already
/// merged, changes nothing, touches anything but one silo's `initiatives/<silo>/`, or would
/// leave the forum invalid; and a decider or attendee who is not a member.
pub fn accept_decision(
    repo: &ForumRepo,
    forum: &str,
    branch: &str,
    by: &str,
    reason: &str,
    present: &[String],
) -> Result<Decision, StoreError> {
    if reason.trim().is_empty() {
        return Err(StoreError::Refused(
            "accepting a proposal needs a reason".into(),
        ));
    }
    let (refname, tip) = find_branch(repo, branch)?;
    let shown = sanitize(branch.trim());
    let forum_ref = forum_branch(repo)?;
    let forum_short = forum_ref.strip_prefix("refs/heads/").unwrap_or(&forum_ref);
    if refname == forum_ref {
        return Err(StoreError::Refused(format!(
            "{shown} is the forum's own branch, not a proposal"
        )));
    }
    let Some(head) = branch_tip(repo, &forum_ref)? else {
        return Err(StoreError::Refused(
            "the forum's branch has no commits yet".into(),
        ));
    };
    match merge_base(&repo.repo, head, tip)? {
        None => {
            return Err(StoreError::Refused(format!(
                "{shown} shares no history with {forum_short}: it is not a proposal to this forum"
            )));
        }
        Some(mb) if mb == tip => {
            return Err(StoreError::Refused(format!(
                "{shown} is already merged into {forum_short}: there is nothing to accept"
            )));
        }
        Some(_) => {}
    }
    let base = Base::at(&repo.repo, forum, head)?;
    let mut check = check_proposal(&repo.repo, &base, tip)?;
    check.hold_to_branch(&refname);
    if !check.is_valid() {
        let lines: Vec<String> = check
            .problems
            .iter()
            .filter(|p| p.is_error())
            .map(|p| format!("  {p}"))
            .collect();
        return Err(StoreError::Refused(format!(
            "cannot accept {shown}: it is not a valid proposal ({} problem(s)); fix it on the branch:\n{}",
            lines.len(),
            lines.join("\n")
        )));
    }
    let Some(silo) = check.silo().map(str::to_string) else {
        return Err(StoreError::Refused(format!(
            "{shown} changes no initiative since it left {forum_short}: there is nothing to accept"
        )));
    };
    let Ok(before) = &base.loaded else {
        return Err(StoreError::Refused(
            "the forum's own record is broken".into(),
        ));
    };
    let s = &before.snapshot;
    let member = |id: &str| -> Result<String, StoreError> {
        let id = id.trim();
        if s.member(id).is_some() {
            return Ok(id.to_string());
        }
        let hint = closest(id, s.forum.members.iter().map(|m| m.id.as_str()))
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        Err(StoreError::Refused(format!(
            "`{}` is not a member of the forum{hint}",
            sanitize(id)
        )))
    };
    let by = member(by)?;
    let mut attendees: Vec<String> = Vec::new();
    for p in present.iter().filter(|p| !p.trim().is_empty()) {
        let p = member(p)?;
        if !attendees.contains(&p) {
            attendees.push(p);
        }
    }
    let mut d = Decision::new(
        forum,
        DecisionKind::Accept,
        summary(s, &check, &silo, &shown),
        reason,
        by,
    );
    d.present = attendees;
    d.changes = check.changes;
    d.merge = Some(tip);
    Ok(d)
}

fn summary(
    s: &crate::domain::snapshot::Snapshot,
    check: &super::ProposalCheck,
    silo: &str,
    branch: &str,
) -> String {
    let ids: Vec<String> = check
        .changes
        .keys()
        .filter_map(|p| super::check::initiative_id(&s.id, p))
        .collect();
    let all_new = ids.iter().all(|id| s.initiative(id).is_none());
    let titled = |id: &String| {
        check
            .changes
            .iter()
            .find(|(p, _)| super::check::initiative_id(&s.id, p).as_ref() == Some(id))
            .and_then(|(_, b)| b.as_ref())
            .and_then(|b| ron::de::from_bytes::<crate::domain::records::Initiative>(b).ok())
            .map(|i| sanitize(&i.title))
            .unwrap_or_else(|| id.clone())
    };
    let evidence: Vec<String> = check
        .changes
        .iter()
        .filter(|(p, _)| super::check::is_evidence(&s.id, p))
        .filter_map(|(_, b)| b.as_ref())
        .filter_map(|b| ron::de::from_bytes::<crate::domain::records::Evidence>(b).ok())
        .map(|e| sanitize(&e.title))
        .collect();
    let what = match (ids.as_slice(), evidence.as_slice()) {
        ([], [one]) => format!("Accept evidence: {one}"),
        ([], many) if !many.is_empty() => format!("Accept {} pieces of evidence", many.len()),
        _ => match ids.as_slice() {
            [one] if all_new => format!("Accept the proposal {}", titled(one)),
            [one] => format!("Accept changes to {}", titled(one)),
            many => format!("Accept {} initiatives", many.len()),
        },
    };
    format!("{what} from {silo} ({branch})")
}
