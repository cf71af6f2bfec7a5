//! Bounds that keep the arithmetic exact and the commits signable: money at most
//! [`MAX_MONEY`], explicit weights finite and at most [`MAX_WEIGHT`], member names and emails
//! that git can write into a signature.

use crate::domain::finding::{Finding, Step, field};
use crate::domain::records::{Money, Weighting};
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::domain::validate::{Scope, forum_ref};

/// The most a cost, a budget, a cap or an allocated amount may be: 10^15 units. Sums of up to
/// 18,000 such amounts fit in a `u64`, and every amount is exact as an `f64` (below 2^53).
pub const MAX_MONEY: Money = 1_000_000_000_000_000;

/// The largest explicit weight: weights are scaled to add up to 1, so only their ratios count.
pub const MAX_WEIGHT: f64 = 1e9;

/// Checks money, explicit weights and members' names and emails.
pub(super) fn check(s: &Snapshot, scope: &Scope, out: &mut Vec<Finding>) {
    let mut money = |r: &RecordRef, at: Vec<Step>, name: &str, m: Money| {
        if m > MAX_MONEY {
            out.push(
                Finding::error(
                    r.clone(),
                    at,
                    format!("`{name}` is {m}, more than the largest amount roundtable keeps exact (1,000,000,000,000,000)"),
                )
                .with_hint("amounts are whole units of the currency, at most 10^15"),
            );
        }
    };
    if scope.has(RecordKind::Forum, "") {
        money(
            &forum_ref(),
            vec![field("budget")],
            "budget",
            s.forum.budget,
        );
    }
    for (id, silo) in &s.silos {
        if let Some(cap) = silo.cap.filter(|_| scope.has(RecordKind::Silo, id)) {
            let r = RecordRef::new(RecordKind::Silo, id);
            money(&r, vec![field("cap")], "cap", cap);
        }
    }
    for (id, p) in &s.initiatives {
        if scope.has(RecordKind::Initiative, id) {
            let r = RecordRef::initiative(&p.silo, id);
            money(&r, vec![field("cost")], "cost", p.initiative.cost);
        }
    }
    if let Some(a) = s
        .allocation
        .as_ref()
        .filter(|_| scope.has(RecordKind::Allocation, ""))
    {
        let r = RecordRef::new(RecordKind::Allocation, "");
        money(&r, vec![field("budget")], "budget", a.budget);
        for (i, l) in a.lines.iter().enumerate() {
            let at = vec![field("lines"), Step::Index(i), field("amount")];
            money(&r, at, "amount", l.amount);
        }
    }
    if scope.has(RecordKind::Forum, "") {
        forum(s, out);
    }
}

fn forum(s: &Snapshot, out: &mut Vec<Finding>) {
    let forum = forum_ref();
    if let Weighting::Explicit(weights) = &s.forum.weighting {
        for (p, w) in weights {
            if w.is_finite() && *w > MAX_WEIGHT {
                out.push(
                    Finding::error(
                        forum.clone(),
                        vec![field("weighting"), Step::Value(p.clone())],
                        format!("the weight of `{p}` is {w}; explicit weights are at most 1e9"),
                    )
                    .with_hint(
                        "only the ratios count: write 40.0 and 10.0 rather than 4e300 and 1e300",
                    ),
                );
            }
        }
        if !weights.is_empty() && weights.values().all(|w| *w == 0.0) {
            out.push(
                Finding::error(
                    forum.clone(),
                    vec![field("weighting")],
                    "every explicit weight is 0; at least one must be more".to_string(),
                )
                .with_hint("give the priorities that matter a weight such as 10.0"),
            );
        }
    }
    for (i, m) in s.forum.members.iter().enumerate() {
        for (name, value) in [("name", &m.name), ("email", &m.email)] {
            if let Some(c) = value.chars().find(|c| matches!(c, '<' | '>' | '\n' | '\0')) {
                out.push(
                    Finding::error(
                        forum.clone(),
                        vec![field("members"), Step::Index(i), field(name)],
                        format!(
                            "the member's {name} contains {:?}, which git cannot write into a commit's author",
                            c
                        ),
                    )
                    .with_hint("names and emails hold no angle brackets or line breaks"),
                );
            }
        }
    }
}
