//! The glossary overlay (`g`, or `g` from help): the forum's terms in plain words, for the
//! executives in the room.

use crate::tui::theme::Theme;
use crate::tui::views::common::block;
use crate::tui::views::help::centred;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// (term, what it means), in the order a meeting meets them.
pub const TERMS: [(&str, &str); 15] = [
    (
        "Evidence",
        "what customers told us or did, with its source; priorities rest on it",
    ),
    (
        "Priority",
        "an outcome the forum wants for customers; the room ranks them",
    ),
    ("Ballot", "one member's order of the priorities"),
    (
        "Schulze",
        "a fair way to merge everyone's ballots into one order: the priority most members put above another wins that pair",
    ),
    (
        "Kendall's W",
        "how much the members agree on the order: 0 = not at all, 1 = all ballots the same",
    ),
    (
        "Weight",
        "the share of importance a priority gets from its place in the ranking",
    ),
    (
        "Score",
        "how much an initiative helps one priority, 0 (not at all) up to the forum's scale",
    ),
    (
        "Trimmed mean",
        "the average of the members' scores without the highest and lowest, so one outlier cannot swing it; the value uses it",
    ),
    (
        "Value",
        "an initiative's weighted scores added up: what it does for the ranked priorities",
    ),
    (
        "Value per 100k",
        "value for each 100,000 of cost: what the money buys",
    ),
    (
        "Greedy",
        "the quick way to fill the budget: take the best value per money first until nothing more fits",
    ),
    (
        "Optimal",
        "the rule that finds the best total value the budget can buy (it takes a moment longer than Greedy)",
    ),
    (
        "B1, B2…",
        "the priority's place by a Borda count (points for each place on each ballot), shown beside the ranking as a cross-check",
    ),
    (
        "Margin",
        "how much an initiative's value could change before the allocation changes",
    ),
    (
        "What-if",
        "the allocation at another budget: a preview, never recorded",
    ),
];

pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut lines = Vec::new();
    for (term, meaning) in TERMS {
        lines.push(Line::from(vec![
            Span::styled(format!("{term}: "), theme.accent()),
            Span::styled(meaning, theme.text()),
        ]));
    }
    let h = u16::try_from(TERMS.len() * 2 + 4).unwrap_or(u16::MAX);
    let r = centred(area, area.width.min(100), h);
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .style(theme.base())
            .block(block("Glossary — any key closes", theme)),
        r,
    );
}
