//! Delivery statuses: of an initiative of the forum, each on a real day.

use crate::domain::finding::{Finding, Step, field};
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::domain::validate::Scope;
use crate::domain::validate::actions::is_date;

/// Checks every delivery record in scope.
pub(super) fn check(s: &Snapshot, scope: &Scope, out: &mut Vec<Finding>) {
    for (id, d) in &s.delivery {
        if !scope.has(RecordKind::Delivery, id) {
            continue;
        }
        let r = RecordRef::new(RecordKind::Delivery, id);
        if !s.initiatives.contains_key(id) {
            out.push(
                Finding::error(
                    r.clone(),
                    vec![],
                    format!("`{id}` is not an initiative of the forum"),
                )
                .with_hint("a delivery file is named after the funded initiative it follows"),
            );
        }
        for (i, p) in d.entries.iter().enumerate() {
            if !is_date(&p.on) {
                out.push(
                    Finding::error(
                        r.clone(),
                        vec![field("entries"), Step::Index(i), field("on")],
                        format!("`{}` is not a date", p.on),
                    )
                    .with_hint("write the day as YYYY-MM-DD"),
                );
            }
        }
    }
}
