//! The forum's history: trailers of decision commits and the decision log.

pub mod replay;

use crate::domain::phase::DecisionKind;
use crate::store::error::StoreError;
use crate::store::repo::ForumRepo;
use git2::{Commit, Oid};
use serde::Serialize;

/// The trailers of one commit message (FORMAT.md "Decisions are commits").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Trailers {
    pub forum: Option<String>,
    /// The `Decision:` value as written (may be an unknown kind).
    pub decision: Option<String>,
    pub decided_by: Option<String>,
    pub present: Vec<String>,
    /// `Approved-By:` member ids: the contributing silos' leads who approved an `accept`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub approved_by: Vec<String>,
}

impl Trailers {
    /// The decision kind, when the trailer names a known one.
    pub fn kind(&self) -> Option<DecisionKind> {
        self.decision.as_deref().and_then(DecisionKind::parse)
    }
}

/// A commit message split into summary, reason (the body) and trailers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Message {
    pub summary: String,
    pub reason: String,
    pub trailers: Trailers,
}

/// A comma-separated list of member ids.
fn id_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn trailer_line(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key_ok = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    key_ok.then_some((key, value.trim()))
}

/// Parses a commit message: the last paragraph is the trailer block when every line in it
/// is `Key: value`.
pub fn parse_message(message: &str) -> Message {
    let message = message.replace("\r\n", "\n");
    let mut paragraphs: Vec<&str> = message
        .split("\n\n")
        .map(|p| p.trim_matches('\n'))
        .filter(|p| !p.trim().is_empty())
        .collect();
    let summary = paragraphs
        .first()
        .map(|p| p.lines().next().unwrap_or_default().trim().to_string())
        .unwrap_or_default();
    let mut trailers = Trailers::default();
    let has_trailers = paragraphs.len() > 1
        && paragraphs
            .last()
            .is_some_and(|p| p.lines().all(|l| trailer_line(l).is_some()));
    if has_trailers {
        let block = paragraphs.pop().unwrap_or_default();
        for (key, value) in block.lines().filter_map(trailer_line) {
            let value = value.to_string();
            match key.to_ascii_lowercase().as_str() {
                "forum" => trailers.forum = Some(value),
                "decision" => trailers.decision = Some(value),
                "decided-by" => trailers.decided_by = Some(value),
                "present" => trailers.present = id_list(&value),
                "approved-by" => trailers.approved_by = id_list(&value),
                _ => {}
            }
        }
    }
    let mut body: Vec<&str> = paragraphs.iter().skip(1).copied().collect();
    if let Some(first) = paragraphs.first() {
        let rest: Vec<&str> = first.lines().skip(1).collect();
        if !rest.is_empty() {
            body.insert(0, first.split_once('\n').map(|x| x.1).unwrap_or_default());
        }
    }
    Message {
        summary,
        reason: body.join("\n\n").trim().to_string(),
        trailers,
    }
}

/// One decision as the log shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The full commit hash.
    pub commit: String,
    /// Author date, `YYYY-MM-DD HH:MM` in the author's offset.
    pub date: String,
    /// Seconds since the epoch.
    pub time: i64,
    pub author: String,
    pub email: String,
    /// The decision kind as written (`None` for a commit without a `Decision:` trailer).
    pub decision: Option<String>,
    pub forum: Option<String>,
    pub decided_by: Option<String>,
    pub present: Vec<String>,
    pub summary: String,
    pub reason: String,
}

impl Entry {
    /// The log entry of one commit.
    pub fn of(commit: &Commit) -> Entry {
        let message = parse_message(&String::from_utf8_lossy(commit.message_bytes()));
        let author = commit.author();
        let when = author.when();
        Entry {
            commit: commit.id().to_string(),
            date: format_time(when.seconds(), when.offset_minutes()),
            time: when.seconds(),
            author: String::from_utf8_lossy(author.name_bytes()).into_owned(),
            email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
            decision: message.trailers.decision.clone(),
            forum: message.trailers.forum.clone(),
            decided_by: message.trailers.decided_by.clone(),
            present: message.trailers.present.clone(),
            summary: message.summary,
            reason: message.reason,
        }
    }

