//! The `git` command as the transport: fetch and push run the user's own git, so the ssh
//! agent, credential helpers, proxies and `insteadOf` rules of their config all apply.

use crate::store::error::StoreError;
use std::path::Path;
use std::process::{Command, Stdio};

/// How git may ask for credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Prompt {
    /// A person at a terminal: git may prompt (`roundtable sync`).
    #[default]
    Terminal,
    /// In the background (the app): never prompt, fail instead.
    Never,
}

/// What a push answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pushed {
    /// Every ref went up (or was already there); how many anchor tags were new there.
    Done { anchors: usize },
    /// The remote refused the branch: it moved since it was fetched (the lease), or it is
    /// not a fast-forward. Git's own words.
    Rejected(String),
}

/// Runs git in `dir` (a work tree or a bare repository).
fn git(dir: &Path, prompt: Prompt) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(dir).stdin(Stdio::null());
    if prompt == Prompt::Never {
        cmd.env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_SSH_COMMAND", ssh_batch());
    }
    cmd
}

/// ssh that never asks (a background fetch must not hang on a passphrase or a host key).
fn ssh_batch() -> String {
    let base = std::env::var("GIT_SSH_COMMAND").unwrap_or_else(|_| "ssh".to_string());
    format!("{base} -o BatchMode=yes")
}

fn spawn_error(e: std::io::Error) -> StoreError {
    StoreError::Io {
        path: "git".into(),
        source: e,
    }
}

/// git could not reach the remote (offline, no credentials, no such repository): the command
/// could not run, in git's own words.
fn failed(what: &str, remote: &str, stderr: &[u8]) -> StoreError {
    StoreError::Io {
        path: format!("git {what} {remote}"),
        source: std::io::Error::other(tail(stderr)),
    }
}

/// The last lines git wrote on standard error, for a message.
fn tail(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(3)..].join(" / ")
}

/// Fetches every branch of `remote` into `refs/remotes/<remote>/…` (the forum branch and the
/// silos' `proposal/*` among them, pruned), then the anchor tags, never clobbering a tag. Two
/// fetches: `--prune` would also delete the local anchors the remote does not have yet.
pub fn fetch(dir: &Path, remote: &str, prompt: Prompt) -> Result<(), StoreError> {
    let heads = format!("+refs/heads/*:refs/remotes/{remote}/*");
    let tags = "refs/tags/roundtable/*:refs/tags/roundtable/*";
    for (prune, refspec) in [(true, heads.as_str()), (false, tags)] {
        let mut cmd = git(dir, prompt);
        cmd.args(["fetch", "--quiet", "--no-tags"]);
        if prune {
            cmd.arg("--prune");
        }
        let out = cmd.args([remote, refspec]).output().map_err(spawn_error)?;
        if !out.status.success() {
            return Err(failed("fetch", remote, &out.stderr));
        }
    }
    Ok(())
}

/// Pushes `branch` (a full ref name) to the same name on `remote` with a lease: the remote's
/// branch must still be at `old` (`None`: must not exist), so a decision made elsewhere is
/// never overwritten. `tags` (full ref names) go up in the same atomic push.
pub fn push(
    dir: &Path,
    remote: &str,
    (branch, old): (&str, Option<&str>),
    tags: &[String],
    prompt: Prompt,
) -> Result<Pushed, StoreError> {
    let lease = format!("--force-with-lease={branch}:{}", old.unwrap_or(""));
    let mut cmd = git(dir, prompt);
    cmd.args(["push", "--porcelain", "--atomic", &lease, remote])
        .arg(format!("{branch}:{branch}"));
    for tag in tags {
        cmd.arg(format!("{tag}:{tag}"));
    }
    let out = cmd.output().map_err(spawn_error)?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Porcelain: `<flag>\t<from>:<to>\t<summary>`; `!` is a rejected ref.
    let rejected: Vec<String> = stdout
        .lines()
        .filter(|l| l.starts_with('!'))
        .map(|l| l.split('\t').skip(1).collect::<Vec<_>>().join(" "))
        .collect();
    if out.status.success() && rejected.is_empty() {
        let anchors = stdout
            .lines()
            .filter(|l| l.starts_with('*') && l.contains(":refs/tags/"))
            .count();
        return Ok(Pushed::Done { anchors });
    }
    if !rejected.is_empty() {
        return Ok(Pushed::Rejected(rejected.join("; ")));
    }
    Err(failed("push", remote, &out.stderr))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tail_keeps_the_last_three_lines() {
        assert_eq!(tail(b"a\n\nb\nc\nd\n"), "b / c / d");
        assert_eq!(tail(b""), "");
    }
}
