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

/// Checks every readings record in scope: of a priority or an initiative, each on a real day
/// with a finite value.
pub(super) fn check_readings(s: &Snapshot, scope: &Scope, out: &mut Vec<Finding>) {
    for (id, r) in &s.readings {
        if !scope.has(RecordKind::Readings, id) {
            continue;
        }
        let at = RecordRef::new(RecordKind::Readings, id);
        if !s.priorities.contains_key(id) && !s.initiatives.contains_key(id) {
            out.push(
                Finding::error(at.clone(), vec![], format!("`{id}` is neither a priority nor an initiative"))
                    .with_hint("a readings file is named after the priority or initiative whose goal it measures"),
            );
        }
        for (i, e) in r.entries.iter().enumerate() {
            if !is_date(&e.on) || !e.value.is_finite() {
                out.push(
                    Finding::error(
                        at.clone(),
                        vec![field("entries"), Step::Index(i)],
                        format!(
                            "the reading of `{}` on `{}` needs a real day and a finite value",
                            id, e.on
                        ),
                    )
                    .with_hint("on: \"YYYY-MM-DD\", value: a number"),
                );
            }
        }
    }
}
