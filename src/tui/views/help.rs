//! The `?` overlay: generated from the same keymap table that dispatches keys.

use crate::tui::app::App;
use crate::tui::keymap::{Context, help_rows};

use crate::tui::theme::Theme;
use crate::tui::views::common::block;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn section(
    title: String,
    rows: Vec<(&'static str, &'static str)>,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(title, theme.title())];
    for (key, what) in rows {
        lines.push(Line::from(vec![
            Span::styled(format!(" {key:<6}"), theme.accent()),
            Span::styled(what, theme.text()),
        ]));
    }
    lines
}

/// Rows `lines` take wrapped in `width` columns.
fn wrapped_rows(lines: &[Line], width: u16) -> usize {
    let w = usize::from(width.max(1));
    lines.iter().map(|l| l.width().max(1).div_ceil(w)).sum()
}

/// Two columns: this screen's keys and the keys that work everywhere; "A meeting, in order"
/// goes under the shorter one. Taller than the terminal, it scrolls (↑/↓).
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut here = section(
        match app.help_context() {
            Context::Present => "In present mode".to_string(),
            Context::ScoreEntry => "Entering scores".to_string(),
            _ => format!("On {}", app.screen.title()),
        },
        help_rows(&app.keymap, app.help_context(), &|w| app.applies(w)),
        theme,
    );
    // A dialog shows its own keys (Enter, Tab, Esc); a first-time facilitator needs the order.
    let mut meeting = vec![Line::raw("")];
    meeting.extend(section(
        "A meeting, in order".into(),
        vec![
            ("2", "the customer's evidence"),
            ("3", "b ballots · L lock the order"),
            ("5", "e enter scores · m scorer · c commit"),
            ("A", "advance one phase"),
            ("6", "←/→ what-if · c commit"),
            ("7", "log: f kind · m member · a audit"),
        ],
        theme,
    ));
    let mut everywhere = section(
        "Everywhere".into(),
        help_rows(&app.keymap, Context::Global, &|w| app.applies(w)),
        theme,
    );
    let box_w = area.width.min(110);
    let col_w = box_w.saturating_sub(2) / 2;
    if wrapped_rows(&here, col_w) <= wrapped_rows(&everywhere, col_w) {
        here.extend(meeting);
    } else {
        everywhere.extend(meeting);
    }
    let rows = wrapped_rows(&here, col_w).max(wrapped_rows(&everywhere, col_w));
    let h = u16::try_from(rows + 2).unwrap_or(u16::MAX);
    let r = centred(area, box_w, h);
    let visible = r.height.saturating_sub(2);
    let overflow = u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .saturating_sub(visible);
    let scroll = app.help_scroll.min(overflow);
    frame.render_widget(Clear, r);
    let title = if overflow > 0 {
        "Keys — ↑/↓ scroll · any other key closes"
    } else {
        "Keys — any key closes · mouse: click a tab or a row"
    };
    let outer = block(title, theme).style(theme.base());
    let inner = outer.inner(r);
    frame.render_widget(outer, r);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(inner);
    frame.render_widget(
        Paragraph::new(here)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        left,
    );
    frame.render_widget(
        Paragraph::new(everywhere)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        right,
    );
}
