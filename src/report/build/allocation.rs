//! The allocation the brief presents: the decided one, or the rule's result, line by line.

use crate::domain::allocation::{GREEDY_SENTENCE, OPTIMAL_SENTENCE};
use crate::domain::analysis::{Analysis, Sensitivity};
use crate::domain::phase::line_funds;
use crate::domain::records::AllocationRule;
use crate::domain::snapshot::Snapshot;
use crate::domain::text::sanitize;
use crate::report::brief::{AllocationSource, AllocationView, LineItem};
use crate::report::num;

fn rule_sentence(rule: AllocationRule) -> &'static str {
    match rule {
        AllocationRule::Optimal => OPTIMAL_SENTENCE,
        AllocationRule::Greedy => GREEDY_SENTENCE,
    }
}

/// The allocation view with each line's reason and margin.
pub fn allocation_view(
    snapshot: &Snapshot,
    analysis: &Analysis,
    sens: &Sensitivity,
) -> AllocationView {
    let margin = |id: &str| sens.margins.get(id).copied().flatten();
    let title = |id: &str| {
        snapshot
            .initiative(id)
            .map(|i| sanitize(&i.title))
            .unwrap_or_default()
    };
    let silo = |id: &str| {
        snapshot
            .initiatives
            .get(id)
            .map(|p| p.silo.clone())
            .unwrap_or_default()
    };
    let portfolio = analysis.portfolio();
    let (source, rule, budget, lines, note) = match &snapshot.allocation {
        Some(a) => {
            let lines: Vec<LineItem> = a
                .lines
                .iter()
                .map(|l| {
                    let cost = snapshot.initiative(&l.initiative).map_or(0, |i| i.cost);
                    LineItem {
                        initiative: sanitize(&l.initiative),
                        title: title(&l.initiative),
                        silo: silo(&l.initiative),
                        amount: l.amount,
                        reason: sanitize(&l.reason),
                        margin: margin(&l.initiative),
                        differs_from_rule: if portfolio.funds(&l.initiative) {
                            l.amount != cost
                        } else {
                            line_funds(snapshot, l)
                        },
                        funded: line_funds(snapshot, l),
                    }
                })
                .collect();
            (
                AllocationSource::Decided,
                a.rule,
                a.budget,
                lines,
                sanitize(&a.note),
            )
        }
        None => {
            let by_value = analysis.initiatives.iter().map(|v| &v.id);
            let lines: Vec<LineItem> = by_value
                .filter(|id| portfolio.funds(id))
                .map(|id| {
                    let v = analysis.valuation(id);
                    let reason = v.map_or_else(String::new, |v| {
                        format!(
                            "value {} ({} per 100,000)",
                            num(v.value, 4),
                            num(v.value_per_100k, 4)
                        )
                    });
                    let reason = if v.is_some_and(|v| v.mandatory) {
                        format!("mandatory; {reason}")
                    } else {
                        reason
                    };
                    LineItem {
                        initiative: id.clone(),
                        title: title(id),
                        silo: silo(id),
                        amount: v.map_or(0, |v| v.cost),
                        reason,
                        margin: margin(id),
                        differs_from_rule: false,
                        funded: true,
                    }
                })
                .collect();
            let note = portfolio.note.as_deref().map(sanitize).unwrap_or_default();
            (
                AllocationSource::RuleResult,
                analysis.rule,
                analysis.budget,
                lines,
                note,
            )
        }
    };
    let total = lines.iter().map(|l: &LineItem| l.amount).sum();
    AllocationView {
        source,
        rule: rule.name().to_string(),
        rule_sentence: rule_sentence(rule).to_string(),
        budget,
        lines,
        total,
        note,
    }
}
