//! A budget change once the money is allocated, computed: the new allocation is the forum's
//! rule at the new budget, or — on a cut, when the forum ratified a defence plan — the plan's
//! cut of the standing allocation, each departure from the rule with its reason. Shared by
//! `roundtable rebudget` and the demo's rehearsal.

use crate::domain::analysis::{Analysis, whatif};
use crate::domain::money::{amount, money};
use crate::domain::records::{Allocation, Forum, Line, Money};
use crate::domain::snapshot::Snapshot;

/// What a rebudget writes and says.
#[derive(Debug, Clone, PartialEq)]
pub struct Rebudget {
    pub forum: Forum,
    pub allocation: Allocation,
    /// The commit's first line.
    pub summary: String,
    /// What drops and comes in, the totals, and each departure from the rule (for the body).
    pub details: String,
}

/// Computes a rebudget to `budget`; an error in words when there is no allocation standing
/// or the budget cannot hold what must be funded.
pub fn rebudget(
    s: &Snapshot,
    analysis: &Analysis,
    budget: Money,
    note: &str,
) -> Result<Rebudget, String> {
    let Some(standing) = &s.allocation else {
        return Err("there is no allocation yet: rebudget changes a standing allocation".into());
    };
    let cur = &s.forum.currency;
    let mut w = whatif(s, analysis, budget);
    if !w.feasible {
        return Err(format!(
            "the mandatory initiatives do not fit a budget of {}",
            money(budget, cur)
        ));
    }
    let cost = |id: &str| s.initiative(id).map_or(0, |i| i.cost);
    let rule_reason = format!("{} rule", standing.rule.name());
    let mut departures = Vec::new();
    let lines: Vec<Line> = match &s.forum.defence {
        Some(defence) if budget < w.base_cost => {
            let c = crate::domain::defence::cut(s, analysis, defence, budget, &w.funded);
            if !c.fits {
                return Err(format!(
                    "the defence plan cannot reach {}: protected, mandatory and needed lines alone cost more",
                    money(budget, cur)
                ));
            }
            let why = |id: &str| {
                c.departures
                    .iter()
                    .find(|(d, _)| d == id)
                    .map(|(_, r)| r.clone())
            };
            let mut lines: Vec<Line> = c
                .kept
                .iter()
                .map(|(id, a)| Line {
                    initiative: id.clone(),
                    amount: *a,
                    reason: why(id).unwrap_or_else(|| rule_reason.clone()),
                })
                .collect();
            for id in &w.funded {
                if !c.kept.iter().any(|(k, _)| k == id) {
                    lines.push(Line {
                        initiative: id.clone(),
                        amount: 0,
                        reason: why(id).unwrap_or_else(|| "defence plan".into()),
                    });
                }
            }
            departures = c.departures.clone();
            w.dropped = c.dropped.clone();
            w.added = Vec::new();
            w.total_cost = c.kept.iter().fold(0u64, |t, (_, a)| t.saturating_add(*a));
            w.total_value = c
                .kept
                .iter()
                .map(|(id, _)| analysis.valuation(id).map_or(0.0, |v| v.value))
                .sum();
            lines
        }
        _ => w
            .funded
            .iter()
            .map(|id| Line {
                initiative: id.clone(),
                amount: cost(id),
                reason: rule_reason.clone(),
            })
            .collect(),
    };
    let title = |id: &String| {
        s.initiative(id).map_or_else(
            || id.clone(),
            |i| format!("{} ({id}, {})", i.title, amount(i.cost)),
        )
    };
    let list = |ids: &[String]| {
        if ids.is_empty() {
            "nothing".to_string()
        } else {
            ids.iter().map(title).collect::<Vec<_>>().join("; ")
        }
    };
    let mut details = format!(
        "Drops: {}\nComes in: {}\nFunded {} → {}, value {:.2} → {:.2} (following {}).",
        list(&w.dropped),
        list(&w.added),
        amount(w.base_cost),
        amount(w.total_cost),
        w.base_value,
        w.total_value,
        if departures.is_empty() {
            format!("the {} rule", w.rule.name())
        } else {
            "the defence plan".to_string()
        }
    );
    for (id, why) in &departures {
        details.push_str(&format!("\nDeparts from the rule: {id} — {why}"));
    }
    let mut forum = s.forum.clone();
    forum.budget = budget;
    Ok(Rebudget {
        forum,
        allocation: Allocation {
            rule: standing.rule,
            budget,
            lines,
            note: note.trim().to_string(),
        },
        summary: format!(
            "Rebudget from {} to {}: {} drop, {} come in",
            money(s.forum.budget, cur),
            money(budget, cur),
            w.dropped.len(),
            w.added.len()
        ),
        details,
    })
}
