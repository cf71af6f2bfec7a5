//! `update`: the only place state changes; returns effects for the loop to run, does no I/O.
//! This file routes; each screen's behaviour is in its own file, like `views/`.

pub mod allocation;
pub mod dialogs;
pub mod history;
pub mod initiatives;
pub mod loads;
pub mod pending;
pub mod phase;
pub mod proposals;
pub mod ranking;
pub mod records;
pub mod scoring;
pub mod selection;

use crate::tui::action::{Action, Screen};
use crate::tui::app::App;
use crate::tui::msg::{Effect, Msg};
use crate::tui::views::layout;

/// Applies one message to the state.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Action(a) => {
            // A status line said in answer to a key belongs to the screen the key was on.
            // (the screen it leaves the room on: opening an audit says so on History).
            let before = app.status.clone();
            let effects = act(app, a);
            if app.screen != Screen::Scoring {
                // Score entry ends when the room leaves Scoring: back there, digits change
                // screen until `e` again.
                app.scoring.entering = false;
            }
            if app.status != before {
                app.status_screen = Some(app.screen);
            }
            effects
        }
        Msg::Click { x, y } => click(app, x, y),
        Msg::Scroll { down } => act(app, if down { Action::Down } else { Action::Up }),
        Msg::Resize { width, height } => {
            app.width = width;
            app.height = height;
            Vec::new()
        }
        Msg::Loaded(fresh) => loads::loaded(app, *fresh),
        Msg::Moved { fresh, what } => loads::moved(app, *fresh, &what),
        Msg::Solved(fresh) => loads::solved(app, *fresh),
        Msg::Margins(m) => {
            app.allocation.margins = m;
            Vec::new()
        }
        Msg::WhatIf(w) => {
            if app.allocation.whatif_budget == Some(w.budget) {
                app.allocation.whatif = Some(*w);
            }
            Vec::new()
        }
        Msg::Decided { commit, summary } => pending::decided(app, &commit, &summary),
        Msg::Refused(message) => {
            match &mut app.dialog {
                Some(d) => {
                    d.pending = false;
                    d.error = Some(message);
                }
                None => say_everywhere(app, message),
            }
            Vec::new()
        }
        Msg::Audit(reply) => {
            history::received(app, *reply);
            Vec::new()
        }
        Msg::Failed(message) => {
            app.loading = false;
            say_everywhere(app, format!("Error: {message}"));
            Vec::new()
        }
        Msg::Proposals(read) => {
            proposals::received(app, read);
            Vec::new()
        }
        Msg::Remote(status) => {
            if let Some(held) = &status.held {
                app.status = format!("Held, kept aside: {held}");
            } else if let Some(why) = &status.stopped {
                app.status = format!("Sync stopped: {why}");
            }
            app.remote = Some(status);
            Vec::new()
        }
    }
}

