//! Overview: title and cycle, the phase pipeline, the budget gauge, counts, last decisions, next step.

use crate::domain::records::Phase;
use crate::tui::app::App;
use crate::tui::msg::Fresh;
use crate::tui::theme::{PhaseState, Theme};
use crate::tui::views::common::{block, cash, clean};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph, Wrap};

/// What it takes to leave a phase.
pub fn gate(phase: Phase) -> &'static str {
    match phase {
        Phase::Evidence => "Advance when the room has heard the customer's voice.",
        Phase::Priorities => "Advance when every priority has a measurable goal and its evidence.",
        Phase::Ranking => "Lock the ranking: a complete order of every priority (L on Ranking).",
        Phase::Scoring => "Advance when every initiative is scored against the ranked priorities.",
        Phase::Allocation => "Commit the allocation (c on Allocation), then close the forum.",
        Phase::Closed => "The plan is closed; reopen with a reason to change it.",
    }
}

/// The next step, in one sentence.
pub fn next_step(phase: Phase) -> &'static str {
    match phase {
        Phase::Evidence => "Walk the room through the evidence (2), then advance to Priorities.",
        Phase::Priorities => "Agree the priorities and their goals (3), then advance to Ranking.",
        Phase::Ranking => "Collect ballots, review the computed order (3), and lock the ranking.",
        Phase::Scoring => {
            "Score each initiative against the priorities (5), then advance to Allocation."
        }
        Phase::Allocation => {
            "Review the rule's allocation and what-ifs (6), then commit it as a decision."
        }
        Phase::Closed => "Share the plan brief: `roundtable report`.",
    }
}

/// The pipeline line: done ✓, current ▶, to do.
pub fn pipeline(phase: Phase, theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, p) in Phase::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" → ", theme.muted()));
        }
        let (state, text) = match p.cmp(&phase) {
            std::cmp::Ordering::Less => (PhaseState::Done, format!("✓ {}", p.name())),
            std::cmp::Ordering::Equal => (PhaseState::Current, format!("▶ {} ", p.name())),
            std::cmp::Ordering::Greater => (PhaseState::Todo, format!("· {}", p.name())),
        };
        spans.push(Span::styled(text, theme.phase(state)));
    }
    Line::from(spans)
}

