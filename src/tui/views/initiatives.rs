//! Initiatives: the table (silo, title, cost, value, value per 100k, funded, flags) and a detail pane.

use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::msg::Fresh;
use crate::tui::theme::Theme;
use crate::tui::views::common::{amount, block, clean, cut, mark};
use crate::tui::views::layout::{list_height, window};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, fresh: &Fresh, theme: &Theme) {
    let wide = area.width >= 140;
    let [table_a, detail_a] = if wide {
        Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(area)
    } else {
        let pane = if app.detail { app.height / 2 } else { 6 };
        Layout::vertical([Constraint::Min(4), Constraint::Length(pane)]).areas(area)
    };
    let rows_ids = app.initiative_rows();
    let sel = app
        .sel(Screen::Initiatives)
        .min(rows_ids.len().saturating_sub(1));
    let filter = match (&app.silo_filter, app.searching || !app.search.is_empty()) {
        (Some(s), _) => format!(" · silo {}", clean(s)),
        _ => String::new(),
    };
    let search = if app.searching || !app.search.is_empty() {
        format!(" · /{}", clean(&app.search))
    } else {
        String::new()
    };
    let title = format!(
        "Initiatives ({}) · sort: {}{filter}{search}",
        rows_ids.len(),
        app.sort.name()
    );
    let h = list_height(app);
    let start = window(sel, h);
    let currency = clean(&fresh.snapshot.forum.currency);
    let rows: Vec<Row> = rows_ids
        .iter()
        .enumerate()
        .skip(start)
        .take(h)
        .filter_map(|(i, id)| {
            let v = fresh.analysis.valuation(id)?;
            let funded = app.funded(id);
            let fund_style = if funded {
                theme.funded()
            } else {
                theme.unfunded()
            };
            let style = if i == sel {
                theme.selected()
            } else {
                theme.text()
            };
            Some(
                Row::new(vec![
                    Span::styled(mark(funded), fund_style),
                    Span::raw(clean(&v.silo)),
                    Span::raw(clean(&v.title)),
                    Span::raw(amount(v.cost)),
                    Span::raw(format!("{:.2}", v.value)),
                    Span::raw(format!("{:.2}", v.value_per_100k)),
                    Span::styled(v.flag_names().join(","), theme.warning()),
                ])
                .style(style),
            )
        })
        .collect();
    let widths = [
        Constraint::Length(1),
        Constraint::Length(11),
        Constraint::Min(16),
        Constraint::Length(10),
        Constraint::Length(5),
        Constraint::Length(6),
        Constraint::Length(if wide { 22 } else { 9 }),
    ];
    let cost_head = format!("Cost {currency}");
    let header = Row::new(vec![
        "",
        "Silo",
        "Title",
        cost_head.as_str(),
        "Value",
        "/100k",
        "Flags",
    ])
    .style(theme.title());
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .block(block(&title, theme)),
        table_a,
    );

    let Some(v) = rows_ids
        .get(sel)
        .and_then(|id| fresh.analysis.valuation(id))
    else {
        frame.render_widget(
            Paragraph::new("No initiative matches.").block(block("Detail", theme)),
            detail_a,
        );
        return;
    };
    let ini = fresh.snapshot.initiative(&v.id);
    let mut lines = vec![Line::styled(clean(&v.title), theme.title())];
    if let Some(i) = ini {
        lines.push(Line::styled(clean(&i.summary), theme.text()));
        if let Some(g) = &i.goal {
            lines.push(Line::styled(
                format!(
                    "Goal: {} {} → {} {}",
                    clean(&g.metric),
                    g.baseline,
                    g.target,
                    clean(&g.unit)
                ),
                theme.accent(),
            ));
        }
        if !i.depends_on.is_empty() {
            lines.push(Line::styled(
                format!("Depends on: {}", clean(&i.depends_on.join(", "))),
                theme.muted(),
            ));
        }
        if !i.excludes.is_empty() {
            lines.push(Line::styled(
                format!("Alternative to: {}", clean(&i.excludes.join(", "))),
                theme.muted(),
            ));
        }
        if i.mandatory {
            lines.push(Line::styled("Mandatory", theme.warning()));
        }
    }
    lines.push(Line::styled(
        format!(
            "Value {:.2} = Σ weight × score{}",
            v.value,
            if v.consensus { " (consensus)" } else { "" }
        ),
        theme.accent(),
    ));
    for p in &fresh.analysis.priorities {
        let s = v.scores.get(&p.id).copied().unwrap_or(0.0);
        let c = v.contributions.get(&p.id).copied().unwrap_or(0.0);
        lines.push(Line::from(vec![
            Span::styled(
                format!("{:>2}. {:<24}", p.rank, cut(&clean(&p.title), 24)),
                theme.muted(),
            ),
            Span::styled(format!(" {:.3} × {s:.2} = {c:.2}", p.weight), theme.text()),
        ]));
    }
    for sc in &v.scorers {
        let scores: Vec<String> = fresh
            .analysis
            .order
            .iter()
            .map(|p| {
                sc.scores
                    .get(p)
                    .map(u8::to_string)
                    .unwrap_or_else(|| "·".into())
            })
            .collect();
        let recused = if sc.recused { " (recused)" } else { "" };
        lines.push(Line::styled(
            format!(
                "{:<8} {}{recused}",
                cut(&clean(&sc.member), 8),
                scores.join(" ")
            ),
            theme.muted(),
        ));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block("Detail", theme)),
        detail_a,
    );
}
