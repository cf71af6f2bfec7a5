//! Overview: title and cycle, the phase pipeline, the budget gauge, counts, last decisions, next step.

use crate::domain::records::Phase;
use crate::tui::app::App;
use crate::tui::msg::Fresh;
use crate::tui::theme::{PhaseState, Theme};
use crate::tui::views::common::{amount, block, cash, clean, cut};
use crate::tui::views::evidence_notes;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph, Wrap};

/// What it takes to leave a phase (read after "To advance: "); `allocated` when an allocation
/// is recorded, so the guidance never asks for what is done.
pub fn gate(phase: Phase, allocated: bool) -> &'static str {
    match phase {
        Phase::Allocation if allocated => {
            "nothing more: the allocation is recorded; A closes the forum (c again replaces it)."
        }
        Phase::Evidence => "the room has heard the customer's voice.",
        Phase::Priorities => "every priority has a measurable goal and its evidence.",
        Phase::Ranking => "a complete order of every priority, locked (L on Ranking).",
        Phase::Scoring => "every initiative scored against the ranked priorities.",
        Phase::Allocation => "the allocation committed (c on Allocation), then close the forum.",
        Phase::Closed => "nothing: the plan is closed; reopen with a reason to change it.",
    }
}

/// The next step, in one sentence.
pub fn next_step(phase: Phase, allocated: bool) -> &'static str {
    match phase {
        Phase::Allocation if allocated => {
            "The allocation is recorded: share the brief (`roundtable report`) and close the forum (A)."
        }
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

/// The forum's title, with its cycle unless the title already names it.
pub fn heading(title: &str, cycle: &str) -> String {
    let (title, cycle) = (clean(title), clean(cycle));
    if cycle.trim().is_empty() || title.contains(cycle.trim()) {
        title
    } else {
        format!("{title} — {cycle}")
    }
}

/// `1 problem`, `2 problems`: the label in the singular or the plural.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        one.to_string()
    } else {
        many.to_string()
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, fresh: &Fresh, theme: &Theme) {
    let snap = &fresh.snapshot;
    let forum = &snap.forum;
    let outer = block(&heading(&forum.title, &forum.cycle), theme);
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
        Line::styled(
            format!(
                "To advance: {}",
                gate(forum.phase, fresh.snapshot.allocation.is_some())
            ),
            theme.muted(),
        ),
    ];
    frame.render_widget(
        Paragraph::new(phase_text).wrap(Wrap { trim: true }),
        phase_a,
    );

    let (spent, decided) = allocated(fresh);
    let budget = forum.budget;
    let known = decided || fresh.valued();
    let ratio = if budget == 0 || !known {
        0.0
    } else {
        (spent as f64 / budget as f64).clamp(0.0, 1.0)
    };
    let label = if known {
        format!(
            "{} {} of {} · {} remaining",
            if decided {
                "allocated"
            } else if fresh.solving() {
                "planned by greedy (solving…)"
            } else {
                "planned by rule"
            },
            cash(spent, &forum.currency),
            cash(budget, &forum.currency),
            cash(budget.saturating_sub(spent), &forum.currency)
        )
    } else {
        format!(
            "budget {} · the rule's plan: computing…",
            cash(budget, &forum.currency)
        )
    };
    let gauge = Gauge::default()
        .block(block("Budget", theme))
        .gauge_style(theme.funded())
        .ratio(ratio)
        .label(Span::styled(label, theme.title()));
    frame.render_widget(gauge, gauge_a);

    let (rest, extra) = if rest.height >= 18 {
        // The top (counts, next step, decision log) takes 13 rows when the panels still get
        // the rows their lists need; on a shorter screen it gives way down to 9.
        let listed = snap.priorities.len().max(snap.silos.len()) + 2;
        let listed = u16::try_from(listed).unwrap_or(u16::MAX);
        let panels = if rest.height >= 13 + listed {
            rest.height - 13
        } else {
            listed.clamp(6, rest.height - 9)
        };
        let [a, b] = Layout::vertical([Constraint::Min(9), Constraint::Length(panels)]).areas(rest);
        (a, Some(b))
    } else {
        (rest, None)
    };
    if let Some(extra) = extra {
        draw_extra(frame, extra, app, fresh, theme);
    }
    let wide = rest.width >= 100;
    let col_w = if wide {
        rest.width * 45 / 100
    } else {
        rest.width
    };
    let open_problems = fresh.problems.len();
    let count = |one: &str, many: &str, n: usize| {
        Line::from(vec![
            Span::styled(format!("{n:>4} "), theme.title()),
            Span::styled(format!("{}  ", plural(n, one, many)), theme.text()),
        ])
    };
    let mut counts = vec![
        count("silo", "silos", snap.silos.len()),
        count("evidence", "evidence", snap.evidence.len()),
        count("priority", "priorities", snap.priorities.len()),
        count("initiative", "initiatives", snap.initiatives.len()),
        count("ballot", "ballots", snap.ballots.len()),
        count("open proposal", "open proposals", app.proposals.open.len()),
        count("problem", "problems", open_problems),
    ];
    if !wide {
        let pairs: Vec<Line> = counts
            .chunks(4)
            .map(|c| Line::from(c.iter().flat_map(|l| l.spans.clone()).collect::<Vec<_>>()))
            .collect();
        counts = pairs;
    }
    if let Some(first) = fresh.problems.first() {
        let hint = format!(
            " (`roundtable check` lists {})",
            if open_problems == 1 { "it" } else { "them all" }
        );
        // Two lines at most, so the next step stays in view.
        let room = (usize::from(col_w) * 2).saturating_sub(hint.chars().count() + 4);
        counts.push(Line::styled(
            format!("⚠ {}{hint}", cut(&clean(first), room.max(10))),
            theme.warning(),
        ));
    }
    // The open reviews hold the forum in Evidence: they come before the evidence notes.
    counts.extend(review_lines(snap, theme));
    counts.extend(evidence_notes::overview_lines(snap, theme));
    counts.extend(overdue_lines(snap, &app.today, theme));
    counts.extend(challenge_lines(snap, theme));
    if wide {
        counts.push(Line::raw(""));
    }
    counts.push(Line::styled(
        format!(
            "Next: {}",
            next_step(forum.phase, fresh.snapshot.allocation.is_some())
        ),
        theme.accent(),
    ));
    if wide && wrapped_rows(&counts, col_w) > usize::from(rest.height) {
        // A short screen: the counts share lines, so the problem and the next step stay in view.
        let packed: Vec<Line> = counts[..COUNTS]
            .chunks(3)
            .map(|c| Line::from(c.iter().flat_map(|l| l.spans.clone()).collect::<Vec<_>>()))
            .collect();
        counts.splice(..COUNTS, packed);
        counts.retain(|l| l.width() > 0);
    }
    let [left, right] = if wide {
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
            .spacing(3)
            .areas(rest)
    } else {
        // As many rows as the counts, the problem and the next step take wrapped.
        let rows = u16::try_from(wrapped_rows(&counts, col_w)).unwrap_or(u16::MAX);
        Layout::vertical([Constraint::Length(rows), Constraint::Min(1)])
            .spacing(1)
            .areas(rest)
    };
    frame.render_widget(Paragraph::new(counts).wrap(Wrap { trim: true }), left);

    let mut log: Vec<Line> = agenda_lines(app, fresh, theme);
    log.push(Line::styled("Last decisions", theme.title()));
    if fresh.log.is_empty() {
        log.push(Line::styled(
            if fresh.solving() {
                "(reading the decision log…)"
            } else {
                "(none recorded yet)"
            },
            theme.muted(),
        ));
    }
    for e in fresh
        .log
        .iter()
        .take(usize::from(right.height.saturating_sub(1)))
    {
        log.push(Line::from(vec![
            Span::styled(format!("{} ", clean(&e.commit)), theme.muted()),
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
    // How many silos serve each priority: one or none is the forum's warning.
    let order: Vec<String> = fresh
        .analysis
        .priorities
        .iter()
        .take(h)
        .map(|p| p.id.clone())
        .collect();
    let serving = crate::domain::cross::serving(&fresh.snapshot, &order);
    for p in fresh.analysis.priorities.iter().take(h) {
        let n = serving.get(&p.id).map_or(0, |s| s.len());
        pri.push(Line::from(vec![
            Span::styled(format!("{:>2}. ", p.rank), theme.muted()),
            Span::styled(format!("{:<5.3} ", p.weight), theme.accent()),
            Span::styled(
                format!("{n}◆ "),
                if n <= 1 {
                    theme.warning()
                } else {
                    theme.muted()
                },
            ),
            Span::styled(clean(&p.title), theme.text()),
        ]));
    }
    if fresh.valued() && h >= 2 * order.len() + 4 {
        pri.push(Line::raw(""));
        pri.extend(matrix_lines(
            app,
            fresh,
            &order,
            usize::from(left.width),
            theme,
        ));
    }
    frame.render_widget(
        Paragraph::new(pri).block(block(
            if fresh.analysis.decided {
                "Priorities in force (weight, ◆ silos serving)"
            } else {
                "Priorities, computed order — not locked (weight, ◆ silos serving)"
            },
            theme,
        )),
        left,
    );
    if !fresh.valued() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "computing… (the silos' share appears with the values)",
                theme.muted(),
            ))
            .wrap(Wrap { trim: true })
            .block(block("Silos: funded of asked", theme)),
            right,
        );
        return;
    }
    // One pass over the initiatives: (funded, of, got, asked) per silo.
    let mut per_silo: std::collections::BTreeMap<&str, (usize, usize, u64, u64)> =
        std::collections::BTreeMap::new();
    for v in &fresh.analysis.initiatives {
        let e = per_silo.entry(v.silo.as_str()).or_default();
        e.1 += 1;
        e.3 += v.cost;
        if app.funded(&v.id) {
            e.0 += 1;
            e.2 += v.cost;
        }
    }
    let rows: Vec<_> = fresh
        .snapshot
        .silos
        .iter()
        .take(h)
        .map(|(id, silo)| {
            let (n, of, got, asked) = per_silo.get(id.as_str()).copied().unwrap_or_default();
            (clean(&silo.name), n, of, got, asked)
        })
        .collect();
    // The name takes what the numbers leave: `◐ 4/6 1,039,000 of 1,473,000`.
    let numbers = rows
        .iter()
        .map(|(_, n, of, got, asked)| {
            format!("{n}/{of} {} of {}", amount(*got), amount(*asked))
                .chars()
                .count()
                + 3
        })
        .max()
        .unwrap_or(0);
    let longest = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    let room = usize::from(right.width.saturating_sub(2)).saturating_sub(numbers + 1);
    let name_w = longest.min(room).max(8);
    let mut silos: Vec<Line> = Vec::new();
    for (name, n, of, got, asked) in rows {
        silos.push(Line::from(vec![
            Span::styled(
                format!("{:<w$} ", cut(&name, name_w), w = name_w),
                theme.text(),
            ),
            Span::styled(
                format!("{} {n}/{of} ", share_mark(n, of)),
                if n > 0 {
                    theme.funded()
                } else {
                    theme.unfunded()
                },
            ),
            Span::styled(
                format!("{} of {}", amount(got), amount(asked)),
                theme.muted(),
            ),
        ]));
    }
    frame.render_widget(
        Paragraph::new(silos).block(block(
            "Silos: funded of asked (✓ all, ◐ some, ✗ none)",
            theme,
        )),
        right,
    );
}

