//! The one dialog's behaviour: fields, confirmation, and the decide request it sends.

use crate::tui::action::Action;
use crate::tui::app::{App, Dialog, DialogKind, Field};
use crate::tui::msg::{DecideRequest, Effect, Motion, Request};

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
            .map(|(label, value)| Field { label, value })
            .collect(),
        focus: 0,
        error: None,
        pending: false,
        hint: None,
        seen: app.fresh.as_ref().and_then(|f| f.commit.clone()),
    });
}

/// Opens the one decision dialog: reason, decider, who is present.
pub fn ask_decision(app: &mut App, decision: Motion, lines: Vec<String>) {
    let by = app.facilitator();
    let title = decision.summary();
    open(
        app,
        DialogKind::Decide(decision),
        &title,
        lines,
        vec![
            ("Reason", String::new()),
            ("Decided by", by.clone()),
            ("Present", by),
        ],
    );
    let members = app.member_ids();
    if let Some(d) = app.dialog.as_mut() {
        d.hint = Some(format!(
            "Present: member ids, comma-separated ({})",
            members.join(", ")
        ));
    }
}

pub fn dialog_act(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(d) = app.dialog.as_mut() else {
        return Vec::new();
    };
    if d.pending {
        if action == Action::Cancel {
            app.dialog = None;
        }
        return Vec::new();
    }
    match action {
        Action::Cancel | Action::Quit => app.dialog = None,
        Action::NextField | Action::Down => d.focus = (d.focus + 1) % d.fields.len().max(1),
        Action::Up => d.focus = (d.focus + d.fields.len().max(1) - 1) % d.fields.len().max(1),
        Action::Type(c) => {
            if let Some(f) = d.fields.get_mut(d.focus) {
                f.value.push(c);
            }
        }
        Action::Erase => {
            if let Some(f) = d.fields.get_mut(d.focus) {
                f.value.pop();
            }
        }
        Action::Confirm => return confirm(app),
        _ => {}
    }
    Vec::new()
}

fn field(d: &Dialog, i: usize) -> String {
    d.fields
        .get(i)
        .map(|f| f.value.trim().to_string())
        .unwrap_or_default()
}

fn confirm(app: &mut App) -> Vec<Effect> {
    let Some(d) = app.dialog.clone() else {
        return Vec::new();
    };
    let reason = field(&d, 0);
    match d.kind.clone() {
        DialogKind::Budget => {
            let digits: String = reason.chars().filter(char::is_ascii_digit).collect();
            match digits.parse::<u64>() {
                Ok(b) => {
                    app.dialog = None;
                    app.whatif_budget = Some(b);
                    return vec![Effect::Send(Request::WhatIf(b))];
                }
                Err(_) => set_error(app, "Type the budget as a whole number, e.g. 2040000."),
            }
        }
        DialogKind::LineReason { initiative, fund } => {
            if reason.is_empty() {
                set_error(app, "A line changed by hand needs a reason.");
            } else {
                app.manual_lines.insert(initiative, (fund, reason));
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
        crate::domain::text::sanitize(id)
    ))
}

fn set_error(app: &mut App, message: &str) {
    if let Some(d) = app.dialog.as_mut() {
        d.error = Some(message.to_string());
    }
}
