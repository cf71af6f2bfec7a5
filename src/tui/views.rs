//! Drawing only: every view reads `&App` and `&Theme` and never touches git.

pub mod allocation;
pub mod audit;
pub mod bigtext;
pub mod common;
pub mod dialog;
pub mod evidence;
pub mod evidence_notes;
pub mod glossary;
pub mod help;
pub mod history;
pub mod initiatives;
pub mod layout;
pub mod overview;
pub mod present;
pub mod priorities;
pub mod proposals;
pub mod results;
pub mod scoring;
pub mod scoring_brief;
pub mod whatif;

use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::keymap::hints;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Draws the whole frame.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    frame.render_widget(Block::new().style(theme.base()), area);
    if app.present {
        present::draw(frame, area, app, theme);
    } else {
        let [tabs, body, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        draw_tabs(frame, tabs, app, theme);
        draw_body(frame, body, app, theme);
        draw_status(frame, status, app, theme);
    }
    if app.help {
        help::draw(frame, area, app, theme);
    }
    if app.glossary {
        glossary::draw(frame, area, theme);
    }
    if let Some(d) = &app.dialog {
        dialog::draw(frame, area, d, theme);
    }
}

fn draw_tabs(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    for (i, s) in Screen::ALL.iter().enumerate() {
        let style = if *s == app.screen {
            theme.selected()
        } else {
            theme.muted()
        };
        spans.push(Span::styled(layout::tab_label(i, *s, area.width), style));
        spans.push(Span::styled("│", theme.muted()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if area.width >= 130 {
        let label = format!("theme {} (t) ", theme.name);
        frame.render_widget(
            Paragraph::new(Span::styled(label, theme.muted())).right_aligned(),
            area,
        );
    }
}

fn draw_body(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(fresh) = &app.fresh else {
        let text = if app.loading {
            "Loading the forum from git…"
        } else {
            "No forum loaded. Press F5 to retry."
        };
        frame.render_widget(
            Paragraph::new(common::clean(text))
                .style(theme.muted())
                .block(Block::bordered()),
            area,
        );
        return;
    };
    match app.screen {
        Screen::Overview => overview::draw(frame, area, app, fresh, theme),
        Screen::Evidence => evidence::draw(frame, area, app, fresh, theme),
        Screen::Priorities => priorities::draw(frame, area, app, fresh, theme),
        Screen::Initiatives => initiatives::draw(frame, area, app, fresh, theme),
        Screen::Scoring => scoring::draw(frame, area, app, fresh, theme),
        Screen::Allocation => allocation::draw(frame, area, app, fresh, theme),
        Screen::History => history::draw(frame, area, app, fresh, theme),
        Screen::Proposals => proposals::draw(frame, area, app, theme),
        Screen::Results => results::draw(frame, area, app, fresh, theme),
    }
}

fn draw_status(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let commit = app
        .fresh
        .as_ref()
        .and_then(|f| f.commit.as_deref())
        .map_or_else(|| "—".into(), |c| c.chars().take(7).collect::<String>());
    // A status line said on one screen stays there: another screen shows its own keys.
    let said = match app.status_screen {
        Some(s) if s != app.screen => "",
        _ => app.status.as_str(),
    };
    let remote = app
        .remote
        .as_ref()
        .map(|r| format!("{} · ", common::clean(&r.line())))
        .unwrap_or_default();
    let msg = format!("@{commit} {remote}{}", common::clean(said));
    // The message gets what it needs (news first); the hints the rest, `? help` always.
    let need = u16::try_from(msg.chars().count() + 1).unwrap_or(u16::MAX);
    let left_w = need.min(area.width.saturating_sub(8));
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(Span::styled(msg, theme.accent())), left);
    let mut all = hints(&app.keymap, app.context(), &|w| app.applies(w));
    if let Some(i) = all.iter().position(|(k, _)| *k == "?") {
        let help = all.remove(i);
        all.insert(0, help);
    }
    let mut spans = Vec::new();
    let mut used = 0usize;
    for (key, what) in all {
        let w = key.chars().count() + what.chars().count() + 2;
        if used + w > usize::from(right.width) {
            break;
        }
        used += w;
        spans.push(Span::styled(format!(" {key}"), theme.title()));
        spans.push(Span::styled(format!(" {what}"), theme.muted()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).right_aligned(), right);
}
