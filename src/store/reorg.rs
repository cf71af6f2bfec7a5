//! Reorganisations as file changes: rename a silo, merge one silo into another, hand a
//! member's initiatives and silos over to another member.
//!
//! Files move with their bytes unchanged (so git sees renames and the audit trail follows);
//! references are edited in place, keeping the file's comments and layout, and every edited
//! file is decoded again to prove the edit changed exactly the intended field.

use crate::domain::snapshot::{RecordKind, RecordRef};
use crate::store::decode::{AnyRecord, decode};
use crate::store::error::StoreError;
use crate::store::layout::is_valid_id;
use crate::store::repo::Loaded;
use serde::Serialize;
use std::collections::BTreeMap;

/// File changes by repository path: the new bytes, or `None` to delete the file.
pub type Changes = BTreeMap<String, Option<Vec<u8>>>;

/// What a reorganisation changes, and a one-line summary for its commit.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub summary: String,
    pub changes: Changes,
}

fn refused(message: String) -> StoreError {
    StoreError::Refused(message)
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

/// The new bytes of a record: the text edit when it decodes to `expected`, else `expected`
/// written out as RON (comments are then lost, the record is right).
fn edited<T: Serialize>(
    path: &str,
    kind: RecordKind,
    original: &[u8],
    edit: impl Fn(&str) -> String,
    expected: &AnyRecord,
    value: &T,
) -> Result<Vec<u8>, StoreError> {
    let text = edit(&String::from_utf8_lossy(original));
    if decode(path, kind, text.as_bytes()).as_ref() == Ok(expected) {
        return Ok(text.into_bytes());
    }
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    let mut text = ron::ser::to_string_pretty(value, config)
        .map_err(|e| refused(format!("cannot write {path}: {e}")))?;
    text.push('\n');
    Ok(text.into_bytes())
}

fn source<'a>(loaded: &'a Loaded, path: &str) -> Result<&'a [u8], StoreError> {
    loaded
        .sources
        .get(path)
        .map(Vec::as_slice)
        .ok_or_else(|| refused(format!("{path} is not in the forum")))
}

/// Moves every initiative of silo `from` into the folder of silo `to`.
fn move_initiatives(
    loaded: &Loaded,
    from: &str,
    to: &str,
    changes: &mut Changes,
) -> Result<(), StoreError> {
    let s = &loaded.snapshot;
    for (id, p) in s.initiatives.iter().filter(|(_, p)| p.silo == from) {
        let old = RecordRef::initiative(from, id).repo_path(&s.id);
        let new = RecordRef::initiative(to, id).repo_path(&s.id);
        let bytes = source(loaded, &old)?.to_vec();
        debug_assert_eq!(p.silo, from);
        changes.insert(old, None);
        changes.insert(new, Some(bytes));
    }
    Ok(())
}

/// Points every member of silo `from` at silo `to` in forum.ron.
fn move_members(
    loaded: &Loaded,
    from: &str,
    to: &str,
    changes: &mut Changes,
) -> Result<(), StoreError> {
    let s = &loaded.snapshot;
    if !s.forum.members.iter().any(|m| m.silo == from) {
        return Ok(());
    }
    let mut forum = s.forum.clone();
    for m in forum.members.iter_mut().filter(|m| m.silo == from) {
        m.silo = to.to_string();
    }
    let path = RecordRef::new(RecordKind::Forum, "").repo_path(&s.id);
    let bytes = edited(
        &path,
        RecordKind::Forum,
        source(loaded, &path)?,
        |t| replace_field(t, "silo", from, to),
        &AnyRecord::Forum(forum.clone()),
        &forum,
    )?;
    changes.insert(path, Some(bytes));
    Ok(())
}