/// `✓` every initiative funded, `◐` some, `✗` none (or none asked): never colour alone.
pub fn share_mark(funded: usize, of: usize) -> &'static str {
    if funded == 0 {
        "✗"
    } else if funded < of {
        "◐"
    } else {
        "✓"
    }
}

/// How many counts the Overview shows (silos … problems).
const COUNTS: usize = 7;

/// The rows these lines take when wrapped at `width` columns.
fn wrapped_rows(lines: &[Line], width: u16) -> usize {
    let w = usize::from(width.max(1));
    lines.iter().map(|l| l.width().max(1).div_ceil(w)).sum()
}

/// One warning line per open action item past its date (`today`, `YYYY-MM-DD`).
pub fn overdue_lines(
    snap: &crate::domain::snapshot::Snapshot,
    today: &str,
    theme: &Theme,
) -> Vec<Line<'static>> {
    snap.actions
        .iter()
        .filter(|(_, a)| a.is_overdue(today))
        .map(|(id, a)| {
            Line::styled(
                format!(
                    "⚠ Action past due {}: {} brings {} ({})",
                    clean(&a.due),
                    clean(&a.owner),
                    clean(&a.text),
                    clean(id)
                ),
                theme.warning(),
            )
        })
        .collect()
}

/// One line per challenge of the plan the forum has not answered yet: an open question.
pub fn challenge_lines(
    snap: &crate::domain::snapshot::Snapshot,
    theme: &Theme,
) -> Vec<Line<'static>> {
    snap.endorsements
        .iter()
        .filter(|(_, e)| e.is_open_question())
        .map(|(id, e)| {
            let who = snap
                .member(&e.member)
                .map_or(e.member.as_str(), |m| m.name.as_str());
            Line::styled(
                format!(
                    "? Open question from {} ({}): {} — answer: roundtable endorse --answer {}",
                    clean(who),
                    clean(&e.on),
                    clean(&e.text),
                    clean(id)
                ),
                theme.warning(),
            )
        })
        .collect()
}

