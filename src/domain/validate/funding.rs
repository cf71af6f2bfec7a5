//! The allocation: within budget, every line reasoned, and the initiatives' own rules held.
//!
//! Funded means a line with an amount above 0: a line of 0 is "not funded, with the forum's
//! reason" and counts for no rule (mandatory, dependencies, alternatives, caps).

use crate::domain::finding::{Finding, Step, field};
use crate::domain::money::money;
use crate::domain::phase::line_funds;
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::domain::validate::refs::Ids;
use std::collections::{BTreeMap, BTreeSet};

/// Checks `allocation.ron` against the budget, the initiatives and the silos' caps.
pub(super) fn check(s: &Snapshot, ids: &Ids, out: &mut Vec<Finding>) {
    let Some(a) = &s.allocation else { return };
    let r = RecordRef::new(RecordKind::Allocation, "");
    let cur = s.forum.currency.as_str();
    let line_at = |i: usize, name: &str| vec![field("lines"), Step::Index(i), field(name)];
    let mut lined: BTreeMap<&str, usize> = BTreeMap::new();
    let mut total: u128 = 0;
    for (i, l) in a.lines.iter().enumerate() {
        total += u128::from(l.amount);
        if let Some(f) = ids
            .initiatives
            .resolve(&r, line_at(i, "initiative"), &l.initiative)
        {
            out.push(f);
            continue;
        }
        if lined.insert(l.initiative.as_str(), i).is_some() {
            out.push(
                Finding::error(
                    r.clone(),
                    line_at(i, "initiative"),
                    format!("`{}` has two lines", l.initiative),
                )
                .with_hint("fund each initiative on one line"),
            );
        }
        if l.reason.trim().is_empty() {
            let at = vec![field("lines"), Step::Index(i), field("reason")];
            out.push(
                Finding::error(
                    r.clone(),
                    at,
                    format!("the line for `{}` has no reason", l.initiative),
                )
                .with_hint("every line says why, e.g. `reason: \"Top value per euro\"`"),
            );
        }
        if let Some(init) = s.initiative(&l.initiative) {
            if l.amount > init.cost {
                out.push(
                    Finding::error(
                        r.clone(),
                        line_at(i, "amount"),
                        format!(
                            "`{}` is given {}, more than its cost of {}",
                            l.initiative,
                            money(l.amount, cur),
                            money(init.cost, cur)
                        ),
                    )
                    .with_hint("an amount is at most the initiative's cost"),
                );
            }
        }
    }
    let total_money = u64::try_from(total).unwrap_or(u64::MAX);
    if total > u128::from(a.budget) {
        out.push(
            Finding::error(
                r.clone(),
                vec![field("lines")],
                format!(
                    "the lines total {}, more than the budget of {}",
                    money(total_money, cur),
                    money(a.budget, cur)
                ),
            )
            .with_hint("cut or drop lines until the total fits"),
        );
    }
    if a.budget != s.forum.budget {
        let message = format!(
            "the allocation was decided under a budget of {}; the forum's budget is now {}",
            money(a.budget, cur),
            money(s.forum.budget, cur)
        );
        let f = if total > u128::from(s.forum.budget) {
            Finding::error(r.clone(), vec![field("budget")], message)
        } else {
            Finding::warning(r.clone(), vec![field("budget")], message)
        };
        out.push(f.with_hint("allocate again under the budget in force"));
    }
    let funded: BTreeMap<&str, usize> = lined
        .iter()
        .filter(|&(_, &i)| a.lines.get(i).is_some_and(|l| line_funds(s, l)))
        .map(|(&id, &i)| (id, i))
        .collect();
    for (id, p) in &s.initiatives {
        if p.initiative.mandatory && !funded.contains_key(id.as_str()) {
            let (at, message) = match lined.get(id.as_str()) {
                Some(&i) => (
                    line_at(i, "amount"),
                    format!("the mandatory initiative `{id}` is given 0"),
                ),
                None => (
                    vec![field("lines")],
                    format!("the mandatory initiative `{id}` has no line"),
                ),
            };
            out.push(
                Finding::error(r.clone(), at, message)
                    .with_hint("mandatory work must be funded: give it an amount above 0"),
            );
        }
    }
    let mut alternatives = BTreeSet::new();
    for (&id, &i) in &funded {
        let Some(init) = s.initiative(id) else {
            continue;
        };
        for d in &init.depends_on {
            if !funded.contains_key(d.as_str()) && s.initiatives.contains_key(d) {
                out.push(
                    Finding::error(
                        r.clone(),
                        line_at(i, "initiative"),
                        format!("`{id}` is funded but `{d}`, which it depends on, is not"),
                    )
                    .with_hint(format!("fund `{d}` too, or drop `{id}`")),
                );
            }
        }
        for x in &init.excludes {
            if funded.contains_key(x.as_str()) {
                let pair = if id < x.as_str() {
                    (id, x.as_str())
                } else {
                    (x.as_str(), id)
                };
                if alternatives.insert(pair) {
                    out.push(
                        Finding::error(
                            r.clone(),
                            line_at(funded.get(pair.1).copied().unwrap_or(i), "initiative"),
                            format!(
                                "`{}` and `{}` are alternatives; at most one may be funded",
                                pair.0, pair.1
                            ),
                        )
                        .with_hint("drop one of the two lines"),
                    );
                }
            }
        }
    }
    let mut per_silo: BTreeMap<&str, u128> = BTreeMap::new();
    for l in &a.lines {
        if let Some(p) = s.initiatives.get(&l.initiative) {
            // A shared initiative's line counts against each contributing silo's cap.
            for (silo, part) in p.initiative.split(&p.silo, l.amount) {
                *per_silo.entry(silo).or_default() += u128::from(part);
            }
        }
    }
    for (silo, sum) in per_silo {
        let Some(cap) = s.silos.get(silo).and_then(|x| x.cap) else {
            continue;
        };
        if sum > u128::from(cap) {
            out.push(
                Finding::error(
                    r.clone(),
                    vec![field("lines")],
                    format!(
                        "silo `{silo}` is given {}, more than its cap of {}",
                        money(u64::try_from(sum).unwrap_or(u64::MAX), cur),
                        money(cap, cur)
                    ),
                )
                .with_hint("cut the silo's lines, or raise its cap by decision"),
            );
        }
    }
}
