//! The proposals inbox's behaviour: receiving the worker's list, and asking to accept one.

use crate::domain::text::sanitize;
use crate::store::proposals::OpenProposal;
use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::msg::Motion;
use crate::tui::update::dialogs::ask_decision;

/// Takes the worker's fresh list of open proposals, keeping the cursor in range.
pub fn received(app: &mut App, read: Result<Vec<OpenProposal>, String>) {
    match read {
        Ok(list) => {
            app.proposals.open = list;
            app.proposals.error = None;
        }
        Err(e) => {
            app.proposals.open.clear();
            app.proposals.error = Some(e);
        }
    }
    let n = app.proposals.open.len();
    if app.sel(Screen::Proposals) >= n {
        app.cursor
            .insert(Screen::Proposals.title(), n.saturating_sub(1));
    }
}

/// The proposal under the cursor.
pub fn selected(app: &App) -> Option<&OpenProposal> {
    app.proposals.open.get(app.sel(Screen::Proposals))
}

/// Opens the decision dialog for the selected proposal, or says why it cannot be accepted.
pub fn accept(app: &mut App) {
    let Some(p) = selected(app) else {
        app.status = "No open proposal to accept.".into();
        return;
    };
    let branch = p.branch.clone();
    if !p.status.is_valid() {
        let n = p.problems.iter().filter(|x| x.is_error()).count();
        app.status = format!(
            "Cannot accept {}: {n} problem(s) — the silo fixes them on the branch first.",
            sanitize(&branch)
        );
        return;
    }
    let mut lines = vec![format!(
        "{} — silo {} — {}",
        sanitize(&branch),
        sanitize(&p.silos.join(", ")),
        sanitize(&p.summary)
    )];
    lines.extend(p.changed.iter().map(ToString::to_string));
    lines.extend(p.fields.iter().map(ToString::to_string));
    ask_decision(app, Motion::Accept { branch }, lines);
}
