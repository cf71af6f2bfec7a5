//! The Ranking screen's edits: a member's ballot cast or edited in the room, and the room's own
//! (manual) order; each becomes a decision through the one dialog.

use crate::domain::records::Phase;
use crate::domain::text::sanitize;
use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::msg::Motion;
use crate::tui::update::dialogs::ask_decision;

/// Why the ranking cannot change now (the forum is past Ranking), if it cannot.
pub fn locked(app: &App) -> Option<String> {
    let phase = app.fresh.as_ref()?.snapshot.forum.phase;
    (phase > Phase::Ranking).then(|| {
        format!(
            "The ranking is locked (phase {phase}): ballots and the order no longer change. Reopen the forum to Ranking to change them."
        )
    })
}

/// `b`: start casting or editing a ballot (the facilitator's first), or stop.
pub fn toggle(app: &mut App) {
    if app.ranking.ballot.take().is_some() {
        app.status = "Ballot dropped; nothing was written.".into();
        return;
    }
    if let Some(message) = locked(app) {
        app.status = message;
        return;
    }
    let Some(f) = &app.fresh else { return };
    let first = f
        .snapshot
        .forum
        .members
        .iter()
        .find(|m| !f.snapshot.ballots.contains_key(&m.id))
        .or(f.snapshot.forum.members.first())
        .map(|m| m.id.clone());
    let Some(member) = first else {
        app.status = "The forum has no members to vote.".into();
        return;
    };
    open_ballot(app, &member);
}

fn open_ballot(app: &mut App, member: &str) {
    let edit = app.ballot_of(member);
    let verb = if edit.existing { "Editing" } else { "Casting" };
    app.status = format!(
        "{verb} {}'s ballot: ↑/↓ pick · K/J move · m next member · c commit · Esc drop",
        sanitize(member)
    );
    app.ranking.ballot = Some(edit);
    app.ranking.manual_order = None;
    app.cursor.insert(Screen::Priorities.title(), 0);
}

/// `m` while editing a ballot: the next member's ballot (unsaved moves are dropped).
pub fn next_member(app: &mut App) {
    let Some(current) = app.ranking.ballot.as_ref().map(|b| b.member.clone()) else {
        app.status = "Press b to cast or edit a member's ballot first.".into();
        return;
    };
    let ids = app.member_ids();
    let i = ids.iter().position(|x| *x == current).unwrap_or(0);
    if let Some(next) = ids.get((i + 1) % ids.len().max(1)).cloned() {
        open_ballot(app, &next);
    }
}

/// `c` on Ranking: commit the ballot being edited, else the manual order (as a `rank`).
pub fn commit(app: &mut App) {
    if let Some(b) = app.ranking.ballot.clone() {
        let lines = numbered(app, &b.order);
        ask_decision(
            app,
            Motion::Ballot {
                member: b.member,
                order: b.order,
            },
            lines,
        );
        return;
    }
    if let Some(order) = app.ranking.manual_order.clone() {
        if let Some(message) = locked(app) {
            app.status = message;
            return;
        }
        let mut lines = vec!["The room's own order (Manual), recorded without locking:".into()];
        lines.extend(numbered(app, &order));
        ask_decision(
            app,
            Motion::Rank {
                order,
                manual: true,
            },
            lines,
        );
        return;
    }
    app.status =
        "Nothing to commit: b casts or edits a ballot; K/J set the room's own order; L locks."
            .into();
}

/// Esc on Ranking: drop the ballot or the manual order being edited.
pub fn drop_edits(app: &mut App) {
    if app.ranking.ballot.take().is_some() || app.ranking.manual_order.take().is_some() {
        app.status = "Dropped; nothing was written.".into();
    }
}

fn numbered(app: &App, order: &[String]) -> Vec<String> {
    let title = |id: &String| {
        app.fresh
            .as_ref()
            .and_then(|f| f.snapshot.priorities.get(id))
            .map_or(id.clone(), |p| p.title.clone())
    };
    order
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{}. {}", i + 1, sanitize(&title(p))))
        .collect()
}

/// Moves the selected priority up or down: in the ballot being edited, else the manual order.
pub fn move_priority(app: &mut App, up: bool) {
    if let (None, Some(message)) = (&app.ranking.ballot, locked(app)) {
        app.status = message;
        return;
    }
    let mut order = app.ranking_list();
    let i = app.sel(Screen::Priorities);
    if order.is_empty() || (up && i == 0) || (!up && i + 1 >= order.len()) {
        return;
    }
    let j = if up { i - 1 } else { i + 1 };
    order.swap(i, j);
    app.cursor.insert(Screen::Priorities.title(), j);
    match app.ranking.ballot.as_mut() {
        Some(b) => {
            b.order = order;
            app.status = format!(
                "Ballot of {}: K/J move · c casts it (a reason is asked) · Esc drops it",
                sanitize(&b.member)
            );
        }
        None => {
            app.ranking.manual_order = Some(order);
            app.status =
                "Manual order: L locks it, c records it without locking (a reason is asked) · Esc drops it"
                    .into();
        }
    }
}
