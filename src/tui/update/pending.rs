//! Work entered in the room and not committed yet: kept per scorer until committed or dropped
//! on purpose, undone one change at a time, asked about before quit or reload, and cleared
//! only for what a decision covered.

use crate::domain::text::sanitize;
use crate::tui::app::{App, DialogKind, PendingThen};
use crate::tui::msg::{Effect, Motion, Request};
use crate::tui::state::Undo;
use crate::tui::update::dialogs::{ask_decision, ask_drop};

/// `q`: quits, unless work is pending (then asks first).
pub fn quit(app: &mut App) -> Vec<Effect> {
    let pending = app.pending_work();
    if pending.is_empty() {
        app.quit = true;
        return vec![Effect::Quit];
    }
    ask_drop(app, PendingThen::Quit, pending);
    Vec::new()
}

/// F5: reloads, unless work is pending (then asks first).
pub fn reload(app: &mut App) -> Vec<Effect> {
    let pending = app.pending_work();
    if !pending.is_empty() && app.dialog.is_none() {
        ask_drop(app, PendingThen::Reload, pending);
        return Vec::new();
    }
    app.loading = true;
    app.status = "Reloading…".into();
    vec![Effect::Send(Request::Load)]
}

/// `u`: undoes the last change not yet committed.
pub fn undo(app: &mut App) {
    let Some(last) = app.undo.pop() else {
        app.status = "Nothing to undo: every change entered is committed.".into();
        return;
    };
    match last {
        Undo::Score { key, before } => {
            let what = format!(
                "{} × {} on the {} card",
                sanitize(&key.1),
                sanitize(&key.2),
                sanitize(&key.0)
            );
            match before {
                Some(s) => {
                    app.scoring.pending.insert(key, s);
                }
                None => {
                    app.scoring.pending.remove(&key);
                }
            }
            app.status = format!("Undone: the score {what}");
        }
        Undo::Line { initiative, before } => {
            app.status = format!("Undone: the hand change to {}", sanitize(&initiative));
            match before {
                Some(b) => {
                    app.allocation.manual_lines.insert(initiative, b);
                }
                None => {
                    app.allocation.manual_lines.remove(&initiative);
                }
            }
        }
    }
}

/// A decision committed: clears exactly what it covered, then reloads (the next queued card
/// follows the load, see [`next_in_pass`]).
pub fn decided(app: &mut App, commit: &str, summary: &str) -> Vec<Effect> {
    let done = app.dialog.take();
    let mut reason = String::new();
    if let Some(d) = &done {
        reason = d
            .fields
            .first()
            .map(|f| f.text.value.clone())
            .unwrap_or_default();
        if let DialogKind::Decide(decision) = &d.kind {
            covered(app, decision);
        }
    }
    crate::tui::update::say_everywhere(app, format!("Decided, commit {commit}: {summary}"));
    if !app.queue.is_empty() {
        // The next card is offered on the forum this decision made (after the reload).
        app.pass_reason = Some(reason);
    }
    vec![Effect::Send(Request::Load)]
}

/// After a load: the next card of the pass `c` started, on the forum as it now is, with the
/// reason typed for the card before.
pub fn next_in_pass(app: &mut App) {
    if app.dialog.is_some() || app.queue.is_empty() {
        return;
    }
    let (next, lines) = app.queue.remove(0);
    ask_decision(app, next, lines);
    let reason = app.pass_reason.take().unwrap_or_default();
    if let Some(f) = app.dialog.as_mut().and_then(|d| d.fields.first_mut()) {
        f.text.set(&reason);
    }
}

/// Drops the pending work a decision recorded (and its undo steps).
fn covered(app: &mut App, decision: &Motion) {
    match decision {
        Motion::Score { member, .. } => {
            app.scoring.pending.retain(|(m, _, _), _| m != member);
            app.undo
                .retain(|u| !matches!(u, Undo::Score { key, .. } if &key.0 == member));
        }
        Motion::Allocate { .. } => {
            app.allocation.manual_lines.clear();
            app.undo.retain(|u| !matches!(u, Undo::Line { .. }));
        }
        Motion::Lock { .. } | Motion::Rank { .. } | Motion::Ballot { .. } => {
            app.ranking.manual_order = None;
            app.ranking.ballot = None;
        }
        _ => {}
    }
}
