//! Typed errors of the store; the binary turns them into messages with hints.

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
    #[error("{0}")]
    Refused(String),
    #[error("git: {0}")]
    Git(#[from] git2::Error),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

fn render(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}
