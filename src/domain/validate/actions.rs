//! Action items: an owner who is a member, a real due date, a text, and a real closing date.

use crate::domain::finding::{Finding, field};
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::domain::validate::Scope;
use crate::domain::validate::refs::Ids;

/// True for a calendar date written `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        s.get(r)
            .filter(|d| d.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|d| d.parse().ok())
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Checks every action item in scope.
pub(super) fn check(s: &Snapshot, ids: &Ids, scope: &Scope, out: &mut Vec<Finding>) {
    for (id, a) in &s.actions {
        if !scope.has(RecordKind::Action, id) {
            continue;
        }
        let r = RecordRef::new(RecordKind::Action, id);
        out.extend(ids.members.resolve(&r, vec![field("owner")], &a.owner));
        if !is_date(&a.due) {
            out.push(
                Finding::error(
                    r.clone(),
                    vec![field("due")],
                    format!("`{}` is not a date", a.due),
                )
                .with_hint("write the due date as YYYY-MM-DD, e.g. \"2026-12-03\""),
            );
        }
        if a.text.trim().is_empty() {
            out.push(
                Finding::error(
                    r.clone(),
                    vec![field("text")],
                    "the action item says nothing",
                )
                .with_hint("say what is brought, e.g. \"the revised CRM cost\""),
            );
        }
        if let Some(c) = &a.closed
            && !is_date(&c.on)
        {
            out.push(
                Finding::error(
                    r.clone(),
                    vec![field("closed"), field("on")],
                    format!("`{}` is not a date", c.on),
                )
                .with_hint("write the closing date as YYYY-MM-DD"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_date;

    #[test]
    fn dates_are_checked_as_dates() {
        assert!(is_date("2026-12-03"));
        assert!(is_date("2028-02-29"));
        assert!(!is_date("2026-02-29"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("3 Dec"));
        assert!(!is_date("2026-1-03"));
    }
}
