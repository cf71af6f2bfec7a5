//! The one confirmation dialog: what will happen, the fields, and the gate's refusal if any.

use crate::tui::app::Dialog;
use crate::tui::theme::Theme;
use crate::tui::views::common::{block, clean};
use crate::tui::views::help::centred;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, d: &Dialog, theme: &Theme) {
    let mut lines: Vec<Line> = d
        .lines
        .iter()
        .take(8)
        .map(|l| Line::styled(clean(l), theme.text()))
        .collect();
    if d.lines.len() > 8 {
        lines.push(Line::styled(
            format!("… and {} more", d.lines.len() - 8),
            theme.muted(),
        ));
    }
    lines.push(Line::raw(""));
    for (i, f) in d.fields.iter().enumerate() {
        let focus = i == d.focus;
        let (before, after) = f.text.split();
        let style = if focus { theme.title() } else { theme.text() };
        let mut spans = vec![Span::styled(
            format!("{:>11}: ", f.label),
            if focus { theme.accent() } else { theme.muted() },
        )];
        spans.push(Span::styled(clean(before), style));
        if focus {
            spans.push(Span::styled("▏", theme.accent()));
        }
        spans.push(Span::styled(clean(after), style));
        lines.push(Line::from(spans));
    }
    if let Some(h) = &d.hint {
        lines.push(Line::styled(clean(h), theme.muted()));
    }
    lines.push(Line::raw(""));
    if let Some(e) = &d.error {
        lines.push(Line::styled(format!("✗ {}", clean(e)), theme.error()));
    }
    if d.pending {
        lines.push(Line::styled("Committing…", theme.accent()));
    } else {
        lines.push(Line::styled(
            if d.fields.is_empty() {
                "Enter confirm · Esc cancel"
            } else {
                "Enter confirm · Tab field · ←/→ Home End C-u C-w · Esc cancel"
            },
            theme.muted(),
        ));
    }
    let h = u16::try_from(lines.len() + 4).unwrap_or(u16::MAX);
    let r = centred(area, 72, h);
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .style(theme.base())
            .block(block(&clean(&d.title), theme)),
        r,
    );
}
