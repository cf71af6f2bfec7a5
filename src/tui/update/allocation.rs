//! The Allocation screen's behaviour: the what-if budget, lines changed by hand, and the
//! allocation committed as a decision.

use crate::domain::money::{amount, money};
use crate::domain::records::Line;
use crate::domain::text::sanitize;
use crate::tui::action::Screen;
use crate::tui::app::{App, DialogKind};
use crate::tui::msg::{Effect, Motion, Request};
use crate::tui::state::Undo;
use crate::tui::update::dialogs::{ask_decision, open};

pub fn budget_step(app: &mut App, up: bool) -> Vec<Effect> {
    let Some(f) = &app.fresh else {
        return Vec::new();
    };
    let base = f.snapshot.forum.budget;
    let cur = app.allocation.whatif_budget.unwrap_or(base);
    let step = (base / 20).max(1);
    let next = if up {
        cur.saturating_add(step)
    } else {
        cur.saturating_sub(step)
    };
    if next == base {
        app.allocation.whatif_budget = None;
        app.allocation.whatif = None;
        return Vec::new();
    }
    app.allocation.whatif_budget = Some(next);
    vec![Effect::Send(Request::WhatIf(next))]
}

pub fn toggle_line(app: &mut App) {
    let rows = app.allocation_rows();
    let Some(id) = rows.get(app.sel(Screen::Allocation)).cloned() else {
        return;
    };
    let fund = !app.funded(&id);
    if app.allocation.manual_lines.contains_key(&id) {
        // Back to the rule's result: undoing a hand change needs no reason.
        let before = app.allocation.manual_lines.remove(&id);
        app.undo.push(Undo::Line {
            initiative: id.clone(),
            before,
        });
        app.status = format!("{}: back to the rule's result", sanitize(&id));
        return;
    }
    let verb = if fund { "Fund" } else { "Unfund" };
    let mut lines = vec!["The rule's result changes only with a reason.".to_string()];
    // Say now what the allocation gate would refuse at commit time.
    if let Some(f) = &app.fresh {
        let needs: Vec<String> = f
            .analysis
            .initiatives
            .iter()
            .filter(|v| !fund && app.funded(&v.id) && v.depends_on.contains(&id))
            .map(|v| sanitize(&v.id))
            .collect();
        if !needs.is_empty() {
            lines.push(format!(
                "⚠ {} depend(s) on it: unfund them too, or the allocation is refused.",
                needs.join(", ")
            ));
        }
        let missing: Vec<String> = f
            .analysis
            .valuation(&id)
            .map(|v| v.depends_on.clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|d| fund && !app.funded(d))
            .map(|d| sanitize(&d))
            .collect();
        if !missing.is_empty() {
            lines.push(format!(
                "⚠ it depends on {}, not funded: fund it too, or the allocation is refused.",
                missing.join(", ")
            ));
        }
    }
    open(
        app,
        DialogKind::LineReason {
            initiative: id.clone(),
            fund,
        },
        &format!("{verb} {} by hand", sanitize(&id)),
        lines,
        vec![("Reason", String::new())],
    );
}

/// Back to the forum's budget.
pub fn reset(app: &mut App) {
    app.allocation.whatif_budget = None;
    app.allocation.whatif = None;
}

/// Asks for a what-if budget, typed as people type money (see `domain::money_input`).
pub fn ask_budget(app: &mut App) {
    let currency = app
        .fresh
        .as_ref()
        .map(|f| f.snapshot.forum.currency.clone())
        .unwrap_or_default();
    open(
        app,
        DialogKind::Budget,
        "What-if budget",
        vec![format!(
            "Type an amount in {}: 2.5m, 2,500,000, 2 500 000 or 2500000.",
            sanitize(&currency)
        )],
        vec![("Budget", String::new())],
    );
}