/// Renames silo `old` to `new`: its record, its initiatives folder and its members.
pub fn rename_silo(loaded: &Loaded, old: &str, new: &str) -> Result<Plan, StoreError> {
    let s = &loaded.snapshot;
    if !s.silos.contains_key(old) {
        return Err(refused(format!("no silo `{old}`")));
    }
    if !is_valid_id(new) {
        return Err(refused(format!(
            "`{new}` is not a valid silo id (lower-case letters, digits and `-`)"
        )));
    }
    if s.silos.contains_key(new) {
        return Err(refused(format!(
            "silo `{new}` already exists: use `silo merge {old} {new}`"
        )));
    }
    let mut changes = Changes::new();
    let old_path = RecordRef::new(RecordKind::Silo, old).repo_path(&s.id);
    let bytes = source(loaded, &old_path)?.to_vec();
    changes.insert(old_path, None);
    changes.insert(
        RecordRef::new(RecordKind::Silo, new).repo_path(&s.id),
        Some(bytes),
    );
    move_initiatives(loaded, old, new, &mut changes)?;
    move_members(loaded, old, new, &mut changes)?;
    Ok(Plan {
        summary: format!("Rename silo {old} to {new}"),
        changes,
    })
}

/// Merges silo `from` into silo `into`: its initiatives and members move, its record goes.
pub fn merge_silo(loaded: &Loaded, from: &str, into: &str) -> Result<Plan, StoreError> {
    let s = &loaded.snapshot;
    for id in [from, into] {
        if !s.silos.contains_key(id) {
            return Err(refused(format!("no silo `{id}`")));
        }
    }
    if from == into {
        return Err(refused("a silo cannot be merged into itself".into()));
    }
    let mut changes = Changes::new();
    changes.insert(
        RecordRef::new(RecordKind::Silo, from).repo_path(&s.id),
        None,
    );
    move_initiatives(loaded, from, into, &mut changes)?;
    move_members(loaded, from, into, &mut changes)?;
    Ok(Plan {
        summary: format!("Merge silo {from} into {into}"),
        changes,
    })
}

/// Hands over what member `old` owns (initiatives) and leads (silos) to member `new`.
pub fn reassign_member(loaded: &Loaded, old: &str, new: &str) -> Result<Plan, StoreError> {
    let s = &loaded.snapshot;
    if s.member(new).is_none() {
        return Err(refused(format!(
            "`{new}` is not a member of the forum: add them to forum.ron first"
        )));
    }
    if old == new {
        return Err(refused(
            "a member cannot be reassigned to themselves".into(),
        ));
    }
    let mut changes = Changes::new();
    for (id, p) in s
        .initiatives
        .iter()
        .filter(|(_, p)| p.initiative.owner == old)
    {
        let path = RecordRef::initiative(&p.silo, id).repo_path(&s.id);
        let mut record = p.initiative.clone();
        record.owner = new.to_string();
        let bytes = edited(
            &path,
            RecordKind::Initiative,
            source(loaded, &path)?,
            |t| replace_field(t, "owner", old, new),
            &AnyRecord::Initiative(record.clone()),
            &record,
        )?;
        changes.insert(path, Some(bytes));
    }
    for (id, silo) in s.silos.iter().filter(|(_, silo)| silo.lead == old) {
        let path = RecordRef::new(RecordKind::Silo, id).repo_path(&s.id);
        let mut record = silo.clone();
        record.lead = new.to_string();
        let bytes = edited(
            &path,
            RecordKind::Silo,
            source(loaded, &path)?,
            |t| replace_field(t, "lead", old, new),
            &AnyRecord::Silo(record.clone()),
            &record,
        )?;
        changes.insert(path, Some(bytes));
    }
    if changes.is_empty() {
        return Err(refused(format!(
            "`{old}` owns no initiative and leads no silo: nothing to reassign"
        )));
    }
    Ok(Plan {
        summary: format!("Reassign {old}'s initiatives and silos to {new}"),
        changes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_replaced_only_where_they_match() {
        let t = "Member(id: \"sam\", silo: \"support\"),\n// silo: \"support\" in a comment\nMember(silo : \"supporting\", x_silo: \"support\")";
        let r = replace_field(t, "silo", "support", "care");
        assert!(r.starts_with("Member(id: \"sam\", silo: \"care\"),"));
        assert!(r.contains("silo : \"supporting\""));
        assert!(r.contains("x_silo: \"support\""));
    }
}