/// The last cycle's funded initiatives still waiting for the forum's verdict: one line for
/// the count, then each with its status and results (the next cycle cannot leave Evidence
/// before every one is decided).
pub fn review_lines(snap: &crate::domain::snapshot::Snapshot, theme: &Theme) -> Vec<Line<'static>> {
    let open: Vec<(&String, &crate::domain::records::Review)> = snap
        .reviews
        .iter()
        .filter(|(_, r)| r.verdict.is_none())
        .collect();
    if open.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Line::styled(
        format!(
            "? {} of {} carried initiatives to review: roundtable review ID …",
            open.len(),
            snap.reviews.len()
        ),
        theme.warning(),
    )];
    lines.extend(open.iter().map(|(id, r)| {
        Line::styled(
            format!(
                "  {} ({}, {}): {}",
                clean(id),
                clean(&r.from),
                clean(&r.status),
                clean(&r.results)
            ),
            theme.muted(),
        )
    }));
    lines
}

/// The priorities × silos matrix in thousands of the plan shown (`·`: the silo does not serve
/// the priority), as many silo columns as the width holds.
fn matrix_lines(
    app: &App,
    fresh: &Fresh,
    order: &[String],
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let allocated: std::collections::BTreeMap<&str, u64> = fresh
        .analysis
        .initiatives
        .iter()
        .filter(|v| app.funded(&v.id))
        .map(|v| (v.id.as_str(), v.cost))
        .collect();
    let m = crate::domain::cross::matrix(&fresh.snapshot, order, &allocated);
    let (name_w, col_w) = (4usize, 7usize);
    let cols = width.saturating_sub(2 + name_w) / col_w;
    let silos: Vec<&String> = m.silos.iter().take(cols).collect();
    let mut head = format!("{:<name_w$}", "");
    for s in &silos {
        head.push_str(&format!("{:>col_w$}", cut(&clean(s), col_w - 1)));
    }
    let mut out = vec![
        Line::styled(
            "Who serves each priority: the plan by silo, in thousands (· not serving)",
            theme.muted(),
        ),
        Line::styled(head, theme.title()),
    ];
    for (k, p) in order.iter().enumerate() {
        let mut row = format!("{:>2}. ", k + 1);
        for s in &silos {
            let cell = m
                .cell(p, s)
                .map_or("·".to_string(), |v| format!("{}", (v + 500) / 1000));
            row.push_str(&format!("{cell:>col_w$}"));
        }
        out.push(Line::styled(row, theme.text()));
    }
    out
}

