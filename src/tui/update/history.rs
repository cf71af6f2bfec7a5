//! The History screen's behaviour: the decision log's filters, and the audit of one initiative
//! (open it, scroll, move to the next initiative, close; the chain comes from the worker).

use crate::domain::text::sanitize;
use crate::tui::action::{Action, Screen};
use crate::tui::app::App;
use crate::tui::audit::{AuditReply, AuditView};
use crate::tui::msg::{Effect, Request};

pub fn filter_kind(app: &mut App) {
    let Some(f) = &app.fresh else { return };
    let mut kinds: Vec<String> = f.log.iter().map(|e| e.kind.clone()).collect();
    kinds.sort();
    kinds.dedup();
    app.history.kind_filter = match &app.history.kind_filter {
        None => kinds.first().cloned(),
        Some(k) => kinds.iter().skip_while(|x| *x != k).nth(1).cloned(),
    };
    app.cursor.insert(Screen::History.title(), 0);
    app.status = match &app.history.kind_filter {
        Some(k) => format!("Decisions of kind {}", sanitize(k)),
        None => "All decisions".into(),
    };
}

pub fn filter_member(app: &mut App) {
    if app.fresh.is_none() {
        return;
    }
    let ids = app.member_ids();
    app.history.member_filter = match &app.history.member_filter {
        None => ids.first().cloned(),
        Some(m) => ids.iter().skip_while(|x| *x != m).nth(1).cloned(),
    };
    app.cursor.insert(Screen::History.title(), 0);
    app.status = match &app.history.member_filter {
        Some(m) => format!("Decisions {} took or was present for", sanitize(m)),
        None => "Decisions of every member".into(),
    };
}

/// Opens the audit of the initiative selected on the Initiatives screen, on History.
pub fn open_audit(app: &mut App) -> Vec<Effect> {
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
    app.history.audit = Some(AuditView {
        initiative: id.clone(),
        audit: None,
        error: None,
        scroll: 0,
    });
    vec![Effect::Send(Request::Audit(id))]
}

/// Takes the worker's answer if it is for the audit still open.
pub fn received(app: &mut App, reply: AuditReply) {
    let Some(view) = &mut app.history.audit else {
        return;
    };
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
pub fn audit_act(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    if app.screen != Screen::History {
        return None;
    }
    let view = app.history.audit.as_mut()?;
    match action {
        Action::Cancel => {
            app.history.audit = None;
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
            return Some(open_audit(app));
        }
        _ => return None,
    }
    Some(Vec::new())
}