    /// The first seven characters of the hash.
    pub fn short(&self) -> &str {
        self.commit.get(..7).unwrap_or(&self.commit)
    }
}

/// `YYYY-MM-DD HH:MM` at the given offset.
pub fn format_time(seconds: i64, offset_minutes: i32) -> String {
    let offset = chrono::FixedOffset::east_opt(offset_minutes * 60)
        .or_else(|| chrono::FixedOffset::east_opt(0));
    match (chrono::DateTime::from_timestamp(seconds, 0), offset) {
        (Some(t), Some(o)) => t.with_timezone(&o).format("%Y-%m-%d %H:%M").to_string(),
        _ => seconds.to_string(),
    }
}

/// The first-parent history from `tip`, oldest first.
pub fn first_parent(repo: &ForumRepo, tip: Oid) -> Result<Vec<Oid>, StoreError> {
    first_parent_since(repo, tip, None)
}

/// The first-parent history from `tip` back to, not including, `since` and its ancestors,
/// oldest first.
pub fn first_parent_since(
    repo: &ForumRepo,
    tip: Oid,
    since: Option<Oid>,
) -> Result<Vec<Oid>, StoreError> {
    let mut walk = repo.repo.revwalk()?;
    walk.push(tip)?;
    if let Some(since) = since {
        walk.hide(since)?;
    }
    walk.simplify_first_parent()?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)?;
    Ok(walk.collect::<Result<Vec<_>, _>>()?)
}

/// The decision log of a forum: first-parent commits from `rev` that carry a `Decision:`
/// trailer for this forum (or no `Forum:` trailer), newest first.
pub fn decision_log(repo: &ForumRepo, forum: &str, rev: &str) -> Result<Vec<Entry>, StoreError> {
    let mut out = decisions_since(repo, forum, repo.resolve(rev)?, None)?;
    out.reverse();
    Ok(out)
}

/// The same decisions from `tip` back to, not including, `since` and its ancestors (all of
/// them when `since` is `None`), oldest first: the minutes of a meeting.
pub fn decisions_since(
    repo: &ForumRepo,
    forum: &str,
    tip: Oid,
    since: Option<Oid>,
) -> Result<Vec<Entry>, StoreError> {
    let mut out = Vec::new();
    for oid in first_parent_since(repo, tip, since)? {
        let entry = Entry::of(&repo.repo.find_commit(oid)?);
        let ours = entry.forum.as_deref().is_none_or(|f| f == forum);
        if entry.decision.is_some() && ours {
            out.push(entry);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_decision_message() {
        let m = parse_message(
            "Lock the ranking\n\nTwo ballots disagreed.\nSchulze resolves it.\n\nForum: fy\nDecision: advance\nDecided-By: dana\nPresent: dana, sam\n",
        );
        assert_eq!(m.summary, "Lock the ranking");
        assert_eq!(m.reason, "Two ballots disagreed.\nSchulze resolves it.");
        assert_eq!(m.trailers.kind(), Some(DecisionKind::Advance));
        assert_eq!(m.trailers.decided_by.as_deref(), Some("dana"));
        assert_eq!(m.trailers.present, vec!["dana", "sam"]);
        assert_eq!(m.trailers.forum.as_deref(), Some("fy"));
    }

    #[test]
    fn a_plain_message_has_no_trailers() {
        let m = parse_message("Fix: typo in evidence\n");
        assert_eq!(m.summary, "Fix: typo in evidence");
        assert_eq!(m.trailers, Trailers::default());
        let m =
            parse_message("Edit\n\nNote: this is prose, not a trailer block. Really.\nsecond line");
        assert_eq!(m.trailers, Trailers::default());
        assert!(m.reason.starts_with("Note:"));
    }
}
