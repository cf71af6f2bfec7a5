//! The audit of one initiative on the History screen: each step of the chain of why, and
//! under it the commits that made it (hash, date, decision, author, summary).

use crate::domain::money::money;
use crate::store::audit::Audit;
use crate::store::history::Entry;
use crate::tui::audit::AuditView;
use crate::tui::theme::Theme;
use crate::tui::views::common::{block, clean};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the audit (or its progress or error) into `area`.
pub fn draw(frame: &mut Frame, area: Rect, view: &AuditView, theme: &Theme) {
    let title = format!(
        "Audit of {} (Esc: back to the log, ←/→: other initiatives, ↑/↓: scroll)",
        clean(&view.initiative)
    );
    let lines = match (&view.audit, &view.error) {
        (Some(a), _) => lines(a, theme),
        (None, Some(e)) => vec![Line::styled(
            format!("Cannot audit: {}", clean(e)),
            theme.warning(),
        )],
        (None, None) => vec![Line::styled(
            "Reading the chain of why and its commits…",
            theme.muted(),
        )],
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((view.scroll, 0))
            .block(block(&title, theme)),
        area,
    );
}

fn step<'a>(name: &str, text: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{name:<11}"), theme.title()),
        Span::styled(text, theme.text()),
    ])
}

fn commit<'a>(label: &str, e: &Entry, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("  ↳ {label:<9} "), theme.muted()),
        Span::styled(e.short().to_string(), theme.accent()),
        Span::styled(format!(" {} ", clean(&e.date)), theme.muted()),
        Span::styled(
            format!("{:<8} ", clean(e.decision.as_deref().unwrap_or("-"))),
            theme.accent(),
        ),
        Span::styled(
            format!("{} — {}", clean(&e.author), clean(&e.summary)),
            theme.text(),
        ),
    ])
}

fn yes(b: bool) -> &'static str {
    if b { "funded" } else { "not funded" }
}

/// The audit as lines: one heading per step, its commits under it.
pub fn lines<'a>(a: &Audit, theme: &Theme) -> Vec<Line<'a>> {
    let c = &a.chain;
    let t = &a.trail;
    let m = |x: u64| money(x, &clean(&c.currency));
    let i = &c.initiative;
    let mut out = vec![
        Line::styled(
            format!("{} — silo {}", clean(&i.title), clean(&i.silo)),
            theme.title(),
        ),
        step(
            "Proposal",
            format!("cost {}, owner {}", m(i.cost), clean(&i.owner)),
            theme,
        ),
    ];
    if let Some(p) = &t.proposed
        && t.accepted.as_ref().is_none_or(|acc| acc.commit != p.commit)
    {
        out.push(commit("proposed", p, theme));
    }
    if let Some(acc) = &t.accepted {
        out.push(commit("accepted", acc, theme));
    }
    for mv in &t.moves {
        out.push(commit(
            &format!("moved→{}", clean(&mv.to)),
            &mv.commit,
            theme,
        ));
    }
    // The later steps are told with the records of the allocation decision in force.
    let (c, t) = a.told();
    if let Some(d) = &a.as_decided {
        out.push(step(
            "As decided",
            "the steps below use the records of the allocation decision".into(),
            theme,
        ));
        out.push(commit("allocated", &d.commit, theme));
    }
    for p in &c.priorities {
        let rank = p.rank.map_or("unranked".into(), |r| format!("#{r}"));
        let cited: Vec<String> = p.evidence.iter().map(|e| clean(&e.id)).collect();
        out.push(step(
            "Priority",
            format!(
                "{rank} {} — weight {:.4}, score {:.2}; evidence: {}",
                clean(&p.title),
                p.weight,
                p.score,
                if cited.is_empty() {
                    "none".into()
                } else {
                    cited.join(", ")
                }
            ),
            theme,
        ));
        for e in t.priorities.get(&p.id).into_iter().flatten().take(1) {
            out.push(commit("added", e, theme));
        }
    }
    let r = &c.ranking;
    out.push(step(
        "Ranking",
        format!(
            "{} priorities, {}, weights {}{}",
            r.priorities,
            clean(&r.method),
            clean(&r.weighting),
            if r.locked { ", locked" } else { "" }
        ),
        theme,
    ));
    if let Some(e) = &t.ranked {
        out.push(commit("ranked", e, theme));
    }
    if let Some(e) = &t.locked {
        out.push(commit("locked", e, theme));
    }
    let s = &c.scoring;
    let agg: Vec<String> = c
        .priorities
        .iter()
        .map(|p| format!("{:.2}", s.aggregate.get(&p.id).copied().unwrap_or(0.0)))
        .collect();
    out.push(step(
        "Scores",
        format!(
            "{} scorer(s){}; aggregate {}",
            s.scorers.len(),
            if s.consensus { ", consensus card" } else { "" },
            agg.join(" / ")
        ),
        theme,
    ));
    for sc in &s.scorers {
        let given: Vec<String> = c
            .priorities
            .iter()
            .map(|p| sc.scores.get(&p.id).copied().unwrap_or(0).to_string())
            .collect();
        let label = format!(
            "{}{}",
            clean(&sc.member),
            if sc.recused { " (recused)" } else { "" }
        );
        out.push(Line::styled(
            format!("    {label}: {}", given.join(" / ")),
            theme.muted(),
        ));
        if let Some(e) = t.scores.get(&sc.member) {
            out.push(commit("scored", e, theme));
        }
    }
    let rule = &c.rule;
    out.push(step(
        "Value",
        format!(
            "{:.4} (#{} of {}), {:.4} per 100k",
            c.value, rule.position, rule.of, c.value_per_100k
        ),
        theme,
    ));
    let margin = rule
        .margin
        .map_or("none".to_string(), |mg| format!("{mg:+.4}"));
    let cut = rule.cut_line.map_or("—".to_string(), |x| format!("{x:.4}"));
    out.push(step(
        "Rule",
        format!(
            "{} rule: {}; margin {margin}; cut line {cut} per 100k",
            clean(&rule.rule),
            yes(rule.funded)
        ),
        theme,
    ));
    out.push(Line::styled(
        format!("    {}", clean(&rule.why)),
        theme.muted(),
    ));
    match &c.decision {
        None => out.push(step("Forum", "no allocation yet".into(), theme)),
        Some(d) => {
            let what = match d.amount {
                Some(x) => format!("allocated {}", m(x)),
                None => "no line: not funded".into(),
            };
            let reason = if d.reason.is_empty() {
                String::new()
            } else {
                format!(" — {}", clean(&d.reason))
            };
            out.push(step("Forum", format!("{what}{reason}"), theme));
        }
    }
    if let Some(e) = &t.allocated {
        out.push(commit("allocated", e, theme));
    }
    for change in &a.allocations {
        let what = match (change.amount, change.withdrawn) {
            (_, true) => "withdrawn".to_string(),
            (None, false) => "no line".to_string(),
            (Some(x), false) => m(x),
        };
        out.push(commit(&what, &change.commit, theme));
    }
    if let Some(d) = &a.as_decided {
        let notes = if d.since.is_empty() {
            vec!["nothing this audit rests on".to_string()]
        } else {
            d.since.clone()
        };
        out.push(step(
            "Since",
            notes.first().map_or(String::new(), |n| clean(n)),
            theme,
        ));
        for note in notes.iter().skip(1) {
            out.push(Line::styled(format!("    {}", clean(note)), theme.muted()));
        }
    }
    out
}
