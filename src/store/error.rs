//! Typed errors of the store; the binary turns them into messages with hints.

use crate::domain::phase::Violation;
use crate::store::problem::Problem;
use thiserror::Error;

/// Why the store could not do what was asked.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path} is not inside a git repository")]
    NotARepository { path: String },
    #[error("no forum found: the repository has no forums/<forum-id>/forum.ron")]
    NoForum,
    #[error("the repository has several forums ({}); choose one with --forum", .0.join(", "))]
    SeveralForums(Vec<String>),
    #[error("no forum `{0}` in this repository")]
    UnknownForum(String),
    #[error("cannot resolve revision `{rev}`: {message}")]
    BadRevision { rev: String, message: String },
    #[error("the forum's own record is broken:\n{}", render(.0))]
    BrokenForum(Vec<Problem>),
    #[error(
        "the forum changed since you looked: review it and decide again (branch {branch} moved; nothing was written)"
    )]
    Moved { branch: String },
    #[error(
        "a git lock file is in the way: {path} (another git process may be running; if none is, remove it by hand)"
    )]
    Locked { path: String },
    #[error(
        "another roundtable decision is being written in this repository (it holds {path}); try again when it is done"
    )]
    Busy { path: String },
    #[error(
        "an interrupted decision: run `roundtable recover` (a decision was killed while it wrote the work tree; {path} names it)"
    )]
    Interrupted { path: String },
    #[error("uncommitted edits in files this decision changes: {}", .0.join(", "))]
    DirtyFiles(Vec<String>),
    #[error(
        "the forum's branch is `{forum}`, but `{current}` is checked out: decisions go to the forum's branch only"
    )]
    OffBranch { forum: String, current: String },
    #[error(
        "HEAD is detached: decisions go to the forum's branch `{forum}`, which is not checked out"
    )]
    Detached { forum: String },
    #[error("{0}")]
    Refused(String),
    /// The decision breaks gates or the authority model: each rule with its message.
    #[error("{}", broken(.0))]
    Broken(Vec<Violation>),
    #[error("git: {0}")]
    Git(#[from] git2::Error),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

fn broken(violations: &[Violation]) -> String {
    violations
        .iter()
        .map(|v| v.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

impl StoreError {
    /// The exit code of this error's kind: 1 when a rule said no (the forum's gates or
    /// authority, a moved branch, edits in the way, a broken record), 2 when the command
    /// could not run at all.
    pub fn exit_code(&self) -> u8 {
        match self {
            StoreError::Moved { .. }
            | StoreError::Refused(_)
            | StoreError::Broken(_)
            | StoreError::DirtyFiles(_)
            | StoreError::OffBranch { .. }
            | StoreError::Detached { .. }
            | StoreError::BrokenForum(_) => 1,
            _ => 2,
        }
    }

    /// The names of the rules a refusal broke (`authority`, `ranking-locked`, …), if any.
    pub fn rules(&self) -> Vec<&'static str> {
        match self {
            StoreError::Broken(v) => {
                let mut names: Vec<&'static str> = v.iter().map(|v| v.gate.name()).collect();
                names.dedup();
                names
            }
            _ => Vec::new(),
        }
    }
}

fn render(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}
