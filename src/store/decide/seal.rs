//! What seals a decision commit: its member's SSH signature where the forum asks for one,
//! and an anchor tag (`refs/tags/roundtable/<forum>/…`) on the decisions that close a stage.

use super::Decision;
use crate::domain::phase::DecisionKind;
use crate::domain::records::{Forum, Member, Phase, Signing};
use crate::store::error::StoreError;
use git2::{Oid, Repository, Signature};

/// The prefix of every anchor tag's name.
pub const ANCHORS: &str = "refs/tags/roundtable";

/// The line of an anchor's message that names the branch the decision was made on.
pub const BRANCH: &str = "Branch: ";

/// How a decision commit is sealed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seal {
    /// The forum asks for a signature: the deciding member's public key (`None`: no key in
    /// forum.ron, which refuses the decision).
    pub sign: Option<Option<String>>,
    /// The stage the decision closes, naming its anchor tag (`ranking-locked`, `allocation`,
    /// `closed`).
    pub anchor: Option<&'static str>,
}

/// The seal of a decision by `member`, with the forum's settings before and after it.
pub fn seal(
    before: Option<&Forum>,
    after: &Forum,
    member: Option<&Member>,
    decision: &Decision,
) -> Seal {
    let asks = |f: &Forum| f.signing == Signing::Required;
    let sign = (before.is_some_and(asks) || asks(after))
        .then(|| member.and_then(|m| m.signing_key.clone()));
    Seal {
        sign,
        anchor: stage_closed(decision.kind, after.phase),
    }
}

/// The stage a decision of `kind` closes, leaving the forum in `phase`: the ranking lock
/// (advance to Scoring), an allocation, and advancing to Closed.
pub fn stage_closed(kind: DecisionKind, phase: Phase) -> Option<&'static str> {
    match (kind, phase) {
        (DecisionKind::Advance, Phase::Scoring) => Some("ranking-locked"),
        (DecisionKind::Advance, Phase::Closed) => Some("closed"),
        (DecisionKind::Allocate | DecisionKind::Rebudget, _) => Some("allocation"),
        _ => None,
    }
}

/// The anchor tag's full name for a decision commit.
pub fn anchor_name(forum: &str, stage: &str, commit: Oid) -> String {
    let hash = commit.to_string();
    format!(
        "{ANCHORS}/{forum}/{stage}-{}",
        hash.get(..12).unwrap_or(&hash)
    )
}

/// Writes the annotated anchor tag on `commit`, by the deciding member.
pub fn anchor(
    git: &Repository,
    decision: &Decision,
    (stage, branch): (&str, &str),
    commit: Oid,
    tagger: &Signature<'_>,
) -> Result<(), StoreError> {
    let name = anchor_name(&decision.forum, stage, commit);
    let object = git.find_object(commit, Some(git2::ObjectType::Commit))?;
    let message = format!(
        "{stage}: {}\n\nAnchors the {} decision {commit} of forum {}. `roundtable verify` reports \
         it when the branch's history no longer holds this commit (a rewritten history).\n\n\
         {BRANCH}{}\n",
        decision.summary.trim(),
        decision.kind,
        decision.forum,
        super::branch::short(branch)
    );
    let short = name.trim_start_matches("refs/tags/");
    git.tag(short, &object, tagger, &message, false)?;
    Ok(())
}

/// The program git signs and checks SSH signatures with (`gpg.ssh.program`, else `ssh-keygen`).
pub fn ssh_program(git: &Repository) -> String {
    git.config()
        .map(|c| super::sign::program(&c))
        .unwrap_or_else(|_| "ssh-keygen".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ranking_lock_an_allocation_and_closed_leave_an_anchor() {
        assert_eq!(
            stage_closed(DecisionKind::Advance, Phase::Scoring),
            Some("ranking-locked")
        );
        assert_eq!(
            stage_closed(DecisionKind::Advance, Phase::Closed),
            Some("closed")
        );
        assert_eq!(
            stage_closed(DecisionKind::Allocate, Phase::Allocation),
            Some("allocation")
        );
        assert_eq!(stage_closed(DecisionKind::Advance, Phase::Allocation), None);
        assert_eq!(stage_closed(DecisionKind::Reopen, Phase::Scoring), None);
        assert_eq!(stage_closed(DecisionKind::Score, Phase::Scoring), None);
        let oid = Oid::from_str("0123456789abcdef0123456789abcdef01234567").unwrap();
        assert_eq!(
            anchor_name("fy", "closed", oid),
            "refs/tags/roundtable/fy/closed-0123456789ab"
        );
    }

    #[test]
    fn a_forum_that_asks_before_or_after_the_decision_is_signed() {
        let forum = |signing| Forum {
            title: "F".into(),
            cycle: "FY".into(),
            currency: "EUR".into(),
            budget: 1,
            phase: Phase::Ranking,
            scale: 4,
            ranking_method: Default::default(),
            weighting: Default::default(),
            allocation_rule: Default::default(),
            recusal: true,
            quorum: None,
            defence: None,
            members: Vec::new(),
            signing,
            required_evidence: None,
            evidence_max_age_months: None,
            planning_date: None,
        };
        let d = Decision::new("f", DecisionKind::Budget, "s", "r", "dana");
        let (off, on) = (forum(Signing::Off), forum(Signing::Required));
        assert_eq!(seal(Some(&off), &off, None, &d).sign, None);
        // Turning signing off is itself signed; so is turning it on.
        assert_eq!(seal(Some(&on), &off, None, &d).sign, Some(None));
        assert_eq!(seal(Some(&off), &on, None, &d).sign, Some(None));
        assert_eq!(seal(None, &off, None, &d).anchor, None);
    }
}
