//! Allocation: the budget bar with the cut line, funded and unfunded lines, rule vs greedy, what-if.

use crate::domain::analysis::FlagKind;
use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::msg::Fresh;
use crate::tui::theme::Theme;
use crate::tui::views::common::{
    amount, block, cash, clean, computing, cut, fit, fund_cell, mark, num, row_style, title_room,
    title_table,
};
use crate::tui::views::layout::{list_height, window};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Wrap};

/// The budget bar: funded share filled, the cut line `│` at the what-if budget.
pub fn bar(width: usize, spent: u64, budget: u64, cut: u64, theme: &Theme) -> Line<'static> {
    let max = budget.max(cut).max(spent).max(1) as f64;
    let w = width.max(10) as f64;
    let filled = ((spent as f64 / max) * w).round() as usize;
    let cut_at = ((cut as f64 / max) * w).round() as usize;
    let mut spans = Vec::new();
    for i in 0..width.max(10) {
        let (c, st) = if i == cut_at.min(width.saturating_sub(1)) {
            ("│", theme.warning())
        } else if i < filled && spent > budget && (i as f64) >= (budget as f64 / max) * w {
            // The part above the budget, in the theme's error colour.
            ("█", theme.error())
        } else if i < filled {
            ("█", theme.funded())
        } else {
            ("░", theme.muted())
        };
        spans.push(Span::styled(c, st));
    }
    Line::from(spans)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, fresh: &Fresh, theme: &Theme) {
    if !fresh.valued() {
        computing(frame, area, "Allocation", fresh, theme);
        return;
    }
    let a = &fresh.analysis;
    let forum = &fresh.snapshot.forum;
    let cur = &forum.currency;
    let budget = forum.budget;
    let cut_budget = app.allocation.whatif_budget.unwrap_or(budget);
    let spent: u64 = a
        .initiatives
        .iter()
        .filter(|v| app.funded(&v.id))
        .map(|v| v.cost)
        .sum();
    let [top, body] = Layout::vertical([Constraint::Length(5), Constraint::Min(4)]).areas(area);
    let unproven = !fresh.solving()
        && a.rule == crate::domain::records::AllocationRule::Optimal
        && !a.optimal.proven_optimal;
    let tb = block(
        &format!(
            "Budget — rule {} · {}{}",
            a.rule.name(),
            if fresh.snapshot.allocation.is_some() {
                "allocation recorded"
            } else if fresh.solving() {
                "greedy shown, solving…"
            } else {
                "not yet decided"
            },
            if unproven {
                " · NOT proven optimal (work limit hit)"
            } else {
                ""
            }
        ),
        theme,
    );
    let ti = tb.inner(top);
    frame.render_widget(tb, top);
    let mut head = vec![
        bar(usize::from(ti.width), spent, budget, cut_budget, theme),
        Line::from(vec![
            Span::styled(
                format!("Funded {} of {}", cash(spent, cur), cash(budget, cur)),
                if spent > budget {
                    theme.error()
                } else {
                    theme.title()
                },
            ),
            Span::styled(
                if spent > budget {
                    format!(
                        " — OVER BUDGET by {} (the allocation gate refuses it)",
                        cash(spent - budget, cur)
                    )
                } else {
                    String::new()
                },
                theme.error(),
            ),
            Span::styled(
                format!(
                    " · remaining {} · value {:.2}",
                    amount(budget.saturating_sub(spent)),
                    a.portfolio().total_value
                ),
                theme.text(),
            ),
        ]),
    ];
    match (&app.allocation.whatif_budget, &app.allocation.whatif) {
        (Some(b), Some(w)) if w.budget == *b => {
            // Titles (sanitised, cut), the first few and how many more.
            let names = |ids: &[String]| {
                let mut shown: Vec<String> = ids
                    .iter()
                    .take(3)
                    .map(|i| {
                        let t = app.valuation(fresh, i).map_or(i.as_str(), |v| &v.title);
                        crate::tui::views::common::cut(&clean(t), 32)
                    })
                    .collect();
                if ids.len() > 3 {
                    shown.push(format!("+{} more", ids.len() - 3));
                }
                shown.join(", ")
            };
            if area.width >= 120 {
                head.push(Line::from(vec![
                    Span::styled(format!("What if {}: ", cash(*b, cur)), theme.accent()),
                    Span::styled(format!("▼ {} drop", w.dropped.len()), theme.unfunded()),
                    Span::styled(format!(" · ▲ {} come in", w.added.len()), theme.funded()),
                    Span::styled(
                        format!(
                            " · funded {} → {} · value {:.2} → {:.2} (What-if panel)",
                            amount(spent),
                            amount(w.total_cost),
                            a.portfolio().total_value,
                            w.total_value
                        ),
                        theme.text(),
                    ),
                ]));
                frame.render_widget(Paragraph::new(head), ti);
                return draw_body(frame, body, app, fresh, theme, spent);
            }
            head.push(Line::from(vec![
                Span::styled(format!("What if {}: ", cash(*b, cur)), theme.accent()),
                Span::styled(
                    format!(
                        "✗ drops {} ",
                        if w.dropped.is_empty() {
                            "nothing".into()
                        } else {
                            names(&w.dropped)
                        }
                    ),
                    theme.unfunded(),
                ),
                Span::styled(
                    format!(
                        "✓ adds {}",
                        if w.added.is_empty() {
                            "nothing".into()
                        } else {
                            names(&w.added)
                        }
                    ),
                    theme.funded(),
                ),
            ]));
        }
        (Some(b), _) => head.push(Line::styled(
            format!("What if {}: solving…", cash(*b, cur)),
            theme.muted(),
        )),
        (None, _) => head.push(Line::styled(
            "←/→ what-if budget ±5% · b types an amount",
            theme.muted(),
        )),
    }
    frame.render_widget(Paragraph::new(head), ti);
    draw_body(frame, body, app, fresh, theme, spent);
}

