//! The Scoring screen's behaviour: score entry (a mode the room sees), whose card the digits
//! fill, and every pending card committed in one pass; also the jump to the next initiative
//! the chosen scorer has not scored yet, so a facilitator finds what still blocks the advance.

use crate::domain::analysis::FlagKind;
use crate::domain::records::CONSENSUS;
use crate::domain::text::sanitize;
use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::msg::Motion;
use crate::tui::state::Undo;
use crate::tui::update::dialogs::ask_decision;
use crate::tui::update::step;
use std::collections::BTreeMap;

/// Moves the selection to the next initiative (after the selected one, wrapping) with no
/// score from the current scorer — for the forum's consensus card, one nobody has scored
/// (its value is 0). A member's own silo's initiatives are skipped when recusal is on.
pub fn next_unscored(app: &mut App) {
    let Some(f) = &app.fresh else { return };
    let rows = app.initiative_rows();
    if rows.is_empty() {
        return;
    }
    let scorer = app.scoring.scorer.clone();
    let silo = f
        .snapshot
        .forum
        .members
        .iter()
        .find(|m| m.id == scorer)
        .map(|m| m.silo.clone());
    let recusal = f.snapshot.forum.recusal;
    let waiting = |id: &str| -> bool {
        if scorer == CONSENSUS {
            return f
                .analysis
                .valuation(id)
                .is_some_and(|v| v.flags.iter().any(|x| x.kind == FlagKind::Unscored));
        }
        let own = f
            .snapshot
            .initiatives
            .get(id)
            .is_some_and(|p| silo.as_deref().is_some_and(|s| p.involves(s)));
        !(recusal && own)
            && f.analysis
                .order
                .iter()
                .all(|p| app.score_of(&scorer, id, p).is_none())
    };
    let cur = app.sel(Screen::Initiatives).min(rows.len() - 1);
    let found = (1..=rows.len())
        .map(|k| (cur + k) % rows.len())
        .find(|&i| waiting(&rows[i]));
    let consensus = scorer == CONSENSUS;
    app.status = match found {
        Some(i) => {
            let title = f
                .analysis
                .valuation(&rows[i])
                .map_or_else(|| sanitize(&rows[i]), |v| sanitize(&v.title));
            app.cursor.insert(Screen::Initiatives.title(), i);
            if consensus {
                format!("Not scored by anyone yet: {title}")
            } else {
                format!("Not yet scored by {}: {title}", sanitize(&scorer))
            }
        }
        None if consensus => "Every initiative has been scored.".to_string(),
        None => format!("Every initiative has a score from {}.", sanitize(&scorer)),
    };
}

/// Starts or stops score entry; while it is on, digits score and Esc stops it.
pub fn toggle_entry(app: &mut App) {
    let on = !app.scoring.entering && app.screen == Screen::Scoring;
    app.scoring.entering = on;
    app.status = if on {
        format!(
            "Entering scores for {}: 0…{} score the selected priority · Bksp clears · Esc done",
            sanitize(&app.scoring.scorer),
            app.fresh.as_ref().map_or(4, |f| f.snapshot.forum.scale)
        )
    } else {
        "Score entry off: digits change screen".into()
    };
}

/// The initiative selected on Initiatives (shared with Scoring): the previous or the next.
pub fn next_initiative(app: &mut App, forward: bool) {
    let rows = app.initiative_rows().len();
    let cur = app.sel(Screen::Initiatives);
    let next = if forward {
        (cur + 1).min(rows.saturating_sub(1))
    } else {
        cur.saturating_sub(1)
    };
    app.cursor.insert(Screen::Initiatives.title(), next);
}

/// The (initiative, priority) under the cursor on Scoring.
fn under_cursor(app: &App) -> Option<(String, String)> {
    let f = app.fresh.as_ref()?;
    Some((
        app.selected_initiative()?,
        f.analysis.order.get(app.sel(Screen::Scoring))?.clone(),
    ))
}

/// Enters a score for the selected priority on the current scorer's card.
pub fn score(app: &mut App, s: u8) {
    let Some(f) = &app.fresh else { return };
    let scale = f.snapshot.forum.scale;
    if s > scale {
        app.status = format!("Scores run 0…{scale}: {s} is above the forum's scale.");
        return;
    }
    let Some((ini, pri)) = under_cursor(app) else {
        return;
    };
    let key = (app.scoring.scorer.clone(), ini, pri);
    let before = app.scoring.pending.insert(key.clone(), s);
    app.undo.push(Undo::Score { key, before });
    step(app, 1);
    app.status = format!(
        "{} score(s) entered for {} — c commits every card · u undoes",
        app.scoring
            .pending
            .keys()
            .filter(|(m, _, _)| *m == app.scoring.scorer)
            .count(),
        sanitize(&app.scoring.scorer)
    );
}

/// Backspace/Delete in score entry: clears the score entered for the selected priority.
pub fn clear(app: &mut App) {
    let Some((ini, pri)) = under_cursor(app) else {
        return;
    };
    let key = (app.scoring.scorer.clone(), ini, pri);
    if let Some(before) = app.scoring.pending.remove(&key) {
        app.undo.push(Undo::Score {
            key,
            before: Some(before),
        });
        app.status = "Score cleared (not entered any more)".into();
    } else {
        app.status =
            "No score entered here to clear (recorded scores change by entering one)".into();
    }
}

/// Whose card the digits fill next: consensus, then each member in turn.
pub fn next_scorer(app: &mut App) {
    if app.fresh.is_none() {
        return;
    }
    let mut ids: Vec<String> = vec![CONSENSUS.to_string()];
    ids.extend(app.member_ids());
    let i = ids
        .iter()
        .position(|x| *x == app.scoring.scorer)
        .unwrap_or(0);
    app.scoring.scorer = ids.get((i + 1) % ids.len()).cloned().unwrap_or_default();
    app.status = format!(
        "Scores now go on the card of: {}",
        sanitize(&app.scoring.scorer)
    );
}

/// The pending scores as one decision per scorecard, in scorer order.
pub fn pending_cards(app: &App) -> Vec<(Motion, Vec<String>)> {
    let mut cards: BTreeMap<String, Vec<(String, String, u8)>> = BTreeMap::new();
    for ((m, i, p), s) in &app.scoring.pending {
        cards
            .entry(m.clone())
            .or_default()
            .push((i.clone(), p.clone(), *s));
    }
    let n = cards.len();
    cards
        .into_iter()
        .enumerate()
        .map(|(k, (member, scores))| {
            let mut lines = vec![format!(
                "Card {} of {n}: {} score(s) for {}",
                k + 1,
                scores.len(),
                sanitize(&member)
            )];
            lines.extend(
                scores
                    .iter()
                    .map(|(i, p, s)| format!("{} × {} = {s}", sanitize(i), sanitize(p))),
            );
            (Motion::Score { member, scores }, lines)
        })
        .collect()
}

/// `c`: offers every pending card, one decision each, in one pass (Esc stops the pass and
/// keeps what is left pending).
pub fn commit(app: &mut App) {
    let mut cards = pending_cards(app);
    if cards.is_empty() {
        app.status = "No scores entered yet: e starts score entry.".into();
        return;
    }
    let (first, lines) = cards.remove(0);
    app.queue = cards;
    ask_decision(app, first, lines);
}
