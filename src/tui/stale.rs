//! A decision judged on the tip it lands on: a dialog whose forum moved is asked again.
//!
//! The dialog remembers the commit its content was computed on (`Dialog::seen`). When a
//! newer forum reaches the screen while it is open, the dialog is computed again from the new
//! forum (the new allocation lines, order or phase), keeps what was typed, and says so; the
//! worker refuses a request whose commit is no longer the branch tip.

use crate::tui::app::{App, DialogKind};
use crate::tui::msg::{Fresh, Motion};

/// What the room is told when the forum changed under an open decision.
pub const STALE: &str = "the forum changed since you looked: review";

/// The dialog's message after it was computed again.
fn again() -> String {
    format!("{STALE} the new content above, then confirm again")
}

/// True when the open decision dialog was computed on another commit than the one on screen.
pub fn is_stale(app: &App) -> bool {
    let now = app.fresh.as_ref().and_then(|f| f.commit.as_deref());
    app.dialog
        .as_ref()
        .is_some_and(|d| matches!(d.kind, DialogKind::Decide(_)) && d.seen.as_deref() != now)
}

/// After a load is shown: an open decision computed on an older forum is computed again
/// (once the new forum is whole), keeping the reason, decider and attendees typed.
pub fn review(app: &mut App) {
    if !is_stale(app) {
        return;
    }
    let solving = app.fresh.as_ref().is_none_or(Fresh::solving);
    let Some(d) = app.dialog.as_mut() else { return };
    if solving {
        // The rule's exact result is still coming: no new content to show yet. The room can
        // go on typing (confirming asks again once the new content is here).
        d.error = Some(format!("{STALE}: computing the new content…"));
        return;
    }
    let DialogKind::Decide(decision) = d.kind.clone() else {
        return;
    };
    let typed: Vec<String> = d.fields.iter().map(|f| f.text.value.clone()).collect();
    let old = app.dialog.take();
    match decision {
        Motion::Advance | Motion::Lock { .. } => crate::tui::update::phase::advance(app),
        Motion::Score { .. } => crate::tui::update::scoring::commit(app),
        Motion::Allocate { .. } => crate::tui::update::allocation::commit(app),
        Motion::Ballot { .. } | Motion::Rank { .. } => crate::tui::update::ranking::commit(app),
        // The proposal's own content does not depend on the forum; it is judged on the tip.
        Motion::Accept { .. }
        | Motion::Budget { .. }
        | Motion::Rebudget { .. }
        | Motion::Evidence { .. }
        | Motion::Priority { .. }
        | Motion::Reopen { .. } => {
            app.dialog = old;
            if let Some(d) = app.dialog.as_mut() {
                d.seen = app.fresh.as_ref().and_then(|f| f.commit.clone());
            }
        }
    }
    match app.dialog.as_mut() {
        Some(d) if matches!(d.kind, DialogKind::Decide(_)) => {
            for (field, value) in d.fields.iter_mut().zip(typed) {
                field.text.set(&value);
            }
            d.pending = false;
            d.error = Some(again());
        }
        _ => {
            // The decision cannot be asked on the new forum: say why, nothing was written.
            app.status = format!("{STALE}: {}", app.status);
        }
    }
}
