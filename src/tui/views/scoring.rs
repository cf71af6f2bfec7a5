//! Scoring, live: the selected initiative × priorities, consensus and members, disagreement shown.

use crate::domain::analysis::FlagKind;
use crate::domain::records::CONSENSUS;
use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::msg::Fresh;
use crate::tui::theme::Theme;
use crate::tui::views::common::{amount, block, clean, computing, cut};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, fresh: &Fresh, theme: &Theme) {
    if !fresh.valued() {
        computing(frame, area, "Scoring", fresh, theme);
        return;
    }
    let Some(id) = app.selected_initiative() else {
        frame.render_widget(
            Paragraph::new("No initiatives to score.").block(block("Scoring", theme)),
            area,
        );
        return;
    };
    let a = &fresh.analysis;
    let v = a.valuation(&id);
    let title = v.map(|v| clean(&v.title)).unwrap_or_else(|| clean(&id));
    let silo = v.map(|v| clean(&v.silo)).unwrap_or_default();
    let cost = v.map(|v| amount(v.cost)).unwrap_or_default();
    let [grid_a, foot_a] =
        Layout::vertical([Constraint::Min(5), Constraint::Length(4)]).areas(area);
    let mode = if app.scoring.entering {
        " · ENTERING SCORES (Esc done)"
    } else {
        ""
    };
    let outer = block(
        &format!("Scoring ← {title} → · {silo} · {cost}{mode}"),
        theme,
    );
    let inner = outer.inner(grid_a);
    frame.render_widget(outer, grid_a);

    let members: Vec<&crate::domain::records::Member> =
        fresh.snapshot.forum.members.iter().collect();
    let proposal = fresh.snapshot.initiatives.get(&id);
    let col = 6usize;
    let name_w = usize::from(inner.width)
        .saturating_sub(14 + col * members.len())
        .clamp(12, 40);
    let mut header = vec![
        Span::styled(format!("{:<name_w$}", "Priority"), theme.title()),
        Span::styled(format!("{:>7}", "Forum"), theme.title()),
        Span::styled(format!("{:>7}", "Trim"), theme.title()),
    ];
    for m in &members {
        let st = if m.id == app.scoring.scorer {
            theme.accent()
        } else {
            theme.muted()
        };
        header.push(Span::styled(
            format!("{:>col$}", cut(&clean(&m.id), col - 1)),
            st,
        ));
    }
    let mut lines = vec![Line::from(header)];
    let sel = app.sel(Screen::Scoring);
    for (i, p) in a.order.iter().enumerate() {
        let ptitle = fresh
            .snapshot
            .priorities
            .get(p)
            .map(|x| clean(&x.title))
            .unwrap_or_else(|| clean(p));
        let stats = v.and_then(|v| v.stats.get(p));
        let disagree = stats.is_some_and(|s| s.polarised || s.low_consensus);
        let row_style = if i == sel {
            theme.selected()
        } else {
            theme.text()
        };
        let consensus = match app.score_of(CONSENSUS, &id, p) {
            Some((s, true)) => format!("{s}*"),
            Some((s, false)) => s.to_string(),
            None => "·".into(),
        };
        let mean = stats
            .filter(|s| s.count > 0)
            .map(|s| format!("{:.1}", s.trimmed))
            .unwrap_or_else(|| "·".into());
        let flag = match (i == sel, disagree) {
            (true, true) => "▶⚠",
            (true, false) => "▶ ",
            (false, true) => " ⚠",
            (false, false) => "  ",
        };
        let mut spans = vec![
            Span::styled(
                format!("{flag}{:<w$}", cut(&ptitle, name_w - 2), w = name_w - 2),
                row_style,
            ),
            Span::styled(format!("{consensus:>7}"), theme.title()),
            Span::styled(
                format!("{mean:>7}"),
                if disagree {
                    theme.warning()
                } else {
                    theme.text()
                },
            ),
        ];
        for m in &members {
            let recused =
                fresh.snapshot.forum.recusal && proposal.is_some_and(|p| p.involves(&m.silo));
            let outlier = v.is_some_and(|v| {
                v.flags.iter().any(|f| {
                    f.kind == FlagKind::Outlier
                        && f.priority.as_deref() == Some(p.as_str())
                        && f.members.contains(&m.id)
                })
            });
            let cell = match app.score_of(&m.id, &id, p) {
                _ if recused => "R".to_string(),
                Some((s, pending)) if app.scoring.revealed || m.id == app.scoring.scorer => {
                    format!("{s}{}", if pending { "*" } else { "" })
                }
                Some(_) => "•".to_string(),
                None => "·".to_string(),
            };
            let style = if recused {
                theme.muted()
            } else if outlier && app.scoring.revealed {
                theme.warning()
            } else {
                theme.text()
            };
            spans.push(Span::styled(format!("{cell:>col$}"), style));
        }
        lines.push(Line::from(spans));
    }
    // Room to spare under the grid: the initiative's case and the selected priority.
    let grid_rows = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    if inner.height >= grid_rows + 8 {
        let [grid, brief] =
            Layout::vertical([Constraint::Length(grid_rows + 1), Constraint::Min(7)]).areas(inner);
        frame.render_widget(Paragraph::new(lines), grid);
        let priority = a.order.get(app.sel(Screen::Scoring)).map(String::as_str);
        super::scoring_brief::draw(frame, brief, fresh, &id, priority, theme);
    } else {
        frame.render_widget(Paragraph::new(lines), inner);
    }

    let scale = fresh.snapshot.forum.scale;
    let reveal = if app.scoring.revealed {
        "revealed"
    } else {
        "hidden (• = scored; r reveals)"
    };
    let entering = app.scoring.entering;
    let mut per: Vec<String> = Vec::new();
    for m in std::iter::once(crate::domain::records::CONSENSUS.to_string())
        .chain(members.iter().map(|m| m.id.clone()))
    {
        let n = app
            .scoring
            .pending
            .keys()
            .filter(|(k, _, _)| *k == m)
            .count();
        if n > 0 {
            per.push(format!("{} {n}", clean(&m)));
        }
    }
    let pending = if per.is_empty() {
        "nothing pending".to_string()
    } else {
        format!(
            "pending (*): {} · c commits every card · u undoes",
            per.join(", ")
        )
    };
    let foot = vec![
        Line::from(vec![
            Span::styled(
                format!("{} · ", scorecards_in(&fresh.snapshot)),
                theme.accent(),
            ),
            Span::styled(
                if entering {
                    "ENTERING SCORES for "
                } else {
                    "Scorecard: "
                },
                if entering {
                    theme.warning()
                } else {
                    theme.text()
                },
            ),
            Span::styled(clean(&app.scoring.scorer), theme.accent()),
            Span::styled(
                if entering {
                    format!(
                        " · 0…{scale} score the selected priority · Bksp clears · Esc done · m scorer"
                    )
                } else {
                    " · e enters scores (then digits score) · m changes scorer".to_string()
                },
                theme.muted(),
            ),
            Span::styled(format!(" · individual scores {reveal}"), theme.muted()),
        ]),
        Line::styled(
            format!(
                "{pending} · Trim: the members' scores without the highest and lowest, as the value uses them · ⚠ disagreement · R recused (own silo)"
            ),
            theme.muted(),
        ),
    ];
    frame.render_widget(
        Paragraph::new(foot)
            .wrap(Wrap { trim: true })
            .block(block("How to score", theme)),
        foot_a,
    );
}

/// `5 of 7 scorecards in`: the members whose scorecard the forum holds, of all its members.
pub fn scorecards_in(snapshot: &crate::domain::snapshot::Snapshot) -> String {
    // Members who left are not expected any more (their cards, if any, still count).
    let members: Vec<_> = snapshot
        .forum
        .members
        .iter()
        .filter(|m| m.active() || snapshot.scorecards.contains_key(&m.id))
        .collect();
    let done = members
        .iter()
        .filter(|m| snapshot.scorecards.contains_key(&m.id))
        .count();
    format!("{done} of {} scorecards in", members.len())
}
