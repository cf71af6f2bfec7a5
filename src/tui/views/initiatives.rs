//! Initiatives: the table (silo, title, cost, value, value per 100k, funded, flags) and a detail pane.

use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::msg::Fresh;
use crate::tui::theme::Theme;
use crate::tui::views::common::{
    amount, block, clean, computing, cut, fit, flags_text, fund_cell, goal, num, pad, row_style,
    title_room, title_table,
};
use crate::tui::views::layout::{list_height, window};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, fresh: &Fresh, theme: &Theme) {
    if !fresh.valued() {
        computing(frame, area, "Initiatives", fresh, theme);
        return;
    }
    let wide = area.width >= 140;
    let [table_a, detail_a] = if wide {
        Layout::horizontal([Constraint::Percentage(66), Constraint::Percentage(34)]).areas(area)
    } else {
        let pane = if app.initiatives.detail {
            app.height / 2
        } else {
            6
        };
        Layout::vertical([Constraint::Min(4), Constraint::Length(pane)]).areas(area)
    };
    let rows_ids = app.initiative_rows();
    let sel = app
        .sel(Screen::Initiatives)
        .min(rows_ids.len().saturating_sub(1));
    let filter = match (
        &app.initiatives.silo_filter,
        app.initiatives.searching || !app.initiatives.search.is_empty(),
    ) {
        (Some(s), _) => format!(" · silo {}", clean(s)),
        _ => String::new(),
    };
    let search = if app.initiatives.searching || !app.initiatives.search.is_empty() {
        format!(" · /{}", clean(&app.initiatives.search))
    } else {
        String::new()
    };
    let title = format!(
        "Initiatives ({}) · sort: {}{filter}{search}",
        rows_ids.len(),
        app.initiatives.sort.name()
    );
    let h = list_height(app);
    let start = window(sel, h);
    let currency = clean(&fresh.snapshot.forum.currency);
    let shown: Vec<(usize, &crate::domain::analysis::valuation::Valuation)> = rows_ids
        .iter()
        .enumerate()
        .skip(start)
        .take(h)
        .filter_map(|(i, id)| Some((i, app.valuation(fresh, id)?)))
        .collect();
    let cost_head = format!("Cost {currency}");
    let silos: Vec<String> = shown.iter().map(|(_, v)| clean(&v.silo)).collect();
    let costs: Vec<String> = shown.iter().map(|(_, v)| amount(v.cost)).collect();
    let flags: Vec<String> = shown
        .iter()
        .map(|(_, v)| v.flag_names().join(","))
        .collect();
    let silo_w = fit("Silo", silos.iter().map(String::as_str), 14);
    let cost_w = fit(&cost_head, costs.iter().map(String::as_str), 12);
    let flags_w = fit(
        "Flags",
        flags.iter().map(String::as_str),
        if wide { 19 } else { 9 },
    );
    let widths = [1, silo_w, 0, cost_w, 5, 6, flags_w];
    let room = title_room(table_a, &widths, 2);
    let rows: Vec<Row> = shown
        .iter()
        .zip(silos)
        .zip(costs)
        .map(|(((i, v), silo), cost)| {
            Row::new(vec![
                fund_cell(app.funded(&v.id), theme),
                Cell::from(cut(&silo, usize::from(silo_w))),
                Cell::from(cut(&clean(&v.title), room)),
                num(cost),
                num(format!("{:.2}", v.value)),
                num(format!("{:.2}", v.value_per_100k)),
                Cell::from(Span::styled(
                    flags_text(&v.flag_names(), usize::from(flags_w)),
                    theme.warning(),
                )),
            ])
            .style(row_style(*i == sel, theme))
        })
        .collect();
    let header = Row::new(vec![
        Cell::from(""),
        Cell::from("Silo"),
        Cell::from("Title"),
        num(cost_head.clone()),
        num("Value".into()),
        num("/100k".into()),
        Cell::from("Flags"),
    ])
    .style(theme.title());
    frame.render_widget(
        title_table(rows, header, &widths, 2, block(&title, theme)),
        table_a,
    );

    let Some(v) = rows_ids.get(sel).and_then(|id| app.valuation(fresh, id)) else {
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
            lines.push(Line::styled(format!("Goal: {}", goal(g)), theme.accent()));
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
                format!("{:>2}. {}", p.rank, pad(&cut(&clean(&p.title), 24), 24)),
                theme.muted(),
            ),
            Span::styled(format!(" {:.3} × {s:.2} = {c:.2}", p.weight), theme.text()),
        ]));
    }
    let flag_names = v.flag_names();
    if !flag_names.is_empty() {
        lines.push(Line::styled(
            format!("⚠ Flags: {}", flag_names.join(", ")),
            theme.warning(),
        ));
    }
    // Each scorer's row, one column per priority in rank order (1 2 3 …).
    let col = fresh.analysis.order.len().to_string().len();
    if !v.scorers.is_empty() {
        let ranks: Vec<String> = (1..=fresh.analysis.order.len())
            .map(|r| format!("{r:>col$}"))
            .collect();
        lines.push(Line::styled(
            format!("{:<8} {}", "Scorer", ranks.join(" ")),
            theme.title(),
        ));
    }
    for sc in &v.scorers {
        let scores: Vec<String> = fresh
            .analysis
            .order
            .iter()
            .map(|p| sc.scores.get(p).copied().unwrap_or(0).to_string())
            .map(|s| format!("{s:>col$}"))
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
            .block(block(&format!("Detail — {}", clean(&v.id)), theme)),
        detail_a,
    );
}
