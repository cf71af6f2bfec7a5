//! The rules of FORMAT.md that can be judged on one snapshot → findings.
//!
//! Each rule names the record and the steps into it (`members[2].silo`), so the store can
//! point at the line and column of the RON text.

mod actions;
mod advice;
mod delivery;
mod endorsements;
mod evidence;
mod fields;
mod funding;
mod gates;
mod graph;
pub mod limits;
mod refs;
mod scores;
mod session;
#[cfg(test)]
mod tests;

use crate::domain::finding::Finding;
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use std::collections::{BTreeMap, BTreeSet};

pub use actions::is_date;
pub use advice::PLACEHOLDER_SUMMARY;
pub use refs::is_valid_id;

/// Every finding on one snapshot, errors and warnings, in a stable order.
pub fn validate(snapshot: &Snapshot) -> Vec<Finding> {
    validate_around(snapshot, &[])
}

/// Like [`validate`], for a snapshot loaded without some broken records: references to
/// them count as resolved, so one broken file yields one error rather than a cascade.
pub fn validate_around(snapshot: &Snapshot, broken: &[RecordRef]) -> Vec<Finding> {
    validate_scoped(snapshot, broken, &Scope::all())
}

/// Like [`validate_around`], keeping only the findings on the records in `scope` (and
/// skipping the work for the others): what a whole validation finds on those records.
pub fn validate_scoped(snapshot: &Snapshot, broken: &[RecordRef], scope: &Scope) -> Vec<Finding> {
    let ids = refs::Ids::of(snapshot, broken);
    let mut out = Vec::new();
    fields::check(snapshot, scope, &mut out);
    limits::check(snapshot, scope, &mut out);
    refs::check(snapshot, &ids, scope, &mut out);
    graph::check(snapshot, scope, &mut out);
    gates::check(snapshot, &ids, scope, &mut out);
    scores::check(snapshot, scope, &mut out);
    if scope.has(RecordKind::Allocation, "") {
        funding::check(snapshot, &ids, &mut out);
    }
    advice::check(snapshot, scope, &mut out);
    evidence::check(snapshot, scope, &mut out);
    session::check(snapshot, &ids, scope, &mut out);
    actions::check(snapshot, &ids, scope, &mut out);
    endorsements::check(snapshot, &ids, scope, &mut out);
    delivery::check(snapshot, scope, &mut out);
    delivery::check_readings(snapshot, scope, &mut out);
    if !scope.is_all() {
        out.retain(|f| scope.has(f.record.kind, &f.record.id));
    }
    out.sort();
    out.dedup();
    out
}

/// How a finding about a reference to a missing initiative begins (`unknown initiative `x``):
/// such findings change when initiatives come or go, and only they do.
pub const UNKNOWN_INITIATIVE: &str = "unknown initiative `";

/// The initiatives on a dependency cycle (each cycle is reported on one of them).
pub fn on_cycles(snapshot: &Snapshot) -> BTreeSet<String> {
    graph::cycles(snapshot).into_iter().flatten().collect()
}

/// The records a validation looks at: all of them, or some, by kind and id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    only: Option<BTreeMap<RecordKind, BTreeSet<String>>>,
    /// Kinds left out entirely.
    except: Vec<RecordKind>,
}

impl Scope {
    /// Every record.
    pub fn all() -> Self {
        Scope {
            only: None,
            except: Vec::new(),
        }
    }

    /// The same records but none of this kind.
    pub fn without(mut self, kind: RecordKind) -> Self {
        self.except.push(kind);
        self
    }

    /// No record yet (add them with [`Scope::add`]).
    pub fn none() -> Self {
        Scope {
            only: Some(BTreeMap::new()),
            except: Vec::new(),
        }
    }

    /// Adds one record (the id is empty for the forum, the ranking and the allocation).
    pub fn add(&mut self, kind: RecordKind, id: &str) {
        if let Some(only) = &mut self.only {
            only.entry(kind).or_default().insert(id.to_string());
        }
    }

    /// Adds every record.
    pub fn add_all(&mut self) {
        self.only = None;
        self.except.clear();
    }

    /// True when every record is in.
    pub fn is_all(&self) -> bool {
        self.only.is_none() && self.except.is_empty()
    }

    /// True when this record is in.
    pub fn has(&self, kind: RecordKind, id: &str) -> bool {
        if self.except.contains(&kind) {
            return false;
        }
        match &self.only {
            None => true,
            Some(only) => only.get(&kind).is_some_and(|ids| ids.contains(id)),
        }
    }

    /// True when some record of this kind is in.
    pub fn any(&self, kind: RecordKind) -> bool {
        if self.except.contains(&kind) {
            return false;
        }
        match &self.only {
            None => true,
            Some(only) => only.get(&kind).is_some_and(|ids| !ids.is_empty()),
        }
    }
}

/// The forum's own record.
fn forum_ref() -> RecordRef {
    RecordRef::new(RecordKind::Forum, "")
}

/// `a`, `b`, `c` for messages, at most eight names.
fn list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.into_iter().collect();
    let mut out: Vec<String> = names.iter().take(8).map(|n| format!("`{n}`")).collect();
    if names.len() > 8 {
        out.push(format!("and {} more", names.len() - 8));
    }
    out.join(", ")
}
