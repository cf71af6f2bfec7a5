//! Present mode: big numbers for the budget and the selected initiative, nothing else.

use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::views::bigtext;
use crate::tui::views::common::{amount, clean, mark};
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
    let scale: u16 = if usize::from(area.width) >= 2 * big_w + 4 && area.height >= 34 {
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
    frame.render_widget(
        Paragraph::new(
            Line::styled(
                "F leaves present mode · ←/→ pick the initiative",
                theme.muted(),
            )
            .centered(),
        ),
        foot,
    );
}
