//! Dependencies and alternatives between initiatives: no cycles, no contradictions.

use crate::domain::finding::{Finding, Step, field};
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::domain::validate::Scope;
use std::collections::{BTreeMap, BTreeSet};

/// Finds dependency cycles and initiatives that both need and exclude another.
pub(super) fn check(s: &Snapshot, scope: &Scope, out: &mut Vec<Finding>) {
    if !scope.any(RecordKind::Initiative) {
        return;
    }
    let rec = |id: &str| {
        let silo = s.initiatives.get(id).map(|p| p.silo.as_str()).unwrap_or("");
        RecordRef::initiative(silo, id)
    };
    for (id, p) in &s.initiatives {
        if !scope.has(RecordKind::Initiative, id) {
            continue;
        }
        let i = &p.initiative;
        for (k, d) in i.depends_on.iter().enumerate() {
            let at = vec![field("depends_on"), Step::Index(k)];
            if d == id {
                out.push(
                    Finding::error(rec(id), at, format!("`{id}` depends on itself"))
                        .with_hint("remove it from `depends_on`"),
                );
            } else if i.excludes.contains(d) {
                out.push(
                    Finding::error(
                        rec(id),
                        at,
                        format!("`{id}` both depends on and excludes `{d}`"),
                    )
                    .with_hint("an alternative cannot also be a prerequisite; keep one"),
                );
            }
        }
        for (k, x) in i.excludes.iter().enumerate() {
            let at = vec![field("excludes"), Step::Index(k)];
            if x == id {
                out.push(
                    Finding::error(rec(id), at, format!("`{id}` excludes itself"))
                        .with_hint("remove it from `excludes`"),
                );
            } else if i.mandatory && s.initiative(x).is_some_and(|o| o.mandatory) {
                out.push(
                    Finding::error(
                        rec(id),
                        at,
                        format!("`{id}` and `{x}` are both mandatory but exclude each other"),
                    )
                    .with_hint("at most one alternative can be funded; make one not mandatory"),
                );
            }
        }
    }
    for cycle in cycles(s) {
        let Some(first) = cycle.first() else { continue };
        let next = cycle.get(1).unwrap_or(first);
        let index = s
            .initiative(first)
            .and_then(|i| i.depends_on.iter().position(|d| d == next))
            .unwrap_or(0);
        let mut path = cycle.clone();
        path.push(first.clone());
        out.push(
            Finding::error(
                rec(first),
                vec![field("depends_on"), Step::Index(index)],
                format!("dependency cycle: {}", path.join(" → ")),
            )
            .with_hint(
                "no initiative can be funded before the others in a cycle; remove one dependency",
            ),
        );
    }
}

/// Every dependency cycle (each once, starting at its smallest id). Self-loops are left to
/// the caller. Iterative, so a long chain cannot overflow the stack.
pub(super) fn cycles(s: &Snapshot) -> Vec<Vec<String>> {
    let deps: BTreeMap<&str, Vec<&str>> = s
        .initiatives
        .iter()
        .map(|(id, p)| {
            let d = p
                .initiative
                .depends_on
                .iter()
                .map(String::as_str)
                .filter(|d| *d != id.as_str() && s.initiatives.contains_key(*d))
                .collect();
            (id.as_str(), d)
        })
        .collect();
    // Kahn, linear: peel off everything that does not (transitively) depend on a cycle.
    let mut waiting: BTreeMap<&str, usize> = deps.iter().map(|(id, d)| (*id, d.len())).collect();
    let mut dependents: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, d) in &deps {
        for x in d {
            dependents.entry(*x).or_default().push(*id);
        }
    }
    let mut free: Vec<&str> = waiting
        .iter()
        .filter(|(_, n)| **n == 0)
        .map(|(id, _)| *id)
        .collect();
    let mut remaining: BTreeSet<&str> = deps.keys().copied().collect();
    while let Some(id) = free.pop() {
        remaining.remove(id);
        for dependent in dependents.get(id).map(Vec::as_slice).unwrap_or(&[]) {
            if let Some(n) = waiting.get_mut(dependent) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    free.push(dependent);
                }
            }
        }
    }
    let mut found = Vec::new();
    while let Some(start) = remaining.iter().next().copied() {
        let mut path: Vec<&str> = vec![start];
        let mut cur = start;
        loop {
            let next = deps
                .get(cur)
                .and_then(|d| d.iter().copied().find(|x| remaining.contains(x)));
            let Some(next) = next else {
                remaining.remove(cur);
                break;
            };
            if let Some(pos) = path.iter().position(|p| *p == next) {
                let cycle = &path[pos..];
                let min = cycle.iter().enumerate().min_by_key(|(_, id)| **id);
                let k = min.map(|(k, _)| k).unwrap_or(0);
                let rotated: Vec<String> = cycle[k..]
                    .iter()
                    .chain(cycle[..k].iter())
                    .map(|s| s.to_string())
                    .collect();
                for id in cycle {
                    remaining.remove(id);
                }
                found.push(rotated);
                break;
            }
            path.push(next);
            cur = next;
        }
    }
    found
}
