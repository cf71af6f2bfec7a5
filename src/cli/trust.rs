//! `verify`'s history checks for people: a cut (shallow) history, lost anchors, a history that
//! does not hold `--against`, and decisions not signed by their member.

use crate::domain::text::sanitize;
use crate::store::trust::Trust;

/// What `verify` was asked about the history.
#[derive(Debug, Clone, Copy, Default)]
pub struct Asked<'a> {
    /// `--shallow`: a cut history is verified as far as it goes.
    pub shallow: bool,
    /// `--against REF`.
    pub against: Option<&'a str>,
}

/// True when the history checks hold (a cut history only with `--shallow`).
pub fn holds(trust: &Trust, asked: &Asked<'_>) -> bool {
    trust.holds() && (trust.cut.is_none() || asked.shallow)
}

/// The lines `verify` prints after the replay's verdict.
pub fn lines(trust: &Trust, asked: &Asked<'_>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(first) = &trust.cut {
        out.push(format!(
            "the history is cut: this is a shallow clone; the first commit it can see is {} ({}, {}) — \
             what came before is not verified",
            first.short(),
            first.date,
            sanitize(&first.summary)
        ));
        if !asked.shallow {
            out.push(
                "  fetch the whole history (`git fetch --unshallow`; in CI, check out with \
                 fetch-depth: 0), or pass --shallow to accept a verification of this part only"
                    .into(),
            );
        }
    }
    for lost in &trust.lost {
        let Some(commit) = lost.commit.as_deref() else {
            out.push(format!(
                "anchor {} points to a commit this repository does not have: the history was \
                 rewritten, or the tag is broken",
                sanitize(&lost.tag)
            ));
            continue;
        };
        out.push(format!(
            "anchor {} points to commit {} ({}), which is no longer in the branch's history: \
             the history was rewritten (a rebase, an amend, a force-push)",
            sanitize(&lost.tag),
            commit.get(..7).unwrap_or(commit),
            sanitize(&lost.summary)
        ));
    }
    if let Some(a) = &trust.against {
        if a.contained {
            out.push(format!(
                "the history contains {} ({})",
                sanitize(&a.rev),
                a.commit.get(..7).unwrap_or(&a.commit)
            ));
        } else {
            out.push(format!(
                "the history does not contain {} ({}): it was rewritten since, or is behind it",
                sanitize(&a.rev),
                a.commit.get(..7).unwrap_or(&a.commit)
            ));
        }
    }
    for bad in &trust.unsigned {
        let e = &bad.entry;
        out.push(format!(
            "decision {} ({}, {} by {}) is {}",
            e.short(),
            e.date,
            sanitize(e.decision.as_deref().unwrap_or("?")),
            sanitize(e.decided_by.as_deref().unwrap_or("?")),
            sanitize(&bad.problem)
        ));
    }
    if trust.lost.is_empty() && trust.anchors > 0 {
        out.push(format!(
            "{} anchor(s) of closed stages, each still in the history",
            trust.anchors
        ));
    }
    if trust.signing && trust.unsigned.is_empty() {
        out.push(format!(
            "{} signed decision(s), each signed with its member's key in forum.ron",
            trust.signed
        ));
    }
    out
}
