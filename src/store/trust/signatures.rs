//! Decisions signed by their member where the forum asks: each signature checked the way git
//! checks it, `ssh-keygen -Y verify` with an allowed-signers list built from forum.ron.

use crate::domain::records::{Forum, Signing};
use crate::domain::snapshot::RecordKind;
use crate::store::decode::{AnyRecord, decode};
use crate::store::error::StoreError;
use crate::store::history::Entry;
use crate::store::layout::FORUMS;
use crate::store::repo::ForumRepo;
use git2::{Commit, Oid};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A decision that is not signed by its member where the forum asks for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BadSignature {
    pub entry: Entry,
    /// For people: "not signed", "not signed with `sam`'s key", …
    pub problem: String,
}

/// What the signature check found.
#[derive(Debug, Default)]
pub struct Signed {
    /// Some decision was made where the forum asks for signatures.
    pub asked: bool,
    pub good: usize,
    pub bad: Vec<BadSignature>,
}

/// A scratch folder for the signature and the allowed-signers list, removed after.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Checks every decision of `history` (first-parent, oldest first) made where forum.ron, before
/// or after it, says `signing: Required`.
pub fn check(repo: &ForumRepo, forum: &str, history: &[Oid]) -> Result<Signed, StoreError> {
    let git = &repo.repo;
    let path = format!("{FORUMS}/{forum}/forum.ron");
    let mut forums: HashMap<Oid, Option<Forum>> = HashMap::new();
    let mut read = |commit: &Commit| -> Option<Forum> {
        let blob = commit.tree().ok()?.get_path(Path::new(&path)).ok()?.id();
        forums
            .entry(blob)
            .or_insert_with(|| {
                let data = git.find_blob(blob).ok()?;
                match decode(&path, RecordKind::Forum, data.content()) {
                    Ok(AnyRecord::Forum(f)) => Some(f),
                    _ => None,
                }
            })
            .clone()
    };
    let mut found = Signed::default();
    let mut scratch: Option<Scratch> = None;
    let program = crate::store::decide::seal::ssh_program(git);
    let mut before: Option<Forum> = None;
    for oid in history {
        let commit = git.find_commit(*oid)?;
        let after = read(&commit);
        let asks = |f: &Option<Forum>| f.as_ref().is_some_and(|f| f.signing == Signing::Required);
        if !asks(&before) && !asks(&after) {
            // Most forums never ask: no commit message is read.
            before = after;
            continue;
        }
        let entry = Entry::of(&commit);
        let ours = entry.forum.as_deref().is_none_or(|f| f == forum);
        if entry.decision.is_some() && ours {
            found.asked = true;
            let dir = match &scratch {
                Some(s) => s.0.clone(),
                None => {
                    let s = Scratch(scratch_dir()?);
                    let d = s.0.clone();
                    scratch = Some(s);
                    d
                }
            };
            match problem(
                git,
                &program,
                &dir,
                &commit,
                &entry,
                before.as_ref(),
                after.as_ref(),
            )? {
                None => found.good += 1,
                Some(problem) => found.bad.push(BadSignature { entry, problem }),
            }
        }
        before = after;
    }
    Ok(found)
}

/// A new folder under the temp dir (the repository may be read-only).
fn scratch_dir() -> Result<PathBuf, StoreError> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let dir =
        std::env::temp_dir().join(format!("roundtable-verify-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::Io {
        path: dir.display().to_string(),
        source: e,
    })?;
    Ok(dir)
}

/// What is wrong with one decision's signature, or `None` when its member signed it.
fn problem(
    git: &git2::Repository,
    program: &str,
    dir: &Path,
    commit: &Commit,
    entry: &Entry,
    before: Option<&Forum>,
    after: Option<&Forum>,
) -> Result<Option<String>, StoreError> {
    let who = entry.decided_by.clone().unwrap_or_default();
    // The key the member held before the decision; a decision that gives the member their
    // first key (the one that turns signing on) is checked against that new key.
    let key = [before, after].into_iter().flatten().find_map(|f| {
        f.members
            .iter()
            .find(|m| m.id == who)
            .and_then(|m| m.signing_key.clone())
    });
    let Ok((signature, data)) = git.extract_signature(&commit.id(), Some("gpgsig")) else {
        return Ok(Some(
            "not signed, and the forum asks for signed decisions".into(),
        ));
    };
    let Some(key) = key else {
        return Ok(Some(format!(
            "signed, but `{who}` has no signing_key in forum.ron to check it against"
        )));
    };
    let io = |path: &Path, e: std::io::Error| StoreError::Io {
        path: path.display().to_string(),
        source: e,
    };
    let allowed = dir.join("allowed_signers");
    let line = format!("{} namespaces=\"git\" {}\n", principal(&who), key.trim());
    std::fs::write(&allowed, line).map_err(|e| io(&allowed, e))?;
    let sig = dir.join("signature");
    std::fs::write(&sig, &*signature).map_err(|e| io(&sig, e))?;
    let mut child = Command::new(program)
        .args(["-Y", "verify", "-n", "git", "-f"])
        .arg(&allowed)
        .arg("-I")
        .arg(principal(&who))
        .arg("-s")
        .arg(&sig)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| io(Path::new(program), e))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(&data)
            .map_err(|e| io(Path::new(program), e))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| io(Path::new(program), e))?;
    if out.status.success() {
        return Ok(None);
    }
    Ok(Some(format!(
        "signed, but not with `{who}`'s signing_key in forum.ron"
    )))
}

/// The allowed-signers principal of a member: their id, kept to safe characters.
fn principal(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.@".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.is_empty() { "_".into() } else { safe }
}
