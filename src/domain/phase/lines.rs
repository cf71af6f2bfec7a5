//! The rules an allocation's lines must keep: budget, reasons, costs, mandatory, dependencies.
//!
//! Funded means a line with an amount above 0; a line of 0 says "not funded" with the
//! forum's reason, and counts as funded nowhere (mandatory, dependencies, alternatives).

use crate::domain::money::amount;
use crate::domain::records::Line;
use crate::domain::snapshot::Snapshot;
use std::collections::BTreeSet;

/// True when the line funds its initiative: an amount above 0 (an initiative that costs
/// nothing is funded by its line of 0, the only amount it can have).
pub fn line_funds(snapshot: &Snapshot, line: &Line) -> bool {
    line.amount > 0
        || snapshot
            .initiative(&line.initiative)
            .is_some_and(|i| i.cost == 0)
}

/// Digits with thousands separators, for a total that may pass `u64`.
fn money(digits: &str) -> String {
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// What is wrong with the snapshot's allocation lines, for people (empty when all is well).
pub fn allocation_problems(snapshot: &Snapshot) -> Vec<String> {
    let Some(allocation) = &snapshot.allocation else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let total: u128 = allocation.lines.iter().map(|l| u128::from(l.amount)).sum();
    if total > u128::from(snapshot.forum.budget) {
        out.push(format!(
            "the allocation totals {}, over the budget of {}",
            money(&total.to_string()),
            amount(snapshot.forum.budget)
        ));
    }
    let mut lined = BTreeSet::new();
    let mut clashes = BTreeSet::new();
    for line in &allocation.lines {
        let id = &line.initiative;
        if !lined.insert(id.as_str()) {
            out.push(format!("the allocation has two lines for `{id}`"));
        }
        if line.reason.trim().is_empty() {
            out.push(format!("the allocation line for `{id}` has no reason"));
        }
        match snapshot.initiative(id) {
            None => out.push(format!(
                "the allocation funds `{id}`, which is not an initiative"
            )),
            Some(i) if line.amount > i.cost => out.push(format!(
                "the allocation gives `{id}` {}, more than its cost of {}",
                amount(line.amount),
                amount(i.cost)
            )),
            Some(_) => {}
        }
    }
    let funded: BTreeSet<&str> = allocation
        .lines
        .iter()
        .filter(|l| line_funds(snapshot, l))
        .map(|l| l.initiative.as_str())
        .collect();
    for (id, p) in &snapshot.initiatives {
        let initiative = &p.initiative;
        let has = funded.contains(id.as_str());
        if initiative.mandatory && !has {
            out.push(format!(
                "`{id}` is mandatory but the allocation does not fund it (no line above 0)"
            ));
        }
        if has {
            for dep in &initiative.depends_on {
                if !funded.contains(dep.as_str()) {
                    out.push(format!("`{id}` depends on `{dep}`, which is not funded"));
                }
            }
            for other in &initiative.excludes {
                if funded.contains(other.as_str()) {
                    let pair = if id < other { (id, other) } else { (other, id) };
                    clashes.insert(pair);
                }
            }
        }
    }
    for (a, b) in clashes {
        out.push(format!(
            "`{a}` and `{b}` exclude each other; both are funded"
        ));
    }
    out
}
