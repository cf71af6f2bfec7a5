//! Priorities & ranking: the order with weights beside Borda, the margin heat map, agreement, flags.

use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::msg::Fresh;
use crate::tui::theme::Theme;
use crate::tui::views::common::{block, clean, cut, goal, pad};
use crate::tui::views::layout::{list_height, window};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, fresh: &Fresh, theme: &Theme) {
    let a = &fresh.analysis;
    let r = &a.ranking;
    let order = app.order();
    let list = app.ranking_list();
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);

    let title = match (&app.ranking.manual_order, a.decided) {
        _ if app.ranking.ballot.is_some() => {
            let b = app
                .ranking
                .ballot
                .as_ref()
                .map(|b| (clean(&b.member), b.existing));
            let (who, existing) = b.unwrap_or_default();
            format!(
                "{who}'s ballot{} · K/J move · c commit",
                if existing { "" } else { " (new)" }
            )
        }
        (Some(_), _) => "Room's order (manual) · L lock · c record".to_string(),
        (None, true) => format!(
            "Order in force — {} (locked)",
            a.decided_method.map(|m| m.name()).unwrap_or("?")
        ),
        (None, false) => format!("Computed order — {}", r.method.name()),
    };
    let outer = block(&title, theme);
    let inner = outer.inner(left);
    frame.render_widget(outer, left);
    let mut borda: Vec<(&String, &f64)> = r.borda.iter().collect();
    borda.sort_by(|x, y| y.1.total_cmp(x.1).then(x.0.cmp(y.0)));
    let borda_rank = |id: &str| borda.iter().position(|(b, _)| *b == id).map(|i| i + 1);
    let sel = app.sel(Screen::Priorities);
    let h = list_height(app).min(usize::from(inner.height));
    let start = window(sel, h.max(1));
    let tw = usize::from(inner.width).saturating_sub(22);
    let mut lines = Vec::new();
    for (i, id) in list.iter().enumerate().skip(start).take(h) {
        let p = fresh.snapshot.priorities.get(id);
        let title = p.map(|p| clean(&p.title)).unwrap_or_else(|| clean(id));
        let weight = a.weights.get(id).copied().unwrap_or(0.0);
        let b = borda_rank(id).map(|n| format!("B{n}")).unwrap_or_default();
        let style = if i == sel {
            theme.selected()
        } else {
            theme.text()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:>2}. ", i + 1), style),
            Span::styled(format!("{:<tw$}", cut(&title, tw)), style),
            Span::styled(format!(" w{weight:>5.3} "), theme.accent()),
            Span::styled(format!("{b:>4}"), theme.muted()),
        ]));
    }
    let detail_h = inner
        .height
        .saturating_sub(u16::try_from(lines.len()).unwrap_or(0));
    let [list_a, detail_a] = Layout::vertical([
        Constraint::Length(inner.height - detail_h),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(lines), list_a);
    if let Some(p) = list
        .get(sel)
        .and_then(|id| fresh.snapshot.priorities.get(id))
    {
        let g = &p.goal;
        let detail = vec![
            Line::raw(""),
            Line::styled(format!("“{}”", clean(&p.customer_problem)), theme.text()),
            Line::styled(format!("Goal: {}", goal(g)), theme.accent()),
            Line::styled(
                format!("Evidence: {}", clean(&p.evidence.join(", "))),
                theme.muted(),
            ),
        ];
        frame.render_widget(Paragraph::new(detail).wrap(Wrap { trim: true }), detail_a);
    }

    let [heat_a, facts_a] = Layout::vertical([
        Constraint::Length(u16::try_from(order.len()).unwrap_or(0).saturating_add(3)),
        Constraint::Min(0),
    ])
    .areas(right);
    let hb = block("Head-to-head margins", theme);
    let hi = hb.inner(heat_a);
    frame.render_widget(hb, heat_a);
    let max = r
        .margins
        .values()
        .flat_map(|m| m.values())
        .map(|v| v.unsigned_abs())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let mut heat = vec![Line::from(
        std::iter::once(Span::raw("    "))
            .chain((1..=order.len()).map(|j| Span::styled(format!("{j:>4}"), theme.muted())))
            .collect::<Vec<_>>(),
    )];
    for (i, a_id) in order.iter().enumerate() {
        let mut spans = vec![Span::styled(format!("{:>3} ", i + 1), theme.muted())];
        for b_id in &order {
            let m = r.margins.get(a_id).and_then(|row| row.get(b_id)).copied();
            match m {
                Some(v) if a_id != b_id => {
                    let style = if v > 0 {
                        theme.heat(v as f64 / max)
                    } else {
                        theme.muted()
                    };
                    spans.push(Span::styled(format!("{v:>+4}"), style));
                }
                _ => spans.push(Span::styled("   ·", theme.muted())),
            }
        }
        heat.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(heat), hi);

    let mut facts = vec![
        Line::from(vec![
            Span::styled("Kendall's W ", theme.text()),
            Span::styled(format!("{:.2}", r.kendall_w), theme.title()),
            Span::styled(format!(" · {} ballots", r.ballots), theme.muted()),
        ]),
        Line::styled(
            if r.schulze_order == order {
                "Schulze's order is the order shown.".to_string()
            } else {
                let pos: Vec<String> = r
                    .schulze_order
                    .iter()
                    .map(|id| {
                        order
                            .iter()
                            .position(|o| o == id)
                            .map(|i| (i + 1).to_string())
                            .unwrap_or_else(|| "?".into())
                    })
                    .collect();
                format!("Schulze's order: {}", pos.join(" > "))
            },
            theme.muted(),
        ),
    ];
    if r.cycle {
        facts.push(Line::styled(
            "⚠ majorities go round in a circle; Schulze resolves it",
            theme.warning(),
        ));
    }
    if r.borda_differs {
        facts.push(Line::styled(
            "⚠ Borda's winner differs from Schulze's",
            theme.warning(),
        ));
    }
    if r.kendall_w < 0.3 && r.ballots > 1 {
        facts.push(Line::styled(
            "⚠ low agreement between ballots",
            theme.warning(),
        ));
    }
    facts.push(Line::styled(
        "Ballots: agreement with the order · their top three",
        theme.title(),
    ));
    let position = |id: &String| {
        order
            .iter()
            .position(|o| o == id)
            .map(|i| (i + 1).to_string())
            .unwrap_or_else(|| "?".into())
    };
    for (who, ballot) in &fresh.snapshot.ballots {
        let share = r.agreement.get(who).copied().unwrap_or(0.0);
        let top: Vec<String> = ballot.order.iter().take(3).map(position).collect();
        let style = if share < 0.6 {
            theme.warning()
        } else {
            theme.text()
        };
        facts.push(Line::from(vec![
            Span::styled(pad(&cut(&clean(who), 8), 8), style),
            Span::styled(format!("{:>4.0}% ", share * 100.0), style),
            Span::styled(top.join(" > "), theme.muted()),
        ]));
    }
    frame.render_widget(
        Paragraph::new(facts)
            .wrap(Wrap { trim: true })
            .block(block("Agreement", theme)),
        facts_a,
    );
}
