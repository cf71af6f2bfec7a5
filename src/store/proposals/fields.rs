//! The fields of an initiative that move the score or the allocation, before and after.

use super::FieldChange;
use crate::domain::money::money;
use crate::domain::records::Initiative;
use crate::domain::snapshot::Snapshot;
use crate::store::decide::Changes;
use std::collections::BTreeSet;

/// The score-moving fields of each initiative in `ids` that differ between `before` and
/// `after`. An initiative whose new file does not decode (it is in `changes` but not in
/// `after`) is left out: its problems say why.
pub fn field_changes(
    before: &Snapshot,
    after: &Snapshot,
    ids: &BTreeSet<String>,
    changes: &Changes,
    forum: &str,
) -> Vec<FieldChange> {
    let currency = &before.forum.currency;
    // The initiatives whose files the change writes, found once (looking them up for each id
    // made a 20,000-file proposal quadratic).
    let written: BTreeSet<String> = changes
        .iter()
        .filter(|(_, b)| b.is_some())
        .filter_map(|(p, _)| super::check::initiative_id(forum, p))
        .collect();
    let mut out = Vec::new();
    for id in ids {
        let old = before.initiative(id);
        let new = after.initiative(id);
        if new.is_none() && written.contains(id) {
            continue;
        }
        let old_fields = old.map(|i| fields(i, currency));
        let new_fields = new.map(|i| fields(i, currency));
        for (k, name) in NAMES.iter().enumerate() {
            let a = old_fields.as_ref().map(|f| f[k].clone());
            let b = new_fields.as_ref().map(|f| f[k].clone());
            // Dependencies, alternatives and `mandatory` are shown only when they say something.
            let quiet = |x: &Option<String>| {
                x.as_deref()
                    .is_none_or(|v| k >= 2 && (v == "none" || v == "false"))
            };
            if a != b && !(k >= 2 && quiet(&a) && quiet(&b)) {
                out.push(FieldChange {
                    initiative: id.clone(),
                    field: (*name).to_string(),
                    before: a,
                    after: b,
                });
            }
        }
    }
    out
}

const NAMES: [&str; 5] = ["cost", "addresses", "depends_on", "excludes", "mandatory"];

/// The fields as text, in `NAMES` order; an empty list is `none`.
fn fields(i: &Initiative, currency: &str) -> [String; 5] {
    let list = |v: &[String]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.join(", ")
        }
    };
    [
        money(i.cost, currency),
        list(&i.addresses),
        list(&i.depends_on),
        list(&i.excludes),
        i.mandatory.to_string(),
    ]
}
