//! What changed since a decision, for an audit told with the records of that decision: the
//! silos members belonged to, recusals, scores, ranks and weights, the initiative, its value.

use crate::domain::audit::Chain;
use crate::domain::money::amount;
use crate::domain::snapshot::Snapshot;
use std::collections::BTreeSet;

/// Notes for people, one per change, comparing the forum then (`then`, its chain) with now.
pub fn since(
    then: &Snapshot,
    then_chain: &Chain,
    now: &Snapshot,
    now_chain: &Chain,
) -> Vec<String> {
    let mut notes = Vec::new();
    let (a, b) = (&then_chain.initiative, &now_chain.initiative);
    if a.silo != b.silo {
        notes.push(format!("it is in silo `{}` now (was `{}`)", b.silo, a.silo));
    }
    if a.cost != b.cost {
        notes.push(format!(
            "its cost is {} now (was {})",
            amount(b.cost),
            amount(a.cost)
        ));
    }
    if a.mandatory != b.mandatory {
        notes.push(format!(
            "it is {} now",
            if b.mandatory {
                "mandatory"
            } else {
                "no longer mandatory"
            }
        ));
    }
    if a.addresses != b.addresses {
        notes.push(format!(
            "it addresses {} now (was {})",
            b.addresses.join(", "),
            a.addresses.join(", ")
        ));
    }
    members(then, then_chain, now, now_chain, &mut notes);
    for p in &then_chain.priorities {
        let Some(q) = now_chain.priorities.iter().find(|q| q.id == p.id) else {
            continue;
        };
        if p.rank != q.rank || (p.weight - q.weight).abs() > 1e-9 {
            notes.push(format!(
                "priority `{}` is {} with weight {:.4} now (was {} with {:.4})",
                p.id,
                rank(q.rank),
                q.weight,
                rank(p.rank),
                p.weight
            ));
        }
    }
    if then.forum.budget != now.forum.budget {
        notes.push(format!(
            "the budget is {} now (was {})",
            amount(now.forum.budget),
            amount(then.forum.budget)
        ));
    }
    if (then_chain.value - now_chain.value).abs() > 1e-9 {
        notes.push(format!(
            "its value would be {:.4} today (was {:.4} at the decision)",
            now_chain.value, then_chain.value
        ));
    }
    if then_chain.rule.funded != now_chain.rule.funded {
        notes.push(format!(
            "the {} rule would {} it today",
            now_chain.rule.rule,
            if now_chain.rule.funded {
                "fund"
            } else {
                "not fund"
            }
        ));
    }
    notes
}

fn rank(r: Option<usize>) -> String {
    r.map_or_else(|| "unranked".to_string(), |r| format!("#{r}"))
}

/// The scorers' silos, recusals and scores, then and now.
fn members(
    then: &Snapshot,
    then_chain: &Chain,
    now: &Snapshot,
    now_chain: &Chain,
    notes: &mut Vec<String>,
) {
    let ids: BTreeSet<&String> = then_chain
        .scoring
        .scorers
        .iter()
        .chain(&now_chain.scoring.scorers)
        .map(|s| &s.member)
        .collect();
    for id in ids {
        let (old, new) = (then.member(id), now.member(id));
        match (old, new) {
            (Some(o), Some(n)) if o.silo != n.silo => notes.push(format!(
                "`{id}` is in silo `{}` now (was `{}` at the decision)",
                n.silo, o.silo
            )),
            (Some(_), None) => notes.push(format!("`{id}` is no longer a member")),
            _ => {}
        }
        let find = |c: &Chain| c.scoring.scorers.iter().find(|s| &s.member == id).cloned();
        match (find(then_chain), find(now_chain)) {
            (Some(o), Some(n)) => {
                if o.recused != n.recused {
                    notes.push(format!(
                        "`{id}` is {} now (was {} at the decision)",
                        if n.recused { "recused" } else { "counted" },
                        if o.recused { "recused" } else { "counted" }
                    ));
                }
                if o.scores != n.scores {
                    // Both rows over the priorities either scored, so a score gone to 0 shows.
                    let on: BTreeSet<&String> = o.scores.keys().chain(n.scores.keys()).collect();
                    notes.push(format!(
                        "`{id}`'s scores are {} now (were {})",
                        row_on(&n.scores, &on),
                        row_on(&o.scores, &on)
                    ));
                }
            }
            (Some(o), None) => {
                notes.push(format!("`{id}`'s scores ({}) are gone now", row(&o.scores)))
            }
            (None, Some(n)) => notes.push(format!(
                "`{id}` scored it after the decision ({})",
                row(&n.scores)
            )),
            (None, None) => {}
        }
    }
    let (old, new) = (
        &then_chain.scoring.consensus_scores,
        &now_chain.scoring.consensus_scores,
    );
    if old != new {
        notes.push("the forum's consensus scores changed".to_string());
    }
}

/// A scorer's row on the priorities `on` (`p1=0 p3=2`).
fn row_on(scores: &std::collections::BTreeMap<String, u8>, on: &BTreeSet<&String>) -> String {
    on.iter()
        .map(|p| format!("{p}={}", scores.get(*p).copied().unwrap_or(0)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A scorer's row as `p1=4 p3=2` (the scores above 0), or `all 0`.
fn row(scores: &std::collections::BTreeMap<String, u8>) -> String {
    if scores.is_empty() {
        return "all 0".to_string();
    }
    scores
        .iter()
        .map(|(p, s)| format!("{p}={s}"))
        .collect::<Vec<_>>()
        .join(" ")
}
