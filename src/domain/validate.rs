//! The rules of FORMAT.md that can be judged on one snapshot → findings.
//!
//! Each rule names the record and the steps into it (`members[2].silo`), so the store can
//! point at the line and column of the RON text.

mod advice;
mod fields;
mod funding;
mod gates;
mod graph;
mod refs;
mod scores;
#[cfg(test)]
mod tests;

use crate::domain::finding::Finding;
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};

pub use advice::PLACEHOLDER_SUMMARY;
pub use refs::is_valid_id;

/// Every finding on one snapshot, errors and warnings, in a stable order.
pub fn validate(snapshot: &Snapshot) -> Vec<Finding> {
    validate_around(snapshot, &[])
}

/// Like [`validate`], for a snapshot loaded without some broken records: references to
/// them count as resolved, so one broken file yields one error rather than a cascade.
pub fn validate_around(snapshot: &Snapshot, broken: &[RecordRef]) -> Vec<Finding> {
    let ids = refs::Ids::of(snapshot, broken);
    let mut out = Vec::new();
    fields::check(snapshot, &mut out);
    refs::check(snapshot, &ids, &mut out);
    graph::check(snapshot, &mut out);
    gates::check(snapshot, &ids, &mut out);
    scores::check(snapshot, &mut out);
    funding::check(snapshot, &ids, &mut out);
    advice::check(snapshot, &mut out);
    out.sort();
    out.dedup();
    out
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