/// Asks to make the what-if budget the forum's with the allocation re-made for it (a
/// `rebudget` decision): the standing and the new allocation side by side in the dialog.
pub fn ask_rebudget(app: &mut App) {
    let Some(f) = &app.fresh else { return };
    if f.snapshot.allocation.is_none() {
        app.status = "No allocation stands yet: b sets a what-if budget; the budget itself changes with a budget decision.".into();
        return;
    }
    let (Some(b), Some(w)) = (app.allocation.whatif_budget, app.allocation.whatif.as_ref()) else {
        app.status =
            "Set the new budget first: b types it (or ←/→), then B makes it the forum's.".into();
        return;
    };
    if w.budget != b {
        app.status = "The what-if is still being solved: B again in a moment.".into();
        return;
    }
    let cur = f.snapshot.forum.currency.clone();
    let title = |id: &String| {
        f.snapshot
            .initiative(id)
            .map_or_else(|| sanitize(id), |i| sanitize(&i.title))
    };
    let names = |ids: &[String]| {
        if ids.is_empty() {
            "nothing".to_string()
        } else {
            ids.iter().map(title).collect::<Vec<_>>().join("; ")
        }
    };
    // A cut under the forum's defence plan follows the plan: show what it will do.
    let plan = f
        .snapshot
        .forum
        .defence
        .as_ref()
        .filter(|_| w.budget < w.base_cost)
        .map(|d| crate::domain::defence::cut(&f.snapshot, &f.analysis, d, w.budget, &w.funded));
    let (dropped, added, new_cost, new_value) = match &plan {
        Some(c) => (
            c.dropped.clone(),
            Vec::new(),
            c.kept.iter().map(|(_, a)| *a).sum::<u64>(),
            c.kept
                .iter()
                .map(|(id, _)| f.analysis.valuation(id).map_or(0.0, |v| v.value))
                .sum::<f64>(),
        ),
        None => (
            w.dropped.clone(),
            w.added.clone(),
            w.total_cost,
            w.total_value,
        ),
    };
    let mut lines = vec![
        format!(
            "Standing: {} of {} funded, value {:.2}",
            amount(w.base_cost),
            money(w.base_budget, &cur),
            w.base_value
        ),
        format!(
            "New:      {} of {} funded, value {:.2}",
            amount(new_cost),
            money(w.budget, &cur),
            new_value
        ),
        format!("▼ drops: {}", names(&dropped)),
        format!("▲ comes in: {}", names(&added)),
    ];
    if let Some(c) = &plan {
        lines.push(if c.fits {
            "Following the forum's defence plan (protected lines stay; the cut order first).".into()
        } else {
            "The defence plan cannot reach this budget: the decision will be refused.".into()
        });
    }
    let motion = Motion::Rebudget { amount: b };
    ask_decision(app, motion, lines);
}

/// Asks to commit the plan on screen (the rule's result with the hand changes) as a decision.
pub fn commit(app: &mut App) {
    let Some(f) = &app.fresh else { return };
    if f.solving() {
        // The lines on screen are greedy's stand-in (or not valued yet): not the rule's.
        app.status =
            "The rule's exact solve is still running: commit the allocation in a moment.".into();
        return;
    }
    let budget = f.snapshot.forum.budget;
    // A line the forum recorded keeps its amount and reason unless the room changes it here.
    let recorded = |id: &str| {
        f.snapshot
            .allocation
            .as_ref()
            .and_then(|a| a.lines.iter().find(|l| l.initiative == id))
    };
    let lines: Vec<Line> = app
        .allocation_rows()
        .into_iter()
        // Funded lines, and a line of 0 with its reason for each one left out by hand (now or
        // when the allocation was recorded): a 0 line says "not funded" and why.
        .filter(|id| {
            app.funded(id) || app.allocation.manual_lines.contains_key(id) || recorded(id).is_some()
        })
        .map(|id| {
            let by_hand = app.allocation.manual_lines.get(&id);
            let was = recorded(&id).filter(|_| by_hand.is_none());
            let cost = match was {
                Some(l) => l.amount,
                None if app.funded(&id) => f.snapshot.initiative(&id).map(|i| i.cost).unwrap_or(0),
                None => 0,
            };
            let reason = match (by_hand, was) {
                (Some((_, r)), _) => r.clone(),
                (None, Some(l)) if !l.reason.is_empty() => l.reason.clone(),
                _ => format!("{} rule", f.analysis.rule.name()),
            };
            Line {
                initiative: id,
                amount: cost,
                reason,
            }
        })
        .collect();
    let total: u64 = lines.iter().map(|l| l.amount).sum();
    let summary = vec![
        format!(
            "{} funded on {} lines, total {} of {}",
            lines.iter().filter(|l| l.amount > 0).count(),
            lines.len(),
            amount(total),
            amount(budget)
        ),
        format!("{} changed by hand", app.allocation.manual_lines.len()),
    ];
    let mut summary = summary;
    if let Some(w) = app.allocation.whatif_budget {
        summary.push(format!(
            "At the forum's budget: the what-if {} is a preview, not committed.",
            amount(w)
        ));
    }
    if let Some(over) = over_budget(app) {
        summary.insert(
            0,
            format!("⚠ The plan is {over}: the allocation gate refuses it."),
        );
    }
    let rule = f.snapshot.forum.allocation_rule;
    ask_decision(
        app,
        Motion::Allocate {
            rule,
            budget,
            lines,
        },
        summary,
    );
}

/// The plan on screen: (total funded, budget), to say when it is over.
pub fn totals(app: &App) -> Option<(u64, u64)> {
    let f = app.fresh.as_ref()?;
    let total = f
        .analysis
        .initiatives
        .iter()
        .filter(|v| app.funded(&v.id))
        .map(|v| v.cost)
        .sum();
    Some((total, f.snapshot.forum.budget))
}

/// "over by EUR 272,000" when the plan on screen costs more than the budget.
pub fn over_budget(app: &App) -> Option<String> {
    let (total, budget) = totals(app)?;
    let currency = &app.fresh.as_ref()?.snapshot.forum.currency;
    (total > budget).then(|| format!("over budget by {}", money(total - budget, currency)))
}
