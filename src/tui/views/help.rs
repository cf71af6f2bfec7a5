//! The `?` overlay: generated from the same keymap table that dispatches keys.

use crate::tui::app::App;
use crate::tui::keymap::{Context, help_rows};
use crate::tui::theme::Theme;
use crate::tui::views::common::block;
use ratatui::Frame;
use ratatui::layout::Rect;
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

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut lines = Vec::new();
    let sections = [
        (
            format!("On {}", app.screen.title()),
            Context::On(app.screen),
        ),
        ("Everywhere".to_string(), Context::Global),
    ];
    for (title, ctx) in sections {
        lines.push(Line::styled(title, theme.title()));
        for (key, what) in help_rows(&app.keymap, ctx) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {key:<7}"), theme.accent()),
                Span::styled(what, theme.text()),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        "Any key closes this help. Mouse: click a tab or a row.",
        theme.muted(),
    ));
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let r = centred(area, 64, h);
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .style(theme.base())
            .block(block("Keys", theme)),
        r,
    );
}
