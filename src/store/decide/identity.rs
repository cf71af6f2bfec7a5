//! Who a decision commit is by, and when: the member as author, git's identity as committer.

use super::{Decision, Prepared};
use crate::store::error::StoreError;
use git2::{Repository, Signature, Time};

/// Author = the deciding member; committer = git's configured identity, else the author.
pub(super) fn signatures(
    git: &Repository,
    decision: &Decision,
    (name, email): (String, String),
) -> Result<(Signature<'static>, Signature<'static>), StoreError> {
    let author_time = decision
        .when
        .or_else(|| env_time("GIT_AUTHOR_DATE"))
        .map(|(s, o)| Time::new(s, o));
    let committer_time = decision
        .when
        .or_else(|| env_time("GIT_COMMITTER_DATE"))
        .or_else(|| env_time("GIT_AUTHOR_DATE"))
        .map(|(s, o)| Time::new(s, o));
    let sign = |n: &str, e: &str, t: Option<Time>| match t {
        Some(t) => Signature::new(n, e, &t),
        None => Signature::now(n, e),
    };
    let author = sign(&name, &email, author_time)?;
    let committer = match git.signature() {
        Ok(me) => sign(
            me.name().unwrap_or(&name),
            me.email().unwrap_or(&email),
            committer_time,
        )?,
        Err(_) => sign(&name, &email, committer_time)?,
    };
    Ok((author, committer))
}

/// The deciding member's name and email, from forum.ron after the decision.
pub(super) fn identity(
    prepared: &Prepared,
    decided_by: &str,
) -> Result<(String, String), StoreError> {
    let member = prepared
        .after
        .snapshot
        .member(decided_by)
        .or_else(|| prepared.before.as_ref().and_then(|b| b.member(decided_by)));
    who(member, decided_by)
}

/// The member's name and email, or the refusal when the decider is no member.
pub(super) fn who(
    member: Option<&crate::domain::records::Member>,
    decided_by: &str,
) -> Result<(String, String), StoreError> {
    match member {
        Some(m) => Ok((m.name.clone(), m.email.clone())),
        None => Err(StoreError::Refused(format!(
            "`{decided_by}` is not a member of the forum"
        ))),
    }
}

/// Parses git's date forms: `@SECS +HHMM`, `SECS +HHMM`, RFC 3339, `YYYY-MM-DD HH:MM:SS +HHMM`.
pub fn parse_git_date(text: &str) -> Option<(i64, i32)> {
    let text = text.trim();
    let mut parts = text.trim_start_matches('@').split_whitespace();
    if let Some(Ok(secs)) = parts.next().map(str::parse::<i64>) {
        let offset = parts.next().and_then(parse_offset).unwrap_or(0);
        return Some((secs, offset));
    }
    let parsed = chrono::DateTime::parse_from_rfc3339(text)
        .or_else(|_| chrono::DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S %z"))
        .ok()?;
    Some((parsed.timestamp(), parsed.offset().local_minus_utc() / 60))
}

fn parse_offset(s: &str) -> Option<i32> {
    let (sign, digits) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => (1, s),
    };
    if digits.len() != 4 {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = digits[2..].parse().ok()?;
    Some(sign * (h * 60 + m))
}

fn env_time(var: &str) -> Option<(i64, i32)> {
    std::env::var(var).ok().and_then(|v| parse_git_date(&v))
}

/// Every id in `Present` must be a member of the forum (before or after the decision, as
/// `known` says): the trailer is the record of who was in the room. `members` give the hint.
pub(super) fn present(
    present: &[String],
    known: impl Fn(&str) -> bool,
    members: &[crate::domain::records::Member],
) -> Result<(), StoreError> {
    let Some(stranger) = present.iter().find(|p| !known(p)) else {
        return Ok(());
    };
    let ids = members.iter().map(|m| m.id.as_str());
    let hint = crate::domain::finding::closest(stranger, ids)
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default();
    Err(StoreError::Refused(format!(
        "`{}` in Present is not a member of the forum{hint}",
        crate::domain::text::sanitize(stranger)
    )))
}