/// The lines table and the side panel (Why, or What-if while a what-if budget is asked).
fn draw_body(frame: &mut Frame, body: Rect, app: &App, fresh: &Fresh, theme: &Theme, spent: u64) {
    let a = &fresh.analysis;
    let budget = fresh.snapshot.forum.budget;
    let ids = app.allocation_rows();
    let wide = body.width >= 120;
    let unproven = !fresh.solving()
        && a.rule == crate::domain::records::AllocationRule::Optimal
        && !a.optimal.proven_optimal;
    let [list_a, side_a] = if wide {
        Layout::horizontal([Constraint::Percentage(72), Constraint::Percentage(28)]).areas(body)
    } else {
        Layout::vertical([Constraint::Min(4), Constraint::Length(4)]).areas(body)
    };
    let sel = app.sel(Screen::Allocation).min(ids.len().saturating_sub(1));
    let h = list_height(app);
    let start = window(sel, h);
    let first_out = ids.iter().position(|id| !app.funded(id));
    let shown: Vec<(
        usize,
        &crate::domain::analysis::valuation::Valuation,
        String,
    )> = ids
        .iter()
        .enumerate()
        .skip(start)
        .take(h)
        .filter_map(|(i, id)| {
            let v = app.valuation(fresh, id)?;
            let funded = app.funded(id);
            let hand = app
                .allocation
                .manual_lines
                .get(id)
                .map(|(_, r)| format!("by hand: {}", clean(r)));
            let note = hand
                .or_else(|| a.differences.reasons.get(id).map(|r| clean(r)))
                .unwrap_or_else(|| {
                    if v.flags.iter().any(|f| f.kind == FlagKind::Unscored) {
                        "not scored".to_string()
                    } else if !funded && v.value <= 0.0 {
                        "scored 0".to_string()
                    } else if Some(i) == first_out && v.cost > budget.saturating_sub(spent) {
                        "── cut line: full ──".to_string()
                    } else if Some(i) == first_out {
                        "── cut line ──".to_string()
                    } else {
                        String::new()
                    }
                });
            Some((i, v, note))
        })
        .collect();
    let costs: Vec<String> = shown.iter().map(|(_, v, _)| amount(v.cost)).collect();
    let cost_w = fit("Cost", costs.iter().map(String::as_str), 12);
    // The note takes what it needs, up to a quarter of the table; the title the rest.
    let whatif = match (&app.allocation.whatif_budget, &app.allocation.whatif) {
        (Some(b), Some(w)) if w.budget == *b => Some(w),
        _ => None,
    };
    let shown: Vec<_> = shown
        .into_iter()
        .map(|(i, v, note)| {
            // At a what-if budget, the lines that change say so, in the change's colour.
            let change = whatif.and_then(|w| crate::tui::views::whatif::change(w, &v.id, theme));
            let (note, style) = change.unwrap_or((note, theme.muted()));
            (i, v, note, style)
        })
        .collect();
    let why_w = fit(
        "Why",
        shown.iter().map(|(_, _, n, _)| n.as_str()),
        list_a.width / 4,
    );
    let widths = [1, 0, cost_w, 5, 6, 6, why_w];
    let room = title_room(list_a, &widths, 1);
    let rows: Vec<Row> = shown
        .into_iter()
        .zip(costs)
        .map(|((i, v, note, style), cost)| {
            Row::new(vec![
                fund_cell(app.funded(&v.id), theme),
                Cell::from(cut(&clean(&v.title), room)),
                num(cost),
                num(format!("{:.2}", v.value)),
                num(match app.allocation.margins.get(&v.id) {
                    Some(Some(m)) => format!("{m:+.2}"),
                    Some(None) => "fixed".to_string(),
                    None => "…".to_string(),
                }),
                Cell::from(Line::from(mark(v.funded_greedy)).centered()),
                Cell::from(Span::styled(cut(&note, usize::from(why_w)), style)),
            ])
            .style(row_style(i == sel, theme))
        })
        .collect();
    let header = Row::new(vec![
        Cell::from(""),
        Cell::from("Initiative"),
        num("Cost".into()),
        num("Value".into()),
        num("Margin".into()),
        Cell::from("Greedy"),
        Cell::from("Why"),
    ])
    .style(theme.title());
    frame.render_widget(
        title_table(
            rows,
            header,
            &widths,
            1,
            block("Lines (✓ funded · ✗ not) · Space by hand · c commit", theme),
        ),
        list_a,
    );

    if let (true, Some(w)) = (wide, whatif) {
        frame.render_widget(
            Paragraph::new(crate::tui::views::whatif::lines(
                app, fresh, w, spent, theme,
            ))
            .wrap(Wrap { trim: true })
            .block(block(&format!("What if {}", amount(w.budget)), theme)),
            side_a,
        );
        return;
    }
    let d = &a.differences;
    let mut side = vec![Line::styled(
        if fresh.solving() {
            "The rule's exact solve is running…".to_string()
        } else {
            format!("Rule vs greedy: +{:.2} value", d.value_gain)
        },
        theme.title(),
    )];
    if unproven {
        side.push(Line::styled(
            "NOT proven optimal: the exact search hit its work limit; these lines are the best found, never worse than greedy's.",
            theme.warning(),
        ));
    }
    if fresh.solving() {
        side.push(Line::styled(
            "The lines shown are greedy's until the exact solve lands.",
            theme.muted(),
        ));
    } else if d.only_optimal.is_empty() && d.only_greedy.is_empty() {
        side.push(Line::styled(
            "Both rules fund the same lines.",
            theme.muted(),
        ));
    }
    for id in &d.only_optimal {
        side.push(Line::styled(
            format!("✓ only the rule: {}", clean(id)),
            theme.funded(),
        ));
    }
    for id in &d.only_greedy {
        side.push(Line::styled(
            format!("✗ only greedy: {}", clean(id)),
            theme.unfunded(),
        ));
    }
    if !fresh.solving() {
        side.push(Line::styled(
            format!(
                "Unspent: rule {} · greedy {}",
                amount(d.optimal_unspent),
                amount(d.greedy_unspent)
            ),
            theme.muted(),
        ));
    }
    side.push(Line::styled(
        "Margin: how far a value may fall before the line drops (−) or must rise to get in (+).",
        theme.muted(),
    ));
    side.push(Line::styled(
        "Space: change a line by hand (reason) · c: commit as a decision",
        theme.accent(),
    ));
    if wide {
        // The selected line in full: the table cuts its title and its reason.
        if let Some(v) = ids.get(sel).and_then(|id| app.valuation(fresh, id)) {
            let funded = app.funded(&v.id);
            side.push(Line::raw(""));
            side.push(Line::styled(
                format!("{} {}", mark(funded), clean(&v.title)),
                if funded {
                    theme.funded()
                } else {
                    theme.unfunded()
                },
            ));
            side.push(Line::styled(
                format!(
                    "{} · cost {} · value {:.2}",
                    clean(&v.silo),
                    amount(v.cost),
                    v.value
                ),
                theme.muted(),
            ));
            let why = match app.allocation.manual_lines.get(&v.id) {
                Some((_, r)) => Some(format!("By hand: {}", clean(r))),
                None => d.reasons.get(&v.id).map(|r| clean(r)),
            };
            if let Some(why) = why {
                side.push(Line::styled(why, theme.text()));
            }
            side.push(Line::styled("a: its whole audit trail", theme.accent()));
        }
    }
    frame.render_widget(
        Paragraph::new(side)
            .wrap(Wrap { trim: true })
            .block(block("Why", theme)),
        side_a,
    );
}
