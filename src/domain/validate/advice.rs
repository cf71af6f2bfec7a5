//! Warnings for what a forum should look at before it decides.

use crate::domain::finding::{Finding, field};
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::domain::validate::Scope;

/// The summary `roundtable propose` writes for the silo lead to replace.
pub const PLACEHOLDER_SUMMARY: &str =
    "What changes for the customer, who does the work, and by when.";

/// Priorities without evidence, initiatives that address nothing or still carry the
/// template's summary, silos without a commitment.
pub(super) fn check(s: &Snapshot, scope: &Scope, out: &mut Vec<Finding>) {
    for (id, p) in &s.priorities {
        if p.evidence.is_empty() && scope.has(RecordKind::Priority, id) {
            out.push(
                Finding::warning(
                    RecordRef::new(RecordKind::Priority, id),
                    vec![field("evidence")],
                    "this priority cites no evidence",
                )
                .with_hint("link the customer evidence behind it: `evidence: [\"…\"]`"),
            );
        }
    }
    one_silo(s, scope, out);
    for (id, p) in &s.initiatives {
        if p.initiative.addresses.is_empty() && scope.has(RecordKind::Initiative, id) {
            out.push(
                Finding::warning(
                    RecordRef::initiative(&p.silo, id),
                    vec![field("addresses")],
                    "this initiative addresses no priority",
                )
                .with_hint("name the priorities it serves: `addresses: [\"…\"]`"),
            );
        }
        if p.initiative.summary.trim() == PLACEHOLDER_SUMMARY
            && scope.has(RecordKind::Initiative, id)
        {
            out.push(
                Finding::warning(
                    RecordRef::initiative(&p.silo, id),
                    vec![field("summary")],
                    "the summary is still the template's",
                )
                .with_hint("say what changes for the customer, who does the work, and by when"),
            );
        }
    }
    for (id, silo) in &s.silos {
        if silo.commitment.trim().is_empty() && scope.has(RecordKind::Silo, id) {
            out.push(
                Finding::warning(
                    RecordRef::new(RecordKind::Silo, id),
                    vec![field("commitment")],
                    "this silo states no commitment to the forum's goals",
                )
                .with_hint("write what the silo commits to: `commitment: \"…\"`"),
            );
        }
    }
}

/// A ranked priority that one silo serves alone, or none: the forum exists for work that
/// needs several silos.
fn one_silo(s: &Snapshot, scope: &Scope, out: &mut Vec<Finding>) {
    let Some(ranking) = &s.ranking else { return };
    for (id, silos) in crate::domain::cross::serving(s, &ranking.order) {
        if !scope.has(RecordKind::Priority, &id) || !s.priorities.contains_key(&id) {
            continue;
        }
        let r = RecordRef::new(RecordKind::Priority, &id);
        let f = match silos.iter().next() {
            None => Finding::warning(r, Vec::new(), "this ranked priority is served by no silo")
                .with_hint("no initiative addresses it: ask the silos what they would do for it"),
            Some(only) if silos.len() == 1 => Finding::warning(
                r,
                Vec::new(),
                format!("this ranked priority is served by one silo only, `{only}`"),
            )
            .with_hint(
                "a customer problem rarely sits in one silo: ask another silo to contribute",
            ),
            Some(_) => continue,
        };
        out.push(f);
    }
}
