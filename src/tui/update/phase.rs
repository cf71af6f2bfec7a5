//! Moving the forum through its phases from the app: advance (naming what is not done yet, and
//! asking "advance anyway?") and reopen.

use crate::domain::records::Phase;
use crate::domain::text::sanitize;
use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::msg::Motion;
use crate::tui::update::dialogs::ask_decision;

pub fn advance(app: &mut App) {
    let Some(f) = &app.fresh else { return };
    let phase = f.snapshot.forum.phase;
    let Some(next) = phase.next() else {
        app.status = "The forum is closed; there is no next phase.".into();
        return;
    };
    if app.screen == Screen::Priorities && phase > Phase::Ranking {
        app.status = format!(
            "The ranking is locked (phase {phase}); reopen the forum to Ranking to change it."
        );
        return;
    }
    if phase == Phase::Ranking {
        let manual = app.ranking.manual_order.is_some();
        let order = app.order();
        let mut lines: Vec<String> = order
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let title = f
                    .snapshot
                    .priorities
                    .get(p)
                    .map_or(p.as_str(), |x| x.title.as_str());
                format!("{}. {}", i + 1, sanitize(title))
            })
            .collect();
        lines.insert(
            0,
            if manual {
                "The room's own order (Manual; the reason is recorded with it):".into()
            } else {
                "This order becomes the ranking; scores and money follow it:".into()
            },
        );
        ask_decision(app, Motion::Lock { order, manual }, lines);
        return;
    }
    let mut lines = vec![format!("{} → {}", phase.name(), next.name())];
    if phase == Phase::Scoring {
        lines.extend(not_scored(app));
    }
    ask_decision(app, Motion::Advance, lines);
}

/// Asks to reopen the forum one phase back (from Allocation, the allocation is withdrawn).
pub fn reopen(app: &mut App) {
    let Some(f) = &app.fresh else { return };
    let phase = f.snapshot.forum.phase;
    let Some(to) = Phase::ALL
        .iter()
        .take_while(|p| **p != phase)
        .last()
        .copied()
    else {
        app.status = "The forum is at its first phase: there is nothing to reopen.".into();
        return;
    };
    let lines = vec![
        format!("{} → back to {}", phase.name(), to.name()),
        "What was decided stays in the history; the forum works in that phase again.".into(),
    ];
    ask_decision(app, Motion::Reopen { to }, lines);
}

/// What is not scored yet, named, and "advance anyway?" (empty when all is scored).
pub fn not_scored(app: &App) -> Vec<String> {
    let Some(f) = &app.fresh else {
        return Vec::new();
    };
    let unscored: Vec<String> = f
        .analysis
        .initiatives
        .iter()
        .filter(|v| {
            v.flags
                .iter()
                .any(|x| x.kind == crate::domain::analysis::FlagKind::Unscored)
        })
        .map(|v| sanitize(&v.title))
        .collect();
    let without: Vec<String> = f
        .snapshot
        .forum
        .members
        .iter()
        .filter(|m| m.active() && !f.snapshot.scorecards.contains_key(&m.id))
        .map(|m| sanitize(&m.id))
        .collect();
    let mut out = Vec::new();
    let name = |v: &[String]| {
        let shown: Vec<&str> = v.iter().take(5).map(String::as_str).collect();
        let more = v.len().saturating_sub(5);
        if more > 0 {
            format!("{} and {more} more", shown.join(", "))
        } else {
            shown.join(", ")
        }
    };
    if !unscored.is_empty() {
        out.push(format!(
            "⚠ {} initiative(s) not scored (their value is 0): {}",
            unscored.len(),
            name(&unscored)
        ));
    }
    if !without.is_empty() {
        out.push(format!(
            "⚠ {} member(s) without a scorecard: {}",
            without.len(),
            name(&without)
        ));
    }
    if !app.scoring.pending.is_empty() {
        out.push("⚠ scores entered here are not committed yet (c on Scoring)".into());
    }
    if !out.is_empty() {
        out.push("Advance anyway? Enter with a reason advances; Esc goes back.".into());
    }
    out
}
