//! History & audit: the decision log read from the branch, newest first.

use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::msg::{Fresh, LogEntry};
use crate::tui::theme::Theme;
use crate::tui::views::common::{block, clean};
use crate::tui::views::layout::{history_detail, list_height, window};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, fresh: &Fresh, theme: &Theme) {
    if let Some(view) = &app.history.audit {
        return crate::tui::views::audit::draw(frame, area, view, theme);
    }
    let sel = app.sel(Screen::History);
    let h = list_height(app);
    let start = window(sel, h);
    let shown = app.history_rows();
    let rows: Vec<Row> = shown
        .iter()
        .filter_map(|i| fresh.log.get(*i))
        .enumerate()
        .skip(start)
        .take(h)
        .map(|(i, e)| {
            let style = if i == sel {
                theme.selected()
            } else {
                theme.text()
            };
            Row::new(vec![
                Span::styled(clean(&e.commit), theme.muted()),
                Span::raw(clean(&e.date)),
                Span::styled(clean(&e.kind), theme.accent()),
                Span::raw(clean(if e.by.is_empty() { &e.author } else { &e.by })),
                Span::raw(clean(&e.summary)),
            ])
            .style(style)
        })
        .collect();
    let widths = [
        Constraint::Length(8),
        Constraint::Length(10),
        Constraint::Length(9),
        Constraint::Length(14),
        Constraint::Min(20),
    ];
    let kind = app
        .history
        .kind_filter
        .as_ref()
        .map_or("every kind".to_string(), |k| format!("kind {}", clean(k)));
    let member = app
        .history
        .member_filter
        .as_ref()
        .map_or("every member".to_string(), |m| format!("with {}", clean(m)));
    let title = if fresh.solving() {
        "Decision log — reading it from git…".to_string()
    } else {
        format!(
            "Decision log, newest first — {kind} (f) · {member} (m) · {} shown",
            shown.len()
        )
    };
    let header = Row::new(vec!["Commit", "Date", "Decision", "By", "Summary"]).style(theme.title());
    let [list_a, detail_a] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(history_detail(app))]).areas(area);
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(block(&title, theme)),
        list_a,
    );
    if detail_a.height > 0 {
        let selected = shown.get(sel).and_then(|i| fresh.log.get(*i));
        draw_decision(frame, detail_a, selected, theme);
    }
}

/// The selected decision in full: who decided, who was there, and the reason on record.
fn draw_decision(frame: &mut Frame, area: Rect, e: Option<&LogEntry>, theme: &Theme) {
    let mut lines = Vec::new();
    if let Some(e) = e {
        let present = if e.present.is_empty() {
            String::new()
        } else {
            format!(" · present: {}", clean(&e.present.join(", ")))
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} {} ", clean(&e.commit), clean(&e.date)),
                theme.muted(),
            ),
            Span::styled(clean(&e.kind), theme.accent()),
            Span::styled(
                format!(" · by {}{present}", clean(&e.author)),
                theme.muted(),
            ),
        ]));
        lines.push(Line::styled(clean(&e.summary), theme.title()));
        let reason = e.reason.trim();
        if reason.is_empty() {
            lines.push(Line::styled("(no reason recorded)", theme.muted()));
        }
        lines.extend(reason.lines().map(|l| Line::styled(clean(l), theme.text())));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block(
            "The decision and its reason · a: audit an initiative",
            theme,
        )),
        area,
    );
}
