//! The audit view's state and its part of `update`: open it for an initiative, scroll, move
//! to the next initiative, close. The chain and its commits come from the worker.

use crate::store::audit::Audit;
use crate::tui::action::{Action, Screen};
use crate::tui::app::App;
use crate::tui::msg::{Effect, Request};

/// The audit shown on the History screen.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditView {
    /// The initiative asked for.
    pub initiative: String,
    /// The worker's answer; `None` while it works.
    pub audit: Option<Box<Audit>>,
    pub error: Option<String>,
    /// Lines scrolled.
    pub scroll: u16,
}

/// What the worker sends back for one initiative.
#[derive(Debug, Clone)]
pub struct AuditReply {
    pub initiative: String,
    pub result: Result<Box<Audit>, String>,
}

/// Opens the audit of the initiative selected on the Initiatives screen, on History.
pub fn open(app: &mut App) -> Vec<Effect> {
    // On Allocation the line under the cursor; elsewhere the initiative selected on
    // Initiatives (which Scoring and History share).
    let selected = if app.screen == Screen::Allocation {
        app.allocation_rows()
            .get(app.sel(Screen::Allocation))
            .cloned()
    } else {
        app.selected_initiative()
    };
    let Some(id) = selected else {
        app.status =
            "No initiative to audit: the forum has none (or the filter hides them).".into();
        return Vec::new();
    };
    app.screen = Screen::History;
    app.status = format!(
        "Auditing {}… (Esc closes)",
        crate::domain::text::sanitize(&id)
    );
    app.audit = Some(AuditView {
        initiative: id.clone(),
        audit: None,
        error: None,
        scroll: 0,
    });
    vec![Effect::Send(Request::Audit(id))]
}

/// Takes the worker's answer if it is for the audit still open.
pub fn received(app: &mut App, reply: AuditReply) {
    let Some(view) = &mut app.audit else { return };
    if view.initiative != reply.initiative {
        return;
    }
    match reply.result {
        Ok(a) => {
            app.status = format!(
                "Audit of {} at {}",
                crate::domain::text::sanitize(&view.initiative),
                a.commit.get(..7).unwrap_or(&a.commit)
            );
            view.audit = Some(a);
            view.error = None;
        }
        Err(e) => {
            view.error = Some(e);
            view.audit = None;
        }
    }
}

/// Keys while the audit is open on History; `None` leaves the action to the screen.
pub fn act(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    if app.screen != Screen::History {
        return None;
    }
    let view = app.audit.as_mut()?;
    match action {
        Action::Cancel => {
            app.audit = None;
            app.status = "Decision log".into();
        }
        Action::Up => view.scroll = view.scroll.saturating_sub(1),
        Action::Down => view.scroll = view.scroll.saturating_add(1),
        Action::PageUp => view.scroll = view.scroll.saturating_sub(10),
        Action::PageDown => view.scroll = view.scroll.saturating_add(10),
        Action::Left | Action::Right => {
            let rows = app.initiative_rows().len();
            let cur = app.sel(Screen::Initiatives);
            let next = if *action == Action::Left {
                cur.saturating_sub(1)
            } else {
                (cur + 1).min(rows.saturating_sub(1))
            };
            app.cursor.insert(Screen::Initiatives.title(), next);
            return Some(open(app));
        }
        _ => return None,
    }
    Some(Vec::new())
}