/// A status line for every screen (news from the worker, not an answer to a key).
pub fn say_everywhere(app: &mut App, message: String) {
    app.status = message;
    app.status_screen = None;
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    if app.glossary {
        // Any key closes the glossary (Quit too: it asks first when work is pending).
        app.glossary = false;
        if !matches!(action, Action::Quit) {
            return Vec::new();
        }
    }
    if app.help && !matches!(action, Action::Quit) {
        // The help scrolls when it is taller than the terminal; `g` opens the glossary from
        // it; any other key closes it.
        match action {
            Action::Up => app.help_scroll = app.help_scroll.saturating_sub(1),
            Action::Down => app.help_scroll = app.help_scroll.saturating_add(1).min(200),
            Action::PageUp => app.help_scroll = app.help_scroll.saturating_sub(10),
            Action::PageDown => app.help_scroll = app.help_scroll.saturating_add(10).min(200),
            Action::Glossary => {
                app.help = false;
                app.glossary = true;
            }
            _ => {
                app.help = false;
                app.help_scroll = 0;
            }
        }
        return Vec::new();
    }
    if app.dialog.is_some() {
        return dialogs::dialog_act(app, action);
    }
    if app.present
        && matches!(
            action,
            Action::Left | Action::Right | Action::BudgetDown | Action::BudgetUp
        )
    {
        // Never act on what present mode hides (the what-if budget, the audit).
        present_step(app, matches!(action, Action::Right | Action::BudgetUp));
        return Vec::new();
    }
    if app.initiatives.searching {
        initiatives::search_key(app, action);
        return Vec::new();
    }
    if let Some(effects) = history::audit_act(app, &action) {
        return effects;
    }
    if let Some(why) = crate::tui::seat::refuses(app, &action) {
        app.status = why;
        return Vec::new();
    }
    let screen = app.screen;
    match action {
        Action::Quit => return pending::quit(app),
        Action::Help => {
            app.help = true;
            app.help_scroll = 0;
        }
        Action::Glossary => app.glossary = true,
        Action::NextScreen => go(app, (screen.index() + 1) % Screen::ALL.len()),
        Action::PrevScreen => go(
            app,
            (screen.index() + Screen::ALL.len() - 1) % Screen::ALL.len(),
        ),
        Action::Go(s) => app.screen = s,
        Action::Up => step(app, -1),
        Action::Down => step(app, 1),
        Action::PageUp => step(app, -10),
        Action::PageDown => step(app, 10),
        Action::Left | Action::Right => scoring::next_initiative(app, action == Action::Right),
        Action::NextUnscored => scoring::next_unscored(app),
        Action::CycleTheme => app.theme_index = (app.theme_index + 1) % app.theme_count,
        Action::Present => app.present = !app.present,
        Action::Reload => return pending::reload(app),
        Action::Undo => pending::undo(app),
        Action::MoveUp | Action::MoveDown => ranking::move_priority(app, action == Action::MoveUp),
        Action::Advance => phase::advance(app),
        Action::Reopen => phase::reopen(app),
        Action::Sort => initiatives::sort(app),
        Action::FilterSilo => initiatives::filter_silo(app),
        Action::FilterKind => history::filter_kind(app),
        Action::FilterMember => history::filter_member(app),
        Action::Ballot => {
            ranking::toggle(app);
            crate::tui::seat::settle(app);
        }
        Action::NextMember => ranking::next_member(app),
        Action::Detail => app.initiatives.detail = !app.initiatives.detail,
        Action::Search => {
            app.initiatives.searching = true;
            app.initiatives.search.clear();
        }
        Action::ScoreMode => scoring::toggle_entry(app),
        Action::Score(s) => scoring::score(app, s),
        Action::Erase if screen == Screen::Scoring => scoring::clear(app),
        Action::NextScorer => scoring::next_scorer(app),
        Action::Reveal => app.scoring.revealed = !app.scoring.revealed,
        Action::BudgetDown | Action::BudgetUp => {
            return allocation::budget_step(app, action == Action::BudgetUp);
        }
        Action::BudgetReset => allocation::reset(app),
        Action::BudgetType => allocation::ask_budget(app),
        Action::Rebudget => allocation::ask_rebudget(app),
        Action::NewRecord => records::form(app, false),
        Action::EditRecord => records::form(app, true),
        Action::ToggleLine => allocation::toggle_line(app),
        Action::Commit => match screen {
            Screen::Priorities => ranking::commit(app),
            Screen::Scoring => scoring::commit(app),
            Screen::Allocation => allocation::commit(app),
            _ => {}
        },
        Action::Cancel if screen == Screen::Priorities => ranking::drop_edits(app),
        Action::Audit => return history::open_audit(app),
        Action::Accept => proposals::accept(app),
        Action::Type(_)
        | Action::Erase
        | Action::Delete
        | Action::NextField
        | Action::Confirm
        | Action::Cancel
        | Action::Everyone
        | Action::Home
        | Action::End
        | Action::KillLine
        | Action::KillWord => {}
    }
    Vec::new()
}

/// ←/→ in present mode: the next row of what the room sees (the ranking, the allocation's
/// lines), else the next initiative (Scoring, Initiatives and the rest show one).
fn present_step(app: &mut App, forward: bool) {
    match app.screen {
        Screen::Priorities | Screen::Allocation | Screen::History => {
            step(app, if forward { 1 } else { -1 });
        }
        _ => scoring::next_initiative(app, forward),
    }
}

fn go(app: &mut App, i: usize) {
    app.screen = Screen::ALL.get(i).copied().unwrap_or(Screen::Overview);
}

/// Moves the selected row of the screen on show by `delta`, within its rows.
pub fn step(app: &mut App, delta: i64) {
    let s = app.screen;
    let n = app.rows(s);
    if n == 0 {
        return;
    }
    let cur = i64::try_from(app.sel(s)).unwrap_or(0);
    let max = i64::try_from(n - 1).unwrap_or(0);
    let next = usize::try_from((cur + delta).clamp(0, max)).unwrap_or(0);
    app.cursor.insert(s.title(), next);
}

fn click(app: &mut App, x: u16, y: u16) -> Vec<Effect> {
    if app.help || app.glossary {
        app.help = false;
        app.glossary = false;
        return Vec::new();
    }
    if app.dialog.is_some() || app.present {
        return Vec::new();
    }
    if y == 0 {
        if let Some(s) = layout::tab_at(x, app.width) {
            app.screen = s;
        }
        return Vec::new();
    }
    if let Some(row) = layout::row_at(app, y) {
        let n = app.rows(app.screen);
        if row < n {
            app.cursor.insert(app.screen.title(), row);
        }
    }
    Vec::new()
}
