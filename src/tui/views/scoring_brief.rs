//! Under the scoring grid: what the room is scoring — the initiative's own case and the
//! selected priority's customer problem and goal — so nobody scores from the title alone.

use crate::tui::msg::Fresh;
use crate::tui::theme::Theme;
use crate::tui::views::common::{block, clean, goal};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the brief of initiative `id` against priority `priority` (when one is selected).
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    fresh: &Fresh,
    id: &str,
    priority: Option<&str>,
    theme: &Theme,
) {
    let snap = &fresh.snapshot;
    let mut lines: Vec<Line> = Vec::new();
    if let Some(i) = snap.initiative(id) {
        lines.push(Line::styled(clean(&i.summary), theme.text()));
        let addressed: Vec<String> = i
            .addresses
            .iter()
            .map(|p| {
                snap.priorities
                    .get(p)
                    .map_or_else(|| clean(p), |r| clean(&r.title))
            })
            .collect();
        if !addressed.is_empty() {
            lines.push(Line::from(vec![
                Span::styled("Says it addresses: ", theme.muted()),
                Span::styled(addressed.join(" · "), theme.text()),
            ]));
        }
        if let Some(g) = &i.goal {
            lines.push(Line::styled(
                format!("Its goal: {}", goal(g)),
                theme.accent(),
            ));
        }
        let mut links = Vec::new();
        if !i.depends_on.is_empty() {
            links.push(format!("depends on {}", clean(&i.depends_on.join(", "))));
        }
        if !i.excludes.is_empty() {
            links.push(format!("excludes {}", clean(&i.excludes.join(", "))));
        }
        if i.mandatory {
            links.push("mandatory".to_string());
        }
        if !links.is_empty() {
            lines.push(Line::styled(links.join(" · "), theme.muted()));
        }
    }
    if let Some((pid, p)) = priority.and_then(|pid| Some((pid, snap.priorities.get(pid)?))) {
        let addressed = snap
            .initiative(id)
            .is_some_and(|i| i.addresses.iter().any(|a| a == pid));
        let mut against = Vec::new();
        against.push(Line::from(vec![
            Span::styled("Scoring against: ", theme.muted()),
            Span::styled(clean(&p.title), theme.title()),
            Span::styled(
                if addressed {
                    ""
                } else {
                    " (not in its `addresses`)"
                },
                theme.muted(),
            ),
        ]));
        against.push(Line::styled(
            format!("“{}”", clean(&p.customer_problem)),
            theme.text(),
        ));
        against.push(Line::styled(
            format!("Goal: {}", goal(&p.goal)),
            theme.accent(),
        ));
        // A short screen shows the priority being scored first: it changes with every row.
        if area.height < 12 {
            against.append(&mut lines);
            lines = against;
        } else {
            lines.push(Line::raw(""));
            lines.append(&mut against);
        }
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block("What the room is scoring", theme)),
        area,
    );
}