/// (allocated, whether it is decided) — the allocation record's total, else the rule's plan.
pub fn allocated(fresh: &Fresh) -> (u64, bool) {
    match &fresh.snapshot.allocation {
        Some(a) => (a.lines.iter().map(|l| l.amount).sum(), true),
        None => (fresh.analysis.portfolio().total_cost, false),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, fresh: &Fresh, theme: &Theme) {
    let snap = &fresh.snapshot;
    let forum = &snap.forum;
    let outer = block(
        &format!("{} — {}", clean(&forum.title), clean(&forum.cycle)),
        theme,
    );
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let [phase_a, gauge_a, rest] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Min(1),
    ])
    .areas(inner);
    let phase_text = vec![
        pipeline(forum.phase, theme),
        Line::styled(format!("To advance: {}", gate(forum.phase)), theme.muted()),
    ];
    frame.render_widget(
        Paragraph::new(phase_text).wrap(Wrap { trim: true }),
        phase_a,
    );

    let (spent, decided) = allocated(fresh);
    let budget = forum.budget;
    let ratio = if budget == 0 {
        0.0
    } else {
        (spent as f64 / budget as f64).clamp(0.0, 1.0)
    };
    let label = format!(
        "{} {} of {} · {} remaining",
        if decided {
            "allocated"
        } else {
            "planned by rule"
        },
        cash(spent, &forum.currency),
        cash(budget, &forum.currency),
        cash(budget.saturating_sub(spent), &forum.currency)
    );
    let gauge = Gauge::default()
        .block(block("Budget", theme))
        .gauge_style(theme.funded())
        .ratio(ratio)
        .label(Span::styled(label, theme.title()));
    frame.render_widget(gauge, gauge_a);

    let (rest, extra) = if rest.height >= 18 {
        let [a, b] = Layout::vertical([Constraint::Length(9), Constraint::Min(1)]).areas(rest);
        (a, Some(b))
    } else {
        (rest, None)
    };
    if let Some(extra) = extra {
        draw_extra(frame, extra, app, fresh, theme);
    }
    let wide = rest.width >= 100;
    let [left, right] = if wide {
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(rest)
    } else {
        Layout::vertical([Constraint::Length(5), Constraint::Min(1)]).areas(rest)
    };
    let open_problems = fresh.problems.len();
    let count = |label: &str, n: usize| {
        Line::from(vec![
            Span::styled(format!("{n:>4} "), theme.title()),
            Span::styled(label.to_string(), theme.text()),
        ])
    };
    let mut counts = vec![
        count("silos", snap.silos.len()),
        count("evidence", snap.evidence.len()),
        count("priorities", snap.priorities.len()),
        count("initiatives", snap.initiatives.len()),
        count("ballots", snap.ballots.len()),
        count("problems", open_problems),
    ];
    if !wide {
        let pairs: Vec<Line> = counts
            .chunks(3)
            .map(|c| Line::from(c.iter().flat_map(|l| l.spans.clone()).collect::<Vec<_>>()))
            .collect();
        counts = pairs;
    }
    if let Some(first) = fresh.problems.first() {
        counts.push(Line::styled(
            format!(
                "⚠ {} (`roundtable check` lists {})",
                clean(first),
                if open_problems == 1 { "it" } else { "them all" }
            ),
            theme.warning(),
        ));
    }
    counts.push(Line::raw(""));
    counts.push(Line::styled(
        format!("Next: {}", next_step(forum.phase)),
        theme.accent(),
    ));
    frame.render_widget(Paragraph::new(counts).wrap(Wrap { trim: true }), left);

    let mut log: Vec<Line> = vec![Line::styled("Last decisions", theme.title())];
    if fresh.log.is_empty() {
        log.push(Line::styled("(none recorded yet)", theme.muted()));
    }
    for e in fresh
        .log
        .iter()
        .take(usize::from(right.height.saturating_sub(1)))
    {
        log.push(Line::from(vec![
            Span::styled(format!("{} ", e.commit), theme.muted()),
            Span::styled(format!("{:<8} ", clean(&e.kind)), theme.accent()),
            Span::styled(clean(&e.summary), theme.text()),
        ]));
    }
    frame.render_widget(Paragraph::new(log), right);
}

/// The priorities in force and each silo's ask against what it gets, when there is room.
fn draw_extra(frame: &mut Frame, area: Rect, app: &App, fresh: &Fresh, theme: &Theme) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let h = usize::from(area.height.saturating_sub(2));
    let mut pri: Vec<Line> = Vec::new();
    for p in fresh.analysis.priorities.iter().take(h) {
        pri.push(Line::from(vec![
            Span::styled(format!("{:>2}. ", p.rank), theme.muted()),
            Span::styled(format!("{:<5.3} ", p.weight), theme.accent()),
            Span::styled(clean(&p.title), theme.text()),
        ]));
    }
    frame.render_widget(
        Paragraph::new(pri).block(block(
            if fresh.analysis.decided {
                "Priorities in force (weight)"
            } else {
                "Priorities, computed order — not locked (weight)"
            },
            theme,
        )),
        left,
    );
    let mut silos: Vec<Line> = Vec::new();
    for (id, silo) in fresh.snapshot.silos.iter().take(h) {
        let mine: Vec<_> = fresh
            .analysis
            .initiatives
            .iter()
            .filter(|v| &v.silo == id)
            .collect();
        let asked: u64 = mine.iter().map(|v| v.cost).sum();
        let got: u64 = mine
            .iter()
            .filter(|v| app.funded(&v.id))
            .map(|v| v.cost)
            .sum();
        let n = mine.iter().filter(|v| app.funded(&v.id)).count();
        silos.push(Line::from(vec![
            Span::styled(
                format!(
                    "{:<22}",
                    crate::tui::views::common::cut(&clean(&silo.name), 21)
                ),
                theme.text(),
            ),
            Span::styled(
                format!(
                    "{} {n}/{} ",
                    crate::tui::views::common::mark(n > 0),
                    mine.len()
                ),
                if n > 0 {
                    theme.funded()
                } else {
                    theme.unfunded()
                },
            ),
            Span::styled(
                format!(
                    "{} of {}",
                    crate::tui::views::common::amount(got),
                    crate::tui::views::common::amount(asked)
                ),
                theme.muted(),
            ),
        ]));
    }
    frame.render_widget(
        Paragraph::new(silos).block(block("Silos: funded of asked", theme)),
        right,
    );
}