/// The agenda to the next phase, step by step, with the minutes each step took at the last
/// meeting (the newest day in the log), and a blank line after it.
pub fn agenda_lines(app: &App, fresh: &Fresh, theme: &Theme) -> Vec<Line<'static>> {
    use crate::domain::phase::DecisionKind;
    let last_day = fresh.log.first().map(|e| e.date.clone());
    let mut meeting: Vec<(DecisionKind, i64)> = fresh
        .log
        .iter()
        .filter(|e| Some(&e.date) == last_day.as_ref())
        .filter_map(|e| Some((DecisionKind::parse(&e.kind)?, e.time)))
        .collect();
    meeting.reverse(); // the log is newest first; the meeting is timed oldest first
    let a = crate::domain::agenda::outline(
        &fresh.snapshot,
        &app.today,
        &crate::domain::agenda::durations(&meeting),
    );
    let Some(next) = a.next else {
        return Vec::new();
    };
    let mut out = vec![Line::styled(format!("Agenda to {next}"), theme.title())];
    for (k, step) in a.steps.iter().enumerate() {
        let took = step
            .last_time
            .filter(|t| *t > 0)
            .map(|t| format!(" · {} min last time", (t + 59) / 60))
            .unwrap_or_default();
        let open = step
            .blockers
            .first()
            .map(|b| format!(" ({})", clean(b)))
            .unwrap_or_default();
        out.push(Line::from(vec![
            Span::styled(format!("{}. ", k + 1), theme.muted()),
            Span::styled(step.what.clone(), theme.text()),
            Span::styled(format!("{open}{took}"), theme.muted()),
        ]));
    }
    out.push(Line::raw(""));
    out
}
