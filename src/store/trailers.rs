//! Decision commits read back from git: the summary, the reason and the trailers.
//!
//! A small reader for `minutes` until the history module's decision log is on main; it
//! follows FORMAT.md: summary line, blank line, reason, blank line, `Key: value` trailers.

use crate::store::error::StoreError;
use git2::{Oid, Repository, Sort};

/// One decision commit as the minutes need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionCommit {
    pub id: Oid,
    pub summary: String,
    /// The body between the summary and the trailers.
    pub reason: String,
    pub forum: Option<String>,
    pub decision: String,
    pub decided_by: Option<String>,
    pub present: Vec<String>,
    /// Commit time, seconds since the epoch.
    pub time: i64,
    /// The committer's offset from UTC, in minutes.
    pub offset_minutes: i32,
}

/// Splits a commit message into summary, body and trailers (the last paragraph, when every
/// line of it is `Key: value`).
pub fn split_message(message: &str) -> (String, String, Vec<(String, String)>) {
    let message = message.replace("\r\n", "\n");
    let mut paragraphs: Vec<&str> = message.trim().split("\n\n").collect();
    let summary = paragraphs
        .first()
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    if !paragraphs.is_empty() {
        paragraphs.remove(0);
    }
    let mut trailers = Vec::new();
    if let Some(last) = paragraphs.last() {
        let parsed: Option<Vec<(String, String)>> = last
            .lines()
            .map(|l| {
                let (k, v) = l.split_once(':')?;
                let key_ok =
                    !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                key_ok.then(|| (k.to_string(), v.trim().to_string()))
            })
            .collect();
        if let Some(parsed) = parsed.filter(|p| !p.is_empty()) {
            trailers = parsed;
            paragraphs.pop();
        }
    }
    (
        summary,
        paragraphs.join("\n\n").trim().to_string(),
        trailers,
    )
}

/// The decision commits reachable from `tip` and not from `since`, oldest first.
pub fn decision_commits(
    repo: &Repository,
    tip: Oid,
    since: Option<Oid>,
) -> Result<Vec<DecisionCommit>, StoreError> {
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME | Sort::REVERSE)?;
    walk.push(tip)?;
    if let Some(since) = since {
        walk.hide(since)?;
    }
    let mut out = Vec::new();
    for id in walk {
        let commit = repo.find_commit(id?)?;
        let (summary, reason, trailers) =
            split_message(&String::from_utf8_lossy(commit.message_bytes()));
        let get = |key: &str| {
            trailers
                .iter()
                .rev()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v.clone())
        };
        let Some(decision) = get("Decision") else {
            continue;
        };
        let present = get("Present")
            .map(|p| {
                p.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let time = commit.time();
        out.push(DecisionCommit {
            id: commit.id(),
            summary,
            reason,
            forum: get("Forum"),
            decision,
            decided_by: get("Decided-By"),
            present,
            time: time.seconds(),
            offset_minutes: time.offset_minutes(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_message_splits_into_its_parts() {
        let (s, r, t) = split_message(
            "Lock the ranking\n\nTwo ballots disagreed.\n\nSecond paragraph.\n\nForum: fy\nDecision: advance\nPresent: dana, sam\n",
        );
        assert_eq!(s, "Lock the ranking");
        assert_eq!(r, "Two ballots disagreed.\n\nSecond paragraph.");
        assert_eq!(t.len(), 3);
        assert_eq!(t[2], ("Present".into(), "dana, sam".into()));
        let (_, r, t) = split_message("Fix typo\n\nJust words: here and there.");
        assert_eq!(r, "Just words: here and there.");
        assert!(t.is_empty());
    }
}
