//! Present mode: room-sized text for the screen you are on — the ranking, the scoring of the
//! selected initiative, the allocation list with the cut line — else the budget and the
//! selected initiative's value; it scales with the terminal's size.

use crate::domain::records::CONSENSUS;
use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::views::bigtext;
use crate::tui::views::common::{amount, clean, cut, mark};
use crate::tui::views::overview::{allocated, pipeline};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(fresh) = &app.fresh else {
        frame.render_widget(Paragraph::new("Loading…").centered(), area);
        return;
    };
    let forum = &fresh.snapshot.forum;
    let big_w = bigtext::width(&amount(forum.budget));
    let scale: u16 = if usize::from(area.width) >= 3 * big_w + 6 && area.height >= 60 {
        3
    } else if usize::from(area.width) >= 2 * big_w + 4 && area.height >= 34 {
        2
    } else {
        1
    };
    let [head, budget_a, item_a, foot] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(2 + 5 * scale),
        Constraint::Min(3 + 5 * scale),
        Constraint::Length(1),
    ])
    .areas(area);
    let title = vec![
        Line::styled(clean(&forum.title), theme.title()).centered(),
        pipeline(forum.phase, theme).centered(),
    ];
    frame.render_widget(Paragraph::new(title).wrap(Wrap { trim: true }), head);

    let (spent, _) = allocated(fresh);
    let budget_text = if usize::from(area.width) > bigtext::width(&amount(forum.budget)) {
        amount(forum.budget)
    } else {
        format!("{}k", forum.budget / 1000)
    };
    let mut b = vec![
        Line::styled(
            format!("Budget ({})", clean(&forum.currency)),
            theme.muted(),
        )
        .centered(),
    ];
    b.extend(
        bigtext::lines(&budget_text, usize::from(scale))
            .into_iter()
            .map(|l| l.style(theme.title()).centered()),
    );
    let known = fresh.snapshot.allocation.is_some() || fresh.valued();
    b.push(
        Line::styled(
            if known {
                format!(
                    "funded {} · remaining {}",
                    amount(spent),
                    amount(forum.budget.saturating_sub(spent))
                )
            } else {
                "funded: computing…".to_string()
            },
            theme.accent(),
        )
        .centered(),
    );
    frame.render_widget(Paragraph::new(b), budget_a);

    if fresh.valued() {
        if let Some(rows) = screen_rows(app, fresh, theme, usize::from(scale)) {
            // The screen's own list, room-sized: it takes the budget's place too.
            let [_, list] = Layout::vertical([Constraint::Length(0), Constraint::Min(1)])
                .areas(budget_a.union(item_a));
            frame.render_widget(Paragraph::new(rows).wrap(Wrap { trim: true }), list);
            footer(frame, foot, app, theme);
            return;
        }
    }
    if !fresh.valued() {
        frame.render_widget(
            Paragraph::new(Line::styled("value: computing…", theme.muted()).centered()),
            item_a,
        );
    } else if let Some(v) = app
        .selected_initiative()
        .and_then(|id| app.valuation(fresh, &id))
    {
        let funded = app.funded(&v.id);
        let mut i = vec![
            Line::styled(
                format!("{} {}", mark(funded), clean(&v.title)),
                if funded {
                    theme.funded()
                } else {
                    theme.unfunded()
                },
            )
            .centered(),
            Line::styled(
                format!("{} · cost {}", clean(&v.silo), amount(v.cost)),
                theme.muted(),
            )
            .centered(),
            Line::styled("value", theme.muted()).centered(),
        ];
        i.extend(
            bigtext::lines(&format!("{:.2}", v.value), usize::from(scale))
                .into_iter()
                .map(|l| l.style(theme.title()).centered()),
        );
        frame.render_widget(Paragraph::new(i), item_a);
    }
    footer(frame, foot, app, theme);
}

fn footer(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    frame.render_widget(
        Paragraph::new(
            Line::styled(
                format!(
                    "PRESENT · {} · ←/→ the next row · F or Esc leaves",
                    app.screen.title()
                ),
                theme.muted(),
            )
            .centered(),
        ),
        area,
    );
}

/// The rows of the screen on show, room-sized (a blank line between rows on big terminals);
/// `None` on screens shown as the budget and one initiative.
fn screen_rows(
    app: &App,
    fresh: &crate::tui::msg::Fresh,
    theme: &Theme,
    scale: usize,
) -> Option<Vec<Line<'static>>> {
    let a = &fresh.analysis;
    let title_of = |p: &str| {
        fresh
            .snapshot
            .priorities
            .get(p)
            .map_or_else(|| clean(p), |x| clean(&x.title))
    };
    let mut out: Vec<Line<'static>> = Vec::new();
    let push = |out: &mut Vec<Line<'static>>, line: Line<'static>| {
        out.push(line);
        if scale > 1 {
            out.push(Line::raw(""));
        }
    };
    match app.screen {
        Screen::Priorities => {
            out.push(Line::styled("The ranking", theme.muted()).centered());
            for (i, p) in app.ranking_list().iter().enumerate() {
                let style = if i == app.sel(Screen::Priorities) {
                    theme.selected()
                } else {
                    theme.title()
                };
                push(
                    &mut out,
                    Line::styled(format!("{}. {}", i + 1, title_of(p)), style).centered(),
                );
            }
        }
        Screen::Scoring => {
            let id = app.selected_initiative()?;
            let v = app.valuation(fresh, &id)?;
            out.push(Line::styled(clean(&v.title), theme.title()).centered());
            out.push(
                Line::styled(
                    format!("value {:.2} · the forum's scores (· not scored)", v.value),
                    theme.muted(),
                )
                .centered(),
            );
            out.push(Line::raw(""));
            for (i, p) in a.order.iter().enumerate() {
                let score = app
                    .score_of(CONSENSUS, &id, p)
                    .map(|(s, _)| s.to_string())
                    .unwrap_or_else(|| "·".into());
                let style = if i == app.sel(Screen::Scoring) {
                    theme.selected()
                } else {
                    theme.title()
                };
                push(
                    &mut out,
                    Line::styled(format!("{}  {score}", cut(&title_of(p), 48)), style).centered(),
                );
            }
        }
        Screen::Allocation => {
            let budget = fresh.snapshot.forum.budget;
            let mut total = 0u64;
            let mut cut_shown = false;
            out.push(Line::styled("The allocation", theme.muted()).centered());
            for id in app.allocation_rows() {
                let Some(v) = app.valuation(fresh, &id) else {
                    continue;
                };
                let funded = app.funded(&id);
                if !funded && !cut_shown {
                    cut_shown = true;
                    push(
                        &mut out,
                        Line::styled(
                            format!("──── budget {} ────", amount(budget)),
                            theme.warning(),
                        )
                        .centered(),
                    );
                }
                if funded {
                    total = total.saturating_add(v.cost);
                }
                let style = if total > budget && funded {
                    theme.error()
                } else if funded {
                    theme.funded()
                } else {
                    theme.unfunded()
                };
                push(
                    &mut out,
                    Line::styled(
                        format!(
                            "{} {}  {}",
                            mark(funded),
                            cut(&clean(&v.title), 48),
                            amount(v.cost)
                        ),
                        style,
                    )
                    .centered(),
                );
            }
        }
        _ => return None,
    }
    Some(out)
}
