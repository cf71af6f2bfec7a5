//! `roundtable rebudget AMOUNT`: a budget change once the money is allocated — a mid-year cut
//! or more money — as ONE decision that writes the new budget and the new allocation together.
//! The allocation is the forum's rule at the new budget (mandatory initiatives and
//! dependencies hold, as in every allocation); the commit says what drops and what comes in
//! against what the forum had agreed.

use crate::cli::args::DecisionArgs;
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::decide::Desk;
use crate::domain::analysis::{analyse, whatif};
use crate::domain::money::{amount, money};
use crate::domain::phase::DecisionKind;
use crate::domain::records::{Allocation, Line, Phase};
use crate::domain::snapshot::{RecordKind, RecordRef};
use crate::store::decide::to_ron;

/// The arguments of `roundtable rebudget`.
#[derive(Debug, Clone, clap::Args)]
pub struct RebudgetArgs {
    /// The new budget, in the forum's currency (plain digits).
    pub amount: u64,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// Changes the budget and re-allocates under the forum's rule, in one commit.
pub fn run(g: &Global, args: &RebudgetArgs) -> CmdResult {
    let desk = Desk::open(g)?;
    let s = desk.snapshot();
    let Some(standing) = &s.allocation else {
        return Err(refuse(
            "there is no allocation yet: rebudget changes a standing allocation",
            Some("before the allocation, change the budget with `roundtable budget AMOUNT`"),
        ));
    };
    if s.forum.phase < Phase::Allocation {
        return Err(refuse(
            format!(
                "rebudget works from the Allocation phase on; the forum is in {}",
                s.forum.phase
            ),
            Some("use `roundtable budget AMOUNT`"),
        ));
    }
    let analysis = analyse(s);
    let w = whatif(s, &analysis, args.amount);
    if !w.feasible {
        return Err(refuse(
            format!(
                "the mandatory initiatives do not fit a budget of {}",
                money(args.amount, &s.forum.currency)
            ),
            Some("a budget at least as large as the mandatory initiatives and what they depend on"),
        ));
    }
    let cost = |id: &str| s.initiative(id).map_or(0, |i| i.cost);
    let rule_lines = || -> Vec<Line> {
        w.funded
            .iter()
            .map(|id| Line {
                initiative: id.clone(),
                amount: cost(id),
                reason: format!("{} rule", standing.rule.name()),
            })
            .collect()
    };
    // A cut under a ratified defence plan follows the plan; each departure from the rule's
    // result carries its reason (so `verify` reproduces it).
    let mut w = w.clone();
    let mut departures = Vec::new();
    let lines: Vec<Line> = match &s.forum.defence {
        Some(defence) if args.amount < w.base_cost => {
            let c = crate::domain::defence::cut(s, &analysis, defence, args.amount, &w.funded);
            if !c.fits {
                return Err(refuse(
                    format!(
                        "the defence plan cannot reach {}: protected, mandatory and needed lines alone cost more",
                        money(args.amount, &s.forum.currency)
                    ),
                    Some("protect fewer initiatives (`roundtable defence`), or cut less"),
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
                    reason: why(id).unwrap_or_else(|| format!("{} rule", standing.rule.name())),
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
        _ => rule_lines(),
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
    let summary = format!(
        "Rebudget from {} to {}: {} drop, {} come in",
        money(s.forum.budget, &s.forum.currency),
        money(args.amount, &s.forum.currency),
        w.dropped.len(),
        w.added.len()
    );
    let mut d = desk.decision(&args.decision, DecisionKind::Rebudget, summary)?;
    d.reason = format!(
        "{}\n\nDrops: {}\nComes in: {}\nFunded {} → {}, value {:.2} → {:.2} (following {}).",
        d.reason.trim(),
        list(&w.dropped),
        list(&w.added),
        amount(w.base_cost),
        amount(w.total_cost),
        w.base_value,
        w.total_value,
        if s.forum.defence.is_some() && !departures.is_empty() {
            "the defence plan".to_string()
        } else {
            format!("the {} rule", w.rule.name())
        }
    );
    for (id, why) in &departures {
        d.reason
            .push_str(&format!("\nDeparts from the rule: {id} — {why}"));
    }
    let mut forum = s.forum.clone();
    forum.budget = args.amount;
    let allocation = Allocation {
        rule: standing.rule,
        budget: args.amount,
        lines,
        note: args
            .decision
            .reason
            .clone()
            .unwrap_or_default()
            .trim()
            .to_string(),
    };
    d.changes.insert(
        RecordRef::new(RecordKind::Forum, "").repo_path(&s.id),
        Some(to_ron(&forum)?),
    );
    d.changes.insert(
        RecordRef::new(RecordKind::Allocation, "allocation").repo_path(&s.id),
        Some(to_ron(&allocation)?),
    );
    desk.commit(&d)
}
