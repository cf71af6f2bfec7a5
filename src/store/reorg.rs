//! Reorganisations as file changes: rename a silo, merge one silo into another, hand a
//! member's initiatives and silos over to another member.
//!
//! Files move with their bytes unchanged (so git sees renames and the audit trail follows);
//! references are edited in place, keeping the file's comments and layout, and every edited
//! file is decoded again to prove the edit changed exactly the intended field.

use crate::domain::finding::closest;
use crate::domain::records::{Member, Silo};
use crate::domain::snapshot::{RecordKind, RecordRef};
use crate::store::decide::to_ron;
use crate::store::decode::{AnyRecord, decode};
use crate::store::layout::is_valid_id;
use crate::store::repo::Loaded;
use serde::Serialize;

pub use crate::store::decide::Changes;

/// What a reorganisation changes, and a one-line summary for its commit.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub summary: String,
    pub changes: Changes,
}

/// Why a reorganisation was refused, with a hint where one helps.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Refused {
    pub message: String,
    pub hint: Option<String>,
}

fn refused(message: impl Into<String>, hint: Option<String>) -> Refused {
    Refused {
        message: message.into(),
        hint,
    }
}

/// Replaces `field: "old"` by `field: "new"` (any spacing around the colon).
pub fn replace_field(text: &str, field: &str, old: &str, new: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(field) {
        let boundary = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let after = &rest[at + field.len()..];
        let trimmed = after.trim_start();
        let value = trimmed
            .strip_prefix(':')
            .map(str::trim_start)
            .and_then(|v| v.strip_prefix(&format!("\"{old}\"")));
        match value {
            Some(tail) if boundary => {
                out.push_str(&rest[..at]);
                out.push_str(&format!("{field}: \"{new}\""));
                rest = tail;
            }
            _ => {
                out.push_str(&rest[..at + field.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn source<'a>(loaded: &'a Loaded, path: &str) -> Result<&'a [u8], Refused> {
    loaded
        .sources
        .get(path)
        .map(Vec::as_slice)
        .ok_or_else(|| refused(format!("{path} is not in the forum"), None))
}

/// Rewrites one record with `field: "old"` → `field: "new"`: the text edit when it decodes to
/// `expected`, else `expected` written out afresh (comments are then lost, the record is right).
fn edit<T: Serialize>(
    loaded: &Loaded,
    record: &RecordRef,
    (field, old, new): (&str, &str, &str),
    expected: (AnyRecord, &T),
    changes: &mut Changes,
) -> Result<(), Refused> {
    let path = record.repo_path(&loaded.snapshot.id);
    let original = String::from_utf8_lossy(source(loaded, &path)?).into_owned();
    let text = replace_field(&original, field, old, new);
    let bytes = if decode(&path, record.kind, text.as_bytes()).as_ref() == Ok(&expected.0) {
        text.into_bytes()
    } else {
        to_ron(expected.1).map_err(|e| refused(format!("cannot write {path}: {e}"), None))?
    };
    changes.insert(path, Some(bytes));
    Ok(())
}

/// The silo with this id, or a refusal with a did-you-mean.
fn known_silo<'a>(loaded: &'a Loaded, id: &str) -> Result<&'a Silo, Refused> {
    let silos = &loaded.snapshot.silos;
    silos.get(id).ok_or_else(|| {
        let hint = match closest(id, silos.keys().map(String::as_str)) {
            Some(c) => format!("did you mean `{c}`?"),
            None => format!(
                "the silos are {}",
                silos.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
        };
        refused(format!("there is no silo `{id}`"), Some(hint))
    })
}

/// Folds silo `from` into silo `to`: its initiatives move (bytes unchanged) into `to`'s
/// folder and its members' `silo` points at `to`. The silo records are the caller's.
/// Returns what moved, for the summary: "(3 initiatives, 1 member)".
fn fold_silo(
    loaded: &Loaded,
    from: &str,
    to: &str,
    changes: &mut Changes,
) -> Result<String, Refused> {
    let s = &loaded.snapshot;
    let mut initiatives = 0;
    for (id, _) in s.initiatives.iter().filter(|(_, p)| p.silo == from) {
        initiatives += 1;
        let old = RecordRef::initiative(from, id).repo_path(&s.id);
        let bytes = source(loaded, &old)?.to_vec();
        changes.insert(old, None);
        changes.insert(RecordRef::initiative(to, id).repo_path(&s.id), Some(bytes));
    }
    // Shared initiatives that `from` contributes to: the share passes to `to`, or to the lead
    // silo's own part when `to` leads the initiative.
    for (id, p) in &s.initiatives {
        if !p.initiative.contributions.iter().any(|c| c.silo == from) {
            continue;
        }
        let lead = if p.silo == from { to } else { p.silo.as_str() };
        let mut initiative = p.initiative.clone();
        let mut merged: Vec<crate::domain::records::Contribution> = Vec::new();
        for mut c in initiative.contributions.drain(..) {
            if c.silo == from {
                c.silo = to.to_string();
            }
            if c.silo == lead {
                continue;
            }
            match merged.iter_mut().find(|m| m.silo == c.silo) {
                Some(m) => m.cost = m.cost.saturating_add(c.cost),
                None => merged.push(c),
            }
        }
        initiative.contributions = merged;
        let bytes =
            crate::store::decide::to_ron(&initiative).map_err(|e| refused(e.to_string(), None))?;
        changes.insert(
            RecordRef::initiative(lead, id).repo_path(&s.id),
            Some(bytes),
        );
    }
    let members = s.forum.members.iter().filter(|m| m.silo == from).count();
    if members > 0 {
        let mut forum = s.forum.clone();
        for m in forum.members.iter_mut().filter(|m| m.silo == from) {
            m.silo = to.to_string();
        }
        let record = RecordRef::new(RecordKind::Forum, "");
        let expected = (AnyRecord::Forum(forum.clone()), &forum);
        edit(loaded, &record, ("silo", from, to), expected, changes)?;
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    Ok(format!(
        "({}, {})",
        plural(initiatives, "initiative"),
        plural(members, "member")
    ))
}

/// Renames silo `old` to `new`: its record, its initiatives folder and its members.
pub fn rename_silo(loaded: &Loaded, old: &str, new: &str) -> Result<Plan, Refused> {
    let s = &loaded.snapshot;
    known_silo(loaded, old)?;
    if old == new {
        return Err(refused(
            format!("silo `{old}` is already called that"),
            Some("give the new id as the second argument".into()),
        ));
    }
    if !is_valid_id(new) {
        return Err(refused(
            format!("`{new}` is not a valid silo id"),
            Some("an id is lower-case letters, digits and `-`, starting with a letter or digit, at most 64 long".into()),
        ));
    }
    if s.silos.contains_key(new) {
        return Err(refused(
            format!("silo `{new}` already exists"),
            Some(format!(
                "to fold `{old}` into it, use `roundtable silo merge {old} {new}`"
            )),
        ));
    }
    let mut changes = Changes::new();
    let old_path = RecordRef::new(RecordKind::Silo, old).repo_path(&s.id);
    let bytes = source(loaded, &old_path)?.to_vec();
    changes.insert(old_path, None);
    changes.insert(
        RecordRef::new(RecordKind::Silo, new).repo_path(&s.id),
        Some(bytes),
    );
    let moved = fold_silo(loaded, old, new, &mut changes)?;
    Ok(Plan {
        summary: format!("Rename silo {old} to {new} {moved}"),
        changes,
    })
}

/// Merges silo `from` into silo `into`: its initiatives and members move, its record goes.
/// Capacities add up: `into` keeps a cap only when both silos had one (their sum).
pub fn merge_silo(loaded: &Loaded, from: &str, into: &str) -> Result<Plan, Refused> {
    let s = &loaded.snapshot;
    let from_silo = known_silo(loaded, from)?;
    let into_silo = known_silo(loaded, into)?;
    if from == into {
        return Err(refused(
            "a silo cannot be merged into itself",
            Some("name the silo it folds into: `roundtable silo merge FROM INTO`".into()),
        ));
    }
    let mut changes = Changes::new();
    changes.insert(
        RecordRef::new(RecordKind::Silo, from).repo_path(&s.id),
        None,
    );
    let cap = match (from_silo.cap, into_silo.cap) {
        (Some(a), Some(b)) => Some(a.saturating_add(b)),
        _ => None,
    };
    if cap != into_silo.cap {
        let mut silo = into_silo.clone();
        silo.cap = cap;
        let record = RecordRef::new(RecordKind::Silo, into);
        changes.insert(
            record.repo_path(&s.id),
            Some(to_ron(&silo).map_err(|e| refused(e.to_string(), None))?),
        );
    }
    let moved = fold_silo(loaded, from, into, &mut changes)?;
    Ok(Plan {
        summary: format!("Merge silo {from} into {into} {moved}"),
        changes,
    })
}

/// Hands over what member `old` owns (initiatives) and leads (silos) to member `new`.
/// `old` need not be a member any more (someone who left); `new` must be one. Ballots and
/// scorecards stay with the person who cast them.
pub fn reassign_member(loaded: &Loaded, old: &str, new: &str) -> Result<Plan, Refused> {
    let s = &loaded.snapshot;
    let members = || s.forum.members.iter().map(|m| m.id.as_str());
    if s.member(new).is_none() {
        let hint = match closest(new, members()) {
            Some(c) => format!("did you mean `{c}`? (or add `{new}` to forum.ron first)"),
            None => format!("add `{new}` to the members in forum.ron first"),
        };
        return Err(refused(
            format!("`{new}` is not a member of the forum"),
            Some(hint),
        ));
    }
    if old == new {
        return Err(refused("a member cannot be reassigned to themselves", None));
    }
    let mut changes = Changes::new();
    let owned = s
        .initiatives
        .iter()
        .filter(|(_, p)| p.initiative.owner == old);
    for (id, p) in owned {
        let mut record = p.initiative.clone();
        record.owner = new.to_string();
        let expected = (AnyRecord::Initiative(record.clone()), &record);
        let at = RecordRef::initiative(&p.silo, id);
        edit(loaded, &at, ("owner", old, new), expected, &mut changes)?;
    }
    for (id, silo) in s.silos.iter().filter(|(_, silo)| silo.lead == old) {
        let mut record = silo.clone();
        record.lead = new.to_string();
        let expected = (AnyRecord::Silo(record.clone()), &record);
        let at = RecordRef::new(RecordKind::Silo, id);
        edit(loaded, &at, ("lead", old, new), expected, &mut changes)?;
    }
    if changes.is_empty() {
        let hint = closest(old, members())
            .filter(|c| *c != old)
            .map(|c| format!("did you mean `{c}`?"));
        return Err(refused(
            format!("`{old}` owns no initiative and leads no silo: nothing to reassign"),
            hint,
        ));
    }
    Ok(Plan {
        summary: format!("Reassign {old}'s initiatives and silos to {new}"),
        changes,
    })
}

/// Writes `forum.ron` as `forum` (a member added or leaving): comments in it are not kept.
fn write_forum(
    loaded: &Loaded,
    forum: &crate::domain::records::Forum,
    changes: &mut Changes,
) -> Result<(), Refused> {
    let path = RecordRef::new(RecordKind::Forum, "").repo_path(&loaded.snapshot.id);
    let bytes = to_ron(forum).map_err(|e| refused(format!("cannot write {path}: {e}"), None))?;
    changes.insert(path, Some(bytes));
    Ok(())
}

/// Adds a member to the forum: a new person at the table, or one who left coming back.
pub fn add_member(loaded: &Loaded, member: Member) -> Result<Plan, Refused> {
    let s = &loaded.snapshot;
    if !is_valid_id(&member.id) {
        return Err(refused(
            format!("`{}` is not a valid member id", member.id),
            Some("an id is lower-case letters, digits and `-`, e.g. `ana-silva`".into()),
        ));
    }
    known_silo(loaded, &member.silo)?;
    let mut forum = s.forum.clone();
    let summary = match forum.members.iter_mut().find(|m| m.id == member.id) {
        Some(m) if m.left.is_some() => {
            *m = member.clone();
            format!("{} ({}) rejoins the forum", member.name, member.id)
        }
        Some(_) => {
            return Err(refused(
                format!("`{}` is already a member of the forum", member.id),
                Some("to change their silo or role, use `roundtable edit` on forum.ron".into()),
            ));
        }
        None => {
            forum.members.push(member.clone());
            format!(
                "{} ({}) joins the forum for {}",
                member.name, member.id, member.silo
            )
        }
    };
    let mut changes = Changes::new();
    write_forum(loaded, &forum, &mut changes)?;
    Ok(Plan { summary, changes })
}

/// A member leaves the forum on `day`: they stay listed, so the ballots and scorecards they
/// cast stay theirs and every decision they took part in stays valid; they decide nothing
/// more. Someone who still leads a silo or owns initiatives hands them over first.
pub fn member_leaves(loaded: &Loaded, id: &str, day: &str) -> Result<Plan, Refused> {
    let s = &loaded.snapshot;
    let Some(member) = s.member(id) else {
        let hint = closest(id, s.forum.members.iter().map(|m| m.id.as_str()))
            .map(|c| format!("did you mean `{c}`?"));
        return Err(refused(
            format!("`{id}` is not a member of the forum"),
            hint,
        ));
    };
    if let Some(left) = &member.left {
        return Err(refused(
            format!("`{id}` already left the forum on {left}"),
            None,
        ));
    }
    let leads: Vec<&str> = s
        .silos
        .iter()
        .filter(|(_, silo)| silo.lead == id)
        .map(|(k, _)| k.as_str())
        .collect();
    let owns = s
        .initiatives
        .values()
        .filter(|p| p.initiative.owner == id)
        .count();
    if !leads.is_empty() || owns > 0 {
        return Err(refused(
            format!(
                "`{id}` still leads {} and owns {owns} initiative(s)",
                if leads.is_empty() {
                    "no silo".to_string()
                } else {
                    format!("silo(s) {}", leads.join(", "))
                }
            ),
            Some(format!(
                "hand them over first: `roundtable member reassign {id} NEW --by … --reason …`"
            )),
        ));
    }
    let mut forum = s.forum.clone();
    if let Some(m) = forum.members.iter_mut().find(|m| m.id == id) {
        m.left = Some(day.to_string());
    }
    let mut changes = Changes::new();
    write_forum(loaded, &forum, &mut changes)?;
    Ok(Plan {
        summary: format!("{} ({id}) leaves the forum", member.name),
        changes,
    })
}

/// What a silo split takes: the silo that splits, the new silo's id, name and lead, and the
/// initiatives and members that go to it.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    pub from: &'a str,
    pub new: &'a str,
    pub name: Option<&'a str>,
    pub lead: Option<&'a str>,
    pub initiatives: &'a [String],
    pub members: &'a [String],
}

/// Splits silo `from`: a new silo `new` takes the initiatives and members named (files move
/// with their bytes unchanged); the rest stay. The new silo has no cap of its own.
pub fn split_silo(loaded: &Loaded, split: &Split) -> Result<Plan, Refused> {
    let s = &loaded.snapshot;
    let from_silo = known_silo(loaded, split.from)?;
    if !is_valid_id(split.new) || s.silos.contains_key(split.new) {
        return Err(refused(
            format!("`{}` cannot be the new silo's id", split.new),
            Some("a new id: lower-case letters, digits and `-`, not a silo already".into()),
        ));
    }
    if split.initiatives.is_empty() {
        return Err(refused(
            "a split moves at least one initiative to the new silo",
            Some("name them: --initiatives a,b,c".into()),
        ));
    }
    let mut changes = Changes::new();
    for id in split.initiatives {
        let Some(p) = s.initiatives.get(id).filter(|p| p.silo == split.from) else {
            let hint = closest(
                id,
                s.initiatives
                    .iter()
                    .filter(|(_, p)| p.silo == split.from)
                    .map(|(k, _)| k.as_str()),
            )
            .map(|c| format!("did you mean `{c}`?"));
            return Err(refused(
                format!("`{id}` is not an initiative of silo `{}`", split.from),
                hint,
            ));
        };
        let old = RecordRef::initiative(&p.silo, id).repo_path(&s.id);
        let bytes = source(loaded, &old)?.to_vec();
        changes.insert(old, None);
        changes.insert(
            RecordRef::initiative(split.new, id).repo_path(&s.id),
            Some(bytes),
        );
    }
    let mut forum = s.forum.clone();
    for id in split.members {
        match forum.members.iter_mut().find(|m| m.id == *id) {
            Some(m) if m.silo == split.from => m.silo = split.new.to_string(),
            _ => {
                return Err(refused(
                    format!("`{id}` is not a member of silo `{}`", split.from),
                    None,
                ));
            }
        }
    }
    let lead = split.lead.unwrap_or(from_silo.lead.as_str());
    if s.member(lead).is_none_or(|m| !m.active()) {
        return Err(refused(
            format!("`{lead}` cannot lead the new silo: not a member at the table"),
            None,
        ));
    }
    let silo = Silo {
        name: split
            .name
            .map_or_else(|| split.new.to_string(), str::to_string),
        lead: lead.to_string(),
        commitment: String::new(),
        cap: None,
    };
    changes.insert(
        RecordRef::new(RecordKind::Silo, split.new).repo_path(&s.id),
        Some(to_ron(&silo).map_err(|e| refused(e.to_string(), None))?),
    );
    if !split.members.is_empty() {
        write_forum(loaded, &forum, &mut changes)?;
    }
    Ok(Plan {
        summary: format!(
            "Split silo {} into {} and {} ({} initiative{}, {} member{})",
            split.from,
            split.from,
            split.new,
            split.initiatives.len(),
            if split.initiatives.len() == 1 {
                ""
            } else {
                "s"
            },
            split.members.len(),
            if split.members.len() == 1 { "" } else { "s" },
        ),
        changes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_replaced_only_where_they_match() {
        let t = "Member(id: \"sam\", silo: \"support\"),\nMember(silo : \"supporting\", x_silo: \"support\")";
        let r = replace_field(t, "silo", "support", "care");
        assert!(r.starts_with("Member(id: \"sam\", silo: \"care\"),"));
        assert!(r.contains("silo : \"supporting\""));
        assert!(r.contains("x_silo: \"support\""));
    }
}
