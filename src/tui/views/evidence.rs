//! Evidence: the customer's voice by kind, metrics against baselines, and the priorities citing it.

use crate::domain::money::quantity;
use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::msg::Fresh;
use crate::tui::theme::Theme;
use crate::tui::views::common::{block, clean, cut};
use crate::tui::views::evidence_notes;
use crate::tui::views::layout::{list_height, window};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Evidence ids in display order: customer sessions first, then by kind, then id.
pub fn ordered(fresh: &Fresh) -> Vec<String> {
    crate::domain::evidence::display_order(&fresh.snapshot)
}

/// ▲ / ▼ / ＝ against the baseline.
pub fn trend(value: f64, baseline: Option<f64>) -> &'static str {
    match baseline {
        Some(b) if value > b => "▲",
        Some(b) if value < b => "▼",
        Some(_) => "=",
        None => " ",
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, fresh: &Fresh, theme: &Theme) {
    let [list_a, detail_a] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(area);
    let ids = ordered(fresh);
    let sel = app.sel(Screen::Evidence).min(ids.len().saturating_sub(1));
    let h = list_height(app);
    let start = window(sel, h);
    let w = usize::from(list_a.width).saturating_sub(4);
    let lines: Vec<Line> = ids
        .iter()
        .enumerate()
        .skip(start)
        .take(h)
        .filter_map(|(i, id)| {
            let e = fresh.snapshot.evidence.get(id)?;
            let style = if i == sel {
                theme.selected()
            } else {
                theme.text()
            };
            Some(Line::styled(
                format!(
                    "{:<w$}",
                    cut(&format!("{} · {}", e.kind.label(), clean(&e.title)), w)
                ),
                style,
            ))
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block("Evidence (the customer's voice)", theme)),
        list_a,
    );
    let Some((id, e)) = ids
        .get(sel)
        .and_then(|id| fresh.snapshot.evidence.get(id).map(|e| (id, e)))
    else {
        frame.render_widget(
            Paragraph::new("No evidence recorded yet.").block(block("Detail", theme)),
            detail_a,
        );
        return;
    };
    let mut d = vec![
        Line::styled(clean(&e.title), theme.title()),
        Line::styled(
            format!(
                "{} · {} · {}",
                e.kind.label(),
                clean(&e.period),
                clean(&e.source)
            ),
            theme.muted(),
        ),
        Line::raw(""),
        Line::styled(clean(&e.summary), theme.text()),
        Line::raw(""),
    ];
    if let Some(s) = &e.session {
        d.push(Line::styled(
            format!("Who came: {}, {}", clean(&s.role), clean(&s.organisation)),
            theme.accent(),
        ));
        for (k, item) in s.agenda.iter().enumerate() {
            d.push(Line::styled(
                format!("Agenda {}. {}", k + 1, clean(item)),
                theme.muted(),
            ));
        }
        for q in &s.questions {
            d.push(Line::styled(
                format!("Q: {}", clean(&q.question)),
                theme.text(),
            ));
            let answer = if q.answer.trim().is_empty() {
                "(not answered yet)".to_string()
            } else {
                clean(&q.answer)
            };
            d.push(Line::styled(format!("A: {answer}"), theme.title()));
        }
        if !s.informs.is_empty() {
            d.push(Line::styled(
                format!("Informs: {}", clean(&s.informs.join(", "))),
                theme.accent(),
            ));
        }
        d.push(Line::raw(""));
    }
    let notes = evidence_notes::detail_lines(&fresh.snapshot, e, theme);
    if !notes.is_empty() {
        d.extend(notes);
        d.push(Line::raw(""));
    }
    for m in &e.metrics {
        let base = m
            .baseline
            .map(|b| format!(" (baseline {})", quantity(b)))
            .unwrap_or_default();
        d.push(Line::from(vec![
            Span::styled(format!("{} ", trend(m.value, m.baseline)), theme.accent()),
            Span::styled(
                format!(
                    "{}: {} {}",
                    clean(&m.name),
                    quantity(m.value),
                    clean(&m.unit)
                ),
                theme.text(),
            ),
            Span::styled(base, theme.muted()),
        ]));
        d.extend(evidence_notes::series_line(m, theme));
    }
    let citing: Vec<String> = fresh
        .snapshot
        .priorities
        .iter()
        .filter(|(_, p)| p.evidence.contains(id))
        .map(|(_, p)| clean(&p.title))
        .collect();
    d.push(Line::raw(""));
    d.push(Line::styled(
        if citing.is_empty() {
            "Cited by no priority yet.".to_string()
        } else {
            format!("Cited by: {}", citing.join("; "))
        },
        theme.accent(),
    ));
    frame.render_widget(
        Paragraph::new(d)
            .wrap(Wrap { trim: true })
            .block(block("Detail", theme)),
        detail_a,
    );
}
