//! Endorsements: a member who is one, a real day, something said; an answer with a real day.

use crate::domain::finding::{Finding, field};
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::domain::validate::Scope;
use crate::domain::validate::actions::is_date;
use crate::domain::validate::refs::Ids;

/// Checks every endorsement in scope.
pub(super) fn check(s: &Snapshot, ids: &Ids, scope: &Scope, out: &mut Vec<Finding>) {
    for (id, e) in &s.endorsements {
        if !scope.has(RecordKind::Endorsement, id) {
            continue;
        }
        let r = RecordRef::new(RecordKind::Endorsement, id);
        out.extend(ids.members.resolve(&r, vec![field("member")], &e.member));
        let days = std::iter::once(("on", &e.on)).chain(e.answer.iter().map(|a| ("answer", &a.on)));
        for (at, day) in days {
            if !is_date(day) {
                out.push(
                    Finding::error(r.clone(), vec![field(at)], format!("`{day}` is not a date"))
                        .with_hint("write the day as YYYY-MM-DD, e.g. \"2027-04-02\""),
                );
            }
        }
        if e.text.trim().is_empty() {
            out.push(
                Finding::error(
                    r.clone(),
                    vec![field("text")],
                    "the endorsement says nothing",
                )
                .with_hint("say what the member endorses or challenges"),
            );
        }
    }
}
