//! Proposals inbox: open proposal branches with their status, what they change, the fields
//! that move the score, and their problems; `a` accepts one through the decision dialog.

use crate::store::proposals::{OpenProposal, Status};
use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::views::common::{block, clean, cut};
use crate::tui::views::layout::{list_height, window};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if app.proposals.open.is_empty() {
        empty(frame, area, app, theme);
        return;
    }
    let [list_a, detail_a] = if app.width >= 120 {
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area)
    } else {
        Layout::vertical([Constraint::Min(4), Constraint::Length(app.height / 2)]).areas(area)
    };
    list(frame, list_a, app, theme);
    if let Some(p) = app.proposals.open.get(app.sel(Screen::Proposals)) {
        detail(frame, detail_a, p, theme);
    }
}

fn empty(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut text = vec![
        Line::styled("No open proposals.", theme.title()),
        Line::raw(""),
        Line::styled(
            "A silo proposes an initiative on its own branch (`roundtable propose --silo ID --title TEXT`) and pushes it; once fetched (`git fetch`, then F5) it appears here with its check, ready to accept.",
            theme.muted(),
        ),
    ];
    if let Some(e) = &app.proposals.error {
        text.push(Line::raw(""));
        text.push(Line::styled(
            format!("Could not read the branches: {}", clean(e)),
            theme.error(),
        ));
    }
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(block("Proposals inbox", theme)),
        area,
    );
}

fn status_cell(s: &Status) -> (String, bool) {
    match s {
        Status::Valid => ("✓ valid".into(), true),
        Status::Invalid(lines) => (format!("✗ {} problem(s)", lines.len()), false),
    }
}

fn list(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let sel = app.sel(Screen::Proposals);
    let h = list_height(app);
    let start = window(sel, h);
    let name_w = usize::from(area.width).saturating_sub(32).max(8);
    let rows: Vec<Row> = app
        .proposals
        .open
        .iter()
        .enumerate()
        .skip(start)
        .take(h)
        .map(|(i, p)| {
            let (status, ok) = status_cell(&p.status);
            let style = if i == sel {
                theme.selected()
            } else {
                theme.text()
            };
            let status_style = if ok { theme.funded() } else { theme.error() };
            Row::new(vec![
                Span::raw(cut(&clean(&p.branch), name_w)),
                Span::styled(cut(&clean(&p.silos.join(",")), 12), theme.accent()),
                Span::styled(status, status_style),
            ])
            .style(style)
        })
        .collect();
    let widths = [
        Constraint::Min(8),
        Constraint::Length(12),
        Constraint::Length(15),
    ];
    let header = Row::new(vec!["Branch", "Silo", "Check"]).style(theme.title());
    let title = format!("Open proposals ({}) — a: accept", app.proposals.open.len());
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(block(&title, theme)),
        area,
    );
}

fn detail(frame: &mut Frame, area: Rect, p: &OpenProposal, theme: &Theme) {
    let hash = p.tip.to_string();
    let where_from = if p.remote { "remote-tracking" } else { "local" };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(hash.get(..7).unwrap_or(&hash).to_string(), theme.muted()),
            Span::raw(format!(
                " {} · {} · {where_from}",
                clean(&p.date),
                clean(&p.author)
            )),
        ]),
        Line::styled(clean(&p.summary), theme.text()),
    ];
    let (errors, warnings): (Vec<_>, Vec<_>) = p.problems.iter().partition(|x| x.is_error());
    if errors.is_empty() {
        lines.push(Line::styled(
            "✓ Valid: press a to accept it as a decision (reason and who is present are asked).",
            theme.funded(),
        ));
    } else {
        lines.push(Line::styled(
            format!("✗ {} problem(s) — not acceptable yet:", errors.len()),
            theme.error(),
        ));
    }
    for x in errors {
        lines.push(Line::styled(format!("  {x}"), theme.error()));
    }
    for x in warnings {
        lines.push(Line::styled(format!("  {x}"), theme.warning()));
    }
    for pitch in &p.pitches {
        lines.push(Line::from(vec![
            Span::styled(clean(&pitch.title), theme.title()),
            Span::styled(
                format!(
                    " — {}, owner {}",
                    clean(&pitch.initiative),
                    clean(&pitch.owner)
                ),
                theme.muted(),
            ),
        ]));
        lines.extend(
            pitch
                .summary
                .lines()
                .map(|l| Line::styled(format!("  {}", clean(l)), theme.text())),
        );
    }
    if !p.approvals.is_empty() {
        lines.push(Line::styled(
            "Shared: approval asked of (record with `roundtable accept … --approved-by`)",
            theme.title(),
        ));
        lines.extend(
            p.approvals
                .iter()
                .map(|a| Line::styled(format!("  {a}"), theme.accent())),
        );
    }
    lines.push(Line::styled("What moves the score", theme.title()));
    if p.fields.is_empty() {
        lines.push(Line::styled(
            "  nothing that scores or costs",
            theme.muted(),
        ));
    }
    lines.extend(
        p.fields
            .iter()
            .map(|f| Line::styled(format!("  {f}"), theme.accent())),
    );
    lines.push(Line::styled("Files changed", theme.title()));
    lines.extend(
        p.changed
            .iter()
            .map(|f| Line::styled(format!("  {f}"), theme.text())),
    );
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(&clean(&p.branch), theme)),
        area,
    );
}
