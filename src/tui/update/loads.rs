//! A load reaching the screen, stage by stage (`msg::Stage`): what `update` does with the
//! worker's `Loaded`, `Moved` and `Solved`, keeping the room's selection and never mixing
//! two loads on one screen.

use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::msg::{Effect, Fresh, Request};
use crate::tui::state::Kept;

/// The first stage of a load the room asked for (on opening, after a decision, F5).
pub fn loaded(app: &mut App, fresh: Fresh) -> Vec<Effect> {
    app.loading = false;
    // Say "Loaded" only when the room asked for a load; a reload after a decision
    // must not wipe what the facilitator did or was told meanwhile.
    if app.status.starts_with("Loading") || app.status.starts_with("Reloading") {
        app.status = format!("Loaded {}", app.forum_id);
    }
    if !fresh.valued() && app.fresh.as_ref().is_some_and(Fresh::valued) {
        // A reload: the room keeps the forum it has, whole and consistent, until the
        // new one has its values (a fraction of a second), rather than "computing…".
        let old = app.incoming.replace(fresh);
        retire(app, old);
        return Vec::new();
    }
    let old = app.incoming.take();
    retire(app, old);
    let kept = kept(app, Kept::of);
    show(app, fresh);
    after_load(app, kept)
}

/// The branch moved under the app: the whole new load, and what changed.
pub fn moved(app: &mut App, fresh: Fresh, what: &str) -> Vec<Effect> {
    app.loading = false;
    let old = app.incoming.take();
    retire(app, old);
    let kept = kept(app, Kept::of);
    show(app, fresh);
    app.status = format!("Branch moved: {what}");
    after_load(app, kept)
}

/// A later stage of a load: values, then the exact solve and the decision log.
pub fn solved(app: &mut App, fresh: Fresh) -> Vec<Effect> {
    if let Some(held) = app.incoming.take() {
        // The reload held back: its values have come, it replaces the forum on screen.
        if held.commit == fresh.commit && held.stage <= fresh.stage {
            retire(app, Some(held));
            let kept = kept(app, Kept::of);
            show(app, fresh);
            return after_load(app, kept);
        }
        app.incoming = Some(held);
        return Vec::new();
    }
    // A later stage of the load on screen; a newer load (another commit) or a later
    // stage already shown wins.
    let later = app
        .fresh
        .as_ref()
        .is_none_or(|f| f.commit == fresh.commit && f.stage <= fresh.stage);
    if !later {
        return Vec::new();
    }
    let kept = kept(app, Kept::initiative_of);
    show(app, fresh);
    after_load(app, kept)
}

/// Puts a load on screen; the one it replaces is retired, for the event loop to free off
/// the UI thread (a forum of 2,000 initiatives takes tens of milliseconds to free).
fn show(app: &mut App, fresh: Fresh) {
    if let Some(old) = app.fresh.replace(fresh) {
        app.retired.push(old);
    }
}

/// Hands a load no longer wanted to the event loop, to be freed off the UI thread.
fn retire(app: &mut App, fresh: Option<Fresh>) {
    app.retired.extend(fresh);
}

/// What the room had selected before this message: while the forum on screen has no values
/// yet (no rows to select from), the selection kept from before it.
fn kept(app: &mut App, of: fn(&App) -> Kept) -> Kept {
    app.kept.take().unwrap_or_else(|| of(app))
}

/// After a load is shown: the sorted orders, the selection, cursors in range, the what-if.
fn after_load(app: &mut App, kept: Kept) -> Vec<Effect> {
    app.allocation.margins.clear();
    if let Some(f) = &app.fresh {
        app.orders = crate::tui::orders::Orders::of(&f.analysis);
    }
    let valued = app.fresh.as_ref().is_some_and(Fresh::valued);
    if valued {
        kept.restore(app);
    } else {
        // Rows come with the values: select the same initiatives again then.
        app.kept = Some(kept);
    }
    for s in Screen::ALL {
        if !valued && matches!(s, Screen::Initiatives | Screen::Allocation) {
            // Their rows come with the values: keep the place the room had until then.
            continue;
        }
        let n = app.rows(s);
        if app.sel(s) >= n {
            app.cursor.insert(s.title(), n.saturating_sub(1));
        }
    }
    crate::tui::stale::review(app);
    crate::tui::update::pending::next_in_pass(app);
    match app.allocation.whatif_budget {
        Some(b) => vec![Effect::Send(Request::WhatIf(b))],
        None => Vec::new(),
    }
}
