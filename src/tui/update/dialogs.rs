//! The one dialog's behaviour: fields, confirmation, and the decide request it sends.

use crate::domain::money::money;
use crate::domain::money_input::parse_amount;
use crate::domain::text::sanitize;
use crate::tui::action::Action;
use crate::tui::app::{App, Dialog, DialogKind, Field, PendingThen};
use crate::tui::edit::TextField;
use crate::tui::msg::{DecideRequest, Effect, Motion, Request};
use crate::tui::state::Undo;

/// Opens a dialog with its fields (label, starting text).
pub fn open(
    app: &mut App,
    kind: DialogKind,
    title: &str,
    lines: Vec<String>,
    fields: Vec<(&'static str, String)>,
) {
    app.dialog = Some(Dialog {
        kind,
        title: title.to_string(),
        lines,
        fields: fields
            .into_iter()
            .map(|(label, value)| Field {
                label,
                text: TextField::new(&value),
            })
            .collect(),
        focus: 0,
        error: None,
        pending: false,
        hint: None,
        seen: app.fresh.as_ref().and_then(|f| f.commit.clone()),
    });
}

/// Who decides by default: the scorer on a member's scorecard, the member on a ballot, else
/// the facilitator.
fn decider(app: &App, decision: &Motion) -> String {
    let own = match decision {
        Motion::Score { member, .. } | Motion::Ballot { member, .. } => Some(member),
        _ => None,
    };
    own.filter(|m| app.member_ids().contains(m))
        .cloned()
        .unwrap_or_else(|| app.facilitator())
}

/// Opens the one decision dialog: reason, decider, who is present (remembered for the
/// meeting once typed; F2 puts everyone on the forum).
pub fn ask_decision(app: &mut App, decision: Motion, lines: Vec<String>) {
    let by = decider(app, &decision);
    let present = app.present_ids.clone().unwrap_or_else(|| by.clone());
    let title = decision.summary();
    open(
        app,
        DialogKind::Decide(decision),
        &title,
        lines,
        vec![
            ("Reason", String::new()),
            ("Decided by", by),
            ("Present", present),
        ],
    );
    let members = app.member_ids();
    if let Some(d) = app.dialog.as_mut() {
        d.hint = Some(format!(
            "Present: member ids, comma-separated ({}) · F2 everyone",
            members.join(", ")
        ));
    }
}

/// Asks before work entered in the room is dropped (quit, reload).
pub fn ask_drop(app: &mut App, then: PendingThen, pending: Vec<String>) {
    let verb = match then {
        PendingThen::Quit => "Quit",
        PendingThen::Reload => "Reload",
    };
    let mut lines = vec!["Not committed yet:".to_string()];
    lines.extend(pending.into_iter().map(|p| format!("• {p}")));
    lines.push(String::new());
    lines.push(format!(
        "Enter: {} and drop it · Esc: keep it (c commits it)",
        verb.to_lowercase()
    ));
    open(
        app,
        DialogKind::DropPending(then),
        &format!("{verb} and drop the work entered?"),
        lines,
        Vec::new(),
    );
}

/// A key while a dialog is open.
pub fn dialog_act(app: &mut App, action: Action) -> Vec<Effect> {
    let members = app.member_ids().join(", ");
    let Some(d) = app.dialog.as_mut() else {
        return Vec::new();
    };
    if d.pending {
        if action == Action::Cancel {
            app.dialog = None;
            app.queue.clear();
        }
        return Vec::new();
    }
    let n = d.fields.len().max(1);
    let field = d.fields.get_mut(d.focus);
    match (action, field) {
        (Action::Cancel | Action::Quit, _) => {
            app.dialog = None;
            if !app.queue.is_empty() {
                app.status = format!(
                    "{} card(s) left pending: c offers them again",
                    app.queue.len()
                );
                app.queue.clear();
                app.pass_reason = None;
            }
        }
        (Action::NextField | Action::Down, _) => d.focus = (d.focus + 1) % n,
        (Action::Up, _) => d.focus = (d.focus + n - 1) % n,
        (Action::Confirm, _) => return confirm(app),
        (Action::Everyone, _) => {
            if let Some(f) = d.fields.iter_mut().find(|f| f.label == "Present") {
                f.text.set(&members);
            }
        }
        (Action::Type(c), Some(f)) => f.text.insert(c),
        (Action::Erase, Some(f)) => f.text.erase(),
        (Action::Delete, Some(f)) => f.text.delete(),
        (Action::Left, Some(f)) => f.text.left(),
        (Action::Right, Some(f)) => f.text.right(),
        (Action::Home, Some(f)) => f.text.home(),
        (Action::End, Some(f)) => f.text.end(),
        (Action::KillLine, Some(f)) => f.text.kill_line(),
        (Action::KillWord, Some(f)) => f.text.kill_word(),
        _ => {}
    }
    Vec::new()
}

fn field(d: &Dialog, i: usize) -> String {
    d.fields
        .get(i)
        .map(|f| f.text.value.trim().to_string())
        .unwrap_or_default()
}

fn confirm(app: &mut App) -> Vec<Effect> {
    let Some(d) = app.dialog.clone() else {
        return Vec::new();
    };
    let reason = field(&d, 0);
    match d.kind.clone() {
        DialogKind::Budget => {
            let currency = app
                .fresh
                .as_ref()
                .map(|f| f.snapshot.forum.currency.clone())
                .unwrap_or_default();
            match parse_amount(&reason, &currency) {
                Ok(b) => {
                    app.dialog = None;
                    app.allocation.whatif_budget = Some(b);
                    app.status = format!("What-if budget: {}", money(b, &sanitize(&currency)));
                    return vec![Effect::Send(Request::WhatIf(b))];
                }
                Err(e) => set_error(app, &format!("{e}.")),
            }
        }
        DialogKind::RecordForm { kind, editing } => {
            crate::tui::update::records::submit(app, kind, editing);
        }
        DialogKind::DropPending(then) => {
            app.dialog = None;
            app.scoring.pending.clear();
            app.allocation.manual_lines.clear();
            app.ranking.manual_order = None;
            app.ranking.ballot = None;
            app.undo.clear();
            app.queue.clear();
            app.pass_reason = None;
            return match then {
                PendingThen::Quit => {
                    app.quit = true;
                    vec![Effect::Quit]
                }
                PendingThen::Reload => crate::tui::update::pending::reload(app),
            };
        }
        DialogKind::LineReason { initiative, fund } => {
            if reason.is_empty() {
                set_error(app, "A line changed by hand needs a reason.");
            } else {
                let before = app
                    .allocation
                    .manual_lines
                    .insert(initiative.clone(), (fund, reason));
                app.undo.push(Undo::Line { initiative, before });
                app.dialog = None;
            }
        }
        DialogKind::Decide(decision) => {
            let by = field(&d, 1);
            let present: Vec<String> = field(&d, 2)
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            if reason.is_empty() {
                set_error(
                    app,
                    "Every decision needs a reason: say why, for the record.",
                );
            } else if by.is_empty() {
                set_error(app, "Say who decides (a member id).");
            } else if let Some(why) = stranger(app, std::iter::once(&by).chain(&present)) {
                set_error(app, &why);
            } else if crate::tui::stale::is_stale(app) {
                // The forum on screen is newer than this dialog: it is computed again first.
                crate::tui::stale::review(app);
            } else {
                app.present_ids = Some(present.join(", "));
                if let Some(dd) = app.dialog.as_mut() {
                    dd.pending = true;
                    dd.error = None;
                }
                return vec![Effect::Send(Request::Decide(DecideRequest {
                    decision,
                    by,
                    reason,
                    present,
                    seen: d.seen,
                }))];
            }
        }
    }
    Vec::new()
}

/// The first id that is not a member of the forum on screen, said with a did-you-mean.
fn stranger<'a>(app: &App, ids: impl IntoIterator<Item = &'a String>) -> Option<String> {
    let members = &app.fresh.as_ref()?.snapshot.forum.members;
    let id = ids
        .into_iter()
        .find(|id| !members.iter().any(|m| &m.id == *id))?;
    let hint = crate::domain::finding::closest(id, members.iter().map(|m| m.id.as_str()))
        .map(|c| format!(" Did you mean `{c}`?"))
        .unwrap_or_default();
    Some(format!(
        "`{}` is not a member of the forum.{hint}",
        sanitize(id)
    ))
}

fn set_error(app: &mut App, message: &str) {
    if let Some(d) = app.dialog.as_mut() {
        d.error = Some(message.to_string());
    }
}
