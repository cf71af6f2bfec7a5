//! The what-if panel on Allocation: the budget asked about against the forum's, the totals and
//! the value before and after, what drops and what comes in, and why more money can drop a
//! line (the exact rule picks the best set for each budget anew).

use crate::domain::sensitivity::WhatIf;
use crate::tui::app::App;
use crate::tui::msg::Fresh;
use crate::tui::theme::Theme;
use crate::tui::views::common::{amount, cash, clean};
use ratatui::text::Line;

/// How a line of the table changes at the what-if budget: dropped, brought in, or neither.
pub fn change(w: &WhatIf, id: &str, theme: &Theme) -> Option<(String, ratatui::style::Style)> {
    if w.dropped.iter().any(|d| d == id) {
        Some((format!("▼ drops at {}", amount(w.budget)), theme.error()))
    } else if w.added.iter().any(|d| d == id) {
        Some((
            format!("▲ comes in at {}", amount(w.budget)),
            theme.funded(),
        ))
    } else {
        None
    }
}

/// The panel's lines: read from the what-if the worker solved and the forum on screen.
pub fn lines(
    app: &App,
    fresh: &Fresh,
    w: &WhatIf,
    spent: u64,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let cur = &fresh.snapshot.forum.currency;
    let title = |id: &str| {
        app.valuation(fresh, id).map_or_else(
            || clean(id),
            |v| format!("{} ({})", clean(&v.title), amount(v.cost)),
        )
    };
    let mut out = vec![
        Line::styled(
            format!(
                "Budget {} → {}",
                cash(w.base_budget, cur),
                cash(w.budget, cur)
            ),
            theme.title(),
        ),
        Line::styled(
            format!("Funded {} → {}", amount(spent), amount(w.total_cost)),
            theme.text(),
        ),
        Line::styled(
            format!("Value {:.2} → {:.2}", w.base_value, w.total_value),
            theme.text(),
        ),
    ];
    if !w.feasible {
        out.push(Line::styled(
            "The mandatory lines do not fit this budget: no allocation holds.",
            theme.error(),
        ));
    }
    out.push(Line::raw(""));
    if w.against_standing {
        out.push(Line::styled(
            "Compared with the allocation the forum agreed.",
            theme.muted(),
        ));
    }
    let mut list = |head: &str, ids: &[String], style| {
        out.push(Line::styled(format!("{head} ({})", ids.len()), style));
        if ids.is_empty() {
            out.push(Line::styled("  nothing", theme.muted()));
        }
        out.extend(
            ids.iter()
                .map(|id| Line::styled(format!("  {}", title(id)), style)),
        );
    };
    list("▼ Drops", &w.dropped, theme.error());
    list("▲ Comes in", &w.added, theme.funded());
    // A cut under the forum's defence plan: what `B` (rebudget) will do instead of the rule.
    if let Some(defence) = fresh
        .snapshot
        .forum
        .defence
        .as_ref()
        .filter(|_| w.against_standing && w.budget < w.base_cost)
    {
        let c = crate::domain::defence::cut(
            &fresh.snapshot,
            &fresh.analysis,
            defence,
            w.budget,
            &w.funded,
        );
        out.push(Line::raw(""));
        out.push(Line::styled(
            "The forum's defence plan decides a cut (B):",
            theme.accent(),
        ));
        let dropped: Vec<String> = c.dropped.iter().map(|id| title(id)).collect();
        out.push(Line::styled(
            format!(
                "  drops {}",
                if dropped.is_empty() {
                    "nothing".to_string()
                } else {
                    dropped.join("; ")
                }
            ),
            theme.unfunded(),
        ));
        if !c.fits {
            out.push(Line::styled(
                "  and still does not fit: protected and needed lines cost more",
                theme.error(),
            ));
        }
    }
    if w.non_nested {
        out.push(Line::raw(""));
        out.push(Line::styled(
            if w.budget < w.base_budget {
                "Not nested: with less money a line comes in. The rule picks the best set for \
                 each budget anew, so a smaller line can take a larger one's place."
            } else {
                "Not nested: with more money a line drops. The rule picks the best set for each \
                 budget anew, so the extra money can let a better combination replace it."
            },
            theme.warning(),
        ));
    }
    if !w.proven_optimal {
        out.push(Line::styled(
            "Not proven optimal within the solver's work limit: the best set found is shown.",
            theme.warning(),
        ));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        "←/→ ±5% · b types an amount · 0 back to the forum's budget",
        theme.accent(),
    ));
    out
}
