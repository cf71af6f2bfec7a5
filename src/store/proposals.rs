//! Proposals by pull request: open proposal branches, what each changes since it left the
//! forum's branch, whether it is a valid proposal of one silo, and the fields that move the
//! score.
//!
//! A proposal is judged by what accepting it would produce: the forum's branch tip with the
//! branch's changes (since their merge-base) applied. Only trees are compared (never every
//! commit), so listing a few dozen branches stays fast.

mod accept;
mod branches;
mod check;
mod fields;
#[cfg(test)]
mod tests;

pub use accept::{accept_decision, find_branch};
pub use branches::open_proposals;
pub use check::{Base, check_proposal};
pub use fields::field_changes;

use crate::store::decide::Changes;
use crate::store::problem::Problem;
use git2::Oid;
use serde::Serialize;

/// How a file changed on a proposal branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Modified,
    Removed,
}

impl Change {
    /// `+`, `~` or `-`, as the listings print it.
    pub fn sign(self) -> char {
        match self {
            Change::Added => '+',
            Change::Modified => '~',
            Change::Removed => '-',
        }
    }
}

/// One file a proposal branch changes, by repository path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangedFile {
    pub path: String,
    pub change: Change,
}

/// One field that moves the score, before and after the proposal (`None`: the initiative
/// does not exist on that side).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub initiative: String,
    /// `cost`, `addresses`, `depends_on`, `excludes` or `mandatory`.
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl std::fmt::Display for ChangedFile {
    /// `+ path`, `~ path` or `- path`, sanitised.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = crate::domain::text::sanitize(&self.path);
        write!(f, "{} {path}", self.change.sign())
    }
}

impl std::fmt::Display for FieldChange {
    /// `initiative.field: before → after`, sanitised; `—` where the initiative is absent.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::domain::text::sanitize;
        let side = |v: &Option<String>| v.as_deref().map_or("—".to_string(), sanitize);
        write!(
            f,
            "{}.{}: {} → {}",
            sanitize(&self.initiative),
            sanitize(&self.field),
            side(&self.before),
            side(&self.after)
        )
    }
}

/// What an initiative a proposal adds or edits says of itself, on the proposal's side: what
/// the room reads before accepting it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pitch {
    pub initiative: String,
    pub title: String,
    pub owner: String,
    pub summary: String,
}

/// Valid, or the problems as `path:line:col: error: message` lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "problems", rename_all = "lowercase")]
pub enum Status {
    Valid,
    Invalid(Vec<String>),
}

impl Status {
    /// True when valid.
    pub fn is_valid(&self) -> bool {
        matches!(self, Status::Valid)
    }
}

/// A proposal judged against a base commit of the forum's branch.
#[derive(Debug, Clone, PartialEq)]
pub struct ProposalCheck {
    /// The silos whose initiatives the change touches (one for a valid proposal).
    pub silos: Vec<String>,
    /// Every file changed since the merge-base, inside the forum or not.
    pub changed: Vec<ChangedFile>,
    /// Errors and warnings, located in the touched files where possible.
    pub problems: Vec<Problem>,
    /// The fields that move the score, per initiative touched.
    pub fields: Vec<FieldChange>,
    /// The initiatives written, as the proposal has them (removed ones are not here).
    pub pitches: Vec<Pitch>,
    /// The forum files to write to accept it: new bytes, or `None` to remove.
    pub changes: Changes,
    /// The merge-base of the proposal and the base.
    pub merge_base: Oid,
    /// For a shared initiative: the contributing silos whose leads must approve it.
    pub approvals: Vec<Approval>,
}

/// A contributing silo's lead who must approve a change to a shared initiative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Approval {
    pub initiative: String,
    pub silo: String,
    /// The silo's lead (a member id).
    pub lead: String,
}

impl std::fmt::Display for Approval {
    /// `initiative: silo lead `id` approves`, sanitised.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::domain::text::sanitize;
        write!(
            f,
            "{}: shared with {}, whose lead `{}` must approve",
            sanitize(&self.initiative),
            sanitize(&self.silo),
            sanitize(&self.lead)
        )
    }
}

impl ProposalCheck {
    /// True when no problem is an error.
    pub fn is_valid(&self) -> bool {
        !self.problems.iter().any(Problem::is_error)
    }

    /// A branch named `proposal/<silo>/…` (or a remote's `origin/proposal/<silo>/…`) speaks
    /// for that silo only: a change to another silo's initiatives is an error at its file.
    pub fn hold_to_branch(&mut self, branch: &str) {
        let parts: Vec<&str> = branch.split('/').collect();
        let Some(i) = parts.iter().position(|p| *p == "proposal") else {
            return;
        };
        let Some(own) = parts.get(i + 1) else {
            return;
        };
        // Evidence alone: the branch's silo brings it.
        if self.silos.is_empty() && self.changed.iter().any(|c| c.path.contains("/evidence/")) {
            self.silos.push((*own).to_string());
        }
        for silo in self.silos.iter().filter(|s| s.as_str() != *own) {
            let path = self
                .changed
                .iter()
                .map(|c| c.path.as_str())
                .find(|p| p.contains(&format!("/initiatives/{silo}/")))
                .unwrap_or_default();
            self.problems.push(
                Problem::error(
                    path,
                    format!(
                        "the branch speaks for silo `{own}` but changes silo `{silo}`'s initiative"
                    ),
                )
                .with_hint(format!(
                    "a silo proposes only its own initiatives: take this file out, or ask `{silo}` to propose it"
                )),
            );
        }
    }

    /// Valid, or the errors as compiler-style lines.
    pub fn status(&self) -> Status {
        let errors: Vec<String> = self
            .problems
            .iter()
            .filter(|p| p.is_error())
            .map(ToString::to_string)
            .collect();
        if errors.is_empty() {
            Status::Valid
        } else {
            Status::Invalid(errors)
        }
    }

    /// The one silo of a proposal, when it touches exactly one.
    pub fn silo(&self) -> Option<&str> {
        match self.silos.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }
}

/// An open (not merged) branch that changes the forum's initiatives.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenProposal {
    /// As `git branch -a` names it: `proposal/support/x` or `origin/proposal/support/x`.
    pub branch: String,
    /// The full ref name (`refs/heads/…` or `refs/remotes/…`).
    pub refname: String,
    /// A remote-tracking branch.
    pub remote: bool,
    pub tip: Oid,
    /// The tip commit's first line, author name and date (YYYY-MM-DD).
    pub summary: String,
    pub author: String,
    pub date: String,
    pub silos: Vec<String>,
    pub changed: Vec<ChangedFile>,
    pub status: Status,
    /// Every problem (errors and warnings), located.
    pub problems: Vec<Problem>,
    pub fields: Vec<FieldChange>,
    pub pitches: Vec<Pitch>,
    /// For a shared initiative: the contributing silos' leads who must approve it.
    pub approvals: Vec<Approval>,
}
